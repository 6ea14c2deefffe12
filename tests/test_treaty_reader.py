"""The treaty reader: articles, parties, dates and coded provisions of real and fixture texts."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from pactwatch.extract.treaty import NoPartiesError, looks_like_treaty, read_treaty
from pactwatch.extract.treaty_cues import code_sentence
from pactwatch.extract.treaty_layout import article_number, split_sentences
from pactwatch.ingest import read_file
from pactwatch.kb import load_areas
from pactwatch.model import Document, Treaty

from conftest import DATA

SHARED_CASES: dict[str, Any] = json.loads((DATA / "treaties" / "shared_texts.json").read_text("utf-8"))
FIXTURE_CASES: dict[str, Any] = json.loads((DATA / "treaties" / "fixtures.json").read_text("utf-8"))


def _read(path: Path) -> tuple[Document, Treaty]:
    doc = next(iter(read_file(path)))
    assert isinstance(doc, Document), doc
    return doc, read_treaty(doc)


def _key(article: str | None, kind: str) -> tuple[int | str | None, str]:
    number = article_number(article) if article else None
    return (number if number is not None else article), kind


def _check_provisions(doc: Document, treaty: Treaty, expected: list[dict[str, Any]]) -> None:
    got = {_key(p.article, p.type): p for p in treaty.provisions}
    assert set(got) == {_key(e["article"], e["type"]) for e in expected}
    for want in expected:
        provision = got[_key(want["article"], want["type"])]
        assert set(want.get("conditions", [])) <= set(provision.conditions), provision
        for field in ("strength", "obligor", "beneficiary"):
            if field in want:
                assert list(getattr(provision, field)) == want[field], provision
    for p in treaty.provisions:
        assert p.evidence is not None and doc.text[p.evidence.start : p.evidence.end] == p.evidence.text


@pytest.mark.parametrize("name", sorted(k for k in SHARED_CASES if not k.startswith("_")))
def test_shared_treaty_texts(name: str, shared: Path) -> None:
    path = shared / "treaties" / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    expected = SHARED_CASES[name]
    doc, treaty = _read(path)
    if "parties" in expected:
        assert sorted(treaty.parties) == sorted(expected["parties"])
    assert set(expected.get("parties_include", [])) <= set(treaty.parties)
    assert treaty.signed == expected["signed"]
    _check_provisions(doc, treaty, expected["provisions"])
    print(f"{name}: {len({p.article for p in treaty.provisions})} articles coded, {len(treaty.provisions)} provisions")


def test_russia_dprk_2024_spec_example(shared: Path) -> None:
    path = shared / "treaties" / "russia_dprk_comprehensive_strategic_partnership_2024.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    _, treaty = _read(path)
    data = treaty.to_json()
    assert sorted(data["parties"]) == ["PRK", "RUS"] and data["signed"] == "2024-06-19"
    kinds = {(p["type"], p["article"]) for p in data["provisions"]}
    assert {("defense", "4"), ("consultation", "3")} <= kinds
    assert treaty.in_force == "2024-12-04"


@pytest.mark.parametrize("name", sorted(k for k in FIXTURE_CASES if not k.startswith("_")))
def test_fixture_treaties(name: str) -> None:
    expected = FIXTURE_CASES[name]
    doc, treaty = _read(DATA / "treaties" / name)
    assert treaty.title == expected["title"]
    assert sorted(treaty.parties) == expected["parties"]
    dates = (treaty.signed, treaty.place, treaty.in_force)
    assert dates == (expected["signed"], expected["place"], expected["in_force"])
    _check_provisions(doc, treaty, expected["provisions"])
    clauses = [(c.kind, c.article, c.value) for c in treaty.clauses]
    for want in expected["clauses"]:
        assert any(c[0] == want["kind"] and c[1] == want["article"] for c in clauses), clauses
        if "value" in want:
            assert (want["kind"], want["article"], want["value"]) in clauses


@pytest.mark.parametrize(
    ("label", "number"), [("4", 4), ("IV", 4), ("XII", 12), ("Four", 4), ("四", 4), ("十二", 12), ("4a", 4)]
)
def test_article_numbers(label: str, number: int) -> None:
    assert article_number(label) == number


def test_sentences_keep_abbreviations_and_offsets() -> None:
    text = 'Under Art. 2 the U.S. shall act. "The Parties will consult." Done.'
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Under Art. 2 the U.S. shall act.", '"The Parties will consult."', "Done."]


def test_general_articles_are_clauses_not_provisions() -> None:
    text = (
        "Treaty between Japan and Australia\n\nArticle 1\nThis Treaty shall be ratified.\n\n"
        "Article 2\nThis Treaty shall remain in force for ten years.\n"
    )
    treaty = read_treaty(Document("d", text))
    assert treaty.provisions == ()
    assert [(c.kind, c.article, c.value) for c in treaty.clauses] == [
        ("ratification", "1", None),
        ("duration", "2", "ten years"),
    ]


def test_news_text_quoting_a_clause_is_coded() -> None:
    text = (
        "Moscow and Minsk signed the treaty on Friday. Article 2 of the treaty states that if either party "
        "is subjected to an armed attack, the other party shall provide military assistance immediately."
    )
    treaty = read_treaty(Document("n", text), parties=["RUS", "BLR"])
    assert [(p.type, p.article, p.conditions) for p in treaty.provisions] == [("defense", "2", ("armed attack",))]


def test_a_threat_of_attack_calls_for_consultation_not_defense() -> None:
    text = (
        "Treaty between Mongolia and Kazakhstan\n\nArticle 1\nIn case of a threat of armed attack against either "
        "Party, the Parties shall hold consultations and agree on measures of mutual assistance.\n"
    )
    treaty = read_treaty(Document("t", text))
    assert [(p.type, p.conditions) for p in treaty.provisions] == [("consultation", ("threat",))]


def test_no_parties_names_the_file_and_the_fix() -> None:
    with pytest.raises(NoPartiesError) as info:
        read_treaty(Document("x", "Article 1\nThe Parties shall consult.\n", origin="pact.txt"))
    assert "pact.txt" in str(info.value) and "--parties" in str(info.value)


def test_looks_like_treaty_needs_headings_and_parties() -> None:
    assert looks_like_treaty((DATA / "treaties" / "andean_pact.txt").read_text("utf-8"))
    assert not looks_like_treaty("Russia and North Korea signed a treaty. Article 4 covers defence.")


def _sentence_cases() -> list[tuple[str, str, str]]:
    with (DATA / "treaties" / "sentences.csv").open(newline="", encoding="utf-8") as handle:
        return [(r["sentence"], r["types"], r["conditions"]) for r in csv.DictReader(handle)]


@pytest.mark.parametrize(("sentence", "types", "conditions"), _sentence_cases())
def test_provision_coder_on_general_language(sentence: str, types: str, conditions: str) -> None:
    coded = code_sentence(sentence, load_areas().areas)
    assert [c.type for c in coded] == [t for t in types.split("|") if t]
    if coded:
        assert list(coded[0].conditions) == [c for c in conditions.split("|") if c]


def test_knowledge_base_match_needs_the_title_or_the_treaty_acronym() -> None:
    named = "Treaty on Collective Security (CSTO)\n\nArticle 1\nThe States Parties shall consult.\n"
    assert read_treaty(Document("a", named)).kb_id == "csto-1992"
    other = "Treaty of Friendship between the DPRK and Laos\n\nArticle 1\nThe Parties shall consult.\n"
    treaty = read_treaty(Document("b", other))
    assert treaty.kb_id is None and sorted(treaty.parties) == ["LAO", "PRK"]
