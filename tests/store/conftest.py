"""Store fixtures. Set DATELINE_TEST_POSTGRES to a server URL (e.g.
``postgresql://127.0.0.1:5432/test``; .ci/run sets it) to run the backend-independent store
tests against PostgreSQL as well; its tables are dropped before each test. A URL that names
no reachable server skips those tests with the reason."""

from __future__ import annotations

import os

import pytest
from records import all_records
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

from dateline.store import open_store, schema
from dateline.store.engine import database_url

POSTGRES_URL = os.environ.get("DATELINE_TEST_POSTGRES")


def _empty_postgres(url: str) -> None:
    engine = create_engine(database_url(url))
    try:
        schema.metadata.drop_all(engine)
    except OperationalError as exc:
        pytest.skip(f"DATELINE_TEST_POSTGRES={url} is not reachable: {exc.orig}")
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "events.db")
    if not POSTGRES_URL:
        pytest.skip("DATELINE_TEST_POSTGRES not set: PostgreSQL runs of the store tests skipped")
    _empty_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture
def empty_store(store_url):
    with open_store(store_url) as s:
        yield s


@pytest.fixture
def store(empty_store):
    for record in all_records():
        assert empty_store.add(record) is True
    return empty_store
