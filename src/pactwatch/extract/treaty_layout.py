"""The layout of a treaty text: header fields, sections, article headings, sentences.

A treaty arrives as an official text ("Article 1", "ARTICLE IV", "Art. 5.",
"第二條", "Статья 4"), as a collection of quoted excerpts separated by lines such
as ``--- [B] Article III (quoted) ---``, or as news prose that cites clauses
("Article 3 of the treaty states that ..."). Every sentence is returned as offsets
into the text with the article it belongs to and the part of the text it lies
in (``header``, ``preamble`` or ``body``); nothing is coded here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

_NUM = r"\d{1,3}[a-z]?|[IVXLC]{1,7}|[A-Z][a-z]{2,9}"
HEADING = re.compile(
    rf"^[ \t]*(?:#+[ \t]*)?(?:ARTICLE|Article|Art\.)[ \t]+(?P<num>{_NUM})\b\.?(?P<rest>.*)$",
)
CJK_HEADING = re.compile(r"^[ \t]*第(?P<num>[一二三四五六七八九十百〇零\d]{1,4})[條条](?P<rest>.*)$")
RU_HEADING = re.compile(r"^[ \t]*Статья[ \t]+(?P<num>\d{1,3})\.?(?P<rest>.*)$")
SECTION = re.compile(r"^[ \t]*-{3,}[ \t]*(?:\[[A-Za-z0-9]{1,3}\][ \t]*)?(?P<label>.*?)[ \t]*-{3,}[ \t]*$")
HEADER = re.compile(r"^(?P<key>[A-Z][A-Z ]{1,30}[A-Z]):[ \t]+(?P<value>\S.*)$")
_HEADER_KEYS = {
    "SOURCE", "SOURCES", "TITLE", "STATUS", "NOTE", "NOTES", "DATE", "URL", "AUTHOR", "PUBLISHED",
    "LANGUAGE", "LICENSE", "LICENCE",
}  # fmt: skip
_LABEL_ARTICLE = re.compile(rf"^(?:Article|Art\.)\s+(?P<num>{_NUM})\b(?!\s*[-–]\s*\d)")

# a reference that reports what an article says overrides the heading it sits under
REPORTING = re.compile(
    rf"(?:(?:translation|text|wording|version|quotation)\s+of\s+|\b(?:By|Under|According\s+to)\s+|treaty's\s+[\"“]?)"
    rf"(?:Article|Art\.)\s+(?P<a>{_NUM})\b"
    rf"|\b(?:Article|Art\.)\s+(?P<b>{_NUM})\b\s*(?:of\s+(?:the|this)\s+(?:treaty|agreement|pact|accord)\s*)?,?\s*"
    r"(?:which\s+)?(?:states|says|reads|provides|stipulates|declares|requires|commits|obliges)\b",
)
REFERENCE = re.compile(
    rf"\b(?:Article|Art\.)\s+(?P<num>{_NUM})\b(?!\s+of\s+the\s+(?:UN\s+|United\s+Nations\s+)?Charter)"
)
_CHARTER_REF = re.compile(r"^[^.;]{0,25}\b(?:Charter|UN|United Nations)\b")

_ABBREVIATIONS = {"art", "no", "nos", "st", "mr", "mrs", "dr", "vol", "para", "paras", "e.g", "i.e", "cf", "p", "pp"}
_SENTENCE_END = re.compile(
    r"(?:[.!?][\"'”’)\]]*|[。！？])(?=\s+[\"'“‘(\[]?[A-ZА-Я0-9]|[\u4e00-\u9fff])"
    r"|\s(?:\.\.\.|…)\s"
    # a full stop with the space lost in conversion: "North Atlantic area.Any such attack"
    r"|(?<=[a-z]{2})\.(?=[A-Z][a-z])"
)


def article_number(label: str) -> int | None:
    """The number an article label stands for: ``4``, ``IV``, ``Four``, ``四``; None if none."""
    text = label.strip().rstrip(".")
    if text.isdigit():
        return int(text)
    if re.fullmatch(r"\d{1,3}[a-z]", text):
        return int(text[:-1])
    if re.fullmatch(r"[IVXLC]+", text):
        return _roman(text)
    if text.lower() in _WORD_NUMBERS:
        return _WORD_NUMBERS[text.lower()]
    if re.fullmatch(r"[一二三四五六七八九十百〇零]+", text):
        return _cjk_number(text)
    return None


def _roman(text: str) -> int:
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN[ch]
        nxt = _ROMAN[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < nxt else value
    return total


def _cjk_number(text: str) -> int:
    if "百" in text:
        head, _, tail = text.partition("百")
        return (_CJK_DIGITS.get(head, 1) if head else 1) * 100 + (_cjk_number(tail) if tail else 0)
    if "十" in text:
        head, _, tail = text.partition("十")
        return (_CJK_DIGITS.get(head, 1) if head else 1) * 10 + (_CJK_DIGITS.get(tail, 0) if tail else 0)
    return int("".join(str(_CJK_DIGITS[c]) for c in text))


def label_for(num: str) -> str:
    """How an article label is printed: Arabic and Roman numerals as written, words and CJK as digits."""
    if num.isdigit() or re.fullmatch(r"\d{1,3}[a-z]|[IVXLC]+", num):
        return num
    value = article_number(num)
    return str(value) if value is not None else num


@dataclass(frozen=True)
class Sentence:
    """A sentence of the treaty text: offsets, its article (as labelled) and its part."""

    start: int
    end: int
    text: str
    article: str | None
    part: str
    section: str | None = None
    paragraph: int = 0
    reported_article: str | None = None


@dataclass
class Layout:
    """Header fields, the sentences in order, and the article headings found."""

    header: dict[str, tuple[str, int]] = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    paragraphs: int = 0

    def part(self, name: str) -> list[Sentence]:
        """The sentences of one part (``header``, ``preamble``, ``body``)."""
        return [s for s in self.sentences if s.part == name]


@dataclass(frozen=True)
class _Line:
    start: int
    text: str


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        out.append(_Line(pos, raw.rstrip("\r\n")))
        pos += len(raw)
    return out


def _heading(line: str) -> tuple[str, str] | None:
    """``(label, rest)`` when the line opens an article; None otherwise."""
    for pattern in (HEADING, CJK_HEADING, RU_HEADING):
        m = pattern.match(line)
        if not m:
            continue
        num, rest = m["num"], m["rest"]
        if pattern is HEADING and not _heading_rest_ok(num, rest):
            return None
        return label_for(num), rest
    return None


def _heading_rest_ok(num: str, rest: str) -> bool:
    """A heading stands alone, carries a title, or starts the article's text after a stop."""
    if article_number(num) is None:
        return False
    stripped = rest.strip()
    if not stripped:
        return True
    if rest[:1] not in (" ", "\t", ".", ":", "-", "–", "—"):
        return False
    body = stripped.lstrip(".:-–— \t")
    return bool(body) and (body[0].isupper() or body[0] in "\"'“‘([")


