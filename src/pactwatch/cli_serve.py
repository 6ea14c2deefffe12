"""Command-line handler for ``pactwatch serve``: parse, build the app, run uvicorn."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import Any

from pactwatch.errors import PactwatchError

TOKEN_ENV = "PACTWATCH_TOKEN"  # noqa: S105 - the variable's name, not a secret
EXAMPLES = (
    "examples:\n  pactwatch serve --db /tmp/demo.db\n"
    "  PACTWATCH_TOKEN=secret pactwatch serve --allow-writes   (POST /api/documents with a bearer token)"
)


def cmd_serve(args: argparse.Namespace) -> int:
    """``pactwatch serve``: the web UI at ``/`` and the JSON API under ``/api``."""
    import uvicorn

    from pactwatch.serve import create_app
    from pactwatch.store import Store

    token = os.environ.get(TOKEN_ENV) if args.allow_writes else None
    if args.allow_writes and not token:
        raise PactwatchError(f"--allow-writes needs a bearer token: set ${TOKEN_ENV} (writes stay off without one)")
    app = create_app(Store.open(args.db), write_token=token)
    sys.stderr.write(
        f"pactwatch: serving on http://{args.host}:{args.port}/ ({'read-write' if token else 'read-only'})\n"
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0


def add_serve_command(subs: Any, sub: Callable[..., argparse.ArgumentParser], add_db: Callable[..., None]) -> None:
    """Register ``serve`` (``sub`` and ``add_db`` are the main parser's helpers)."""
    p = sub(subs, "serve", cmd_serve, "Serve the web UI and the JSON API (read-only by default).")
    p.epilog = EXAMPLES
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, loopback only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--allow-writes",
        action="store_true",
        help=f"enable POST /api/documents, authorised by the bearer token in ${TOKEN_ENV}",
    )
    add_db(p)
