"""The Dateline store: records kept in SQLite (or PostgreSQL) and queried by event.

    >>> from dateline.store import open_store
    >>> with open_store("dateline.db") as store:
    ...     store.add(record)                      # False when the article is already stored
    ...     store.events(country="AZE", since="1990-01-01", until="1990-12-31")

Tables and event ids are described in :mod:`dateline.store.schema`; migrations in
:mod:`dateline.store.migrations`; bulk loading from files in :mod:`dateline.store.ingest`.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..errors import DatelineError, StoreError
from ..record import Record
from . import read, schema
from .engine import display_url, make_engine, writer
from .linking import link_record
from .migrations import migrate
from .write import insert_record

__all__ = ["Store", "open_store"]


def _fail(action: str, exc: SQLAlchemyError) -> StoreError:
    reason = getattr(exc, "orig", None) or exc
    return StoreError(f"{action}: {reason}")


class _Batch:
    """One connection with a transaction that :meth:`Store.batched` commits every ``size`` runs
    or ``seconds`` after it began, whichever comes first."""

    def __init__(self, conn: Connection, size: int, seconds: float) -> None:
        self.conn, self.size, self.seconds = conn, max(1, size), seconds
        self.pending, self.began = 0, 0.0

    def run(self, fn):
        if not self.conn.in_transaction():
            self.conn.begin()
            self.began = time.monotonic()
        with self.conn.begin_nested():
            result = fn(self.conn)
        self.pending += 1
        if self.pending >= self.size or time.monotonic() - self.began >= self.seconds:
            self.conn.commit()
            self.pending = 0
        return result


def _finish(conn: Connection, commit: bool) -> None:
    if not conn.in_transaction():
        return
    if commit:
        conn.commit()
    else:
        conn.rollback()


class Store:
    """A database of records. Every record is written in one transaction of its own, or, inside
    :meth:`Store.batched`, with a savepoint of its own in a transaction per batch."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = writer(engine)
        self._batch: _Batch | None = None

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    # -- writing ---------------------------------------------------------------------------

    def add(self, record: Record) -> bool:
        """Store ``record``; ``False`` (and nothing written) when its article is already stored."""
        article_id = record.article.id
        try:
            if self._batch is not None:
                return self._batch.run(lambda conn: self._add(conn, record))
            with self._writer.begin() as conn:
                return self._add(conn, record)
        except IntegrityError as exc:
            # Another writer stored the same article between our check and our insert.
            if self.has(article_id):
                return False
            raise _fail(f"cannot store {article_id}", exc) from exc
        except SQLAlchemyError as exc:
            raise _fail(f"cannot store {article_id}", exc) from exc

    def _add(self, conn, record: Record) -> bool:
        if self._exists(conn, record.article.id):
            return False
        events = insert_record(conn, record)
        link_record(conn, record, events)  # stories and canonical events (dateline.store.linking)
        return True

    @contextmanager
    def batched(self, size: int = 100, seconds: float = 1.0) -> Iterator[Store]:
        """Commit the articles added inside the block ``size`` at a time (or every ``seconds``,
        whichever comes first) instead of one by one.

        Each article stays all or nothing (a savepoint of its own), but the commit, which on
        SQLite writes the search index's new pages every time, is paid once per batch: ingest
        runs about a third faster. A process killed mid-batch loses only the articles of the
        batch it had not committed, which a re-run adds again; readers see each batch when it
        is committed (at the latest ``seconds`` later). Reads through this store inside the block
        see the uncommitted articles.
        """
        if self._batch is not None:  # already batching: the outer block decides
            yield self
            return
        try:
            conn = self._writer.connect()
        except SQLAlchemyError as exc:
            raise _fail(f"cannot write to {self.url}", exc) from exc
        self._batch = _Batch(conn, size, seconds)
        failed = False
        try:
            yield self
        except SQLAlchemyError:
            failed = True
            raise
        finally:
            self._batch = None
            try:
                _finish(conn, commit=not failed)
            finally:
                conn.close()

    # -- reading ---------------------------------------------------------------------------

    @staticmethod
    def _exists(conn, article_id: str) -> bool:
        a = schema.articles.c
        return conn.execute(select(a.id).where(a.id == article_id)).first() is not None

    def has(self, article_id: str) -> bool:
        """Whether the article with this full id (``sha256:...``, prefix optional) is stored."""
        if not article_id.startswith("sha256:"):
            article_id = "sha256:" + article_id
        return self._read(lambda conn: self._exists(conn, article_id))

    def events(self, country: str | Sequence[str] | None = None, type: str | Sequence[str] | None = None,
               timing: str | Sequence[str] | None = None, since: str | dt.date | None = None,
               until: str | dt.date | None = None, *, article: str | Sequence[str] | None = None,
               limit: int | None = None) -> list[dict]:
        """Events matching every filter given, ordered by their own date (undated last).

        ``country``: ISO alpha-3 of the event's location. ``type``: PLOVER types, or
        ``"disaster"`` / ``"accident"`` for the untyped events of that mode. ``since`` /
        ``until`` (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or dates) select events whose own
        date overlaps the period; undated events are then left out. ``article``: full
        article ids. Raises ValueError for a bound that is not a date.
        """
        filters = {"country": country, "type": type, "timing": timing, "since": since,
                   "until": until, "article": article, "limit": limit}
        read.event_query(**filters)  # validate the bounds before touching the database
        return self._read(lambda conn: read.select_events(conn, **filters))

    def get_article(self, article_id: str) -> dict:
        """The stored record (full id or unique prefix); raises NotFound."""
        return self._read(lambda conn: read.load_article(conn, article_id))

    def resolve_article(self, article_id: str) -> str:
        """The full id of the article a unique prefix names; raises NotFound."""
        return self._read(lambda conn: read.resolve_article(conn, article_id))

    def get_event(self, event_id: str) -> dict:
        """One event (``<article id or prefix>:<local id>``) with its figures, the article it
        came from and ``evidence_text``, its evidence sentences; raises NotFound."""
        return self._read(lambda conn: read.load_event(conn, event_id))

    def stats(self) -> dict[str, int]:
        """Rows per table."""
        def count(conn):
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in schema.V1_TABLES}
        return self._read(count)

    def _read(self, fn):
        try:
            if self._batch is not None:
                return fn(self._batch.conn)
            with self.engine.connect() as conn:
                return fn(conn)
        except DatelineError:
            raise
        except SQLAlchemyError as exc:
            raise _fail(f"cannot read {self.url}", exc) from exc

    # -- lifetime --------------------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_store(url_or_path: str | os.PathLike) -> Store:
    """Open (creating it if needed) the database at a path or SQLAlchemy URL and bring its
    schema up to date. A plain path is a SQLite file; ``":memory:"`` a throwaway one."""
    engine = make_engine(url_or_path)
    try:
        migrate(engine)
    except DatelineError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise _fail(f"cannot open database {display_url(url_or_path)}", exc) from exc
    return Store(engine)
