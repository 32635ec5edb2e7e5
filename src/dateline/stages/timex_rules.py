"""Temporal-expression rules: one anchored regex and one check per form of expression.

Each rule is registered under the words that can open its expression (a month or weekday
name, a number, "last", "the", "every" ...); :mod:`.timex_scan` tries them at each such word.
A rule's check turns a match into a :class:`Cand`: what the words say ("three days ago",
month 3 day 18 without a year ...), not yet resolved against publication time, which is the
job of :mod:`dateline.stages.times`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import timex_words as words
from .timex_calendar import safe_date
from .timex_words import (
    LEX,
    MONTH_NUMBER,
    ONES,
    PARTS,
    PARTS_OF_DAY,
    QUANTITIES,
    SEASONS,
    TENS,
    UNITS,
    WEEKDAY_NUMBER,
    next_word,
    parse_ordinal_words,
    prev_word,
    quantity,
    singular,
)

# the regex fragments of timex_words, short-named to keep the patterns below readable
_S, _SO, _CONN = words.SPACE, words.SPACE_OPT, words.CONNECTIVE
_FULL, _MONTH, _WEEKDAY, _SEASON, _POD = words.FULL_MONTH, words.MONTH, words.WEEKDAY, words.SEASON, words.POD
_NUM, _ORD_WORD, _QUANT = words.NUMBER, words.ORDINAL_WORD, words.QUANTITY_MODIFIER
_alt, _mon, _day, _year, _unit = words.alt, words.month_group, words.day_group, words.year_group, words.unit_group


# ------------------------------------------------------------------ candidates and rules
@dataclass(slots=True)
class Cand:
    """A temporal expression as written: ``kind`` says how to resolve ``data``."""

    kind: str
    start: int
    end: int
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    check: Callable[[re.Match[str], str], Cand | None]


MONTH_TRIGGER, WEEKDAY_TRIGGER, DIGIT_TRIGGER = "<month>", "<weekday>", "<digit>"
RULES: dict[str, list[Rule]] = {}


def rule(name: str, triggers: list[str], pattern: str):
    compiled = re.compile(pattern, re.IGNORECASE)

    def register(check):
        for trigger in dict.fromkeys(triggers):
            RULES.setdefault(trigger, []).append(Rule(name, compiled, check))
        return check

    return register


def _month(m: re.Match[str], group: str) -> int | None:
    return MONTH_NUMBER[m[group].rstrip(".")] if m[group] else None


def _int(m: re.Match[str], group: str) -> int | None:
    return int(m[group]) if m[group] else None


def _valid(month: int | None, day: int | None) -> bool:
    return month is None or day is None or safe_date(2000, month, day) is not None


def _range_ok(m: re.Match[str], text: str) -> bool:
    """Ranges joined by "and" need "between" before them; "to" alone is fine."""
    return m["conn"].lower() != "and" or prev_word(text, m.start()) == "between"


def _day_pair(m: re.Match[str], text: str, d: int, d2: int, year: int | None) -> str | None:
    """How "14 and 15" joins two days of one month: "range" for a range or two days in a row
    ("April 14 and 15, 1994"), "first" for two days apart that share a year ("April 14 and 20,
    1994": the first day alone, with that year), None for no date ("May 5 and 6 soldiers")."""
    if _range_ok(m, text):
        return "range"
    if next_word(text, m.end()) in _NOT_YEAR_BEFORE:
        return None
    return "range" if d2 == d + 1 else "first" if year else None


def _first_day(m: re.Match[str], text: str, cand: Cand | None) -> Cand | None:
    """``cand`` cut down to the first day of the match ("April 14" of "April 14 and 20, 1994")."""
    if cand is not None:
        end = m.end("d")
        cand.end = end + 2 if text[end:end + 2].lower() in ("st", "nd", "rd", "th") else end
        cand.data["end"] = None
    return cand


def _cal(m: re.Match[str], y=None, mo=None, d=None, end=None, **extra) -> Cand | None:
    if not _valid(mo, d) or (end and not _valid(end[1], end[2])):
        return None
    return Cand("cal", m.start(), m.end(), {"y": y, "m": mo, "d": d, "end": end, **extra})


# Month first: "January 19 to 20, 1990", "June 3, 2019", "March 18", "September 2021" ...
@rule("md_md", [MONTH_TRIGGER],
      rf"{_mon('m')}{_S}{_day('d')}(?:,?{_S}{_year('y')})?{_CONN}{_mon('m2')}{_S}{_day('d2')}(?:,?{_S}{_year('y2')})?")
def _md_md(m, text):
    y, y2 = _int(m, "y"), _int(m, "y2")
    if not _range_ok(m, text):
        return None
    return _cal(m, y or y2, _month(m, "m"), int(m["d"]), (y2 or y, _month(m, "m2"), int(m["d2"])))


@rule("md_d", [MONTH_TRIGGER], rf"{_mon('m')}{_S}{_day('d')}{_CONN}{_day('d2')}(?![:.]\d)(?:,?{_S}{_year('y')})?")
def _md_d(m, text):
    d, d2, y = int(m["d"]), int(m["d2"]), _int(m, "y")
    pair = _day_pair(m, text, d, d2, y)
    if d2 <= d or pair is None or next_word(text, m.end()) in ("people", "percent", "%"):
        return None
    cand = _cal(m, y, _month(m, "m"), d, (y, _month(m, "m"), d2))
    return _first_day(m, text, cand) if pair == "first" else cand


@rule("mdy", [MONTH_TRIGGER], rf"{_mon('m')}{_S}{_day('d')},?{_S}{_year('y')}")
def _mdy(m, text):
    return _cal(m, int(m["y"]), _month(m, "m"), int(m["d"]))


# "September 24 last year", "in April that year": the year said in words
# ("in December of that year", "in May of the same year")
_REL_YEAR = rf"(?:{_S}(?:of{_S})?(?P<yrel>last|this|next|that|the{_S}same){_S}year\b)?"


def _yrel(m: re.Match[str]) -> dict[str, str]:
    if not m["yrel"]:
        return {}
    word = m["yrel"].lower()
    return {"yrel": "that" if word.startswith("the") else word}


@rule("md", [MONTH_TRIGGER], rf"{_mon('m')}{_S}{_day('d')}(?![:.,]\d){_REL_YEAR}")
def _md(m, text):
    return _cal(m, None, _month(m, "m"), int(m["d"]), **_yrel(m))


@rule("mm", [MONTH_TRIGGER], rf"(?-i:(?P<m>{_FULL}))(?:,?{_S}{_year('y')})?{_CONN}(?-i:(?P<m2>{_FULL}))\b(?:,?{_S}{_year('y2')})?")
def _mm(m, text):
    y, y2 = _int(m, "y"), _int(m, "y2")
    if not _range_ok(m, text) or not (y or y2 or prev_word(text, m.start()) in ("from", "between")):
        return None
    mo, mo2 = _month(m, "m"), _month(m, "m2")
    if y is None and y2 is not None:
        y = y2 - 1 if mo2 < mo else y2
    return _cal(m, y, mo, None, (y2 or y, mo2, None))


@rule("my", [MONTH_TRIGGER], rf"{_mon('m')},?{_S}(?:of{_S})?{_year('y')}")
def _my(m, text):
    return _cal(m, int(m["y"]), _month(m, "m"), None)


_MONTH_PREPS = frozenset(["in", "since", "by", "until", "till", "during", "from", "through", "throughout",
                          "before", "after", "around", "between", "last", "next", "this", "early", "late",
                          "mid", "of", "and", "or", "to"])


@rule("month", [MONTH_TRIGGER], rf"(?-i:(?P<m>{_FULL}))\b(?!['’]s\b){_REL_YEAR}")
def _month_alone(m, text):
    before = prev_word(text, m.start())
    if before not in _MONTH_PREPS:
        return None
    if before in ("of", "and", "or", "to") and not re.search(
            rf"(?:{_FULL}|\b(?:end|beginning|start|middle|month|months))\W+\w+\W+$", text[max(0, m.start() - 40):m.start()]):
        return None
    if m["yrel"]:
        return _cal(m, None, _month(m, "m"), None, **_yrel(m))
    return Cand("month", m.start(), m.end(), {"m": _month(m, "m"), "rel": None, "part": None})


# Day first: "19 to 20 January", "19 January 1990", "20th January", "12 November"
@rule("dd", [DIGIT_TRIGGER],
      rf"{_day('d')}(?:{_S}(?:of{_S})?{_mon('m')}(?:,?{_S}{_year('y')})?)?{_CONN}{_day('d2')}{_S}(?:of{_S})?{_mon('m2')}(?:,?{_S}{_year('y2')})?")
def _dd(m, text):
    y, y2, mo2 = _int(m, "y"), _int(m, "y2"), _month(m, "m2")
    mo = _month(m, "m") or mo2
    d, d2 = int(m["d"]), int(m["d2"])
    pair = _day_pair(m, text, d, d2, y or y2) if mo == mo2 else "range" if _range_ok(m, text) else None
    if pair is None or mo == mo2 and d2 <= d:
        return None
    cand = _cal(m, y or y2, mo, d, (y2 or y, mo2, d2))
    return _first_day(m, text, cand) if pair == "first" else cand


@rule("dmy", [DIGIT_TRIGGER], rf"{_day('d')}{_S}(?:of{_S})?{_mon('m')},?{_S}{_year('y')}")
def _dmy(m, text):
    return _cal(m, int(m["y"]), _month(m, "m"), int(m["d"]))


@rule("dm", [DIGIT_TRIGGER], rf"{_day('d')}{_S}(?:of{_S})?{_mon('m')}{_REL_YEAR}")
def _dm(m, text):
    return _cal(m, None, _month(m, "m"), int(m["d"]), **_yrel(m))


@rule("iso", [DIGIT_TRIGGER],
      r"(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?:[T ](?P<H>[01]\d|2[0-3]):(?P<M>[0-5]\d)(?::\d\d)?)?(?![\d\-])")
def _iso(m, text):
    return _cal(m, int(m["y"]), int(m["m"]), int(m["d"]), hour=_int(m, "H"), minute=_int(m, "M"))


@rule("clock", [DIGIT_TRIGGER],
      rf"(?P<H>1[0-2]|0?[1-9])(?:[:.](?P<M>[0-5]\d))?{_SO}(?P<ap>a\.m\.?|p\.m\.?|am\b|pm\b)")
def _clock(m, text):
    hour = int(m["H"]) % 12 + (12 if m["ap"].lower().startswith("p") else 0)
    return Cand("clock", m.start(), m.end(), {"H": hour, "M": _int(m, "M") or 0})


@rule("clock24", [DIGIT_TRIGGER],
      rf"(?:(?P<H>[01]?\d|2[0-3]):(?P<M>[0-5]\d)(?![\d:])|(?P<H2>[01]\d|2[0-3])(?P<M2>[0-5]\d){_S}(?=GMT|UTC|hrs\b|hours\b))(?:{_SO}(?P<tz>GMT|UTC|local{_S}time|hrs\b|hours\b))?")
def _clock24(m, text):
    hour, minute = (int(m["H"]), int(m["M"])) if m["H"] else (int(m["H2"]), int(m["M2"]))
    return Cand("clock", m.start(), m.end(), {"H": hour, "M": minute})


@rule("years", [DIGIT_TRIGGER], rf"{_year('y')}{_SO}(?P<conn>-|–|—|/|to|and|through|until|till){_SO}(?:{_year('y2')}|(?P<yy>\d\d)\b)")
def _year_range(m, text):
    y = int(m["y"])
    y2 = int(m["y2"]) if m["y2"] else y // 100 * 100 + int(m["yy"])
    conn = m["conn"].lower()
    if not (1800 <= y < y2 <= 2100 and y2 - y <= 100) or (conn.isalpha() and prev_word(text, m.start()) not in (
            "from", "between")) or next_word(text, m.end()) in _NOT_YEAR_BEFORE:
        return None
    return _cal(m, y, None, None, (y2, None, None))


@rule("decade", [DIGIT_TRIGGER], r"(?P<y>1\d\d0|20\d0)['’]?s\b|(?P<yy>\d0)s\b")
def _decade(m, text):
    if m["y"]:
        return Cand("decade", m.start(), m.end(), {"y": int(m["y"]), "part": None})
    if m.start() == 0 or text[m.start() - 1] not in "'’":
        return None
    return Cand("decade", m.start() - 1, m.end(), {"yy": int(m["yy"]), "part": None})


_TAIL = re.compile(rf"{_S}(ago|earlier|later|before|after|prior)\b(?!{_S}to\b)", re.IGNORECASE)
_AGE = re.compile(rf"[\s\-]*(?:{_alt(LEX['anniversary']['age_after'])})\b", re.IGNORECASE)  # "34 years old"
_CLAUSE_ENDS = re.compile(r"\s*(?:[,.;:)]|$)")
# "ten years ago on Sunday", "five years ago today": that day, so many years back
_AGO_DAY = re.compile(rf"{_S}(?:on{_S})?(?:(?-i:(?P<wd>{_WEEKDAY}))\b(?!['’]s)|(?P<today>today)\b)", re.IGNORECASE)


def _amount(m: re.Match[str], text: str) -> Cand | None:
    """"34 years", "five days ago", "a day earlier", "more than five years": a duration or a shift."""
    n_text, unit = m["n"], m["u"].lower()
    unit = singular(unit)
    n = quantity(n_text)
    if n is None or _AGE.match(text, m.end()):
        return None
    before = prev_word(text, m.start())
    if before in ("aged", "age"):
        return None
    word_one = n_text.lower() in ("a", "an", "one")
    if word_one and (unit == "second" or next_word(text, m.end()) == "of"
                     or before in ("per", "times", *UNITS)):
        return None
    q = m["q"] if "q" in m.re.groupindex else None
    data = {"n": n, "unit": unit, "q": (q or "").lower() or None}
    tail = _TAIL.match(text, m.end())
    if tail:
        word = tail[1].lower()
        if word == "ago":
            day = _AGO_DAY.match(text, tail.end()) if unit == "year" else None
            if day:  # the weekday of the publication week ("on Sunday"), or -1 for "today"
                return Cand("ago", m.start(), day.end(), data | {"on": WEEKDAY_NUMBER[day["wd"]] if day["wd"] else -1})
            return Cand("ago", m.start(), tail.end(), data)
        if word in ("earlier", "later") or _CLAUSE_ENDS.match(text[tail.end():tail.end() + 2]):
            return Cand("anchored", m.start(), tail.end(), data | {"dir": 1 if word in ("later", "after") else -1})
    if word_one and unit == "day" and n_text.lower() == "one":
        return None  # "one day" is usually "some day"
    return Cand("duration", m.start(), m.end(), data)


_AMOUNT = rf"(?P<n>{_NUM})(?:-|{_S}){_unit()}"


def _most_words(phrases) -> int:
    return max(len(p.split()) for p in phrases)


# The most words an amount, times_per or q_amount match has before its unit word: a quantity
# modifier ("more than"), then a number ("twenty one", "a couple of"), or a number, "times" and
# "a" ("two times a day"). The scan skips those rules where no unit word follows that closely.
_NUMBER_WORDS_MOST = max(2, _most_words(QUANTITIES))  # "twenty one" or "a couple of"
WORDS_BEFORE_UNIT = max(_most_words(LEX["modifiers"]["quantity"]) + _NUMBER_WORDS_MOST, _NUMBER_WORDS_MOST + 2)
NEED_A_UNIT = frozenset(("amount", "times_per", "q_amount"))


@rule("times_per", [DIGIT_TRIGGER, "once", "twice", "thrice", *ONES, *TENS],
      rf"(?:(?P<f>once|twice|thrice)|(?P<n>{_NUM}){_S}times){_S}(?:a|an|per|each|every){_S}{_unit()}")
def _times_per(m, text):
    return Cand("set", m.start(), m.end(), {"n": 1, "unit": singular(m["u"])})


@rule("amount", [DIGIT_TRIGGER, *ONES, *TENS, *(q.split()[0] for q in QUANTITIES)], _AMOUNT)
def _amount_rule(m, text):
    return _amount(m, text)


@rule("q_amount", sorted({q.split()[0] for q in LEX["modifiers"]["quantity"]}), rf"(?P<q>{_QUANT}){_S}{_AMOUNT}")
def _q_amount(m, text):
    return _amount(m, text)


@rule("half", ["half"], rf"half{_S}(?:an?{_S})?(?P<u>hour|day|year|century|decade)\b")
def _half(m, text):
    return Cand("duration", m.start(), m.end(), {"n": 0.5, "unit": m["u"].lower(), "q": None})


# Years: "in 2019", "since 2014", "the 2019 raid" (never "2000 people" or "Resolution 1973")
_NOT_YEAR_BEFORE = frozenset(LEX["years"]["not_before"])
_NOT_YEAR_AFTER = frozenset(LEX["years"]["not_after"])


_NUMBER_BEFORE = re.compile(r"[\d$€£#+]\s?$")  # "$2019", "+44 2079"
_NUMBER_AFTER = re.compile(r"\s?[\-/:]\d|\s?%|\s\d")  # "2019-2", "2019 %", "2079 4000"


@rule("year", [DIGIT_TRIGGER], rf"{_year('y')}(?:['’]s\b)?")
def _bare_year(m, text):
    y, start = int(m["y"]), m.start()
    before = text[start - 2 if start > 2 else 0:start]
    if y < 1800 or _NUMBER_BEFORE.search(before) or _NUMBER_AFTER.match(text, m.end()):
        return None
    word_before = prev_word(text, start)
    if word_before in _NOT_YEAR_AFTER or next_word(text, m.end()) in _NOT_YEAR_BEFORE:
        return None
    if y < 1900 and word_before not in ("in", "since", "of", "from", "until", "by", "the", "before", "after"):
        return None
    return _cal(m, y, None, None)


# Weekdays: "on Monday", "Monday night", "Sunday's vote", "Mondays"
_WEEKDAY_NAME_AFTER = frozenset(LEX["weekdays"]["not_after"])
_WEEKDAY_NAME_BEFORE = re.compile(rf"\s+(?:{_alt(LEX['weekdays']['not_before'])})\b")


@rule("weekday", [WEEKDAY_TRIGGER],
      rf"(?-i:(?P<wd>{_WEEKDAY}))(?P<pl>s)?\b(?:['’]s\b)?(?:{_S}(?P<pod>{_POD}|overnight)\b)?"
      rf"(?:,?{_S}(?:of{_S})?(?P<week>last|this|next){_S}week\b)?"
      rf"(?!,?{_S}(?:(?-i:{_MONTH}){_S}\d|\d{{1,2}}(?:st|nd|rd|th)?{_S}(?-i:{_MONTH})))")
def _weekday(m, text):
    if prev_word(text, m.start()) in _WEEKDAY_NAME_AFTER or _WEEKDAY_NAME_BEFORE.match(text, m.end()):
        return None
    wd = WEEKDAY_NUMBER[m["wd"]]
    if m["pl"]:
        return Cand("set", m.start(), m.end(), {"value": f"XXXX-WXX-{wd + 1}"})
    pod = m["pod"] and PARTS_OF_DAY.get(m["pod"].lower(), "NI")
    if m["week"]:  # "on Thursday last week": that week's Thursday
        return Cand("weekday", m.start(), m.end(), {"wd": wd, "rel": "week", "pod": pod,
                                                    "week": _SHIFT[m["week"].lower()]})
    return Cand("weekday", m.start(), m.end(), {"wd": wd, "rel": None, "pod": pod})


@rule("day_word", ["yesterday", "today", "tomorrow", "tonight"],
      rf"(?P<w>yesterday|today|tomorrow|tonight)\b(?:{_S}(?P<pod>{_POD})\b)?")
def _day_word(m, text):
    word = m["w"].lower()
    if m["w"][0].isupper() and re.search(r"[A-Za-z]\s*$", text[max(0, m.start() - 3):m.start()]):
        return None  # "USA Today"
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}[word]
    pod = PARTS_OF_DAY[m["pod"].lower()] if m["pod"] else ("NI" if word == "tonight" else None)
    return Cand("offset", m.start(), m.end(), {"days": offset, "pod": pod})


