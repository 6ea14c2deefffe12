"""Fit ``ontology/data/confidence.csv`` from our own gold sets (our set and the first, second
and fourth blind sets, both halves: the split is for accuracy; calibration needs every
labelled event it can get). Its error is estimated by fitting on one half and measuring on
the other, and on the third and fifth blind sets, which no fit and no rule ever looks at.

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
DATA = ROOT / "tests" / "data"
GOLD = tuple(DATA / f"gold_{name}.jsonl" for name in ("security", "blind", "blind2", "blind4"))
HELD_OUT = (DATA / "gold_blind3.jsonl", DATA / "gold_blind5.jsonl")
OUT = ROOT / "src" / "pactwatch" / "ontology" / "data" / "confidence.csv"
EDGES = (0.45, 0.6, 0.75, 0.85, 1.0)


def labelled(
    split: str = "dev", extractor: Extractor | None = None, golds: tuple[Path, ...] = GOLD
) -> list[tuple[float, bool]]:
    extractor = extractor or Extractor(calibration=Calibration.identity())
    matcher = CodeMatcher()
    out: list[tuple[float, bool]] = []
    sentences = [s for gold in golds for s in read_own(gold)]
    for sentence in select(sentences, split):
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


def fit(data: list[tuple[float, bool]]) -> tuple[list[list[int]], list[float]]:
    """Counts per raw-score bin and the pooled, smoothed confidence of each bin."""
    bins = [[0, 0] for _ in EDGES]
    for score, ok in data:
        index = next(i for i, edge in enumerate(EDGES) if score <= edge)
        bins[index][0] += ok
        bins[index][1] += 1
    return bins, pooled(bins)


def calibration_error(values: list[float], data: list[tuple[float, bool]]) -> float:
    """Mean gap between stated confidence and the share right, weighted by events."""
    groups: dict[float, list[bool]] = {}
    for score, ok in data:
        groups.setdefault(values[next(i for i, edge in enumerate(EDGES) if score <= edge)], []).append(ok)
    return sum(abs(c - sum(oks) / len(oks)) * len(oks) for c, oks in groups.items()) / max(len(data), 1)


def main() -> None:
    dev, test = labelled("dev"), labelled("test")
    bins, values = fit(dev + test)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["upper", "confidence", "correct", "events"])
        for edge, value, (correct, total) in zip(EDGES, values, bins, strict=True):
            writer.writerow([edge, value, correct, total])
    print(f"{len(dev) + len(test)} events; bins (upper, confidence, correct/total):")
    for edge, value, (correct, total) in zip(EDGES, values, bins, strict=True):
        print(f"  <= {edge:.2f}: {value:.3f} ({correct}/{total})")
    # honest estimate: fit on one half, measure on the other, both ways
    crossed = (calibration_error(fit(dev)[1], test) * len(test) + calibration_error(fit(test)[1], dev) * len(dev)) / (
        len(dev) + len(test)
    )
    print(f"expected calibration error, fitted on one half and measured on the other: {crossed:.3f}")
    for gold in HELD_OUT:
        held = labelled("all", golds=(gold,))
        print(f"expected calibration error on the held-out {gold.name} ({len(held)} events): ", end="")
        print(f"{calibration_error(values, held):.3f}")


if __name__ == "__main__":
    main()
