"""Readers: input files in, :class:`~dateline.record.Article` objects out.

    read(path)          every article of one file or folder; raises ReadError on the first problem
    read_inputs(paths)  every article of every path, a failing input or item yielded as a ReadError

The format is chosen by content (:mod:`.detect`): agency wire text (:mod:`.wire`), saved HTML
pages (:mod:`.html`), RSS/Atom feeds (:mod:`.feeds`), JSON lines (:mod:`.jsonl`) and WARC
archives (:mod:`.warc`), each optionally gzipped. Folders are walked recursively in sorted
order, skipping hidden files and folders and ``*.gold.json`` evaluation files.

``origin.path`` is the path as given (a file found in a folder: the folder as given joined with
the file's path inside it); ``origin.sha256`` hashes the article's own bytes after gzip is undone
(the whole file for single-article formats); ``origin.retrieved`` is when the file was read, or
the WARC-Date of a WARC record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import ReadError
from ..record import Article, Origin
from .detect import FEED, HTML, JSONL, WARC, WIRE, read_bytes, sniff
from .feeds import read_feed
from .html import read_html
from .jsonl import read_jsonl
from .warc import read_warc
from .wire import read_wire

__all__ = ["read", "read_inputs", "read_file", "walk"]

# Files that travel beside articles but never are one: gold files, code, docs, configuration.
_SKIP_SUFFIXES = (".gold.json", ".md", ".rst", ".py", ".pyc", ".toml", ".cfg", ".ini", ".yml", ".yaml",
                  ".db", ".sqlite", ".db-wal", ".db-shm")


def walk(path: str | Path) -> Iterator[str]:
    """The files a path stands for: itself, or every file under a folder (sorted, recursive,
    hidden entries, gold files, code and docs skipped). A missing path is yielded as is; reading it fails."""
    given = str(path)
    if not os.path.isdir(given):
        yield given
        return
    yield from _walk_dir(given)


def _walk_dir(folder: str) -> Iterator[str]:
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        raise ReadError(folder, f"folder cannot be listed ({exc.strerror or exc})") from None
    for name in names:
        if name.startswith(".") or name.endswith(_SKIP_SUFFIXES):
            continue
        full = os.path.join(folder, name)
        if os.path.isdir(full):
            yield from _walk_dir(full)
        elif os.path.isfile(full):
            yield full


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def read_file(path: str) -> Iterator[Article | ReadError]:
    """Articles of one file. Problems with the whole file raise ReadError; a failing item
    inside a feed, JSONL or WARC file is yielded as a ReadError and the next item follows."""
    sniffed = sniff(read_bytes(path), path)
    retrieved = _now()
    produced = False
    if sniffed.format in (WIRE, HTML):
        origin = Origin(path=path, index=None, sha256=hashlib.sha256(sniffed.data).hexdigest(),
                        retrieved=retrieved)
        if sniffed.format == WIRE:
            yield read_wire(sniffed.text, origin)
        else:
            yield read_html(sniffed.text, origin)
        return
    if sniffed.format == FEED:
        items = read_feed(sniffed.data, path, retrieved)
    elif sniffed.format == JSONL:
        items = read_jsonl(sniffed.text, sniffed.data, path, retrieved)
    elif sniffed.format == WARC:
        items = read_warc(sniffed.data, path)
    else:  # pragma: no cover - sniff only returns the formats above
        raise ReadError(path, f"unknown format {sniffed.format}")
    for item in items:
        produced = True
        yield item
    if not produced:
        raise ReadError(path, "no articles found")


def read(path: str | Path) -> Iterator[Article]:
    """Every article of one file or folder, in order; raises ReadError on the first problem."""
    for file in walk(path):
        for item in read_file(file):
            if isinstance(item, ReadError):
                raise item
            yield item


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Article | ReadError]:
    """Every article of every path, in order. A failing input, or a failing item inside a feed,
    JSONL or WARC file, is yielded as a ReadError and reading goes on with the next."""
    for path in paths:
        try:
            files = list(walk(path))
        except ReadError as exc:
            yield exc
            continue
        for file in files:
            try:
                yield from read_file(file)
            except ReadError as exc:
                yield exc