@rule("ref", ["now", "currently", "recently", "nowadays"], r"(?P<w>now|currently|nowadays|recently)\b")
def _ref(m, text):
    value = "PAST_REF" if m["w"].lower() == "recently" else "PRESENT_REF"
    return Cand("ref", m.start(), m.end(), {"value": value})


_SHIFT = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1, "coming": 1}


@rule("rel_amount", ["last", "past", "next", "coming", "previous", "following"],
      rf"(?P<rel>last|past|next|coming|previous|following){_S}(?P<n>{_NUM}){_S}{_unit()}")
def _rel_amount(m, text):
    return Cand("duration", m.start(), m.end(), {"n": quantity(m["n"]), "unit": singular(m["u"]), "q": None})


@rule("rel", ["last", "this", "next", "past", "coming"],
      rf"(?P<rel>last|this|next|past|coming){_S}(?:(?P<u>week|month|year|weekend|decade|century|quarter)|"
      rf"(?P<pod>{_POD})|(?P<s>{_SEASON})|(?-i:(?P<wd>{_WEEKDAY}))|(?-i:(?P<m>{_FULL})))\b")
def _rel(m, text):
    rel = m["rel"].lower()
    shift = _SHIFT[rel]
    if m["u"]:
        unit = m["u"].lower()
        if rel == "past":
            return Cand("duration", m.start(), m.end(), {"n": 1, "unit": unit, "q": None}) if unit in UNITS else None
        return Cand("unit", m.start(), m.end(), {"unit": unit, "shift": shift, "part": None, "within": None})
    if rel == "past":
        return None
    if m["pod"]:
        return Cand("offset", m.start(), m.end(), {"days": shift, "pod": PARTS_OF_DAY[m["pod"].lower()]})
    if m["s"]:
        return Cand("season", m.start(), m.end(), {"code": SEASONS[m["s"].lower()], "y": None, "rel": rel})
    if m["wd"]:
        return Cand("weekday", m.start(), m.end(), {"wd": WEEKDAY_NUMBER[m["wd"]], "rel": rel, "pod": None})
    return Cand("month", m.start(), m.end(), {"m": _month(m, "m"), "rel": rel, "part": None})


