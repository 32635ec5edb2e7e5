"""Number expressions of casualty figures: "1,700", "twenty-two", "at least 12", "a dozen",
"dozens", "between 7,000 and 10,000", "no one".

:func:`parse_number` reads one expression; :func:`find_numbers` finds them in running text.
Each value is ``(min, max, qualifier)`` with the record's qualifiers (``exact``, ``at_least``,
``about``, ``up_to``, ``range``, ``vague``). The words live in ``lexicons/figures.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import ahocorasick

from ..lexicons import load

Value = tuple[int | None, int | None, str]

_LEX = load("figures")
_WORD_VALUES: dict[str, int] = {
    **_LEX["numbers"]["units"], **_LEX["numbers"]["teens"], **_LEX["numbers"]["tens"],
}
_SCALES: dict[str, int] = _LEX["numbers"]["scales"]
_VAGUE: dict[str, int] = _LEX["numbers"]["vague"]
_QUALIFIER_OF: dict[str, str] = {
    phrase: qualifier for qualifier, phrases in _LEX["qualifiers"].items() for phrase in phrases
}
_ZERO_WORDS: list[str] = _LEX["zero"]["words"]


def alternation(phrases: Iterable[str]) -> str:
    """A regex matching any of the literal phrases (lowercase; any whitespace between words).

    The phrases are merged into a character trie, so a failing position costs one comparison per
    branch instead of one per phrase; the longest phrase wins, as in a longest-first alternation.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in " ".join(phrase.lower().split()):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    chars = sorted(ch for ch in node if ch)
    if not chars:
        return ""
    # a plain first character: branches that start with a case-sensitive class per letter run
    # a little faster but triple the compile time at import (+2.5 s per process)
    branches = [_char(ch) + _trie_pattern(node[ch]) for ch in chars]
    if len(branches) == 1 and "" not in node:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if "" in node else group


def _char(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)


def _words(table: str, skip: tuple[str, ...] = ()) -> str:
    return alternation(w for w in _LEX["numbers"][table] if w not in skip)


_U = _words("units", skip=("zero",))
_T = _words("teens")
_D = _words("tens")
_BELOW100 = rf"(?:(?:{_D})(?:[-\u2010\s](?:{_U}))?|{_T}|{_U}|zero)"
_BELOW1000 = rf"(?:(?:a|one|{_U})\s+hundred(?:\s+(?:and\s+)?{_BELOW100})?|{_BELOW100})"
_SCALE = alternation(_SCALES)
WORDS = rf"(?:(?:(?:{_BELOW1000}|a)\s+thousand(?:,?\s+(?:and\s+)?{_BELOW1000})?|{_BELOW1000})(?:\s+(?:{_SCALE}))?)"
DIGITS = rf"(?:(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d,]\d)(?:\.\d+)?(?:\s+(?:{_SCALE}))?)"
NUMERAL = rf"(?:{DIGITS}|{WORDS})"
_QUAL = alternation(_QUALIFIER_OF)
_VAGUE_RE = rf"(?:{alternation(_VAGUE)})(?:\s+of)?"
_ZERO = alternation(_ZERO_WORDS)
_DOZEN = rf"(?:half\s+a|a|{NUMERAL})\s+dozen"
_RANGE = (rf"between\s+{NUMERAL}\s+and\s+{NUMERAL}|{NUMERAL}\s+(?:to|or)\s+{NUMERAL}"
          rf"|{DIGITS}\s*[-\u2013\u2014]\s*{DIGITS}")

# One number expression with its qualifier, no capture groups: safe to embed in larger patterns.
NUMBER = rf"(?:(?:{_QUAL})\s+)?(?:{_ZERO}|{_RANGE}|{_VAGUE_RE}|{_DOZEN}|{NUMERAL})"

_PARSE_RE = re.compile(
    rf"(?:(?P<qual>{_QUAL})\s+)?(?:"
    rf"(?P<zero>{_ZERO})"
    rf"|between\s+(?P<b1>{NUMERAL})\s+and\s+(?P<b2>{NUMERAL})"
    rf"|(?P<r1>{NUMERAL})\s+(?:to|or)\s+(?P<r2>{NUMERAL})"
    rf"|(?P<d1>{DIGITS})\s*[-\u2013\u2014]\s*(?P<d2>{DIGITS})"
    rf"|(?P<vague>{_VAGUE_RE})"
    rf"|(?P<dozen>half\s+a|a|{NUMERAL})\s+dozen"
    rf"|(?P<num>{NUMERAL}))",
    re.IGNORECASE,
)
# In running text: not glued to a word, a currency sign, a time or a decimal; not an age
# ("34-year-old" with any hyphen or dash, "34 years old", "34 years of age"), a percentage or an
# ordinal ("34th"). Qualifiers are looked up separately.
_DASH = "\u2010-\u2015\u2212-"
_AGE = (rf"(?:\s*[{_DASH}]\s*|\s+)(?:years?|yrs?|months?|weeks?|days?)(?:\s*[{_DASH}]\s*|\s+)"
        r"(?:olds?\b|of\s+age\b)")
