"""COW Formal Alliances import: dyad-year runs and by-member alliances as treaties."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pactwatch.analyse.treaties import in_force_on, members_on
from pactwatch.ingest.importers import import_file
from pactwatch.ingest.importers.alliances import NOT_CODED
from pactwatch.model import Treaty
from pactwatch.store import Store
from pactwatch.store.treaties import stored_treaties

from conftest import DATA

DYADS = DATA / "importers" / "cow_dyad_years.csv"
MEMBERS = DATA / "importers" / "cow_by_member.csv"


def _treaties(store: Store) -> dict[str, Treaty]:
    return {t.id: t for t in stored_treaties(store)}


def test_dyad_rows_are_imported_or_reported(store: Store) -> None:
    report = import_file("cow", DYADS, store)
    assert (report.rows, report.imported, len(report.reported)) == (35, 32, 3) and report.reconciles
    reasons = {p.origin.rsplit(":", 1)[1]: p.reason for p in report.reported}
    assert reasons["11"].startswith("no pledge flag set")
    assert "Bavaria" in reasons["35"] and "year" in reasons["36"]
    assert [w.origin.rsplit(":", 1)[1] for w in report.warnings] == ["34"]  # NA read as 0, with a warning


def test_runs_of_unchanged_pledges_become_treaties(store: Store) -> None:
    import_file("cow", DYADS, store)
    treaties = _treaties(store)
    early = treaties["cow-dyad-20-2-1958"]
    assert (early.parties, early.in_force, early.ended) == (("CAN", "USA"), "1958", "1961")
    assert {(p.type, p.obligor) for p in early.provisions} == {("defense", ()), ("consultation", ())}
    assert next(p for p in early.provisions if p.type == "defense").conditions == ("armed attack", NOT_CODED)
    assert {p.type for p in treaties["cow-dyad-20-2-1961"].provisions} == {"defense", "consultation", "nonaggression"}
    one_way = treaties["cow-dyad-365-2-1975"]
    [consult] = one_way.provisions
    assert (consult.obligor, consult.beneficiary) == (("RUS",), ("USA",))
    # the USSR and Russia are one alliance code, so 1985-1995 is one run, open at the end of the data
    span = treaties["cow-dyad-710-365-1985"]
    assert span.parties == ("CHN", "RUS") and span.ended is None and in_force_on(span, "1995-06-01")


def test_by_member_file(store: Store) -> None:
    report = import_file("cow", MEMBERS, store)
    assert (report.rows, report.imported, len(report.reported)) == (4, 3, 1) and report.reconciles
    alliance = _treaties(store)["cow-9101"]
    assert [(m.code, m.joined, m.left) for m in alliance.members] == [
        ("USA", "1960-06-01", None),
        ("CAN", "1960-06-01", None),
        ("MEX", "1970-01-01", "1980-01-01"),
    ]
    defense = next(p for p in alliance.provisions if p.type == "defense")
    assert defense.obligor == ("CAN", "USA")
    assert members_on(alliance, "1975-01-01") == ["USA", "CAN", "MEX"]


def test_reimport_adds_nothing(store: Store) -> None:
    import_file("cow", DYADS, store)
    count = len(stored_treaties(store))
    again = import_file("cow", DYADS, store)
    assert again.new == 0 and again.imported == 32 and len(stored_treaties(store)) == count


def test_real_directed_dyad_years(shared: Path, store: Store) -> None:
    path = shared / "refdata" / "cow_alliance_v4_1_ddy" / "cow_alliance_v4_1_directed_dyad_year.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    with path.open(encoding="utf-8") as handle:
        rows = sum(1 for _ in csv.reader(handle)) - 1
    report = import_file("cow", path, store)
    assert report.rows == rows and report.reconciles
    usa_can = [t for t in stored_treaties(store) if set(t.parties) == {"USA", "CAN"} and in_force_on(t, "2000-06-01")]
    assert any(p.type == "defense" for t in usa_can for p in t.provisions)