@rule("within", ["earlier", "later"],
      rf"(?P<el>earlier|later){_S}(?:(?P<rel>this|last|next){_S}(?P<u>week|month|year)|that{_S}(?P<that>year)\b|(?P<today>today|tonight)"
      rf"|in{_S}the{_S}(?P<u2>day|week|month|year)|(?:on{_S})?(?-i:(?P<wd>{_WEEKDAY}))(?:{_S}(?P<pod>{_POD}))?)\b")
def _within(m, text):
    within = m["el"].lower()
    if m["that"]:  # "later that year": the year last mentioned
        return Cand("anchored", m.start(), m.end(), {"n": 0, "unit": "year", "dir": 0, "q": None})
    if m["u"]:
        return Cand("unit", m.start(), m.end(), {"unit": m["u"].lower(), "shift": _SHIFT[m["rel"].lower()],
                                                 "part": None, "within": within})
    if m["today"]:
        return Cand("offset", m.start(), m.end(), {"days": 0, "pod": "NI" if m["today"].lower() == "tonight" else None})
    if m["u2"]:
        return Cand("anchored", m.start(), m.end(), {"n": 0, "unit": m["u2"].lower(), "dir": 0, "q": None})
    pod = PARTS_OF_DAY[m["pod"].lower()] if m["pod"] else None
    return Cand("weekday", m.start(), m.end(), {"wd": WEEKDAY_NUMBER[m["wd"]], "rel": None, "pod": pod})


