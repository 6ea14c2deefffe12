"""Command-line handlers for merging and the graph analyses: parse, call the library, render.

``merge``, ``explain``, ``network``, ``blocs``, ``timeline``, ``changes`` and
``transfers``; :func:`add_graph_commands` registers them on the main parser.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pactwatch.errors import PactwatchError


def _line(text: str) -> None:
    sys.stdout.write(text + "\n")


EXAMPLES = {
    "merge": "examples:\n  pactwatch merge\n  pactwatch merge --undo   (every mention its own event again)",
    "explain": "examples:\n  pactwatch explain cl-0df427d6678ff87c\n  pactwatch explain ev-9f3bedcfbc9c3635",
    "network": "examples:\n  pactwatch network --on 2024-06-28 --format json\n"
    "  pactwatch network --on 2024-06-28 --format gexf --out net.gexf   (open in Gephi)\n"
    "  pactwatch network --on 2024-06-28 --format png --out net.png",
    "blocs": "examples:\n  pactwatch blocs --on 2024-06-28\n  pactwatch blocs --on 2024-06-28 --format table",
    "timeline": "examples:\n  pactwatch timeline RUS PRK\n  pactwatch timeline RUS PRK --format png --out rus-prk.png",
    "changes": "examples:\n  pactwatch changes --since 2024-06-01\n"
    "  pactwatch changes --since 2024-01-01 --until 2024-06-30",
    "transfers": "examples:\n  pactwatch transfers --recipient RUS\n  pactwatch transfers --supplier PRK --since 2023",
}


def _store(db: str | None) -> Any:
    from pactwatch.store import Store

    return Store.open(db)


def _write(data: bytes, out: str | None) -> None:
    if out:
        Path(out).write_bytes(data)
        sys.stderr.write(f"wrote {out} ({len(data)} bytes)\n")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def _day_or_latest(store: Any, on: str | None) -> str:
    from datetime import date

    from pactwatch.store.clusters import latest_published

    return on or latest_published(store) or date.today().isoformat()


def cmd_merge(args: argparse.Namespace) -> int:
    """``pactwatch merge``: cluster the stored mentions into events (or undo it)."""
    from pactwatch.analyse.merge import merge_store, undo_merge

    store = _store(args.db)
    if args.undo:
        count = undo_merge(store)
        sys.stderr.write(f"removed {count} clusters; every mention is an event of its own until the next merge\n")
        return 0
    sys.stderr.write(merge_store(store).summary() + "\n")
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    """``pactwatch explain ID``: the event (cluster) with every mention and why it was merged."""
    from pactwatch.analyse.merge import ensure_merged
    from pactwatch.store.clusters import cluster_of

    store = _store(args.db)
    ensure_merged(store)
    found = cluster_of(store, args.id)
    if found is None:
        raise PactwatchError(f"{args.id}: no such event or mention; list them with `pactwatch events --format jsonl`")
    _line(json.dumps(found.to_json(), indent=2, ensure_ascii=False))
    return 0


def cmd_network(args: argparse.Namespace) -> int:
    """``pactwatch network``: the as-of relation graph."""
    from pactwatch.analyse.blocs import blocs_on
    from pactwatch.analyse.graph import render_network

    store = _store(args.db)
    network, result = blocs_on(store, _day_or_latest(store, args.on), args.half_life)
    _write(render_network(network, args.format, result.assignment()), args.out)
    return 0


def cmd_blocs(args: argparse.Namespace) -> int:
    """``pactwatch blocs``: communities of the signed as-of graph."""
    from pactwatch.analyse.blocs import blocs_on

    store = _store(args.db)
    _network, result = blocs_on(store, _day_or_latest(store, args.on), args.half_life)
    data = result.to_json()
    if args.format == "table":
        for bloc in data["blocs"]:
            orgs = f" + {', '.join(bloc['organisations'])}" if bloc["organisations"] else ""
            _line(f"bloc {bloc['id']}: strength {bloc['strength']}, cohesion {bloc['cohesion']}")
            _line(f"  {', '.join(bloc['members'])}{orgs}")
    else:
        _line(json.dumps(data, indent=2, ensure_ascii=False))
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    """``pactwatch timeline A B``: monthly cooperation and conflict of a pair."""
    from pactwatch.analyse.plots import timeline_png
    from pactwatch.analyse.timeline import dyad_timeline

    timeline = dyad_timeline(_store(args.db), args.a, args.b, args.since, args.until)
    if args.format == "png":
        _write(timeline_png(timeline), args.out)
    elif args.format == "csv":
        _write(timeline.to_csv().encode("utf-8"), args.out)
    else:
        _write((json.dumps(timeline.to_json(), indent=2, ensure_ascii=False) + "\n").encode("utf-8"), args.out)
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    """``pactwatch changes --since D``: new defence pledges, first transfers, dyads that jumped or flipped."""
    from pactwatch.analyse.changes import changes

    alerts = changes(_store(args.db), args.since, args.until)
    if args.format == "table":
        for a in alerts:
            _line(f"{a.day}  {a.kind:24s} {'-'.join(a.pair):8s} {a.summary}")
    else:
        for a in alerts:
            _line(json.dumps(a.to_json(), ensure_ascii=False))
    return 0


def cmd_transfers(args: argparse.Namespace) -> int:
    """``pactwatch transfers``: arms flows by supplier, recipient, weapon class and year."""
    from pactwatch.analyse.transfers import arms_flows

    flows = arms_flows(_store(args.db), args.supplier, args.recipient, args.since, args.until)
    if args.format == "table":
        for f in flows:
            pair = f"{f.supplier or '?'} -> {f.recipient or '?'}"
            _line(
                f"{f.year or '----'}  {pair:12s} {f.weapon_class:24s} {f.weapon or '':20s} {f.modality:9s} {f.origin}"
            )
    else:
        for f in flows:
            _line(json.dumps(f.to_json(), ensure_ascii=False))
    return 0


Sub = Callable[..., argparse.ArgumentParser]


def _command(subs: Any, sub: Sub, name: str, handler: Callable[[argparse.Namespace], int], text: str) -> Any:
    parser = sub(subs, name, handler, text)
    parser.epilog = EXAMPLES[name]
    return parser


def add_graph_commands(subs: Any, sub: Sub, add_db: Callable[[argparse.ArgumentParser], None], day: Any) -> None:
    """Register the commands of this module (``sub`` and ``add_db`` are the main parser's helpers)."""
    p = _command(subs, sub, "merge", cmd_merge, "Merge mentions of one real-world event into one event (idempotent).")
    p.add_argument("--undo", action="store_true", help="remove every cluster; mentions are untouched")
    add_db(p)
    p = _command(subs, sub, "explain", cmd_explain, "Show an event with every source and why its mentions were merged.")
    p.add_argument("id", metavar="EVENT_ID", help="an event (cl-...) or mention (ev-...) id")
    add_db(p)
    p = _command(subs, sub, "network", cmd_network, "Print the state-relation graph as of a date.")
    p.add_argument(
        "--on", type=day, metavar="YYYY-MM-DD", help="the date (default: the latest publication day in the store)"
    )
    p.add_argument("--format", choices=["json", "graphml", "gexf", "csv", "png"], default="json")
    p.add_argument("--out", metavar="PATH", help="write to a file (PNG needs one unless stdout is redirected)")
    p.add_argument("--half-life", type=float, metavar="DAYS", help="event decay half-life (default 365)")
    add_db(p)
    p = _command(subs, sub, "blocs", cmd_blocs, "Print the blocs (signed communities) of the graph as of a date.")
    p.add_argument(
        "--on", type=day, metavar="YYYY-MM-DD", help="the date (default: the latest publication day in the store)"
    )
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.add_argument("--half-life", type=float, metavar="DAYS", help="event decay half-life (default 365)")
    add_db(p)
    _add_dyad_commands(subs, sub, add_db, day)


def _add_dyad_commands(subs: Any, sub: Sub, add_db: Callable[[argparse.ArgumentParser], None], day: Any) -> None:
    p = _command(
        subs, sub, "timeline", cmd_timeline, "Monthly cooperation and conflict between two actors, treaty milestones."
    )
    p.add_argument("a", metavar="A", help="ISO3 or IGO code")
    p.add_argument("b", metavar="B", help="ISO3 or IGO code")
    p.add_argument("--since", type=day, metavar="YYYY-MM-DD")
    p.add_argument("--until", type=day, metavar="YYYY-MM-DD")
    p.add_argument("--format", choices=["json", "csv", "png"], default="json")
    p.add_argument("--out", metavar="PATH", help="write to a file instead of stdout")
    add_db(p)
    p = _command(
        subs, sub, "changes", cmd_changes, "Alerts: new defence pledges, first arms transfers, dyads that jump or flip."
    )
    p.add_argument("--since", type=day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--until", type=day, metavar="YYYY-MM-DD", help="default: the latest publication day in the store")
    p.add_argument("--format", choices=["jsonl", "table"], default="jsonl")
    add_db(p)
    p = _command(subs, sub, "transfers", cmd_transfers, "Arms flows supplier -> recipient by weapon class and year.")
    p.add_argument("--supplier", metavar="CODE")
    p.add_argument("--recipient", metavar="CODE")
    p.add_argument("--since", metavar="YYYY[-MM-DD]")
    p.add_argument("--until", metavar="YYYY[-MM-DD]")
    p.add_argument("--format", choices=["jsonl", "table"], default="jsonl")
    add_db(p)
