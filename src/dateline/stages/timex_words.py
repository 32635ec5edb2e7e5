"""The words of temporal expressions: the times lexicon, numbers as words, and the regex fragments
the rules of :mod:`.timex_rules` are written with."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..lexicons import load

LEX = load("times")

# ------------------------------------------------------------------ numbers as words
ONES: dict[str, int] = LEX["numbers"]["ones"]
TENS: dict[str, int] = LEX["numbers"]["tens"]
SCALES: dict[str, int] = LEX["numbers"]["scales"]
QUANTITIES: dict[str, Any] = LEX["numbers"]["quantities"]
ORDINALS: dict[str, int] = LEX["ordinals"]["words"]
_ONES_BY_VALUE = {v: k for k, v in ONES.items()}
_TENS_BY_VALUE = {v: k for k, v in TENS.items()}


def parse_number_words(words: str) -> int | None:
    """'twenty-two' -> 22, 'one hundred and five' -> 105, 'three thousand two hundred' -> 3200."""
    tokens = [t for t in re.split(r"[\s\-]+", words.strip().lower()) if t and t != "and"]
    if not tokens:
        return None
    total = current = 0
    for i, tok in enumerate(tokens):
        if tok in ONES:
            current += ONES[tok]
        elif tok in TENS:
            current += TENS[tok]
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in SCALES:
            total += (current or 1) * SCALES[tok]
            current = 0
        elif tok in ("a", "an") and i == 0 and len(tokens) > 1:
            current = 0
        else:
            return None
    return total + current


def spell_number(n: int) -> str:
    """The English words for 0 <= n < 10**9 ("twenty-two", "one hundred five")."""
    if n < 20:
        return _ONES_BY_VALUE[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS_BY_VALUE[tens * 10] + (f"-{_ONES_BY_VALUE[ones]}" if ones else "")
    for scale in sorted(SCALES.values(), reverse=True):
        if n >= scale:
            head, rest = divmod(n, scale)
            name = next(k for k, v in SCALES.items() if v == scale)
            return f"{spell_number(head)} {name}" + (f" {spell_number(rest)}" if rest else "")
    raise ValueError(n)


def parse_ordinal_words(words: str) -> int | None:
    """'third' -> 3, 'twenty-first' -> 21, 'thirtieth' -> 30."""
    parts = re.split(r"[\s\-]+", words.strip().lower())
    if parts[-1] not in ORDINALS:
        return None
    head = parse_number_words(" ".join(parts[:-1])) if len(parts) > 1 else 0
    return None if head is None else head + ORDINALS[parts[-1]]


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def quantity(text: str) -> int | float | str | None:
    """The amount a numeral or number phrase stands for; "X" for "several", "a few" ..."""
    text = _SPACES.sub(" ", text.strip().lower())
    if text[:1].isdigit():
        return float(text) if "." in text else int(text.replace(",", ""))
    if text in QUANTITIES:
        return QUANTITIES[text]
    return parse_number_words(text)


# ------------------------------------------------------------------ regex fragments
def alt(phrases) -> str:
    """Longest-first alternation of phrases; a space inside a phrase matches any run of spaces.

    Written as a trie ("t(?:en|wo)" for "ten|two"), which matches as the plain alternation does
    (of phrases that match at one place, one starts the others: the longest is tried first) but
    faster, since a case-insensitive alternation tries every alternative in turn."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for token in (r"\s+" if ch == " " else re.escape(ch) for ch in phrase):
            node = node.setdefault(token, {})
        node[None] = {}
    return _trie_pattern(trie) if _exclusive(trie) else "|".join(
        sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True))


def _exclusive(node: dict) -> bool:
    """Whether no two branches of ``node`` or below it can match one character."""
    tokens = [token.lower() for token in node if token is not None]
    return len(set(tokens)) == len(tokens) and all(_exclusive(child) for child in node.values())


def _trie_pattern(node: dict) -> str:
    branches = [token + _trie_pattern(child) for token, child in node.items() if token is not None]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if None not in node:
        return body
    return (body if len(branches) > 1 else f"(?:{body})") + "?"  # the longer phrases first


