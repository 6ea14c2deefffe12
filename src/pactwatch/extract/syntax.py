"""Who did what to whom: source and target actors from the dependency parse.

Each helper reads one spaCy token and the actor spans rooted at tokens; none
looks at the lexicon or the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from pactwatch.kb import load_actor_entries
from pactwatch.model import Actor
from pactwatch.ontology import load_sector_nouns

Token = Any  # spaCy's Token; kept loose so mypy need not see spaCy's stubs

SUBJECTS = {"nsubj", "csubj", "expl"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "obj", "dative", "oprd"}
MODIFIERS = {"compound", "amod", "poss", "nmod", "npadvmod"}
TARGET_PREPS = {
    "to",
    "with",
    "against",
    "on",
    "at",
    "toward",
    "towards",
    "into",
    "for",
    "upon",
    "onto",
    "over",
    "around",
}
SIDE_PREPS = TARGET_PREPS | {"between", "among"}
LOCATIVE_PREPS = {"at", "on", "into", "over", "onto", "upon", "in", "around"}
PRONOUNS = {"he", "she", "it", "they", "we"}
CLIMB_FOR_SUBJECT = {"acl", "pcomp", "prep", "pobj", "dobj", "xcomp", "advcl", "conj", "relcl", "attr", "acomp"}
SENDING_VERBS = {"send", "supply", "deliver", "donate", "provide", "launch", "fire", "ship", "give", "pledge"}
SPELL_NOUNS = {"day", "week", "month", "year", "hour", "decade", "night"}  # "after eight days of fighting"
TIME_NOUNS = SPELL_NOUNS | {"eve", "morning", "evening", "afternoon", "anniversary", "time", "moment"}
IMPOSING_VERBS = {"adopt", "impose", "approve", "pass", "announce", "order", "extend", "lift", "ease", "tighten"}
IMPOSING_VERBS |= {"expand", "launch", "seek", "plan", "prepare", "unveil", "propose", "authorize", "authorise"}
IMPOSING_VERBS |= {"renew"}
OBJECT_ONLY_VERBS = {"kill", "shoot", "behead", "execute", "oust", "topple", "depose", "free", "release", "arrest"}
OBJECT_ONLY_VERBS |= {"detain", "jail", "kidnap", "abduct", "wound", "injure", "capture", "expel", "deport", "hang"}
OBJECT_ONLY_VERBS |= {"assassinate", "murder", "sentence", "convict", "impeach", "sack", "seize", "imprison", "exile"}
CARRIER_NOUNS = {"ship", "vessel", "boat", "plane", "aircraft", "jet", "helicopter", "convoy", "truck", "lorry"}
CARRIER_NOUNS |= {"train", "tanker", "freighter", "flotilla", "flight", "cargo", "dhow", "trawler"}
DISPATCH_VERBS = {"send", "dispatch", "launch", "ship", "fly", "load", "charter", "deploy", "sail", "organise"}
DISPATCH_VERBS |= {"organize"}
CLAUSE_DEPS = {"advcl", "xcomp", "ccomp", "relcl", "acl", "conj"}
HELP_VERBS = {"support", "help", "assist", "aid", "back", "reinforce", "bolster", "strengthen", "defend", "protect"}
ORIGIN_PREPS = {"of", "from", "in", "throughout", "across", "inside"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
# "Iranian-backed militias", "Russian-made jets": the named state is a patron, not the actor
PATRON_PARTICIPLES = {
    "back",
    "backed",
    "fund",
    "funded",
    "sponsor",
    "sponsored",
    "arm",
    "armed",
    "make",
    "made",
    "build",
    "built",
    "supply",
    "supplied",
    "train",
    "trained",
    "equip",
    "equipped",
    "design",
    "designed",
    "manufacture",
    "manufactured",
    "finance",
    "financed",
    "broker",
    "brokered",
    "mediate",
    "mediated",
}
# "NATO-member Norway", "EU partner Serbia": the body only classifies the actor
CLASSIFIER_NOUNS = {"member", "ally", "partner", "neighbour", "neighbor", "candidate", "observer"}
OWNER_PRONOUNS = {"its", "their"}
# verbs that speak of an act someone else did: their subject is not its actor
TALK_VERBS = {"describe", "discuss", "report", "mention", "recall", "investigate", "document", "detail", "witness"}
TALK_VERBS |= {"survive", "remember", "commemorate", "mark", "film", "record", "review", "probe", "analyse", "analyze"}
SPOKES_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "adviser", "advisor", "aide", "envoy"}
# "retook": a past form the lemmatiser leaves as it is
CAPTURE_VERBS = {"capture", "recapture", "seize", "retake", "retook", "wrest", "take", "liberate", "reclaim"}
CONTROL_PREPS = {"of", "from", "into", "for", "against"}  # "accused X of", "stopped X from", "blamed X for"
FACILITY_NOUNS = {"camp", "shelter", "school", "hospital", "clinic", "home", "settlement", "centre", "center"}
ANSWERABLE = {"responsible", "accountable", "liable", "guilty"}  # "holds X responsible"
TITLE_GAP = 40  # characters between a body and the name its title stands before ("EU foreign policy chief ")
RIVAL_KINDS = {"party", "armed_group"}  # bodies that face others of their own state
ORGANISATION_KINDS = RIVAL_KINDS | {"agency", "military", "media", "company", "ngo"}
REACTION_TYPES = {"PROTEST", "ACCUSE", "THREATEN", "REJECT", "SANCTION", "REQUEST"}  # what an act may prompt
PROMPT_VERBS = {"prompt", "draw", "spark", "trigger", "provoke", "earn", "elicit", "invite", "attract"}
DEAL_NOUNS = {"deal", "agreement", "accord", "pact", "truce", "ceasefire", "treaty", "arrangement"}
TALK_NOUNS = {"talk", "negotiation", "dialogue", "contact"}
FOREIGN_WORDS = {"western", "european", "arab", "african", "asian", "other", "neighbouring", "neighboring"}
FOREIGN_WORDS |= {"allied", "coalition", "international", "regional", "multinational"}
# the written texts states sign and are known by a name or a year ("the Minsk agreements", "the 1987 INF treaty")
CHARTER_NOUNS = {"treaty", "agreement", "accord", "pact", "memorandum", "protocol", "convention", "framework"}
CHARTER_NOUNS |= {"charter", "plan", "declaration"}
TELLING_VERBS = {"announce", "confirm", "hail", "reveal", "disclose", "unveil"}
NAMING_VERBS = {"call", "brand", "label", "dub", "term", "deem", "consider"}
END_NOUNS = {"end", "halt", "stop", "cessation", "suspension", "freeze", "moratorium"}
STANCE_NOUNS = {"critic", "opponent", "supporter", "admirer", "champion", "detractor", "backer", "sympathiser"}
SOLIDARITY_NOUNS = {"solidarity", "coordination", "concert", "tandem", "unison"}
RELATION_NOUNS = {"ally", "partner", "proxy", "rival", "enemy", "foe", "adversary", "neighbour", "neighbor"}
# "Greece's creditors", "Ukraine's backers": other parties, not the state named
RELATION_NOUNS |= {"creditor", "lender", "backer", "sponsor", "bondholder", "donor"}
EXPEL_VERBS = {"expel", "deport", "evict", "kick", "oust", "banish", "suspend"}  # passive "from X": X expels
NOT_AUTHORING = {"blame", "broker", "mediate", "host", "facilitate", "witness", "oversee"}
HANDING_VERBS = {"extradite", "hand"}  # the person handed over is no party; the state handed to is
MOVED_VERBS = {"withdraw", "pull", "recall", "evacuate", "redeploy", "deploy", "send", "dispatch", "station", "airlift"}
SENT_PEOPLE = {"troop", "soldier", "force", "monitor", "observer", "peacekeeper", "diplomat", "staff", "envoy"}
SENT_PEOPLE |= {"ambassador", "inspector", "personnel", "marine", "adviser", "advisor", "contingent", "unit"}
DEPLOYED_BODY_NOUNS = {"mission", "force", "operation", "contingent", "peacekeeping", "coalition"}
FIGHT_VERBS = {"fight", "clash", "battle"}
FIGHT_NOUNS = {"fighting", "clash", "battle", "skirmish", "fight", "exchange", "firefight", "gunbattle"}
ATTACK_NOUNS = {"strike", "airstrike", "attack", "raid", "bombing", "ambush", "shelling", "assault", "operation"}
WHERE_PREPS = {"in", "at", "near", "inside", "outside", "around"}
WHERE_WORDS = {"in", "inside", "within", "across", "into", "near", "through"}  # "marched through London"
CONTENT_PLACE_PREPS = WHERE_WORDS | {"throughout", "to"}
MEMBERSHIP_NOUNS = {"participation", "membership", "seat", "presence", "role", "involvement"}
MISHAP_NOUNS = {"crash", "accident", "collision", "derailment", "earthquake", "flood", "storm", "disaster"}
BLAZE_NOUNS = {"fire", "blaze"}  # "a fire gutted the tower": a mishap; "Pakistani fire", "artillery fire": shooting
MISHAP_NOUNS |= {"typhoon", "hurricane", "cyclone", "quake", "heatwave", "wildfire", "tsunami", "landslide"}
MISHAP_NOUNS |= {"avalanche", "drought", "tornado", "mudslide", "blizzard", "eruption", "volcano", "flooding"}
REASON_PREPS = {"over", "for"}
TIMING_PREPS = {"after", "following", "amid", "despite", "during", "before", "since"}
BEHEST_NOUNS = {"request", "behest", "invitation", "urging", "insistence", "suggestion"}
PATIENT_OF_TYPES = {"ASSAULT", "COERCE", "SANCTION", "ACCUSE"}  # "condemnation of Israel": the one condemned
BORDER_NOUNS = {"border", "frontier", "boundary"}
INSTRUMENT_VERBS = {"use", "employ", "deploy", "send", "dispatch", "fire", "launch"}
TOPIC_VERBS = {"discuss"}
GROUND_NOUNS = {"airspace", "water", "waters", "territory", "zone", "border", "boundary", "soil", "coast"}
AUTHORED_NOUNS = {"proposal", "offer", "plan", "demand", "request", "call", "appeal", "ultimatum", "initiative"}
AUTHOR_TARGET_TYPES = {"REJECT", "AGREE", "CONCEDE", "SUPPORT"}  # "rejected calls by Annan": Annan is the target
AIM_PREPS = {"at", "on", "against", "toward", "towards"}
FROM_TARGET_TYPES = {"RETREAT", "REQUEST", "SANCTION"}  # "recalled its envoy from NATO", "banned imports from X"
ORDER_VERBS = {"order", "instruct", "command", "direct", "tell"}
OWN_FORCE_NOUNS = {"army", "military", "troop", "force", "navy", "police", "ministry", "government", "commander"}
OWN_FORCE_NOUNS |= {"unit", "soldier", "guard", "coastguard", "cabinet", "minister", "official", "authority"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG"}  # a state's own organs
# verbs that report speech: what they tell is dated and owned apart ("said on Friday that ...")
SPEECH_VERBS = {"say", "declare", "insist", "reiterate", "state", "stress", "announce", "tell", "add", "warn", "write"}
SPEAKER_ACTS = {"urge", "accuse", "warn", "demand", "condemn", "vow", "threaten", "blame", "criticise", "criticize"}
SPEAKER_ACTS |= {"call", "ask", "appeal", "pledge", "promise", "reject", "deny", "dismiss", "insist", "denounce"}
VENUE_NOUNS = {"sideline", "margin", "fringe"}
GATHERING_NOUNS = {"summit", "meeting", "conference", "talk", "session", "forum", "gathering", "ceremony", "speech"}
ASKED_BY_NOUNS = {"appeal", "call", "demand", "request", "plea", "ultimatum", "urging", "entreaty"}
COUNT_NOUNS = {"hundred", "thousand", "dozen", "score", "group", "number", "handful", "crowd", "band", "lot"}
COUNT_NOUNS |= {"first", "rest", "bulk", "vanguard", "contingent"}  # "the first of 2,000 troops"
COUNT_NOUNS |= {"column", "convoy", "unit"}  # "columns of Russian tanks"
NON_STATE_SECTORS = {"REB", "OPP", "NGO", "IGO", "BUS", "MED"}
PEOPLE_SECTORS = {"CVL", "OPP", "REB", "NGO", "BUS", "MED"}
ACCEPTING_VERBS = {"accept", "endorse", "embrace", "approve"}
GIVING_TYPES = {"AID", "AGREE", "MOBILIZE"}  # their object is the thing given or moved, not a target
# verbs whose object is the one given to ("supplying Russia's military"), not the thing moved
RECIPIENT_VERBS = {
    "supply",
    "arm",
    "equip",
    "provide",
    "fund",
    "finance",
    "resupply",
    "reinforce",
    "train",
}


@dataclass(frozen=True)
class ActorSpan:
    """An actor named in a block: offsets into the block text and the coded actor."""

    start: int
    end: int
    root: int
    actor: Actor
    tokens: tuple[int, int] = (0, 0)  # token range [first, last) in the parsed block


ActorIndex = dict[int, list[ActorSpan]]


def _dedupe(spans: Iterable[ActorSpan]) -> list[ActorSpan]:
    """One span per party; a state's armed group, opposition or people stay apart from the
    state itself ("Sudan's army and the Rapid Support Forces")."""
    spans = list(spans)
    named = {s.actor.code for s in spans if s.actor.code and not s.actor.inferred}
    out: list[ActorSpan] = []
    seen: set[str] = set()
    for span in spans:
        if span.actor.inferred and span.actor.code in named:
            continue  # "Hezbollah leader Hassan Nasrallah", he since dead: the group is the party
        if span.actor.inferred == "former" and any(_titles(o, span) for o in spans):
            continue  # "EU foreign policy chief Javier Solana": the title names his body now
        key = span.actor.code or span.actor.text
        if span.actor.code and span.actor.sector in {"REB", "OPP", "CVL"}:
            key = f"{key}/{span.actor.sector}"
        if key not in seen:
            seen.add(key)
            out.append(span)
    return out


def _titles(title: ActorSpan, person: ActorSpan) -> bool:
    """``title`` is a body named in the title just before ``person``."""
    return bool(title.actor.code) and not title.actor.inferred and 0 <= person.start - title.end <= TITLE_GAP


def _np_spans(tok: Token, index: ActorIndex, depth: int = 0) -> list[ActorSpan]:
    """Actors named inside the noun phrase headed by ``tok`` (modifier and apposition chains)."""
    found: list[ActorSpan] = []
    for child in tok.children:
        if child.dep_ == "appos" and child.lemma_.lower() in RELATION_NOUNS | CLASSIFIER_NOUNS | STANCE_NOUNS:
            continue  # "the United States, a treaty ally of the Philippines": whose ally is another party
        if child.dep_ == "appos" and child.pos_ == "NOUN" and any(a.actor.code for a in index.get(tok.i, [])):
            continue  # "the Soviet Union, Iraq's main arms supplier": a known party described by another
        if child.dep_ == "appos":  # "the US, Russia and Switzerland": the list hangs off an apposition
            found.extend(actors_at(child, index, True, depth + 1))
        elif child.dep_ == "poss" and tok.lemma_.lower() in RELATION_NOUNS:
            continue  # "Israel's militia ally", "Russia's allies": the other side of the tie, not the one named
        elif child.dep_ in MODIFIERS or (child.dep_ == "nsubj" and tok.pos_ == "NOUN"):  # "Sweden's NATO bid" misread
            found.extend(index.get(child.i, []))
            found.extend(a for c in child.conjuncts for a in index.get(c.i, []))  # "Egyptian and Qatari"
            if depth < 3 and child.lemma_.lower() not in PATRON_PARTICIPLES | CLASSIFIER_NOUNS:
                found.extend(_np_spans(child, index, depth + 1))
    return found


def _coordinated(tok: Token, own: list[ActorSpan]) -> list[Token]:
    """Tokens coordinated with ``tok`` or with a word inside one of its names
    ("Barack Obama and Vladimir Putin" parsed as a conjunct of "Obama")."""
    doc = tok.doc
    inside = {tok.i} | {i for a in own for i in range(*a.tokens)}
    last = max(inside)
    joined = {c for i in inside for c in doc[i].conjuncts if c.i > last} | set(_comma_joined(tok))
    return sorted(joined, key=lambda c: c.i)


def colon_speaker(verb: Token) -> Token | None:
    """A headline's speaker put before a colon ("US: Syria must leave Lebanon"), parsed as a
    loose modifier of the sentence's verb."""
    if verb.dep_ != "ROOT":
        return None
    for child in verb.children:
        after = child.right_edge.i + 1
        loose = child.dep_ in ("npadvmod", "dep", "nsubj") and child.i < verb.i and after < len(child.doc)
        if loose and child.left_edge.i == verb.sent.start and child.doc[after].text == ":":
            return child
    return None


