"""Canonical events written out for other tools, streamed a batch at a time:

- ``csv``: one row per event, readable columns, every figure kind as ``<kind>_min``/``_max``;
- ``acled-csv``: ACLED's columns, types mapped from PLOVER by ``lexicons/acled.toml``;
- ``plover-jsonl``: one PLOVER-style JSON object per line;
- ``geojson``: a FeatureCollection of points (events with coordinates), for QGIS.

    >>> with store.engine.connect() as conn:
    ...     export(conn, "acled-csv", out, country="MLI", since="2024")

Filters are those of :func:`dateline.store.canonical.canonical_query`. Only the ids of the
matching events are streamed from the database; each batch of them is then read with its
claims, so memory does not grow with the size of the store.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TextIO

import pycountry
from sqlalchemy import Connection

from ..lexicons import load
from ..record import COUNT_KINDS
from . import schema
from .canonical import canonical_query, select_canonical
from .linking import figures_text

FORMATS = ("csv", "acled-csv", "plover-jsonl", "geojson")
BATCH = 500

CSV_FIELDS = (
    ["id", "short_id", "date_start", "date_end", "precision", "type", "mode", "timing", "place",
     "admin1", "country", "lat", "lon", "actor", "recipient"]
    + [f"{kind}_{bound}" for kind in COUNT_KINDS for bound in ("min", "max")]
    + ["figures", "n_claims", "n_sources", "sources", "confirmed"]
)

ACLED_FIELDS = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
                "actor1", "actor2", "iso3", "country", "admin1", "location", "latitude", "longitude",
                "source", "notes", "fatalities", "dateline_id"]


@dataclass
class ExportSummary:
    written: int = 0
    skipped: int = 0  # matched the filters but have no place in this format


def iter_canonical(conn: Connection, *, batch: int = BATCH, **filters) -> Iterator[dict]:
    """Canonical events (as :func:`select_canonical` shapes them, claims included) in the
    order of ``dateline events``, read ``batch`` at a time."""
    k = schema.canonical_events.c
    ids = conn.execution_options(yield_per=batch).execute(canonical_query(**filters).with_only_columns(k.id))
    for part in ids.partitions():
        yield from select_canonical(conn, ids=[r[0] for r in part])


# -- values shared by the formats ----------------------------------------------------------------

def _distinct(values) -> list:
    return list(dict.fromkeys(v for v in values if v))


def sources(event: dict) -> list[str]:
    """The distinct sources of the event's claims, first reported first."""
    return _distinct(c["source"] for c in event["claims"])


def evidence_sentence(event: dict) -> str | None:
    """The evidence sentence of the first claim, on one line."""
    for claim in event["claims"]:
        if claim.get("evidence_text"):
            return " ".join(claim["evidence_text"].split())
    return None


def _claim_killed(claim: dict) -> int | None:
    killed = [c for c in claim["counts"] if c["kind"] == "killed"]
    if not killed:
        return None
    # Several killed figures in one report: the largest is its own latest (as linking reads it).
    best = max(killed, key=lambda c: (c["min"] or 0, c["max"] or 0))
    return best["min"] if best["min"] is not None else best["max"]


def fatalities(event: dict) -> int:
    """The lowest killed figure across the event's reports (ACLED's conservative count); 0 when
    no report gives one."""
    values = [v for v in map(_claim_killed, event["claims"]) if v is not None]
    return min(values) if values else 0


def csv_row(event: dict) -> dict:
    """The ``csv`` format's row (also the GeoJSON feature's properties)."""
    date, loc = event["date"] or {}, event["location"] or {}
    row = {
        "id": event["id"], "short_id": event["short_id"], "date_start": date.get("start"),
        "date_end": date.get("end"), "precision": date.get("precision"), "type": event["type"],
        "mode": event["mode"], "timing": event["timing"], "place": loc.get("name"),
        "admin1": loc.get("admin1"), "country": loc.get("country"), "lat": loc.get("lat"),
        "lon": loc.get("lon"), "actor": (event["actor"] or {}).get("text"),
        "recipient": (event["recipient"] or {}).get("text"), "figures": figures_text(event["counts"]),
        "n_claims": len(event["claims"]), "n_sources": event["sources"],
        "sources": "; ".join(sources(event)), "confirmed": int(event["confirmed"]),
    }
    for kind in COUNT_KINDS:
        figure = event["figures"].get(kind) or {}
        row[f"{kind}_min"], row[f"{kind}_max"] = figure.get("min"), figure.get("max")
    return row


# -- ACLED ----------------------------------------------------------------------------------------

@cache
def _acled() -> tuple[list[dict], frozenset[str], re.Pattern]:
    rules = load("acled")
    words = sorted(rules["armed_recipients"], key=len, reverse=True)
    armed = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
    return rules["rule"], frozenset(rules["exclude_timings"]), armed


@cache
def country_name(code: str | None) -> str | None:
    """The English name of an ISO alpha-3 code (former states too); the code if unknown."""
    if not code:
        return None
    found = pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code)
    if found is None:  # Kosovo (XKX): geonames has it, ISO 3166 does not
        from .. import gazetteer

        place = gazetteer.get().country(code)
        return place.name if place is not None else code
    return getattr(found, "common_name", None) or found.name


