"""SIPRI trade register import: every row imported or reported, names through the crosswalk, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.cli import main
from pactwatch.ingest.importers import import_file
from pactwatch.store import EventFilter, Store
from pactwatch.store.transfers import stored_transfers

from conftest import DATA

REGISTER = DATA / "importers" / "sipri_trade_register.csv"
ORDERS = DATA / "importers" / "sipri_orders.csv"


def _by_weapon(store: Store, weapon: str) -> list[tuple[str | None, str | None, str | None, str]]:
    rows = []
    for stored in store.events(EventFilter(type="AID")):
        e = stored.event
        if weapon in e.weapons:
            rows.append((e.source[0].code, e.target[0].code, e.date, e.mode or ""))
    return sorted(rows, key=lambda r: r[2] or "")


def test_register_rows_are_imported_or_reported_with_their_line(store: Store) -> None:
    report = import_file("sipri", REGISTER, store)
    assert report.rows == 14 and report.imported == 10 and report.reconciles
    problems = {p.origin.rsplit(":", 1)[1]: p.reason for p in report.reported}
    assert set(problems) == {"17", "18", "19", "20"}
    assert "Atlantis" in problems["17"] and "crosswalk.csv" in problems["17"]
    assert problems["18"] == "no weapon designation"
    assert "expected 17 fields" in problems["19"]
    assert "same row as" in problems["20"] and problems["20"].endswith("repeated rows are stored once")
    assert report.skipped_lines >= 8  # notes, header, blank line and the "(c) SIPRI" footer


def test_deliveries_become_aid_events_with_weapons(store: Store) -> None:
    import_file("sipri", REGISTER, store)
    assert _by_weapon(store, "Shahed-136") == [("IRN", "RUS", "2022", "military"), ("IRN", "RUS", "2023", "military")]
    [(supplier, recipient, year, _)] = _by_weapon(store, "Hwasong-11")
    assert (supplier, recipient, year) == ("PRK", "RUS", "2024")
    hwasong = [e.event for e in store.events() if "Hwasong-11" in e.event.weapons]
    assert hwasong[0].weapons == ("Hwasong-11", "KN-23")  # normalised through kb/data/weapons.csv
    assert hwasong[0].date_precision == "year" and hwasong[0].modality == "asserted"


@pytest.mark.parametrize(
    ("designation", "supplier", "recipient"),
    [
        ("Bayraktar TB2", ("TUR", None), ("UKR", None)),
        ("RM-70", ("CZE", None), ("SWZ", None)),
        ("Mi-24", ("MKD", None), ("CIV", None)),
        ("Quds-1", ("IRN", None), ("YEM", "REB")),
        ("RQ-4 Global Hawk", ("USA", None), ("NATO", "IGO")),
        ("Kornet", (None, None), ("PSE", "REB")),
        ("L-159, upgraded", ("GBR", None), ("CZE", None)),
    ],
)
def test_sipri_names_are_coded(
    store: Store, designation: str, supplier: tuple[str | None, str | None], recipient: tuple[str | None, str | None]
) -> None:
    import_file("sipri", REGISTER, store)
    [event] = [e.event for e in store.events() if designation in e.event.weapons]
    assert (event.source[0].code, event.source[0].sector) == supplier
    assert (event.target[0].code, event.target[0].sector) == recipient


def test_rows_keep_their_provenance(store: Store) -> None:
    import_file("sipri", REGISTER, store)
    docs = {d.id: d for d in store.documents()}
    for stored in store.events():
        e = stored.event
        doc = docs[e.doc_id]
        assert doc.id.startswith("sipri:")
        assert doc.text[e.evidence.start : e.evidence.end] == doc.text and e.evidence.start == 0
        assert doc.origin and doc.origin.startswith(str(REGISTER) + ":")
        assert doc.published == "2025-03-03"  # "Data generated: 03 Mar 2025"
        assert "Supplier=" in doc.text and "Designation=" in doc.text


def test_reimport_adds_nothing(store: Store) -> None:
    first = import_file("sipri", REGISTER, store)
    counts = store.counts()
    again = import_file("sipri", REGISTER, store)
    assert store.counts() == counts and len(stored_transfers(store)) == first.imported
    assert again.new == 0 and again.imported == first.imported and again.reconciles


def test_orders_layout_gives_agree_for_undelivered_deals(store: Store) -> None:
    report = import_file("sipri", ORDERS, store)
    assert report.rows == 4 and report.imported == 3 and report.reconciles
    assert "Ruritania" in report.reported[0].reason
    events = {e.event.weapons[0]: e.event for e in store.events()}
    assert (events["BTR-80"].type, events["BTR-80"].date) == ("AGREE", "2023")
    assert (events["K2"].type, events["K2"].date) == ("AID", "2022")
    assert events["F-16C"].source[0].code == "USA" and events["F-16C"].target[0].code == "TUR"
    transfers = {t.designation: t for t in stored_transfers(store)}
    assert transfers["K2"].delivery_years == "2022;2023" and transfers["K2"].numbers_ordered == 180
    assert transfers["K2"].numbers_delivered == 46 and transfers["K2"].delivered_estimate is True
    assert transfers["F-16C"].delivery_years == ";".join(str(y) for y in range(1987, 1996))
    assert transfers["BTR-80"].delivery_year is None and transfers["BTR-80"].numbers_ordered == 40


def test_cli_names_each_reported_row_and_exits_1(db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "sipri", str(REGISTER), "--db", db_path]) == 1
    err = capsys.readouterr().err
    assert f"{REGISTER}:17" in err and "14 rows read: 10 imported" in err and "4 reported" in err


def test_unreadable_input_exits_2(tmp_path: Path, db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "notes.csv"
    bogus.write_text("just a note;\nanother;\n", encoding="utf-8")
    assert main(["import", "sipri", str(bogus), "--db", db_path]) == 2
    assert "no SIPRI trade-register header" in capsys.readouterr().err


def test_real_register(shared: Path, store: Store) -> None:
    path = shared / "refdata" / "sipri_trade_register" / "trade_register.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    report = import_file("sipri", path, store)
    assert report.rows == len(lines) - 12  # 11 note lines and the header
    assert report.reconciles and report.imported + len(report.reported) == report.rows
    shahed = {r[2] for r in _by_weapon(store, "Shahed-136") if r[:2] == ("IRN", "RUS")}
    assert {"2022", "2023", "2024"} <= shahed
    hwasong = {r[2] for r in _by_weapon(store, "Hwasong-11") if r[:2] == ("PRK", "RUS")}
    assert {"2023", "2024"} <= hwasong
