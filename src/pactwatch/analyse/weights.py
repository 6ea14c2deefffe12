"""The documented relation weights (``analyse/data/relation_weights.csv``) and the signed weight of a tie.

Cooperative event types are positive, conflictual ones negative; co-actors of a
joint act (several actors on one side, none on the other) are tied positively:
by the type's weight for a cooperative act, by a fixed co-action weight for a
conflictual one (side by side against a third party). Treaty provision types
carry their own weights; see the CSV for each value's reason.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pactwatch.errors import PactwatchError


@dataclass(frozen=True)
class Weights:
    """The weights and parameters of ``relation_weights.csv``."""

    event: dict[str, float]
    treaty: dict[str, float]
    joint_cooperative: float
    joint_conflictual: float
    half_life_days: float
    multilateral_scale: float

    def signed(self, event_type: str, directed: bool, weight: float) -> float:
        """A tie's signed weight: ``weight`` (modality x confidence) times the type's (or joint) weight."""
        type_weight = self.event.get(event_type, 0.0)
        if directed:
            return type_weight * weight
        if type_weight < 0:
            return self.joint_conflictual * weight
        return type_weight * self.joint_cooperative * weight


def kind_of(signed: float) -> str:
    """``cooperation`` for a positive tie, ``conflict`` for a negative one."""
    return "cooperation" if signed >= 0 else "conflict"


@cache
def load_weights() -> Weights:
    """Read ``analyse/data/relation_weights.csv``."""
    path = resources.files("pactwatch.analyse").joinpath("data", "relation_weights.csv")
    if not path.is_file():
        raise PactwatchError("analyse/data/relation_weights.csv is missing; reinstall pactwatch")
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for row in csv.DictReader(io.StringIO(path.read_text("utf-8"))):
        table[row["kind"]][row["key"]] = float(row["weight"])
    return Weights(
        event=dict(table["event"]),
        treaty=dict(table["treaty"]),
        joint_cooperative=table["joint"]["cooperative"],
        joint_conflictual=table["joint"]["conflictual"],
        half_life_days=table["param"]["half_life_days"],
        multilateral_scale=table["param"]["multilateral_scale"],
    )
