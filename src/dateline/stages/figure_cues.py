"""The figure words of lexicons/figures.toml by kind and role, and one automaton pass over a
document's words that finds them, the words that wake the fixed constructions of the figures
stage ("no one was hurt", "the death toll rose to", "forced ... to flee") and where numbers can
start (see stages/numbers.py), so that the figures stage reads only the sentences that hold one;
and the patterns of the zero and toll constructions themselves.
"""

from __future__ import annotations

import re
from bisect import bisect_left

import ahocorasick

from ..lexicons import load
from .numbers import NOT_A_UNIT, NUMBER, NUMBER_KEYS, alternation, padded_key, word_hay

_LEX = load("figures")


def _trigger_table() -> dict[str, tuple[str, frozenset[str]]]:
    """phrase -> (kind, roles); a phrase belongs to one kind."""
    table: dict[str, tuple[str, frozenset[str]]] = {}
    for kind, roles in _LEX["kinds"].items():
        for role, phrases in roles.items():
            for phrase in phrases:
                known_kind, known_roles = table.get(phrase, (kind, frozenset()))
                if known_kind != kind:
                    raise ValueError(f"figures.toml: {phrase!r} is both {known_kind} and {kind}")
                table[phrase] = (kind, known_roles | {role})
    return table


TRIGGERS = _trigger_table()
_TOLLS = _LEX["tolls"]
TOLL_KINDS = {
    **{n: "killed" for n in _TOLLS["nouns"]}, **{n: "injured" for n in _TOLLS["injured_nouns"]},
    **{n: "detained" for n in _TOLLS["detained_nouns"]}, **{n: "displaced" for n in _TOLLS["displaced_nouns"]},
    **{n: "missing" for n in _TOLLS["missing_nouns"]},
}
_ZERO = _LEX["zero"]

# The fixed constructions of the figures stage: "no one was hurt", "no casualties", "the death toll rose to 35".
_I = re.IGNORECASE
_AUX_ALT = alternation(_LEX["grammar"]["auxiliaries"])
ZERO_VERBS = _ZERO["verbs"]
ZERO_NOUNS = _ZERO["nouns"]
ZERO_RE = re.compile(
    rf"(?<!almost )(?<!nearly )(?<!virtually )\b(?P<z>{alternation(_ZERO['words'])})"
    rf"(?:\s+of\s+(?:the|them|those|us)(?:\s+[\w'\u2019-]+){{0,3}}?)?"
    rf"\s+(?P<aux>(?:(?:{_AUX_ALT})\s+){{1,4}})(?P<v>{alternation(ZERO_VERBS)})\b"
    rf"(?:\s+or\s+(?P<v2>{alternation(ZERO_VERBS)})\b)?", _I)
NO_NOUN_RE = re.compile(
    rf"\b(?:no|zero)\s+(?:reported\s+)?(?P<n>{alternation(ZERO_NOUNS)})\b"
    rf"(?:\s+or\s+(?P<n2>{alternation(ZERO_NOUNS)})\b)?"
    r"(?!\s+(?:were|was|have\s+been|had\s+been)\s+immediately)", _I)
# "the number of gold miners killed in the attack rose to 11": the figure word after the people it counts
_NUMBER_OF_KIND = {"killed": "killed", "dead": "killed", "injured": "injured", "wounded": "injured",
                   "arrested": "detained", "detained": "detained", "missing": "missing", "displaced": "displaced"}
_NUMBER_OF = rf"number\s+of\s+(?:[a-z-]+\s+){{1,3}}?(?:{alternation(_NUMBER_OF_KIND)})"


def toll_kind(noun: str) -> str:
    """The kind a toll noun counts: "death toll", "number of gold miners killed"."""
    key = " ".join(noun.lower().split())
    return TOLL_KINDS.get(key) or _NUMBER_OF_KIND[key.rsplit(" ", 1)[-1]]


TOLL_RE = re.compile(  # "the death toll from ... rose to 35 on Thursday from 20"
    rf"\b(?P<noun>{alternation(TOLL_KINDS)}|{_NUMBER_OF})\b(?P<gap>[^.;!?]{{0,160}}?)"
    rf"\s(?:(?:{alternation(_TOLLS['auxiliaries'])})\s+){{0,3}}"
    rf"(?:(?:{alternation(_TOLLS['rises'])})\s+(?:from\s+(?P<old1>{NUMBER})\s+)?(?:to|at)"
    rf"|(?:{alternation(_TOLLS['reaches'])}))"
    rf"\s+(?P<new>{NUMBER}){NOT_A_UNIT}(?:(?:\s+[^\s.;!?\d]+){{0,6}}?\s+from\s+(?P<old2>{NUMBER}))?", _I)
