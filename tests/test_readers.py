"""Readers: every format in, every bad part named with its line or item, the rest kept."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

from pactwatch.errors import InputError
from pactwatch.ingest import read_file, read_paths
from pactwatch.model import Document

from conftest import DATA

INPUTS = DATA / "inputs"


def _split(results: list[Document | InputError]) -> tuple[list[Document], list[InputError]]:
    docs = [r for r in results if isinstance(r, Document)]
    errors = [r for r in results if isinstance(r, InputError)]
    return docs, errors


def test_text_file_keeps_exact_text_and_published() -> None:
    docs, errors = _split(list(read_file(INPUTS / "article.txt", "2024-06-20")))
    assert not errors and len(docs) == 1
    assert docs[0].text == (INPUTS / "article.txt").read_text("utf-8")
    assert docs[0].published == "2024-06-20"


def test_html_main_text_without_script_or_navigation() -> None:
    docs, _ = _split(list(read_file(INPUTS / "page.html")))
    text = docs[0].text
    assert "Freedom Edge" in text and "condemned" in text
    assert "tracking" not in text
    assert docs[0].title == "Drills near the peninsula"


def test_broken_html_still_yields_its_text() -> None:
    docs, errors = _split(list(read_file(INPUTS / "broken.html")))
    assert not errors
    assert "launcher trucks" in docs[0].text and "<" not in docs[0].text


def test_rss_items_with_own_dates_and_links() -> None:
    docs, errors = _split(list(read_file(INPUTS / "feed.rss")))
    assert not errors
    assert [(d.url, d.published) for d in docs] == [
        ("https://example.org/sweden-nato", "2024-03-07"),
        ("https://example.org/finland-nato", "2023-04-04"),
    ]
    assert "Finland joined NATO on Tuesday" in docs[1].text and "<p>" not in docs[1].text


def test_atom_entry() -> None:
    docs, _ = _split(list(read_file(INPUTS / "feed.atom")))
    assert len(docs) == 1 and docs[0].published == "2024-03-12"
    assert docs[0].id == "urn:test:msb2024"


def test_jsonl_keeps_good_lines_and_reports_broken_ones_by_number() -> None:
    docs, errors = _split(list(read_file(INPUTS / "mixed.jsonl")))
    assert [d.id for d in docs] == ["m-1", "m-3", "m-5"]
    where = sorted(e.origin.rsplit(":", 1)[1] for e in errors)
    assert where == ["2", "3", "5", "6"]
    assert all(e.origin.startswith(str(INPUTS / "mixed.jsonl")) for e in errors)
    assert any("text" in e.reason for e in errors)


def test_jsonl_gz_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write('{"text": "China and Russia held joint drills.", "published": "2024-07-01"}\n')
    docs, errors = _split(list(read_file(path)))
    assert not errors and docs[0].published == "2024-07-01"


def test_unreadable_paths_are_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    dangling = tmp_path / "link.txt"
    os.symlink(tmp_path / "gone.txt", dangling)
    folder_as_file = tmp_path / "dir.txt"
    folder_as_file.mkdir()
    (folder_as_file / "inner.txt").write_text("Japan and Australia signed a defence pact.")
    results = list(read_paths([missing, dangling, folder_as_file]))
    docs, errors = _split(results)
    assert [e.origin for e in errors] == [str(missing), str(dangling)]
    assert all("no such file" in e.reason for e in errors)
    assert len(docs) == 1  # a folder is read recursively even if its name looks like a file


def test_folder_is_read_recursively_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text("Russia sent troops to Belarus.")
    (tmp_path / "two.md").write_text("Iran sent drones to Russia.")
    (tmp_path / ".hidden.txt").write_text("North Korea sent shells to Russia.")
    docs, errors = _split(list(read_paths([tmp_path])))
    assert not errors
    assert sorted(d.text for d in docs) == ["Iran sent drones to Russia.", "Russia sent troops to Belarus."]