def _comma_joined(tok: Token) -> list[Token]:
    """A headline's subjects joined by a comma ("Japan, China hold talks"): the name that
    opens the sentence, parsed as a loose modifier of the verb, is a second subject."""
    if tok.dep_ != "nsubj":
        return []
    doc = tok.doc
    # "South Korea, Japan agree": both parsed as subjects of the verb
    second = [
        c for c in tok.head.children if c.dep_ == "nsubj" and c.i > tok.i and doc[c.left_edge.i - 1].lower_ == ","
    ]
    start = tok.left_edge.i
    if start < 2 or doc[start - 1].lower_ != ",":
        return second
    first = doc[start - 2]
    loose = first.dep_ in ("npadvmod", "dep") and first.head.i == tok.head.i
    return second + ([first] if loose and first.pos_ == "PROPN" and first.left_edge.i == tok.sent.start else [])


def _ethnic(tok: Token, span: ActorSpan) -> bool:
    """ "ethnic Albanians in Serbia" names a community, not the Albanian state (a community
    the knowledge base knows, "ethnic Chechens", keeps its own code)."""
    if span.actor.sector == "CVL":
        return False
    doc = tok.doc
    root = doc[span.root]
    words = [root, *root.children, root.head]
    return any(w.lower_ == "ethnic" for w in words) or (root.i > 0 and doc[root.i - 1].lower_ == "ethnic")


def np_sector(tok: Token) -> str | None:
    """The PLOVER sector a noun phrase's head or modifiers imply ("the Israeli army" -> MIL)."""
    sectors = load_sector_nouns()
    words = [tok, *(c for c in tok.children if c.dep_ in ("compound", "amod") and c.pos_ != "PROPN")]
    if any(g.lower_ == "opposition" and g.dep_ in ("compound", "amod") for w in words for g in w.children):
        return "OPP"  # "opposition leader Yair Lapid": the leader of the opposition, not of the state
    for word in words:
        sector = sectors.get(word.lemma_.lower())
        if sector:
            return sector
    return None


def _resolved(own: ActorSpan, state: ActorSpan, sector: str | None) -> ActorSpan:
    """An unknown name coded by the state or body named in its own noun phrase (a body's own
    sector stands: "Hezbollah leader X" is REB, not a government leader)."""
    if state.actor.sector in NON_STATE_SECTORS:
        sector = state.actor.sector
    actor = Actor(own.actor.text, state.actor.code, sector or state.actor.sector, own.actor.text)
    return replace(own, actor=actor)


def _with_sector(span: ActorSpan, sector: str | None) -> ActorSpan:
    if sector is None or span.actor.sector is not None or span.actor.code is None:
        return span
    return replace(span, actor=replace(span.actor, sector=sector))


def _as_head_says(span: ActorSpan, sector: str | None) -> ActorSpan:
    armed = span.actor.sector == "CVL" and sector in ("REB", "MIL")  # "Chechen fighters", "Hutu militias"
    if sector is None or span.actor.code is None or (span.actor.sector not in (None, "GOV") and not armed):
        return span  # a group's members are still the group ("al-Qaeda commanders", "UN troops")
    return replace(span, actor=replace(span.actor, sector=sector))


def _of_actors(tok: Token, index: ActorIndex, depth: int, preps: set[str] | None = None) -> list[ActorSpan]:
    if preps is None:
        preps = ORIGIN_PREPS if (tok.pos_ == "PROPN" or np_sector(tok)) else {"of"}
        if tok.lemma_.lower() in SPOKES_NOUNS | FACILITY_NOUNS:  # "a spokesman for the ministry", "a camp for X"
            preps = preps | {"for"}
        if tok.lemma_.lower() in BORDER_NOUNS:  # "the border with Guyana"
            preps = preps | {"with"}
    return [
        a
        for child in tok.children
        if child.dep_ == "prep" and child.lower_ in preps
        for p in child.children
        if p.dep_ == "pobj"
        for a in actors_at(p, index, True, depth + 1)
    ]


def _plural_people(tok: Token, span: ActorSpan) -> bool:
    """``tok`` is, by itself, a plural name for a people ("Albanians"), not a state's name."""
    actor = span.actor
    if actor.code is None or span.tokens != (tok.i, tok.i + 1) or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    word: str = tok.text
    if tok.ent_type_ in ("GPE", "LOC", "FAC"):
        return False  # "Athens protested", "Damascus": a city's name that ends in "s"
    # the name itself, not a word pointing back at it ("the rebels" for M23)
    return word.endswith("s") and word == actor.text and word != (actor.name or actor.text)


