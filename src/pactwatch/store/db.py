"""The store: open, migrate, write through one writer, read events with their sources.

Every write is an upsert keyed by a content-hash id, so writing the same
fact twice leaves one row.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Select, create_engine, delete, event, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from pactwatch.errors import PactwatchError
from pactwatch.model import Actor, Document, Event, Evidence, Mention, hash_id
from pactwatch.store import schema
from pactwatch.store.migrations import migrate

ENV_VAR = "PACTWATCH_DB"
IMPORTER_PREFIX = "import:"  # the extractor field of events read from data files, not from text


def default_db_url() -> str:
    """The documented default: ``$XDG_DATA_HOME/pactwatch/pactwatch.db`` (or ~/.local/share)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "pactwatch" / "pactwatch.db")


def resolve_db_url(given: str | None) -> str:
    """``--db`` wins, then ``$PACTWATCH_DB``, then the default file."""
    return given or os.environ.get(ENV_VAR) or default_db_url()


def _sqlalchemy_url(db: str) -> str:
    if "://" in db:
        if db.startswith("postgresql://"):
            return "postgresql+psycopg://" + db[len("postgresql://") :]
        return db
    path = Path(db).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


@dataclass(frozen=True)
class Source:
    """One document that reports an event, with the evidence span in it."""

    doc_id: str
    url: str | None
    published: str | None
    evidence: Evidence

    def to_json(self) -> dict[str, Any]:
        """The SPEC ``sources`` entry."""
        return {
            "id": self.doc_id,
            "url": self.url,
            "published": self.published,
            "evidence": self.evidence.to_json(),
        }


@dataclass(frozen=True)
class StoredEvent:
    """An event read back from the store with every document that reports it."""

    event: Event
    sources: tuple[Source, ...]

    def to_json(self) -> dict[str, Any]:
        """The SPEC ``events`` shape: the extract shape plus ``sources``."""
        data = self.event.to_json()
        data["sources"] = [s.to_json() for s in self.sources]
        return data


@dataclass(frozen=True)
class EventFilter:
    """Filters of ``pactwatch events`` and ``GET /api/events``."""

    actor: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None
    offset: int = 0
    extra: dict[str, str] = field(default_factory=dict)


class Store:
    """A pactwatch database. Use :meth:`open`; writes are serialised by one lock."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._writer = threading.Lock()

    @classmethod
    def open(cls, db: str | None = None) -> Store:
        """Open (creating if needed) and migrate the database at ``db``."""
        url = resolve_db_url(db)
        try:
            engine = create_engine(_sqlalchemy_url(url), future=True)
        except Exception as exc:
            raise PactwatchError(f"{url}: cannot open database ({exc}); check --db") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine, url)
        with store.writer() as conn:
            migrate(conn)
        return store

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()

    @contextmanager
    def writer(self) -> Iterator[Connection]:
        """The one writer: a transaction held under the store's write lock."""
        with self._writer, self.engine.begin() as conn:
            yield conn

    def _insert(self, table: Any) -> Any:
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        return dialect.insert(table)

    def has_document(self, doc: Document) -> bool:
        """Whether a document with this id or this exact text is stored already."""
        return self.stored_id(doc) is not None

    def add_document(self, doc: Document, events: Iterable[Event] = (), mentions: Iterable[Mention] = ()) -> bool:
        """Store a document with its events and mentions; False if it was there already."""
        with self.writer() as conn:
            row = _document_row(doc)
            stmt = self._insert(schema.documents).values(row).on_conflict_do_nothing()
            # RETURNING, not rowcount: psycopg reports -1 for an insert that may do nothing
            inserted = conn.execute(stmt.returning(schema.documents.c.id)).first() is not None
            if not inserted:
                return False
            self._write_events(conn, list(events))
            self._write_mentions(conn, list(mentions))
        return True

    def stored_id(self, doc: Document) -> str | None:
        """The id under which a document with this id or this exact text is stored, if any."""
        d = schema.documents
        query = select(d.c.id).where(or_(d.c.id == doc.id, d.c.content_hash == doc.content_hash))
        with self.engine.connect() as conn:
            row = conn.execute(query.limit(1)).first()
        return None if row is None else str(row[0])

    def document(self, doc_id: str) -> Document | None:
        """The stored document with this id."""
        d = schema.documents
        with self.engine.connect() as conn:
            row = conn.execute(select(d).where(d.c.id == doc_id)).mappings().first()
        return None if row is None else _document_from_row(row)

    def replace_extraction(self, doc_id: str, events: Iterable[Event], mentions: Iterable[Mention]) -> int:
        """Replace what the text extractor found in a stored document (events from importers
        stay); the merged clusters are dropped so the next merge sees the new events.
        Returns how many events were written."""
        from pactwatch.store.clusters import delete_clusters  # clusters builds on this module

        fresh = [e for e in events if e.doc_id == doc_id]
        with self.writer() as conn:
            delete_clusters(conn)
            ev, ea = schema.events, schema.event_actors
            imported = ev.c.extractor.like(f"{IMPORTER_PREFIX}%")  # rows of "pactwatch import ..." stay
            extracted = select(ev.c.id).where(ev.c.doc_id == doc_id, or_(ev.c.extractor.is_(None), ~imported))
            conn.execute(delete(ea).where(ea.c.event_id.in_(extracted)))
            conn.execute(delete(ev).where(ev.c.id.in_(extracted)))
            conn.execute(delete(schema.mentions).where(schema.mentions.c.doc_id == doc_id))
            added = self._write_events(conn, fresh)
            self._write_mentions(conn, [m for m in mentions if m.doc_id == doc_id])
        return added

    def add_events(self, events: Iterable[Event]) -> int:
        """Upsert events whose documents are stored; return how many were new."""
        with self.writer() as conn:
            return self._write_events(conn, list(events))

    def _write_events(self, conn: Connection, events: list[Event]) -> int:
        if not events:
            return 0
        rows = [_event_row(e) for e in events]
        stmt = self._insert(schema.events).on_conflict_do_nothing().returning(schema.events.c.id)
        added = len(conn.execute(stmt, rows).all())
        actor_rows = [r for e in events for r in _actor_rows(e)]
        if actor_rows:
            conn.execute(self._insert(schema.event_actors).on_conflict_do_nothing(), actor_rows)
        return added

    def _write_mentions(self, conn: Connection, mentions: list[Mention]) -> None:
        if mentions:
            rows = [_mention_row(m) for m in mentions]
            conn.execute(self._insert(schema.mentions).on_conflict_do_nothing(), rows)

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        out: dict[str, int] = {}
        with self.engine.connect() as conn:
            for table in (schema.documents, schema.events, schema.mentions):
                out[table.name] = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
        return out

    def documents(self) -> list[Document]:
        """Every stored document."""
        d = schema.documents
        with self.engine.connect() as conn:
            rows = conn.execute(select(d).order_by(d.c.published, d.c.id)).mappings().all()
        return [_document_from_row(r) for r in rows]

    def events(self, flt: EventFilter | None = None) -> list[StoredEvent]:
        """Stored events matching ``flt``, oldest first, each with its sources."""
        query = _event_query(flt or EventFilter())
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [_stored_event(r) for r in rows]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def document_fields(doc: Document) -> dict[str, Any]:
    """A document's stored columns, without the ingest time (shared with the Parquet layout)."""
    return {
        "id": doc.id,
        "content_hash": doc.content_hash,
        "url": doc.url,
        "title": doc.title,
        "published": doc.published,
        "origin": doc.origin,
        "text": doc.text,
    }


