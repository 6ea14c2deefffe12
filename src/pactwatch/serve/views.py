"""The data behind every page and endpoint, computed once by the library functions the CLI calls.

A view returns plain JSON-able data; :mod:`pactwatch.serve.app` renders it as JSON, CSV
or HTML at the edge. Nothing here knows about HTTP.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any

from pactwatch.analyse.blocs import blocs_on
from pactwatch.analyse.graph import render_network
from pactwatch.analyse.scenario import run_scenario
from pactwatch.analyse.timeline import dyad_timeline
from pactwatch.analyse.transfers import arms_flows
from pactwatch.analyse.treaties import all_treaties, listing, select_treaties, spells
from pactwatch.errors import PactwatchError
from pactwatch.model import Document
from pactwatch.store import EventFilter, Store
from pactwatch.store.clusters import cluster_of, last_day, latest_published, merged_events


class NotFound(PactwatchError):
    """The thing asked for is not in the store (HTTP 404)."""


@dataclass(frozen=True)
class EventQuery:
    """The filters of the events table and ``GET /api/events``."""

    actor: str | None = None
    type: str | None = None
    modality: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    limit: int = 50
    offset: int = 0


def day_or_latest(store: Store, on: str | None) -> str:
    """The asked day, else the latest publication day in the store, else today."""
    return on or latest_published(store) or date.today().isoformat()


def date_range(store: Store) -> dict[str, str]:
    """First and last day the network can show (the slider's range): from the earliest event
    or treaty signing (treaty ties are in the as-of graph too) to the latest event."""
    last = last_day(store) or day_or_latest(store, None)
    days = [e.event.date for e in merged_events(store) if e.event.date]
    signed = [t.signed for t in all_treaties(store) if t.signed]
    first = min(days + signed) if days or signed else last
    return {"first": _full_day(first), "last": _full_day(max(last, *(days or [last])))}


def _full_day(value: str) -> str:
    return (value + "-01-01"[len(value) - 4 :]) if len(value) < 10 else value[:10]


def events(store: Store, query: EventQuery) -> dict[str, Any]:
    """One page of merged events (every source listed) matching the filters, with the total."""
    flt = EventFilter(actor=query.actor, type=query.type, since=query.since, until=query.until)
    rows = [e.to_json() for e in merged_events(store, flt)]
    if query.modality:
        rows = [r for r in rows if r["modality"] == query.modality]
    if query.q:
        needle = query.q.casefold()
        rows = [r for r in rows if needle in _haystack(r)]
    page = rows[query.offset : query.offset + query.limit]
    return {"total": len(rows), "limit": query.limit, "offset": query.offset, "events": page}


def _haystack(row: dict[str, Any]) -> str:
    actors = " ".join(f"{a['text']} {a['code'] or ''} {a['name'] or ''}" for a in [*row["source"], *row["target"]])
    return f"{row['evidence']['text']} {actors} {' '.join(row['weapons'])}".casefold()


def event(store: Store, event_id: str) -> dict[str, Any]:
    """One event with every source, each with its document text split around the evidence."""
    found = cluster_of(store, event_id)
    if found is None:
        raise NotFound(f"{event_id}: no such event; list them at /api/events")
    data = found.to_json()
    docs = documents_by_id(store)
    for source in data["sources"]:
        doc = docs.get(source["id"])
        source["title"] = doc.title if doc else None
        source["parts"] = split_text(doc.text, [source["evidence"]]) if doc else []
    return data


def documents_by_id(store: Store) -> dict[str, Document]:
    """Every stored document by id."""
    return {d.id: d for d in store.documents()}


def split_text(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``text`` cut into plain and marked parts; overlapping or bad spans are skipped.

    The parts are raw text: the templates escape each one, so hostile articles stay inert.
    """
    parts: list[dict[str, Any]] = []
    at = 0
    for span in sorted(spans, key=lambda s: (s["start"], s["end"])):
        start, end = int(span["start"]), int(span["end"])
        if start < at or end <= start or end > len(text):
            continue
        parts.append({"text": text[at:start], "mark": False, "label": None})
        parts.append({"text": text[start:end], "mark": True, "label": span.get("label")})
        at = end
    parts.append({"text": text[at:], "mark": False, "label": None})
    return [p for p in parts if p["text"]]


def document(store: Store, doc_id: str) -> dict[str, Any]:
    """One stored document with its events' evidence marked."""
    doc = documents_by_id(store).get(doc_id)
    if doc is None:
        raise NotFound(f"{doc_id}: no such document; list them at /api/documents")
    found = merged_events(store)
    spans = [{**s.evidence.to_json(), "label": e.event.type} for e in found for s in e.sources if s.doc_id == doc_id]
    return {**document_listing(doc), "text": doc.text, "parts": split_text(doc.text, spans)}


def document_listing(doc: Document) -> dict[str, Any]:
    """A document without its text."""
    return {"id": doc.id, "url": doc.url, "published": doc.published, "title": doc.title, "origin": doc.origin}


_CACHE: OrderedDict[tuple[str, str, tuple[int, ...]], dict[str, Any]] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_COMPUTING: dict[tuple[str, str, tuple[int, ...]], threading.Lock] = {}
CACHE_SIZE = 64


def network(store: Store, on: str | None) -> dict[str, Any]:
    """The as-of graph (the ``pactwatch network`` shape) with each node's bloc, and the blocs.

    ``csv`` holds the edge table as ``pactwatch network --format csv`` prints it. Results are
    kept per day while the store's row counts stay the same (any ingest changes them).
    """
    day = day_or_latest(store, on)
    key = (store.url, day, tuple(store.counts().values()))
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
        gate = _COMPUTING.setdefault(key, threading.Lock())
    with gate:  # one computation per day: concurrent requests for it wait and share the result
        with _CACHE_LOCK:
            if key in _CACHE:
                return _CACHE[key]
        found = _compute_network(store, day)
        with _CACHE_LOCK:
            _CACHE[key] = found
            _COMPUTING.pop(key, None)
            while len(_CACHE) > CACHE_SIZE:
                _CACHE.popitem(last=False)
    return found


def _compute_network(store: Store, day: str) -> dict[str, Any]:
    net, result = blocs_on(store, day)
    data = net.to_json()
    assignment = result.assignment()
    for node in data["nodes"]:
        node["bloc"] = assignment.get(node["id"])
    return {"network": data, "blocs": result.to_json(), "csv": render_network(net, "csv").decode("utf-8")}


def timeline(store: Store, a: str, b: str, since: str | None, until: str | None) -> dict[str, Any]:
    """The dyad timeline and the events of the pair (the evidence behind an edge)."""
    tl = dyad_timeline(store, a, b, since, until)
    x, y = tl.a, tl.b
    pair_events = [
        e
        for e in events(store, EventQuery(actor=x, since=since, until=until, limit=10_000))["events"]
        if y in {c["code"] for c in [*e["source"], *e["target"]]}
    ]
    return {**tl.to_json(), "events": pair_events, "csv": tl.to_csv()}


def treaties(store: Store, on: str | None, member: str | None) -> list[dict[str, Any]]:
    """Treaties of the knowledge base and the store, filtered (the ``pactwatch treaties`` entries)."""
    chosen = select_treaties(all_treaties(store), on, member.upper() if member else None)
    return [listing(t, on) for t in chosen]


def treaty(store: Store, treaty_id: str) -> dict[str, Any]:
    """One treaty: provisions by article, members over time, the text with coded provisions marked."""
    found = next((t for t in all_treaties(store) if treaty_id in {t.id, t.kb_id}), None)
    if found is None:
        raise NotFound(f"{treaty_id}: no such treaty; list them at /api/treaties")
    data = listing(found)
    data["spells"] = [m.to_json() for m in spells(found)]
    doc = documents_by_id(store).get(found.doc_id) if found.doc_id else None
    spans = [
        {**p["evidence"], "label": f"{p['type']} (art. {p['article'] or '?'})"}
        for p in data["provisions"]
        if p["evidence"]
    ]
    data["parts"] = split_text(doc.text, spans) if doc else []
    for p in data["provisions"]:
        quote = p.get("quote") or (p["evidence"] or {}).get("text") or ""
        p["quote_parts"] = [{"text": quote, "mark": True, "label": p["type"]}] if quote else []
    return data


def transfers(
    store: Store, supplier: str | None, recipient: str | None, since: str | None, until: str | None
) -> list[dict[str, Any]]:
    """Arms flows (the ``pactwatch transfers`` rows)."""
    return [f.to_json() for f in arms_flows(store, supplier, recipient, since, until)]


def scenario(store: Store, attacked: str, by: str | None, on: str | None) -> dict[str, Any]:
    """The ``pactwatch scenario`` answer."""
    return run_scenario(attacked.upper(), by.upper() if by else None, on or date.today().isoformat(), store).to_json()


def ingest_text(store: Store, doc: Document) -> dict[str, Any]:
    """Store one posted document with its events (as ``pactwatch ingest`` does), then merge."""
    from pactwatch.analyse.merge import ensure_merged
    from pactwatch.extract import default_extractor
    from pactwatch.ingest import ingest_documents

    report = ingest_documents(store, [doc], default_extractor())
    ensure_merged(store)
    return {"id": doc.id, "stored": report.stored == 1, "events": report.events, "summary": report.summary()}
