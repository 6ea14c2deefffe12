"""Dyad timelines: month by month, how much two actors cooperated and clashed, treaty milestones marked.

Each merged event between the two (either direction, or as co-actors of a joint
act) adds its type weight x modality weight x confidence (``analyse/data/
relation_weights.csv``) to its month, without decay: cooperation above zero,
conflict below. Milestones are the dates of the treaties binding both: signature,
entry into force, the day the later of the two joined, exits and the end.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from pactwatch.analyse.merge import alliance_code, ensure_merged
from pactwatch.analyse.treaties import all_treaties, spells
from pactwatch.analyse.weights import Weights, load_weights
from pactwatch.errors import PactwatchError
from pactwatch.model import Treaty
from pactwatch.store import Store
from pactwatch.store.clusters import TieRow, ties_until

FORMATS = ("json", "csv", "png")


@dataclass(frozen=True)
class Month:
    """One month of the dyad: summed cooperation (>= 0) and conflict (>= 0) and the events behind them."""

    month: str
    cooperation: float
    conflict: float
    events: tuple[str, ...]

    @property
    def net(self) -> float:
        """Cooperation minus conflict."""
        return self.cooperation - self.conflict

    def to_json(self) -> dict[str, Any]:
        """The month as printed."""
        return {
            "month": self.month,
            "cooperation": round(self.cooperation, 3),
            "conflict": round(self.conflict, 3),
            "net": round(self.net, 3),
            "events": list(self.events),
        }


@dataclass(frozen=True)
class Milestone:
    """A treaty date that matters to the pair."""

    day: str
    kind: str
    treaty: str
    label: str

    def to_json(self) -> dict[str, Any]:
        """The milestone as printed."""
        return {"day": self.day, "kind": self.kind, "treaty": self.treaty, "label": self.label}


@dataclass(frozen=True)
class Timeline:
    """Monthly cooperation and conflict between ``a`` and ``b``, with treaty milestones."""

    a: str
    b: str
    months: tuple[Month, ...]
    milestones: tuple[Milestone, ...]

    def to_json(self) -> dict[str, Any]:
        """The ``pactwatch timeline --format json`` shape."""
        return {
            "pair": [self.a, self.b],
            "months": [m.to_json() for m in self.months],
            "milestones": [m.to_json() for m in self.milestones],
        }

    def to_csv(self) -> str:
        """One row per month; milestones of the month joined by ``;``."""
        by_month: dict[str, list[str]] = {}
        for stone in self.milestones:
            by_month.setdefault(stone.day[:7], []).append(stone.label)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["month", "cooperation", "conflict", "net", "events", "milestones"])
        for m in self.months:
            row = m.to_json()
            marks = ";".join(by_month.get(m.month, []))
            writer.writerow([m.month, row["cooperation"], row["conflict"], row["net"], len(m.events), marks])
        return out.getvalue()


def signed_weight(tie: TieRow, weights: Weights | None = None) -> float:
    """A tie's signed weight without decay (stored at merge time with the documented weights)."""
    return tie.signed


def dyad_timeline(store: Store, a: str, b: str, since: str | None = None, until: str | None = None) -> Timeline:
    """The timeline of the pair, from ``since`` (else its first event) to ``until`` (else its last)."""
    x, y = alliance_code(a.upper()), alliance_code(b.upper())
    if x == y:
        raise PactwatchError(f"timeline of {x} with itself: name two different actors")
    ensure_merged(store)
    weights = load_weights()
    ties = ties_until(store, until or "9999-12-31", pair=(x, y), since=since)
    stones = [s for s in milestones(all_treaties(store), x, y) if _inside(s.day, since, until)]
    months = _months(ties, weights, since, until)
    return Timeline(x, y, tuple(months), tuple(stones))


def _inside(day: str, since: str | None, until: str | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


def _months(ties: list[TieRow], weights: Weights, since: str | None, until: str | None) -> list[Month]:
    coop: dict[str, float] = {}
    conf: dict[str, float] = {}
    events: dict[str, list[str]] = {}
    for tie in ties:
        month = tie.day[:7]
        w = signed_weight(tie, weights)
        if w >= 0:
            coop[month] = coop.get(month, 0.0) + w
        else:
            conf[month] = conf.get(month, 0.0) - w
        listed = events.setdefault(month, [])
        if tie.cluster_id not in listed:
            listed.append(tie.cluster_id)
    if not events and not (since and until):
        return []
    first = (since or min(events))[:7]
    last = (until or max(events))[:7]
    return [Month(m, coop.get(m, 0.0), conf.get(m, 0.0), tuple(events.get(m, ()))) for m in month_range(first, last)]


def month_range(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last``, inclusive."""
    year, month = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def milestones(treaties: list[Treaty], a: str, b: str) -> list[Milestone]:
    """Dates of the treaties that bind both ``a`` and ``b`` at some time."""
    out: list[Milestone] = []
    for treaty in treaties:
        sa = [m for m in spells(treaty) if alliance_code(m.code) == a]
        sb = [m for m in spells(treaty) if alliance_code(m.code) == b]
        if not sa or not sb:
            continue
        name = treaty.short_name or treaty.title
        out.extend(_treaty_stones(treaty, name, sa, sb))
    out.sort(key=lambda s: (s.day, s.treaty, s.kind))
    return list({(s.day, s.kind, s.treaty): s for s in out}.values())


def _treaty_stones(treaty: Treaty, name: str, sa: list[Any], sb: list[Any]) -> list[Milestone]:
    stones: list[Milestone] = []
    if treaty.signed:
        stones.append(Milestone(_day(treaty.signed), "signed", treaty.id, f"{name} signed"))
    if treaty.in_force and treaty.in_force != treaty.signed:
        stones.append(Milestone(_day(treaty.in_force), "in_force", treaty.id, f"{name} in force"))
    start = _day(treaty.start) if treaty.start else None
    for ma in sa:
        for mb in sb:
            joined = max(_day(ma.joined or treaty.start or ""), _day(mb.joined or treaty.start or ""))
            if joined and joined != start:
                stones.append(Milestone(joined, "joined", treaty.id, f"both in {name}"))
            left = min(x for x in (ma.left, mb.left) if x) if (ma.left or mb.left) else None
            if left:
                stones.append(Milestone(_day(left), "left", treaty.id, f"{name}: one side left"))
    if treaty.ended:
        stones.append(Milestone(_day(treaty.ended), "ended", treaty.id, f"{name} ended"))
    return stones


def _day(value: str) -> str:
    """A full ISO day for a partial date (``2022-02`` -> ``2022-02-01``); "" stays ""."""
    if len(value) == 4:
        return value + "-01-01"
    if len(value) == 7:
        return value + "-01"
    return date.fromisoformat(value[:10]).isoformat() if value else ""
