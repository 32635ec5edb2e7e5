"""Words around a trigger that bear on its timing: negation, modality, futurity, framing.

The phrases live in lexicons/timing.toml. Only the trigger's own clause is read: the text
from the last clause boundary before the trigger to the next one after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..doc import Doc
from ..lexicons import load

_BOUNDARY = re.compile(r"[;:]|,\s+(?:and|but|while|as|after|when|which|who)\b|\s[—–]\s|\band\b(?=\s+\w+ed\b)")


@dataclass(frozen=True)
class Cues:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False


def _phrases(words) -> re.Pattern[str]:
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


@cache
def _patterns():
    lex = load("timing")
    return {name: _phrases(words) for name, words in lex.items()}


def clause_bounds(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    left = lo
    for m in _BOUNDARY.finditer(text, lo, start):
        left = m.end()
    m = _BOUNDARY.search(text, end, hi)
    return left, (m.start() if m else hi)


def cues_for(doc: Doc, sentence: int, start: int, end: int) -> Cues:
    text = doc.text
    s = doc.sentences[sentence]
    left, right = clause_bounds(text, s.start, s.end, start, end)
    p = _patterns()
    before = text[max(left, start - 60):start]
    near_before = text[max(left, start - 28):start]
    after = text[end:min(right, end + 45)]
    negated = bool(p["negation_before"].search(near_before)) or bool(p["negation_after"].search(after))
    if re.search(r"\bno\s+$", near_before, re.IGNORECASE) and re.match(r"\s+(?:one|casualties)", after):
        negated = False
    hypothetical = bool(p["hypothetical_before"].search(before)) or bool(p["hypothetical_after"].search(after))
    future = bool(p["future_before"].search(before))
    sentence_text = text[s.start:s.end]
    historical = bool(p["historical_frame"].search(sentence_text))
    return Cues(negated=negated, hypothetical=hypothetical, future=future and not hypothetical,
                historical=historical)
