"""Running totals of the pre-decayed tie weights, so that an as-of sum reads one snapshot.

``cluster_ties.sexp`` is a tie's signed weight times ``2 ** ((day - EPOCH) / half-life)``
(:func:`decay_factor`), so the weight of every tie up to day D, decayed to D, is
``sum(sexp) / decay_factor(D)``. A snapshot keeps that sum, with the count and the
last day, per key (pair, kind, direction) over the ties before its day ``start``.
Keys are numbers into ``tie_codes`` (the actor codes and kinds, numbered in sorted
order, so that numeric key order is string key order).

A snapshot is taken at the first new day once the ties since the previous one reach
a quarter of the keys seen so far (at least :data:`MIN_SNAPSHOT_TIES`). An as-of query
then reads one snapshot plus at most about a quarter as many ties, and the snapshots
hold at most about four keys per tie, whether the corpus is dense or sparse, recent
or centuries long.

Since v6 a snapshot is ONE row of ``tie_packs``: each column (key numbers, direction,
sum, count, last day) packed as a little-endian array, read with ``numpy.frombuffer``
and merged with the recent ties in numpy. Python then touches each key once, to build
its :class:`TieSum`. The sums are added in the same order as tie by tie (snapshot,
then the recent ties in the order read, summed apart first), so the results equal
those of the row-per-key format of v5 to the bit.
"""

from __future__ import annotations

import gc
from collections.abc import Container, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from itertools import repeat
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
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

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

TieValue = tuple[str, str, str, int, str, float]
"""(a, b, kind, directed, day, sexp): one tie as the totals need it."""

CodedTie = tuple[int, int, int, int, str, float]
"""A :data:`TieValue` with its key numbered."""

# packed column layouts: explicit byte order, so a store moves between machines
_I32, _I8, _F64 = np.dtype("<i4"), np.dtype("<i1"), np.dtype("<f8")
_LAST_DAY = "datetime64[D]"


class TieSum(NamedTuple):
    """The signed ties of one (pair, direction, kind), summed up to a day (a named tuple: cheap in bulk)."""

    a: str
    b: str
    directed: bool
    kind: str
    weight: float
    n: int
    last_day: str


class Totals(NamedTuple):
    """Totals per key, as columns sorted by key (``a, b, kind, directed`` numbers); days as day numbers."""

    a: Ints
    b: Ints
    kind: Ints
    directed: Ints
    sexp: Floats
    n: Ints
    last: Ints

    @classmethod
    def empty(cls) -> Totals:
        """No key."""
        none = np.zeros(0, np.int64)
        return cls(none, none, none, none, np.zeros(0), none, none)

    def keys(self, width: int) -> Ints:
        """One number per key, in key order, for key numbers below ``width``."""
        return ((self.a * width + self.b) * width + self.kind) * 2 + self.directed


class Snapshot(NamedTuple):
    """The totals of every key over the ties before ``start``."""

    start: str
    totals: Totals


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


def _day_numbers(days: Iterable[str]) -> Ints:
    """ISO days as day numbers (days since 1970-01-01): they order as the strings do."""
    return np.array(list(days), dtype=_LAST_DAY).astype(np.int64)


def _day_strings(numbers: Ints) -> list[str]:
    """The ISO days of day numbers, each distinct day formatted once (a table of the span, or of the days)."""
    if not len(numbers):
        return []
    first = int(numbers.min())
    span = int(numbers.max()) - first + 1
    if span <= 2 * len(numbers):
        days, where = np.arange(first, first + span), numbers - first
    else:  # a few days centuries apart
        days, where = np.unique(numbers, return_inverse=True)
    text = np.array(np.datetime_as_string(days.astype(_LAST_DAY)).tolist(), dtype=object)
    out: list[str] = text[where].tolist()
    return out


def write_totals(conn: Connection, ties: Iterable[TieValue]) -> int:
    """Replace every snapshot (and the key numbers) by those of ``ties``; return how many key totals were written."""
    return _write(conn, ties, schema.tie_packs, _pack_row)


def rebuild_packs(conn: Connection) -> int:
    """Recompute the snapshots from the stored ties (migration v6, or a repair)."""
    return write_totals(conn, _stored_ties(conn))


def rebuild_totals(conn: Connection) -> int:
    """Migration v5's step: the snapshots as v5 stored them, a ``tie_totals`` row per key (v6 packs them)."""
    return _write(conn, _stored_ties(conn), schema.tie_totals, _v5_rows)


def _stored_ties(conn: Connection) -> Iterator[TieValue]:
    t = schema.cluster_ties
    query = select(t.c.a, t.c.b, t.c.kind, t.c.directed, t.c.day, t.c.sexp).order_by(t.c.day)
    return ((a, b, k, int(d), day, s) for a, b, k, d, day, s in _raw_rows(conn, query))


