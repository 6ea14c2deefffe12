"""Cut a document into blocks small enough for the parser, keeping exact offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pactwatch.extract.nlp import MAX_BLOCK_CHARS

_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?\s")


def blocks(text: str, limit: int = MAX_BLOCK_CHARS) -> Iterator[tuple[int, int]]:
    """``(start, end)`` spans of paragraphs, long ones cut at sentence ends under ``limit``."""
    start = 0
    for m in _PARAGRAPH.finditer(text):
        yield from _cut(text, start, m.start(), limit)
        start = m.end()
    yield from _cut(text, start, len(text), limit)


def _cut(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    while end - start > limit:
        window = text[start : start + limit]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = start + (ends[-1] if ends else limit)
        if text[start:cut].strip():
            yield start, cut
        start = cut
    if text[start:end].strip():
        yield start, end