def acled_types(event: dict) -> tuple[str, str] | None:
    """ACLED ``(event_type, sub_event_type)`` of an event; None when ACLED would not code it
    (see ``lexicons/acled.toml``)."""
    rules, excluded, armed = _acled()
    if event["type"] is None or event["timing"] in excluded:
        return None
    recipient = (event["recipient"] or {}).get("text") or ""
    is_armed = bool(armed.search(recipient))
    for rule in rules:
        if rule["type"] != event["type"]:
            continue
        if "modes" in rule and (event["mode"] or "") not in rule["modes"]:
            continue
        if "recipient" in rule and (rule["recipient"] == "armed") != is_armed:
            continue
        if rule.get("fatal") and not _any_killed(event):
            continue
        return rule["event_type"], rule["sub_event_type"]
    return None


def _any_killed(event: dict) -> bool:
    return any((v or 0) > 0 for v in map(_claim_killed, event["claims"]))


def time_precision(date: dict) -> int:
    """ACLED's time_precision: 1 a day, 2 a few days or a month, 3 a year."""
    if date["precision"] == "year":
        return 3
    if date["precision"] == "day" and date["start"] == date["end"]:
        return 1
    return 2


def acled_row(event: dict) -> dict | None:
    """The ``acled-csv`` row of an event; None for an undated event or one ACLED would not code."""
    date = event["date"]
    types = acled_types(event)
    if types is None or not date or not date.get("start"):
        return None
    loc = event["location"] or {}
    code = loc.get("country")
    return {
        "event_id_cnty": f"{code or 'XXX'}-{event['short_id']}", "event_date": date["start"],
        "year": int(date["start"][:4]), "time_precision": time_precision(date),
        "event_type": types[0], "sub_event_type": types[1],
        "actor1": (event["actor"] or {}).get("text"), "actor2": (event["recipient"] or {}).get("text"),
        "iso3": code, "country": country_name(code), "admin1": loc.get("admin1"),
        "location": loc.get("name"), "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "source": "; ".join(sources(event)), "notes": evidence_sentence(event),
        "fatalities": fatalities(event), "dateline_id": event["id"],
    }


# -- PLOVER and GeoJSON ---------------------------------------------------------------------------

def plover_object(event: dict) -> dict:
    """PLOVER's fields (id, date, actor, recipient, event, mode, context, event_loc, event_text,
    cite_info) plus Dateline's ``date_precision``, ``timing`` and ``counts``. ``context`` is not
    coded by Dateline: always an empty list. Disasters and accidents have ``event`` null."""
    date, loc = event["date"] or {}, event["location"] or {}
    return {
        "id": event["id"], "date": date.get("start"), "date_precision": date.get("precision"),
        "actor": (event["actor"] or {}).get("text"), "recipient": (event["recipient"] or {}).get("text"),
        "event": event["type"], "mode": event["mode"], "context": [],
        "event_loc": {"name": loc.get("name"), "country": loc.get("country"), "admin1": loc.get("admin1"),
                      "lat": loc.get("lat"), "lon": loc.get("lon"), "geonames_id": loc.get("geonames_id")},
        "event_text": evidence_sentence(event),
        "cite_info": {
            "sources": sources(event), "urls": _distinct(c["url"] for c in event["claims"]),
            "articles": [{"id": c["article"], "event": c["id"], "source": c["source"], "headline": c["headline"],
                          "published": c["published"], "url": c["url"]} for c in event["claims"]],
        },
        "timing": event["timing"], "counts": event["counts"],
    }


def geojson_feature(event: dict) -> dict | None:
    """A Point feature (``[lon, lat]``, WGS84) with the csv row as properties; None without coordinates."""
    loc = event["location"] or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    return {"type": "Feature", "id": event["id"],
            "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
            "properties": csv_row(event)}


# -- writing --------------------------------------------------------------------------------------

def _write_csv(events, out: TextIO, fields, make_row) -> ExportSummary:
    summary = ExportSummary()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for event in events:
        row = make_row(event)
        if row is None:
            summary.skipped += 1
            continue
        writer.writerow(row)
        summary.written += 1
    return summary


def _write_jsonl(events, out: TextIO) -> ExportSummary:
    summary = ExportSummary()
    for event in events:
        out.write(json.dumps(plover_object(event), ensure_ascii=False) + "\n")
        summary.written += 1
    return summary


def _write_geojson(events, out: TextIO) -> ExportSummary:
    summary = ExportSummary()
    out.write('{"type": "FeatureCollection", "features": [')
    for event in events:
        feature = geojson_feature(event)
        if feature is None:
            summary.skipped += 1
            continue
        out.write(("\n" if summary.written == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        summary.written += 1
    out.write("\n]}\n")
    return summary


def export(conn: Connection, fmt: str, out: TextIO, **filters) -> ExportSummary:
    """Write the canonical events matching ``filters`` to ``out`` (anything with ``write``) in
    one of :data:`FORMATS`; how many were written and how many the format had no place for."""
    events = iter_canonical(conn, **filters)
    if fmt == "csv":
        return _write_csv(events, out, CSV_FIELDS, csv_row)
    if fmt == "acled-csv":
        return _write_csv(events, out, ACLED_FIELDS, acled_row)
    if fmt == "plover-jsonl":
        return _write_jsonl(events, out)
    if fmt == "geojson":
        return _write_geojson(events, out)
    raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
