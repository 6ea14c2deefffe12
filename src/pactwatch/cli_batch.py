"""Command-line handlers for work at scale: ``batch extract`` and ``load``. Parse, call the library, render.

:func:`add_batch_commands` registers them on the main parser.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXAMPLES = {
    "batch": "examples:\n"
    "  pactwatch batch extract news.jsonl.gz out/ --engine local --workers 2\n"
    "  pactwatch batch extract s3a://bucket/news/ s3a://bucket/out/ --engine spark --master yarn\n"
    "  pactwatch batch extract articles.parquet out/ --engine spark --master 'local[2]'",
    "load": "examples:\n  pactwatch load out/\n  pactwatch load out/ --db postgresql://user@host/pactwatch",
}


def _warn(message: str) -> None:
    sys.stderr.write(message + "\n")


def cmd_batch_extract(args: argparse.Namespace) -> int:
    """``pactwatch batch extract``: JSONL / JSONL.gz / Parquet in, Parquet tables out."""
    from pactwatch.errors import InputError

    if args.engine == "spark":
        from pactwatch.batch.spark import run_spark

        report = run_spark(args.input, args.output, master=args.master)
        for failure in report.failures:
            _warn(f"error: {failure}")
    else:
        from pactwatch.batch import run_local

        if "://" in args.input or "://" in args.output:
            raise InputError(args.input, "the local engine reads and writes local paths; use --engine spark for URLs")
        report = run_local(args.input, Path(args.output), workers=args.workers)
    _warn(report.summary())
    return 1 if report.failures else 0


def cmd_load(args: argparse.Namespace) -> int:
    """``pactwatch load``: the Parquet output of ``batch extract`` into the store, idempotently."""
    from pactwatch.store import Store
    from pactwatch.store.load import load_output

    store = Store.open(args.db)
    report = load_output(store, Path(args.output))
    _warn(report.summary())
    if not args.no_merge and report.events:
        from pactwatch.analyse.merge import ensure_merged

        merged = ensure_merged(store)
        if merged is not None:
            _warn(merged.summary())
    return 0


def add_batch_commands(
    subs: Any,
    sub: Callable[..., argparse.ArgumentParser],
    add_db: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Register ``batch extract`` and ``load``."""
    batch = sub(subs, "batch", cmd_batch_extract, "Run extraction at scale (local processes or Spark).")
    batch.epilog = EXAMPLES["batch"]
    actions = batch.add_subparsers(dest="action", required=True)
    p = actions.add_parser(
        "extract",
        help="JSONL / JSONL.gz / Parquet in, Parquet (documents/, events/, mentions/) out",
        epilog=EXAMPLES["batch"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(handler=cmd_batch_extract)
    p.add_argument("input", metavar="INPUT", help="JSONL, JSONL.gz or Parquet file or folder (Spark: any Spark path)")
    p.add_argument("output", metavar="OUTPUT", help="folder for the Parquet tables (replaced if present)")
    p.add_argument("--engine", choices=["local", "spark"], default="local")
    p.add_argument("--master", help="Spark master URL, e.g. local[2]; leave out under spark-submit, which sets it")
    p.add_argument("--workers", type=int, default=1, help="local engine: extraction processes (default 1)")

    p = sub(subs, "load", cmd_load, "Load the Parquet output of 'batch extract' into the store (idempotent).")
    p.epilog = EXAMPLES["load"]
    p.add_argument("output", metavar="OUTPUT")
    p.add_argument("--no-merge", action="store_true", help="skip cross-article merging after the load")
    add_db(p)
