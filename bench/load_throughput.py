"""Load throughput (rows/s) of ``pactwatch load`` into SQLite and PostgreSQL, one run.

Builds a synthetic batch OUTPUT (documents, events, mentions) without extraction, then
loads it into a fresh SQLite file and a fresh PostgreSQL database (a throwaway server
from scripts/pg_server.py, or $PACTWATCH_TEST_PG). Run: .venv/bin/python bench/load_throughput.py [--docs 20000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from pactwatch.batch.io import ParquetOutput
from pactwatch.extract import Extraction
from pactwatch.model import Actor, Document, Event, Evidence, Mention
from pactwatch.store import Store
from pactwatch.store.load import load_output

ROOT = Path(__file__).resolve().parents[1]


def build(output: Path, size: int) -> None:
    sink = ParquetOutput(output)
    for i in range(size):
        text = f"China sent launcher trucks to North Korea, report {i}."
        doc = Document(id=f"d{i}", text=text, published=f"2024-{1 + i % 12:02d}-01")
        ev = [Event(doc.id, t, (Actor("China", "CHN"),), (Actor("North Korea", "PRK"),), Evidence(text, 0, len(text)))
              for t in ("AID", "CONSULT")]  # fmt: skip
        mentions = (
            Mention(doc.id, 0, 5, "China", "state", "CHN"),
            Mention(doc.id, 30, 41, "North Korea", "state", "PRK"),
        )
        sink.add(Extraction(doc, tuple(ev), mentions))
    sink.close()


def pg_url() -> tuple[str, str | None]:
    given = os.environ.get("PACTWATCH_TEST_PG")
    if given:
        return given, None
    root = tempfile.mkdtemp(prefix="pactwatch-pg-", dir="/tmp")
    url = subprocess.run([sys.executable, str(ROOT / "scripts/pg_server.py"), "start", root],
                         check=True, capture_output=True, text=True).stdout.strip()  # fmt: skip
    return url, root


def timed_load(db: str, output: Path) -> float:
    store = Store.open(db)
    start = time.perf_counter()
    report = load_output(store, output)
    seconds = time.perf_counter() - start
    store.close()
    return (report.documents + report.events + report.mentions) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=20_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    build(tmp / "out", args.docs)
    rates = {"sqlite": timed_load(str(tmp / "load.db"), tmp / "out")}
    server, root = pg_url()
    try:
        import psycopg

        name = "bench_" + uuid.uuid4().hex[:8]
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        rates["postgresql"] = timed_load(server.rsplit("/", 1)[0] + "/" + name, tmp / "out")
    finally:
        if root:
            subprocess.run([sys.executable, str(ROOT / "scripts/pg_server.py"), "stop", root], check=False)
    for backend, rate in rates.items():
        print(f"{backend}: {rate:,.0f} rows/s ({args.docs} documents, {5 * args.docs} rows)")


if __name__ == "__main__":
    main()