def _residents(own: list[ActorSpan], tok: Token, index: ActorIndex, depth: int) -> list[ActorSpan]:
    """A people named by a plural demonym are civilians of that state ("Georgians protested"),
    and if placed in another state ("the Albanians of southern Serbia") coded by where they
    live, as CAMEO-style coders do."""
    if len(own) != 1 or depth > 2 or not _plural_people(tok, own[0]):
        return own
    homes = [a for a in _of_actors(tok, index, depth, {"of", "in"}) if a.actor.code not in (None, own[0].actor.code)]
    code = homes[0].actor.code if homes else own[0].actor.code  # "Georgians protested": people, not the state
    actor = Actor(own[0].actor.text, code, "CVL", own[0].actor.text if homes else own[0].actor.name)
    return [replace(own[0], actor=actor)]


def actors_at(tok: Token, index: ActorIndex, modifiers: bool = True, depth: int = 0) -> list[ActorSpan]:
    """Actors rooted at ``tok``, its conjuncts and (optionally) its noun phrase's modifiers."""
    if depth > 3:
        return []
    own = _residents([a for a in index.get(tok.i, []) if not _ethnic(tok, a)], tok, index, depth)
    mods = [a for a in _np_spans(tok, index) if a.actor.code and not _ethnic(tok, a)] if modifiers or own else []
    if own and not any(a.actor.code for a in own) and not mods and depth < 2:
        # "the Foreign Ministry in Beijing", "the Ministry of External Affairs in New Delhi"
        mods = [a for a in _of_actors(tok, index, depth, {"in"}) if state_code(a.actor.code)]
    sector = np_sector(tok)
    if own and not any(a.actor.code for a in own) and mods:
        found = [_resolved(own[0], mods[0], sector)]
    elif own:
        found = own + (mods if modifiers else [])
    else:
        found = mods if modifiers else []
        if not found and modifiers:
            found = _of_actors(tok, index, depth)
        # "Turkish Kurd refugees", "workers of the bus company of Tehran": the head says who they are
        found = [_as_head_says(a, sector) for a in found]
    # a known name's own head word is no sector ("West Bank" is no bank)
    found = [a if a.actor.code and a.tokens[0] <= tok.i < a.tokens[1] else _with_sector(a, sector) for a in found]
    for conj in _coordinated(tok, own):
        joined = actors_at(conj, index, modifiers, depth + 1)
        found.extend(joined or _home_rebels(conj, found))
    found.extend(_government_joined_in(tok, found))
    return _dedupe(found)


def _government_joined_in(group: Token, found: list[ActorSpan]) -> list[ActorSpan]:
    """ "Burundi's government and Hutu rebels signed": the parser hangs the government on the
    rebels as a modifier joined by "and"; it is a party of its own, the same state's."""
    if np_sector(group) not in ("REB", "OPP"):
        return []
    joined = [c for c in group.children if c.dep_ in ("nmod", "compound") and any(g.dep_ == "cc" for g in c.children)]
    if not any(np_sector(c) in ("GOV", "MIL") for c in joined):
        return []
    states = [a for a in found if state_code(a.actor.code)]
    return [replace(states[0], actor=replace(states[0].actor, sector="GOV"))] if states else []


def _home_rebels(group: Token, partners: list[ActorSpan]) -> list[ActorSpan]:
    """Unnamed rebels or opposition joined to one state's government ("the government of El
    Salvador and leftist rebels signed a peace treaty"): that state's."""
    states = {a.actor.code for a in partners if a.actor.code and a.actor.sector in (None, "GOV")}
    if np_sector(group) not in ("REB", "OPP") or len(states) != 1 or not partners:
        return []
    home = next(a for a in partners if a.actor.code in states)
    offset = home.start - group.doc[home.tokens[0]].idx
    return [group_span(group, home, offset)]


def pobjects(prep: Token) -> list[Token]:
    """Objects of a preposition (``to Russia``), or the token itself if it has none."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return objs


def controller(verb: Token) -> Token | None:
    """Object control: in "accused Iran of supplying" or "asked Iran to supply", Iran acts."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        if head.lower_ not in CONTROL_PREPS:
            return None  # "restored flights after signing a deal": the subject signs
        head = head.head
    elif verb.dep_ != "xcomp":
        return None
    if head.lemma_.lower() in INSTRUMENT_VERBS:  # "used Iranian drones to attack Kyiv": the user acts
        return None
    if verb.dep_ == "xcomp" and orders_own_forces(head):
        return None  # "Putin ordered the army to hold drills": the one who orders acts
    objects = [c for c in head.children if c.dep_ in ("dobj", "obj")]
    return objects[0] if objects else None


def orders_own_forces(verb: Token) -> bool:
    """ "ordered the army to ...", "instructed troops to ...": an order to one's own forces,
    named by what they are, not by whose they are."""
    if verb.lemma_.lower() not in ORDER_VERBS:
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    named = ("amod", "compound", "poss", "nmod")  # "the Ukrainian army" is another's ("the armed forces" is not)
    own = ("armed", "his", "its", "their", "her")  # "ordered his forces to advance": his own
    bare = [o for o in objects if not any(c.dep_ in named and c.lower_ not in own for c in o.children)]
    return any(o.lemma_.lower() in OWN_FORCE_NOUNS for o in bare)


def _bare_passive(verb: Token) -> bool:
    """A headline's passive without its auxiliary ("Russian ambassador shot dead in Ankara",
    "Japanese hostage beheaded in Syria"): a verb that must take an object, read as past tense
    with none, says what was done to its subject."""
    if verb.tag_ != "VBD" or verb.dep_ != "ROOT" or verb.lemma_.lower() not in OBJECT_ONLY_VERBS:
        return False
    if verb.sent[-1].text in (".", "!", "?"):
        return False  # a sentence, not a headline ("soldiers shot and killed two men.")
    return not any(c.dep_ in ("dobj", "obj", "dative", "aux", "ccomp", "xcomp", "conj") for c in verb.children)


