"""Cross-article event merging: one real-world event, many mentions, one cluster.

Every event row the extractor stores is a *mention*: one sentence of one
document. Several articles reporting the same event give several mentions;
this module groups them, deterministically, into clusters. Two mentions may
share a cluster only when all of these hold:

1. **Same PLOVER type**, and a **compatible modality**: ``denied`` only with
   ``denied``, ``proposed`` only with ``proposed``; ``asserted``, ``planned`` and
   ``speculative`` reports of one event merge (the cluster keeps the strongest).
2. **Compatible actors**: the coded actors of one are a subset of the other's,
   and no actor is the source in one and the target in the other (a mention
   whose two or more actors all sit on one side is a joint act and has no
   direction to contradict). A mention without any coded actor never merges.
3. **Compatible dates**: each mention covers an interval of days. A day-precise
   date covers that day, a month or year its whole period; a mention without a
   date covers the :data:`UNDATED_WINDOW` days up to its document's publication
   day (news reports an undated event in the days before it is published). The
   intervals, widened by :data:`DAY_TOLERANCE` for time zones and "yesterday"
   drift, must overlap. Mentions with neither date nor publication day never merge.
4. **No conflicting detail**: both name weapons but none in common -> apart.
5. **Similar evidence**: the IDF-weighted cosine of the two evidence sentences'
   content words, without stop words, dates and the words naming the actors
   (names, aliases, demonyms, capitals, leaders), crudely stemmed, is at least
   :data:`SIMILARITY_EXACT` when the dates agree to the day and the actor sets are
   equal, :data:`SIMILARITY_EXACT_SUBSET` when they agree to the day and one actor
   set is inside the other, and :data:`SIMILARITY_LOOSE` otherwise. Dates "agree to
   the day" when both are day-precise within the tolerance, or when one is
   day-precise and the other mention is undated in a document published up to
   :data:`FRESH_REPORT_DAYS` days later (a fresh report of the event).
6. **Different documents**, except two mentions of the same sentence (one
   sentence that yielded the same event twice).

Clustering is complete-linkage and greedy: mentions are taken in the order of
publication, and each joins the existing cluster whose every member it is
compatible with and whose best similarity is highest, or founds a new one.
Complete linkage stops chains (A~B, B~C, but A and C different events) from
growing into one event. A cluster's id is a hash of its founding mention's id,
so re-running the merge on the same store gives the same ids. The event rows
themselves are never touched; :func:`undo_merge` deletes the clusters.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from pactwatch.analyse.weights import load_weights
from pactwatch.kb import load_actor_entries
from pactwatch.model import Actor, Event, hash_id
from pactwatch.store import Store
from pactwatch.store.clusters import (
    ClusterRow,
    MemberRow,
    TieRow,
    all_mentions,
    clear_clusters,
    merge_due,
    replace_clusters,
)

DAY_TOLERANCE = 1
UNDATED_WINDOW = 7
FRESH_REPORT_DAYS = 2
SIMILARITY_EXACT = 0.08
SIMILARITY_EXACT_SUBSET = 0.10
SIMILARITY_LOOSE = 0.25
ALLIANCE_CODES = {"SUN": "RUS"}
"""Historical codes mapped for alliance purposes (SPEC: ``SUN`` may be mapped to ``RUS``)."""

MODALITY_RANK = {"asserted": 0, "planned": 1, "speculative": 2, "proposed": 3, "denied": 4}
_SEPARATE_MODALITIES = ("denied", "proposed")
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
_WORD = re.compile(r"[a-z][a-z0-9'-]+|\d{2,}(?:[.,]\d+)*")
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "during",
        "each",
        "either",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "least",
        "less",
        "many",
        "may",
        "might",
        "more",
        "most",
        "much",
        "must",
        "near",
        "neither",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "per",
        "said",
        "same",
        "says",
        "she",
        "should",
        "since",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "would",
        "yet",
        "you",
        "according",
        "added",
        "announced",
        "called",
        "confirmed",
        "described",
        "reported",
        "reporting",
        "reports",
        "report",
        "saying",
        "state",
        "media",
        "statement",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "told",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "day",
        "days",
        "today",
        "yesterday",
        "tomorrow",
        "earlier",
        "later",
        "first",
        "last",
        "new",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "president",
        "minister",
        "leader",
        "foreign",
        "defence",
        "defense",
        "prime",
        "secretary",
        "official",
        "officials",
        "government",
    ]
)


@dataclass(frozen=True)
class Report:
    """A mention to merge: an event row and its document's publication day."""

    event: Event
    published: str | None