_DECADE = r"(?P<dec>1\d\d0|20\d0)['’]?s\b"


@rule("part", ["early", "mid", "late"],
      rf"(?P<part>early|mid|late)(?:{_S}|-)(?:(?:on|in){_S}|hours{_S}of{_S})?(?:(?-i:(?P<wd>{_WEEKDAY}))\b(?:{_S}(?P<pod>{_POD})\b)?"
      rf"|(?P<rel>last|this|next){_S}(?P<u>week|month|year|decade)\b|{_mon('m')}(?:,?{_S}{_year('y')})?"
      rf"|(?:the{_S})?{_DECADE}|{_year('y2')})")
def _part(m, text):
    part = m["part"].lower()
    if m["wd"]:
        pod = PARTS_OF_DAY[m["pod"].lower()] if m["pod"] else None
        return Cand("weekday", m.start(), m.end(), {"wd": WEEKDAY_NUMBER[m["wd"]], "rel": None, "pod": pod})
    if m["u"]:
        return Cand("unit", m.start(), m.end(), {"unit": m["u"].lower(), "shift": _SHIFT[m["rel"].lower()],
                                                 "part": part, "within": None})
    if m["m"]:
        if m["y"]:
            return _cal(m, int(m["y"]), _month(m, "m"), None, part=part)
        return Cand("month", m.start(), m.end(), {"m": _month(m, "m"), "rel": None, "part": part})
    if m["dec"]:
        return Cand("decade", m.start(), m.end(), {"y": int(m["dec"]), "part": part})
    if next_word(text, m.end()) in _NOT_YEAR_BEFORE:
        return None
    return _cal(m, int(m["y2"]), None, None, part=part)


