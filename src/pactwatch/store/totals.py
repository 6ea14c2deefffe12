"""Running totals of the pre-decayed tie weights, so that an as-of sum reads one snapshot.

``cluster_ties.sexp`` is a tie's signed weight times ``2 ** ((day - EPOCH) / half-life)``
(:func:`decay_factor`), so the weight of every tie up to day D, decayed to D, is
``sum(sexp) / decay_factor(D)``. ``tie_totals`` keeps that sum, with the count and the
last day, per key (pair, kind, direction) over the ties before a snapshot day ``start``.
Its keys are numbers into ``tie_codes`` (the actor codes and kinds, numbered in sorted
order): a row of small integers costs Python far less to read than one of strings.

A snapshot is taken at the first new day once the ties since the previous one reach
a quarter of the keys seen so far (at least :data:`MIN_SNAPSHOT_TIES`). An as-of query
then reads one snapshot (one row per key, which the answer needs anyway) plus at
most about a quarter as many ties, and the snapshots hold at most about four rows
per tie, whether the corpus is dense or sparse, recent or centuries long.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import Connection, Select, func, select

from pactwatch.store import schema

EPOCH = date(2000, 1, 1)
"""Reference day of the stored pre-decayed weights: ``sexp = signed * 2 ** ((day - EPOCH) / half-life)``."""

STORED_HALF_LIFE_DAYS = 365.0
"""The half-life baked into ``cluster_ties.sexp``; queries with another half-life take the slow path."""

MAX_DECAY_EXPONENT = 900.0

SNAPSHOT_SHARE = 4
"""A snapshot is due once the ties since the last one reach ``keys / SNAPSHOT_SHARE``."""

MIN_SNAPSHOT_TIES = 1024
"""Fewer ties than this are summed directly: no snapshot for small stores."""

_CHUNK = 5000

Key = tuple[int, int, int, int]
"""(a, b, kind, directed) as numbers: ``tie_totals``' key, in the order graph edges sort in."""

TieValue = tuple[str, str, str, int, str, float]
"""(a, b, kind, directed, day, sexp): one tie as the totals need it."""

CodedTie = tuple[int, int, int, int, str, float]
"""A :data:`TieValue` with its key numbered."""


class TieSum(NamedTuple):
    """The signed ties of one (pair, direction, kind), summed up to a day (a named tuple: cheap in bulk)."""

    a: str
    b: str
    directed: bool
    kind: str
    weight: float
    n: int
    last_day: str


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while building many acyclic objects (rows, tuples).

    Every new tuple counts towards a collection, so building 10^5 of them sets off
    several full collections that walk the whole heap: about 40% of the as-of query
    at a million ties. Nothing built under this forms a cycle, so reference
    counting frees it all; collection resumes on exit (nested uses are fine).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def decay_factor(day: str, half_life: float = STORED_HALF_LIFE_DAYS) -> float:
    """``2 ** ((day - EPOCH) / half_life)``: multiply a weight by it to store it pre-decayed.

    The exponent is clamped so that dates centuries away stay finite (no overflow, no 0)."""
    exponent = (date.fromisoformat(day) - EPOCH).days / half_life
    return float(2.0 ** max(-MAX_DECAY_EXPONENT, min(MAX_DECAY_EXPONENT, exponent)))


def write_totals(conn: Connection, ties: Iterable[TieValue]) -> int:
    """Replace every snapshot (and the key numbers) by those of ``ties``; return how many rows were written."""
    conn.execute(schema.tie_totals.delete())
    conn.execute(schema.tie_codes.delete())
    values = list(ties)
    codes = sorted({code for a, b, kind, *_ in values for code in (a, b, kind)})
    if codes:
        conn.execute(schema.tie_codes.insert(), [{"id": i, "code": code} for i, code in enumerate(codes)])
    ids = {code: i for i, code in enumerate(codes)}
    written = 0
    for rows in snapshots((ids[a], ids[b], ids[k], d, day, sexp) for a, b, k, d, day, sexp in values):
        for start in range(0, len(rows), _CHUNK):
            conn.execute(schema.tie_totals.insert(), rows[start : start + _CHUNK])
        written += len(rows)
    return written


def rebuild_totals(conn: Connection) -> int:
    """Recompute the snapshots from the stored ties (a migration, or a repair)."""
    t = schema.cluster_ties
    query = select(t.c.a, t.c.b, t.c.kind, t.c.directed, t.c.day, t.c.sexp).order_by(t.c.day)
    return write_totals(conn, ((a, b, k, int(d), day, s) for a, b, k, d, day, s in _raw_rows(conn, query)))