@dataclass(frozen=True)
class Window:
    """The days a mention may describe, and whether its date is day-precise."""

    lo: date
    hi: date
    exact: bool


@dataclass(frozen=True)
class Match:
    """Why two mentions may be one event: the similarity score and the reason in words."""

    score: float
    reason: str


@dataclass
class Cluster:
    """Mentions of one event; ``reasons[event_id]`` says why each joined."""

    founder: Report
    position: int
    members: list[Report] = field(default_factory=list)
    reasons: dict[str, Match] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """``cl-`` + a hash of the founding mention's id: stable across re-runs."""
        return "cl-" + hash_id(self.founder.event.id)


def alliance_code(code: str) -> str:
    """The code a state counts as in the alliance graph (``SUN`` -> ``RUS``)."""
    return ALLIANCE_CODES.get(code, code)


def codes(actors: Iterable[Actor]) -> frozenset[str]:
    """The coded actors, mapped for alliance purposes; a party only inferred from the place of
    the act ("a bomb near Samarra") or coded by an office its holder has left is no party to
    an alliance tie."""
    return frozenset(alliance_code(a.code) for a in actors if a.code and not a.inferred)


def _parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def period(value: str | None) -> tuple[date, date] | None:
    """The first and last day of an ISO date at any precision (``2024``, ``2024-06``, ``2024-06-19``)."""
    if not value:
        return None
    try:
        if len(value) == 4:
            year = int(value)
            return date(year, 1, 1), date(year, 12, 31)
        if len(value) == 7:
            first = date.fromisoformat(value + "-01")
            following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            return first, following - timedelta(days=1)
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day, day


def window(report: Report) -> Window | None:
    """The days the mention may describe (see the module docstring), or None when unknown."""
    span = period(report.event.date)
    if span is not None:
        return Window(span[0], span[1], span[0] == span[1])
    published = _parse_day(report.published)
    if published is None:
        return None
    return Window(published - timedelta(days=UNDATED_WINDOW), published, False)


def effective_day(event_date: str | None, published: str | None) -> str | None:
    """The one day an event counts on in time-aware analyses.

    A day-precise date is that day. A month or a year counts at its middle, but no
    later than the publication day when the document appeared inside the period (a
    report cannot precede what it reports as done). No date: the publication day.
    """
    span = period(event_date)
    pub = _parse_day(published)
    if span is None:
        return pub.isoformat() if pub else None
    lo, hi = span
    middle = lo + (hi - lo) / 2
    if pub is not None and lo <= pub <= hi:
        middle = min(middle, pub)
    return middle.isoformat()


def _roles(event: Event) -> dict[str, str]:
    roles: dict[str, str] = {}
    for code in codes(event.source):
        roles[code] = "S"
    for code in codes(event.target):
        roles[code] = "ST" if roles.get(code) == "S" else "T"
    return roles


def _joint(event: Event) -> bool:
    """Two or more coded actors, all on one side: a joint act without direction."""
    src, tgt = codes(event.source), codes(event.target)
    return (len(src) >= 2 and not tgt) or (len(tgt) >= 2 and not src)


def actors_match(a: Event, b: Event) -> str | None:
    """A description of how the actors agree, or None when they are incompatible."""
    ra, rb = _roles(a), _roles(b)
    sa, sb = set(ra), set(rb)
    if not sa or not sb or not (sa <= sb or sb <= sa):
        return None
    if not (_joint(a) or _joint(b)):
        for code in sa & sb:
            if {ra[code], rb[code]} == {"S", "T"}:
                return None
    if sa == sb:
        return "actors " + ",".join(sorted(sa))
    small, big = (sa, sb) if sa <= sb else (sb, sa)
    return f"actors {','.join(sorted(small))} within {','.join(sorted(big))}"


