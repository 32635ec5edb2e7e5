"""Canonical events as dicts: filtered like per-article events, each with its claims.

A canonical event's id is the uid of the claim that founded it (``"<article hex>:ev1"``), so
it is stable and has the same short form as an event id. :func:`resolve_canonical` also
accepts the id of any claim and answers the event that claim belongs to.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Connection, select

from ..errors import NotFound
from . import schema
from .dates import parse_bound
from .read import as_list, resolve_article, short_event_id, where_country_and_type

_CHUNK = 500


def canonical_query(*, country=None, type=None, timing=None, since=None, until=None, limit=None,
                    ids: Iterable[int] | None = None):
    """Canonical events matching every filter, ordered by their own date (undated last).
    ``timing`` keeps events with at least one claim of that timing; the other filters work
    as :func:`dateline.store.read.event_query`'s, on the canonical event's own values."""
    k = schema.canonical_events.c
    query = select(schema.canonical_events)
    if ids is not None:
        query = query.where(k.id.in_(list(ids)))
    query = where_country_and_type(query, k, country, type)
    timings = [t.lower() for t in as_list(timing)]
    if timings:
        cl, e = schema.claims.c, schema.events.c
        query = query.where(k.id.in_(select(cl.canonical_id).join(schema.events, e.id == cl.event_id)
                                     .where(e.timing.in_(timings))))
    start, end = parse_bound(since, end=False), parse_bound(until, end=True)
    if start is not None:
        query = query.where(k.date_end >= start)
    if end is not None:
        query = query.where(k.date_start <= end)
    query = query.order_by(k.date_start.asc().nulls_last(), k.id)
    if limit is not None:
        query = query.limit(limit)
    return query


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _date(start, end, precision, basis, text=None) -> dict | None:
    if precision is None:
        return None
    date = {"start": _iso(start), "end": _iso(end), "precision": precision, "basis": basis}
    if text is not None:
        date["text"] = text
    return date


def _location(r) -> dict | None:
    if all(v is None for v in (r.location_name, r.location_country, r.location_lat)):
        return None
    return {"name": r.location_name, "country": r.location_country, "admin1": r.location_admin1,
            "lat": r.location_lat, "lon": r.location_lon, "geonames_id": r.location_geonames_id}


def _mention(text, country) -> dict | None:
    return None if text is None else {"text": text, "country": country}


def range_counts(figures: dict) -> list[dict]:
    """The combined figures in the shape of record counts (``kind``, ``min``, ``max``, ``qualifier``)."""
    out = []
    for kind, f in figures.items():
        lo, hi = f["min"], f["max"]
        if lo is not None and hi is not None:
            qualifier = "exact" if lo == hi else "range"
        else:
            qualifier = "at_least" if lo is not None else "up_to"
        out.append({"kind": kind, "min": lo, "max": hi, "qualifier": qualifier})
    return out


def _claims(conn: Connection, canonical_ids: list[int]) -> dict[int, list[dict]]:
    cl, e, a, c = schema.claims.c, schema.events.c, schema.articles.c, schema.counts.c
    out: dict[int, list[dict]] = {i: [] for i in canonical_ids}
    for i in range(0, len(canonical_ids), _CHUNK):
        chunk = canonical_ids[i:i + _CHUNK]
        rows = conn.execute(
            select(schema.events, cl.canonical_id, cl.evidence_text, cl.linked_by, a.source, a.headline,
                   a.published, a.url, a.origin_path, a.origin_index, a.origin_sha256, a.origin_retrieved)
            .join(schema.claims, cl.event_id == e.id).join(schema.articles, a.id == e.article_id)
            .where(cl.canonical_id.in_(chunk)).order_by(a.published, cl.id)).all()
        counts: dict[int, list[dict]] = {r.id: [] for r in rows}
        for r in conn.execute(select(schema.counts).where(c.event_id.in_(list(counts))).order_by(c.id)):
            counts[r.event_id].append({"kind": r.kind, "min": r.min, "max": r.max, "qualifier": r.qualifier,
                                       "who": r.who,
                                       "span": None if r.span_start is None else [r.span_start, r.span_end]})
        for r in rows:
            out[r.canonical_id].append({
                "id": r.uid, "short_id": short_event_id(r.uid), "article": r.article_id,
                "origin": {"path": r.origin_path, "index": r.origin_index, "sha256": r.origin_sha256,
                           "retrieved": r.origin_retrieved},
                "source": r.source, "headline": r.headline, "published": r.published, "url": r.url,
                "type": r.type, "mode": r.mode, "timing": r.timing,
                "date": _date(r.date_start, r.date_end, r.date_precision, r.date_basis, r.date_text),
                "location": _location(r), "actor": _mention(r.actor_text, r.actor_country),
                "counts": counts[r.id], "evidence": json.loads(r.evidence_json),
                "evidence_text": r.evidence_text, "linked_by": r.linked_by,
            })
    return out


def canonical_dict(r, claims: list[dict]) -> dict:
    figures = json.loads(r.figures_json)
    return {
        "id": r.uid, "short_id": short_event_id(r.uid), "type": r.type, "mode": r.mode,
        "timing": r.timing, "date": _date(r.date_start, r.date_end, r.date_precision, r.date_basis),
        "location": _location(r), "actor": _mention(r.actor_text, r.actor_country),
        "recipient": _mention(r.recipient_text, r.recipient_country),
        "counts": range_counts(figures), "figures": figures, "confirmed": bool(r.confirmed),
        "edited": sorted(json.loads(r.overrides_json)), "sources": r.sources, "claims": claims,
    }


def select_canonical(conn: Connection, **filters) -> list[dict]:
    rows = conn.execute(canonical_query(**filters)).all()
    claims = _claims(conn, [r.id for r in rows])
    return [canonical_dict(r, claims[r.id]) for r in rows]


def resolve_canonical(conn: Connection, text: str) -> int:
    """Row id of the canonical event named by its id or by the id of one of its claims
    (``<article id or prefix>:<local id>``)."""
    if ":" not in text.strip().removeprefix("sha256:"):
        raise NotFound(f"no event with id {text!r} (event ids look like 9f2ce41b07aa:ev1)")
    article_part, local = text.strip().rsplit(":", 1)
    try:
        article_id = resolve_article(conn, article_part)
    except NotFound:
        raise NotFound(f"no event with id {text!r}") from None
    uid = f"{article_id.removeprefix('sha256:')}:{local}"
    k, cl = schema.canonical_events.c, schema.claims.c
    found = conn.execute(select(k.id).where(k.uid == uid)).scalar()
    if found is None:
        found = conn.execute(select(cl.canonical_id).where(cl.event_uid == uid)).scalar()
    if found is None:
        raise NotFound(f"no event with id {text!r}")
    return found


def load_canonical(conn: Connection, text: str) -> dict:
    (event,) = select_canonical(conn, ids=[resolve_canonical(conn, text)])
    return event
