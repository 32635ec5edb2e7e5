"""Commands over canonical events and stories (registered on ``dateline`` by cli.py):

    dateline events [filters] [--format table|csv|json]   one row per real-world event
    dateline stories [--json] [--all]                      near-duplicate articles grouped
    dateline event show|merge|split|confirm|edit|log|relink   review, every change audited
"""

from __future__ import annotations

import csv
import json
import os

import click
from rich.table import Table
from rich.text import Text

from .cli import (
    _Echo,
    _n,
    _open_existing,
    _stdout,
    date_text,
    db_option,
    figures_text,
    place_text,
    type_text,
)
from .cli_options import event_filters, filter_values
from .record import COUNT_KINDS
from .store import Store, review
from .store.canonical import load_canonical, select_canonical
from .store.engine import writer
from .store.stories import select_stories


def _read(store: Store, fn):
    with store.engine.connect() as conn:
        return fn(conn)


def _write(store: Store, fn):
    with writer(store.engine).begin() as conn:
        return fn(conn)


def _first_report(event: dict) -> str:
    if not event["claims"]:
        return ""
    first = event["claims"][0]
    text = first["headline"] or "(no headline)"
    if first["source"]:
        text += f" ({first['source']})"
    more = len(event["claims"]) - 1
    return text + (f" +{more} more" if more else "")


def canonical_table(events: list[dict], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, expand=False)
    for name, style, no_wrap in (("Event", "dim", True), ("Date", "cyan", True), ("Type", "bold", True),
                                 ("Timing", None, True), ("Place", None, False), ("Actor", None, False),
                                 ("Figures", "red", False), ("Sources", None, True), ("Reports", "dim", False)):
        table.add_column(name, style=style, no_wrap=no_wrap, overflow="fold")
    for e in events:
        mark = " \u2713" if e["confirmed"] else ""
        table.add_row(
            Text(e["short_id"] + mark), Text(date_text(e["date"])), Text(type_text(e)), Text(e["timing"] or ""),
            Text(place_text(e["location"])), Text((e["actor"] or {}).get("text") or ""),
            Text(figures_text(e["counts"])), Text(str(e["sources"])), Text(_first_report(e)),
        )
    return table


CSV_FIELDS = (
    ["id", "date_start", "date_end", "date_precision", "date_basis", "type", "mode", "timing",
     "location", "country", "admin1", "lat", "lon", "actor", "actor_country", "recipient",
     "recipient_country"]
    + [f"{kind}_{bound}" for kind in COUNT_KINDS for bound in ("min", "max")]
    + ["figures", "claims", "sources", "confirmed", "headline", "source", "published", "url"]
)


def csv_row(event: dict) -> dict:
    date, loc = event["date"] or {}, event["location"] or {}
    actor, recipient = event["actor"] or {}, event["recipient"] or {}
    first = event["claims"][0] if event["claims"] else {}
    row = {
        "id": event["id"], "date_start": date.get("start"), "date_end": date.get("end"),
        "date_precision": date.get("precision"), "date_basis": date.get("basis"), "type": event["type"],
        "mode": event["mode"], "timing": event["timing"], "location": loc.get("name"),
        "country": loc.get("country"), "admin1": loc.get("admin1"), "lat": loc.get("lat"),
        "lon": loc.get("lon"), "actor": actor.get("text"), "actor_country": actor.get("country"),
        "recipient": recipient.get("text"), "recipient_country": recipient.get("country"),
        "figures": figures_text(event["counts"]), "claims": len(event["claims"]),
        "sources": event["sources"], "confirmed": int(event["confirmed"]),
        "headline": first.get("headline"), "source": first.get("source"),
        "published": first.get("published"), "url": first.get("url"),
    }
    for kind, figure in event["figures"].items():
        row[f"{kind}_min"], row[f"{kind}_max"] = figure["min"], figure["max"]
    return row


