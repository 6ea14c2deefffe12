"""SIPRI trade register CSV, exactly as SIPRI publishes it, into AID / AGREE events and transfers.

The file opens with notes (data range, conventions, "(c) SIPRI", date
generated), then a header line, then one line per row; SIPRI ends every line
with ``;``. Two layouts are read, told apart by their header:

- the register of deliveries (``SIPRI AT Database ID, Supplier, Recipient,
  Designation, ... Delivery year ...``): one row per deal and delivery year. Each
  row becomes one AID event (mode ``military``) dated to its delivery year;
- the register of orders (``Recipient, Supplier, Year of order, ... Number
  ordered ... Year(s) of delivery ...``): one row per deal. A deal with
  deliveries becomes one AID event dated to its first delivery year (all years
  are kept on the transfer); a deal with none yet becomes AGREE dated to the
  order year.

Supplier and recipient names go through ``kb/data/crosswalk.csv`` (SIPRI's
"Turkiye", "Czechia", "eSwatini", "Viet Nam" ...). SIPRI marks non-state actors
with ``*`` ("Houthi rebels (Yemen)*": code YEM, sector REB) and organisations
with ``**`` ("NATO**"); "unknown supplier(s)" is kept with no code. A name the
crosswalk does not know is reported with its line, never dropped silently.
Weapons are the SIPRI designation plus the knowledge base's name for it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from pactwatch.errors import InputError
from pactwatch.ingest.importers.common import (
    DocumentWriter,
    Timer,
    actor,
    numbered_lines,
    read_text,
    render,
    row_document,
    weapons_of,
    whole_text,
)
from pactwatch.ingest.importers.report import ImportReport
from pactwatch.kb import load_actor_entries
from pactwatch.kb.crosswalk import load_crosswalk, normalise_name
from pactwatch.model import Actor, Document, Event, content_hash
from pactwatch.store import Store
from pactwatch.store.transfers import Transfer

EXTRACTOR = "import:sipri"
CONFIDENCE = 0.9
ESTIMATED = 0.75

# header name (normalised) -> our field; SIPRI has renamed columns between exports
HEADERS = {
    "sipri at database id": "deal_id",
    "deal id": "deal_id",
    "supplier": "supplier",
    "recipient": "recipient",
    "designation": "designation",
    "weapon designation": "designation",
    "description": "description",
    "weapon description": "description",
    "armament category": "category",
    "order date": "order_year",
    "year of order": "order_year",
    "order date is estimate": "order_estimate",
    "number ordered": "ordered",
    "numbers ordered": "ordered",
    "numbers delivered": "delivered",
    "number delivered": "delivered",
    "numbers delivered is estimate": "delivered_estimate",
    "delivery year": "delivery",
    "year s of delivery": "delivery",
    "year s of deliveries": "delivery",
    "delivery year is estimate": "delivery_estimate",
    "status": "status",
    "comments": "comments",
    "tiv deal unit": "tiv_unit",
    "sipri tiv per unit": "tiv_unit",
    "sipri tiv for total order": "tiv_order",
    "tiv delivery values": "tiv_delivered",
    "sipri tiv of delivered weapons": "tiv_delivered",
    "local production": "local_production",
}
REQUIRED = ("supplier", "recipient", "designation")
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Layout:
    """Where the header is and which column holds which field."""

    header_line: int
    names: tuple[str, ...]
    fields: dict[str, int]
    generated: str | None

    @property
    def per_delivery_year(self) -> bool:
        """The deliveries register (one row per delivery year) rather than the orders register."""
        return "ordered" not in self.fields


def _cells(line: str) -> list[str]:
    """One CSV line, without SIPRI's trailing ``;``."""
    line = line.rstrip()
    if line.endswith(";"):
        line = line[:-1]
    return next(csv.reader([line]), [])


def _generated(lines: list[tuple[int, str]]) -> str | None:
    """The "Data generated: 12 Feb 2026" date of the notes, as ISO."""
    from datetime import datetime

    for _, line in lines:
        m = re.search(r"(?:generated|Information generated)\s*:\s*(\d{1,2} \w+ \d{4})", line, re.I)
        if m:
            for fmt in ("%d %b %Y", "%d %B %Y"):
                try:
                    return datetime.strptime(m.group(1), fmt).date().isoformat()
                except ValueError:
                    continue
    return None


