"""The country-code crosswalk: renamed and historical states in every code system, both ways."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pactwatch.kb import load_actor_entries
from pactwatch.kb.crosswalk import CrosswalkEntry, load_crosswalk

from conftest import DATA

CASES = list(csv.DictReader((DATA / "crosswalk_cases.csv").open(encoding="utf-8")))
RENAMED = {"TUR", "CZE", "SWZ", "MKD"}
HISTORICAL = {"SUN", "YUG", "CSK", "DDR", "VDR"}


def _lookup(system: str, value: str, on: str | None) -> CrosswalkEntry | None:
    xw = load_crosswalk()
    if system == "sipri":
        return xw.by_name(value, on)
    return {"cow": xw.by_cow, "gw": xw.by_gw, "fips": xw.by_fips, "cameo": xw.by_cameo}[system](value, on)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['system']}:{c['value']}@{c['on'] or '-'}" for c in CASES])
def test_lookup(case: dict[str, str]) -> None:
    entry = _lookup(case["system"], case["value"], case["on"] or None)
    assert entry is not None, case["note"]
    assert (entry.code or "") == case["code"], case["note"]


def test_cases_cover_every_renamed_and_historical_state_in_every_system() -> None:
    covered: dict[str, set[str]] = {}
    for case in CASES:
        covered.setdefault(case["code"], set()).add(case["system"])
    for code in RENAMED:
        assert {"cow", "gw", "sipri", "fips", "cameo"} <= covered[code], code
    for code in HISTORICAL:
        assert {"cow", "gw", "sipri"} <= covered[code], code
    assert "fips" in covered["SUN"] and "fips" in covered["SCG"]
    west = [c for c in CASES if c["code"] == "DEU" and "West Germany" in c["note"]]
    assert {c["system"] for c in west} == {"cow", "gw", "sipri"}


@pytest.mark.parametrize("code", sorted(HISTORICAL | {"SCG", "YMD"}))
def test_historical_states_carry_their_date_ranges(code: str) -> None:
    [entry] = [e for e in load_crosswalk().entries if e.code == code]
    assert entry.valid_from and entry.valid_until and entry.valid_from < entry.valid_until
    assert entry.note.startswith("historical")


@pytest.mark.parametrize(
    ("method", "code", "on", "expected"),
    [
        ("to_cow", "DEU", "1980-01-01", 260),
        ("to_cow", "DEU", "2000-01-01", 255),
        ("to_gw", "DEU", "2000-01-01", 260),
        ("to_gw", "SRB", "2010-01-01", 340),
        ("to_cow", "SRB", "2010-01-01", 345),
        ("to_cow", "YEM", "1980-01-01", 678),
        ("to_cow", "YEM", "2000-01-01", 679),
        ("to_cameo", "ROU", None, "ROM"),
        ("to_cameo", "MNE", None, "MTN"),
        ("to_fips", "SUN", None, "UR"),
        ("to_fips", "SRB", None, "RI"),
        ("to_sipri", "TUR", None, "Turkiye"),
        ("to_sipri", "CZE", None, "Czechia"),
        ("to_sipri", "SWZ", None, "eSwatini"),
        ("to_sipri", "DDR", None, "East Germany (GDR)"),
    ],
)
def test_reverse_lookups(method: str, code: str, on: str | None, expected: object) -> None:
    assert getattr(load_crosswalk(), method)(code, on) == expected


def test_the_ussr_counts_as_russia_for_alliances() -> None:
    entry = load_crosswalk().by_cow(365, "1980")
    assert entry is not None and entry.code == "SUN" and entry.alliance == "RUS"


def test_every_state_of_the_knowledge_base_is_in_the_crosswalk_and_back() -> None:
    kb_states = {e.code for e in load_actor_entries() if e.kind == "state"}
    codes = {e.code for e in load_crosswalk().entries if e.code}
    assert kb_states <= codes
    assert codes - kb_states <= {"ESH", "ABW"}  # ISO territories SIPRI names; not states of the gazetteer


def test_every_row_cites_a_source() -> None:
    assert all(e.source for e in load_crosswalk().entries)


def test_every_sipri_name_of_the_real_register_resolves(shared: Path) -> None:
    path = shared / "refdata" / "sipri_trade_register" / "trade_register.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    from pactwatch.ingest.importers.sipri import sipri_actor

    lines = path.read_text(encoding="utf-8").splitlines()
    names = {c for line in lines[12:] for c in next(csv.reader([line.rstrip(";")]))[1:3]}
    unresolved = sorted(n for n in names if isinstance(sipri_actor(n), str))
    assert unresolved == []


def test_every_cow_code_of_atop_is_known(shared: Path) -> None:
    path = shared / "refdata" / "atop4_01" / "atop-member-level.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    codes = {row["member"] for row in csv.DictReader(path.open(encoding="utf-8"))}
    unknown = sorted(c for c in codes if load_crosswalk().by_cow(c) is None)
    assert unknown == ["8152"]  # a typo in ATOP 4.01 (atopid 1320); reported by the importer
