"""Read -> extract -> store, one document at a time, never stopping on a bad input."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice

from pactwatch.errors import InputError
from pactwatch.extract import Extraction, Extractor, extract_batch
from pactwatch.extract.treaty import treaty_in
from pactwatch.ingest.readers import ReadResult
from pactwatch.model import Document
from pactwatch.store import Store
from pactwatch.store.treaties import add_treaty


@dataclass
class IngestReport:
    """What an ingest run did: counts and the named failures."""

    read: int = 0
    stored: int = 0
    reextracted: int = 0
    duplicates: int = 0
    events: int = 0
    treaties: int = 0
    failures: list[InputError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """How many inputs could not be read."""
        return len(self.failures)

    def summary(self) -> str:
        """One line for the user."""
        return (
            f"documents read {self.read}, stored {self.stored}, "
            + (f"re-extracted {self.reextracted}, " if self.reextracted else "")
            + f"skipped as duplicate {self.duplicates}, failed {self.failed}; events found {self.events}"
            + (f"; treaties coded {self.treaties}" if self.treaties else "")
        )


def ingest_documents(
    store: Store,
    results: Iterable[ReadResult],
    extractor: Extractor,
    on_item: Callable[[ReadResult], None] | None = None,
    workers: int = 1,
    reextract: bool = False,
) -> IngestReport:
    """Store every readable document with its events; collect the failures.

    With ``workers > 1`` extraction runs in that many processes (each calls
    :func:`extract_batch`); this process stays the one writer. With ``reextract``
    a document stored before is read again by today's extractor and its extracted
    events replaced (after an upgrade); the document row itself is kept.
    """
    report = IngestReport()
    docs = _new_documents(store, results, report, on_item, reextract)
    if workers > 1:
        batches = iter(lambda: list(islice(docs, BATCH)), [])
        extractions: Iterable[Extraction] = (x for batch in extract_parallel(batches, workers) for x in batch)
    else:
        extractions = (extractor.extract(doc) for doc in docs)
    for extraction in extractions:
        _store_extraction(store, extraction, report, reextract)
    return report


def _new_documents(
    store: Store,
    results: Iterable[ReadResult],
    report: IngestReport,
    on_item: Callable[[ReadResult], None] | None,
    reextract: bool = False,
) -> Iterator[Document]:
    """The readable documents not stored yet (with ``reextract``, the stored ones too, under
    their stored id); failures and duplicates are counted on the way."""
    for item in results:
        if on_item is not None:
            on_item(item)
        if isinstance(item, InputError):
            report.failures.append(item)
            continue
        report.read += 1
        stored = store.stored_id(item)
        if stored is None:
            yield item
        elif reextract:  # the stored row (its publication date, url) is what gets re-read
            yield store.document(stored) or replace(item, id=stored)
        else:
            report.duplicates += 1


def _store_extraction(store: Store, extraction: Extraction, report: IngestReport, reextract: bool = False) -> None:
    doc = extraction.document
    if store.add_document(doc, extraction.events, extraction.mentions):
        report.stored += 1
        report.events += len(extraction.events)
        report.treaties += _store_treaty(store, doc)
    elif reextract and store.stored_id(doc) == doc.id:  # the stored document itself, read again
        report.reextracted += 1
        report.events += store.replace_extraction(doc.id, extraction.events, extraction.mentions)
    else:
        report.duplicates += 1


def _store_treaty(store: Store, doc: Document) -> int:
    """Code and store the treaty a newly stored document holds; 1 if one was stored."""
    treaty = treaty_in(doc)
    return 1 if treaty is not None and add_treaty(store, treaty) else 0


BATCH = 16  # documents per task: large enough to amortise pickling, small enough to balance


def extract_parallel(batches: Iterable[list[Document]], workers: int) -> Iterator[list[Extraction]]:
    """:func:`extract_batch` over each batch, results in input order.

    With ``workers > 1`` the batches run in that many processes (a forkserver,
    so a parent holding threads is never forked), two batches per worker in
    flight so memory stays flat however long the input.
    """
    if workers <= 1:
        for batch in batches:
            yield extract_batch(batch)
        return
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[Future[list[Extraction]]] = deque()
        for batch in batches:
            pending.append(pool.submit(extract_batch, batch))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
