"""Fit ``ontology/data/confidence.csv`` from the dev half of our own gold set.

Each extracted event is labelled correct when a gold event of the same sentence has
its type and a matching dyad. Events are binned by raw score; each bin's share of
correct events (add-one smoothed) becomes its confidence, made monotone by pooling
adjacent bins that violate the order. Run: .venv/bin/python scripts/calibrate_confidence.py
"""

from __future__ import annotations

import csv
from pathlib import Path

from pactwatch.analyse.evaluation import CodeMatcher, select
from pactwatch.analyse.gold import read_own
from pactwatch.extract import Extractor
from pactwatch.extract.calibration import Calibration
from pactwatch.model import Document

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold_security.jsonl"
OUT = ROOT / "src" / "pactwatch" / "ontology" / "data" / "confidence.csv"
EDGES = (0.45, 0.6, 0.75, 0.85, 1.0)


def labelled() -> list[tuple[float, bool]]:
    extractor = Extractor(calibration=Calibration.identity())
    matcher = CodeMatcher()
    out: list[tuple[float, bool]] = []
    for sentence in select(read_own(GOLD), "dev"):
        doc = Document(id=sentence.id, text=sentence.text, published=sentence.published)
        for event in extractor.extract(doc).events:
            ok = any(g.type == event.type and matcher.dyad(g, event) for g in sentence.events)
            out.append((event.confidence, ok))
    return out


def pooled(bins: list[list[int]]) -> list[float]:
    """Pool adjacent violators so confidence never falls as the raw score rises."""
    blocks = [[c, n, 1] for c, n in bins]  # correct, total, bins in block
    i = 0
    while i < len(blocks) - 1:
        a, b = blocks[i], blocks[i + 1]
        if (a[0] + 1) / (a[1] + 2) > (b[0] + 1) / (b[1] + 2):
            blocks[i : i + 2] = [[a[0] + b[0], a[1] + b[1], a[2] + b[2]]]
            i = max(i - 1, 0)
        else:
            i += 1
    values: list[float] = []
    for correct, total, width in blocks:
        values.extend([round((correct + 1) / (total + 2), 3)] * width)
    return values


def main() -> None:
    data = labelled()
    bins = [[0, 0] for _ in EDGES]
    for score, ok in data:
        index = next(i for i, edge in enumerate(EDGES) if score <= edge)
        bins[index][0] += ok
        bins[index][1] += 1
    values = pooled(bins)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["upper", "confidence", "correct", "events"])
        for edge, value, (correct, total) in zip(EDGES, values, bins, strict=True):
            writer.writerow([edge, value, correct, total])
    print(f"{len(data)} events; bins (upper, confidence, correct/total):")
    for edge, value, (correct, total) in zip(EDGES, values, bins, strict=True):
        print(f"  <= {edge:.2f}: {value:.3f} ({correct}/{total})")


if __name__ == "__main__":
    main()