def dates_match(a: Report, b: Report) -> tuple[bool, str] | None:
    """(agree to the day?, description) when the windows overlap, else None."""
    wa, wb = window(a), window(b)
    if wa is None or wb is None:
        return None
    slack = timedelta(days=DAY_TOLERANCE)
    if wa.lo > wb.hi + slack or wb.lo > wa.hi + slack:
        return None
    da = a.event.date or f"undated (published {a.published})"
    db = b.event.date or f"undated (published {b.published})"
    if wa.exact and wb.exact:
        return True, f"dates {da} ~ {db} ({'same day' if wa.lo == wb.lo else 'within a day'})"
    if _fresh_report(a, wa, b) or _fresh_report(b, wb, a):
        return True, f"dates {da} ~ {db} (undated report within {FRESH_REPORT_DAYS} days)"
    return False, f"dates {da} ~ {db} (overlapping)"


def _fresh_report(dated: Report, win: Window, undated: Report) -> bool:
    """``undated`` has no date and appeared at most FRESH_REPORT_DAYS after ``dated``'s day."""
    published = _parse_day(undated.published)
    if not win.exact or undated.event.date or published is None:
        return False
    return timedelta(0) <= published - win.lo <= timedelta(days=FRESH_REPORT_DAYS)


def modalities_match(a: str, b: str) -> bool:
    """Denials and proposals merge only with their own kind; the other modalities merge freely."""
    if a in _SEPARATE_MODALITIES or b in _SEPARATE_MODALITIES:
        return a == b
    return True


@cache
def _actor_words() -> dict[str, frozenset[str]]:
    """For each code, the words of its names, aliases, demonyms, capitals and leaders."""
    words: dict[str, set[str]] = defaultdict(set)
    for entry in load_actor_entries():
        words[alliance_code(entry.code)].update(_WORD.findall(entry.alias.lower()))
    return {code: frozenset(w) for code, w in words.items()}


def content_words(event: Event) -> frozenset[str]:
    """Evidence words that describe what happened: no stop words, dates or actor names."""
    names: set[str] = set()
    actor_words = _actor_words()
    for actor in (*event.source, *event.target):
        names.update(_WORD.findall(actor.text.lower()))
        if actor.code:
            names |= actor_words.get(alliance_code(actor.code), frozenset())
    words = _WORD.findall(event.evidence.text.lower())
    kept = (w for w in words if w not in STOPWORDS and w not in names and not _is_year(w))
    return frozenset(stem(w) for w in kept)


def stem(word: str) -> str:
    """A crude suffix stripper: ``signed``, ``signs``, ``signing`` -> ``sign``; ``treaties`` -> ``treaty``."""
    word = word.removesuffix("'s")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    return word.removesuffix("e") if len(word) > 4 else word


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


class Similarity:
    """IDF-weighted cosine of content-word sets; the IDF comes from every mention merged."""

    def __init__(self, reports: Sequence[Report]) -> None:
        self.words = {r.event.id: content_words(r.event) for r in reports}
        df: Counter[str] = Counter()
        for words in self.words.values():
            df.update(words)
        n = len(self.words)
        self.idf = {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in df.items()}
        self.norm = {k: math.sqrt(sum(self.idf[w] ** 2 for w in ws)) for k, ws in self.words.items()}

    def score(self, a: Event, b: Event) -> float:
        """Cosine in [0, 1]; 0 when either sentence has no content word."""
        wa, wb = self.words.get(a.id, frozenset()), self.words.get(b.id, frozenset())
        na, nb = self.norm.get(a.id, 0.0), self.norm.get(b.id, 0.0)
        if not na or not nb:
            return 0.0
        return sum(self.idf[w] ** 2 for w in wa & wb) / (na * nb)


