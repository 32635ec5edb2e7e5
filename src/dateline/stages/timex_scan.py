"""One pass over a text that finds every temporal expression the rules of :mod:`.timex_rules` know.

Trigger words and the first digits of numbers are found with one Aho-Corasick pass over the
text's words (:func:`.numbers.word_hay`; a regex pass over every word costs several times more);
only at those offsets do rules run, for a number only the rules that what follows it allows, and
for a number word ("two", "about") only where a unit word ("days") follows closely enough.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from operator import itemgetter
from typing import NamedTuple

import ahocorasick

from .numbers import FOLD_SPECIAL, ascii_hay, word_hay
from .timex_rules import (
    DIGIT_TRIGGER,
    MONTH_TRIGGER,
    NEED_A_UNIT,
    RULES,
    WEEKDAY_TRIGGER,
    WORDS_BEFORE_UNIT,
    Cand,
    Rule,
)
from .timex_words import LEX, MONTH_NUMBER, ORDINALS, TENS, UNITS, WEEKDAY_NUMBER


def _prefilter(rules: list[Rule]) -> re.Pattern[str]:
    """One regex that matches wherever any of ``rules`` could (named groups dropped); its
    ``lastindex`` is the number of the first rule that matches."""
    unnamed = (_GROUP_NAME.sub("(?:", r.regex.pattern) for r in rules)
    return re.compile("|".join(f"({p})" for p in unnamed), re.IGNORECASE)


_GROUP_NAME = re.compile(r"\(\?P<\w+>")


class _Rules(list):
    """The rules to try in turn where a trigger opens an expression, and what :func:`scan` asks
    of them all (``word``: whether the trigger is a word, not a number or a capitalised name)."""

    __slots__ = ("prefilter", "needs_unit")

    def __init__(self, rules, word: bool = False) -> None:
        super().__init__(rules)
        # Words that mostly open no expression ("the", "two", "last") test all their rules in one
        # call first; month names nearly always open one, so their rules run one by one.
        self.prefilter = _prefilter(self) if word and len(self) > 1 else None
        # Words whose every rule ends in a unit word ("two", "about"): tried only where one follows.
        self.needs_unit = word and all(r.name in NEED_A_UNIT for r in self)


# "a"/"an" are too common to be keys: a unit word ("day", "years") looks back for them instead.
_MONTH_RULES, _WEEKDAY_RULES = _Rules(RULES[MONTH_TRIGGER]), _Rules(RULES[WEEKDAY_TRIGGER])
_CASED = {name: _MONTH_RULES for name in MONTH_NUMBER} | {
    name + plural: _WEEKDAY_RULES for name in WEEKDAY_NUMBER for plural in ("", "s")}
_LOWER = {word: _Rules(rules, word=True) for word, rules in RULES.items() if not word.startswith("<")}
_DIGIT_RULES = _Rules(RULES[DIGIT_TRIGGER])
_A_RULES = _LOWER["a"]
_A_BEFORE = re.compile(r"\b(?:a|an)\s+(?:(?:few|couple\s+of|dozen)\s+)?$", re.IGNORECASE)
_AFTER_NUMBER = re.compile(r"(?:(?P<sym>[:.]\d|[\-–—/'’]|s\b)|(?:st|nd|rd|th)?,?\s*(?:of\s+)?(?P<w>[A-Za-z]+)?)")


def _digit_group(*names: str) -> _Rules:
    return _Rules(r for r in _DIGIT_RULES if r.name in names)


# What follows a number decides which rules may match there ("20th January", "5 p.m.", "34 years")
_BY_FOLLOWER = {
    **{w.lower(): _digit_group("dd", "dmy", "dm") for w in MONTH_NUMBER},
    **{u: _digit_group("amount") for u in UNITS},
    **{w: _digit_group("dd", "years") for w in ("to", "and", "until", "till", "through", "thru")},
    **{w: _digit_group("clock", "clock24") for w in ("am", "pm", "a", "p", "gmt", "utc", "hrs", "hours", "local")},
    "times": _digit_group("times_per"),
}
_FOUR_DIGIT_RULES = _digit_group("years", "year")
# ... and where it has four digits, a year, a year range ("2014 to 2016") or a clock time ("1430 hours") too
_WITH_FOUR_DIGITS = {id(rules): _Rules(rules + _FOUR_DIGIT_RULES) for rules in _BY_FOLLOWER.values()}
_SYMBOL_RULES = {":": _digit_group("clock", "clock24"), ".": _digit_group("clock", "clock24", "amount"),
                 "s": _digit_group("decade"), "'": _digit_group("decade", "year"),
                 "’": _digit_group("decade", "year")}




# Common words are keyed with what must follow them, so that "the", "at" or "up" cost nothing
# where they open no expression; such a key only needs a word boundary before it.
_PHRASE_KEYS = {
    "the": [*"0123456789'’", "end", "beginning", "start", "middle", "close", "first", "second", "third", "fourth",
            "last", "final", "previous", "preceding", "following", "next", "same", "prior", "past", "coming", "day",
            "weekend", *ORDINALS, *TENS, *LEX["decades"]["words"]],
    "that": ["year"], "at": ["least", "most"], "up": ["to"], "more": ["than"], "less": ["than"], "fewer": ["than"],
}


_LETTER_ORDER = " tasowicmfhbprdnlgekuv21yj340568qz97x"  # by how many English words they begin


def _automata() -> tuple[ahocorasick.Automaton, ahocorasick.Automaton, int]:
    """Keys padded as in :func:`.numbers.word_hay`, so that only whole words are reported:
    " word " for words, " the end" for phrase keys (which only need a boundary before them),
    " 7" for the first digit of a number. The keys of words whose every rule ends in a unit word
    ("two", "about", "more than") go to a second automaton, run only where a unit word follows
    closely; also the length of its longest key."""
    entries: dict[str, dict[str, tuple[str, list[Rule] | None]]] = {}

    def add(key: str, kind: str, rules: list[Rule] | None) -> None:
        padded = word_hay(key)[:-1] if kind in ("prefix", "digit") else word_hay(key)
        entries.setdefault(padded, {}).setdefault(key, (kind, rules))

    for word in [*(w for w in _LOWER if w not in ("a", "an", *_PHRASE_KEYS)), *(w.lower() for w in _CASED)]:
        add(word, "word", _LOWER.get(word))
    for first, seconds in _PHRASE_KEYS.items():
        for second in seconds:
            add(f"{first} {second}", "prefix", _LOWER[first])
    for unit in UNITS:
        if unit not in _LOWER:
            add(unit, "unit", _A_RULES)
    for digit in "0123456789":
        add(digit, "digit", None)
    automaton, need = ahocorasick.Automaton(), ahocorasick.Automaton()
    longest = 0
    # A node's branches are tried in the order they were added: words most often begin with the letters first
    for padded, keys in sorted(entries.items(), key=lambda entry: [_LETTER_ORDER.find(ch) for ch in entry[0]]):
        needs_unit = all(kind in ("word", "prefix") and rules is not None and rules.needs_unit
                         and key not in UNITS for key, (kind, rules) in keys.items())
        if needs_unit:
            longest = max(longest, len(padded))
        # the text must hold the key itself where the padded key matched ("the '90s")
        (need if needs_unit else automaton).add_word(
            padded, (len(padded), tuple((key, key.isalnum(), key in UNITS, *v) for key, v in keys.items())))
    automaton.make_automaton()
    need.make_automaton()
    return automaton, need, longest


_AUTOMATON, _NEED_AUTOMATON, _NEED_LONGEST = _automata()
# a number and what follows it (the lookahead consumes nothing, as _AFTER_NUMBER.match at its end)
_NUMBER_AND_AFTER = re.compile(rf"\d\d*(?={_AFTER_NUMBER.pattern})")  # "\d\d*": a search skips to a digit
_A_LAST = ("a", "n", "w", "f")  # the last letter of what _A_BEFORE can match before a unit
_KELVIN = "\u212a"  # the one character outside ASCII that lower-cases to an ASCII letter


class Outside(NamedTuple):
    """What :func:`_triggers` needs to know of a text's characters outside ASCII."""

    low: str  # the text, or where it has a Kelvin sign, the text lower-cased (offsets kept)
    encoded: bytes  # ``low`` encoded as ASCII with "?" for the characters outside it
    other_alnum: bool  # a letter or digit outside ASCII, without which a key the automaton finds
    # always has a word boundary on either side
    other_digits: bool  # a digit outside ASCII
    fold: bool  # a character in FOLD_SPECIAL (of ``text``; of ``low``, which has no Kelvin sign)


