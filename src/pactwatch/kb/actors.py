"""Read the actor and weapon tables under ``kb/data`` into alias records.

Actors are states, IGOs, people, organisations, places (coded by the state they
lie in) and communities (coded to their home state, sector CVL)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from pactwatch.kb.rows import in_spell, listed, optional, read_rows


@dataclass(frozen=True)
class ActorEntry:
    """One surface form of an actor, valid over an optional date range (ISO strings)."""

    alias: str
    code: str
    sector: str | None
    name: str
    kind: str
    valid_from: str | None = None
    valid_until: str | None = None

    def valid_on(self, day: str | None) -> bool:
        """Whether the entry applies on ``day`` (``None`` = date unknown: always)."""
        return in_spell(day, self.valid_from, self.valid_until)


@dataclass(frozen=True)
class WeaponEntry:
    """One surface form of a weapon system or class."""

    alias: str
    name: str
    weapon_class: str
    origin: str | None


def _country_entries() -> Iterator[ActorEntry]:
    for row in read_rows("countries.csv"):
        code, name = row["code"].strip(), row["name"].strip()
        start, end = optional(row.get("valid_from")), optional(row.get("valid_until"))
        for alias in [name, *listed(row.get("aliases"))]:
            yield ActorEntry(alias, code, None, name, "state", start, end)
        for alias in listed(row.get("demonyms")):
            yield ActorEntry(alias, code, None, name, "demonym", start, end)
        for alias in listed(row.get("capitals")):
            yield ActorEntry(alias, code, "GOV", name, "capital", start, end)


def _igo_entries() -> Iterator[ActorEntry]:
    for row in read_rows("igos.csv"):
        code, name = row["code"].strip(), row["name"].strip()
        for alias in [name, code, *listed(row.get("aliases"))]:
            yield ActorEntry(alias, code, "IGO", name, "igo")


def _people_entries() -> Iterator[ActorEntry]:
    for row in read_rows("people.csv"):
        name = row["name"].strip()
        sector = optional(row.get("sector"))
        start, end = optional(row.get("start")), optional(row.get("end"))
        for alias in [name, *listed(row.get("aliases"))]:
            yield ActorEntry(alias, row["code"].strip(), sector, name, "person", start, end)


def _org_entries() -> Iterator[ActorEntry]:
    for row in read_rows("organisations.csv"):
        name = row["name"].strip()
        sector = optional(row.get("sector"))
        for alias in [name, *listed(row.get("aliases"))]:
            yield ActorEntry(alias, row["code"].strip(), sector, name, row.get("kind") or "org")


def _place_entries() -> Iterator[ActorEntry]:
    """Cities, provinces, regions and sites, each coded by the state it lies in
    (CAMEO/PLOVER code a place by its state); no sector, unlike a capital (GOV)."""
    for row in read_rows("places.csv"):
        name = row["name"].strip()
        for alias in [name, *listed(row.get("aliases"))]:
            yield ActorEntry(alias, row["code"].strip(), None, name, "place")


def _community_entries() -> Iterator[ActorEntry]:
    """Ethnic and regional communities with one clear home state, coded to it as civilians."""
    for row in read_rows("communities.csv"):
        name = row["name"].strip()
        for alias in [name, *listed(row.get("aliases"))]:
            yield ActorEntry(alias, row["code"].strip(), "CVL", name, "community")


@cache
def load_actor_entries() -> tuple[ActorEntry, ...]:
    """Every actor alias in the bundled knowledge base.

    States come first: where a dated state entry and a later row share an alias,
    the gazetteer takes the first entry valid on the document's date."""
    entries: list[ActorEntry] = []
    readers = (_country_entries, _igo_entries, _people_entries, _org_entries, _place_entries, _community_entries)
    for reader in readers:
        entries.extend(reader())
    return tuple(entries)


@cache
def load_waters() -> tuple[str, ...]:
    """Names of seas, gulfs and straits: where things happen, of no one state ("the Gulf of
    Oman" is not Oman, "the Sea of Japan" not Japan)."""
    return tuple(
        alias for row in read_rows("waters.csv") for alias in [row["name"].strip(), *listed(row.get("aliases"))]
    )


@cache
def load_weapons() -> tuple[WeaponEntry, ...]:
    """Every weapon alias in the bundled knowledge base."""
    entries: list[WeaponEntry] = []
    for row in read_rows("weapons.csv"):
        name = row["name"].strip()
        wclass, origin = row.get("class", "").strip(), optional(row.get("origin"))
        for alias in [name, *listed(row.get("aliases"))]:
            entries.append(WeaponEntry(alias, name, wclass, origin))
    return tuple(entries)


def demo_corpus_path() -> Path:
    """The folder holding the bundled demo corpus."""
    return Path(str(resources.files("pactwatch.kb").joinpath("data", "demo")))