def _subject(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The clause subject of ``verb`` and whether the clause is passive."""
    passive = any(c.dep_ in ("auxpass",) for c in verb.children)
    # "Accused by Washington of backing the rebels, Liberia denied ...": a fronted passive participle
    passive = passive or (verb.dep_ == "advcl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children))
    passive = passive or _bare_passive(verb)
    for child in verb.children:
        if child.dep_ in SUBJECTS | PASSIVE_SUBJECTS:
            is_passive = passive or child.dep_ in PASSIVE_SUBJECTS
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return _antecedent(verb.head), is_passive
            return child, is_passive
    headline = headline_subject(verb)
    if headline is not None:  # "Russia to send more troops to Syria"
        return headline, passive
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # "weapons supplied by Iran"; but "Israeli strikes killed 20 people", misread as a
        # reduced relative, keeps its object, so the noun is its active subject
        return verb.head, not any(c.dep_ in ("dobj", "obj") for c in verb.children)
    if verb.dep_ == "relcl":
        return _antecedent(verb.head), passive
    control = controller(verb)
    if control is not None:
        return control, passive
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp") and depth < 3 and verb.head.i != verb.i:
        head = verb.head.head if verb.dep_ == "pcomp" else verb.head
        if verb.dep_ == "conj" and _speakers_act_misjoined(verb):
            head = head.head  # "X said the rig was legal and urged Vietnam to stop": X urged
        if verb.dep_ == "conj" and accusers_act_misjoined(verb):
            head = head.head.head  # "accused Romania of orchestrating the riots and expelled ...": Moldova
        if _trailing_participle(verb) and _subordinate(head):
            head = head.head  # "X recalled its envoy after Y recognised Kosovo, calling it ...": X calls
        subj, head_passive = _subject(head, depth + 1)
        return subj, passive or (head_passive and verb.dep_ == "conj")
    return None, passive


def _trailing_participle(verb: Token) -> bool:
    """ ", calling the decision a violation": a participle set off by a comma after its head."""
    comma: bool = verb.doc[verb.i - 1].text == ","
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > verb.head.i and comma


def _subordinate(verb: Token) -> bool:
    """A clause told as the time or cause of another ("after the US recognised Kosovo")."""
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    return verb.dep_ == "advcl" and bool(marks & {"after", "as", "when", "because", "since", "before", "while"})


def headline_subject(verb: Token) -> Token | None:
    """The subject of a headline's "X to V" ("US to lift sanctions on Sudan", "Trump to meet
    Kim"): the name that opens the line, just before "to" (an act still to come)."""
    marks = [c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"]
    if not marks or verb.tag_ != "VB" or marks[0].i == verb.sent.start:
        return None
    before = verb.doc[verb.sent.start : marks[0].i]
    if any(t.pos_ not in ("PROPN", "NOUN", "ADJ", "PUNCT", "DET", "CCONJ", "NUM") for t in before):
        return None  # "Iran wants to talk", "plans to meet": a verb of its own says what it is
    if not any(t.pos_ == "PROPN" for t in before) or not (
        verb.dep_ == "ROOT" or before.start <= verb.sent.root.i < before.end
    ):
        return None  # "Talks to end Sudan war open in Jeddah": no name opens it, and "open" is its verb
    last = before[-1]
    return last if last.pos_ in ("PROPN", "NOUN") else None


def misread_objects(verb: Token) -> list[Token]:
    """ "imposed asset freezes and travel bans": a noun pair the parser read as a clause
    ("asset" its subject, "freezes" its verb) is the object."""
    found: list[Token] = []
    for clause in (c for c in verb.children if c.dep_ == "ccomp" and c.lemma_.lower() in ANSWERABLE):
        # "holds Iran responsible for the attacks": Iran read as the subject of "responsible"
        found.extend(c for c in clause.children if c.dep_ == "nsubj")
    for clause in (c for c in verb.children if c.dep_ == "ccomp" and c.lower_ == "persona"):
        # "declared two diplomats persona non grata": the diplomats read as the clause's subject
        found.extend(c for c in clause.children if c.dep_ == "nsubj")
    for clause in (c for c in verb.children if c.dep_ == "ccomp" and c.tag_ in ("VBZ", "NNS")):
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        if len(subjects) == 1 and subjects[0].i == clause.i - 1 and subjects[0].tag_ == "NN":
            found.append(clause)
    return found


def accusers_act_misjoined(verb: Token) -> bool:
    """An accuser's own act in the past tense that the parser joined to the act alleged ("X
    accused Romania of orchestrating the riots and expelled its ambassador")."""
    alleged = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBD" or alleged.tag_ != "VBG" or alleged.dep_ != "pcomp":
        return False
    return alleged.head.head.lemma_.lower() in ("accuse", "blame", "charge")


def _speakers_act_misjoined(verb: Token) -> bool:
    """A speaker's own act ("urged", "accused") that the parser joined to the reported clause
    instead of to "said"."""
    head = verb.head
    reported = head.dep_ == "ccomp" and head.head.lemma_.lower() in SPEECH_VERBS
    return reported and verb.lemma_.lower() in SPEAKER_ACTS and not any(c.dep_ == "aux" for c in verb.children)


def _antecedent(noun: Token) -> Token:
    """What a relative clause is about: "the attack on the base in Jordan, which killed ...":
    a place after a locative preposition is where, not who, so the phrase it sits in is meant."""
    for step in range(3):
        preps = WHERE_PREPS | ({"on"} if step else set())  # "sanctions on Russia, which ..." is Russia
        if noun.dep_ != "pobj" or noun.head.lower_ not in preps or noun.head.head.pos_ != "NOUN":
            break
        noun = noun.head.head
    return noun


@dataclass(frozen=True)
class Roles:
    """Source and target actor spans of one event."""

    source: list[ActorSpan]
    target: list[ActorSpan]


def _listed_reaction(noun: Token) -> Token | None:
    """The prompting verb of a reaction noun listed after the first ("drawing praise from Israel
    and condemnation from Russia", which the parser joins to "Israel")."""
    current = noun
    for _ in range(4):
        if current.dep_ not in ("conj", "pobj", "prep", "dobj") or current.head.i == current.i:
            return None
        current = current.head
        if current.lemma_.lower() in PROMPT_VERBS and current.pos_ == "VERB":
            return current if noun.dep_ == "conj" else None
    return None


def _own_from(noun: Token, verb: Token, index: ActorIndex) -> list[ActorSpan]:
    """The "from" phrase on the prompting verb that follows this reaction noun first (each
    reaction in a list has its own: "praise from Israel and condemnation from Russia")."""
    froms = sorted((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"), key=lambda c: c.i)
    after = [c for c in froms if c.i > noun.i]
    chosen = after[:1] if len(froms) > 1 else froms
    found = [a for c in chosen for p in pobjects(c) for a in actors_at(p, index)]
    return found if len(froms) > 1 else _prep_targets(verb, index, {"from"})


def _prep_targets(tok: Token, index: ActorIndex, preps: set[str]) -> list[ActorSpan]:
    found: list[ActorSpan] = []
    # "in solidarity with Britain", the "with" misparsed onto the verb
    alongside = any(p.lemma_.lower() in SOLIDARITY_NOUNS for c in tok.children if c.dep_ == "prep" for p in pobjects(c))
    for child in tok.children:
        if alongside and child.lower_ == "with":
            continue
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            for obj in pobjects(child):
                if obj.lemma_.lower() in SOLIDARITY_NOUNS:
                    continue  # "expelled diplomats in solidarity with Britain": alongside, not against
                if child.lower_ == "at" and obj.lemma_.lower() in BEHEST_NOUNS:
                    continue  # "at Washington's request": who asked, not who was hit
                if child.lower_ in LOCATIVE_PREPS and obj.lemma_.lower() in BORDER_NOUNS:
                    continue  # "a stronghold on the Thai border": where, not whom
                if obj.lemma_.lower() in TIME_NOUNS:
                    continue  # "on the eve of Clinton's visit": when, not whom
                if obj.lemma_.lower() in VENUE_NOUNS and any(actors_at(o, index) for o in _objects(tok)):
                    continue  # "met Li Qiang on the sidelines of the ASEAN summit": Li Qiang, not ASEAN
                spans = actors_at(obj, index)
                if child.lower_ in LOCATIVE_PREPS:
                    # a place named after "at"/"on" is a target only if it is a known actor
                    spans = [a for a in spans if a.actor.code]
                found.extend(spans)
    return found


def _objects(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in OBJECTS]


def _governing_subject(verb: Token, index: ActorIndex, pronoun: bool) -> list[ActorSpan]:
    """The actor of the clause that governs ``verb``: "passed a resolution censuring Iran",
    "Trump said he will meet Kim" (a pronoun subject refers back to the speaker)."""
    current, steps = verb, 0
    while current.dep_ in CLIMB_FOR_SUBJECT | ({"ccomp"} if pronoun else set()) and steps < 5:
        if current.head.i == current.i:
            break
        current, steps = current.head, steps + 1
        if current.pos_ not in ("VERB", "AUX"):
            if current.pos_ in ("NOUN", "PROPN") and current.dep_ in SUBJECTS and index.get(current.i):
                return actors_at(current, index)
            continue
        subj, passive = _subject(current)
        if subj is not None and not passive:
            found = actors_at(subj, index)
            if found:
                return found
            if subj.lower_ not in PRONOUNS and (subj.pos_ == "PROPN" or np_sector(subj)):
                return []  # "if the soldiers joined the fighting": the clause's own, unnamed actor
            pronoun = pronoun or subj.lower_ in PRONOUNS  # "Syria says it is willing to ..."
    return []


def _carried_for_another(verb: Token) -> bool:
    """A participle telling what a thing does ("a ship carrying rockets"), where the clause's
    actor does something else to the thing than send it ("the navy seized a ship carrying
    rockets", not "Iran sent a ship carrying weapons"): the clause's actor is not the doer."""
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or verb.head.dep_ not in OBJECTS:
        return False
    if verb.head.lemma_.lower() not in CARRIER_NOUNS:
        return False  # "approved a law recognizing the victories": the law is the approver's act
    return verb.head.head.lemma_.lower() not in DISPATCH_VERBS


def verb_roles(verb: Token, etype: str, reverse: bool, index: ActorIndex) -> Roles:
    """Source and target of an event whose trigger is a verb."""
    subj, passive = _subject(verb)
    # (accepting or welcoming something is no giving: "accepted the U.N. Security Council resolution")
    giving = etype in GIVING_TYPES and verb.lemma_.lower() not in ACCEPTING_VERBS
    agents = [o for c in verb.children if c.dep_ == "agent" for o in pobjects(c)]
    if passive and not agents:  # "was designated a terrorist group by X": "by" hung on the object
        holders = [verb, *(c for c in verb.children if c.dep_ in OBJECTS)]
        holders += [o for c in verb.children if c.dep_ == "prep" and c.lower_ != "by" for o in pobjects(c)]
        # "was accused of misusing funds by officials": "by" hung on the gerund
        holders += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"]
        agents = [o for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "by" for o in pobjects(c)]
    source: list[ActorSpan] = []
    target: list[ActorSpan] = []
    sides: list[ActorSpan] = []
    if passive:
        # "killed by the Malaysia Airlines crash": a mishap has no attacker
        source = [a for ag in agents if not is_mishap(ag) for a in actors_at(ag, index)]
        if not source and verb.lemma_.lower() in EXPEL_VERBS:  # "inspectors were expelled from Iraq"
            source = [a for a in _prep_targets(verb, index, {"from"}) if a.actor.code]
        if not source and verb.lemma_.lower() == "admit":  # "Poland was admitted to NATO": NATO admits
            source = [a for a in _prep_targets(verb, index, {"to"}) if a.actor.sector == "IGO"]
        if not source and etype == "ASSAULT":  # "was killed in a US drone strike"
            source = _attack_owner(verb, index)
        moved = subj is not None and verb.lemma_.lower() in MOVED_VERBS and subj.lemma_.lower() in SENT_PEOPLE
        if not source and moved:  # "U.S. troops would be withdrawn from Somalia": the US withdraws them
            source = [a for a in actors_at(subj, index) if a.actor.code]
            subj = None if source else subj
        if not source and etype == "SANCTION":  # "Liberia was hit with a U.N. arms embargo": the UN's
            source = [a for a in _prep_targets(verb, index, {"with"}) if a.actor.code]
        if subj is not None and not giving:
            target.extend(actors_at(subj, index))
        elif subj is not None and not source:
            source = actors_at(subj, index)
            source = [a for a in source if a.root != subj.i] or []
    elif subj is not None and not is_mishap(subj):
        named = actors_at(subj, index)
        # ("Vaccines supplied by China arrived": a capitalised thing read as an unknown name)
        coded = any(a.actor.code for a in named)
        source = named if coded else (_attack_authors(subj, index) or _senders(subj, index) or named)
        aimed = _attack_aims(subj, index)
        if aimed:  # "an Israeli air strike on Gaza killed 12 people", "the shelling of Kharkiv by Russian troops"
            source = _attack_authors(subj, index) or others(source, aimed)
        sides = [] if source else _fighting_sides(subj, index)
        source = sides[:1] or source  # "fighting between Armenian and Azerbaijani forces killed dozens"
        if verb.dep_ == "relcl" and subj.i != verb.head.i and not any(c.dep_ in OBJECTS for c in verb.children):
            # "a Chinese balloon that a US fighter shot down": the noun is what was acted on
            target.extend(a for a in actors_at(verb.head, index) if a.actor.code)
    if not source and subj is None and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
        # "the US decision to sell arms", "Russia's plan to deploy": the plan's owner acts
        source = [a for a in _np_spans(verb.head, index) if a.actor.code]
        # "welcomed a decision by Tbilisi to pull its troops out": the decider acts
        source = source or [a for a in _prep_targets(verb.head, index, {"by"}) if a.actor.code]
    carried = _carried_for_another(verb)
    if not source and carried:  # "seized a ship carrying rockets to Gaza from Iran": the sender's cargo
        source = [a for a in _prep_targets(verb, index, {"from"}) if a.actor.code]
    if not source and not passive and not carried and (subj is None or subj.lower_ in PRONOUNS):
        # a reported clause with no subject of its own (a parse that lost "it") is the speaker's
        source = _governing_subject(verb, index, pronoun=subj is not None or verb.dep_ == "ccomp")
    topic = verb.lemma_.lower() in TOPIC_VERBS  # "discussed Ukraine": a subject of talks, not a party
    # "shoots down Russian warplane": the particle parsed as a preposition, the object as its own
    downed = [p for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ == "down" for p in pobjects(c)]
    for child in [*verb.children, *downed]:
        if (child.dep_ in OBJECTS or child in downed) and child.pos_ != "ADP" and not topic:
            # the thing given names its maker, not a party ("supplied Russian drones"); but a
            # body given to is one ("supplying Russia's military")
            given_to = np_sector(child) is not None and verb.lemma_.lower() in RECIPIENT_VERBS
            # ("violated South Korean airspace": whose airspace a force moves into is the other side)
            ground = child.lemma_.lower() in GROUND_NOUNS
            whole = not giving or child.lemma_.lower() in AUTHORED_NOUNS or given_to or ground
            named = actors_at(child, index, modifiers=whole)
            if giving and not named:  # "offered Pakistan relief supplies": the receiver read into the thing
                named = _receiver_run_in(verb, child, index)
            target.extend(named)
            if etype == "SANCTION":  # "scrapped a contract to sell armoured vehicles to Saudi Arabia"
                target.extend(_purpose_parties(child, index))
            if not named:  # "imposed sanctions on X"; but "backed Russia's war against Y" targets Russia
                preps = SIDE_PREPS | ({"by", "from"} if etype in AUTHOR_TARGET_TYPES else set())
                if child.lemma_.lower() in MEMBERSHIP_NOUNS:  # "froze its participation in the CSTO"
                    preps = preps | {"in"}
                # ("imposed sanctions and an arms embargo on Syria": the aim hung on the last conjunct)
                target.extend(a for part in (child, *child.conjuncts) for a in _prep_targets(part, index, preps))
                if etype in AUTHOR_TARGET_TYPES:  # "accepted a plan put forward by Sarkozy": its author
                    target.extend(authors(child, index))
                # "pledged 40 billion euros in military aid to Ukraine": the sum's content names it;
                # "ratified the treaty on partnership with North Korea": the deal's other side
                for content in _in_content(child, ("in", "of", "on")):
                    # "tariffs on imports from Mexico": a sanction's goods name where they come from
                    ways = SIDE_PREPS | ({"from"} if etype == "SANCTION" else set())
                    target.extend(_prep_targets(content, index, ways if etype != "SUPPORT" else {"with", "between"}))
    target.extend(_prep_targets(verb, index, SIDE_PREPS - {"over"}))  # "mediate between X and Y"
    if not target and subj is not None and not passive:  # what the attack was on, when no victim is named
        target.extend(_attack_aims(subj, index))
    if not target:  # "retaliated with air strikes on Gaza", "with higher tariffs on U.S. goods": the means' aim
        means = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for p in pobjects(c)]
        target.extend(a for m in means for a in _prep_targets(m, index, {"on", "against"}) if a.actor.code)
    if etype == "SUPPORT":  # "rallied behind Riyadh", "stood by its ally", "threw its weight behind Kyiv"
        backers = {"behind"} | ({"by"} if verb.lemma_.lower() == "stand" else set())
        target.extend(a for h in (verb, *verb.children) for a in _prep_targets(h, index, backers))
    if etype == "SANCTION" and not target:  # "imposed tariffs on imports from Mexico"
        goods = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "on" for p in pobjects(c)]
        target.extend(a for g in goods for a in _prep_targets(g, index, {"from"}))
    if not target and etype == "SUPPORT":  # "became the 31st member of NATO"
        target.extend(a for c in verb.children if c.dep_ == "attr" for a in _prep_targets(c, index, {"of"}))
    if not target and not giving:  # "fired on and seized three Ukrainian vessels": one object for both
        target.extend(a for o in shared_objects(verb) for a in actors_at(o, index))
    if not target:  # "imposed asset freezes on X", read by the parser as a clause
        misread = misread_objects(verb)
        target.extend(a for o in misread for a in actors_at(o, index) or _prep_targets(o, index, SIDE_PREPS))
    holders = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "obj"))]  # "handed the pilot back to X"
    for particle in (
        c for h in holders for c in h.children if c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "over")
    ):
        target.extend(_prep_targets(particle, index, {"to"}))  # "handed the pilot back to India"
    if not target:  # "flew over Syria"; but "sanctioned X over its purchase of Y" gives a reason
        target.extend(_prep_targets(verb, index, {"over"}))
    if etype == "ASSAULT" and verb.lemma_.lower() in CAPTURE_VERBS:
        # "recaptured the town from al-Shabaab", "recaptured Kherson from Russian forces": whom
        # it was taken from (the town is what was taken)
        holders = [verb, *(c for c in verb.children if c.dep_ in OBJECTS)]  # "retook the village from X"
        taken = [a for h in holders for a in _prep_targets(h, index, {"from"}) if a.actor.code]
        target = taken or target
    if etype in FROM_TARGET_TYPES and not target:  # "withdrew from Syria"; not "suspended X from the council"
        target.extend(_prep_targets(verb, index, {"from"}))
        outs = [c for c in verb.children if c.lower_ == "out" and c.dep_ in ("prep", "prt", "advmod")]
        target.extend(a for o in outs for a in _prep_targets(o, index, {"of"}))  # "pulled out of Kuwait City"
        target.extend(a for c in verb.children if c.dep_ in OBJECTS for a in _prep_targets(c, index, {"from"}))
    if reverse:  # "bought drones from Iran"; "Biden hosted Kishida": the guest visits the host
        # "came under fire from Syria": the object of the preposition the idiom needs
        objects = [c for c in verb.children if c.dep_ in OBJECTS]
        objects += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "under" for p in pobjects(c)]
        goods = objects + [  # "a shipment of drones", "$1.3 billion in U.S. military aid"
            p for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ in ("of", "in") for p in pobjects(c)
        ]
        if any(o.pos_ == "NUM" or o.lemma_.lower() in ("million", "billion", "trillion") for o in objects):
            goods += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for p in pobjects(c)]
        givers = _prep_targets(verb, index, {"from"}) or [a for g in goods for a in _prep_targets(g, index, {"from"})]
        if verb.lemma_.lower() == "fall":  # "Kabul fell to the Taliban": the force took it
            givers = _prep_targets(verb, index, {"to"})
        if not givers and not passive:  # "came under attack by protesters"
            givers = _prep_targets(verb, index, {"by"})
        if not givers and etype in ("AID", "MOBILIZE", "ASSAULT"):
            # "received Iranian drones", "will host Russian weapons", "came under Russian artillery fire"
            givers = [a for o in goods for a in _goods_origin(o, index)]
        # "hosted Kishida", "won the backing of the US": the other party named on the act (its
        # object first: "greeted Zelensky at the White House" is Zelensky's visit)
        named = [a for o in objects for a in actors_at(o, index) if a.actor.code]
        givers = givers or (named or target if etype not in GIVING_TYPES | {"ASSAULT"} else [])
        source, target = givers, source
    if not source and subj is None and verb.tag_ == "VBG":  # "fighting between X and Y" read as a verb
        sides = _fighting_sides(verb, index)
        source = sides[:1]
    if sides and (not any(a.actor.code for a in target) or subj is None):
        target = sides[1:]
    if etype in FROM_TARGET_TYPES:  # "withdrew from the UN mission in Mali": Mali is left, not the UN
        target = _dedupe(p for a in target for p in _mission_place(a, verb, index))
    if verb.lemma_.lower() in HANDING_VERBS:  # "extradited a Venezuelan spy chief to the US": the US
        target = [a for a in _prep_targets(verb, index, {"to"}) if a.actor.code] or target
    return _finish(source, target)


