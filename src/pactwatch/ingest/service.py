"""Read -> extract -> store, one document at a time, never stopping on a bad input."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pactwatch.errors import InputError
from pactwatch.extract import Extractor
from pactwatch.ingest.readers import ReadResult
from pactwatch.store import Store


@dataclass
class IngestReport:
    """What an ingest run did: counts and the named failures."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    events: int = 0
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
        else:
            report.duplicates += 1
    return report
