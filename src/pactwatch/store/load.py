"""The Parquet layout of ``pactwatch batch extract`` and its bulk, idempotent loader.

Every runner (local, worker processes, Spark) writes three tables under OUTPUT,
each partitioned by the document's publication day (``pub_date=YYYY-MM-DD``, or
``pub_date=unknown``)::

    OUTPUT/documents/   one row per document: the ``documents`` table's columns
    OUTPUT/events/      one row per event: the ``events`` table's columns
    OUTPUT/mentions/    one row per actor mention: the ``mentions`` table's columns

The columns are the store's own rows, so loading is a copy: :func:`load_output`
reads them in batches and inserts with ``on conflict do nothing``. A document
whose id or text is stored already is skipped; events and mentions of a
document stored under another id are skipped with it, so loading twice, or
loading two outputs that overlap, never duplicates.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
from sqlalchemy import Connection, Table, func, or_, select

from pactwatch.errors import InputError
from pactwatch.model import Document, Event, Mention
from pactwatch.store import schema
from pactwatch.store.db import Store, _event_row, _mention_row, document_fields

PARTITION = "pub_date"
UNKNOWN_DAY = "unknown"
TABLES = ("documents", "events", "mentions")
BATCH_ROWS = 5000
CHUNK = 400  # ids per IN (...) list; well under SQLite's variable limit

_TYPES = {"s": pa.string(), "i": pa.int64(), "f": pa.float64()}
_COLUMNS = {
    "documents": "id:s content_hash:s url:s title:s published:s origin:s text:s",
    "events": "id:s doc_id:s type:s mode:s date:s date_precision:s modality:s confidence:f trigger:s "
    "ev_start:i ev_end:i ev_text:s source_json:s target_json:s weapons_json:s extractor:s",
    "mentions": "id:s doc_id:s start:i end:i text:s kind:s code:s sector:s name:s",
}
SCHEMAS: dict[str, pa.Schema] = {
    table: pa.schema([(name, _TYPES[kind]) for name, kind in (c.split(":") for c in spec.split())])
    for table, spec in _COLUMNS.items()
}


def pub_day(doc: Document) -> str:
    """The partition value of a document: its publication day, or ``unknown``."""
    return doc.published[:10] if doc.published else UNKNOWN_DAY


def document_record(doc: Document) -> dict[str, Any]:
    """A ``documents/`` row (the store's columns plus the partition day)."""
    return {**document_fields(doc), PARTITION: pub_day(doc)}


def event_record(event: Event, day: str) -> dict[str, Any]:
    """An ``events/`` row (the store's row plus the partition day)."""
    return {**_event_row(event), PARTITION: day}


def mention_record(mention: Mention, day: str) -> dict[str, Any]:
    """A ``mentions/`` row (the store's row plus the partition day)."""
    return {**_mention_row(mention), PARTITION: day}


def arrow_schema(table: str) -> pa.Schema:
    """The Parquet schema of one output table, partition column last."""
    return SCHEMAS[table].append(pa.field(PARTITION, pa.string()))


def read_table(output: Path, table: str, batch_rows: int = BATCH_ROWS) -> Iterator[list[dict[str, Any]]]:
    """Stream one output table as batches of row dicts (empty when the folder is absent)."""
    folder = output / table
    if not folder.is_dir():
        return
    part = ds.partitioning(pa.schema([pa.field(PARTITION, pa.string())]), flavor="hive")
    data = ds.dataset(str(folder), format="parquet", partitioning=part)
    columns = [c for c in SCHEMAS[table].names if c in data.schema.names]
    missing = set(SCHEMAS[table].names) - set(columns)
    if missing:
        raise InputError(str(folder), f"missing columns {sorted(missing)}; rerun pactwatch batch extract")
    for batch in data.to_batches(columns=columns, batch_size=batch_rows):
        if batch.num_rows:
            yield batch.to_pylist()


@dataclass
class LoadReport:
    """What a load added, per table, and what it skipped."""

    documents: int = 0  # rows added per table (counted in the store, so concurrent loads stay honest)
    events: int = 0
    mentions: int = 0
    skipped_documents: int = 0

    def summary(self) -> str:
        """One line for the user."""
        return (
            f"loaded documents {self.documents} (skipped as stored {self.skipped_documents}), "
            f"events {self.events}, mentions {self.mentions}"
        )


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def load_output(store: Store, output: Path, batch_rows: int = BATCH_ROWS) -> LoadReport:
    """Load a ``batch extract`` OUTPUT folder into ``store``; idempotent, one transaction per batch."""
    if not (output / "documents").is_dir():
        raise InputError(str(output), "no documents/ folder; is this the OUTPUT of pactwatch batch extract?")
    tables = (schema.documents, schema.events, schema.mentions)
    with store.engine.connect() as conn:
        before = [_count(conn, t) for t in tables]
    accepted: set[str] = set()
    report = LoadReport()
    for rows in read_table(output, "documents", batch_rows):
        ids, fresh = _load_documents(store, rows)
        accepted |= ids
        report.skipped_documents += len(rows) - fresh
    for rows in read_table(output, "events", batch_rows):
        _load_events(store, [r for r in rows if r["doc_id"] in accepted])
    for rows in read_table(output, "mentions", batch_rows):
        _load_rows(store, schema.mentions, [r for r in rows if r["doc_id"] in accepted])
    with store.engine.connect() as conn:
        after = [_count(conn, t) for t in tables]
    report.documents, report.events, report.mentions = (a - b for a, b in zip(after, before, strict=True))
    return report


def _load_documents(store: Store, rows: Sequence[dict[str, Any]]) -> tuple[set[str], int]:
    """Insert the new documents of one batch; return the ids whose events may follow, and how many were new."""
    d = schema.documents
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.writer() as conn:
        by_id: set[str] = set()
        by_hash: set[str] = set()
        for i in range(0, len(rows), CHUNK):
            ids = [r["id"] for r in rows[i : i + CHUNK]]
            hashes = [r["content_hash"] for r in rows[i : i + CHUNK]]
            query = select(d.c.id, d.c.content_hash).where(or_(d.c.id.in_(ids), d.c.content_hash.in_(hashes)))
            for found_id, found_hash in conn.execute(query):
                by_id.add(found_id)
                by_hash.add(found_hash)
        fresh: list[dict[str, Any]] = []
        for row in rows:
            if row["id"] in by_id or row["content_hash"] in by_hash:
                continue
            by_id.add(row["id"])
            by_hash.add(row["content_hash"])
            fresh.append({c: row[c] for c in SCHEMAS["documents"].names} | {"ingested_at": now})
        if fresh:
            conn.execute(store._insert(d).on_conflict_do_nothing(), fresh)
    return {r["id"] for r in rows if r["id"] in by_id}, len(fresh)


def _load_events(store: Store, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    actors: set[tuple[str, str, str]] = set()
    for row in rows:
        for role in ("source", "target"):
            for actor in json.loads(row[f"{role}_json"]):
                if actor.get("code"):
                    actors.add((row["id"], role, actor["code"]))
    with store.writer() as conn:
        conn.execute(store._insert(schema.events).on_conflict_do_nothing(), _columns(rows, "events"))
        if actors:
            actor_rows = [{"event_id": e, "role": r, "code": c} for e, r, c in sorted(actors)]
            conn.execute(store._insert(schema.event_actors).on_conflict_do_nothing(), actor_rows)


def _load_rows(store: Store, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        with store.writer() as conn:
            conn.execute(store._insert(table).on_conflict_do_nothing(), _columns(rows, table.name))


def _columns(rows: list[dict[str, Any]], table: str) -> list[dict[str, Any]]:
    names = SCHEMAS[table].names
    return [{c: r[c] for c in names} for r in rows]