@rule("that_year", ["that"], rf"that{_S}year\b(?!-)")
def _that_year(m, text):
    """"that year": the one last mentioned. ("that day" is more often an event's day than a date's:
    "the officers in command that day".)"""
    return Cand("anchored", m.start(), m.end(), {"n": 0, "unit": "year", "dir": 0, "q": None})


# "the ..." phrases
_DECADE_WORDS = LEX["decades"]["words"]


@rule("the_decade", ["the"], rf"the{_S}(?:{_DECADE}|['’](?P<yy>\d0)s\b|(?P<w>{_alt(_DECADE_WORDS)})\b)")
def _the_decade(m, text):
    if m["dec"]:
        return Cand("decade", m.start(), m.end(), {"y": int(m["dec"]), "part": None})
    yy = int(m["yy"]) if m["yy"] else 10 * _DECADE_WORDS[m["w"].lower()]
    return Cand("decade", m.start(), m.end(), {"yy": yy, "part": None})


@rule("the_century", ["the"], rf"the{_S}(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>{_ORD_WORD})){_S}century\b")
def _the_century(m, text):
    n = int(m["n"]) if m["n"] else parse_ordinal_words(m["w"])
    return Cand("century", m.start(), m.end(), {"n": n}) if n and 1 <= n <= 21 else None


