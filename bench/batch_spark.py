"""Spark local[1] vs local[2] on the same corpus, one run (start-up included); prints the ratio.

Goal: local[2] >= 1.7x local[1] on a corpus large enough to amortise start-up.
Run: .venv/bin/python bench/batch_spark.py [--docs 600]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from batch_workers import write_corpus

from pactwatch.batch.spark import run_spark, spark_session


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=600)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    src = write_corpus(tmp / "in.jsonl", args.docs)
    rates = {}
    for cores in (1, 2):
        start = time.perf_counter()
        spark = spark_session(f"local[{cores}]")
        report = run_spark(str(src), str(tmp / f"out{cores}"), spark=spark)
        spark.stop()
        rates[cores] = report.documents / (time.perf_counter() - start)
        print(f"local[{cores}]: {rates[cores]:.1f} docs/s ({report.summary()})")
    print(f"ratio local[2] / local[1]: {rates[2] / rates[1]:.2f}x (goal >= 1.7x)")


if __name__ == "__main__":
    main()
