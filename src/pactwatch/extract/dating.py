"""Which date the text gives for an event: its own clause first, never the reporting verb's,
and acts in a "three days after ..." clause counted from the main clause's day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from pactwatch.extract.dates import MONTHS, WEEKDAYS, count_word, resolve_date, same_day_phrase
from pactwatch.extract.syntax import CHARTER_NOUNS, SPEECH_VERBS, Token, clause_verb

MONTH_NAMES = {*MONTHS, *(m[:3] for m in MONTHS), "sept"}  # "Mirage 2000" is no date, "June 2000" is
REASON_PREPS = {"for", "over", "since"}
OTHER_ACT_PREPS = {"for", "after", "over", "following", "since", "before"}
# "on Sunday accused Iran of attacking": not Sunday; "accused Bolivia of a campaign of attacks": Bolivia's
ACCUSING_VERBS = {"accuse", "blame", "charge", "suspect", "convict"}
DENY_VERBS = {"deny", "refute"}  # "denied on Thursday that it had torpedoed the ship": not Thursday
REPORT_VERBS = {"report", "confirm", "announce", "claim", "allege", "reveal", "disclose", "estimate", "conclude"}


@dataclass(frozen=True)
class DateMention:
    ent: Any
    anchor: tuple[str, str] | None
    resolved: tuple[str, str]


def sentence_dates(sent: Any, published: str | None, anchor: list[tuple[str, str]]) -> list[DateMention]:
    """Resolved DATE entities of a sentence; each becomes the anchor for the relative ones after it."""
    found: list[DateMention] = []
    for ent in sorted([*sent.ents, *_untagged_same_day(sent)], key=lambda e: e.start):
        untagged = not ent.label_  # a same-day phrase the tagger missed
        if ent.label_ == "TIME" and WEEKDAY.search(ent.text):  # "on Wednesday night"
            ent = ent.doc[ent.start : ent.end]
        elif not untagged and ent.label_ != "DATE" and not (ent.label_ == "TIME" and same_day_phrase(ent.text)):
            continue
        if _named_thing(ent) or _offset_phrase(ent):
            continue
        last = anchor[-1] if anchor else None
        resolved = resolve_date(_with_direction(ent), published, last)
        for joint in (",", " and "):  # "Saturday, three days"; "December 30 and January 2": the first
            if resolved is None and joint in ent.text:
                resolved = resolve_date(ent.text.split(joint)[0], published, last)
        if resolved is None:
            continue
        found.append(DateMention(ent, last, resolved))
        anchor.append(resolved)
    return found


_SPAN_OF_TIME = re.compile(
    r"^(?:the|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|\d+)\s+(?:day|week|month|year)s?$",
    re.IGNORECASE,
)


WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)


CLOCK_WORDS = {"gmt", "utc", "local", "hours", "hrs", "est", "edt", "cet", "bst", "ist", "pst", "z"}
# nouns a year names rather than dates ("the 2015 nuclear deal")
TEXT_NOUNS = CHARTER_NOUNS | {"deal", "resolution", "law", "constitution", "strategy", "doctrine", "act"}
TEXT_NOUNS |= {"ruling", "verdict", "judgment", "judgement", "decision", "election", "referendum", "census"}
TEXT_NOUNS |= {"contract", "order", "purchase", "sale"}
SAME_DAY_WORDS: tuple[str, ...] = ("later that day", "that same day", "the same day", "within hours", "hours later")
SAME_DAY_WORDS += ("that day", "that night", "that evening", "that morning", "that afternoon", "late in the evening")
SAME_DAY_WORDS += ("overnight", "this morning", "last night", "tonight", "earlier today", "later today")


def _untagged_same_day(sent: Any) -> list[Any]:
    """ "Later that day", "within hours": phrases that keep the day just named, when the
    tagger left them untagged or cut them short (it tags "hours" alone)."""
    found: list[Any] = []
    lowered = sent.text.lower()
    if not any(phrase in lowered for phrase in SAME_DAY_WORDS):
        return found  # the common case: nothing to look for
    tagged = {i for e in sent.ents if e.label_ == "DATE" for i in range(e.start, e.end)}
    for tok in sent:
        for phrase in SAME_DAY_WORDS:
            n = len(phrase.split())
            span = sent.doc[tok.i : tok.i + n]
            if span.end <= sent.end and span.text.lower() == phrase and not tagged & set(range(span.start, span.end)):
                found.append(span)
                tagged |= set(range(span.start, span.end))
                break
    return found


def _named_thing(ent: Any) -> bool:
    """ "Mirage 2000 jets", "Vision 2030": a number in a name, not a year; "at 1645 GMT": a
    clock time; "the 1987 INF treaty", "the 2015 nuclear deal": the year a text is known by."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    if ent.text.isdigit() and after is not None and after.lower_ in CLOCK_WORDS:
        return True
    named = ent.root.dep_ in ("nummod", "compound", "amod") and ent.root.head.lemma_.lower() in TEXT_NOUNS
    if ent.text.isdigit() and named:
        return True
    return ent.text.isdigit() and before is not None and before.pos_ == "PROPN" and before.lower_ not in MONTH_NAMES


