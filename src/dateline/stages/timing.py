"""Timing of each event against the article: current, historical, future, hypothetical, negated.

Decided from the event's own date against publication (an event that ended more than
``HISTORICAL_AFTER_DAYS`` before publication is historical; one that starts after it is future),
then the cues of its mentions (stages/timing_cues.py): negation, modality, future tense and
framing (anniversary, memorial, "years since"). Also fills the event's date: from its governing
time expression, else (for a current event) the day its sentence reports on, else the day of the
story's latest dated current event (basis ``inferred``), else the publication date for current
events (basis ``publication``), else unknown.
"""

from __future__ import annotations

import datetime as dt

from ..doc import Doc, TimeX
from ..record import EventDate
from .event_time import best_timex
from .triggers import STATEMENT_TYPES

REQUIRES = ("events", "times")
SETS = "timing"

HISTORICAL_AFTER_DAYS = 31


def _event_date(tx: TimeX) -> EventDate:
    precision = tx.precision if tx.precision in ("day", "month", "year") else "unknown"
    basis = tx.basis if tx.basis in ("explicit", "relative", "inferred") else "explicit"
    return EventDate(start=tx.start.isoformat(), end=tx.end.isoformat() if tx.end else tx.start.isoformat(),
                     precision=precision, text=tx.time.text, basis=basis)


def _story_date(day: EventDate) -> EventDate:
    return EventDate(start=day.start, end=day.end, precision="day", text=day.text, basis="inferred")


def decide(mentions, tx: TimeX | None, published: dt.date | None) -> str:
    family = mentions[0].family
    if mentions[0].modality == "hypothetical":
        return "hypothetical"
    if family not in STATEMENT_TYPES and mentions[0].negated and not any(
            (f.count.min or 0) > 0 for m in mentions for f in m.figures):
        return "negated"  # denied or did not happen; an event with victims did happen
    if tx is not None and published is not None:
        if tx.end is not None and (published - tx.end).days > HISTORICAL_AFTER_DAYS:
            return "historical"
        if tx.start > published:
            return "future"
    if mentions[0].modality == "future":
        return "future"
    if tx is None and all(m.framed_historical for m in mentions) and family not in STATEMENT_TYPES:
        return "historical"
    return "current"


def apply(doc: Doc) -> None:
    published = doc.reference_date
    story_day: EventDate | None = None  # the day of the latest dated current event: the story's time
    pending = []  # undated current events before the story's first dated one
    for event in doc.events:
        mentions = doc.mentions.get(event.id, [])
        if not mentions:
            continue
        tx = best_timex(mentions)
        event.timing = decide(mentions, tx, published)
        if tx is None and event.timing == "current":
            tx = next((m.context_timex for m in mentions if m.context_timex is not None), None)
        if tx is not None:
            event.date = _event_date(tx)
            if event.timing == "current" and tx.precision == "day":
                story_day = event.date
                for waiting in pending:  # a lead that names no day: the day the story then gives
                    waiting.date = _story_date(story_day)
                pending = []
        elif event.timing == "current" and mentions[0].family not in STATEMENT_TYPES:
            # "Police detained nine people" after Monday's protest: the story's day, not the paper's
            if story_day is not None:
                event.date = _story_date(story_day)
            else:
                pending.append(event)
        elif event.timing in ("current", "negated") and published is not None:
            event.date = _publication_date(published)
        else:
            event.date = EventDate(start=None, end=None, precision="unknown", text=None, basis=None)
    for waiting in pending:  # the story gives no day at all: the publication date stands in
        waiting.date = _publication_date(published) if published is not None else EventDate(
            start=None, end=None, precision="unknown", text=None, basis=None)


def _publication_date(published: dt.date) -> EventDate:
    day = published.isoformat()
    return EventDate(start=day, end=day, precision="day", text=None, basis="publication")
