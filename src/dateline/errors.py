"""One exception hierarchy for everything Dateline raises on purpose."""

from __future__ import annotations


class DatelineError(Exception):
    """Base class of every error Dateline raises on purpose."""


class ReadError(DatelineError):
    """An input could not be read. Names the file, the item inside it (line, feed item,
    WARC record) when there is one, and the reason."""

    def __init__(self, path: str, reason: str, item: str | int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.item = item
        where = self.path if item is None else f"{self.path} ({item})"
        super().__init__(f"{where}: {reason}")


class StoreError(DatelineError):
    """The database could not be opened, migrated or written."""


class NotFound(DatelineError):
    """An id given on the command line or to the API names nothing in the store."""
