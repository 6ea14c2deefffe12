"""Read a treaty text into a :class:`~pactwatch.model.Treaty`: parties, dates, coded provisions.

The reader works on official texts, collections of quoted excerpts and news
prose that quotes treaty clauses. It finds

- the title (a ``TITLE:`` header, a first line naming a treaty, or the document's title);
- the parties: state names of the title ("... between X and Y"), of the opening of
  the preamble ("X and Y, hereinafter the Contracting Parties"), of plenipotentiary
  lines, of explicit code lists ("Founding states: KAZ, CHN"), and only when those
  give fewer than two, of signature or ratification sentences. Names map to ISO3
  codes through the gazetteer; the USSR counts as RUS (alliance continuity). A
  title that matches a knowledge-base treaty adds that treaty's founding members
  and its ``kb_id``;
- the signing date and place, entry into force, duration and termination clauses
  (general articles yield these clauses, never provisions);
- the provisions, coded sentence by sentence (:mod:`pactwatch.extract.treaty_cues`),
  with the article each sentence belongs to (:mod:`pactwatch.extract.treaty_layout`).

Evidence offsets are into the text as read: ``text[start:end] == evidence.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from pactwatch.errors import PactwatchError
from pactwatch.extract import treaty_cues as cues
from pactwatch.extract.dates import resolve_date
from pactwatch.extract.gazetteer import Gazetteer
from pactwatch.extract.treaty_layout import Layout, Sentence, article_number, parse_layout
from pactwatch.kb import ActorEntry, load_areas, load_treaties
from pactwatch.model import Clause, Document, Evidence, Provision, Treaty, hash_id

EXTRACTOR = "pactwatch-treaty-0.1"
# Historical codes that alliance data continue under a current state (SPEC "Codes").
ALLIANCE_CODES = {"SUN": "RUS"}

_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:/\d{{1,2}})?\s+{_MONTHS},?\s+\d{{4}}|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|(?:the\s+)?\w+(?:-\w+)?\s+day\s+of\s+{_MONTHS},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
)
_SHORT_DATE = re.compile(rf"\b(?:{_MONTHS}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTHS})\b")
_ORDINAL_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth",
)  # fmt: skip
_ORDINALS = {w: i + 1 for i, w in enumerate(_ORDINAL_WORDS)}
_ORDINALS.update({"twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24})
_ORDINALS.update({f"twenty-{w}": 20 + n for w, n in list(_ORDINALS.items()) if n < 10})
_ORDINALS.update({"thirtieth": 30, "thirty-first": 31})
_DONE_AT = re.compile(
    r"\b(?:Done|Signed|Concluded)\s+(?:at|in)\s+(?P<place>[A-Z][\w'-]*(?:\s+(?:de\s+)?[A-Z][\w'-]*)*)"
)
_SIGNED = re.compile(r"\bsigned\b")
_PLACE_AFTER = re.compile(r"\b(?:at|in)\s+(?P<place>[A-Z][\w'-]*(?:\s+(?:de\s+)?[A-Z][\w'-]*)*)")
_TITLE_WORDS = re.compile(r"\b(?:treaty|agreement|pact|charter|convention|protocol|declaration|accord)\b", re.I)
_QUOTED_TITLE = re.compile(r"[\"“](?P<t>[^\"”]{10,200}?\b(?:Treaty|Agreement|Pact|Charter|Convention)\b[^\"”]*)[\"”]")
_RECITAL = re.compile(
    r"^(?:[A-Za-z]+ing\b|Desiring|Reaffirming|Recogni[sz]ing|Considering|Noting|Convinced|Determined|Resolved"
    r"|Guided|Mindful|Conscious|Have\s+agreed|Who\b|THEREFORE)",
    re.I,
)
_OPENING_CUT = re.compile(r",\s*(?:hereinafter|[a-z]+ed\b|[a-z]+ing\b)|\(hereinafter")
_PLENIPOTENTIARY = re.compile(r"^(?:The|For\s+the|For)\b[^:]{0,160}:")
_SIGNATORIES = re.compile(r"\b(?:signed|signatories|plenipotentiar\w+|ratifications?\s+of)\b", re.I)
_CODE_LIST = re.compile(
    r"\b(?:founding|member|signatory|original|contracting)\s+(?:states|parties|members)\s*:\s*"
    r"(?P<codes>[A-Z]{3}(?:\s*[,;]\s*[A-Z]{3})+)",
    re.I,
)
_ADVERSARY_BEFORE = re.compile(
    r"(?:attack\w*|aggression|invasion|war)\s+(?:\w+\s+){0,2}?(?:by|from|with)\s+(?:the\s+)?$", re.I
)
_BENEFICIARY_BEFORE = re.compile(r"(?:attack\w*|aggression|invasion)\s+(?:against|on|upon)\s+(?:the\s+)?$", re.I)


class NoPartiesError(PactwatchError):
    """A treaty text names no parties the reader can map to state codes."""


@dataclass(frozen=True)
class _Named:
    """A state named in the text: its code and span."""

    code: str
    start: int
    end: int


@cache
def _gazetteer() -> Gazetteer:
    return Gazetteer.default()


def read_treaty(doc: Document, gazetteer: Gazetteer | None = None, parties: Sequence[str] | None = None) -> Treaty:
    """Code the treaty in ``doc``; ``parties`` (ISO3 codes) overrides the parties found in the text.

    Raises :class:`NoPartiesError` when no party can be found and none is given.
    """
    gaz = gazetteer or _gazetteer()
    layout = parse_layout(doc.text)
    raw_title, title_at = _raw_title(layout, doc)
    facts = _title_facts(raw_title, title_at)
    title = facts.title or doc.title or (doc.origin or doc.id)
    kb = _kb_match(raw_title)
    found = list(parties) if parties else _parties(layout, doc.text, facts.title, gaz, kb)
    if not found:
        raise NoPartiesError(
            f"{doc.origin or doc.id}: no parties found; name them in the title ('Treaty between X and Y') "
            "or the preamble ('X and Y, hereinafter the Contracting Parties'), or pass --parties RUS,PRK"
        )
    clauses = [*facts.clauses, *_clauses(layout, doc.published)]
    signed, place = _signed(layout, doc.published, facts)
    return Treaty(
        id="tr-" + hash_id(doc.id),
        title=title,
        parties=tuple(found),
        signed=signed,
        place=place,
        in_force=_in_force(clauses, facts),
        provisions=tuple(_provisions(layout, found, gaz)),
        clauses=tuple(clauses),
        doc_id=doc.id,
        source=doc.url or doc.origin,
        kb_id=kb.id if kb else None,
    )


def treaty_in(doc: Document, gazetteer: Gazetteer | None = None) -> Treaty | None:
    """The treaty a document holds, when it is a treaty text: two or more article headings and parties."""
    if len(set(parse_layout(doc.text).headings)) < 2:
        return None
    try:
        return read_treaty(doc, gazetteer)
    except NoPartiesError:
        return None


def looks_like_treaty(text: str) -> bool:
    """Whether a text is a treaty text (see :func:`treaty_in`)."""
    return treaty_in(Document(id="probe", text=text)) is not None


# --- title and the facts of a header title -------------------------------------------------


def _raw_title(layout: Layout, doc: Document) -> tuple[str, int]:
    if "TITLE" in layout.header:
        return layout.header["TITLE"]
    for s in layout.sentences:
        if s.part == "header":
            continue
        if len(s.text) <= 200 and _TITLE_WORDS.search(s.text) and s.part == "preamble":
            return s.text, s.start
        break
    for s in layout.sentences:
        m = _QUOTED_TITLE.search(s.text)
        if m:
            return m["t"], s.start + m.start("t")
    return doc.title or "", -1


@dataclass(frozen=True)
class _TitleFacts:
    title: str
    place: str | None = None
    signed: str | None = None
    in_force: str | None = None
    clauses: tuple[Clause, ...] = ()


_TITLE_PAREN = re.compile(r"\((?P<inner>[^()]*\d{4}[^()]*)\)")
_FIRST_SEGMENT = re.compile(r"^(?:signed\s+(?:at\s+|in\s+)?)?(?P<place>[A-Z][^,\d;]*?),\s*(?P<date>.+)$")


def _title_facts(raw: str, at: int) -> _TitleFacts:
    """Title, place, dates and duration from "Title (Place, 1 Sept 1951; in force ...; 20 years)"."""
    m = _TITLE_PAREN.search(raw)
    if not m:
        return _TitleFacts(_clean_title(raw))
    facts = _TitleFacts(_clean_title(raw[: m.start()]))
    offset = m.start("inner")
    for segment in m["inner"].split(";"):
        facts = _title_segment(facts, segment, at + offset if at >= 0 else -1)
        offset += len(segment) + 1
    return facts


def _title_segment(facts: _TitleFacts, segment: str, at: int) -> _TitleFacts:
    text = segment.strip()
    lead = len(segment) - len(segment.lstrip())
    evidence = Evidence(text, at + lead, at + lead + len(text)) if at >= 0 else None
    first = _FIRST_SEGMENT.match(text)
    if text.lower().startswith("in force"):
        day = parse_day(text[len("in force") :], None)
        clause = Clause("entry_into_force", None, day, evidence)
        return replace(facts, in_force=day, clauses=(*facts.clauses, clause))
    if re.search(r"\byears?\b", text) and not DATE.search(text):
        clause = Clause("duration", None, cues._duration_value(text), evidence)
        return replace(facts, clauses=(*facts.clauses, clause))
    if first and facts.signed is None and DATE.search(first["date"]):
        return replace(facts, place=first["place"].strip(), signed=parse_day(first["date"], None))
    return facts


def _clean_title(text: str) -> str:
    return text.strip().rstrip(" —-–,;:").strip()


def _match_key(title: str) -> str:
    title = re.sub(r"\([^()]*\)", " ", title)
    return re.sub(r"[^a-z0-9]+", " ", title.casefold()).strip()


def _kb_match(raw_title: str) -> Treaty | None:
    """The knowledge-base treaty a title names: same title or short name, or its acronym."""
    key = _match_key(raw_title.split("(")[0]) if raw_title else ""
    if not key:
        return None
    tokens = set(re.findall(r"\b[A-Z]{3,6}\b", raw_title))
    for treaty in load_treaties():
        names = {_match_key(treaty.title), _match_key(treaty.short_name or "")}
        if key in names:
            return treaty
    for treaty in load_treaties():
        # only a short name that is an acronym on its own ("NATO", "CST / CSTO", "Rio Treaty (TIAR)"),
        # never one that merely contains a state's abbreviation ("Sino-DPRK Treaty", "US-ROK MDT")
        parts = re.split(r"\s*/\s*|\s*\(\s*|\s*\)\s*", treaty.short_name or "")
        acronyms = {part for part in parts if re.fullmatch(r"[A-Z]{3,6}", part)}
        if acronyms & tokens:
            return treaty
    return None


# --- parties --------------------------------------------------------------------------------


def states_in(text: str, gazetteer: Gazetteer, offset: int = 0) -> list[_Named]:
    """States named in ``text`` (names and official names, not demonyms or capitals)."""
    named: list[_Named] = []
    for hit in gazetteer.actor_hits(text):
        entries = [e for e in hit.entries if isinstance(e, ActorEntry) and e.kind == "state"]
        if entries:
            code = ALLIANCE_CODES.get(entries[0].code, entries[0].code)
            named.append(_Named(code, offset + hit.start, offset + hit.end))
    return named


def _parties(layout: Layout, text: str, title: str, gaz: Gazetteer, kb: Treaty | None) -> list[str]:
    primary = [
        *_title_parties(title, gaz),
        *_opening_parties(layout, gaz),
        *_clause_parties(layout, gaz),
        *_code_list_parties(text),
    ]
    found = list(dict.fromkeys(primary))
    if len(found) < 2:
        found = list(dict.fromkeys([*found, *_signatory_parties(layout, gaz)]))
    if kb is not None:
        found = list(dict.fromkeys([*found, *_founders(kb)]))
    return found


def _title_parties(title: str, gaz: Gazetteer) -> list[str]:
    segment = re.split(r"\bbetween\b", title, maxsplit=1, flags=re.I)[-1]
    return [n.code for n in states_in(segment, gaz)]


def _opening_parties(layout: Layout, gaz: Gazetteer) -> list[str]:
    """States named at the opening of a preamble, before the first recital."""
    codes: list[str] = []
    previous: Sentence | None = None
    for s in layout.sentences:
        opens = s.part == "preamble" and (previous is None or previous.part != "preamble")
        previous = s
        if not opens:
            continue
        for line in _opening_lines(layout, s):
            cut = _OPENING_CUT.search(line)
            codes.extend(n.code for n in states_in(line[: cut.start()] if cut else line, gaz))
    return codes


def _opening_lines(layout: Layout, first: Sentence) -> list[str]:
    lines: list[str] = []
    for s in layout.sentences[layout.sentences.index(first) :]:
        if s.part != "preamble" or _RECITAL.match(s.text) or s.text[:1].islower() or len(lines) >= 3:
            break
        lines.append(s.text)
    return lines


def _clause_parties(layout: Layout, gaz: Gazetteer) -> list[str]:
    """States in "hereinafter (the Contracting Parties)" clauses and plenipotentiary lines."""
    codes: list[str] = []
    for s in layout.sentences:
        if s.part == "header":
            continue
        m = re.search(r"\(?hereinafter\b", s.text, re.I)
        if m:
            codes.extend(n.code for n in states_in(s.text[: m.start()], gaz))
        plen = _PLENIPOTENTIARY.match(s.text) if s.part == "preamble" else None
        if plen:
            codes.extend(n.code for n in states_in(plen.group(), gaz))
    return codes


def _code_list_parties(text: str) -> list[str]:
    known = {e.code for e in _state_entries()}
    codes: list[str] = []
    for m in _CODE_LIST.finditer(text):
        for code in re.findall(r"[A-Z]{3}", m["codes"]):
            if code in known:
                codes.append(ALLIANCE_CODES.get(code, code))
    return codes


@cache
def _state_entries() -> tuple[ActorEntry, ...]:
    from pactwatch.kb import load_actor_entries

    return tuple(e for e in load_actor_entries() if e.kind == "state")


def _signatory_parties(layout: Layout, gaz: Gazetteer) -> list[str]:
    codes: list[str] = []
    for s in layout.sentences:
        if s.part != "header" and _SIGNATORIES.search(s.text):
            codes.extend(n.code for n in states_in(s.text, gaz))
    return codes


def _founders(treaty: Treaty) -> list[str]:
    days = [m.joined for m in treaty.members if m.joined]
    first = min(days) if days else None
    return sorted({m.code for m in treaty.members if m.joined == first})


# --- dates ----------------------------------------------------------------------------------


def parse_day(text: str, published: str | None) -> str | None:
    """An ISO date (at the precision given) from "1 Sept 1951", "the fourth day of April, 1949" ..."""
    text = re.sub(r"(\d{1,2})/\d{1,2}\b", r"\1", text.strip())
    text = re.sub(r"\bSept\b\.?", "Sep", text)
    m = re.search(r"(?:the\s+)?(\w+(?:-\w+)?)\s+day\s+of\s+", text, re.I)
    if m and m.group(1).lower() in _ORDINALS:
        text = text[: m.start()] + f"{_ORDINALS[m.group(1).lower()]} " + text[m.end() :]
    resolved = resolve_date(text.strip(" .,;()"), published)
    return resolved[0] if resolved else None


def _signed(layout: Layout, published: str | None, facts: _TitleFacts) -> tuple[str | None, str | None]:
    """Signing date and place: "Done at", then the title's parenthesis, then a "signed ... on" sentence."""
    for s in layout.sentences:
        done = _DONE_AT.search(s.text)
        day = DATE.search(s.text[done.end() :]) if done else None
        if done and day:
            return parse_day(day.group(), published), done["place"]
    if facts.signed:
        return facts.signed, facts.place
    for s in layout.sentences:
        signed = _SIGNED.search(s.text) if s.part != "header" else None
        if not signed:
            continue
        rest = s.text[signed.end() :]
        day = DATE.search(rest) or (_SHORT_DATE.search(rest) if published else None)
        parsed = parse_day(day.group(), published) if day else None
        if parsed:
            place = _PLACE_AFTER.search(rest)
            return parsed, place["place"] if place else facts.place
    return None, facts.place


