"""Document -> events and mentions. Pure: no database, no network.

:class:`Extractor` holds the loaded pipeline and knowledge; :func:`extract_batch`
is the one picklable entry point that every runner (in-process, worker
processes, Spark) calls.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, partial
from typing import Any

from pactwatch import __version__
from pactwatch.extract.blocks import blocks
from pactwatch.extract.calibration import Calibration, load_calibration
from pactwatch.extract.dating import ACCUSING_VERBS, DateMention, pick_date, sentence_dates
from pactwatch.extract.gazetteer import Gazetteer, last_spell, pick_entry
from pactwatch.extract.modality import REPORTING_ONLY, UNHESITATING, modality_of, no_longer, ruling_out
from pactwatch.extract.nlp import load_nlp
from pactwatch.extract.references import Antecedents, add_references, with_short_names
from pactwatch.extract.syntax import (
    ATTACK_NOUNS,
    AUTHORED_NOUNS,
    BORDER_NOUNS,
    CHARTER_NOUNS,
    DEPLOYED_BODY_NOUNS,
    HELP_VERBS,
    NAMING_VERBS,
    OBJECTS,
    PEOPLE_SECTORS,
    PROMPT_VERBS,
    RELATION_NOUNS,
    SPEECH_VERBS,
    STATE_SECTORS,
    TALK_NOUNS,
    TOPIC_VERBS,
    WHERE_WORDS,
    ActorIndex,
    ActorSpan,
    Roles,
    Token,
    actors_at,
    against_actors,
    authors,
    beyond_semicolon,
    blamed_on,
    bought_roles,
    clause_subject_actors,
    clause_verb,
    colon_speaker,
    content_places,
    counted,
    deal_partners,
    group_span,
    holders_of,
    infinitive,
    is_mishap,
    is_place,
    misread_objects,
    noun_roles,
    np_sector,
    orders_own_forces,
    origin_actors,
    others,
    own_side_group,
    place_actors,
    pobjects,
    purpose_beneficiaries,
    purpose_objects,
    shared_objects,
    side_actors,
    state_code,
    unnamed_groups,
    unnamed_organ,
    unnamed_subject,
    verb_roles,
)
from pactwatch.model import Actor, Document, Event, Evidence, Mention
from pactwatch.ontology import (
    PERSON_MARK,
    PLACE_MARK,
    TriggerRule,
    load_modality_cues,
    load_sector_nouns,
    load_triggers,
)

EXTRACTOR = f"pactwatch-rules/{__version__}"
# a wire dateline opening a paragraph: "KYIV, Aug 14 (Reuters) - ", "WASHINGTON (AP) -- "
DATELINE = re.compile(
    # place (one or two cities), date
    r"(?m)^[ \t]*(?:(?:[A-Z][A-Z.'/\- ]{1,40}(?:,[^\n()]{0,30})?|[A-Z][A-Za-z.'/\- ]{1,40},[^\n()]{1,30})\s*"
    r"\([A-Z][\w.&\- ]{1,30}\)\s*[-\u2013\u2014]+[ \t]*"  # (agency) and the dash
    # or a capitals-only place and a spaced dash with no agency ("ALGIERS - ", "SRINAGAR, India - ")
    r"|[A-Z][A-Z.'/\-]{2,}(?: [A-Z][A-Z.'/\-]+){0,3}(?:, [A-Z][A-Za-z.' ]{1,25})?[ \t]+[-\u2013\u2014]+[ \t]+)"
)
NER_LABELS = {"PERSON": "person", "ORG": "org", "GPE": "place", "NORP": "group"}
NER_ACTOR_KINDS = {"person", "org"}
OBJECT_DEPS = {"dobj", "obj", "attr", "oprd", "nsubjpass", "dative", "pobj"}
GOVERNING_DEPS = {"xcomp", "ccomp", "pcomp", "prep"}
SPEECH_ACT_TYPES = {"REQUEST", "ACCUSE", "THREATEN", "REJECT", "AGREE"}
PROMISED_TYPES = {"AID", "RETREAT", "CONCEDE"}  # a promise of these is AGREE
CONTENT_TYPES = {"REQUEST", "THREATEN", "REJECT"}
# idioms read as a plain verb: (verb, word on it) -> the verb whose rows apply
IDIOMS = {
    ("put", "hold"): "suspend",
    ("put", "ice"): "suspend",
    ("pull", "plug"): "suspend",
    ("walk", "away"): "abandon",
    ("drop", "out"): "abandon",
    ("bow", "out"): "abandon",
    ("set", "free"): "free",
}
IDIOM_VERBS = {verb for verb, _ in IDIOMS}
IDIOM_DEPS = {"prt", "advmod", "prep", "dobj", "pobj", "oprd", "acomp", "amod"}
# acts done to people whose doer a protest or appeal is aimed at
HELD_ACT_NOUNS = {"arrest", "detention", "execution", "killing", "imprisonment", "jailing", "abduction", "kidnapping"}
HELD_ACT_NOUNS |= {"release", "return", "freeing", "sentencing", "murder", "death", "torture", "expulsion"}
# verbs a schedule is told with in the present tense ("the ban takes effect on Feb. 5")
SCHEDULE_LEMMAS = {"take", "come", "begin", "start", "expire", "resume", "open", "end", "kick", "enter"}
FORCE_ADVERBS = {"forcibly", "forcefully", "forcably"}
DISMISSING_LEMMAS = {"fire", "sack"}  # "fired the minister": a dismissal
OFFICE_NOUNS = {"governor", "minister", "chief", "director", "head", "coach", "president", "premier", "adviser"}
PLACE_TARGET_TYPES = {"ASSAULT", "COERCE", "PROTEST", "ACCUSE"}  # acts a city of one's own state may suffer
FORCE_WORDS = {"force", "action", "strike", "attack", "invasion", "intervention", "war", "retaliation", "option"}
FORCE_WORDS |= {"operation", "offensive", "incursion", "measure", "response"}
EFFECT_VERBS = {"cut", "reduce", "cripple", "hurt", "hit", "slash", "damage", "weaken", "squeeze", "choke"}
EFFECT_VERBS |= {"halve", "curb", "limit", "shrink", "batter", "devastate", "strangle"}
MEASURE_SUBJECTS = {"sanction", "embargo", "tariff", "blockade", "boycott", "ban", "restriction"}
PAIR_NAMES = re.compile(r"\bKoreas\b")
THIRD_PARTY_SUFFIX = re.compile(r"-(?:brokered|mediated|hosted|facilitated|sponsored)\b", re.IGNORECASE)
POLICY_NOUNS = {"reform", "tax", "increase", "hike", "fare", "subsidy", "levy", "legislation"}  # yielded at home
HOME_TEXTS = {"bill", "law", "budget", "result", "motion", "amendment", "decree", "referendum", "verdict"}
JOINT_TYPES = {"AGREE", "SUPPORT", "COOPERATE"}  # acts two parties do together at a venue
FIRED_AT_PREPS = {"at", "on", "onto", "into", "against"}
VOTE_WORDS = {"election", "vote", "poll", "ballot", "referendum", "runoff", "run-off", "motion", "bill"}
VOTE_WORDS |= {"match", "game"}
SCORE = re.compile(r"\b\d{1,2}\s?-\s?\d{1,2}\b")  # a score, "7-1"
GAME_WORDS = {"medal", "gold", "silver", "bronze", "cup", "title", "trophy", "championship", "victory", "goal"}
GAME_WORDS |= {"wicket", "pennant", "crown", "final", "semifinal", "semi-final", "tournament", "match"}
UNARMED_SECTORS = {"NGO", "LEG", "JUD", "OPP", "CVL", "MED", "IGO", "BUS"}  # critics, not fighters
CRITIC_NOUNS = {"group", "critic", "lawmaker", "legislator", "campaigner", "watchdog", "press", "newspaper", "party"}
DIPLOMAT_NOUNS = {"ambassador", "envoy", "diplomat", "consul", "attache", "chargé", "charge", "embassy", "staff"}
TELLING_LEMMAS = {"tell", "instruct"}  # a request only with the act asked for
BAN_NOUNS = {"ban", "restriction", "curb", "limit"}
ASKING_NOUNS = {"demand", "appeal", "call", "request", "ultimatum", "plea", "deadline"}  # not a plan: its owner acts
DEMAND_NOUNS = AUTHORED_NOUNS | {"condition", "plea"}
EMBEDDING_TYPES = {"AGREE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "CONSULT", "COOPERATE"}
SEND_LEMMAS = {"send", "dispatch", "transfer", "ship", "fly"}
CLASSIFIED_HEADS = {
    "monitor", "expert", "panel", "committee", "investigator", "inspector", "report", "envoy", "chief", "plan",
}  # fmt: skip
DENIAL_LEMMAS = {"deny", "dismiss"}
FIRING_LEMMAS = {"fire", "launch", "shoot", "drop"}
# "at X's request", "after X's strikes", "sanctioned X over its purchase of Y": acts of their own
SEPARATE_ACT_PREPS = {"at", "after", "before", "since", "following", "amid", "despite", "during", "over"}
COMMAND_LEMMAS = {"order"}
RESPONSE_TYPES = {"ACCUSE", "REJECT", "SUPPORT", "AGREE"}  # may answer an act named just before
AMOUNT_WORDS = {"euro", "dollar", "billion", "million", "pound", "yuan", "rouble", "ruble", "yen", "worth", "$"}
AIMED_PREPS = {"around", "near", "off", "at", "against", "toward", "towards", "on"}
CALLING_OFF = {
    "cancel",
    "postpone",
    "delay",
    "abandon",
    "scrap",
    "shelve",
    "forgo",
    "avert",
    "defer",
    "stop",
    "halt",
    "end",
}
ACQUIRING = {"buy", "obtain", "acquire", "get", "secure", "purchase", "borrow", "procure", "receive"}
NO_FOES = {"virus", "coronavirus", "covid", "pandemic", "disease", "epidemic", "outbreak", "corruption", "poverty"}
NO_FOES |= {"fire", "wildfire", "inflation", "hunger", "famine", "cancer", "drought", "flood", "crime"}
DRAFT_NOUNS = {"resolution", "bill", "motion", "draft", "text", "measure", "amendment"}
RELEASED_THINGS = {"statement", "report", "video", "footage", "image", "photo", "picture", "data", "detail", "figure"}
RELEASED_THINGS |= {"result", "document", "water", "record", "transcript", "audio", "recording", "letter", "list"}
RELEASED_THINGS |= {"finding", "study", "survey", "budget", "forecast", "update", "gas", "oil", "balloon", "text"}
RELEASED_THINGS |= {"photograph", "tape", "map", "videotape", "clip"}
AILMENTS = {"heart", "panic", "asthma", "anxiety", "epileptic"}  # "a heart attack" is no attack
# irregular past forms en_core_web_sm leaves as they are (checked: it gets "withdrew", "overran" ... right)
IRREGULAR_PAST = {"retook": "retake", "forgave": "forgive"}
ASSEMBLY_VERBS = {"gather", "assemble", "converge", "mass", "march", "flood", "throng", "pour"}
PROTESTER_NOUNS = {"protester", "protestor", "demonstrator", "rioter", "marcher", "supporter", "crowd"}
DECIDING_LEMMAS = {"agree", "decide", "vote", "approve"}  # a body deciding to sanction sanctions
MISSION_NOUNS = {"embassy", "consulate", "mission", "residence", "office", "headquarters", "base"}
PRESSING_PREPS = {"despite", "under", "to", "after"}
PRESSURE_NOUNS = ASKING_NOUNS | {"pressure", "urging"}
DEFIED_NOUNS = PRESSURE_NOUNS | {"warning", "objection", "protest", "threat"}
# what a city may name rather than be a party to ("the Minsk agreements", "the Minsk Group", "the Paris Club")
NAMED_TEXT_NOUNS = CHARTER_NOUNS | {"format", "process", "communique", "group", "club", "understanding", "formula"}
# heads a trigger noun only describes ("patrol vessels", "riot police")
KIND_HEADS = {"vessel", "boat", "ship", "craft", "aircraft", "plane", "car", "vehicle", "truck", "helicopter", "jet"}
KIND_HEADS |= {"gear", "equipment", "police", "officer", "squad", "unit", "shield", "helmet", "route", "zone", "camp"}
KIND_HEADS |= {"convoy", "worker", "agency"}  # "an aid convoy", "aid workers"
VENUE_NOUNS = {"sideline", "margin", "fringe"}
LEGISLATURE_NAMES = {"senate", "house", "congress", "parliament", "house of representatives", "house of commons"}
LEGISLATURE_NAMES |= {"house of lords", "national assembly", "chamber of deputies", "lower house", "upper house"}
YIELD_VERBS = {"give", "cede", "surrender", "return", "withdraw", "abandon", "relinquish", "recognise", "recognize"}
YIELD_VERBS |= {"negotiate", "accept", "compromise", "yield", "bow", "back", "hand", "release", "lift", "halt", "stop"}
# arms and craft that move as forces do
FORCE_THINGS = {"system", "missile", "tank", "jet", "battery", "launcher", "drone", "weapon", "shell"}
FORCE_THINGS |= {"howitzer", "munition", "ship", "vessel", "warship", "bomber", "aircraft", "plane", "frigate"}
FORCE_THINGS |= {"destroyer", "submarine", "carrier", "helicopter", "vehicle", "armour", "armor"}
SIGHTING_LEMMAS = {"detect", "spot"}
GOODS_NOUNS = {"aid", "food", "vaccine", "dose", "supply", "shipment", "medicine", "grain", "fuel", "consignment"}
FIRM_NOUNS = {"firm", "company", "agency", "airline", "bank", "trader", "carrier", "exporter", "importer", "operator"}
FIRM_NOUNS |= {"plant", "factory", "refinery", "mill", "retailer", "distributor", "supplier", "buyer", "shipper"}
CUT_VERBS = {"cut", "reduce", "curb", "end", "freeze"}  # with STOP_VERBS
CHARGE_NOUNS = {"charge", "accusation", "allegation", "case", "claim", "trial", "lawsuit", "suit", "indictment"}
LACK_NOUNS = {"lack", "absence", "failure"}
FORCING_LEMMAS = {"force", "compel"}
LANGUAGE_USES = {"use", "teaching", "status", "learning", "study", "speaker", "knowledge"}
STRUCK_THINGS = {"site", "base", "position", "tanker", "camp", "installation", "facility", "airfield", "depot", "post"}
STRUCK_THINGS |= {"radar", "convoy", "ship", "vessel", "warship", "town", "village", "city", "troop", "force", "plant"}
PEACE_KEEPERS = {"peacekeeper", "monitor", "observer"}
STATE_VOICES = {"authority", "police", "prosecutor", "media", "medium", "television", "radio", "tv", "agency"}
REGRETTED_ACTS = {"decision", "move", "strike", "test", "launch", "killing", "deployment", "ban", "measure", "raid"}
SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?])\s+")  # not "U.S. Vice President"
# a place someone travelled to or met in: "flew to Cairo", "visited Warsaw", "talks in Oslo", "met Pence in Bogota"
TRAVEL_BEFORE = re.compile(
    r"(?:\b(?:flew|flown|travell?ed|trip|visit|journey)\s+to|\bvisit(?:ed|ing|s)?|"
    r"\b(?:talks|summit|meeting|conference)\s+in|\bmet\s+(?:[A-Z][\w.'-]*\s+){1,6}in)\s+(?:the\s+)?$"
)
LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|across|throughout)\s+(?:(?:the\s+)?(?:north|south|east|west|central)\w*\s+)?$", re.I
)
DOER_ENTS = {"GPE", "NORP", "ORG", "PERSON"}
AMOUNT_NOUNS = {"million", "billion", "dollar", "pound", "euro", "yen", "yuan", "tonne", "ton", "sum"}
SUSPECT_NOUNS = {"suspect", "culprit", "perpetrator", "mastermind", "organiser", "organizer", "architect"}
WRONGS = {"crime", "atrocity", "abuse", "massacre", "genocide", "violation", "act", "murder", "offence", "offense"}
WRONGS |= {"fraud", "suicide", "error", "mistake", "sin", "terrorism", "attack", "aggression", "breach", "excess"}
HOME_MEASURES = {"curfew", "emergency", "state", "law", "lockdown"}  # "lifted the curfew", "the state of emergency"
WARNING_VERBS = {"warn", "caution", "threaten"}
AWAY_WORDS = {"out", "away", "back", "home", "from", "off"}
SIMULATING_VERBS = {"simulate", "rehearse", "practise", "practice", "mimic", "stage-manage"}
OUSTING_LEMMAS = {"oust", "topple", "depose", "overthrow"}
MOVING_LEMMAS = {"enter", "roll", "pour", "cross", "head", "move"}  # an act only when forces move
STATE_TITLES = {"president", "minister", "premier", "chancellor", "spokesman", "spokeswoman", "spokesperson"}
STATE_TITLES |= {"secretary", "general", "commander", "king", "emir", "sultan", "governor", "vice-president", "chief"}
FORMER_WORDS = {"former", "ousted", "deposed", "exiled", "late", "ex", "overthrown", "toppled"}
BLAMING_LEMMAS = {"blame", "fault", "condemn", "criticise", "criticize", "punish", "sanction", "denounce"}
CHARGING_PREPS = {"of": ACCUSING_VERBS, "for": BLAMING_LEMMAS}  # "accused X of", "blamed X for"
WRONGDOING_VERBS = {"violate", "breach", "rig", "meddle", "interfere", "sabotage", "fabricate", "betray", "lie"}
JUDGING_VERBS = {"pose", "see", "consider", "regard", "view", "perceive", "represent", "remain", "constitute", "be"}
JUDGING_VERBS |= {"call", "describe", "label", "deem", "brand", "treat"}
MISHAP_VERBS = {"crash", "collapse", "capsize", "derail", "crash-land", "overturn"}
COMMON_NAME_WORDS = {"security", "council", "general", "assembly", "human", "rights", "court", "commission"}
# "South American", "Ibero-American" are no American
REGION_WORDS = {"latin", "south", "central", "north", "pan", "east", "west", "ibero", "inter"}
ORDERED_OUT = {"close", "leave", "shut", "vacate", "depart", "quit"}
FRAMING_PREPS = {"under", "despite", "amid", "during", "before", "after", "following"}
FIGHTING_NOUNS = {"fighting", "clash", "war", "conflict", "violence", "battle", "combat", "unrest", "hostility"}
SPAN_NOUNS = {"day", "week", "month", "year", "decade", "hour"}
MEASURE_NOUNS = {"deadline", "standard", "criterion", "target", "goal", "expectation", "threshold", "need"}
PREVENTING_VERBS = {"block", "prevent", "stop", "bar", "keep", "deter", "ban", "prohibit", "restrain", "dissuade"}
UNNAMED_ATTACK_TYPES = {"ASSAULT", "COERCE"}  # an unnamed perpetrator is coded by the act's place
# weapons fired from afar: where they land does not tell whose they are
STANDOFF_WEAPONS = {"drone", "missile", "rocket", "shell", "mortar", "airstrike", "strike", "artillery", "projectile"}
STANDOFF_WEAPONS |= {"jet", "warplane", "aircraft", "plane", "helicopter", "shelling", "air", "bombardment", "salvo"}
TRUCE_NOUNS = {"ceasefire", "cease-fire", "truce", "armistice"}
TRUCE_BREAKERS = {"shatter", "break", "violate", "breach", "end", "wreck", "torpedo", "undermine", "sabotage", "derail"}
TRUCE_BREAKERS |= {"abandon", "scrap", "jeopardise", "jeopardize", "threaten", "rupture"}
BREACH_NOUNS = {"breach", "violation", "contravention", "defiance", "terms", "spirit", "letter", "collapse"}
RESPOND_VERBS = {"respond", "retaliate", "react", "reply", "avenge", "reciprocate"}
REACTION_NOUNS = {"revenge", "retaliation", "response", "reprisal", "reaction", "answer"}
# what drills are held with ("with warships and live rounds"), besides ARRIVING_ARMS, STANDOFF_WEAPONS and MIL heads
MUNITIONS = {"round", "ammunition", "bomber", "submarine", "carrier", "destroyer", "frigate", "ship", "vessel"}
ARRIVING_ARMS = {"system", "missile", "tank", "jet", "battery", "launcher", "drone", "weapon", "shell", "howitzer"}
INSTRUMENTS = {"treaty", "pact", "agreement", "accord", "convention", "charter", "declaration", "memorandum"}
PARTIES_MAKE = {"COOPERATE", "SUPPORT", "AGREE"}
ONGOING = {"keep", "continue", "persist"}
TRY_VERBS = {"seek", "try", "attempt", "strive", "endeavour", "endeavor"}
BODY_HEADS = {"alliance", "bloc", "coalition", "pact", "union", "partnership"}
REFERRED_KINDS = {
    **dict.fromkeys(("deal", "treaty", "agreement", "pact", "accord"), ("AGREE", "SUPPORT")),
    **dict.fromkeys(("truce", "ceasefire", "armistice"), ("AGREE", "SUPPORT", "RETREAT")),
    **dict.fromkeys(("drill", "exercise", "test", "launch", "deployment"), ("MOBILIZE", "COOPERATE", "THREATEN")),
    **dict.fromkeys(
        ("attack", "strike", "bombing", "raid", "invasion", "killing", "incursion", "shelling"), ("ASSAULT",)
    ),
    **dict.fromkeys(("deportation", "expulsion", "seizure", "arrest", "detention"), ("COERCE", "SANCTION")),
    **dict.fromkeys(("accusation", "allegation"), ("ACCUSE",)),
    "sanction": ("SANCTION",),
    "visit": ("CONSULT",),
    **dict.fromkeys(("annexation", "offensive", "coup", "carnage", "massacre", "operation"), ("ASSAULT",)),
    "invitation": ("AGREE", "CONSULT"),
    "violence": ("ASSAULT", "COERCE", "PROTEST"),
    **dict.fromkeys(("blast", "explosion"), ("ASSAULT", "MOBILIZE")),
    "idea": ("AGREE",),
    "charge": ("ACCUSE",),
    **dict.fromkeys(("sentence", "verdict", "jailing", "execution", "crackdown"), ("COERCE", "ASSAULT")),
    **dict.fromkeys(("summit", "meeting"), ("CONSULT",)),
}
PROVOCATION_NOUNS = {"provocation", "aggression", "incursion", "violation", "attack"}
# what a vow to respond answers when it is a threat ("vowed to respond to the killing")
HOSTILE_ANSWERED = {n for n, kinds in REFERRED_KINDS.items() if "ASSAULT" in kinds} | PROVOCATION_NOUNS
ANAPHORIC_NOUNS = {
    "sentence",
    "verdict",
    "jailing",
    "execution",
    "crackdown",
    "summit",
    "meeting",
    "accord",
    "truce",
    "ceasefire",
    "armistice",
    "annexation",
    "offensive",
    "coup",
    "carnage",
    "massacre",
    "operation",
    "invitation",
    "violence",
    "incident",
    "bid",
    "application",
    "deal",
    "treaty",
    "agreement",
    "pact",
    "drill",
    "exercise",
    "move",
    "decision",
    "offer",
    "proposal",
    "plan",
    "step",
    "demand",
    "request",
    "call",
    "measure",
    "action",
    "ultimatum",
    "announcement",
    "statement",
    "remark",
    "comment",
    "attack",
    "strike",
    "bombing",
    "raid",
    "invasion",
    "test",
    "launch",
    "sanction",
    "deployment",
    "visit",
    "gesture",
    "apology",
    "accusation",
    "allegation",
    "deportation",
    "expulsion",
    "takeover",
    "seizure",
    "arrest",
    "detention",
    "killing",
    "incursion",
    "shelling",
    "ruling",
    "blast",
    "explosion",
    "idea",
    "initiative",
    "claim",
    "charge",
}
PARTICLE_DEPS = {"prt", "prep", "advmod"}
OBLIGATION_AUX = {"must", "should"}
PERMIT_VERBS = {"allow", "let", "permit", "enable", "authorize", "authorise"}
INTENT_VERBS = {"want", "vow", "swear", "pledge", "promise", "intend"}
VOW_VERBS = INTENT_VERBS - {"want", "intend"} | {"insist"}  # a vow about what will (not) be done
ALLEGING_VERBS = {"claim", "allege", "charge", "assert"}
INTENT_ADJECTIVES = {"willing", "ready", "prepared", "committed", "determined", "eager", "poised"}
HOSTILE_TYPES = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"}
COOPERATIVE_TYPES = {"AID", "AGREE", "COOPERATE", "CONSULT", "SUPPORT", "CONCEDE", "RETREAT"}
DOMESTIC_TYPES = {"PROTEST", "COERCE"}
ARMED_MODES = {
    "heavy-weapons",
    "explosives",
    "abduct",
    "aerial",
    "assassinate",
    "unconventional",
    "firearms",
    "massacre",
}
RIOT_NOUNS = {"protester", "demonstrator", "rioter", "mob", "crowd", "student", "youth", "marcher", "supporter", "fan"}
LICENCE_NOUNS = {"right", "freedom", "licence", "license", "entitlement", "authority", "power", "ability", "capacity"}
DOCUMENT_NOUNS = {"statement", "report", "readout", "communique", "communiqué", "figure", "data", "document", "video"}
DOCUMENT_NOUNS |= {"footage", "image", "photo", "photograph", "result", "list", "detail", "transcript", "recording"}
CONTACT_VERBS = {"meet", "telephone", "phone", "call", "visit", "host", "receive", "talk", "speak", "greet"}
SUFFER_VERBS = {"pay", "face", "expect", "suffer", "regret"}  # the one to be punished, not the punisher
SIGNING_LEMMAS = {"sign", "ink", "initial", "seal", "conclude"}
SHOW_NOUNS = GAME_WORDS | {"ceremony", "olympics", "game", "festival", "concert", "expo", "fair", "marathon", "race"}
SHOW_NOUNS |= {"contest", "pageant", "exhibition", "premiere"}
TRAVEL_VERBS = {"return", "fly", "land", "orbit", "reach", "arrive", "touch", "enter", "crash"}
STOP_VERBS = ORDERED_OUT | {"suspend", "stop", "halt", "cease", "disband", "dissolve", "evacuate"}
STOPPING_VERBS = STOP_VERBS - ORDERED_OUT | {"quit"}  # what a gerund after them tells has ended
SEA_NOUNS = {"water", "waters", "sea", "ocean", "strait", "gulf"}
TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}
YIELDING_TYPES = {"REQUEST", "THREATEN", "CONCEDE", "REJECT", "RETREAT"}  # words to, or give and take with, a crowd
FORCEFUL_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "THREATEN"}
HOME_SECTORS = {"GOV", "COP", "JUD", "LEG"}  # a state's civil authorities act at home
IGO_LIKE = {"UN", "NATO", "EU", "AU", "IGO"}
PLACE_TYPES = {
    "ASSAULT",
    "COERCE",
    "PROTEST",
    "CONCEDE",
    "RETREAT",
    "MOBILIZE",
    "THREATEN",
    "CONSULT",
    "AID",
    "COOPERATE",
}
AWAY_TYPES = {"AID", "RETREAT"}  # "evacuated the wounded from Gorazde", "pulled troops out from X"
EXERCISE_WORDS = {"exercise", "drill", "maneuver", "manoeuvre", "wargame", "patrol", "training", "train"}
JOINT_WORDS = {"joint", "jointly", "together", "combined", "trilateral", "bilateral", "multilateral"}
AID_MODES = {"military", "humanitarian", "economic", "financial"}


@dataclass(frozen=True)
class Extraction:
    """What one document yields: its events and the actor mentions found in it."""

    document: Document
    events: tuple[Event, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class _Demand:
    event: Event
    trigger_index: int


@dataclass(frozen=True)
class _Trigger:
    token: Token
    rule: TriggerRule


class Extractor:
    """Rule-based PLOVER event extractor over a spaCy parse and the bundled gazetteer."""

    def __init__(
        self, nlp: Any = None, gazetteer: Gazetteer | None = None, calibration: Calibration | None = None
    ) -> None:
        self.nlp = nlp if nlp is not None else load_nlp()
        self.calibrate = calibration if calibration is not None else load_calibration()
        self.gazetteer = gazetteer or Gazetteer.default()
        self.triggers = load_triggers()
        self.cues = load_modality_cues()

    def extract(self, doc: Document) -> Extraction:
        """Events and mentions of one document."""
        return next(iter(self.extract_many([doc])))

    def extract_many(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Extraction]:
        """Extract from many documents, parsing their candidate blocks in batches.

        Each document is parsed inside a spaCy memory zone, so the strings a long stream
        brings (names, numbers) are freed again and memory stays flat; events keep plain
        copies of what they need."""
        for doc in docs:
            with self.nlp.memory_zone():
                extraction = self._one(doc, batch_size)
            yield extraction

    def _one(self, doc: Document, batch_size: int) -> Extraction:
        datelines = [m.span() for m in DATELINE.finditer(doc.text)]  # "KYIV, Aug 14 (Reuters) - "
        known = [m for m in self._known_mentions(doc) if not any(a <= m.start < b for a, b in datelines)]
        mentions = with_short_names(doc, known)  # in text order
        starts = [m.start for m in mentions]
        # a block naming nobody can still tell what "the police" did in a story filed from a known city
        home = self._dateline_home(doc)
        filed = home is not None
        # ("the two Koreas" names two states no single name in the knowledge base stands for)
        spans = [
            (s, e)
            for s, e in blocks(doc.text)
            if filed or bisect_left(starts, s) < bisect_left(starts, e) or PAIR_NAMES.search(doc.text, s, e)
        ]
        texts = (_masked(doc.text, s, e, datelines) for s, e in spans)
        events: list[Event] = []
        ner: list[Mention] = []
        names = Antecedents(mentions, doc.text)
        scenes = [m for m in mentions if len(m.code or "") == 3 and _sets_the_scene(m, doc.text)] if not filed else []
        scene_starts = [m.start for m in scenes]
        anchor: list[tuple[str, str]] = []
        for (start, _end), parsed in zip(spans, self.nlp.pipe(texts, batch_size=batch_size), strict=True):
            block_text = parsed.text  # a spaCy property that joins every token: read it once
            block_mentions = mentions[bisect_left(starts, start) : bisect_left(starts, start + len(block_text))]
            weapon_texts = set(self.gazetteer.weapon_aliases(block_text))
            near = partial(self._near_mention, doc)
            index, extra = _actor_index(parsed, start, block_mentions, doc.id, weapon_texts, near)
            ner.extend(extra)
            names.add(extra)
            add_references(parsed, start, names, index)
            _officials_at_home(parsed, index, home)
            for sent in parsed.sents:
                # "Protesters rallied in Santiago. Police fired tear gas ...": the one state told of so far
                here = home or _story_home(scenes[: bisect_left(scene_starts, start + sent.start_char)])
                events.extend(self._sentence_events(doc, sent, start, index, (anchor, here), events))
        return Extraction(doc, tuple(events), tuple(mentions + ner))

    def _known_mentions(self, doc: Document) -> list[Mention]:
        """The known actors named; a known person out of office on the document's date is
        coded by the state of the office he held last, marked ``inferred`` ("former")."""
        out: list[Mention] = []
        for hit in self.gazetteer.actor_hits(doc.text):
            entry = pick_entry(hit, doc.published)
            if entry is not None:
                out.append(
                    Mention(doc.id, hit.start, hit.end, hit.text, entry.kind, entry.code, entry.sector, entry.name)
                )
                continue
            spell = last_spell(hit, doc.published)
            if spell is not None:  # "ousted President Mohamed Bazoum": CAMEO's former leader
                out.append(
                    Mention(doc.id, hit.start, hit.end, hit.text, spell.kind, spell.code, None, spell.name, "former")
                )
        return out

    def _dateline_home(self, doc: Document) -> Actor | None:
        """The state of the city a wire story is filed from ("NAIROBI (Reuters) - "): where the
        story happens, whose police or government an unnamed "the police" most likely is."""
        line = DATELINE.search(doc.text[:400])  # below a headline, too
        if line is None:
            return None
        place = re.split(r"\(|\s[-\u2013\u2014]", line.group(0))[0].strip()  # before "(Reuters)" or " - "
        place = place.split("/")[0]  # "WASHINGTON/BRUSSELS": the first
        words = " ".join(w.capitalize() if w.isupper() else w for w in place.split(" "))  # "NEW DELHI"
        for hit in self.gazetteer.actor_hits(words):
            entry = pick_entry(hit, doc.published)
            if entry is not None and entry.kind in ("capital", "place", "state") and len(entry.code or "") == 3:
                return Actor(place, entry.code, None, entry.name)
        return None

    def _near_mention(self, doc: Document, text: str, start: int, end: int, person: bool = False) -> Mention | None:
        """A name the knowledge base knows, written with a one-letter slip ("Ethopia"), or, for
        a person, by the surname of the one known person then in office who bears it ("Sharon")."""
        name = text[4:] if text[:4] in ("the ", "The ") else text
        entries = [e for e in self.gazetteer.near_entries(name) if e.valid_on(doc.published)]
        if not entries and person:
            entries = list(self.gazetteer.surname_entries(name, doc.published))
        if not entries:
            return None
        e = entries[0]
        return Mention(doc.id, end - len(name), end, name, e.kind, e.code, e.sector, e.name)

    def _sentence_events(
        self,
        doc: Document,
        sent: Any,
        offset: int,
        index: ActorIndex,
        context: tuple[list[tuple[str, str]], Actor | None],
        prior: list[Event],
    ) -> list[Event]:
        """The events of one sentence; ``context``: the dates named so far and the state the
        story is filed from."""
        anchor, home = context
        evidence = _evidence(doc, sent, offset)
        previous = anchor[-1] if anchor else None
        dates = sentence_dates(sent, doc.published, anchor)
        if evidence is None:
            return []
        weapons = tuple(self.gazetteer.weapon_names(evidence.text))
        triggers = self._triggers(sent)
        events: list[Event] = []
        made: list[tuple[int, Token]] = []  # each event's position and trigger, for acts told in the same sentence
        shells = [t for t in triggers if self._modal_shell(t, triggers) or _warns_of_others(t, triggers, index)]
        demands = [d for d in (self._demand(doc, v, index, evidence, dates) for v in sent) if d is not None]
        demanded = {e.trigger_index for e in demands}
        for trig in triggers:
            if trig in shells or _governed_by_trigger(trig, triggers, shells) or _purpose_of_same(trig, triggers):
                continue
            if clause_verb(trig.token).i in demanded or _hypothetical(trig.token) or _protest_demand(trig, triggers):
                continue
            if _given_time_for(trig, triggers):
                continue  # "gave the Serbs 48 hours to pull back their guns": demanded, not done
            event = self._event(doc, trig, triggers, index, evidence, (dates, previous), (weapons, home))
            if event is not None:
                events.append(_answered(event, trig.token, [*prior, *events]))
                made.append((len(events) - 1, trig.token))
                if _refusal(trig.token, event):
                    # "will not withdraw its troops": the act denied, and the refusal, an act of its own
                    acts = frozenset(t.token.i for t in triggers if t is not trig)  # not "which invaded Cyprus in 1974"
                    when = pick_date(_statement(trig.token), dates, doc.published, False, previous, acts) or (
                        None,
                        None,
                    )
                    refused = replace(events[-1], type="REJECT", mode=None, modality="asserted", weapons=(), id="")
                    if trig.token.lemma_.lower() in ACQUIRING:  # "would not buy arms from X": the buyer refuses
                        refused = replace(refused, source=refused.target, target=refused.source)
                    events.append(replace(refused, date=when[0], date_precision=when[1]))
        return _distinct([d.event for d in demands] + _one_attack_told(_answered_after(events, made), made))

    def _demand(
        self,
        doc: Document,
        verb: Token,
        index: ActorIndex,
        evidence: Evidence,
        dates: list[DateMention],
    ) -> _Demand | None:
        """ "X said Y must do Z": the speaker demands something of Y (PLOVER REQUEST); "X said Y
        was behind the attacks": the speaker accuses Y (ACCUSE)."""
        head = verb.head
        fronted = colon_speaker(verb)  # "US: Syria must leave Lebanon"
        if fronted is None and (verb.dep_ != "ccomp" or head.lemma_.lower() not in SPEECH_VERBS):
            return None
        head = verb if fronted is not None else head
        blames = _blames(verb)
        if not blames and not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in verb.children):
            return None
        if verb.lemma_.lower() in SUFFER_VERBS:
            return None  # "Israel should expect severe punishment": a threat, read as one
        etype = "ACCUSE" if blames else "REQUEST"
        speaker = actors_at(fronted, index) if fronted is not None else verb_roles(head, etype, False, index).source
        addressee = clause_subject_actors(verb, index)
        if not speaker or not addressee:
            return None
        date = pick_date(head, dates, doc.published, False)
        event = Event(
            doc_id=doc.id,
            type=etype,
            mode="allege" if blames else None,
            source=tuple(a.actor for a in speaker),
            target=tuple(a.actor for a in addressee),
            evidence=evidence,
            date=date[0] if date else None,
            date_precision=date[1] if date else None,
            modality=modality_of(head, self.cues, None),
            confidence=self.calibrate(0.6),
            trigger=verb.text,
            extractor=EXTRACTOR,
        )
        return _Demand(event, -1 if blames else verb.i)  # what one is blamed for stays an act of its own

    def _modal_shell(self, trig: _Trigger, triggers: list[_Trigger]) -> bool:
        """A verb like "deny" or "plan" that governs another event only colours that event
        (so does "not rule out")."""
        tok = trig.token
        if ruling_out(tok) and any(c.dep_ == "neg" for c in tok.children):
            return any(t is not trig and _governor(t.token, triggers) is trig for t in triggers)
        cue = self.cues.get(trig.token.lemma_.lower())
        if cue is None or cue.kind != "verb" or cue.modality == "proposed" or trig.rule.type == "ACCUSE":
            return False  # an accusation is an event of its own that makes what it alleges uncertain
        return any(t is not trig and _governor(t.token, triggers) is trig for t in triggers)

    def _protest_object(self, tok: Token) -> TriggerRule | None:
        """The protest row for a strike ("a general strike", "a hunger strike") as a verb's
        object or as the object itself ("nurses launched a strike", "unions announced a strike"):
        civilians who strike protest."""
        if tok.pos_ == "VERB":
            objects = [c for c in tok.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() == "strike"]
            verb = tok
        else:
            objects = [tok] if tok.lemma_.lower() == "strike" and tok.dep_ in ("dobj", "obj") else []
            verb = tok.head
        if not objects:
            return None
        own = _match_rule(objects[0], self._rules_for(objects[0], "NOUN"))
        if own is not None and own.type == "PROTEST":
            return own
        people = any(c.dep_ == "nsubj" and np_sector(c) == "CVL" for c in verb.children)
        found = [r for r in self._rules_for(objects[0], "NOUN") if r.type == "PROTEST" and r.mode == "strike"]
        return found[0] if people and found else None

    def _triggers(self, sent: Any) -> list[_Trigger]:
        found: list[_Trigger] = []
        for tok in sent:
            pos = "VERB" if tok.pos_ in ("VERB", "AUX") else tok.pos_
            if pos not in ("VERB", "NOUN", "ADJ"):
                continue
            if pos == "ADJ" and not _announces_act(tok):
                continue  # an intent adjective counts only with the act it announces
            if (pos == "NOUN" and _no_event_noun(tok)) or _tries(tok) or _fights_no_foe(tok):
                continue
            rule = _match_rule(tok, self._rules_for(tok, pos)) or _protesters_gather(tok)
            if rule is not None and _release_of_things(tok, rule):
                continue
            if rule is not None and _goes_back(tok, rule):
                continue  # "negotiators return to Geneva": coming back, not giving back
            if rule is not None and _describes_gear(tok):
                continue  # "militiamen armed with machetes": what they carry, not an act
            if rule is not None and rule.type not in SPEECH_ACT_TYPES and _habitual(tok):
                continue  # "Nigeria, which supplies Niger's electricity": what it does, not an act
            if rule is not None and _judged_a_threat(tok):
                continue  # "posed a threat to", "did not see the ships as a threat": a judgement, no threat made
            if rule is not None and _meets_a_measure(tok):
                continue  # "failed to meet the deadline": a standard met, no meeting
            if rule is not None and _to_blame(tok):
                continue  # "said Washington was to blame": the speaker's accusation, read as a demand
            if rule is not None and rule.lemma in TELLING_LEMMAS and not _tells_to_act(tok):
                continue  # "officials told AFP": telling is a request only with the act asked for
            if rule is not None and rule.type == "AGREE" and _vows_not_to(tok):
                continue  # "vowed Israel would never return the Golan": a refusal, read from what is denied
            if rule is not None and tok.lemma_.lower() == "swear" and _particle(tok, "in"):
                continue  # "Mandela sworn in as president": an oath of office, no vow to anyone
            if rule is not None and _lacking(tok):
                continue  # "citing a lack of cooperation", "the failure of the talks to agree": not done
            if rule is not None and _past_state(tok):
                continue  # "returned the captured pilot": what was done before, told as a state
            if rule is not None and _simulated(tok):
                continue  # "a drill simulating an attack on the test site": rehearsed, not done
            if rule is not None and rule.type == "COERCE" and rule.lemma in FORCING_LEMMAS and not _made_to_act(tok):
                continue  # "forced their way into the embassy", "forced into war": no one made to act
            if rule is not None and _stopped(tok):
                continue  # "stopped supplying gas to Israel": the supply is what ended, no act done
            if rule is not None and rule.type == "ACCUSE" and _described_as_accused(tok):
                continue  # "Pol Pot, the leader blamed for the deaths of ...": who he is, no accusation made
            if rule is not None and _committed_wrong(tok):
                continue  # "troops had committed war crimes": the wrong, not a commitment
            if rule is not None and _prevented(tok):
                continue  # "blocked a warship from arresting fishermen": the arrest did not happen
            if rule is not None and rule.type == "ASSAULT":
                rule = self._protest_object(tok) or rule  # "launched a general strike": a protest
            if rule is not None and not _reports_fronted_clause(tok) and not _names_something(tok, rule):
                found.append(_Trigger(tok, rule))
        commands = {t.token.i for t in found if _commands_act(t, found) or _acts_by_means(t, found)}
        # "expelled 23 diplomats, retaliating for ...": the retaliation is the act just told
        commands |= {t.token.i for t in found if _retaliation_told(t, found)}
        # "a US drone strike killed a general": the noun is the verb's act told once
        found = [t for t in found if not _subject_of_same(t, found)]
        heads = {t.token.i for t in found}
        # "a ceasefire deal", "a protest march": the head noun carries the act
        found = [t for t in found if not (t.token.dep_ == "compound" and t.token.head.i in heads)]
        return [
            t
            for t in found
            if t.token.i not in commands
            and (t.token.head.i in commands or not _object_of_trigger(t, found))
            and not _purpose_cancelled(t, found)
        ]

    def _rules_for(self, tok: Token, pos: str) -> tuple[TriggerRule, ...]:
        """The lexicon rows of a word, by its lemma, or, where the lemmatiser missed a past form
        ("retook", "forgave", "readmitted"), by the form's base."""
        idiom = _idiom(tok) if pos == "VERB" else None
        if idiom is not None:  # "put the talks on hold" is suspending them
            return self.triggers.get((idiom[0], pos), ())
        rules = self.triggers.get((tok.lemma_.lower(), pos), ())
        if rules or pos != "VERB":  # "readmitted" -> "readmitte", "retook" -> "retook"
            return rules
        for base in _bases(tok.lower_):
            rules = self.triggers.get((base, pos), ())
            if rules:
                return rules
        return ()

    def _event(
        self,
        doc: Document,
        trig: _Trigger,
        triggers: list[_Trigger],
        index: ActorIndex,
        evidence: Evidence,
        dating: tuple[list[DateMention], tuple[str, str] | None],
        named: tuple[tuple[str, ...], Actor | None],
    ) -> Event | None:
        """One event from a trigger; ``dating``: the sentence's dates and the date named before it;
        ``named``: the sentence's weapons and the state the story is filed from."""
        tok, rule = trig.token, trig.rule
        dates, previous = dating
        weapons, home = named
        inner = [t for t in triggers if t is not trig and _governor(t.token, triggers) is trig]
        if rule.type == "THREATEN":  # "threatened to institute a curfew": the act threatened, as a noun
            inner += [t for t in triggers if _threatened_object(t.token, tok)]
        offset = evidence.start - next(t for t in tok.sent if not t.is_space).idx
        roles, accused = _event_roles(trig, inner, index, offset, home)
        if _no_event(tok, rule, roles, index):
            return None
        etype, mode = _event_type(tok, rule, roles, inner)
        if etype == "COOPERATE" and rule.type != "COOPERATE" and _partners_only(roles):
            roles = Roles(roles.source, [])  # "joint raids in Helmand": the partners with each other
        if etype == "CONSULT":
            roles = _without_topics(tok, roles)  # "Japan and South Korea held talks on North Korea"
        modality = modality_of(tok, self.cues, rule.modality)
        ahead = modality == "planned" or _may_yet(tok) or _scheduled(tok)  # "will cut off gas on Jan. 1 unless"
        if etype == "THREATEN" and rule.type == "REJECT":
            modality = "asserted"  # "did not rule out force": the threat is made, not denied
        framed, modality = _reframe(tok, etype, modality)
        if accused is not None and modality == "asserted":
            modality = "speculative"  # what one is accused of
        etype, mode = framed, (mode if framed == etype else None)
        if etype == "THREATEN" and modality == "planned":
            modality = "asserted"  # "will respond in kind": the threat is made now; its future is its nature
        dated = _statement(tok) if etype == "THREATEN" and rule.type != "THREATEN" else tok  # made when said
        if etype in PROMISED_TYPES and modality == "planned" and _own_word(tok, roles, index):
            etype, mode, modality = "AGREE", None, "asserted"  # a promise to give or yield (SPEC)
            dated = _reported_clause(tok).head  # the promise is dated by its statement
            if not roles.target:  # "told the United Nations it would allow inspectors back": to the UN
                told = [c for c in dated.children if c.dep_ in ("dobj", "obj", "dative")]
                roles = Roles(roles.source, others((a for c in told for a in actors_at(c, index)), roles.source))
        elif etype in ("ASSAULT", "COERCE") and modality == "planned" and _own_word(tok, roles, index):
            etype, mode, modality = "THREATEN", None, "asserted"  # "said they would blockade Paris": a threat
            dated = _reported_clause(tok).head
        warned = not roles.source and bool(roles.target) and _warned_of(tok)  # of harm to a named party
        if etype == "THREATEN" and rule.type != "THREATEN" and warned:
            # "Haley warned that North Korea would be utterly destroyed": the warner threatens
            speaker = clause_subject_actors(_statement(tok), index)
            roles = Roles(speaker, others(roles.target, speaker))
            dated = _statement(tok)
        acts = frozenset(t.token.i for t in triggers if t.rule.type != rule.type)  # "which sank in March": the same
        ahead = ahead and (dated is tok or not _dated_itself(dated, tok))  # "said on Tuesday they would attack"
        if etype == "THREATEN":  # "gave Baghdad until January 15": the deadline, not when the threat was made
            dates = [d for d in dates if d.ent.root.head.lower_ not in ("until", "by", "before")]
        date = pick_date(dated, dates, doc.published, ahead or modality == "planned", previous, acts)
        return Event(
            doc_id=doc.id,
            type=etype,
            mode=mode,
            source=tuple(a.actor for a in roles.source),
            target=tuple(a.actor for a in roles.target),
            evidence=evidence,
            date=date[0] if date else None,
            date_precision=date[1] if date else None,
            weapons=weapons if _weapons_apply(etype) else (),
            modality=modality,
            confidence=self.calibrate(_confidence(rule, tok, roles)),
            trigger=tok.text,
            extractor=EXTRACTOR,
        )


