"""Confidence: a monotone table fitted on our own gold (dev half), applied to every event."""

from __future__ import annotations

import json

from pactwatch.analyse.evaluation import split_of
from pactwatch.extract import Extractor
from pactwatch.extract.calibration import Calibration, load_calibration
from pactwatch.model import Document

from conftest import DATA


def test_table_is_monotone_and_bounded() -> None:
    table = load_calibration()
    assert table.values, "ontology/data/confidence.csv is missing; run scripts/calibrate_confidence.py"
    assert list(table.values) == sorted(table.values)
    assert all(0.0 < v < 1.0 for v in table.values)
    assert list(table.edges) == sorted(table.edges)


def test_identity_leaves_raw_scores() -> None:
    assert Calibration.identity()(0.42) == 0.42


def test_confidence_tracks_correctness_on_the_test_half(extractor: Extractor) -> None:
    """On the test half, events scored higher are right at least as often as lower ones (the
    raw score's order is the rules' alone; the fitted values are checked across halves by
    scripts/calibrate_confidence.py)."""
    high: list[bool] = []
    low: list[bool] = []
    for line in (DATA / "gold_security.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line)
        if split_of(rec["id"]) != "test":
            continue
        doc = Document(id=rec["id"], text=rec["text"], published=rec["published"])
        for event in extractor.extract(doc).events:
            ok = any(g["type"] == event.type for g in rec["expect"])
            (high if event.confidence >= 0.6 else low).append(ok)
        assert all(e.confidence in load_calibration().values for e in extractor.extract(doc).events)
    assert high and low
    assert sum(high) / len(high) >= sum(low) / len(low)
