"""Table definitions (SQLAlchemy Core), shared by SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("applied_at", String(40), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(10)),
    Column("origin", Text),
    Column("text", Text, nullable=False),
    Column("ingested_at", String(40), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("doc_id", String(200), ForeignKey("documents.id"), nullable=False),
    Column("type", String(16), nullable=False),
    Column("mode", String(40)),
    Column("date", String(10)),
    Column("date_precision", String(8)),
    Column("modality", String(16), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("trigger", Text),
    Column("ev_start", Integer, nullable=False),
    Column("ev_end", Integer, nullable=False),
    Column("ev_text", Text, nullable=False),
    Column("source_json", Text, nullable=False),
    Column("target_json", Text, nullable=False),
    Column("weapons_json", Text, nullable=False),
    Column("extractor", String(40)),
    Index("ix_events_type", "type"),
    Index("ix_events_date", "date"),
    Index("ix_events_doc", "doc_id"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", String(40), ForeignKey("events.id"), primary_key=True),
    Column("role", String(8), primary_key=True),
    Column("code", String(40), primary_key=True),
    Index("ix_event_actors_code", "code"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("doc_id", String(200), ForeignKey("documents.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("code", String(40)),
    Column("sector", String(8)),
    Column("name", Text),
    Index("ix_mentions_doc", "doc_id"),
)

V1_TABLES = (documents, events, event_actors, mentions)

# v2: treaties read from ingested texts (the bundled knowledge base stays in kb/data)
treaties = Table(
    "treaties",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("doc_id", String(200)),
    Column("kb_id", String(40)),
    Column("title", Text, nullable=False),
    Column("signed", String(10)),
    Column("place", Text),
    Column("in_force", String(10)),
    Column("ended", String(10)),
    Column("source", Text),
    Column("clauses_json", Text, nullable=False),
    Column("extractor", String(40)),
    Column("stored_at", String(40), nullable=False),
    Index("ix_treaties_doc", "doc_id"),
)

treaty_members = Table(
    "treaty_members",
    metadata,
    Column("treaty_id", String(40), ForeignKey("treaties.id"), primary_key=True),
    Column("code", String(40), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("joined_on", String(10)),
    Column("left_on", String(10)),
    Index("ix_treaty_members_code", "code"),
)

treaty_provisions = Table(
    "treaty_provisions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("treaty_id", String(40), ForeignKey("treaties.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("type", String(16), nullable=False),
    Column("article", String(40)),
    Column("conditions_json", Text, nullable=False),
    Column("strength_json", Text, nullable=False),
    Column("obligor_json", Text, nullable=False),
    Column("beneficiary_json", Text, nullable=False),
    Column("ev_start", Integer),
    Column("ev_end", Integer),
    Column("ev_text", Text),
    Index("ix_treaty_provisions_treaty", "treaty_id"),
)

V2_TABLES = (treaties, treaty_members, treaty_provisions)
