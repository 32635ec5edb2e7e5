"""ISO dates of any precision as the range of days they cover."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def day_range(value: str | dt.date | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of ``"1990"``, ``"1990-01"``, ``"1990-01-19"`` (time ignored) or
    ``"1990-W03"``; ``None`` for anything else (``"XXXX-03"``, ``"PAST_REF"``, seasons)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date(), value.date()
    if isinstance(value, dt.date):
        return value, value
    value = value.strip()
    try:
        m = _ISO.match(value)
        if m:
            year = int(m.group(1))
            if m.group(3):
                day = dt.date(year, int(m.group(2)), int(m.group(3)))
                return day, day
            if m.group(2):
                month = int(m.group(2))
                return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        m = _WEEK.match(value)
        if m:
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return monday, monday + dt.timedelta(days=6)
    except ValueError:  # month 13, February 30, week 54 ...
        return None
    return None


def parse_bound(value: str | dt.date | None, *, end: bool) -> dt.date | None:
    """A ``since`` (``end=False``) or ``until`` (``end=True``) bound: ``"1990"`` as a since
    is 1990-01-01, as an until 1990-12-31. Raises ValueError for what is not a date."""
    if value is None or value == "":
        return None
    days = day_range(value)
    if days is None:
        raise ValueError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return days[1] if end else days[0]