def _in_force(clauses: Iterable[Clause], facts: _TitleFacts) -> str | None:
    for clause in clauses:
        if clause.kind == "entry_into_force" and clause.value and clause.article is not None:
            return clause.value
    for clause in clauses:
        if clause.kind == "entry_into_force" and clause.value:
            return clause.value
    return facts.in_force


def _clauses(layout: Layout, published: str | None) -> list[Clause]:
    """General clauses of the body: entry into force (with its date), duration, termination ..."""
    out: list[Clause] = []
    for s in layout.part("body"):
        found = cues.general_clause(s.text)
        if not found:
            continue
        kind, value = found
        if kind == "entry_into_force":
            day = DATE.search(s.text)
            value = parse_day(day.group(), published) if day else None
        out.append(Clause(kind, s.article, value, Evidence(s.text, s.start, s.end)))
    return out


# --- provisions -----------------------------------------------------------------------------


@cache
def _known_areas() -> tuple[str, ...]:
    areas = load_areas()
    regions = {r for by_state in areas.regions.values() for r in by_state}
    return tuple(sorted(set(areas.areas) | regions))


def _provisions(layout: Layout, parties: Sequence[str], gaz: Gazetteer) -> list[Provision]:
    notes: dict[str, str] = {}
    for s in layout.sentences:
        for kind, label in cues.numbering_notes(s.text).items():
            notes.setdefault(kind, label)
    labels = _canonical_labels(layout)
    coded: list[Provision] = []
    for s in layout.part("body"):
        for item in cues.code_sentence(s.text, _known_areas()):
            article = notes.get(item.type, s.article)
            coded.append(_provision(s, item, _canonical(article, labels), parties, gaz))
    return _merge(coded)