def snapshots(ties: Iterable[CodedTie]) -> Iterator[list[dict[str, Any]]]:
    """The rows of each snapshot, oldest first: every key's totals over the ties before ``start``."""
    running: dict[Key, list[Any]] = {}
    since, previous = 0, ""
    for a, b, kind, directed, day, sexp in sorted(ties, key=itemgetter(4)):
        if day != previous and since >= max(MIN_SNAPSHOT_TIES, len(running) // SNAPSHOT_SHARE):
            yield _snapshot_rows(day, running)
            since = 0
        _add(running, (a, b, kind, directed), sexp, 1, day)
        since, previous = since + 1, day


def _add(totals: dict[Key, list[Any]], key: Key, sexp: float, n: int, last: str) -> None:
    acc = totals.get(key)
    if acc is None:
        totals[key] = [sexp, n, last]
        return
    acc[0] += sexp
    acc[1] += n
    if last > acc[2]:
        acc[2] = last


def _snapshot_rows(start: str, running: dict[Key, list[Any]]) -> list[dict[str, Any]]:
    return [
        {"start": start, "a": a, "b": b, "kind": k, "directed": d, "sexp": v[0], "n": v[1], "last_day": v[2]}
        for (a, b, k, d), v in running.items()
    ]


def sums_at(conn: Connection, on: str) -> list[TieSum]:
    """Signed tie weights up to ``on`` decayed to ``on`` (stored half-life), per key.

    In key order, but for keys first seen after the snapshot, which come last (sorted).

    Reads the latest snapshot at or before ``on`` and the ties from its day to ``on``,
    merged here: a dictionary of the few recent keys beats an SQL GROUP BY over
    the whole snapshot, and plain DBAPI rows beat result objects at this count.
    """
    with gc_paused():
        _read_one_state(conn)
        return _sums_at(conn, on)


def _read_one_state(conn: Connection) -> None:
    """Make the reads that follow one transaction: a merge committed meanwhile is seen whole or not at all.

    Several statements read the snapshot day, the key numbers and the rows: PostgreSQL
    must not give each its own view (READ COMMITTED), and SQLite's driver opens no
    transaction for a SELECT unless told to.
    """
    if conn.in_transaction():
        return
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN")
    elif conn.dialect.name == "postgresql":
        conn.execution_options(isolation_level="REPEATABLE READ")


def _sums_at(conn: Connection, on: str) -> list[TieSum]:
    tt = schema.tie_totals
    start = conn.execute(select(func.max(tt.c.start)).where(tt.c.start <= on)).scalar()
    codes = [code for (code,) in _raw_rows(conn, select(schema.tie_codes.c.code).order_by(schema.tie_codes.c.id))]
    recent = _recent_totals(conn, start, on, {code: i for i, code in enumerate(codes)})
    scale = 1.0 / decay_factor(on)
    out = [] if start is None else _snapshot_plus(conn, start, recent, codes, scale)
    make = TieSum._make
    out.extend(
        make((codes[a], codes[b], d == 1, codes[k], v[0] * scale, v[1], v[2]))
        for (a, b, k, d), v in sorted(recent.items())
    )
    return out


def _recent_totals(conn: Connection, start: str | None, on: str, ids: dict[str, int]) -> dict[Key, list[Any]]:
    """Totals of the ties from the snapshot day ``start`` (or the first) to ``on``, by numbered key."""
    ct = schema.cluster_ties
    query = select(ct.c.a, ct.c.b, ct.c.kind, ct.c.directed, ct.c.day, ct.c.sexp).where(ct.c.day <= on)
    if start is not None:
        query = query.where(ct.c.day >= start)
    recent: dict[Key, list[Any]] = {}
    for a, b, kind, directed, day, sexp in _raw_rows(conn, query):
        _add(recent, (ids[a], ids[b], ids[kind], int(directed)), sexp, 1, day)
    return recent


def _snapshot_plus(
    conn: Connection, start: str, recent: dict[Key, list[Any]], codes: list[str], scale: float
) -> list[TieSum]:
    """The snapshot's rows in key order, each plus its recent totals (taken out of ``recent``)."""
    tt = schema.tie_totals
    query = select(tt.c.a, tt.c.b, tt.c.kind, tt.c.directed, tt.c.sexp, tt.c.n, tt.c.last_day)
    query = query.where(tt.c.start == start).order_by(tt.c.a, tt.c.b, tt.c.kind, tt.c.directed)
    take, make = recent.pop, TieSum._make
    out: list[TieSum] = []
    for a, b, kind, directed, sexp, n, last in _raw_rows(conn, query):
        extra = take((a, b, kind, directed), None)
        if extra is not None:
            sexp, n, last = sexp + extra[0], n + extra[1], max(last, extra[2])
        out.append(make((codes[a], codes[b], directed == 1, codes[kind], sexp * scale, n, last)))
    return out


def _raw_rows(conn: Connection, query: Select[Any]) -> Iterator[tuple[Any, ...]]:
    """The rows as the DBAPI driver returns them: plain tuples, no result-row objects."""
    state = query.compile(dialect=conn.dialect).construct_expanded_state()
    params = state.positional_parameters if conn.dialect.positional else state.parameters
    cursor = conn.connection.cursor()
    try:
        cursor.execute(state.statement, params)
        while rows := cursor.fetchmany(_CHUNK):
            yield from rows
    finally:
        cursor.close()
