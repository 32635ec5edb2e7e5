"""RSS 2.0, RSS 1.0 and Atom feeds through feedparser: one Article per item or entry.

The full content (``content:encoded``, Atom ``<content>``) is preferred over the summary; its
HTML becomes plain paragraphs. ``published`` is the item's own date string (pubDate, published,
updated) read with its offset kept. ``origin.index`` is the item's position in the feed and
``origin.sha256`` the hash of the item's own bytes (``<item>...</item>``).
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.sax
from collections.abc import Iterator

import feedparser

from ..errors import ReadError
from ..record import Article, Dateline, Origin
from .dateline_parse import cut_dateline
from .html import html_to_paragraphs, trim_edges
from .paragraphs import clean, join, split_paragraphs, strip_signoff
from .stamps import normalise_stamp

_RAW_ITEM = re.compile(rb"<(?:[\w-]+:)?(item|entry)\b[^>]*>.*?</(?:[\w-]+:)?\1\s*>", re.S)
_TITLE_SECTION = re.compile(r"\s+(?:—|–|-|\||::|·)\s+|:\s+")
_TAG = re.compile(r"<[^>]+>")
_EMAIL = re.compile(r"<?[^\s@<>()]+@[^\s@<>()]+>?")
_EMAIL_NAME = re.compile(r"^[^\s@()]+@[^\s@()]+\s*\((?P<name>[^()]+)\)$")
_NAME_EMAIL = re.compile(r"^(?P<name>[^<>]+?)\s*<[^\s@<>]+@[^\s@<>]+>$")


def outlet_from_title(title: str | None) -> str | None:
    """``"Caspian Wire — Central Asia & Caucasus"`` -> ``"Caspian Wire"``."""
    if not title:
        return None
    return _TITLE_SECTION.split(clean(title), maxsplit=1)[0].strip() or None


def _language(value: str | None) -> str:
    return (value or "en").split("-")[0].split("_")[0].strip().lower() or "en"


def _body_paragraphs(entry) -> list[str]:
    candidates = []
    for content in entry.get("content") or []:
        candidates.append((content.get("value") or "", content.get("type") or "text/html"))
    if not any(value.strip() for value, _ in candidates):
        detail = entry.get("summary_detail") or {}
        candidates = [(entry.get("summary") or "", detail.get("type") or "text/html")]
    value, kind = max(candidates, key=lambda c: len(c[0]))
    if "html" in kind or _TAG.search(value):
        return html_to_paragraphs(value)
    return split_paragraphs(value)


def _byline(entry) -> str | None:
    """dc:creator or author; RSS writes "desk@outlet.example (Jane Doe)" and Atom a name."""
    raw = clean(entry.get("author") or "")
    m = _EMAIL_NAME.match(raw) or _NAME_EMAIL.match(raw)
    if m:
        return clean(m["name"]) or None
    return None if not raw or _EMAIL.fullmatch(raw) else raw


def _section(entry) -> str | None:
    for tag in entry.get("tags") or []:
        term = tag.get("term") or tag.get("label")
        if term and clean(term):
            return clean(term)
    return None


def _entry_source(entry) -> str | None:
    """An aggregator item's own <source> (RSS) or <source><title> (Atom)."""
    source = entry.get("source") or {}
    title = source.get("title") if isinstance(source, dict) else None
    return clean(title) if title and clean(title) else None


def entry_article(entry, origin: Origin, outlet: str | None, language: str) -> Article:
    title = entry.get("title")
    headline = clean(_TAG.sub("", title)) if title else None
    paragraphs, _ = strip_signoff(trim_edges(_body_paragraphs(entry), headline))
    found, paragraphs = cut_dateline(paragraphs)
    if not paragraphs:
        raise ReadError(origin.path, "feed item has no text", f"item {origin.index}")
    stamp = None
    for key in ("published", "updated", "created"):
        # the plain dict look-up: feedparser's own maps a missing "updated" to "published" with a warning
        stamp = normalise_stamp(dict.get(entry, key))
        if stamp:
            break
    return Article(
        text=join(paragraphs),
        headline=headline,
        source=(found.source if found else None) or _entry_source(entry) or outlet,
        url=entry.get("link"),
        byline=_byline(entry),
        dateline=Dateline(found.text, found.place) if found else None,
        published=stamp,
        section=_section(entry),
        language=language,
        origin=origin,
    )


def read_feed(data: bytes, path: str, retrieved: str | None) -> Iterator[Article | ReadError]:
    """Articles of a feed's items; a failing item is yielded as a ReadError and the rest go on.
    A feed that cannot be parsed at all raises ReadError."""
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser trips over some damaged encoding declarations
        raise ReadError(path, f"broken XML feed ({type(exc).__name__}: {exc})") from None
    broken = parsed.get("bozo") and isinstance(parsed.get("bozo_exception"), xml.sax.SAXException)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise ReadError(path, f"broken XML feed ({parsed.get('bozo_exception')})")
        raise ReadError(path, "feed has no items")
    outlet = outlet_from_title(parsed.feed.get("title"))
    language = _language(parsed.feed.get("language"))
    raw_items = [m.group(0) for m in _RAW_ITEM.finditer(data)]
    exact = len(raw_items) == len(parsed.entries)
    for index, entry in enumerate(parsed.entries):
        if broken and index >= len(raw_items):
            # feedparser recovers items the XML error cut short: their text would be partial
            yield ReadError(path, f"item cut short by broken XML ({parsed.get('bozo_exception')})",
                            f"item {index}")
            continue
        if exact or broken:
            raw = raw_items[index]
        else:  # items not found byte for byte: hash what feedparser read instead
            raw = json.dumps(entry, sort_keys=True, default=str).encode("utf-8")
        origin = Origin(path=path, index=index, sha256=hashlib.sha256(raw).hexdigest(), retrieved=retrieved)
        try:
            yield entry_article(entry, origin, outlet, language)
        except ReadError as exc:
            yield exc
    if broken and len(raw_items) >= len(parsed.entries):
        yield ReadError(path, f"broken XML after item {len(parsed.entries) - 1}; later items may be "
                              f"missing ({parsed.get('bozo_exception')})")
