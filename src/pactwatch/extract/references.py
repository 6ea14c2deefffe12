"""Phrases that point back to parties named earlier in the document.

Short names of people named in full ("Kim" after "Kim Jong Un"), a subject "he"/"she"
(the last person named), a sentence opening with "It" + verb (the state or body named
last) and group nouns ("the two leaders", "both countries", "the three leaders").
Each resolved phrase is added to the actor index at its own token, so the role
finders see it like any other name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import Any

from pactwatch.extract.dating import DENY_VERBS, REPORT_VERBS
from pactwatch.extract.syntax import (
    SPEECH_VERBS,
    SUBJECTS,
    ActorIndex,
    ActorSpan,
    Token,
    accusers_act_misjoined,
    actors_at,
    controller,
    counted,
)
from pactwatch.model import Actor, Document, Mention

PAIR_NOUNS = {"leader", "side", "country", "nation", "government", "president", "state", "neighbour", "ally"}
PAIR_NOUNS |= {"delegation", "rival", "foe", "adversary", "neighbor"}
GROUP_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4}
STATE_NOUNS = {"kingdom", "emirate", "regime", "republic", "sultanate", "nation", "country", "junta"}
BODY_NOUNS = {"bloc", "alliance", "organisation", "organization", "grouping", "body"}  # "the world body"
BODY_NOUNS |= {"council", "tribunal", "agency"}  # "the council" after "the Security Council"
GROUP_NOUNS = {"group", "militia", "movement", "rebel", "insurgent", "militant", "guerrilla", "jihadist", "separatist"}
SERVICE_NOUNS = {
    "ministry",
    "navy",
    "army",
    "military",
    "government",
    "police",
    "coastguard",
    "administration",
    "junta",
}
GROUP_KINDS = {"armed_group", "party", "transnational_armed_group"}
PAIR_WINDOW = 1500  # characters back to look for the parties referred to


def _short_forms(mentions: list[Mention]) -> dict[str, tuple[int, Mention]]:
    """Single name parts of the people a document names ("Kim" after "Kim Jong Un"),
    unless two different people share them."""
    forms: dict[str, tuple[int, Mention]] = {}
    clashes: set[str] = set()
    for m in mentions:
        if m.kind != "person" or not m.name:
            continue
        for part in {*re.findall(r"[A-Z][\w'-]{2,}", m.name), *re.findall(r"[A-Z][\w'-]{2,}", m.text)}:
            seen = forms.get(part)
            if seen is not None and seen[1].name != m.name:
                clashes.add(part)
            elif seen is None:
                forms[part] = (m.end, m)
    return {k: v for k, v in forms.items() if k not in clashes}


def with_short_names(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """Add later bare-surname mentions of people the document has already named in full."""
    forms = _short_forms(mentions)
    if not forms:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    added: list[Mention] = []
    pattern = re.compile(r"\b(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\b")
    for hit in pattern.finditer(doc.text):
        after, full = forms[hit[1]]
        if hit.start() < after or any(hit.start() < e and s < hit.end() for s, e in taken):
            continue
        added.append(replace(full, start=hit.start(), end=hit.end(), text=hit[1]))
    return sorted(mentions + added, key=lambda m: m.start)


class Antecedents:
    """The names found so far in a document, in text order, for looking back from any offset.

    Gazetteer mentions are known for the whole text up front; spaCy's names arrive block by
    block, in order, so each kind stays sorted and a look-back is two bisections."""

    def __init__(self, known: list[Mention], text: str = "") -> None:
        self.text = text  # the document's text, to read what follows a name ("Russia's Foreign Ministry")
        self._known = sorted(known, key=lambda m: m.start)
        self._known_starts = [m.start for m in self._known]
        self._found: list[Mention] = []
        self._found_starts: list[int] = []

    def add(self, found: list[Mention]) -> None:
        """Names spaCy found in the block just parsed (blocks come in text order)."""
        for m in sorted(found, key=lambda m: m.start):
            self._found.append(m)
            self._found_starts.append(m.start)

    def before(self, at: int) -> list[Mention]:
        """The names ending before offset ``at`` within the look-back window, in text order."""
        lo = at - PAIR_WINDOW
        near = [
            *self._known[bisect_left(self._known_starts, lo) : bisect_left(self._known_starts, at)],
            *self._found[bisect_left(self._found_starts, lo) : bisect_left(self._found_starts, at)],
        ]
        return sorted((m for m in near if m.end <= at), key=lambda m: m.start)


def add_references(parsed: Any, offset: int, names: Antecedents, index: ActorIndex) -> None:
    """Phrases that point back to parties named before: "the two leaders", "the three
    countries", "both sides" (the last N distinct parties), a subject "he"/"she" (the
    last person named) and a sentence opening with "It" (the last state or body)."""
    for tok in parsed:
        if tok.lower_ in ("which", "whom", "who") and tok.dep_ in ("dobj", "obj") and tok.head.dep_ == "relcl":
            meant = actors_at(tok.head.head, index)  # "the movement, which he accused of ...": the movement
            if meant and tok.i not in index:
                index[tok.i] = _at_word(meant, tok)
            continue
        if tok.lower_ in OBJECT_PRONOUNS | {"it"} and tok.dep_ in ("dobj", "obj") and tok.i not in index:
            main = _main_object(tok, index)  # "expelled the attache, accusing him of spying"
            main = main or _person_addressed(tok, index, names.before(offset + tok.idx))
            main = main or _told_of_before(tok, index)
            if main:
                index[tok.i] = _at_word(main, tok)
                continue
        if tok.lower_ in SELF_PRONOUNS and tok.dep_ in ("dobj", "pobj", "dative") and tok.i not in index:
            speaker = _speaker(tok, index)  # "Israel said a bomb was fired at it": the speaker
            if speaker:
                index[tok.i] = _at_word(speaker, tok)
            continue
        if _owner_of_subject(tok) and tok.i not in index:
            # "Iran said its forces seized a tanker": the speaker's; "Its navy fired ...": the last state
            owner = _speaker(tok, index)
            if not owner and tok.lower_ in ("its", "his", "her"):
                # "Its navy fired ...": the last state or body; "His government banned ...": the last person's
                person = tok.lower_ != "its"
                named = [m for m in names.before(offset + tok.idx) if (m.kind == "person") == person and m.code]
                owner = [_span_for(named[-1], tok)] if named else []
            if owner:
                index[tok.i] = _at_word(owner, tok)
            continue
        if tok.lower_ == "its" and tok.dep_ == "poss" and tok.i not in index:
            owner = _accused_owner(tok, index) or _owner_above(tok, index)  # "... stormed its embassy"
            if owner:
                index[tok.i] = _at_word(owner, tok)
                continue
        owned = tok.head.dep_ in ("dobj", "obj") or (tok.head.dep_ == "pobj" and tok.head.head.lower_ == "for")
        if tok.lower_ == "their" and tok.dep_ == "poss" and owned and tok.i not in index:
            owners = _plural_subject_before(tok, index)  # "Iraqi troops overran Kuwait ... demanded their withdrawal"
            if owners:
                index[tok.i] = _at_word(owners, tok)
                continue
        if tok.pos_ == "NOUN" and tok.i not in index:
            # "the bloc", "the kingdom", "the ministry"
            body = _bloc(tok, names, offset) or _service(tok, names, offset) or _kingdom(tok, names, offset, index)
            body = body or _titled_before(tok, names, offset)
            if body:
                index[tok.i] = body
                continue
        if tok.pos_ in ("NOUN", "PROPN") and not any(a.actor.code for a in index.get(tok.i, [])):
            korea = _korea(tok, names, offset)  # "the North"; "the two Koreas", which the tagger may take for a name
            if korea:
                index[tok.i] = korea
                continue
        if _opening_they(tok) and tok.i not in index:
            earlier = _previous_subject(tok, index)  # "NATO leaders met ... They pledged ..."
            if earlier:
                index[tok.i] = _at_word(earlier, tok)
            continue
        pronoun = tok.lower_ in ("he", "she") and tok.dep_ in ("nsubj", "nsubjpass")
        opening_it = _opening_it(tok)
        count = 0 if pronoun or opening_it else _group_size(tok)
        if tok.i in index or not (pronoun or opening_it or count):
            continue
        before = names.before(offset + tok.idx)
        if opening_it:  # "ECOWAS said it was suspending trade with Niger. It also closed ...": ECOWAS
            earlier = _previous_subject(tok, index)
            if len({a.actor.code for a in earlier}) == 1 and earlier[0].actor.sector != "CVL":
                index[tok.i] = _at_word(earlier[:1], tok)
                continue
        if pronoun and tok.is_sent_start:  # "He met Medvedev": the person the sentence before was about
            known = [m.end - offset - len(m.text.split(" ")[-1]) for m in before if m.kind == "person"]
            earlier = _previous_subject(tok, index, person=True, known=known)
            if earlier:
                index[tok.i] = _at_word(earlier, tok)
                continue
        speaking = _speaking_person(tok, index) if pronoun else []
        if speaking:  # "Annan, after talks with Saddam, said he had secured a deal": the speaker
            index[tok.i] = _at_word(speaking, tok)
            continue
        if pronoun or opening_it:  # a person for he/she, a coded state or body for "It"
            named = [m for m in before if (m.kind == "person" if pronoun else m.kind != "person" and m.code)]
            if named:
                index[tok.i] = [_span_for(named[-1], tok)]
            continue
        group_before = _subject_group_before(tok, index, count)  # "Saudi Arabia, the UAE, ... The four countries"
        if group_before:
            index[tok.i] = _at_word(group_before, tok)
            continue
        states_only = tok.lemma_.lower() in ("country", "nation", "state", "neighbour")
        speakers = _clause_subject_codes(tok, index)
        group = _last_parties(_told_lately(before, names.text, offset + tok.idx), count, states_only, speakers)
        if len(group) < count:  # none named just now: the pair the story is about
            group = _main_parties(before, count, states_only, speakers)
        if len(group) == count:
            index[tok.i] = [_span_for(m, tok) for m in group]


SELF_PRONOUNS = {"it", "us"}


OBJECT_PRONOUNS = {"him", "her", "them"}
TITLE_NOUNS = {"minister", "president", "premier", "chancellor", "king", "secretary", "envoy", "ambassador"}
TITLE_WORDS = {"foreign", "defence", "defense", "prime", "interior", "vice"}
PARTNER_PREPS = {"with", "to", "against", "on"}


def _person_addressed(tok: Token, index: ActorIndex, before: list[Mention]) -> list[ActorSpan]:
    """ "him"/"her" as an object ("Blair met Assad ... He urged him to stop"): the last person
    named who is not the one acting."""
    if tok.lower_ not in ("him", "her"):
        return []
    verb = tok.head
    acting = {a.actor.name for s in verb.children if s.dep_ in SUBJECTS for a in index.get(s.i, [])}
    named = [m for m in before if m.kind == "person" and m.code and m.name not in acting]
    return [_span_for(named[-1], tok)] if named else []


def _told_of_before(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """An object "them" or "it" in a sentence that names no such party itself: the plural object
    of the sentence before ("Iran seized ten U.S. sailors. Tehran released them"), or, for "it",
    that sentence's subject ("Washington sent two carriers. Beijing accused it of meddling")."""
    start = tok.sent.start
    if start == 0 or tok.lower_ not in ("them", "it"):
        return []
    root = tok.doc[start - 1].sent.root
    acting = {a.actor.code for s in tok.head.children if s.dep_ in SUBJECTS for a in _with_modifiers(s, index)}
    if tok.lower_ == "them":
        objects = [counted(c) for c in root.children if c.dep_ in ("dobj", "obj")]
        found = [a for o in objects if o.tag_ == "NNS" for a in _with_modifiers(o, index) if a.actor.code]
    else:
        found = [a for a in _previous_subject(tok, index) if a.actor.sector != "CVL"]
    found = [a for a in found if a.actor.code not in acting]
    return _at_word(found, tok) if len({a.actor.code for a in found}) == 1 else []


