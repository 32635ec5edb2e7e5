"""The ``dateline`` command: a thin layer over the readers, the pipeline and the store.

    dateline extract FILE... [--json | --jsonl]      records on stdout, no database
    dateline ingest FILE... [--db dateline.db]       extract and store
    dateline show ID                                 an article or an event, with its evidence
    dateline demo                                    ingest the bundled samples and list their events
    dateline events|stories|event ...                canonical events, stories, review (cli_events)
    dateline search QUERY [filters]                  full-text search (cli_search)
    dateline export --format csv|acled-csv|...       canonical events to files (cli_export)

The filters the query commands share (--country, --type, ...) are in :mod:`dateline.cli_options`.

Expected problems (a missing file, an unknown id, a database that cannot be opened) are one
line on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import importlib.resources
import json
import os
import shlex
import sys
from collections.abc import Iterable
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import __version__, readers
from .errors import DatelineError, ReadError, StoreError
from .pipeline import process
from .store import Store, open_store
from .store.engine import display_url
from .store.ingest import IngestSummary, ingest
from .store.read import is_event_id

DEFAULT_DB = "dateline.db"
TABLE_WIDTH_WHEN_PIPED = 160


class _Group(click.Group):
    """Turns DatelineErrors into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DatelineError as exc:
            raise click.ClickException(str(exc)) from None


def db_option(fn):
    return click.option(
        "--db", default=DEFAULT_DB, envvar="DATELINE_DB", show_default=True, show_envvar=True,
        help="SQLite file or SQLAlchemy URL (postgresql+psycopg://...).",
    )(fn)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="dateline")
def main() -> None:
    """Turn news articles into a traceable record of events."""


# -- output helpers -------------------------------------------------------------------------

def _stdout() -> Console:
    console = Console(highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = TABLE_WIDTH_WHEN_PIPED
    return console


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _write(chunk: str) -> None:
    click.echo(chunk, nl=False)


class _Echo:
    """A file-like stdout for csv.writer (click.echo copes with encodings and closed pipes)."""

    write = staticmethod(_write)


def _open_existing(db: str) -> Store:
    """Query commands never create an empty database by accident."""
    if "://" not in db and db != ":memory:" and not Path(db).exists():
        raise StoreError(f"no database at {db} (run `dateline ingest FILE...` or `dateline demo` first)")
    return open_store(db)


def _figure(count: dict) -> str:
    lo, hi, qualifier = count["min"], count["max"], count["qualifier"]
    if qualifier == "range" and lo is not None and hi is not None:
        value = f"{lo}-{hi}"
    elif qualifier == "up_to":
        value = f"up to {hi}"
    elif qualifier == "about":
        value = f"about {lo if lo is not None else hi}"
    elif qualifier in ("at_least", "vague") or (hi is None and lo is not None):
        value = f"at least {lo}"
    else:
        value = str(lo if lo is not None else hi)
    return f"{count['kind']} {value}"


def figures_text(counts: Iterable[dict]) -> str:
    """``"killed 150, injured 744"``."""
    return ", ".join(_figure(c) for c in counts)


def date_text(date: dict | None) -> str:
    if not date or not date.get("start"):
        return "undated"
    start, end, precision = date["start"], date["end"], date["precision"]
    cut = {"year": 4, "month": 7}.get(precision, 10)
    first, last = start[:cut], (end or start)[:cut]
    return first if first == last else f"{first} to {last}"


def type_text(event: dict) -> str:
    if event["type"] is None:
        return f"({event['mode'] or 'untyped'})"
    return event["type"] + (f"/{event['mode']}" if event["mode"] else "")


def place_text(location: dict | None) -> str:
    if not location:
        return ""
    return ", ".join(v for v in (location["name"], location["admin1"], location["country"]) if v)


def _article_text(article: dict) -> str:
    headline = article.get("headline") or "(no headline)"
    return f"{headline} ({article['source']})" if article.get("source") else headline


def events_table(events: list[dict], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, expand=False)
    for name, style, no_wrap in (("Event", "dim", True), ("Date", "cyan", True), ("Type", "bold", True),
                                 ("Timing", None, True), ("Place", None, False), ("Actor", None, False),
                                 ("Figures", "red", False), ("Article", "dim", False)):
        table.add_column(name, style=style, no_wrap=no_wrap, overflow="fold")
    for e in events:
        table.add_row(
            Text(e["short_id"]), Text(date_text(e["date"])), Text(type_text(e)), Text(e["timing"]),
            Text(place_text(e["location"])), Text((e["actor"] or {}).get("text") or ""),
            Text(figures_text(e["counts"])), Text(_article_text(e["article"])),
        )
    return table


def print_summary(summary: IngestSummary, db: str) -> None:
    db = display_url(db)
    click.echo(
        f"Read {_n(summary.read, 'article')}: {summary.new} new, "
        f"{summary.already_stored} already stored, {summary.failed} failed  (database: {db})"
    )
    for failure in summary.failures:
        click.echo(f"  failed: {failure}", err=True)


def _ingest_with_progress(store: Store, paths: list[str], on_item=None, commit_every: int = 100) -> IngestSummary:
    err = _stderr()
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               TextColumn("{task.fields[counts]}"), TimeElapsedColumn())
    with Progress(*columns, console=err, disable=not err.is_terminal, transient=True) as bar:
        task = bar.add_task("ingesting", total=None, counts="")

        def progress(summary: IngestSummary, item) -> None:
            if on_item is not None:
                on_item(item)
            where = item.path if isinstance(item, ReadError) else item.origin.path
            bar.update(task, description=Path(where).name[:40],
                       counts=f"{summary.read} read, {summary.new} new, "
                              f"{summary.already_stored} stored, {summary.failed} failed")

        return ingest(store, paths, progress, commit_every=commit_every)