MONTH_NUMBER = {name: i + 1 for i, name in enumerate(LEX["months"]["full"])} | LEX["months"]["abbreviations"]
WEEKDAY_NUMBER = {name: i for i, name in enumerate(LEX["weekdays"]["names"])}
SEASONS: dict[str, str] = LEX["seasons"]
PARTS_OF_DAY: dict[str, str] = LEX["parts_of_day"]
UNITS: dict[str, str] = LEX["units"]
CLOCK_UNITS = frozenset(LEX["clock_units"]["names"])
PARTS = LEX["modifiers"]["part"] | LEX["modifiers"]["part_of"]

SPACE = r"[ \t\u00a0]+"  # spaces within a line
SPACE_OPT = r"[ \t\u00a0]*"
FULL_MONTH = "|".join(LEX["months"]["full"])
ABBR_MONTH = alt(LEX["months"]["abbreviations"])
MONTH = rf"(?:{FULL_MONTH})\b|(?:{ABBR_MONTH})\b\.?"
WEEKDAY = "|".join(WEEKDAY_NUMBER)
SEASON = alt(SEASONS)
POD = alt(PARTS_OF_DAY)
UNIT = alt(UNITS)
ONES_WORD = alt(ONES)
NUMBER_WORDS = rf"(?:{alt(TENS)})(?:[\s\-]+(?:{ONES_WORD}))?|{ONES_WORD}|{alt(QUANTITIES)}"
NUMBER = rf"\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{NUMBER_WORDS}"
ORDINAL_WORD = rf"(?:(?:{alt(TENS)})-)?(?:{alt(ORDINALS)})"
QUANTITY_MODIFIER = alt(LEX["modifiers"]["quantity"])
CONNECTIVE = rf"{SPACE_OPT}(?P<conn>-|–|—|to|until|till|through|thru|and){SPACE_OPT}"


def month_group(name: str) -> str:
    return rf"(?-i:(?P<{name}>{MONTH}))"


def day_group(name: str) -> str:
    return rf"(?P<{name}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"


def year_group(name: str) -> str:
    return rf"(?P<{name}>1\d{{3}}|20\d\d|2100)\b(?![,.]\d)"


def unit_group(name: str = "u") -> str:
    return rf"(?P<{name}>{UNIT})\b(?:-long\b)?"


_NEXT_WORD = re.compile(r"[\s\-]*([A-Za-z%]+)")


def prev_word(text: str, pos: int) -> str:
    """The word before ``pos`` (lower-cased), skipping up to three spaces or punctuation marks."""
    i, floor = pos, pos - 25 if pos > 25 else 0
    while i > floor and pos - i < 3 and not text[i - 1].isalpha():
        i -= 1
    if i == floor or not text[i - 1].isalpha():
        return ""
    word = text[floor:i].rsplit(None, 1)[-1]  # the common case: the word follows a space
    if word.isalpha():
        return word.lower()
    j = i
    while j > floor and text[j - 1].isalpha():
        j -= 1
    return text[j:i].lower()


def next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)
    return m.group(1).lower() if m else ""


def singular(unit: str) -> str:
    unit = unit.lower()
    return "century" if unit == "centuries" else unit.rstrip("s")


_REPORTING = alt(LEX["cues"]["reporting"])
_REPORTED_BEFORE = re.compile(rf"\b(?:{_REPORTING})\b[^.,;:!?]{{0,14}}$", re.IGNORECASE)
_REPORTED_AFTER = re.compile(rf"\s+(?:[a-z]+\s+)?(?:{_REPORTING})\b")
# the words alone, for a lower-cased word hay (case-sensitive, so a search skips to their first letters)
_REPORTING_WORDS = re.compile(_REPORTING)


def reporting_time(text: str, start: int, end: int, hay: str | None = None) -> bool:
    """Whether the expression at [start, end) says when something was said ("police said on
    Sunday", "on Sunday told"), not when it happened ("killed 15 on Sunday, police said").

    ``hay``: :func:`.numbers.word_hay` of a text without FOLD_SPECIAL characters, where _REPORTED_BEFORE
    (a slow search, case-insensitive) can only match from the first reporting word on."""
    lo = start - 30 if start > 30 else 0
    if hay is not None:  # _REPORTED_BEFORE cannot match before the first reporting word
        word = _REPORTING_WORDS.search(hay, lo + 1, start + 1)
        lo = word.start() - 1 if word else start
    if lo < start and _REPORTED_BEFORE.search(text, lo, start):
        return True
    return _REPORTED_AFTER.match(text, end) is not None
