"""Cross-article merging: one event, many sources; no mention lost; different events stay apart."""

from __future__ import annotations

import json

import pytest

from pactwatch.analyse.merge import Report, codes, effective_day, match, merge_store, stem, undo_merge, window
from pactwatch.analyse.merge import Similarity as Sim
from pactwatch.cli import main
from pactwatch.model import Actor, Document, Event, Evidence
from pactwatch.store import Store
from pactwatch.store.clusters import merged_events

A = {c: Actor(c, c, "GOV", c) for c in ("RUS", "PRK", "USA", "UKR", "CHN")}


def _doc(store: Store, doc_id: str, published: str, sentences: list[str]) -> list[Evidence]:
    text = " ".join(sentences)
    store.add_document(Document(doc_id, text, url=f"https://example.org/{doc_id}", published=published))
    spans, start = [], 0
    for s in sentences:
        spans.append(Evidence(s, start, start + len(s)))
        start += len(s) + 1
    return spans


def _event(doc: str, ev: Evidence, etype: str, src: list[str], tgt: list[str], day: str | None, **kw: object) -> Event:
    precision = None if day is None else {4: "year", 7: "month"}.get(len(day), "day")
    return Event(
        doc_id=doc,
        type=etype,
        source=tuple(A[c] for c in src),
        target=tuple(A[c] for c in tgt),
        evidence=ev,
        date=day,
        date_precision=precision,
        confidence=0.8,
        trigger=etype.lower(),
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def treaty_store(store: Store) -> Store:
    """Three articles on the 2024-06-19 treaty signing, plus unrelated events of the same days."""
    a = _doc(
        store,
        "a",
        "2024-06-19",
        [
            "Vladimir Putin and Kim Jong Un signed a comprehensive strategic partnership treaty in Pyongyang.",
            "North Korea fired two ballistic missiles into the sea.",
        ],
    )
    b = _doc(store, "b", "2024-06-19", ["Putin said the treaty he signed with Kim provides for mutual assistance."])
    c = _doc(
        store, "c", "2024-06-20", ["The text of the partnership treaty signed in Pyongyang contains a defence clause."]
    )
    store.add_events([_event("a", a[0], "SUPPORT", ["RUS", "PRK"], [], "2024-06-19")])
    store.add_events([_event("a", a[1], "MOBILIZE", ["PRK"], [], "2024-06-19")])
    store.add_events([_event("b", b[0], "SUPPORT", [], ["PRK"], "2024-06-19")])
    store.add_events([_event("c", c[0], "SUPPORT", [], ["RUS", "PRK"], "2024-06-19")])
    return store


def test_three_articles_make_one_event_with_three_sources(treaty_store: Store) -> None:
    report = merge_store(treaty_store)
    assert (report.mentions, report.clusters) == (4, 2)
    events = merged_events(treaty_store)
    signing = next(e for e in events if e.event.type == "SUPPORT")
    assert sorted(s.doc_id for s in signing.sources) == ["a", "b", "c"]
    assert signing.event.date == "2024-06-19"
    assert all(s.url and s.published and s.evidence.text for s in signing.sources)
    data = signing.to_json()
    assert data["id"].startswith("cl-") and len(data["sources"]) == 3
    assert sum("founding mention" in m["reason"] for m in data["members"]) == 1
    assert all("SUPPORT" in m["reason"] and "similarity" in m["reason"] for m in data["members"][1:])


def test_merging_loses_no_mention_and_is_idempotent(treaty_store: Store) -> None:
    mentions = {e.event.id for e in treaty_store.events()}
    merge_store(treaty_store)
    first = merged_events(treaty_store)
    members = [m.event_id for e in first for m in e.members]
    assert sorted(members) == sorted(mentions)
    assert treaty_store.counts()["events"] == 4
    merge_store(treaty_store)
    again = merged_events(treaty_store)
    assert [e.to_json() for e in again] == [e.to_json() for e in first]


def test_reingest_adds_nothing(treaty_store: Store) -> None:
    merge_store(treaty_store)
    before = [e.to_json() for e in merged_events(treaty_store)]
    assert not treaty_store.add_document(Document("a", treaty_store.documents()[0].text))
    assert [e.to_json() for e in merged_events(treaty_store)] == before


def test_undo_restores_the_mentions_and_remerge_the_same_ids(treaty_store: Store) -> None:
    merge_store(treaty_store)
    ids = sorted(e.event.id for e in merged_events(treaty_store))
    assert undo_merge(treaty_store) == 2
    loose = merged_events(treaty_store)
    assert len(loose) == 4 and all(len(e.sources) == 1 for e in loose)
    merge_store(treaty_store)
    assert sorted(e.event.id for e in merged_events(treaty_store)) == ids


@pytest.fixture
def strikes(store: Store) -> Store:
    """Different events on the same day between the same states."""
    a = _doc(
        store,
        "kyiv-1",
        "2024-07-08",
        [
            "Russian missiles struck a children's hospital in Kyiv on Monday.",
            "Russian artillery shelled the port of Kherson on Monday.",
        ],
    )
    b = _doc(store, "odesa-1", "2024-07-08", ["Russian drones hit the grain terminal at Odesa harbour on Monday."])
    c = _doc(store, "sanctions-1", "2024-07-08", ["Russia announced retaliatory sanctions on American officials."])
    d = _doc(store, "sanctions-2", "2024-07-08", ["The United States announced sanctions on Russian officials."])
    store.add_events([_event("kyiv-1", a[0], "ASSAULT", ["RUS"], ["UKR"], "2024-07-08")])
    store.add_events([_event("kyiv-1", a[1], "ASSAULT", ["RUS"], ["UKR"], "2024-07-08")])
    store.add_events([_event("odesa-1", b[0], "ASSAULT", ["RUS"], ["UKR"], "2024-07-08")])
    store.add_events([_event("sanctions-1", c[0], "SANCTION", ["RUS"], ["USA"], "2024-07-08")])
    store.add_events([_event("sanctions-2", d[0], "SANCTION", ["USA"], ["RUS"], "2024-07-08")])
    return store


def test_different_events_on_the_same_day_between_the_same_states_stay_apart(strikes: Store) -> None:
    report = merge_store(strikes)
    assert (report.mentions, report.clusters) == (5, 5)
    assert all(len(e.sources) == 1 for e in merged_events(strikes))


def test_weapons_that_differ_keep_transfers_apart(store: Store) -> None:
    a = _doc(store, "w1", "2024-01-04", ["Russia delivered MiG-29 fighters to North Korea."])
    b = _doc(store, "w2", "2024-01-04", ["Russia delivered S-400 batteries to North Korea."])
    store.add_events([_event("w1", a[0], "AID", ["RUS"], ["PRK"], "2024-01-04", weapons=("MiG-29",))])
    store.add_events([_event("w2", b[0], "AID", ["RUS"], ["PRK"], "2024-01-04", weapons=("S-400",))])
    assert merge_store(store).clusters == 2


def test_explain_prints_the_reasons(treaty_store: Store, db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    merge_store(treaty_store)
    mention = next(e.event.id for e in treaty_store.events() if e.event.doc_id == "c")
    assert main(["explain", mention, "--db", db_path]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["sources"]) == 3
    assert any(mention == m["event_id"] for m in data["members"])
    assert main(["explain", "ev-nope", "--db", db_path]) == 2


def test_events_command_lists_clusters_and_unmerged_mentions(
    treaty_store: Store, db_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["merge", "--db", db_path]) == 0
    capsys.readouterr()
    assert main(["events", "--format", "jsonl", "--db", db_path]) == 0
    merged = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(merged) == 2 and max(len(e["sources"]) for e in merged) == 3
    assert main(["events", "--unmerged", "--format", "jsonl", "--db", db_path]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4


@pytest.mark.parametrize(
    ("date", "published", "lo", "hi"),
    [
        ("2024-06-19", None, "2024-06-19", "2024-06-19"),
        ("2024-06", None, "2024-06-01", "2024-06-30"),
        ("2024", None, "2024-01-01", "2024-12-31"),
        (None, "2024-12-05", "2024-11-28", "2024-12-05"),
    ],
)
def test_date_windows(date: str | None, published: str | None, lo: str, hi: str) -> None:
    ev = _event("x", Evidence("x", 0, 1), "AID", ["RUS"], ["PRK"], date)
    win = window(Report(ev, published))
    assert win is not None and (win.lo.isoformat(), win.hi.isoformat()) == (lo, hi)


def test_undated_mention_without_publication_never_merges() -> None:
    ev = _event("x", Evidence("Russia aided North Korea.", 0, 25), "AID", ["RUS"], ["PRK"], None)
    other = _event("y", Evidence("Russia aided North Korea.", 0, 25), "AID", ["RUS"], ["PRK"], "2024-01-01")
    reports = [Report(ev, None), Report(other, "2024-01-01")]
    assert window(reports[0]) is None
    assert match(reports[0], reports[1], Sim(reports)) is None


def test_effective_day_and_stemming() -> None:
    assert effective_day("2024-06", "2024-06-10") == "2024-06-10"
    assert effective_day("2024-06", None) == "2024-06-15"
    assert effective_day(None, "2024-06-10") == "2024-06-10"
    assert {stem("signed"), stem("signing"), stem("signs")} == {"sign"}
    assert stem("treaties") == "treaty"


def test_a_party_inferred_from_the_place_is_no_party_to_a_tie() -> None:
    placed = Actor("Samarra", "IRQ", None, "Iraq", inferred="place")
    assert codes([placed, Actor("U.S.", "USA", "MIL", "United States")]) == frozenset({"USA"})
