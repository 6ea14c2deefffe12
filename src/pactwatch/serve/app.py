"""The FastAPI application: security headers, error handling, and the two routers.

Safe by default: read-only unless a write token is given, a strict Content-Security-Policy
(no inline script, no third-party origin), and no stack trace ever reaches the client.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from pactwatch import __version__
from pactwatch.errors import PactwatchError
from pactwatch.serve.views import NotFound
from pactwatch.store import Store

HERE = Path(__file__).parent
LOG = logging.getLogger("pactwatch.serve")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(store: Store, write_token: str | None = None) -> FastAPI:
    """The web UI and JSON API over ``store``; ``POST /api/documents`` only with ``write_token``."""
    from pactwatch.serve.api import router as api_router
    from pactwatch.serve.pages import router as page_router

    app = FastAPI(
        title="pactwatch",
        version=__version__,
        description="Evidence-linked, time-aware graph of military alliances: events, network, blocs, treaties, "
        "scenarios. Read-only unless started with writes enabled and a bearer token.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.write_token = write_token
    app.include_router(api_router)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _add_handlers(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.update(HEADERS)
        return response

    return app


def _add_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [_problem(e) for e in exc.errors()]
        return JSONResponse({"detail": "; ".join(problems), "errors": problems}, status_code=422)

    @app.exception_handler(NotFound)
    async def not_found(_request: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(PactwatchError)
    async def bad_request(_request: Request, exc: PactwatchError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        LOG.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return JSONResponse(
            {"detail": "internal error; the server log has the details"}, status_code=500, headers=HEADERS
        )


def _problem(error: Any) -> str:
    where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
    message = str(error.get("msg", "invalid value"))
    if "date" in str(error.get("type", "")):
        message += " (use YYYY-MM-DD)"
    return f"{where or 'request'}: {message}"
