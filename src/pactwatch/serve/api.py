"""The JSON API under ``/api`` (documented at ``/openapi.json``); every table also as CSV."""

from __future__ import annotations

import hmac
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Header, HTTPException, Path, Query, Request
from fastapi.responses import Response
from pydantic import AfterValidator, BaseModel, Field

from pactwatch.model import EVENT_TYPES, MODALITIES, Document
from pactwatch.serve import views
from pactwatch.serve.render import EVENT_COLUMNS, Format, columns_of, csv_response, table
from pactwatch.store import Store

router = APIRouter(prefix="/api", tags=["api"])

CODE = r"^[A-Za-z]{2,6}$"
PARTIAL_DAY = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ID = r"^[A-Za-z0-9_.:-]{1,128}$"
EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
Modality = Literal[MODALITIES]  # type: ignore[valid-type]
Code = Annotated[str, Query(pattern=CODE, description="ISO 3166-1 alpha-3 code or IGO acronym")]
OptCode = Annotated[str | None, Query(pattern=CODE, description="ISO 3166-1 alpha-3 code or IGO acronym")]
FIRST_DAY, LAST_DAY = date(1800, 1, 1), date(2200, 12, 31)


def _within(day: date | None) -> date | None:
    """Keep days where the decay arithmetic is defined (far years overflow the as-of weights)."""
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"use a day between {FIRST_DAY} and {LAST_DAY}")
    return day


Day = Annotated[
    date | None,
    Query(description="YYYY-MM-DD (default: the latest publication day in the store)"),
    AfterValidator(_within),
]
PartialDay = Annotated[str | None, Query(pattern=PARTIAL_DAY, description="YYYY, YYYY-MM or YYYY-MM-DD")]
Fmt = Annotated[Format, Query(description="json (default) or csv")]


def get_store(request: Request) -> Store:
    """The store the app serves."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@router.get("/events", summary="Stored events with every source (same filters as `pactwatch events`)")
def list_events(
    store: StoreDep,
    actor: OptCode = None,
    type: Annotated[EventType | None, Query()] = None,
    modality: Annotated[Modality | None, Query()] = None,
    since: PartialDay = None,
    until: PartialDay = None,
    q: Annotated[str | None, Query(max_length=200, description="text search in evidence, actors, weapons")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    format: Fmt = "json",
) -> Response:
    query = views.EventQuery(actor, type, modality, since, until, q, limit, offset)
    data = views.events(store, query)
    return table(data, data["events"], EVENT_COLUMNS, format, "events")


@router.get("/events/{event_id}", summary="One event with all its sources and their evidence")
def get_event(store: StoreDep, event_id: Annotated[str, Path(pattern=ID)]) -> dict[str, Any]:
    return views.event(store, event_id)


@router.get("/documents", summary="Stored documents (without their text)")
def list_documents(store: StoreDep, format: Fmt = "json") -> Response:
    rows = [views.document_listing(d) for d in views.documents_by_id(store).values()]
    return table({"documents": rows}, rows, ("id", "url", "published", "title", "origin"), format, "documents")


@router.get("/documents/{doc_id}", summary="One document with its text and the evidence spans in it")
def get_document(store: StoreDep, doc_id: Annotated[str, Path(pattern=ID)]) -> dict[str, Any]:
    return views.document(store, doc_id)


@router.get("/network", summary="The state-relation graph as of a date (the `pactwatch network` shape)")
def get_network(store: StoreDep, on: Day = None, format: Fmt = "json") -> Response:
    data = views.network(store, _iso(on))
    if format == "csv":
        return csv_response(data["csv"], "network")
    return table(data["network"], [], (), "json", "network")


@router.get("/blocs", summary="Blocs (signed communities) as of a date (the `pactwatch blocs` shape)")
def get_blocs(store: StoreDep, on: Day = None, format: Fmt = "json") -> Response:
    data = views.network(store, _iso(on))["blocs"]
    rows = [{**b, "members": b["members"], "organisations": b["organisations"]} for b in data["blocs"]]
    cols = ("id", "members", "organisations", "strength", "cohesion")
    return table(data, rows, cols, format, "blocs")


@router.get("/range", summary="First and last event day in the store (the time slider's range)")
def get_range(store: StoreDep) -> dict[str, str]:
    return views.date_range(store)


@router.get("/timeline", summary="Monthly cooperation and conflict of a pair, milestones, and the pair's events")
def get_timeline(
    store: StoreDep,
    a: Code,
    b: Code,
    since: Day = None,
    until: Day = None,
    format: Fmt = "json",
) -> Response:
    data = views.timeline(store, a, b, _iso(since), _iso(until))
    if format == "csv":
        return csv_response(data["csv"], f"timeline-{a}-{b}")
    return table({k: v for k, v in data.items() if k != "csv"}, [], (), "json", "timeline")


@router.get("/treaties", summary="Treaties of the knowledge base and the store (the `pactwatch treaties` entries)")
def list_treaties(store: StoreDep, on: Day = None, member: OptCode = None, format: Fmt = "json") -> Response:
    rows = views.treaties(store, _iso(on), member)
    data = {"in_force": _iso(on), "member": member, "count": len(rows), "treaties": rows}
    cols = ("id", "short_name", "title", "signed", "in_force", "ended", "parties", "origin")
    return table(data, rows, cols, format, "treaties")


@router.get("/treaties/{treaty_id}", summary="One treaty: provisions, members over time, text with provisions")
def get_treaty(store: StoreDep, treaty_id: Annotated[str, Path(pattern=ID)]) -> dict[str, Any]:
    return views.treaty(store, treaty_id)


@router.get("/transfers", summary="Arms flows supplier -> recipient (the `pactwatch transfers` rows)")
def list_transfers(
    store: StoreDep,
    supplier: OptCode = None,
    recipient: OptCode = None,
    since: PartialDay = None,
    until: PartialDay = None,
    format: Fmt = "json",
) -> Response:
    rows = views.transfers(store, supplier, recipient, since, until)
    return table({"transfers": rows}, rows, columns_of(rows) or ("supplier", "recipient"), format, "transfers")


@router.get("/scenario", summary="Who is bound to do what if a state is attacked (the `pactwatch scenario` shape)")
def get_scenario(
    store: StoreDep,
    attacked: Code,
    by: OptCode = None,
    on: Annotated[date | None, Query(description="YYYY-MM-DD (default: today)"), AfterValidator(_within)] = None,
    format: Fmt = "json",
) -> Response:
    data = views.scenario(store, attacked, by, _iso(on))
    rows = [*data["obligations"], *data["cascade"]]
    cols = ("round", "state", "toward", "type", "treaty", "treaty_id", "article", "conditions", "status", "reason")
    return table(data, rows, cols, format, "scenario")


class DocumentIn(BaseModel):
    """A document to ingest (the JSONL record of `pactwatch ingest`)."""

    text: str = Field(min_length=1, max_length=2_000_000)
    id: str | None = Field(default=None, pattern=ID)
    published: date | None = None
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=500)


@router.post("/documents", status_code=201, summary="Ingest a document (only when writes are enabled; bearer token)")
def post_document(
    request: Request,
    store: StoreDep,
    doc: Annotated[DocumentIn, Body()],
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    token: str | None = request.app.state.write_token
    if not token:
        raise HTTPException(403, "writes are disabled; start `pactwatch serve --allow-writes` with $PACTWATCH_TOKEN")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})
    published = doc.published.isoformat() if doc.published else None
    record = Document(Document.make_id(doc.text, doc.id), doc.text, doc.url, published, doc.title, "api")
    return views.ingest_text(store, record)
