"""The Dateline record (``schema: dateline.record/1``): typed classes and their JSON.

This module is the one place that knows the public contract of ``docs/record.md``. Every
class serialises with :meth:`to_json` to exactly the keys of the spec, in the spec's order;
:func:`record_from_json` reads a record back (the store and the tests use it).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "dateline.record/1"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
TIMINGS = ("current", "historical", "future", "hypothetical", "negated")
COUNT_KINDS = ("killed", "injured", "detained", "missing", "abducted", "displaced")
QUALIFIERS = ("exact", "at_least", "about", "up_to", "range", "vague")
PRECISIONS = ("day", "month", "year", "unknown")
BASES = ("explicit", "relative", "publication", "inferred")

Span = tuple[int, int]


def _span(value) -> list[int] | None:
    return None if value is None else [int(value[0]), int(value[1])]


@dataclass
class Origin:
    path: str
    index: int | None = None
    sha256: str | None = None
    retrieved: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "index": self.index, "sha256": self.sha256, "retrieved": self.retrieved}


@dataclass
class Dateline:
    text: str
    place: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "place": self.place}


def normalise_for_id(text: str) -> str:
    """Case-, accent- and whitespace-insensitive form used for content-hash ids."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


def article_id(headline: str | None, text: str) -> str:
    digest = hashlib.sha256(
        (normalise_for_id(headline or "") + "\n" + normalise_for_id(text)).encode("utf-8")
    ).hexdigest()
    return f"sha256:{digest}"


@dataclass
class Article:
    """One article as a reader produced it: metadata plus the body text."""

    text: str
    headline: str | None = None
    source: str | None = None
    url: str | None = None
    byline: str | None = None
    dateline: Dateline | None = None
    published: str | None = None
    section: str | None = None
    language: str | None = "en"
    origin: Origin = field(default_factory=lambda: Origin(path="-"))
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.headline, self.text)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "headline": self.headline,
            "byline": self.byline,
            "dateline": self.dateline.to_json() if self.dateline else None,
            "published": self.published,
            "section": self.section,
            "language": self.language,
            "text": self.text,
            "origin": self.origin.to_json(),
        }


@dataclass
class Geo:
    lat: float
    lon: float
    geonames_id: int | None = None
    feature: str | None = None  # "city", "country", "admin1", ...

    def to_json(self) -> dict[str, Any]:
        return {"lat": self.lat, "lon": self.lon, "geonames_id": self.geonames_id, "feature": self.feature}


@dataclass
class Entity:
    id: str
    type: str  # PERSON ORG GPE LOC NORP FAC LAW EVENT
    name: str
    title: str | None = None
    country: str | None = None
    spans: list[Span] = field(default_factory=list)
    geo: Geo | None = None
    admin1: str | None = None  # internal: first-level division name, when known

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "name": self.name, "title": self.title,
            "country": self.country, "spans": [_span(s) for s in self.spans],
            "geo": self.geo.to_json() if self.geo else None,
        }


@dataclass
class Time:
    text: str
    span: Span
    type: str  # DATE TIME DURATION SET
    value: str | None
    end: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = {"text": self.text, "span": _span(self.span), "type": self.type, "value": self.value}
        if self.end is not None:
            out["end"] = self.end
        return out


@dataclass
class Mention:
    """A participant or trigger: the words, and what they resolve to."""

    text: str
    span: Span | None = None
    entity: str | None = None
    country: str | None = None


@dataclass
class Location:
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "admin1": self.admin1,
                "lat": self.lat, "lon": self.lon, "geonames_id": self.geonames_id}


@dataclass
class EventDate:
    start: str | None
    end: str | None
    precision: str  # day month year unknown
    text: str | None
    basis: str | None  # explicit relative publication inferred (None when precision is unknown)

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "precision": self.precision,
                "text": self.text, "basis": self.basis}


@dataclass
class Count:
    kind: str
    min: int | None
    max: int | None
    qualifier: str
    who: str | None = None
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "min": self.min, "max": self.max, "qualifier": self.qualifier,
                "who": self.who, "span": _span(self.span)}


@dataclass
class Event:
    id: str
    type: str | None
    mode: str | None
    trigger: Mention
    actor: Mention | None = None
    recipient: Mention | None = None
    location: Location | None = None
    date: EventDate | None = None
    timing: str = "current"
    counts: list[Count] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    confidence: float = 0.5

    def to_json(self) -> dict[str, Any]:
        def mention(m: Mention | None, with_entity: bool = True):
            if m is None:
                return None
            out: dict[str, Any] = {"text": m.text}
            if with_entity:
                out["entity"] = m.entity
                out["country"] = m.country
            else:
                out["span"] = _span(m.span)
            return out

        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "trigger": mention(self.trigger, with_entity=False),
            "actor": mention(self.actor),
            "recipient": mention(self.recipient),
            "location": self.location.to_json() if self.location else None,
            "date": self.date.to_json() if self.date else None,
            "timing": self.timing,
            "counts": [c.to_json() for c in self.counts],
            "evidence": [_span(s) for s in self.evidence],
            "confidence": round(float(self.confidence), 2),
        }


@dataclass
class Quote:
    speaker: str | None
    speaker_entity: str | None
    speaker_title: str | None
    text: str
    span: Span
    kind: str = "direct"  # direct | indirect

    def to_json(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "speaker_entity": self.speaker_entity,
                "speaker_title": self.speaker_title, "text": self.text,
                "span": _span(self.span), "kind": self.kind}


@dataclass
class Record:
    article: Article
    entities: list[Entity] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "article": self.article.to_json(),
            "entities": [e.to_json() for e in self.entities],
            "times": [t.to_json() for t in self.times],
            "events": [e.to_json() for e in self.events],
            "quotes": [q.to_json() for q in self.quotes],
        }


def article_from_json(data: dict[str, Any]) -> Article:
    dl = data.get("dateline")
    origin = data.get("origin") or {"path": "-"}
    return Article(
        text=data["text"], headline=data.get("headline"), source=data.get("source"),
        url=data.get("url"), byline=data.get("byline"),
        dateline=Dateline(dl["text"], dl.get("place")) if dl else None,
        published=data.get("published"), section=data.get("section"),
        language=data.get("language"), origin=Origin(**origin), id=data.get("id") or "",
    )


__all__ = [
    "SCHEMA", "PLOVER_TYPES", "TIMINGS", "COUNT_KINDS", "QUALIFIERS", "PRECISIONS", "BASES",
    "Origin", "Dateline", "Article", "Geo", "Entity", "Time", "Mention", "Location", "EventDate", "Count",
    "Event", "Quote", "Record", "article_id", "article_from_json", "normalise_for_id",
]
