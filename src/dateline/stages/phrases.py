"""Lexicon phrases found as whole words: one Aho-Corasick pass per document and phrase set.

A ``PhraseSet`` answers what a longest-first regex alternation wrapped in ``(?<![\\w-])`` and
``(?![\\w-])`` answers (case-insensitive, any one white-space character between the words of
a phrase), but it scans the document once and then answers every question about a character
range from that scan. A regex alternation of a few hundred phrases tries each phrase at every
position of every range it is asked about; the events stage asks about the same sentence many
times over.

Ranges follow the regex conventions of ``pattern.search(text, start, end)``: a phrase must lie
inside [start, end); the character before ``start`` still counts for the left word boundary
(``edge=False``) unless the range stands for a cut-out string (``edge=True``, as in
``pattern.search(text[start:end])``). A phrase must end at a word boundary of the whole text,
even where the range ends.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from operator import itemgetter

import ahocorasick

from ..doc import Doc

# str.translate does a dict lookup per character once the text holds a non-ASCII character
# (most news does: ’ — é), ten times the cost of one regex pass over the rare other spaces
_OTHER_SPACE = re.compile(r"[^\S ]")


def _fold(text: str) -> str:
    """Lower case with every white-space character as a space, offsets unchanged (a phrase whose
    words a run of several spaces or line breaks separates is not found)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: keep offsets true
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # line breaks are the common white space; every other white-space character but the space
    # is unprintable, so a text that is printable once they are gone needs no regex pass
    lowered = lowered.replace("\n", " ")
    return lowered if lowered.isprintable() else _OTHER_SPACE.sub(" ", lowered)


def folded(doc: Doc) -> str:
    found = doc.memo.get("phrases.folded")
    if found is None:
        found = doc.memo["phrases.folded"] = _fold(doc.article.text)
    return found


def caseless(doc: Doc) -> bool:
    """Does a pattern spelt in lower case match the folded text where the same pattern with
    IGNORECASE matches the text? It does unless the text holds one of the three characters that
    IGNORECASE equates with an ASCII letter but lower() leaves alone: dotless ı and dotted İ
    (for i), long ſ (for s). (Lower-casing keeps what \\w, \\d and \\s match, and folding turns
    every white space into a space, which \\s matches.)"""
    found = doc.memo.get("phrases.caseless")
    if found is None:
        lowered = folded(doc)
        found = doc.memo["phrases.caseless"] = "ı" not in lowered and "İ" not in lowered and "ſ" not in lowered
    return found


_START = itemgetter(0)
_SHARED: list[PhraseSet] = []
_combined: dict[int, ahocorasick.Automaton] = {}  # number of shared sets -> their automaton


