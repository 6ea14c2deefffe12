"""Frozen dataclasses for documents, mentions, events, treaties and their provenance.

Ids are content hashes, so the same input always yields the same id and
re-running any command never duplicates a row.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

EVENT_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
MODALITIES: tuple[str, ...] = ("asserted", "planned", "proposed", "speculative", "denied")
PRECISIONS: tuple[str, ...] = ("day", "month", "year")
SECTORS: tuple[str, ...] = (
    "GOV",
    "MIL",
    "LEG",
    "JUD",
    "COP",
    "BUS",
    "MED",
    "REB",
    "OPP",
    "CVL",
    "IGO",
    "NGO",
)
PROVISION_TYPES: tuple[str, ...] = (
    "defense",
    "offense",
    "neutrality",
    "nonaggression",
    "consultation",
)


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest of ``text`` (UTF-8), the key for de-duplication."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hash_id(*parts: object, length: int = 16) -> str:
    """Return a short stable id from the ``repr``-free string form of ``parts``."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class Provenance:
    """Where a fact comes from: a span of a stored document and the tool that read it."""

    doc_id: str
    start: int
    end: int
    extractor: str = ""


@dataclass(frozen=True)
class Document:
    """One text as read (after any HTML-to-text conversion), with its origin."""

    id: str
    text: str
    url: str | None = None
    published: str | None = None
    title: str | None = None
    origin: str | None = None

    @property
    def content_hash(self) -> str:
        """The hash of the text, identical for the same article read from two places."""
        return content_hash(self.text)

    @staticmethod
    def make_id(text: str, given: str | None = None) -> str:
        """The id a document gets: the one it came with, else a hash of its text."""
        return given if given else "doc-" + content_hash(text)[:16]


@dataclass(frozen=True)
class Mention:
    """A span of a document that names an actor, a weapon or a date."""

    doc_id: str
    start: int
    end: int
    text: str
    kind: str
    code: str | None = None
    sector: str | None = None
    name: str | None = None
    inferred: str | None = None  # "former": a known person named after his last office ended


@dataclass(frozen=True)
class Actor:
    """An event participant as printed: the text, its code, sector and canonical name.

    ``inferred`` says how a party the text leaves unnamed was coded: ``"place"`` for the
    state where the act happened ("a roadside bomb near Samarra" -> IRQ), as CAMEO and PLOVER
    coders code an unnamed perpetrator; ``"former"`` for a person coded by the state of an
    office he no longer holds ("ousted President Mohamed Bazoum" -> NER), as CAMEO codes a
    former leader. Such a party is kept for the record and for scoring against those coders,
    but the alliance graph and the actor index leave it out."""

    text: str
    code: str | None
    sector: str | None = None
    name: str | None = None
    inferred: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The SPEC shape of an actor (``inferred`` only where it is set)."""
        data: dict[str, Any] = {"text": self.text, "code": self.code, "sector": self.sector, "name": self.name}
        if self.inferred:
            data["inferred"] = self.inferred
        return data

    @staticmethod
    def from_json(data: dict[str, Any]) -> Actor:
        """Read an actor back from its SPEC shape."""
        return Actor(
            text=str(data.get("text", "")),
            code=data.get("code"),
            sector=data.get("sector"),
            name=data.get("name"),
            inferred=data.get("inferred"),
        )


@dataclass(frozen=True)
class Evidence:
    """The sentence that supports a fact, as offsets into its document's text."""

    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        """The SPEC shape of an evidence span."""
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Event:
    """A PLOVER-typed event read from one sentence of one document."""

    doc_id: str
    type: str
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    evidence: Evidence
    mode: str | None = None
    date: str | None = None
    date_precision: str | None = None
    weapons: tuple[str, ...] = ()
    modality: str = "asserted"
    confidence: float = 0.5
    trigger: str = ""
    extractor: str = ""
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", self.compute_id())

    def compute_id(self) -> str:
        """Hash of what makes the event: document, span, type and actors."""
        return "ev-" + hash_id(
            self.doc_id,
            self.evidence.start,
            self.evidence.end,
            self.type,
            self.trigger,
            ",".join(a.code or a.text for a in self.source),
            ",".join(a.code or a.text for a in self.target),
        )

    @property
    def provenance(self) -> Provenance:
        """The span this event was read from."""
        return Provenance(self.doc_id, self.evidence.start, self.evidence.end, self.extractor)

    def to_json(self) -> dict[str, Any]:
        """The SPEC ``extract`` shape of the event."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "type": self.type,
            "mode": self.mode,
            "source": [a.to_json() for a in self.source],
            "target": [a.to_json() for a in self.target],
            "date": self.date,
            "date_precision": self.date_precision,
            "weapons": list(self.weapons),
            "modality": self.modality,
            "evidence": self.evidence.to_json(),
            "confidence": round(self.confidence, 3),
            "trigger": self.trigger,
        }


@dataclass(frozen=True)
class Provision:
    """One coded obligation of a treaty, ATOP style.

    ``obligor`` and ``beneficiary`` are the state codes that owe and are owed the
    duty; empty means every party (a symmetric pledge). ``conditions`` hold
    together (AND). ``quote`` and ``source`` cite knowledge-base rows, which have
    no evidence offsets.
    """

    type: str
    article: str | None
    conditions: tuple[str, ...] = ()
    evidence: Evidence | None = None
    obligor: tuple[str, ...] = ()
    strength: tuple[str, ...] = ()
    beneficiary: tuple[str, ...] = ()
    quote: str | None = None
    source: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The SPEC shape of a provision."""
        return {
            "type": self.type,
            "conditions": list(self.conditions),
            "article": self.article,
            "evidence": self.evidence.to_json() if self.evidence else None,
            "obligor": list(self.obligor),
            "beneficiary": list(self.beneficiary),
            "strength": list(self.strength),
        }


