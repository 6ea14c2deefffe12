"""Read human-coded gold sets into one shape: sentences with their expected events.

Three formats: the PLOVER gold-standard records (a JSON array), the PETRARCH-2
validation records (JSONL with CAMEO codes, mapped to PLOVER through the
official CAMEO->PLOVER table), and pactwatch's own JSONL (``expect`` lists).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pactwatch.errors import InputError
from pactwatch.model import EVENT_TYPES

LEGACY_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
CAMEO_MAP_NAME = "CAMEO2PLOVER-2021.txt"


@dataclass(frozen=True)
class GoldEvent:
    """One expected event: type and actor codes (as the gold set writes them)."""

    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    date: str | None = None
    date_precision: str | None = None
    modality: str | None = None
    weapons: tuple[str, ...] | None = None
    mode: str | None = None


@dataclass(frozen=True)
class GoldSentence:
    """A gold text with its expected events (empty: no event should be found)."""

    id: str
    text: str
    published: str | None
    events: tuple[GoldEvent, ...]
    unscored: int = 0
    info: dict[str, Any] = field(default_factory=dict)


def _actor_codes(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(str(a.get("code") or "").upper() for a in value if isinstance(a, dict) and a.get("code"))


def _plover_record(rec: dict[str, Any]) -> GoldSentence | None:
    etype = LEGACY_TYPES.get(str(rec.get("event")), str(rec.get("event")))
    if etype not in EVENT_TYPES or not rec.get("text"):
        return None
    event = GoldEvent(etype, _actor_codes(rec.get("source")), _actor_codes(rec.get("target")), mode=rec.get("mode"))
    # every record carries the placeholder date 2000-01-01 (SOURCE.md), so it is not a date to use
    return GoldSentence(str(rec["id"]), str(rec["text"]), None, (event,))


def read_plover_gsr(path: Path) -> list[GoldSentence]:
    """The PLOVER GSR JSON array (legacy type names mapped to PLOVER 0.8)."""
    data = json.loads(path.read_text("utf-8"))
    if not isinstance(data, list):
        raise InputError(str(path), "expected a JSON array of PLOVER records")
    return [s for s in (_plover_record(r) for r in data if isinstance(r, dict)) if s is not None]


def read_cameo_map(path: Path) -> dict[str, tuple[str, str | None]]:
    """CAMEO code -> (PLOVER type, mode) from the official conversion table."""
    table: dict[str, tuple[str, str | None]] = {}
    for line in path.read_text("utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*)", line)
        if m:
            mode = m[3].strip() or None
            table[m[1]] = (m[2], mode)
    return table


def cameo_to_plover(code: str, table: dict[str, tuple[str, str | None]]) -> tuple[str, str | None] | None:
    """The PLOVER type of a CAMEO code, trying shorter prefixes; None for dropped codes."""
    for cut in range(len(code), 2, -1):
        if code[:cut] in table:
            return table[code[:cut]]
    return None


def _find_cameo_map(gold: Path, given: Path | None) -> Path:
    candidates = [given] if given else [gold.parent.parent / "plover_cameo2plover" / CAMEO_MAP_NAME]
    for candidate in candidates:
        if candidate is not None and candidate.is_file():
            return candidate
    raise InputError(str(gold), f"CAMEO codes need the CAMEO->PLOVER table; pass --cameo-map {CAMEO_MAP_NAME}")


def read_petrarch(path: Path, cameo_map: Path | None = None) -> list[GoldSentence]:
    """PETRARCH-2 validation JSONL: CAMEO codes mapped to PLOVER; dropped codes left unscored."""
    table = read_cameo_map(_find_cameo_map(path, cameo_map))
    out: list[GoldSentence] = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if not rec.get("text"):
            continue
        events: list[GoldEvent] = []
        unscored = 0
        for ev in rec.get("events", []):
            mapped = cameo_to_plover(str(ev["code"]), table)
            if mapped is None:
                unscored += 1
                continue
            events.append(GoldEvent(mapped[0], (str(ev["source"]),), (str(ev["target"]),), mode=mapped[1]))
        published = _compact_day(rec.get("date"))
        out.append(GoldSentence(str(rec["id"]), str(rec["text"]), published, tuple(events), unscored))
    return out


def _compact_day(value: Any) -> str | None:
    text = str(value or "")
    return f"{text[:4]}-{text[4:6]}-{text[6:8]}" if re.fullmatch(r"\d{8}", text) else None


def _own_event(want: dict[str, Any]) -> GoldEvent:
    weapons = want.get("weapons")
    return GoldEvent(
        type=str(want["type"]),
        source=tuple(want.get("source", [])),
        target=tuple(want.get("target", [])),
        date=want.get("date"),
        date_precision=want.get("date_precision"),
        modality=want.get("modality"),
        weapons=tuple(weapons) if weapons is not None else None,
        mode=want.get("mode"),
    )


def read_own(path: Path) -> list[GoldSentence]:
    """pactwatch's JSONL gold: ``{id, text, published, expect: [{type, source, target, ...}]}``."""
    out: list[GoldSentence] = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            events = tuple(_own_event(w) for w in rec["expect"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(
                f"{path}:{number}", f"not a gold record ({exc}); see tests/data/gold_security.jsonl"
            ) from exc
        out.append(GoldSentence(str(rec["id"]), str(rec["text"]), rec.get("published"), events))
    return out


def read_gold(path: Path, cameo_map: Path | None = None) -> list[GoldSentence]:
    """Read any supported gold file, telling the formats apart by their content."""
    head = path.read_text("utf-8")[:4096].lstrip()
    if head.startswith("["):
        return read_plover_gsr(path)
    first = json.loads(head.splitlines()[0]) if head else {}
    if isinstance(first, dict) and "expect" in first:
        return read_own(path)
    if isinstance(first, dict) and "events" in first:
        return read_petrarch(path, cameo_map)
    raise InputError(str(path), "unknown gold format; give PLOVER GSR JSON, PETRARCH-2 JSONL or pactwatch JSONL")