# -- commands -------------------------------------------------------------------------------

@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "fmt", flag_value="json", default=True,
              help="One pretty-printed JSON array of records (the default).")
@click.option("--jsonl", "fmt", flag_value="jsonl", help="One compact JSON record per line.")
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], fmt: str) -> None:
    """Print the record of every article in PATHS (files or folders); stores nothing.

    Inputs that cannot be read are reported on stderr and make the exit status 1; the
    records of the other inputs are still printed.
    """
    failed = False
    written = 0
    if fmt == "json":
        _write("[")
    for item in readers.read_inputs(list(paths)):
        if isinstance(item, ReadError):
            click.echo(str(item), err=True)
            failed = True
            continue
        try:
            data = process(item).to_json()
        except Exception as exc:  # one article the pipeline chokes on must not lose the rest
            where = item.origin.path if item.origin.index is None else f"{item.origin.path} (item {item.origin.index})"
            click.echo(f"{where}: extraction failed: {type(exc).__name__}: {exc}", err=True)
            failed = True
            continue
        if fmt == "jsonl":
            _write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            pretty = json.dumps(data, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            _write(("\n  " if written == 0 else ",\n  ") + pretty)
        written += 1
    if fmt == "json":
        _write("\n]\n" if written else "]\n")
    if failed:
        ctx.exit(1)


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--commit-every", type=click.IntRange(min=1), default=100, show_default=True,
              help="Articles per transaction (a commit also follows every second); 1 makes each "
                   "article visible to readers as soon as it is stored.")
@click.pass_context
def ingest_command(ctx: click.Context, paths: tuple[str, ...], db: str, commit_every: int) -> None:
    """Extract every article in PATHS and store its record in the database.

    Articles already stored are skipped, so running it again adds nothing. Failures are
    listed at the end and make the exit status 1; everything else is stored.
    """
    with open_store(db) as store:
        summary = _ingest_with_progress(store, list(paths), commit_every=commit_every)
    print_summary(summary, db)
    if not summary.ok:
        ctx.exit(1)