def outside_ascii(text: str, encoded: bytes | None = None) -> Outside:
    """The characters of ``text`` outside ASCII (``encoded``: the text encoded as ASCII with "?"
    for them, if made; "’" may be "'" there: it is no letter either)."""
    # Keys are matched case-insensitively. Lower-casing keeps every character alphanumeric or
    # not and keeps characters outside ASCII outside it, save the Kelvin sign, so the text can
    # stand for its lower-cased self (and spare the cost of lower-casing it) unless it has one.
    low = text
    if _KELVIN in text:
        low = text.lower()
        if len(low) != len(text):  # a few characters change length when lower-cased
            low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    if encoded is None or low is not text:
        encoded = low.encode("ascii", "replace")
    # digits outside ASCII; characters in FOLD_SPECIAL; letters or digits outside ASCII, without
    # which a key the automaton finds always has a word boundary on either side
    other_digits = fold = other_alnum = False
    if not text.isascii():
        i = encoded.find(b"?")
        while i >= 0:
            ch = low[i]
            if ch.isalnum():
                other_alnum = True
                other_digits = other_digits or text[i].isdecimal()
            fold = fold or text[i] in FOLD_SPECIAL
            i = encoded.find(b"?", i + 1)
    return Outside(low, encoded, other_alnum, other_digits, fold)