def match(a: Report, b: Report, sim: Similarity) -> Match | None:
    """Whether two mentions may report one event (module docstring rules 1-6), and why."""
    ea, eb = a.event, b.event
    if ea.type != eb.type or not modalities_match(ea.modality, eb.modality):
        return None
    if ea.weapons and eb.weapons and not set(ea.weapons) & set(eb.weapons):
        return None
    actors = actors_match(ea, eb)
    if actors is None:
        return None
    if ea.doc_id == eb.doc_id:
        same = (ea.evidence.start, ea.evidence.end) == (eb.evidence.start, eb.evidence.end)
        return Match(1.0, f"{ea.type}; {actors}; same sentence of {ea.doc_id}") if same else None
    dates = dates_match(a, b)
    if dates is None:
        return None
    exact, date_reason = dates
    score = sim.score(ea, eb)
    needed = SIMILARITY_LOOSE
    if exact:
        needed = SIMILARITY_EXACT if " within " not in actors else SIMILARITY_EXACT_SUBSET
    if score < needed:
        return None
    return Match(score, f"{ea.type}; {actors}; {date_reason}; evidence similarity {score:.2f} >= {needed:.2f}")


def _order(report: Report) -> tuple[str, str, int, str]:
    return (report.published or "9999", report.event.doc_id, report.event.evidence.start, report.event.id)


def _bins(report: Report) -> list[tuple[str, str, str]]:
    """Index keys (type, actor, month) under which a mention's possible partners are filed."""
    win = window(report)
    actors = set(_roles(report.event))
    if win is None or not actors:
        return []
    months: list[str] = []
    day = (win.lo - timedelta(days=DAY_TOLERANCE)).replace(day=1)
    last = win.hi + timedelta(days=DAY_TOLERANCE)
    while day <= last:
        months.append(day.isoformat()[:7])
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return [(report.event.type, code, month) for code in sorted(actors) for month in months]


def cluster_reports(reports: Sequence[Report]) -> list[Cluster]:
    """Group mentions into clusters (complete linkage, greedy, in publication order)."""
    sim = Similarity(reports)
    clusters: list[Cluster] = []
    index: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for report in sorted(reports, key=_order):
        keys = _bins(report)
        candidates = sorted({i for key in keys for i in index.get(key, ())})
        best = _best_cluster(report, [clusters[i] for i in candidates], sim)
        if best is None:
            cluster = Cluster(report, len(clusters), [report], {report.event.id: Match(1.0, "founding mention")})
            clusters.append(cluster)
        else:
            cluster, found = best
            cluster.members.append(report)
            cluster.reasons[report.event.id] = found
        for key in keys:
            if cluster.position not in index[key][-1:]:
                index[key].append(cluster.position)
    return clusters


def _best_cluster(report: Report, candidates: list[Cluster], sim: Similarity) -> tuple[Cluster, Match] | None:
    best: tuple[Cluster, Match] | None = None
    for cluster in candidates:
        if any(m.event.doc_id == report.event.doc_id and not _same_span(m, report) for m in cluster.members):
            continue
        found = [match(report, member, sim) for member in cluster.members]
        if any(f is None for f in found):
            continue
        top = max((f for f in found if f is not None), key=lambda f: f.score)
        if best is None or top.score > best[1].score:
            best = (cluster, top)
    return best


def _same_span(a: Report, b: Report) -> bool:
    return (a.event.evidence.start, a.event.evidence.end) == (b.event.evidence.start, b.event.evidence.end)


def representative(cluster: Cluster) -> Report:
    """The most informative member: directed, most coded actors, most precise date, most confident."""

    def rank(r: Report) -> tuple[int, int, int, float, tuple[str, str, int, str]]:
        e = r.event
        directed = 0 if codes(e.source) and codes(e.target) else 1
        precision = _PRECISION_RANK.get(e.date_precision or "", 3)
        return (directed, -len(_roles(e)), precision, -e.confidence, _order(r))

    return min(cluster.members, key=rank)


