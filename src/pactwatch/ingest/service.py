"""Read -> extract -> store, one document at a time, never stopping on a bad input."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pactwatch.errors import InputError
from pactwatch.extract import Extractor
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
            f"documents read {self.read}, stored {self.stored}, skipped as duplicate "
            f"{self.duplicates}, failed {self.failed}; events found {self.events}"
            + (f"; treaties coded {self.treaties}" if self.treaties else "")
        )


def ingest_documents(
    store: Store,
    results: Iterable[ReadResult],
    extractor: Extractor,
    on_item: Callable[[ReadResult], None] | None = None,
) -> IngestReport:
    """Store every readable document with its events; collect the failures."""
    report = IngestReport()
    for item in results:
        if on_item is not None:
            on_item(item)
        if isinstance(item, InputError):
            report.failures.append(item)
            continue
        report.read += 1
        if store.has_document(item):
            report.duplicates += 1
            continue
        extraction = extractor.extract(item)
        if store.add_document(item, extraction.events, extraction.mentions):
            report.stored += 1
            report.events += len(extraction.events)
            report.treaties += _store_treaty(store, item)
        else:
            report.duplicates += 1
    return report


def _store_treaty(store: Store, doc: Document) -> int:
    """Code and store the treaty a newly stored document holds; 1 if one was stored."""
    treaty = treaty_in(doc)
    return 1 if treaty is not None and add_treaty(store, treaty) else 0
