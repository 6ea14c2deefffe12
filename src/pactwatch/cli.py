"""The ``pactwatch`` command: parse arguments, call the library, render. Nothing else."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from pactwatch import __version__
from pactwatch.cli_batch import add_batch_commands
from pactwatch.cli_data import add_data_commands
from pactwatch.cli_graph import add_graph_commands
from pactwatch.cli_serve import add_serve_command
from pactwatch.errors import InputError, PactwatchError

Handler = Callable[[argparse.Namespace], int]


def _emit_jsonl(rows: Iterable[dict[str, Any]]) -> None:
    out = sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _warn(message: str) -> None:
    sys.stderr.write(message + "\n")


def _day(value: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; use YYYY-MM-DD") from exc


def _partial_day(value: str) -> str:
    import re

    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return value
    raise argparse.ArgumentTypeError(f"{value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")


def _report_failures(failures: Sequence[InputError]) -> None:
    for failure in failures:
        _warn(f"error: {failure}")


def cmd_extract(args: argparse.Namespace) -> int:
    """``pactwatch extract``: events of files, printed, nothing stored."""
    from pactwatch.extract import Extractor
    from pactwatch.ingest import read_paths

    extractor = Extractor()
    failures: list[InputError] = []
    for item in read_paths([Path(p) for p in args.paths], args.published):
        if isinstance(item, InputError):
            failures.append(item)
            _warn(f"error: {item}")
            continue
        _emit_jsonl(e.to_json() for e in extractor.extract(item).events)
    return 1 if failures else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """``pactwatch ingest``: files and folders into the store."""
    from pactwatch.extract import Extractor
    from pactwatch.ingest import ingest_documents, read_paths
    from pactwatch.ingest.readers import iter_paths
    from pactwatch.store import Store

    paths = [Path(p) for p in args.paths]
    store = Store.open(args.db)
    files = sum(1 for p in iter_paths(paths) if isinstance(p, Path))
    results = read_paths(paths, args.published)
    with _progress(files) as tick:
        report = ingest_documents(
            store, results, Extractor(), on_item=tick, workers=args.workers, reextract=args.reextract
        )
    _report_failures(report.failures)
    _merge_after_ingest(store)
    _warn(report.summary())
    return 1 if report.failures else 0


class _progress:
    """A Rich progress bar on stderr for multi-file runs (silent for one file)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Callable[[Any], None]:
        if self.total > 1 and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("ingesting", total=None)
        return self.tick

    def tick(self, _item: Any) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


EVENT_COLUMNS = ("date", "type", "mode", "source", "target", "modality", "weapons", "evidence")


def _flat(row: dict[str, Any]) -> dict[str, str]:
    return {
        "date": row["date"] or "",
        "type": row["type"],
        "mode": row["mode"] or "",
        "source": ";".join(a["code"] or a["text"] for a in row["source"]),
        "target": ";".join(a["code"] or a["text"] for a in row["target"]),
        "modality": row["modality"],
        "weapons": ";".join(row["weapons"]),
        "evidence": row["evidence"]["text"],
    }


def _merge_after_ingest(store: Any) -> None:
    """Cluster new mentions into events (cross-article merging) when any were stored."""
    from pactwatch.analyse.merge import ensure_merged

    merged = ensure_merged(store)
    if merged is not None:
        _warn(merged.summary())


def cmd_events(args: argparse.Namespace) -> int:
    """``pactwatch events``: stored events (one per real-world event, every source listed), filtered."""
    from pactwatch.store import EventFilter, Store
    from pactwatch.store.clusters import merged_events

    store = Store.open(args.db)
    flt = EventFilter(actor=args.actor, type=args.type, since=args.since, until=args.until, limit=args.limit)
    found = store.events(flt) if args.unmerged else merged_events(store, flt)
    _render_rows([e.to_json() for e in found], args.format)
    return 0


def _render_rows(rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "jsonl":
        _emit_jsonl(rows)
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=["id", *EVENT_COLUMNS])
        writer.writeheader()
        for row in rows:
            writer.writerow({"id": row["id"], **_flat(row)})
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*EVENT_COLUMNS[:-1], "evidence", show_lines=False)
        for row in rows:
            flat = _flat(row)
            table.add_row(*(flat[c] for c in EVENT_COLUMNS[:-1]), flat["evidence"][:90])
        Console(width=200).print(table)


