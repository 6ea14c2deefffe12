"""`pactwatch demo` on the bundled corpus: written by us, sourced, idempotent, useful."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from pactwatch.cli import main
from pactwatch.kb import demo_corpus_path
from pactwatch.store import EventFilter, Store


def _corpus() -> list[dict[str, str]]:
    path = demo_corpus_path() / "news.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_corpus_items_are_sourced_and_dated() -> None:
    items = _corpus()
    assert len(items) >= 30
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        assert item["url"].startswith(("http://", "https://")), item["id"]
        assert "2010-01-01" <= item["published"] <= "2025-12-31", item["id"]
        assert len(item["text"].split()) >= 40, item["id"]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    assert main(["demo", "--db", db]) == 0
    return db


def test_demo_builds_the_store_and_is_idempotent(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(demo_db)
    first = store.counts()
    assert first["documents"] == len(_corpus())
    assert first["events"] >= 2 * first["documents"]
    assert main(["demo", "--db", demo_db]) == 0
    out = capsys.readouterr().out
    assert "documents" in out and "events" in out
    assert store.counts() == first


def test_demo_events_cover_the_motivating_case(demo_db: str) -> None:
    store = Store.open(demo_db)
    events = [e.event for e in store.events()]
    types = Counter(e.type for e in events)
    assert len(types) >= 10, types
    prk_rus = [
        e
        for e in store.events(EventFilter(actor="PRK"))
        if "RUS" in {a.code for a in (*e.event.source, *e.event.target)}
    ]
    assert any(e.event.type == "SUPPORT" and e.event.date == "2024-06-19" for e in prk_rus)
    assert any(e.event.type == "AID" for e in prk_rus)
    assert any(e.weapons for e in events)
    assert {"speculative", "denied"} <= {e.modality for e in events}