def best_date(cluster: Cluster) -> tuple[str | None, str | None]:
    """The most precise date the members give (the most reported one on a tie, then the earliest)."""
    dated = [m.event for m in cluster.members if m.event.date]
    if not dated:
        return None, None
    votes = Counter((e.date, e.date_precision) for e in dated)

    def rank(item: tuple[str | None, str | None]) -> tuple[int, int, str]:
        return (_PRECISION_RANK.get(item[1] or "", 3), -votes[item], item[0] or "")

    return min(votes, key=rank)


def combined_confidence(cluster: Cluster) -> float:
    """Independent reports corroborate: ``1 - prod(1 - c)``, capped at 0.99."""
    doubt = 1.0
    for m in cluster.members:
        doubt *= 1.0 - max(0.0, min(1.0, m.event.confidence))
    return round(min(0.99, 1.0 - doubt), 4)


def cluster_row(cluster: Cluster) -> ClusterRow:
    """The stored summary of a cluster."""
    rep = representative(cluster)
    when, precision = best_date(cluster)
    published = min((m.published for m in cluster.members if m.published), default=None)
    weapons = list(dict.fromkeys(w for m in cluster.members for w in m.event.weapons))
    modality = min((m.event.modality for m in cluster.members), key=lambda x: MODALITY_RANK.get(x, 9))
    return ClusterRow(
        id=cluster.id,
        rep_event_id=rep.event.id,
        type=rep.event.type,
        date=when,
        date_precision=precision,
        day=effective_day(when, published),
        modality=modality,
        confidence=combined_confidence(cluster),
        weapons=tuple(weapons),
        n_members=len(cluster.members),
    )


MODALITY_WEIGHT = {"asserted": 1.0, "planned": 0.6, "speculative": 0.4, "proposed": 0.4, "denied": 0.0}
"""How much a cluster's ties count by modality: a denied event did not happen as far as the record says."""


def ties(cluster: Cluster, row: ClusterRow) -> list[TieRow]:
    """The cluster's actor pairs: every source -> target, and co-sources as an undirected joint act.

    ``weight`` is the modality weight times the combined confidence; ``signed``
    multiplies it by the type's documented weight (``analyse/weights.py``).
    """
    if row.day is None:
        return []
    rep = representative(cluster).event
    weight = MODALITY_WEIGHT.get(row.modality, 0.0) * row.confidence
    if weight <= 0.0:
        return []
    src, tgt = sorted(codes(rep.source)), sorted(codes(rep.target))
    pairs = {(a, b, True) for a in src for b in tgt if a != b}
    if not tgt:
        pairs |= {(a, b, False) for a in src for b in src if a < b}
    if not src:
        pairs |= {(a, b, False) for a in tgt for b in tgt if a < b}
    table = load_weights()
    return [
        TieRow(cluster.id, a, b, d, rep.type, row.day, round(weight, 6), round(table.signed(rep.type, d, weight), 6))
        for a, b, d in sorted(pairs)
    ]


@dataclass(frozen=True)
class MergeReport:
    """What a merge run did."""

    mentions: int
    clusters: int
    merged: int

    def summary(self) -> str:
        """One line for the user."""
        return f"merged {self.mentions} mentions into {self.clusters} events ({self.merged} mentions joined another)"


def merge_store(store: Store) -> MergeReport:
    """Recompute every cluster from the untouched event rows and store them (idempotent)."""
    reports = [Report(event, published) for event, published in all_mentions(store)]
    clusters = cluster_reports(reports)
    rows = [cluster_row(c) for c in clusters]
    members = [
        MemberRow(m.event.id, c.id, c.reasons[m.event.id].score, c.reasons[m.event.id].reason)
        for c in clusters
        for m in c.members
    ]
    tie_rows = [t for c, r in zip(clusters, rows, strict=True) for t in ties(c, r)]
    replace_clusters(store, rows, members, tie_rows)
    return MergeReport(len(reports), len(clusters), len(reports) - len(clusters))


def ensure_merged(store: Store) -> MergeReport | None:
    """Run the merge when mentions were stored since the last one; None when it was up to date."""
    return merge_store(store) if merge_due(store) else None


def undo_merge(store: Store) -> int:
    """Delete every cluster (the mentions are untouched); return how many there were."""
    return clear_clusters(store)
