"""Treaties ingested from texts: stored once, read back, used by scenarios; the treaty CLI commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pactwatch.analyse.scenario import run_scenario
from pactwatch.analyse.treaties import all_treaties
from pactwatch.cli import main
from pactwatch.extract.treaty import read_treaty
from pactwatch.ingest import read_file
from pactwatch.model import Document, Treaty
from pactwatch.store import Store
from pactwatch.store.treaties import add_treaty, stored_treaties, treaty_count

from conftest import DATA

FIXTURE = DATA / "treaties" / "andean_pact.txt"


def _fixture_treaty() -> tuple[Document, Treaty]:
    doc = next(iter(read_file(FIXTURE)))
    assert isinstance(doc, Document)
    return doc, read_treaty(doc)


def test_store_round_trip_is_idempotent(store: Store) -> None:
    doc, treaty = _fixture_treaty()
    store.add_document(doc)
    assert add_treaty(store, treaty) is True
    assert add_treaty(store, treaty) is False
    [back] = stored_treaties(store)
    assert back.to_json()["provisions"] == treaty.to_json()["provisions"]
    assert back.parties == treaty.parties and back.signed == "2003-03-05"


def test_ingest_codes_treaty_texts_once(db_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(FIXTURE, corpus / "pact.txt")
    assert main(["ingest", str(corpus), "--db", db_path]) == 0
    assert main(["ingest", str(corpus), "--db", db_path]) == 0
    assert "treaties coded 1" in capsys.readouterr().err
    store = Store.open(db_path)
    try:
        assert treaty_count(store) == 1
        assert any(t.id.startswith("tr-") for t in all_treaties(store))
        rows = run_scenario("CHL", "BOL", "2010-01-01", store).obligations
        assert any(o.state == "ARG" and o.type == "defense" and o.status == "triggered" for o in rows)
    finally:
        store.close()


def test_cli_treaty_prints_the_spec_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["treaty", str(DATA / "treaties" / "baltic_pact.html")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"title", "parties", "signed", "provisions"} <= set(data)
    assert {"type", "conditions", "article", "evidence"} <= set(data["provisions"][0])


def test_cli_treaty_without_parties_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bare.txt"
    path.write_text("Article 1\nThe Parties shall consult.\n", encoding="utf-8")
    assert main(["treaty", str(path)]) == 2
    assert str(path) in capsys.readouterr().err
    assert main(["treaty", str(path), "--parties", "EST,LVA"]) == 0


def test_cli_treaties_and_scenario(db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["treaties", "--in-force", "2025-01-01", "--member", "prk", "--db", db_path]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {t["id"] for t in listed["treaties"]} == {"chn-prk-1961", "rus-prk-2024"}
    assert main(["scenario", "--attacked", "PRK", "--by", "USA", "--on", "2025-01-01", "--db", db_path]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"attacked", "by", "on", "obligations", "cascade"} <= set(result)
    assert main(["scenario", "--attacked", "PRK", "--format", "table", "--db", db_path]) == 0


@pytest.mark.parametrize("command", ["treaty", "treaties", "scenario"])
def test_treaty_commands_have_help_with_examples(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert info.value.code == 0 and "examples:" in out and f"pactwatch {command}" in out
