"""Local batch extraction with 1 vs 2 worker processes on the same corpus, one run; prints the ratio.

Goal: 2 workers >= 1.7x one (needs 2 idle cores). Run: .venv/bin/python bench/batch_workers.py [--docs 400]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from pactwatch.batch import run_local
from pactwatch.kb import demo_corpus_path


def write_corpus(path: Path, size: int) -> Path:
    """The demo corpus repeated with distinct ids and texts, as JSONL."""
    items = [json.loads(x) for x in (demo_corpus_path() / "news.jsonl").read_text("utf-8").splitlines() if x]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(size):
            item = items[i % len(items)]
            fh.write(json.dumps({**item, "id": f"b{i}", "text": item["text"] + f"\n\n(copy {i})"}) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=400)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    src = write_corpus(tmp / "in.jsonl", args.docs)
    rates = {}
    for workers in (1, 2):
        start = time.perf_counter()
        report = run_local(str(src), tmp / f"out{workers}", workers=workers)
        rates[workers] = report.documents / (time.perf_counter() - start)
        print(f"workers={workers}: {rates[workers]:.1f} docs/s ({report.summary()})")
    print(f"ratio 2 workers / 1 worker: {rates[2] / rates[1]:.2f}x (goal >= 1.7x)")


if __name__ == "__main__":
    main()
