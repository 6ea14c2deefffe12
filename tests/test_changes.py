"""Change alerts: new defence pledges, first arms transfers, dyads that jump or flip, with evidence."""

from __future__ import annotations

import json

import pytest

from pactwatch.analyse.changes import _change_kind, changes
from pactwatch.analyse.merge import merge_store
from pactwatch.cli import main
from pactwatch.model import Actor, Document, Event, Evidence
from pactwatch.store import Store


def _event(store: Store, doc: str, day: str, etype: str, src: str, tgt: str, weapons: tuple[str, ...] = ()) -> None:
    text = f"{src} {etype.lower()} {tgt} ({doc})."
    store.add_document(Document(doc, text, url=f"https://example.org/{doc}", published=day))
    ev = Event(doc, etype, (Actor(src, src),), (Actor(tgt, tgt),), Evidence(text, 0, len(text)), date=day,
               date_precision="day", weapons=weapons, confidence=0.9)  # fmt: skip
    store.add_events([ev])


@pytest.fixture
def window_store(store: Store) -> Store:
    _event(store, "c1", "2023-01-10", "ACCUSE", "RUS", "PRK")
    _event(store, "c2", "2024-10-08", "AID", "PRK", "RUS", ("artillery shells",))
    _event(store, "c3", "2024-10-20", "COOPERATE", "RUS", "PRK")
    merge_store(store)
    return store


def test_alerts_with_evidence(window_store: Store) -> None:
    alerts = changes(window_store, "2024-06-01", "2024-12-31")
    kinds = {(a.kind, a.pair) for a in alerts}
    assert ("new_defense_obligation", ("PRK", "RUS")) in kinds
    assert ("first_arms_transfer", ("PRK", "RUS")) in kinds
    assert ("cooperation_jump", ("PRK", "RUS")) in kinds
    defense = next(a for a in alerts if a.kind == "new_defense_obligation" and a.pair == ("PRK", "RUS"))
    assert defense.day == "2024-12-04" and defense.evidence[0]["treaty"] == "rus-prk-2024"
    jump = next(a for a in alerts if a.kind == "cooperation_jump")
    assert {e["sources"][0]["id"] for e in jump.evidence} == {"c2", "c3"}
    assert not changes(window_store, "2025-06-01", "2025-06-30")


def test_sign_flip_and_jump_rules() -> None:
    assert _change_kind(-2.0, 3.0) == "sign_flip"
    assert _change_kind(1.0, 6.0) == "cooperation_jump"
    assert _change_kind(5.0, 6.0) is None


def test_changes_command(window_store: Store, db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["changes", "--since", "2024-06-01", "--until", "2024-12-31", "--db", db_path]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all({"kind", "day", "pair", "summary", "evidence"} <= set(r) for r in rows)