# An age as an adjective ("24-year-old", "two-month-old", "19 year old"): a person, not a count.
AGE_ADJ = (rf"(?:\d{{1,3}}|{_BELOW100})(?:\s*[{_DASH}]\s*|\s+)(?:years?|months?|weeks?|days?)"
           rf"(?:\s*[{_DASH}]\s*|\s+)old(?![\w\-])")
NOT_A_UNIT = rf"(?![\w%\u2010-\u2012-]|[.,:/]\d|\s*(?:%|per\s*cent\b|percent\b)|{_AGE})"
_NOT_AFTER = r"(?<![\w$\u20ac\u00a3\u00a5\u20a6#.,:/\-])"
_CORE = rf"{_NOT_AFTER}(?:{_ZERO}|{_RANGE}|{_VAGUE_RE}|{_DOZEN}|{NUMERAL}){NOT_A_UNIT}"
# The same where the text starts with a digit: the alternatives that start with a word cannot
# match there, and NUMERAL can only be DIGITS; in the same order, so the same match.
_CORE_DIGIT = (rf"{_NOT_AFTER}(?:{DIGITS}\s+(?:to|or)\s+{NUMERAL}|{DIGITS}\s*[-\u2013\u2014]\s*{DIGITS}"
               rf"|{DIGITS}\s+dozen|{DIGITS}){NOT_A_UNIT}")
# Case-insensitive patterns are slow to match. Lower-cased text matches these patterns (all
# lower-case) case-sensitively at the same offsets when lower-casing keeps every offset and the
# text has no character that case-insensitive matching takes for an ASCII letter it is not.
FOLD_SPECIAL = ("\u0130", "\u0131", "\u017f", "\u212a")
_CORE_LOWER_RE = re.compile(_CORE)
_CORE_DIGIT_LOWER_RE = re.compile(_CORE_DIGIT)


@cache
def _core_folding() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The number patterns for text that must be matched case-insensitively (compiled on first use)."""
    return re.compile(_CORE, re.IGNORECASE), re.compile(_CORE_DIGIT, re.IGNORECASE)


def _hay_table() -> bytes:
    table = bytearray(b" " * 256)
    for code in range(128):
        if chr(code).isalnum():
            table[code] = ord(chr(code).lower())
    return bytes(table)


_HAY_TABLE = _hay_table()


def word_hay(text: str, start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` lowercased with every character but ASCII letters and digits turned
    into a space, padded with one space on each side: offset ``i`` of the text is ``i - start + 1``
    here, and " word " finds a whole word. For automata keyed on space-padded phrases."""
    return ascii_hay(text[start:end].encode("ascii", "replace"))


def doc_hay(doc) -> str:
    """:func:`word_hay` of a document's whole text, made once (kept in ``doc.memo``)."""
    hay = doc.memo.get("word_hay")
    if hay is None:
        hay = doc.memo["word_hay"] = word_hay(doc.text)
    return hay


def ascii_hay(encoded: bytes) -> str:
    """:func:`word_hay` of a text already encoded with ``encode("ascii", "replace")``."""
    return f" {encoded.translate(_HAY_TABLE).decode('ascii')} "


def padded_key(phrase: str) -> str:
    """" phrase ": the key that finds the phrase as whole words in a :func:`word_hay`."""
    return " " + " ".join(re.sub(r"[^a-z0-9]", " ", phrase.lower()).split()) + " "


def padded_automaton(phrases: Iterable[str], value=lambda phrase: phrase) -> ahocorasick.Automaton:
    """An automaton over " phrase " keys (words joined by single spaces), for :func:`word_hay`."""
    automaton = ahocorasick.Automaton()
    for phrase in phrases:
        key = padded_key(phrase)
        automaton.add_word(key, (len(key) - 2, value(phrase)))
    automaton.make_automaton()
    return automaton


