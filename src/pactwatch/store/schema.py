"""Table definitions (SQLAlchemy Core), shared by SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
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

# v3: arms transfers imported from the SIPRI trade register (one row per imported register row)
transfers = Table(
    "transfers",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("doc_id", String(200), ForeignKey("documents.id"), nullable=False),
    Column("event_id", String(40)),
    Column("source", String(16), nullable=False),
    Column("deal_id", String(40)),
    Column("supplier", String(40)),
    Column("supplier_name", Text, nullable=False),
    Column("recipient", String(40)),
    Column("recipient_name", Text, nullable=False),
    Column("designation", Text, nullable=False),
    Column("weapon", Text),
    Column("description", Text),
    Column("category", String(80)),
    Column("order_year", String(4)),
    Column("order_estimate", Integer),
    Column("numbers_ordered", Integer),
    Column("numbers_delivered", Integer),
    Column("delivered_estimate", Integer),
    Column("delivery_year", String(4)),
    Column("delivery_years", String(200)),
    Column("delivery_estimate", Integer),
    Column("status", String(80)),
    Column("tiv_unit", Float),
    Column("tiv_order", Float),
    Column("tiv_delivered", Float),
    Column("local_production", Integer),
    Column("comments", Text),
    Index("ix_transfers_supplier", "supplier"),
    Index("ix_transfers_recipient", "recipient"),
    Index("ix_transfers_year", "delivery_year"),
)

V3_TABLES = (transfers,)

# v4: cross-article event clusters, derived from the untouched event rows (store/clusters.py)
event_clusters = Table(
    "event_clusters",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("rep_event_id", String(40), nullable=False),
    Column("type", String(16), nullable=False),
    Column("date", String(10)),
    Column("date_precision", String(8)),
    Column("day", String(10)),
    Column("modality", String(16), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("n_members", Integer, nullable=False),
    Column("weapons_json", Text, nullable=False),
    Index("ix_event_clusters_day", "day"),
    Index("ix_event_clusters_type", "type"),
)

cluster_members = Table(
    "cluster_members",
    metadata,
    Column("event_id", String(40), primary_key=True),
    Column("cluster_id", String(40), nullable=False),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Index("ix_cluster_members_cluster", "cluster_id"),
)

cluster_ties = Table(
    "cluster_ties",
    metadata,
    Column("cluster_id", String(40), primary_key=True),
    Column("a", String(40), primary_key=True),
    Column("b", String(40), primary_key=True),
    Column("directed", Integer, primary_key=True),
    Column("type", String(16), nullable=False),
    Column("kind", String(12), nullable=False),
    Column("day", String(10), nullable=False),
    Column("weight", Float, nullable=False),
    Column("signed", Float, nullable=False),
    Column("sexp", Float, nullable=False),
    Index("ix_cluster_ties_day", "day", "a", "b", "directed", "kind", "sexp"),
    Index("ix_cluster_ties_dyad", "a", "b", "day"),
)

# running totals of cluster_ties.sexp before each 1 January; superseded by tie_totals and
# dropped in v5 (kept here so that v4 still creates what it created)
tie_snapshots = Table(
    "tie_snapshots",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("a", String(40), primary_key=True),
    Column("b", String(40), primary_key=True),
    Column("directed", Integer, primary_key=True),
    Column("kind", String(12), primary_key=True),
    Column("sexp", Float, nullable=False),
    Column("n", Integer, nullable=False),
    Column("last_day", String(10), nullable=False),
)

V4_TABLES = (event_clusters, cluster_members, cluster_ties, tie_snapshots)

# v5: running totals at snapshot days spaced by tie count (store/totals.py), replacing the
# yearly tie_snapshots. Keys are numbers (tie_codes, numbered in sorted order so that
# numeric order is string order): plain integers cost Python less than strings per row
tie_codes = Table(
    "tie_codes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("code", String(40), nullable=False, unique=True),
)

# clustered by key (no rowid in SQLite) so that one snapshot is one range read
tie_totals = Table(
    "tie_totals",
    metadata,
    Column("start", String(10), primary_key=True),
    Column("a", Integer, primary_key=True, autoincrement=False),
    Column("b", Integer, primary_key=True, autoincrement=False),
    Column("kind", Integer, primary_key=True, autoincrement=False),
    Column("directed", Integer, primary_key=True, autoincrement=False),
    Column("sexp", Float, nullable=False),
    Column("n", Integer, nullable=False),
    Column("last_day", String(10), nullable=False),
    sqlite_with_rowid=False,
)

V5_TABLES = (tie_codes, tie_totals)

# v6: each snapshot is one row of packed little-endian columns (store/totals.py), replacing
# tie_totals (one row per key): numpy reads a column of 10^5 keys at once, where Python
# paid for every row. Same snapshot days, same key numbers (tie_codes)
tie_packs = Table(
    "tie_packs",
    metadata,
    Column("start", String(10), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("a", LargeBinary, nullable=False),
    Column("b", LargeBinary, nullable=False),
    Column("kind", LargeBinary, nullable=False),
    Column("directed", LargeBinary, nullable=False),
    Column("sexp", LargeBinary, nullable=False),
    Column("n", LargeBinary, nullable=False),
    Column("last_day", LargeBinary, nullable=False),
)

V6_TABLES = (tie_packs,)
