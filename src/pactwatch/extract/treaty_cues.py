"""Cue patterns that code one treaty sentence in the ATOP vocabulary.

Types: ``defense`` (an armed attack on a party calls for assistance or action),
``offense`` (joint military action against a third state without an attack),
``neutrality`` (no aid to whoever attacks the partner), ``nonaggression`` (no
force against each other, no alliance directed against each other) and
``consultation`` (consult on threats or security). Conditions: ``armed attack``,
``threat``, ``state of war``, ``location:<area>``, ``adversary:<ISO3>`` (added by
the reader, which knows the parties), ``on request``, ``non-provocation``.

Every rule is general treaty language, in English with a few Chinese and
Russian equivalents for texts quoted in their authentic language. Spans that
only look like a trigger are masked first: a *threat* of attack is not an
attack, "capacity to resist armed attack" and "mutual aid" are self-help, and a
refusal to aid the aggressor is neutrality, not assistance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_I = re.IGNORECASE

MODAL = re.compile(
    r"\b(?:shall|will|would|undertakes?|undertaken|agrees?|agreed|pledges?|commits?|must|obliged|"
    r"obligation|declares?|recogni[sz]es?|requires?|guarantees?|promises?)\b|[應应將将保證保证均]",
    _I,
)
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")

THREAT_OF_ATTACK = re.compile(
    r"\b(?:(?:direct|imminent|immediate)\s+)?(?:threat|danger|menace)s?\s+(?:of\s+)?(?:an?\s+)?(?:act\s+of\s+)?"
    r"(?:armed\s+)?(?:attack|aggression|invasion)\b"
    r"|\bthreaten(?:ed|s)?\s+by\s+(?:an?\s+)?(?:external\s+)?(?:armed\s+)?(?:attack|aggression|invasion)\b",
    _I,
)
SELF_HELP = re.compile(
    r"\b(?:resist|deter|prevent|repel|repulse)\w*\s+(?:any\s+)?(?:external\s+)?(?:armed\s+)?(?:attack|aggression)\b"
    r"|\bmutual\s+aid\b|\bself-help\b|防止",
    _I,
)
THREAT = re.compile(r"\bthreat\w*|\bdanger\s+of\b|威脅|威胁|угроз", _I)
ATTACK = re.compile(
    r"\barmed\s+(?:attack|aggression|invasion)|\bacts?\s+of\s+aggression\b|\baggression\s+(?:against|by|from|on)\b"
    r"|\battack(?:ed)?\s+(?:by|on|against|from)\b|\b(?:subjected|exposed)\s+to\s+(?:an?\s+)?(?:armed\s+)?"
    r"(?:attack|aggression)|\b(?:comes?|come|be|is|are)\s+under\s+(?:an?\s+)?(?:armed\s+)?attack"
    r"|\bstate\s+of\s+war\b|\barmed\s+conflict\s+with\b|\b(?:is|are|be)\s+attacked\b"
    r"|\baggressor\b|\battacks\s+(?:the|either|any|one)\b"
    r"|武裝進攻|武装进攻|侵略|агресси|нападени",
    _I,
)
STATE_OF_WAR = re.compile(r"\bstate\s+of\s+war\b|戰爭狀態|战争状态|состояни\w*\s+войны", _I)
ASSIST = re.compile(
    r"\bassist\w*|\baid\b|\bhelp\b|\bsupport\w*|\bcome\s+to\s+the\s+(?:aid|assistance)"
    r"|\bact\s+to\s+meet\s+the\s+common\s+danger|\bsuch\s+action\s+as\s+it\s+deems\s+necessary"
    r"|\btake\s+(?:all\s+)?(?:necessary\s+)?(?:measures|action)\s+to\s+(?:repel|meet|resist)"
    r"|\barmed\s+force\b|援助|支援|помощ|поддерж",
    _I,
)
NEGATION = re.compile(r"\b(?:not|no|never|nor|neither|without)\b|\bdoes\s+not\b|不", _I)
NEUTRAL = re.compile(
    r"\b(?:not|never|nor|neither)\b[^.;]{0,40}?\b(?:provid|giv|render|extend|assist|aid|help|support)\w*"
    r"[^.;]{0,60}?\b(?:aggressor|attacker|attacking\s+(?:state|party|country)|third\s+(?:party|state|country)"
    r"|such\s+(?:a\s+)?(?:state|party|country))"
    r"|\b(?:abstain|refrain)\w*\s+from\s+(?:providing|giving|rendering|extending)\s+(?:any\s+)?(?:\w+\s+)?"
    r"(?:assistance|aid|support|help)\b"
    r"|\bremain\s+neutral\b|\bobserve\s+neutrality\b"
    r"|не\s+(?:будет\s+|будут\s+)?оказыва\w*[^.;]{0,40}?помощ\w*[^.;]{0,20}?агрессор",
    _I,
)
NONAGGRESSION = re.compile(
    r"\b(?:refrain|restrain)\w*\b[^.;]{0,80}?\b(?:threat\s+or\s+(?:the\s+)?use\s+of\s+force|use\s+of\s+force"
    r"|threat\s+of\s+force)"
    r"|\b(?:not|neither)\s+(?:to\s+)?resort\s+to\s+(?:the\s+)?(?:threat\s+or\s+(?:the\s+)?)?(?:use\s+of\s+)?force"
    r"|\bnot\s+(?:to\s+)?(?:attack|commit\s+(?:any\s+)?aggression\s+against)\s+(?:each\s+other|one\s+another|the\s+other)"
    r"|\bnon-?aggression\b"
    r"|\b(?:not|neither|never|nor)\b[^.;]{0,60}?\b(?:enter|join|conclude|sign|participate|take\s+part|form)\w*\b"
    r"[^.;]{0,80}?"
    r"\b(?:alliances?|blocs?|coalitions?|groupings?|agreements?|treaties|actions?)\b[^.;]{0,140}?"
    r"(?:(?:directed|aimed)\s+against|infring\w*)"
    r"|不[締缔參参][結结加].{0,20}?(?:同盟|集團|集团)",
    _I,
)
CONSULT = re.compile(
    r"\bconsult\w*|\bconfer\s+with\s+(?:each\s+other|one\s+another)|\bcontacts?\s+(?:with\s+)?each\s+other"
    r"|\bimmediate\s+contacts\b|\bchannels?\s+of\s+(?:bilateral\s+)?negotiations?\b|協商|协商|磋商|консультац",
    _I,
)
SECURITY = re.compile(
    r"\bthreat\w*|\battack\w*|\baggression|\binvasion|\bdanger|\bsecurity\b|\bcrisis|\bemergenc\w*|\bwar\b"
    r"|威脅|威胁|安全|угроз|безопасност",
    _I,
)
TREATY_BUSINESS = re.compile(
    r"\b(?:review|amend|revis|modif|interpret|implement)\w*\b[^.;]{0,60}?\b(?:treaty|agreement|charter|pact)\b"
    r"|\bmaking\s+amendments\b",
    _I,
)
OFFENSE = re.compile(
    r"\b(?:jointly|together|in\s+common)\b[^.;]{0,40}?\b(?:attack|make\s+war|wage\s+war|declare\s+war"
    r"|take\s+military\s+action|use\s+(?:armed\s+)?force)\b[^.;]{0,30}?\bagainst\b"
    r"|\b(?:declare\s+war\s+on|enter\s+(?:the|a)\s+war\s+against|wage\s+war\s+(?:on|against))\b",
    _I,
)
DEFENSIVE_TRIGGER = re.compile(
    r"\b(?:if|should|whenever|in\s+(?:the\s+)?(?:case|event)\s+of)\b[^.;]{0,80}?\b(?:attack|aggression|invasion)", _I
)
ON_REQUEST = re.compile(
    r"\b(?:at|on|upon)\s+(?:the\s+)?request\b|\bif\s+(?:\w+\s+){0,4}so\s+requests?\b|\brequested\s+by\b"
    r"|\bat\s+the\s+invitation\s+of\b|請求|请求|по\s+просьбе|по\s+запросу",
    _I,
)
NON_PROVOCATION = re.compile(r"\bunprovoked\b|\bnot\s+provoked\b|\bwithout\s+(?:having\s+given\s+)?provocation\b", _I)
LOCATION = re.compile(
    r"\b(?:in|within)\s+(?:the\s+)?"
    r"(?P<area>territories\s+under\s+the\s+administration\s+of\s+[A-Z]\w+"
    r"|(?:[A-Z][\w'-]*\s+){0,3}[A-Z][\w'-]*(?:\s+(?:[Aa]rea|[Rr]egion|Ocean))?"
    r"(?:\s+or\s+(?:the\s+)?(?:[A-Z][\w'-]*\s*){1,3})?)"
)
_AREA_WORD = re.compile(r"\b(?:area|region|ocean)$", _I)

STRENGTH: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, _I))
    for name, pattern in (
        ("without delay", r"\bwithout\s+delay\b|незамедлительно|без\s+промедлени"),
        ("immediately", r"\bimmediately\b|立即|немедленно"),
        ("forthwith", r"\bforthwith\b"),
        (
            "all means",
            r"\b(?:with|by)\s+all\s+(?:the\s+)?(?:means|possibilities)\b|\ball\s+(?:the\s+)?means\s+(?:in|at)\s+"
            r"(?:its|their)\b|\ball\s+the\s+military\s+and\s+other\s+aid\b|\ball\s+(?:its|their)\s+might\b"
            r"|盡其全力|尽其全力|всеми\s+(?:имеющимися\s+)?средствами",
        ),
        (
            "including armed force",
            r"\bincluding\s+(?:the\s+use\s+of\s+)?armed\s+force\b|\bif\s+necessary\s+by\s+armed\s+force\b",
        ),
        ("including military", r"\bincluding\s+military\b|включая\s+военную"),
        ("as it deems necessary", r"\bas\s+(?:it|they)\s+deems?\s+necessary\b"),
        ("constitutional processes", r"\bconstitutional\s+(?:provisions\s+and\s+)?(?:processes|procedures)\b"),
        ("necessary assistance", r"\bnecessary\s+assistance\b|необходимую\s+помощь"),
        ("as mutually agreed", r"\b(?:as\s+may\s+be\s+)?mutually\s+agreed\b"),
    )
)

CONDITION_ORDER = ("armed attack", "threat", "state of war", "location:", "adversary:", "on request", "non-provocation")


@dataclass(frozen=True)
class Coded:
    """One provision type read from a sentence, with its conditions and strength markers."""

    type: str
    conditions: tuple[str, ...]
    strength: tuple[str, ...]


def _mask(text: str, *patterns: re.Pattern[str]) -> str:
    """``text`` with every match of ``patterns`` blanked out (offsets kept)."""
    for pattern in patterns:
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


# "If one side is attacked, the other side provides assistance": a rule stated in the present tense
CONDITIONAL_RULE = re.compile(
    r"\b(?:if|in\s+case|in\s+the\s+event|should|whenever|once)\b[^.;]{0,200}?,\s*(?:then\s+)?(?:the\s+)?"
    r"(?:other|each|both|all|every)\b",
    _I,
)


def is_obligation(text: str) -> bool:
    """Whether the sentence binds someone: a modal or pledge verb, or a conditional rule.

    Russian sentences count as binding: their future-tense verbs carry the obligation.
    """
    return bool(MODAL.search(text) or CONDITIONAL_RULE.search(text) or _CYRILLIC.search(text))


def _has_positive_assist(text: str) -> bool:
    for m in ASSIST.finditer(text):
        window = text[max(0, m.start() - 40) : m.start()]
        clause = re.split(r"[,;:]", window)[-1]
        if not NEGATION.search(clause):
            return True
    return False


def provision_types(text: str) -> list[str]:
    """The provision types a sentence carries (empty for general or non-binding text)."""
    if not is_obligation(text):
        return []
    types: list[str] = []
    unmasked = _mask(text, THREAT_OF_ATTACK, SELF_HELP)
    neutral = NEUTRAL.search(text)
    attack = ATTACK.search(unmasked)
    if attack and _has_positive_assist(_mask(unmasked, NEUTRAL)):
        types.append("defense")
    if OFFENSE.search(text) and not DEFENSIVE_TRIGGER.search(text):
        types.append("offense")
    if neutral:
        types.append("neutrality")
    if NONAGGRESSION.search(text):
        types.append("nonaggression")
    if CONSULT.search(text) and SECURITY.search(text) and not TREATY_BUSINESS.search(text):
        types.append("consultation")
    return types


def conditions_for(kind: str, text: str, known_areas: Iterable[str]) -> tuple[str, ...]:
    """The conditions of a provision of ``kind`` read from its sentence (adversaries excepted)."""
    if kind == "nonaggression":
        return ()
    unmasked = _mask(text, THREAT_OF_ATTACK, SELF_HELP)
    found: list[str] = []
    attack = bool(ATTACK.search(unmasked))
    # a consultation pledge on a threat of attack is conditioned on the threat, not the attack
    if attack and (kind != "consultation" or not THREAT.search(text)):
        found.append("armed attack")
    if kind == "consultation" and THREAT.search(text):
        found.append("threat")
    if STATE_OF_WAR.search(text) and kind != "consultation":
        found.append("state of war")
    area = location(text, known_areas)
    if area:
        found.append(f"location:{area}")
    if ON_REQUEST.search(text):
        found.append("on request")
    if NON_PROVOCATION.search(text):
        found.append("non-provocation")
    return tuple(found)


def location(text: str, known_areas: Iterable[str]) -> str | None:
    """The first area named after "in"/"within": a named area or region, or a known one."""
    known = {a.casefold() for a in known_areas}
    for m in LOCATION.finditer(text):
        area = m["area"].strip()
        if area.lower().startswith("territories under"):
            return area
        parts = [p.strip() for p in re.split(r"\s+or\s+(?:the\s+)?", area)]
        if _AREA_WORD.search(area) or all(p.casefold() in known for p in parts):
            return area
    return None


def strength_of(text: str) -> tuple[str, ...]:
    """Strength markers of a sentence, in the order of :data:`STRENGTH`."""
    return tuple(name for name, pattern in STRENGTH if pattern.search(text))


def code_sentence(text: str, known_areas: Iterable[str]) -> list[Coded]:
    """Every provision a sentence carries, with conditions and strength."""
    areas = tuple(known_areas)
    strength = strength_of(text)
    return [Coded(kind, conditions_for(kind, text, areas), strength) for kind in provision_types(text)]


def sort_conditions(conditions: Iterable[str]) -> tuple[str, ...]:
    """Conditions in the canonical order, without duplicates."""

    def rank(condition: str) -> int:
        for i, prefix in enumerate(CONDITION_ORDER):
            if condition == prefix or (prefix.endswith(":") and condition.startswith(prefix)):
                return i
        return len(CONDITION_ORDER)

    return tuple(sorted(dict.fromkeys(conditions), key=lambda c: (rank(c), c)))


_CLAUSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "entry_into_force",
        re.compile(
            r"\b(?:shall|will|to|may)\s+(?:enter|come)\s+into\s+(?:force|effect)|\benters\s+into\s+force"
            r"|\bentered\s+into\s+force\s+on\b|\bhas\s+(?:an\s+)?effect\s+from|\btakes?\s+effect"
            r"|\bin\s+force\s+(?:on|from|since)\b",
            _I,
        ),
    ),
    (
        "termination",
        re.compile(
            r"\bdenunciation|\bdenounce|\bwithdraw\w*\s+from\s+(?:the|this)\s+(?:treaty|agreement)"
            r"|\bcease\s+to\s+be\s+a\s+party|\bbecomes?\s+invalid|\bcease\s+to\s+(?:be\s+in|have)\s+(?:force|effect)",
            _I,
        ),
    ),
    (
        "duration",
        re.compile(
            r"\bremain\s+in\s+force|\bcontinue\s+in\s+force|\bfor\s+a\s+(?:period|term)\s+of"
            r"|\bindefinite|\bunlimited\s+(?:duration|period)|\bautomatic\w*\s+(?:renew|extend|prolong)"
            r"|(?:renewed|extended|prolonged)\s+automatically",
            _I,
        ),
    ),
    ("ratification", re.compile(r"\bratif\w+", _I)),
    ("accession", re.compile(r"\baccede|\baccession\b", _I)),
    ("review", re.compile(r"\breview(?:ing)?\s+(?:the|this)\s+treaty|\bmaking\s+amendments\b", _I)),
)
_YEARS = re.compile(r"\b(\d{1,3}|one|two|three|four|five|ten|fifteen|twenty|thirty|fifty)[- ]years?\b", _I)


def general_clause(text: str) -> tuple[str, str | None] | None:
    """``(kind, value)`` when the sentence is a general clause (entry into force, duration ...)."""
    for kind, pattern in _CLAUSES:
        if pattern.search(text):
            return kind, _duration_value(text) if kind == "duration" else None
    return None


def _duration_value(text: str) -> str:
    years = _YEARS.search(text)
    value = f"{years.group(1)} years" if years else "indefinite"
    if re.search(
        r"\bautomatic\w*\s+(?:renew|extend|prolong)|(?:renew|extend|prolong)\w*\s+automatically|\bauto-renew", text, _I
    ):
        value += ", renewed automatically"
    return value


_NOTE_EQUALS = re.compile(r"\b(?:Article|Art\.)\s+(?P<num>\d{1,3}|[IVXLC]{1,7})\s*=\s*(?P<desc>[^,;.]+)")
_NOTE_CLAUSE = re.compile(
    r"\b(?P<desc>[\w-]+(?:\s[\w-]+)?)\s+clause\s+(?:as|is|in)\s+(?:Article|Art\.)\s+(?P<num>\d{1,3}|[IVXLC]{1,7})\b"
)


def numbering_notes(text: str) -> dict[str, str]:
    """Explicit numbering statements: "Art. 3 = consultation ...", "the mutual-assistance clause as Article 4"."""
    notes: dict[str, str] = {}
    for pattern in (_NOTE_EQUALS, _NOTE_CLAUSE):
        for m in pattern.finditer(text):
            kind = _kind_of_description(m["desc"])
            if kind and kind not in notes:
                notes[kind] = m["num"]
    return notes


def _kind_of_description(desc: str) -> str | None:
    desc = desc.lower()
    for kind, cue in (
        ("consultation", r"consult"),
        ("neutrality", r"neutral"),
        ("nonaggression", r"non-?aggression"),
        ("defense", r"assist|defen[cs]e|state of war"),
    ):
        if re.search(cue, desc):
            return kind
    return None
