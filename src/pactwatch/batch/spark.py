"""The Spark runner: ``extract_batch`` inside ``mapInArrow``, Parquet out, partitioned by day.

Each Python worker of each executor loads the spaCy pipeline once (the
extractor is cached per process and Spark reuses its Python workers), then
extracts Arrow batches of documents. One row per document comes back, with its
events and mentions as JSON arrays that Spark explodes into ``events/`` and
``mentions/``; the per-document rows are persisted so extraction runs once for
the three writes. ``pyspark`` is an optional extra: ``pip install 'pactwatch[spark]'``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

import pyarrow as pa

from pactwatch.batch.io import INPUT_FIELDS, BatchReport, document_of, extraction_records, input_format
from pactwatch.errors import InputError, PactwatchError
from pactwatch.extract import extract_batch
from pactwatch.model import Document
from pactwatch.store.load import PARTITION, SCHEMAS

_SPARK_TYPES = {"string": "string", "int64": "bigint", "double": "double"}
ERROR = "error"


def _ddl(table: str) -> str:
    return ", ".join(f"`{f.name}` {_SPARK_TYPES[str(f.type)]}" for f in SCHEMAS[table])


DOC_COLUMNS = [*SCHEMAS["documents"].names, PARTITION]
ROW_SCHEMA = pa.schema(
    [(c, pa.string()) for c in DOC_COLUMNS]
    + [("events_json", pa.string()), ("mentions_json", pa.string()), (ERROR, pa.string())]
)
ROW_DDL = ", ".join(f"`{f.name}` string" for f in ROW_SCHEMA)


def extract_arrow(batches: Iterable[pa.RecordBatch], origin: str) -> Iterator[pa.RecordBatch]:
    """Executor side: input records -> documents -> ``extract_batch`` -> one row per document."""
    for batch in batches:
        docs: list[Document] = []
        rows: list[dict[str, Any]] = []
        for record in batch.to_pylist():
            try:
                docs.append(document_of(record, origin))
            except InputError as exc:
                rows.append({"origin": origin, ERROR: f"record {record.get('id')!r}: {exc.reason}"})
        for ex in extract_batch(docs):
            out = extraction_records(ex)
            row = dict(out["documents"][0])
            row["events_json"] = json.dumps(out["events"])
            row["mentions_json"] = json.dumps(out["mentions"])
            rows.append(row)
        yield pa.RecordBatch.from_pylist(rows, schema=ROW_SCHEMA)


def spark_session(master: str | None, app: str = "pactwatch-batch-extract") -> Any:
    """A session for ``master`` (``local[2]``, ``spark://…``, ``yarn``; None: what spark-submit set)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise PactwatchError("pyspark is not installed; pip install 'pactwatch[spark]' or use --engine local") from exc
    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        # local Python workers must run this interpreter (the one pactwatch is installed in),
        # not whatever python3 is first on PATH; a cluster sets spark.pyspark.python itself
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (
        builder.config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        .getOrCreate()
    )


def _read(spark: Any, input_path: str) -> Any:
    schema = ", ".join(f"`{c}` string" for c in INPUT_FIELDS)
    if input_format(input_path) == "parquet":
        df = spark.read.parquet(input_path)
        from pyspark.sql import functions as F

        return df.select([(F.col(c) if c in df.columns else F.lit(None)).cast("string").alias(c) for c in INPUT_FIELDS])
    return spark.read.schema(schema).json(input_path)


def run_spark(input_path: str, output: str, master: str | None = None, spark: Any = None) -> BatchReport:
    """Extract ``input_path`` (any Spark-readable path) into Parquet tables under ``output``."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    own = spark is None
    spark = spark or spark_session(master)
    try:
        docs = _read(spark, input_path)
        parallelism = int(spark.sparkContext.defaultParallelism)
        if docs.rdd.getNumPartitions() < parallelism:
            docs = docs.repartition(parallelism)  # one small file is one partition: spread it over the cores
        rows = docs.mapInArrow(partial(extract_arrow, origin=input_path), ROW_DDL)
        rows = rows.persist(StorageLevel.MEMORY_AND_DISK)
        good = rows.where(F.col(ERROR).isNull())
        base = output.rstrip("/")
        good.select(DOC_COLUMNS).write.mode("overwrite").partitionBy(PARTITION).parquet(f"{base}/documents")
        report = BatchReport(documents=good.count())
        for table in ("events", "mentions"):
            ddl = f"array<struct<{_ddl(table)}, `{PARTITION}` string>>"
            flat = good.select(F.explode(F.from_json(f"{table}_json", ddl)).alias("r")).select("r.*")
            flat.write.mode("overwrite").partitionBy(PARTITION).parquet(f"{base}/{table}")
            setattr(report, table, flat.count())
        report.failures = [InputError(r["origin"], r[ERROR]) for r in rows.where(F.col(ERROR).isNotNull()).collect()]
        rows.unpersist()
        return report
    finally:
        if own:
            spark.stop()