def _offset_phrase(ent: Any) -> bool:
    """ "..., a day after Tokayev appealed": an offset from the main clause's date (read by
    the clause dating), not a date of its own; a bare span of time ("a day") is no date."""
    doc = ent.doc
    last = doc[ent.end - 1]
    if last.lower_ in ("after", "before") and ent.end < len(doc) and not doc[ent.end].is_punct:
        return True
    if _SPAN_OF_TIME.match(ent.text) is None:
        return False
    if ent.end >= len(doc) or doc[ent.end].lower_ not in ("before", "after", "earlier", "later"):
        return True  # a duration
    return ent.end + 1 < len(doc) and not doc[ent.end + 1].is_punct  # "a day after X did Y": an offset


def _with_direction(ent: Any) -> str:
    """ "The day before", "the week after": the tagger may leave the direction word out."""
    doc = ent.doc
    follower = doc[ent.end] if ent.end < len(doc) else None
    span_only = _SPAN_OF_TIME.match(ent.text) is not None  # "the day", "two weeks"; not "Monday"
    if follower is None or any(True for _ in follower.children):  # not "a day after the attack"
        return str(ent.text)
    if span_only and follower.lower_ in ("before", "after", "earlier", "later"):
        return f"{ent.text} {follower.text}"
    return str(ent.text)


def _speech_ancestor(date_verb: Token, trigger_verb: Token) -> bool:
    """Whether the date belongs to a reporting verb above the event ("said on Friday that ..."):
    the event sits in the verb's reported clause, told in the past ("that it had shot down");
    a speech act joined to it ("declared war and warned") or one told as ongoing ("announced
    that it was lifting the ban") happens when it is said."""
    telling = SPEECH_VERBS | REPORT_VERBS | DENY_VERBS | ACCUSING_VERBS
    if date_verb.i == trigger_verb.i or date_verb.lemma_.lower() not in telling:
        return False
    current, reported = trigger_verb, False
    for _ in range(8):
        if current.i == date_verb.i:
            return reported and not _told_as_ongoing(trigger_verb)
        if current.head.i == current.i:
            return False
        reported = reported or current.dep_ in ("ccomp", "xcomp", "pcomp")  # "accused X of attacking"
        current = current.head
    return False


def _date_owner(ent: Any) -> Token:
    """The verb a date belongs to; "said on Wednesday he would veto": a date between a speech
    verb and its reported clause's subject is the saying's, wherever the parser hung it."""
    verb = clause_verb(ent.root)
    speech = verb.head
    if verb.dep_ != "ccomp" or speech.lemma_.lower() not in SPEECH_VERBS | REPORT_VERBS:
        return verb
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    between = subjects and speech.i < ent.start and ent.end <= subjects[0].i
    return speech if between else verb


def _told_as_ongoing(verb: Token) -> bool:
    """ "was fully lifting", "is withdrawing": a present or progressive report."""
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


