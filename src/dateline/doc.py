"""The document that pipeline stages read and annotate, one layer each.

A :class:`Doc` wraps one :class:`~dateline.record.Article`. Each stage in
``dateline.stages`` reads the layers it ``REQUIRES`` and fills the layer it ``SETS``; the
orchestrator in :mod:`dateline.pipeline` checks those declarations once at import time.
All spans are ``[start, end)`` character offsets into ``doc.text`` (= ``article.text``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .record import Article, Count, Entity, Event, Quote, Span, Time


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the paragraph the sentence belongs to
    in_quote: bool = False  # the sentence lies (mostly) inside a direct quotation


@dataclass
class TimeX:
    """A normalised temporal expression plus what later stages need to date events."""

    time: Time
    sentence: int
    start: dt.date | None = None  # first day the expression covers (None when unresolved)
    end: dt.date | None = None  # last day it covers
    precision: str = "unknown"  # day | month | year | unknown
    basis: str = "explicit"  # explicit | relative | inferred
    future: bool = False  # resolved as a point after publication


@dataclass
class Figure:
    """A casualty or detention figure found in a sentence, before it is attached to an event."""

    count: Count
    sentence: int
    anchor: Span  # the figure's verb or noun ("killed", "injuring", "detainees")
    update_from: int | None = None  # "rose to 35 from 20": the superseded value


@dataclass
class Doc:
    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[TimeX] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    # events stage -> timing stage: the mentions (trigger sites) behind each event id
    mentions: dict[str, list] = field(default_factory=dict)
    # per-document memo of stage helpers (entity index, clause breaks): built once, read many times
    memo: dict = field(default_factory=dict, repr=False)
    published: dt.datetime | None = None  # parsed article.published, naive local clock
    country_hint: str | None = None  # ISO alpha-3 of the dateline place, when known

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def times(self) -> list[Time]:
        return [t.time for t in self.timexes]

    @property
    def reference_date(self) -> dt.date | None:
        return self.published.date() if self.published else None

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (the last one before it otherwise)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start:s.end]

    def span_text(self, span: Span) -> str:
        return self.text[span[0]:span[1]]
