"""One country-code crosswalk: ISO 3166 alpha-3 <-> COW <-> Gleditsch-Ward <-> FIPS 10-4 <-> CAMEO <-> SIPRI names.

``kb/data/crosswalk.csv`` holds one row per *code spell*: the codes one state
carried in each system over a date range (``valid_from`` inclusive,
``valid_until`` exclusive, ISO dates, blank = open). Germany, for example, has
three rows (COW 255 until 1945; the Federal Republic, COW and GW 260; the united
Germany, COW 255 and GW 260 from 1990-10-03), so that COW 260 and GW 260 both
read as DEU while DEU reads back as COW 260 in 1980 and COW 255 in 2000.

A row with a blank ``code`` is a state the systems know but ISO 3166 does not
(Bavaria, Korea before 1905, Northern Cyprus): a lookup finds it, so an importer
can say *why* a row cannot be coded instead of dropping it. ``alliance_code``
is the code used for alliance membership when it differs (SUN -> RUS, SPEC).
``source`` lists keys of ``crosswalk_sources.csv``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from pactwatch.errors import PactwatchError
from pactwatch.kb.actors import load_actor_entries
from pactwatch.kb.rows import in_spell, listed, optional, read_rows

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise_name(name: str) -> str:
    """A name folded for matching: no accents, case, punctuation or SIPRI ``*`` marks."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").casefold()
    return _NON_ALNUM.sub(" ", folded.replace("&", " and ")).strip()


def as_day(on: str | None) -> str | None:
    """A date for spell lookups: a bare year stands for its middle (``1991`` -> ``1991-07-01``)."""
    if on is None or not on.strip():
        return None
    on = on.strip()
    if len(on) == 4:
        return f"{on}-07-01"
    return f"{on}-15" if len(on) == 7 else on


@dataclass(frozen=True)
class CrosswalkEntry:
    """One state's codes over one date range."""

    code: str | None
    name: str
    cow: int | None
    gw: int | None
    fips: tuple[str, ...]
    cameo: str | None
    sipri: tuple[str, ...]
    valid_from: str | None
    valid_until: str | None
    alliance_code: str | None
    note: str
    source: tuple[str, ...]

    @property
    def alliance(self) -> str | None:
        """The code for alliance membership (the USSR counts as RUS)."""
        return self.alliance_code or self.code

    def valid_on(self, day: str | None) -> bool:
        """Whether the spell covers ``day`` (``None``: any day)."""
        return in_spell(day, self.valid_from, self.valid_until)

    def distance(self, day: str) -> int:
        """How many years ``day`` lies outside the spell (0 inside)."""
        year = int(day[:4])
        if self.valid_from and day < self.valid_from:
            return int(self.valid_from[:4]) - year
        if self.valid_until and day >= self.valid_until:
            return year - int(self.valid_until[:4]) + 1
        return 0


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value else None


def _entry(row: dict[str, str]) -> CrosswalkEntry:
    return CrosswalkEntry(
        code=optional(row.get("code")),
        name=row["name"].strip(),
        cow=_int(row.get("cow")),
        gw=_int(row.get("gw")),
        fips=listed(row.get("fips")),
        cameo=optional(row.get("cameo")),
        sipri=listed(row.get("sipri")),
        valid_from=optional(row.get("valid_from")),
        valid_until=optional(row.get("valid_until")),
        alliance_code=optional(row.get("alliance_code")),
        note=(row.get("note") or "").strip(),
        source=listed(row.get("source")),
    )


def _pick(candidates: list[CrosswalkEntry], on: str | None) -> CrosswalkEntry | None:
    """The spell valid on ``on``; the nearest one when none is; the current one when no date."""
    if not candidates:
        return None
    day = as_day(on)
    if day is None:
        return next((c for c in candidates if not c.valid_until), candidates[-1])
    valid = [c for c in candidates if c.valid_on(day)]
    if valid:
        return valid[0]
    return min(candidates, key=lambda c: c.distance(day))


