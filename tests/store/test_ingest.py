from __future__ import annotations

import pytest
from records import all_records
from sqlalchemy import select

from dateline import readers
from dateline.errors import ReadError
from dateline.record import Record
from dateline.store import schema
from dateline.store.ingest import ingest, ingest_items

RECORDS = {r.article.id: r for r in all_records()}


def fake_extract(article):
    """The hand-built record of the article (the real pipeline is tested elsewhere)."""
    return RECORDS[article.id]


@pytest.fixture
def store(empty_store):
    return empty_store


def articles():
    return [r.article for r in all_records()]


def test_good_inputs_are_stored_and_failures_listed(store):
    items = articles()[:2] + [ReadError("in/broken.jsonl", "invalid JSON", item="line 3")] + articles()[2:]
    summary = ingest_items(store, items, extract=fake_extract)
    assert (summary.read, summary.new, summary.already_stored, summary.failed) == (4, 4, 0, 1)
    assert not summary.ok
    assert [str(f) for f in summary.failures] == ["in/broken.jsonl (line 3): invalid JSON"]
    assert store.stats()["articles"] == 4
    assert len(store.events()) == 7


def test_re_ingest_adds_nothing_and_extracts_nothing(store):
    ingest_items(store, articles(), extract=fake_extract)
    before = store.stats()
    calls = []
    summary = ingest_items(store, articles() + articles(), extract=lambda a: calls.append(a) or fake_extract(a))
    assert (summary.read, summary.new, summary.already_stored, summary.failed) == (8, 0, 8, 0)
    assert calls == []
    assert store.stats() == before


def test_duplicate_articles_in_one_run_are_stored_once(store):
    first = articles()[0]
    summary = ingest_items(store, [first, first], extract=fake_extract)
    assert (summary.new, summary.already_stored) == (1, 1)
    assert store.stats()["articles"] == 1


def test_an_article_the_pipeline_chokes_on_is_a_failure_not_a_crash(store):
    bad = articles()[1]

    def extract(article):
        if article.id == bad.id:
            raise IndexError("span out of range")
        return fake_extract(article)

    summary = ingest_items(store, articles(), extract=extract)
    assert (summary.read, summary.new, summary.failed) == (4, 3, 1)
    (failure,) = summary.failures
    assert str(failure) == "in/feed.xml (item 3): extraction failed: IndexError: span out of range"
    assert not store.has(bad.id)
    assert store.stats()["articles"] == 3


def test_ingest_streams_one_committed_article_at_a_time(store):
    seen = []

    def stream():
        for article in articles():
            # Everything yielded before is already committed when the next one is read.
            assert all(store.has(a.id) for a in seen)
            seen.append(article)
            yield article

    progress = []
    summary = ingest_items(store, stream(), progress=lambda s, item: progress.append((s.read, item.id)),
                           extract=fake_extract)
    assert summary.new == 4
    assert progress == [(i + 1, a.id) for i, a in enumerate(seen)]


@pytest.mark.skipif(not hasattr(readers, "read_inputs"), reason="dateline.readers.read_inputs not written yet")
def test_ingest_reads_files_and_reports_a_missing_one(store, tmp_path):
    wire = tmp_path / "storm.txt"
    wire.write_text(
        "Storm floods coastal towns in Mozambique\n\n"
        "MAPUTO, Feb 9 (Indian Ocean Wire) - Heavy rain from a tropical storm flooded coastal towns "
        "in southern Mozambique on Friday, forcing thousands of people from their homes, the "
        "disaster management agency said.\n\n"
        "Roads to the port of Inhambane were cut and power lines were down, officials said.\n",
        encoding="utf-8",
    )
    bare = Record  # extraction itself is the pipeline's business; here: read and store
    summary = ingest(store, [wire, tmp_path / "missing.txt"], extract=bare)
    assert (summary.read, summary.new, summary.failed) == (1, 1, 1)
    assert str(summary.failures[0]).startswith(f"{tmp_path / 'missing.txt'}: ")
    (stored_id,) = _stored_ids(store)
    article = store.get_article(stored_id)["article"]
    assert article["headline"] == "Storm floods coastal towns in Mozambique"
    assert article["origin"]["path"] == str(wire)
    again = ingest(store, [wire], extract=bare)
    assert (again.new, again.already_stored) == (0, 1)


def _stored_ids(store):
    with store.engine.connect() as conn:
        return list(conn.execute(select(schema.articles.c.id)).scalars())
