"""What an import did: rows read, imported (new or already stored), and reported with reasons.

Every input row ends in exactly one of two piles: *imported* (its facts are in
the store now, whether this run wrote them or an earlier one did) or *reported*
(nothing stored, with the file:line and the reason). ``reconciles`` checks
that the two piles add up to the rows read. Lines that are not data rows
(SIPRI's notes, a header, blank lines) are counted apart as ``skipped_lines``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

_MASK = re.compile(r"'[^']*'|\([^)]*\)|\b\d+\b")


@dataclass(frozen=True)
class RowProblem:
    """A row that was not imported (or imported with a caveat), where it is and why."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass
class ImportReport:
    """The tally of one import run."""

    source: str
    path: str
    format: str = ""
    rows: int = 0
    imported: int = 0
    new: int = 0
    skipped_lines: int = 0
    reported: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    added: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def report(self, origin: str, reason: str) -> None:
        """Count a row as read and not imported."""
        self.rows += 1
        self.reported.append(RowProblem(origin, reason))

    def warn(self, origin: str, reason: str) -> None:
        """Note a caveat about a row that was imported (or about the file)."""
        self.warnings.append(RowProblem(origin, reason))

    def imported_row(self, new: bool) -> None:
        """Count a row as read and imported (``new``: this run stored its facts)."""
        self.rows += 1
        self.imported += 1
        self.new += int(new)

    @property
    def reconciles(self) -> bool:
        """Whether imported + reported = rows read."""
        return self.imported + len(self.reported) == self.rows

    def reasons(self) -> Counter[str]:
        """How many rows were reported for each kind of reason (names and numbers masked)."""
        return Counter(_MASK.sub("…", p.reason).split(";")[0] for p in self.reported)

    def summary(self) -> str:
        """One line for stderr."""
        added = ", ".join(f"{n} {k}" for k, n in sorted(self.added.items()) if n)
        return (
            f"{self.source} {self.path}: {self.rows} rows read: {self.imported} imported "
            f"({self.new} new, {self.imported - self.new} already stored), {len(self.reported)} reported"
            f"{'; added ' + added if added else ''}; {self.seconds:.1f}s"
        )

    def to_json(self) -> dict[str, Any]:
        """The report as data (``pactwatch import --format json``)."""
        return {
            "source": self.source,
            "path": self.path,
            "format": self.format,
            "rows": self.rows,
            "imported": self.imported,
            "new": self.new,
            "already_stored": self.imported - self.new,
            "reported": len(self.reported),
            "reconciles": self.reconciles,
            "skipped_lines": self.skipped_lines,
            "added": dict(self.added),
            "reasons": dict(self.reasons()),
            "problems": [{"origin": p.origin, "reason": p.reason} for p in self.reported],
            "warnings": [{"origin": p.origin, "reason": p.reason} for p in self.warnings],
            "seconds": round(self.seconds, 2),
        }
