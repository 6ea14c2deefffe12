"""The HTML pages: the same views as the API, rendered with Jinja2 (autoescaped: articles are hostile)."""

from __future__ import annotations

from datetime import date
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from pactwatch.model import EVENT_TYPES, MODALITIES
from pactwatch.serve import views
from pactwatch.serve.api import CODE, ID, PARTIAL_DAY, Day, StoreDep

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(FilePath(__file__).parent / "templates"))


TYPES = f"^({'|'.join(EVENT_TYPES)})$"
MODES = f"^({'|'.join(MODALITIES)})$"


def _blank_or(pattern: str) -> str:
    """An HTML form sends empty fields: accept them as "no filter"."""
    return f"^$|{pattern}"


def _page(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
def network_page(request: Request, store: StoreDep, on: Day = None) -> HTMLResponse:
    span = views.date_range(store)
    return _page(request, "network.html", span=span, on=on.isoformat() if on else span["last"], nav="network")


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    store: StoreDep,
    actor: Annotated[str | None, Query(pattern=_blank_or(CODE))] = None,
    type: Annotated[str | None, Query(pattern=_blank_or(TYPES))] = None,
    modality: Annotated[str | None, Query(pattern=_blank_or(MODES))] = None,
    since: Annotated[str | None, Query(pattern=_blank_or(PARTIAL_DAY))] = None,
    until: Annotated[str | None, Query(pattern=_blank_or(PARTIAL_DAY))] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    query = views.EventQuery(
        actor or None, type or None, modality or None, since or None, until or None, q or None, 50, offset
    )
    data = views.events(store, query)
    params = {k: v for k, v in request.query_params.items() if k not in ("offset", "format") and v}
    return _page(
        request,
        "events.html",
        data=data,
        query=query,
        params=params,
        types=EVENT_TYPES,
        modalities=MODALITIES,
        nav="events",
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, store: StoreDep, event_id: Annotated[str, Path(pattern=ID)]) -> HTMLResponse:
    return _page(request, "event.html", e=views.event(store, event_id), nav="events")


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, store: StoreDep, doc_id: Annotated[str, Path(pattern=ID)]) -> HTMLResponse:
    return _page(request, "document.html", d=views.document(store, doc_id), nav="events")


@router.get("/treaties", response_class=HTMLResponse)
def treaties_page(
    request: Request,
    store: StoreDep,
    on: Day = None,
    member: Annotated[str | None, Query(pattern=_blank_or(CODE))] = None,
) -> HTMLResponse:
    rows = views.treaties(store, on.isoformat() if on else None, member or None)
    return _page(request, "treaties.html", rows=rows, on=on, member=member, nav="treaties")


@router.get("/treaties/{treaty_id}", response_class=HTMLResponse)
def treaty_page(request: Request, store: StoreDep, treaty_id: Annotated[str, Path(pattern=ID)]) -> HTMLResponse:
    return _page(request, "treaty.html", t=views.treaty(store, treaty_id), nav="treaties")


@router.get("/scenario", response_class=HTMLResponse)
def scenario_page(
    request: Request,
    store: StoreDep,
    attacked: Annotated[str | None, Query(pattern=_blank_or(CODE))] = None,
    by: Annotated[str | None, Query(pattern=_blank_or(CODE))] = None,
    on: Day = None,
) -> HTMLResponse:
    result = views.scenario(store, attacked, by or None, on.isoformat() if on else None) if attacked else None
    day = on.isoformat() if on else date.today().isoformat()
    return _page(request, "scenario.html", result=result, attacked=attacked or "", by=by or "", on=day, nav="scenario")


@router.get("/transfers", response_class=HTMLResponse)
def transfers_page(request: Request, store: StoreDep) -> HTMLResponse:
    return _page(request, "transfers.html", rows=views.transfers(store, None, None, None, None), nav="transfers")
