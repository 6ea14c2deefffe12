"""Scenarios: "if X is attacked (by Y, on D), who must act?" — obligations from the treaties in force.

Round 1 lists every duty owed to the attacked state under a treaty in force on
the date: defence, consultation and neutrality pledges of its partners, each
``triggered`` (its conditions are met by an armed attack on that state),
``conditional`` (it depends on something the scenario does not settle: a
request for help, an attacker the pledge names, an attack on the part of a
state's territory that lies in the treaty area) or ``not_triggered`` (with the
reason: the state lies outside the treaty area, the pledge names another
adversary, or a one-way pledge runs the other way). Non-aggression pledges owed
to the attacked state are listed too; the attacker's own are broken by the attack.

Round 2 (the cascade): every state whose defence pledge is triggered joins the
attacked state. The attacker's partners then owe the attacker what their
treaties promise should it be attacked in turn, and the joiners' other partners
owe the joiners the same should the attacker strike back. Both depend on who
attacks whom, so the best a round-2 duty gets is ``conditional``.

Conditions are decided as follows: ``armed attack`` and ``threat`` are met by the
attack; ``state of war`` is met too (the treaties that use it describe the state
of war as the consequence of the armed attack); ``location:<area>`` is decided
from ``kb/data/state_regions.csv`` and ``treaty_areas.csv``; ``adversary:<C>``
is met when the attacker is C or an ally of C (the treaties say "C or any state
allied with it"); ``on request`` and ``non-provocation`` stay unsettled.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pactwatch.analyse.treaties import all_treaties, in_force_on, members_on
from pactwatch.errors import PactwatchError
from pactwatch.kb import Areas, load_actor_entries, load_areas
from pactwatch.kb.treaties import PARTY_TERRITORY
from pactwatch.model import Provision, Treaty
from pactwatch.store import Store

STATUSES = ("triggered", "conditional", "not_triggered")
TYPE_ORDER = ("defense", "offense", "neutrality", "consultation", "nonaggression")
ALLIANCE_CODES = {"SUN": "RUS"}


@dataclass(frozen=True)
class Obligation:
    """A duty of ``state`` toward ``toward`` under one provision, with its status and reason."""

    state: str
    toward: str
    type: str
    treaty: str
    treaty_id: str
    article: str | None
    conditions: tuple[str, ...]
    status: str
    reason: str
    strength: tuple[str, ...] = ()
    round: int = 1

    def to_json(self) -> dict[str, Any]:
        """The SPEC obligation shape plus ``reason``, ``treaty_id``, ``strength`` and ``round``."""
        return {
            "state": self.state,
            "toward": self.toward,
            "type": self.type,
            "treaty": self.treaty,
            "treaty_id": self.treaty_id,
            "article": self.article,
            "conditions": list(self.conditions),
            "status": self.status,
            "reason": self.reason,
            "strength": list(self.strength),
            "round": self.round,
        }


@dataclass(frozen=True)
class Scenario:
    """The answer: round-1 obligations, the cascade, and the two sides after round 1."""

    attacked: str
    by: str | None
    on: str
    obligations: tuple[Obligation, ...]
    cascade: tuple[Obligation, ...]
    defenders: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The SPEC ``scenario`` shape."""
        return {
            "attacked": self.attacked,
            "by": self.by,
            "on": self.on,
            "obligations": [o.to_json() for o in self.obligations],
            "cascade": [o.to_json() for o in self.cascade],
            "sides": {"defending": [self.attacked, *self.defenders], "attacking": [self.by] if self.by else []},
        }


@dataclass(frozen=True)
class _Attack:
    """An armed attack on ``target`` by ``attackers`` (empty: unknown), actual or supposed."""

    target: str
    attackers: tuple[str, ...]
    on: str
    treaties: Sequence[Treaty] = field(repr=False)
    premise: str | None = None


@dataclass(frozen=True)
class _Verdict:
    outcome: str  # met | unsettled | unmet
    reason: str


def state_code(code: str) -> str:
    """A state code as given, checked against the knowledge base (USSR -> RUS)."""
    upper = code.strip().upper()
    upper = ALLIANCE_CODES.get(upper, upper)
    if upper not in {e.code for e in load_actor_entries() if e.kind == "state"}:
        raise PactwatchError(f"unknown state code {code!r}; use an ISO 3166 alpha-3 code such as PRK or USA")
    return upper


