"""Export the store: events (PLOVER field names), treaties and arms transfers as JSON Lines, CSV or Parquet.

``plover-json`` writes one JSON object per line. An event uses the PLOVER 0.8
names where PLOVER has one (``id``, ``date``, ``event``, ``mode``, ``context``,
``actor`` and ``recipient`` as lists of ``{actorText, code, sector}``,
``eventText``, ``text``) and pactwatch's own names for the rest (``modality``,
``weapons``, ``confidence``, ``date_precision``, ``doc_id``, ``url``,
``published``, ``evidence_start``/``evidence_end``). Treaties and transfers are
written in the shape ``pactwatch treaties`` and the store use.

``csv`` and ``parquet`` write one flat row per event, treaty or transfer:
several actors are joined with ``;``, nested members and provisions of a treaty
are JSON strings. Every table is written in a stable order.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from pactwatch.analyse.treaties import all_treaties
from pactwatch.errors import PactwatchError
from pactwatch.model import Actor, Treaty
from pactwatch.store import Store, StoredEvent
from pactwatch.store.transfers import FIELDS as TRANSFER_FIELDS
from pactwatch.store.transfers import stored_transfers

FORMATS = ("plover-json", "csv", "parquet")
TABLES = ("events", "treaties", "transfers")

EVENT_COLUMNS = (
    "id", "date", "date_precision", "event", "mode", "context",
    "actor_code", "actor_text", "actor_sector", "recipient_code", "recipient_text", "recipient_sector",
    "modality", "weapons", "confidence", "eventText", "text",
    "doc_id", "url", "published", "evidence_start", "evidence_end", "extractor",
)  # fmt: skip
TREATY_COLUMNS = (
    "id", "title", "short_name", "signed", "in_force", "ended", "parties",
    "members", "provisions", "source", "atopid", "kb_id", "origin",
)  # fmt: skip
NUMERIC = {
    "confidence": "float",
    "evidence_start": "int",
    "evidence_end": "int",
    "tiv_unit": "float",
    "tiv_order": "float",
    "tiv_delivered": "float",
    "numbers_ordered": "int",
    "numbers_delivered": "int",
}


def _plover_actor(a: Actor) -> dict[str, Any]:
    data: dict[str, Any] = {"actorText": a.text, "code": a.code, "sector": a.sector, "name": a.name}
    if a.inferred:
        data["inferred"] = a.inferred  # coded by the act's place, not named by the text
    return data


def plover_event(stored: StoredEvent) -> dict[str, Any]:
    """One stored event with PLOVER's field names (plus pactwatch's own)."""
    e = stored.event
    source = stored.sources[0] if stored.sources else None
    return {
        "id": e.id,
        "date": e.date,
        "date_precision": e.date_precision,
        "event": e.type,
        "mode": e.mode or "",
        "context": "",
        "actor": [_plover_actor(a) for a in e.source],
        "recipient": [_plover_actor(a) for a in e.target],
        "eventText": e.trigger,
        "text": e.evidence.text,
        "modality": e.modality,
        "weapons": list(e.weapons),
        "confidence": round(e.confidence, 3),
        "doc_id": e.doc_id,
        "url": source.url if source else None,
        "published": source.published if source else None,
        "evidence_start": e.evidence.start,
        "evidence_end": e.evidence.end,
        "extractor": e.extractor,
    }


def _joined(actors: list[dict[str, Any]], key: str) -> str:
    return ";".join(str(a.get(key) or "") for a in actors)


def flat_event(record: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER event record as one flat row."""
    row = {k: record.get(k) for k in EVENT_COLUMNS}
    for side in ("actor", "recipient"):
        row[f"{side}_code"] = _joined(record[side], "code")
        row[f"{side}_text"] = _joined(record[side], "actorText")
        row[f"{side}_sector"] = _joined(record[side], "sector")
    row["weapons"] = ";".join(record["weapons"])
    return row


def treaty_record(treaty: Treaty) -> dict[str, Any]:
    """A treaty in the ``pactwatch treaties`` shape, marked kb or store."""
    data = treaty.to_json()
    data["origin"] = "kb" if treaty.kb_id == treaty.id else "store"
    return data


def flat_treaty(record: dict[str, Any]) -> dict[str, Any]:
    """A treaty record as one flat row (members and provisions as JSON)."""
    row = {k: record.get(k) for k in TREATY_COLUMNS}
    row["parties"] = ";".join(record["parties"])
    row["members"] = json.dumps(record["members"], ensure_ascii=False)
    row["provisions"] = json.dumps(record["provisions"], ensure_ascii=False)
    return row


def records(store: Store, table: str) -> tuple[list[dict[str, Any]], Callable[[dict[str, Any]], dict[str, Any]]]:
    """The JSON records of a table, and how to flatten one of them."""
    if table == "events":
        return [plover_event(e) for e in store.events()], flat_event
    if table == "treaties":
        return [treaty_record(t) for t in all_treaties(store)], flat_treaty
    if table == "transfers":
        return [t.to_json() for t in stored_transfers(store)], dict
    raise PactwatchError(f"unknown table {table!r}; use one of {', '.join(TABLES)}")


def columns(table: str) -> tuple[str, ...]:
    """The flat columns of a table, in order."""
    return {"events": EVENT_COLUMNS, "treaties": TREATY_COLUMNS, "transfers": TRANSFER_FIELDS}[table]


def write_jsonl(rows: list[dict[str, Any]], out: TextIO) -> None:
    """One JSON object per line."""
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_csv(rows: list[dict[str, Any]], names: tuple[str, ...], out: TextIO) -> None:
    """A CSV with a header row."""
    writer = csv.DictWriter(out, fieldnames=list(names), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def write_parquet(rows: list[dict[str, Any]], names: tuple[str, ...], path: Path) -> None:
    """A Parquet file: numbers typed, everything else strings."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {"float": pa.float64(), "int": pa.int64()}
    schema = pa.schema([(n, kinds.get(NUMERIC.get(n, ""), pa.string())) for n in names])
    data = {n: [_cell(r.get(n), NUMERIC.get(n)) for r in rows] for n in names}
    pq.write_table(pa.table(data, schema=schema), path)


def _cell(value: Any, kind: str | None) -> Any:
    if value is None or kind is not None:
        return value
    return str(int(value)) if isinstance(value, bool) else str(value)


def export(store: Store, table: str, fmt: str, out: Path | None, stdout: TextIO) -> int:
    """Write ``table`` in ``fmt`` to ``out`` (stdout when None; Parquet needs a file); return the row count."""
    if fmt not in FORMATS:
        raise PactwatchError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    data, flatten = records(store, table)
    if fmt == "parquet":
        if out is None:
            raise PactwatchError("parquet is a binary format; pass --out FILE.parquet")
        write_parquet([flatten(r) for r in data], columns(table), out)
        return len(data)
    buffer = io.StringIO()
    if fmt == "csv":
        write_csv([flatten(r) for r in data], columns(table), buffer)
    else:
        write_jsonl(data, buffer)
    if out is None:
        stdout.write(buffer.getvalue())
    else:
        out.write_text(buffer.getvalue(), encoding="utf-8")
    return len(data)
