"""ATOP (Alliance Treaty Obligations and Provisions) CSVs into treaties the scenario engine reads.

Three files are recognised by their header:

- **member-level** (``atopid, member, yrent ... phase, defense ... defcoadv ...``):
  one treaty per alliance phase (``atop-<atopid>-p<phase>``; phase 0 = the
  alliance never changed), members with their entry and exit dates, and each
  member's obligations with ATOP's conditions:

  ===================  ======================================================
  ATOP                  pactwatch condition
  ===================  ======================================================
  defense               type ``defense`` with ``armed attack``
  ``*coadv``            ``adversary:<ISO>`` for each state in statthr1/2 (one
                        provision each: the pledge holds against either), else
                        ``specific adversary``
  ``*coloc``            ``specific location``
  ``*cocon``            ``specific conflict``
  ``*conum``            ``number of adversaries``
  ``*codem``            ``demand not met``
  ``*conpr``            ``non-provocation``
  ``neucoatt``          ``armed attack``
  ``concoreq``          ``on request``
  ``*con`` alone        ``unspecified condition (ATOP)``
  ===================  ======================================================

- **alliance-level** (``atopid, begyr ... mem1 ... mem59``): one treaty
  ``atop-<atopid>`` per alliance, members counted from the alliance's start (the
  file has no member dates); alliances already stored from the member-level file
  are reported as such, since that file is richer;
- **directed dyad-year** (``ccode1, ccode2, year, atop_defense ...``): see
  :mod:`pactwatch.ingest.importers.alliances`.

An alliance the knowledge base curates (same ATOP id) gets its ``kb_id``, so a
scenario uses the curated record and not both.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

from pactwatch.errors import InputError
from pactwatch.ingest.importers.alliances import (
    AllianceDraft,
    MemberSpell,
    draft_treaty,
    dyad_treaties,
    iso_date,
    state_of_cow,
)
from pactwatch.ingest.importers.common import Timer, read_text, store_dyads, store_treaties
from pactwatch.ingest.importers.report import ImportReport
from pactwatch.kb import load_treaties
from pactwatch.model import Membership, Provision, Treaty
from pactwatch.store import Store
from pactwatch.store.bulk import treaty_ids

EXTRACTOR = "import:atop"
TYPES = {
    "defense": "defense",
    "offense": "offense",
    "neutral": "neutrality",
    "nonagg": "nonaggression",
    "consul": "consultation",
}
PREFIX = {"defense": "def", "offense": "off", "neutral": "neu", "consul": "con"}
FLAGS = {
    "coloc": "specific location",
    "cocon": "specific conflict",
    "conum": "number of adversaries",
    "codem": "demand not met",
    "conpr": "non-provocation",
    "coatt": "armed attack",
    "coreq": "on request",
}
UNSPECIFIED = "unspecified condition (ATOP)"


def _on(value: str | None) -> bool:
    return (value or "").strip() not in ("", "0", "NA", ".")


def _kb_titles() -> dict[str, tuple[str, str]]:
    """ATOP id -> (knowledge-base id, title) for the treaties the knowledge base curates."""
    return {t.atopid: (t.id, t.title) for t in load_treaties() if t.atopid}


def _adversaries(row: dict[str, str], day: str | None) -> list[str]:
    out: list[str] = []
    for column in ("statthr1", "statthr2"):
        if _on(row.get(column)):
            code, _ = state_of_cow(row[column], day)
            if code:
                out.append(code)
    return out


def _conditions(row: dict[str, str], kind: str) -> list[str]:
    prefix = PREFIX.get(kind)
    out = ["armed attack"] if kind == "defense" else []
    if prefix is None:
        return out
    flagged = [condition for flag, condition in FLAGS.items() if _on(row.get(prefix + flag))]
    out.extend(c for c in flagged if c not in out)
    if _on(row.get(prefix + "con")) and not flagged and not _on(row.get(prefix + "coadv")):
        out.append(UNSPECIFIED)
    return out


def pledges(row: dict[str, str], day: str | None, source: str) -> tuple[Provision, ...]:
    """A member row's obligations as provisions (no obligor yet)."""
    out: list[Provision] = []
    for column, kind in TYPES.items():
        if not _on(row.get(column)):
            continue
        conditions = _conditions(row, column)
        prefix = PREFIX.get(column)
        if prefix and _on(row.get(prefix + "coadv")):
            foes = _adversaries(row, day) or ["specific adversary"]
            for foe in foes:
                tag = foe if foe == "specific adversary" else f"adversary:{foe}"
                out.append(Provision(kind, None, (*conditions, tag), source=source))
        else:
            out.append(Provision(kind, None, tuple(conditions), source=source))
    return tuple(out)


