"""How sure a report is: asserted, planned, proposed, speculative or denied."""

from __future__ import annotations

from pactwatch.extract.syntax import Token, accusers_act_misjoined, beyond_semicolon, headline_subject, infinitive
from pactwatch.ontology import ModalityCue

RANK = {"denied": 4, "proposed": 3, "speculative": 2, "planned": 1, "asserted": 0}
REPORTING_ONLY = {"suggest"}  # a weak proposal verb: placed after its clause it only reports it
PASSIVE_ONLY = {"say", "reported", "report"}
CLIMB = {"xcomp", "ccomp", "pcomp", "prep", "auxpass", "pobj", "dobj"}
CLAIM_NOUNS = {"claim", "allegation", "accusation", "report", "charge", "suggestion", "rumour", "rumor", "assertion"}
CONFIRMING_VERBS = {"confirm", "verify", "corroborate", "substantiate"}
CLAIMING_VERBS = {"accuse", "claim", "allege", "blame", "charge", "say"}
NO_CHOICE = {"choice", "option", "alternative"}  # "no choice but to act": the act, not its denial
FEARED = {"fear"}  # a verb cue that, as a noun, also hedges what it governs ("fears of an invasion")
HEARSAY_NOUNS = {"report", "rumour", "rumor"}  # "according to reports", "unconfirmed reports said"
DOUBT_WORDS = {"unconfirmed", "unverified", "uncorroborated"}
EVIDENCE_NOUNS = {"evidence", "proof", "indication", "sign"}
UNHESITATING = {"hesitate", "waver", "flinch", "shrink"}  # "will not hesitate to strike" affirms the act
REBUTTING_VERBS = {"reject", "dismiss", "deny", "refute", "rebuff", "contest", "dispute"}


def _local(tok: Token, cues: dict[str, ModalityCue]) -> set[str]:
    found: set[str] = set()
    for child in tok.children:
        word = child.lower_
        cue = cues.get(word)
        if child.dep_ == "neg" or no_longer(child):
            found.add("denied")
        elif (child.dep_ in ("aux", "auxpass") and cue and cue.kind == "aux") or (
            child.dep_ == "advmod" and cue and cue.kind == "adverb"
        ):
            found.add(cue.modality)
        elif (child.dep_ == "det" and word == "no") or (child.dep_ == "preconj" and word == "neither"):
            found.add("denied")
        elif child.dep_ == "amod" and cue and cue.kind == "adj" and tok.pos_ == "NOUN":
            found.add(cue.modality)  # "a possible U.S. strike"
    return found


def no_longer(child: Token) -> bool:
    """ "will no longer provide": the parser hangs the "no" on "longer", not on the verb."""
    return (
        child.dep_ == "advmod" and child.lower_ in ("longer", "more") and any(g.lower_ == "no" for g in child.children)
    )