def run_scenario(attacked: str, by: str | None, on: str, store: Store | None = None) -> Scenario:
    """Who is bound to do what if ``attacked`` is attacked by ``by`` on ``on`` (ISO date)."""
    target = state_code(attacked)
    attacker = state_code(by) if by else None
    treaties = [t for t in all_treaties(store) if in_force_on(t, on)]
    attack = _Attack(target, (attacker,) if attacker else (), on, treaties)
    first = _dedupe(_duties_toward(attack, round_no=1, skip=()))
    joiners = tuple(sorted({o.state for o in first if o.type == "defense" and o.status == "triggered"}))
    cascade = _dedupe(_cascade(attack, joiners), first_toward=attacker)
    return Scenario(target, attacker, on, tuple(first), tuple(cascade), joiners)


def _duties_toward(attack: _Attack, round_no: int, skip: Iterable[str]) -> list[Obligation]:
    """Every duty owed to ``attack.target`` under the treaties in force."""
    skipped = set(skip)
    out: list[Obligation] = []
    for treaty in attack.treaties:
        members = members_on(treaty, attack.on)
        if attack.target not in members:
            continue
        for provision in treaty.provisions:
            if round_no > 1 and provision.type == "nonaggression":
                continue
            for duty in _provision_duties(treaty, provision, members, attack, round_no):
                if duty.state not in skipped:
                    out.append(duty)
    return out


def _provision_duties(
    treaty: Treaty, p: Provision, members: list[str], attack: _Attack, round_no: int
) -> list[Obligation]:
    owed = list(p.beneficiary) or members
    if attack.target not in owed:
        return _one_way(treaty, p, members, attack, round_no)
    obligors = [m for m in (p.obligor or members) if m in members and m != attack.target]
    out: list[Obligation] = []
    for state in obligors:
        status, reason = _judge_duty(treaty, p, state, attack)
        if status:
            out.append(_obligation(treaty, p, state, attack.target, status, reason, round_no))
    return out


def _judge_duty(treaty: Treaty, p: Provision, state: str, attack: _Attack) -> tuple[str | None, str]:
    if state in attack.attackers:
        return _attacker_duty(p, state, attack)
    if p.type == "nonaggression":
        return "triggered", f"standing pledge: {state} may not use force against {attack.target} nor join the attack"
    status, reason = _status([_judge(c, attack, treaty) for c in p.conditions])
    if attack.premise is not None and status != "not_triggered":
        return "conditional", f"{attack.premise}; then: {reason}" if reason else attack.premise
    return status, reason


def _attacker_duty(p: Provision, state: str, attack: _Attack) -> tuple[str | None, str]:
    """A duty of a state that attacks (or in round 2 would attack) the state it is owed to."""
    if attack.premise is not None:
        reason = f"{state} would itself be among the states attacking {attack.target} (conflicting commitments)"
        return "not_triggered", reason
    if p.type in ("nonaggression", "neutrality"):
        return "triggered", f"{state}'s own attack on {attack.target} breaches this pledge"
    return None, ""


def _one_way(treaty: Treaty, p: Provision, members: list[str], attack: _Attack, round_no: int) -> list[Obligation]:
    """A defence pledge that runs from the attacked state to others: they owe it nothing under it."""
    givers = list(p.obligor) or members
    if p.type != "defense" or attack.target not in givers:
        return []
    out: list[Obligation] = []
    for state in list(p.beneficiary) or members:
        if state == attack.target or state not in members or _owes(treaty, state, attack.target, p.type):
            continue
        reason = (
            f"one-way pledge: Art. {p.article or '?'} binds {', '.join(givers)} toward "
            f"{', '.join(p.beneficiary or members)}; {state} gives {attack.target} no such pledge"
        )
        out.append(_obligation(treaty, p, state, attack.target, "not_triggered", reason, round_no))
    return out


def _owes(treaty: Treaty, state: str, toward: str, kind: str) -> bool:
    members = [m.code for m in treaty.members] or list(treaty.parties)
    return any(
        p.type == kind and state in (p.obligor or members) and toward in (p.beneficiary or members)
        for p in treaty.provisions
    )


def _obligation(
    treaty: Treaty, p: Provision, state: str, toward: str, status: str, reason: str, round_no: int
) -> Obligation:
    return Obligation(
        state=state,
        toward=toward,
        type=p.type,
        treaty=treaty.title,
        treaty_id=treaty.id,
        article=p.article,
        conditions=p.conditions,
        status=status,
        reason=reason,
        strength=p.strength,
        round=round_no,
    )


