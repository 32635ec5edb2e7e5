"""JSON lines: one article object a line (newsroom exports, scraper output).

Fields: ``url``, ``title``, ``text``, ``published``, ``source``, ``section``, ``byline`` (and the
aliases in ``_FIELDS``). A line that is not JSON, not an object, or has no text is yielded as a
ReadError naming ``line N`` (1-based); the other lines go on. ``origin.index`` is the line's
0-based position in the file (blank lines count), ``origin.sha256`` the hash of the line's bytes.
A file holding one JSON array (or one pretty-printed object) is read the same way, item by item.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from typing import Any

from ..errors import ReadError
from ..record import Article, Dateline, Origin
from .dateline_parse import cut_dateline
from .html import html_to_paragraphs, trim_edges
from .paragraphs import clean, join, split_paragraphs, strip_signoff
from .stamps import normalise_stamp

_FIELDS = {
    "text": ("text", "body", "content", "article", "full_text", "maintext"),
    "headline": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "date", "date_published", "datePublished", "published_at", "pubDate"),
    "source": ("source", "outlet", "publisher", "site_name"),
    "section": ("section", "category", "categories"),
    "byline": ("byline", "author", "authors"),
    "language": ("language", "lang"),
}
_HTML_TAG = re.compile(r"<(?:p|br|div|h[1-6]|li|blockquote)\b[^>]*>", re.I)


def _field(obj: dict, name: str) -> str | None:
    for key in _FIELDS[name]:
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, list):
            names = [v.get("name") if isinstance(v, dict) else v for v in value]
            value = ", ".join(str(v) for v in names if v)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            return str(value)
    return None


def object_article(obj: Any, origin: Origin, where: str) -> Article:
    """One Article from a decoded JSON value; ReadError (item ``where``) when it is not one."""
    if not isinstance(obj, dict):
        raise ReadError(origin.path, f"not a JSON object but {type(obj).__name__}", where)
    body = _field(obj, "text")
    if not body or not body.strip():
        raise ReadError(origin.path, "no text (expected a 'text' or 'body' field)", where)
    headline = _field(obj, "headline")
    headline = clean(headline) if headline else None
    paragraphs = html_to_paragraphs(body) if _HTML_TAG.search(body) else split_paragraphs(body)
    paragraphs, _ = strip_signoff(trim_edges(paragraphs, headline))
    found, paragraphs = cut_dateline(paragraphs)
    if not paragraphs:
        raise ReadError(origin.path, "text holds nothing but a dateline", where)
    language = _field(obj, "language")
    return Article(
        text=join(paragraphs),
        headline=headline,
        source=_field(obj, "source") or (found.source if found else None),
        url=_field(obj, "url"),
        byline=_field(obj, "byline"),
        dateline=Dateline(found.text, found.place) if found else None,
        published=normalise_stamp(_field(obj, "published")),
        section=_field(obj, "section"),
        language=language.split("-")[0].lower() if language else "en",
        origin=origin,
    )


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def read_jsonl(text: str, data: bytes, path: str, retrieved: str | None) -> Iterator[Article | ReadError]:
    lines = text.split("\n")
    raw_lines = [line.rstrip(b"\r") for line in data.split(b"\n")]
    if len(raw_lines) != len(lines):
        raw_lines = [line.encode("utf-8") for line in lines]
    first = next((line for line in lines if line.strip()), "")
    try:
        one_line_object = not isinstance(json.loads(first), list)
    except ValueError:
        one_line_object = False
    if not one_line_object:
        whole = _whole_document(text)
        if whole is not None:
            yield from _read_items(whole, path, retrieved)
            return
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        origin = Origin(path=path, index=number - 1, sha256=_sha(raw_lines[number - 1]), retrieved=retrieved)
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield ReadError(path, f"not valid JSON ({exc})", where)
            continue
        try:
            yield object_article(obj, origin, where)
        except ReadError as exc:
            yield exc


def _whole_document(text: str) -> list | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, list) else [value]


def _read_items(items: list, path: str, retrieved: str | None) -> Iterator[Article | ReadError]:
    for index, obj in enumerate(items):
        raw = json.dumps(obj, ensure_ascii=False, sort_keys=True).encode("utf-8")
        origin = Origin(path=path, index=index, sha256=_sha(raw), retrieved=retrieved)
        try:
            yield object_article(obj, origin, f"item {index}")
        except ReadError as exc:
            yield exc
