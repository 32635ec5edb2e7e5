from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from records import all_records, anniversary, detention, landslide, strike_threat
from sqlalchemy import select, text

from dateline.errors import NotFound, StoreError
from dateline.record import Article, Event, Mention, Record
from dateline.store import open_store, schema


def ids(events):
    return sorted(e["short_id"].split(":")[1] + "@" + e["article"]["source"] for e in events)


def test_add_is_idempotent(store):
    before = store.stats()
    assert before == {"articles": 4, "entities": 2, "times": 2, "events": 7, "counts": 6, "quotes": 1}
    for record in all_records():
        assert store.add(record) is False
    assert store.stats() == before


def test_has_accepts_ids_with_and_without_prefix(store):
    record = detention()
    assert store.has(record.article.id)
    assert store.has(record.article.id.removeprefix("sha256:"))
    assert not store.has("sha256:" + "0" * 64)


def test_store_persists_and_uses_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "keep.db"
    with open_store(path) as s:
        s.add(anniversary())
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with open_store(str(path)) as s:
        assert s.has(anniversary().article.id)
        assert len(s.events()) == 2


def test_record_json_is_the_full_record(store):
    record = anniversary()
    assert store.get_article(record.article.id) == record.to_json()


def test_every_stored_span_covers_its_words(store):
    body = {r.article.id: r.article.text for r in all_records()}
    with store.engine.connect() as conn:
        for row in conn.execute(select(schema.counts)):
            words = body[row.article_id][row.span_start:row.span_end]
            assert any(k in words for k in ("dead", "wounded", "detained", "injuring", "killing", "missing"))
        for row in conn.execute(select(schema.events)):
            assert body[row.article_id][row.trigger_start:row.trigger_end] == row.trigger_text
        (quote,) = conn.execute(select(schema.quotes)).all()
        assert body[quote.article_id][quote.span_start:quote.span_end].startswith("We still have not")


def test_filter_on_the_events_own_date_not_the_articles(store):
    in_1990 = store.events(since="1990-01-01", until="1990-12-31")
    assert [(e["type"], e["date"]["start"], e["timing"]) for e in in_1990] == [
        ("ASSAULT", "1990-03-11", "historical")]
    assert in_1990[0]["article"]["published"].startswith("2024-03-12")
    since_2024 = store.events(since="2024-01-01")
    assert all(e["date"]["start"] >= "2024-01-01" for e in since_2024)
    assert "historical" not in {e["timing"] for e in since_2024}


def test_undated_events_are_left_out_only_when_a_bound_is_given(store):
    assert "ev2@Agence Continentale" in ids(store.events())
    assert "ev2@Agence Continentale" not in ids(store.events(since="2000"))
    assert "ev2@Agence Continentale" not in ids(store.events(until="2100"))


def test_a_month_dated_event_overlaps_a_day_inside_it(store):
    (strike,) = store.events(since="2024-06-15", until="2024-06-15")
    assert strike["mode"] == "strike"
    assert strike["date"] == {"start": "2024-06-01", "end": "2024-06-30", "precision": "month",
                              "text": "in June", "basis": "relative"}
    assert store.events(since="2024-07-01", type="PROTEST") == []


def test_year_bounds_cover_the_whole_year(store):
    assert [e["type"] for e in store.events(since="1990", until="1990")] == ["ASSAULT"]
    assert store.events(since="1991", until="2022") == []


def test_country_type_and_timing_filters(store):
    assert ids(store.events(country="bgd")) == ["ev1@Bay of Bengal News Agency", "ev2@Bay of Bengal News Agency"]
    assert ids(store.events(country=["NPL", "FRA"], type="PROTEST")) == ["ev1@Agence Continentale"]
    assert [e["mode"] for e in store.events(type="assault")] == ["firearms", "crowd-control"]
    assert [e["counts"][0]["kind"] for e in store.events(type="disaster")] == ["killed"]
    assert ids(store.events(timing="future")) == ["ev1@Agence Continentale", "ev2@Agence Continentale"]
    assert ids(store.events(timing="historical", country="KEN")) == ["ev1@Rift Valley Wire"]
    assert store.events(timing="negated") == []


