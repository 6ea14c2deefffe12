"""Tie totals: the snapshot path of the as-of sums equals the plain per-tie decayed sum."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest
from sqlalchemy import create_engine, func, inspect, select

from pactwatch.store import Store, schema, totals
from pactwatch.store.clusters import TieRow, _tie_dict, replace_clusters, tie_sums
from pactwatch.store.db import _sqlalchemy_url
from pactwatch.store.migrations import MIGRATIONS

STATES = ("CHN", "PRK", "RUS", "USA", "IRN", "KOR")
FIRST = date(2020, 1, 1)


def _ties(n: int, seed: int = 7) -> list[TieRow]:
    """Synthetic ties: both kinds, both directions, several ties on one day, all in 2020-2023."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        a, b = sorted(rng.sample(STATES, 2)) if i % 5 == 0 else rng.sample(STATES, 2)
        day = (FIRST + timedelta(days=rng.randrange(4 * 365) // 3 * 3)).isoformat()
        signed = rng.choice((-1, 1)) * rng.uniform(0.1, 8.0)
        out.append(TieRow(f"c{i}", a, b, i % 5 != 0, "AID", day, abs(signed), signed))
    return out


def _direct(ties: list[TieRow], on: str) -> dict[tuple[str, str, bool, str], tuple[float, int, str]]:
    """The sums computed tie by tie: ``signed * 2 ** (-age / half-life)``, the count, the last day."""
    out: dict[tuple[str, str, bool, str], tuple[float, int, str]] = {}
    for t in ties:
        if t.day > on:
            continue
        age = (date.fromisoformat(on) - date.fromisoformat(t.day)).days
        w, n, last = out.get((t.a, t.b, t.directed, t.kind), (0.0, 0, t.day))
        weight = t.signed * 2.0 ** (-age / totals.STORED_HALF_LIFE_DAYS)
        out[t.a, t.b, t.directed, t.kind] = (w + weight, n + 1, max(last, t.day))
    return out


def _assert_same(store: Store, ties: list[TieRow], on: str) -> None:
    got = {(s.a, s.b, s.directed, s.kind): (s.weight, s.n, s.last_day) for s in tie_sums(store, on)}
    want = _direct(ties, on)
    assert got.keys() == want.keys(), on
    for key, (w, n, last) in want.items():
        assert got[key] == (pytest.approx(w, rel=1e-9, abs=1e-12), n, last), (on, key)


def _starts(store: Store) -> list[str]:
    tp = schema.tie_packs
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(select(tp.c.start).order_by(tp.c.start))]


def _dates(starts: list[str], ties: list[TieRow]) -> list[str]:
    """Before any tie, on and around snapshot days, inside a snapshot period, the last tie and after."""
    mid = starts[len(starts) // 2]
    nxt = starts[len(starts) // 2 + 1]
    between = date.fromisoformat(mid) + (date.fromisoformat(nxt) - date.fromisoformat(mid)) / 2
    last = max(t.day for t in ties)
    day_before = (date.fromisoformat(mid) - timedelta(days=1)).isoformat()
    day_after = (date.fromisoformat(mid) + timedelta(days=1)).isoformat()
    before_next = (date.fromisoformat(nxt) - timedelta(days=1)).isoformat()
    return [
        "2019-12-31",
        starts[0],
        day_before,
        mid,
        day_after,
        between.isoformat(),
        before_next,
        nxt,
        starts[-1],
        last,
        "2031-05-17",
    ]


@pytest.fixture
def small_snapshots(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots every few ties, so a few hundred ties make many of them."""
    monkeypatch.setattr(totals, "MIN_SNAPSHOT_TIES", 8)


@pytest.mark.usefixtures("small_snapshots")
def test_tie_sums_equal_the_per_tie_decayed_sum(any_store: Store) -> None:
    ties = _ties(400)
    replace_clusters(any_store, [], [], ties)
    starts = _starts(any_store)
    assert len(starts) >= 5
    for on in _dates(starts, ties):
        _assert_same(any_store, ties, on)


@pytest.mark.usefixtures("small_snapshots")
def test_tie_sums_come_in_key_order(store: Store) -> None:
    ties = _ties(300)
    replace_clusters(store, [], [], ties)
    starts = _starts(store)
    for on in (starts[len(starts) // 2], starts[-1], "2031-05-17"):
        keys = [(s.a, s.b, s.kind, s.directed) for s in tie_sums(store, on)]
        new_since_snapshot = {(t.a, t.b, t.kind, t.directed) for t in ties if t.day <= on} - {
            (t.a, t.b, t.kind, t.directed) for t in ties if t.day < starts[0]
        }
        assert new_since_snapshot, "some keys are first seen after the first snapshot"
        assert keys == sorted(keys), "every key in order, those first seen after the snapshot too"


@pytest.mark.usefixtures("small_snapshots")
def test_a_merge_committed_during_the_read_is_not_half_seen(any_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ties = _ties(400)
    replace_clusters(any_store, [], [], ties)
    on = _starts(any_store)[3]
    # other actor codes renumber every key; other days move every snapshot
    other = [replace(t, a="AAA" if t.a == "USA" else t.a, day=t.day[:8] + "01") for t in _ties(300, seed=8)]
    read_recent = totals._recent_totals

    def merge_meanwhile(*args: Any) -> Any:
        replace_clusters(any_store, [], [], other)
        return read_recent(*args)

    monkeypatch.setattr(totals, "_recent_totals", merge_meanwhile)
    _assert_same(any_store, ties, on)
    monkeypatch.setattr(totals, "_recent_totals", read_recent)
    _assert_same(any_store, other, on)


def test_snapshot_spacing_follows_the_tie_count() -> None:
    ids = {code: i for i, code in enumerate(sorted({*STATES, "conflict", "cooperation"}))}
    values = [(ids[t.a], ids[t.b], ids[t.kind], int(t.directed), t.day, t.signed) for t in _ties(5000)]
    snaps = list(totals.snapshots(values))
    assert snaps, "5000 ties make snapshots"
    starts = [snap.start for snap in snaps]
    assert starts == sorted(set(starts))
    since = 0
    for snap in snaps:
        before = [v for v in values if v[4] < snap.start]
        keys = {v[:4] for v in before}
        assert len(before) - since >= max(totals.MIN_SNAPSHOT_TIES, len(keys) // totals.SNAPSHOT_SHARE)
        since = len(before)
        t = snap.totals
        assert list(zip(t.a.tolist(), t.b.tolist(), t.kind.tolist(), t.directed.tolist(), strict=True)) == sorted(keys)
        assert int(t.n.sum()) == len(before)
        assert float(t.sexp.sum()) == pytest.approx(sum(v[5] for v in before))
    assert not list(totals.snapshots(values[:100])), "small stores sum their ties directly"


def _v4_store(url: str, ties: list[TieRow]) -> None:
    """A store as version 4 left it: yearly tie_snapshots, no tie_totals."""
    engine = create_engine(_sqlalchemy_url(url))
    with engine.begin() as conn:
        schema.metadata.create_all(conn, tables=[schema.schema_migrations])
        for step in MIGRATIONS[:4]:
            step.apply(conn)
            conn.execute(schema.schema_migrations.insert().values(version=step.version, name=step.name, applied_at="t"))
        conn.execute(schema.cluster_ties.insert(), [_tie_dict(t) for t in ties])
        snapshot: dict[str, Any] = {"year": 2021, "a": "CHN", "b": "PRK", "directed": 1, "kind": "conflict"}
        conn.execute(schema.tie_snapshots.insert().values(**snapshot, sexp=1.0, n=1, last_day="2020-05-01"))
    engine.dispose()


@pytest.mark.usefixtures("small_snapshots")
def test_migration_rebuilds_the_totals_of_a_version_4_store(any_db: str) -> None:
    ties = _ties(200)
    _v4_store(any_db, ties)
    store = Store.open(any_db)
    try:
        assert not inspect(store.engine).has_table("tie_snapshots")
        with store.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(schema.tie_packs)).scalar_one() > 0
        assert not inspect(store.engine).has_table("tie_totals")
        starts = _starts(store)
        for on in _dates(starts, ties):
            _assert_same(store, ties, on)
    finally:
        store.close()


def _v5_store(url: str, ties: list[TieRow]) -> None:
    """A store as version 5 left it after a merge: the ties, and a ``tie_totals`` row per key and snapshot."""
    engine = create_engine(_sqlalchemy_url(url))
    with engine.begin() as conn:
        schema.metadata.create_all(conn, tables=[schema.schema_migrations])
        for step in MIGRATIONS[:5]:
            step.apply(conn)
            conn.execute(schema.schema_migrations.insert().values(version=step.version, name=step.name, applied_at="t"))
        conn.execute(schema.cluster_ties.insert(), [_tie_dict(t) for t in ties])
        totals.rebuild_totals(conn)  # what v5's merge wrote: the same function over the same ties
    engine.dispose()


def _v5_sums(url: str, on: str) -> dict[tuple[str, str, bool, str], tuple[float, int, str]]:
    """The as-of sums as version 5 computed them, row by row from ``tie_totals`` (its exact arithmetic)."""
    engine = create_engine(_sqlalchemy_url(url))
    tt, ct = schema.tie_totals, schema.cluster_ties
    with engine.connect() as conn:
        codes = [r[0] for r in conn.execute(select(schema.tie_codes.c.code).order_by(schema.tie_codes.c.id))]
        start = conn.execute(select(func.max(tt.c.start)).where(tt.c.start <= on)).scalar()
        recent: dict[tuple[str, str, bool, str], list[Any]] = {}
        query = select(ct.c.a, ct.c.b, ct.c.kind, ct.c.directed, ct.c.day, ct.c.sexp).where(ct.c.day <= on)
        if start is not None:
            query = query.where(ct.c.day >= start)
        for a, b, kind, directed, day, sexp in conn.execute(query):
            acc = recent.get((a, b, directed == 1, kind))
            if acc is None:
                recent[a, b, directed == 1, kind] = [sexp, 1, day]
            else:
                acc[0], acc[1], acc[2] = acc[0] + sexp, acc[1] + 1, max(acc[2], day)
        out: dict[tuple[str, str, bool, str], tuple[float, int, str]] = {}
        scale = 1.0 / totals.decay_factor(on)
        if start is not None:
            rows = conn.execute(select(tt).where(tt.c.start == start))
            for r in rows.mappings():
                key = (codes[r["a"]], codes[r["b"]], r["directed"] == 1, codes[r["kind"]])
                sexp, n, last = r["sexp"], r["n"], r["last_day"]
                extra = recent.pop(key, None)
                if extra is not None:
                    sexp, n, last = sexp + extra[0], n + extra[1], max(last, extra[2])
                out[key] = (sexp * scale, n, last)
        out.update({key: (v[0] * scale, v[1], v[2]) for key, v in recent.items()})
    engine.dispose()
    return out


@pytest.mark.usefixtures("small_snapshots")
def test_migration_packs_the_totals_of_a_version_5_store(any_db: str) -> None:
    ties = _ties(300)
    _v5_store(any_db, ties)
    engine = create_engine(_sqlalchemy_url(any_db))
    with engine.connect() as conn:
        v5_starts = [r[0] for r in conn.execute(select(schema.tie_totals.c.start).distinct().order_by("start"))]
    engine.dispose()
    assert len(v5_starts) >= 5
    dates = _dates(v5_starts, ties)
    before = {on: _v5_sums(any_db, on) for on in dates}
    store = Store.open(any_db)
    try:
        assert not inspect(store.engine).has_table("tie_totals")
        assert _starts(store) == v5_starts, "the same snapshot days"
        for on in dates:
            got = {(s.a, s.b, s.directed, s.kind): (s.weight, s.n, s.last_day) for s in tie_sums(store, on)}
            assert got == before[on], f"v6 equals v5 to the bit on {on}"
            _assert_same(store, ties, on)
    finally:
        store.close()


@pytest.mark.usefixtures("small_snapshots")
def test_a_snapshot_is_one_row_of_packed_columns(store: Store) -> None:
    ties = _ties(400)
    replace_clusters(store, [], [], ties)
    tp = schema.tie_packs
    with store.engine.connect() as conn:
        rows = conn.execute(select(tp).order_by(tp.c.start)).mappings().all()
    assert len(rows) == len(_starts(store)) >= 5
    for row in rows:
        assert len(row["a"]) == len(row["b"]) == len(row["kind"]) == len(row["n"]) == 4 * row["size"]
        assert len(row["directed"]) == row["size"] and len(row["sexp"]) == 8 * row["size"]
        n = np.frombuffer(row["n"], "<i4")
        assert int(n.sum()) == sum(1 for t in ties if t.day < row["start"])


def _totals(keys: list[tuple[int, int, int, int]], sexp: list[float], n: list[int], last: list[int]) -> totals.Totals:
    a, b, kind, directed = (np.array(c, dtype=np.int64) for c in zip(*keys, strict=True))
    return totals.Totals(a, b, kind, directed, np.array(sexp), np.array(n, dtype=np.int64), np.array(last))


def test_the_merge_adds_known_keys_and_inserts_new_ones_in_key_order() -> None:
    snap = _totals([(0, 1, 3, 0), (0, 2, 3, 1), (1, 2, 4, 0)], [1.0, 2.0, 3.0], [1, 2, 3], [10, 20, 30])
    recent = _totals(
        [(0, 0, 3, 1), (0, 2, 3, 1), (0, 2, 4, 0), (1, 2, 4, 0), (2, 1, 3, 0)],
        [0.5, 0.25, 4.0, 1.5, 8.0],
        [1, 1, 2, 1, 1],
        [40, 15, 50, 60, 70],
    )
    got = totals._merge(snap, recent, width=5)
    keys = list(zip(got.a.tolist(), got.b.tolist(), got.kind.tolist(), got.directed.tolist(), strict=True))
    assert keys == [(0, 0, 3, 1), (0, 1, 3, 0), (0, 2, 3, 1), (0, 2, 4, 0), (1, 2, 4, 0), (2, 1, 3, 0)]
    assert got.sexp.tolist() == [0.5, 1.0, 2.25, 4.0, 4.5, 8.0]
    assert got.n.tolist() == [1, 1, 3, 2, 4, 1]
    assert got.last.tolist() == [40, 10, 20, 50, 60, 70]


def test_day_numbers_read_back_as_iso_days() -> None:
    near = ["2020-01-05", "2019-12-31", "2020-01-05", "2020-03-01"]
    far = ["1815-06-18", "2024-12-31", "1648-10-24"]
    for days in (near, far):
        assert totals._day_strings(totals._day_numbers(days)) == days
    assert totals._day_strings(totals._day_numbers([])) == []