def _canonical_labels(layout: Layout) -> dict[int, str]:
    labels: dict[int, str] = {}
    for label in layout.headings:
        number = article_number(label)
        if number is not None:
            labels.setdefault(number, label)
    return labels


def _canonical(label: str | None, labels: dict[int, str]) -> str | None:
    if label is None:
        return None
    number = article_number(label)
    return labels.get(number, label) if number is not None else label


def _provision(s: Sentence, item: cues.Coded, article: str | None, parties: Sequence[str], gaz: Gazetteer) -> Provision:
    named = states_in(s.text, gaz)
    conditions = list(item.conditions)
    if item.type in ("defense", "offense", "neutrality"):
        conditions.extend(f"adversary:{c}" for c in _adversaries(s.text, named, parties))
    obligor, beneficiary = _direction(s.text, named, parties) if item.type != "nonaggression" else ((), ())
    return Provision(
        type=item.type,
        article=article,
        conditions=cues.sort_conditions(conditions),
        evidence=Evidence(s.text, s.start, s.end),
        obligor=obligor,
        beneficiary=beneficiary,
        strength=item.strength,
    )


def _adversaries(text: str, named: list[_Named], parties: Sequence[str]) -> list[str]:
    """Non-party states named as the attacker ("attacked by Japan or any state allied with it")."""
    return [
        n.code
        for n in named
        if n.code not in parties and _ADVERSARY_BEFORE.search(text[max(0, n.start - 40) : n.start])
    ]


