"""Words around a trigger that bear on its timing: negation, modality, futurity, framing.

The phrases live in lexicons/timing.toml. Only the trigger's own clause is read: the text
from the last clause boundary before the trigger to the next one after it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ..doc import Doc
from ..lexicons import load
from .phrases import PhraseSet, caseless, folded

# every alternative opens with a plain character and checks its word boundary after it, so that
# the regex engine rejects most positions at once (see participants._CLAUSE_BREAK)
_DASH = r"|\s[—–]\s"
_BOUNDARY = re.compile(r";|:|,\s+(?:and|but|while|as|after|when|which|who)\b" + _DASH +
                       r"|a(?<!\wa)(?:nd\b(?=\s+\w+ed\b)|fter\b|lthough\b)|b(?<!\wb)(?:efore|ecause)\b"
                       r"|u(?<!\wu)ntil\b")
# without the dash alternative, whose \s stops the engine at every space: for the (most) sentences without a dash
_BOUNDARY_NO_DASH = re.compile(_BOUNDARY.pattern.replace(_DASH, "", 1))


_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+|long\s+|repeatedly\s+)?$", re.IGNORECASE)
_PERFECT_STATE = re.compile(r"\b(?:has|have)\s+(?:long\s+)?been\s+(?:\w+\s+)?(?:by|with|in|from)\b", re.IGNORECASE)
_SPAN_OF_YEARS = re.compile(r"\bfor\s+(?:more\s+than\s+|over\s+|nearly\s+|almost\s+)?(?:\w+\s+)?(?:years|decades)\b|"
                            r"\bfor\s+(?:more\s+than\s+|over\s+|nearly\s+|almost\s+)?(?:a|one|two|three)\s+decades?\b|"
                            r"\bsince\s+(?:1[89]|20)\d\d\b|\bfor\s+(?:years|decades)\b", re.IGNORECASE)
# _SPAN_OF_YEARS for the folded text (see phrases.caseless), spelt so that the regex engine skips
# every position but an "f" or an "s"
_SPAN_OF_YEARS_FOLDED = re.compile(
    r"f(?<!\wf)or\s+(?:(?:more\s+than\s+|over\s+|nearly\s+|almost\s+)?(?:\w+\s+)?(?:years|decades)\b|"
    r"(?:more\s+than\s+|over\s+|nearly\s+|almost\s+)?(?:a|one|two|three)\s+decades?\b|(?:years|decades)\b)"
    r"|s(?<!\ws)ince\s+(?:1[89]|20)\d\d\b")
# what the last alternative of _SPAN_OF_YEARS needs in the lower-cased text, spelt without an i
# or an s (which IGNORECASE also matches as dotless ı, dotted İ and long ſ); the others need
# "year" or "decade"
_SINCE_YEAR_HINT = re.compile(r"nce\s+\d")


def _spans_years(doc: Doc, start: int, end: int) -> bool:
    """Does [start, end) name a span of years ("for more than 15 years", "since 1990")?"""
    lowered = folded(doc)
    if lowered.find("year", start, end) < 0 and lowered.find("decade", start, end) < 0 \
            and _SINCE_YEAR_HINT.search(lowered, start, end) is None:
        return False  # (the cheap scans first: the regex below is costly)
    if caseless(doc):
        return _SPAN_OF_YEARS_FOLDED.search(lowered, start, end) is not None
    return _SPAN_OF_YEARS.search(doc.article.text, start, end) is not None


def _habitual(text: str, left: int, right: int, start: int) -> bool:
    """"Al-Shabaab, which has fought the government for more than 15 years", "Zamfara has been
    plagued by kidnappings for more than a decade": background, not news."""
    return bool((_PERFECT.search(text[max(left, start - 20):start]) or _PERFECT_STATE.search(text, left, start))
                and _SPAN_OF_YEARS.search(text, left, right))


@dataclass(frozen=True)
class Cues:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False