def _mission_place(span: ActorSpan, verb: Token, index: ActorIndex) -> list[ActorSpan]:
    """A body named on a mission or force ("the UN mission in Mali") stands for the place the
    mission is in, where one is named."""
    head = verb.doc[span.root].head
    if head.lemma_.lower() not in DEPLOYED_BODY_NOUNS or head.i == span.root:
        return [span]
    return [a for a in _prep_targets(head, index, {"in"}) if a.actor.code] or [span]


def _fighting_sides(noun: Token, index: ActorIndex) -> list[ActorSpan]:
    """The sides of a fight a noun names ("clashes between Hamas and Fatah gunmen")."""
    if noun.lemma_.lower() not in FIGHT_NOUNS | FIGHT_VERBS:
        return []
    holders = [noun, *([noun.head] if noun.dep_ == "nsubj" else [])]  # "clashes broke out between X and Y"
    sides = [a for h in holders for a in _prep_targets(h, index, {"between"}) if a.actor.code]
    return sides if len(sides) > 1 else []


def is_mishap(noun: Token) -> bool:
    """A mishap or a force of nature, named as such or by name ("Typhoon Haiyan")."""
    if noun.lemma_.lower() in MISHAP_NOUNS:
        return True
    if noun.lemma_.lower() in BLAZE_NOUNS:
        return not any(c.dep_ in ("amod", "compound", "nmod", "poss") for c in noun.children)
    # "Typhoon Haiyan" is a storm by name; "Typhoon jets" are aircraft
    named = noun.pos_ == "PROPN" and noun.ent_type_ != "ORG"
    return named and any(c.dep_ == "compound" and c.lemma_.lower() in MISHAP_NOUNS for c in noun.children)


def shared_objects(verb: Token) -> list[Token]:
    """The object a verb shares with the verb joined to it, when it has none of its own."""
    if any(c.dep_ in OBJECTS for c in verb.children):
        return []
    joined = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    joined = [c for c in joined if not any(g.dep_ in SUBJECTS | PASSIVE_SUBJECTS for g in c.children)]
    return [o for c in joined[:1] for o in c.children if o.dep_ in OBJECTS]


def _attack_owner(verb: Token, index: ActorIndex) -> list[ActorSpan]:
    """Who is named on the attack a passive act happened in: "killed in a US drone strike"."""
    found: list[ActorSpan] = []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "during", "by"):
            for attack in pobjects(child):
                if attack.lemma_.lower() in ATTACK_NOUNS:
                    found.extend(a for a in _np_spans(attack, index) if a.actor.code)
                    found.extend(a for a in authors(attack, index) + blamed_on(attack, index) if a.actor.code)
                if attack.lemma_.lower() in FIGHT_NOUNS:  # "killed in a clash with Chinese troops"
                    found.extend(a for a in _prep_targets(attack, index, {"with"}) if a.actor.code)
    return _dedupe(found)


def blamed_on(noun: Token, index: ActorIndex) -> list[ActorSpan]:
    """Who an act is laid at: "an attack blamed on al-Shabaab"."""
    laid = [c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in ("blame", "attribute")]
    return [a for c in laid for a in _prep_targets(c, index, {"on", "to"})]


def _senders(thing: Token, index: ActorIndex) -> list[ActorSpan]:
    """Who sent or launched a thing that acts ("howitzers sent by Germany arrived", "drones
    launched by Russia struck")."""
    participles = [
        c for c in thing.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in SENDING_VERBS
    ]
    agents = [o for p in participles for c in p.children if c.dep_ == "agent" for o in pobjects(c)]
    return [a for o in agents for a in actors_at(o, index) if a.actor.code]


def _attack_aims(noun: Token, index: ActorIndex) -> list[ActorSpan]:
    """What an attack that is a verb's subject is on ("an air strike on Gaza", "the shelling
    of Kharkiv")."""
    if noun.lemma_.lower() not in ATTACK_NOUNS | {"bombardment", "barrage", "invasion", "offensive"}:
        return []
    return [a for a in _prep_targets(noun, index, {"on", "against", "of", "at"}) if a.actor.code]


