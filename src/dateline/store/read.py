"""Queries over the store: ids resolved from prefixes, events filtered and shaped as dicts."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, and_, or_, select

from ..errors import NotFound
from . import schema
from .dates import parse_bound

_HEX = re.compile(r"^[0-9a-f]+$")
SHORT_HEX = 12  # digits of the article hash shown in short event ids
DISASTER_MODES = ("disaster", "accident")  # events with type null, selected by mode
_CHUNK = 500  # ids per IN (...) list


def short_event_id(uid: str) -> str:
    hex_part, local = uid.rsplit(":", 1)
    return f"{hex_part[:SHORT_HEX]}:{local}"


def _hex_prefix(text: str) -> str:
    value = text.strip().lower()
    if value.startswith("sha256:"):
        value = value[len("sha256:"):]
    if not value or not _HEX.match(value):
        raise NotFound(f"no article or event with id {text!r}")
    return value


def resolve_article(conn: Connection, text: str) -> str:
    """Full article id from a full id or a unique prefix, with or without ``sha256:``."""
    prefix = "sha256:" + _hex_prefix(text)
    a = schema.articles.c.id
    # A range rather than LIKE, so the primary-key index answers it on every database.
    ids = conn.execute(select(a).where(a >= prefix, a < prefix + "g").order_by(a).limit(2)).scalars().all()
    if not ids:
        raise NotFound(f"no article or event with id {text!r}")
    if len(ids) > 1:
        raise NotFound(f"id {text!r} is ambiguous: it starts several articles; give more digits")
    return ids[0]


def is_event_id(text: str) -> bool:
    """Event ids are ``<article id or prefix>:<local id>``; article ids have no colon after sha256:."""
    value = text.strip()
    if value.lower().startswith("sha256:"):
        value = value[len("sha256:"):]
    return ":" in value


def resolve_event(conn: Connection, text: str) -> int:
    """Row id of the event named ``<article id or prefix>:<local id>``."""
    article_part, local = text.strip().rsplit(":", 1)
    try:
        article_id = resolve_article(conn, article_part)
    except NotFound:
        raise NotFound(f"no event with id {text!r}") from None
    e = schema.events.c
    row_id = conn.execute(select(e.id).where(e.article_id == article_id, e.local_id == local)).scalar()
    if row_id is None:
        raise NotFound(f"no event with id {text!r}")
    return row_id


def as_list(value: str | Sequence[str] | None) -> list[str]:
    """A filter value given once or many times, as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def where_country_and_type(query, columns, country, type):  # noqa: A002 (the CLI's word)
    """Keep rows located in one of ``country`` and of one of ``type`` (a PLOVER type, or
    "disaster"/"accident" for the untyped ones); ``columns`` is the table's ``.c``."""
    countries = [c.upper() for c in as_list(country)]
    if countries:
        query = query.where(columns.location_country.in_(countries))
    types = as_list(type)
    if types:
        plover = [t.upper() for t in types if t.lower() not in DISASTER_MODES]
        modes = [t.lower() for t in types if t.lower() in DISASTER_MODES]
        query = query.where(or_(columns.type.in_(plover), and_(columns.type.is_(None), columns.mode.in_(modes))))
    return query


def event_query(*, country=None, type=None, timing=None, since=None, until=None,
                article=None, limit=None, ids: Iterable[int] | None = None):
    """SELECT of events joined with their article, filtered on the event's own date:
    an event is kept when its days overlap [since, until]; undated events are left out
    as soon as either bound is given."""
    e, a = schema.events.c, schema.articles.c
    query = select(schema.events, a.headline, a.source, a.published, a.url).join(
        schema.articles, e.article_id == a.id)
    if ids is not None:
        query = query.where(e.id.in_(list(ids)))
    query = where_country_and_type(query, e, country, type)
    timings = [t.lower() for t in as_list(timing)]
    if timings:
        query = query.where(e.timing.in_(timings))
    start, end = parse_bound(since, end=False), parse_bound(until, end=True)
    if start is not None:
        query = query.where(e.date_end >= start)
    if end is not None:
        query = query.where(e.date_start <= end)
    articles = as_list(article)
    if articles:
        query = query.where(e.article_id.in_(articles))
    query = query.order_by(e.date_start.asc().nulls_last(), a.published, e.article_id, e.id)
    if limit is not None:
        query = query.limit(limit)
    return query


