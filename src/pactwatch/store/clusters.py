"""Event clusters: many mentions (event rows, one per document) reported as one event.

The event rows written by ingest are never changed: they are the mentions and
their provenance. The merge step (``pactwatch.analyse.merge``) groups them into
clusters and hands the result to :func:`replace_clusters`, which rewrites the
derived tables in one transaction:

- ``event_clusters``: one row per real-world event (its representative mention,
  best date, strongest modality, combined confidence, effective day);
- ``cluster_members``: every mention with its cluster and the reason it joined;
- ``cluster_ties``: the actor pairs of each cluster with their signed weight and
  a pre-decayed one, ``sexp = signed * 2 ** ((day - EPOCH) / half-life)``;
- ``tie_packs``: running sums of ``sexp`` per pair, direction and kind at
  snapshot days, one row of packed columns per snapshot (``store/totals.py``), so
  the weight decayed to any day reads one snapshot plus the few ties after it,
  whatever the size of the history.

Deleting these tables' rows (:func:`clear_clusters`) undoes every merge; the
mentions come back one per event.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, Select, delete, func, or_, select

from pactwatch.model import Event
from pactwatch.store import schema
from pactwatch.store.db import EventFilter, Source, Store, StoredEvent, _event_query, _stored_event, type_and_dates
from pactwatch.store.totals import SumColumns, TieSum, decay_factor, sum_columns, sums_at, write_totals

_CHUNK = 5000


@dataclass(frozen=True)
class ClusterRow:
    """One real-world event: the representative mention and what the members agree on."""

    id: str
    rep_event_id: str
    type: str
    date: str | None
    date_precision: str | None
    day: str | None
    modality: str
    confidence: float
    weapons: tuple[str, ...]
    n_members: int


@dataclass(frozen=True)
class MemberRow:
    """A mention's place in a cluster, with the similarity score and the reason it joined."""

    event_id: str
    cluster_id: str
    score: float
    reason: str


@dataclass(frozen=True)
class TieRow:
    """A pair of actors tied by a cluster: ``a -> b`` when directed, co-actors ``a < b`` when not."""

    cluster_id: str
    a: str
    b: str
    directed: bool
    type: str
    day: str
    weight: float
    signed: float

    @property
    def kind(self) -> str:
        """``cooperation`` (signed >= 0) or ``conflict``."""
        return "cooperation" if self.signed >= 0 else "conflict"


@dataclass(frozen=True)
class ClusterEvent:
    """A merged event as ``pactwatch events`` prints it: the extract shape, sources and members."""

    event: Event
    sources: tuple[Source, ...]
    members: tuple[MemberRow, ...]

    def to_json(self) -> dict[str, Any]:
        """The SPEC ``events`` shape plus ``members`` (mention ids with their merge reasons)."""
        data = self.event.to_json()
        by_event = {m.event_id: m for m in self.members}
        data["sources"] = [s.to_json() for s in self.sources]
        data["members"] = [
            {"event_id": m.event_id, "score": round(m.score, 3), "reason": m.reason} for m in by_event.values()
        ]
        return data


def replace_clusters(
    store: Store, clusters: Sequence[ClusterRow], members: Sequence[MemberRow], ties: Sequence[TieRow]
) -> None:
    """Replace every cluster, member and tie row by these, in one transaction."""
    with store.writer() as conn:
        _delete_all(conn)
        _insert_chunks(conn, schema.event_clusters, [_cluster_dict(c) for c in clusters])
        _insert_chunks(conn, schema.cluster_members, [_member_dict(m) for m in members])
        _insert_chunks(conn, schema.cluster_ties, [_tie_dict(t) for t in ties])
        write_totals(conn, ((t.a, t.b, t.kind, int(t.directed), t.day, t.signed * decay_factor(t.day)) for t in ties))


def clear_clusters(store: Store) -> int:
    """Undo every merge: delete the derived rows; return how many clusters there were."""
    with store.writer() as conn:
        count = int(conn.execute(select(func.count()).select_from(schema.event_clusters)).scalar_one())
        _delete_all(conn)
    return count


def delete_clusters(conn: Connection) -> None:
    """Delete every merged cluster and its derived rows inside the caller's transaction."""
    _delete_all(conn)


def _delete_all(conn: Connection) -> None:
    for table in (
        schema.tie_packs,
        schema.tie_codes,
        schema.cluster_ties,
        schema.cluster_members,
        schema.event_clusters,
    ):
        conn.execute(delete(table))


def _insert_chunks(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), _CHUNK):
        conn.execute(table.insert(), rows[start : start + _CHUNK])


