"""Turn the extractor's raw evidence score into a calibrated confidence.

The raw score adds up cues (coded source, coded target, a constrained trigger
rule, a verbal rather than nominal trigger). ``ontology/data/confidence.csv``
maps score bins to the share of events in that bin that a human coder agreed
with (type and dyad) on the development half of pactwatch's own gold set; it is
made by ``scripts/calibrate_confidence.py`` and kept monotone.
"""

from __future__ import annotations

import csv
import io
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Calibration:
    """Upper bin edges of the raw score and the calibrated confidence of each bin."""

    edges: tuple[float, ...]
    values: tuple[float, ...]

    def __call__(self, raw: float) -> float:
        if not self.values:
            return raw
        return self.values[min(bisect_right(self.edges, raw), len(self.values) - 1)]

    @staticmethod
    def identity() -> Calibration:
        """No calibration: confidence is the raw score (used to fit the table)."""
        return Calibration((), ())


@cache
def load_calibration() -> Calibration:
    """The bundled calibration table."""
    path = resources.files("pactwatch.ontology").joinpath("data", "confidence.csv")
    if not path.is_file():
        return Calibration.identity()
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    return Calibration(
        tuple(float(r["upper"]) for r in rows),
        tuple(float(r["confidence"]) for r in rows),
    )
