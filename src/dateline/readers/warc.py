"""WARC and WARC.gz web archives through warcio: every HTML page an Article via the HTML reader.

A ``response`` (or ``resource``) record with a 2xx status and an HTML content type is read
with :func:`~dateline.readers.html.read_html`; ``url`` is the record's WARC-Target-URI and
``origin.retrieved`` its WARC-Date. ``origin.index`` is the record's 0-based position among
ALL records of the file (warcinfo and request records count), so it names the same record
``warcio index`` lists; ``origin.sha256`` hashes the page's payload bytes (HTTP body, transfer
and content encodings undone), the same hash the page would have saved as a file.
A damaged or truncated archive yields the articles before the damage and then a ReadError.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import ReadError
from ..record import Article, Origin
from .detect import decode_html
from .html import read_html

# warcio fails on damaged input with its own errors and, at some cut points, with whatever its
# parser trips over (AttributeError on a header cut in half): all of them mean "damaged here".
_DAMAGE = (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error, AttributeError, TypeError,
           IndexError, KeyError)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _html_type(record) -> str | None:
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    return content_type if "html" in content_type.lower() else None


def read_warc(data: bytes, path: str) -> Iterator[Article | ReadError]:
    position = -1
    archive = ArchiveIterator(io.BytesIO(data))
    records = iter(archive)
    end = 0  # where the last complete record ends
    while True:
        try:
            record = next(records)
        except StopIteration:
            if data[end:].strip(b"\r\n\t \x00"):
                # warcio stops quietly on a record whose headers were cut off
                yield ReadError(path, "truncated WARC: bytes after the last complete record",
                                f"record {position + 1}")
            return
        except _DAMAGE as exc:
            yield ReadError(path, f"damaged or truncated WARC ({exc or type(exc).__name__})",
                            f"record {position + 1}")
            return
        position += 1
        if not record.rec_type or not record.rec_headers.get_header("Content-Length"):
            yield ReadError(path, "damaged or truncated WARC: a record header is incomplete",
                            f"record {position}")
            return
        content_type = _html_type(record)
        try:
            payload = record.content_stream().read() if content_type else None
            while record.raw_stream.read(65536):  # skipped records too: a cut there is damage
                pass
        except _DAMAGE as exc:
            yield ReadError(path, f"damaged WARC record ({exc or type(exc).__name__})", f"record {position}")
            return
        if getattr(record.raw_stream, "limit", 0):
            yield ReadError(path, "truncated WARC: the record ends before its Content-Length",
                            f"record {position}")
            return
        end = archive.get_record_offset() + archive.get_record_length()
        if payload is None:
            continue
        url = record.rec_headers.get_header("WARC-Target-URI")
        origin = Origin(path=path, index=position, sha256=hashlib.sha256(payload).hexdigest(),
                        retrieved=record.rec_headers.get_header("WARC-Date"))
        try:
            yield read_html(decode_html(payload, path, _charset(content_type)), origin, url=url)
        except ReadError as exc:
            yield ReadError(path, exc.reason, f"record {position}")