def _print_article(console: Console, store: Store, record: dict) -> None:
    a = record["article"]
    console.print(Text(a["headline"] or "(no headline)", style="bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim")
    grid.add_column(overflow="fold")
    origin = a["origin"]["path"] + ("" if a["origin"]["index"] is None else f" #{a['origin']['index']}")
    rows = [("id", a["id"]), ("source", a["source"]), ("published", a["published"]),
            ("dateline", (a["dateline"] or {}).get("text")), ("byline", a["byline"]),
            ("section", a["section"]), ("url", a["url"]), ("origin", origin),
            ("facts", f"{_n(len(record['entities']), 'entity', 'entities')}, "
                      f"{_n(len(record['times']), 'time expression')}, {_n(len(record['events']), 'event')}, "
                      f"{_n(len(record['quotes']), 'quote')}")]
    for key, value in rows:
        if value:
            grid.add_row(key, Text(str(value)))
    console.print(grid)
    found = store.events(article=a["id"])
    if found:
        console.print(events_table(found, title="Events"))
    for quote in record["quotes"]:
        words = quote["text"] if len(quote["text"]) <= 160 else quote["text"][:157] + "..."
        console.print(Text(f"  {quote['speaker'] or 'unattributed'}: \u201c{words}\u201d"))


def _print_event(console: Console, event: dict) -> None:
    console.print(Text(f"{type_text(event)}  {event['timing']}  {event['short_id']}", style="bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim")
    grid.add_column(overflow="fold")
    date = event["date"] or {}
    when = date_text(event["date"])
    if date.get("text") or date.get("basis"):
        when += f"  ({date.get('text') or 'no date words'}; {date.get('basis')})"
    article = event["article"]
    rows = [("id", event["id"]), ("date", when), ("place", place_text(event["location"])),
            ("actor", _mention_text(event["actor"])), ("recipient", _mention_text(event["recipient"])),
            ("trigger", event["trigger"]["text"]), ("confidence", f"{event['confidence']:.2f}"),
            ("article", f"{_article_text(article)}, {article['published'] or 'undated'}"),
            ("article id", article["id"])]
    for key, value in rows:
        if value:
            grid.add_row(key, Text(str(value)))
    console.print(grid)
    if event["counts"]:
        console.print(Text("Figures", style="bold"))
        for c in event["counts"]:
            who = f" ({c['who']})" if c["who"] else ""
            words = f": \u201c{c['text']}\u201d" if c.get("text") else ""
            console.print(Text(f"  {_figure(c)}{who} [{c['qualifier']}]{words}"))
    console.print(Text("Evidence", style="bold"))
    for sentence in event["evidence_text"] or [event["trigger"]["text"]]:
        console.print(Text("  " + " ".join(sentence.split())))


def _mention_text(mention: dict | None) -> str:
    if not mention:
        return ""
    return mention["text"] + (f" ({mention['country']})" if mention.get("country") else "")


@main.command()
@click.argument("id")
@db_option
def show(id: str, db: str) -> None:
    """Show an article (full id or unique prefix, with or without "sha256:") with its events,
    or an event (ARTICLE-ID:ev1) with its figures and evidence sentences."""
    console = _stdout()
    with _open_existing(db) as store:
        if is_event_id(id):
            _print_event(console, store.get_event(id))
        else:
            _print_article(console, store, store.get_article(id))


def sample_inputs(folder: Path) -> list[str]:
    """The article files and folders of the sample corpus (its README and scripts left out)."""
    return [str(p) for p in sorted(folder.iterdir())
            if not p.name.startswith((".", "_", "README")) and p.suffix != ".py"]


@main.command()
@db_option
@click.pass_context
def demo(ctx: click.Context, db: str) -> None:
    """Ingest the bundled sample articles and list the events found in them."""
    seen: dict[str, None] = {}

    def remember(item) -> None:
        if not isinstance(item, ReadError):
            seen[item.id] = None

    samples = importlib.resources.files("dateline") / "samples"
    with open_store(db) as store, importlib.resources.as_file(samples) as folder:
        summary = _ingest_with_progress(store, sample_inputs(folder), on_item=remember)
        found = store.events(article=list(seen)) if seen else []
    console = _stdout()
    if found:
        console.print(events_table(found, title=f"Events in the {len(seen)} sample articles"))
    print_summary(summary, db)
    example = found[0]["short_id"] if found else "ID"
    where = "" if db == DEFAULT_DB else f" --db {shlex.quote(display_url(db))}"
    click.echo(f"Next: dateline events{where} --timing historical   or   dateline show {example}{where}")
    if not summary.ok:
        ctx.exit(1)


if __name__ == "__main__":  # pragma: no cover
    # `python -m dateline.cli`: the command modules below import dateline.cli by name, so run
    # that (fully registered) copy rather than registering them in this __main__ copy.
    from dateline.cli import main as _registered_main

    sys.exit(_registered_main())

from .cli_search import search_command  # noqa: E402  (it imports the helpers above)

main.add_command(search_command)

from .cli_events import COMMANDS as _EVENT_COMMANDS  # noqa: E402  (it imports the helpers above)

for _command in _EVENT_COMMANDS:
    main.add_command(_command)

from .cli_export import export_command  # noqa: E402  (it imports the helpers above)

main.add_command(export_command)