def _event_roles(
    trig: _Trigger, inner: list[_Trigger], index: ActorIndex, offset: int, home: Actor | None
) -> tuple[Roles, Token | None]:
    """Source and target of a trigger's event, and, for an act alleged ("accused Bolivia of a
    campaign of attacks"), the one it is alleged of."""
    tok, rule = trig.token, trig.rule
    roles = _roles(tok, rule, index)
    if rule.type == "THREATEN" and tok.lemma_.lower() in SUFFER_VERBS:
        roles = _sufferer(tok, roles, index)  # "Iran said Israel would pay a heavy price": Iran threatens
    if rule.type == "THREATEN" and not roles.target:
        # "threatened to ban voting if Hamas ran": aimed at whoever the condition names
        clauses = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
        roles = Roles(roles.source, others(_condition_subjects(tok, clauses, index), roles.source))
    for sub in inner:
        extra = _roles(sub.token, sub.rule, index)
        if not roles.target:
            # an inner act lends what the text names, not the at-home default
            extra = _complete_target(sub.token, sub.rule.type, extra, index, offset, sub.rule.mode, fallback=False)
            # "the report alleged that France trained ...": the one alleged against is no accuser
            source = roles.source or ([] if rule.type == "ACCUSE" else extra.source)
            roles = Roles(source, others([*extra.source, *extra.target], source))
    # a threat of a curfew or martial law with no party named aims at home, like the act itself
    domestic = any(sub.rule.type in DOMESTIC_TYPES and sub.rule.mode != "confiscate" for sub in inner)
    roles = _complete_target(tok, rule.type, roles, index, offset, rule.mode, domestic=domestic)
    blamed = _blamed_in_sentence(tok, index) if rule.type == "ASSAULT" and not roles.source else []
    if blamed:  # "Haniyeh was killed in Tehran, the group said, blaming Israel for the attack"
        roles = Roles(blamed, others(roles.target, blamed))
    if not roles.source:  # "the Israeli army said troops had arrested 12 Palestinians"
        roles = _speakers_organ(tok, roles, index, offset)
    if not roles.source and (rule.type == "COERCE" or rule.mode == "execute"):
        roles = _done_by_the_voice(tok, roles, index)  # "KCNA said Jang had been executed"
    if not roles.source and home is not None:  # "JERUSALEM - The army said it had arrested ..."
        roles = _organ_speaking_of_itself(tok, roles, index, offset, home)
    arriving = rule.lemma in MOVING_LEMMAS  # "militants crossed into Niger": where forces go is not home
    if rule.type in ("PROTEST", "ASSAULT", "COERCE") and not roles.source and not arriving:
        roles = _protesters_placed(tok, roles, index, offset)
    if rule.type in ("ASSAULT", "MOBILIZE") and not roles.source:
        verb = clause_verb(tok)  # not "the killings drew condemnation from Canada"
        origin = origin_actors(tok, index) or (
            [] if verb.lemma_.lower() in PROMPT_VERBS else origin_actors(verb, index)
        )
        roles = Roles(others(origin, roles.target), roles.target)
    accused = (_accused_of(tok) or _blamed_for(tok) or _suspect_in(tok)) if tok.pos_ == "NOUN" else None
    alleged = actors_at(accused, index) if accused is not None else []
    if alleged:
        roles = Roles(alleged, others(roles.target, alleged))
    if rule.type in ("ACCUSE", "REQUEST") and tok.pos_ == "VERB":  # "condemned the arrest of a journalist in Iran"
        roles = _at_the_holder(tok, roles, index)
    if not roles.source and roles.target and rule.type not in UNNAMED_ATTACK_TYPES:
        # "the rebels dropped out of talks with the Colombian government" (an attack is placed below)
        roles = _against_own_state(tok, roles, index, offset)
    if not roles.source:
        roles = _home_organ(tok, roles, index, offset, (rule.type, home))
        if roles.source and not roles.target:  # "police dispersed protesters": now known at home
            # ("BENGHAZI - Security forces fired on protesters": the organ's own people, when the
            # sentence names no other state: not "along the Gaza border fence", "from Myanmar")
            spans = [a for group in _sentence_spans(tok, index) for a in group]
            alone = all(a.actor.code in (None, *(s.actor.code for s in roles.source)) for a in spans)
            at_home = domestic or (rule.type in ("ASSAULT", "COERCE") and alone)
            roles = _complete_target(tok, rule.type, roles, index, offset, rule.mode, domestic=at_home)
    if (
        rule.type in UNNAMED_ATTACK_TYPES
        and rule.mode != "sideAB"
        and not roles.source
        and roles.target
        and not arriving
    ):
        roles = Roles(_placed_perpetrator(tok, index), roles.target)
    if rule.type == "ASSAULT" and rule.mode != "sideAB" and not roles.source and home is not None:
        roles = _attacked_at_home(tok, roles, index, offset, home)
    if rule.type == "ASSAULT" and not roles.target and _coup(tok):
        roles = _at_own_state(roles)  # "the army seized power": a coup against the state's government
    if rule.type in ("REJECT", "SUPPORT") and not roles.target and _objects_in(tok, HOME_TEXTS):
        roles = _at_own_state(roles)  # "vetoed the foreign agents law", "rejected the election results"
    if rule.type == "ACCUSE" and roles.target:
        roles = _without_forum(tok, roles, index)  # "took the United States to the WTO": the WTO hears it
    if rule.type == "CONCEDE" and not roles.target and _objects_in(tok, HOME_MEASURES | HOME_TEXTS | POLICY_NOUNS):
        roles = _at_own_state(roles)  # "Thailand lifted martial law": eased at home, as it was imposed
    if rule.type == "COERCE" and roles.target and not any(a.actor.code for a in roles.target):
        roles = _named_at_home(roles)  # "police arrested journalist Hopewell Chin'ono": one of Zimbabwe's
    if rule.type == "COERCE" and rule.mode == "deport" and len(roles.target) > 1:
        roles = _without_destination(tok, roles)  # "deported 400 militants to southern Lebanon"
    if rule.type not in PLACE_TARGET_TYPES:  # "deployed troops to the Kursk region": its own ground
        own = {a.actor.code for a in roles.source}
        roles = Roles(roles.source, [a for a in roles.target if not (is_place(a.actor) and a.actor.code in own)])
    return roles, accused