def _document_row(doc: Document) -> dict[str, Any]:
    return {**document_fields(doc), "ingested_at": _now()}


def _document_from_row(r: Any) -> Document:
    return Document(
        id=r["id"],
        text=r["text"],
        url=r["url"],
        published=r["published"],
        title=r["title"],
        origin=r["origin"],
    )


def _event_row(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "doc_id": e.doc_id,
        "type": e.type,
        "mode": e.mode,
        "date": e.date,
        "date_precision": e.date_precision,
        "modality": e.modality,
        "confidence": e.confidence,
        "trigger": e.trigger,
        "ev_start": e.evidence.start,
        "ev_end": e.evidence.end,
        "ev_text": e.evidence.text,
        "source_json": json.dumps([a.to_json() for a in e.source]),
        "target_json": json.dumps([a.to_json() for a in e.target]),
        "weapons_json": json.dumps(list(e.weapons)),
        "extractor": e.extractor,
    }


def _actor_rows(e: Event) -> list[dict[str, Any]]:
    # a party only inferred from the act's place is not indexed: `--actor IRQ` means Iraq acted
    rows = {("source", a.code) for a in e.source if a.code and not a.inferred}
    rows |= {("target", a.code) for a in e.target if a.code and not a.inferred}
    return [{"event_id": e.id, "role": role, "code": code} for role, code in sorted(rows)]


def _mention_row(m: Mention) -> dict[str, Any]:
    return {
        "id": "mn-" + hash_id(m.doc_id, m.start, m.end, m.kind, m.code),
        "doc_id": m.doc_id,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "kind": m.kind,
        "code": m.code,
        "sector": m.sector,
        "name": m.name,
    }


def _event_query(flt: EventFilter) -> Select[Any]:
    e, d, ea = schema.events, schema.documents, schema.event_actors
    query = select(e, d.c.url, d.c.published).join(d, d.c.id == e.c.doc_id)
    if flt.actor:
        sub = select(ea.c.event_id).where(ea.c.code == flt.actor.upper())
        query = query.where(e.c.id.in_(sub))
    query = type_and_dates(query, e, flt)
    query = query.order_by(e.c.date, e.c.doc_id, e.c.ev_start, e.c.id).offset(flt.offset)
    return query.limit(flt.limit) if flt.limit else query


def type_and_dates(query: Select[Any], table: Any, flt: EventFilter) -> Select[Any]:
    """``query`` narrowed to the filter's type and date window, on a table with ``type`` and ``date``."""
    if flt.type:
        query = query.where(table.c.type == flt.type.upper())
    if flt.since:
        query = query.where(table.c.date >= flt.since)
    if flt.until:
        # a date like "2024" or "2024-06" is inside the window if it starts before its end
        query = query.where(table.c.date <= flt.until)
    return query


def _stored_event(r: Any) -> StoredEvent:
    evidence = Evidence(r["ev_text"], r["ev_start"], r["ev_end"])
    event = Event(
        id=r["id"],
        doc_id=r["doc_id"],
        type=r["type"],
        mode=r["mode"],
        source=tuple(Actor.from_json(a) for a in json.loads(r["source_json"])),
        target=tuple(Actor.from_json(a) for a in json.loads(r["target_json"])),
        evidence=evidence,
        date=r["date"],
        date_precision=r["date_precision"],
        weapons=tuple(json.loads(r["weapons_json"])),
        modality=r["modality"],
        confidence=float(r["confidence"]),
        trigger=r["trigger"] or "",
        extractor=r["extractor"] or "",
    )
    return StoredEvent(event, (Source(r["doc_id"], r["url"], r["published"], evidence),))
