"""Date expressions resolved against the publication date and the date last named."""

from __future__ import annotations

import pytest

from pactwatch.extract.dates import resolve_date, same_day_phrase

PUBLISHED = "2016-01-17"
ANCHOR = ("2016-01-16", "day")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("June 19", ("2015-06-19", "day")),
        ("in 2011", ("2011", "year")),
        ("September 2023", ("2023-09", "month")),
        ("on Wednesday", ("2016-01-13", "day")),
        ("the previous July", ("2015-07", "month")),
        ("last January", ("2015-01", "month")),
        ("the previous day", ("2016-01-15", "day")),
        ("the next day", ("2016-01-17", "day")),
        ("a week later", ("2016-01-23", "day")),
        ("three days earlier", ("2016-01-13", "day")),
        ("fifteen years later", ("2031", "year")),
        ("hours later", ANCHOR),
        ("decades", None),
        ("between 2022 and 2025", ("2022", "year")),
        ("from March to May 2015", ("2015-03", "month")),
        ("three days", None),  # a duration, not a point in time
        ("the following month", ("2016-02", "month")),
        ("the previous year", ("2015", "year")),
        ("the day before", ("2016-01-15", "day")),
        ("in the spring of 2022", ("2022", "year")),
        ("overnight", ("2016-01-17", "day")),  # the report's own day
        ("early this morning", ("2016-01-17", "day")),
        ("last night", ("2016-01-16", "day")),
        ("earlier this week", ("2016-01", "month")),  # a week is finer than a month, but no day
        ("last week", ("2016-01", "month")),
        ("over the weekend", ("2016-01", "month")),
        ("Christmas Day", ("2015-12-25", "day")),  # the last one before the report
        ("New Year's Eve", ("2015-12-31", "day")),
    ],
)
def test_resolve(text: str, want: tuple[str, str] | None) -> None:
    assert resolve_date(text, PUBLISHED, ANCHOR) == want


def test_no_publication_date_leaves_relative_dates_unresolved() -> None:
    assert resolve_date("last month", None) is None
    assert resolve_date("in 2011", None) == ("2011", "year")


def test_same_day_phrases() -> None:
    assert same_day_phrase("Hours later")
    assert not same_day_phrase("two hours")
    assert same_day_phrase("that night") and same_day_phrase("Late in the evening")
    assert not same_day_phrase("that week")


def test_a_planned_weekday_named_on_its_own_day_is_that_day() -> None:
    assert resolve_date("on Sunday", PUBLISHED, None, future=True) == ("2016-01-17", "day")  # 2016-01-17 is a Sunday
    assert resolve_date("on Monday", PUBLISHED, None, future=True) == ("2016-01-18", "day")


def test_tomorrow_is_a_day() -> None:
    assert resolve_date("tomorrow", PUBLISHED, None, future=True) == ("2016-01-18", "day")