RAISE_RE = re.compile(  # "raising the death toll to 27"
    rf"\b(?:{alternation(_TOLLS['raisers'])})\s+the\s+(?:(?:overall|official|confirmed|total|final)\s+)?"
    rf"(?P<noun>{alternation(TOLL_KINDS)})\s+(?:from\s+(?P<old1>{NUMBER})\s+)?(?:to|at)\s+"
    rf"(?P<new>{NUMBER}){NOT_A_UNIT}", _I)
RAISERS = frozenset(_TOLLS["raisers"])  # single words: a sentence holds one where its word_hay splits into one
if any(" " in w for w in RAISERS):
    raise ValueError("figures.toml: tolls.raisers are single words")
TOLL_OF_RE = re.compile(rf"\b(?P<noun>death\s+toll|the\s+toll)\s+(?:of|at)\s+(?P<new>{NUMBER}){NOT_A_UNIT}", _I)

# Categories: the figure words themselves, and the words that wake the fixed constructions.
_SPECIAL_CUES = ("forced", "forcing", "driven", "driving", "drove", "treated",
                 "hostage", "hostages", "captive", "captives", "custody")
_ZERO_CUES = (*_ZERO["words"], *(f"{no} {reported}{noun}" for no in ("no", "zero")
                                   for reported in ("", "reported ") for noun in _ZERO["nouns"]))


def _cue_categories() -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    entries = [(p, "trigger") for p in TRIGGERS] + [(p, "toll") for p in (*TOLL_KINDS, "toll", "number of")]
    entries += [(p, "special") for p in _SPECIAL_CUES] + [(p, "zero") for p in _ZERO_CUES]
    for phrase, category in entries:
        table.setdefault(phrase, set()).add(category)
    return table


_CUE_CATEGORIES = _cue_categories()
Cue = tuple[int, int, str, set[str]]


def _automaton() -> ahocorasick.Automaton:
    """The cue words and where numbers can start (NUMBER_KEYS), in one automaton over a word hay:
    key -> (its length, (phrase length, phrase, categories) or None, whether a number can start there)."""
    entries: dict[str, list] = {}
    for phrase, categories in _CUE_CATEGORIES.items():
        key = padded_key(phrase)
        entries.setdefault(key, [None, False])[0] = (len(key) - 2, phrase, categories)
    for key in NUMBER_KEYS:
        entries.setdefault(key, [None, False])[1] = True
    automaton = ahocorasick.Automaton()
    for key, (cue, number) in entries.items():
        automaton.add_word(key, (len(key), cue, number))
    automaton.make_automaton()
    return automaton


_AUTOMATON = _automaton()


def scan(hay: str, offset: int) -> tuple[list[Cue], tuple[list[int], list[int]]]:
    """The cue words of a word hay of the text from ``offset`` (start, end, phrase, categories),
    and where numbers can start: the offsets in order, and for each the least offset past its keys'
    trailing space or digit."""
    cues: list[Cue] = []
    least: dict[int, int] = {}  # where a number can start -> the least past of its keys
    for last, (length, cue, number) in _AUTOMATON.iter(hay):
        first = offset + last - length + 1  # the key's first character after its leading space
        if cue is not None:
            cues.append((first, first + cue[0], cue[1], cue[2]))
        if number and first not in least:  # the keys are found by where they end: the shortest first
            least[first] = offset + last
    firsts = sorted(least)
    return cues, (firsts, list(map(least.__getitem__, firsts)))


def find_cues(text: str, start: int, end: int) -> list[Cue]:
    """Cue words in ``text[start:end]``, whole words only: (start, end, phrase, categories)."""
    return scan(word_hay(text, start, end), start)[0]


def number_starts(numbers: tuple[list[int], list[int]], hay: str, start: int, end: int) -> list[int] | None:
    """Where numbers can start in ``text[start:end]`` (as :func:`.numbers.find_numbers` finds them),
    from the ``numbers`` that :func:`scan` found in the whole text's ``hay``; None where a word runs
    across an edge of the range, which the hay of the range alone would cut."""
    if hay[start] != " " or hay[end + 1] != " ":
        return None
    firsts, pasts = numbers
    lo, hi = bisect_left(firsts, start), bisect_left(firsts, end + 1)
    while hi > lo and pasts[hi - 1] > end + 1:
        hi -= 1  # "no" at the end, "one" in the next sentence: with no word across the edge, only the last run on
    return firsts[lo:hi]