def _cluster_dict(c: ClusterRow) -> dict[str, Any]:
    return {
        "id": c.id,
        "rep_event_id": c.rep_event_id,
        "type": c.type,
        "date": c.date,
        "date_precision": c.date_precision,
        "day": c.day,
        "modality": c.modality,
        "confidence": c.confidence,
        "n_members": c.n_members,
        "weapons_json": json.dumps(list(c.weapons), ensure_ascii=False),
    }


def _member_dict(m: MemberRow) -> dict[str, Any]:
    return {"event_id": m.event_id, "cluster_id": m.cluster_id, "score": m.score, "reason": m.reason}


def _tie_dict(t: TieRow) -> dict[str, Any]:
    return {
        "cluster_id": t.cluster_id,
        "a": t.a,
        "b": t.b,
        "directed": 1 if t.directed else 0,
        "type": t.type,
        "kind": t.kind,
        "day": t.day,
        "weight": t.weight,
        "signed": t.signed,
        "sexp": t.signed * decay_factor(t.day),
    }


def merge_due(store: Store) -> bool:
    """Whether event rows (mentions) were stored since the last merge: they outnumber cluster members."""
    with store.engine.connect() as conn:
        events = conn.execute(select(func.count()).select_from(schema.events)).scalar_one()
        members = conn.execute(select(func.count()).select_from(schema.cluster_members)).scalar_one()
    return int(events) != int(members)


def all_mentions(store: Store) -> list[tuple[Event, str | None]]:
    """Every event row (mention) with its document's publication date, in a stable order."""
    query = _event_query(EventFilter())
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [(_stored_event(r).event, r["published"]) for r in rows]


def merged_events(store: Store, flt: EventFilter | None = None) -> list[ClusterEvent]:
    """Clustered events matching ``flt`` (any member may match), each with every source.

    Mentions that no merge has seen yet (ingested after the last ``pactwatch merge``)
    are listed as events of their own.
    """
    flt = flt or EventFilter()
    with store.engine.connect() as conn:
        rows = conn.execute(_cluster_query(flt)).mappings().all()
        ids = [r["id"] for r in rows]
        member_rows = _members_of(conn, ids)
        events = _events_by_id(conn, [m["event_id"] for m in member_rows])
        loose = conn.execute(_unclustered_query(flt)).mappings().all()
    grouped: dict[str, list[Any]] = defaultdict(list)
    for m in member_rows:
        grouped[m["cluster_id"]].append(m)
    out = [_cluster_event(r, grouped[r["id"]], events) for r in rows]
    out.extend(_singleton(_stored_event(r)) for r in loose)
    out.sort(key=lambda c: (c.event.date or "", c.sources[0].doc_id, c.event.evidence.start, c.event.id))
    return out


def _cluster_query(flt: EventFilter) -> Select[Any]:
    c, m, ea = schema.event_clusters, schema.cluster_members, schema.event_actors
    query = select(c)
    if flt.actor:
        sub = select(m.c.cluster_id).join(ea, ea.c.event_id == m.c.event_id).where(ea.c.code == flt.actor.upper())
        query = query.where(c.c.id.in_(sub))
    query = type_and_dates(query, c, flt)
    query = query.order_by(c.c.date, c.c.id).offset(flt.offset)
    return query.limit(flt.limit) if flt.limit else query


def _unclustered_query(flt: EventFilter) -> Select[Any]:
    e = schema.events
    clustered = select(schema.cluster_members.c.event_id)
    return _event_query(replace(flt, limit=None, offset=0)).where(e.c.id.not_in(clustered))


def _members_of(conn: Connection, cluster_ids: list[str]) -> list[Any]:
    m = schema.cluster_members
    rows: list[Any] = []
    for start in range(0, len(cluster_ids), 500):
        chunk = cluster_ids[start : start + 500]
        rows.extend(conn.execute(select(m).where(m.c.cluster_id.in_(chunk))).mappings().all())
    return rows


def _events_by_id(conn: Connection, event_ids: list[str]) -> dict[str, StoredEvent]:
    e = schema.events
    out: dict[str, StoredEvent] = {}
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        query = _event_query(EventFilter()).where(e.c.id.in_(chunk))
        out.update((r["id"], _stored_event(r)) for r in conn.execute(query).mappings())
    return out


