"""Throughput of pactwatch extraction relative to bare spaCy on the same corpus, one run.

Prints both rates and their ratio (goal: >= 0.6). The corpus is the bundled demo
corpus, repeated until it holds --docs documents, each a distinct text so no cache
helps. Run: .venv/bin/python bench/extract_throughput.py [--docs 600]
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from pactwatch.extract import Extractor
from pactwatch.extract.nlp import load_nlp
from pactwatch.kb import demo_corpus_path
from pactwatch.model import Document


def corpus(size: int) -> list[Document]:
    items = [json.loads(x) for x in (demo_corpus_path() / "news.jsonl").read_text("utf-8").splitlines() if x]
    docs: list[Document] = []
    while len(docs) < size:
        item = items[len(docs) % len(items)]
        text = f"{item['text']}\n\n(copy {len(docs)})"
        docs.append(Document(id=f"b{len(docs)}", text=text, published=item["published"]))
    return docs


def _time_bare(nlp: Any, docs: list[Document]) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe((d.text for d in docs), batch_size=32):
        pass
    return time.perf_counter() - start


def _time_ours(extractor: Extractor, docs: list[Document]) -> tuple[float, int]:
    start = time.perf_counter()
    events = sum(len(x.events) for x in extractor.extract_many(docs))
    return time.perf_counter() - start, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=6, help="interleaved rounds (evens out a noisy machine)")
    args = parser.parse_args()
    docs = corpus(args.docs)
    nlp = load_nlp()
    extractor = Extractor(nlp=nlp)
    list(extractor.extract_many(docs[:20]))  # warm-up: lazy imports, dateparser tables
    bare = ours = 0.0
    events = 0
    size = max(1, len(docs) // args.rounds)
    for n, at in enumerate(range(0, len(docs), size)):
        chunk = docs[at : at + size]
        if n % 2:  # alternate which runs first, so a load spike hits both sides alike
            spent, found = _time_ours(extractor, chunk)
            bare += _time_bare(nlp, chunk)
        else:
            bare += _time_bare(nlp, chunk)
            spent, found = _time_ours(extractor, chunk)
        ours, events = ours + spent, events + found
    print(f"documents: {len(docs)}, events: {events}, interleaved rounds: {args.rounds}")
    print(f"bare spaCy pipe: {len(docs) / bare:8.1f} docs/s")
    print(f"pactwatch:       {len(docs) / ours:8.1f} docs/s")
    print(f"ratio pactwatch / bare spaCy: {bare / ours:.2f} (goal >= 0.6)")


if __name__ == "__main__":
    main()