def parse_layout(text: str) -> Layout:
    """Split ``text`` into header, preamble and body sentences with their articles."""
    layout = Layout()
    lines = _lines(text)
    body_from = _read_header(lines, layout)
    for section in _sections(lines[body_from:]):
        _layout_section(section, layout)
    _apply_references(layout)
    return layout


def _read_header(lines: list[_Line], layout: Layout) -> int:
    """Leading ``KEY: value`` lines (SOURCE, TITLE, NOTE ...) are editorial, not treaty text."""
    for index, line in enumerate(lines):
        if not line.text.strip():
            continue
        m = HEADER.match(line.text)
        if not m or m["key"].split()[0] not in _HEADER_KEYS:
            return index
        value_start = line.start + m.start("value")
        layout.header[m["key"]] = (m["value"], value_start)
        layout.sentences.append(Sentence(value_start, line.start + len(line.text), m["value"], None, "header"))
    return len(lines)


@dataclass
class _Section:
    label: str | None
    lines: list[_Line]


def _sections(lines: list[_Line]) -> Iterator[_Section]:
    current = _Section(None, [])
    for line in lines:
        m = SECTION.match(line.text)
        if m:
            if current.lines or current.label is not None:
                yield current
            current = _Section(m["label"].strip(), [])
        else:
            current.lines.append(line)
    yield current


def _layout_section(section: _Section, layout: Layout) -> None:
    label = section.label or ""
    m = _LABEL_ARTICLE.match(label)
    article = label_for(m["num"]) if m else None
    has_heading = any(_heading(line.text) for line in section.lines)
    part = "body" if article or not has_heading else "preamble"
    if label.lower().startswith("preamble"):
        part = "preamble"
    for line in section.lines:
        opened = _heading(line.text)
        if opened:
            article, rest = opened
            part = "body"
            layout.headings.append(article)
            body = rest.lstrip(".:-–— \t")
            line = _Line(line.start + len(line.text) - len(body), body)
        layout.paragraphs += 1
        for start, end in split_sentences(line.text):
            sentence_text = line.text[start:end]
            layout.sentences.append(
                Sentence(
                    line.start + start,
                    line.start + end,
                    sentence_text,
                    article,
                    part,
                    label,
                    layout.paragraphs,
                )
            )


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, trimmed; abbreviations such as ``Art.`` do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if _is_abbreviation(text, m.start()):
            continue
        end = m.end() if not m.group().strip().startswith(("...", "…")) else m.start()
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    return [t for t in (_trim(text, s, e) for s, e in spans) if t[1] > t[0]]


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", text[:dot])
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    return token in _ABBREVIATIONS or len(token) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", token))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _apply_references(layout: Layout) -> None:
    """Give sentences the article they report on; in prose a reference carries to the paragraph's end."""
    carried: tuple[int, str] | None = None
    out: list[Sentence] = []
    for s in layout.sentences:
        if s.part != "body" or s.reported_article is not None:
            out.append(s)
            continue
        found = reference_in(s.text, under_heading=s.article is not None)
        if found:
            carried = (s.paragraph, found)
        if carried and carried[0] == s.paragraph:
            s = Sentence(s.start, s.end, s.text, carried[1], s.part, s.section, s.paragraph, carried[1])
        out.append(s)
    layout.sentences = out


def reference_in(text: str, under_heading: bool) -> str | None:
    """The article a sentence reports on: any reference in prose, only reporting ones under a heading."""
    m = REPORTING.search(text)
    if m:
        return label_for(m["a"] or m["b"])
    if under_heading:
        return None
    for ref in REFERENCE.finditer(text):
        if _CHARTER_REF.match(text[ref.end() :]) or article_number(ref["num"]) is None:
            continue
        return label_for(ref["num"])
    return None