def _write(conn: Connection, ties: Iterable[TieValue], table: Any, rows: Any) -> int:
    conn.execute(table.delete())
    conn.execute(schema.tie_codes.delete())
    values = list(ties)
    codes = sorted({code for a, b, kind, *_ in values for code in (a, b, kind)})
    if codes:
        conn.execute(schema.tie_codes.insert(), [{"id": i, "code": code} for i, code in enumerate(codes)])
    ids = {code: i for i, code in enumerate(codes)}
    written = 0
    for snap in snapshots((ids[a], ids[b], ids[k], d, day, sexp) for a, b, k, d, day, sexp in values):
        batch: list[dict[str, Any]] = rows(snap)
        for start in range(0, len(batch), _CHUNK):
            conn.execute(table.insert(), batch[start : start + _CHUNK])
        written += len(snap.totals.a)
    return written


def _pack_row(snap: Snapshot) -> list[dict[str, Any]]:
    t = snap.totals
    return [
        {
            "start": snap.start,
            "size": len(t.a),
            "a": t.a.astype(_I32).tobytes(),
            "b": t.b.astype(_I32).tobytes(),
            "kind": t.kind.astype(_I32).tobytes(),
            "directed": t.directed.astype(_I8).tobytes(),
            "sexp": t.sexp.astype(_F64).tobytes(),
            "n": t.n.astype(_I32).tobytes(),
            "last_day": t.last.astype(_I32).tobytes(),
        }
    ]


def _v5_rows(snap: Snapshot) -> list[dict[str, Any]]:
    t = snap.totals
    last = _day_strings(t.last)
    keys = zip(t.a.tolist(), t.b.tolist(), t.kind.tolist(), t.directed.tolist(), strict=True)
    return [
        {"start": snap.start, "a": a, "b": b, "kind": k, "directed": d, "sexp": sexp, "n": n, "last_day": day}
        for (a, b, k, d), sexp, n, day in zip(keys, t.sexp.tolist(), t.n.tolist(), last, strict=True)
    ]