def _automaton(values: dict[str, object]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for key, value in values.items():
        automaton.add_word(key, value)
    automaton.make_automaton()
    return automaton


def _scan(doc: Doc, automaton: ahocorasick.Automaton, sets: int = 0) -> list[list[tuple[int, int, bool]]]:
    """(start, end, word boundary before it) of each hit that ends at a word boundary, in the
    order found; for an automaton of shared sets (``sets`` of them, values (length, set
    indexes)) one list per set, else (values the lengths) one list."""
    lowered = folded(doc)
    size = len(lowered)
    per_set: list[list[tuple[int, int, bool]]] = [[] for _ in range(sets or 1)]
    only = per_set[0]
    for last, value in automaton.iter(lowered):
        # [\w-] by hand, as a regex call costs more than the test: \w is str.isalnum() or "_"
        # (lower case keeps what is a word character; a space, the commonest neighbour and every
        # white space in the folded text, settles it without a method call)
        end = last + 1
        if end < size:
            after = lowered[end]
            if after != " " and (after.isalnum() or after == "_" or after == "-"):
                continue
        if sets:
            length, owners = value
        else:
            length, owners = value, None
        first = end - length
        if first > 0:
            before = lowered[first - 1]
            bounded = before == " " or not (before.isalnum() or before == "_" or before == "-")
        else:
            bounded = True
        hit = (first, end, bounded)
        if owners is None:
            only.append(hit)
        else:
            for i in owners:
                per_set[i].append(hit)
    return per_set


def _index(spans: list[tuple[int, int, bool]]) -> tuple[list[int], list[tuple[int, int, bool]]]:
    """The spans sorted by start and then longest first, with their starts. The automaton
    reports hits by end, so reversed they run by end backwards, and a stable sort by start
    then puts the longer of two hits with one start first (a set holds no span twice)."""
    spans.reverse()
    spans.sort(key=_START)
    return [sp[0] for sp in spans], spans


def _scan_shared(doc: Doc) -> None:
    """One pass over the document for every shared set; each set's occurrences go to doc.memo."""
    automaton = _combined.get(len(_SHARED))
    if automaton is None:
        owners: dict[str, list[int]] = {}
        for i, phrase_set in enumerate(_SHARED):
            for phrase in phrase_set.phrases:
                owners.setdefault(phrase, []).append(i)
        _combined.clear()
        automaton = _combined[len(_SHARED)] = _automaton(
            {phrase: (len(phrase), tuple(sets)) for phrase, sets in owners.items()})
    for phrase_set, spans in zip(_SHARED, _scan(doc, automaton, len(_SHARED)), strict=True):
        doc.memo[phrase_set] = _index(spans)


class PhraseSet:
    """Whole-word occurrences of a set of literal phrases in a document."""

    def __init__(self, name: str, phrases: Iterable[str], shared: bool = False):
        """``shared``: scan for this set in the one pass over each document that serves every
        shared set (for lexicons loaded once per process; a set made on the fly scans alone)."""
        self.name = name
        self.phrases = frozenset(" ".join(p.lower().split()) for p in phrases if p.strip())
        self._automaton = _automaton({phrase: len(phrase) for phrase in self.phrases})
        self.shared = shared
        if shared:
            _SHARED.append(self)

    def occurrences(self, doc: Doc) -> tuple[list[int], list[tuple[int, int, bool]]]:
        """Every occurrence (start, end, whether a word boundary precedes it) in the text,
        overlapping ones included, that ends at a word boundary, sorted by start and then
        longest first; with the list of starts."""
        found = doc.memo.get(self)
        if found is None:
            if self.shared:
                _scan_shared(doc)
            else:
                doc.memo[self] = _index(_scan(doc, self._automaton)[0])
            found = doc.memo[self]
        return found

    def occurs(self, doc: Doc, start: int, end: int) -> bool:
        """Does an occurrence start in [start, end)? (A quick test before ``within``.)"""
        found = doc.memo.get(self)
        starts = (found or self.occurrences(doc))[0]
        lo = bisect_left(starts, start)
        return lo < len(starts) and starts[lo] < end

    def within(self, doc: Doc, start: int, end: int, edge: bool = False) -> list[tuple[int, int]]:
        """Every occurrence in [start, end), overlapping ones included, in text order."""
        starts, spans = doc.memo.get(self) or self.occurrences(doc)
        lo = bisect_left(starts, start)
        if lo == len(starts) or starts[lo] >= end:
            return []
        out = []  # (a loop: the few occurrences of a range do not pay for a comprehension's call)
        for s, e, bounded in spans[lo:bisect_left(starts, end, lo)]:
            if e <= end and (bounded or (edge and s == start)):
                out.append((s, e))
        return out

    def finditer(self, doc: Doc, start: int, end: int, edge: bool = False) -> list[tuple[int, int]]:
        """Leftmost-longest occurrences in [start, end) that do not overlap, in text order."""
        out = []
        taken = -1
        for s, e in self.within(doc, start, end, edge):
            if s >= taken:
                out.append((s, e))
                taken = e
        return out

    def search(self, doc: Doc, start: int, end: int, edge: bool = False) -> tuple[int, int] | None:
        """The first (leftmost, then longest) occurrence in [start, end)."""
        found = self.within(doc, start, end, edge)
        return found[0] if found else None

    def match(self, doc: Doc, pos: int, end: int) -> tuple[int, int] | None:
        """The longest occurrence that starts exactly at ``pos`` and ends by ``end``."""
        starts, spans = self.occurrences(doc)
        for i in range(bisect_left(starts, pos), len(starts)):
            s, e, bounded = spans[i]
            if s != pos or not bounded:
                return None
            if e <= end:
                return s, e
        return None
