"""What every importer shares: reading a data file, rows as documents, batched writes.

An imported row becomes a :class:`Document` whose text is a faithful one-line
rendering of the row (``field=value; ...``), with ``origin`` = ``file:line``;
its events quote the whole text as evidence (offsets 0..len). Document ids are
stable (``gdelt:<GLOBALEVENTID>``, ``sipri:<hash of the row>``), so importing
the same file twice stores nothing the second time.
"""

from __future__ import annotations

import gzip
import time
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pactwatch.errors import InputError
from pactwatch.ingest.decode import decode_bytes
from pactwatch.ingest.importers.report import ImportReport
from pactwatch.kb import load_weapons
from pactwatch.kb.crosswalk import normalise_name
from pactwatch.model import Actor, Document, Event, Evidence, Treaty
from pactwatch.store import Store
from pactwatch.store.bulk import add_documents, add_treaties
from pactwatch.store.transfers import Transfer, add_transfers

BATCH = 500


def read_text(path: Path) -> str:
    """The text of a data file, unzipped (``.zip`` with one member, or gzip) and decoded."""
    origin = str(path)
    if not path.is_file():
        raise InputError(origin, "no such file; check the path")
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist() if not n.endswith("/")]
            if len(members) != 1:
                raise InputError(origin, f"the zip holds {len(members)} files; unzip it and import the data file")
            data = archive.read(members[0])
    return decode_bytes(data, origin)


def numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` pairs; only ``\\n`` ends a line (fields may hold other separators)."""
    for number, line in enumerate(text.split("\n"), start=1):
        yield number, line.rstrip("\r")


def render(pairs: Sequence[tuple[str, str]], lead: str) -> str:
    """A row as one line: ``lead: name=value; name=value`` over the non-empty fields."""
    body = "; ".join(f"{k}={v.strip()}" for k, v in pairs if v.strip())
    return f"{lead}: {body}"


def whole_text(text: str) -> Evidence:
    """Evidence that quotes the whole (one-line) document."""
    return Evidence(text, 0, len(text))


def row_document(doc_id: str, text: str, origin: str, url: str | None = None, **extra: str | None) -> Document:
    """A document for one imported row."""
    return Document(
        id=doc_id, text=text, url=url or None, published=extra.get("published"), title=extra.get("title"), origin=origin
    )


@cache
def _weapon_names() -> dict[str, str]:
    return {normalise_name(w.alias): w.name for w in load_weapons()}


def weapons_of(designation: str) -> tuple[str, ...]:
    """The designation as given, then the knowledge base's name for it when an alias matches."""
    designation = designation.strip()
    if not designation:
        return ()
    known = _weapon_names().get(normalise_name(designation))
    return tuple(dict.fromkeys(w for w in (designation, known) if w))


def actor(text: str, code: str | None, sector: str | None = None, name: str | None = None) -> Actor:
    """An actor as an importer writes it: the data set's own text, our code and name."""
    return Actor(text=text, code=code, sector=sector, name=name or text)


@dataclass
class _Pending:
    doc: Document
    events: list[Event]
    transfer: Transfer | None


@dataclass
class DocumentWriter:
    """Stores row documents in batches and tallies each row as imported (new or not)."""

    store: Store
    report: ImportReport
    size: int = BATCH
    _pending: list[_Pending] = field(default_factory=list)
    _first_line: dict[str, str] = field(default_factory=dict)

    def add(self, doc: Document, events: list[Event], transfer: Transfer | None = None) -> None:
        """Queue one row's document; a row repeated within the file is reported, not stored twice."""
        origin = doc.origin or doc.id
        first = self._first_line.setdefault(doc.content_hash, origin)
        if first != origin:
            self.report.report(origin, f"the same row as {first}; repeated rows are stored once")
            return
        self._pending.append(_Pending(doc, events, transfer))
        if len(self._pending) >= self.size:
            self.flush()

    def flush(self) -> None:
        """Write what is queued."""
        if not self._pending:
            return
        flags = add_documents(self.store, [(p.doc, p.events) for p in self._pending])
        for item, new in zip(self._pending, flags, strict=True):
            self.report.imported_row(new)
            if new:
                self.report.added["documents"] += 1
                self.report.added["events"] += len(item.events)
        transfers = [p.transfer for p in self._pending if p.transfer is not None]
        if transfers:
            self.report.added["transfers"] += add_transfers(self.store, transfers)
        self._pending.clear()


def store_treaties(store: Store, report: ImportReport, treaties: list[Treaty], extractor: str) -> list[bool]:
    """Store treaties in batches; count the new ones in the report."""
    flags: list[bool] = []
    for i in range(0, len(treaties), BATCH):
        flags.extend(add_treaties(store, treaties[i : i + BATCH], extractor))
    report.added["treaties"] += sum(flags)
    return flags


def store_dyads(store: Store, report: ImportReport, runs: list[tuple[Treaty, int]], extractor: str) -> None:
    """Store dyad-year treaties; each one's rows count as imported (new when the treaty is)."""
    flags = store_treaties(store, report, [t for t, _ in runs], extractor)
    for (_, rows), new in zip(runs, flags, strict=True):
        for _ in range(rows):
            report.imported_row(new)


class Timer:
    """Seconds since creation, for the report."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def stop(self, report: ImportReport) -> ImportReport:
        """Write the elapsed time into ``report`` and return it."""
        report.seconds = time.perf_counter() - self.start
        return report
