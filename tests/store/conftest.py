"""Store fixtures. Set DATELINE_TEST_POSTGRES_URL (e.g. ``postgresql+psycopg://user@/db?host=/run/pg``)
to run the backend-independent store tests against PostgreSQL as well; its tables are
dropped before each test."""

from __future__ import annotations

import os

import pytest
from records import all_records
from sqlalchemy import create_engine

from dateline.store import open_store, schema

POSTGRES_URL = os.environ.get("DATELINE_TEST_POSTGRES_URL")


def _empty_postgres(url: str) -> None:
    engine = create_engine(url)
    schema.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "events.db")
    if not POSTGRES_URL:
        pytest.skip("DATELINE_TEST_POSTGRES_URL not set")
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
