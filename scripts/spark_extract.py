"""`pactwatch batch extract INPUT OUTPUT --engine spark` as a file: spark-submit takes files, not console scripts.

spark-submit --master yarn ... scripts/spark_extract.py s3a://bucket/news/ s3a://bucket/out/
"""

from __future__ import annotations

import sys

from pactwatch.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["batch", "extract", *sys.argv[1:], "--engine", "spark"]))