def _at_the_holder(tok: Token, roles: Roles, index: ActorIndex) -> Roles:
    """A protest at, or a call to end, an act done to people is aimed at whoever did it or holds
    them ("condemned the detention of two Canadians by China", "called for the release of
    journalists held in Iraq"), not at the people's own state."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    objects += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" for p in pobjects(c)]
    acts = [o for o in objects if o.lemma_.lower() in HELD_ACT_NOUNS]
    holders = others((a for act in acts for a in holders_of(act, index)), roles.source)
    if not holders and not roles.target:  # "condemned the demolition of the liaison office by North Korea"
        doers = [a for o in objects if o.pos_ == "NOUN" for a in _doers(o, index)]
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        if not doers and objects and not passive:  # "by North Korea" hung on "condemned"
            doers = [a for a in authors(tok, index) if a.actor.code and objects[0].pos_ == "NOUN"]
        holders = others(doers, roles.source)
    return Roles(roles.source, holders) if holders else roles


def _doers(act: Token, index: ActorIndex) -> list[ActorSpan]:
    """Who did an act a noun names: "by X" on it or on its "of" phrase ("the bombing of a
    cathedral by Abu Sayyaf")."""
    holders = [act, *(p for c in act.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjects(c))]
    return [a for h in holders for a in authors(h, index) if a.actor.code]


def _speakers_organ(tok: Token, roles: Roles, index: ActorIndex, offset: int) -> Roles:
    """A state organ named only by what it is ("troops", "police", "the president") in a
    clause a state's voice reports ("the Israeli army said troops had killed ...", "...,
    Peru's interior ministry said") is that state's."""
    verb = clause_verb(tok)
    organ = unnamed_organ(verb, index)
    speech = _reporting_verb(verb)
    if organ is None or speech is None or speech.lemma_.lower() in WARNING_VERBS:
        return roles  # ("Austin warned that the soldiers had joined the fighting": others' soldiers)
    speakers = [a for a in clause_subject_actors(speech, index) if a.actor.code]
    states = {a.actor.code for a in speakers}
    if len(states) != 1 or speakers[0].actor.sector == "IGO" or any(a.actor.code in states for a in roles.target):
        return roles
    return Roles([group_span(organ, speakers[0], offset)], roles.target)


def _done_by_the_voice(tok: Token, roles: Roles, index: ActorIndex) -> Roles:
    """An arrest, removal or execution told in the passive, with no agent, by one state's own
    voice ("Iranian state media said two British sailors had been arrested", "KCNA said Jang
    had been executed"): the state did it (custody and executions are a state's acts)."""
    verb = clause_verb(tok)
    passive = any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)
    speech = _reporting_verb(verb)
    if not passive or speech is None:
        return roles
    speakers = [a for a in clause_subject_actors(speech, index) if a.actor.code]
    if len({a.actor.code for a in speakers}) != 1 or not state_code(speakers[0].actor.code):
        return roles
    # (its media, police, courts or "authorities": "Britain said two of its sailors had been
    # arrested" tells of another state's arrest)
    own = speakers[0].actor.code
    abroad = any(a.actor.code != own for a in place_actors(verb, index))
    if abroad and all(a.actor.code in (own, None) for a in roles.target):
        return roles  # "Chinese state media said a Chinese executive had been arrested in Canada"
    subjects = [c for c in speech.children if c.dep_ == "nsubj"]
    keepers = any(s.lemma_.lower() in STATE_VOICES for s in subjects)
    if not keepers and speakers[0].actor.sector not in ("MED", "COP", "JUD"):
        return roles
    return Roles(speakers[:1], roles.target)


def _organ_speaking_of_itself(tok: Token, roles: Roles, index: ActorIndex, offset: int, home: Actor) -> Roles:
    """ "JERUSALEM (Reuters) - The army said it had arrested ...": a state organ named only by
    what it is, telling of its own act ("it", "they"), is the state's the story is filed from."""
    verb = clause_verb(tok)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    speech = _reporting_verb(verb)
    if speech is None or not subjects or subjects[0].lower_ not in ("it", "they", "we"):
        return roles
    organ = unnamed_organ(speech, index)
    if organ is None or any(a.actor.code and a.tokens[0] < organ.i for s in _sentence_spans(tok, index) for a in s):
        return roles  # a state named before it may be its own
    return Roles([group_span(organ, ActorSpan(0, 0, 0, home), offset)], roles.target)


def _reporting_verb(verb: Token) -> Token | None:
    """The speech verb whose reported clause ``verb`` heads ("the army said [troops had ...]")."""
    return verb.head if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_VERBS else None


def _at_own_state(roles: Roles) -> Roles:
    """The act aims at the source's own state (its government), when one state acts."""
    states = {a.actor.code for a in roles.source if a.actor.code and len(a.actor.code) == 3}
    if len(states) != 1:
        return roles
    first = next(a for a in roles.source if a.actor.code in states)
    return Roles(roles.source, [replace(first, actor=replace(first.actor, sector="GOV", name=None))])


def _named_at_home(roles: Roles) -> Roles:
    """People or bodies the knowledge base does not know, repressed by one state's organs, are
    that state's (CAMEO codes both sides of repression by the state); their names are kept."""
    states = {a.actor.code for a in roles.source if a.actor.code and a.actor.sector in STATE_SECTORS | {None}}
    if len(states) != 1 or len(roles.source) != 1:
        return roles
    return Roles(roles.source, [*roles.target, _home_side(roles.source[0])])


def _coup(tok: Token) -> bool:
    """ "seized power", "took power", "staged a coup", "the coup": a coup d'etat."""
    if tok.lemma_.lower() == "coup":
        return True
    objects = {c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "obj")}
    return bool(objects & {"power", "coup"})


def _against_own_state(tok: Token, roles: Roles, index: ActorIndex, offset: int) -> Roles:
    """People named only by what they are ("the rebels", "the opposition", "students") who act
    on one state's own organ ("the government", "the army") are that state's (CAMEO codes both
    sides of a domestic dispute by the state); ``own_side_group`` reads the other direction."""
    organs = [a for a in roles.target if a.actor.code and a.actor.sector in STATE_SECTORS]
    group = unnamed_subject(clause_verb(tok), index)
    if group is None or len({a.actor.code for a in organs}) != 1 or len(organs) != len(roles.target):
        return roles
    return Roles([group_span(group, _home_side(organs[0]), offset)], roles.target)


def _without_destination(tok: Token, roles: Roles) -> Roles:
    """Where people are deported to is no party to the deportation."""
    to = {t.i for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for t in c.subtree}
    kept = [a for a in roles.target if a.root not in to]
    return Roles(roles.source, kept) if kept else roles


def _sufferer(tok: Token, roles: Roles, index: ActorIndex) -> Roles:
    """ "X said Y would pay a heavy price / face punishment / should expect retaliation": the
    speaker threatens, the one who is to suffer is the target."""
    speech = _reporting_verb(clause_verb(tok))
    if speech is None:
        return roles
    speakers = [a for c in speech.children if c.dep_ in ("nsubj", "nsubjpass") for a in actors_at(c, index)]
    return Roles(speakers, others(roles.source, speakers)) if speakers else roles


def _home_organ(tok: Token, roles: Roles, index: ActorIndex, offset: int, act: tuple[str, Actor | None]) -> Roles:
    """ "NAIROBI (Reuters) - Police fired tear gas ...": a state organ named only by what it
    is (police, the army, the government, authorities) acts for the state the story is filed
    from (``act``: the event's type and that state), unless a state is named before it."""
    etype, home = act
    if home is None:
        return roles
    organ = unnamed_organ(clause_verb(tok), index)
    if organ is None:
        return _held_at_home(tok, roles, index, offset, home) if etype == "COERCE" else roles
    if any(a.actor.code and a.tokens[0] < organ.i for spans in _sentence_spans(tok, index) for a in spans):
        return roles  # a state named before it ("Ukrainian officials said the army ...") may be its own
    return Roles([group_span(organ, ActorSpan(0, 0, 0, home), offset)], roles.target)


def _held_at_home(tok: Token, roles: Roles, index: ActorIndex, offset: int, home: Actor) -> Roles:
    """ "HARARE (Reuters) - Several opposition ministers were arrested": an arrest nobody is
    named for, in a story filed from a known city that the sentence names no other state
    against, is that state's (coded by the place, so marked ``inferred``), of its people."""
    verb = clause_verb(tok)
    held = [c for c in verb.children if c.dep_ == "nsubjpass" and not actors_at(c, index)]
    if tok.pos_ != "VERB" or not held or roles.target or any(_sentence_spans(tok, index)):
        return roles
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return roles
    state = Actor(home.text, home.code, "GOV", home.name, inferred="place")
    return Roles([ActorSpan(0, 0, 0, state)], [group_span(counted(held[0]), ActorSpan(0, 0, 0, home), offset)])


def _attacked_at_home(tok: Token, roles: Roles, index: ActorIndex, offset: int, home: Actor) -> Roles:
    """ "ALGIERS - Gunmen killed 12 villagers", "SRINAGAR, India - Militants attacked an army
    camp": an attack by someone nobody names, in a story filed from a known city and naming no
    other state, is coded by that state (marked ``inferred``), and so are unnamed victims."""
    if tok.pos_ != "VERB" or any(a.actor.code != home.code for a in roles.target if a.actor.code):
        return roles
    if any(a.actor.code not in (None, home.code) for spans in _sentence_spans(tok, index) for a in spans):
        return roles
    if any(c.dep_ == "nsubj" and actors_at(c, index) for c in clause_verb(tok).children):
        return roles  # a named subject the rules above could not code is no unnamed attacker
    state = Actor(home.text, home.code, None, home.name, inferred="place")
    groups = unnamed_groups(tok, index) or _organ_things(tok)  # "villagers"; "an army camp", "a police station"
    target = roles.target or [group_span(g, ActorSpan(0, 0, 0, home), offset) for g in groups[:1]]
    if not target and not any(c.dep_ in OBJECTS for c in tok.children):
        return roles
    return Roles([ActorSpan(0, 0, 0, state)], target)


