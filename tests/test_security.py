"""Safe by default: hostile article text stays inert on every page, CSP on every response, fuzzed API never 5xx."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from pactwatch.cli import build_parser
from pactwatch.serve import create_app
from pactwatch.serve.app import CSP
from pactwatch.store import Store


@pytest.fixture(scope="module")
def client(web_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(Store.open(web_db)), raise_server_exceptions=False) as c:
        yield c


def _hostile_pages(client: TestClient) -> list[str]:
    found = client.get("/api/events", params={"q": "rocket launchers", "actor": "CHN", "limit": 1000}).json()
    event = next(e for e in found["events"] if "onerror" in e["evidence"]["text"])
    return [
        f"/events/{event['id']}",
        "/documents/hostile-1",
        "/events?actor=CHN&q=rocket",
        "/events?q=%3Cscript%3E",
        "/",
        "/treaties",
        "/scenario?attacked=PRK&by=USA&on=2025-01-01",
        "/transfers",
    ]


def test_hostile_markup_is_escaped_on_every_page(client: TestClient) -> None:
    for path in _hostile_pages(client):
        r = client.get(path)
        assert r.status_code == 200, path
        body = r.text
        assert "<script>window" not in body and "<img src=x" not in body, path
        assert "<b onmouseover" not in body, path
        if path.startswith(("/events/", "/documents/")):
            assert "&lt;script&gt;window.__pwned" in body and "&lt;img src=x onerror=" in body, path


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ["/", "/events", "/api/events", "/api/network?on=bad", "/static/app.css", "/nowhere"]:
        r = client.get(path)
        assert r.headers["content-security-policy"] == CSP, path
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP


def test_csv_downloads_defuse_formulas(client: TestClient) -> None:
    from pactwatch.serve.render import csv_text

    text = csv_text([{"a": "=HYPERLINK(1)", "b": "-1.5", "c": "@x"}], ["a", "b", "c"])
    assert text.splitlines()[1] == "'=HYPERLINK(1),-1.5,'@x"


def test_serve_binds_loopback_by_default() -> None:
    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and not args.allow_writes


def test_writes_refuse_to_start_without_a_token(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from pactwatch.cli import main

    monkeypatch.delenv("PACTWATCH_TOKEN", raising=False)
    assert main(["serve", "--allow-writes", "--db", f"{tmp_path}/x.db"]) == 2


@pytest.mark.slow
def test_fuzzed_api_never_answers_5xx(web_db: str) -> None:
    """Schemathesis generates requests for every GET operation of /openapi.json; none may crash the server."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(Store.open(web_db)))
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() != "GET":
            continue

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def fuzz(case: schemathesis.Case) -> None:
            response = case.call()
            assert response.status_code < 500, f"{case.path} {case.query}: {response.status_code} {response.text[:200]}"
            assert "Traceback" not in response.text

        fuzz()
        checked.append(operation.path)
    assert "/api/network" in checked and "/api/scenario" in checked and len(checked) >= 12