@rule("the_day_of", ["the"],
      rf"the{_S}(?:(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)|(?P<w>{_ORD_WORD})){_S}of{_S}{_mon('m')}(?:,?{_S}{_year('y')})?")
def _the_day_of(m, text):
    d = int(m["d"]) if m["d"] else parse_ordinal_words(m["w"])
    return _cal(m, _int(m, "y"), _month(m, "m"), d) if d and d <= 31 else None


@rule("the_part_of", ["the"],
      rf"the{_S}(?P<part>end|beginning|start|middle|close){_S}of{_S}(?:{_mon('m')}(?:,?{_S}{_year('y')})?|{_year('y2')}"
      rf"|(?P<rel>last|this|next|the){_S}(?P<u>week|month|year|decade)\b|(?:the{_S})?{_DECADE})")
def _the_part_of(m, text):
    part = PARTS[m["part"].lower()]
    if m["m"]:
        if m["y"]:
            return _cal(m, int(m["y"]), _month(m, "m"), None, part=part)
        return Cand("month", m.start(), m.end(), {"m": _month(m, "m"), "rel": None, "part": part})
    if m["y2"]:
        return _cal(m, int(m["y2"]), None, None, part=part)
    if m["dec"]:
        return Cand("decade", m.start(), m.end(), {"y": int(m["dec"]), "part": part})
    shift = _SHIFT.get(m["rel"].lower(), 0)
    return Cand("unit", m.start(), m.end(), {"unit": m["u"].lower(), "shift": shift, "part": part, "within": None})


