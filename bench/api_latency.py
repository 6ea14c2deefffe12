"""Latency of ``GET /api/network`` under concurrent clients on loopback (a bounded load run).

Builds the demo store (unless --db is given), starts ``pactwatch serve`` in a subprocess on a free
loopback port, sends --requests requests from --concurrency threads over a fixed set of days, and
prints p50/p95/p99/max latency and throughput as JSON.

    .venv/bin/python bench/api_latency.py --concurrency 20 --requests 400
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

DAYS = ["2014-03-01", "2018-06-12", "2022-02-24", "2023-09-13", "2024-06-19", "2024-06-28", "2025-01-01"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(base: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/range", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("server did not come up")


def run(db: str, concurrency: int, requests: int) -> dict[str, object]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "pactwatch", "serve", "--db", db, "--port", str(port)]
    server = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    try:
        _wait(base, time.monotonic() + 60)
        with httpx.Client(base_url=base, timeout=60, limits=httpx.Limits(max_connections=concurrency)) as client:
            client.get("/api/network", params={"on": DAYS[0]})  # warm-up (imports, caches)

            def one(i: int) -> float:
                start = time.perf_counter()
                r = client.get("/api/network", params={"on": DAYS[i % len(DAYS)]})
                r.raise_for_status()
                return time.perf_counter() - start

            began = time.perf_counter()
            with ThreadPoolExecutor(concurrency) as pool:
                took = sorted(pool.map(one, range(requests)))
            wall = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(10)
    ms = [t * 1000 for t in took]
    q = statistics.quantiles(ms, n=100)
    return {
        "endpoint": "/api/network",
        "concurrency": concurrency,
        "requests": requests,
        "p50_ms": round(q[49], 1),
        "p95_ms": round(q[94], 1),
        "p99_ms": round(q[98], 1),
        "max_ms": round(ms[-1], 1),
        "throughput_rps": round(requests / wall, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="store to serve (default: a fresh demo store)")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    db = args.db
    if db is None:
        db = str(Path(tempfile.mkdtemp(prefix="pw-bench-")) / "demo.db")
        subprocess.run([sys.executable, "-m", "pactwatch", "demo", "--db", db], check=True, capture_output=True)
    print(json.dumps(run(db, args.concurrency, args.requests), indent=2))


if __name__ == "__main__":
    main()
