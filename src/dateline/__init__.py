"""Dateline: news articles in, a traceable record of events out.

    >>> import dateline
    >>> for article in dateline.read("wire.txt"):
    ...     record = dateline.extract(article)
    ...     print(record.to_json()["events"])
"""

from __future__ import annotations

from .errors import DatelineError, NotFound, ReadError, StoreError
from .pipeline import process
from .readers import read
from .record import SCHEMA, Article, Record

__version__ = "0.1.0"


def extract(article_or_path) -> Record | list[Record]:
    """Extract the record of one :class:`Article`, or of every article in a path."""
    if isinstance(article_or_path, Article):
        return process(article_or_path)
    return [process(a) for a in read(article_or_path)]


__all__ = [
    "SCHEMA", "Article", "Record", "extract", "read", "process",
    "DatelineError", "ReadError", "StoreError", "NotFound", "__version__",
]
