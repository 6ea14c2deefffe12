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
