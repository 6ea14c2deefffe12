"""Arms transfers (SIPRI trade register rows) with the fields an event has no room for.

Each transfer row is keyed by the id of the document that holds the register
row it was read from, and points to the AID or AGREE event made of it; writing
the same row twice leaves one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from sqlalchemy import select

from pactwatch.store import schema
from pactwatch.store.db import Store


@dataclass(frozen=True)
class Transfer:
    """One register row: who sent which weapon to whom, how many, when."""

    id: str
    doc_id: str
    event_id: str | None
    source: str
    supplier: str | None
    supplier_name: str
    recipient: str | None
    recipient_name: str
    designation: str
    deal_id: str | None = None
    weapon: str | None = None
    description: str | None = None
    category: str | None = None
    order_year: str | None = None
    order_estimate: bool | None = None
    numbers_ordered: int | None = None
    numbers_delivered: int | None = None
    delivered_estimate: bool | None = None
    delivery_year: str | None = None
    delivery_years: str | None = None
    delivery_estimate: bool | None = None
    status: str | None = None
    tiv_unit: float | None = None
    tiv_order: float | None = None
    tiv_delivered: float | None = None
    local_production: bool | None = None
    comments: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Every field, by name."""
        return asdict(self)


FIELDS = tuple(f.name for f in fields(Transfer))
_FLAGS = ("order_estimate", "delivered_estimate", "delivery_estimate", "local_production")


def _row(t: Transfer) -> dict[str, Any]:
    row = t.to_json()
    for name in _FLAGS:
        if row[name] is not None:
            row[name] = int(row[name])
    return row


def add_transfers(store: Store, transfers: Sequence[Transfer]) -> int:
    """Upsert transfers (their documents must be stored); return how many were new."""
    if not transfers:
        return 0
    with store.writer() as conn:
        stmt = store._insert(schema.transfers).on_conflict_do_nothing().returning(schema.transfers.c.id)
        return len(conn.execute(stmt, [_row(t) for t in transfers]).all())  # rowcount is -1 on psycopg


def _transfer(r: Any) -> Transfer:
    data = {name: r[name] for name in FIELDS}
    for name in _FLAGS:
        if data[name] is not None:
            data[name] = bool(data[name])
    return Transfer(**data)


def stored_transfers(store: Store) -> list[Transfer]:
    """Every stored transfer, by delivery (else order) year, supplier, recipient."""
    t = schema.transfers
    query = select(t).order_by(t.c.delivery_year, t.c.order_year, t.c.supplier_name, t.c.recipient_name, t.c.id)
    with store.engine.connect() as conn:
        return [_transfer(r) for r in conn.execute(query).mappings()]