def _triggers(text: str, hay: str | None = None, encoded: bytes | None = None,
              outside: Outside | None = None) -> tuple[list[tuple[int, list[Rule]]], list[int] | None]:
    """(offset, rules to try) for each word that can open an expression, in text order; and the
    offsets of the unit words ("days"), or None when case-insensitive matching could find others.
    ``encoded``, ``outside``: as :func:`outside_ascii` takes and makes them, if made."""
    low, encoded, other_alnum, other_digits, fold = outside or outside_ascii(text, encoded)
    n = len(text)
    found: list[tuple[int, list[Rule]]] = []
    units: list[int] = []
    numbers: list[int] = []
    if hay is None or low is not text:
        hay = ascii_hay(encoded)
    for last, (size, keys) in _AUTOMATON.iter(hay):
        start = last - size + 1  # offset in the text of the key's first character
        for key, plain, unit, kind, rules in keys:
            if kind == "digit":
                numbers.append(start)
                continue
            if other_alnum and start and low[start - 1].isalnum():
                continue  # not a boundary after all: a letter outside ASCII
            if not plain and low[start:start + len(key)].lower() != key:
                continue
            if kind == "prefix":
                found.append((start, rules))
                continue
            end = start + len(key) - 1
            if other_alnum and end + 1 < n and low[end + 1].isalnum():
                continue
            if unit:
                units.append(start)
            if kind == "unit":
                lo = start - 20 if start > 20 else 0
                if low[lo:start].rstrip()[-1:].lower() not in _A_LAST:
                    continue  # _A_BEFORE cannot match: "two days"
                a = _A_BEFORE.search(low, lo, start)
                if a:
                    found.append((a.start(), rules))
            elif rules is not None:
                found.append((start, rules))
            else:
                cased = _CASED.get(text[start:end + 1])
                if cased is not None:
                    found.append((start, cased))
    if fold:
        _need_triggers(low, hay, 0, len(hay), len(hay), found)
    else:  # only those words a unit word follows closely enough, which _unit_follows would let through
        after = 0
        for unit in units:
            lo = _window_start(text, unit)
            _need_triggers(low, hay, lo if lo > after else after, unit, unit + _NEED_LONGEST, found)
            after = unit + 1
    # The automaton finds the numbers that follow a character other than an ASCII letter or
    # digit, which are those the regex finds unless a digit outside ASCII is about.
    if other_digits:
        numbers = [m.start() for m in _NUMBER_AND_AFTER.finditer(text)]
    for pos in numbers:
        if pos:
            before = text[pos - 1]
            if before.isalpha() or before in "-/.," and pos > 1 and text[pos - 2].isalnum():
                continue
        m = _NUMBER_AND_AFTER.match(text, pos)
        group = m.lastgroup  # "sym", "w" or None
        if group == "sym":
            rules = _SYMBOL_RULES.get(m["sym"][0], _DIGIT_RULES)
        else:
            rules = _BY_FOLLOWER.get(m["w"].lower()) if group else None
            if m.end() - pos == 4:
                rules = _WITH_FOUR_DIGITS[id(rules)] if rules else _FOUR_DIGIT_RULES
        if rules:
            found.append((pos, rules))
    found.sort(key=itemgetter(0))
    return found, None if fold else units


