"""One pass over a text that finds every temporal expression the rules of :mod:`.timex_rules` know.

Trigger words are found with one Aho-Corasick pass over the lower-cased text (a regex pass
over every word costs several times more) and numbers with one ``\\d+`` pass; only at those
offsets do rules run, and for a number only the rules that what follows it allows.
"""

from __future__ import annotations

import re

import ahocorasick

from .timex_rules import DIGIT_TRIGGER, MONTH_TRIGGER, RULES, WEEKDAY_TRIGGER, Cand, Rule
from .timex_words import LEX, MONTH_NUMBER, ORDINALS, TENS, UNITS, WEEKDAY_NUMBER

# "a"/"an" are too common to be keys: a unit word ("day", "years") looks back for them instead.
_CASED = {name: RULES[MONTH_TRIGGER] for name in MONTH_NUMBER} | {
    name + plural: RULES[WEEKDAY_TRIGGER] for name in WEEKDAY_NUMBER for plural in ("", "s")}
_LOWER = {word: rules for word, rules in RULES.items() if not word.startswith("<")}
_DIGIT_RULES = RULES[DIGIT_TRIGGER]
_A_RULES = _LOWER["a"]
_A_BEFORE = re.compile(r"\b(?:a|an)\s+(?:(?:few|couple\s+of|dozen)\s+)?$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_AFTER_NUMBER = re.compile(r"(?:(?P<sym>[:.]\d|[\-–—/'’]|s\b)|(?:st|nd|rd|th)?,?\s*(?:of\s+)?(?P<w>[A-Za-z]+)?)")


def _digit_group(*names: str) -> list[Rule]:
    return [r for r in _DIGIT_RULES if r.name in names]


# What follows a number decides which rules may match there ("20th January", "5 p.m.", "34 years")
_BY_FOLLOWER = {
    **{w.lower(): _digit_group("dd", "dmy", "dm") for w in MONTH_NUMBER},
    **{u: _digit_group("amount") for u in UNITS},
    **{w: _digit_group("dd", "years") for w in ("to", "and", "until", "till", "through", "thru")},
    **{w: _digit_group("clock", "clock24") for w in ("am", "pm", "a", "p", "gmt", "utc", "hrs", "hours", "local")},
    "times": _digit_group("times_per"),
}
_FOUR_DIGIT_RULES = _digit_group("years", "year")
_SYMBOL_RULES = {":": _digit_group("clock", "clock24"), ".": _digit_group("clock", "clock24", "amount"),
                 "s": _digit_group("decade"), "'": _digit_group("decade", "year"),
                 "’": _digit_group("decade", "year")}


def _digit_rules(text: str, end: int, four_digits: bool) -> list[Rule] | None:
    after = _AFTER_NUMBER.match(text, end)
    if after["sym"]:
        return _SYMBOL_RULES.get(after["sym"][0], _DIGIT_RULES)
    rules = _BY_FOLLOWER.get((after["w"] or "").lower())
    if four_digits:  # a year, a year range ("2014 to 2016") or a clock time ("1430 hours")
        return (rules or []) + _FOUR_DIGIT_RULES
    return rules


def _prefilter(rules: list[Rule]) -> re.Pattern[str]:
    """One regex that matches wherever any of ``rules`` could (named groups dropped)."""
    unnamed = (_GROUP_NAME.sub("(?:", r.regex.pattern) for r in rules)
    return re.compile("|".join(f"(?:{p})" for p in unnamed), re.IGNORECASE)


_GROUP_NAME = re.compile(r"\(\?P<\w+>")


# Words that mostly open no expression ("the", "two", "last") test all their rules in one call
# first; month names nearly always open one, so their rules run one by one.
_PREFILTER = {id(rules): _prefilter(rules) for rules in _LOWER.values() if len(rules) > 1}


# Common words are keyed with what must follow them, so that "the", "at" or "up" cost nothing
# where they open no expression; such a key only needs a word boundary before it.
_PHRASE_KEYS = {
    "the": [*"0123456789'’", "end", "beginning", "start", "middle", "close", "first", "second", "third", "fourth",
            "last", "final", "previous", "preceding", "following", "next", "same", "prior", "past", "coming", "day",
            "weekend", *ORDINALS, *TENS, *LEX["decades"]["words"]],
    "at": ["least", "most"], "up": ["to"], "more": ["than"], "less": ["than"], "fewer": ["than"],
}


def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in [*(w for w in _LOWER if w not in ("a", "an", *_PHRASE_KEYS)), *(w.lower() for w in _CASED)]:
        automaton.add_word(word, (len(word), "word", _LOWER.get(word)))
    for first, seconds in _PHRASE_KEYS.items():
        for second in seconds:
            key = f"{first} {second}"
            automaton.add_word(key, (len(key), "prefix", _LOWER[first]))
    for unit in UNITS:
        if unit not in _LOWER:
            automaton.add_word(unit, (len(unit), "unit", _A_RULES))
    automaton.make_automaton()
    return automaton


_AUTOMATON = _automaton()


def _triggers(text: str) -> list[tuple[int, list[Rule]]]:
    """(offset, rules to try) for each word that can open an expression, in text order."""
    lower = text.lower()
    if len(lower) != len(text):  # a few characters change length when lower-cased
        lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    n = len(text)
    found: list[tuple[int, list[Rule]]] = []
    for end, (length, kind, rules) in _AUTOMATON.iter(lower):
        start = end - length + 1
        if start and lower[start - 1].isalnum():
            continue
        if kind == "prefix":
            found.append((start, rules))
            continue
        if end + 1 < n and lower[end + 1].isalnum():
            continue
        if kind == "unit":
            a = _A_BEFORE.search(lower, max(0, start - 20), start)
            if a:
                found.append((a.start(), rules))
        elif rules is not None:
            found.append((start, rules))
        else:
            cased = _CASED.get(text[start:end + 1])
            if cased is not None:
                found.append((start, cased))
    for m in _DIGITS.finditer(text):
        pos = m.start()
        if pos and (text[pos - 1].isalpha() or text[pos - 1] in "-/.," and pos > 1 and text[pos - 2].isalnum()):
            continue
        rules = _digit_rules(text, m.end(), m.end() - pos == 4)
        if rules:
            found.append((pos, rules))
    found.sort(key=lambda t: t[0])
    return found


def scan(text: str) -> list[Cand]:
    """Every temporal expression in ``text``, in order, none overlapping."""
    found: list[Cand] = []
    covered = 0
    for pos, rules in _triggers(text):
        if pos < covered:
            continue
        prefilter = _PREFILTER.get(id(rules))
        if prefilter is not None and prefilter.match(text, pos) is None:
            continue
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