def _number_keys() -> dict[str, int]:
    """Where a number can start, as word_hay keys -> their length: the first words of worded
    numbers (" twenty ", " dozens ", " no one ", " a dozen ") and " 7", a digit after no letter or
    digit (after a letter, the number patterns cannot match)."""
    words = {*_WORD_VALUES, *(v.split()[0] for v in _VAGUE), *_ZERO_WORDS, "zero", "between", "half",
             "a few", "a dozen", "a hundred", "a thousand"}
    return {key: len(key) for key in [padded_key(w) for w in words] + [" " + digit for digit in "0123456789"]}


NUMBER_KEYS = _number_keys()


def _starters() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for key, size in NUMBER_KEYS.items():
        automaton.add_word(key, size)
    automaton.make_automaton()
    return automaton


_STARTERS = _starters()

# The words after "a" in a number: "a hundred", "a thousand", "a dozen" and the vague ones ("a few dozen")
_AFTER_A = {"hundred", "thousand", "dozen", *(v.split()[1] for v in _VAGUE if v.split()[0] == "a")}
_A_NUMBER = re.compile(rf"a\s+(?:{alternation(_AFTER_A)})", re.IGNORECASE)
_AFTER_A_FIRST = frozenset(w[0] for w in _AFTER_A)


def _starts(text: str, start: int, end: int) -> list[int]:
    """Where a number can start in ``text[start:end]``, in order."""
    return sorted({start + last - size + 1 for last, size in _STARTERS.iter(word_hay(text, start, end))})


_ASCII_DIGITS = frozenset("0123456789")
_QUALIFIER_ENDS = frozenset(q.split()[-1] for q in _QUALIFIER_OF)


def _qualifier_before(text: str, start: int, pos: int) -> int | None:
    """Offset of the qualifier ("at least", "some") that ends right before ``pos``, if any."""
    if pos - 2 < start or text[pos - 1] != " ":
        return None
    near = pos - 16 if pos - 16 > start else start  # max() is slow
    space = text.rfind(" ", near, pos - 1)
    if text[space + 1 if space >= 0 else near:pos - 1].lower() not in _QUALIFIER_ENDS:
        return None  # the common case, decided without splitting
    lo = pos - 24 if pos - 24 > start else start
    window = text[lo:pos]
    words = window.split()
    for k in (3, 2, 1):
        if len(words) < k or (len(words) == k and lo > start and text[lo - 1].isalnum()):
            continue
        if " ".join(words[-k:]).lower() in _QUALIFIER_OF:
            at = len(window)  # each word is the last copy of itself before the next: only spaces between
            for word in reversed(words[-k:]):
                at = window.rfind(word, 0, at)
            return lo + at
    return None


@dataclass(slots=True)
class NumberSpan:
    start: int
    end: int
    min: int | None
    max: int | None
    qualifier: str
    zero: bool = False  # "no one", "nobody", "none"

    @property
    def value(self) -> Value:
        return self.min, self.max, self.qualifier


def numeral_value(text: str) -> int | None:
    """The integer a bare numeral names ("1,700", "2.5 million", "twenty-two"); None if not whole."""
    text = text.lower().strip()
    if text[:1].isdigit():
        parts = text.split()
        digits = parts[0].replace(",", "")
        scale = _SCALES.get(parts[-1], 1) if len(parts) > 1 else 1
        if "." in digits:
            whole, frac = digits.split(".")
            value = int(whole + frac) * scale
            if value % 10 ** len(frac):
                return None
            return value // 10 ** len(frac)
        return int(digits) * scale
    total = current = 0
    for word in re.split(r"[\s\-\u2010,]+", text):
        if word in ("", "and"):
            continue
        if word == "a":
            current += 1
        elif word == "zero":
            current += 0
        elif word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif word in _SCALES:
            total = (total + (current or 1)) * _SCALES[word]
            current = 0
        else:
            return None
    return total + current


def _shape(qualifier: str | None, n: int, default: str = "exact") -> Value:
    q = _QUALIFIER_OF.get(re.sub(r"\s+", " ", qualifier.lower())) if qualifier else default
    if q == "at_least":
        return n, None, q
    if q == "up_to":
        return None, n, q
    return n, n, q or default


_GROUPED_RE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")


