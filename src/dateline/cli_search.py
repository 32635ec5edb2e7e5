"""``dateline search QUERY``: full-text search over the stored events (or articles).

Registered on the ``dateline`` group by :mod:`dateline.cli`; the query language and the
indexes are described in :mod:`dateline.store.search`.
"""

from __future__ import annotations

import json

import click
from rich.table import Table
from rich.text import Text

from .cli import (
    _n,
    _open_existing,
    _stdout,
    date_text,
    db_option,
    figures_text,
    place_text,
    type_text,
)
from .cli_options import any_filter, event_filters, filter_values
from .store.search import DEFAULT_LIMIT, SNIPPET_MARK, search


def snippet_text(snippet: str | None) -> Text:
    """The snippet with its matched words (between ``**``) in bold."""
    out = Text()
    for i, part in enumerate((snippet or "").split(SNIPPET_MARK)):
        out.append(part, style="bold yellow" if i % 2 else None)
    return out


def _events_table(found: list[dict]) -> Table:
    table = Table(expand=False)
    for name, style, no_wrap in (("Event", "dim", True), ("Date", "cyan", True), ("Type", "bold", True),
                                 ("Place", None, False), ("Figures", "red", False), ("Match", None, False),
                                 ("Article", "dim", False)):
        table.add_column(name, style=style, no_wrap=no_wrap, overflow="fold")
    for e in found:
        table.add_row(Text(e["short_id"]), Text(date_text(e["date"])), Text(type_text(e)),
                      Text(place_text(e["location"])), Text(figures_text(e["counts"])),
                      snippet_text(e["snippet"]), Text(e["article"]["headline"] or ""))
    return table


def _articles_table(found: list[dict]) -> Table:
    table = Table(expand=False)
    for name, style, no_wrap in (("Article", "dim", True), ("Published", "cyan", True),
                                 ("Headline", "bold", False), ("Match", None, False), ("Source", "dim", False)):
        table.add_column(name, style=style, no_wrap=no_wrap, overflow="fold")
    for a in found:
        table.add_row(Text(a["id"].split(":", 1)[-1][:12]), Text((a["published"] or "")[:10]),
                      Text(a["headline"] or ""), snippet_text(a["snippet"]), Text(a["source"] or ""))
    return table


@click.command("search")
@click.argument("query")
@db_option
@event_filters()
@click.option("--articles", is_flag=True,
              help="List matching articles (headline and text) instead of events.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=DEFAULT_LIMIT, show_default=True,
              help="At most this many results, best first.")
def search_command(query, db, country, types, timing, since, until, articles, fmt, limit) -> None:
    """Find events whose headline, trigger, actors, place or evidence sentences match QUERY.

    QUERY is web-search style: all words must occur; "quoted words" in that order; `or`
    between two terms accepts either; -word excludes. Filters work as in `dateline events`.
    With --articles, articles are searched on headline and body instead (no event filters).
    """
    if articles and any_filter(country, types, timing, since, until):
        raise click.UsageError("--country, --type, --timing, --since and --until filter events; "
                               "they cannot be used with --articles")
    with _open_existing(db) as store:
        if articles:
            found = search(store, query, articles=True, limit=limit)
        else:
            found = search(store, query, **filter_values(country, types, timing, since, until), limit=limit)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    console = _stdout()
    if found:
        console.print(_articles_table(found) if articles else _events_table(found))
    console.print(_n(len(found), "article" if articles else "event") + f" matching {query!r}")
