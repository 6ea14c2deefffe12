"""Arms flows: supplier -> recipient by weapon class and year, from news and imported registers.

From the news, a merged ``AID`` event with named weapons or the ``military``
mode, and an ``AGREE`` event with named weapons (a promise to supply), become
flows. The modality is kept in the analyst's words:

- ``delivered``: an asserted ``AID``;
- ``promised``: an ``AGREE``, or an ``AID`` that is planned or proposed;
- ``rumoured``: a speculative report;
- ``denied``: a denied one (listed, so that denials stay visible).

Register rows (SIPRI, ``pactwatch import sipri``) are flows of their own:
``delivered`` once a delivery year or delivered number is recorded, else
``promised`` (ordered). The events an importer made of register rows are not
counted twice. Weapon classes come from ``kb/data/weapons.csv``; a flow whose
report names no weapon has the class ``unspecified``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from pactwatch.analyse.merge import alliance_code, codes, ensure_merged
from pactwatch.kb import load_weapons
from pactwatch.store import EventFilter, Store
from pactwatch.store.clusters import ClusterEvent, merged_events
from pactwatch.store.transfers import Transfer, stored_transfers

MODALITIES = ("delivered", "promised", "rumoured", "denied")


@dataclass(frozen=True)
class Flow:
    """One supplier -> recipient flow of one weapon (class) in one year, with its evidence."""

    supplier: str | None
    recipient: str | None
    weapon_class: str
    weapon: str | None
    year: str | None
    modality: str
    origin: str
    evidence: tuple[dict[str, Any], ...]

    def to_json(self) -> dict[str, Any]:
        """The flow as printed."""
        return {
            "supplier": self.supplier,
            "recipient": self.recipient,
            "weapon_class": self.weapon_class,
            "weapon": self.weapon,
            "year": self.year,
            "modality": self.modality,
            "origin": self.origin,
            "evidence": list(self.evidence),
        }


@cache
def weapon_classes() -> dict[str, str]:
    """Weapon name (and alias), case-folded -> class."""
    return {w.alias.casefold(): w.weapon_class for w in load_weapons()} | {
        w.name.casefold(): w.weapon_class for w in load_weapons()
    }


def news_modality(event_type: str, modality: str) -> str:
    """The flow modality of an ``AID`` or ``AGREE`` event at this event modality."""
    if modality == "denied":
        return "denied"
    if modality == "speculative":
        return "rumoured"
    if event_type == "AGREE" or modality in ("planned", "proposed"):
        return "promised"
    return "delivered"


def arms_flows(
    store: Store,
    supplier: str | None = None,
    recipient: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[Flow]:
    """Every flow matching the filters (codes; years or days), oldest first."""
    ensure_merged(store)
    register = stored_transfers(store)
    made_of_register = {t.event_id for t in register if t.event_id}
    flows: list[Flow] = []
    for event_type in ("AID", "AGREE"):
        for cluster in merged_events(store, EventFilter(type=event_type)):
            if made_of_register.intersection(m.event_id for m in cluster.members):
                continue
            flows.extend(_news_flows(cluster))
    flows.extend(f for t in register if (f := _register_flow(t)) is not None)
    chosen = [f for f in flows if _wanted(f, supplier, recipient, since, until)]
    chosen.sort(key=lambda f: (f.year or "", f.supplier or "", f.recipient or "", f.weapon_class, f.modality))
    return chosen


def _wanted(f: Flow, supplier: str | None, recipient: str | None, since: str | None, until: str | None) -> bool:
    if supplier and f.supplier != alliance_code(supplier.upper()):
        return False
    if recipient and f.recipient != alliance_code(recipient.upper()):
        return False
    if since and (f.year is None or f.year < since[:4]):
        return False
    return not (until and (f.year is None or f.year > until[:4]))


def _news_flows(cluster: ClusterEvent) -> list[Flow]:
    e = cluster.event
    if not e.weapons and not (e.type == "AID" and e.mode == "military"):
        return []
    suppliers: list[str | None] = [*sorted(codes(e.source))] or [None]
    recipients: list[str | None] = [*sorted(codes(e.target))] or [None]
    year = (e.date or cluster.sources[0].published or "")[:4] or None
    modality = news_modality(e.type, e.modality)
    evidence = (
        {
            "event": e.id,
            "sources": [{"id": s.doc_id, "url": s.url, "published": s.published} for s in cluster.sources],
            "text": e.evidence.text,
        },
    )
    classes = weapon_classes()
    weapons: list[str | None] = list(e.weapons) or [None]
    return [
        Flow(
            s, r, classes.get(w.casefold(), "unspecified") if w else "unspecified", w, year, modality, "news", evidence
        )
        for s in suppliers
        for r in recipients
        for w in weapons
        if s != r
    ]


def _register_flow(t: Transfer) -> Flow | None:
    supplier = alliance_code(t.supplier) if t.supplier else None
    recipient = alliance_code(t.recipient) if t.recipient else None
    delivered = bool(t.delivery_year or t.delivery_years or (t.numbers_delivered or 0) > 0)
    year = t.delivery_year or (t.delivery_years or "")[:4] or t.order_year
    weapon = t.weapon or t.designation
    wclass = weapon_classes().get((weapon or "").casefold()) or (t.description or t.category or "unspecified")
    evidence = ({"transfer": t.id, "document": t.doc_id, "status": t.status, "register": t.source},)
    modality = "delivered" if delivered else "promised"
    return Flow(supplier, recipient, wclass.lower(), weapon, year, modality, "register", evidence)