def find_layout(lines: list[tuple[int, str]], origin: str) -> Layout:
    """The header among the first lines: the first one that names Supplier, Recipient and a designation."""
    for index, (number, line) in enumerate(lines[:60]):
        names = tuple(c.strip() for c in _cells(line))
        fields = {HEADERS[k]: i for i, n in enumerate(names) if (k := normalise_name(n)) in HEADERS}
        if all(f in fields for f in REQUIRED):
            return Layout(number, names, fields, _generated(lines[:index]))
    raise InputError(
        origin,
        "no SIPRI trade-register header (Supplier, Recipient, Designation) in the first 60 lines; "
        "export the trade register from https://armstransfers.sipri.org as CSV and import that file",
    )


def _number(value: str) -> tuple[int | None, bool]:
    """SIPRI writes estimates as ``(10)`` or ``10?``: the number and whether it is an estimate."""
    m = _NUMBER.search(value or "")
    if not m:
        return None, False
    return int(float(m.group(0))), "(" in value or "?" in value


def _float(value: str) -> float | None:
    m = _NUMBER.search(value or "")
    return float(m.group(0)) if m else None


def _flag(value: str) -> bool | None:
    value = (value or "").strip().lower()
    return None if not value else value in ("yes", "y", "1", "true")


def _any(*flags: bool | None) -> bool | None:
    """True if any flag is, False if one is known and none is true, None if none is known."""
    known = [f for f in flags if f is not None]
    return any(known) if known else None


def delivery_years(value: str) -> list[str]:
    """Years named in a delivery field: ``2022``, ``2022; 2023``, ``2015-2017``, ``(2019)``."""
    years = [int(y) for y in _YEAR.findall(value or "")]
    if re.search(r"\d{4}\s*-\s*\d{4}", value or "") and len(years) == 2 and years[0] <= years[1]:
        years = list(range(years[0], years[1] + 1))
    return [str(y) for y in sorted(set(years))]


def _igo_names() -> dict[str, tuple[str, str]]:
    return {normalise_name(e.alias): (e.code, e.name) for e in load_actor_entries() if e.kind == "igo"}


def _state_in(words: str, on: str | None) -> str | None:
    """The state a group's name or place names: "Syria rebels" -> SYR, "Israel/Palestine" -> PSE."""
    crosswalk = load_crosswalk()
    for part in reversed(re.split(r"[/,]", words)):
        tokens = part.split()
        for k in range(len(tokens), 0, -1):
            entry = crosswalk.by_name(" ".join(tokens[:k]), on)
            if entry is not None and entry.code:
                return entry.code
    return None


def _non_state(text: str, on: str | None) -> Actor:
    """A SIPRI ``*`` actor: an armed group or sub-state authority, coded by the state it acts in."""
    m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", text)
    place = m.group(2) if m else text
    sector = "GOV" if "government" in text.lower() else "REB"
    return actor(text, _state_in(place, on), sector, text)


def sipri_actor(name: str, on: str | None = None) -> Actor | str:
    """The actor for a SIPRI supplier or recipient name, or the reason it cannot be coded."""
    raw = name.strip()
    if raw.endswith("**"):
        org = raw[:-2].strip()
        hit = _igo_names().get(normalise_name(org))
        return actor(org, hit[0] if hit else None, "IGO", hit[1] if hit else org)
    if raw.endswith("*"):
        return _non_state(raw[:-1].strip(), on)
    if not raw or normalise_name(raw).startswith("unknown"):
        return actor(raw or "unknown", None)
    entry = load_crosswalk().by_name(raw, on)
    if entry is None:
        return f"unknown SIPRI country name '{raw}'; add it to the sipri column of kb/data/crosswalk.csv"
    return actor(raw, entry.code, None, entry.name)


@dataclass(frozen=True)
class _Row:
    """The fields of one register row, parsed."""

    f: dict[str, str]
    years: list[str]
    delivered: int | None
    delivered_estimate: bool
    order_year: str | None

    @property
    def is_delivery(self) -> bool:
        return bool(self.years) and (self.delivered is None or self.delivered > 0)

    @property
    def estimated(self) -> bool:
        flags = (_flag(self.f.get("delivery_estimate", "")), _flag(self.f.get("delivered_estimate", "")))
        return self.delivered_estimate or any(flags) or "?" in self.f.get("delivery", "")


def _parse(cells: list[str], layout: Layout) -> _Row:
    f = {k: cells[i].strip() for k, i in layout.fields.items()}
    delivered, estimate = _number(f.get("delivered", ""))
    order = _YEAR.search(f.get("order_year", ""))
    return _Row(f, delivery_years(f.get("delivery", "")), delivered, estimate, order.group(1) if order else None)


