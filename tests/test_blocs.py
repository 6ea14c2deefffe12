"""Blocs on the demo store: found from the evidence, reproducible, every state in exactly one bloc."""

from __future__ import annotations

import json

import pytest

from pactwatch.analyse.blocs import blocs_on, detect_blocs
from pactwatch.analyse.graph import Network, Node
from pactwatch.cli import main
from pactwatch.store import Store
from pactwatch.store.clusters import merged_events

ON = "2024-06-28"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("blocs") / "demo.db")
    assert main(["demo", "--db", db]) == 0
    return db


def _bloc_of(result: dict[str, object], code: str) -> set[str]:
    blocs = result["blocs"]
    assert isinstance(blocs, list)
    return next(set(b["members"]) for b in blocs if code in b["members"])


def test_demo_blocs_as_of_2024_06_28(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["blocs", "--on", ON, "--db", demo_db]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["on"] == ON
    east, west = _bloc_of(result, "RUS"), _bloc_of(result, "USA")
    assert {"CHN", "IRN", "PRK", "RUS"} <= east
    assert {"JPN", "KOR", "USA"} <= west
    assert east.isdisjoint(west)
    members = [m for b in result["blocs"] for m in b["members"]]
    assert len(members) == len(set(members))
    east_bloc = next(b for b in result["blocs"] if "RUS" in b["members"])
    assert 0 < east_bloc["cohesion"] <= 1 and east_bloc["ties"]
    assert any(t["events"] for t in east_bloc["ties"])


def test_blocs_are_reproducible_and_cover_every_state(demo_db: str) -> None:
    store = Store.open(demo_db)
    network, first = blocs_on(store, ON)
    _network, second = blocs_on(store, ON)
    assert first.to_json() == second.to_json()
    states = {n.id for n in network.nodes if n.kind == "state"}
    assert sorted(m for b in first.blocs for m in b.members) == sorted(states)


def test_demo_merges_the_treaty_signing_reports(demo_db: str) -> None:
    store = Store.open(demo_db)
    events = merged_events(store)
    assert len(events) < store.counts()["events"]
    signing = {"demo-041", "demo-042", "demo-043"}
    assert any(len(signing & {s.doc_id for s in e.sources}) >= 2 for e in events)


def test_negative_ties_split_a_positive_community() -> None:
    from pactwatch.analyse.graph import Edge

    nodes = tuple(Node(c, "state", c) for c in ("AAA", "BBB", "CCC", "DDD"))
    edges = (
        Edge("AAA", "BBB", "defense", False, 5.0, "treaty", 1),
        Edge("CCC", "DDD", "defense", False, 5.0, "treaty", 1),
        Edge("BBB", "CCC", "cooperation", False, 1.0, "events", 1),
        Edge("AAA", "DDD", "conflict", True, -6.0, "events", 1),
    )
    result = detect_blocs(Network("2024-01-01", nodes, edges))
    groups = {frozenset(b.members) for b in result.blocs}
    assert groups == {frozenset({"AAA", "BBB"}), frozenset({"CCC", "DDD"})}
    assert any(f.weight < 0 for b in result.blocs for f in b.frictions)


def test_network_command_formats(demo_db: str, tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["network", "--on", ON, "--format", "json", "--db", demo_db]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["on"] == ON and data["nodes"] and data["edges"]
    assert {"defense", "cooperation", "conflict"} <= {e["type"] for e in data["edges"]}
    out = f"{tmp_path}/net.png"
    assert main(["network", "--on", ON, "--format", "png", "--out", out, "--db", demo_db]) == 0
    with open(out, "rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