def snapshots(ties: Iterable[CodedTie]) -> Iterator[Snapshot]:
    """Each snapshot, oldest first: every key's totals over the ties before ``start``, in key order.

    The ties are taken in day order (stable) and each key's sum is added up tie by tie
    in that order, as a running total would."""
    columns = list(zip(*ties, strict=True))
    if not columns:
        return
    a, b, kind, directed = (np.array(c, dtype=np.int64) for c in columns[:4])
    day, sexp = _day_numbers(columns[4]), np.array(columns[5], dtype=np.float64)
    order = np.argsort(day, kind="stable")
    a, b, kind, directed, day, sexp = a[order], b[order], kind[order], directed[order], day[order], sexp[order]
    width = int(max(a.max(), b.max(), kind.max())) + 1
    keys, first, which = np.unique(
        ((a * width + b) * width + kind) * 2 + directed, return_index=True, return_inverse=True
    )
    is_first = np.zeros(len(day), dtype=np.int64)
    is_first[first] = 1
    seen = np.concatenate(([0], np.cumsum(is_first)))  # seen[i]: the keys of the ties before i
    starts, since = [], 0
    for i in (np.flatnonzero(day[1:] != day[:-1]) + 1).tolist():
        if i - since >= max(MIN_SNAPSHOT_TIES, int(seen[i]) // SNAPSHOT_SHARE):
            starts.append(i)
            since = i
    if not starts:
        return
    sums, counts = np.zeros(len(keys)), np.zeros(len(keys), dtype=np.int64)
    last = np.full(len(keys), np.iinfo(np.int64).min)
    key_a, rest = np.divmod(keys // 2, width * width)
    key_b, key_kind = np.divmod(rest, width)
    key_directed = keys % 2
    done = 0
    for i in starts:
        part = which[done:i]
        np.add.at(sums, part, sexp[done:i])
        counts += np.bincount(part, minlength=len(keys))
        np.maximum.at(last, part, day[done:i])
        done = i
        live = np.flatnonzero(counts)
        start = str(np.datetime64(int(day[i]), "D"))
        totals = Totals(
            key_a[live], key_b[live], key_kind[live], key_directed[live], sums[live], counts[live], last[live]
        )
        yield Snapshot(start, totals)


class SumColumns(NamedTuple):
    """The fields of :class:`TieSum` as columns (plain lists, one item per key, in key order)."""

    a: list[str]
    b: list[str]
    directed: list[bool]
    kind: list[str]
    weight: list[float]
    n: list[int]
    last_day: list[str]


def sums_at(conn: Connection, on: str) -> list[TieSum]:
    """Signed tie weights up to ``on`` decayed to ``on`` (stored half-life), per key, in key order.

    Reads the latest snapshot at or before ``on`` (one row) and the ties from its day
    to ``on``, merged in numpy (:func:`totals_at`).
    """
    with gc_paused():
        columns = sum_columns(conn, on)
        return list(map(tuple.__new__, repeat(TieSum), zip(*columns, strict=True)))


def sum_columns(conn: Connection, on: str, among: Container[str] | None = None, nonzero: bool = False) -> SumColumns:
    """The sums of :func:`sums_at` as columns; only the keys of two actors ``among`` these, of a weight if ``nonzero``.

    Builds no tuple per key: the caller makes what it needs of the columns in one pass.
    """
    _read_one_state(conn)
    codes, totals = totals_at(conn, on)
    weight = totals.sexp * (1.0 / decay_factor(on))
    keep = weight != 0 if nonzero else None
    if among is not None:
        kept = np.array([code in among for code in codes] or [False])
        both = kept[totals.a] & kept[totals.b]
        keep = both if keep is None else keep & both
    if keep is not None:
        totals, weight = Totals(*(column[keep] for column in totals)), weight[keep]
    names = np.array(codes, dtype=object)
    return SumColumns(
        names[totals.a].tolist(),
        names[totals.b].tolist(),
        (totals.directed == 1).tolist(),
        names[totals.kind].tolist(),
        weight.tolist(),
        totals.n.tolist(),
        _day_strings(totals.last),
    )


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


def totals_at(conn: Connection, on: str) -> tuple[list[str], Totals]:
    """The key codes and the pre-decayed totals of every key over the ties up to ``on``, in key order."""
    tp = schema.tie_packs
    start = conn.execute(select(func.max(tp.c.start)).where(tp.c.start <= on)).scalar()
    codes = [code for (code,) in _raw_rows(conn, select(schema.tie_codes.c.code).order_by(schema.tie_codes.c.id))]
    recent = _recent_totals(conn, start, on, {code: i for i, code in enumerate(codes)})
    if start is None:
        return codes, recent
    return codes, _merge(_read_snapshot(conn, start), recent, len(codes))


def _recent_totals(conn: Connection, start: str | None, on: str, ids: dict[str, int]) -> Totals:
    """Totals of the ties from the snapshot day ``start`` (or the first) to ``on``, in key order.

    Each key's sum is added up in the order the rows come (as the snapshots were)."""
    ct = schema.cluster_ties
    query = select(ct.c.a, ct.c.b, ct.c.kind, ct.c.directed, ct.c.day, ct.c.sexp).where(ct.c.day <= on)
    if start is not None:
        query = query.where(ct.c.day >= start)
    columns = list(zip(*_raw_rows(conn, query), strict=True))
    if not columns:
        return Totals.empty()
    size = len(columns[0])
    a, b, kind = (np.fromiter(map(ids.__getitem__, c), np.int64, size) for c in columns[:3])
    directed = np.fromiter(columns[3], np.int64, size)
    width = len(ids)
    keys, which = np.unique(((a * width + b) * width + kind) * 2 + directed, return_inverse=True)
    sums = np.zeros(len(keys))
    np.add.at(sums, which, np.fromiter(columns[5], np.float64, size))
    last = np.full(len(keys), np.iinfo(np.int64).min)
    np.maximum.at(last, which, _day_numbers(columns[4]))
    key_a, rest = np.divmod(keys // 2, width * width)
    key_b, key_kind = np.divmod(rest, width)
    return Totals(key_a, key_b, key_kind, keys % 2, sums, np.bincount(which, minlength=len(keys)), last)


def _read_snapshot(conn: Connection, start: str) -> Totals:
    tp = schema.tie_packs
    query = select(tp.c.a, tp.c.b, tp.c.kind, tp.c.directed, tp.c.sexp, tp.c.n, tp.c.last_day)
    rows = list(_raw_rows(conn, query.where(tp.c.start == start)))
    a, b, kind, directed, sexp, n, last = rows[0]
    ints = [np.frombuffer(x, _I32).astype(np.int64) for x in (a, b, kind)]
    directed_ = np.frombuffer(directed, _I8).astype(np.int64)
    sexp_ = np.frombuffer(sexp, _F64).astype(np.float64)  # a copy: the merge adds to it
    n_, last_ = (np.frombuffer(x, _I32).astype(np.int64) for x in (n, last))
    return Totals(ints[0], ints[1], ints[2], directed_, sexp_, n_, last_)


def _merge(snap: Totals, recent: Totals, width: int) -> Totals:
    """The snapshot's totals plus the recent ones, key by key (``snap`` is changed in place)."""
    if not len(recent.a):
        return snap
    keys, new_keys = snap.keys(width), recent.keys(width)
    at = np.searchsorted(keys, new_keys)
    known = at < len(keys)
    known[known] = keys[at[known]] == new_keys[known]
    hit = at[known]
    snap.sexp[hit] += recent.sexp[known]
    snap.n[hit] += recent.n[known]
    snap.last[hit] = np.maximum(snap.last[hit], recent.last[known])
    if known.all():
        return snap
    fresh = ~known
    where = at[fresh]  # ascending, as the keys: fresh key j goes before old key where[j]
    is_old = np.ones(len(keys) + len(where), dtype=bool)
    is_old[where + np.arange(len(where))] = False
    return Totals(*(_splice(old, new[fresh], is_old) for old, new in zip(snap, recent, strict=True)))


def _splice(old: npt.NDArray[Any], new: npt.NDArray[Any], is_old: npt.NDArray[np.bool_]) -> npt.NDArray[Any]:
    """``old`` where ``is_old``, ``new`` in the other places, both in their order."""
    out = np.empty(len(is_old), dtype=old.dtype)
    out[is_old], out[~is_old] = old, new
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
