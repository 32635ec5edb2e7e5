"""The event filters shared by ``dateline events``, ``search`` and ``export``:
``--country``, ``--type``, ``--timing``, ``--since``, ``--until``, parsed and checked once.

    @click.command()
    @event_filters()
    def events(country, types, timing, since, until): ...
        store_query(**filter_values(country, types, timing, since, until))
"""

from __future__ import annotations

import click
import pycountry

from .record import PLOVER_TYPES, TIMINGS
from .store.dates import parse_bound
from .store.read import DISASTER_MODES

TIMING_HELP = "current, historical, future, hypothetical or negated. Repeatable."


def parse_countries(_ctx, _param, values: tuple[str, ...]) -> list[str]:
    """ISO alpha-3 codes from codes, alpha-2 codes or names (former states too: SUN)."""
    codes = []
    for value in values:
        v = value.strip()
        if len(v) == 3 and v.isalpha():
            codes.append(v.upper())
            continue
        for registry in (pycountry.countries, pycountry.historic_countries):
            try:
                codes.append(registry.lookup(v).alpha_3)
                break
            except LookupError:
                continue
        else:
            from . import gazetteer  # Kosovo: geonames has it, ISO 3166 does not

            code = gazetteer.get().country_code(v)
            if code is None:
                raise click.BadParameter(f"unknown country {value!r} (use an ISO code such as AZE)")
            codes.append(code)
    return codes


def check_bound(end: bool):
    """A click callback that refuses a --since/--until that is not a date (kept as text)."""
    def check(_ctx, _param, value: str | None) -> str | None:
        try:
            parse_bound(value, end=end)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
        return value
    return check


def event_filters(timing_help: str = TIMING_HELP):
    """Decorator adding the five filter options; the command receives them as ``country``,
    ``types``, ``timing``, ``since`` and ``until``."""
    options = (
        click.option("--country", multiple=True, callback=parse_countries,
                     help="Country of the event's location: AZE, AZ or Azerbaijan. Repeatable."),
        click.option("--type", "types", multiple=True,
                     type=click.Choice(PLOVER_TYPES + DISASTER_MODES, case_sensitive=False),
                     help="PLOVER event type, or disaster / accident. Repeatable."),
        click.option("--timing", multiple=True, type=click.Choice(TIMINGS, case_sensitive=False),
                     help=timing_help),
        click.option("--since", callback=check_bound(end=False), metavar="DATE",
                     help="Events whose own date reaches DATE or later (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", callback=check_bound(end=True), metavar="DATE",
                     help="Events whose own date starts on DATE or earlier."),
    )

    def decorate(fn):
        for option in reversed(options):
            fn = option(fn)
        return fn
    return decorate


def filter_values(country, types, timing, since, until) -> dict:
    """The options as the store's query functions take them (empty lists become None)."""
    return {"country": country or None, "type": types or None, "timing": timing or None,
            "since": since, "until": until}


def any_filter(country, types, timing, since, until) -> bool:
    return bool(country or types or timing or since or until)
