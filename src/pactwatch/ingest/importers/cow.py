"""Correlates of War Formal Alliances (v4.1) CSVs into treaties.

COW codes four pledge types: Type I defense pact -> ``defense``, Type IIa
neutrality -> ``neutrality``, Type IIb non-aggression -> ``nonaggression``,
Type III entente (consult in a crisis) -> ``consultation``. Recognised files:

- **dyad-year**, directed or not (``ccode1, ccode2, year, defense, neutrality,
  nonaggression, entente``; COW's ``alliance_v4.1_by_dyad_yearly.csv`` adds
  ``version4id``, which then keeps alliances apart): bilateral treaties per run
  of years, see :mod:`pactwatch.ingest.importers.alliances`;
- **by member** (``version4id, ccode, mem_st_year ...``): one treaty per COW
  alliance (``cow-<version4id>``) with dated member spells.

COW codes no conditions, so each pledge but non-aggression carries one that
says so, and scenarios report such pledges as conditional. A row whose flags
are all 0 pledges nothing and is reported; a flag that is NA is read as 0 with
a warning.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pactwatch.errors import InputError
from pactwatch.ingest.importers.alliances import (
    AllianceDraft,
    DyadYear,
    MemberSpell,
    draft_treaty,
    dyad_treaties,
    iso_date,
    state_of_cow,
)
from pactwatch.ingest.importers.common import Timer, read_text, store_dyads, store_treaties
from pactwatch.ingest.importers.report import ImportReport
from pactwatch.model import Provision
from pactwatch.store import Store

EXTRACTOR = "import:cow"
KINDS = {"defense": "defense", "neutrality": "neutrality", "nonaggression": "nonaggression", "entente": "consultation"}
NOT_CODED_COW = "conditions not coded by COW"
_MISSING = ("NA", "N/A", ".", "")


def _flags(row: dict[str, str], columns: dict[str, str], origin: str, report: ImportReport) -> frozenset[str]:
    kinds: set[str] = set()
    for column, kind in columns.items():
        value = (row.get(column) or "").strip()
        if value in _MISSING:
            report.warn(origin, f"{column} is missing ({value or 'blank'}); read as 0")
        elif value not in ("0", "0.0"):
            kinds.add(kind)
    return frozenset(kinds)


def _ends(row: dict[str, str]) -> tuple[str, str, str | None]:
    first = "ccode1" if "ccode1" in row else "stateA"
    second = "ccode2" if "ccode2" in row else "stateB"
    alliance = (row.get("version4id") or row.get("atopid") or "").strip() or None
    return row[first], row[second], alliance


def is_directed(rows: list[tuple[int, dict[str, str]]]) -> bool:
    """Whether the file lists pairs both ways round (directed dyad-years)."""
    seen = set()
    for _, row in rows:
        first, second, alliance = _ends(row)
        seen.add((first.strip(), second.strip(), alliance, row.get("year")))
    return any((b, a, k, y) in seen for a, b, k, y in seen)


def read_dyad_rows(
    path: Path, rows: list[tuple[int, dict[str, str]]], columns: dict[str, str], report: ImportReport
) -> tuple[list[DyadYear], int]:
    """Coded dyad-year rows (the rest reported) and the last year of the file."""
    if not columns:
        raise InputError(str(path), "no pledge columns (defense, neutrality, nonaggression, entente ...) in the header")
    out: list[DyadYear] = []
    last = 0
    for line, row in rows:
        origin = f"{path}:{line}"
        first, second, alliance = _ends(row)
        year_text = (row.get("year") or "").strip()
        if not year_text.isdigit():
            report.report(origin, f"year {year_text!r} is not a year")
            continue
        year = int(year_text)
        last = max(last, year)
        coded = _code_pair(first, second, year)
        if isinstance(coded, str):
            report.report(origin, coded)
            continue
        pledges = _flags(row, columns, origin, report)
        if not pledges:
            report.report(origin, "no pledge flag set: the row records no obligation")
            continue
        out.append(DyadYear(origin, alliance or "", coded[0], coded[1], first.strip(), second.strip(), year, pledges))
    return out, last


def _code_pair(first: str, second: str, year: int) -> tuple[str, str] | str:
    a, why_a = state_of_cow(first, str(year))
    b, why_b = state_of_cow(second, str(year))
    if a is None or b is None:
        return why_a or why_b
    if a == b:
        return f"COW {first.strip()} and {second.strip()} are both {a} in {year}: not a dyad"
    return a, b


def import_cow(path: Path, store: Store) -> ImportReport:
    """Import a COW alliance file (dyad-year, directed dyad-year, or by member)."""
    timer = Timer()
    reader = csv.DictReader(io.StringIO(read_text(path)))
    rows = [(reader.line_num, row) for row in reader]
    header = set(reader.fieldnames or [])
    if {"version4id", "ccode", "mem_st_year"} <= header:
        report = _by_member(path, rows, store)
    elif {"year"} <= header and ({"ccode1", "ccode2"} <= header or {"stateA", "stateB"} <= header):
        report = ImportReport("cow", str(path), format="COW alliances, dyad-year")
        columns = {c: k for c, k in KINDS.items() if c in header}
        dyads, last = read_dyad_rows(path, rows, columns, report)
        runs = dyad_treaties(dyads, "cow", "COW formal alliance", last, is_directed(rows))
        store_dyads(store, report, runs, EXTRACTOR)
    else:
        raise InputError(
            str(path),
            "not a COW alliance file: expected ccode1, ccode2, year (dyad-year) or version4id, ccode, "
            "mem_st_year (by member); download the CSVs from correlatesofwar.org",
        )
    return timer.stop(report)


def _member_pledges(row: dict[str, str], origin: str, report: ImportReport) -> tuple[Provision, ...]:
    out: list[Provision] = []
    for kind in sorted(_flags(row, {c: k for c, k in KINDS.items() if c in row}, origin, report)):
        conditions: tuple[str, ...] = () if kind == "nonaggression" else (NOT_CODED_COW,)
        if kind == "defense":
            conditions = ("armed attack", *conditions)
        out.append(Provision(kind, None, conditions, source="COW Formal Alliances v4.1"))
    return tuple(out)


def _by_member(path: Path, rows: list[tuple[int, dict[str, str]]], store: Store) -> ImportReport:
    report = ImportReport("cow", str(path), format="COW alliances, by member")
    drafts: dict[str, AllianceDraft] = {}
    counted: dict[str, int] = {}
    for line, row in rows:
        origin = f"{path}:{line}"
        joined = iso_date(row["mem_st_year"], row.get("mem_st_month", ""), row.get("mem_st_day", ""))
        code, reason = state_of_cow(row["ccode"], joined)
        if code is None:
            report.report(origin, reason)
            continue
        alliance = row["version4id"].strip()
        draft = drafts.setdefault(
            alliance, AllianceDraft(f"cow-{alliance}", f"COW formal alliance {alliance}", f"COW v4.1 ({path.name})")
        )
        left = iso_date(row.get("mem_end_year", ""), row.get("mem_end_month", ""), row.get("mem_end_day", ""))
        if (row.get("right_censor") or "").strip() == "1":
            left = None  # still in force when the data end
        draft.spells.append(MemberSpell(origin, code, joined, left, _member_pledges(row, origin, report)))
        counted[alliance] = counted.get(alliance, 0) + 1
    treaties = [draft_treaty(d) for d in drafts.values()]
    flags = store_treaties(store, report, treaties, EXTRACTOR)
    for alliance, new in zip(drafts, flags, strict=True):
        for _ in range(counted[alliance]):
            report.imported_row(new)
    return report
