"""The store: migrations recorded, WAL, upserts by content-hash id, events with sources."""

from __future__ import annotations

from sqlalchemy import text

from pactwatch.model import Actor, Document, Event, Evidence, Mention
from pactwatch.store import EventFilter, Store
from pactwatch.store.migrations import MIGRATIONS

DOC = Document(
    id="d-1",
    text="China sent launcher trucks to North Korea in 2011.",
    url="https://example.org/d1",
    published="2013-06-26",
)


def _event(etype: str = "AID", start: int = 0) -> Event:
    return Event(
        doc_id=DOC.id,
        type=etype,
        mode="military",
        source=(Actor("China", "CHN", None, "China"),),
        target=(Actor("North Korea", "PRK", None, "North Korea"),),
        evidence=Evidence(DOC.text[start:], start, len(DOC.text)),
        date="2011",
        date_precision="year",
        weapons=("transporter erector launcher",),
    )


def test_migrations_are_recorded_once(db_path: str) -> None:
    Store.open(db_path).close()
    store = Store.open(db_path)
    with store.engine.connect() as conn:
        versions = [r[0] for r in conn.execute(text("SELECT version FROM schema_migrations"))]
        mode = conn.execute(text("PRAGMA journal_mode")).scalar_one()
    assert versions == [m.version for m in MIGRATIONS]
    assert mode == "wal"


def test_document_with_events_round_trips(store: Store) -> None:
    mention = Mention(DOC.id, 0, 5, "China", "state", "CHN", None, "China")
    assert store.add_document(DOC, [_event()], [mention]) is True
    stored = store.events()
    assert len(stored) == 1
    assert stored[0].event == _event()
    assert stored[0].to_json()["sources"] == [
        {"id": "d-1", "url": "https://example.org/d1", "published": "2013-06-26",
         "evidence": {"text": DOC.text, "start": 0, "end": len(DOC.text)}}
    ]  # fmt: skip
    assert store.counts() == {"documents": 1, "events": 1, "mentions": 1}


def test_same_document_twice_adds_nothing(store: Store) -> None:
    assert store.add_document(DOC, [_event()]) is True
    same_text_other_id = Document(id="d-2", text=DOC.text)
    assert store.has_document(same_text_other_id)
    assert store.add_document(DOC, [_event(), _event("AGREE")]) is False
    assert store.add_events([_event()]) == 0
    assert store.counts()["events"] == 1


def test_event_filters(store: Store) -> None:
    store.add_document(DOC, [_event("AID"), _event("AGREE", start=6)])
    assert {e.event.type for e in store.events(EventFilter(actor="prk"))} == {"AID", "AGREE"}
    assert [e.event.type for e in store.events(EventFilter(type="agree"))] == ["AGREE"]
    assert store.events(EventFilter(actor="USA")) == []
    assert len(store.events(EventFilter(since="2010", until="2012"))) == 2
    assert store.events(EventFilter(since="2012")) == []


def test_env_var_selects_database(tmp_path: object, monkeypatch: object) -> None:
    import pytest

    mp: pytest.MonkeyPatch = monkeypatch  # type: ignore[assignment]
    target = f"{tmp_path}/env.db"
    mp.setenv("PACTWATCH_DB", target)
    store = Store.open()
    assert store.url == target
    store.close()


def test_a_party_inferred_from_the_place_round_trips_but_is_not_indexed(store: Store) -> None:
    placed = Actor("Samarra", "IRQ", None, "Iraq", inferred="place")
    event = Event(
        doc_id=DOC.id,
        type="ASSAULT",
        mode=None,
        source=(placed,),
        target=(Actor("U.S.", "USA", "MIL", "United States"),),
        evidence=Evidence(DOC.text, 0, len(DOC.text)),
    )
    store.add_document(DOC, [event])
    assert store.events()[0].event.source == (placed,)
    assert store.events(EventFilter(actor="IRQ")) == []  # Iraq did not act: the place was coded
    assert [e.event.type for e in store.events(EventFilter(actor="USA"))] == ["ASSAULT"]
