"""Pictures with matplotlib (Agg, no display): the as-of network and dyad timelines, as PNG bytes.

The network: nodes coloured by bloc and sized by their positive tie strength,
laid out by a seeded spring layout on the positive ties (allies sit close);
edges styled by kind: defence pledges thick solid blue, other treaty pledges thin
dashed grey, cooperation green, conflict dotted red (width grows with weight).
Large graphs are cut to the :data:`PER_BLOC` strongest nodes of each bloc (at most
:data:`MAX_NODES` in all), so that small blocs stay visible next to big alliances.

A dyad timeline: monthly cooperation as green bars above zero, conflict as red
bars below, the net as a black line, treaty milestones as labelled vertical lines.
"""

from __future__ import annotations

import io
import math
from collections import defaultdict
from typing import TYPE_CHECKING, Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
from matplotlib.lines import Line2D

if TYPE_CHECKING:
    from pactwatch.analyse.graph import Network
    from pactwatch.analyse.timeline import Timeline

MAX_NODES = 60
PER_BLOC = 12
SEED = 7
_TREATY_OTHER = ("offense", "neutrality", "nonaggression", "consultation", "alignment")


def _png(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def _strength(network: Network) -> dict[str, float]:
    strength: dict[str, float] = defaultdict(float)
    for (a, b), w in network.signed_pairs().items():
        strength[a] += abs(w)
        strength[b] += abs(w)
    return strength


def network_png(network: Network, blocs: dict[str, int], max_nodes: int = MAX_NODES) -> bytes:
    """The network picture (see the module docstring)."""
    strength = _strength(network)
    shown = _shown(strength, blocs, max_nodes)
    layout_graph = nx.Graph()
    layout_graph.add_nodes_from(sorted(shown))
    for (a, b), w in sorted(network.signed_pairs().items()):
        if a in shown and b in shown and w > 0:
            layout_graph.add_edge(a, b, weight=math.log1p(w))
    pos = nx.spring_layout(layout_graph, seed=SEED, weight="weight", k=1.6 / math.sqrt(max(len(shown), 1)))
    fig, ax = plt.subplots(figsize=(13, 10))
    _draw_edges(ax, network, pos, shown)
    _draw_nodes(ax, pos, blocs, strength, network)
    cut = "" if len(shown) == len(strength) else f" ({len(shown)} strongest of {len(strength)} nodes)"
    ax.set_title(f"Relations as of {network.on}{cut}: colour = bloc, size = tie strength", fontsize=13)
    ax.legend(handles=_legend(), loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, framealpha=0.9)
    ax.set_axis_off()
    return _png(fig)


def _shown(strength: dict[str, float], blocs: dict[str, int], max_nodes: int) -> set[str]:
    """The strongest nodes of each bloc (PER_BLOC at most), then the strongest overall, up to max_nodes."""
    ranked = sorted(strength, key=lambda c: (-strength[c], c))
    taken: dict[int, int] = defaultdict(int)
    shown: list[str] = []
    for code in ranked:
        bloc = blocs.get(code, -1)
        if taken[bloc] < PER_BLOC and len(shown) < max_nodes:
            taken[bloc] += 1
            shown.append(code)
    return set(shown)


def _edge_style(kind: str) -> tuple[str, str, float]:
    if kind == "defense":
        return "#1f4e9c", "solid", 0.9
    if kind in _TREATY_OTHER:
        return "#8c8c8c", "dashed", 0.35
    if kind == "cooperation":
        return "#2e9e44", "solid", 0.75
    return "#d62728", "dotted", 0.85


def _draw_edges(ax: Any, network: Network, pos: dict[str, Any], shown: set[str]) -> None:
    for kind in ("alignment", "nonaggression", "consultation", "neutrality", "offense", "defense", "cooperation"):
        _edge_layer(ax, network, pos, shown, kind)
    _edge_layer(ax, network, pos, shown, "conflict")


def _edge_layer(ax: Any, network: Network, pos: dict[str, Any], shown: set[str], kind: str) -> None:
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for e in network.edges:
        if e.type == kind and e.source in shown and e.target in shown and e.source != e.target:
            totals[e.pair] += abs(e.weight)
    if not totals:
        return
    color, style, alpha = _edge_style(kind)
    for (a, b), w in sorted(totals.items()):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        width = 0.4 + 1.2 * math.log1p(w)
        ax.plot([x1, x2], [y1, y2], color=color, linestyle=style, linewidth=width, alpha=alpha, zorder=1)


def _draw_nodes(ax: Any, pos: dict[str, Any], blocs: dict[str, int], strength: dict[str, float], net: Any) -> None:
    cmap = plt.get_cmap("tab10")
    kinds = {n.id: n.kind for n in net.nodes}
    for code, (x, y) in sorted(pos.items()):
        bloc = blocs.get(code, -1)
        color = cmap(bloc % 10) if bloc >= 0 else "#cccccc"
        size = 120 + 60 * math.sqrt(strength.get(code, 0.0))
        marker = "s" if kinds.get(code) == "igo" else "o"
        ax.scatter([x], [y], s=size, color=color, marker=marker, edgecolors="black", linewidths=0.6, zorder=2)
        ax.annotate(code, (x, y), fontsize=8, ha="center", va="center", zorder=3, fontweight="bold")


def _legend() -> list[Line2D]:
    return [
        Line2D([0], [0], color="#1f4e9c", lw=2.5, label="defence pledge"),
        Line2D([0], [0], color="#8c8c8c", lw=1.2, linestyle="dashed", label="other treaty pledge"),
        Line2D([0], [0], color="#2e9e44", lw=2, label="cooperation (events)"),
        Line2D([0], [0], color="#d62728", lw=2, linestyle="dotted", label="conflict (events)"),
        Line2D([0], [0], marker="o", color="w", markerfacecolor="#999999", markersize=9, label="state"),
        Line2D([0], [0], marker="s", color="w", markerfacecolor="#999999", markersize=9, label="organisation"),
    ]


def timeline_png(timeline: Timeline) -> bytes:
    """The dyad timeline picture (see the module docstring)."""
    months = [m.month for m in timeline.months]
    xs = list(range(len(months)))
    fig, ax = plt.subplots(figsize=(max(8.0, min(18.0, 0.25 * len(xs) + 4)), 5))
    ax.bar(xs, [m.cooperation for m in timeline.months], color="#2e9e44", label="cooperation")
    ax.bar(xs, [-m.conflict for m in timeline.months], color="#d62728", label="conflict")
    ax.plot(xs, [m.net for m in timeline.months], color="black", linewidth=1.2, marker=".", label="net")
    ax.axhline(0, color="#555555", linewidth=0.8)
    index = {m: i for i, m in enumerate(months)}
    top = max([m.cooperation for m in timeline.months] + [1.0])
    for k, stone in enumerate(timeline.milestones):
        i = index.get(stone.day[:7])
        if i is None:
            continue
        ax.axvline(i, color="#1f4e9c", linestyle="--", linewidth=1)
        ax.text(i, top * (0.95 - 0.12 * (k % 4)), f" {stone.label}", fontsize=8, color="#1f4e9c", va="top")
    step = max(1, len(xs) // 16)
    ax.set_xticks(xs[::step], months[::step], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("weighted events per month")
    ax.set_title(f"{timeline.a} – {timeline.b}: monthly cooperation and conflict, treaty milestones")
    ax.legend(loc="lower left", fontsize=9)
    return _png(fig)