@rule("the_quarter", ["the"],
      rf"the{_S}(?P<o>first|second|third|fourth|last|final){_S}(?P<u>quarter|half){_S}of{_S}"
      rf"(?:{_year('y')}|(?:the{_S})?(?P<rel>this|last|next|the){_S}year\b)")
def _the_quarter(m, text):
    unit, o = m["u"].lower(), m["o"].lower()
    n = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(o, 4 if unit == "quarter" else 2)
    if n > (4 if unit == "quarter" else 2):
        return None
    shift = _SHIFT.get((m["rel"] or "").lower(), 0)
    return Cand("quarter", m.start(), m.end(), {"unit": unit, "n": n, "y": _int(m, "y"), "shift": shift})


@rule("the_anchor", ["the"],
      rf"the{_S}(?P<w>previous|preceding|following|next|same|prior){_S}(?P<u>day|week|month|year|weekend|{_POD})\b")
def _the_anchor(m, text):
    direction = {"previous": -1, "preceding": -1, "prior": -1, "same": 0}.get(m["w"].lower(), 1)
    unit = m["u"].lower()
    if unit in PARTS_OF_DAY:
        return Cand("anchored", m.start(), m.end(), {"n": 1, "unit": "day", "dir": direction, "pod": PARTS_OF_DAY[unit]})
    return Cand("anchored", m.start(), m.end(), {"n": 1, "unit": unit, "dir": direction})


