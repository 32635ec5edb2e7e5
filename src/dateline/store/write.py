"""One record in, its rows out: the article, its entities, times, events, figures and quotes."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import Connection, insert

from ..record import Event, Record, Span
from . import schema
from .dates import day_range


def event_uid(article_id: str, local_id: str) -> str:
    """The stable global id of an event: ``"<64 hex digits>:<local id>"``."""
    return f"{article_hex(article_id)}:{local_id}"


def article_hex(article_id: str) -> str:
    return article_id.split(":", 1)[1] if article_id.startswith("sha256:") else article_id


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _spans(spans: list[Span]) -> list[list[int]]:
    return [[int(s[0]), int(s[1])] for s in spans]


def _start(span: Span | None) -> int | None:
    return None if span is None else int(span[0])


def _end(span: Span | None) -> int | None:
    return None if span is None else int(span[1])


def event_days(event: Event) -> tuple[dt.date | None, dt.date | None]:
    """First and last day the event's own date covers; (None, None) when unknown."""
    date = event.date
    if date is None or date.precision == "unknown" or not date.start:
        return None, None
    first = day_range(date.start)
    if first is None:
        return None, None
    last = day_range(date.end) if date.end else None
    return first[0], (last or first)[1]


def _event_row(article_id: str, event: Event) -> dict:
    start, end = event_days(event)
    actor, recipient, loc, date = event.actor, event.recipient, event.location, event.date
    return {
        "uid": event_uid(article_id, event.id),
        "article_id": article_id,
        "local_id": event.id,
        "type": event.type,
        "mode": event.mode,
        "trigger_text": event.trigger.text,
        "trigger_start": _start(event.trigger.span),
        "trigger_end": _end(event.trigger.span),
        "actor_text": actor.text if actor else None,
        "actor_entity": actor.entity if actor else None,
        "actor_country": actor.country if actor else None,
        "recipient_text": recipient.text if recipient else None,
        "recipient_entity": recipient.entity if recipient else None,
        "recipient_country": recipient.country if recipient else None,
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "location_admin1": loc.admin1 if loc else None,
        "location_lat": loc.lat if loc else None,
        "location_lon": loc.lon if loc else None,
        "location_geonames_id": loc.geonames_id if loc else None,
        "date_start": start,
        "date_end": end,
        "date_precision": date.precision if date else None,
        "date_text": date.text if date else None,
        "date_basis": date.basis if date else None,
        "timing": event.timing,
        "confidence": round(float(event.confidence), 2),
        "evidence_json": _dumps(_spans(event.evidence)),
    }


def _article_row(record: Record, ingested_at: dt.datetime) -> dict:
    a = record.article
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "headline": a.headline,
        "byline": a.byline,
        "dateline_text": a.dateline.text if a.dateline else None,
        "dateline_place": a.dateline.place if a.dateline else None,
        "published": a.published,
        "section": a.section,
        "language": a.language,
        "text": a.text,
        "origin_path": a.origin.path,
        "origin_index": a.origin.index,
        "origin_sha256": a.origin.sha256,
        "origin_retrieved": a.origin.retrieved,
        "record_json": _dumps(record.to_json()),
        "ingested_at": ingested_at,
    }


# Built once: a statement executed with its parameters apart is compiled once and cached.
_INSERT = {t.name: insert(t) for t in (schema.articles, schema.entities, schema.times, schema.events,
                                       schema.counts, schema.quotes)}


def insert_record(conn: Connection, record: Record) -> list[dict]:
    """Insert every row of ``record``; the caller owns the transaction. Returns the events
    rows as inserted (each with its row ``id``), for linking to use without reading them back."""
    article_id = record.article.id
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    conn.execute(_INSERT["articles"], _article_row(record, now))

    if record.entities:
        conn.execute(_INSERT["entities"], [
            {"article_id": article_id, "local_id": e.id, "type": e.type, "name": e.name,
             "title": e.title, "country": e.country, "admin1": e.admin1,
             "span_start": _start(e.spans[0]) if e.spans else None,
             "span_end": _end(e.spans[0]) if e.spans else None,
             "spans_json": _dumps(_spans(e.spans)),
             "lat": e.geo.lat if e.geo else None, "lon": e.geo.lon if e.geo else None,
             "geonames_id": e.geo.geonames_id if e.geo else None,
             "feature": e.geo.feature if e.geo else None}
            for e in record.entities
        ])
    if record.times:
        conn.execute(_INSERT["times"], [
            {"article_id": article_id, "text": t.text, "span_start": int(t.span[0]),
             "span_end": int(t.span[1]), "type": t.type, "value": t.value, "value_end": t.end}
            for t in record.times
        ])
    events = []
    counts = []
    for event in record.events:
        row = _event_row(article_id, event)
        row["id"] = conn.execute(_INSERT["events"], row).inserted_primary_key[0]
        events.append(row)
        counts.extend(
            {"event_id": row["id"], "article_id": article_id, "kind": c.kind, "min": c.min,
             "max": c.max, "qualifier": c.qualifier, "who": c.who,
             "span_start": _start(c.span), "span_end": _end(c.span)}
            for c in event.counts)
    if counts:
        conn.execute(_INSERT["counts"], counts)
    if record.quotes:
        conn.execute(_INSERT["quotes"], [
            {"article_id": article_id, "speaker": q.speaker, "speaker_entity": q.speaker_entity,
             "speaker_title": q.speaker_title, "text": q.text, "span_start": int(q.span[0]),
             "span_end": int(q.span[1]), "kind": q.kind}
            for q in record.quotes
        ])
    return events
