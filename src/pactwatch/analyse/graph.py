"""The as-of relation graph: states and organisations tied by treaties and events on a date.

Nodes are states (ISO 3166 alpha-3; ``SUN`` counts as ``RUS``) and international
organisations (the IGO list of the knowledge base). Edges, each typed:

- **treaty edges** (``defense``, ``offense``, ``neutrality``, ``nonaggression``,
  ``consultation``; ``alignment`` for a treaty in force without a coded provision):
  one per pair of members bound on the date, from the knowledge base and every
  treaty the store holds (texts ingested, ATOP/COW imports). A provision with
  named obligors and beneficiaries gives directed edges obligor -> beneficiary;
  a symmetric pledge gives undirected ones. Treaties do not decay while in force.
- **event edges** (``cooperation``, ``conflict``): from the merged events (one per
  real-world event, however many articles report it) up to the date, imported
  register rows (SIPRI) included as they are stored as events. Each event
  contributes ``type weight x modality weight x confidence x 2 ** (-age / half-life)``;
  directed source -> target, or undirected between co-actors of a joint act.

Weights and parameters live in ``analyse/data/relation_weights.csv`` (each with
its reason): cooperative event types are positive, conflictual ones negative,
a defence pledge is the strongest tie. A multilateral treaty's pair weight is
scaled by ``multilateral_scale / n`` for its ``n`` members on the date. With the
default half-life the event sums come from running totals of pre-decayed weights
(``store/totals.py``); another half-life reads the ties and decays them here.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import repeat
from operator import itemgetter
from typing import Any, NamedTuple

import networkx as nx

from pactwatch.analyse.merge import alliance_code, ensure_merged
from pactwatch.analyse.treaties import all_treaties, in_force_on, members_on
from pactwatch.analyse.weights import Weights, load_weights
from pactwatch.errors import PactwatchError
from pactwatch.kb.rows import read_rows
from pactwatch.model import Provision, Treaty
from pactwatch.store import Store
from pactwatch.store.clusters import tie_columns, ties_until
from pactwatch.store.totals import STORED_HALF_LIFE_DAYS, TieSum, gc_paused

TREATY_TYPES = ("defense", "offense", "neutrality", "nonaggression", "consultation", "alignment")
EVENT_KINDS = ("cooperation", "conflict")


@dataclass(frozen=True)
class Node:
    """A state or an international organisation."""

    id: str
    kind: str
    name: str

    def to_json(self) -> dict[str, Any]:
        """The node as printed."""
        return {"id": self.id, "kind": self.kind, "name": self.name}


class Edge(NamedTuple):
    """A typed tie; ``weight`` is signed (conflict < 0); ``evidence`` names the treaties behind it.

    A named tuple: cheap to build by the ten thousand, and it sorts by its fields.
    """

    source: str
    target: str
    type: str
    directed: bool
    weight: float
    origin: str
    n: int
    evidence: tuple[str, ...] = ()
    last: str | None = None

    @property
    def pair(self) -> tuple[str, str]:
        """The unordered pair, sorted."""
        a, b = sorted((self.source, self.target))
        return a, b

    def to_json(self) -> dict[str, Any]:
        """The edge as printed."""
        return {
            "source": self.source,
            "target": self.target,
            "type": self.type,
            "directed": self.directed,
            "weight": round(self.weight, 4),
            "origin": self.origin,
            "count": self.n,
            "evidence": list(self.evidence),
            "last": self.last,
        }


@dataclass(frozen=True)
class Network:
    """The graph as of ``on``: nodes, typed edges and the parameters that weighed them."""

    on: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    params: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The ``pactwatch network --format json`` shape."""
        return {
            "on": self.on,
            "params": self.params,
            "nodes": [n.to_json() for n in self.nodes],
            "edges": [e.to_json() for e in self.edges],
        }

    def signed_pairs(self) -> dict[tuple[str, str], float]:
        """Net signed weight per unordered pair (every edge type summed)."""
        net: dict[tuple[str, str], float] = defaultdict(float)
        for e in self.edges:
            if e.source != e.target:
                net[e.pair] += e.weight
        return dict(net)


