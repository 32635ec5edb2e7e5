"""Files in, records stored: read, extract, add, one article at a time (memory stays flat).

An article already in the store is not extracted again (its id is a content hash), so
re-running an ingest is cheap and adds nothing. A failure (an unreadable input, an article
the pipeline could not process, a database error) is recorded with its reason and the
ingest goes on; every stored article was committed on its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..errors import DatelineError, ReadError
from ..record import Article, Record

Progress = Callable[["IngestSummary", "Article | ReadError"], None]


@dataclass
class Failure:
    path: str
    item: str | int | None
    reason: str

    def __str__(self) -> str:
        where = self.path if self.item is None else f"{self.path} ({self.item})"
        return f"{where}: {self.reason}"


@dataclass
class IngestSummary:
    read: int = 0  # articles read
    new: int = 0  # articles stored by this run
    already_stored: int = 0  # articles found in the store (this run or an earlier one)
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def ok(self) -> bool:
        return not self.failures


def _where(article: Article) -> str | None:
    return None if article.origin.index is None else f"item {article.origin.index}"


def ingest_items(store, items: Iterable[Article | ReadError], progress: Progress | None = None,
                 extract: Callable[[Article], Record] | None = None, commit_every: int = 100) -> IngestSummary:
    """Ingest what a reader yielded: Articles, and ReadErrors for inputs that failed; committed
    ``commit_every`` articles at a time (or every second), each article all or nothing."""
    if extract is None:
        from ..pipeline import process as extract
    summary = IngestSummary()
    with store.batched(size=commit_every):
        for item in items:
            if isinstance(item, ReadError):
                summary.failures.append(Failure(item.path, item.item, item.reason))
            else:
                summary.read += 1
                _ingest_one(store, item, summary, extract)
            if progress is not None:
                progress(summary, item)
    return summary


def _ingest_one(store, article: Article, summary: IngestSummary, extract) -> None:
    try:
        if store.has(article.id):
            summary.already_stored += 1
            return
        record = extract(article)
    except DatelineError as exc:
        summary.failures.append(Failure(article.origin.path, _where(article), str(exc)))
        return
    except Exception as exc:  # a bug in one stage must not stop a long ingest
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
        summary.failures.append(Failure(article.origin.path, _where(article), reason))
        return
    try:
        stored = store.add(record)
    except DatelineError as exc:
        summary.failures.append(Failure(article.origin.path, _where(article), str(exc)))
        return
    if stored:
        summary.new += 1
    else:
        summary.already_stored += 1


def ingest(store, inputs: Iterable[str | os.PathLike], progress: Progress | None = None,
           extract: Callable[[Article], Record] | None = None, commit_every: int = 100) -> IngestSummary:
    """Read every input path (files or folders) with :func:`dateline.readers.read_inputs`,
    extract (:func:`dateline.pipeline.process` unless given) and store each article; returns
    the counts and the failures with reasons."""
    from .. import readers

    paths = [os.fspath(p) for p in inputs]
    return ingest_items(store, readers.read_inputs(paths), progress, extract, commit_every)
