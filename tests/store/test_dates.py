from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.store.dates import day_range, parse_bound

days = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31))


@given(days)
def test_a_day_covers_itself_with_or_without_a_time(day):
    assert day_range(day.isoformat()) == (day, day)
    assert day_range(day.isoformat() + "T13:28:00+03:00") == (day, day)


@given(days)
def test_a_month_covers_every_day_in_it_and_no_other(day):
    first, last = day_range(day.isoformat()[:7])
    assert first <= day <= last
    assert first.day == 1 and (first - dt.timedelta(days=1)).month != first.month
    assert (last + dt.timedelta(days=1)).month != last.month


@given(days)
def test_a_year_and_its_iso_week_contain_the_day(day):
    assert day_range(str(day.year).zfill(4)) == (dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
    year, week, _ = day.isocalendar()
    monday, sunday = day_range(f"{year:04d}-W{week:02d}")
    assert monday <= day <= sunday and (sunday - monday).days == 6


@given(st.text(max_size=20))
def test_any_text_gives_a_range_or_none_never_an_error(value):
    result = day_range(value)
    assert result is None or result[0] <= result[1]


@pytest.mark.parametrize("value", ["XXXX-03", "2012-SU", "PAST_REF", "1990-13", "1990-02-30", "2024-W60", ""])
def test_values_that_name_no_days(value):
    assert day_range(value) is None


def test_bounds_take_the_outer_days_and_reject_words():
    assert parse_bound("1990", end=False) == dt.date(1990, 1, 1)
    assert parse_bound("1990-02", end=True) == dt.date(1990, 2, 28)
    assert parse_bound(None, end=True) is None
    with pytest.raises(ValueError, match="not a date"):
        parse_bound("yesterday", end=False)