@cache
def node_table() -> dict[str, Node]:
    """Every state and organisation the knowledge base knows, by code."""
    nodes: dict[str, Node] = {}
    for row in read_rows("countries.csv"):
        code = alliance_code(row["code"].strip())
        nodes.setdefault(code, Node(code, "state", row["name"].strip()))
    for row in read_rows("igos.csv"):
        code = row["code"].strip()
        nodes.setdefault(code, Node(code, "igo", row["name"].strip()))
    return nodes


def _check_day(on: str) -> str:
    try:
        return date.fromisoformat(on).isoformat()
    except ValueError as exc:
        raise PactwatchError(f"{on!r} is not a date; use YYYY-MM-DD") from exc


def build_network(store: Store | None, on: str, half_life: float | None = None) -> Network:
    """The relation graph as of ``on`` (ISO day), from treaties in force and events up to it."""
    on = _check_day(on)
    weights = load_weights()
    half = half_life or weights.half_life_days
    if half <= 0:
        raise PactwatchError(f"half-life {half} days: use a positive number of days")
    if store is not None:
        ensure_merged(store)  # a merge may build much cyclic garbage: outside the pause
    known = node_table()
    with gc_paused():  # 10^5 edges at a million events: see gc_paused
        edges = [e for e in treaty_edges(all_treaties(store), on, weights) if e.source in known and e.target in known]
        if store is not None:
            edges.extend(_event_edges(store, on, half, known))
        edges.sort()  # the event edges come sorted: one long run
        codes = sorted(set(map(itemgetter(0), edges)) | set(map(itemgetter(1), edges)))
    params = {"half_life_days": half, "multilateral_scale": weights.multilateral_scale}
    return Network(on, tuple(known[c] for c in codes), tuple(edges), params)


def _event_edges(store: Store, on: str, half: float, known: Container[str]) -> list[Edge]:
    """The event edges between ``known`` nodes, sorted: from the stored totals at the stored half-life.

    At the stored half-life the edges are built straight from the totals' columns, in
    key order (which is edge order), one tuple per edge and no :class:`TieSum` between.
    """
    if abs(half - STORED_HALF_LIFE_DAYS) < 1e-9:
        a, b, directed, kind, weight, n, last = tie_columns(store, on, among=known, nonzero=True)
        fields = zip(a, b, kind, directed, weight, repeat("events"), n, repeat(()), last, strict=False)
        edges: list[Edge] = list(map(tuple.__new__, repeat(Edge), fields))
        return edges
    found = event_edges(_event_sums(store, on, half))
    found.sort()
    return [e for e in found if e.source in known and e.target in known]


def _event_sums(store: Store, on: str, half: float) -> list[TieSum]:
    """Signed event weights decayed to ``on`` with another half-life than the stored one: read tie by tie."""
    sums: dict[tuple[str, str, bool, str], list[Any]] = {}
    for tie in ties_until(store, on):
        age = (date.fromisoformat(on) - date.fromisoformat(tie.day)).days
        key = (tie.a, tie.b, tie.directed, tie.kind)
        entry = sums.setdefault(key, [0.0, 0, tie.day])
        entry[0] += tie.signed * 2.0 ** (-age / half)
        entry[1] += 1
        entry[2] = max(entry[2], tie.day)
    return [TieSum(k[0], k[1], k[2], k[3], v[0], v[1], v[2]) for k, v in sums.items()]


def event_edges(sums: Iterable[TieSum]) -> list[Edge]:
    """Cooperation and conflict edges, one per (pair, direction, kind)."""
    make = Edge._make  # a tuple in, no keyword handling: the cheapest way to build 10^5 of them
    return [make((a, b, kind, d, w, "events", n, (), last)) for a, b, d, kind, w, n, last in sums if w]


def treaty_edges(treaties: Iterable[Treaty], on: str, weights: Weights) -> list[Edge]:
    """Edges of every treaty in force on ``on``, per pair and provision type, summed over treaties."""
    acc: dict[tuple[str, str, bool, str], tuple[float, list[str]]] = {}
    for treaty in treaties:
        if not in_force_on(treaty, on):
            continue
        members = sorted({alliance_code(c) for c in members_on(treaty, on)})
        if len(members) < 2:
            continue
        scale = 1.0 if len(members) == 2 else weights.multilateral_scale / len(members)
        provisions = treaty.provisions or (Provision("alignment", None),)
        for p in provisions:
            weight = weights.treaty.get(p.type, 0.0) * scale
            for a, b, directed in _provision_pairs(p, members):
                key = (a, b, directed, p.type)
                total, ids = acc.get(key, (0.0, []))
                acc[key] = (total + weight, ids if treaty.id in ids else [*ids, treaty.id])
    return [
        Edge(a, b, kind, directed, w, "treaty", len(ids), tuple(ids), None)
        for (a, b, directed, kind), (w, ids) in acc.items()
        if w
    ]


