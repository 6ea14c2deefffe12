"""`pactwatch ingest` end to end: idempotent, bad inputs named, nothing lost or duplicated."""

from __future__ import annotations

import codecs
import json
import shutil
from pathlib import Path

import pytest

from pactwatch.cli import main
from pactwatch.store import Store

from conftest import DATA


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _counts(db: str) -> dict[str, int]:
    store = Store.open(db)
    try:
        return store.counts()
    finally:
        store.close()


def test_ingest_twice_adds_nothing(tmp_path: Path, db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "inputs", corpus)
    code, _, err = _run(capsys, "ingest", str(corpus), "--db", db_path, "--published", "2024-06-28")
    first = _counts(db_path)
    assert code == 1  # mixed.jsonl has broken lines
    assert first["documents"] == 9 and first["events"] > 0
    assert "stored 9" in err
    code, _, err = _run(capsys, "ingest", str(corpus), "--db", db_path, "--published", "2024-06-28")
    assert _counts(db_path) == first
    assert "stored 0, skipped as duplicate 9" in err


def _bad_inputs(folder: Path) -> dict[str, str]:
    """Write one file per bad-input case; return file name -> expected reason fragment."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    (folder / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "Iran sent drones to Russia.".encode("utf-16-le"))
    (folder / "latin1.txt").write_bytes("Le traité: China sent trucks to North Korea.".encode("latin-1"))
    (folder / "broken.html").write_text("<html><body><p>Japan and Australia signed a pact<div><b>unclosed")
    (folder / "lines.jsonl").write_text(
        '{"text": "Russia sent troops to Belarus.", "published": "2023-06-16"}\n{not json\n{"text": ""}\n'
    )
    return {"empty.txt": "empty file", "binary.txt": "binary file", "lines.jsonl:2": "not valid JSON",
            "lines.jsonl:3": "no \"text\""}  # fmt: skip


def test_bad_inputs_are_named_and_the_rest_is_stored(
    tmp_path: Path, db_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The United States imposed sanctions on North Korea on Tuesday.")
    assert _run(capsys, "ingest", str(good), "--db", db_path, "--published", "2024-05-16")[0] == 0
    before = _counts(db_path)
    expected = _bad_inputs(tmp_path / "bad")
    missing = tmp_path / "missing.txt"
    code, _, err = _run(capsys, "ingest", str(tmp_path / "bad"), str(missing), "--db", db_path)
    assert code == 1
    for name, reason in expected.items():
        line = next(ln for ln in err.splitlines() if f"bad/{name}:" in ln or f"bad/{name} " in ln)
        assert reason in line
    assert f"{missing}: no such file" in err
    after = _counts(db_path)
    # utf16, latin1, broken html and one jsonl line are stored; nothing earlier was lost
    assert after["documents"] == before["documents"] + 4
    assert after["events"] >= before["events"]


def test_fifty_megabyte_file_is_read(tmp_path: Path, db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    filler = "The committee met again and the weather stayed mild for the season.\n\n" * 1000
    with big.open("w", encoding="utf-8") as fh:
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(filler)
        fh.write("North Korea sent artillery shells to Russia in October 2023.\n")
    code, _, err = _run(capsys, "ingest", str(big), "--db", db_path, "--published", "2024-01-01")
    assert code == 0, err
    store = Store.open(db_path)
    events = [e.event for e in store.events()]
    assert store.counts()["documents"] == 1
    assert any(e.type == "AID" and e.date == "2023-10" for e in events)
    doc = store.documents()[0]
    assert len(doc.text) >= 50 * 1024 * 1024
    assert all(doc.text[e.evidence.start : e.evidence.end] == e.evidence.text for e in events)


def test_events_command_formats(tmp_path: Path, db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "ingest", str(DATA / "inputs" / "article.txt"), "--db", db_path, "--published", "2024-06-20")
    code, out, _ = _run(capsys, "events", "--db", db_path, "--format", "jsonl", "--actor", "PRK")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows
    assert all("sources" in r and r["sources"][0]["evidence"] == r["evidence"] for r in rows)
    code, out, _ = _run(capsys, "events", "--db", db_path, "--format", "csv")
    assert out.splitlines()[0].startswith("id,date,type")
    code, out, _ = _run(capsys, "events", "--db", db_path, "--format", "table")
    assert "SUPPORT" in out or "AGREE" in out


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["events", "--since", "yesterday"])
    assert info.value.code == 2
    assert "YYYY" in capsys.readouterr().err


def test_reextract_replaces_stale_events_and_keeps_documents(
    tmp_path: Path, db_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import update

    from pactwatch.store import schema

    article = tmp_path / "article.txt"
    article.write_text("Iran supplied Shahed-136 drones to Russia in August 2022.", "utf-8")
    assert _run(capsys, "ingest", str(article), "--db", db_path, "--published", "2022-11-05")[0] == 0
    fresh = _counts(db_path)
    store = Store.open(db_path)
    with store.writer() as conn:  # as if an older extractor had coded it: wrong type, old version
        conn.execute(update(schema.events).values(type="CONSULT", extractor="pactwatch-rules/0.0.1"))
    store.close()
    code, _, err = _run(capsys, "ingest", str(article), "--db", db_path, "--reextract")
    assert code == 0 and "re-extracted 1" in err
    assert _counts(db_path) == fresh
    store = Store.open(db_path)
    events = [(s.event.type, s.event.date) for s in store.events()]
    store.close()
    assert events == [("AID", "2022-08")]  # dated against the stored publication date
