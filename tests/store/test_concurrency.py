"""Concurrent use of the store: readers during an ingest, and an ingest killed with SIGKILL.

The killed ingest is a real ``dateline ingest`` process over a folder of generated wire
articles; after ``kill -9`` and a second run, the database must hold exactly what one clean
ingest of the same folder holds (articles, events, figures, search index).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from records import anniversary, detention
from sqlalchemy import func, select

from dateline.cli import main
from dateline.store import open_store, schema
from dateline.store.ingest import ingest
from dateline.store.search import search
from dateline.store.write import insert_record

PLACES = [("KISUMU", "Kenya", "Kisumu"), ("MWANZA", "Tanzania", "Mwanza"), ("GULU", "Uganda", "Gulu"),
          ("TAMALE", "Ghana", "Tamale"), ("BOUAKÉ", "Ivory Coast", "Bouaké"), ("KAYES", "Mali", "Kayes"),
          ("BEIRA", "Mozambique", "Beira"), ("NDOLA", "Zambia", "Ndola")]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
STORIES = [
    ("Police detain {n} at {place} fuel protest",
     "Police in {place} detained {n} people on {day} after a march against rising fuel prices "
     "turned violent, a police spokesman said.\n\nOfficers fired tear gas to disperse several "
     "hundred protesters who had blocked the main road into the city centre, witnesses said."),
    ("Floods kill {n} in {place} after days of heavy rain",
     "Floods killed at least {n} people in {place} on {day} after the river burst its banks "
     "following days of heavy rain, the regional disaster agency said.\n\nHundreds of families "
     "were moved to schools and churches on higher ground, the agency said."),
    ("Gunmen kill {n} in attack on bus near {place}",
     "Gunmen opened fire on a passenger bus near {place} on {day}, killing {n} people and "
     "wounding several others, the regional governor said.\n\nNo group has claimed the attack. "
     "Security forces were searching the area, the governor said."),
]


CORPUS = 160


def write_articles(folder, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir()
    for i in range(n):
        upper, country, place = rng.choice(PLACES)
        headline, body = rng.choice(STORIES)
        fill = {"n": rng.randint(3, 90), "place": place, "day": rng.choice(DAYS)}
        published = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(6, 22):02d}:15"
        text = (f"{headline.format(**fill)}\n\nPublished: {published}\n\n"
                f"{upper}, {country} (Lakeside Wire) — {body.format(**fill)}\n\n"
                f"Local radio said {i + 5} people had been taken to hospital in {place}.\n")
        (folder / f"story-{i:04d}.txt").write_text(text, encoding="utf-8")


def snapshot(url: str) -> dict:
    """Everything one ingest leaves behind, in a form that compares across databases."""
    with open_store(url) as s:
        with s.engine.connect() as conn:
            article_ids = sorted(conn.execute(select(schema.articles.c.id)).scalars())
            indexed = conn.execute(select(func.count()).select_from(schema.event_search)).scalar_one()
            if conn.dialect.name == "sqlite":  # raises if the FTS index disagrees with its tables
                conn.exec_driver_sql("INSERT INTO event_search_fts (event_search_fts) VALUES ('integrity-check')")
                conn.exec_driver_sql("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        stats = s.stats()
        return {
            "articles": article_ids,
            "events": sorted(s.events(), key=lambda e: e["id"]),
            "rows": stats,
            "indexed": indexed,
            "search": sorted(e["id"] for e in search(s, "police or floods", limit=None)),
        }


def test_a_reader_is_not_blocked_by_a_writer_holding_a_transaction(store_url):
    with open_store(store_url) as writer_store, open_store(store_url) as reader:
        writer_store.add(detention())
        with writer_store._writer.begin() as conn:  # BEGIN IMMEDIATE on SQLite: the write lock
            insert_record(conn, anniversary())
            started = time.monotonic()
            assert len(reader.events()) == 2  # the uncommitted article is not seen
            assert [e["local_id"] for e in search(reader, "tear gas")] == ["ev2"]
            assert search(reader, "Eldoret") == []
            assert reader.has(anniversary().article.id) is False
            assert time.monotonic() - started < 2  # answered at once, not after a busy wait
        assert len(reader.events()) == 4
        assert [e["local_id"] for e in search(reader, "Eldoret")] == ["ev2"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A folder of generated articles and the snapshot of one clean ingest of it (enough of them
    that a fast ingest is still running when the test kills it)."""
    root = tmp_path_factory.mktemp("corpus")
    folder = root / "articles"
    write_articles(folder, CORPUS)
    clean_db = str(root / "clean.db")
    with open_store(clean_db) as s:
        summary = ingest(s, [str(folder)])
    assert summary.ok and summary.new == CORPUS
    return folder, snapshot(clean_db)


def _stored(url: str) -> int:
    with open_store(url) as s:
        return s.stats()["articles"]


def test_an_ingest_killed_mid_way_and_run_again_equals_one_clean_run(store_url, corpus):
    folder, clean = corpus
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # small transactions, so that a reader sees the first articles long before the ingest ends
    # however loaded the machine is; a kill still lands inside one most of the time
    proc = subprocess.Popen([sys.executable, "-m", "dateline.cli", "ingest", str(folder), "--db", store_url,
                             "--commit-every", "4"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while stored < 3 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.005)
            try:
                stored = _stored(store_url)  # a reader while the ingest runs
            except Exception:  # the ingest may still be creating the schema
                stored = 0
        assert proc.poll() is None, f"the ingest ended before it could be killed: {proc.stderr.read()!r}"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    killed_at = _stored(store_url)
    assert 3 <= killed_at < CORPUS

    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", store_url])
    assert result.exit_code == 0, result.output
    assert f"{CORPUS - killed_at} new, {killed_at} already stored, 0 failed" in result.output
    assert snapshot(store_url) == clean
