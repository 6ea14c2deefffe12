"""Exports of events (PLOVER names), treaties and transfers as JSON Lines, CSV and Parquet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pactwatch.analyse.export import EVENT_COLUMNS, export
from pactwatch.cli import main
from pactwatch.errors import PactwatchError
from pactwatch.ingest.importers import import_file
from pactwatch.store import Store

from conftest import DATA


@pytest.fixture
def filled(store: Store) -> Store:
    import_file("sipri", DATA / "importers" / "sipri_trade_register.csv", store)
    import_file("gdelt", DATA / "importers" / "gdelt_events.export.CSV", store)
    import_file("atop", DATA / "importers" / "atop_member_level.csv", store)
    return store


def test_plover_json_uses_plover_field_names(filled: Store) -> None:
    out = io.StringIO()
    count = export(filled, "events", "plover-json", None, out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(records) == 16
    aid = next(r for r in records if r["doc_id"] == "gdelt:900000001")
    assert (aid["event"], aid["mode"], aid["date"]) == ("AID", "military", "2024-01-05")
    assert aid["actor"][0]["code"] == "RUS" and aid["recipient"][0]["actorText"] == "SYRIA"
    assert aid["url"] == "https://news.example.org/a1" and aid["text"].startswith("GDELT event:")
    shahed = [r for r in records if "Shahed-136" in r["weapons"]]
    assert {r["date"] for r in shahed} == {"2022", "2023"}


def test_csv_events_are_flat(filled: Store) -> None:
    out = io.StringIO()
    export(filled, "events", "csv", None, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == EVENT_COLUMNS and len(rows) == 16
    hwasong = next(r for r in rows if "Hwasong-11" in r["weapons"])
    assert hwasong["weapons"] == "Hwasong-11;KN-23" and hwasong["actor_code"] == "PRK"


def test_treaties_and_transfers(filled: Store, tmp_path: Path) -> None:
    out = io.StringIO()
    export(filled, "treaties", "csv", None, out)
    treaties = {r["id"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert treaties["atop-9001-p0"]["origin"] == "store" and treaties["atop-9001-p0"]["parties"] == "JPN;AUS"
    assert json.loads(treaties["atop-9001-p0"]["provisions"])[0]["type"] == "defense"
    assert any(r["origin"] == "kb" for r in treaties.values())
    target = tmp_path / "transfers.jsonl"
    assert export(filled, "transfers", "plover-json", target, io.StringIO()) == 10
    first = json.loads(target.read_text(encoding="utf-8").splitlines()[0])
    assert {"supplier", "recipient", "designation", "numbers_delivered", "delivery_year"} <= set(first)


@pytest.mark.parametrize("table", ["events", "treaties", "transfers"])
def test_parquet(filled: Store, tmp_path: Path, table: str) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / f"{table}.parquet"
    count = export(filled, table, "parquet", target, io.StringIO())
    read = pq.read_table(target)
    assert read.num_rows == count > 0
    if table == "events":
        assert str(read.schema.field("confidence").type) == "double"
        assert "Shahed-136" in read.column("weapons").to_pylist()


def test_parquet_needs_a_file(filled: Store) -> None:
    with pytest.raises(PactwatchError, match="--out"):
        export(filled, "events", "parquet", None, io.StringIO())


def test_cli_export(db_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "gdelt", str(DATA / "importers" / "gdelt_events.export.CSV"), "--db", db_path]) == 1
    capsys.readouterr()
    assert main(["export", "--format", "csv", "--db", db_path]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("id,date,") and "exported 6 events" in captured.err
    target = tmp_path / "events.parquet"
    assert main(["export", "--format", "parquet", "--out", str(target), "--db", db_path]) == 0
    assert target.stat().st_size > 0
    assert main(["export", "--format", "parquet", "--db", db_path]) == 2