@rule("the_rel_amount", ["the"],
      rf"the{_S}(?P<rel>past|last|previous|next|coming|following|first){_S}(?:(?P<n>{_NUM}){_S})?{_unit()}")
def _the_rel_amount(m, text):
    rel, unit = m["rel"].lower(), singular(m["u"])
    if not m["n"] and (rel == "first" or m["u"].lower().endswith("s")):
        return None  # "the first day of the trial", "the last months of the war"
    if not m["n"] and rel == "coming" and unit in ("week", "month", "year"):  # "in the coming week"
        return Cand("unit", m.start(), m.end(), {"unit": unit, "shift": 1, "part": None, "within": None})
    n = quantity(m["n"]) if m["n"] else 1
    return Cand("duration", m.start(), m.end(), {"n": n, "unit": unit, "q": None}) if n else None


@rule("the_day_before", ["the"], rf"the{_S}day{_S}(?P<ba>before|after)(?:{_S}(?P<yt>yesterday|tomorrow))?\b")
def _the_day_before(m, text):
    ba = m["ba"].lower()
    if m["yt"]:
        return Cand("offset", m.start(), m.end(), {"days": -2 if ba == "before" else 2, "pod": None})
    if next_word(text, m.end()) in ("the", "a", "an", "his", "her", "their", "its", "this", "that") or re.match(
            r"\s+[A-Z]", text[m.end():m.end() + 2]):
        return None
    return Cand("anchored", m.start(), m.end(), {"n": 1, "unit": "day", "dir": -1 if ba == "before" else 1})


@rule("the_weekend", ["the"], rf"the{_S}weekend\b")
def _the_weekend(m, text):
    return Cand("unit", m.start(), m.end(), {"unit": "weekend", "shift": None, "part": None, "within": None})


@rule("every", ["every", "each"],
      rf"(?:every|each){_S}(?:(?P<n>other|{_NUM}){_S})?(?:{_unit()}|(?-i:(?P<wd>{_WEEKDAY}))|(?P<s>{_SEASON})|(?P<pod>{_POD}))\b")
def _every(m, text):
    if m["wd"]:
        value = f"XXXX-WXX-{WEEKDAY_NUMBER[m['wd']] + 1}"
    elif m["s"]:
        value = f"XXXX-{SEASONS[m['s'].lower()]}"
    elif m["pod"]:
        value = f"XXXX-XX-XXT{PARTS_OF_DAY[m['pod'].lower()]}"
    else:
        n = 2 if (m["n"] or "").lower() == "other" else quantity(m["n"]) if m["n"] else 1
        return Cand("set", m.start(), m.end(), {"n": n, "unit": singular(m["u"])}) if n else None
    return Cand("set", m.start(), m.end(), {"value": value})


@rule("annually", ["annually"], r"annually\b")
def _annually(m, text):
    return Cand("set", m.start(), m.end(), {"n": 1, "unit": "year"})


@rule("overnight", ["overnight"], rf"overnight{_S}(?:(?:into|to|on|from){_S})?(?-i:(?P<wd>{_WEEKDAY}))\b")
def _overnight(m, text):
    return Cand("weekday", m.start(), m.end(), {"wd": WEEKDAY_NUMBER[m["wd"]], "rel": None, "pod": None})


@rule("season_year", list(SEASONS), rf"(?P<s>{_SEASON}){_S}(?:of{_S})?{_year('y')}")
def _season_year(m, text):
    return Cand("season", m.start(), m.end(), {"code": SEASONS[m["s"].lower()], "y": int(m["y"]), "rel": None})


@rule("noon", ["noon", "midday", "midnight"], r"(?P<w>noon|midday|midnight)\b")
def _noon(m, text):
    return Cand("clock", m.start(), m.end(), {"H": 0 if m["w"].lower() == "midnight" else 12, "M": 0})
