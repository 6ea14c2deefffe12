"""Shared fixtures: a fresh store per test, one extractor per session, paths to ../shared."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pactwatch.extract import Extractor, default_extractor
from pactwatch.store import Store

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(os.environ.get("PACTWATCH_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return default_extractor()


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture
def store(db_path: str) -> Iterator[Store]:
    st = Store.open(db_path)
    yield st
    st.close()


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}); set PACTWATCH_SHARED to run this test")
    return SHARED


PG_ENV = "PACTWATCH_TEST_PG"  # a postgresql:// URL of a server the tests may create databases on


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A PostgreSQL server URL: $PACTWATCH_TEST_PG, else a throwaway server (scripts/pg_server.py).

    Fails in CI (CI=true) when no server can be had; skips elsewhere, saying why.
    """
    import subprocess
    import sys
    import tempfile

    given = os.environ.get(PG_ENV)
    if given:
        yield given
        return
    root = tempfile.mkdtemp(prefix="pactwatch-pg-", dir="/tmp")
    script = str(ROOT / "scripts" / "pg_server.py")
    started = subprocess.run([sys.executable, script, "start", root], capture_output=True, text=True, check=False)
    if started.returncode:
        reason = f"no PostgreSQL server: {started.stderr.strip()[-400:]} (set {PG_ENV} or run make test)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([sys.executable, script, "stop", root], check=False)


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A fresh, empty database on the test server, one per test."""
    import uuid

    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return pg_server.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test over every backend: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "conformance.db")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def any_store(any_db: str) -> Iterator[Store]:
    st = Store.open(any_db)
    yield st
    st.close()


# --- web UI and API (pactwatch serve) ---------------------------------------------------------

HOSTILE_TEXT = (
    'Hostile <script>window.__pwned = "title";</script> report\n\n'
    "China delivered <img src=x onerror=\"window.__pwned='img'\"> rocket launchers "
    '<script>window.__pwned = "evidence";</script> to North Korea in 2024.\n'
)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One demo store for the API, security and browser tests, plus an article with hostile markup."""
    import subprocess
    import sys

    from pactwatch.analyse.merge import ensure_merged
    from pactwatch.ingest import ingest_documents
    from pactwatch.model import Document

    path = str(tmp_path_factory.mktemp("web") / "demo.db")
    subprocess.run([sys.executable, "-m", "pactwatch", "demo", "--db", path], check=True, capture_output=True)
    store = Store.open(path)
    doc = Document("hostile-1", HOSTILE_TEXT, "javascript:alert(1)", "2024-05-01", "<b onmouseover=alert(1)>t</b>")
    ingest_documents(store, [doc], default_extractor())
    ensure_merged(store)
    store.close()
    return path


@pytest.fixture(scope="session")
def web_server(web_db: str) -> Iterator[str]:
    """``pactwatch serve`` on a free loopback port in a thread; yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    from pactwatch.serve import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(Store.open(web_db)), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start within 20 s"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