def _organ_things(tok: Token) -> list[Token]:
    """Objects that are, or belong to, a state organ ("four policemen", "an army camp", "a
    bomb ..., killing six soldiers")."""
    holders = [tok, *(c for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VBG")]
    objects = [counted(c) for h in holders for c in h.children if c.dep_ in OBJECTS]
    organs = [o for o in objects if np_sector(o) in STATE_SECTORS]
    return organs + [m for o in objects for m in o.children if m.dep_ == "compound" and np_sector(m) in STATE_SECTORS]


def _no_event(tok: Token, rule: TriggerRule, roles: Roles, index: ActorIndex) -> bool:
    """A trigger that tells no event: no party at all, a deal or pact only named, an act told
    before, people (not forces) moving, a mishap."""
    if (not roles.source and not roles.target) or (rule.needs_target and not roles.target):
        return True
    if tok.pos_ == "NOUN" and rule.type in PARTIES_MAKE and not roles.source:
        return True  # "in the alliance's history": a pact or alliance named without its parties
    if tok.pos_ == "NOUN" and rule.type == "SUPPORT" and not noun_roles(tok, index, False, rule.type).source:
        return True  # "it replaces the 1961 treaty": a treaty named, not signed by the speaker
    if _told_before(tok):
        return True  # "revenge on those behind the attack": the act told before, not a new one
    if rule.lemma in SIGHTING_LEMMAS and _none_of(tok):
        return True  # "detected no Chinese aircraft", "no warships had been detected": nothing seen
    probes = [t for t in (tok, *(c for c in tok.children if c.dep_ in ("dobj", "obj"))) if t.lemma_.lower() == "probe"]
    if any(_a_spacecraft(p) for p in probes):
        return True  # "launched a probe to the moon", "the probe returned to Earth": no inquiry
    if rule.type == "CONSULT" and rule.lemma == "host" and _objects_in(tok, SHOW_NOUNS):
        return True  # "Paris hosted the opening ceremony of the Olympic Games": no meeting of parties
    if rule.lemma == "release" and not rule.objects and _objects_in(tok, DOCUMENT_NOUNS):
        return True  # "released a readout of the call", "released figures": published, not freed
    leaving = rule.type == "RETREAT" and rule.lemma == "leave" and not rule.objects
    if leaving and not _forces_move(tok) and not _leaves_body(tok, roles.target):
        return True  # "Putin left Moscow for Beijing": a traveller, not a withdrawal ("Qatar left OPEC" is one)
    if _an_effect(tok):
        return True  # "U.S. sanctions have cut Iran's oil exports": what a measure did, not a new act
    if tok.lemma_.lower() in ("defeat", "crush") and _a_vote_or_game(tok):
        return True  # "defeated the ruling party in the election", "crushed Brazil 7-1": no battle
    if rule.type in ("ASSAULT", "COERCE") and _a_game(tok):
        return True  # "captured 51 gold medals", "seized the World Cup", "stormed to victory": sport
    if rule.lemma == "want" and tok.tag_ == "VBN":
        return True  # "Bashir, who is wanted by the ICC": sought for trial, no intent stated
    if rule.type == "SUPPORT" and rule.lemma == "back" and _backed_by_things(tok, index):
        return True  # "troops backed by tanks and artillery": armour alongside, no backing by a party
    if rule.type == "THREATEN" and rule.lemma in ("give", "set") and not _acts_to_do(tok):
        return True  # "were given three days of food": time or goods, no ultimatum
    if rule.type == "AGREE" and rule.lemma == "announce" and _told_deal(tok):
        return True  # "Trump said, announcing the deal": a deal others made, told again
    if rule.type == "ASSAULT" and tok.lemma_.lower() in DISMISSING_LEMMAS and _dismissed(tok):
        return True  # "Erdogan fired the central bank governor": a dismissal, no shooting
    moving = rule.lemma in MOVING_LEMMAS and rule.type in ("ASSAULT", "MOBILIZE") and tok.pos_ == "VERB"
    # "poured troops in", "moving missiles to Russia"
    forces = [
        c
        for c in tok.children
        if c.dep_ in ("dobj", "obj") and (np_sector(c) == "MIL" or c.lemma_.lower() in FORCE_THINGS)
    ]
    if moving and not forces and not _forces_move(tok):
        return True  # "refugees poured into Chad": people moving, not forces
    if moving and not rule.objects and _moving_away(tok):
        return True  # "the troops moved out of the city": a withdrawal has rows of its own
    if _nature_acts(tok):
        return True  # "Typhoon Haiyan slammed into the Philippines, killing 100": no one acted
    return rule.type == "ASSAULT" and _in_a_mishap(tok)  # "was killed in a plane crash"


def _leaves_body(verb: Token, found: list[ActorSpan]) -> bool:
    """What is left is itself an international body ("left OPEC"), not a place of one ("left
    the UN headquarters")."""
    bodies = [a for a in found if a.actor.sector == "IGO"]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    return any(a.tokens[0] <= o.i < a.tokens[1] for a in bodies for o in objects)


def _none_of(verb: Token) -> bool:
    """What is seen is quantified by "no" ("detected no Chinese aircraft")."""
    held = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    return any(d.dep_ == "det" and d.lower_ == "no" for c in held for d in c.children)


def _moving_away(verb: Token) -> bool:
    """Moving out, away or back ("moved out of the city", "sailed back to port", "flew home")."""
    return any(c.lower_ in AWAY_WORDS and c.dep_ in ("prt", "prep", "advmod") for c in verb.children)


def _told_deal(verb: Token) -> bool:
    """The deal announced is one the text has named ("the deal", "this agreement")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    return any(d.dep_ == "det" and d.lower_ in ("the", "this", "that") for o in objects for d in o.children)


def _dismissed(verb: Token) -> bool:
    """The object of "fired"/"sacked" is a person or an office holder, not a weapon or a target."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    titled = [o for o in objects if o.ent_type_ == "PERSON" or np_sector(o) in STATE_SECTORS]
    titled += [o for o in objects if o.lemma_.lower() in OFFICE_NOUNS]
    aims = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in AIMED_PREPS for p in pobjects(c)]
    aimed = any(p.ent_type_ not in ("DATE", "TIME") for p in aims)  # "fired on protesters", not "on Saturday"
    return bool(titled) and not aimed


def _event_type(tok: Token, rule: TriggerRule, roles: Roles, inner: list[_Trigger]) -> tuple[str, str | None]:
    """The PLOVER type and mode of a trigger's event, from its row, its roles and the acts inside it."""
    etype, mode = _adjust_type(rule, tok, roles)
    decided = [sub for sub in inner if sub.rule.type == "SANCTION"]
    if etype == "AGREE" and tok.lemma_.lower() in DECIDING_LEMMAS and decided:
        etype, mode = "SANCTION", decided[0].rule.mode  # "the EU agreed to impose sanctions": decided, imposed
    hostile = [sub for sub in inner if sub.rule.type in HOSTILE_TYPES]
    # ("pledged not to attack": a promise of restraint, no threat)
    if _announces_intent(tok) and any(not any(c.dep_ == "neg" for c in sub.token.children) for sub in hostile):
        etype, mode = "THREATEN", None  # "prepared to impose martial law", "vowed to strike"
    kept_open = [sub for sub in inner if ruling_out(sub.token) and _force_kept_open(sub.token)]
    if etype == "REJECT" and ((ruling_out(tok) and _force_kept_open(tok)) or kept_open):
        etype, mode = "THREATEN", "violence"  # "would not rule out military action": a threat (CAMEO 138)
    if etype == "REQUEST" and tok.lemma_.lower() in COMMAND_LEMMAS and _ordered_out(tok):
        etype, mode = "SANCTION", "expel"  # "ordered China to close its consulate in Houston"
    if etype == "THREATEN" and rule.lemma in ("give", "set") and _given_time_to_leave(tok):
        etype, mode = "SANCTION", "expel"  # "gave the ambassador 48 hours to leave": an expulsion
    return etype, mode


def _ordered_out(tok: Token) -> bool:
    """An order to leave or to close a mission is an expulsion by the one who gives it (an
    order to forces to leave a place is a demand: "ordered Georgian forces to leave")."""
    return not _sends_forces(tok) and any(c.dep_ == "xcomp" and c.lemma_.lower() in ORDERED_OUT for c in tok.children)


def _force_kept_open(tok: Token) -> bool:
    """ "did not rule out military action", "refused to rule out using force": force kept open."""
    negated = any(c.dep_ == "neg" for c in tok.children)
    refused = tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("refuse", "decline")
    kept = {t.lemma_.lower() for t in tok.subtree if t.i > tok.i}
    return (negated or refused) and bool(kept & FORCE_WORDS)


def _given_time_to_leave(tok: Token) -> bool:
    """ "gave the ambassador 48 hours to leave the country": the time given a diplomat is to leave."""
    envoys = [t for t in tok.subtree if t.lemma_.lower() in DIPLOMAT_NOUNS and t.i < tok.i + 8]
    return bool(envoys) and any(c.lemma_.lower() in ORDERED_OUT for c in _acts_to_do(tok))


def _given_time_for(trig: _Trigger, triggers: list[_Trigger]) -> bool:
    """The act an ultimatum gives time for ("a week to release the hostages")."""
    verb = clause_verb(trig.token)
    return any(
        t.rule.type == "THREATEN"
        and t.rule.lemma in ("give", "set")
        and any(a.i == verb.i for a in _acts_to_do(t.token))
        for t in triggers
        if t is not trig
    )


def _acts_to_do(tok: Token) -> list[Token]:
    """The infinitive clauses under ``tok``: what the time given is for ("a week to release ...")."""
    return [t for t in tok.subtree if t.dep_ in ("xcomp", "advcl", "relcl", "acl") and infinitive(t)]


def _an_effect(verb: Token) -> bool:
    """A measure as the subject of a verb of harm: its effect told, not an act."""
    if verb.lemma_.lower() not in EFFECT_VERBS:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(s.lemma_.lower() in MEASURE_SUBJECTS for s in subjects)


def _a_vote_or_game(verb: Token) -> bool:
    """A defeat at the polls, in a vote or on the field: an election, a vote, a score or a match."""
    words = {t.lemma_.lower() for t in verb.subtree}
    after = verb.doc[verb.i + 1 : verb.sent.end].text
    return bool(words & VOTE_WORDS) or SCORE.search(after) is not None  # "crushed Brazil 7-1"


def _a_game(verb: Token) -> bool:
    """An act whose object or goal is a prize or a score: sport told in war words."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    objects += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "into") for p in pobjects(c)]
    words = {w.lemma_.lower() for o in objects for w in (o, *o.children) if w.dep_ != "det"}
    return bool(words & GAME_WORDS)


def _backed_by_things(verb: Token, index: ActorIndex) -> bool:
    """ "backed by tanks": what backs is no actor."""
    if verb.tag_ != "VBN":
        return False
    agents = [p for c in verb.children if c.dep_ == "agent" for p in pobjects(c)]
    return bool(agents) and not any(actors_at(p, index) for p in agents)


def _masked(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """The block's text with datelines blanked out (same length, so offsets hold)."""
    block = text[start:end]
    for a, b in spans:
        lo, hi = max(a, start), min(b, end)
        if lo < hi:
            block = block[: lo - start] + " " * (hi - lo) + block[hi - start :]
    return block


def _warns_of_others(trig: _Trigger, triggers: list[_Trigger], index: ActorIndex) -> bool:
    """ "North Korea may supply shells to Russia, the US warned": a warning about another
    party's act reports that act; a threat is about what the speaker's side will do
    ("warned that Moscow would station missiles") or what the target will face."""
    tok = trig.token
    if trig.rule.type != "THREATEN" or tok.lemma_.lower() != "warn":
        return False
    speaker = {a.actor.code for a in clause_subject_actors(tok, index) if a.actor.code}
    for inner in triggers:
        if inner.rule.type == "THREATEN":  # "warned that Seoul would pay a heavy price": the speaker's threat
            continue
        if inner.token.dep_ == "ccomp" and inner.token.head.i == tok.i:
            actors = {a.actor.code for a in clause_subject_actors(inner.token, index) if a.actor.code}
            if speaker and actors and not actors & speaker:
                return True
    return False


def _distinct(events: list[Event]) -> list[Event]:
    """One event per type, parties and date in a sentence: two triggers of one act
    ("agreed to a ceasefire deal") tell it once."""
    seen: set[tuple[object, ...]] = set()
    out: list[Event] = []
    for e in events:
        key = (e.type, *(a.code or a.text for a in e.source), "->", *(a.code or a.text for a in e.target), e.date)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return [e for e in out if not any(_fuller(f, e) for f in out)]


def _fuller(f: Event, e: Event) -> bool:
    """``f`` tells act ``e`` with its target named ("gave Ukraine ... in aid": one AID)."""
    same_source = {a.code or a.text for a in f.source} == {a.code or a.text for a in e.source}
    return (
        f is not e
        and f.type == e.type
        and same_source
        and not e.target
        and bool(f.target)
        and (e.date is None or e.date == f.date)
    )


def _answered(event: Event, tok: Token, prior: list[Event]) -> Event:
    """ "Ankara condemned the move", "Kyiv dismissed the offer": a response to an act named
    just before is aimed at whoever did it."""
    if event.target:
        return event
    if _a_reply(tok):  # "... and South Korea returned fire", "Pakistan responded by downgrading ties"
        own = {a.code or a.text for a in event.source}
        for earlier in reversed(prior):
            authors = tuple(a for a in earlier.source if a.code and a.code not in own)
            if authors and earlier.doc_id == event.doc_id:
                return replace(event, target=authors, id="")
        return event
    attackers = _those_behind(tok)  # "vowed revenge on those behind the attack"
    provokers = event.type == "THREATEN" and _further_provocation(tok)
    answers = _refers_back(tok) or (event.type == "THREATEN" and _vows_response(tok))
    if not attackers and not provokers and (event.type not in RESPONSE_TYPES | {"THREATEN"} or not answers):
        return event
    own = {a.code or a.text for a in event.source}
    kinds = (
        ({"ASSAULT"} if attackers else set())
        | (HOSTILE_TYPES if provokers and not answers else set())
        | _kinds_referred(tok)
    )
    # "condemned the attack": the attack the story is about, told first, not a reply told since
    order = prior if kinds == {"ASSAULT"} else list(reversed(prior))
    for earlier in order:
        if kinds and earlier.type not in kinds:
            continue  # "welcomed the agreement": whoever agreed, not whoever acted last
        authors = tuple(a for a in earlier.source if a.code and a.code not in own)
        if authors and earlier.doc_id == event.doc_id:
            return replace(event, target=authors, id="")
    return event


def _regrets_anothers_act(tok: Token) -> bool:
    """ "expressed regret over the U.S. air strikes": regret at an act (not told to anyone,
    as an apology is: "expressed regret to China over the collision")."""
    if any(c.dep_ in ("prep", "dative") and c.lower_ == "to" for c in tok.children):
        return False
    regrets = [c for c in tok.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() == "regret"]
    over = [c for r in regrets for c in r.children if c.dep_ == "prep" and c.lower_ in ("over", "at", "about")]
    return any(o.lemma_.lower() in ATTACK_NOUNS | REGRETTED_ACTS for c in over for o in pobjects(c))


def _a_reply(tok: Token) -> bool:
    """An act told as a reply, its other party left to the act before: "returned fire", "hit
    back", "retaliated", "responded by downgrading ties", "in response" with nothing named."""
    lemma = tok.lemma_.lower()
    if lemma in RESPOND_VERBS:
        return not any(c.dep_ == "prep" and c.lower_ in ("to", "against", "for") for c in tok.children)
    if lemma in ("return", "hit", "fight", "strike") and any(c.lower_ in ("fire", "back") for c in tok.children):
        return True
    by = tok.head if tok.dep_ == "pcomp" and tok.head.lower_ == "by" else None  # "responded by downgrading"
    if by is not None and (by.head.lemma_.lower() in RESPOND_VERBS or _a_reply(by.head)):
        return True
    replies = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "in" for p in pobjects(c)]
    return any(p.lemma_.lower() in REACTION_NOUNS | {"kind"} and not list(p.children) for p in replies)


def _one_attack_told(events: list[Event], made: list[tuple[int, Token]]) -> list[Event]:
    """An attack named as a noun and what its relative clause says it did are one act ("Islamic
    State claimed the bombing that killed 13 U.S. troops"): its author, and whom it hit."""
    out = list(events)
    dropped: set[int] = set()
    tokens = {c.i: i for i, tok in made for c in tok.children if c.dep_ in ("dobj", "obj")}  # "claimed the bombing"
    tokens.update({tok.i: i for i, tok in made})
    for i, tok in made:
        event = out[i]
        head = tokens.get(tok.head.i)
        placed = all(a.inferred == "place" for a in event.source)  # no author named, only where it was
        if tok.dep_ != "relcl" or head is None or event.type != "ASSAULT" or not placed:
            continue
        named = out[head]
        if named.type == "ASSAULT" and named.source and event.target:
            out[head] = replace(named, target=named.target or event.target, id="")
            dropped.add(i)
    return [e for i, e in enumerate(out) if i not in dropped]


def _answered_after(events: list[Event], made: list[tuple[int, Token]]) -> list[Event]:
    """ "Iran vowed revenge after an Israeli air strike destroyed its consulate": a response
    with no target aims at whoever did the act its "after" clause tells."""
    out = list(events)
    for i, tok in made:
        event = out[i]
        if event.target or event.type not in RESPONSE_TYPES | {"THREATEN", "REQUEST", "SANCTION"}:
            continue
        own = {a.code for a in event.source}
        for j, other in made:
            prompt = out[j]
            authors = tuple(a for a in prompt.source if a.code and a.code not in own)
            if j != i and authors and prompt.type in HOSTILE_TYPES and _after_clause_of(other, tok):
                out[i] = replace(event, target=authors, id="")
                break
    return out


def _after_clause_of(act: Token, response: Token) -> bool:
    """``act`` sits in an "after"/"following" clause or phrase of the response's clause."""
    verb = clause_verb(response)
    for part in verb.children:
        opens = part.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in ("after", "following") for m in part.children
        )
        opens = opens or (part.dep_ == "prep" and part.lower_ in ("after", "following"))
        # "in response to North Korea's missile launch", "in the wake of Hun Sen's coup"
        answers = REACTION_NOUNS | {"wake", "protest"}
        opens = opens or (
            part.dep_ == "prep" and part.lower_ == "in" and any(p.lemma_.lower() in answers for p in pobjects(part))
        )
        if opens and act.i in {t.i for t in part.subtree}:
            return True
    return False


def _subject_of_same(trig: _Trigger, found: list[_Trigger]) -> bool:
    tok = trig.token
    if tok.tag_ == "VBN" and tok.dep_ == "acl" and tok.head.dep_ == "nsubj":
        # "howitzers sent by Germany have arrived in Ukraine": the sending is the arrival told once
        heads = [t for t in found if t.token.i == tok.head.head.i]
        if any(t.rule.type == "ASSAULT" for t in heads):
            return True  # "drones launched by Russia struck Odesa"
        # (goods that arrive "in the country" name no recipient: the sending still tells who gave them)
        delivered = [t for t in heads if t.rule.type == "AID" or (t.rule.type == "CONSULT" and _troops_arrive(t.token))]
        return any(_named_destination(t.token) for t in delivered)
    if tok.pos_ != "NOUN" or tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return any(t.token.i == tok.head.i and t.rule.type == trig.rule.type for t in found)


def _named_destination(verb: Token) -> bool:
    """Where the act goes is named by name ("arrived in Ukraine", not "arrived in the country")."""
    places = [
        p for c in verb.children if c.dep_ in ("prep", "dobj") for p in (pobjects(c) if c.dep_ == "prep" else [c])
    ]
    return any(p.ent_type_ in ("GPE", "LOC") for p in places)


def _nature_acts(tok: Token) -> bool:
    """The subject of the act's clause, or of the clause a participle tail hangs on, is a mishap
    or a force of nature."""
    verbs = [clause_verb(tok)]
    if verbs[0].dep_ == "advcl" and verbs[0].tag_ == "VBG":
        verbs.append(verbs[0].head)
    return any(is_mishap(c) for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass"))


def _in_a_mishap(tok: Token) -> bool:
    """ "killed in a plane crash", "an earthquake killed thousands", "a helicopter crashed,
    killing three officers": harm done by a mishap, not by anyone."""
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(is_mishap(s) for s in subjects):
        return True
    if tok.dep_ == "advcl" and tok.head.lemma_.lower() in MISHAP_VERBS:
        return True
    return any(
        (c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("in", "during")))  # "killed by the crash"
        and any(is_mishap(p) for p in pobjects(c))
        for c in tok.children
    )


def _a_spacecraft(probe: Token) -> bool:
    """A probe sent somewhere or moving ("a probe to the moon", "the probe flew past Pluto")."""
    holders = [probe, *([probe.head] if probe.dep_ in ("dobj", "obj") else [])]  # "launched a probe to the moon"
    if any(c.dep_ == "prep" and c.lower_ in ("to", "toward", "towards") for h in holders for c in h.children):
        return True
    return probe.dep_ == "nsubj" and probe.head.lemma_.lower() in TRAVEL_VERBS


