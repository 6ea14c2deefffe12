"""Resolve date expressions to ISO strings at the precision the text supports.

Relative expressions ("last month", "on Wednesday") need the publication date;
without one they stay unresolved rather than silently taking today.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "a": 1, "an": 1,
}  # fmt: skip
_LEADING = re.compile(
    r"^(?:(?:on|in|since|from|by|until|till|during|as of|as early as|as late as|no later than|around|about|"
    r"the|of|early|late|"
    r"mid|mid-|end of|beginning of|start of)\b[\s-]*)+",
    re.IGNORECASE,
)
_NOT_A_DATE = re.compile(
    r"^(?:annual|annually|daily|weekly|monthly|yearly|now|today's|decades?|years?|months?|days?|"
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)"
    r"[- ](?:year|month|day|week)s?(?:-long|-old)?|.*\b(?:years?|months?|weeks?|days?)[- ]old|"
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+) (?:days?|weeks?|hours?)|"
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|many|\d+) (?:decades?|centuries|century)|"
    r"(?:the )?(?:this|last|past|previous|next|coming) (?:century|decade))$",
    re.IGNORECASE,
)
_LATER = re.compile(r"^(\w+)\s+(year|month|week|day)s?\s+(later|after|afterwards|earlier|before)$", re.IGNORECASE)
_STEP = re.compile(r"^the (following|next|previous|preceding) (year|month|week)$", re.IGNORECASE)
_ONE_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_PREV_DAY = re.compile(r"^(?:the previous day|the day before|a day earlier|one day earlier)$", re.IGNORECASE)
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)  # spelled out: calendar.month_name follows the locale
_LAST_MONTH_NAMED = re.compile(r"^(?:last|previous|this past)\s+(" + "|".join(MONTHS) + r")$", re.IGNORECASE)
_SAME = re.compile(
    r"^(?:the same day|that day|later that day|that same day|hours later|within hours"
    r"|(?:later |late )?that (?:night|evening|morning|afternoon)|late in the (?:evening|night|day))$",
    re.IGNORECASE,
)
_TODAY = re.compile(
    r"^(?:overnight|tonight|(?:earlier |later )?today|(?:early |late )?this (?:morning|afternoon|evening))$",
    re.IGNORECASE,
)
_LAST_NIGHT = re.compile(r"^(?:late )?last night$", re.IGNORECASE)
_NEXT_DAY = re.compile(r"^(?:the next day|a day later|the following day|one day later)$", re.IGNORECASE)
_YEAR = re.compile(r"^(1[89]\d{2}|20\d{2})$")
_DECADE = re.compile(r"^(?:\d{2}|')?\d0s$", re.IGNORECASE)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_THIS = re.compile(r"^(?:earlier |later )?(this|last|next) (year|month)$", re.IGNORECASE)
_WEEK = re.compile(
    r"^(?:(?:earlier|later) )?(this|last|next|the previous|the past|this past|the coming|over the|at the)"
    r" (week|weekend)$",
    re.IGNORECASE,
)
_AHEAD, _BEHIND = ("next", "the coming"), ("last", "the previous", "the past", "this past")
_HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1), "new year's eve": (12, 31)}
_RANGE = re.compile(r"^(?:between|from)\s+(.+?)\s+(?:and|to|until|till|through)\s+(.+)$", re.IGNORECASE)
_HAS_YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")


@cache
def _parser(base: str | None, future: bool = False) -> Any:
    from dateparser.date import DateDataParser  # slow import: only when dates are met

    direction = "future" if future else "past"
    settings: dict[str, Any] = {"PREFER_DATES_FROM": direction, "PREFER_DAY_OF_MONTH": "first"}
    if base:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(base)
    return DateDataParser(languages=["en"], settings=settings)


def _clean(text: str) -> str:
    text = text.strip().rstrip(".,;")
    return _LEADING.sub("", text).strip()


def count_word(word: str) -> int | None:
    """A count written as digits or a word ("three", "a") -> int; None when it is neither."""
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word.lower())


def _relative_to_anchor(text: str, anchor: tuple[str, str] | None) -> tuple[str, str] | None:
    """Dates relative to the last one the text named: "fifteen years later", "the same day"."""
    if anchor is None:
        return None
    iso, precision = anchor
    if _SAME.match(text):
        return anchor
    if _NEXT_DAY.match(text) and precision == "day":
        return date.fromordinal(date.fromisoformat(iso).toordinal() + 1).isoformat(), "day"
    if _PREV_DAY.match(text) and precision == "day":
        return date.fromordinal(date.fromisoformat(iso).toordinal() - 1).isoformat(), "day"
    step = _STEP.match(text)  # "the following month", "the previous year": one unit on
    m = _LATER.match(text)
    if step is not None:
        n, sign, unit = 1, (1 if step[1].lower() in ("following", "next") else -1), step[2].lower()
    elif m is not None and count_word(m[1]) is not None:
        n, sign, unit = (
            count_word(m[1]) or 0,
            (1 if m[3].lower() in ("later", "after", "afterwards") else -1),
            m[2].lower(),
        )
    else:
        return None
    if unit == "year":
        return f"{int(iso[:4]) + sign * n:04d}", "year"
    if unit in ("day", "week") and precision == "day":
        days = n * (7 if unit == "week" else 1)
        return date.fromordinal(date.fromisoformat(iso).toordinal() + sign * days).isoformat(), "day"
    if unit == "month" and precision in ("day", "month"):
        index = int(iso[:4]) * 12 + int(iso[5:7]) - 1 + sign * n
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"
    return None


def resolve_date(
    text: str, published: str | None, anchor: tuple[str, str] | None = None, future: bool = False
) -> tuple[str, str] | None:
    """``(iso, precision)`` for a date expression, or None when it names no point in time.

    ``future``: the event is announced or planned, so "June 18" or "Wednesday" lies ahead
    of the publication date rather than behind it."""
    start = _range_start(text)
    if start is not None:
        return resolve_date(start, published, anchor, future)
    cleaned = _clean(text)
    if not cleaned or _NOT_A_DATE.match(cleaned):
        return None
    if _YEAR.match(cleaned):
        return cleaned, "year"
    if _DECADE.match(cleaned):
        return None
    if published is not None and _TODAY.match(cleaned):  # "overnight", "this morning": the day of the report
        return published[:10], "day"
    if published is not None and _LAST_NIGHT.match(cleaned):
        return date.fromordinal(date.fromisoformat(published[:10]).toordinal() - 1).isoformat(), "day"
    if published is not None:
        local = (
            _weekday(cleaned, published, future)
            or _this_period(cleaned, published)
            or _named_month(cleaned, published)
            or _week(text.strip().rstrip(".,;"), published, future)
            or _holiday(cleaned, published, future)
        )
        if local:
            return local
    anchored = _relative_to_anchor(text.strip().rstrip(".,;"), anchor) or _relative_to_anchor(cleaned, anchor)
    if anchored:
        return anchored
    if published is None and not _HAS_YEAR.search(cleaned):
        return None
    try:
        data = _parser(published, future).get_date_data(cleaned)
    except (ValueError, OverflowError, TypeError):
        return None
    day = data.date_obj
    if day is None:
        years = _ONE_YEAR.findall(cleaned)  # "the spring of 2022", "the winter of 1950"
        return (years[0], "year") if len(years) == 1 else None
    return _with_precision(day.date(), data.period or "day", cleaned)


def _range_start(text: str) -> str | None:
    """ "between 2022 and 2025" -> "2022"; "from March to May 2023" -> "March 2023"."""
    m = _RANGE.match(text.strip())
    if m is None:
        return None
    first, last = m[1], m[2]
    year = _HAS_YEAR.search(last)
    return first if _HAS_YEAR.search(first) or year is None else f"{first} {year[1]}"


def _named_month(text: str, published: str) -> tuple[str, str] | None:
    """ "last July", "the previous July": the latest such month before publication."""
    m = _LAST_MONTH_NAMED.match(text)
    if m is None:
        return None
    month = MONTHS.index(m[1].lower()) + 1
    year = int(published[:4]) - (1 if month >= int(published[5:7]) else 0)
    return f"{year:04d}-{month:02d}", "month"


def same_day_phrase(text: str) -> bool:
    """A time phrase that keeps the day just named ("hours later", "later that day")."""
    return bool(_SAME.match(text.strip().rstrip(".,;")))


def _weekday(text: str, published: str, future: bool = False) -> tuple[str, str] | None:
    """A bare weekday in a news report is the latest such day on or before publication
    (the next one after it, for a planned event)."""
    name = text.lower().removesuffix("'s")
    if name not in WEEKDAYS:
        return None
    pub = date.fromisoformat(published)
    if future:  # "will meet on Friday" in a Friday's paper is that day
        ahead = (WEEKDAYS.index(name) - pub.weekday()) % 7
        return date.fromordinal(pub.toordinal() + ahead).isoformat(), "day"
    back = (pub.weekday() - WEEKDAYS.index(name)) % 7
    return date.fromordinal(pub.toordinal() - back).isoformat(), "day"


def _week(text: str, published: str, future: bool) -> tuple[str, str] | None:
    """ "earlier this week", "last week", "over the weekend": the month of that week (a week is
    finer than a month but no day), counted from the publication date."""
    m = _WEEK.match("over the weekend" if text.lower() in ("the weekend", "weekend") else text)
    if m is None:
        return None
    pub = date.fromisoformat(published)
    which, unit = m[1].lower(), m[2].lower()
    if unit == "week":
        step = 7 if which in _AHEAD else -7 if which in _BEHIND else 0
        day = date.fromordinal(pub.toordinal() + step)
    else:  # the Saturday of the weekend meant: ahead for a plan or "next"/"coming", else the last one
        ahead = which in _AHEAD or (future and which in ("this", "over the", "at the"))
        back = (pub.weekday() - 5) % 7 or (7 if which in _BEHIND else 0)
        day = date.fromordinal(pub.toordinal() + ((7 - back) % 7 if ahead else -back))
    return f"{day.year:04d}-{day.month:02d}", "month"


def _holiday(text: str, published: str, future: bool) -> tuple[str, str] | None:
    """ "Christmas Day", "New Year's Eve": the latest one on or before publication (the next
    one for a plan)."""
    when = _HOLIDAYS.get(text.lower().replace("’", "'"))
    if when is None:
        return None
    pub = date.fromisoformat(published)
    day = date(pub.year, *when)
    if future and day < pub:
        day = date(pub.year + 1, *when)
    elif not future and day > pub:
        day = date(pub.year - 1, *when)
    return day.isoformat(), "day"


def _this_period(text: str, published: str) -> tuple[str, str] | None:
    m = _THIS.match(text)
    if not m:
        return None
    pub = date.fromisoformat(published)
    step = {"this": 0, "last": -1, "next": 1}[m[1].lower()]
    if m[2].lower() == "year":
        return f"{pub.year + step:04d}", "year"
    month_index = pub.year * 12 + pub.month - 1 + step
    return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month"


def _with_precision(day: date, period: str, text: str) -> tuple[str, str]:
    if period == "year":
        return f"{day.year:04d}", "year"
    if period in ("month", "week"):
        return f"{day.year:04d}-{day.month:02d}", "month"
    if not re.search(r"\d|day|yesterday|tomorrow|tonight|night|morning|evening|afternoon", text, re.IGNORECASE):
        return f"{day.year:04d}-{day.month:02d}", "month"
    return day.isoformat(), "day"