def _contact(relative: Token) -> bool:
    """A relative clause with a subject of its own and no relative word ("the emergency it
    imposed ten months ago"): an earlier act of someone's, dated by itself."""
    subjects = [c for c in relative.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(s.lower_ not in ("which", "that", "who", "whom") for s in subjects)


def pick_date(
    tok: Token,
    dates: list[DateMention],
    published: str | None,
    future: bool,
    previous: tuple[str, str] | None = None,
    acts: frozenset[int] = frozenset(),
) -> tuple[str, str] | None:
    """The date the text gives for this event: in its own clause first; never the reporting
    verb's. ``previous``: the date named last before this sentence, from which "The clashes
    came a day after X did Y" counts back when the sentence names none."""
    verb = clause_verb(tok)
    usable = [d for d in dates if not _speech_ancestor(_date_owner(d.ent), verb) and not _year_of_another(d.ent, tok)]
    related = _offset_clause_date(tok, usable, previous)
    if related is not None:
        return related
    if not usable:
        return None
    if _background_act(tok):  # "a shift triggered by Russia's invasion of Ukraine": not Tuesday's
        own = {t.i for t in tok.subtree}
        pool = [d for d in usable if d.ent.root.i in own or clause_verb(d.ent.root).i == verb.i]
        return _resolved(min(pool, key=lambda d: abs(d.ent.root.i - tok.i)), published, future) if pool else None
    pool = _clause_dates(verb, usable)
    if not pool:
        subtree = {t.i for t in tok.subtree} | {t.i for t in verb.subtree if t.i >= verb.i}
        # "... had supplied missiles, and that Russian forces fired them on December 30": a
        # joined clause with its subject keeps its dates
        apart = {t.i for c in verb.children if c.dep_ == "conj" and _own_clause(c) for t in c.subtree}
        # "the schoolgirls they abducted three years ago": a relative clause's date is its own act's
        # (a relative clause that tells no act, "the warship, which sank in March", may date this one)
        relatives = [r for r in tok.sent if r.dep_ == "relcl" and (r.i in acts or _contact(r)) and tok not in r.subtree]
        apart |= {t.i for r in relatives for t in r.subtree}
        pool = [d for d in usable if d.ent.root.i in subtree - apart] or [
            d for d in usable if d.ent.root.i not in apart
        ]
        if not pool:
            return None
    return _resolved(min(pool, key=lambda d: abs(d.ent.root.i - tok.i)), published, future)


def _resolved(best: DateMention, published: str | None, future: bool) -> tuple[str, str] | None:
    """A date as resolved, or, for an act still ahead, resolved forward ("will fly on Tuesday")."""
    if future:
        return resolve_date(best.ent.text, published, best.anchor, future=True) or best.resolved
    return best.resolved


def _year_of_another(ent: Any, tok: Token) -> bool:
    """ "despite a 1999 pledge", "for its 1990 invasion": a year on another noun dates that
    thing, not this event."""
    root = ent.root
    year = ent.text.isdigit() and len(ent.text) == 4
    return year and root.dep_ in ("nummod", "compound", "amod") and root.head.pos_ == "NOUN" and root.head.i != tok.i


def _background_act(tok: Token) -> bool:
    """An act named as the cause or reason of another ("triggered by the invasion", "in
    retaliation for the attack"): it keeps only the dates of its own phrase and clause."""
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj":
        return False
    # not "after talks with X": what comes just before is mostly told on the same day
    return tok.head.lower_ in REASON_PREPS or (tok.head.lower_ == "by" and tok.head.dep_ == "agent")


def _own_clause(verb: Token) -> bool:
    """A joined clause with its own subject, or its own future ("has sent troops and will
    complete the evacuation by August 31")."""
    return _has_subject(verb) or any(c.dep_ == "aux" and c.lemma_.lower() in ("will", "shall") for c in verb.children)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _of_another_act(date_root: Token, verb: Token) -> bool:
    """ "struck ... in retaliation for the killing of 26 tourists last month": a date inside a
    reason or a time phrase belongs to the act named there."""
    current = date_root
    while current.i != verb.i and current.head.i != current.i:
        if current.dep_ == "pobj" and current.pos_ == "NOUN" and current.head.lower_ in OTHER_ACT_PREPS:
            return True
        current = current.head
    return False


def _clause_dates(verb: Token, dates: list[DateMention]) -> list[DateMention]:
    """The dates of the clause an act is told in, else of the clauses above it ("expelled two
    diplomats on Wednesday, accusing Moscow of ... the killing in August": Wednesday); a date
    deep in a clause or noun phrase of its own ("the girls they had seized last month") is not
    the act's."""
    own = [d for d in dates if clause_verb(d.ent.root).i == verb.i and not _of_another_act(d.ent.root, verb)]
    if own:
        return own
    above: list[int] = []
    current = verb
    while current.head.i != current.i and len(above) < 4:
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            above.append(current.i)
    for i in above:  # the nearest clause above that has a date
        found = [d for d in dates if clause_verb(d.ent.root).i == i]
        if found:
            return found
    return []


def _offset_clause(verb: Token) -> tuple[Token, tuple[int, str]] | None:
    """The "three days after X did Y" clause around ``verb``, with its signed offset and unit."""
    current, steps = verb, 0
    while steps < 5:
        found = _offset_of(current)
        if found is not None:
            return current, found
        if current.head.i == current.i:
            return None
        current, steps = current.head, steps + 1
    return None


def _offset_of(tok: Token) -> tuple[int, str] | None:
    """The step from the main clause's date when ``tok`` heads "N days after/before ..." (a
    clause with that mark, or the preposition itself: "two days after Iranian strikes"), as a
    signed count and its unit (``day``, ``month`` or ``year``)."""
    if tok.dep_ in ("advcl", "conj", "ccomp"):  # the parse may join "a day after X did Y" as a conjunct
        words = [c.lower_ for c in tok.children if c.dep_ == "mark"]
    elif tok.dep_ == "prep":
        words = [tok.lower_]
    else:
        return None
    marks = [c for c in tok.children if c.dep_ == "mark"]
    # "three days after X met Y": the span may hang on the verb or on its "after"
    spans = [c for h in (tok, *marks) for c in h.children if c.dep_ == "npadvmod"]
    # "came a day after X warned": the span may hang on the main verb, right before "after"
    spans += [c for c in tok.head.children if c.dep_ == "npadvmod" and marks and c.right_edge.i + 1 == marks[0].i]
    if not words or words[0] not in ("after", "before") or not spans:
        return None
    step = _span_step(" ".join(t.text for t in spans[0].subtree))
    if step is None:
        return None
    return (-step[0] if words[0] == "after" else step[0]), step[1]


SPAN_UNITS = {"hour": ("day", 0), "day": ("day", 1), "week": ("day", 7), "month": ("month", 1), "year": ("year", 1)}


def _span_step(text: str) -> tuple[int, str] | None:
    """ "three days", "a week", "seven years" -> (count, unit); None for any other span."""
    words = text.lower().split()
    if words in (["hours"], ["minutes"], ["moments"]):  # "hours after the shelling": the same day
        return 0, "day"
    if len(words) != 2 or words[1].rstrip("s") not in SPAN_UNITS:
        return None
    count = count_word(words[0])
    unit, size = SPAN_UNITS[words[1].rstrip("s")]
    return None if count is None else (count * size, unit)


def _offset_clause_date(
    verb: Token, dates: list[DateMention], previous: tuple[str, str] | None = None
) -> tuple[str, str] | None:
    """An act dated relative to the main clause: "..., three days after Washington expelled ..."."""
    found = _offset_clause(verb)
    if found is None:
        return None
    clause, (offset, unit) = found
    inside = {t.i for t in clause.subtree}
    # "seven years after": a main date at least as precise as the step ("March 2023" -> 2016)
    fine = PRECISIONS[: PRECISIONS.index(unit) + 1]
    main = [d.resolved for d in dates if d.ent.start not in inside and d.resolved[1] in fine]
    if not main and previous is not None and previous[1] in fine and not dates:
        main = [previous]  # the sentence names no date: its main clause goes on from the last one
    if not main:
        return None
    return _stepped(main[0][0], offset, unit)


PRECISIONS = ("day", "month", "year")


def _stepped(iso: str, offset: int, unit: str) -> tuple[str, str]:
    """An ISO date moved by ``offset`` units, at that unit's precision."""
    year, month = int(iso[:4]), int(iso[5:7]) if len(iso) >= 7 else 1
    if unit == "day":
        return date.fromordinal(date.fromisoformat(iso).toordinal() + offset).isoformat(), "day"
    if unit == "month":
        months = year * 12 + month - 1 + offset
        return f"{months // 12:04d}-{months % 12 + 1:02d}", "month"
    return f"{year + offset:04d}", "year"