def _cluster_event(row: Any, members: list[Any], events: dict[str, StoredEvent]) -> ClusterEvent:
    member_rows = sorted(
        (MemberRow(m["event_id"], m["cluster_id"], float(m["score"]), m["reason"]) for m in members),
        key=lambda m: (m.event_id != row["rep_event_id"], _source_key(events.get(m.event_id)), m.event_id),
    )
    sources = tuple(events[m.event_id].sources[0] for m in member_rows if m.event_id in events)
    rep = events[row["rep_event_id"]].event
    merged = replace(
        rep,
        id=row["id"],
        date=row["date"],
        date_precision=row["date_precision"],
        modality=row["modality"],
        confidence=float(row["confidence"]),
        weapons=tuple(json.loads(row["weapons_json"])),
    )
    return ClusterEvent(merged, sources, tuple(member_rows))


def _source_key(stored: StoredEvent | None) -> tuple[str, str]:
    if stored is None:
        return ("", "")
    return (stored.sources[0].published or "", stored.event.doc_id)


def _singleton(stored: StoredEvent) -> ClusterEvent:
    member = MemberRow(stored.event.id, stored.event.id, 1.0, "not merged yet: run `pactwatch merge`")
    return ClusterEvent(stored.event, stored.sources, (member,))


def cluster_of(store: Store, any_id: str) -> ClusterEvent | None:
    """The cluster with this id, or the cluster holding the mention with this id."""
    m = schema.cluster_members
    with store.engine.connect() as conn:
        found = conn.execute(select(m.c.cluster_id).where(or_(m.c.cluster_id == any_id, m.c.event_id == any_id)))
        cluster_id = found.scalar()
        if cluster_id is None:
            loose = _events_by_id(conn, [any_id])
            return _singleton(loose[any_id]) if any_id in loose else None
        row = conn.execute(select(schema.event_clusters).where(schema.event_clusters.c.id == cluster_id))
        cluster = row.mappings().one()
        members = _members_of(conn, [cluster_id])
        events = _events_by_id(conn, [r["event_id"] for r in members])
    return _cluster_event(cluster, members, events)


def tie_sums(store: Store, on: str) -> list[TieSum]:
    """Signed tie weights up to ``on``, decayed to ``on`` with the stored half-life, per (pair, direction, kind).

    One snapshot plus the ties after it (``store/totals.py``); sorted by (a, b, kind, directed).
    """
    with store.engine.connect() as conn:
        return sums_at(conn, on)


def tie_columns(store: Store, on: str, among: Container[str] | None = None, nonzero: bool = False) -> SumColumns:
    """:func:`tie_sums` as columns, only of pairs ``among`` these actors and of a weight if ``nonzero``."""
    with store.engine.connect() as conn:
        return sum_columns(conn, on, among, nonzero)


def ties_until(store: Store, on: str, pair: tuple[str, str] | None = None, since: str | None = None) -> list[TieRow]:
    """Every tie up to ``on`` (from ``since``), optionally of one unordered pair, oldest first."""
    t = schema.cluster_ties
    query = select(t).where(t.c.day <= on)
    if since:
        query = query.where(t.c.day >= since)
    if pair is not None:
        x, y = pair
        query = query.where(or_((t.c.a == x) & (t.c.b == y), (t.c.a == y) & (t.c.b == x)))
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(t.c.day, t.c.cluster_id)).mappings().all()
    return [_tie_row(r) for r in rows]


def _tie_row(r: Any) -> TieRow:
    return TieRow(r["cluster_id"], r["a"], r["b"], bool(r["directed"]), r["type"], r["day"], r["weight"], r["signed"])


def clusters_by_id(store: Store, ids: Iterable[str]) -> dict[str, ClusterEvent]:
    """The merged events with these cluster ids."""
    wanted = sorted(set(ids))
    out: dict[str, ClusterEvent] = {}
    c = schema.event_clusters
    with store.engine.connect() as conn:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = conn.execute(select(c).where(c.c.id.in_(chunk))).mappings().all()
            members = _members_of(conn, chunk)
            events = _events_by_id(conn, [m["event_id"] for m in members])
            grouped: dict[str, list[Any]] = defaultdict(list)
            for m in members:
                grouped[m["cluster_id"]].append(m)
            out.update((r["id"], _cluster_event(r, grouped[r["id"]], events)) for r in rows)
    return out


def last_day(store: Store) -> str | None:
    """The latest effective day of any cluster (the corpus's "now")."""
    c = schema.event_clusters
    with store.engine.connect() as conn:
        value = conn.execute(select(func.max(c.c.day))).scalar()
    return str(value) if value else None


def latest_published(store: Store) -> str | None:
    """The latest publication day of any stored document (the corpus's "now")."""
    d = schema.documents
    with store.engine.connect() as conn:
        value = conn.execute(select(func.max(d.c.published))).scalar()
    return str(value) if value else None
