"""Tie totals: the snapshot path of the as-of sums equals the plain per-tie decayed sum."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

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
    tt = schema.tie_totals
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(select(tt.c.start).distinct().order_by(tt.c.start))]


def _dates(starts: list[str], ties: list[TieRow]) -> list[str]:
    """Before any tie, on and around snapshot days, inside a snapshot period, the last tie and after."""
    mid = starts[len(starts) // 2]
    nxt = starts[len(starts) // 2 + 1]
    between = date.fromisoformat(mid) + (date.fromisoformat(nxt) - date.fromisoformat(mid)) / 2
    last = max(t.day for t in ties)
    day_before = (date.fromisoformat(mid) - timedelta(days=1)).isoformat()
    return ["2019-12-31", starts[0], day_before, mid, between.isoformat(), starts[-1], last, "2031-05-17"]


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
    on = _starts(store)[-1]
    sums = tie_sums(store, on)
    keys = [(s.a, s.b, s.kind, s.directed) for s in sums]
    seen_before = {(t.a, t.b, t.kind, t.directed) for t in ties if t.day < on}
    head = [k for k in keys if k in seen_before]
    assert head == sorted(head) and keys[: len(head)] == head


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
    starts = [rows[0]["start"] for rows in snaps]
    assert starts == sorted(set(starts))
    for rows in snaps:
        before = [v for v in values if v[4] < rows[0]["start"]]
        assert sum(r["n"] for r in rows) == len(before)
        assert sum(r["sexp"] for r in rows) == pytest.approx(sum(v[5] for v in before))
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
            assert conn.execute(select(func.count()).select_from(schema.tie_totals)).scalar_one() > 0
        starts = _starts(store)
        for on in _dates(starts, ties):
            _assert_same(store, ties, on)
    finally:
        store.close()
