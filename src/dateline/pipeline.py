"""The extraction pipeline: one article in, one record out.

Stages run in this order; each is one module in :mod:`dateline.stages` that reads the layers
named in its ``REQUIRES`` and fills the one named in ``SETS``:

1. ``segment``  - paragraphs and sentences, and which sentences sit inside quotation marks
2. ``entities`` - people, organisations, places, nationalities, titles (rule- and lexicon-based)
3. ``places``   - gazetteer lookup of place entities: country, lat/lon, geonames id; the
                  dateline country as a hint for ambiguous names
4. ``times``    - temporal expressions normalised to TIMEX3 values against the publication time
5. ``quotes``   - direct and reported speech with speaker and title
6. ``figures``  - killed / injured / detained / missing / abducted / displaced figures
7. ``events``   - PLOVER events: trigger, type, mode, actor, recipient, location, date, figures
8. ``timing``   - current / historical / future / hypothetical / negated for each event

A stage never reaches back into a reader or forward into the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .doc import Doc
from .record import Article, Record
from .stages import entities, events, figures, places, quotes, segment, times, timing

STAGES = (segment, entities, places, times, quotes, figures, events, timing)


def _check_order() -> None:
    have: set[str] = {"article"}
    for stage in STAGES:
        missing = set(stage.REQUIRES) - have
        if missing:
            raise RuntimeError(f"stage {stage.__name__} needs {sorted(missing)} before it runs")
        have.add(stage.SETS)


_check_order()


def parse_published(value: str | None) -> dt.datetime | None:
    """The article's own clock time (offset dropped, never converted)."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)


def make_doc(article: Article) -> Doc:
    return Doc(article=article, published=parse_published(article.published))


def process(article: Article) -> Record:
    doc = make_doc(article)
    for stage in STAGES:
        stage.apply(doc)
    return Record(article=article, entities=doc.entities, times=doc.times,
                  events=doc.events, quotes=doc.quotes)


def process_all(articles: Iterable[Article]) -> Iterator[Record]:
    for article in articles:
        yield process(article)
