"""``dateline export --format csv|acled-csv|plover-jsonl|geojson``: canonical events for other
tools (registered on ``dateline`` by cli.py; the formats are in :mod:`dateline.store.export`)."""

from __future__ import annotations

import click

from .cli import _Echo, _n, _open_existing, db_option
from .cli_options import event_filters, filter_values
from .store.export import FORMATS, export

_LEFT_OUT = {"acled-csv": "undated, or not an ACLED event type", "geojson": "no coordinates"}


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="csv: readable columns; acled-csv: ACLED's columns; plover-jsonl: one PLOVER "
                   "JSON object a line; geojson: points for QGIS.")
@db_option
@event_filters(timing_help="Events with a report of this timing (current, historical ...). Repeatable.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True), default="-",
              show_default="stdout", help="File to write.")
def export_command(fmt, db, country, types, timing, since, until, output) -> None:
    """Write the real-world events (with every report of them) in a format other tools read.

    Filters work as in `dateline events`. A count of what was written goes to stderr.
    """
    filters = filter_values(country, types, timing, since, until)
    with _open_existing(db) as store, store.engine.connect() as conn:
        if output == "-":
            summary = export(conn, fmt, _Echo(), **filters)
        else:
            try:
                out = open(output, "w", encoding="utf-8", newline="")
            except OSError as exc:
                raise click.FileError(output, exc.strerror) from None
            with out:
                summary = export(conn, fmt, out, **filters)
    where = "" if output == "-" else f" to {output}"
    left = f"; {summary.skipped} left out ({_LEFT_OUT[fmt]})" if summary.skipped else ""
    click.echo(f"exported {_n(summary.written, 'event')}{where}{left}", err=True)
