"""ATOP import: alliances as treaties with dated members and per-member obligations, usable by scenarios."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pactwatch.analyse.scenario import run_scenario
from pactwatch.analyse.treaties import members_on
from pactwatch.ingest.importers import import_file
from pactwatch.ingest.importers.alliances import iso_date, state_of_cow
from pactwatch.kb import load_treaties
from pactwatch.model import Treaty
from pactwatch.store import Store
from pactwatch.store.treaties import stored_treaties

from conftest import DATA

MEMBERS = DATA / "importers" / "atop_member_level.csv"
ALLIANCES = DATA / "importers" / "atop_alliance_level.csv"
CONDITION_FLAGS = {"coloc": "specific location", "conpr": "non-provocation", "coreq": "on request"}
PREFIX = {"defense": "def", "offense": "off", "neutral": "neu", "consul": "con"}
TYPES = {
    "defense": "defense",
    "offense": "offense",
    "neutral": "neutrality",
    "nonagg": "nonaggression",
    "consul": "consultation",
}


def _treaties(store: Store) -> dict[str, Treaty]:
    return {t.id: t for t in stored_treaties(store)}


def _owed_by(treaty: Treaty, code: str) -> dict[str, set[tuple[str, ...]]]:
    """Per provision type, the condition sets under which ``code`` owes it."""
    out: dict[str, set[tuple[str, ...]]] = {}
    for p in treaty.provisions:
        if not p.obligor or code in p.obligor:
            out.setdefault(p.type, set()).add(p.conditions)
    return out


def test_member_rows_are_imported_or_reported(store: Store) -> None:
    report = import_file("atop", MEMBERS, store)
    assert (report.rows, report.imported, len(report.reported)) == (13, 11, 2) and report.reconciles
    reasons = {p.origin.rsplit(":", 1)[1]: p.reason for p in report.reported}
    assert reasons["10"] == "COW 245 (Bavaria, 1816-1871) has no ISO 3166 code"
    assert "99999" in reasons["14"] and "crosswalk.csv" in reasons["14"]


def test_members_dates_and_conditions(store: Store) -> None:
    import_file("atop", MEMBERS, store)
    treaties = _treaties(store)
    pact = treaties["atop-9001-p0"]
    assert [(m.code, m.joined, m.left) for m in pact.members] == [
        ("JPN", "2010-01-15", None),
        ("AUS", "2010-01-15", None),
    ]
    assert _owed_by(pact, "AUS") == {
        "defense": {("armed attack", "specific location")},
        "consultation": {()},
        "nonaggression": {()},
    }
    second = treaties["atop-9002-p2"]
    assert second.in_force == "2005-06-30" and second.signed == "2000-03-01" and second.ended is None
    assert _owed_by(second, "USA")["defense"] == {("armed attack", "adversary:RUS")}
    assert "defense" not in _owed_by(second, "MEX") and _owed_by(second, "MEX")["consultation"] == {()}
    assert [m.left for m in second.members if m.code == "MEX"] == ["2015-01-01"]
    assert _owed_by(treaties["atop-9002-p1"], "CAN") == {"consultation": {("on request",)}}
    guarantee = treaties["atop-9004-p0"]
    assert _owed_by(guarantee, "GBR") == {"defense": {("armed attack",)}}
    assert _owed_by(guarantee, "TUR") == {"nonaggression": {()}, "neutrality": {("armed attack",)}}
    assert [m.code for m in treaties["atop-9003-p0"].members] == ["AUT"]  # Austria-Hungary -> AUT


def test_scenarios_use_imported_obligations(store: Store) -> None:
    import_file("atop", MEMBERS, store)
    duties = run_scenario("JPN", None, "2015-01-01", store).obligations
    [aus] = [o for o in duties if o.treaty_id == "atop-9001-p0" and o.type == "defense"]
    assert aus.state == "AUS" and aus.status == "conditional"  # the pledge covers one area only
    by_russia = run_scenario("CAN", "RUS", "2010-01-01", store).obligations
    usa = [o for o in by_russia if o.treaty_id == "atop-9002-p2" and o.type == "defense" and o.state == "USA"]
    assert [o.status for o in usa] == ["triggered"]
    by_china = run_scenario("CAN", "CHN", "2010-01-01", store).obligations
    usa = [o for o in by_china if o.treaty_id == "atop-9002-p2" and o.type == "defense" and o.state == "USA"]
    assert [o.status for o in usa] == ["not_triggered"]


def test_reimport_adds_nothing(store: Store) -> None:
    import_file("atop", MEMBERS, store)
    again = import_file("atop", MEMBERS, store)
    assert again.new == 0 and again.imported == 11 and again.added["treaties"] == 0
    assert len(stored_treaties(store)) == 5


def test_alliance_level_after_member_level(store: Store) -> None:
    import_file("atop", MEMBERS, store)
    report = import_file("atop", ALLIANCES, store)
    assert (report.rows, report.imported, report.new, len(report.reported)) == (3, 2, 1, 1) and report.reconciles
    alliance = _treaties(store)["atop-9006"]
    assert alliance.parties == ("USA", "CAN") and alliance.start == "1958-05-12"
    assert {p.type for p in alliance.provisions} == {"defense", "consultation"}


def _expected(row: dict[str, str]) -> dict[str, set[str]]:
    """What ATOP says a member owes: per type, the condition markers that must appear."""
    out: dict[str, set[str]] = {}
    for column, kind in TYPES.items():
        if row[column] != "1":
            continue
        markers = set()
        prefix = PREFIX.get(column)
        for flag, condition in CONDITION_FLAGS.items():
            if prefix and row.get(prefix + flag) == "1":
                markers.add(condition)
        if prefix and row.get(prefix + "coadv") == "1":
            markers.add("adversary")
        out[kind] = markers
    return out


def _has(conditions: set[tuple[str, ...]], marker: str) -> bool:
    if marker == "adversary":
        return all(any(c.startswith("adversary:") or c == "specific adversary" for c in cs) for cs in conditions)
    return all(marker in cs for cs in conditions)


def test_real_member_level_reproduces_atop(shared: Path, store: Store) -> None:
    path = shared / "refdata" / "atop4_01" / "atop-member-level.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    report = import_file("atop", path, store)
    assert report.rows == len(rows) and report.reconciles
    treaties = _treaties(store)
    sample = sorted({r["atopid"] for r in rows})[::15]
    checked = 0
    for row in (r for r in rows if r["atopid"] in sample):
        joined = iso_date(row["yrent"], row["moent"], row["dayent"])
        code, _ = state_of_cow(row["member"], joined)
        if code is None:
            continue
        treaty = treaties[f"atop-{row['atopid']}-p{row['phase']}"]
        assert any(m.code == code and m.joined == joined for m in treaty.members)
        owed = _owed_by(treaty, code)
        expected = _expected(row)
        assert set(owed) == set(expected), (row["atopid"], code)
        for kind, markers in expected.items():
            assert all(_has(owed[kind], m) for m in markers), (row["atopid"], code, kind)
        checked += 1
    assert checked >= 100


def test_real_alliance_drives_a_scenario(shared: Path, store: Store) -> None:
    path = shared / "refdata" / "atop4_01" / "atop-member-level.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    import_file("atop", path, store)
    curated = {t.id for t in load_treaties()}
    day = "2010-06-01"
    candidates = [
        t
        for t in stored_treaties(store)
        if t.kb_id not in curated
        and len(members_on(t, day)) >= 2
        and any(p.type == "defense" and not p.obligor for p in t.provisions)
    ]
    assert candidates
    treaty = candidates[0]
    attacked = members_on(treaty, day)[0]
    duties = [o for o in run_scenario(attacked, None, day, store).obligations if o.treaty_id == treaty.id]
    assert {o.state for o in duties if o.type == "defense"} == set(members_on(treaty, day)) - {attacked}
