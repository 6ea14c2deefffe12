"""The JSON API in-process: shapes as the commands print them, filters, pagination, CSV, errors, writes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from pactwatch.serve import create_app
from pactwatch.store import Store

TOKEN = "test-token-123"  # noqa: S105 - a test token


@pytest.fixture(scope="module")
def client(web_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(Store.open(web_db)), raise_server_exceptions=False) as c:
        yield c


def _cli(web_db: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "pactwatch", *args, "--db", web_db], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_network_has_the_command_shape(client: TestClient, web_db: str) -> None:
    api = client.get("/api/network", params={"on": "2024-06-28"}).json()
    cli = json.loads(_cli(web_db, "network", "--on", "2024-06-28", "--format", "json"))
    assert api["on"] == cli["on"] == "2024-06-28"
    assert api == cli
    assert api["edges"] and all("bloc" in n for n in api["nodes"])


def test_blocs_match_the_command(client: TestClient, web_db: str) -> None:
    api = client.get("/api/blocs", params={"on": "2024-06-28"}).json()
    cli = json.loads(_cli(web_db, "blocs", "--on", "2024-06-28"))
    assert api == cli
    members = [m for b in api["blocs"] for m in b["members"]]
    assert len(members) == len(set(members))


def test_scenario_matches_the_command(client: TestClient, web_db: str) -> None:
    params = {"attacked": "PRK", "by": "USA", "on": "2025-01-01"}
    api = client.get("/api/scenario", params=params).json()
    cli = json.loads(_cli(web_db, "scenario", "--attacked", "PRK", "--by", "USA", "--on", "2025-01-01"))
    assert api == cli
    assert any(o["state"] == "RUS" and o["status"] == "triggered" for o in api["obligations"])


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"actor": "PRK"}, lambda e: "PRK" in {a["code"] for a in [*e["source"], *e["target"]]}),
        ({"type": "AID"}, lambda e: e["type"] == "AID"),
        ({"modality": "denied"}, lambda e: e["modality"] == "denied"),
        ({"since": "2024-01-01"}, lambda e: (e["date"] or "") >= "2024-01-01"),
        ({"q": "launcher"}, lambda e: "launcher" in json.dumps(e).lower()),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, str], check: object) -> None:
    data = client.get("/api/events", params={**params, "limit": 1000}).json()
    assert data["total"] > 0
    assert all(check(e) for e in data["events"])  # type: ignore[operator]


def test_events_paginate_and_list_sources(client: TestClient) -> None:
    whole = client.get("/api/events", params={"limit": 1000}).json()
    page = client.get("/api/events", params={"limit": 5, "offset": 5}).json()
    assert page["total"] == whole["total"] and len(page["events"]) == 5
    assert [e["id"] for e in page["events"]] == [e["id"] for e in whole["events"][5:10]]
    multi = next(e for e in whole["events"] if len(e["sources"]) > 1)
    one = client.get(f"/api/events/{multi['id']}").json()
    assert len(one["sources"]) == len(multi["sources"])
    for s in one["sources"]:
        marked = [p["text"] for p in s["parts"] if p["mark"]]
        assert marked == [s["evidence"]["text"]]


def test_events_match_the_command(client: TestClient, web_db: str) -> None:
    cli = [json.loads(line) for line in _cli(web_db, "events", "--actor", "RUS", "--format", "jsonl").splitlines()]
    api = client.get("/api/events", params={"actor": "RUS", "limit": 1000}).json()["events"]
    assert [e["id"] for e in api] == [e["id"] for e in cli]


@pytest.mark.parametrize(
    "path",
    [
        "/api/events",
        "/api/network?on=2024-06-28",
        "/api/blocs?on=2024-06-28",
        "/api/treaties",
        "/api/transfers",
        "/api/documents",
        "/api/scenario?attacked=EST&by=RUS&on=2025-01-01",
        "/api/timeline?a=RUS&b=PRK",
    ],
)
def test_every_table_downloads_as_csv(client: TestClient, path: str) -> None:
    sep = "&" if "?" in path else "?"
    r = client.get(f"{path}{sep}format=csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows)


def test_other_resources(client: TestClient) -> None:
    treaty = client.get("/api/treaties/nato-1949").json()
    assert treaty["spells"] and any(p["type"] == "defense" for p in treaty["provisions"])
    tl = client.get("/api/timeline", params={"a": "RUS", "b": "PRK"}).json()
    assert tl["pair"] == ["RUS", "PRK"] and tl["months"] and tl["events"]
    span = client.get("/api/range").json()
    assert span["first"] <= span["last"]
    assert span["first"] <= "1949-04-04"  # treaty ties are in the graph, so the range reaches NATO's signing
    assert client.get("/openapi.json").json()["paths"]["/api/network"]["get"]


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/api/network?on=2024-13-45", 422, "on: "),
        ("/api/network?on=yesterday", 422, "YYYY-MM-DD"),
        ("/api/blocs?on=2024-02-30", 422, "on: "),
        ("/api/events?since=June", 422, "since"),
        ("/api/events?type=HUG", 422, "type"),
        ("/api/events?limit=0", 422, "limit"),
        ("/api/scenario?attacked=", 422, "attacked"),
        ("/api/scenario", 422, "attacked"),
        ("/api/events/cl-nope", 404, "no such event"),
        ("/api/treaties/nope", 404, "no such treaty"),
        ("/api/timeline?a=RUS&b=RUS", 400, "itself"),
    ],
)
def test_bad_requests_name_the_problem(client: TestClient, path: str, status: int, words: str) -> None:
    r = client.get(path)
    assert r.status_code == status, r.text
    assert words in r.json()["detail"]
    assert "Traceback" not in r.text


def test_writes_are_off_by_default(client: TestClient) -> None:
    r = client.post("/api/documents", json={"text": "Russia delivered shells to North Korea in 2023."})
    assert r.status_code == 403 and "--allow-writes" in r.json()["detail"]


def test_writes_need_the_bearer_token(tmp_path: object) -> None:
    store = Store.open(f"{tmp_path}/w.db")
    with TestClient(create_app(store, write_token=TOKEN)) as c:
        doc = {"text": "Russia delivered artillery shells to North Korea in 2023.", "published": "2023-10-01"}
        assert c.post("/api/documents", json=doc).status_code == 401
        assert c.post("/api/documents", json=doc, headers={"Authorization": "Bearer nope"}).status_code == 401
        r = c.post("/api/documents", json=doc, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201 and r.json()["stored"] and r.json()["events"] >= 1
        again = c.post("/api/documents", json=doc, headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert not again["stored"]
        assert c.get("/api/events", params={"actor": "PRK"}).json()["total"] >= 1


def test_server_errors_hide_the_trace(web_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from pactwatch.serve import views

    def boom(*_args: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(views, "date_range", boom)
    with TestClient(create_app(Store.open(web_db)), raise_server_exceptions=False) as c:
        r = c.get("/api/range")
    assert r.status_code == 500 and "secret" not in r.text and "internal error" in r.json()["detail"]
