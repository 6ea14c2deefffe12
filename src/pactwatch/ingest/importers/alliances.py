"""Alliance data sets (ATOP, COW) into treaties with dated member spells and per-member provisions.

Two shapes are shared by both data sets:

- **member level** (ATOP member-level, COW by-member): one row per member and
  alliance (ATOP: per phase). Rows of one alliance phase become one treaty whose
  members are the rows' spells and whose provisions say which member owes what
  under which conditions. Members with the same obligations share a provision
  (``obligor`` empty when every member owes it).
- **dyad-year** (ATOP and COW directed dyad-year files): one row per pair of
  states and year. Consecutive years in which a pair's pledges do not change
  become one bilateral treaty, ``<source>-dyad-<cow1>-<cow2>-<first year>``. Directed
  rows (A, B) are read as A's pledges toward B: a pledge one way only becomes a
  one-way provision. Dyad-year data say nothing about conditions, so every
  pledge but non-aggression carries the condition ``conditions not coded in
  dyad-year data`` and a scenario reports it as conditional, not as triggered.

COW codes become ISO codes through the crosswalk on the row's date, using the
alliance code (the USSR counts as RUS, SPEC). States with no ISO code (Bavaria,
Korea before 1905) are reported with their row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from pactwatch.kb.crosswalk import load_crosswalk
from pactwatch.model import Membership, Provision, Treaty

NOT_CODED = "conditions not coded in dyad-year data"


@lru_cache(maxsize=65536)
def state_of_cow(cow: str, on: str | None) -> tuple[str | None, str]:
    """``(ISO code for alliances, "")`` for a COW code on a date, or ``(None, reason)``."""
    cow = cow.strip()
    if not cow.isdigit():
        return None, f"COW code {cow!r} is not a number"
    entry = load_crosswalk().by_cow(cow, on)
    if entry is None:
        return None, f"COW code {cow} is not in kb/data/crosswalk.csv; add a row for it"
    if entry.alliance is None:
        span = f"{(entry.valid_from or '')[:4]}-{(entry.valid_until or '')[:4]}"
        return None, f"COW {cow} ({entry.name}, {span}) has no ISO 3166 code"
    return entry.alliance, ""


def iso_date(year: str, month: str = "", day: str = "") -> str | None:
    """A partial ISO date from data-set fields where 0 or blank means unknown (``1949``, ``1949-04``)."""
    parts = [p.strip() for p in (year, month, day)]
    if not parts[0].isdigit() or int(parts[0]) <= 0:
        return None
    out = f"{int(parts[0]):04d}"
    for part in parts[1:]:
        if not part.isdigit() or int(part) <= 0:
            return out
        out += f"-{int(part):02d}"
    return out


# --- member level ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberSpell:
    """One member row: who, when, and what it pledges (provisions without obligor)."""

    origin: str
    code: str
    joined: str | None
    left: str | None
    pledges: tuple[Provision, ...]


@dataclass
class AllianceDraft:
    """The member rows of one alliance (phase), collected before it becomes a treaty."""

    id: str
    title: str
    source: str
    atopid: str | None = None
    kb_id: str | None = None
    signed: str | None = None
    spells: list[MemberSpell] = field(default_factory=list)


def _grouped(spells: list[MemberSpell]) -> list[Provision]:
    """Per-member pledges as provisions, members with the same pledge sharing one."""
    owers: dict[Provision, list[str]] = defaultdict(list)
    for spell in spells:
        for pledge in spell.pledges:
            if spell.code not in owers[pledge]:
                owers[pledge].append(spell.code)
    everyone = {s.code for s in spells}
    out: list[Provision] = []
    for pledge, codes in owers.items():
        obligor = () if set(codes) == everyone else tuple(sorted(codes))
        out.append(
            Provision(
                pledge.type,
                None,
                pledge.conditions,
                obligor=obligor,
                beneficiary=pledge.beneficiary,
                source=pledge.source,
            )
        )
    return out


def draft_treaty(draft: AllianceDraft) -> Treaty:
    """The treaty of an alliance (phase): its spells, when it starts and ends, and grouped provisions."""
    spells = draft.spells
    starts = [s.joined for s in spells if s.joined]
    open_ended = any(s.left is None for s in spells)
    return Treaty(
        id=draft.id,
        title=draft.title,
        parties=tuple(dict.fromkeys(s.code for s in spells)),
        signed=draft.signed or (min(starts) if starts else None),
        in_force=min(starts) if starts else None,
        ended=None if open_ended else max(s.left for s in spells if s.left),
        members=tuple(Membership(s.code, s.joined, s.left, s.origin) for s in spells),
        provisions=tuple(_grouped(spells)),
        source=draft.source,
        atopid=draft.atopid,
        kb_id=draft.kb_id,
    )


# --- dyad-year -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DyadYear:
    """One dyad-year row, coded: A's pledges toward B in a year."""

    origin: str
    alliance: str
    a: str
    b: str
    cow_a: str
    cow_b: str
    year: int
    pledges: frozenset[str]