def _need_triggers(low: str, hay: str, lo: int, below: int, stop: int, found: list[tuple[int, list[Rule]]]) -> None:
    """Add the words of _NEED_AUTOMATON that start in [lo, below) to ``found`` (``stop``: where a
    key that starts there surely ends)."""
    n = len(low)
    # iter() copies all the string it is given, so it gets only the part to read
    for last, (size, keys) in _NEED_AUTOMATON.iter(hay[lo:stop]):
        start = lo + last - size + 1
        if start >= below or start and low[start - 1].isalnum():
            continue
        for key, plain, _, kind, rules in keys:
            if not plain and low[start:start + len(key)].lower() != key:
                continue
            end = start + len(key)
            if kind == "prefix" or end >= n or not low[end].isalnum():
                found.append((start, rules))


def _window_start(text: str, unit: int) -> int:
    """Where the last WORDS_BEFORE_UNIT runs of non-space characters before ``unit`` begin: a word
    there or after, and no word before it, has a unit word within that many words."""
    size = 120
    while True:
        first = unit - size if unit > size else 0
        words = text[first:unit].rsplit(None, WORDS_BEFORE_UNIT)
        if len(words) > WORDS_BEFORE_UNIT:
            return first + len(words[0])  # the end of the run before them
        if first == 0:
            return 0
        size *= 8


def _unit_follows(text: str, pos: int, units: list[int]) -> bool:
    """Whether a unit word starts after ``pos`` within WORDS_BEFORE_UNIT words."""
    k = bisect_right(units, pos)
    if k == len(units):
        return False
    unit = units[k]
    near = unit if unit < pos + 120 else pos + 120  # most words are read within 120 characters
    if len(text[pos:near].split(None, WORDS_BEFORE_UNIT)) > WORDS_BEFORE_UNIT:
        return False
    return unit == near or len(text[pos:unit].split(None, WORDS_BEFORE_UNIT)) <= WORDS_BEFORE_UNIT


def scan(text: str, hay: str | None = None, encoded: bytes | None = None,
         outside: Outside | None = None) -> list[Cand]:
    """Every temporal expression in ``text``, in order, none overlapping (``hay``: word_hay(text);
    ``encoded``, ``outside``: as :func:`outside_ascii` takes and makes them; each if made)."""
    found: list[Cand] = []
    covered = 0
    triggers, units = _triggers(text, hay, encoded, outside)
    for pos, rules in triggers:
        if pos < covered:
            continue
        if rules.needs_unit and units is not None and not _unit_follows(text, pos, units):
            continue
        prefilter = rules.prefilter
        if prefilter is not None:
            m = prefilter.match(text, pos)
            if m is None:
                continue
            if m.lastindex > 1:
                rules = rules[m.lastindex - 1:]  # the rules before it cannot match here
        for r in rules:
            m = r.regex.match(text, pos)
            if m is None:
                continue
            cand = r.check(m, text)
            if cand is not None:
                cand.data["rule"] = r.name
                found.append(cand)
                covered = cand.end
                break
    return found