def _direction(text: str, named: list[_Named], parties: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Who owes and who is owed, when the sentence names them; () means every party."""
    if len(parties) < 2:
        return (), ()
    modal = cues.MODAL.search(text)
    cut = modal.start() if modal else 0
    # the subject of the pledge: states named in the clause that leads to the modal verb
    lead = max(text.rfind(",", 0, cut), text.rfind(";", 0, cut)) + 1
    subject = {n.code for n in named if lead <= n.start and n.end <= cut and n.code in parties}
    owed = {
        n.code for n in named if n.code in parties and _BENEFICIARY_BEFORE.search(text[max(0, n.start - 40) : n.start])
    }
    everyone = set(parties)
    obligor = tuple(sorted(subject)) if subject and subject != everyone else ()
    beneficiary = tuple(sorted(owed)) if owed and owed != everyone else ()
    return obligor, beneficiary


def _merge(coded: list[Provision]) -> list[Provision]:
    """One provision per type, article and conditions (strength merged); unnumbered copies of numbered ones go."""
    merged: dict[tuple[str, str | None, tuple[str, ...], tuple[str, ...]], Provision] = {}
    for p in coded:
        key = (p.type, p.article, p.conditions, p.obligor)
        if key in merged:
            first = merged[key]
            strength = tuple(dict.fromkeys([*first.strength, *p.strength]))
            merged[key] = replace(first, strength=strength)
        else:
            merged[key] = p
    numbered = {(p.type, p.conditions) for p in merged.values() if p.article is not None}
    return [p for p in merged.values() if p.article is not None or (p.type, p.conditions) not in numbered]
