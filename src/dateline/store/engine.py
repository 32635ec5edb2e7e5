"""Engines for the store: a URL or a plain path in, a configured SQLAlchemy engine out.

SQLite gets WAL journaling (readers never block the writer), foreign keys, a busy timeout,
and real transactions: the stdlib driver otherwise starts transactions lazily and commits
DDL on its own, which would make a half-applied migration possible. A transaction opened
through :func:`writer` starts with ``BEGIN IMMEDIATE`` on SQLite, taking the write lock up
front so two processes writing the same file queue up instead of failing half-way.
Other databases (``postgresql+psycopg://...``) are used as SQLAlchemy configures them.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from ..errors import StoreError

WRITE_OPTION = "dateline_write"
BUSY_TIMEOUT_MS = 30_000


def database_url(url_or_path: str | os.PathLike) -> str:
    """``"events.db"`` -> ``"sqlite:///events.db"``; a URL (``scheme://...``) is kept as it is, but
    a plain ``postgresql://`` URL is given the psycopg 3 driver that Dateline installs."""
    text = os.fspath(url_or_path)
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if "://" in text:
        return text
    if text == ":memory:":
        return "sqlite://"
    path = Path(text).expanduser()
    if path.is_dir():
        raise StoreError(f"{text}: is a directory, not a database file")
    if not path.parent.exists():
        raise StoreError(f"{text}: folder {str(path.parent)!r} does not exist")
    return f"sqlite:///{path}"


def display_url(url_or_path: str | os.PathLike) -> str:
    """The path or URL as it may be shown to a user: any password masked."""
    text = os.fspath(url_or_path)
    if "://" not in text:
        return text
    try:
        return make_url(text).render_as_string(hide_password=True)
    except ArgumentError:
        return text.split("://", 1)[0] + "://..."


def make_engine(url_or_path: str | os.PathLike) -> Engine:
    url = database_url(url_or_path)
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            memory = parsed.database in (None, "", ":memory:")
            engine = create_engine(parsed, poolclass=StaticPool if memory else None,
                                   connect_args={"check_same_thread": False} if memory else {})
            _configure_sqlite(engine)
        else:
            engine = create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"cannot open database {display_url(url)}: {exc}") from exc
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, but its transactions take the write lock at BEGIN (SQLite)."""
    return engine.execution_options(**{WRITE_OPTION: True})


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Hand transaction control to SQLAlchemy (see the "begin" hook below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; a crash loses at most the last commit
            # a 64 MiB page cache and fewer checkpoints: the default 2 MiB cache thrashes once the
            # file passes a gigabyte (100,000 articles), and ingest slows with it
            cursor.execute("PRAGMA cache_size=-65536")
            cursor.execute("PRAGMA wal_autocheckpoint=10000")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
