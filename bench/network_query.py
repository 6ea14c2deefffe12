"""Bench: the as-of network query on N synthetic events in SQLite (goal: <= 300 ms at 1M).

Builds (or reuses) a store of N synthetic events between ~190 states (Zipf-like
dyad popularity, the 16 PLOVER types, day-precise dates 2000-2024), one cluster
per event (what ``pactwatch merge`` stores for distinct events), then times
``build_network`` (treaties in force + the event tie sums + node filter) and
``detect_blocs`` for several dates. Run it by hand, not in the test suite:

    .venv/bin/python bench/network_query.py --events 1000000 --db /tmp/pw-bench.db

``--merge`` runs the real merge step instead of writing singleton clusters (slow
at 1M: it reads every mention into Python). A store built by an older version is
migrated when opened (at 1M, seconds from a v5 store to v6's packed snapshots).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from pactwatch.analyse.blocs import detect_blocs
from pactwatch.analyse.graph import build_network
from pactwatch.analyse.merge import Cluster, Match, Report, cluster_row, merge_store, ties
from pactwatch.kb.rows import read_rows
from pactwatch.model import EVENT_TYPES, Actor, Event, Evidence, content_hash
from pactwatch.store import Store, schema
from pactwatch.store.clusters import replace_clusters, tie_sums
from pactwatch.store.db import _event_row

START, DAYS = date(2000, 1, 1), 25 * 365
EVENTS_PER_DOC = 50


def _states() -> list[str]:
    return sorted({r["code"] for r in read_rows("countries.csv") if not r.get("valid_until")})


def _events(n: int, rng: random.Random) -> list[tuple[Event, str]]:
    states = _states()
    hubs = states[:: max(1, len(states) // 25)]
    out: list[tuple[Event, str]] = []
    for i in range(n):
        a = rng.choice(hubs) if rng.random() < 0.6 else rng.choice(states)
        b = rng.choice(hubs) if rng.random() < 0.5 else rng.choice(states)
        if a == b:
            b = states[(states.index(a) + 1) % len(states)]
        day = (START + timedelta(days=rng.randrange(DAYS))).isoformat()
        etype = rng.choice(EVENT_TYPES)
        text = f"synthetic {etype.lower()} {a} {b} {i}"
        doc = f"bench-{i // EVENTS_PER_DOC}"
        at = (i % EVENTS_PER_DOC) * 100
        evidence = Evidence(text, at, at + len(text))
        ev = Event(doc, etype, (Actor(a, a),), (Actor(b, b),), evidence, date=day, date_precision="day")
        out.append((ev, day))
    return out


def build(db: str, n: int, seed: int, run_merge: bool) -> Store:
    store = Store.open(db)
    if store.counts()["events"] >= n:
        return store
    rng = random.Random(seed)
    t0 = time.perf_counter()
    events = _events(n, rng)
    with store.writer() as conn:
        docs = {ev.doc_id: day for ev, day in events}
        rows = [_doc_row(d, day) for d, day in docs.items()]
        for i in range(0, len(rows), 5000):
            conn.execute(schema.documents.insert(), rows[i : i + 5000])
        for i in range(0, len(events), 5000):
            conn.execute(schema.events.insert(), [_event_row(ev) for ev, _ in events[i : i + 5000]])
    print(f"wrote {n} events in {time.perf_counter() - t0:.1f}s")
    t0 = time.perf_counter()
    if run_merge:
        print(merge_store(store).summary())
    else:
        _singletons(store, events)
    print(f"clusters written in {time.perf_counter() - t0:.1f}s")
    return store


def _doc_row(doc_id: str, day: str) -> dict[str, object]:
    text = f"synthetic document {doc_id}"
    return {
        "id": doc_id,
        "content_hash": content_hash(text),
        "text": text,
        "published": day,
        "ingested_at": "bench",
    }


def _singletons(store: Store, events: list[tuple[Event, str]]) -> None:
    clusters, members, tie_rows = [], [], []
    for ev, day in events:
        report = Report(ev, day)
        cluster = Cluster(report, 0, [report], {ev.id: Match(1.0, "founding mention")})
        row = cluster_row(cluster)
        clusters.append(row)
        members.append(_member(ev.id, row.id))
        tie_rows.extend(ties(cluster, row))
    replace_clusters(store, clusters, members, tie_rows)


def _member(event_id: str, cluster_id: str) -> object:
    from pactwatch.store.clusters import MemberRow

    return MemberRow(event_id, cluster_id, 1.0, "founding mention")


def _time(fn: object, repeat: int) -> list[float]:
    """Wall times in ms; a full collection runs before each (untimed), so the garbage that an
    earlier step (blocs on a big graph) left behind is not billed to the query."""
    out = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "pactwatch-bench.db"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--merge", action="store_true", help="run the real merge (slow at 1M)")
    args = parser.parse_args()
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    store = build(args.db, args.events, args.seed, args.merge)
    with store.engine.connect() as conn:
        n_ties = conn.execute(select(func.count()).select_from(schema.cluster_ties)).scalar_one()
        packs = schema.tie_packs
        n_totals = conn.execute(select(func.sum(packs.c.size))).scalar() or 0
        n_snaps = conn.execute(select(func.count()).select_from(packs)).scalar_one()
    print(f"store: {store.counts()['events']} events, {n_ties} ties, {n_snaps} snapshots of {n_totals} total rows")
    for on in ("2005-06-30", "2015-06-30", "2024-12-31"):
        build_network(store, on)  # warm the page cache and the treaty tables
        sql = _time(lambda on=on: tie_sums(store, on), args.repeat)
        net = _time(lambda on=on: build_network(store, on), args.repeat)
        network = build_network(store, on)
        blocs = _time(lambda network=network: detect_blocs(network), 3)
        print(
            f"on {on}: {len(network.nodes)} nodes, {len(network.edges)} edges | "
            f"tie sums median {statistics.median(sql):.0f} ms | "
            f"network query median {statistics.median(net):.0f} ms (min {min(net):.0f}, max {max(net):.0f}) | "
            f"blocs median {statistics.median(blocs):.0f} ms"
        )


if __name__ == "__main__":
    main()
