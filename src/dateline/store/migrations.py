"""Ordered, recorded schema migrations; :func:`migrate` runs the pending ones.

Each migration is registered with ``@migration(version, name)`` and runs in its own
transaction together with the row that records it in ``schema_migrations``, so a
migration is applied entirely and once, or not at all. Opening a store calls
:func:`migrate`.

Adding a migration (for example canonical events, claims, stories, full-text search):

1. Declare the new tables / columns / indexes in :mod:`dateline.store.schema` (it always
   holds the current shape), never in ``V1_TABLES``.
2. Register a function with the next version number below. Use :func:`create_tables`,
   :func:`add_column` and :func:`create_index`: they skip what already exists, which
   matters because migration 1 builds the v1 tables from the *current* schema, so on a
   fresh database a later "add column" finds its column already there.
3. Dialect-specific work (an FTS5 table on SQLite, a tsvector index on PostgreSQL)
   branches on ``conn.dialect.name``.

A released migration never changes; ``tests/store/test_migrations.py`` checks that a
fresh database migrated from scratch matches ``schema.metadata``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, Index, Table, insert, inspect, select
from sqlalchemy.schema import CreateColumn

from ..errors import StoreError
from . import schema
from .engine import writer


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


MIGRATIONS: list[Migration] = []


def migration(version: int, name: str):
    """Register the decorated ``fn(conn)`` as migration ``version``."""

    def register(fn: Callable[[Connection], None]) -> Callable[[Connection], None]:
        if MIGRATIONS and version <= MIGRATIONS[-1].version:
            raise RuntimeError(f"migration {version} registered after {MIGRATIONS[-1].version}")
        MIGRATIONS.append(Migration(version, name, fn))
        return fn

    return register


# -- helpers for writing migrations ---------------------------------------------------------

def create_tables(conn: Connection, *tables: Table) -> None:
    for table in tables:
        table.create(conn, checkfirst=True)


def add_column(conn: Connection, table: Table, column_name: str) -> None:
    """``ALTER TABLE ... ADD COLUMN`` for a column declared in schema.py, unless it exists."""
    existing = {c["name"] for c in inspect(conn).get_columns(table.name)}
    if column_name in existing:
        return
    ddl = CreateColumn(table.c[column_name]).compile(dialect=conn.dialect)
    name = conn.dialect.identifier_preparer.format_table(table)
    conn.exec_driver_sql(f"ALTER TABLE {name} ADD COLUMN {ddl}")


def create_index(conn: Connection, index: Index) -> None:
    index.create(conn, checkfirst=True)


# -- the migrations -------------------------------------------------------------------------

@migration(1, "articles, entities, times, events, counts, quotes")
def _initial_tables(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=list(schema.V1_TABLES))


# -- running them ---------------------------------------------------------------------------

def applied_versions(conn: Connection) -> dict[int, str]:
    table = schema.schema_migrations
    if not inspect(conn).has_table(table.name):
        return {}
    return {row.version: row.name for row in conn.execute(select(table.c.version, table.c.name))}


def pending(engine: Engine) -> list[Migration]:
    with engine.connect() as conn:
        done = applied_versions(conn)
    return [m for m in MIGRATIONS if m.version not in done]


_PG_LOCK_KEY = int.from_bytes(b"dateline", "big")


def _lock(conn: Connection) -> None:
    """Serialise concurrent migrators (SQLite already holds its write lock from BEGIN IMMEDIATE)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})")


def migrate(engine: Engine) -> list[Migration]:
    """Apply every pending migration in order; returns those applied by this call."""
    table = schema.schema_migrations
    with engine.connect() as conn:  # a read first: opening a current store must not wait for
        done = applied_versions(conn)  # the write lock an ingest holds for its whole batch
    if done and all(m.version in done for m in MIGRATIONS) and all(v in {m.version for m in MIGRATIONS}
                                                                   for v in done):
        return []
    write = writer(engine)
    with write.begin() as conn:
        _lock(conn)
        table.create(conn, checkfirst=True)
        done = applied_versions(conn)
    known = {m.version for m in MIGRATIONS}
    newer = sorted(v for v in done if v not in known)
    if newer:
        raise StoreError(
            f"the database has schema version {newer[-1]}, newer than this Dateline knows "
            f"({MIGRATIONS[-1].version}); upgrade Dateline to use it"
        )
    applied = []
    for m in MIGRATIONS:
        if m.version in done:
            continue
        with write.begin() as conn:
            _lock(conn)
            # Another process may have run it since we looked: check again under the lock.
            if m.version in applied_versions(conn):
                continue
            m.apply(conn)
            conn.execute(insert(table).values(
                version=m.version, name=m.name,
                applied_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            ))
        applied.append(m)
    return applied


@migration(2, "canonical events, claims, stories, audit, readable views")
def _canonical_events(conn: Connection) -> None:
    from . import linking, stories, views

    create_tables(conn, *schema.V2_TABLES)
    views.create_views(conn)
    # Articles stored before linking existed: give them stories, then link their events.
    a = schema.articles.c
    for article_id, text in conn.execute(select(a.id, a.text).order_by(a.ingested_at, a.id)).all():
        stories.assign_story(conn, article_id, text)
    linking.link_pending(conn)


# Registered last, after every migration defined above.
@migration(3, "full-text search over events and articles")
def _full_text_search(conn: Connection) -> None:
    from .search import install

    install(conn)

