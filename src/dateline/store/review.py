"""Review: a person merges, splits, confirms or edits canonical events.

Every change is one row of ``audit``: what was done, when, by whom, the event before and
after (JSON), and the **decision** in terms of claim ids (``<article hex>:ev1``), which do not
depend on how the events happened to be linked. Linking never moves a claim once placed and
applies edits over the claims, so decisions stand when more articles arrive; and
:func:`relink`, which rebuilds every canonical event from the per-article events (after the
linking rules change), replays the decisions in order, so they survive that too.

Every function takes a connection inside the caller's write transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

from sqlalchemy import Connection, delete, insert, select, update

from ..errors import StoreError
from ..record import PLOVER_TYPES
from . import schema
from .canonical import load_canonical, resolve_canonical
from .dates import day_range
from .linking import found_event, link_pending, recompute

ACTIONS = ("merge", "split", "confirm", "edit")
_PRECISION = {4: "year", 7: "month", 10: "day"}
# Editable fields: the name a reviewer uses -> the canonical column.
EDITABLE = {"type": "type", "mode": "mode", "location_name": "location_name",
            "country": "location_country", "admin1": "location_admin1", "lat": "location_lat",
            "lon": "location_lon", "actor": "actor_text", "recipient": "recipient_text", "date": None}


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def _claim_uids(conn: Connection, canonical_id: int) -> list[str]:
    cl = schema.claims.c
    return list(conn.execute(select(cl.event_uid).where(cl.canonical_id == canonical_id).order_by(cl.id)).scalars())


def _snapshot(conn: Connection, canonical_id: int) -> dict:
    k = schema.canonical_events.c
    r = conn.execute(select(schema.canonical_events).where(k.id == canonical_id)).one()
    return {"id": r.uid, "type": r.type, "mode": r.mode, "date_start": r.date_start, "date_end": r.date_end,
            "date_precision": r.date_precision, "location_name": r.location_name,
            "location_country": r.location_country, "actor": r.actor_text, "figures": r.figures_text,
            "confirmed": bool(r.confirmed), "edited": json.loads(r.overrides_json),
            "claims": _claim_uids(conn, canonical_id)}


def _audit(conn: Connection, action: str, event_uid: str, before, after, decision: dict, by: str) -> None:
    conn.execute(insert(schema.audit).values(
        at=dt.datetime.now(dt.UTC).replace(tzinfo=None), by=by, action=action, event=event_uid,
        before_json=_dumps(before), after_json=_dumps(after), decision_json=_dumps(decision)))


def _uid(conn: Connection, canonical_id: int) -> str:
    k = schema.canonical_events.c
    return conn.execute(select(k.uid).where(k.id == canonical_id)).scalar_one()


# -- the actions, on canonical row ids (shared by the commands and by replay) -----------------

def _merge(conn: Connection, into: int, other: int) -> None:
    k, cl = schema.canonical_events.c, schema.claims.c
    a, b = (conn.execute(select(k.overrides_json, k.confirmed).where(k.id == i)).one() for i in (into, other))
    overrides = {**json.loads(b.overrides_json), **json.loads(a.overrides_json)}  # the kept event's edits win
    conn.execute(update(schema.claims).where(cl.canonical_id == other).values(canonical_id=into, linked_by="review"))
    conn.execute(delete(schema.canonical_events).where(k.id == other))
    conn.execute(update(schema.canonical_events).where(k.id == into).values(
        overrides_json=_dumps(overrides), confirmed=max(a.confirmed, b.confirmed)))
    recompute(conn, into)


def _split(conn: Connection, uids: list[str]) -> int:
    """Move these claims (of one or more events) into one new event; its row id."""
    k, cl = schema.canonical_events.c, schema.claims.c
    moving = conn.execute(select(cl.event_uid, cl.canonical_id, cl.family).where(cl.event_uid.in_(uids))
                          .order_by(cl.id)).all()
    sources = {r.canonical_id for r in moving}
    for source in sources:
        if _uid(conn, source) in uids:  # the founding claim leaves: the rest takes its first claim's id
            rest = [u for u in _claim_uids(conn, source) if u not in uids]
            # Emptied events are deleted by recompute below; until then they need a free uid.
            uid = rest[0] if rest else f"{uids[0]}~{source}"
            conn.execute(update(schema.canonical_events).where(k.id == source).values(uid=uid))
    new = found_event(conn, moving[0].event_uid, moving[0].family)
    conn.execute(update(schema.claims).where(cl.event_uid.in_(uids)).values(canonical_id=new, linked_by="review"))
    for source in sources:
        recompute(conn, source)
    recompute(conn, new)
    return new


def _set_overrides(conn: Connection, canonical_id: int, columns: dict) -> None:
    k = schema.canonical_events.c
    old = json.loads(conn.execute(select(k.overrides_json).where(k.id == canonical_id)).scalar_one())
    conn.execute(update(schema.canonical_events).where(k.id == canonical_id)
                 .values(overrides_json=_dumps({**old, **columns})))
    recompute(conn, canonical_id)


def edit_columns(fields: dict) -> dict:
    """Reviewer fields (``type``, ``date``, ``location_name``, ``country`` ...) as canonical
    column values (JSON-ready); raises StoreError for an unknown field or a bad value."""
    columns: dict = {}
    for name, value in fields.items():
        if name not in EDITABLE:
            raise StoreError(f"cannot edit {name!r}: editable fields are {', '.join(sorted(EDITABLE))}")
        if name == "date":
            days = day_range(value)
            if days is None or len(value) not in _PRECISION:
                raise StoreError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
            columns.update(date_start=days[0].isoformat(), date_end=days[1].isoformat(),
                           date_precision=_PRECISION[len(value)], date_basis="explicit")
        elif name == "type":
            value = None if value.lower() in ("", "none", "null") else value.upper()
            if value is not None and value not in PLOVER_TYPES:
                raise StoreError(f"unknown event type {value!r} (PLOVER types, or none)")
            columns["type"] = value
        elif name == "country":
            if len(value) != 3 or not value.isalpha():
                raise StoreError(f"country must be an ISO alpha-3 code, not {value!r}")
            columns["location_country"] = value.upper()
        elif name in ("lat", "lon"):
            try:
                columns[EDITABLE[name]] = float(value)
            except ValueError:
                raise StoreError(f"{name} must be a number, not {value!r}") from None
        else:
            columns[EDITABLE[name]] = value or None
    return columns


# -- the commands: resolve ids, act, audit --------------------------------------------------

def merge(conn: Connection, a: str, b: str, *, by: str) -> dict:
    """Merge event ``b`` into event ``a`` (ids of the events or of any of their claims)."""
    into, other = resolve_canonical(conn, a), resolve_canonical(conn, b)
    if into == other:
        raise StoreError(f"{a} and {b} are already the same event")
    before = [_snapshot(conn, into), _snapshot(conn, other)]
    _merge(conn, into, other)
    after = _snapshot(conn, into)
    _audit(conn, "merge", after["id"], before, after,
           {"claims": before[0]["claims"], "with": before[1]["claims"]}, by)
    return load_canonical(conn, after["id"])


def split(conn: Connection, event: str, claim_ids: list[str], *, by: str) -> dict:
    """Move the named claims of ``event`` into a new event; returns the new event."""
    canonical_id = resolve_canonical(conn, event)
    own = _claim_uids(conn, canonical_id)
    uids = []
    for text in claim_ids:
        hex_part, _, local = text.strip().lower().removeprefix("sha256:").rpartition(":")
        matches = [u for u in own if u.split(":")[0].startswith(hex_part) and u.split(":")[1] == local]
        if len(matches) != 1:
            raise StoreError(f"{text} is not a claim of event {event}" if not matches
                             else f"claim id {text!r} is ambiguous; give more digits")
        uids.append(matches[0])
    if set(uids) == set(own):
        raise StoreError(f"a split must leave at least one claim in {event}")
    before = _snapshot(conn, canonical_id)
    new = _split(conn, uids)
    after = [_snapshot(conn, canonical_id), _snapshot(conn, new)]
    _audit(conn, "split", before["id"], before, after, {"claims": uids, "from": before["claims"]}, by)
    return load_canonical(conn, after[1]["id"])


def confirm(conn: Connection, event: str, *, by: str) -> dict:
    canonical_id = resolve_canonical(conn, event)
    before = _snapshot(conn, canonical_id)
    k = schema.canonical_events.c
    conn.execute(update(schema.canonical_events).where(k.id == canonical_id).values(confirmed=1))
    after = _snapshot(conn, canonical_id)
    _audit(conn, "confirm", before["id"], before, after, {"claims": before["claims"]}, by)
    return load_canonical(conn, before["id"])


def edit(conn: Connection, event: str, fields: dict, *, by: str) -> dict:
    """Set fields of an event over what its claims say (``{"type": "COERCE", "date": "2024-05-03"}``)."""
    if not fields:
        raise StoreError("nothing to edit: give at least one --field value")
    columns = edit_columns(fields)
    canonical_id = resolve_canonical(conn, event)
    before = _snapshot(conn, canonical_id)
    _set_overrides(conn, canonical_id, columns)
    after = _snapshot(conn, canonical_id)
    _audit(conn, "edit", before["id"], before, after, {"claims": before["claims"], "fields": columns}, by)
    return load_canonical(conn, after["id"])


def audit_log(conn: Connection, event: str | None = None) -> list[dict]:
    a = schema.audit.c
    query = select(schema.audit).order_by(a.id)
    if event is not None:
        query = query.where(a.event == _uid(conn, resolve_canonical(conn, event)))
    return [{"id": r.id, "at": r.at.isoformat(timespec="seconds"), "by": r.by, "action": r.action,
             "event": r.event, "before": json.loads(r.before_json), "after": json.loads(r.after_json),
             "decision": json.loads(r.decision_json)} for r in conn.execute(query)]


# -- rebuilding -------------------------------------------------------------------------------

def _holder(conn: Connection, uids: list[str]) -> int | None:
    """The canonical event holding most of these claims (None: none of them is stored)."""
    cl = schema.claims.c
    held = Counter(conn.execute(select(cl.canonical_id).where(cl.event_uid.in_(uids))).scalars())
    return held.most_common(1)[0][0] if held else None


def replay(conn: Connection, decision_rows=None) -> None:
    """Apply the recorded decisions again, in order, to the current canonical events."""
    a, cl = schema.audit.c, schema.claims.c
    rows = decision_rows or conn.execute(select(a.action, a.decision_json).order_by(a.id)).all()
    for row in rows:
        d = json.loads(row.decision_json)
        if row.action == "merge":
            into = _holder(conn, d["claims"])
            held = set(conn.execute(select(cl.canonical_id).where(cl.event_uid.in_(d["claims"] + d["with"])))
                       .scalars())
            for other in sorted(held - {into}):
                _merge(conn, into, other)
        elif row.action == "split":
            present = list(conn.execute(select(cl.event_uid).where(cl.event_uid.in_(d["claims"]))).scalars())
            holder = _holder(conn, present) if present else None
            if holder is not None and set(_claim_uids(conn, holder)) != set(present):
                _split(conn, present)
        elif row.action == "confirm":
            holder = _holder(conn, d["claims"])
            if holder is not None:
                k = schema.canonical_events.c
                conn.execute(update(schema.canonical_events).where(k.id == holder).values(confirmed=1))
        elif row.action == "edit":
            holder = _holder(conn, d["claims"])
            if holder is not None:
                _set_overrides(conn, holder, d["fields"])


def relink(conn: Connection) -> int:
    """Rebuild every canonical event from the per-article events, then replay the reviewers'
    decisions; the number of canonical events."""
    conn.execute(delete(schema.claims))
    conn.execute(delete(schema.canonical_events))
    link_pending(conn)
    replay(conn)
    k = schema.canonical_events.c
    return len(conn.execute(select(k.id)).all())


__all__ = ["ACTIONS", "EDITABLE", "audit_log", "confirm", "edit", "edit_columns", "merge", "relink",
           "replay", "split"]