class Crosswalk:
    """Lookups in every direction; each takes an optional date for codes that changed meaning."""

    def __init__(self, entries: tuple[CrosswalkEntry, ...]) -> None:
        self.entries = entries
        self._cow: dict[int, list[CrosswalkEntry]] = defaultdict(list)
        self._gw: dict[int, list[CrosswalkEntry]] = defaultdict(list)
        self._fips: dict[str, list[CrosswalkEntry]] = defaultdict(list)
        self._cameo: dict[str, list[CrosswalkEntry]] = defaultdict(list)
        self._iso: dict[str, list[CrosswalkEntry]] = defaultdict(list)
        self._names: dict[str, list[CrosswalkEntry]] = defaultdict(list)
        for e in sorted(entries, key=lambda e: e.valid_from or ""):
            self._index(e)

    def _index(self, e: CrosswalkEntry) -> None:
        if e.cow is not None:
            self._cow[e.cow].append(e)
        if e.gw is not None:
            self._gw[e.gw].append(e)
        for fips in e.fips:
            self._fips[fips].append(e)
        if e.cameo:
            self._cameo[e.cameo].append(e)
        if e.code:
            self._iso[e.code].append(e)
        for name in {normalise_name(n) for n in (e.name, *e.sipri)}:
            self._names[name].append(e)

    def by_cow(self, code: int | str, on: str | None = None) -> CrosswalkEntry | None:
        """The state a COW numeric code stands for on ``on``."""
        return _pick(self._cow.get(int(code), []), on)

    def by_gw(self, code: int | str, on: str | None = None) -> CrosswalkEntry | None:
        """The state a Gleditsch-Ward numeric code stands for on ``on``."""
        return _pick(self._gw.get(int(code), []), on)

    def by_fips(self, code: str, on: str | None = None) -> CrosswalkEntry | None:
        """The state of a FIPS 10-4 code (GDELT geography)."""
        return _pick(self._fips.get(code.strip().upper(), []), on)

    def by_cameo(self, code: str, on: str | None = None) -> CrosswalkEntry | None:
        """The state of a CAMEO country code (ISO alpha-3 with CAMEO's exceptions: ROM, TMP, MTN)."""
        key = code.strip().upper()
        return _pick(self._cameo.get(key) or self._iso.get(key, []), on)

    def by_iso(self, code: str, on: str | None = None) -> CrosswalkEntry | None:
        """The spell of an ISO alpha-3 (or ISO 3166-3) code on ``on``."""
        return _pick(self._iso.get(code.strip().upper(), []), on)

    def by_name(self, name: str, on: str | None = None) -> CrosswalkEntry | None:
        """A state by a SIPRI or common name ("Turkiye", "Czechia", "West Germany (FRG)")."""
        key = normalise_name(name)
        found = _pick(self._names.get(key, []), on)
        if found is not None:
            return found
        code = _kb_state_names().get(key)
        return self.by_iso(code, on) if code else None

    def to_cow(self, code: str, on: str | None = None) -> int | None:
        """The COW code of an ISO state on ``on`` (DEU: 260 in 1980, 255 in 2000)."""
        entry = self.by_iso(code, on)
        return entry.cow if entry else None

    def to_gw(self, code: str, on: str | None = None) -> int | None:
        """The Gleditsch-Ward code of an ISO state on ``on``."""
        entry = self.by_iso(code, on)
        return entry.gw if entry else None

    def to_fips(self, code: str, on: str | None = None) -> str | None:
        """The (first) FIPS 10-4 code of an ISO state."""
        entry = self.by_iso(code, on)
        return entry.fips[0] if entry and entry.fips else None

    def to_cameo(self, code: str, on: str | None = None) -> str | None:
        """The CAMEO country code of an ISO state (ROU -> ROM)."""
        entry = self.by_iso(code, on)
        return entry.cameo if entry else None

    def to_sipri(self, code: str, on: str | None = None) -> str | None:
        """SIPRI's (first) name for an ISO state."""
        entry = self.by_iso(code, on)
        return entry.sipri[0] if entry and entry.sipri else None


@cache
def _kb_state_names() -> dict[str, str]:
    """Names and aliases of the states in ``countries.csv`` (a fallback for names SIPRI may use)."""
    names: dict[str, str] = {}
    for e in load_actor_entries():
        if e.kind == "state":
            names.setdefault(normalise_name(e.alias), e.code)
    return names


def _check(entries: tuple[CrosswalkEntry, ...], sources: set[str]) -> None:
    """Refuse a table in which one code means two states at once, or a source key is undefined."""
    for attr in ("cow", "gw"):
        spells: dict[int, list[CrosswalkEntry]] = defaultdict(list)
        for e in entries:
            value = getattr(e, attr)
            if value is not None:
                spells[value].append(e)
        for value, group in spells.items():
            _check_overlap(attr, value, group)
    for e in entries:
        unknown = set(e.source) - sources
        if unknown:
            raise PactwatchError(f"kb/data/crosswalk.csv: {e.name}: unknown source keys {sorted(unknown)}")


def _check_overlap(attr: str, value: int, group: list[CrosswalkEntry]) -> None:
    ordered = sorted(group, key=lambda e: e.valid_from or "")
    for a, b in pairwise(ordered):
        if a.valid_until is None or (b.valid_from or "") < a.valid_until:
            raise PactwatchError(
                f"kb/data/crosswalk.csv: {attr} {value} means both {a.name} and {b.name} at once; "
                "give their rows valid_from/valid_until dates that do not overlap"
            )


@cache
def load_crosswalk() -> Crosswalk:
    """The bundled crosswalk, checked."""
    entries = tuple(_entry(r) for r in read_rows("crosswalk.csv"))
    sources = {r["key"].strip() for r in read_rows("crosswalk_sources.csv")}
    _check(entries, sources)
    return Crosswalk(entries)


@dataclass(frozen=True)
class CameoActor:
    """A CAMEO actor code that is not a state: an IGO, a region, or a place inside a state."""

    cameo: str
    kind: str
    code: str | None
    name: str


@cache
def load_cameo_actors() -> dict[str, CameoActor]:
    """CAMEO known-group and regional codes (``cameo_actors.csv``) by CAMEO code."""
    out: dict[str, CameoActor] = {}
    for row in read_rows("cameo_actors.csv"):
        actor = CameoActor(row["cameo"].strip(), row["kind"].strip(), optional(row.get("code")), row["name"].strip())
        out[actor.cameo] = actor
    return out