def _main_object(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """The object of the main verb a participle clause hangs from ("expelled X, accusing him")."""
    verb = tok.head
    if verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return []
    objects = [c for c in verb.head.children if c.dep_ in ("dobj", "obj")]
    found = [a for o in objects for a in index.get(o.i, [])]
    found += [
        a for o in objects for c in o.children if c.dep_ in ("poss", "compound", "amod") for a in index.get(c.i, [])
    ]
    # "cut ties with Qatar, accusing it of ...": the partner the main act names
    if not found:
        holders = (verb.head, *objects)
        preps = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in PARTNER_PREPS]
        found = [a for c in preps for p in c.children if p.dep_ == "pobj" for a in index.get(p.i, [])]
    return [a for a in found if a.actor.code]


def _speaker(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """The coded subject of the speech verb whose reported clause holds ``tok``."""
    current = tok
    for _ in range(8):
        head = current.head
        if head.i == current.i:
            return []
        if current.dep_ == "ccomp" and head.lemma_.lower() in SPEECH_VERBS | REPORT_VERBS | DENY_VERBS:
            subjects = [c for c in head.children if c.dep_ in SUBJECTS]
            return [a for s in subjects for a in index.get(s.i, []) if a.actor.code]
        current = head
    return []


def _speaking_person(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """The person whose reported clause "he"/"she" is the subject of ("Koizumi, after talks
    with Kim, said he would resume aid": Koizumi), when the speaker is named as a person."""
    if tok.head.dep_ != "ccomp" or tok.head.head.lemma_.lower() not in SPEECH_VERBS | REPORT_VERBS:
        return []
    subjects = [c for c in tok.head.head.children if c.dep_ == "nsubj" and c.ent_type_ == "PERSON"]
    return [a for s in subjects for a in index.get(s.i, []) if a.actor.code]


def _accused_owner(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """ "its" on what an accuser does next ("accused Romania of orchestrating the riots and
    expelled its ambassador"): the accused's."""
    verb = tok.head.head
    if tok.head.dep_ not in ("dobj", "obj") or not accusers_act_misjoined(verb):
        return []
    accusing = verb.head.head.head
    return [a for c in accusing.children if c.dep_ in ("dobj", "obj") for a in actors_at(c, index) if a.actor.code]


def _owner_of_subject(tok: Token) -> bool:
    """ "its forces", "their navy" owning a clause's subject."""
    owner = tok.lower_ in ("its", "their", "his", "her") and tok.dep_ == "poss"
    return owner and tok.head.dep_ in ("nsubj", "nsubjpass")


def _owner_above(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """ "its" in a clause whose own subject is an unnamed crowd: the coded subject of the clause
    above ("Riyadh cut ties with Tehran after protesters stormed its embassy": Riyadh's)."""
    current, own_clause = tok, True
    for _ in range(8):
        if current.head.i == current.i:
            return []
        current = current.head
        if current.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in current.children if c.dep_ in SUBJECTS]
        found = [a for s in subjects for a in index.get(s.i, []) if a.actor.code]
        if own_clause:
            if found or not (subjects or _object_controlled(current)):
                return []  # its own clause names who "its" most likely means; leave it to the rest
            own_clause = False  # an unnamed crowd, or X's act in "accused X of ramming its boats"
            continue
        if found:
            return found
    return []


def _plural_subject_before(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """The coded plural subject named last before ``tok`` ("Iraqi troops", "the Americans"),
    other than the subject of the clause ``tok`` sits in: whom an object's "their" means."""
    verb = tok.head.head if tok.head.dep_ != "pobj" else tok.head.head.head  # "called for their withdrawal"
    own = {a.actor.code for c in verb.children if c.dep_ in SUBJECTS for a in actors_at(c, index)}
    for word in reversed(tok.doc[: tok.i]):
        if word.dep_ not in SUBJECTS or word.tag_ not in ("NNS", "NNPS") or word.head.i == verb.i:
            continue
        found = [a for a in actors_at(word, index) if a.actor.code]
        if found and not {a.actor.code for a in found} & own:
            return found
        if found:
            return []  # the clause's own subject named just before: "their" is most likely its own
    return []


def _object_controlled(verb: Token) -> bool:
    """ "accused China of ramming": the act is the object's, told by the subject."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:  # "of ramming and boarding its boats"
        verb = verb.head
    return verb.dep_ == "pcomp" and controller(verb) is not None


def _opening_they(tok: Token) -> bool:
    opening: bool = tok.is_sent_start
    return opening and tok.lower_ == "they" and tok.dep_ == "nsubj"


def _previous_subject(
    tok: Token, index: ActorIndex, person: bool = False, known: list[int] | None = None
) -> list[ActorSpan]:
    """The coded subject of the sentence before ``tok``'s, in the same block; ``person``: only
    a person named there (the one "He" goes on about), by the tagger or, ``known``, by the
    knowledge base (the block offsets of the people it names)."""
    start = tok.sent.start
    if start == 0:
        return []
    root = tok.doc[start - 1].sent.root
    subjects = [c for c in root.children if c.dep_ in SUBJECTS]
    subjects += [j for c in subjects for j in c.conjuncts]  # "The United States and the EU ... They"
    if person:
        people = [c for c in subjects if c.dep_ == "nsubj" and (c.ent_type_ == "PERSON" or c.idx in (known or []))]
        return [a for s in people for a in index.get(s.i, []) if a.actor.code][:1]
    return [a for s in subjects for a in _with_modifiers(s, index) if a.actor.code]


def _subject_group_before(tok: Token, index: ActorIndex, count: int) -> list[ActorSpan]:
    """The coordinated subject of the sentence before, when it names exactly ``count`` parties
    ("Saudi Arabia, the UAE, Bahrain and Egypt cut ties with Qatar. The four countries ...")."""
    start = tok.sent.start
    if start == 0 or count < 2:
        return []
    root = tok.doc[start - 1].sent.root
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    found = [a for s in subjects for a in actors_at(s, index) if a.actor.code]
    firsts = list({a.actor.code: a for a in found}.values())
    return firsts if len(firsts) == count else []


def _with_modifiers(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    found = list(index.get(tok.i, []))
    found += [a for c in tok.children if c.dep_ in ("compound", "amod", "poss", "nmod") for a in index.get(c.i, [])]
    return found


def _opening_it(tok: Token) -> bool:
    """A sentence that opens with "It" + a verb ("It also said ...") goes on about the party
    named last; "It is", "It was" are not that."""
    opening: bool = tok.is_sent_start
    return opening and tok.lower_ == "it" and tok.dep_ == "nsubj" and tok.head.lemma_ != "be"


def _group_size(tok: Token) -> int:
    if tok.lemma_.lower() not in PAIR_NOUNS:
        return 0
    sizes = [GROUP_WORDS[c.lower_] for c in tok.children if c.lower_ in GROUP_WORDS]
    return sizes[0] if sizes else 0


def _told_lately(before: list[Mention], text: str, at: int) -> list[Mention]:
    """The names of this sentence and the one before it: "the two countries" means a pair
    named just now before any pair named paragraphs earlier."""
    starts = [m.end() for m in re.finditer(r"[.!?][\"\u201d']?\s+(?=[A-Z\u201c\"])", text[:at])]
    since = starts[-2] if len(starts) >= 2 else 0
    return [m for m in before if m.start >= since]


def _main_parties(before: list[Mention], count: int, states_only: bool, speakers: frozenset[str]) -> list[Mention]:
    """The ``count`` parties named most often in the look-back window (the later one first on a tie)."""
    eligible = [m for m in before if _a_party(m, states_only, speakers)]
    last: dict[str, tuple[int, Mention]] = {}
    counts: dict[str, int] = {}
    for i, m in enumerate(eligible):
        code = m.code or ""
        counts[code] = counts.get(code, 0) + 1
        last[code] = (i, m)
    ranked = sorted(counts, key=lambda c: (counts[c], last[c][0]), reverse=True)[:count]
    return [m for _, m in sorted(last[c] for c in ranked)] if len(ranked) == count else []


def _last_parties(
    before: list[Mention], count: int, states_only: bool = False, speakers: frozenset[str] = frozenset()
) -> list[Mention]:
    """The last ``count`` distinct parties named ("both countries": states only, and not the
    one speaking of them)."""
    found: list[Mention] = []
    for m in reversed(before):
        if _a_party(m, states_only, speakers) and all(m.code != p.code for p in found):
            found.append(m)
        if len(found) == count:
            break
    return found[::-1]


def _a_party(m: Mention, states_only: bool, speakers: frozenset[str]) -> bool:
    """A name a group word can point back to: coded, not the speaker ("Germany urged both
    sides"), not a town named on the way, and a state where only states are meant."""
    if not m.code or m.code in speakers or m.kind == "place":
        return False
    return not states_only or m.kind in ("state", "demonym")


def _clause_subject_codes(tok: Token, index: ActorIndex) -> frozenset[str]:
    """Codes of the subject of the clause ``tok`` sits in (climbing to the nearest verb with one)."""
    current = tok
    for _ in range(6):
        subjects = [c for c in current.children if c.dep_ in SUBJECTS]
        if subjects and current.pos_ in ("VERB", "AUX"):
            return frozenset(a.actor.code for s in subjects for a in index.get(s.i, []) if a.actor.code)
        if current.head.i == current.i:
            break
        current = current.head
    return frozenset()


def _bloc(tok: Token, names: Antecedents, offset: int) -> list[ActorSpan]:
    """ "the bloc", "the alliance", "the organisation": the body named last; "the group",
    "the militia": the armed group or movement named last."""
    lemma = tok.lemma_.lower()
    if lemma not in BODY_NOUNS | GROUP_NOUNS or not any(c.lower_ == "the" for c in tok.children):
        return []
    described = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss") and c.lower_ != "world"]
    if described:
        return []  # "the Wagner group", "the rebel group": named or described in place ("the world body" is not)
    kinds = {"igo"} if lemma in BODY_NOUNS else GROUP_KINDS
    bodies = [m for m in names.before(offset + tok.idx) if m.kind in kinds and m.code]
    return [_span_for(bodies[-1], tok)] if bodies else []


def _kingdom(tok: Token, names: Antecedents, offset: int, index: ActorIndex) -> list[ActorSpan]:
    """ "accusing the kingdom of hostile acts": the last state named, other than the speaker's."""
    if tok.lemma_.lower() not in STATE_NOUNS or not any(c.lower_ == "the" for c in tok.children):
        return []
    if tok.tag_ == "NNS" or any(c.lower_ in GROUP_WORDS or c.dep_ in ("nummod", "poss") for c in tok.children):
        return []  # "the two countries": a group, read below
    if any(c.dep_ in ("amod", "compound") and c.i in index for c in tok.children):
        return []  # "the Turkish government": named already
    own = _clause_subject_codes(tok, index)
    states = [m for m in names.before(offset + tok.idx) if m.kind in ("state", "demonym") and m.code not in own]
    return [_span_for(states[-1], tok)] if states else []


def _korea(tok: Token, names: Antecedents, offset: int) -> list[ActorSpan]:
    """ "the North", "the South" in a text about the Koreas; "the two Koreas": both."""
    if tok.lower_ == "koreas":
        start, end, where = offset + tok.idx, offset + tok.idx + len(tok.text), (tok.i, tok.i + 1)
        both = (("PRK", "North Korea"), ("KOR", "South Korea"))
        return [ActorSpan(start, end, tok.i, Actor(tok.text, code, None, name), where) for code, name in both]
    side = {"north": "PRK", "south": "KOR"}.get(tok.lower_)
    if side is None or not any(c.lower_ == "the" for c in tok.children) or any(c.dep_ == "prep" for c in tok.children):
        return []  # "the south of the country" is a region
    koreas = [m for m in names.before(offset + tok.idx) if m.code in ("PRK", "KOR") and m.kind != "person"]
    named = [m for m in koreas if m.code == side]
    if not koreas:
        return []
    m = named[-1] if named else koreas[-1]
    name = "North Korea" if side == "PRK" else "South Korea"
    return [ActorSpan(m.start, m.end, tok.i, Actor(tok.text, side, None, name), (tok.i, tok.i + 1))]


def _service(tok: Token, names: Antecedents, offset: int) -> list[ActorSpan]:
    """ "The ministry summoned ...", "the navy fired ...": the state whose ministry or navy was
    named last ("Russia's Foreign Ministry", "the Indonesian navy")."""
    lemma = tok.lemma_.lower()
    if lemma not in SERVICE_NOUNS or not any(c.lower_ == "the" for c in tok.children):
        return []
    if any(c.dep_ in ("amod", "compound", "poss", "nmod") for c in tok.children):
        return []  # "the Turkish navy", "the foreign ministry": named or described in place
    for m in reversed(names.before(offset + tok.idx)):
        if not m.code or m.kind == "person":
            continue
        if lemma in m.text.lower().split() or _followed_by(names.text, m.end, lemma):
            return [_span_for(m, tok)]
    return []


def _titled_before(tok: Token, names: Antecedents, offset: int) -> list[ActorSpan]:
    """ "The minister thanked Egypt" after "Israeli Foreign Minister Silvan Shalom": the person
    last named with that title."""
    lemma = tok.lemma_.lower()
    if lemma not in TITLE_NOUNS or not any(c.lower_ == "the" for c in tok.children):
        return []
    if any(c.dep_ in ("amod", "compound", "poss", "nmod") and c.lower_ not in TITLE_WORDS for c in tok.children):
        return []  # "the Turkish president", "Egypt's president": named in place
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return []  # "the president of Kenya": named in place
    for m in reversed(names.before(offset + tok.idx)):
        if m.kind == "person" and m.code:
            titled = lemma in names.text[max(0, m.start - 40) : m.start].lower().split()
            return [_span_for(m, tok)] if titled else []
    return []


def _followed_by(text: str, end: int, lemma: str) -> bool:
    """The words right after a name end in ``lemma`` ("Russia's Foreign Ministry", "Indonesian navy")."""
    after = re.match(r"(?:'s|’s)?((?:\s+[A-Z]?[a-z]+){1,3})", text[end : end + 40])
    words = after[1].split() if after is not None else []
    lowered = [w.lower() for w in words]
    if lemma not in lowered:
        return False
    # only capitalised words between ("Russia's Foreign Ministry"), not a clause ("Paris criticised the junta")
    return all(w[:1].isupper() for w in words[: lowered.index(lemma)])


def _at_word(spans: list[ActorSpan], tok: Token) -> list[ActorSpan]:
    """The parties a pointing word refers to, indexed at that word."""
    return [replace(a, root=tok.i, tokens=(tok.i, tok.i + 1)) for a in spans]


def _span_for(m: Mention, tok: Token) -> ActorSpan:
    return ActorSpan(m.start, m.end, tok.i, Actor(m.text, m.code, m.sector, m.name, m.inferred), (tok.i, tok.i + 1))