def _provision_pairs(p: Provision, members: list[str]) -> list[tuple[str, str, bool]]:
    """(a, b, directed) pairs a provision binds among the members on the date."""
    inside = set(members)
    obligors = sorted({alliance_code(c) for c in p.obligor} & inside) if p.obligor else members
    owed = sorted({alliance_code(c) for c in p.beneficiary} & inside) if p.beneficiary else members
    if set(obligors) == set(owed):
        return [(a, b, False) for i, a in enumerate(obligors) for b in obligors[i + 1 :]]
    return [(a, b, True) for a in obligors for b in owed if a != b]


def to_networkx(network: Network, blocs: dict[str, int] | None = None) -> nx.MultiDiGraph:
    """A MultiDiGraph: undirected ties appear once with ``directed=False``; attributes are GraphML-safe."""
    graph = nx.MultiDiGraph(on=network.on, **{k: float(v) for k, v in network.params.items()})
    for n in network.nodes:
        attrs: dict[str, Any] = {"kind": n.kind, "name": n.name}
        if blocs is not None:
            attrs["bloc"] = blocs.get(n.id, -1)
        graph.add_node(n.id, **attrs)
    for e in network.edges:
        graph.add_edge(
            e.source,
            e.target,
            key=f"{e.type}{'' if e.directed else '~'}",
            type=e.type,
            directed=e.directed,
            weight=round(e.weight, 6),
            origin=e.origin,
            count=e.n,
            evidence=";".join(e.evidence),
            last=e.last or "",
        )
    return graph


def positive_graph(network: Network) -> nx.Graph:
    """Undirected graph of the pairs whose net weight is positive (every node kept)."""
    graph = nx.Graph()
    graph.add_nodes_from(n.id for n in network.nodes)
    for (a, b), w in sorted(network.signed_pairs().items()):
        if w > 0:
            graph.add_edge(a, b, weight=w)
    return graph


NETWORK_FORMATS = ("json", "graphml", "gexf", "csv", "png")
CSV_COLUMNS = ("source", "target", "type", "directed", "weight", "origin", "count", "evidence", "last")


def render_network(network: Network, fmt: str, blocs: dict[str, int] | None = None) -> bytes:
    """The network in one of :data:`NETWORK_FORMATS` (PNG drawn by ``analyse/plots.py``)."""
    if fmt == "json":
        import json

        data = network.to_json()
        if blocs is not None:
            for node in data["nodes"]:
                node["bloc"] = blocs.get(node["id"], -1)
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt == "csv":
        return _csv(network)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(to_networkx(network, blocs))).encode("utf-8") + b"\n"
    if fmt == "gexf":
        return _gexf(network, blocs)
    if fmt == "png":
        from pactwatch.analyse.plots import network_png

        return network_png(network, blocs or {})
    raise PactwatchError(f"unknown network format {fmt!r}; use one of {', '.join(NETWORK_FORMATS)}")


def _csv(network: Network) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for e in network.edges:
        row = e.to_json()
        row["evidence"] = ";".join(row["evidence"])
        row["directed"] = int(row["directed"])
        writer.writerow({k: row[k] if row[k] is not None else "" for k in CSV_COLUMNS})
    return out.getvalue().encode("utf-8")


def _gexf(network: Network, blocs: dict[str, int] | None) -> bytes:
    """GEXF 1.2 for Gephi.

    GEXF's edge ``type`` is ``directed`` or ``undirected``, so the relation type
    moves to ``relation`` (also the edge label); ``weight`` is the tie's strength
    (absolute: Gephi's layouts need positive weights) and ``signed_weight`` keeps the sign.
    """
    graph = to_networkx(network, blocs)
    for _a, _b, data in graph.edges(data=True):
        data["relation"] = data["label"] = data.pop("type")
        data["type"] = "directed" if data["directed"] else "undirected"
        data["signed_weight"] = data["weight"]
        data["weight"] = abs(data["weight"])
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer)
    return buffer.getvalue()