def _csv(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    reader = csv.DictReader(io.StringIO(read_text(path)))
    rows = [(reader.line_num, row) for row in reader]
    return list(reader.fieldnames or []), rows


def import_atop(path: Path, store: Store) -> ImportReport:
    """Import an ATOP member-level, alliance-level or directed dyad-year CSV."""
    timer = Timer()
    header, rows = _csv(path)
    if {"atopid", "member", "yrent"} <= set(header):
        report = _member_level(path, rows, store)
    elif {"atopid", "begyr", "mem1"} <= set(header):
        report = _alliance_level(path, rows, store)
    elif {"ccode1", "ccode2", "year"} <= set(header) or {"stateA", "stateB", "year"} <= set(header):
        report = _dyad_years(path, header, rows, store)
    else:
        raise InputError(
            str(path),
            "not an ATOP file: expected a member-level (atopid, member, yrent), alliance-level (atopid, begyr, "
            "mem1) or dyad-year (ccode1, ccode2, year) header; download the CSVs from atopdata.org",
        )
    return timer.stop(report)


def _member_level(path: Path, rows: list[tuple[int, dict[str, str]]], store: Store) -> ImportReport:
    report = ImportReport("atop", str(path), format="ATOP member-level")
    drafts: dict[tuple[str, str], AllianceDraft] = {}
    starts: dict[str, str] = {}
    counted: dict[tuple[str, str], list[str]] = defaultdict(list)
    for line, row in rows:
        origin = f"{path}:{line}"
        atopid, phase = row["atopid"].strip(), (row.get("phase") or "0").strip()
        joined = iso_date(row["yrent"], row.get("moent", ""), row.get("dayent", ""))
        code, reason = state_of_cow(row["member"], joined)
        if code is None:
            report.report(origin, reason)
            continue
        draft = drafts.get((atopid, phase)) or _new_draft(atopid, phase, row, path)
        drafts[(atopid, phase)] = draft
        left = iso_date(row.get("yrexit", ""), row.get("moexit", ""), row.get("dayexit", ""))
        source = f"ATOP {row.get('version', '').strip() or '4.01'} atopid {atopid}"
        draft.spells.append(MemberSpell(origin, code, joined, left, pledges(row, joined, source)))
        counted[(atopid, phase)].append(origin)
        if joined and (atopid not in starts or joined < starts[atopid]):
            starts[atopid] = joined
    for (atopid, _), draft in drafts.items():
        draft.signed = starts.get(atopid)
    _store_drafts(store, report, list(drafts.values()), counted)
    return report


def _new_draft(atopid: str, phase: str, row: dict[str, str], path: Path) -> AllianceDraft:
    kb = _kb_titles().get(atopid)
    name = kb[1] if kb else f"ATOP alliance {atopid}"
    phased = phase not in ("", "0")
    title = f"{name} (ATOP {atopid}{', phase ' + phase if phased else ''})"
    version = row.get("version", "").strip() or "4.01"
    return AllianceDraft(
        id=f"atop-{atopid}-p{phase or '0'}",
        title=title,
        source=f"ATOP {version} member-level ({path.name}), atopid {atopid}, phase {phase or '0'}",
        atopid=atopid,
        kb_id=kb[0] if kb else None,
    )


def _store_drafts(
    store: Store, report: ImportReport, drafts: list[AllianceDraft], counted: dict[tuple[str, str], list[str]]
) -> None:
    treaties = [draft_treaty(d) for d in drafts]
    flags = store_treaties(store, report, treaties, EXTRACTOR)
    for draft, new in zip(drafts, flags, strict=True):
        key = (draft.atopid or "", draft.id.rsplit("-p", 1)[-1])
        for _ in counted.get(key, []):
            report.imported_row(new)


def _alliance_level(path: Path, rows: list[tuple[int, dict[str, str]]], store: Store) -> ImportReport:
    report = ImportReport("atop", str(path), format="ATOP alliance-level")
    from_members = {i.rsplit("-p", 1)[0] for i in treaty_ids(store, "atop-") if "-p" in i}
    treaties: list[Treaty] = []
    covered = 0
    for line, row in rows:
        origin = f"{path}:{line}"
        atopid = row["atopid"].strip()
        if f"atop-{atopid}" in from_members:
            report.imported_row(False)  # the member-level record of the same alliance is richer
            covered += 1
            continue
        treaty = _alliance_treaty(row, origin, path, report)
        if treaty is None:
            report.report(origin, "no member of this alliance has an ISO code")
            continue
        treaties.append(treaty)
    for new in store_treaties(store, report, treaties, EXTRACTOR):
        report.imported_row(new)
    if covered:
        report.warn(str(path), f"{covered} alliances are stored from the ATOP member-level file already; kept those")
    return report


def _alliance_treaty(row: dict[str, str], origin: str, path: Path, report: ImportReport) -> Treaty | None:
    atopid = row["atopid"].strip()
    begun = iso_date(row["begyr"], row.get("begmo", ""), row.get("begday", ""))
    ended = iso_date(row.get("endyr", ""), row.get("endmo", ""), row.get("endday", ""))
    codes: list[str] = []
    for column in (c for c in row if c.startswith("mem") and c[3:].isdigit()):
        if _on(row[column]):
            code, reason = state_of_cow(row[column], begun)
            if code is None:
                report.warn(origin, f"{column}: {reason}; the member is left out")
            elif code not in codes:
                codes.append(code)
    if not codes:
        return None
    kb = _kb_titles().get(atopid)
    source = f"ATOP {row.get('version', '').strip()[:4] or '4.01'} alliance-level ({path.name}), atopid {atopid}"
    return Treaty(
        id=f"atop-{atopid}",
        title=f"{kb[1] if kb else 'ATOP alliance ' + atopid} (ATOP {atopid})",
        parties=tuple(codes),
        signed=begun,
        in_force=begun,
        ended=ended,
        members=tuple(Membership(c, begun, ended) for c in codes),
        provisions=pledges(row, begun, source),
        source=source,
        atopid=atopid,
        kb_id=kb[0] if kb else None,
    )


DYAD_FLAGS = {
    "defense": "defense",
    "offense": "offense",
    "neutral": "neutrality",
    "nonagg": "nonaggression",
    "consul": "consultation",
}


def _dyad_years(path: Path, header: list[str], rows: list[tuple[int, dict[str, str]]], store: Store) -> ImportReport:
    from pactwatch.ingest.importers.cow import is_directed, read_dyad_rows

    report = ImportReport("atop", str(path), format="ATOP dyad-year")
    columns = {c: kind for c in header for flag, kind in DYAD_FLAGS.items() if c in (flag, f"atop_{flag}")}
    dyads, last = read_dyad_rows(path, rows, columns, report)
    runs = dyad_treaties(dyads, "atop", "ATOP dyad-year obligations", last, is_directed(rows))
    store_dyads(store, report, runs, EXTRACTOR)
    return report
