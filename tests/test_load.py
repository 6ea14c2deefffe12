"""``pactwatch load``: Parquet output of ``batch extract`` into SQLite and PostgreSQL, idempotently."""

from __future__ import annotations

import json
from pathlib import Path

from pactwatch.batch import run_local
from pactwatch.cli import main
from pactwatch.kb import demo_corpus_path
from pactwatch.model import Document
from pactwatch.store import Store
from pactwatch.store.load import load_output


def _output(tmp_path: Path, size: int = 10) -> Path:
    lines = (demo_corpus_path() / "news.jsonl").read_text("utf-8").splitlines()[:size]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", "utf-8")
    run_local(str(src), tmp_path / "out")
    return tmp_path / "out"


def test_load_is_idempotent_on_every_backend(tmp_path: Path, any_store: Store) -> None:
    out = _output(tmp_path)
    first = load_output(any_store, out, batch_rows=7)
    counts = any_store.counts()
    assert first.documents == counts["documents"] == 10
    assert first.events == counts["events"] > 0
    assert first.mentions == counts["mentions"] > 0
    again = load_output(any_store, out)
    assert (again.documents, again.events, again.mentions, again.skipped_documents) == (0, 0, 0, 10)
    assert any_store.counts() == counts
    assert any(e.event.source for e in any_store.events())


def test_load_skips_a_document_stored_under_another_id(tmp_path: Path, store: Store) -> None:
    out = _output(tmp_path, 3)
    first = json.loads((demo_corpus_path() / "news.jsonl").read_text("utf-8").splitlines()[0])
    store.add_document(Document(id="elsewhere", text=first["text"]))
    report = load_output(store, out)
    assert (report.documents, report.skipped_documents) == (2, 1)
    assert all(e.event.doc_id != first["id"] for e in store.events())


def test_load_command(tmp_path: Path, db_path: str) -> None:
    out = _output(tmp_path, 4)
    assert main(["load", str(out), "--db", db_path, "--no-merge"]) == 0
    assert Store.open(db_path).counts()["documents"] == 4
    assert main(["load", str(tmp_path / "missing"), "--db", db_path]) == 2
