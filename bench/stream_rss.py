"""Peak RSS while streaming synthetic articles through the local batch runner (read, extract, write Parquet).

Prints the peak RSS after each tenth of the input: it must stay flat (and <= 1 GB).
Run: .venv/bin/python bench/stream_rss.py [--docs 100000]
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from pactwatch.batch.io import ParquetOutput
from pactwatch.extract import extract_batch
from pactwatch.model import Document

SENTENCES = [
    "China sent launcher trucks to North Korea on {d}.",
    "Russia and North Korea held joint naval drills near Vladivostok on {d}.",
    "The United States imposed sanctions on Iranian drone makers on {d}.",
]


def synthetic(size: int) -> Iterator[Document]:
    for i in range(size):
        day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
        text = " ".join(s.format(d=day) for s in SENTENCES) + f" (article {i})"
        yield Document(id=f"s{i}", text=text, published=day)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=100_000)
    args = parser.parse_args()
    sink = ParquetOutput(Path(tempfile.mkdtemp()) / "out")
    batch: list[Document] = []
    marks: list[float] = []
    start = time.perf_counter()
    for i, doc in enumerate(synthetic(args.docs), start=1):
        batch.append(doc)
        if len(batch) == 64 or i == args.docs:
            for ex in extract_batch(batch):
                sink.add(ex)
            batch = []
        if i % max(1, args.docs // 10) == 0:
            marks.append(peak_mb())
            print(
                f"{i:>7} docs  peak RSS {marks[-1]:.0f} MB  {i / (time.perf_counter() - start):.0f} docs/s", flush=True
            )
    sink.close()
    print(
        json.dumps(
            {
                "docs": args.docs,
                "peak_rss_mb": round(peak_mb()),
                "growth_after_first_tenth_mb": round(marks[-1] - marks[0]),
            }
        )
    )


if __name__ == "__main__":
    main()