def _attack_authors(noun: Token, index: ActorIndex) -> list[ActorSpan]:
    """Who an attack that is a verb's subject is told to be by: "attacks by the Houthis hit
    ...", "drone strikes claimed by (launched by) the Houthis hit ..."."""
    if noun.lemma_.lower() not in ATTACK_NOUNS:
        return []
    return [a for a in authors(noun, index) if a.actor.code]


def authors(noun: Token, index: ActorIndex) -> list[ActorSpan]:
    """Who a thing is told to be by: "by X" on the noun or on its participle ("a plan put
    forward by Sarkozy", "strikes claimed by the Houthis")."""
    # ("an attack blamed by Kenya on al-Shabaab": the blamer is no author)
    # (a deal "brokered by Annan" names its mediator, no author)
    participles = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    holders = [noun, *(c for c in participles if c.lemma_.lower() not in NOT_AUTHORING)]
    preps = [c for h in holders for c in h.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")]
    return _dedupe(a for c in preps for p in pobjects(c) for a in actors_at(p, index))


def _goods_origin(obj: Token, index: ActorIndex) -> list[ActorSpan]:
    """States named on the goods themselves: "Iranian drones", "a shipment of Russian jets"."""
    holders = [obj, *(p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjects(c))]
    found: list[ActorSpan] = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("amod", "compound", "nmod"):
                found.extend(a for a in index.get(child.i, []) if a.actor.code)
                found.extend(a for g in child.children for a in index.get(g.i, []) if a.actor.code)
            elif child.dep_ == "acl" and child.lemma_.lower() in PATRON_PARTICIPLES:  # "tanks built in Korea"
                found.extend(a for a in _prep_targets(child, index, {"in", "by"}) if a.actor.code)
    return _dedupe(found)


def bought_roles(noun: Token, index: ActorIndex) -> Roles:
    """ "Turkey's purchase of Russia's S-400": the seller is named on the goods or after
    "from"; the buyer, who owns the purchase, receives."""
    goods = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjects(c)]
    sellers = _prep_targets(noun, index, {"from"}) or [a for g in goods for a in actors_at(g, index) if a.actor.code]
    buyers = [a for c in noun.children if c.dep_ in ("poss", "compound", "amod") for a in index.get(c.i, [])]
    if not buyers and any(c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS for c in noun.children):
        buyers = _owner_of_clause(noun, index)  # "Turkey was removed ... over its purchase of ..."
    buyers = buyers or _clause_actor(noun, index) or _governing_subject(noun, index, pronoun=False)
    return _finish(sellers, buyers)


def clause_verb(tok: Token) -> Token:
    """The verb of the clause a word sits in (a noun trigger's governing verb)."""
    current, steps = tok, 0
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i and steps < 6:
        current, steps = current.head, steps + 1
    return current


def beyond_semicolon(clause: Token) -> bool:
    """ "X and Y sealed a deal ...; the delegations never met": a clause the parser hung on a
    verb after a semicolon stands on its own."""
    head = clause.head
    if clause.i > head.i:
        return False
    return any(t.text == ";" for t in clause.doc[clause.right_edge.i + 1 : head.i])


def infinitive(clause: Token) -> bool:
    """A "to" clause: "to help", "(allowed X) to return"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _owner_of_clause(noun: Token, index: ActorIndex) -> list[ActorSpan]:
    """Who "its"/"their" points at: in a reason ("excluded Moscow over its invasion", "Turkey
    was removed ... over its purchase") the one the clause acts on, else its subject."""
    verb = clause_verb(noun)
    subj, passive = _subject(verb)
    if noun.dep_ == "pobj" and noun.head.lower_ in REASON_PREPS:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        patient = subj if passive else (objects[0] if objects else None)
        if patient is not None:
            return actors_at(patient, index)
    return [] if subj is None else actors_at(subj, index)


def _timing_spell(spell: Token) -> bool:
    """A stretch of time in a timing phrase ("after eight days of", "amid weeks of")."""
    return spell.lemma_.lower() in SPELL_NOUNS and spell.dep_ == "pobj" and spell.head.lower_ in TIMING_PREPS


def _named_before_aimed(noun: Token, named: list[ActorSpan], index: ActorIndex) -> bool:
    """A state's name before a sanction or strike ("new Iran sanctions", "a Syria strike") on
    the object of a verb whose subject names another actor: the one it is aimed at, not its doer."""
    doc = noun.doc
    if not named or any(doc[a.root].dep_ != "compound" or doc[a.root].ent_type_ != "GPE" for a in named):
        return False  # a state by its name ("Iran sanctions"), not by its people ("an Azerbaijani violation")
    if noun.dep_ not in OBJECTS or noun.head.lemma_.lower() not in IMPOSING_VERBS:
        return False
    if _prep_targets(noun, index, TARGET_PREPS):
        return False  # ("sanctions on Iran" names its aim)
    subj, passive = _subject(noun.head)
    doers = (
        {a.actor.code for a in actors_at(subj, index) if a.actor.code} if subj is not None and not passive else set()
    )
    return bool(doers) and not doers & {a.actor.code for a in named}


def noun_roles(noun: Token, index: ActorIndex, verb_subject: bool, etype: str = "") -> Roles:
    """Source and target of an event whose trigger is a noun ("US sanctions on Iran")."""
    source: list[ActorSpan] = []
    for child in noun.children:
        if child.dep_ in MODIFIERS:
            # "their annual Freedom Shield exercises": an unknown name on an act is its name
            source.extend(a for a in index.get(child.i, []) if a.actor.code or child.dep_ == "poss")
            source.extend(a for c in child.children if c.dep_ == "conj" for a in index.get(c.i, []))
            # "US-South Korean drills": a hyphenated pair hangs off the nearer name
            source.extend(a for c in child.children if c.dep_ == "compound" for a in index.get(c.i, []))
            if child.dep_ == "poss" and not index.get(child.i):  # "the Russian president's visit"
                source.extend(a for c in child.children if c.dep_ == "amod" for a in index.get(c.i, []) if a.actor.code)
    aimed: list[ActorSpan] = []
    if etype in ("SANCTION", "ASSAULT") and _named_before_aimed(noun, source, index):
        aimed, source = source, []  # "the EU adopted new Russia sanctions": aimed at Russia
    # "appeals from Merkel", "a demand from Beijing": an asking noun's "from" is who asks
    drawn = noun.dep_ in OBJECTS and noun.head.lemma_.lower() in PROMPT_VERBS  # "drawing sanctions from X"
    from_target = etype in FROM_TARGET_TYPES and noun.lemma_.lower() not in ASKED_BY_NOUNS and not drawn
    preps = TARGET_PREPS | ({"from"} if from_target else set())
    target = aimed + _prep_targets(noun, index, preps)
    if not target and noun.dep_ == "compound" and noun.head.pos_ == "NOUN":  # "an aid package for Ukraine"
        target = _prep_targets(noun.head, index, preps)
    between = _prep_targets(noun, index, {"between", "among"})
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":  # "a mediation mission between X and Y"
        between += _prep_targets(noun.head, index, {"between", "among"})
    if noun.dep_ == "nsubj" and noun.lemma_.lower() in FIGHT_NOUNS:  # "clashes broke out between X and Y"
        between += _prep_targets(noun.head, index, {"between", "among"})
    broker = _clause_actor(noun, index) if between and verb_subject and not source else []
    if broker and others(between, broker):
        source, target = broker, target + between  # a third party's talks between two sides
    elif noun.lemma_.lower() in FIGHT_NOUNS | FIGHT_VERBS and len(between) > 1 and not source:
        source, target = between[:1], between[1:] + target  # "fighting between X and Y": X fights Y
    else:
        source.extend(between)
    source.extend(_prep_targets(noun, index, {"by"}))
    of_actors = _prep_targets(noun, index, {"of"})
    # "the lifting of sanctions on Syria", "the delivery of tanks to Ukraine": the thing's own aim
    of_things = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjects(c)]
    target.extend(a for t in of_things for a in _prep_targets(t, index, preps))
    # "Russia's invasion of Ukraine", "the blockade of Serbia": of marks the patient;
    # "the visit of Putin": the agent
    if source or etype in PATIENT_OF_TYPES:
        target.extend(of_actors)
    else:
        source.extend(of_actors)
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":  # "undertook a mediation mission"
        noun = noun.head
    head = noun.head
    if noun.lemma_.lower() in BEHEST_NOUNS and head.lower_ == "at" and not target:
        target = _behest_target(head.head, index)
    # "described the attack as ...", "called the deal a dangerous failure": an act talked of
    naming = head.lemma_.lower() in NAMING_VERBS and any(c.dep_ in ("oprd", "attr") for c in head.children)
    # "announcing the deal", "confirmed the agreement": a deal told before, not the speaker's own
    told = head.lemma_.lower() in TELLING_VERBS and noun.lemma_.lower() in DEAL_NOUNS
    told = told and any(c.lower_ in ("the", "this") for c in noun.children)
    fled = head.lemma_.lower() in ("flee", "escape", "evade")  # "fleeing a government offensive": another's act
    talked_of = noun.dep_ in OBJECTS and (head.lemma_.lower() in TALK_VERBS or naming or told or fled)
    prompted = noun.dep_ in OBJECTS and head.lemma_.lower() in PROMPT_VERBS
    listed = _listed_reaction(noun)  # "drawing praise from Israel and condemnation from Russia"
    if listed is not None:
        head, prompted = listed, True
    if not source and not from_target:  # "warning shots from South Korean troops", "aid from the US"
        source = [a for a in _prep_targets(noun, index, {"from"}) if a.actor.code]
        if not source and prompted:  # "drawing condemnation from China": "from" hung on the verb
            source = [a for a in _own_from(noun, head, index) if a.actor.code]
        if not source and drawn:  # "prompting a suspension of aid from the EU"
            source = [a for t in of_things for a in _prep_targets(t, index, {"from"}) if a.actor.code]
        if not source and prompted and etype == "PROTEST":  # "sparking protests in Beijing": people there
            source = [a for h in (noun, head) for a in _prep_targets(h, index, {"in", "across"}) if a.actor.code]
        if prompted and not target and (source or etype in REACTION_TYPES):
            # "began drills, prompting a warning from Pyongyang": aimed at who prompted it; so
            # is a reaction from someone the text does not code ("drew criticism from European capitals")
            subj, _ = _subject(head)
            target = others(actors_at(subj, index), source) if subj is not None else []
            talked_of = talked_of or bool(target)
    if not source and verb_subject and noun.dep_ in OBJECTS and head.pos_ in ("VERB", "AUX") and not talked_of:
        subj, passive = _subject(head)
        if subj is not None and not passive:
            source = actors_at(subj, index)
        target.extend(_prep_targets(head, index, TARGET_PREPS))
    if not source and any(c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS for c in noun.children):
        source = _owner_of_clause(noun, index)  # "over its invasion of Ukraine"
    with_party = any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children)  # "after talks with X"
    reason = noun.dep_ == "pobj" and (
        noun.head.lower_ == "over"
        or (noun.head.lower_ in TIMING_PREPS and not with_party)
        # "demanded an end to the bombing": the act to be ended is someone else's
        or (noun.head.lower_ in ("to", "of") and noun.head.head.lemma_.lower() in END_NOUNS)
        # "brokered a truce after eight days of fighting": the spell of time is what is timed
        or (noun.head.lower_ == "of" and _timing_spell(noun.head.head))
    )
    # "stormed a Turkish ship carrying aid to Gaza": the participle tells what the ship does
    described = noun.dep_ in OBJECTS and head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN")
    # (a thing nobody is named on leaves the act to the clause actor: "launched a convoy carrying aid")
    if not source and described:
        source = [a for a in actors_at(head.head, index) if a.actor.code]
    if not source and verb_subject and not reason and not talked_of:
        # "began three days of drills", "said after talks with ...": the clause's actor acts;
        # "expelled diplomats over the killing of a dissident": not the expeller's killing
        source = _governing_subject(noun, index, pronoun=False)
    return _finish(source, target)


