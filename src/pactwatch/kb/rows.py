"""The bundled tables under ``kb/data``: reading them, and the cell conventions they share
(an empty cell is ``None``, several values are joined by ``|``, a spell runs from its first
day up to, not including, its last)."""

from __future__ import annotations

import csv
import io
from importlib import resources

from pactwatch.errors import PactwatchError


def read_rows(name: str) -> list[dict[str, str]]:
    """The rows of ``kb/data/<name>`` as dictionaries."""
    path = resources.files("pactwatch.kb").joinpath("data", name)
    if not path.is_file():
        raise PactwatchError(f"kb/data/{name} is missing; reinstall pactwatch")
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


def optional(value: str | None) -> str | None:
    """A cell's text, or ``None`` when it is empty."""
    value = (value or "").strip()
    return value or None


def listed(value: str | None) -> tuple[str, ...]:
    """The values of a ``a|b|c`` cell."""
    return tuple(v.strip() for v in (value or "").split("|") if v.strip())


def in_spell(day: str | None, start: str | None, end: str | None) -> bool:
    """Whether ISO ``day`` lies in ``[start, end)`` (open sides unbounded; ``None`` day: always)."""
    if day is None:
        return True
    if start and day < start:
        return False
    return not (end and day >= end)
