"""Clause breaks found as a regex finds them, in passes the regex engine runs through quickly.

A break pattern is an alternation of punctuation ("; ", ", when ") and of words that open at a
word start ("which", "said that"). Spelt as one regex, ``w(?<!\\ww)hich`` and the like, the
engine stops at every letter an alternative opens with, which is most letters of the text, and
tries every alternative there. ``BreakFinder`` finds the same matches as ``re.finditer`` of
that one regex would, from a pass for the punctuation and a pass that stops only after a
non-word character (looked up in one table) and reads the word alternatives ahead of it.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def _nonword_class() -> str:
    """A character class of every character below U+10000 that \\w does not match, and of
    every one above it, spelt out as ranges: the regex engine tests a character against such a
    class with one table look-up (\\W costs it four). The caller weeds out the few characters
    above U+FFFF that are word characters."""
    ranges = []
    start = None
    for code in range(0x10000):
        char = chr(code)
        nonword = not (char.isalnum() or char == "_")  # what \w matches in a str pattern
        if nonword and start is None:
            start = code
        elif not nonword and start is not None:
            ranges.append((start, code - 1))
            start = None
    if start is not None:
        ranges.append((start, 0xFFFF))
    ranges.append((0x10000, 0x10FFFF))
    return "[" + "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]"


_GUARD = re.compile(r"\(\?<!\\w[a-z]\)")  # the x(?<!\wx) of an alternative that opens with x


class BreakFinder:
    """The matches of the regex ``punct|words`` in a text range, as ``finditer`` finds them.
    Every alternative of ``punct`` opens with a character that is not a letter; every one of
    ``words`` opens with a letter and the check that no word character comes before it
    (``w(?<!\\ww)hich``)."""

    def __init__(self, punct: str, words: str):
        self.regex = re.compile(f"{punct}|{words}")
        self._punct = re.compile(punct)
        bare = _GUARD.sub("", words)
        self._at = re.compile(bare)
        self._after = re.compile(f"{_nonword_class()}(?=({bare}))")

    def spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        found = [m.span() for m in self._punct.finditer(text, start, end)]
        if start == 0:
            m = self._at.match(text, 0, end)
            if m is not None:
                found.append(m.span())
        for m in self._after.finditer(text, start - 1 if start else 0, end):
            before = m.start()
            if text[before] > "\uffff" and text[before].isalnum():
                continue  # a word character above U+FFFF (see _nonword_class)
            found.append((before + 1, m.end(1)))
        if len(found) > 1:
            found.sort()
        # the regex reads on from where its last match ended: no two of its matches overlap
        out = []
        pos = start
        for span in found:
            if span[0] >= pos:
                out.append(span)
                pos = span[1]
            elif not text[span[0]].isalpha():
                # punctuation inside a word match ("said — — "): the pass for punctuation, which
                # read on from the end of this match, may have passed over one the regex finds
                return [m.span() for m in self.regex.finditer(text, start, end)]
        return out
