"""Ordered schema migrations; each applied one is recorded in ``schema_migrations``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from pactwatch.store import schema
from pactwatch.store.totals import rebuild_packs, rebuild_totals


@dataclass(frozen=True)
class Migration:
    """One step of the schema's history."""

    version: int
    name: str
    apply: Callable[[Connection], None]


def _v1(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=list(schema.V1_TABLES))


def _v2(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=list(schema.V2_TABLES))


def _v3(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=list(schema.V3_TABLES))


def _v4(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=list(schema.V4_TABLES))


def _v5(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=list(schema.V5_TABLES))
    rebuild_totals(conn)
    schema.tie_snapshots.drop(conn, checkfirst=True)


def _v6(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=list(schema.V6_TABLES))
    rebuild_packs(conn)
    schema.tie_totals.drop(conn, checkfirst=True)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, events, event actors, mentions", _v1),
    Migration(2, "treaties read from texts: treaties, members, provisions", _v2),
    Migration(3, "arms transfers imported from the SIPRI trade register", _v3),
    Migration(4, "event clusters: clusters, members with merge reasons, dyad ties", _v4),
    Migration(5, "tie totals at snapshot days spaced by tie count, replacing yearly tie snapshots", _v5),
    Migration(6, "tie totals packed one row per snapshot (numpy columns), replacing a row per key", _v6),
)


def applied_versions(conn: Connection) -> set[int]:
    """Versions already applied to the database behind ``conn``."""
    schema.metadata.create_all(conn, tables=[schema.schema_migrations])
    rows = conn.execute(select(schema.schema_migrations.c.version))
    return {int(r[0]) for r in rows}


def migrate(conn: Connection) -> list[int]:
    """Apply every pending migration in order; return the versions applied now."""
    done = applied_versions(conn)
    applied: list[int] = []
    for step in MIGRATIONS:
        if step.version in done:
            continue
        step.apply(conn)
        conn.execute(
            schema.schema_migrations.insert().values(
                version=step.version,
                name=step.name,
                applied_at=datetime.now(UTC).isoformat(timespec="seconds"),
            )
        )
        applied.append(step.version)
    return applied
