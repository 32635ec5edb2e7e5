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

import ahocorasick

from ..doc import Doc

_WORDISH = re.compile(r"[\w-]")
_SPACES = {i: " " for i in range(0x3001) if chr(i).isspace() and i != 0x20}


def _fold(text: str) -> str:
    """Lower case with every white-space character as a space, offsets unchanged (a phrase whose
    words a run of several spaces or line breaks separates is not found)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: keep offsets true
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_SPACES)


def folded(doc: Doc) -> str:
    found = doc.memo.get("phrases.folded")
    if found is None:
        found = doc.memo["phrases.folded"] = _fold(doc.text)
    return found


class PhraseSet:
    """Whole-word occurrences of a set of literal phrases in a document."""

    def __init__(self, name: str, phrases: Iterable[str]):
        self.name = name
        self._automaton = ahocorasick.Automaton()
        self.phrases = frozenset(" ".join(p.lower().split()) for p in phrases if p.strip())
        for phrase in self.phrases:
            self._automaton.add_word(phrase, len(phrase))
        self._automaton.make_automaton()

    def occurrences(self, doc: Doc) -> tuple[list[int], list[tuple[int, int, bool]]]:
        """Every occurrence (start, end, whether a word boundary precedes it) in the text,
        overlapping ones included, that ends at a word boundary, sorted by start and then
        longest first; with the list of starts."""
        found = doc.memo.get(self)
        if found is not None:
            return found
        text = doc.text
        spans = []
        for last, size in self._automaton.iter(folded(doc)):
            if _WORDISH.match(text, last + 1):
                continue
            first = last - size + 1
            spans.append((first, last + 1, first == 0 or not _WORDISH.match(text, first - 1)))
        spans.sort(key=lambda sp: (sp[0], -sp[1]))
        found = doc.memo[self] = ([sp[0] for sp in spans], spans)
        return found

    def within(self, doc: Doc, start: int, end: int, edge: bool = False) -> list[tuple[int, int]]:
        """Every occurrence in [start, end), overlapping ones included, in text order."""
        starts, spans = self.occurrences(doc)
        lo = bisect_left(starts, start)
        if lo == len(starts) or starts[lo] >= end:
            return []
        return [(s, e) for s, e, bounded in spans[lo:bisect_left(starts, end, lo)]
                if e <= end and (bounded or (edge and s == start))]

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

    def any_in(self, doc: Doc, start: int, end: int, edge: bool = False) -> bool:
        return self.search(doc, start, end, edge) is not None
