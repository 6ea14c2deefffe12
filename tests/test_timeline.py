"""Dyad timelines: monthly cooperation and conflict, treaty milestones, CSV and PNG."""

from __future__ import annotations

import json

import pytest

from pactwatch.analyse.merge import merge_store
from pactwatch.analyse.timeline import dyad_timeline, month_range
from pactwatch.cli import main
from pactwatch.model import Actor, Document, Event, Evidence
from pactwatch.store import Store


def _event(store: Store, doc: str, day: str, etype: str, src: str, tgt: str) -> None:
    text = f"{src} {etype.lower()} {tgt} ({doc})."
    store.add_document(Document(doc, text, published=day))
    ev = Event(doc, etype, (Actor(src, src),), (Actor(tgt, tgt),), Evidence(text, 0, len(text)), date=day,
               date_precision="day", confidence=0.5)  # fmt: skip
    store.add_events([ev])


@pytest.fixture
def dyad(store: Store) -> Store:
    _event(store, "t1", "2024-03-10", "AID", "PRK", "RUS")
    _event(store, "t2", "2024-03-20", "ACCUSE", "RUS", "PRK")
    _event(store, "t3", "2024-07-02", "COOPERATE", "RUS", "PRK")
    _event(store, "t4", "2024-07-02", "AID", "USA", "UKR")
    merge_store(store)
    return store


def test_monthly_cooperation_conflict_and_milestones(dyad: Store) -> None:
    tl = dyad_timeline(dyad, "rus", "PRK", since="2024-01-01", until="2024-12-31")
    months = {m.month: m for m in tl.months}
    assert list(months) == month_range("2024-01", "2024-12")
    assert months["2024-03"].cooperation == pytest.approx(4.0 * 0.5)
    assert months["2024-03"].conflict == pytest.approx(2.0 * 0.5)
    assert months["2024-07"].net > 0 and months["2024-05"].net == 0
    kinds = {(s.treaty, s.kind, s.day) for s in tl.milestones}
    assert ("rus-prk-2024", "signed", "2024-06-19") in kinds
    assert ("rus-prk-2024", "in_force", "2024-12-04") in kinds


def test_timeline_formats(dyad: Store, db_path: str, capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    assert main(["timeline", "RUS", "PRK", "--db", db_path]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pair"] == ["RUS", "PRK"] and data["months"][0]["month"] == "2024-03"
    assert main(["timeline", "RUS", "PRK", "--format", "csv", "--since", "2024-01-01", "--db", db_path]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "month,cooperation,conflict,net,events,milestones"
    assert any("signed" in r for r in rows)
    out = f"{tmp_path}/tl.png"
    assert main(["timeline", "RUS", "PRK", "--format", "png", "--out", out, "--db", db_path]) == 0
    with open(out, "rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
    assert main(["timeline", "RUS", "RUS", "--db", db_path]) == 2
