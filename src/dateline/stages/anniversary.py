"""Anniversaries: the date of a remembered event, inferred from "the 105th anniversary of the
massacre" or "11 years to the day since the collapse" and the day of the commemoration.

The times stage already dates "the 34th anniversary of the January 20 tragedy"; this helper
covers the events the text names without a date of their own (the massacre, the collapse),
and year-less dates of the remembered day ("caved in on April 24") in such an article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..doc import Doc, TimeX
from ..record import Time
from .phrases import folded
from .timex_words import parse_number_words, parse_ordinal_words

# anchored on the rare words first, then the count read backwards: one cheap scan per article
_ANCHOR = re.compile(r"anniversary|years?\s+(?:to\s+the\s+day\s+)?(?:since|after|ago)\b")  # on folded text
_COMMEMORATE = re.compile(r"\b(?:mark|marks|marked|marking|commemorat\w*|remember\w*|memorial|vigil|mourn\w*)\b")
_COUNT_BEFORE = re.compile(r"\b(\d{1,3}|[A-Za-z]+(?:-[A-Za-z]+)?)(?:st|nd|rd|th)?\s+$")
_FRAMED_TRIGGER = re.compile(
    r"(?:anniversary\s+of|years?\s+(?:to\s+the\s+day\s+)?since|remember(?:ing|s|ed)?|commemorat\w+)\s+"
    r"(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,4}$",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b|"
                        r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_LEAD_PARAGRAPHS = 1  # "ten years after" frames an article only in its headline and lead


@dataclass(frozen=True)
class Anniversary:
    years: int
    day: dt.date  # the day of the commemoration
    to_the_day: bool  # the remembered event fell on the same calendar day
    paragraph: int = 0  # where the text first names it

    def frames(self, doc: Doc, sentence: int) -> bool:
        """Does the anniversary frame this sentence? All of an article that opens with it; in one
        that opens with today's news ("police shot a protester on Wednesday ... Today marks five
        years since the massacre"), only the paragraphs from the one that names it."""
        return self.paragraph <= _LEAD_PARAGRAPHS or doc.sentences[sentence].paragraph >= self.paragraph


_YEARS_ANCHOR = re.compile(_ANCHOR.pattern.split("|", 1)[1])  # _ANCHOR's second alternative


def _anchors(lowered: str):
    """The matches of _ANCHOR.finditer(lowered), found from its literal openings "anniversary" and
    "year" (the regex itself stops at every "a" and "y" of the text)."""
    pos = 0
    while True:
        word = lowered.find("anniversary", pos)
        years = _YEARS_ANCHOR.search(lowered, pos)
        if years is not None and (word < 0 or years.start() < word):
            word = years.start()
        if word < 0:
            return
        m = _ANCHOR.match(lowered, word)
        yield m
        pos = m.end()


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return parse_ordinal_words(word.lower()) or parse_number_words(word.lower())


def find(doc: Doc) -> Anniversary | None:
    """The first anniversary framing of the article and the day it is marked on."""
    if doc.reference_date is None:
        return None
    text = doc.article.text
    for m in _anchors(folded(doc)):
        count = _COUNT_BEFORE.search(text, max(0, m.start() - 30), m.start())
        years = _number(count.group(1)) if count else None
        if not years or years > 1000:
            continue
        sentence = doc.sentence_at(m.start())
        day = next((tx.start for tx in doc.timexes if tx.sentence == sentence and tx.precision == "day"
                    and tx.start is not None and tx.start <= doc.reference_date), doc.reference_date)
        anchor = m.group().lower()
        # "gathered on Tuesday to mark ten years since ...": a commemoration falls on the day itself
        commemorated = _COMMEMORATE.search(doc.sentence_text(sentence).lower()) is not None
        if anchor.endswith(("ago", "after")) and not commemorated and "to the day" not in anchor \
                and doc.sentences[sentence].paragraph > _LEAD_PARAGRAPHS:
            continue  # "Three years ago, in November 2021, six miners died" far down: background, no frame
        to_the_day = "anniversary" in anchor or "to the day" in anchor or (commemorated and "since" in anchor)
        return Anniversary(years, day, to_the_day, doc.sentences[sentence].paragraph)
    return None


def _shift(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def remembered_timex(doc: Doc, ann: Anniversary, trigger_start: int, sentence: int,
                     own: TimeX | None) -> TimeX | None:
    """The inferred date of a mention in an anniversary article, or None when it is not the
    remembered event."""
    window = folded(doc)[max(0, trigger_start - 80):trigger_start]
    framed = any(word in window for word in ("anniversary", "since", "rememb", "commemorat")) and \
        _FRAMED_TRIGGER.search(doc.article.text[max(0, trigger_start - 80):trigger_start])
    yearless_same_day = (
        own is not None and own.precision == "day" and own.start is not None
        and _MONTH_DAY.search(own.time.text) and not _YEAR.search(own.time.text)
        and (own.start.month, own.start.day) == (ann.day.month, ann.day.day)
    )
    if not framed and not yearless_same_day:
        return None
    start = _shift(ann.day, ann.years)
    if ann.to_the_day or yearless_same_day:
        end, precision, value = start, "day", start.isoformat()
    else:
        start, end, precision, value = dt.date(start.year, 1, 1), dt.date(start.year, 12, 31), "year", str(start.year)
    span = own.time.span if own is not None else (trigger_start, trigger_start)
    text = own.time.text if own is not None else ""
    return TimeX(time=Time(text=text, span=span, type="DATE", value=value), sentence=sentence,
                 start=start, end=end, precision=precision, basis="inferred")
