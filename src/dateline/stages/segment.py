"""Paragraphs, sentences, and the quotations that run through them.

A paragraph is a line of the text (wire copy often has one paragraph per line; blank lines
only separate them). The candidate sentence ends (``.!?`` plus closing quotes/brackets, then
a space) are matched where ``str.find`` finds those marks; abbreviations, initials, "No. 5"
and "?” asked X" veto a candidate. :func:`quotations` follows the quotation marks across
sentences and paragraphs, and a sentence is ``in_quote`` when most of it is quoted words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..doc import Doc, Sentence
from ..lexicons import load

REQUIRES = ("article",)
SETS = "sentences"

_ABBR = load("speech")["abbreviations"]
_NEVER_FINAL = frozenset(_ABBR["never_final"])
_BEFORE_NUMBER = frozenset(_ABBR["before_number"])
_AMBIGUOUS = frozenset(_ABBR["ambiguous"])
_CLOCK = frozenset(_ABBR["clock"])
_CLOCK_FOLLOWERS = frozenset(_ABBR["clock_followers"])
_OPENERS = frozenset(_ABBR["sentence_openers"])

# A candidate sentence end: terminal punctuation, closing quotes/brackets, then a space.
_END = re.compile(r"(?:[.!?]+|…)[”\"’'»)\]]*(?=\s+\S)")
_SPACE = re.compile(r"\s+")
_OPENING = "“\"‘'«([¿¡"
_CLOSERS = "”\"’'»)]"
_LEADING_PUNCT = "“\"‘'«([{"
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")
_INITIAL = re.compile(r"[A-Z]\.")
_NEXT_WORD = re.compile(r"[^\s,;:]+")
# “Where is my son?” The mother asked.  (no sentence end after the question)
_VERBS = sorted((re.escape(v) for v in load("speech")["speech"]["direct_verbs"] if " " not in v),
                key=len, reverse=True)
_SPEECH_AFTER_QUOTE = re.compile(r"\s+(?:[\w'’.\-]+\s+){1,4}(?:" + "|".join(_VERBS) + r")\s*[.,]")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank line, without its surrounding whitespace."""
    spans = []
    at = 0
    for line in (text.replace("\r", "\n") if "\r" in text else text).split("\n"):
        stripped = line.strip()
        if stripped:
            start = at + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
        at += len(line) + 1
    return spans


def _offsets(text: str, chars: str) -> list[int]:
    """Where any of ``chars`` stands in ``text``, in order (str.find is many times quicker than
    a regex scan for a few rare characters)."""
    found = []
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            found.append(i)
            i = text.find(ch, i + 1)
    found.sort()
    return found


def _candidate_ends(text: str) -> list[re.Match[str]]:
    """What ``_END.finditer(text)`` finds, tried only where a match can start."""
    out = []
    after = 0
    for i in _offsets(text, ".!?…"):
        if i >= after:
            m = _END.match(text, i)
            if m:
                out.append(m)
                after = m.end()
    return out


def _is_boundary(text: str, m: re.Match[str], para_start: int) -> bool:
    """Whether the candidate end ``m`` really ends a sentence."""
    nxt_at = _SPACE.match(text, m.end()).end()
    nxt = text[nxt_at]
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENING):
        return False
    punct = m.group()
    if punct[0] in "?!" and punct[-1] in "”\"’»" and _SPEECH_AFTER_QUOTE.match(text, m.end()):
        return False
    if not punct.startswith(".") or punct.startswith(".."):
        return True
    start = m.start()
    before = text[para_start:start]
    if before and not before[-1].isspace():
        start -= len(before.rsplit(None, 1)[-1])  # back to the start of the word the period ends
    token = text[start:m.start() + 1].lstrip(_LEADING_PUNCT)
    if token in _NEVER_FINAL or _INITIAL.fullmatch(token):
        return False
    if token in _BEFORE_NUMBER:
        return not nxt.isdigit()
    word_m = _NEXT_WORD.match(text, nxt_at)
    word = word_m.group() if word_m else ""
    if token in _CLOCK:
        return word.rstrip(".,") not in _CLOCK_FOLLOWERS and word not in _CLOCK_FOLLOWERS
    if token in _AMBIGUOUS or _DOTTED.fullmatch(token):
        return word.lstrip(_LEADING_PUNCT) in _OPENERS or nxt in _OPENING
    return True