def cmd_demo(args: argparse.Namespace) -> int:
    """``pactwatch demo``: build the embedded database from the bundled corpus."""
    from pactwatch.extract import Extractor
    from pactwatch.ingest import ingest_documents, read_paths
    from pactwatch.kb import demo_corpus_path
    from pactwatch.store import Store

    store = Store.open(args.db)
    # the bundled corpus is ours: always coded by this version of the extractor
    report = ingest_documents(store, read_paths([demo_corpus_path()]), Extractor(), reextract=True)
    _report_failures(report.failures)
    counts = store.counts()
    print(f"pactwatch demo: database {store.url}")
    print(f"  this run: {report.summary()}")
    print(f"  in the store: {counts['documents']} documents, {counts['events']} events")
    _print_type_counts(store)
    _print_merge_and_blocs(store)
    print("  next: pactwatch events --format table   (browse the events)")
    print(f"        pactwatch events --actor PRK --format jsonl --db {store.url}")
    return 1 if report.failures else 0


def _print_merge_and_blocs(store: Any) -> None:
    """Merged events, treaties, and the strongest blocs as of the latest event day."""
    from pactwatch.analyse.blocs import blocs_on
    from pactwatch.analyse.merge import merge_store
    from pactwatch.analyse.treaties import all_treaties
    from pactwatch.store.clusters import latest_published

    merged = merge_store(store)
    print(f"  merged: {merged.mentions} mentions -> {merged.clusters} events")
    print(f"  treaties: {len(all_treaties(store))} (knowledge base and ingested)")
    day = latest_published(store)
    if day is None:
        return
    _network, result = blocs_on(store, day)
    print(f"  strongest blocs as of {day}:")
    for bloc in [b for b in result.blocs if len(b.members) > 1][:4]:
        print(f"    {bloc.id}: {', '.join(bloc.members)} (cohesion {bloc.cohesion:.2f})")
    print(f"  next: pactwatch blocs --on {day} --format table --db {store.url}")


def _print_type_counts(store: Any) -> None:
    from collections import Counter

    counts = Counter(e.event.type for e in store.events())
    top = ", ".join(f"{t} {n}" for t, n in counts.most_common())
    print(f"  events by type: {top}")


def cmd_eval(args: argparse.Namespace) -> int:
    """``pactwatch eval``: score the extractor against a gold file."""
    from pactwatch.analyse.evaluation import evaluate, render_text, report, select
    from pactwatch.analyse.gold import read_gold
    from pactwatch.extract import Extractor

    path = Path(args.gold)
    if not path.is_file():
        raise PactwatchError(f"{path}: no such gold file; check the path")
    sentences = select(read_gold(path, Path(args.cameo_map) if args.cameo_map else None), args.split)
    data = report(evaluate(sentences, Extractor()), str(path), args.split, len(sentences))
    if not args.misses:
        data.pop("misses")
    if args.format == "json":
        print(json.dumps(data, indent=2))
    else:
        print(render_text(data))
    return 0


def _maybe_store(db: str | None) -> Any:
    """The store when one is named or already exists; listing commands never create one."""
    import os

    from pactwatch.store import Store, resolve_db_url

    url = resolve_db_url(db)
    if db or os.environ.get("PACTWATCH_DB") or "://" in url or Path(url).is_file():
        return Store.open(url)
    return None


def cmd_treaty(args: argparse.Namespace) -> int:
    """``pactwatch treaty``: code one treaty text into ATOP-style provisions."""
    from pactwatch.extract.treaty import read_treaty
    from pactwatch.ingest import read_file

    docs = []
    for item in read_file(Path(args.path), args.published):
        if isinstance(item, InputError):
            raise item
        docs.append(item)
    if not docs:
        raise InputError(args.path, "no text found; pass a treaty text (plain text, HTML or JSONL)")
    parties = [c.strip().upper() for c in args.parties.split(",") if c.strip()] if args.parties else None
    treaties = [read_treaty(doc, parties=parties).to_json() for doc in docs]
    if args.format == "table":
        _treaty_table(treaties)
    else:
        print(json.dumps(treaties[0] if len(treaties) == 1 else treaties, indent=2, ensure_ascii=False))
    return 0


