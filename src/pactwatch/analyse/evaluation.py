"""Score the extractor against gold sentences: per-type P/R/F1, dyad, date, modality, confusion.

Headline numbers, per gold event:
- type accuracy: some extracted event of the sentence has the gold type;
- type+dyad accuracy: such an event also matches the gold source and target
  (a side matches when the codes intersect; a side the gold leaves empty is not scored);
- top-1 type accuracy: the most confident extracted event has the gold type.
Precision keeps a flood of guesses honest: every extracted event not paired with a
gold event of its type counts against it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pactwatch.analyse.gold import GoldEvent, GoldSentence
from pactwatch.extract import Extractor
from pactwatch.kb import load_code_aliases, load_transnational_codes
from pactwatch.model import EVENT_TYPES, Actor, Document, Event

NONE = "NONE"


def split_of(sentence_id: str) -> str:
    """The fixed half a gold item belongs to: ``dev`` (tuned on) or ``test`` (never looked at)."""
    return "dev" if hashlib.sha256(sentence_id.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def select(sentences: Iterable[GoldSentence], split: str) -> list[GoldSentence]:
    """The sentences of one split (``all`` keeps everything)."""
    return [s for s in sentences if split == "all" or split_of(s.id) == split]


class CodeMatcher:
    """Compares gold actor codes (ISO3, CAMEO, generic IGO) with extracted actors."""

    def __init__(self) -> None:
        self.aliases, self.igos = load_code_aliases()
        self.militants = load_transnational_codes()

    def gold_code(self, code: str) -> str:
        code = code.upper()
        if code in self.aliases:
            return self.aliases[code]
        if code in self.igos:  # our own IGO codes ("IAEA", "NATO") are longer than three letters
            return code
        if code.startswith("IGO"):
            return "IGO"
        return self.aliases.get(code[:3], code[:3])

    def actor_codes(self, actor: Actor) -> set[str]:
        if actor.code is None:  # an unknown name: only its stated sector can match a generic gold code
            return {"---"} | ({actor.sector} & {"NGO", "IGO"} if actor.sector else set())
        codes = {actor.code, self.aliases.get(actor.code, actor.code)}
        if actor.code in self.igos:
            codes.add("IGO")
        if actor.code in self.militants:
            codes.add("IMG")
        if actor.sector == "NGO":
            codes.add("NGO")
        return codes

    def side(self, gold: tuple[str, ...], actors: tuple[Actor, ...]) -> bool:
        if not gold:
            return True
        wanted = {self.gold_code(c) for c in gold}
        got = set().union(*(self.actor_codes(a) for a in actors)) if actors else set()
        if "---" in wanted:
            return bool(actors)
        return bool(wanted & got)

    def dyad(self, gold: GoldEvent, event: Event) -> bool:
        """Source and target agree; a reciprocal event ("A and B met", source [A, B], no target)
        stands for every directed pair among its sources, as CAMEO-style gold codes it."""
        if self.side(gold.source, event.source) and self.side(gold.target, event.target):
            return True
        if event.target or len(event.source) < 2 or not gold.target:
            return False
        return self.side(gold.source, event.source) and self.side(gold.target, event.source)


@dataclass
class Tally:
    """Counts behind the report."""

    gold_events: int = 0
    type_hits: int = 0
    dyad_hits: int = 0
    top1_hits: int = 0
    dated: int = 0
    date_hits: int = 0
    modal: int = 0
    modality_hits: int = 0
    empty_sentences: int = 0
    empty_hits: int = 0
    unscored: int = 0
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)


def _pair_counts(tally: Tally, gold: tuple[GoldEvent, ...], events: tuple[Event, ...]) -> None:
    want = Counter(g.type for g in gold)
    got = Counter(e.type for e in events)
    for etype in set(want) | set(got):
        hit = min(want[etype], got[etype])
        tally.tp[etype] += hit
        tally.fp[etype] += got[etype] - hit
        tally.fn[etype] += want[etype] - hit


def _score_event(tally: Tally, matcher: CodeMatcher, g: GoldEvent, events: tuple[Event, ...], sid: str) -> None:
    tally.gold_events += 1
    typed = [e for e in events if e.type == g.type]
    dyad = [e for e in typed if matcher.dyad(g, e)]
    tally.type_hits += bool(typed)
    tally.dyad_hits += bool(dyad)
    top = max(events, key=lambda e: e.confidence).type if events else NONE
    tally.top1_hits += top == g.type
    tally.confusion[(g.type, top)] += 1
    pool = dyad or typed
    best = pool[0] if pool else None
    if g.date is not None or g.date_precision is not None:
        tally.dated += 1
        tally.date_hits += best is not None and best.date == g.date
    if g.modality is not None:
        tally.modal += 1
        tally.modality_hits += best is not None and best.modality == g.modality
    if not dyad:
        got = [(e.type, [a.code or a.text for a in e.source], [a.code or a.text for a in e.target]) for e in events]
        tally.misses.append({"id": sid, "gold": [g.type, list(g.source), list(g.target)], "got": got})


def evaluate(sentences: list[GoldSentence], extractor: Extractor) -> Tally:
    """Run the extractor on every gold sentence and count."""
    tally = Tally()
    matcher = CodeMatcher()
    docs = [Document(id=s.id, text=s.text, published=s.published) for s in sentences]
    for sentence, extraction in zip(sentences, extractor.extract_many(docs), strict=True):
        events = extraction.events
        tally.unscored += sentence.unscored
        if not sentence.events and not sentence.unscored:
            tally.empty_sentences += 1
            tally.empty_hits += not events
        _pair_counts(tally, sentence.events, events)
        for g in sentence.events:
            _score_event(tally, matcher, g, events, sentence.id)
    return tally


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int | None]:
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else (0.0 if tp + fn else None)
    return {
        "precision": None if precision is None else round(precision, 3),
        "recall": None if recall is None else round(recall, 3),
        "f1": None if f1 is None else round(f1, 3),
        "support": tp + fn,
    }


def report(tally: Tally, gold: str, split: str, sentences: int) -> dict[str, Any]:
    """The evaluation as JSON-ready data."""
    per_type = {t: _prf(tally.tp[t], tally.fp[t], tally.fn[t]) for t in EVENT_TYPES}
    f1s = [v["f1"] for v in per_type.values() if v["support"] and v["f1"] is not None]
    tp, fp, fn = (sum(c.values()) for c in (tally.tp, tally.fp, tally.fn))
    return {
        "gold": gold,
        "split": split,
        "sentences": sentences,
        "gold_events": tally.gold_events,
        "unscored_gold_events": tally.unscored,
        "type_accuracy": _ratio(tally.type_hits, tally.gold_events),
        "type_dyad_accuracy": _ratio(tally.dyad_hits, tally.gold_events),
        "top1_type_accuracy": _ratio(tally.top1_hits, tally.gold_events),
        "date_accuracy": _ratio(tally.date_hits, tally.dated),
        "modality_accuracy": _ratio(tally.modality_hits, tally.modal),
        "no_event_accuracy": _ratio(tally.empty_hits, tally.empty_sentences),
        "micro": _prf(tp, fp, fn),
        "macro_f1": round(sum(f1s) / len(f1s), 3) if f1s else None,
        "per_type": per_type,
        "confusion": {f"{g}->{p}": n for (g, p), n in sorted(tally.confusion.items())},
        "misses": tally.misses,
    }


def render_text(data: dict[str, Any]) -> str:
    """A plain-text rendering of :func:`report` for people."""
    lines = [
        f"gold {data['gold']} (split {data['split']}): {data['sentences']} sentences, "
        f"{data['gold_events']} gold events ({data['unscored_gold_events']} unscored)",
        f"type accuracy        {data['type_accuracy']}",
        f"type+dyad accuracy   {data['type_dyad_accuracy']}",
        f"top-1 type accuracy  {data['top1_type_accuracy']}",
        f"date accuracy        {data['date_accuracy']}",
        f"modality accuracy    {data['modality_accuracy']}",
        f"no-event accuracy    {data['no_event_accuracy']}",
        f"micro P/R/F1         {data['micro']['precision']} / {data['micro']['recall']} / {data['micro']['f1']}",
        f"macro F1             {data['macro_f1']}",
        "",
        f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}",
    ]
    for etype, v in data["per_type"].items():
        if v["support"] or v["precision"] is not None:
            lines.append(f"{etype:<10} {v['precision']!s:>6} {v['recall']!s:>6} {v['f1']!s:>6} {v['support']:>4}")
    lines.append("")
    lines.append("confusion (gold->top-1 extracted): " + ", ".join(f"{k} {n}" for k, n in data["confusion"].items()))
    return "\n".join(lines)
