"""Load the trigger lexicon and modality cues from the CSV files beside this module.

New event patterns are new rows in ``data/triggers.csv``, not new code.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pactwatch.errors import PactwatchError
from pactwatch.model import EVENT_TYPES, MODALITIES

TARGET_MARK = "@actor"  # in the object column: the event needs an actor as its target
PERSON_MARK = "@person"  # in the object column: a person named by name ("welcomed Trump")
PLACE_MARK = "@place"  # in the object column: a place named by name ("captured Knin")


@dataclass(frozen=True)
class TriggerRule:
    """One row of the trigger lexicon: a lemma (plus constraints) that signals an event."""

    lemma: str
    pos: str
    particle: str
    objects: frozenset[str]
    type: str
    mode: str | None
    modality: str | None
    priority: int
    reverse: bool
    needs_target: bool = False

    @property
    def specificity(self) -> tuple[int, int, int]:
        """Sort key: constrained rows first, then by priority."""
        return (1 if self.objects else 0, 1 if self.particle else 0, self.priority)


@dataclass(frozen=True)
class ModalityCue:
    """A word that changes how sure a report is: "may", "reportedly", "plan", "deny"."""

    word: str
    kind: str
    modality: str


def _read_csv(name: str) -> list[dict[str, str]]:
    raw = resources.files("pactwatch.ontology").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(raw)))


def _rule(row: dict[str, str], line: int) -> TriggerRule:
    etype = row["type"].strip().upper()
    modality = (row.get("modality") or "").strip() or None
    if etype not in EVENT_TYPES:
        raise PactwatchError(f"triggers.csv line {line}: unknown PLOVER type {etype!r}")
    if modality is not None and modality not in MODALITIES:
        raise PactwatchError(f"triggers.csv line {line}: unknown modality {modality!r}")
    words = {o.strip().lower() for o in (row.get("object") or "").split("|") if o.strip()}
    objects = frozenset(words - {TARGET_MARK})
    note = (row.get("note") or "").strip().lower()
    return TriggerRule(
        lemma=row["lemma"].strip().lower(),
        pos=(row.get("pos") or "VERB").strip().upper(),
        particle=(row.get("particle") or "").strip().lower(),
        objects=objects,
        type=etype,
        mode=(row.get("mode") or "").strip().lower() or None,
        modality=modality,
        priority=int((row.get("priority") or "5").strip() or 5),
        reverse=note.startswith("reverse"),
        needs_target=TARGET_MARK in words,
    )


@cache
def load_triggers() -> dict[tuple[str, str], tuple[TriggerRule, ...]]:
    """Trigger rules keyed by (lemma, pos), most specific first."""
    table: dict[tuple[str, str], list[TriggerRule]] = {}
    for line, row in enumerate(_read_csv("triggers.csv"), start=2):
        rule = _rule(row, line)
        table.setdefault((rule.lemma, rule.pos), []).append(rule)
    return {key: tuple(sorted(rules, key=lambda r: r.specificity, reverse=True)) for key, rules in table.items()}


@cache
def load_modality_cues() -> dict[str, ModalityCue]:
    """Modality cue words keyed by lower-case word or lemma."""
    cues: dict[str, ModalityCue] = {}
    for line, row in enumerate(_read_csv("modality.csv"), start=2):
        modality = row["modality"].strip()
        if modality not in MODALITIES:
            raise PactwatchError(f"modality.csv line {line}: unknown modality {modality!r}")
        word = row["word"].strip().lower()
        cues[word] = ModalityCue(word, row["kind"].strip(), modality)
    return cues


@cache
def load_sector_nouns() -> dict[str, str]:
    """Head nouns that give an actor its PLOVER sector ("Israeli army" -> MIL)."""
    return {row["lemma"].strip().lower(): row["sector"].strip() for row in _read_csv("sectors.csv")}
