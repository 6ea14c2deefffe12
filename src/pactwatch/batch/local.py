"""The local runner: ``extract_batch`` in this process or in N worker processes, Parquet out."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from pactwatch.batch.io import BatchReport, ParquetOutput, read_input
from pactwatch.errors import InputError
from pactwatch.ingest.service import extract_parallel
from pactwatch.model import Document

BATCH_SIZE = 32


def run_local(input_path: str, output: Path, workers: int = 1, batch_size: int = BATCH_SIZE) -> BatchReport:
    """Extract every document of ``input_path`` and write the Parquet tables under ``output``.

    Streams: at most ``2 * workers`` batches are in flight and each table's rows
    are flushed every few thousand, so memory stays flat however large the input.
    """
    report = BatchReport()

    def documents() -> Iterator[Document]:
        for item in read_input(input_path):
            if isinstance(item, InputError):
                report.failures.append(item)
                sys.stderr.write(f"error: {item}\n")
            else:
                yield item

    docs = documents()
    batches = iter(lambda: list(islice(docs, batch_size)), [])
    sink = ParquetOutput(output)
    for extractions in extract_parallel(batches, workers):
        for ex in extractions:
            sink.add(ex)
    sink.close()
    report.documents, report.events, report.mentions = (sink.written[t] for t in ("documents", "events", "mentions"))
    return report
