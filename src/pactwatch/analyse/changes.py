"""Change alerts: what is new between two dates, each alert with its evidence.

Three kinds, for the window from ``since`` to ``until`` (default: the latest
event day in the store):

- ``new_defense_obligation``: a pair of states bound by a defence pledge on
  ``until`` that was not bound by one the day before ``since`` (a treaty entering
  into force, a state joining); evidence: the treaty, article and quote.
- ``first_arms_transfer``: the first flow ever recorded from a supplier to a
  recipient falls in the window (``analyse/transfers.py``; denials excluded).
- ``cooperation_jump`` and ``sign_flip``: the decayed event weight of a pair
  (cooperation minus conflict, ``analyse/graph.py``) moved by at least
  :data:`JUMP` and at least doubled in size, or changed sign with at least
  :data:`FLIP` on both sides; evidence: the pair's events in the window.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pactwatch.analyse.graph import build_network, treaty_edges
from pactwatch.analyse.merge import ensure_merged
from pactwatch.analyse.timeline import signed_weight
from pactwatch.analyse.transfers import arms_flows
from pactwatch.analyse.treaties import all_treaties
from pactwatch.analyse.weights import load_weights
from pactwatch.model import Treaty
from pactwatch.store import Store
from pactwatch.store.clusters import clusters_by_id, latest_published, ties_until

JUMP = 4.0
FLIP = 1.0
EVIDENCE_EVENTS = 5


@dataclass(frozen=True)
class Alert:
    """One change, the pair it concerns, and why we say so."""

    kind: str
    day: str
    pair: tuple[str, str]
    summary: str
    evidence: tuple[dict[str, Any], ...]

    def to_json(self) -> dict[str, Any]:
        """The alert as printed."""
        return {
            "kind": self.kind,
            "day": self.day,
            "pair": list(self.pair),
            "summary": self.summary,
            "evidence": list(self.evidence),
        }


def changes(store: Store, since: str, until: str | None = None) -> list[Alert]:
    """Every alert of the window, oldest first."""
    ensure_merged(store)
    end = until or latest_published(store) or date.today().isoformat()
    before = (date.fromisoformat(since) - timedelta(days=1)).isoformat()
    alerts = [*defense_alerts(all_treaties(store), before, end)]
    alerts.extend(transfer_alerts(store, since, end))
    alerts.extend(dyad_alerts(store, since, before, end))
    alerts.sort(key=lambda a: (a.day, a.kind, a.pair))
    return alerts


def defense_alerts(treaties: list[Treaty], before: str, end: str) -> list[Alert]:
    """Pairs bound by a defence pledge on ``end`` and not on ``before``."""
    weights = load_weights()
    by_id = {t.id: t for t in treaties}
    old = {e.pair for e in treaty_edges(treaties, before, weights) if e.type == "defense"}
    out: list[Alert] = []
    for e in treaty_edges(treaties, end, weights):
        if e.type != "defense" or e.pair in old:
            continue
        treaty = by_id[e.evidence[0]]
        out.append(_defense_alert(e.pair, treaty, e.directed, (e.source, e.target)))
    return out


def _defense_alert(pair: tuple[str, str], treaty: Treaty, directed: bool, ends: tuple[str, str]) -> Alert:
    provision = next(p for p in treaty.provisions if p.type == "defense")
    joined = [m.joined for m in treaty.members if m.code in pair and m.joined]
    day = max([treaty.start or "", *joined])
    who = f"{ends[0]} owes {ends[1]}" if directed else f"{pair[0]} and {pair[1]} owe each other"
    evidence = {
        "treaty": treaty.id,
        "title": treaty.title,
        "article": provision.article,
        "conditions": list(provision.conditions),
        "quote": provision.quote or (provision.evidence.text if provision.evidence else None),
        "source": provision.source or treaty.source,
    }
    name = treaty.short_name or treaty.title
    return Alert("new_defense_obligation", day, pair, f"{who} defence under {name}", (evidence,))


def transfer_alerts(store: Store, since: str, end: str) -> list[Alert]:
    """The first recorded flow of each supplier -> recipient pair, when it falls in the window."""
    first: dict[tuple[str, str], Any] = {}
    for flow in arms_flows(store):
        if flow.modality == "denied" or not flow.supplier or not flow.recipient or not flow.year:
            continue
        key = (flow.supplier, flow.recipient)
        if key not in first:
            first[key] = flow
    out: list[Alert] = []
    for (supplier, recipient), flow in sorted(first.items()):
        if since[:4] <= flow.year <= end[:4] and _flow_day(flow) >= since:
            weapon = flow.weapon or flow.weapon_class
            summary = f"first arms transfer {supplier} -> {recipient}: {weapon} ({flow.modality})"
            out.append(Alert("first_arms_transfer", _flow_day(flow), (supplier, recipient), summary, flow.evidence))
    return out


def _flow_day(flow: Any) -> str:
    for item in flow.evidence:
        for source in item.get("sources", []):
            if source.get("published"):
                return str(source["published"])
    return f"{flow.year}-01-01"


def dyad_alerts(store: Store, since: str, before: str, end: str) -> list[Alert]:
    """Pairs whose event weight jumped or changed sign between ``before`` and ``end``."""
    was = _event_net(build_network(store, before).edges)
    now = _event_net(build_network(store, end).edges)
    out: list[Alert] = []
    for pair in sorted(set(was) | set(now)):
        old, new = was.get(pair, 0.0), now.get(pair, 0.0)
        kind = _change_kind(old, new)
        if kind is None:
            continue
        summary = f"{pair[0]}-{pair[1]} event weight {old:+.1f} -> {new:+.1f}"
        out.append(Alert(kind, end, pair, summary, _pair_evidence(store, pair, since, end)))
    return out


def _change_kind(old: float, new: float) -> str | None:
    if old * new < 0 and abs(old) >= FLIP and abs(new) >= FLIP:
        return "sign_flip"
    if abs(new - old) >= JUMP and abs(new) >= 2 * abs(old):
        return "cooperation_jump"
    return None


def _event_net(edges: Any) -> dict[tuple[str, str], float]:
    net: dict[tuple[str, str], float] = defaultdict(float)
    for e in edges:
        if e.origin == "events" and e.source != e.target:
            net[e.pair] += e.weight
    return dict(net)


def _pair_evidence(store: Store, pair: tuple[str, str], since: str, end: str) -> tuple[dict[str, Any], ...]:
    weights = load_weights()
    ties = ties_until(store, end, pair=pair, since=since)
    ties.sort(key=lambda t: (-abs(signed_weight(t, weights)), t.day, t.cluster_id))
    chosen = list(dict.fromkeys(t.cluster_id for t in ties))[:EVIDENCE_EVENTS]
    events = clusters_by_id(store, chosen)
    out: list[dict[str, Any]] = []
    for cid in chosen:
        ev = events.get(cid)
        if ev is None:
            continue
        sources = [{"id": s.doc_id, "url": s.url, "published": s.published} for s in ev.sources]
        out.append(
            {
                "event": cid,
                "type": ev.event.type,
                "date": ev.event.date,
                "text": ev.event.evidence.text,
                "sources": sources,
            }
        )
    return tuple(out)