def _governing(tok: Token, cues: dict[str, ModalityCue]) -> set[str]:
    found: set[str] = set()
    current, steps = tok, 0
    while _climbs(current) and current.head.i != current.i and steps < 4:
        if beyond_semicolon(current):
            break
        # "accused X of ramming and boarding": a conjunct shares its first verb's frame, but not
        # that verb's own cue ("denied the report and attacked" is no denial of the attack)
        joined = current.dep_ == "conj"
        if joined and accusers_act_misjoined(current):
            break  # "accused X of orchestrating the riots and expelled ...": told, not alleged
        # "would not recognise the junta and called on ...": a verb with a tense of its own keeps it
        own_tense = joined and current.tag_ in ("VBD", "VBZ", "VBP")
        current, steps = current.head, steps + 1
        if own_tense:
            continue  # the first verb's "would" is not this one's; what governs both still counts
        if joined:
            nor = any(c.dep_ == "preconj" and c.lower_ == "neither" for c in current.children)  # "neither X nor Y"
            found |= _local(current, cues) - ({"denied"} if not nor else set())
            continue
        if current.pos_ not in ("VERB", "AUX"):
            # "had no intention of exporting" denies; "had no choice but to strike" does not
            forced = current.lemma_.lower() in NO_CHOICE and any(c.lower_ == "but" for c in current.subtree)
            found |= set() if forced else {"denied"} & _local(current, cues)
            cue = cues.get(current.lemma_.lower())
            # "on fears of a Russian invasion", "hopes of a ceasefire", "concerns about a strike"
            hedging = current.lemma_.lower() in FEARED or (cue is not None and cue.kind == "noun")
            if current.pos_ == "NOUN" and hedging and (cue is None or cue.modality == "speculative"):
                found.add("speculative")
            if current.pos_ == "ADJ" and cue and cue.kind in ("adj", "adverb"):  # "is due to arrive", "is likely to"
                found.add(cue.modality)
            continue
        if ruling_out(current):  # "has not ruled out sending weapons": possible, not denied
            found.add("speculative" if any(c.dep_ == "neg" for c in current.children) else "denied")
            continue
        if current.lemma_.lower() in UNHESITATING and any(c.dep_ == "neg" for c in current.children):
            found |= _local(current, cues) - {"denied"}  # "would not hesitate to use nuclear weapons": would use
            continue
        cue = cues.get(current.lemma_.lower())
        # "three Serbs suspected of attacking": a reduced relative is passive too
        reduced = current.dep_ == "acl" and current.tag_ == "VBN"
        passive = reduced or any(c.dep_ == "auxpass" for c in current.children)
        # "X may now be sold to Y, a source suggested": a weak verb after its clause only reports it
        reporting = current.lemma_.lower() in REPORTING_ONLY and current.i > tok.i
        if cue and cue.kind == "verb" and not reporting and (passive or current.lemma_.lower() not in PASSIVE_ONLY):
            found.add(cue.modality)
        found |= _local(current, cues)
    return found


def _climbs(tok: Token) -> bool:
    """Whether a cue above ``tok`` colours it; "denied planning to occupy": through a gerund's clause."""
    if tok.dep_ in CLIMB | {"conj"}:
        return True
    head: str = tok.head.lower_
    return tok.dep_ == "acl" and tok.tag_ != "VBN" and head.endswith("ing")


def _lacking_evidence(tok: Token) -> set[str]:
    """ "there was no evidence the attacks came from Yemen": an act nothing shows is uncertain."""
    current = tok
    for _ in range(5):
        if current.head.i == current.i:
            return set()
        current = current.head
        if current.lemma_.lower() in EVIDENCE_NOUNS and any(c.lower_ in ("no", "little") for c in current.children):
            return {"speculative"}
    return set()


def ruling_out(verb: Token) -> bool:
    """ "rule out": its negation leaves the act open."""
    return verb.lemma_.lower() == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)


def _owning_noun(tok: Token, cues: dict[str, ModalityCue]) -> set[str]:
    """ "Russia's plan to deploy", "an offer to mediate": the noun a clause hangs from."""
    if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and tok.tag_ != "VBN":  # not "a deal brokered by Qatar"
        owner = tok.head
    elif tok.dep_ == "advcl" and infinitive(tok):
        # "signed a deal to buy jets": the parse hangs the infinitive on the verb, not the deal
        objects = [c for c in tok.head.children if c.dep_ in ("dobj", "obj")]
        owner = objects[0] if objects else None
    else:
        owner = None
    cue = cues.get(owner.lemma_.lower()) if owner is not None else None
    if owner is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in owner.children):
        return {"denied"}  # "has no plans to deploy troops"
    return {cue.modality} if cue and cue.kind in ("noun", "verb") else set()


def _rebutted_claim(tok: Token) -> set[str]:
    """ "rejected claims that it had shelled Donetsk": the claimed act is denied."""
    claim = tok.head
    if tok.dep_ not in ("acl", "ccomp") or claim.lemma_.lower() not in CLAIM_NOUNS:
        return set()
    return {"denied"} if claim.dep_ in ("dobj", "obj") and claim.head.lemma_.lower() in REBUTTING_VERBS else set()


