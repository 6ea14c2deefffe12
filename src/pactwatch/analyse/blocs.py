"""Blocs: reproducible communities of the signed, weighted as-of graph.

Method, deterministic for a given store and date:

1. Collapse the network to one signed weight per unordered pair (every treaty
   and event edge between the two summed; see ``analyse/graph.py``).
2. Louvain (networkx) on the positive pairs, nodes in sorted order, fixed seed.
3. Signed refinement: nodes are visited in sorted order and moved to the bloc
   (or a bloc of their own) that most raises the signed modularity of Gómez,
   Jensen and Arenas (2009), ``Q = (w+ Q+ - w- Q-) / (w+ + w-)``, until no move
   helps (at most :data:`MAX_PASSES` passes). Louvain alone never sees the
   negative ties; this step keeps two states that fight out of one bloc.

Every node of the graph ends in exactly one bloc. Each bloc lists its states
(``members``) and organisations, its ``cohesion`` (the share of its members'
positive tie weight that stays inside the bloc), ``density`` (the share of member
pairs with a positive tie), the strongest internal ties (``ties``, with the edge
types and treaties behind them) and the strongest negative ties to other blocs
(``frictions``). Blocs are ranked by internal positive weight.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

import networkx as nx

from pactwatch.analyse.graph import EVENT_KINDS, Network, build_network
from pactwatch.analyse.timeline import signed_weight
from pactwatch.analyse.weights import load_weights
from pactwatch.store import Store
from pactwatch.store.clusters import ties_until

SEED = 42
RESOLUTION = 1.0
MAX_PASSES = 10
TOP_TIES = 8


@dataclass(frozen=True)
class Tie:
    """A pair's net weight and the edges behind it."""

    a: str
    b: str
    weight: float
    edges: tuple[dict[str, Any], ...]
    events: tuple[dict[str, Any], ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The tie as printed: the pair, its net weight, the typed edges and the strongest events."""
        return {
            "pair": [self.a, self.b],
            "weight": round(self.weight, 3),
            "edges": list(self.edges),
            "events": list(self.events),
        }


@dataclass(frozen=True)
class Bloc:
    """One community of the signed graph."""

    id: int
    members: tuple[str, ...]
    organisations: tuple[str, ...]
    internal: float
    internal_negative: float
    cohesion: float
    density: float
    ties: tuple[Tie, ...]
    frictions: tuple[Tie, ...]

    def to_json(self) -> dict[str, Any]:
        """The SPEC bloc shape (``id``, ``members``) with the measures and ties."""
        return {
            "id": self.id,
            "members": list(self.members),
            "organisations": list(self.organisations),
            "size": len(self.members),
            "strength": round(self.internal, 3),
            "internal_negative": round(self.internal_negative, 3),
            "cohesion": round(self.cohesion, 3),
            "density": round(self.density, 3),
            "ties": [t.to_json() for t in self.ties],
            "frictions": [t.to_json() for t in self.frictions],
        }


@dataclass(frozen=True)
class BlocResult:
    """Blocs as of a date, with the method's settings."""

    on: str
    blocs: tuple[Bloc, ...]
    modularity: float
    params: dict[str, Any]

    def assignment(self) -> dict[str, int]:
        """Bloc id of every node (states and organisations)."""
        return {code: b.id for b in self.blocs for code in (*b.members, *b.organisations)}

    def to_json(self) -> dict[str, Any]:
        """The SPEC ``blocs`` shape."""
        return {
            "on": self.on,
            "method": self.params,
            "signed_modularity": round(self.modularity, 4),
            "blocs": [b.to_json() for b in self.blocs],
        }


class _Signed:
    """Adjacency of the signed pair graph with the totals signed modularity needs."""

    def __init__(self, nodes: list[str], pairs: dict[tuple[str, str], float]) -> None:
        self.nodes = nodes
        self.adj: dict[str, dict[str, float]] = {n: {} for n in nodes}
        for (a, b), w in pairs.items():
            if w and a in self.adj and b in self.adj:
                self.adj[a][b] = w
                self.adj[b][a] = w
        self.pos_deg = {n: sum(w for w in self.adj[n].values() if w > 0) for n in nodes}
        self.neg_deg = {n: -sum(w for w in self.adj[n].values() if w < 0) for n in nodes}
        self.m_pos = sum(self.pos_deg.values()) / 2
        self.m_neg = sum(self.neg_deg.values()) / 2

    def gain(self, node: str, links: tuple[float, float], totals: tuple[float, float]) -> float:
        """Signed-modularity numerator of joining a bloc with these links and degree totals."""
        k_pos, k_neg = self.pos_deg[node], self.neg_deg[node]
        value = 0.0
        if self.m_pos:
            value += links[0] - totals[0] * k_pos / (2 * self.m_pos)
        if self.m_neg:
            value -= links[1] - totals[1] * k_neg / (2 * self.m_neg)
        return value

    def modularity(self, part: dict[str, int]) -> float:
        """Signed modularity of a partition."""
        total = self.m_pos + self.m_neg
        if not total:
            return 0.0
        q = 0.0
        for comm in _groups(part).values():
            members = set(comm)
            pos_in = sum(w for a in comm for b, w in self.adj[a].items() if b in members and w > 0) / 2
            neg_in = -sum(w for a in comm for b, w in self.adj[a].items() if b in members and w < 0) / 2
            if self.m_pos:
                q += pos_in - sum(self.pos_deg[a] for a in comm) ** 2 / (4 * self.m_pos)
            if self.m_neg:
                q -= neg_in - sum(self.neg_deg[a] for a in comm) ** 2 / (4 * self.m_neg)
        return q / total


def _groups(part: dict[str, int]) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = defaultdict(list)
    for node in sorted(part):
        groups[part[node]].append(node)
    return groups


def _louvain(graph: _Signed, seed: int, resolution: float) -> dict[str, int]:
    positive = nx.Graph()
    positive.add_nodes_from(graph.nodes)
    for a in graph.nodes:
        for b, w in sorted(graph.adj[a].items()):
            if w > 0 and a < b:
                positive.add_edge(a, b, weight=w)
    communities = nx.community.louvain_communities(positive, weight="weight", resolution=resolution, seed=seed)
    ordered = sorted((sorted(c) for c in communities), key=lambda c: c[0])
    return {node: i for i, comm in enumerate(ordered) for node in comm}


def _refine(graph: _Signed, part: dict[str, int]) -> dict[str, int]:
    """Local moves on signed modularity, nodes in sorted order, until nothing improves."""
    pos_tot: dict[int, float] = defaultdict(float)
    neg_tot: dict[int, float] = defaultdict(float)
    for node, c in part.items():
        pos_tot[c] += graph.pos_deg[node]
        neg_tot[c] += graph.neg_deg[node]
    fresh = max(part.values(), default=-1) + 1
    for _ in range(MAX_PASSES):
        moved = False
        for node in graph.nodes:
            current = part[node]
            pos_tot[current] -= graph.pos_deg[node]
            neg_tot[current] -= graph.neg_deg[node]
            links: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
            for other, w in graph.adj[node].items():
                if other != node:
                    links[part[other]][0 if w > 0 else 1] += abs(w)
            options = {c: graph.gain(node, (v[0], v[1]), (pos_tot[c], neg_tot[c])) for c, v in links.items()}
            options.setdefault(current, graph.gain(node, (0.0, 0.0), (pos_tot[current], neg_tot[current])))
            options.setdefault(fresh, 0.0)
            stay = options[current]
            best = max(sorted(options), key=lambda c: options[c])
            if options[best] > stay + 1e-9 and best != current:
                part[node] = best
                moved = True
                if best == fresh:
                    fresh += 1
            pos_tot[part[node]] += graph.pos_deg[node]
            neg_tot[part[node]] += graph.neg_deg[node]
        if not moved:
            break
    return part


def detect_blocs(network: Network, seed: int = SEED, resolution: float = RESOLUTION) -> BlocResult:
    """Blocs of the network (see the module docstring)."""
    nodes = sorted(n.id for n in network.nodes)
    pairs = network.signed_pairs()
    graph = _Signed(nodes, pairs)
    part = _refine(graph, _louvain(graph, seed, resolution))
    kinds = {n.id: n.kind for n in network.nodes}
    blocs = [_bloc(members, graph, network, kinds, part) for members in _groups(part).values()]
    blocs.sort(key=lambda b: (-b.internal, -len(b.members), b.members))
    ranked = tuple(_renumber(b, i) for i, b in enumerate(blocs))
    params = {"algorithm": "louvain+signed-refinement", "seed": seed, "resolution": resolution, **network.params}
    return BlocResult(network.on, ranked, graph.modularity(part), params)


def _renumber(bloc: Bloc, new_id: int) -> Bloc:
    return Bloc(new_id, *[getattr(bloc, f) for f in Bloc.__dataclass_fields__ if f != "id"])


def _bloc(members: list[str], graph: _Signed, network: Network, kinds: dict[str, str], part: dict[str, int]) -> Bloc:
    inside = set(members)
    internal = [(a, b, w) for a in members for b, w in graph.adj[a].items() if b in inside and a < b]
    pos_in = sum(w for _, _, w in internal if w > 0)
    neg_in = -sum(w for _, _, w in internal if w < 0)
    strength = sum(graph.pos_deg[a] for a in members)
    positive_pairs = sum(1 for _, _, w in internal if w > 0)
    possible = len(members) * (len(members) - 1) / 2
    outward = [(a, b, w) for a in members for b, w in graph.adj[a].items() if b not in inside and w < 0]
    return Bloc(
        id=part[members[0]],
        members=tuple(m for m in members if kinds.get(m) != "igo"),
        organisations=tuple(m for m in members if kinds.get(m) == "igo"),
        internal=pos_in,
        internal_negative=neg_in,
        cohesion=(2 * pos_in / strength) if strength else 0.0,
        density=(positive_pairs / possible) if possible else 0.0,
        ties=_top_ties(network, [t for t in internal if t[2] > 0], reverse=True),
        frictions=_top_ties(network, outward, reverse=False),
    )


def _top_ties(network: Network, pairs: list[tuple[str, str, float]], reverse: bool) -> tuple[Tie, ...]:
    chosen = sorted(pairs, key=lambda t: (-t[2] if reverse else t[2], t[0], t[1]))[:TOP_TIES]
    out: list[Tie] = []
    for a, b, w in chosen:
        x, y = sorted((a, b))
        edges = [
            {
                "source": e.source,
                "target": e.target,
                "type": e.type,
                "weight": round(e.weight, 3),
                "directed": e.directed,
                "treaties": list(e.evidence),
            }
            for e in network.edges
            if e.pair == (x, y)
        ]
        out.append(Tie(x, y, w, tuple(edges)))
    return tuple(out)


EVENTS_PER_TIE = 3


def blocs_on(store: Store | None, on: str, half_life: float | None = None) -> tuple[Network, BlocResult]:
    """The network as of ``on`` and its blocs, each tie citing its strongest events."""
    network = build_network(store, on, half_life)
    result = detect_blocs(network)
    if store is None:
        return network, result
    blocs = tuple(_cite(store, b, network.on) for b in result.blocs)
    return network, BlocResult(result.on, blocs, result.modularity, result.params)


def _cite(store: Store, bloc: Bloc, on: str) -> Bloc:
    ties = tuple(_cite_tie(store, t, on) for t in bloc.ties)
    frictions = tuple(_cite_tie(store, t, on) for t in bloc.frictions)
    return replace(bloc, ties=ties, frictions=frictions)


def _cite_tie(store: Store, tie: Tie, on: str) -> Tie:
    if not any(e["type"] in EVENT_KINDS for e in tie.edges):
        return tie
    weights = load_weights()
    rows = ties_until(store, on, pair=(tie.a, tie.b))
    rows.sort(key=lambda t: (-abs(signed_weight(t, weights)), t.day, t.cluster_id))
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row.cluster_id not in seen and len(seen) < EVENTS_PER_TIE:
            seen[row.cluster_id] = {"id": row.cluster_id, "type": row.type, "day": row.day}
    return replace(tie, events=tuple(seen.values()))