def _clause_actor(noun: Token, index: ActorIndex) -> list[ActorSpan]:
    """The active subject of the verb a noun is the object of ("X undertook a mediation mission")."""
    head = noun.head.head if noun.dep_ == "compound" else noun.head
    if noun.dep_ == "compound":
        noun = noun.head
    if noun.dep_ not in OBJECTS or head.pos_ not in ("VERB", "AUX"):
        return []
    subj, passive = _subject(head)
    return [] if subj is None or passive else actors_at(subj, index)


def same_actor(a: Actor, b: Actor) -> bool:
    """One party, not two: same code, unless two sectors of one state face each other
    ("the Georgian government armed Georgian demonstrators" is GEO GOV -> GEO CVL)."""
    if a.code is None or b.code is None:
        return (a.code or a.text) == (b.code or b.text)
    if a.code != b.code:
        return False
    if "former" in (a.inferred, b.inferred):  # "the Egyptian army overthrew Mohamed Morsi"
        return a.text == b.text
    if _rivals(a, b):  # "the ANC accused the Inkatha Freedom Party": two parties of one state
        return False
    if _one_a_place(a, b):  # "Russian troops stormed Grozny": the city's people are no troops
        return False
    if a.sector and b.sector:
        return a.sector == b.sector
    # a state's bare name stands for its government, not for its people ("Turkey will allow
    # Turkish Kurd refugees to return": TUR -> TUR CVL)
    return not ({a.sector, b.sector} & PEOPLE_SECTORS)


def _rivals(a: Actor, b: Actor) -> bool:
    """Two named bodies of one state of which one is a party or an armed group: each its own side."""
    if not a.name or not b.name or a.name == b.name:
        return False
    kinds = _body_kinds()
    return bool({kinds.get(a.name), kinds.get(b.name)} & RIVAL_KINDS)


def _one_a_place(a: Actor, b: Actor) -> bool:
    """One of the two is a city or region by name and the other is not that place."""
    return is_place(a) != is_place(b)


def is_place(actor: Actor) -> bool:
    """A city, province or region named by name (coded by its state)."""
    return actor.name in _place_names()


@cache
def _place_names() -> frozenset[str]:
    """Names of the cities, provinces and regions the knowledge base codes by their state."""
    return frozenset(e.name for e in load_actor_entries() if e.kind == "place")


@cache
def _body_kinds() -> dict[str, str]:
    """The kind of each organisation the knowledge base names (party, armed group, agency ...)."""
    return {e.name: e.kind for e in load_actor_entries() if e.kind in ORGANISATION_KINDS}


def others(found: Iterable[ActorSpan], source: list[ActorSpan]) -> list[ActorSpan]:
    """The spans of ``found`` that name a party other than the source."""
    return [a for a in found if not any(same_actor(a.actor, s.actor) for s in source)]


def _behest_target(verb: Token, index: ActorIndex) -> list[ActorSpan]:
    """ "Canada arrested her at Washington's request": the one asked is the one who acted."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    subj, passive = _subject(verb)
    return [] if subj is None or passive else actors_at(subj, index)


def _finish(source: list[ActorSpan], target: list[ActorSpan]) -> Roles:
    source = _dedupe(source)
    return Roles(source, others(_dedupe(target), source))


def clause_subject_actors(verb: Token, index: ActorIndex) -> list[ActorSpan]:
    """Actors of a clause's own, explicit subject ("demanded that the US cancel" -> US)."""
    for child in verb.children:
        if child.dep_ in SUBJECTS | PASSIVE_SUBJECTS and child.lower_ not in RELATIVE_PRONOUNS:
            return actors_at(child, index)
    return []


def place_actors(tok: Token, index: ActorIndex, away: bool = False) -> list[ActorSpan]:
    """Known states named as where an act happened ("lifted a curfew in Montenegro");
    ``away``: also where it takes people or things from ("evacuated the wounded from Gorazde")."""
    holders = [tok, *(c for c in tok.children if c.dep_ in OBJECTS)]
    # "a bombing in Quetta killed 80 people": the attack that is the subject says where
    holders += [c for c in tok.children if c.dep_ == "nsubj" and c.lemma_.lower() in ATTACK_NOUNS | FIGHT_NOUNS]
    # "bombed what New Delhi called a camp near Balakot": a free relative is the object
    relatives = [c for c in tok.children if c.dep_ == "ccomp" and _free_relative(c)]
    holders += relatives + [p for c in relatives for g in c.children if g.lower_ == "as" for p in pobjects(g)]
    # "fired shells at targets in Jericho", "sent troops to a force in Liberia": the place may
    # hang off the aim or the destination
    aims = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in AIM_PREPS | {"to", "outside"}]
    # ("agreed at a summit in Wales": where a meeting is held is no party's ground)
    holders += [p for c in aims for p in pobjects(c) if p.lemma_.lower() not in GATHERING_NOUNS]
    found: list[ActorSpan] = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and (child.lower_ in WHERE_WORDS or (away and child.lower_ == "from")):
                found.extend(a for p in pobjects(child) for a in _placed_in(p, index))
    return _dedupe(found)


def _placed_in(place: Token, index: ActorIndex) -> list[ActorSpan]:
    """The known states a "where" phrase names, or, naming none, its own "where" phrase names
    ("in a crowded market in Baghdad"); an attack's maker is no place ("killed in a U.S. drone
    strike in Pakistan" is killed in Pakistan)."""
    if place.lemma_.lower() in TIME_NOUNS or place.ent_type_ in ("DATE", "TIME"):
        return []  # "on the eve of Clinton's visit to India": when, not where
    attack = place.lemma_.lower() in ATTACK_NOUNS
    found = [] if attack else [a for a in actors_at(place, index) if a.actor.code]
    if found:
        return found
    # "into waters around Taiwan", "on an island off the coast of Taiwan": the ground is the state's
    ground = place.lemma_.lower() in GROUND_NOUNS | {"island", "sea"}
    preps = WHERE_WORDS | ({"around", "off", "of"} if ground else set())
    inner = [p for c in place.children if c.dep_ == "prep" and c.lower_ in preps for p in pobjects(c)]
    return [a for p in inner for a in (actors_at(p, index) or (_placed_in(p, index) if ground else [])) if a.actor.code]