def _disputed_after(tok: Token) -> set[str]:
    """ "Russian mercenaries have been deployed to Mali, a claim Bamako denies": the sentence
    goes on to call what it told a claim that someone rejects."""
    claims = [t for t in tok.sent[tok.i - tok.sent.start + 1 :] if t.lemma_.lower() in CLAIM_NOUNS]
    claims = [t for t in claims if t.dep_ in ("appos", "npadvmod", "dobj", "attr")]
    claims = [t for t in claims if _about(t, tok)]
    clauses = [c for t in claims for c in t.children if c.dep_ in ("relcl", "acl")]
    rebutted = any(c.lemma_.lower() in REBUTTING_VERBS for c in clauses)
    # "a claim India has not confirmed", "a claim that could not be independently verified"
    unconfirmed = any(
        c.lemma_.lower() in CONFIRMING_VERBS and any(g.dep_ == "neg" for g in c.children) for c in clauses
    )
    return {"speculative"} if rebutted or unconfirmed else set()


def _about(claim: Token, tok: Token) -> bool:
    """Whether a trailing "a claim ..." is about ``tok``'s act: it sits in the clause the claim
    hangs on, not in a clause joined before it, and it is not the claiming itself."""
    clause = claim.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    joined = [c for c in clause.children if c.dep_ == "conj" and c.i < claim.i]
    while joined:  # "recognised X and accused Kyiv of genocide, a claim ...": the nearer clause
        clause = max(joined, key=lambda c: c.i)
        joined = [c for c in clause.children if c.dep_ == "conj" and c.i < claim.i]
    if tok.i == clause.i and clause.lemma_.lower() in CLAIMING_VERBS:
        return False  # "accused Kyiv of genocide, a claim X rejects": the accusing was made
    return tok.i in {t.i for t in clause.subtree}


def _yet_to(tok: Token) -> set[str]:
    """ "has yet to withdraw its troops": the act has not happened."""
    head = tok.head if tok.dep_ == "xcomp" else None
    yet = head is not None and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children)
    return {"denied"} if yet else set()


def _hearsay(tok: Token) -> set[str]:
    """ "..., according to unconfirmed reports", "unconfirmed reports said ...": told on reports
    nobody vouches for."""
    reports = [t for t in tok.sent if t.lemma_.lower() in HEARSAY_NOUNS and t.i != tok.i]
    doubted = [r for r in reports if any(c.lower_ in DOUBT_WORDS for c in r.children)]
    # "according to reports": press reports nobody names, not "a report by UN monitors"
    cited = [r for r in reports if r.head.lower_ == "to" and r.head.head.lower_ == "according" and _unattributed(r)]
    return {"speculative"} if doubted or cited else set()


def _unattributed(report: Token) -> bool:
    """Reports in the plural with no author named ("by UN monitors", "UN reports")."""
    owners = [c for c in report.children if c.dep_ in ("poss", "compound")]
    authors = [c for c in report.children if c.dep_ == "prep" and c.lower_ in ("by", "from")]
    return bool(report.tag_ == "NNS" and not owners and not authors)


def _without(tok: Token) -> set[str]:
    """ "was turned away without meeting Tiani": what was done without did not happen."""
    return {"denied"} if tok.dep_ == "pcomp" and tok.head.lower_ == "without" else set()


def modality_of(tok: Token, cues: dict[str, ModalityCue], implied: str | None = None) -> str:
    """The strongest modality signalled around trigger ``tok`` (denial beats a hedge)."""
    found = _local(tok, cues) | _governing(tok, cues) | _owning_noun(tok, cues) | _rebutted_claim(tok)
    found |= _without(tok) | _yet_to(tok) | _hearsay(tok)
    found |= _disputed_after(tok) | _lacking_evidence(tok)
    if tok.pos_ == "NOUN" and tok.head.pos_ in ("VERB", "AUX"):
        found |= _local(tok.head, cues) | _governing(tok.head, cues)
    verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "obj") else tok
    if verb.pos_ == "VERB" and headline_subject(verb) is not None:
        found.add("planned")  # "Russia to send more troops to Syria": a headline's act to come
    if implied:
        found.add(implied)
    return max(found, key=lambda m: RANK[m]) if found else "asserted"
