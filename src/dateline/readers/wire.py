"""Agency wire text: a plain-text story laid out the way wire services and newsroom exports do.

::

    <headline>
    By Jane Doe, The Example Herald            (optional byline)
    Published: 5 March 2024 14:30 GMT          (optional)
    NAIROBI, Kenya (Agency) — First paragraph  (dateline, inline or on its own line; optional)
    More paragraphs ...
    (Reporting by ...; Editing by ...)         (optional sign-off: also "ENDS", "-- AGENCY")
    <Section name> YYYY-MM-DD HH:MM:SS         (optional footer: section and publication time)
"""

from __future__ import annotations

import re
from functools import cache

from ..errors import ReadError
from ..record import Article, Dateline, Origin
from .cues import wire_cues
from .dateline_parse import cut_dateline, dateline_date, parse_dateline
from .paragraphs import clean, join, split_paragraphs, strip_signoff
from .stamps import normalise_stamp

_FOOTER = re.compile(
    r"^(?P<section>.*?)\s*(?P<stamp>\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)$"
)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.\-]*|[A-Z]\.|and|&|de|da|van|von|der|den|al|el|bin|la|le|du|di)$")
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\s\|\s|\s[—–-]\s)\s*")
_TRAILING_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w'’.\- ]*$")
_HEADLINE_MAX = 250
_PARAGRAPH_MIN = 150  # a first line this long that opens with a dateline is the first paragraph
_HEADER_LINES = 3  # non-empty lines after the headline that may hold a byline or a date


@cache
def _header_patterns() -> tuple[re.Pattern, re.Pattern, frozenset[str]]:
    cues = wire_cues()
    labels = "|".join(re.escape(w) for w in sorted(cues["published_labels"], key=len, reverse=True))
    prefixes = "|".join(re.escape(w) for w in sorted(cues["byline_prefixes"], key=len, reverse=True))
    published = re.compile(rf"^(?i:{labels})\s*(?::|\s)\s*(?P<value>.{{4,80}})$")
    byline = re.compile(rf"^(?:{prefixes})\s+(?P<rest>[^\n]{{2,150}})$")
    roles = frozenset(r.casefold() for r in cues["byline_roles"])
    return published, byline, roles


def parse_byline(line: str) -> tuple[str, str | None] | None:
    """``"By Jane Doe, The Example Herald"`` -> ``("Jane Doe", "The Example Herald")``; None when
    the line is not a byline (``"By Tuesday evening, the toll ..."``)."""
    _, byline, roles = _header_patterns()
    m = byline.match(line.strip())
    if not m:
        return None
    name, *rest = _BYLINE_SPLIT.split(m["rest"].strip(), maxsplit=1)
    name = _TRAILING_IN_PLACE.sub("", name).strip()
    words = name.split()
    if not 1 <= len(words) <= 8 or not all(_NAME_WORD.match(w) for w in words) or not words[0][0].isupper():
        return None
    source = rest[0].strip().rstrip(".") if rest else None
    if source and (source.casefold() in roles or len(source.split()) > 8 or not source[0].isupper()):
        source = None
    return name, source or None


def parse_published_line(line: str) -> str | None:
    """``"Published: 5 March 2024 14:30 GMT"`` -> ``"2024-03-05T14:30:00+00:00"``."""
    published, _, _ = _header_patterns()
    m = published.match(line.strip())
    return normalise_stamp(m["value"].strip()) if m else None


def parse_footer(line: str) -> tuple[str | None, str] | None:
    """``"Days of sorrow 2024-01-19 13:28:00"`` -> ``("Days of sorrow", "2024-01-19T13:28:00")``."""
    m = _FOOTER.match(line.strip())
    if not m or len(m["section"]) > 60:
        return None
    stamp = normalise_stamp(m["stamp"])
    if stamp is None:
        return None
    return (clean(m["section"]) or None), stamp


def read_wire(text: str, origin: Origin) -> Article:
    """One wire story from its decoded text; a ReadError when it has no body."""
    lines = [line.rstrip() for line in text.split("\n")]
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    if not nonempty:
        raise ReadError(origin.path, "empty file")
    first = lines[nonempty[0]].strip()
    headline: str | None = None
    start = nonempty[0]
    if _is_headline(first):
        headline = clean(first)
        start += 1

    byline = byline_source = published_line = None
    for i in nonempty:
        if i < start:
            continue
        if i > start + _HEADER_LINES * 2:
            break
        line = lines[i].strip()
        parsed_byline = parse_byline(line) if byline is None else None
        if parsed_byline:
            byline, byline_source = parsed_byline
            start = i + 1
            continue
        stamp = parse_published_line(line) if published_line is None else None
        if stamp:
            published_line = stamp
            start = i + 1
            continue
        break

    body_lines = lines[start:]
    section = footer_stamp = None
    while body_lines and not body_lines[-1].strip():
        body_lines.pop()
    if body_lines:
        footer = parse_footer(body_lines[-1])
        if footer:
            section, footer_stamp = footer
            body_lines.pop()

    body = "\n".join(body_lines).strip()
    found = parse_dateline(body)
    if found:
        paragraphs = split_paragraphs(body[found.end:])
    else:  # the dateline may follow a standfirst paragraph
        found, paragraphs = cut_dateline(split_paragraphs(body))
    paragraphs, signoff_agency = strip_signoff(paragraphs)
    if not paragraphs and headline and len(nonempty) == 1:
        # a one-line event note ("On 14 February 2023, assailants threw a grenade at a bar in
        # Kasese. Two civilians were injured."): the line is the story, not its headline
        found = parse_dateline(headline)
        paragraphs, headline = [headline[found.end:] if found else headline], None
    if not paragraphs:
        raise ReadError(origin.path, "no body text" + (" after the headline" if headline else ""))

    published = footer_stamp or published_line or (dateline_date(found) if found else None)
    return Article(
        text=join(paragraphs),
        headline=headline,
        source=(found.source if found else None) or byline_source or signoff_agency,
        byline=byline,
        dateline=Dateline(found.text, found.place) if found else None,
        published=published,
        section=section,
        origin=origin,
    )


def _is_headline(line: str) -> bool:
    """The first line is the headline unless it is the story's opening paragraph: too long for a
    headline, or a dateline (a long line opening "CITY (Agency) — ..." or a dateline line alone)."""
    if len(line) > _HEADLINE_MAX:
        return False
    found = parse_dateline(line)
    if found is None:
        return True
    return not (found.own_line or len(line) > _PARAGRAPH_MIN)
