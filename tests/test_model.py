"""The model: stable content-hash ids and the SPEC JSON shapes."""

from __future__ import annotations

from pactwatch.model import EVENT_TYPES, Actor, Document, Event, Evidence, hash_id

SPEC_EVENT_KEYS = {
    "id", "doc_id", "type", "mode", "source", "target", "date", "date_precision",
    "weapons", "modality", "evidence", "confidence",
}  # fmt: skip


def _event(**over: object) -> Event:
    base: dict[str, object] = {
        "doc_id": "d1",
        "type": "AID",
        "source": (Actor("China", "CHN", "GOV", "China"),),
        "target": (Actor("North Korea", "PRK", None, "North Korea"),),
        "evidence": Evidence("China sent trucks.", 0, 18),
    }
    base.update(over)
    return Event(**base)  # type: ignore[arg-type]


def test_sixteen_plover_types() -> None:
    assert len(EVENT_TYPES) == 16 and len(set(EVENT_TYPES)) == 16


def test_hash_id_is_stable_and_sensitive() -> None:
    assert hash_id("a", 1) == hash_id("a", 1)
    assert hash_id("a", 1) != hash_id("a", 2)


def test_document_id_from_text_or_given() -> None:
    assert Document.make_id("same text") == Document.make_id("same text")
    assert Document.make_id("same text", "given-7") == "given-7"
    assert Document("x", "abc").content_hash == Document("y", "abc").content_hash


def test_event_id_depends_on_what_makes_the_event() -> None:
    assert _event().id == _event().id
    assert _event().id != _event(type="AGREE").id
    assert _event().id != _event(evidence=Evidence("China sent trucks.", 5, 23)).id


def test_event_json_has_spec_shape() -> None:
    data = _event(date="2011", date_precision="year", weapons=("transporter erector launcher",)).to_json()
    assert set(data) >= SPEC_EVENT_KEYS
    assert data["source"] == [{"text": "China", "code": "CHN", "sector": "GOV", "name": "China"}]
    assert data["evidence"] == {"text": "China sent trucks.", "start": 0, "end": 18}
    assert data["weapons"] == ["transporter erector launcher"]
    assert 0.0 <= data["confidence"] <= 1.0
