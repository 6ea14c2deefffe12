"""Readers from files to :class:`~pactwatch.model.Document`: text, HTML, JSONL, RSS/Atom.

Each reader yields documents, or :class:`~pactwatch.errors.InputError` for the
parts it could not read, so one bad record never stops the rest.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from pactwatch.errors import InputError
from pactwatch.ingest.decode import decode_bytes
from pactwatch.model import Document

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
MAX_BYTES = 512 * 1024 * 1024

ReadResult = Document | InputError


def iso_day(value: Any, origin: str) -> str | None:
    """Normalise a date value to ``YYYY-MM-DD`` (None stays None)."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    m = re.match(r"^(\d{4})-?(\d{2})-?(\d{2})", text)
    if not m:
        raise InputError(origin, f"published date {text!r} is not YYYY-MM-DD")
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError as exc:
        raise InputError(origin, f"published date {text!r} is not a real day") from exc


def kind_of(path: Path) -> str:
    """Which reader handles ``path``, by its suffix (``.gz`` looked through)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in JSONL_SUFFIXES:
        return "jsonl"
    if last in HTML_SUFFIXES:
        return "html"
    if last in FEED_SUFFIXES:
        return "feed"
    return "text"


def read_file(path: Path, published: str | None = None) -> Iterator[ReadResult]:
    """Read one file into documents (a JSONL or feed file may hold many)."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield InputError(origin, f"file is {size} bytes, over the {MAX_BYTES}-byte limit; split it")
            return
        kind = kind_of(path)
        if kind == "jsonl":
            yield from read_jsonl(path, published)
            return
        raw = _read_bytes(path)
    except OSError as exc:
        yield InputError(origin, f"cannot read ({exc.strerror or exc}); check the path and its permissions")
        return
    try:
        if kind == "html":
            yield html_document(decode_bytes(raw, origin), origin, published)
        elif kind == "feed":
            yield from read_feed(raw, origin, published)
        else:
            yield text_document(decode_bytes(raw, origin), origin, published)
    except InputError as exc:
        yield exc


def _read_bytes(path: Path) -> bytes:
    if path.suffix.lower() == ".gz":
        with gzip.open(path, "rb") as fh:
            return fh.read()
    return path.read_bytes()


def text_document(text: str, origin: str, published: str | None) -> Document:
    """A plain-text (or Markdown) file as one document."""
    if not text.strip():
        raise InputError(origin, "no text after decoding; nothing to read")
    return Document(id=Document.make_id(text), text=text, published=published, origin=origin)


def html_to_text(markup: str) -> tuple[str, str | None, str | None]:
    """Main text, title and date of an HTML page (trafilatura, falling back to tag stripping)."""
    import trafilatura  # slow import; only HTML needs it

    result = trafilatura.bare_extraction(markup, with_metadata=True, favor_recall=True)
    text = getattr(result, "text", None) if result is not None else None
    title = getattr(result, "title", None) if result is not None else None
    day = getattr(result, "date", None) if result is not None else None
    if not text:
        text = _strip_tags(markup)
    return text or "", title, day


def _strip_tags(markup: str) -> str:
    without = re.sub(r"(?is)<(script|style|noscript)\b.*?(</\1\s*>|$)", " ", markup)
    without = re.sub(r"(?s)<[^>]*>", " ", without)
    lines = (re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in html.unescape(without).split("\n"))
    return "\n".join(ln for ln in lines if ln)


def html_document(markup: str, origin: str, published: str | None) -> Document:
    """An HTML page as one document of its main text."""
    text, title, day = html_to_text(markup)
    if not text.strip():
        raise InputError(origin, "no readable text in this HTML page")
    when = published or _safe_day(day, origin)
    return Document(id=Document.make_id(text), text=text, title=title, published=when, origin=origin)


def _safe_day(value: str | None, origin: str) -> str | None:
    try:
        return iso_day(value, origin)
    except InputError:
        return None


def jsonl_record(line: str, origin: str, published: str | None) -> Document:
    """One JSONL line ``{"id"?, "text", "published"?, "url"?, "title"?}`` as a document."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(origin, f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise InputError(origin, 'a record must be a JSON object with a "text" field')
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(origin, 'record has no "text" string; add one')
    given = data.get("id")
    return Document(
        id=Document.make_id(text, str(given) if given not in (None, "") else None),
        text=text,
        url=_opt_str(data.get("url")),
        title=_opt_str(data.get("title")),
        published=iso_day(data.get("published"), origin) or published,
        origin=origin,
    )


def _opt_str(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def read_jsonl(path: Path, published: str | None) -> Iterator[ReadResult]:
    """Stream a JSONL (or JSONL.gz) file line by line; broken lines are reported by number."""
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    seen_any = False
    with opener(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            origin = f"{path}:{number}"
            if not raw.strip():
                continue
            seen_any = True
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                yield jsonl_record(line, origin, published)
            except UnicodeDecodeError:
                yield InputError(origin, "line is not UTF-8; re-save the file as UTF-8")
            except InputError as exc:
                yield exc
    if not seen_any:
        yield InputError(str(path), "empty file; nothing to read")


def read_feed(raw: bytes, origin: str, published: str | None) -> Iterator[ReadResult]:
    """Items of an RSS or Atom feed, each with its own link and date."""
    import feedparser  # only feeds need it

    parsed = feedparser.parse(raw)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception", "not a feed")
            yield InputError(origin, f"not a readable RSS/Atom feed ({reason})")
        else:
            yield InputError(origin, "feed has no items")
        return
    for index, entry in enumerate(parsed.entries, start=1):
        try:
            yield _feed_item(entry, f"{origin}#item{index}", published)
        except InputError as exc:
            yield exc


def _feed_item(entry: Any, origin: str, published: str | None) -> Document:
    title = _strip_tags(str(entry.get("title", ""))).strip()
    body = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary", "")
    body_text = _strip_tags(str(body or "")).strip()
    text = "\n\n".join(part for part in (title, body_text) if part)
    if not text:
        raise InputError(origin, "feed item has neither title nor text")
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    day = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}" if stamp else published
    given = entry.get("id") or entry.get("link")
    return Document(
        id=Document.make_id(text, str(given) if given else None),
        text=text,
        url=_opt_str(entry.get("link")),
        title=title or None,
        published=day,
        origin=origin,
    )


def iter_paths(paths: list[Path]) -> Iterator[Path | InputError]:
    """Expand files and folders (recursively, sorted, hidden files skipped)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden:
                    yield child
        elif path.exists():
            yield path
        else:
            yield InputError(str(path), "no such file or folder; check the path")


def read_paths(paths: list[Path], published: str | None = None) -> Iterator[ReadResult]:
    """Documents from every file under ``paths``, with an error for each unreadable part."""
    for item in iter_paths(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item, published)
