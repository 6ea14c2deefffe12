"""Command-line handlers for published data sets: ``import`` and ``export``. Parse, call the library, render.

:func:`add_data_commands` registers them on the main parser.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXAMPLES = {
    "import": "examples:\n"
    "  pactwatch import sipri trade-register.csv\n"
    "  pactwatch import gdelt 20240105103000.export.CSV.zip --db team.db\n"
    "  pactwatch import atop atop5_1m.csv          (member level: per-member obligations and conditions)\n"
    "  pactwatch import cow alliance_v4.1_by_dyad_yearly.csv --format json > report.json",
    "export": "examples:\n"
    "  pactwatch export --format plover-json > events.jsonl\n"
    "  pactwatch export --table transfers --format csv --out transfers.csv\n"
    "  pactwatch export --table treaties --format parquet --out treaties.parquet",
}


def _warn(message: str) -> None:
    sys.stderr.write(message + "\n")


def cmd_import(args: argparse.Namespace) -> int:
    """``pactwatch import``: a published data file into the store; every row imported or reported."""
    from pactwatch.ingest.importers import import_file
    from pactwatch.store import Store

    store = Store.open(args.db)
    report = import_file(args.source, Path(args.path), store)
    for problem in report.reported:
        _warn(f"reported: {problem}")
    for caveat in report.warnings:
        _warn(f"warning: {caveat}")
    for kind, count in report.reasons().most_common():
        _warn(f"  {count:>7}  {kind}")
    _warn(report.summary())
    if args.format == "json":
        sys.stdout.write(json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n")
    return 1 if report.reported else 0


def cmd_export(args: argparse.Namespace) -> int:
    """``pactwatch export``: events, treaties or transfers as PLOVER JSON Lines, CSV or Parquet."""
    from pactwatch.analyse.export import export
    from pactwatch.store import Store

    store = Store.open(args.db)
    out = Path(args.out) if args.out else None
    count = export(store, args.table, args.format, out, sys.stdout)
    _warn(f"exported {count} {args.table}" + (f" to {out}" if out else ""))
    return 0


def add_data_commands(
    subs: Any, sub: Callable[..., argparse.ArgumentParser], add_db: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Register ``import`` and ``export``."""
    from pactwatch.analyse.export import FORMATS, TABLES

    p = sub(subs, "import", cmd_import, "Import a published data file (GDELT, ATOP, COW, SIPRI) into the store.")
    p.epilog = EXAMPLES["import"]
    p.add_argument("source", choices=["gdelt", "atop", "cow", "sipri"], help="the data set the file comes from")
    p.add_argument("path", metavar="PATH", help="the file as published (GDELT exports may stay zipped)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="json: the full report on stdout")
    add_db(p)

    p = sub(subs, "export", cmd_export, "Export stored events (PLOVER names), treaties or transfers.")
    p.epilog = EXAMPLES["export"]
    p.add_argument("--table", choices=TABLES, default="events")
    p.add_argument("--format", choices=FORMATS, default="plover-json")
    p.add_argument("--out", metavar="PATH", help="write to this file (required for parquet; default stdout)")
    add_db(p)