def test_events_are_ordered_by_their_date_with_undated_last_and_limited(store):
    dates = [e["date"]["start"] if e["date"] else None for e in store.events()]
    assert dates == ["1990-03-11", "2023-08-02", "2024-03-12", "2024-05-04", "2024-05-04", "2024-06-01", None]
    assert len(store.events(limit=3)) == 3


def test_event_dicts_carry_figures_and_serialise(store):
    (shooting,) = store.events(type="ASSAULT", country="KEN")
    assert [(c["kind"], c["min"], c["max"], c["qualifier"]) for c in shooting["counts"]] == [
        ("killed", 43, 43, "exact"), ("injured", 120, None, "at_least")]
    assert shooting["actor"] == {"text": "police", "entity": None, "country": "KEN"}
    assert shooting["id"] == anniversary().article.id.removeprefix("sha256:") + ":ev1"
    json.dumps(store.events())


def test_bad_bound_raises_value_error(store):
    with pytest.raises(ValueError, match="not a date"):
        store.events(since="last spring")


def test_get_article_by_prefix(store):
    record = landslide()
    digest = record.article.id.removeprefix("sha256:")
    for given in (record.article.id, digest[:10], "sha256:" + digest[:8], digest[:8].upper()):
        assert store.get_article(given)["article"]["headline"] == record.article.headline
    assert store.resolve_article(digest[:6]) == record.article.id


def test_ambiguous_and_unknown_ids(empty_store):
    with empty_store as s:
        for digit in "12":
            s.add(Record(Article(text=f"Body {digit}.", headline="H", id="sha256:abcd" + digit * 60)))
        with pytest.raises(NotFound, match="ambiguous"):
            s.get_article("abcd")
        assert s.get_article("abcd1")["article"]["text"] == "Body 1."
        for unknown in ("ffff", "not-an-id", "", "sha256:"):
            with pytest.raises(NotFound):
                s.get_article(unknown)
        with pytest.raises(NotFound, match="no event"):
            s.get_event("abcd1:ev9")
        with pytest.raises(NotFound, match="no event"):
            s.get_event("eeee:ev1")


def test_get_event_by_short_or_full_id_with_evidence(store):
    record = anniversary()
    digest = record.article.id.removeprefix("sha256:")
    for given in (f"{digest[:12]}:ev1", f"{digest}:ev1", f"sha256:{digest[:7]}:ev1"):
        event = store.get_event(given)
        assert event["type"] == "ASSAULT"
    assert event["evidence_text"] == [record.article.text.split("\n")[1]]
    assert [c["text"] for c in event["counts"]] == ["shot dead 43 workers", "wounded at least 120 others"]


def test_a_failing_record_leaves_nothing_half_written(store):
    broken = detention()
    broken.article = Article(text="Police detained nine people on Monday.", headline="Nine held")
    clash = Event(id="ev1", type="COERCE", mode="arrest", trigger=Mention("detained", (7, 15)))
    broken.events = [clash, clash]  # the same local id twice violates events.uid
    before = store.stats()
    with pytest.raises(StoreError, match="cannot store"):
        store.add(broken)
    assert store.stats() == before
    assert not store.has(broken.article.id)
    assert store.add(strike_threat()) is False


def test_cascade_delete_keeps_no_orphans(store):
    record = anniversary()
    with store.engine.begin() as conn:
        conn.execute(schema.articles.delete().where(schema.articles.c.id == record.article.id))
        for table in ("entities", "times", "events", "counts", "quotes"):
            left = conn.execute(text(f"SELECT count(*) FROM {table} WHERE article_id = :a"),
                                {"a": record.article.id}).scalar()
            assert left == 0, table


def test_open_errors_are_store_errors(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "folder.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        open_store(junk)
    with pytest.raises(StoreError, match="is a directory"):
        open_store(tmp_path)


def test_two_writers_on_one_file_store_each_article_once(tmp_path):
    path = tmp_path / "shared.db"
    open_store(path).close()

    def write_all(_):
        with open_store(path) as s:
            return [s.add(r) for r in all_records() * 3]

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(write_all, range(4)))
    assert sum(sum(r) for r in results) == 4  # each article stored by exactly one writer
    with open_store(path) as s:
        assert s.stats()["events"] == 7