def _transfer(doc_id: str, event: Event, row: _Row) -> Transfer:
    f = row.f
    ordered, _ = _number(f.get("ordered", ""))
    return Transfer(
        id=doc_id,
        doc_id=doc_id,
        event_id=event.id,
        source="sipri",
        deal_id=f.get("deal_id") or None,
        supplier=event.source[0].code,
        supplier_name=f["supplier"],
        recipient=event.target[0].code,
        recipient_name=f["recipient"],
        designation=f["designation"],
        weapon=event.weapons[-1] if event.weapons else None,
        description=f.get("description") or None,
        category=f.get("category") or None,
        order_year=row.order_year,
        order_estimate=_any(_flag(f.get("order_estimate", "")), "(" in f.get("order_year", "") or None),
        numbers_ordered=ordered,
        numbers_delivered=row.delivered,
        delivered_estimate=_any(_flag(f.get("delivered_estimate", "")), row.delivered_estimate or None),
        delivery_year=row.years[0] if row.years else None,
        delivery_years=";".join(row.years) or None,
        delivery_estimate=_flag(f.get("delivery_estimate", "")),
        status=f.get("status") or None,
        tiv_unit=_float(f.get("tiv_unit", "")),
        tiv_order=_float(f.get("tiv_order", "")),
        tiv_delivered=_float(f.get("tiv_delivered", "")),
        local_production=_flag(f.get("local_production", "")),
        comments=f.get("comments") or None,
    )


def _actors(row: _Row, day: str) -> tuple[Actor, Actor] | str:
    supplier = sipri_actor(row.f["supplier"], day)
    if isinstance(supplier, str):
        return f"supplier: {supplier}"
    recipient = sipri_actor(row.f["recipient"], day)
    if isinstance(recipient, str):
        return f"recipient: {recipient}"
    return supplier, recipient


@dataclass(frozen=True)
class Imported:
    """What one register row becomes."""

    doc: Document
    events: list[Event]
    transfer: Transfer


def read_row(line: str, cells: list[str], layout: Layout, origin: str) -> Imported | str:
    """The document, event and transfer of one data line, or the reason it cannot be imported."""
    row = _parse(cells, layout)
    if not row.f["designation"]:
        return "no weapon designation"
    if row.is_delivery:
        etype, day, trigger = "AID", row.years[0], "delivered"
    elif row.order_year:
        etype, day, trigger = "AGREE", row.order_year, "ordered"
    else:
        return "no delivery year and no order year"
    pair = _actors(row, day)
    if isinstance(pair, str):
        return pair
    names = [n or f"column {i + 1}" for i, n in enumerate(layout.names)]
    text = render(list(zip(names, cells, strict=True)), "SIPRI trade register")
    doc_id = "sipri:" + content_hash(line.strip().rstrip(";"))[:24]
    title = f"{row.f['supplier']} to {row.f['recipient']}: {row.f['designation']}"
    doc = row_document(doc_id, text, origin, published=layout.generated, title=title)
    event = Event(
        doc_id=doc_id,
        type=etype,
        mode="military",
        source=(pair[0],),
        target=(pair[1],),
        evidence=whole_text(text),
        date=day,
        date_precision="year",
        weapons=weapons_of(row.f["designation"]),
        confidence=ESTIMATED if row.estimated else CONFIDENCE,
        trigger=trigger,
        extractor=EXTRACTOR,
    )
    return Imported(doc, [event], _transfer(doc_id, event, row))


def _is_note(cells: list[str]) -> bool:
    """A notes or footer line after the header ("Source: SIPRI ...", "(c) SIPRI")."""
    text = " ".join(cells).lower()
    return len([c for c in cells if c.strip()]) <= 2 and bool(re.search(r"sipri|source|generated|\(c\)|note", text))


def import_sipri(path: Path, store: Store) -> ImportReport:
    """Import a SIPRI trade register CSV; every data row is imported or reported."""
    timer = Timer()
    report = ImportReport("sipri", str(path))
    lines = list(numbered_lines(read_text(path)))
    layout = find_layout(lines, str(path))
    kind = (
        "deliveries (one row per deal and delivery year)" if layout.per_delivery_year else "orders (one row per deal)"
    )
    report.format = f"SIPRI trade register, {kind}"
    report.skipped_lines = layout.header_line
    writer = DocumentWriter(store, report)
    for number, line in lines[layout.header_line :]:
        cells = _cells(line)
        if not any(c.strip() for c in cells) or _is_note(cells):
            report.skipped_lines += 1
            continue
        origin = f"{path}:{number}"
        if len(cells) != len(layout.names):
            report.report(origin, f"expected {len(layout.names)} fields as in the header, found {len(cells)}")
            continue
        result = read_row(line, cells, layout, origin)
        if isinstance(result, str):
            report.report(origin, result)
            continue
        writer.add(result.doc, result.events, result.transfer)
    writer.flush()
    return timer.stop(report)
