from __future__ import annotations

import datetime as dt

import pytest
from records import anniversary
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, inspect, select

from dateline.errors import StoreError
from dateline.store import migrations, open_store, schema, search
from dateline.store.engine import make_engine


def recorded(store):
    with store.engine.connect() as conn:
        return conn.execute(select(schema.schema_migrations.c.version, schema.schema_migrations.c.name)
                            .order_by(schema.schema_migrations.c.version)).all()


def test_migrations_are_recorded_once(store_url):
    path = store_url
    with open_store(path) as s:
        first = recorded(s)
        assert [v for v, _ in first] == [m.version for m in migrations.MIGRATIONS]
        s.add(anniversary())
    with open_store(path) as s:
        assert recorded(s) == first
        assert migrations.pending(s.engine) == []
        assert s.stats()["events"] == 2


def test_a_fresh_database_matches_the_declared_schema(store_url):
    with open_store(store_url) as s:
        insp = inspect(s.engine)
        # SQLite's FTS5 search tables are virtual tables, not in schema.metadata.
        assert set(insp.get_table_names()) - search.SQLITE_TABLES == set(schema.metadata.tables)
        for table in schema.metadata.tables.values():
            assert [c["name"] for c in insp.get_columns(table.name)] == [c.name for c in table.columns]
            assert {i["name"] for i in insp.get_indexes(table.name)} >= {i.name for i in table.indexes}
        event_indexes = {tuple(i["column_names"]) for i in insp.get_indexes("events")}
        assert {("date_start",), ("location_country",), ("type",), ("timing",)} <= event_indexes


@pytest.fixture
def extra_migrations(monkeypatch):
    """Room to register migrations for one test without touching the real list."""
    monkeypatch.setattr(migrations, "MIGRATIONS", list(migrations.MIGRATIONS))
    return migrations.MIGRATIONS


def test_a_later_migration_runs_once_on_an_existing_database(tmp_path, extra_migrations):
    path = tmp_path / "old.db"
    open_store(path).close()
    runs = []
    scratch = MetaData()
    notes = Table("notes", scratch, Column("id", Integer, primary_key=True), Column("body", String))

    @migrations.migration(extra_migrations[-1].version + 1, "notes table")
    def _notes(conn):
        runs.append(1)
        migrations.create_tables(conn, notes)
        conn.execute(insert(notes).values(body="added by the migration"))

    for _ in range(2):
        with open_store(path) as s:
            assert recorded(s)[-1][1] == "notes table"
    assert runs == [1]


def test_a_failing_migration_rolls_back_entirely(tmp_path, extra_migrations):
    path = tmp_path / "fail.db"
    open_store(path).close()
    scratch = MetaData()
    half = Table("half_done", scratch, Column("id", Integer, primary_key=True))

    @migrations.migration(extra_migrations[-1].version + 1, "breaks half-way")
    def _breaks(conn):
        half.create(conn)
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        open_store(path)
    engine = make_engine(path)
    assert not inspect(engine).has_table("half_done")
    assert [m.name for m in migrations.pending(engine)] == ["breaks half-way"]
    engine.dispose()


def test_add_column_is_a_no_op_when_the_column_exists(tmp_path):
    engine = make_engine(tmp_path / "cols.db")
    old, new = MetaData(), MetaData()
    Table("places", old, Column("id", Integer, primary_key=True))
    places = Table("places", new, Column("id", Integer, primary_key=True), Column("iso", String(3)))
    old.create_all(engine)
    with engine.begin() as conn:
        migrations.add_column(conn, places, "iso")
        migrations.add_column(conn, places, "iso")
    assert [c["name"] for c in inspect(engine).get_columns("places")] == ["id", "iso"]
    engine.dispose()


def test_a_database_from_a_newer_dateline_is_refused(tmp_path):
    path = tmp_path / "newer.db"
    with open_store(path) as s, s.engine.begin() as conn:
        conn.execute(insert(schema.schema_migrations).values(
            version=999, name="from the future", applied_at=dt.datetime(2030, 1, 1)))
    with pytest.raises(StoreError, match="schema version 999"):
        open_store(path)


def test_migrations_must_be_registered_in_order(extra_migrations):
    with pytest.raises(RuntimeError, match="registered after"):
        migrations.migration(1, "again")(lambda conn: None)
