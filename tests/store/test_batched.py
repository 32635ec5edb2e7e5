"""Store.batched: many articles per transaction, each article still all or nothing."""

from __future__ import annotations

import pytest
from records import all_records, anniversary, detention, landslide, strike_threat
from sqlalchemy import func, select

from dateline.errors import StoreError
from dateline.record import Article, Event, Mention
from dateline.store import open_store, schema


def broken_record():
    broken = detention()
    broken.article = Article(text="Police detained nine people on Monday.", headline="Nine held")
    clash = Event(id="ev1", type="COERCE", mode="arrest", trigger=Mention("detained", (7, 15)))
    broken.events = [clash, clash]  # the same local id twice violates events.uid
    return broken


def committed_articles(store) -> int:
    """What another connection (another process, Datasette) sees."""
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.articles)).scalar_one()


def test_a_batch_stores_the_same_as_one_transaction_per_article(store_url, tmp_path):
    with open_store(tmp_path / "one-by-one.db") as plain:
        for record in all_records():
            plain.add(record)
        expected = plain.stats()
    with open_store(store_url) as store:
        with store.batched(size=3):
            assert [store.add(r) for r in all_records()] == [True, True, True, True]
            assert store.add(anniversary()) is False  # seen inside the uncommitted batch
        assert store.stats() == expected


def test_other_connections_see_each_batch_when_it_is_committed(tmp_path):
    with open_store(tmp_path / "events.db") as store:
        records = all_records()
        with store.batched(size=3, seconds=3600):
            for record in records[:2]:
                store.add(record)
            assert committed_articles(store) == 0
            assert store.has(records[0].article.id)  # this store reads through the batch
            store.add(records[2])
            assert committed_articles(store) == 3
            store.add(records[3])
            assert committed_articles(store) == 3
        assert committed_articles(store) == 4


def test_a_batch_is_committed_after_its_time_even_when_not_full(tmp_path):
    with open_store(tmp_path / "events.db") as store:
        with store.batched(size=1000, seconds=0):
            store.add(landslide())
            assert committed_articles(store) == 1


def test_a_failing_article_in_a_batch_leaves_the_others(store_url):
    with open_store(store_url) as store:
        with store.batched(size=10):
            assert store.add(landslide()) is True
            with pytest.raises(StoreError, match="cannot store"):
                store.add(broken_record())
            assert store.add(strike_threat()) is True
        assert not store.has(broken_record().article.id)
        assert store.has(landslide().article.id) and store.has(strike_threat().article.id)
        assert store.stats()["articles"] == 2


def test_an_error_outside_the_store_keeps_what_was_added(tmp_path):
    with open_store(tmp_path / "events.db") as store:
        with pytest.raises(KeyboardInterrupt), store.batched(size=10):
            store.add(landslide())
            raise KeyboardInterrupt
        assert committed_articles(store) == 1
        with store.batched():  # the store is usable again, batched or not
            store.add(detention())
        store.add(strike_threat())
        assert committed_articles(store) == 3


def test_a_reader_opens_the_store_at_once_while_a_batch_holds_the_write_lock(store_url):
    import time

    with open_store(store_url) as writer:
        with writer.batched(size=100, seconds=60):
            writer.add(detention())
            started = time.monotonic()
            with open_store(store_url) as reader:  # `dateline search` while `dateline ingest` runs
                assert reader.stats()["articles"] == 0  # the batch is not committed yet
            assert time.monotonic() - started < 5
        with open_store(store_url) as reader:
            assert reader.stats()["articles"] == 1