def _objects_in(tok: Token, nouns: set[str]) -> bool:
    return any(c.lemma_.lower() in nouns for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass"))


def _told_before(tok: Token) -> bool:
    """A bare definite event noun ("the attack", "the strikes") points back to an act already told."""
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj":  # "launched the invasion" is the act itself
        return False
    holder = tok.head.head  # "revenge on those behind the attack", "in response to the attack"
    behind = tok.head.lower_ == "behind" or holder.lower_ == "responsible"
    # "vowed to respond to the killing of its commander": what is answered was done before
    answered = holder.lemma_.lower() in RESPOND_VERBS and tok.head.lower_ == "to"
    if not behind and not answered and holder.lemma_.lower() not in REACTION_NOUNS:
        return False  # "claimed responsibility for the attack" tells who did it
    children = [c for c in tok.children if not (answered and c.dep_ == "prep" and c.lower_ == "of")]
    return bool(children) and all(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these") for c in children)


def _those_behind(tok: Token) -> bool:
    """ "revenge on those behind the attack", "punish the perpetrators": whoever attacked last."""
    for t in tok.subtree:
        if t.lemma_.lower() in ("perpetrator", "attacker") and any(d.lower_ == "the" for d in t.children):
            return True
        if t.lower_ in ("behind", "responsible") and t.head.lower_ in ("those", "whoever", "people"):
            return any(c.lemma_.lower() in ANAPHORIC_NOUNS for c in t.subtree)
    return False


def _further_provocation(tok: Token) -> bool:
    """ "warned that any further provocation would be met with retaliation": a threat aimed at
    whoever provoked last."""
    return any(
        t.lemma_.lower() in PROVOCATION_NOUNS and any(d.lower_ in ("any", "further", "new", "more") for d in t.children)
        for t in tok.subtree
    )


def _vows_response(tok: Token) -> bool:
    """ "warned that France would respond immediately": a threat answering what was just done."""
    clauses = [tok, *(c for c in tok.children if c.dep_ in ("ccomp", "xcomp"))]
    return any(c.lemma_.lower() in RESPOND_VERBS for c in clauses)


def _kinds_referred(tok: Token) -> set[str]:
    """The event types the object of a response can point back to ("the agreement": an
    agreement or signing; "the attack": an assault); empty for any act ("the move")."""
    holders = [tok, *(c for c in tok.children if c.dep_ == "xcomp")]
    objects = [c for h in holders for c in h.children if c.dep_ in ("dobj", "obj")]
    return {kind for o in objects for kind in REFERRED_KINDS.get(o.lemma_.lower(), ())}


def _refers_back(tok: Token) -> bool:
    # "condemned the move"; "threatened to block the bids": the object of the act threatened
    holders = [tok, *(c for c in tok.children if c.dep_ == "xcomp")]
    objects = [c for h in holders for c in h.children if c.dep_ in ("dobj", "obj")]
    return any(
        o.lemma_.lower() in ANAPHORIC_NOUNS and any(d.lower_ in ("the", "this", "that", "these") for d in o.children)
        for o in objects
    )


def _complete_target(
    tok: Token,
    etype: str,
    roles: Roles,
    index: ActorIndex,
    offset: int,
    mode: str | None = None,
    fallback: bool = True,
    domestic: bool = False,
) -> Roles:
    """Fill an empty target from the clause around the trigger, most specific cue first."""
    if roles.target:
        return roles
    clauses = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
    # "rallied to protest against Japan's release": the purpose clause says what is opposed
    purposes = [c for c in tok.children if c.dep_ == "advcl" and infinitive(c)]
    candidates: list[list[ActorSpan]] = [
        against_actors(tok, index),
        [a for p in purposes for a in against_actors(p, index)],
    ]
    if tok.pos_ == "ADJ":  # "ready for talks with the United States"
        wanted = [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ in ("pobj", "pcomp")]
        candidates.append([a for g in wanted for a in side_actors(g, index)])
    if etype == "PROTEST":  # "rallied outside the French embassy in Niamey": at whose door
        doors = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("outside", "at") for p in pobjects(c)]
        candidates.append([a for d in doors if d.lemma_.lower() in MISSION_NOUNS for a in actors_at(d, index)])
    if etype in ("REJECT", "CONCEDE"):  # "declined to resign despite pressure from X", "bowed to US pressure"
        candidates.insert(0, _pressers(tok, index))
    if etype in ("SANCTION", "REJECT", "AGREE", "SUPPORT", "CONCEDE"):
        candidates.append(deal_partners(tok, index))
    if etype == "SANCTION":  # "stopped selling gas to Israel", "stopped buying Russian gas": whom the trade was with
        stopped = [c for c in clauses if c.tag_ == "VBG"]
        owners = [a for c in stopped for o in c.children if o.dep_ in OBJECTS for a in actors_at(o, index)]
        candidates.append([a for c in stopped for a in side_actors(c, index)] + owners)
    if etype in ("AID", "MOBILIZE", "AGREE", "SUPPORT", "COOPERATE"):  # "agreed to help Australia build"
        candidates.insert(0, purpose_beneficiaries(tok, index))
    if etype in ("ASSAULT", "COERCE"):
        candidates.append(purpose_objects(tok, index))
    if etype == "THREATEN":  # "warned it would take action against what it called moves by Washington"
        candidates.append([a for c in clauses for a in against_actors(c, index)])
        # "vowed to punish Israel": whom the vowed act is done to
        candidates.append([a for c in clauses for o in c.children if o.dep_ in OBJECTS for a in actors_at(o, index)])
    admits = etype == "CONCEDE" and tok.lemma_.lower() in ("admit", "acknowledge", "concede")
    if admits:  # "acknowledged that Eritrean troops had entered Tigray": the admission is about them
        candidates.append([a for c in clauses for a in clause_subject_actors(c, index)])
    if etype in SPEECH_ACT_TYPES and tok.lemma_.lower() not in DENIAL_LEMMAS:  # a denial is not aimed at its clause
        candidates.append([a for c in clauses for a in clause_subject_actors(c, index)])
        candidates.append([a for c in clauses for a in place_actors(c, index)])
        candidates.append(_condition_subjects(tok, clauses, index))  # a threat's: read first, in _event
    if etype in SPEECH_ACT_TYPES | {"CONCEDE"}:
        # "refused to allow UN planes to land": who is let (or not let) act is the target
        permits = [c for c in clauses if c.lemma_.lower() in PERMIT_VERBS] + (
            [tok] if tok.lemma_.lower() in PERMIT_VERBS else []
        )
        inner = [g for c in permits for g in c.children if g.dep_ in ("ccomp", "xcomp")]
        candidates.append([a for c in inner for a in clause_subject_actors(c, index)])
    if tok.pos_ == "VERB" and tok.dep_ == "conj":  # "telephoned Putin and proposed a summit": to Putin
        candidates.append(_contacted_first(tok, index))
    candidates.append(_relations_of(tok, index))  # "Zambia's creditors agreed to a debt deal": with Zambia
    # "X and Y met in Vienna": a venue, not a party (but "X and Y troops arrived in Z" travel to Z)
    sources = {a.actor.code for a in roles.source}
    # (so is a meeting of a body or of officials nobody names: "ECOWAS defence chiefs will meet in Accra")
    body = bool(roles.source) and all(a.actor.sector == "IGO" for a in roles.source)
    # (two parties of one state meet somewhere, too: "government and ELN negotiators met in Caracas")
    meeting = etype == "CONSULT" and mode != "visit" and (len(sources) != 1 or len(roles.source) > 1 or body)
    # "Ethiopia and Eritrea signed a peace agreement in Algiers": two parties acting together somewhere
    # (so is a place where two parties yield or swap: "Russia and Ukraine swapped prisoners in Istanbul")
    meeting = meeting or (etype in JOINT_TYPES | {"RETREAT", "CONCEDE"} and len(sources - {None}) > 1)
    if etype in PLACE_TYPES and tok.lemma_.lower() not in TOPIC_VERBS and not meeting:  # "discussed the war in Ukraine"
        away = etype in AWAY_TYPES
        candidates.append(_at_home(place_actors(tok, index, away), roles.source, etype))
        if etype != "CONSULT" and not _act_apart(tok):  # "talks between X and Y resumed in Istanbul": a venue
            # "remained on alert in the West Bank"
            verb = clause_verb(tok)
            candidates.append(_at_home(place_actors(verb, index, away), roles.source, etype))
            first = _first_of_joined(verb)
            if first.i != verb.i and roles.source:
                # "stormed the Saudi embassy and set it on fire": the first act's object, or, with
                # none named, its place ("drove into the Nigerian town of Dapchi and released the girls")
                aims = _first_acts_aims(first, etype, index)
                candidates.append(aims or _at_home(place_actors(first, index, away), roles.source, etype))
            if first.dep_ == "advcl" and first.tag_ == "VBG":  # "broke into southern Israel, killing hundreds"
                candidates.append(_at_home(place_actors(first.head, index, away), roles.source, etype))
    for found in candidates:
        found = others(found, roles.source)
        if found:
            return Roles(roles.source, found)
    groups = unnamed_groups(tok, index) if not meeting else []  # "X and Y swapped prisoners in Istanbul"
    if groups:
        # an unnamed group is coded by where the act happens, or, acted on by a state's own
        # civil authorities, as that state's people
        home = place_actors(tok, index) or place_actors(clause_verb(tok), index)
        # (a leader or a state itself, or anyone's words or concessions, are at home too: "the
        # king bowed to protesters' demands", "the army appealed to demonstrators")
        # (not people a clause of its own tells of: "called for calm after floods killed 100 people")
        told = {t.i for c in tok.children if c.dep_ == "advcl" for t in c.subtree}
        direct = etype in YIELDING_TYPES and groups[0].i not in told
        sectors = HOME_SECTORS | ({None, "MIL", "OPP"} if direct else set())
        home = home or [a for a in roles.source if state_code(a.actor.code) and a.actor.sector in sectors]
        if home:
            return Roles(roles.source, [group_span(groups[0], home[0], offset)])
    own = own_side_group(tok, roles.source, index) if fallback else None
    if own is not None:
        return Roles(roles.source, [group_span(*own, offset)])
    if fallback and ((etype in DOMESTIC_TYPES and mode != "confiscate") or domestic):  # a seized tanker's owner: unsaid
        # a protest or crackdown with no foreign party named is aimed at home (PLOVER's convention)
        # (PLOVER's convention): people protest against their government, a government
        # coerces its people
        home = [a for a in roles.source if a.actor.code and a.actor.code not in IGO_LIKE]
        if etype == "PROTEST" and not any(a.actor.sector in PEOPLE_SECTORS for a in home):
            return roles  # a government's protest is a diplomatic one, aimed abroad
        return Roles(roles.source, [_home_side(a) for a in home[:1]])
    signing = etype in JOINT_TYPES and tok.lemma_.lower() in SIGNING_LEMMAS  # "signed a treaty in Paris": a venue
    if fallback and etype not in ("CONSULT", "COOPERATE") and not meeting and not signing:
        # "demanded an end to the fighting in Darfur": the one state the act's content is set in
        places = others(content_places(tok, index), roles.source)
        if len({a.actor.code for a in places}) == 1:
            return Roles(roles.source, places[:1])
    return roles


def _first_of_joined(verb: Token) -> Token:
    """The first of the verbs a clause is joined to ("shelled and captured", "delivered drones
    ... and is preparing to ship missiles"); the verb itself when it stands alone."""
    first = verb.head if verb.dep_ == "xcomp" and verb.head.dep_ == "conj" else verb
    while first.dep_ == "conj" and first.head.pos_ == "VERB":
        first = first.head
    return first


def _first_acts_aims(first: Token, etype: str, index: ActorIndex) -> list[ActorSpan]:
    """Whom the first of two joined acts names as its object, or, for a transfer, its
    recipient ("delivered drones to Russia and is preparing to ship missiles")."""
    holders = [first, *(c for c in first.children if c.dep_ in OBJECTS)]
    aims = [a for h in holders[1:] for a in actors_at(h, index) if a.actor.code]
    if etype in ("AID", "MOBILIZE"):
        to = [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "to" for p in pobjects(c)]
        aims += [a for p in to for a in actors_at(p, index) if a.actor.code]
    return aims


def _relations_of(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """Whose creditors, backers or allies act ("Greece's lenders demanded cuts"): the other side."""
    subjects = [c for c in clause_verb(tok).children if c.dep_ == "nsubj" and c.lemma_.lower() in RELATION_NOUNS]
    owners = [p for s in subjects for p in s.children if p.dep_ == "poss"]
    return [a for p in owners for a in actors_at(p, index) if a.actor.code]


def _contacted_first(verb: Token, index: ActorIndex) -> list[ActorSpan]:
    """Whom the first of two joined verbs met or called ("met Putin and pledged support",
    "called his Chinese counterpart and urged restraint"): the one the second act is aimed at."""
    first = _first_of_joined(verb)
    if first.i == verb.i or first.lemma_.lower() not in CONTACT_VERBS:
        return []
    holders = [c for c in first.children if c.dep_ in OBJECTS]
    holders += [p for c in first.children if c.dep_ == "prep" and c.lower_ == "with" for p in pobjects(c)]
    return [a for h in holders for a in actors_at(h, index) if a.actor.code]


def _scheduled(tok: Token) -> bool:
    """ "the ban takes effect on Feb. 5", "the ceasefire begins on Jan. 3": a schedule told in
    the present tense lies ahead (a reported clause, "says it attacked", is no schedule)."""
    verb = clause_verb(tok)
    if verb.lemma_.lower() not in SCHEDULE_LEMMAS or verb.dep_ == "ccomp":
        return False
    return verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in verb.children)


def _dated_itself(statement: Token, act: Token) -> bool:
    """A statement with a date of its own ("said on Tuesday that ..."; a date between "said"
    and the reported clause's subject is the saying's, however the parser hung it)."""
    own = [c for c in statement.children if c.dep_ not in ("ccomp", "xcomp", "advcl", "conj")]
    if any(t.ent_type_ in ("DATE", "TIME") for c in own for t in c.subtree):
        return True
    verb = clause_verb(act)
    subjects = [c.left_edge.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    start = min(subjects, default=verb.i)
    return any(t.ent_type_ in ("DATE", "TIME") for t in statement.doc[statement.i + 1 : start])


def _may_yet(tok: Token) -> bool:
    """ "may strike Iran in May", "could attack on Friday": a possible act lies ahead ("may have
    struck" does not)."""
    verb = clause_verb(tok)
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return bool(aux & {"may", "might", "could"}) and "have" not in aux


def _story_home(places: list[Mention]) -> Actor | None:
    """The one state a story has placed itself in so far (``places``: the names told that set the
    scene), if there is exactly one: where an unnamed "the police" or "the government" acts."""
    if len({m.code for m in places}) != 1:
        return None
    return Actor(places[0].text, places[0].code, None, places[0].name)


def _sets_the_scene(m: Mention, text: str) -> bool:
    """A name that tells where the story happens: a city or place, or a state after "in" (not
    where someone travelled or met: "flew to Cairo for talks", "met Pence in Bogota")."""
    clause = SENTENCE_END.split(text[max(0, m.start - 120) : m.start])[-1]
    if TRAVEL_BEFORE.search(clause):
        return False
    if m.kind in ("capital", "place"):
        return True
    return m.kind == "state" and LOCATIVE_BEFORE.search(clause[-30:]) is not None


def _officials_at_home(parsed: Any, index: ActorIndex, home: Actor | None) -> None:
    """An official the knowledge base does not know, named with a state title and no state
    ("President Ali Bongo Ondimba", "spokesman Hong Lei"), is of the state of a fronted "In
    Beijing, ..." or else of the city the story is filed from; a "former" or "ousted" one is
    marked ``inferred``: he no longer acts for it."""
    for sent in parsed.sents:
        here = _fronted_capital(sent, index) or home
        if here is None:
            continue
        for tok in sent:
            for i, span in enumerate(index.get(tok.i, [])):
                if span.actor.code is None and _bare_legislature(span):  # "The Senate voted ...": here's
                    index[tok.i][i] = replace(span, actor=replace(span.actor, code=here.code, sector="LEG", name=None))
                elif span.actor.code is None and _titled(parsed, span):
                    actor = replace(span.actor, code=here.code, sector=span.actor.sector or "GOV", name=None)
                    if _titled_former(parsed, span):  # "former Vice President Jorge Glas"
                        actor = replace(actor, sector=None, inferred="former")
                    index[tok.i][i] = replace(span, actor=actor)


def _bare_legislature(span: ActorSpan) -> bool:
    """A legislature named with no state ("the Senate", "Parliament", "the House of Commons")."""
    text = span.actor.text.lower()
    return (text[4:] if text.startswith("the ") else text) in LEGISLATURE_NAMES


def _fronted_capital(sent: Any, index: ActorIndex) -> Actor | None:
    """ "In Beijing, a foreign ministry spokesman said ...": the capital a sentence opens in."""
    words = [t for t in sent if not t.is_space][:4]
    if len(words) < 3 or words[0].lower_ != "in":
        return None
    comma = next((t for t in words[1:] if t.text == ","), None)
    if comma is None:
        return None
    named = [a for t in words[1 : comma.i - words[0].i] for a in index.get(t.i, []) if a.actor.code]
    return named[0].actor if len(named) == 1 and named[0].actor.sector == "GOV" else None


def _titled(parsed: Any, span: ActorSpan) -> bool:
    """A state title just before a name ("Foreign Minister X", "spokesman X")."""
    before = _words_before(parsed, span, 3)
    return any(t.lemma_.lower() in STATE_TITLES for t in before) and not any(t.text in ",;" for t in before[-1:])


def _titled_former(parsed: Any, span: ActorSpan) -> bool:
    """ "former President X", "ousted Prime Minister Y": no official now."""
    return any(t.lower_ in FORMER_WORDS for t in _words_before(parsed, span, 4))


def _words_before(parsed: Any, span: ActorSpan, count: int) -> list[Token]:
    first = span.tokens[0]
    return [parsed[i] for i in range(max(0, first - count), first)]


def _sentence_spans(tok: Token, index: ActorIndex) -> list[list[ActorSpan]]:
    return [index[t.i] for t in tok.sent if t.i in index]


def _placed_perpetrator(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """An attack nobody is named for ("a roadside bomb near Samarra killed a US soldier"),
    coded, as CAMEO and PLOVER coders code it, by the one state where it happened; the actor
    is marked ``inferred`` so the alliance graph does not read it as that state's act."""
    verb = clause_verb(tok)
    holders = [tok, verb, *(c for h in (tok, verb) for c in h.children if c.dep_ in ("nsubj", "nsubjpass"))]
    holders += [p for h in (tok, verb) for c in h.children if c.dep_ == "agent" for p in pobjects(c)]
    # (the verb itself names no weapon: "suicide bombers struck a market" is no strike from afar)
    means = [c for h in holders for c in (h, *h.children) if c.dep_ in ("nsubj", "compound", "pobj", "amod")]
    means += [tok] if tok.pos_ == "NOUN" else []
    if any(m.lemma_.lower() in STANDOFF_WEAPONS for m in means):
        return []  # "a drone hit a US base in Jordan": fired from afar, the place says nothing of who
    if any(m.lemma_.lower() in FIGHTING_NOUNS for m in means):
        return []  # "the fighting killed 1,000 people in Lebanon": two sides, no one perpetrator
    # "an explosive device outside (of) the Iraqi city of Basra": outside a place is still in its state
    outside = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "outside"]
    outside += [g for c in outside for g in c.children if g.dep_ == "prep" and g.lower_ == "of"]
    near = [p for c in outside for p in pobjects(c)]
    places = [a for h in holders for a in place_actors(h, index)] + [a for p in near for a in actors_at(p, index)]
    places = places or _deep_places(holders, index)  # "at a railway station in Mumbai", "at Madrid's airport"
    places = [a for a in places if a.actor.code and len(a.actor.code) == 3 and a.actor.sector not in PEOPLE_SECTORS]
    places = _off_border(tok, places)
    if len({a.actor.code for a in places}) != 1:
        return []
    actor = places[0].actor
    return [replace(places[0], actor=Actor(actor.text, actor.code, None, actor.name, inferred="place"))]


def _deep_places(holders: list[Token], index: ActorIndex) -> list[ActorSpan]:
    """Places named anywhere inside an act's "in/at/on ..." phrases ("on commuters at a railway
    station in Mumbai", "in the departure hall of Brussels airport")."""
    preps = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in WHERE_WORDS | {"at", "on"}]
    # (not a frontier: "near the border between Iraq and Syria" places it in neither)
    phrases = [p for c in preps for p in pobjects(c) if p.lemma_.lower() not in BORDER_NOUNS]
    words = [t for p in phrases for t in p.subtree if t.ent_type_ in ("GPE", "LOC", "FAC")]
    return [a for t in words for a in index.get(t.i, []) if a.actor.code]


def _off_border(tok: Token, places: list[ActorSpan]) -> list[ActorSpan]:
    """Places that locate an act in their state: not "near the Iraqi border" or "the border
    with Iraq", which lie on the other side as often as not, nor a mission's owner ("into the
    British embassy in Tehran")."""
    owners = [a for a in places if tok.doc[a.root].head.lemma_.lower() in MISSION_NOUNS]
    return [a for a in places if not _at_border(tok.doc[a.root]) and a not in owners]


def _at_border(word: Token) -> bool:
    near = [word, word.head] + ([word.head.head] if word.head.pos_ == "ADP" else [])
    return any(w.lemma_.lower() in BORDER_NOUNS for w in near)


def _protesters_placed(tok: Token, roles: Roles, index: ActorIndex, offset: int) -> Roles:
    """ "Thousands of protesters marched in Tel Aviv": people who protest in a state are
    coded by it, like an unnamed group acted on there."""
    group = unnamed_subject(clause_verb(tok), index)
    places = _off_border(tok, place_actors(tok, index) or place_actors(clause_verb(tok), index))
    if group is None or not places:
        return roles
    return Roles([group_span(group, places[0], offset)], roles.target)


def _refusal(tok: Token, event: Event) -> bool:
    """ "Russia will not withdraw", "said it would not meet their demands": a cooperative act
    its actor declares it will not do."""
    if event.modality != "denied" or event.type not in COOPERATIVE_TYPES or not event.source:
        return False
    verb = clause_verb(tok)
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "neg")}
    words |= {"not"} if any(no_longer(c) for c in verb.children) else set()  # "would no longer accept"
    if bool(words & {"not", "n't", "never"}) and bool(words & {"will", "would", "wo", "shall"}):
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in VOW_VERBS and words & {"not", "never"}:
        return True  # "vowed never to give up Western Sahara"
    # "China neither accepts nor recognises the award", "does not recognise": a standing refusal
    if event.type not in ("AGREE", "SUPPORT"):
        return False
    present = verb.tag_ in ("VBZ", "VBP") or bool(words & {"does", "do", "can", "could", "ca"})  # "cannot accept"
    present = present or ("did" in words and verb.lemma_.lower() == "accept")  # "did not accept the proposal"
    return _neither(verb) or (present and bool(words & {"not", "n't"}))


def _neither(verb: Token) -> bool:
    """ "neither accepts nor recognises": both verbs are refused."""
    first = verb.head if verb.dep_ == "conj" else verb
    return any(c.dep_ == "preconj" and c.lower_ == "neither" for c in first.children)


def _warned_of(tok: Token) -> bool:
    """An act told in a warning ("warned that North Korea would be destroyed")."""
    verb = clause_verb(tok)
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in WARNING_VERBS


def _statement(tok: Token) -> Token:
    """The verb that states an act: its reporting verb when one reports it, else its own."""
    verb = clause_verb(tok)
    return verb.head if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_VERBS else verb


def _own_word(tok: Token, roles: Roles, index: ActorIndex) -> bool:
    """ "Uganda said it would pay compensation", "the rebels said they will release him": the
    actor announces its own future act, so the statement is a promise."""
    verb = _reported_clause(tok)
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in SPEECH_VERBS:
        return False
    speakers = {a.actor.code for a in clause_subject_actors(verb.head, index) if a.actor.code}
    return bool(speakers) and speakers <= {a.actor.code for a in roles.source}


def _reported_clause(tok: Token) -> Token:
    """The clause verb of ``tok``, or, for a verb joined to it ("would accept the ruling and
    withdraw"), the first verb, which hangs on the saying."""
    verb = clause_verb(tok)
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in UNHESITATING:
        verb = verb.head  # "said it would not hesitate to use force": the saying governs "hesitate"
    return verb


def _act_apart(tok: Token) -> bool:
    """A noun act named as a reason or a time ("in retaliation for Tehran's attack", "after
    the strikes") happened elsewhere than the clause it sits in."""
    current = tok
    for _ in range(4):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return False
        if current.dep_ == "pobj" and current.head.lower_ in SEPARATE_ACT_PREPS | {"for"}:
            return True
        current = current.head
    return False


def _answered_act(tok: Token) -> bool:
    """An act named as what is answered ("in retaliation for the invasion", "in response to
    the strikes", "in protest at the killing"): someone else's, not the clause subject's."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("for", "to", "at", "against", "over"):
        return False
    return tok.head.head.lemma_.lower() in REACTION_NOUNS | {"protest"}


def _at_home(places: list[ActorSpan], source: list[ActorSpan], etype: str) -> list[ActorSpan]:
    """A forceful act in a place of the actor's own state is aimed at its people there
    ("Azerbaijan launched an offensive in Nagorno-Karabakh": AZE -> AZE CVL)."""
    if etype not in FORCEFUL_TYPES:
        return places
    own = {a.actor.code for a in source if a.actor.sector not in PEOPLE_SECTORS}
    return [replace(p, actor=replace(p.actor, sector="CVL")) if p.actor.code in own else p for p in places]


def _home_side(source: ActorSpan) -> ActorSpan:
    sector = "GOV" if source.actor.sector in PEOPLE_SECTORS else "CVL"
    return replace(source, actor=replace(source.actor, sector=sector, name=None))


def _pressers(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """Who pressed for what an actor refused or gave way to: "despite pressure by the
    commission", "under pressure from Washington", "bowed to US demands"."""
    holders = [tok, *(c for c in tok.children if c.dep_ == "xcomp")]  # "declined to resign despite ..."
    preps = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in PRESSING_PREPS]
    pressures = [p for c in preps for p in pobjects(c) if p.lemma_.lower() in PRESSURE_NOUNS]
    # "defied warnings from Britain", "ignored calls by the UN": the pressure is the object
    defied = [c for h in holders for c in h.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in DEFIED_NOUNS]
    pressures += defied
    agents = [c for p in pressures for c in p.children if c.dep_ == "prep" and c.lower_ in ("by", "from")]
    if defied:  # "defying warnings from Britain", the "from" hung on the verb
        agents += [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("by", "from")]
    by = [o for c in agents for o in pobjects(c)]
    return [a for p in [*pressures, *by] for a in actors_at(p, index) if a.actor.code]


def _condition_subjects(tok: Token, clauses: list[Token], index: ActorIndex) -> list[ActorSpan]:
    found: list[ActorSpan] = []
    for holder in (tok, *clauses):
        for child in holder.children:
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in child.children):
                found.extend(clause_subject_actors(child, index))
    return found


def _announces_act(adjective: Token) -> bool:
    """ "ready to talk", "committed to opening up the economy", "ready for talks"."""
    return any(
        c.dep_ == "xcomp"
        or (c.dep_ == "prep" and c.lower_ in ("to", "for") and any(g.dep_ in ("pcomp", "pobj") for g in c.children))
        for c in adjective.children
    )


def _announces_intent(tok: Token) -> bool:
    return tok.pos_ == "ADJ" or tok.lemma_.lower() in INTENT_VERBS


def _intent_head(tok: Token) -> Token | None:
    current, steps = tok, 0
    while current.dep_ in ("xcomp", "acomp", "prep", "pcomp") and steps < 3:
        current, steps = current.head, steps + 1
        if current.pos_ == "ADJ" and current.lemma_.lower() in INTENT_ADJECTIVES:
            return current
    return None


def _prepared(tok: Token) -> bool:
    """ "forces are preparing to launch an offensive", "prepared to resume shelling",
    "to prepare for a ground offensive"."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() == "prepare":
        return True
    current, steps = tok, 0
    while current.dep_ in ("xcomp", "dobj", "pcomp") and steps < 3:
        current, steps = current.head, steps + 1
        if current.pos_ == "VERB" and current.lemma_.lower() == "prepare":
            return True
    return False


def _conditional(tok: Token, marks: tuple[str, ...] = ("unless", "if")) -> bool:
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children) for c in tok.children
    )


def _reframe(tok: Token, etype: str, modality: str) -> tuple[str, str]:
    """Stated intent is AGREE (to help) or THREATEN (to harm); a conditional future act is a
    threat; preparing an attack is a mobilisation that is happening."""
    if etype in ("THREATEN", "REQUEST", "AGREE", "REJECT"):
        return etype, modality
    if etype == "ASSAULT" and _prepared(tok):
        return "MOBILIZE", "asserted"
    if _intent_head(tok) is not None:
        return ("THREATEN" if etype in HOSTILE_TYPES else "AGREE"), "asserted"
    if modality == "planned" and _conditional(tok):
        # "will withdraw its force unless ...": a threat; "would lift sanctions if Tehran curbed ...": an
        # offer; "a deal under which troops will leave if ...": the deal's term, still a planned act
        offer = etype not in HOSTILE_TYPES and not _conditional(tok, ("unless",))
        if offer and tok.dep_ == "relcl":
            return etype, modality
        return ("AGREE" if offer else "THREATEN"), "asserted"
    verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "obj") else tok  # "would tighten the blockade"
    would = any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children)
    # ("would not attack": no threat; "announced it would prohibit all aid": a sanction decided, to come)
    if would and modality != "denied" and etype in HOSTILE_TYPES - {"MOBILIZE", "SANCTION"}:
        return "THREATEN", "asserted"
    return etype, modality


def _threatened_object(noun: Token, threat: Token) -> bool:
    """The object of the act a threat announces ("threatened to impose a curfew")."""
    verb = noun.head
    return noun.dep_ in ("dobj", "obj") and verb.dep_ == "xcomp" and verb.head.i == threat.i


def _described_as_accused(tok: Token) -> bool:
    """A person or group described as accused or blamed ("the leader blamed for the deaths of",
    "who was twice accused of corruption"), with no accuser named."""
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    reduced = tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBD")  # the tagger's past tense, too
    described = reduced or (tok.dep_ == "relcl" and passive)
    return described and not any(c.dep_ == "agent" for c in tok.children)


def _stopped(tok: Token) -> bool:
    """An act told as what was stopped ("stopped supplying gas", "ceased providing aid")."""
    gerund = tok.head if tok.dep_ in ("dobj", "obj") and tok.pos_ == "NOUN" else tok
    return gerund.dep_ == "xcomp" and gerund.tag_ == "VBG" and gerund.head.lemma_.lower() in STOPPING_VERBS


def _made_to_act(tok: Token) -> bool:
    """ "forced President Chavez to resign": a party named and made to do something; "forced
    their way into the embassy": a place broken into."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    into = any(c.dep_ == "prep" and c.lower_ == "into" for o in [tok, *objects] for c in o.children)
    way = any(o.lemma_.lower() == "way" for o in objects) and into
    # (by someone: "the floods forced thousands to flee", "pressure forced him out" are no coercion)
    doers = [c for c in tok.children if c.dep_ == "nsubj" and (np_sector(c) or c.ent_type_ in DOER_ENTS)]
    return way or (bool(objects) and bool(doers) and any(c.dep_ == "xcomp" for c in tok.children))


def _committed_wrong(tok: Token) -> bool:
    """ "committed war crimes", "atrocities committed by the army": a wrong done, no commitment."""
    if tok.lemma_.lower() != "commit":
        return False
    done = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    done += [tok.head] if tok.dep_ in ("acl", "relcl") else []
    return any(d.lemma_.lower() in WRONGS for d in done)


