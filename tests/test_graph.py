"""The as-of graph: treaty and event edges, weights and decay, and the export formats."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from pactwatch.analyse.graph import build_network, render_network, to_networkx, treaty_edges
from pactwatch.analyse.merge import merge_store
from pactwatch.analyse.weights import load_weights
from pactwatch.model import Actor, Document, Event, Evidence, Membership, Provision, Treaty
from pactwatch.store import Store


def _aid(store: Store, doc: str, day: str, etype: str = "AID", src: str = "RUS", tgt: str = "PRK") -> None:
    text = f"{src} and {tgt}: report {doc} of {etype.lower()} on {day}."
    store.add_document(Document(doc, text, published=day))
    ev = Event(doc, etype, (Actor(src, src),), (Actor(tgt, tgt),), Evidence(text, 0, len(text)), date=day,
               date_precision="day", confidence=0.8)  # fmt: skip
    store.add_events([ev])


def test_treaty_edges_are_typed_directed_where_asymmetric_and_scaled() -> None:
    pact = Treaty("t1", "Pact", ("AAA", "BBB"), "2000-01-01", provisions=(
        Provision("defense", "1"), Provision("consultation", "2", obligor=("AAA",), beneficiary=("BBB",))))  # fmt: skip
    bloc = Treaty("t2", "Bloc", (), "2000-01-01", members=tuple(Membership(c, "2000-01-01") for c in "CDEF"),
                  provisions=(Provision("defense", "5"),))  # fmt: skip
    weights = load_weights()
    edges = {(e.source, e.target, e.type): e for e in treaty_edges([pact, bloc], "2001-01-01", weights)}
    assert not edges["AAA", "BBB", "defense"].directed
    assert edges["AAA", "BBB", "consultation"].directed
    assert edges["AAA", "BBB", "defense"].weight == weights.treaty["defense"]
    assert edges["C", "D", "defense"].weight == pytest.approx(weights.treaty["defense"] * 2 / 4)
    assert treaty_edges([pact], "1999-12-31", weights) == []


def test_event_edges_decay_and_sign(store: Store) -> None:
    _aid(store, "d1", "2023-06-28")
    _aid(store, "d2", "2024-06-01", "SANCTION", "USA", "RUS")
    merge_store(store)
    net = build_network(store, "2024-06-28")
    edges = {(e.source, e.target, e.type): e for e in net.edges}
    aid = edges["RUS", "PRK", "cooperation"]
    assert aid.directed and aid.origin == "events" and aid.n == 1
    assert aid.weight == pytest.approx(4.0 * 0.8 * 2 ** (-366 / 365), rel=1e-6)
    assert edges["USA", "RUS", "conflict"].weight < 0
    slow = {(e.source, e.target, e.type): e for e in build_network(store, "2024-06-28", half_life=182.5).edges}
    assert slow["RUS", "PRK", "cooperation"].weight == pytest.approx(4.0 * 0.8 * 2 ** (-366 / 182.5), rel=1e-6)
    before = build_network(store, "2023-06-27")
    assert not [e for e in before.edges if e.origin == "events"]


def test_graphml_round_trips_through_networkx(store: Store) -> None:
    _aid(store, "d1", "2024-06-01")
    net = build_network(store, "2024-06-28")
    graph = nx.read_graphml(io.BytesIO(render_network(net, "graphml", {"RUS": 0})), force_multigraph=True)
    original = to_networkx(net, {"RUS": 0})
    assert set(graph.nodes) == set(original.nodes)
    assert graph.number_of_edges() == original.number_of_edges() == len(net.edges)
    assert graph.nodes["RUS"]["kind"] == "state" and graph.nodes["RUS"]["bloc"] == 0
    for u, v, key, data in original.edges(keys=True, data=True):
        back = graph.edges[u, v, key]
        assert back["type"] == data["type"] and back["directed"] == data["directed"]
        assert back["weight"] == pytest.approx(data["weight"])


def test_gexf_csv_and_json_exports(store: Store) -> None:
    _aid(store, "d1", "2024-06-01")
    net = build_network(store, "2024-06-28")
    root = ET.fromstring(render_network(net, "gexf"))  # noqa: S314 (our own output, not untrusted)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    edges = root.findall(".//g:edge", ns)
    nodes = {n.get("id") for n in root.findall(".//g:node", ns)}
    assert len(edges) == len(net.edges)
    assert all(e.get("type") in ("directed", "undirected") and float(e.get("weight", "-1")) >= 0 for e in edges)
    assert all(e.get("source") in nodes and e.get("target") in nodes for e in edges)
    lines = render_network(net, "csv").decode().splitlines()
    assert lines[0].startswith("source,target,type,directed,weight") and len(lines) == len(net.edges) + 1
    assert render_network(net, "png")[:8] == b"\x89PNG\r\n\x1a\n"