def _counts_by_event(conn: Connection, event_ids: list[int]) -> dict[int, list[dict]]:
    c = schema.counts.c
    out: dict[int, list[dict]] = {i: [] for i in event_ids}
    for i in range(0, len(event_ids), _CHUNK):
        chunk = event_ids[i:i + _CHUNK]
        rows = conn.execute(select(schema.counts).where(c.event_id.in_(chunk)).order_by(c.id))
        for r in rows:
            out[r.event_id].append({
                "kind": r.kind, "min": r.min, "max": r.max, "qualifier": r.qualifier, "who": r.who,
                "span": None if r.span_start is None else [r.span_start, r.span_end],
            })
    return out


def _mention(text, entity, country) -> dict | None:
    if text is None:
        return None
    return {"text": text, "entity": entity, "country": country}


def event_dict(row, counts: list[dict]) -> dict:
    """An event as the record has it, with its global id and the article it came from."""
    location = None
    if any(v is not None for v in (row.location_name, row.location_country, row.location_lat)):
        location = {"name": row.location_name, "country": row.location_country,
                    "admin1": row.location_admin1, "lat": row.location_lat,
                    "lon": row.location_lon, "geonames_id": row.location_geonames_id}
    date = None
    if row.date_precision is not None:
        date = {"start": _iso(row.date_start), "end": _iso(row.date_end),
                "precision": row.date_precision, "text": row.date_text, "basis": row.date_basis}
    return {
        "id": row.uid,
        "short_id": short_event_id(row.uid),
        "local_id": row.local_id,
        "article_id": row.article_id,
        "type": row.type,
        "mode": row.mode,
        "trigger": {"text": row.trigger_text,
                    "span": None if row.trigger_start is None else [row.trigger_start, row.trigger_end]},
        "actor": _mention(row.actor_text, row.actor_entity, row.actor_country),
        "recipient": _mention(row.recipient_text, row.recipient_entity, row.recipient_country),
        "location": location,
        "date": date,
        "timing": row.timing,
        "counts": counts,
        "evidence": json.loads(row.evidence_json),
        "confidence": row.confidence,
        "article": {"id": row.article_id, "headline": row.headline, "source": row.source,
                    "published": row.published, "url": row.url},
    }


def select_events(conn: Connection, **filters) -> list[dict]:
    rows = conn.execute(event_query(**filters)).all()
    counts = _counts_by_event(conn, [r.id for r in rows])
    return [event_dict(r, counts[r.id]) for r in rows]


def load_event(conn: Connection, text: str) -> dict:
    """One event with the words behind it: ``evidence_text`` (the evidence sentences) and
    each figure's ``text``."""
    row_id = resolve_event(conn, text)
    (event,) = select_events(conn, ids=[row_id])
    body = conn.execute(select(schema.articles.c.text)
                        .where(schema.articles.c.id == event["article_id"])).scalar_one()
    event["evidence_text"] = [body[s:e] for s, e in event["evidence"]]
    for count in event["counts"]:
        count["text"] = body[count["span"][0]:count["span"][1]] if count["span"] else None
    return event


def load_article(conn: Connection, text: str) -> dict:
    """The stored record of an article (exactly as ``dateline extract`` printed it)."""
    article_id = resolve_article(conn, text)
    a = schema.articles.c
    return json.loads(conn.execute(select(a.record_json).where(a.id == article_id)).scalar_one())