def _names_something(tok: Token, rule: TriggerRule) -> bool:
    """ "The documents call China the greatest challenge": calling X a Y names, it is no call
    (unless the name is a reproach the rule asks for: "called the sanctions illegal")."""
    named = [c for c in tok.children if c.dep_ in ("oprd", "attr")]
    words = [w for c in named for w in (c, *(m for m in c.children if m.dep_ in ("amod", "compound", "conj")))]
    return tok.lemma_.lower() == "call" and bool(named) and not any(w.lemma_.lower() in rule.objects for w in words)


def _reports_fronted_clause(tok: Token) -> bool:
    """ "Moscow could deploy ..., a spokesman suggested": a weak verb after the clause it
    governs only reports it (strong speech acts such as "warned" stay events)."""
    if tok.lemma_.lower() not in REPORTING_ONLY:
        return False
    return any(c.dep_ == "ccomp" and c.i < tok.i for c in tok.children)


def _hypothetical(tok: Token) -> bool:
    """An act in an "if" or "unless" clause has not happened ("will withdraw unless X arranges
    a ceasefire"); so is "any attack" ("would respond to any attack on its citizens")."""
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("any", "every") for c in tok.children):
        return True
    if tok.dep_ == "acl" and infinitive(tok) and tok.head.lemma_.lower() in LICENCE_NOUNS:
        return True  # "defended the right of Russian troops to fire on militants": a right, not an act
    current = tok
    for _ in range(6):
        if current.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in current.children):
            return current.lemma_.lower() not in ONGOING  # "if it keeps threatening": it does threaten
        if current.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "until" for m in current.children):
            # "would not talk until its troops left": a condition still to be met
            # ("froze contacts until Russian forces withdraw": told in the present, still to come)
            main = current.head
            pending = current.tag_ in ("VBP", "VBZ", "VB")
            return pending or any(
                c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in ("will", "would")) for c in main.children
            )
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _protest_demand(trig: _Trigger, triggers: list[_Trigger]) -> bool:
    """ "staged demonstrations to demand reforms", "a rally calling for his removal": what a
    protest demands is part of the protest, not a request of its own."""
    tok = trig.token
    if trig.rule.type != "REQUEST" or tok.dep_ not in ("advcl", "acl", "xcomp"):
        return False
    head = tok.head
    protests = {t.token.i for t in triggers if t.rule.type == "PROTEST"}
    objects = [c.i for c in head.children if c.dep_ in ("dobj", "obj")]
    return head.i in protests or any(i in protests for i in objects)


def _fights_no_foe(tok: Token) -> bool:
    """ "help Iran fight the coronavirus", "fight corruption": a struggle, not combat."""
    if tok.lemma_.lower() not in ("fight", "combat", "battle"):
        return False
    direct, _other = _object_lemmas(tok)
    return bool(direct & NO_FOES)


def _no_event_noun(tok: Token) -> bool:
    """A trigger noun that names no act here: a force's name, an act called off, a notice, a
    title, a breached deal, a kind of thing ("patrol vessels"), a venue ("on the sidelines of"),
    a reason cited, what a charge is of."""
    return (
        _names_a_force(tok)
        or _called_off(tok)
        or _notice(tok)
        or _in_a_title(tok)
        or _breached(tok)
        or _describes_a_thing(tok)
        or _a_venue(tok)
        or _cited(tok)
        or _charged(tok)
    )


def _charged(tok: Token) -> bool:
    """An act named as what a charge or case is about ("genocide charges", "a war crimes case"):
    the charge is the event, the act only alleged."""
    return tok.dep_ == "compound" and tok.head.lemma_.lower() in CHARGE_NOUNS


def _cited(tok: Token) -> bool:
    """A measure or act cited as a reason ("cancelled the delivery, citing U.N. sanctions"),
    not a new one."""
    return tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() == "cite"


def _describes_a_thing(tok: Token) -> bool:
    """ "two patrol vessels", "riot police", "a news conference", "an election rally": a noun
    that says what kind of thing or gathering something is, not an act."""
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in KIND_HEADS:
        return True
    if any(c.dep_ == "compound" and c.lemma_.lower() in AILMENTS for c in tok.children):
        return True  # "died of a heart attack"
    if (
        tok.lemma_.lower() == "rally"
        and tok.dep_ in ("dobj", "pobj")
        and tok.head.lemma_.lower() in ("address", "tell", "to")
    ):
        return True  # "Erdogan told a rally in Istanbul": an audience, no protest
    if tok.lemma_.lower() in ("rally", "meeting") and any(c.lower_ in ("election", "campaign") for c in tok.children):
        return True
    return tok.lemma_.lower() in ("conference", "briefing") and any(c.lower_ in ("news", "press") for c in tok.children)


def _a_venue(tok: Token) -> bool:
    """ "met on the sidelines of the ASEAN summit": the summit is where, not what, they did."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in VENUE_NOUNS


def _breached(tok: Token) -> bool:
    """ "in breach of the 2015 deal", "under the terms of the ceasefire": a deal only named; a
    truce broken or only sought ("shattering the truce", "conditions for a truce") holds no more,
    or not yet."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in BREACH_NOUNS:
        return True
    if tok.lemma_.lower() not in TRUCE_NOUNS:
        return False
    if tok.dep_ == "compound":
        return True  # "the truce village of Panmunjom", "the ceasefire line": a thing named by it
    broken = tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in TRUCE_BREAKERS
    ended = tok.dep_ == "nsubj" and tok.head.lemma_.lower() in ("collapse", "fail", "end", "expire", "falter")
    return broken or ended or (tok.dep_ == "pobj" and tok.head.lower_ == "for")


def _in_a_title(tok: Token) -> bool:
    """ "the treaty of friendship and mutual assistance": words of an instrument's name."""
    current = tok
    for _ in range(4):
        if current.dep_ == "pobj" and current.head.lower_ == "of":
            return current.head.head.lemma_.lower() in INSTRUMENTS
        if current.dep_ not in ("conj", "compound", "amod") or current.head.i == current.i:
            return False
        current = current.head
    return False


def _notice(tok: Token) -> bool:
    """ "had no advance warning of the operation", "received a warning": a notice had, not a
    threat made."""
    return tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in ("have", "receive", "get")


def _release_of_things(tok: Token, rule: TriggerRule) -> bool:
    """ "a press release", "the release of treated water": only the weak row without objects
    matched (the people a release frees are its constrained row's objects), yet the noun names
    what was released; a bare "the release" told before still counts."""
    if tok.lemma_.lower() != "release":
        return False
    if tok.pos_ != "NOUN":  # "released a statement", "released a video of the soldier": things, no one freed
        return any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in RELEASED_THINGS for c in tok.children)
    if rule.objects:
        return False
    return any(c.dep_ == "compound" or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children)


def _protesters_gather(tok: Token) -> TriggerRule | None:
    """ "Hundreds of protesters gathered outside the embassy": protesters assembling protest."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in ASSEMBLY_VERBS:
        return None
    groups = [counted(c) for c in tok.children if c.dep_ == "nsubj"]
    if not any(g.lemma_.lower() in PROTESTER_NOUNS for g in groups):
        return None
    return TriggerRule(tok.lemma_.lower(), "VERB", "", frozenset(), "PROTEST", "demo", None, 4, False)


def _bases(word: str) -> list[str]:
    if word in IRREGULAR_PAST:
        return [IRREGULAR_PAST[word]]
    if not word.endswith("ed"):
        return []
    stem = word[:-2]  # "readmitted": readmitt, readmitte, readmit; "readied": readi -> ready
    return [stem, word[:-1], stem[:-1], *([stem[:-1] + "y"] if stem.endswith("i") else [])]


def _habitual(tok: Token) -> bool:
    """A relative clause in the simple present describes, it reports no act ("a treaty that
    allows both countries to use the strait")."""
    return tok.dep_ == "relcl" and tok.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in tok.children)


def _judged_a_threat(tok: Token) -> bool:
    if tok.lemma_.lower() not in ("threat", "danger", "menace") or tok.pos_ != "NOUN":
        return False
    head = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "as" else tok.head
    return head.lemma_.lower() in JUDGING_VERBS


def _meets_a_measure(tok: Token) -> bool:
    objects = [c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "obj")]
    return tok.lemma_.lower() == "meet" and any(o in MEASURE_NOUNS for o in objects)


def _blames(verb: Token) -> bool:
    """ "Y was behind the attacks", "Y was responsible for the attack", "Y had violated our
    sovereignty", "the vote was rigged": a reported wrong."""
    if verb.lemma_.lower() in WRONGDOING_VERBS:
        return True
    if verb.lemma_.lower() in ("bear", "carry"):  # "the PKK bore responsibility for the bombing"
        return any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() == "responsibility" for c in verb.children)
    if verb.lemma_.lower() != "be":
        return False
    behind = any(c.dep_ == "prep" and c.lower_ == "behind" for c in verb.children)
    to_blame = any(c.dep_ == "xcomp" and c.lemma_.lower() == "blame" for c in verb.children)  # "was to blame"
    return behind or to_blame or any(c.dep_ == "acomp" and c.lemma_.lower() == "responsible" for c in verb.children)


def _blamed_in_sentence(tok: Token, index: ActorIndex) -> list[ActorSpan]:
    """Whom the sentence blames for an attack nobody is named for: "..., blaming Israel for
    the attack", "and Turkish officials blamed the YPG", "an attack blamed on militias"."""
    for word in tok.sent:
        if word.lemma_.lower() != "blame" or word.i == tok.i:
            continue
        if word.dep_ == "acl" and word.head.i == tok.i:  # "an attack blamed on Iran-backed militias"
            return [a for a in blamed_on(tok, index) if a.actor.code]
        fors = [p for c in word.children if c.dep_ == "prep" and c.lower_ == "for" for p in pobjects(c)]
        if fors and not any(p.lemma_.lower() in ATTACK_NOUNS for p in fors):
            continue  # "blamed Israel for the stalled talks": another matter
        objects = [c for c in word.children if c.dep_ in ("dobj", "obj")]
        return [a for o in objects for a in actors_at(o, index) if a.actor.code]
    return []


def _blamed_for(tok: Token) -> Token | None:
    """The one said to be behind or responsible for an act ("Iran was behind the attacks")."""
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in ("behind", "for"):
        return None
    holder = prep.head.lemma_.lower() in ("responsible", "responsibility", "blame")  # "bore responsibility for"
    verb = prep.head.head if holder else prep.head
    if prep.lower_ == "for" and verb is prep.head:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] if _blames(verb) else []
    return subjects[0] if subjects else None


def _accused_of(tok: Token) -> Token | None:
    """ "accused Bolivia of a campaign of cyber attacks", "blamed militants for an attack": the
    act alleged, as a noun, is the accused's; the accusing verb's object is returned."""
    current = tok
    for _ in range(4):
        if current.dep_ != "pobj" or current.head.lower_ not in CHARGING_PREPS:
            return None
        verbs = CHARGING_PREPS[current.head.lower_]
        current = current.head.head
        if current.dep_ in ("dobj", "obj") and current.head.lemma_.lower() in verbs:
            return current  # "accused Bolivia of ...", the preposition hung on the accused
        if current.pos_ == "VERB":
            objects = [c for c in current.children if c.dep_ in ("dobj", "obj")]
            return objects[0] if current.lemma_.lower() in verbs and objects else None
    return None


def _suspect_in(tok: Token) -> Token | None:
    """ "named bin Laden as the prime suspect in the attacks", "identified X as the group behind
    the bombing": the party named as the culprit of an act, as a noun, is its author."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "of", "for", "behind"):
        return None
    noun = tok.head.head
    if noun.pos_ != "NOUN" or (tok.head.lower_ != "behind" and noun.lemma_.lower() not in SUSPECT_NOUNS):
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ == "as":  # "named X as the suspect"
        objects = [c for c in noun.head.head.children if c.dep_ in ("dobj", "obj")]
        return objects[0] if objects else None
    if noun.dep_ == "attr":  # "X is the main suspect in the killing"
        subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
        return subjects[0] if subjects else None
    return noun.head if noun.dep_ == "appos" else None  # "Lashkar, the group behind the attacks"


def _lacking(tok: Token) -> bool:
    """An act named as lacking or failed ("a lack of cooperation", "the failure of Britain and
    France to agree", "in the absence of a deal")."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        return tok.head.head.lemma_.lower() in LACK_NOUNS
    return tok.dep_ == "acl" and tok.head.lemma_.lower() in LACK_NOUNS


def _particle(verb: Token, word: str) -> bool:
    """``verb`` carries the particle ``word`` ("sworn in", "handed over")."""
    return any(c.dep_ in ("prt", "prep") and c.lower_ == word and not pobjects(c) for c in verb.children)


def _vows_not_to(tok: Token) -> bool:
    """A vow that something will not be done ("vowed that his country would not withdraw",
    "vowed Israel would never return the Golan", "vowed never to give up Western Sahara")."""
    if tok.lemma_.lower() not in VOW_VERBS:
        return False
    # "pledged not to attack" stays a promise; "vowed never to give up the territory" refuses
    contents = [c for c in tok.children if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and c.lemma_.lower() in YIELD_VERBS)]
    return any(g.dep_ == "neg" for c in contents for g in c.children)


def _past_state(tok: Token) -> bool:
    """A participle describing what another act is done to ("returned the captured pilot",
    "freed the detained activists"): an earlier act, not the one told."""
    noun = tok.head
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_.lower() == "hold":
        # "foreign tourists held in Iran were released", "relatives of sailors held in Nigeria":
        # where they are, not a new arrest ("kept a journalist held in prison" keeps him held)
        keeper: str = noun.head.lemma_.lower()
        return keeper != "keep"
    return tok.dep_ == "amod" and tok.tag_ == "VBN" and noun.dep_ in ("dobj", "obj") and noun.head.pos_ == "VERB"


def _simulated(tok: Token) -> bool:
    """An act a drill plays out ("simulating a strike on", "rehearses an attack", "a mock
    attack"), not one done."""
    held = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "obj"))]  # "carried out mock attacks"
    if any(c.dep_ == "amod" and c.lower_ in ("mock", "simulated") for h in held for c in h.children):
        return True
    return tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in SIMULATING_VERBS


def _prevented(tok: Token) -> bool:
    """An act someone was kept "from" doing ("blocked X from arresting", "prevented Y from entering")."""
    prep = tok.head if tok.dep_ == "pcomp" else None
    return prep is not None and prep.lower_ == "from" and prep.head.lemma_.lower() in PREVENTING_VERBS


def _describes_gear(tok: Token) -> bool:
    reduced = tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod")
    return reduced and tok.lemma_.lower() in ("arm", "equip") and not any(c.dep_ == "agent" for c in tok.children)


def _goes_back(tok: Token, rule: TriggerRule) -> bool:
    return tok.lemma_.lower() == "return" and not rule.objects and not any(c.dep_ in OBJECT_DEPS for c in tok.children)


def _tries(tok: Token) -> bool:
    """ "sought to ease tensions", "tried to broker": trying is no request."""
    acts = [c for c in tok.children if c.dep_ == "xcomp"]
    # but "sought to buy ammunition" asks for it
    return tok.lemma_.lower() in TRY_VERBS and any(c.lemma_.lower() not in ACQUIRING for c in acts)


def _called_off(tok: Token) -> bool:
    """ "agreed to postpone the demonstration", "to cancel the strike they had planned": an act
    called off is no act."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in SPAN_NOUNS:
        tok = tok.head.head  # "agreed to end six weeks of fighting"
    return tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in CALLING_OFF


def _names_a_force(tok: Token) -> bool:
    """ "riot police", "sanctions monitors": a noun that only classifies people or a body;
    "the Russian-led CSTO military alliance", "the Saudi-led coalition": a body's name."""
    if tok.lemma_.lower() in BODY_HEADS:
        return any(
            (c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN") or c.lower_.endswith("-led") or c.lemma_ == "lead"
            for c in tok.children
        )
    if tok.dep_ not in ("compound", "amod") or tok.head.pos_ != "NOUN":
        return False
    return np_sector(tok.head) is not None or tok.head.lemma_.lower() in CLASSIFIED_HEADS


def _match_rule(tok: Token, rules: tuple[TriggerRule, ...]) -> TriggerRule | None:
    if not rules:
        return None
    particles = {c.lower_ for c in tok.children if c.dep_ in PARTICLE_DEPS}
    # "handed the pilot back to India": the particle parsed onto the object
    particles |= {g.lower_ for c in tok.children if c.dep_ in ("dobj", "obj") for g in c.children if g.dep_ == "advmod"}
    direct, other = _object_lemmas(tok)
    idiom = _idiom(tok)
    if idiom is not None:  # "walked away from the talks": what the idiom's word governs is the object
        direct |= {t.lemma_.lower() for t in idiom[1].subtree if t.pos_ in ("NOUN", "PROPN") and t is not idiom[1]}
    heads = {c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "obj")}
    fitting = [
        r
        for r in rules
        if (not r.particle or r.particle in particles)
        and (not r.objects or r.objects & _objects_for(tok, r, direct, other))
        # a reversed row names the act its object is ("met opposition"), not a kind of person
        # the object is ("met opposition leaders")
        and not (r.reverse and r.lemma == "meet" and not r.objects & heads)
    ]
    if tok.lemma_.lower() in COMMAND_LEMMAS and any(
        (c.dep_ == "prep" and c.lower_ == "to") or c.dep_ == "xcomp" for c in tok.children
    ):
        # "ordered warships to the Gulf": forces sent somewhere, not arms bought from someone
        fitting = [r for r in fitting if not r.reverse]
    # "ordered fighter jets to Saudi Arabia to help defend it": forces sent, with a purpose
    sent_to = any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children) and _sends_forces(tok)
    if tok.lemma_.lower() in COMMAND_LEMMAS and any(c.dep_ == "xcomp" for c in tok.children) and not sent_to:
        # "ordered Ukraine to withdraw its troops": the clause says what is ordered, not a deployment
        fitting = [r for r in fitting if r.type != "MOBILIZE"]
    if not fitting:
        return None
    # "called the air strikes a crime": what a thing is called names the act, not the thing
    called = {o.lemma_.lower() for c in tok.children if c.dep_ == "oprd" for o in (c, *c.conjuncts)}
    named = [r for r in fitting if r.objects & called and r.type in ("ACCUSE", "SUPPORT")]
    return max(named or fitting, key=lambda r: (bool(r.objects & direct), r.specificity))


def _to_blame(tok: Token) -> bool:
    """ "X was to blame": blame that X bears, not blame X lays; "an attack blamed on X": blame
    nobody is named as laying (the attack's author is read from it)."""
    if tok.lemma_.lower() != "blame":
        return False
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return not any(c.dep_ == "agent" for c in tok.children)
    return bool(tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "be")


def _tells_to_act(verb: Token) -> bool:
    """ "told Syria to withdraw", "told Manila it must withdraw": the act asked for follows,
    as an infinitive or as a clause of obligation."""
    return any(c.dep_ in ("xcomp", "ccomp") and (infinitive(c) or _obliged(c)) for c in verb.children)


def _obliged(clause: Token) -> bool:
    """ "it must withdraw", "it should release", "it had to stick to": a clause of obligation."""
    aux = {c.lower_ for c in clause.children if c.dep_ == "aux"}
    must = clause.lemma_.lower() in ("have", "need") and any(c.dep_ == "xcomp" for c in clause.children)
    return bool(aux & OBLIGATION_AUX) or must


def _idiom(verb: Token) -> tuple[str, Token] | None:
    """The plain verb an idiom stands for, and the idiom's word: "put on hold" and "pulled the
    plug on" suspend, "walked away from" and "dropped out of" abandon."""
    if verb.lemma_.lower() not in IDIOM_VERBS:
        return None
    # the word on the verb, on its preposition ("put on hold") or on its object ("set free two journalists")
    near = [*verb.children, *(g for c in verb.children if c.dep_ in ("prep", "dobj") for g in c.children)]
    for word in near:
        base = IDIOMS.get((verb.lemma_.lower(), word.lemma_.lower()))
        governs = word.dep_ == "prep" and any(c.dep_ == "pobj" for c in word.children)  # "gave $5bn in aid"
        if base is not None and word.dep_ in IDIOM_DEPS and not governs:
            return base, word
    return None


def _named_through_of(tok: Token, trig: _Trigger) -> bool:
    """``tok`` is what another trigger's row names through "of" on its object ("delayed the
    release of a $700 million loan")."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "of" or tok.head.head.dep_ not in ("dobj", "obj"):
        return False
    return tok.head.head.head.i == trig.token.i and tok.lemma_.lower() in trig.rule.objects


def _idiom_object(tok: Token, verb: Token) -> bool:
    """``tok`` is the object an idiom on ``verb`` governs ("walked away from the talks")."""
    idiom = _idiom(verb) if verb.pos_ in ("VERB", "AUX") else None
    if idiom is None or tok.i == idiom[1].i:
        return False
    under = any(t.i == idiom[1].i for t in tok.ancestors)
    return under or (tok.dep_ == "pobj" and tok.head.head.i == verb.i)


def _objects_for(tok: Token, rule: TriggerRule, direct: set[str], other: set[str]) -> set[str]:
    """The object lemmas a row is checked against: for a row whose particle is a preposition
    with an object ("withdraw from"), the direct objects and that preposition's own; so "under
    the deal, forces will withdraw from the districts" is no withdrawal from a deal."""
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == rule.particle and pobjects(c)]
    if not rule.particle or not preps:
        return direct | other
    objects = [p for c in preps for p in pobjects(c)]
    objects += [q for p in objects for g in p.children if g.dep_ == "prep" and g.lower_ == "of" for q in pobjects(g)]
    under = {g.lemma_.lower() for p in objects for g in (p, *p.children, *p.conjuncts)}  # "as an act of aggression"
    return direct | under


