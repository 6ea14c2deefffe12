"""Each phrasing added to the trigger lexicon, on one hand-written sentence (tests/data/lexicon_cases.jsonl).

A case names the PLOVER type it expects and, where the sentence settles them, the source and
target codes; some extracted event must carry all of them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pactwatch.extract import Extractor
from pactwatch.model import Document, Event

from conftest import DATA

CASES: list[dict[str, Any]] = [
    json.loads(line) for line in (DATA / "lexicon_cases.jsonl").read_text("utf-8").splitlines() if line
]


def _codes(actors: Any) -> set[str]:
    return {a.code for a in actors if a.code}


def _fits(event: Event, case: dict[str, Any]) -> bool:
    return (
        event.type == case["type"]
        and (case["source"] is None or case["source"] in _codes(event.source))
        and (case["target"] is None or case["target"] in _codes(event.target))
    )


@pytest.mark.parametrize("case", CASES, ids=[f"{c['row']}-{i}" for i, c in enumerate(CASES)])
def test_lexicon_case(case: dict[str, Any], extractor: Extractor) -> None:
    doc = Document(id="lexicon", text=case["text"], published=case["published"])
    events = list(extractor.extract(doc).events)
    got = [(e.type, sorted(_codes(e.source)), sorted(_codes(e.target)), e.trigger) for e in events]
    want = f"{case['type']} {case['source']}->{case['target']}"
    assert any(_fits(e, case) for e in events), f"no {want} in {case['text']!r}; got {got}"
