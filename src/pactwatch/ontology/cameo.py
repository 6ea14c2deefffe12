"""CAMEO event codes -> PLOVER types and modes, from ``data/cameo_plover.csv``.

The table re-expresses the PLOVER 0.8 conversion (CAMEO2PLOVER-2021, Open Event
Data Alliance, CC BY-SA 4.0) as data: ``plover_type``/``plover_mode``/``context``
are PLOVER's coding, ``type``/``mode`` what pactwatch stores. They differ where
the ``note`` column says so:

- 163 (impose embargo, boycott or sanctions) is ``SANCTION``, not PLOVER's
  ``COERCE``: the SPEC codes sanctions and embargoes as SANCTION;
- AID takes its PLOVER context as mode (``072`` -> AID/military), the SPEC shape;
- PLOVER values that are not modes in the 0.8 manual (``ease``, ``political``,
  ``pro_autocracy``) are left blank;
- CAMEO 01 (make public statement) and 02 (appeal) have no PLOVER type: such
  codes map to nothing, and importers report them.

A code absent from the table maps like its longest listed prefix (``0874`` ->
``087``), as CAMEO's hierarchy intends.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pactwatch.errors import PactwatchError
from pactwatch.model import EVENT_TYPES


@dataclass(frozen=True)
class CameoMapping:
    """How one CAMEO code is stored, and how PLOVER itself codes it."""

    cameo: str
    type: str
    mode: str | None
    plover_type: str
    plover_mode: str | None
    context: tuple[str, ...]
    description: str
    note: str


def _mapping(row: dict[str, str], line: int) -> CameoMapping:
    etype = row["type"].strip()
    if etype not in EVENT_TYPES:
        raise PactwatchError(f"ontology/data/cameo_plover.csv line {line}: unknown PLOVER type {etype!r}")
    return CameoMapping(
        cameo=row["cameo"].strip(),
        type=etype,
        mode=row["mode"].strip() or None,
        plover_type=row["plover_type"].strip(),
        plover_mode=row["plover_mode"].strip() or None,
        context=tuple(c for c in row["context"].split(";") if c),
        description=row["description"].strip(),
        note=row["note"].strip(),
    )


@cache
def load_cameo_plover() -> dict[str, CameoMapping]:
    """CAMEO code -> mapping, for every code the table lists."""
    raw = resources.files("pactwatch.ontology").joinpath("data", "cameo_plover.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO(raw))
    return {m.cameo: m for m in (_mapping(r, i) for i, r in enumerate(rows, start=2))}


def cameo_to_plover(code: str) -> CameoMapping | None:
    """The mapping of a CAMEO event code, by its longest listed prefix; None when PLOVER drops it."""
    table = load_cameo_plover()
    code = code.strip()
    for cut in range(len(code), 2, -1):
        found = table.get(code[:cut])
        if found is not None:
            return found
    return None