# --- conditions -----------------------------------------------------------------------------


def _status(verdicts: list[_Verdict]) -> tuple[str, str]:
    unmet = [v.reason for v in verdicts if v.outcome == "unmet"]
    if unmet:
        return "not_triggered", "; ".join(unmet)
    unsettled = [v.reason for v in verdicts if v.outcome == "unsettled"]
    if unsettled:
        return "conditional", "; ".join(unsettled)
    met = [v.reason for v in verdicts]
    return "triggered", "; ".join(met) if met else "unconditional pledge"


def _judge(condition: str, attack: _Attack, treaty: Treaty) -> _Verdict:
    target = attack.target
    if condition == "armed attack":
        return _Verdict("met", f"armed attack on {target}")
    if condition == "threat":
        return _Verdict("met", f"an armed attack on {target} is under way")
    if condition == "state of war":
        return _Verdict("met", f"the armed attack puts {target} in a state of war")
    if condition.startswith("location:"):
        return _judge_location(condition.split(":", 1)[1], target, load_areas())
    if condition.startswith("adversary:"):
        return _judge_adversary(condition.split(":", 1)[1], attack)
    if condition == "on request":
        return _Verdict("unsettled", f"only at {target}'s request")
    if condition == "non-provocation":
        return _Verdict("unsettled", f"only if {target} did not provoke the attack")
    return _Verdict("unsettled", f"condition {condition!r} is not settled by the scenario")


def _judge_location(area: str, target: str, areas: Areas) -> _Verdict:
    regions = areas.regions_of_area(area)
    if regions is None:
        return _Verdict("unsettled", f"area {area!r} is not in kb/data/treaty_areas.csv")
    if PARTY_TERRITORY in regions:
        return _Verdict("met", f"an attack on {target}'s own territory is covered ({area})")
    extents = {areas.extent(target, r) for r in regions}
    if "core" in extents:
        return _Verdict("met", f"{target} lies in {area}")
    if "part" in extents:
        return _Verdict("unsettled", f"only if the attack falls on the part of {target}'s territory in {area}")
    return _Verdict("unmet", f"location: {target} lies outside {area}; the pledge covers attacks there only")


def _judge_adversary(code: str, attack: _Attack) -> _Verdict:
    if not attack.attackers:
        return _Verdict("unsettled", f"only if the attacker is {code} (or an ally of it)")
    if code in attack.attackers:
        return _Verdict("met", f"the attacker is {code}")
    allies = [a for a in attack.attackers if _allied(a, code, attack)]
    if allies:
        return _Verdict("met", f"{', '.join(allies)} is allied with {code}")
    return _Verdict("unmet", f"the pledge is directed against {code} (or its allies) only")


def _allied(a: str, b: str, attack: _Attack) -> bool:
    for treaty in attack.treaties:
        members = members_on(treaty, attack.on)
        if a in members and b in members and any(p.type == "defense" for p in treaty.provisions):
            return True
    return False


# --- the cascade ----------------------------------------------------------------------------


def _cascade(attack: _Attack, joiners: tuple[str, ...]) -> list[Obligation]:
    side = (attack.target, *joiners)
    out: list[Obligation] = []
    for attacker in attack.attackers:
        premise = f"only if {attacker} is attacked in turn by the states defending {attack.target}"
        supposed = _Attack(attacker, side, attack.on, attack.treaties, premise)
        out.extend(_duties_toward(supposed, round_no=2, skip=attack.attackers))
    for joiner in joiners:
        if not attack.attackers:
            break
        premise = f"only if {', '.join(attack.attackers)} strikes {joiner}, which joined the defence of {attack.target}"
        supposed = _Attack(joiner, attack.attackers, attack.on, attack.treaties, premise)
        out.extend(_duties_toward(supposed, round_no=2, skip=(*side, *attack.attackers)))
    return out


def _dedupe(duties: list[Obligation], first_toward: str | None = None) -> list[Obligation]:
    """One entry per duty; the attacker's partners first, then by status, type and state."""
    seen: dict[tuple[str, str, str, str, str | None, tuple[str, ...]], Obligation] = {}
    for d in duties:
        seen.setdefault((d.state, d.toward, d.type, d.treaty_id, d.article, d.conditions), d)
    return sorted(
        seen.values(),
        key=lambda d: (
            d.toward != first_toward,
            STATUSES.index(d.status),
            TYPE_ORDER.index(d.type),
            d.toward,
            d.state,
            d.treaty_id,
        ),
    )