def content_places(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """States named as places inside what an act is about, below its objects and clauses
    ("demanded an end to the fighting in Darfur", "rejected a call for troops to be sent to
    East Timor"); places hung on the act itself are its venue and are left out."""
    skip = SUBJECTS | PASSIVE_SUBJECTS | {"agent", "advcl", "conj", "punct", "cc", "relcl"}
    stack = [c for c in tok.children if c.dep_ not in skip and not (c.dep_ == "prep" and c.lower_ in WHERE_WORDS)]
    found: list[ActorSpan] = []
    while stack:
        t = stack.pop()
        if t.ent_type_ in ("DATE", "TIME") or t.lower_ in ("according", "due", "owing", "thanks"):
            continue  # "on Monday marking the anniversary of ...", "according to Ukrainian intelligence"
        if t.lemma_.lower() in GATHERING_NOUNS:
            continue  # "agreed at a summit in Wales": where they met
        if t.dep_ == "prep" and t.lower_ in CONTENT_PLACE_PREPS:
            found.extend(a for p in pobjects(t) for a in actors_at(p, index) if state_code(a.actor.code))
        stack.extend(c for c in t.children if c.dep_ not in SUBJECTS | {"punct"})
    return _dedupe(found)


def state_code(code: str | None) -> bool:
    return code is not None and len(code) == 3 and code.isupper() and code not in ("IGO", "NGO")


def _free_relative(clause: Token) -> bool:
    return any(c.lower_ == "what" and c.dep_ in OBJECTS for c in clause.children)


def against_actors(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """Known actors after "against" anywhere under the trigger ("war against Iraq")."""
    found: list[ActorSpan] = []
    stack = list(tok.children)
    while stack:
        t = stack.pop()
        if t.dep_ in CLAUSE_DEPS:
            continue  # "sent troops to support Russia's war against Ukraine": not aimed at Ukraine
        if t.dep_ == "prep" and t.lower_ == "against":
            # "against what it called provocative moves": the free relative's object
            held = [g for c in t.children if c.dep_ == "pcomp" for g in c.children if g.dep_ == "dobj"]
            found.extend(a for p in held or pobjects(t) for a in _opposed(p, index) if a.actor.code)
        stack.extend(t.children)
    return _dedupe(found)


def _opposed(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """Who stands behind what is opposed: "against violations by the Israeli military",
    "against what it called provocative moves by Washington"."""
    if tok.lower_ == "what":  # a free relative: what the speaker called it
        named = [c for c in tok.head.children if c.dep_ in ("oprd", "attr")] if tok.dep_ == "dobj" else []
        return [a for o in named for a in _opposed(o, index)]
    return actors_at(tok, index) or _of_actors(tok, index, 1, {"by", "of"})


def purpose_objects(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """Who a forceful act is aimed at through its purpose: "opened fire to disperse protesters"."""
    found: list[ActorSpan] = []
    for child in tok.children:
        if child.dep_ == "advcl" and infinitive(child):
            found.extend(a for obj in child.children if obj.dep_ in ("dobj", "obj") for a in actors_at(obj, index))
    return _dedupe(found)


def purpose_beneficiaries(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """Who a transfer is meant to help: "sent troops to support Russia" -> Russia."""
    found: list[ActorSpan] = []
    for child in tok.children:
        if child.dep_ in ("advcl", "xcomp") and child.lemma_.lower() in HELP_VERBS:
            # "to help defend Saudi Arabia": the one helped may be the object of the help's own verb
            verbs = [child, *(c for c in child.children if c.dep_ == "xcomp" and c.lemma_.lower() in HELP_VERBS)]
            for obj in (o for v in verbs for o in v.children if o.dep_ in ("dobj", "obj")):
                found.extend(a for a in actors_at(obj, index) if a.actor.code)
            # "help Iran build a plant": the one helped is the subject of the helped act
            helped = [
                g for c in child.children if c.dep_ in ("ccomp", "xcomp") for g in c.children if g.dep_ in SUBJECTS
            ]
            found.extend(a for g in helped for a in actors_at(g, index) if a.actor.code)
    return _dedupe(found)


AIMED_PREPS = {"to", "on", "at", "against", "with"}


def unnamed_groups(tok: Token, index: ActorIndex) -> list[Token]:
    """People an act is aimed at, named only by what they are ("disperse demonstrators",
    "pressured workers", "refugees were attacked", "allowed refugees to return", "the arrest
    of striking workers"), when no actor is named in them."""
    clauses = [c for c in tok.children if c.dep_ in ("advcl", "xcomp", "ccomp")]
    found = [c for h in (tok, *clauses) for c in h.children if c.dep_ in OBJECTS]
    found += [c for c in tok.children if c.dep_ in PASSIVE_SUBJECTS]
    found += [c for h in clauses if infinitive(h) for c in h.children if c.dep_ in SUBJECTS]
    if tok.pos_ == "NOUN":
        found += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjects(c)]
    # "appealed to demonstrators", "granted amnesty to prisoners", "called on his supporters"
    aimed = [c for h in (tok, *found) for c in h.children if c.dep_ in ("prep", "dative") and c.lower_ in AIMED_PREPS]
    found += [p for c in aimed for p in pobjects(c)]
    # "rejected the opposition's demand", "bowed to protesters' demands", "accepted opposition demands"
    found += [m for g in list(found) for m in g.children if m.dep_ in ("poss", "compound") and m.pos_ == "NOUN"]
    found = [counted(g) for g in found]
    sectors = load_sector_nouns()
    return [g for g in found if sectors.get(g.lemma_.lower()) in PEOPLE_SECTORS and not actors_at(g, index)]


def own_side_group(tok: Token, source: list[ActorSpan], index: ActorIndex) -> tuple[Token, ActorSpan] | None:
    """The unnamed other side of a domestic act, with the source's state it belongs to:
    "Togo's opposition accused the government", "Nepal's Maoist rebels agreed to talks with
    the government", "Philippine troops killed 10 communist rebels" (CAMEO codes both sides
    of a domestic dispute by the state). A government's "the government" may be another's,
    and a state's people are read elsewhere (``unnamed_groups``), so: organs for people's and
    rebels' acts, rebels and the opposition for an army's."""
    states = [a for a in source if state_code(a.actor.code)]
    sectors = {a.actor.sector for a in source}
    if len({a.actor.code for a in states}) != 1:
        return None
    clauses = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and infinitive(c)]
    holders = [tok, *clauses]
    found = [c for h in holders for c in h.children if c.dep_ in OBJECTS]
    found += [p for h in (*holders, *found) for c in h.children if c.dep_ == "prep" for p in pobjects(c)]
    nouns = load_sector_nouns()
    for group in (counted(g) for g in found):
        if actors_at(group, index) or any(c.dep_ == "poss" for c in group.children):
            continue  # named, or owned ("its army"): read elsewhere
        sector = nouns.get(group.lemma_.lower())
        organ = sector in STATE_SECTORS and sectors <= {"OPP", "REB", "CVL"}
        if organ or (sector in ("REB", "OPP") and sectors <= {"MIL", "GOV", "COP"}):
            return group, states[0]
    return None


def counted(tok: Token) -> Token:
    """ "hundreds of demonstrators", "a group of refugees": the people counted, not the count."""
    if tok.pos_ == "NUM" or tok.lemma_.lower() in COUNT_NOUNS:
        inner = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjects(c)]
        if inner:
            return inner[0]
    return tok


def group_span(group: Token, home: ActorSpan, offset: int) -> ActorSpan:
    """The unnamed group coded by the state it is in, its sector from its head noun."""
    skip = ("det", "predet", "nummod", "quantmod", "poss", "punct", "prep")
    mods = [c for c in group.lefts if c.dep_ not in skip and not c.is_space]  # not a blanked dateline
    first = min((m.left_edge.i for m in mods), default=group.i)
    while first < group.i and group.doc[first].is_space:
        first += 1
    words = group.doc[first : group.i + 1]
    actor = Actor(words.text, home.actor.code, np_sector(group) or "CVL")
    start = offset + words.start_char
    return ActorSpan(start, start + len(words.text), group.i, actor, (first, group.i + 1))


def origin_actors(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """Known places an attack came from ("a bomb was fired from the Gaza Strip"): a strike
    launched from a state's territory is that state's, as event coders code it."""
    if tok.lemma_.lower() in CAPTURE_VERBS:
        return []  # "recaptured Baiji from Islamic State": whom it was taken from, not where from
    found = [a for a in _prep_targets(tok, index, {"from"}) if a.actor.code and a.actor.sector != "IGO"]
    return _dedupe(replace(a, actor=replace(a.actor, sector=None)) for a in found)


def holders_of(act: Token, index: ActorIndex) -> list[ActorSpan]:
    """Who holds or did the act to people a noun names: "the arrest of a journalist in Iran",
    "the detention of two citizens by China", "the release of journalists held in Iraq"."""
    people = [p for c in act.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjects(c)]
    held = [c for p in people for c in p.children if c.dep_ == "acl" and c.tag_ == "VBN"]  # "held in Iraq"
    found = [a for h in (act, *people, *held) for a in _prep_targets(h, index, {"by", "in"})]
    agents = [p for h in held for c in h.children if c.dep_ == "agent" for p in pobjects(c)]  # "seized by Iran"
    found += [a for p in agents for a in actors_at(p, index)]
    verb = act.head if act.dep_ in ("dobj", "obj") else None  # "by China" hung on "condemned"
    if verb is not None and not any(c.dep_ == "auxpass" for c in verb.children):
        found += _prep_targets(verb, index, {"by"})
    return _dedupe(a for a in found if a.actor.code)


def deal_partners(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """The other parties of a deal the act is about ("withdrew from the treaty with Moscow",
    "pulled the country out of the nuclear agreement with Iran", "scrapped the pact with Seoul")."""
    heads = [tok, *(c for c in tok.children if c.dep_ in ("prt", "prep") and c.lower_ == "out")]  # "out of"
    nouns = [c for c in tok.children if c.dep_ in OBJECTS]
    nouns += [p for h in heads for c in h.children if c.dep_ == "prep" for p in pobjects(c)]
    deals = [n for n in nouns if n.lemma_.lower() in DEAL_NOUNS | TALK_NOUNS]  # "walked out of talks with X"
    return [
        a
        for d in deals
        for c in d.children
        if c.dep_ == "prep" and c.lower_ in ("with", "between")
        for p in pobjects(c)
        for a in actors_at(p, index)
    ]


def side_actors(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """The other side named after "with", "to", "between" ... on a word ("talks with X")."""
    return _prep_targets(tok, index, SIDE_PREPS)


def _receiver_run_in(verb: Token, thing: Token, index: ActorIndex) -> list[ActorSpan]:
    """A state named by name right after a verb of giving, parsed into the thing given
    ("offered Pakistan relief supplies", "promised Islamabad new jets")."""
    first = thing.left_edge
    if first.i != verb.i + 1 or first.i == thing.i or first.dep_ not in ("compound", "nmod", "amod"):
        return []
    if first.ent_type_ != "GPE" or any(c.dep_ in ("dative",) for c in verb.children):
        return []
    return [a for a in actors_at(first, index, modifiers=False) if a.actor.code]


def _purpose_parties(obj: Token, index: ActorIndex) -> list[ActorSpan]:
    """Who the acts a deal or programme is for reach ("a contract to deliver jets to Egypt", "a
    programme to arm and train Syrian rebels")."""
    acts = [c for c in obj.children if c.dep_ in ("acl", "relcl") and infinitive(c)]
    acts += [c for a in acts for c in a.conjuncts]
    found = [a for act in acts for a in _prep_targets(act, index, {"to"})]
    return found + [a for act in acts for o in act.children if o.dep_ in ("dobj", "obj") for a in actors_at(o, index)]


def _in_content(obj: Token, preps: tuple[str, ...] = ("in", "of")) -> list[Token]:
    """What a sum or amount is of: "40 billion euros in military aid", "$2 billion of aid"."""
    return [
        p
        for c in obj.children
        if c.dep_ == "prep" and c.lower_ in preps
        for p in c.children
        if p.dep_ in ("pobj", "pcomp")
    ]


def unnamed_organ(verb: Token, index: ActorIndex) -> Token | None:
    """The subject of ``verb`` when it names a state organ only by what it is ("police",
    "the army", "the government", "authorities", "security forces")."""
    subj, passive = _subject(verb)
    if subj is None or passive or subj.pos_ not in ("NOUN", "PROPN") or actors_at(subj, index):
        return None
    if any(c.dep_ == "poss" for c in subj.children):
        return None  # "its army", "Sudan's army": owned, read elsewhere
    foreign = subj.lemma_.lower() not in ("ministry", "minister", "office", "secretary", "service")
    if any(c.lower_ in FOREIGN_WORDS or (foreign and c.lower_ == "foreign") for c in subj.children):
        return None  # "Western governments", "foreign troops": no one state's organ (a foreign ministry is)
    return subj if load_sector_nouns().get(subj.lemma_.lower()) in STATE_SECTORS else None


def unnamed_subject(verb: Token, index: ActorIndex) -> Token | None:
    """The subject of ``verb`` when it names people only by what they are ("thousands of
    protesters marched")."""
    subj, passive = _subject(verb)
    if subj is None or passive:
        return None
    group = counted(subj)
    ethnic = any(c.lower_ == "ethnic" for c in group.children)  # "ethnic Albanians demonstrated in Serbia"
    crowd = group.pos_ == "NUM" or group.lemma_.lower() in COUNT_NOUNS  # "Thousands rallied in Seoul"
    people = ethnic or crowd or load_sector_nouns().get(group.lemma_.lower()) in PEOPLE_SECTORS
    return group if people and not actors_at(group, index) else None
