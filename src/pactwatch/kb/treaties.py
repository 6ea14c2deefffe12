"""The bundled treaty knowledge base: treaties, member spells, coded provisions, areas.

Four tables under ``kb/data``, each row citing its public source:

- ``treaties.csv``: one row per treaty (dates, ATOP id, notes);
- ``treaty_members.csv``: dated membership spells (accession, exit);
- ``treaty_provisions.csv``: ATOP-style obligations with article, obligor,
  beneficiary (``all`` or ``|``-separated codes), conditions that hold together
  and strength markers;
- ``state_regions.csv`` and ``treaty_areas.csv``: where a state lies, so that a
  location condition such as ``location:Europe or North America`` can be decided
  for an attacked state. ``core`` means the state's metropolitan territory lies in
  the region (an attack on the state is presumed to fall there); ``part`` means only
  some of its territory does. The region ``party territory`` is met by any attack
  on a party's own territory.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from pactwatch.errors import PactwatchError
from pactwatch.kb.rows import listed, optional, read_rows
from pactwatch.model import Membership, Provision, Treaty

PARTY_TERRITORY = "party territory"


def _codes(value: str | None) -> tuple[str, ...]:
    """``all`` (or empty) -> () meaning every party; else the listed codes."""
    value = (value or "").strip()
    if not value or value.lower() == "all":
        return ()
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _provision(row: dict[str, str]) -> Provision:
    return Provision(
        type=row["type"].strip(),
        article=optional(row.get("article")),
        conditions=listed(row.get("conditions")),
        obligor=_codes(row.get("obligor")),
        beneficiary=_codes(row.get("beneficiary")),
        strength=listed(row.get("strength")),
        quote=optional(row.get("quote")),
        source=optional(row.get("source")),
    )


def _membership(row: dict[str, str]) -> Membership:
    return Membership(
        code=row["code"].strip(),
        joined=optional(row.get("joined")),
        left=optional(row.get("left")),
        source=optional(row.get("source")),
    )


@cache
def load_treaties() -> tuple[Treaty, ...]:
    """Every treaty of the knowledge base, with its member spells and provisions."""
    members: dict[str, list[Membership]] = defaultdict(list)
    for row in read_rows("treaty_members.csv"):
        members[row["treaty_id"].strip()].append(_membership(row))
    provisions: dict[str, list[Provision]] = defaultdict(list)
    for row in read_rows("treaty_provisions.csv"):
        provisions[row["treaty_id"].strip()].append(_provision(row))
    treaties = [_treaty(row, members, provisions) for row in read_rows("treaties.csv")]
    known = {t.id for t in treaties}
    stray = sorted((set(members) | set(provisions)) - known)
    if stray:
        raise PactwatchError(f"kb/data: rows for unknown treaties {stray}; add them to treaties.csv")
    return tuple(treaties)


def _treaty(
    row: dict[str, str], members: dict[str, list[Membership]], provisions: dict[str, list[Provision]]
) -> Treaty:
    tid = row["id"].strip()
    spells = tuple(members.get(tid, ()))
    return Treaty(
        id=tid,
        title=row["title"].strip(),
        short_name=optional(row.get("short_name")),
        parties=tuple(sorted({m.code for m in spells})),
        signed=optional(row.get("signed")),
        in_force=optional(row.get("in_force")),
        ended=optional(row.get("ended")),
        members=spells,
        provisions=tuple(provisions.get(tid, ())),
        source=optional(row.get("source")),
        atopid=optional(row.get("atopid")),
        kb_id=tid,
    )


def treaty_by_id(treaty_id: str) -> Treaty | None:
    """The knowledge-base treaty with this id, if any."""
    return next((t for t in load_treaties() if t.id == treaty_id), None)


@dataclass(frozen=True)
class Areas:
    """Where states lie: ``regions[code][region] = core|part``; ``areas[area] = regions``."""

    regions: dict[str, dict[str, str]]
    areas: dict[str, tuple[str, ...]]

    def regions_of_area(self, area: str) -> tuple[str, ...] | None:
        """The regions an area (as written in a condition) stands for; None if unknown."""
        key = area.strip().casefold()
        for name, regions in self.areas.items():
            if name.casefold() == key:
                return regions
        return None

    def extent(self, code: str, region: str) -> str | None:
        """``core``, ``part``, or None when the state has no territory in the region."""
        return self.regions.get(code, {}).get(region)


@cache
def load_areas() -> Areas:
    """The state-region and area tables."""
    regions: dict[str, dict[str, str]] = defaultdict(dict)
    for row in read_rows("state_regions.csv"):
        extent = row["extent"].strip()
        if extent not in ("core", "part"):
            raise PactwatchError(f"kb/data/state_regions.csv: extent {extent!r}; use core or part")
        regions[row["code"].strip()][row["region"].strip()] = extent
    areas = {row["area"].strip(): listed(row.get("regions")) for row in read_rows("treaty_areas.csv")}
    return Areas(dict(regions), areas)
