"""Which reader an input needs, decided by its content; the extension only breaks ties.

gzip is undone transparently (a WARC keeps its gzip: warcio reads it record by record).
Text is UTF-8 (with or without BOM), UTF-16 with a BOM, or cp1252 when the bytes are
clearly text; anything else is binary and a :class:`~dateline.errors.ReadError`.
"""

from __future__ import annotations

import codecs
import gzip
import re
import string
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReadError

WIRE, HTML, FEED, JSONL, WARC = "wire", "html", "feed", "jsonl", "warc"

_GZIP_MAGIC = b"\x1f\x8b"
_WARC_MAGIC = re.compile(rb"^\s*WARC/1\.")
_FEED_ROOT = re.compile(r"<(?:[\w-]+:)?(?:rss|feed|rdf:RDF|RDF)\b", re.I)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|section|main)\b", re.I)
_PUNCTUATION = frozenset(string.punctuation + "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0\u00ab\u00bb")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_EXT_HINTS = {
    ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".xml": FEED, ".rss": FEED, ".atom": FEED,
    ".json": JSONL, ".jsonl": JSONL, ".ndjson": JSONL, ".warc": WARC, ".txt": WIRE,
}


@dataclass
class Sniffed:
    format: str  # one of WIRE HTML FEED JSONL WARC
    data: bytes  # the input's bytes with gzip undone (a WARC: as stored, gzip included)
    text: str | None = None  # decoded text, for the text formats


def read_bytes(path: str | Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise ReadError(str(path), "no such file or directory") from None
    except PermissionError:
        raise ReadError(str(path), "permission denied") from None
    except IsADirectoryError:
        raise ReadError(str(path), "is a directory") from None
    except OSError as exc:
        raise ReadError(str(path), f"cannot be read ({exc.strerror or exc})") from None


def _gunzip(raw: bytes, path: str) -> bytes:
    try:
        return gzip.decompress(raw)
    except (EOFError, OSError, zlib.error) as exc:
        reason = "truncated gzip file" if isinstance(exc, EOFError) else f"corrupt gzip file ({exc})"
        raise ReadError(path, reason) from None


def _gzip_head(raw: bytes, size: int = 64) -> bytes:
    """The first bytes inside a gzip stream, without inflating all of it."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw[:65536], size)
    except zlib.error:
        return b""


def _ext_hint(path: str) -> str | None:
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return _EXT_HINTS.get(suffixes[-1]) if suffixes else None


def decode_text(data: bytes, path: str) -> str:
    """Text of ``data``; a ReadError when it is empty or not text."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        encodings = ("utf-8",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        if b"\x00" in data[:8192]:
            raise ReadError(path, "binary data (NUL bytes), not text")
        encodings = ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp1252" and not _clearly_text(text):
            break
        if _CONTROL.search(text[:8192]):
            break
        if not text.strip():
            raise ReadError(path, "empty file")
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ReadError(path, "binary or undecodable data, not UTF-8 or cp1252 text")


def _clearly_text(text: str) -> bool:
    """cp1252 decodes almost any bytes: accept it only for what reads as text, mostly ASCII
    letters and punctuation with a sprinkle of accented letters and typographic quotes."""
    sample = text[:8192]
    if not sample:
        return False
    readable = sum(c.isalnum() or c.isspace() or c in _PUNCTUATION for c in sample)
    foreign = sum(not c.isascii() for c in sample)
    return readable / len(sample) > 0.9 and foreign / len(sample) < 0.3


def sniff(raw: bytes, path: str) -> Sniffed:
    """Decide the format of one input's bytes (gzip undone); a ReadError when it has none."""
    if not raw.strip():
        raise ReadError(path, "empty file")
    if raw.startswith(_GZIP_MAGIC):
        if _WARC_MAGIC.match(_gzip_head(raw)):
            return Sniffed(WARC, raw)
        data = _gunzip(raw, path)
        if not data.strip():
            raise ReadError(path, "empty file (inside gzip)")
    else:
        data = raw
    if _WARC_MAGIC.match(data[:64]):
        return Sniffed(WARC, data)
    hint = _ext_hint(path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = decode_text(data, path)
        fmt = _text_format(text, hint)
        # feedparser reads the bytes itself (BOM and XML encoding declaration included)
        return Sniffed(fmt, data, None if fmt == FEED else text)
    head = data[:4096].removeprefix(codecs.BOM_UTF8).decode("utf-8", "replace")
    if head.lstrip().startswith("<"):
        if b"\x00" in data[:8192]:
            raise ReadError(path, "binary data (NUL bytes), not text")
        fmt = _text_format(head, hint)
        if fmt == FEED:
            return Sniffed(FEED, data)
        return Sniffed(HTML, data, decode_html(data, path))
    text = decode_text(data, path)
    return Sniffed(_text_format(text, hint), data, text)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def decode_html(data: bytes, path: str, declared: str | None = None) -> str:
    """Text of an HTML page: the charset the server declared, else the page's own meta charset,
    else UTF-8, else cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", "replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    if b"\x00" in data[:8192]:
        raise ReadError(path, "binary data (NUL bytes), not HTML")
    if not data.strip():
        raise ReadError(path, "empty page")
    m = _META_CHARSET.search(data[:4096])
    for charset in (declared, m.group(1).decode("ascii", "replace") if m else None):
        if not charset:
            continue
        try:
            codecs.lookup(charset)
        except LookupError:
            continue
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _text_format(text: str, hint: str | None) -> str:
    head = text[:4096].lstrip("\ufeff \t\n")
    if head.startswith("<"):
        if _FEED_ROOT.search(head[:2048]) and not re.search(r"<html\b", head[:2048], re.I):
            return FEED
        if _HTML_START.search(head[:2048]) or hint == HTML:
            return HTML
        return FEED if head.startswith("<?xml") else HTML
    if head.startswith(("{", "[")):
        return JSONL
    if hint in (JSONL, FEED):
        # Claimed structured data that is not: let that reader say what is wrong with it.
        return hint
    return WIRE
