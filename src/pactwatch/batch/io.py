"""Batch input and output: JSONL / JSONL.gz / Parquet records in, partitioned Parquet out.

Both runners turn an input record into a :class:`Document` with
:func:`document_of` and an :class:`Extraction` into output rows with
:func:`extraction_records`, so they produce the same rows for the same input.
"""

from __future__ import annotations

import gzip
import json
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from pactwatch.errors import InputError
from pactwatch.extract import Extraction
from pactwatch.ingest.readers import ReadResult, jsonl_record
from pactwatch.model import Document
from pactwatch.store.load import PARTITION, TABLES, arrow_schema, document_record, event_record, mention_record

INPUT_FIELDS = ("id", "text", "published", "url", "title")
FLUSH_ROWS = 20_000  # rows per table buffered before a Parquet write: bounds memory, avoids tiny files


@dataclass
class BatchReport:
    """What a batch run wrote, and the records it could not read."""

    documents: int = 0
    events: int = 0
    mentions: int = 0
    failures: list[InputError] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the user."""
        return (
            f"documents {self.documents}, events {self.events}, mentions {self.mentions}, "
            f"failed records {len(self.failures)}"
        )


def input_format(path: str) -> str:
    """``parquet`` for ``*.parquet`` files and folders, else ``jsonl`` (``.gz`` is read transparently)."""
    name = path.rstrip("/").lower()
    if name.endswith(".parquet") or (Path(path).is_dir() and not any(Path(path).glob("*.jsonl*"))):
        return "parquet"
    return "jsonl"


def document_of(record: dict[str, Any], origin: str) -> Document:
    """An input record ``{"id"?, "text", "published"?, "url"?, "title"?}`` as a document (as ``ingest`` reads it)."""
    clean = {k: record.get(k) for k in INPUT_FIELDS if record.get(k) is not None}
    return jsonl_record(json.dumps(clean), origin, None)


def read_input(path: str) -> Iterator[ReadResult]:
    """Stream the documents of a local JSONL, JSONL.gz or Parquet input (a file or a folder)."""
    origin = path
    if not Path(path).exists():
        raise InputError(path, "no such file or folder; check INPUT")
    if input_format(path) == "parquet":
        data = ds.dataset(path, format="parquet")
        columns = [c for c in INPUT_FIELDS if c in data.schema.names]
        for batch in data.to_batches(columns=columns, batch_size=1024):
            for record in batch.to_pylist():
                yield _document_or_error({k: _text(v) for k, v in record.items()}, origin)
        return
    files = sorted(Path(path).glob("*.jsonl*")) if Path(path).is_dir() else [Path(path)]
    for file in files:
        opener = gzip.open if file.suffix.lower() == ".gz" else open
        with opener(file, "rb") as fh:
            for number, raw in enumerate(fh, start=1):
                if raw.strip():
                    yield _jsonl_line(raw, origin, f"{file}:{number}")


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _jsonl_line(raw: bytes, origin: str, where: str) -> ReadResult:
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return InputError(where, f"not a UTF-8 JSON record ({exc})")
    if not isinstance(record, dict):
        return InputError(where, 'a record must be a JSON object with a "text" field')
    # Spark reads every field as a string; do the same here so both runners agree
    found = _document_or_error({k: _text(record.get(k)) for k in INPUT_FIELDS}, origin)
    return InputError(where, found.reason) if isinstance(found, InputError) else found


def _document_or_error(record: dict[str, Any], origin: str) -> ReadResult:
    try:
        return document_of(record, origin)
    except InputError as exc:
        return exc


def extraction_records(ex: Extraction) -> dict[str, list[dict[str, Any]]]:
    """The ``documents/``, ``events/`` and ``mentions/`` rows of one extraction."""
    doc = document_record(ex.document)
    day = doc[PARTITION]
    return {
        "documents": [doc],
        "events": [event_record(e, day) for e in ex.events],
        "mentions": [mention_record(m, day) for m in ex.mentions],
    }


class ParquetOutput:
    """Buffered, partitioned Parquet writer for the three output tables (replaces what was there)."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.buffers: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self.written = dict.fromkeys(TABLES, 0)
        for table in TABLES:
            shutil.rmtree(output / table, ignore_errors=True)
            (output / table).mkdir(parents=True)

    def add(self, ex: Extraction) -> None:
        """Buffer one extraction's rows, writing a table out when its buffer is full."""
        for table, rows in extraction_records(ex).items():
            self.buffers[table].extend(rows)
            if len(self.buffers[table]) >= FLUSH_ROWS:
                self._flush(table)

    def _flush(self, table: str) -> None:
        rows = self.buffers[table]
        if not rows:
            return
        data = pa.Table.from_pylist(rows, schema=arrow_schema(table))
        pq.write_to_dataset(
            data,
            str(self.output / table),
            partition_cols=[PARTITION],
            basename_template=f"part-{uuid.uuid4().hex}-{{i}}.parquet",
        )
        self.written[table] += len(rows)
        self.buffers[table] = []

    def close(self) -> None:
        """Write what is buffered."""
        for table in TABLES:
            self._flush(table)