def _pair_key(row: DyadYear) -> tuple[str, str, str]:
    low, high = sorted((row.a, row.b))
    return row.alliance, low, high


def _runs(years: dict[int, tuple[frozenset[str], frozenset[str]]]) -> list[tuple[int, int]]:
    """Maximal spans of consecutive years with the same pledges both ways."""
    spans: list[tuple[int, int]] = []
    for year in sorted(years):
        if spans and spans[-1][1] == year - 1 and years[spans[-1][1]] == years[year]:
            spans[-1] = (spans[-1][0], year)
        else:
            spans.append((year, year))
    return spans


def _dyad_provisions(a: str, b: str, ab: frozenset[str], ba: frozenset[str], source: str) -> tuple[Provision, ...]:
    out: list[Provision] = []
    for kind in ("defense", "offense", "neutrality", "nonaggression", "consultation"):
        if kind not in ab and kind not in ba:
            continue
        conditions: tuple[str, ...] = () if kind == "nonaggression" else (NOT_CODED,)
        if kind == "defense":
            conditions = ("armed attack", *conditions)
        if kind in ab and kind in ba:
            out.append(Provision(kind, None, conditions, source=source))
        elif kind in ab:
            out.append(Provision(kind, None, conditions, obligor=(a,), beneficiary=(b,), source=source))
        else:
            out.append(Provision(kind, None, conditions, obligor=(b,), beneficiary=(a,), source=source))
    return tuple(out)


def dyad_treaties(
    rows: Iterable[DyadYear], source: str, label: str, last_year: int, directed: bool
) -> list[tuple[Treaty, int]]:
    """Bilateral treaties, one per dyad and run of years with unchanged pledges, with their row counts.

    In directed data a missing direction pledges nothing; undirected data name each pair once, and
    its pledges then bind both ways.
    """
    pairs: dict[tuple[str, str, str], dict[int, tuple[frozenset[str], frozenset[str]]]] = defaultdict(dict)
    cows: dict[tuple[str, str, str], tuple[str, str]] = {}
    directed_seen: dict[tuple[str, str, str, int], dict[str, frozenset[str]]] = defaultdict(dict)
    counts: dict[tuple[str, str, str, int], int] = defaultdict(int)
    for row in rows:
        key = _pair_key(row)
        directed_seen[(*key, row.year)][row.a] = row.pledges
        counts[(*key, row.year)] += 1
        cows.setdefault(key, (row.cow_a, row.cow_b) if row.a == key[1] else (row.cow_b, row.cow_a))
    for (alliance, low, high, year), by_giver in directed_seen.items():
        ab, ba = by_giver.get(low), by_giver.get(high)
        if not directed:
            ab = ba = (ab or frozenset()) | (ba or frozenset())
        pairs[(alliance, low, high)][year] = (ab or frozenset(), ba or frozenset())
    out: list[tuple[Treaty, int]] = []
    for key, years in pairs.items():
        for start, end in _runs(years):
            treaty = _dyad_treaty(key, cows[key], start, end, years[start], source, label, last_year)
            out.append((treaty, sum(counts[(*key, y)] for y in range(start, end + 1))))
    return out


def _dyad_treaty(
    key: tuple[str, str, str],
    cows: tuple[str, str],
    start: int,
    end: int,
    pledges: tuple[frozenset[str], frozenset[str]],
    source: str,
    label: str,
    last_year: int,
) -> Treaty:
    alliance, low, high = key
    ident = f"{source}-dyad-{cows[0]}-{cows[1]}-{start}" + (f"-{alliance}" if alliance else "")
    left = None if end >= last_year else str(end + 1)
    named = f" (alliance {alliance})" if alliance else ""
    return Treaty(
        id=ident,
        title=f"{label}{named}: {low}-{high}, {start}-{end}",
        parties=(low, high),
        signed=None,
        in_force=str(start),
        ended=left,
        members=(Membership(low, str(start), left), Membership(high, str(start), left)),
        provisions=_dyad_provisions(low, high, pledges[0], pledges[1], label),
        source=f"{label}, dyad-years {start}-{end}",
    )