# a negator binds the word right after it, give or take an auxiliary: "denied shelling",
# "had not been attacked"; in "did not mention the killing" it is the mentioning that is denied
_NEGATOR_GAP = re.compile(r"(?:\s+(?:been|be|being|even|ever|actually|any|in|of|to|carried\s+out|take\s+part\s+in))?"
                          r"\s+$", re.IGNORECASE)
_NO_ONE = re.compile(r"\s+(?:one|casualties)")
_BARE_NO = re.compile(r"\bno\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class _Modal:
    """Modal phrases are read case-sensitively, so that the month "May" is not the modal "may";
    a capital at the start of a sentence is allowed."""
    phrases: PhraseSet
    forms: frozenset[str]

    def found(self, doc: Doc, start: int, end: int) -> bool:
        text = doc.article.text
        for s, e in self.phrases.within(doc, start, end, edge=True):
            if " ".join(text[s:e].split()) in self.forms:
                return True
        return False


def _modal(name: str, words) -> _Modal:
    forms = set()
    for w in words:
        w = " ".join(w.split())
        forms.add(w)
        if w != "may":
            forms.add(w[:1].upper() + w[1:])
    return _Modal(PhraseSet(name, words, shared=True), frozenset(forms))


@cache
def _lexicon() -> dict:
    lex = load("timing")
    out = {name: PhraseSet(f"timing.{name}", words, shared=True) for name, words in lex.items()
           if not name.startswith("hypothetical_")}
    out["hypothetical_before"] = _modal("timing.hypothetical_before", lex["hypothetical_before"])
    out["hypothetical_after"] = _modal("timing.hypothetical_after", lex["hypothetical_after"])
    return out


_FRAME_ONLY = frozenset({"historical_frame"})


def _negated_before(doc: Doc, negators: PhraseSet, start: int, end: int) -> bool:
    for _, e in negators.within(doc, start, end, edge=True):
        if _NEGATOR_GAP.match(doc.article.text, e, end):
            return True
    return False


@cache
def _denial_that() -> re.Pattern:
    verbs = "|".join(map(re.escape, load("timing")["negation_that"]))
    return re.compile(rf"\b(?:{verbs})\s+(?:[\w'’-]+\s+){{0,8}}?that\s")


def _denied_clause(doc: Doc, sentence: int, start: int) -> bool:
    """Does the trigger at ``start`` stand in a "that" clause a denial governs?"""
    text = doc.article.text
    lo = doc.sentences[sentence].start
    lo = start - 200 if start - 200 > lo else lo
    if text.find("that", lo, start) < 0:
        return False
    m = _denial_that().search(text, lo, start)
    return m is not None and _DENIAL_ENDS.search(text, m.end(), start) is None


_DENIAL_ENDS = re.compile(r";|,\s+(?:but|while|although|though|whereas)\b|\.\s|\bbut\b")


class _SentenceCues(NamedTuple):
    """What the cues of every trigger of one sentence share."""

    start: int
    end: int
    # clause boundaries, in text order; None where no cue but the framing can apply (see plain)
    boundaries: list[tuple[int, int]] | None
    phrase_sets: frozenset[str]  # the timing lexicon's sets with an occurrence in the sentence
    framed: bool  # the sentence frames its events as history ("on the anniversary of")
    # a span of years somewhere in it ("for more than 15 years"), without which no clause is habitual
    spans_years: bool

    @property
    def plain(self) -> bool:
        """No cue phrase and no span of years: a trigger's cues need no reading of its clause."""
        return not self.spans_years and self.phrase_sets <= _FRAME_ONLY


def _boundaries(text: str, start: int, end: int) -> list[tuple[int, int]]:
    dashed = text.find("—", start, end) >= 0 or text.find("–", start, end) >= 0
    return [m.span() for m in (_BOUNDARY if dashed else _BOUNDARY_NO_DASH).finditer(text, start, end)]


def _sentence_cues(doc: Doc, sentence: int) -> _SentenceCues:
    key = ("timing_cues", sentence)
    found = doc.memo.get(key)
    if found is None:
        s = doc.sentences[sentence]
        lexicon = _lexicon()
        present = _sets_by_sentence(doc).get(sentence, frozenset())
        framed = "historical_frame" in present and \
            lexicon["historical_frame"].search(doc, s.start, s.end) is not None
        text = doc.article.text
        spans_years = _spans_years(doc, s.start, s.end)
        found = _SentenceCues(s.start, s.end, None, present, framed, spans_years)
        if not found.plain:
            found = found._replace(boundaries=_boundaries(text, s.start, s.end))
        doc.memo[key] = found
    return found


def _sets_by_sentence(doc: Doc) -> dict[int, frozenset[str]]:
    """For each sentence with one, the names of the timing lexicon's sets with an occurrence that
    starts in it: from the few occurrences in the document, not a look-up per sentence and set."""
    found = doc.memo.get("timing_sets_by_sentence")
    if found is None:
        sentences = doc.sentences
        starts = [s.start for s in sentences]  # in text order, none overlapping
        names: dict[int, set[str]] = {}
        for name, phrases in _lexicon().items():
            for start in (phrases.phrases if isinstance(phrases, _Modal) else phrases).occurrences(doc)[0]:
                i = bisect_right(starts, start) - 1
                if i >= 0 and start < sentences[i].end:
                    names.setdefault(i, set()).add(name)
        found = doc.memo["timing_sets_by_sentence"] = {i: frozenset(n) for i, n in names.items()}
    return found


def clause_bounds(doc: Doc, sentence: int, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): from the last boundary before it to the next one after it."""
    marks = _sentence_cues(doc, sentence)
    if marks.boundaries is None:
        marks = marks._replace(boundaries=_boundaries(doc.article.text, marks.start, marks.end))
    return _clause_around(marks, start, end)


def _clause_around(marks: _SentenceCues, start: int, end: int) -> tuple[int, int]:
    left, right = marks.start, marks.end
    for a, b in marks.boundaries:
        if b <= start:
            left = b
        elif a >= end:
            right = a
            break
    return left, right


def cues_for(doc: Doc, sentence: int, start: int, end: int) -> Cues:
    shared = _sentence_cues(doc, sentence)
    if shared.plain:
        return _cues(False, False, False, shared.framed)
    # every window below lies inside the sentence: a set that does not occur in it cannot answer
    present = shared.phrase_sets
    text = doc.article.text
    left, right = _clause_around(shared, start, end)
    p = _lexicon()
    before = start - 120 if start - 120 > left else left  # a modal scopes over its clause ("due to meet ... for talks")
    near_before = start - 28 if start - 28 > left else left
    after = end + 45 if end + 45 < right else right
    negated = ("negation_before" in present and _negated_before(doc, p["negation_before"], near_before, start)) or \
        ("negation_after" in present and p["negation_after"].search(doc, end, after, edge=True) is not None)
    if negated and _BARE_NO.search(text, near_before, start) and _NO_ONE.match(text, end, after):
        negated = False
    if not negated and "negation_that" in present and _denied_clause(doc, sentence, start):
        negated = True  # "rejects the statement that Kyrgyz border guards were the first to open fire"
    hypothetical = ("hypothetical_before" in present and p["hypothetical_before"].found(doc, before, start)) or \
        ("hypothetical_after" in present and p["hypothetical_after"].found(doc, end, after))
    future = "future_before" in present and p["future_before"].search(doc, before, start, edge=True) is not None
    historical = shared.framed or (shared.spans_years and _habitual(text, left, right, start))
    return _cues(negated, hypothetical, future and not hypothetical, historical)


@cache
def _cues(negated: bool, hypothetical: bool, future: bool, historical: bool) -> Cues:
    """One shared instance for each combination (building a frozen dataclass is slow)."""
    return Cues(negated=negated, hypothetical=hypothetical, future=future, historical=historical)
