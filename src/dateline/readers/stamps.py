"""Publication stamps: any date string a source writes, as ISO 8601 in the source's own clock.

``normalise_stamp`` never converts between time zones: an offset the source gives is kept
(``Z`` is written ``+00:00``), a stamp without one stays naive, and a date without a time
stays a date (``2024-03-05``).
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_tz
from functools import lru_cache

_ISO = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$"
)
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_HAS_TIME = re.compile(r"\d{1,2}[:.]\d{2}\b")
_HAS_YEAR = re.compile(r"\b\d{4}\b")
_TRAILING_ZONE = re.compile(r"\d\s*([+-]\d{4}|[A-Z]{1,5})$")
_EMAIL_ZONES = frozenset("UT UTC GMT Z AST ADT EST EDT CST CDT MST MDT PST PDT".split())
_DATEPARSER_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}


def _offset(tz: str | None) -> str:
    if not tz:
        return ""
    if tz in ("Z", "UTC", "GMT"):
        return "+00:00"
    sign, digits = tz[0], tz[1:].replace(":", "")
    digits = digits.ljust(4, "0")
    return f"{sign}{digits[:2]}:{digits[2:4]}"


def _offset_from_seconds(seconds: int | None) -> str:
    if seconds is None:
        return ""
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def _from_datetime(value: dt.datetime, with_time: bool) -> str:
    if not with_time:
        return value.date().isoformat()
    out = value.replace(microsecond=0, tzinfo=None).isoformat()
    offset = value.utcoffset()
    if offset is not None:
        out += _offset_from_seconds(int(offset.total_seconds()))
    return out


@lru_cache(maxsize=1024)
def normalise_stamp(value: str | None) -> str | None:
    """``"Thu, 12 Sep 2024 10:20:00 +0000"`` -> ``"2024-09-12T10:20:00+00:00"``; None when no
    full date (day, month and year) can be read."""
    if not value:
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    m = _ISO.match(text)
    if m:
        try:
            dt.date.fromisoformat(m["date"])
        except ValueError:
            return None
        if m["h"] is None:
            return m["date"]
        return f"{m['date']}T{m['h']}:{m['m']}:{m['s'] or '00'}{_offset(m['tz'])}"
    m = _COMPACT_DATE.match(text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    if not _HAS_YEAR.search(text):
        return None
    zone = _TRAILING_ZONE.search(text)
    known_zone = zone is None or zone[1][0] in "+-" or zone[1] in _EMAIL_ZONES
    parts = parsedate_tz(text) if known_zone else None
    if parts is not None and parts[0] > 1900:
        try:
            stamp = dt.datetime(*parts[:6])
        except ValueError:
            stamp = None
        if stamp is not None:
            if not _HAS_TIME.search(text):
                return stamp.date().isoformat()
            # parsedate_tz reports offset 0 when the stamp names no zone at all
            return stamp.isoformat() + (_offset_from_seconds(parts[9]) if zone else "")
    return _with_dateparser(text)


def _with_dateparser(text: str) -> str | None:
    import dateparser  # imported late: it is slow to load and rarely needed

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except Exception:  # dateparser raises a zoo of errors on odd input
        return None
    if parsed is None:
        return None
    return _from_datetime(parsed, with_time=bool(_HAS_TIME.search(text)))
