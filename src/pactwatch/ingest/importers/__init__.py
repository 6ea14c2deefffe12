"""Importers for published data sets: GDELT events, ATOP and COW alliances, the SIPRI trade register.

``import_file(kind, path, store)`` reads a file in its original format and
stores what it holds (events with their row documents, treaties, transfers);
every input row is imported or reported with its reason, and importing the
same file again adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pactwatch.errors import PactwatchError
from pactwatch.ingest.importers.atop import import_atop
from pactwatch.ingest.importers.cow import import_cow
from pactwatch.ingest.importers.gdelt import import_gdelt
from pactwatch.ingest.importers.report import ImportReport, RowProblem
from pactwatch.ingest.importers.sipri import import_sipri
from pactwatch.store import Store

Importer = Callable[[Path, Store], ImportReport]
IMPORTERS: dict[str, Importer] = {"gdelt": import_gdelt, "atop": import_atop, "cow": import_cow, "sipri": import_sipri}


def import_file(kind: str, path: Path, store: Store) -> ImportReport:
    """Import ``path`` as data set ``kind`` (gdelt, atop, cow or sipri)."""
    importer = IMPORTERS.get(kind)
    if importer is None:
        raise PactwatchError(f"unknown data set {kind!r}; use one of {', '.join(IMPORTERS)}")
    return importer(path, store)


__all__ = ["IMPORTERS", "ImportReport", "RowProblem", "import_file"]