def split_sentences(text: str, paragraphs: list[tuple[int, int]]) -> list[Sentence]:
    """Sentences of every paragraph, in text order (``in_quote`` not yet set)."""
    sentences = []
    ends = _candidate_ends(text)
    k = 0
    for index, (para_start, para_end) in enumerate(paragraphs):
        start = para_start
        # a candidate lies inside one paragraph (it holds no whitespace); one that ends the
        # paragraph is none: the paragraph's words must go on after it
        while k < len(ends) and ends[k].start() < para_end:
            m = ends[k]
            k += 1
            if m.end() < para_end and _is_boundary(text, m, para_start):
                sentences.append(Sentence(start, m.end(), index))
                start = _SPACE.match(text, m.end()).end()
        sentences.append(Sentence(start, para_end, index))
    return sentences


@dataclass(frozen=True)
class Quotation:
    """One quotation, possibly over several sentences and paragraphs."""

    start: int  # the opening mark
    end: int  # just after the closing mark, or the end of the last paragraph when unclosed
    inner: tuple[int, int]  # the quoted words, without the outer marks
    closed: bool
    reopened: tuple[int, ...] = ()  # marks that reopen it at the start of later paragraphs
    paragraph: int = 0  # the paragraph it opens in


_MARKS = "“”\""
_OPEN_CONTEXT = "([{—–-/:"
_CLOSE_CONTEXT = ".,;:!?)]}—–-…"
_MAX_RUN_ON = 25  # paragraphs a quotation may run on without any mark


def _mark_kind(text: str, i: int) -> str:
    """'o' opens, 'c' closes, '?' a straight mark that could do either."""
    ch = text[i]
    if ch == "“":
        return "o"
    if ch == "”":
        return "c"
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    opens = prev.isspace() or prev in _OPEN_CONTEXT or prev in "“‘"
    closes = nxt.isspace() or nxt in _CLOSE_CONTEXT
    if opens and not closes:
        return "o"
    if closes and not opens:
        return "c"
    return "?"


def quotations(text: str, paragraphs: list[tuple[int, int]]) -> list[Quotation]:
    """Every quotation in the text, following the newswire conventions: a quotation that
    continues into the next paragraph leaves the first without a closing mark and reopens
    the next with “; a long statement may also open once and close paragraphs later."""
    marks = [(i, _mark_kind(text, i)) for i in _offsets(text, _MARKS)]
    out: list[Quotation] = []
    cur: list[Any] | None = None  # [start, paragraph, reopened marks]
    prev_end = 0
    gi = 0

    def finish(end: int, inner_end: int, closed: bool) -> None:
        out.append(Quotation(cur[0], end, (cur[0] + 1, inner_end), closed, tuple(cur[2]), cur[1]))

    for pi, (ps, pe) in enumerate(paragraphs):
        if cur is not None:
            nxt = marks[gi] if gi < len(marks) else None
            if nxt and nxt[0] == ps and nxt[1] in "o?":
                cur[2].append(ps)
                gi += 1
            elif not (nxt and nxt[1] in "c?" and pi - cur[1] <= _MAX_RUN_ON):
                finish(prev_end, prev_end, False)
                cur = None
        while gi < len(marks) and marks[gi][0] < pe:
            pos, kind = marks[gi]
            gi += 1
            if cur is None:
                if kind != "c":
                    cur = [pos, pi, []]
            elif kind != "o":
                finish(pos + 1, pos, True)
                cur = None
            else:  # a new opening while one is open: the earlier one lost its closing mark
                end = len(text[:pos].rstrip())
                finish(end, end, False)
                cur = [pos, pi, []]
        prev_end = pe
    if cur is not None:
        finish(prev_end, prev_end, False)
    return out


def mark_in_quote(sentences: list[Sentence], quotes: list[Quotation]) -> None:
    """Set ``in_quote`` on sentences whose characters are mostly quoted words."""
    qi = 0
    for s in sentences:
        while qi < len(quotes) and quotes[qi].inner[1] <= s.start:
            qi += 1
        quoted = 0
        for q in quotes[qi:]:
            if q.inner[0] >= s.end:
                break
            quoted += max(0, min(q.inner[1], s.end) - max(q.inner[0], s.start))
        s.in_quote = quoted * 2 > s.end - s.start


def apply(doc: Doc) -> None:
    text = doc.text
    paragraphs = paragraph_spans(text)
    sentences = split_sentences(text, paragraphs)
    quotes = quotations(text, paragraphs)
    mark_in_quote(sentences, quotes)
    doc.sentences = sentences
    doc.memo["quotations"] = (paragraphs, quotes)  # the quotes stage follows the same quotations