@lru_cache(maxsize=8192)
def parse_number(text: str) -> Value | None:
    """``(min, max, qualifier)`` of one number expression, or None if ``text`` is not one.

    >>> parse_number("at least 1,700")
    (1700, None, 'at_least')
    """
    # what the pattern gives, quicker: a plain numeral ("12", "1,700", "three"), with a qualifier or not
    head, _, tail = text.rpartition(" ")
    n = int(tail.replace(",", "")) if tail.isascii() and (tail.isdecimal() or _GROUPED_RE.fullmatch(tail)) \
        else _WORD_VALUES.get(tail.lower()) if tail.isascii() else None
    if n is not None:
        if not head:
            return n, n, "exact"
        qualifier = " ".join(head.lower().split())
        if qualifier in _QUALIFIER_OF:
            return _shape(qualifier, n)
    m = _PARSE_RE.fullmatch(text.strip())
    if m is None:
        return None
    g = m.group
    if g("zero"):
        return 0, 0, "exact"
    if g("vague"):
        key = re.sub(r"\s+", " ", g("vague").lower())
        key = key[:-3] if key.endswith(" of") else key
        return _VAGUE[key], None, "vague"
    low_text, high_text = (g("b1"), g("b2")) if g("b1") else (g("r1"), g("r2")) if g("r1") else (g("d1"), g("d2"))
    if low_text:
        low, high = numeral_value(low_text), numeral_value(high_text)
        if low is None or high is None or low > high:
            return None
        return low, high, "range"
    if g("dozen") is not None:
        word = g("dozen").lower()
        n = 6 if word.startswith("half") else 12 * (numeral_value(word) or 0)
        return _shape(g("qual"), n, default="about") if n else None
    n = numeral_value(g("num"))
    if n is None:
        return None
    return _shape(g("qual"), n)


# Where a number is ASCII digits or a unit or teen word ("twelve") after a space or an opening mark
# (none of them a character that the number patterns exclude there), followed by one space and a
# lower-case word that cannot carry it on ("12 to 15", "three dozen", "12 million", "34 years old",
# "12 percent"), by a closing mark and a space ("killing 12, including", "rose to 35.") or by the
# end, the number patterns end it where it ends: this pattern finds that end several times quicker.
# On lower-cased text, as _CORE_LOWER_RE.
_RUN_ON = ("to", "or", "dozen", "hundred", "thousand", *_SCALES, "year", "yr", "month", "week", "day", "per")
_PLAIN_WORDS = (w for table in ("units", "teens") for w in _LEX["numbers"][table] if w != "zero")
_PLAIN_RE = re.compile(
    rf"(?<=[ \t\n\r(\"'\[\u201c\u2018])(?:[0-9]+|{alternation(_PLAIN_WORDS)})"
    rf"(?=[,.;:)!?\"'\u201d\u2019\]](?: |\Z)| (?!{alternation(_RUN_ON)})[a-z]|\Z)")


def find_numbers(text: str, start: int = 0, end: int | None = None, starts: list[int] | None = None
                 ) -> list[NumberSpan]:
    """Every number expression in ``text[start:end]`` that parses, with absolute offsets.

    ``starts`` are where NUMBER_KEYS match in the words of ``text[start:end]`` when the caller
    has found them already."""
    end = len(text) if end is None else end
    base = start - 1 if start > 0 else 0  # the patterns look at the character before a number
    chunk = text[base:end]
    low = chunk.lower()
    if chunk.isascii() or len(low) == len(chunk) and not any(ch in chunk for ch in FOLD_SPECIAL):
        hay, shift, core, core_digit, lowered = low, base, _CORE_LOWER_RE, _CORE_DIGIT_LOWER_RE, True
    else:
        hay, shift, (core, core_digit), lowered = text, 0, _core_folding(), False
    found: list[NumberSpan] = []
    after = start
    for pos in _starts(text, start, end) if starts is None else starts:
        if pos < after:
            continue
        first = hay[pos - shift]
        if first in "aA" and (lowered and hay[pos - shift + 1:pos - shift + 2] == " " and "a" <= hay[
                pos - shift + 2:pos - shift + 3] <= "z" and hay[pos - shift + 2] not in _AFTER_A_FIRST
                              or not _A_NUMBER.match(hay, pos - shift, end - shift)):
            continue  # "a" but not "a dozen" (nor a word that could start "dozen")
        plain = _PLAIN_RE.match(hay, pos - shift, end - shift) if lowered else None
        if plain is not None:
            m_end = plain.end() + shift
        else:
            m = (core_digit if first in _ASCII_DIGITS else core).match(hay, pos - shift, end - shift)
            if m is None:
                continue
            m_end = m.end() + shift
        surface = text[pos:m_end]
        value = parse_number(surface)
        if value is None:
            continue
        first = _qualifier_before(text, after, pos)  # after >= start
        if first is not None and value[2] not in ("range", "vague") and value != (0, 0, "exact"):
            value = parse_number(text[first:m_end]) or value
            pos = first
        zero = value == (0, 0, "exact") and not surface[:1].isdigit() and "zero" not in surface.lower()
        found.append(NumberSpan(pos, m_end, *value, zero=zero))
        after = m_end
    return found