def _treaty_table(treaties: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=200)
    for t in treaties:
        parties = ", ".join(t["parties"])
        console.print(f"{t['title']} | parties {parties} | signed {t['signed']} | in force {t['in_force']}")
        table = Table("article", "type", "conditions", "strength", "evidence")
        for p in t["provisions"]:
            evidence = (p["evidence"] or {}).get("text", "")[:90]
            table.add_row(p["article"] or "", p["type"], "; ".join(p["conditions"]), "; ".join(p["strength"]), evidence)
        console.print(table)


def cmd_treaties(args: argparse.Namespace) -> int:
    """``pactwatch treaties``: the knowledge base (and ingested treaties), filtered."""
    from pactwatch.analyse.treaties import all_treaties, listing, select_treaties

    member = args.member.upper() if args.member else None
    chosen = select_treaties(all_treaties(_maybe_store(args.db)), args.in_force, member)
    rows = [listing(t, args.in_force) for t in chosen]
    if args.format == "table":
        _treaties_table(rows)
    else:
        data = {"in_force": args.in_force, "member": member, "count": len(rows), "treaties": rows}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    return 0


def _treaties_table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "name", "signed", "in force", "ended", "members", "provisions")
    for r in rows:
        members = r.get("members_on", r["parties"])
        kinds = sorted({p["type"] for p in r["provisions"]})
        name = (r["short_name"] or r["title"])[:40]
        dates = (r["signed"] or "", r["in_force"] or "", r["ended"] or "")
        table.add_row(r["id"], name, *dates, str(len(members)), ", ".join(kinds))
    Console(width=200).print(table)


def cmd_scenario(args: argparse.Namespace) -> int:
    """``pactwatch scenario``: who is bound to act if a state is attacked."""
    from datetime import date

    from pactwatch.analyse.scenario import run_scenario

    day = args.on or date.today().isoformat()
    result = run_scenario(args.attacked, args.by, day, _maybe_store(args.db)).to_json()
    if args.format == "table":
        _scenario_table(result)
    else:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def _scenario_table(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("round", "state", "toward", "type", "treaty", "article", "status", "reason")
    for o in [*result["obligations"], *result["cascade"]]:
        row = (str(o["round"]), o["state"], o["toward"], o["type"], o["treaty_id"], o["article"] or "")
        table.add_row(*row, o["status"], o["reason"][:90])
    Console(width=220).print(table)


EXAMPLES = {
    "extract": "examples:\n  pactwatch extract article.txt --published 2024-06-20 --format jsonl\n"
    "  pactwatch extract feed.rss news.jsonl page.html",
    "ingest": "examples:\n  pactwatch ingest corpus/ --published 2024-06-20\n"
    "  pactwatch ingest news.jsonl --db team.db",
    "events": "examples:\n  pactwatch events --actor PRK --type AID --since 2023-01-01 --format table\n"
    "  pactwatch events --format jsonl > events.jsonl",
    "eval": "examples:\n  pactwatch eval --gold ../shared/eval/plover_gsr_cameo/PLOVER_GSR_CAMEO.json\n"
    "  pactwatch eval --gold tests/data/gold_security.jsonl --split test --format json",
    "demo": "examples:\n  pactwatch demo\n  pactwatch demo --db /tmp/demo.db",
    "treaty": "examples:\n  pactwatch treaty ../shared/treaties/north_atlantic_treaty_1949.txt\n"
    "  pactwatch treaty treaty.html --parties RUS,PRK --format table",
    "treaties": "examples:\n  pactwatch treaties --in-force 2025-01-01 --member PRK\n"
    "  pactwatch treaties --member USA --format table",
    "scenario": "examples:\n  pactwatch scenario --attacked PRK --by USA --on 2025-01-01\n"
    "  pactwatch scenario --attacked EST --by RUS --on 2025-01-01 --format table",
}


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        help="SQLite file or postgresql:// URL (default: $PACTWATCH_DB, else ~/.local/share/pactwatch/pactwatch.db)",
    )