def _amount_of(tok: Token) -> set[str]:
    """What a sum or a quantity given as the object is of ("withheld $195 million in military aid",
    "froze $50 million in aid to Bolivia"): the aid, not the sum."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    amounts = [c for c in objects if c.ent_type_ in ("MONEY", "QUANTITY") or c.lemma_.lower() in AMOUNT_NOUNS]
    holders = [tok, *amounts] if amounts else []
    preps = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("in", "of")]
    return {p.lemma_.lower() for c in preps for p in pobjects(c)}


def _object_lemmas(tok: Token) -> tuple[set[str], set[str]]:
    """Lemmas of the direct objects, and of every other complement (prepositional, nominal)."""
    direct: set[str] = set()
    other: set[str] = set()
    for child in tok.children:
        if child.dep_ in OBJECT_DEPS or (tok.pos_ == "NOUN" and child.dep_ in ("compound", "amod")):
            target = direct if child.dep_ in ("dobj", "obj", "nsubjpass") else other
            target.update((child.lemma_.lower(), child.lower_))  # "the injured": lemma "injure"
            if child.ent_type_ == "PERSON":  # "welcomed Trump", "received Xi Jinping": a person by name
                target.add(PERSON_MARK)
            if child.ent_type_ in ("GPE", "LOC", "FAC"):  # "captured Knin": a place by name
                target.add(PLACE_MARK)
            # "violated the ceasefire agreement": the compound says what kind of agreement
            # ("toppled President Mohamed Morsi": the title before a name says who he is)
            kinds = [c for c in child.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]
            # ("held live-fire drills": the last word of a hyphened modifier is no kind)
            kinds = [c for c in kinds if c.i == 0 or c.doc[c.i - 1].text != "-"]
            target.update(c.lemma_.lower() for c in kinds)
            if child.lemma_.lower() == "game" and any(c.lower_ == "war" for c in child.children):
                target.add("wargame")  # "held war games", written as two words
            target.update(c.lemma_.lower() for c in child.conjuncts)
            other.update(c.lemma_.lower() for c in child.children if c.dep_ == "appos")  # "the Houthis, a group"
        if child.dep_ == "ccomp" and child.pos_ == "ADJ":  # "holds Iran responsible": read as a clause
            other.add(child.lemma_.lower())
        if child.dep_ == "npadvmod":  # "gave Kabul a week to act": the time given
            other.add(child.lemma_.lower())
        if child.dep_ == "prep" and child.lower_ in FRAMING_PREPS:
            continue  # "under the deal, forces will withdraw": the frame is no object of the act
        if child.dep_ in ("prep", "agent", "dative", "xcomp", "prt", "acomp"):
            if child.dep_ != "prep":  # a preposition's own lemma is no object ("according" -> "accord")
                other.add(child.lemma_.lower())
            for grand in child.children:
                if grand.dep_ in ("pobj", "dobj", "prep"):
                    other.add(grand.lemma_.lower())
                    other.update(g.lemma_.lower() for g in grand.children if g.dep_ == "pobj")
                    # "described it as an act of aggression": what the act is of
                    ofs = [g for g in grand.children if g.dep_ == "prep" and g.lower_ == "of"]
                    other.update(p.lemma_.lower() for g in ofs for p in pobjects(g))
    direct |= _amount_of(tok)
    for shared in shared_objects(tok) if tok.pos_ == "VERB" else []:  # "rammed and boarded a boat"
        direct.update((shared.lemma_.lower(), shared.lower_))
        ofs = [c for c in shared.children if c.dep_ == "prep" and c.lower_ == "of"]  # "one of its boats"
        other.update(p.lemma_.lower() for c in ofs for p in pobjects(c))
    for child in tok.children:  # "captured part of a stronghold": what the part is of
        if child.dep_ in ("dobj", "obj"):
            ofs = [c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"]
            other.update(p.lemma_.lower() for c in ofs for p in pobjects(c))
    if tok.dep_ in ("relcl", "acl") and not direct:  # "the deal Tehran struck": the gap is the object
        direct.add(tok.head.lemma_.lower())
    if _names_as(tok):  # "called the move unacceptable and unjustified", "described Israel as a terrorist state"
        other.update(t.lemma_.lower() for t in tok.subtree if t.i > tok.i and t.pos_ in ("ADJ", "NOUN"))
    for noun in misread_objects(tok) if not direct else []:
        direct.update((noun.lemma_.lower(), noun.lower_, *(c.lemma_.lower() for c in noun.conjuncts)))
    return direct, other


def _names_as(verb: Token) -> bool:
    """A verb that names something as something ("called X Y", "described X as Y"), not
    "called for", "called on", "called off"."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in NAMING_VERBS | {"describe"}:
        return False
    dated = {c.i for c in verb.children if any(g.ent_type_ in ("DATE", "TIME") for g in c.children)}  # "on Friday"
    preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "prt") and c.i not in dated}
    return not preps & {"for", "on", "off", "up", "in"} and any(c.dep_ in ("dobj", "oprd") for c in verb.children)


def _retaliation_told(trig: _Trigger, found: list[_Trigger]) -> bool:
    """ "Expelled 23 diplomats, retaliating for ...": a retaliation hung on an act just told is that act."""
    tok = trig.token
    if tok.lemma_.lower() not in RESPOND_VERBS or tok.dep_ not in ("advcl", "conj"):
        return False
    if tok.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False  # "X raised tariffs, and Beijing retaliated with duties": another's act
    return any(t.token.i == tok.head.i for t in found)


def _commands_act(trig: _Trigger, found: list[_Trigger]) -> bool:
    """ "Biden ordered strikes on Syria": the ordered act is the orderer's own event."""
    tok = trig.token
    if trig.rule.type not in ("REQUEST", "MOBILIZE") or tok.lemma_.lower() not in COMMAND_LEMMAS:
        return False
    acts = {t.token.i for t in found if t.token.pos_ == "NOUN"}
    if any(c.dep_ in ("dobj", "obj") and c.i in acts for c in tok.children):
        return True
    # "ordered the army to hold drills": the drills are the orderer's
    ordered = {t.token.i for t in found if t.token.dep_ == "xcomp" and t.token.head.i == tok.i}
    return bool(ordered) and orders_own_forces(tok)


def _acts_by_means(trig: _Trigger, found: list[_Trigger]) -> bool:
    """ "retaliated by expelling diplomats": the means says what was done."""
    acts = {t.token.i for t in found}
    bys = [c for c in trig.token.children if c.dep_ == "prep" and c.lower_ == "by"]
    return any(g.dep_ == "pcomp" and g.i in acts for b in bys for g in b.children)


def _purpose_cancelled(trig: _Trigger, found: list[_Trigger]) -> bool:
    """The act a cancelled deal or programme was for ("scrapped a contract to deliver jets"):
    it will not happen."""
    tok = trig.token
    tok = tok.head if tok.dep_ == "conj" else tok  # "a programme to arm and train rebels"
    if tok.dep_ not in ("acl", "relcl") or not infinitive(tok) or tok.head.dep_ not in ("dobj", "obj"):
        return False
    return any(t.token.i == tok.head.head.i and t.rule.type == "SANCTION" for t in found)


def _object_of_trigger(trig: _Trigger, found: list[_Trigger]) -> bool:
    tok = trig.token
    if tok.pos_ != "NOUN" and tok.dep_ not in ("dobj", "obj"):  # "evacuated the wounded": a nominalised word
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ in SEPARATE_ACT_PREPS:  # "at X's request", "two days after X's strikes"
        return False
    heads = {t.token.i for t in found if t is not trig}
    if any(_idiom_object(tok, t.token) for t in found if t is not trig):
        return True  # "put on hold an aid package": the package is what is suspended
    if any(_named_through_of(tok, t) for t in found if t is not trig):
        return True  # "delayed the release of a loan": the loan is what the row names
    amount = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "of") else tok
    if amount.dep_ in ("dobj", "obj") and amount.head.i in heads and amount.lemma_.lower() in AMOUNT_WORDS:
        return True  # "pledged $5bn in aid": the aid is what is pledged
    if tok.dep_ == "compound" and tok.head.dep_ in ("dobj", "obj"):
        # "blocked the aid package": the verb's own rule names the package; "issued arrest
        # warrants" keeps the arrest, as "issue" says nothing of warrants
        verb = tok.head.head.i
        return any(t.token.i == verb and tok.head.lemma_.lower() in t.rule.objects for t in found)
    head = tok.head.head if tok.dep_ == "pobj" else tok.head
    if head.lower_ == "out" and head.dep_ in ("prep", "prt"):  # "pulled out of the agreement"
        head = head.head
    if tok.dep_ in OBJECT_DEPS and head.i in heads:
        return True
    first = tok.head if tok.dep_ == "conj" else None  # "suspended grant aid and new yen loans": both suspended
    if first is not None and first.dep_ in ("dobj", "obj") and first.head.i in heads:
        return any(t.token.i == first.head.i and t.rule.type == "SANCTION" for t in found)
    # "suspended its participation in the New START treaty": a treaty named, not signed
    return trig.rule.type == "SUPPORT" and trig.rule.priority <= 2 and _inside_argument(tok, heads)


def _inside_argument(tok: Token, heads: set[int]) -> bool:
    """A bare noun ("treaty", "pact") a few steps down another trigger's object or complement."""
    current = tok
    for _ in range(4):
        if current.dep_ not in ("pobj", "prep", "dobj", "obj", "compound", "nmod") or current.head.i == current.i:
            return False
        current = current.head
        if current.i in heads:
            return True
    return False


def _governor(tok: Token, triggers: list[_Trigger]) -> _Trigger | None:
    current, steps = tok, 0
    by_index = {t.token.i: t for t in triggers}
    if current.dep_ == "conj" and current.head.dep_ in ("xcomp", "ccomp"):
        current = current.head  # "agreed to send an envoy and to provide aid": both agreed
    while current.dep_ in GOVERNING_DEPS and current.head.i != current.i and steps < 3:
        if beyond_semicolon(current):
            return None
        current, steps = current.head, steps + 1
        if current.i in by_index:
            return by_index[current.i]
    return None


def _demanded_by(tok: Token, triggers: list[_Trigger]) -> _Trigger | None:
    """The demand, threat or refusal whose content ``tok`` is, through nouns and conditions:
    "demanded that the US cancel plans to sell arms", "dismissed an appeal to lay down
    arms", "threatened an offensive unless Baghdad accepted its conditions"."""
    current, steps = tok, 0
    by_index = {t.token.i: t for t in triggers}
    asked = False  # the path passed a demand-like noun ("an appeal to lay down arms")
    while _content_step(current) and current.head.i != current.i and steps < 6:
        current, steps = current.head, steps + 1
        asked = asked or (current.pos_ == "NOUN" and current.lemma_.lower() in DEMAND_NOUNS)
        found = by_index.get(current.i)
        # "rejected claims that it supplied drones" denies an act; "rejected calls to" refuses one
        if found is not None and found.rule.type in CONTENT_TYPES and (found.rule.type != "REJECT" or asked):
            return found
    return None


def _through_a_clause(noun: Token, demand: Token) -> bool:
    """A noun reaches the demand through a verb clause of its own, not as the demand's object."""
    current = noun.head
    while current.i != demand.i and current.head.i != current.i:
        if current.pos_ in ("VERB", "AUX"):
            return True
        current = current.head
    return False


def _asked_for(tok: Token) -> bool:
    """ "would not meet demands to release prisoners": the content of a demand, appeal or
    offer named by a noun that is no trigger itself."""
    current = tok
    for _ in range(4):
        clause = current.dep_ == "acl" or (current.dep_ == "relcl" and infinitive(current))
        if clause and current.head.lemma_.lower() in ASKING_NOUNS:
            return True  # "a deadline to hand over the documents" (parsed as a relative clause)
        if current.dep_ not in GOVERNING_DEPS | {"acl"} or current.head.i == current.i:
            return False
        current = current.head
    return False


def _content_step(tok: Token) -> bool:
    if tok.dep_ == "conj" and tok.pos_ == "VERB":
        return True  # "demanded that Moscow release the sailors and return the ships"
    if tok.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children)
    if tok.dep_ == "pobj" and tok.head.lower_ in SEPARATE_ACT_PREPS | {"for"}:
        return False  # "called off the trip over a balloon that a jet shot down": a reason, not content
    return tok.dep_ in GOVERNING_DEPS | {"acl", "dobj", "pobj"}


def _governed_by_trigger(trig: _Trigger, triggers: list[_Trigger], shells: list[_Trigger]) -> bool:
    demand = _demanded_by(trig.token, triggers) if trig.rule.type not in CONTENT_TYPES else None
    if trig.token.pos_ != "NOUN" and demand is not None and demand not in shells:
        return True  # what is demanded, threatened or refused has not happened
    asked = demand is not None and demand.rule.type == "REQUEST" and demand not in shells
    if asked and demand is not None and _through_a_clause(trig.token, demand.token):
        return True  # "urged all sides to resolve the crisis through dialogue": no dialogue yet
    if trig.token.pos_ != "NOUN" and trig.rule.type not in CONTENT_TYPES and _asked_for(trig.token):
        return True
    if _rejected_content(trig.token, triggers):
        return True  # "vetoed a resolution condemning the annexation": no condemnation was made
    tok = trig.token
    if tok.pos_ == "NOUN":  # "offered to order a ceasefire": the ordered act is what is offered
        heads = {t.token.i for t in triggers}
        if tok.dep_ not in ("dobj", "obj") or tok.head.i in heads or tok.head.dep_ != "xcomp":
            return False
        tok = tok.head
    gov = _governor(tok, triggers)
    if gov is None or gov in shells:
        return False
    return gov.rule.type in EMBEDDING_TYPES


def _rejected_content(tok: Token, triggers: list[_Trigger]) -> bool:
    """What a rejected or vetoed text would have done: an act told in a clause on its object."""
    if tok.dep_ not in ("acl", "relcl") or tok.head.dep_ not in ("dobj", "obj"):
        return False
    if tok.head.lemma_.lower() not in AUTHORED_NOUNS | DRAFT_NOUNS:
        return False  # "rejected claims that it had shelled Donetsk": the act is denied, not unmade
    rejecting = {t.token.i for t in triggers if t.rule.type == "REJECT"}
    return tok.head.head.i in rejecting


def _purpose_of_same(trig: _Trigger, triggers: list[_Trigger]) -> bool:
    """ "met in Zurich to discuss trade", "attacked villages, killing 40": one act, told twice
    (a purpose or participle clause of a trigger of the same type)."""
    tok = trig.token
    purpose = infinitive(tok)
    if tok.dep_ != "advcl" or not (purpose or tok.tag_ == "VBG"):
        return False
    return any(t.token.i == tok.head.i and t.rule.type == trig.rule.type for t in triggers)


def _roles(tok: Token, rule: TriggerRule, index: ActorIndex) -> Roles:
    if tok.pos_ == "NOUN" and rule.reverse:
        return bought_roles(tok, index)
    if tok.pos_ == "NOUN":  # "in retaliation for the invasion of Afghanistan": not the clause subject's act
        return noun_roles(tok, index, verb_subject=not _answered_act(tok), etype=rule.type)
    roles = verb_roles(tok, rule.type, rule.reverse, index)
    if rule.mode == "asylum" and not roles.target:  # "took in 600,000 Syrian refugees": given refuge
        people = [counted(c) for c in tok.children if c.dep_ in ("dobj", "obj")]
        roles = Roles(roles.source, others((a for p in people for a in actors_at(p, index)), roles.source))
    if not roles.target and _idiom(tok) is not None:  # "pulled the plug on talks with North Korea"
        objects = [t for t in tok.subtree if t.pos_ == "NOUN" and _idiom_object(t, tok)]
        roles = Roles(roles.source, others((a for o in objects for a in side_actors(o, index)), roles.source))
    return roles


def _adjust_type(rule: TriggerRule, tok: Token, roles: Roles) -> tuple[str, str | None]:
    has_state_target = any(a.actor.code for a in roles.target)
    if rule.type == "COERCE" and rule.mode == "ban" and _foreign_target(roles) and not _people(roles.target):
        return "SANCTION", "discontinue"  # a ban aimed at another state is a sanction
    banned = _domestic_ban(tok) if rule.type == "SANCTION" and not _foreign_target(roles) else None
    if banned is not None:
        return banned.type, banned.mode  # "imposed a ban on opposition rallies": repression at home
    if rule.type == "PROTEST" and tok.lemma_.lower() == "protest" and tok.pos_ == "VERB" and _official(roles.source):
        return "ACCUSE", "disapprove"  # "the Philippines protested against ...": a diplomatic protest
    if rule.type == "ACCUSE" and tok.lemma_.lower() == "protest" and tok.pos_ == "VERB" and _people(roles.source):
        return "PROTEST", "demo"  # "thousands of Indonesians protested against the decision": in the street
    if rule.type == "CONCEDE" and _regrets_anothers_act(tok) and _foreign_target(roles):
        return "ACCUSE", "disapprove"  # "Turkey expressed regret over the U.S. air strikes": no apology
    if rule.type == "REQUEST" and _firms_told_to_cut(tok) and _foreign_target(roles):
        return "SANCTION", "discontinue"  # "Beijing ordered travel agencies to stop selling tours to South Korea"
    if rule.type == "REQUEST" and tok.lemma_.lower() in COMMAND_LEMMAS and _ordered_to_stop(tok, roles):
        return "COERCE", "restrict"  # "ordered the opposition newspaper to suspend publication"
    if rule.type in ("ASSAULT", "COERCE", "ACCUSE") and _joint(tok) and _partners_only(roles):
        return "COOPERATE", None  # "Colombian and Venezuelan troops launched a joint operation": they cooperate
    if rule.type == "AGREE" and tok.lemma_.lower() in INTENT_VERBS and _vows_hostile_response(tok):
        return "THREATEN", "violence"  # "vowed to respond to the killing": a promise of retaliation
    if rule.type in ("CONSULT", "MOBILIZE", "AID") and has_state_target and _for_exercises(tok):
        return "COOPERATE", None  # "Russian warships arrived in Venezuela for joint naval exercises"
    forces = rule.type == "MOBILIZE" or (rule.type == "AID" and _sends_forces(tok))  # "sent tanks into Iraq"
    if forces and tok.lemma_.lower() in SEND_LEMMAS and _sent_toward(tok):
        return "MOBILIZE", "troops"  # "sent warships toward Taiwan": a show of force, not help
    if forces and has_state_target and tok.lemma_.lower() in SEND_LEMMAS and _sent_into(tok, roles):
        return ("AID", "military") if _come_to_help(tok) else ("ASSAULT", None)  # "sent troops into Kuwait"
    if rule.type == "MOBILIZE" and has_state_target and tok.lemma_.lower() in SEND_LEMMAS and not _to_border(tok):
        return "AID", "military"  # sent to a state, not massed at its border
    if rule.type == "MOBILIZE" and rule.mode != "weapons" and _deployed_into(tok, roles):
        return "AID", "military"  # "deployed 1,000 soldiers to Mozambique": forces delivered into a state
    if rule.type == "CONSULT" and has_state_target and _troops_arrive(tok):
        # troops or goods arriving in another state are delivered there, not visiting
        return "AID", ("military" if _forces_move(tok) else "humanitarian")
    if rule.type == "MOBILIZE" and _aimed_at(tok, roles) and (has_state_target or not roles.target):
        return "ASSAULT", rule.mode
    if rule.type == "COOPERATE" and _unilateral(tok, roles):
        return "MOBILIZE", "military"
    if rule.type == "AID" and rule.mode != "humanitarian" and not roles.target and tok.lemma_.lower() in SEND_LEMMAS:
        return "MOBILIZE", "troops"
    if rule.type == "ASSAULT" and tok.lemma_.lower() == "target" and _about_sanctions(tok):
        return "SANCTION", "discontinue"  # "the Treasury targeted three firms" with sanctions
    if rule.type == "COERCE" and rule.mode in ("arrest", "confiscate") and not rule.objects and _armed_group(roles):
        return "ASSAULT", "abduct"  # "the schoolgirls Boko Haram had seized": rebels do not arrest, they abduct
    if tok.lemma_.lower() == "boycott" and roles.source and all(a.actor.sector in ("CVL", "OPP") for a in roles.source):
        return "PROTEST", "boycott"  # "the opposition boycotted the election": dissent (CAMEO 143)
    if (
        rule.type == "SANCTION"
        and tok.lemma_.lower() == "suspend"
        and _at_home_only(roles)
        and not _objects_in(tok, TALK_NOUNS)
    ):
        return "COERCE", "restrict"  # "suspended the chief justice", "suspended a newspaper": at home
    if rule.type == "ASSAULT" and rule.lemma == "come" and _criticised(tok, roles):
        return "ACCUSE", "disapprove"  # "the prime minister came under fire over the floods": criticism
    if rule.type == "ASSAULT" and rule.lemma in MOVING_LEMMAS and _come_to_help(tok):
        return "AID", "military"  # "Saudi troops entered Bahrain to help the monarchy": sent to aid it
    if rule.type == "MOBILIZE" and rule.lemma == "mass" and not rule.objects and _crowd_subject(tok):
        return "PROTEST", "demo"  # "thousands of people massed outside the palace": a crowd, not troops
    if rule.type == "ASSAULT" and rule.lemma in OUSTING_LEMMAS and _by_vote(tok, roles):
        return "COERCE", "restrict"  # "Peru's Congress voted to oust President Vizcarra": removal, no coup
    if rule.type == "PROTEST" and rule.mode == "obstruct" and _armed_subject(tok, roles):
        return "COERCE", "restrict"  # "soldiers blocked the roads into Khartoum": no protest, a cordon
    if rule.type in ("ASSAULT", "COERCE") and _riot(tok, rule, roles):
        return "PROTEST", "riot"  # violence by protesters or civilians is a violent protest (CAMEO 145)
    if rule.type == "AID" and rule.mode is None:
        return "AID", _aid_mode(tok)
    if rule.type == "AID" and rule.mode == "economic" and _aid_mode(tok) in ("military", "humanitarian"):
        return "AID", _aid_mode(tok)  # "$1.3 billion in military aid": money, but military aid
    if rule.type in ("RETREAT", "CONCEDE") and _forcibly(tok):
        return "COERCE", "deport"  # "forcibly returned asylum seekers to China": no release, a deportation
    if rule.type == "RETREAT" and rule.mode == "withdraw" and _bodies(tok, roles.target):
        return "SANCTION", "withdraw"  # "pulled out of the CIS", "withdrew from UNESCO": leaving a body
    driven = any(c.dep_ == "prep" and c.lower_ in ("from", "out") for c in tok.children)  # "from Mosul"
    if rule.type in ("COERCE", "SANCTION") and rule.mode in ("deport", "expel") and _fighters(roles.target) and driven:
        return "ASSAULT", None  # "expelled Islamic State from Mosul": an armed group driven out by force
    if rule.type == "COERCE" and rule.mode == "deport" and _states(tok, roles.target):
        return "SANCTION", "expel"  # "kicked Russia out of the G8": a state expelled from a body
    return rule.type, rule.mode


def _without_forum(tok: Token, roles: Roles, index: ActorIndex) -> Roles:
    """A body a complaint is brought to or before ("to the WTO", "at the WTO") hears it; the
    party complained of ("against China", "over Chinese restrictions") is the target."""
    doc = tok.doc
    forum = [
        a for a in roles.target if a.actor.sector == "IGO" and doc[a.root].head.lower_ in ("to", "at", "with", "before")
    ]
    if not forum:
        return roles
    kept = [a for a in roles.target if a not in forum]
    against = [p for t in tok.sent if t.dep_ == "prep" and t.lower_ in ("against", "over") for p in pobjects(t)]
    kept = kept or others((a for p in against for a in actors_at(p, index) if a.actor.code), roles.source)
    return Roles(roles.source, kept) if kept else roles


def _come_to_help(tok: Token) -> bool:
    """Forces moving in "to help", "to support" or "to fight alongside" a side, or "at the
    invitation of" its government."""
    purposes = [c for c in tok.children if c.dep_ in ("advcl", "xcomp") and infinitive(c)]
    beside = [c for p in purposes for c in p.children if c.dep_ == "prep" and c.lower_ in ("alongside", "beside")]
    helping = bool(beside) or any(p.lemma_.lower() in HELP_VERBS for p in purposes)
    invited = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "at" for p in pobjects(c)]
    # (peacekeepers and monitors come to keep a peace: "sent peacekeepers into South Sudan")
    movers = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubj")]
    keeping = any(m.lemma_.lower() in PEACE_KEEPERS for m in movers)
    return helping or keeping or any(p.lemma_.lower() in ("invitation", "request") for p in invited)


def _for_exercises(tok: Token) -> bool:
    """Forces sent or arriving "for joint exercises" or "for training": to drill with the host."""
    purposes = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" for p in pobjects(c)]
    return any(p.lemma_.lower() in EXERCISE_WORDS | {"rotation"} for p in purposes)


