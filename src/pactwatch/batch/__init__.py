"""Batch extraction at scale: one entry point (:func:`pactwatch.extract.extract_batch`), several runners.

*What* runs is always ``extract_batch`` over a batch of documents; *how* it runs
is the runner's business: :func:`run_local` (in-process or N worker processes)
or :func:`pactwatch.batch.spark.run_spark` (``pyspark``, an optional extra).
Both write the Parquet layout of :mod:`pactwatch.store.load`.
"""

from pactwatch.batch.io import BatchReport, extraction_records, read_input
from pactwatch.batch.local import run_local

__all__ = ["BatchReport", "extraction_records", "read_input", "run_local"]