def _sub(subs: Any, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subs.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog=EXAMPLES.get(name),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="pactwatch",
        description="Evidence-linked, time-aware graph of military alliances from news and treaties.",
        epilog="examples:\n  pactwatch demo\n  pactwatch ingest corpus/\n  pactwatch events --actor RUS",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pactwatch {__version__}")
    subs = parser.add_subparsers(dest="command", required=True)

    p = _sub(subs, "extract", cmd_extract, "Print the events of files (text, HTML, JSONL, RSS) as JSONL.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--published", type=_day, help="publication date for files that carry none")
    p.add_argument("--format", choices=["jsonl"], default="jsonl")

    p = _sub(subs, "ingest", cmd_ingest, "Read files and folders into the store, with their events.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--published", type=_day, help="publication date for files that carry none")
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    p.add_argument(
        "--reextract",
        action="store_true",
        help="read documents stored before again and replace their extracted events (after an upgrade)",
    )
    _add_db(p)

    p = _sub(subs, "events", cmd_events, "Print stored events, filtered.")
    p.add_argument("--actor", help="ISO3 or IGO code, as source or target")
    p.add_argument("--type", type=str.upper, help="PLOVER event type")
    p.add_argument("--since", type=_partial_day)
    p.add_argument("--until", type=_partial_day)
    p.add_argument("--limit", type=int)
    p.add_argument("--format", choices=["table", "csv", "jsonl"], default="table")
    p.add_argument("--unmerged", action="store_true", help="list every mention (one per document), not merged events")
    _add_db(p)

    p = _sub(subs, "eval", cmd_eval, "Score the extractor against a gold file (per-type P/R/F1, dyads, dates).")
    p.add_argument("--gold", required=True, help="PLOVER GSR JSON, PETRARCH-2 JSONL or pactwatch JSONL")
    p.add_argument("--split", choices=["all", "dev", "test"], default="all", help="fixed half by id hash")
    p.add_argument("--cameo-map", help="CAMEO->PLOVER table (found beside the gold set by default)")
    p.add_argument("--misses", action="store_true", help="list the gold events that were missed (json)")
    p.add_argument("--format", choices=["text", "json"], default="text")

    p = _sub(subs, "demo", cmd_demo, "Build the demo database from the bundled corpus and summarise it.")
    _add_db(p)
    _add_treaty_commands(subs)
    add_graph_commands(subs, _sub, _add_db, _day)
    add_data_commands(subs, _sub, _add_db)
    add_batch_commands(subs, _sub, _add_db)
    add_serve_command(subs, _sub, _add_db)
    return parser


def _add_treaty_commands(subs: Any) -> None:
    p = _sub(subs, "treaty", cmd_treaty, "Code a treaty text into ATOP-style obligations (parties, dates, articles).")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--parties", help="comma-separated ISO3 codes, when the text names none (e.g. RUS,PRK)")
    p.add_argument("--published", type=_day, help="publication date, for news texts that quote a treaty")
    p.add_argument("--format", choices=["json", "table"], default="json")

    p = _sub(subs, "treaties", cmd_treaties, "List the treaty knowledge base (and ingested treaties).")
    p.add_argument("--in-force", type=_day, metavar="DATE", help="only treaties in force on this date")
    p.add_argument("--member", help="only treaties this state (ISO3) is a member of")
    p.add_argument("--format", choices=["json", "table"], default="json")
    _add_db(p)

    p = _sub(subs, "scenario", cmd_scenario, "If a state is attacked, who is bound to do what (and what follows)?")
    p.add_argument("--attacked", required=True, metavar="CODE", help="the attacked state (ISO3)")
    p.add_argument("--by", metavar="CODE", help="the attacker (ISO3)")
    p.add_argument("--on", type=_day, metavar="YYYY-MM-DD", help="the date (default: today)")
    p.add_argument("--format", choices=["json", "table"], default="json")
    _add_db(p)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except PactwatchError as exc:
        _warn(f"error: {exc}")
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
