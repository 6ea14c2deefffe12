"""Arms flows from merged news events: supplier, recipient, weapon class, year, modality kept."""

from __future__ import annotations

import pytest

from pactwatch.analyse.merge import merge_store
from pactwatch.analyse.transfers import arms_flows, news_modality
from pactwatch.model import Actor, Document, Event, Evidence
from pactwatch.store import Store


def _flow(store: Store, doc: str, day: str, etype: str, src: str, tgt: str, weapon: str, modality: str) -> None:
    text = f"{src} {etype.lower()} {weapon} to {tgt} ({doc})."
    store.add_document(Document(doc, text, published=day))
    ev = Event(doc, etype, (Actor(src, src),), (Actor(tgt, tgt),), Evidence(text, 0, len(text)), date=day,
               date_precision="day", weapons=(weapon,), modality=modality)  # fmt: skip
    store.add_events([ev])


@pytest.mark.parametrize(
    ("etype", "modality", "expected"),
    [
        ("AID", "asserted", "delivered"),
        ("AID", "planned", "promised"),
        ("AGREE", "asserted", "promised"),
        ("AID", "speculative", "rumoured"),
        ("AID", "denied", "denied"),
    ],
)
def test_modality_is_kept(etype: str, modality: str, expected: str) -> None:
    assert news_modality(etype, modality) == expected


def test_flows_by_supplier_recipient_class_and_year(store: Store) -> None:
    _flow(store, "f1", "2023-10-13", "AID", "PRK", "RUS", "KN-23", "asserted")
    _flow(store, "f2", "2024-09-10", "AID", "IRN", "RUS", "Fath-360", "speculative")
    _flow(store, "f3", "2022-08-26", "AGREE", "KOR", "POL", "K2 Black Panther", "asserted")
    merge_store(store)
    flows = arms_flows(store)
    assert [(f.supplier, f.recipient, f.year, f.modality) for f in flows] == [
        ("KOR", "POL", "2022", "promised"),
        ("PRK", "RUS", "2023", "delivered"),
        ("IRN", "RUS", "2024", "rumoured"),
    ]
    assert flows[1].weapon_class == "ballistic missile" and flows[1].origin == "news"
    assert flows[1].evidence[0]["sources"][0]["id"] == "f1"
    assert [f.supplier for f in arms_flows(store, recipient="RUS", since="2024")] == ["IRN"]
    assert [f.recipient for f in arms_flows(store, supplier="KOR")] == ["POL"]
