"""Calendar arithmetic and TIMEX3 value strings for the times stage.

Every period is a pair of :class:`datetime.date` (first day, last day). Seasons follow the
northern meteorological calendar; a winter belongs to the year its December falls in
(``2023-WI`` is 2023-12-01 .. 2024-02-29).
"""

from __future__ import annotations

import calendar
import datetime as dt

Period = tuple[dt.date, dt.date]

SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month of each season
POD_CODES = ("MO", "AF", "EV", "NI")
DAYS = tuple(dt.timedelta(days=n) for n in range(8))  # made once: building a timedelta is slow


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + k
    return index // 12, index % 12 + 1


def year_period(year: int) -> Period:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def month_period(year: int, month: int) -> Period:
    return dt.date(year, month, 1), month_end(year, month)


def week_period(day: dt.date) -> Period:
    monday = day - DAYS[day.weekday()]
    return monday, monday + DAYS[6]


def weekend_period(day: dt.date) -> Period:
    monday = week_period(day)[0]
    return monday + DAYS[5], monday + DAYS[6]


def week_value(day: dt.date, weekend: bool = False) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}" + ("-WE" if weekend else "")


def season_period(year: int, code: str) -> Period:
    first = SEASON_MONTHS[code]
    end_year, end_month = add_months(year, first, 2)
    return dt.date(year, first, 1), month_end(end_year, end_month)


def season_of(day: dt.date) -> tuple[int, str]:
    """The season (its year and code) that ``day`` falls in."""
    if day.month in (1, 2):
        return day.year - 1, "WI"
    for code, first in SEASON_MONTHS.items():
        if first <= day.month < first + 3:
            return day.year, code
    return day.year, "WI"


def season_year(code: str, which: str, day: dt.date) -> int:
    """Year of the ``code`` season that is ``which`` (last | this | next) seen from ``day``."""
    years = range(day.year - 2, day.year + 2)
    if which == "next":
        return next(y for y in years if season_period(y, code)[0] > day)
    if which == "last":
        return max(y for y in years if season_period(y, code)[1] < day)
    for y in years:  # "this": the one under way, else the nearer of the last and the next
        start, end = season_period(y, code)
        if start <= day <= end:
            return y
    last, upcoming = season_year(code, "last", day), season_year(code, "next", day)
    gap_last = (day - season_period(last, code)[1]).days
    gap_next = (season_period(upcoming, code)[0] - day).days
    return upcoming if gap_next <= gap_last else last


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return dt.date(year, first, 1), month_end(year, first + 2)


def half_period(year: int, half: int) -> Period:
    first = 6 * (half - 1) + 1
    return dt.date(year, first, 1), month_end(year, first + 5)


def decade_period(first_year: int) -> Period:
    return dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31)


def century_period(number: int) -> Period:
    """The 20th century is 1900..1999 (the popular reckoning)."""
    return dt.date(max(1, 100 * (number - 1)), 1, 1), dt.date(100 * number - 1, 12, 31)


def part_of(period: Period, unit: str, part: str) -> Period:
    """The early / mid / late third of a year, month, week or decade."""
    start, end = period
    if unit == "year":
        months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
        return dt.date(start.year, months[0], 1), month_end(start.year, months[1])
    if unit == "month":
        if part == "early":
            return start, start.replace(day=10)
        if part == "mid":
            return start.replace(day=11), start.replace(day=20)
        return start.replace(day=21), end
    if unit == "decade":
        years = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[part]
        return dt.date(start.year + years[0], 1, 1), dt.date(start.year + years[1], 12, 31)
    if unit == "week":
        days = {"early": (0, 2), "mid": (2, 4), "late": (4, 6)}[part]
        return start + dt.timedelta(days=days[0]), start + dt.timedelta(days=days[1])
    return period


def latest_on_or_before(month: int, day: int, ref: dt.date) -> dt.date | None:
    for year in (ref.year, ref.year - 1, ref.year - 2, ref.year - 3, ref.year - 4):
        candidate = safe_date(year, month, day)
        if candidate and candidate <= ref:
            return candidate
    return None


def earliest_on_or_after(month: int, day: int, ref: dt.date) -> dt.date | None:
    for year in (ref.year, ref.year + 1, ref.year + 2, ref.year + 3, ref.year + 4):
        candidate = safe_date(year, month, day)
        if candidate and candidate >= ref:
            return candidate
    return None


def nearest(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The occurrence of ``month``/``day`` closest to ``ref`` (a tie goes to the past)."""
    before = latest_on_or_before(month, day, ref)
    after = earliest_on_or_after(month, day, ref)
    if before is None or after is None:
        return before or after
    return after if (after - ref) < (ref - before) else before


def weekday_on_or_before(weekday: int, ref: dt.date) -> dt.date:
    return ref - DAYS[(ref.weekday() - weekday) % 7]


def weekday_on_or_after(weekday: int, ref: dt.date) -> dt.date:
    return ref + DAYS[(weekday - ref.weekday()) % 7]


def month_on_or_before(month: int, ref: dt.date) -> int:
    """Year of the latest ``month`` that starts on or before ``ref``'s month."""
    return ref.year if month <= ref.month else ref.year - 1


def month_on_or_after(month: int, ref: dt.date) -> int:
    return ref.year if month >= ref.month else ref.year + 1


def year_said(word: str, ref: dt.date, last: dt.date | None) -> int | None:
    """The year "last", "this", "next" or "that" (the one of ``last``, the date last mentioned) year is."""
    if word == "that":
        return last.year if last else None
    return ref.year + {"last": -1, "this": 0, "next": 1}[word]


def years_back(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` years earlier (29 February falls back to the 28th)."""
    return safe_date(day.year - years, day.month, day.day) or dt.date(day.year - years, day.month, 28)


def shift_days(day: dt.date, days: int) -> dt.date | None:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def day_value(day: dt.date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def decade_value(first_year: int) -> str:
    return f"{first_year // 10:03d}X"