@dataclass(frozen=True)
class Membership:
    """One spell of a state's membership in a treaty; ISO dates, None = open."""

    code: str
    joined: str | None = None
    left: str | None = None
    source: str | None = None

    def active_on(self, day: str) -> bool:
        """Whether the spell covers ``day`` (joined on or before it, not yet left)."""
        if self.joined and day < self.joined:
            return False
        return not (self.left and day >= self.left)

    def to_json(self) -> dict[str, Any]:
        """The spell as printed by ``pactwatch treaties``."""
        return {"code": self.code, "joined": self.joined, "left": self.left}


@dataclass(frozen=True)
class Clause:
    """A general clause of a treaty (entry into force, duration, termination ...), not an obligation."""

    kind: str
    article: str | None
    value: str | None = None
    evidence: Evidence | None = None

    def to_json(self) -> dict[str, Any]:
        """The clause as printed by ``pactwatch treaty``."""
        return {
            "kind": self.kind,
            "article": self.article,
            "value": self.value,
            "evidence": self.evidence.to_json() if self.evidence else None,
        }


@dataclass(frozen=True)
class Treaty:
    """A treaty with its parties, dates, member spells and coded provisions.

    ``in_force`` empty means the treaty counts from ``signed``; ``ended`` is the
    first day it no longer binds. ``members`` are dated spells (knowledge base);
    a treaty read from a text has its ``parties`` only.
    """

    id: str
    title: str
    parties: tuple[str, ...]
    signed: str | None
    provisions: tuple[Provision, ...] = ()
    doc_id: str | None = None
    in_force: str | None = None
    ended: str | None = None
    short_name: str | None = None
    place: str | None = None
    members: tuple[Membership, ...] = ()
    clauses: tuple[Clause, ...] = ()
    source: str | None = None
    atopid: str | None = None
    kb_id: str | None = None

    @property
    def start(self) -> str | None:
        """The first day the treaty binds: entry into force, else signature."""
        return self.in_force or self.signed

    def to_json(self) -> dict[str, Any]:
        """The SPEC ``treaty`` shape, plus dates, place, members and general clauses."""
        return {
            "id": self.id,
            "title": self.title,
            "short_name": self.short_name,
            "parties": list(self.parties),
            "signed": self.signed,
            "place": self.place,
            "in_force": self.in_force,
            "ended": self.ended,
            "provisions": [p.to_json() for p in self.provisions],
            "clauses": [c.to_json() for c in self.clauses],
            "members": [m.to_json() for m in self.members],
            "source": self.source,
            "atopid": self.atopid,
            "kb_id": self.kb_id,
        }


@dataclass(frozen=True)
class Relation:
    """A weighted, dated tie between two actors, derived from events or treaties."""

    source: str
    target: str
    kind: str
    weight: float
    start: str | None = None
    end: str | None = None
    provenance: tuple[Provenance, ...] = ()