@click.command("events")
@db_option
@event_filters(timing_help="Events with a report of this timing (current, historical ...). Repeatable.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
def events(db, country, types, timing, since, until, fmt, limit) -> None:
    """List real-world events, each with the reports (claims) that make it up, filtered on
    each event's own date (not the articles').

    With --since or --until, events whose date is unknown are left out.
    """
    with _open_existing(db) as store:
        filters = filter_values(country, types, timing, since, until)
        found = _read(store, lambda conn: select_canonical(conn, **filters, limit=limit))
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        out = csv.DictWriter(_Echo(), fieldnames=CSV_FIELDS, lineterminator="\n")
        out.writeheader()
        out.writerows(csv_row(e) for e in found)
    else:
        console = _stdout()
        if found:
            console.print(canonical_table(found))
        console.print(_n(len(found), "event"))


@click.command("stories")
@db_option
@click.option("--json", "as_json", is_flag=True, help="JSON: [{story, articles: [{id, origin, ...}]}].")
@click.option("--all", "everything", is_flag=True, help="Also the stories of a single article.")
def stories(db, as_json, everything) -> None:
    """Near-duplicate articles (syndicated copies, republished wire stories) grouped."""
    with _open_existing(db) as store:
        found = _read(store, lambda conn: select_stories(conn, min_articles=1 if everything else 2))
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    console = _stdout()
    for story in found:
        console.print(Text(f"story {story['story']}: {_n(len(story['articles']), 'article')}", style="bold"))
        for a in story["articles"]:
            where = a["origin"]["path"] + ("" if a["origin"]["index"] is None else f" #{a['origin']['index']}")
            console.print(Text(f"  {a['id'][7:19]}  {a['published'] or 'undated':<25} "
                               f"{a['source'] or '':<24} {a['headline'] or ''}  [{where}]"))
    console.print(_n(len(found), "story", "stories"))


# -- review ---------------------------------------------------------------------------------

def by_option(fn):
    return click.option("--by", default=lambda: os.environ.get("USER") or "unknown",
                        show_default="$USER", help="Who made the change (kept in the audit log).")(fn)


def _show(event: dict, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(event, ensure_ascii=False, indent=2))
        return
    console = _stdout()
    console.print(canonical_table([event]))
    for claim in event["claims"]:
        figures = figures_text(claim["counts"])
        console.print(Text(f"  {claim['short_id']}  {date_text(claim['date']):<12} {claim['timing']:<10} "
                           f"{claim['source'] or '':<22} {figures}  {claim['headline'] or ''}"))


@click.group("event")
def event() -> None:
    """Show and review one real-world event: merge, split, confirm, edit (all audited)."""


@event.command("show")
@click.argument("id")
@db_option
@click.option("--json", "as_json", is_flag=True)
def show_event(id, db, as_json) -> None:
    """An event (its id or the id of any of its claims) with every claim."""
    with _open_existing(db) as store:
        _show(_read(store, lambda conn: load_canonical(conn, id)), as_json)


@event.command("merge")
@click.argument("a")
@click.argument("b")
@db_option
@by_option
@click.option("--json", "as_json", is_flag=True)
def merge(a, b, db, by, as_json) -> None:
    """Merge event B into event A: one real-world event."""
    with _open_existing(db) as store:
        merged = _write(store, lambda conn: review.merge(conn, a, b, by=by))
    _show(merged, as_json)


@event.command("split")
@click.argument("id")
@click.option("--claims", required=True, metavar="C1,C2",
              help="Comma-separated ids of the claims to move into a new event.")
@db_option
@by_option
@click.option("--json", "as_json", is_flag=True)
def split(id, claims, db, by, as_json) -> None:
    """Move some claims of an event into a new event."""
    wanted = [c for c in (p.strip() for p in claims.split(",")) if c]
    with _open_existing(db) as store:
        new = _write(store, lambda conn: review.split(conn, id, wanted, by=by))
    _show(new, as_json)


@event.command("confirm")
@click.argument("id")
@db_option
@by_option
def confirm(id, db, by) -> None:
    """Mark an event as checked by a person."""
    with _open_existing(db) as store:
        done = _write(store, lambda conn: review.confirm(conn, id, by=by))
    click.echo(f"confirmed {done['short_id']} ({_n(len(done['claims']), 'claim')})")


@event.command("edit")
@click.argument("id")
@click.option("--type", "type_", help="PLOVER type, or none for a disaster/accident.")
@click.option("--mode")
@click.option("--date", help="YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--location-name")
@click.option("--country", help="ISO alpha-3.")
@click.option("--admin1")
@click.option("--lat")
@click.option("--lon")
@click.option("--actor")
@click.option("--recipient")
@db_option
@by_option
@click.option("--json", "as_json", is_flag=True)
def edit(id, type_, mode, date, location_name, country, admin1, lat, lon, actor, recipient, db, by,
         as_json) -> None:
    """Set fields of an event; they stand over what the claims say, whatever is ingested later."""
    given = {"type": type_, "mode": mode, "date": date, "location_name": location_name, "country": country,
             "admin1": admin1, "lat": lat, "lon": lon, "actor": actor, "recipient": recipient}
    fields = {k: v for k, v in given.items() if v is not None}
    with _open_existing(db) as store:
        edited = _write(store, lambda conn: review.edit(conn, id, fields, by=by))
    _show(edited, as_json)


@event.command("log")
@click.argument("id", required=False)
@db_option
def log(id, db) -> None:
    """The audit log (of one event, or all), as JSON lines."""
    with _open_existing(db) as store:
        for entry in _read(store, lambda conn: review.audit_log(conn, id)):
            click.echo(json.dumps(entry, ensure_ascii=False))


@event.command("relink")
@db_option
def relink(db) -> None:
    """Rebuild every event from the stored reports and replay the audited decisions."""
    with _open_existing(db) as store:
        count = _write(store, review.relink)
    click.echo(f"relinked: {_n(count, 'event')}")


COMMANDS = (events, stories, event)
