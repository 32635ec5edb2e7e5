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

_BOUNDARY = re.compile(r"[;:]|,\s+(?:and|but|while|as|after|when|which|who)\b|\s[—–]\s|\band\b(?=\s+\w+ed\b)|"
                       r"\b(?:after|before|because|until|although)\b")


_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+|long\s+|repeatedly\s+)?$", re.IGNORECASE)
_SPAN_OF_YEARS = re.compile(r"\bfor\s+(?:more\s+than\s+|over\s+|nearly\s+|almost\s+)?(?:\w+\s+)?(?:years|decades)\b|"
                            r"\bsince\s+(?:1[89]|20)\d\d\b|\bfor\s+(?:years|decades)\b", re.IGNORECASE)


def _habitual(text: str, left: int, right: int, start: int) -> bool:
    """"Al-Shabaab, which has fought the government for more than 15 years": background, not news."""
    return bool(_PERFECT.search(text[max(left, start - 20):start]) and _SPAN_OF_YEARS.search(text, left, right))


@dataclass(frozen=True)
class Cues:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False


def _phrases(words) -> re.Pattern[str]:
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


def _modal_phrases(words) -> re.Pattern[str]:
    """Case-sensitive, so that the month "May" is not the modal "may"; sentence-initial capitals allowed."""
    forms = set()
    for w in words:
        forms.add(w)
        if w != "may":
            forms.add(w[:1].upper() + w[1:])
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


# a negator binds the word right after it, give or take an auxiliary: "denied shelling",
# "had not been attacked"; in "did not mention the killing" it is the mentioning that is denied
_NEGATOR_GAP = r"(?:\s+(?:been|be|being|even|ever|actually|any|in|of|to|carried\s+out|take\s+part\s+in))?\s+$"


@cache
def _patterns():
    lex = load("timing")
    out = {name: _phrases(words) for name, words in lex.items()}
    out["hypothetical_before"] = _modal_phrases(lex["hypothetical_before"])
    out["hypothetical_after"] = _modal_phrases(lex["hypothetical_after"])
    negators = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                        for w in sorted(lex["negation_before"], key=len, reverse=True))
    out["negation_before"] = re.compile(rf"(?<![\w-])(?:{negators}){_NEGATOR_GAP}", re.IGNORECASE)
    return out


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
    before = text[max(left, start - 120):start]  # a modal scopes over its clause ("due to meet ... for talks")
    near_before = text[max(left, start - 28):start]
    after = text[end:min(right, end + 45)]
    negated = bool(p["negation_before"].search(near_before)) or bool(p["negation_after"].search(after))
    if re.search(r"\bno\s+$", near_before, re.IGNORECASE) and re.match(r"\s+(?:one|casualties)", after):
        negated = False
    hypothetical = bool(p["hypothetical_before"].search(before)) or bool(p["hypothetical_after"].search(after))
    future = bool(p["future_before"].search(before))
    key = ("historical_frame", sentence)
    framed = doc.memo.get(key)
    if framed is None:
        framed = doc.memo[key] = bool(p["historical_frame"].search(text, s.start, s.end))
    historical = framed or _habitual(text, left, right, start)
    return Cues(negated=negated, hypothetical=hypothetical, future=future and not hypothetical,
                historical=historical)