def _firms_told_to_cut(tok: Token) -> bool:
    """A state telling its own firms to stop or cut trade ("ordered travel agencies to stop
    selling tours to South Korea", "told Chinese airlines to cut flights to Japan")."""
    told = [c for c in tok.children if c.dep_ in ("dobj", "obj", "dative")]
    firms = [t for t in told if t.lemma_.lower() in FIRM_NOUNS or np_sector(t) == "BUS"]
    acts = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in STOP_VERBS | CUT_VERBS]
    return bool(firms) and bool(acts)


def _by_vote(tok: Token, roles: Roles) -> bool:
    """A ruler ousted by a legislature or a court, or by a vote: removal from office."""
    voted = tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "vote"
    return voted or (bool(roles.source) and all(a.actor.sector in ("LEG", "JUD") for a in roles.source))


def _ordered_to_stop(tok: Token, roles: Roles) -> bool:
    """An order to a newspaper, party, group or people (not to another state) to close, stop
    or leave: repression (CAMEO 17x), not a request."""
    if not any(c.dep_ == "xcomp" and c.lemma_.lower() in STOP_VERBS for c in tok.children):
        return False
    own = {a.actor.code for a in roles.source}
    return not any(
        a.actor.code and a.actor.code not in own and a.actor.sector not in PEOPLE_SECTORS for a in roles.target
    )


def _without_topics(tok: Token, roles: Roles) -> Roles:
    """Talks between named parties are not aimed at what they are about ("held talks on Syria",
    "met to discuss Kashmir"): a party named only as the topic is dropped when another remains."""
    doc = tok.doc
    topics = [
        a for a in roles.target if any(t.dep_ == "prep" and t.lower_ in TOPIC_PREPS for t in doc[a.root].ancestors)
    ]
    parties = {a.actor.code for a in roles.source} | {a.actor.code for a in roles.target if a not in topics}
    if not topics or len(parties - {None}) < 2:
        return roles
    return Roles(roles.source, [a for a in roles.target if a not in topics])


def _joint(tok: Token) -> bool:
    """An act done jointly ("a joint operation", "jointly investigating", "joint raids")."""
    holders = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "obj"))]
    return any(
        (c.dep_ == "amod" and c.lower_ in ("joint", "combined")) or (c.dep_ == "advmod" and c.lower_ == "jointly")
        for h in holders
        for c in h.children
    )


def _partners_only(roles: Roles) -> bool:
    """Two or more parties act, and aim at no coded party besides themselves."""
    own = {a.actor.code for a in roles.source if a.actor.code}
    return len(own) > 1 and all(a.actor.code in own or not a.actor.code for a in roles.target)


def _vows_hostile_response(tok: Token) -> bool:
    """ "vowed to respond" (to nothing named, or to a killing, an attack, any aggression), not
    "promised to respond to the offer of talks" or "to the needs of survivors"."""
    replies = [c for c in tok.children if c.dep_ == "xcomp" and c.lemma_.lower() in ("respond", "react")]
    if not replies:
        return False
    answered = [p for r in replies for c in r.children if c.dep_ == "prep" and c.lower_ == "to" for p in pobjects(c)]
    return not answered or any(a.lemma_.lower() in HOSTILE_ANSWERED for a in answered)


def _at_home_only(roles: Roles) -> bool:
    """Every party named is of the source's own state (or a name nobody codes)."""
    own = {a.actor.code for a in roles.source if a.actor.code}
    coded = [a for a in roles.target if a.actor.code]
    return len(own) == 1 and bool(roles.target) and all(a.actor.code in own for a in coded)


def _criticised(tok: Token, roles: Roles) -> bool:
    """ "came under fire" in words: no weapon named on the fire, and a reason given ("over the
    floods"), or critics who bear no arms, or an office holder under it with nobody named."""
    fire = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "under" for p in pobjects(c)]
    if not fire or fire[0].lemma_.lower() != "fire" or any(c.dep_ in ("compound", "amod") for c in fire[0].children):
        return False
    holders = [tok, fire[0]]
    if any(c.dep_ == "prep" and c.lower_ in ("over", "for") for h in holders for c in h.children):
        return True
    givers = [a for a in roles.source if a.actor.code]
    if givers:
        return all(a.actor.sector in UNARMED_SECTORS for a in givers)
    critics = [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "from" for p in pobjects(c)]
    if critics:  # "from human rights groups", "from lawmakers"
        return all(np_sector(p) in UNARMED_SECTORS or p.lemma_.lower() in CRITIC_NOUNS for p in critics)
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    return any(s.ent_type_ == "PERSON" or np_sector(s) in ("GOV", "LEG", "JUD") for s in subjects)


def _riot(tok: Token, rule: TriggerRule, roles: Roles) -> bool:
    """Violence by a crowd ("protesters stormed ...", "a mob burned ..."), not armed attacks by a
    community ("Bosnian Serbs shelled Tuzla", "settlers set fire to olive groves": CAMEO 1712, 19x)."""
    crowd = roles.source and (all(a.actor.sector == "CVL" for a in roles.source) or _crowd_subject(tok))
    if not crowd or rule.mode in ARMED_MODES or tok.lemma_.lower() in ("ambush", "shell"):
        return False
    subjects = [counted(c) for c in clause_verb(tok).children if c.dep_ == "nsubj"]
    if rule.mode == "primitive" or not subjects:
        return True  # stones and sticks, or no subject to tell by
    return any(s.lemma_.lower() in RIOT_NOUNS for s in subjects)


def _crowd_subject(tok: Token) -> bool:
    """The subject is a crowd, whoever's side it is on ("opposition protesters stormed ...")."""
    subjects = [c for c in clause_verb(tok).children if c.dep_ == "nsubj"] or ([tok.head] if tok.dep_ == "acl" else [])
    subjects = [counted(counted(c)) for c in subjects]  # "hundreds of thousands of"; "a crowd massed", read as a phrase
    nouns = load_sector_nouns()
    return bool(subjects) and all(nouns.get(s.lemma_.lower()) == "CVL" for s in subjects)


def _armed_subject(tok: Token, roles: Roles) -> bool:
    """The one acting is a force: troops, soldiers, police ("soldiers blocked the bridges")."""
    if roles.source:
        return all(a.actor.sector in ("MIL", "COP") for a in roles.source)
    subjects = [counted(c) for c in tok.children if c.dep_ == "nsubj"]
    return any(np_sector(s) in ("MIL", "COP") for s in subjects)


def _domestic_ban(tok: Token) -> TriggerRule | None:
    """The row for banning what a ban noun is on ("a ban on opposition rallies", "imposed
    restrictions on the press"), where that is a domestic ban: read as the verb "ban" would be."""
    bans = [tok] if tok.pos_ == "NOUN" else [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    bans = [b for b in bans if b.lemma_.lower() in BAN_NOUNS]
    ons = [c for b in bans for c in b.children if c.dep_ == "prep" and c.lower_ == "on"]
    things = [p for c in ons for p in pobjects(c)]
    lemmas = {t.lemma_.lower() for p in things for t in (p, *p.conjuncts, *p.children) if t.pos_ in ("NOUN", "PROPN")}
    rules = load_triggers().get(("ban", "VERB"), ())
    return next((r for r in rules if r.type == "COERCE" and r.objects & lemmas), None)


def _forcibly(tok: Token) -> bool:
    """ "forcibly returned", "began forcibly repatriating", "returned ... against their will"."""
    verbs = [tok, *([tok.head] if tok.dep_ == "xcomp" else [])]
    words = {c.lower_ for v in verbs for c in v.children if c.dep_ == "advmod"}
    will = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "against" for p in pobjects(c)]
    return bool(words & FORCE_ADVERBS) or any(p.lemma_.lower() == "will" for p in will)


def _bodies(tok: Token, found: list[ActorSpan]) -> bool:
    """International organisations themselves ("pulled out of the CIS"), not a body's mission
    or force ("withdrew its troops from the UN mission in Mali" leaves Mali)."""
    missions = [a for a in found if tok.doc[a.root].head.lemma_.lower() in DEPLOYED_BODY_NOUNS]
    return bool(found) and not missions and all(a.actor.sector == "IGO" for a in found)


def _states(tok: Token, found: list[ActorSpan]) -> bool:
    """States themselves, named by name ("Russia"), not their people ("Palestinian families")."""
    named = [a for a in found if a.actor.code and a.actor.sector in (None, "GOV")]
    return bool(found) and len(named) == len(found) and all(tok.doc[a.root].pos_ == "PROPN" for a in named)


def _fighters(found: list[ActorSpan]) -> bool:
    """Armed groups only."""
    return bool(found) and all(a.actor.sector == "REB" for a in found)


def _armed_group(roles: Roles) -> bool:
    return bool(roles.source) and all(a.actor.sector == "REB" for a in roles.source)


def _sent_into(tok: Token, roles: Roles) -> bool:
    """Forces sent "into" another state ("sent troops into Kuwait"): in, not to it."""
    into = {t.i for c in tok.children if c.dep_ == "prep" and c.lower_ == "into" for t in c.subtree}
    return _foreign_target(roles) and any(a.root in into for a in roles.target)


def _deployed_into(tok: Token, roles: Roles) -> bool:
    return tok.lemma_.lower() == "deploy" and _foreign_target(roles) and not _to_border(tok)


def _sends_forces(tok: Token) -> bool:
    """The objects sent are forces (troops, tanks, warships), not arms or goods."""
    return any(c.dep_ in ("dobj", "obj") and np_sector(c) == "MIL" for c in tok.children)


def _sent_toward(tok: Token) -> bool:
    """ "sent warships toward Taiwan", "off the coast of", "near": close to a state, not into it."""
    return any(c.dep_ == "prep" and c.lower_ in ("toward", "towards", "near", "off", "around") for c in tok.children)


def _to_border(tok: Token) -> bool:
    """ "deployed troops to the Ukrainian border": massed at a frontier, not sent in."""
    places = [p for c in tok.children if c.dep_ in ("prep", "dative") for p in pobjects(c)]
    return any(p.lemma_.lower() in BORDER_NOUNS | {"front", "frontline"} for p in places)


def _troops_arrive(tok: Token) -> bool:
    """Troops, arms or goods arriving ("U.S. troops arrived in Poland", "food sent by Turkey
    arrived in Idlib"): delivered, not visiting."""
    if tok.lemma_.lower() not in ("arrive", "land"):
        return False
    subjects = [counted(c) for c in tok.children if c.dep_ == "nsubj"]
    return _forces_move(tok) or any(s.lemma_.lower() in GOODS_NOUNS for s in subjects)


def _forces_move(tok: Token) -> bool:
    """The subject that moves is troops, fighters or arms ("Russian tanks rolled into", "militants
    crossed into", not "refugees poured into")."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"] or ([tok.head] if tok.dep_ == "xcomp" else [])
    heads = [s for s in subjects] + [c for s in subjects for c in s.children if c.dep_ == "nsubj"]
    heads += [counted(counted(s)) for s in heads]  # "the first of thousands of U.S. troops"
    return any(np_sector(s) in ("MIL", "REB") or s.lemma_.lower() in FORCE_THINGS for s in heads)


def _about_sanctions(tok: Token) -> bool:
    """The sentence, or the one or two before it, speaks of sanctions."""
    window = tok.doc[max(0, tok.sent.start - 60) : tok.sent.end]
    return any(t.lemma_.lower() in ("sanction", "blacklist", "designation", "designate") for t in window)


def _foreign_target(roles: Roles) -> bool:
    """The act is aimed at another state than its actor's (an actor nobody names has none)."""
    home = {a.actor.code for a in roles.source if a.actor.code}
    return bool(home) and bool(roles.target) and all(a.actor.code and a.actor.code not in home for a in roles.target)


def _people(source: list[ActorSpan]) -> bool:
    """People, not a state or body: protesters, students, a crowd of a nation."""
    return bool(source) and all(a.actor.sector in PEOPLE_SECTORS for a in source)


def _official(source: list[ActorSpan]) -> bool:
    """A state, government or organisation as such (not its people in the street)."""
    return bool(source) and all(a.actor.code and a.actor.sector in (None, "GOV", "IGO") for a in source)


def _unilateral(tok: Token, roles: Roles) -> bool:
    """Exercises by one actor with no partner named are a show of force, not cooperation
    (drills "around Taiwan" are aimed at it; drills "with Iran" are joint)."""
    if len(roles.source) != 1 or not _exercise(tok):
        return False  # extraditing, selling gas, investing: cooperation whoever is named
    if _partner_in_object(tok, roles):  # "trained Ukrainian recruits": the trainees' state is the partner
        return False
    withs = [t for t in tok.subtree if t.dep_ == "prep" and t.lower_ in ("with", "alongside")]
    if any(not _instrument(p) for t in withs for p in pobjects(t)):  # not "drills with warships"
        return False
    lemmas = {t.lemma_.lower() for t in tok.subtree} | {t.lemma_.lower() for t in tok.head.children}
    return not (lemmas & JOINT_WORDS) and tok.lemma_.lower() not in {"cooperate", "collaborate", "partner"}


def _exercise(tok: Token) -> bool:
    """Drills, exercises, patrols, training: acts that one side can also hold alone."""
    direct, other = _object_lemmas(tok)  # "began three days of drills", "held war games"
    return bool({tok.lemma_.lower(), *direct, *other} & EXERCISE_WORDS)


def _instrument(noun: Token) -> bool:
    """ "with warships", "with live rounds": what drills are held with, not whom; "with
    Russian warships" names a partner."""
    named = any(c.ent_type_ in ("NORP", "GPE") or c.pos_ == "PROPN" for c in noun.children)
    lemma = noun.lemma_.lower()
    armed = lemma in ARRIVING_ARMS | STANDOFF_WEAPONS | MUNITIONS or np_sector(noun) == "MIL"
    return armed and not named


def _partner_in_object(tok: Token, roles: Roles) -> bool:
    stack = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    trainees: set[int] = set()
    while stack:  # the trainees' noun phrase, without the clauses inside it
        t = stack.pop()
        trainees.add(t.i)
        stack.extend(
            c
            for c in t.children
            if c.dep_ not in ("pcomp", "acl", "relcl", "advcl", "xcomp", "ccomp")
            and not (c.dep_ == "prep" and c.lower_ in AIMED_PREPS)  # "drills around Taiwan" aim at it
        )
    return any(a.root in trainees for a in roles.target)


def _aid_mode(tok: Token) -> str | None:
    weapon_words = {"weapon", "arm", "missile", "munition", "ammunition", "drone", "shell", "launcher", "chassis"}
    for t in tok.subtree:
        if t.lemma_.lower() in weapon_words:
            return "military"
        if t.lemma_.lower() in AID_MODES:
            return "economic" if t.lemma_.lower() == "financial" else t.lemma_.lower()
    return None


def _aimed_at(tok: Token, roles: Roles) -> bool:
    """ "fired missiles at Japan" attacks Japan; "stationed troops at bases in Russia" does not."""
    if tok.lemma_.lower() not in FIRING_LEMMAS:
        return False
    # the aim hung on the verb or on what is fired ("fired a barrage of rockets at Israeli towns")
    holders = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "obj"))]
    aims = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in FIRED_AT_PREPS]
    # "fired missiles into waters around Taiwan": a show of force near a state, not a strike on it
    aims = [a for a in aims if not any(p.lemma_.lower() in SEA_NOUNS for p in pobjects(a))]
    inside = {t.i for a in aims for t in a.subtree}
    # ("fired missiles at radar sites": something struck, whoever's it is)
    struck = any(p.lemma_.lower() in STRUCK_THINGS for a in aims for p in pobjects(a))
    return struck or any(a.root in inside for a in roles.target)


def _weapons_apply(etype: str) -> bool:
    return etype in {"AID", "AGREE", "MOBILIZE", "ASSAULT", "COOPERATE", "SANCTION", "THREATEN", "SUPPORT"}


def _confidence(rule: TriggerRule, tok: Token, roles: Roles) -> float:
    score = 0.35
    score += 0.25 if any(a.actor.code for a in roles.source) else 0.0
    score += 0.2 if any(a.actor.code for a in roles.target) else 0.0
    score += 0.1 if (rule.objects or rule.particle) else 0.0
    score -= 0.1 if tok.pos_ == "NOUN" else 0.0
    return max(0.05, min(0.95, score))


def _plausible_name(text: str, weapon_texts: set[str]) -> bool:
    """An unknown name worth keeping as an actor: capitalised, not a weapon, not a unit."""
    words = [w for w in text.split() if w.lower() not in ("the", "a", "an")]
    if not words or len(text) < 3 or text in weapon_texts:
        return False
    return words[0][:1].isupper() and not any(ch.isdigit() for ch in words[0])


def _actor_index(
    parsed: Any,
    offset: int,
    known: list[Mention],
    doc_id: str,
    weapon_texts: set[str],
    near: Callable[[str, int, int, bool], Mention | None],
) -> tuple[ActorIndex, list[Mention]]:
    index: ActorIndex = {}
    covered: list[tuple[int, int]] = []
    people = [e for e in parsed.ents if e.label_ == "PERSON"]
    text = parsed.text  # a spaCy property that joins every token: read it once
    for m in known:
        span = parsed.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
        if span is None or (m.kind == "person" and _someone_else(span, people)):
            continue
        if _sided_with(text, span.start_char) or _by_a_third(text, m.end - offset):
            covered.append((span.start, span.end))
            continue  # "a U.S.-brokered truce": a broker, not a party
        if _inside_a_longer_name(parsed, span, m):
            covered.append((span.start, span.end))
            continue  # "anti-American protesters": a stance, not a party
        if m.kind == "demonym" and _a_language(span):
            covered.append((span.start, span.end))
            continue  # "restricting the use of Russian in schools": a language, not a party
        if m.kind in ("capital", "place") and _names_a_text(span):
            covered.append((span.start, span.end))
            continue  # "the Minsk agreements", "the Budapest Memorandum": a city in a deal's name
        _index_span(index, span, m)
        covered.append((span.start, span.end))
    extra: list[Mention] = []
    for ent in parsed.ents:
        kind = NER_LABELS.get(ent.label_)
        if kind is None or any(ent.start < e and s < ent.end for s, e in covered):
            continue
        start, end = offset + ent.start_char, offset + ent.end_char
        slip = near(ent.text, start, end, ent.label_ == "PERSON")
        slip_span = None if slip is None else parsed.char_span(slip.start - offset, slip.end - offset, "expand")
        if slip is not None and slip_span is not None:
            extra.append(slip)
            _index_span(index, slip_span, slip)
            continue
        if _plausible_name(ent.text, weapon_texts):  # "Patriot" tagged as a person is a weapon, "X." no one
            extra.append(Mention(doc_id, start, end, ent.text, kind))
        if kind in NER_ACTOR_KINDS and _plausible_name(ent.text, weapon_texts):
            actor = Actor(text=ent.text, code=None, sector=_name_sector(ent))
            index.setdefault(ent.root.i, []).append(ActorSpan(start, end, ent.root.i, actor, (ent.start, ent.end)))
        covered.append((ent.start, ent.end))
    for run in _proper_runs(parsed, covered):  # a misspelt name the tagger did not take for one
        slip = near(run.text, offset + run.start_char, offset + run.end_char, False)
        if slip is not None:
            extra.append(slip)
            _index_span(index, run, slip)
    return index, extra


def _inside_a_longer_name(parsed: Any, span: Any, m: Mention) -> bool:
    """ "Latin American leaders", "the African Union Peace and Security Council": a name that
    is part of a longer one (a body's name of common words after "<Name> and")."""
    before = list(parsed[max(0, span.start - 2) : span.start])
    word = before[0] if len(before) == 2 and before[1].text == "-" else (before[-1] if before else None)
    if m.kind == "demonym" and word is not None and word.lower_ in REGION_WORDS:
        return True  # "Latin American", "Ibero-American", "Inter-American"
    common = all(t.pos_ != "PROPN" or t.text.lower() in COMMON_NAME_WORDS for t in span)
    joined = len(before) == 2 and before[1].lower_ == "and" and before[0].text[:1].isupper()
    return m.kind == "igo" and common and joined


def _a_language(span: Any) -> bool:
    """A demonym that names a language: "the use of Russian", "taught in Ukrainian", "speak
    Arabic" (a singular noun, not "Russians", nor a modifier as in "Russian troops")."""
    root = span.root
    if len(span) != 1 or root.tag_ not in ("NNP", "NN") or root.dep_ in ("amod", "compound", "nmod"):
        return False
    head = root.head
    of_use = root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in LANGUAGE_USES
    taught = root.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() in ("teach", "speak", "broadcast")
    spoken = root.dep_ in ("dobj", "obj") and head.lemma_.lower() in ("speak", "teach", "learn", "ban")
    return of_use or taught or spoken


def _sided_with(text: str, start: int) -> bool:
    """ "anti-American protesters" are not American ("pro-Russian separatists" stay Russia's
    proxies, as event coders code a patron's irregulars)."""
    return text[max(0, start - 5) : start].lower().endswith(("anti-", "anti ", "non-"))  # "non-OPEC producers"


def _by_a_third(text: str, end: int) -> bool:
    """A name joined by a hyphen to "brokered", "mediated", "hosted", "facilitated" or "sponsored"."""
    m = THIRD_PARTY_SUFFIX.match(text, end)
    return m is not None


def _names_a_text(span: Any) -> bool:
    """A city that names an agreement or a format, not a party to it ("the Minsk agreements")."""
    root = span.root
    return root.dep_ == "compound" and root.head.lemma_.lower() in NAMED_TEXT_NOUNS


def _proper_runs(parsed: Any, covered: list[tuple[int, int]]) -> Iterator[Any]:
    """Runs of proper-noun tokens that no known name or entity covers."""
    start = None
    for tok in [*parsed, None]:
        proper = tok is not None and tok.pos_ == "PROPN" and not any(s <= tok.i < e for s, e in covered)
        if proper and start is None:
            start = tok.i
        elif not proper and start is not None:
            yield parsed[start : tok.i if tok is not None else len(parsed)]
            start = None


def _index_span(index: ActorIndex, span: Any, m: Mention) -> None:
    actor = Actor(text=m.text, code=m.code, sector=m.sector, name=m.name, inferred=m.inferred)
    index.setdefault(span.root.i, []).append(ActorSpan(m.start, m.end, span.root.i, actor, (span.start, span.end)))


def _someone_else(span: Any, people: list[Any]) -> bool:
    """ "Chadli Klibi" is not Chadli Bendjedid, "Donald Trump Jr." not his father: a known
    person's name followed, inside one name, by another capitalised word is another person."""
    for ent in people:
        if ent.start <= span.start and span.end < ent.end:
            follower: str = span.doc[span.end].text
            return follower[:1].isupper()
    return False


def _name_sector(ent: Any) -> str | None:
    """The sector an unknown name's own words state ("the Association of African Jurists" -> NGO)."""
    sectors = load_sector_nouns()
    for word in reversed(ent):
        sector = sectors.get(word.lemma_.lower())
        if sector:
            return sector
    return None


def _evidence(doc: Document, sent: Any, offset: int) -> Evidence | None:
    words = [t for t in sent if not t.is_space]
    if not words:
        return None
    start = offset + words[0].idx
    end = offset + words[-1].idx + len(words[-1].text)
    return Evidence(doc.text[start:end], start, end)


@cache
def default_extractor() -> Extractor:
    """One extractor per process (the spaCy model loads once)."""
    return Extractor()


def extract_batch(docs: list[Document]) -> list[Extraction]:
    """The one entry point every runner calls: a batch of documents in, extractions out."""
    return list(default_extractor().extract_many(docs))
