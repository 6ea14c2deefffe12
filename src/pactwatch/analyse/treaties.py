"""Which treaties bind whom on a date: the knowledge base plus treaties ingested from texts.

A treaty binds from its entry into force (its signature when no entry into force
is known) until the day before ``ended``; a state is bound while one of its
membership spells covers the day. A treaty read from a text has no spells: its
parties count as members from the treaty's start. Ingested treaties that match a
knowledge-base treaty (``kb_id``) are left to the curated knowledge base.
"""

from __future__ import annotations

from typing import Any

from pactwatch.kb import load_treaties
from pactwatch.model import Membership, Treaty
from pactwatch.store import Store
from pactwatch.store.treaties import stored_treaties


def all_treaties(store: Store | None = None) -> list[Treaty]:
    """Knowledge-base treaties, then the store's treaties that the knowledge base does not cover."""
    treaties = list(load_treaties())
    if store is not None:
        known = {t.id for t in treaties}
        treaties.extend(t for t in stored_treaties(store) if t.kb_id not in known)
    return treaties


def in_force_on(treaty: Treaty, day: str) -> bool:
    """Whether the treaty binds on ``day`` (ISO date)."""
    start = treaty.start
    if start is None or day < start:
        return False
    return not (treaty.ended and day >= treaty.ended)


def spells(treaty: Treaty) -> tuple[Membership, ...]:
    """The membership spells, or the parties from the treaty's start when none are recorded."""
    return treaty.members or tuple(Membership(code, treaty.start) for code in treaty.parties)


def members_on(treaty: Treaty, day: str) -> list[str]:
    """Codes of the states bound by the treaty on ``day``, in spell order."""
    if not in_force_on(treaty, day):
        return []
    return list(dict.fromkeys(m.code for m in spells(treaty) if m.active_on(day)))


def select_treaties(treaties: list[Treaty], on: str | None = None, member: str | None = None) -> list[Treaty]:
    """Treaties in force on ``on`` (any date when None) with ``member`` among their members."""
    out: list[Treaty] = []
    for treaty in treaties:
        if on is not None and not in_force_on(treaty, on):
            continue
        if member is not None:
            codes = members_on(treaty, on) if on else [m.code for m in spells(treaty)]
            if member.upper() not in codes:
                continue
        out.append(treaty)
    return out


def listing(treaty: Treaty, on: str | None = None) -> dict[str, Any]:
    """The ``pactwatch treaties`` entry of a treaty: its JSON plus the members on the date."""
    data = treaty.to_json()
    if on is not None:
        data["members_on"] = members_on(treaty, on)
    data["provisions"] = [_provision_listing(p) for p in treaty.provisions]
    data["origin"] = "kb" if treaty.kb_id == treaty.id else "store"
    return data


def _provision_listing(p: Any) -> dict[str, Any]:
    data: dict[str, Any] = p.to_json()
    if p.quote:
        data["quote"] = p.quote
    if p.source:
        data["source"] = p.source
    return data
