from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from records import all_records, anniversary, detention, sentence_span, span
from sqlalchemy import delete, select, update

from dateline.cli import main
from dateline.record import Article, Count, Event, EventDate, Location, Mention, Record
from dateline.store import migrations, open_store, schema
from dateline.store.search import (
    SearchQueryError,
    Term,
    fts5_query,
    parse_query,
    search,
    websearch_string,
)

BOGOTA_TEXT = (
    "Riot police in Bogotá fired tear gas at students who blocked the Avenida Caracas on Friday "
    "to protest against tuition fees, the city government said.\n"
    "Seventeen people were treated for the effects of the gas, the Secretaría de Salud said."
)


def bogota() -> Record:
    """Accented place and institution names: a search without accents must find them."""
    text = BOGOTA_TEXT
    article = Article(text=text, headline="Students and riot police clash in Colombian capital",
                      source="Andes Ledger", published="2024-09-14")
    event = Event(
        id="ev1", type="ASSAULT", mode="crowd-control", trigger=Mention("fired tear gas", span(text, "fired tear gas")),
        actor=Mention("Riot police", country="COL"), recipient=Mention("students", country="COL"),
        location=Location("Bogotá", "COL", "Bogotá D.C.", 4.61, -74.08, 3688689),
        date=EventDate("2024-09-13", None, "day", "Friday", "relative"), timing="current",
        counts=[Count("injured", 17, 17, "exact", None, span(text, "Seventeen people were treated"))],
        evidence=[sentence_span(text, "fired tear gas"), sentence_span(text, "Seventeen")], confidence=0.8,
    )
    return Record(article=article, events=[event])


@pytest.fixture
def store(empty_store):
    for record in all_records() + [bogota()]:
        empty_store.add(record)
    return empty_store


def found(store, query, **filters):
    return [f"{e['article']['source']}:{e['local_id']}" for e in search(store, query, **filters)]


# -- the query language ---------------------------------------------------------------------

def test_parse_query_groups_or_and_exclusions():
    groups = parse_query('police "tear gas" or batons -rubber -"water cannon"')
    assert groups == [[Term(("police",)), Term(("tear", "gas"))],
                      [Term(("batons",)), Term(("rubber",), True), Term(("water", "cannon"), True)]]
    assert fts5_query(groups) == '("police" AND "tear gas") OR ("batons" NOT "rubber" NOT "water cannon")'
    assert websearch_string(groups) == 'police "tear gas" or batons -rubber -"water cannon"'


@pytest.mark.parametrize("query", ["", "   ", '"', "—", "or", "-police", "police or -batons"])
def test_queries_that_cannot_run_are_refused_with_a_reason(query):
    with pytest.raises(SearchQueryError, match="nothing to search for|only exclusions"):
        parse_query(query)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab "-*:^()NEAROR{}+.\'\\é')), max_size=30))
def test_any_query_either_is_refused_or_runs_on_fts5(query):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO t VALUES ('a b ab NEAR OR é')")
    try:
        groups = parse_query(query)
    except SearchQueryError:
        return
    conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (fts5_query(groups),)).fetchall()


# -- searching events (SQLite and PostgreSQL) -----------------------------------------------

def test_each_part_of_an_event_is_searched(store):
    assert found(store, "Eldoret") == ["Rift Valley Wire:ev2"]  # the place
    assert found(store, "detained") == ["Bay of Bengal News Agency:ev1"]  # trigger
    assert set(found(store, "opposition activists")) == {"Bay of Bengal News Agency:ev1"}  # recipient
    assert found(store, "commission inquiry") == ["Rift Valley Wire:ev1"]  # evidence sentence only
    assert set(found(store, "pensions")) == {"Agence Continentale:ev1", "Agence Continentale:ev2"}  # headline


def test_results_carry_the_event_its_article_and_a_snippet(store):
    (event,) = search(store, "monsoon")
    assert event["mode"] == "disaster" and event["location"]["country"] == "NPL"
    assert [c["kind"] for c in event["counts"]] == ["killed", "missing"]
    assert event["article"]["headline"] == "Landslide buries Nepal village, at least 14 dead"
    assert "**monsoon**" in event["snippet"]
    assert event["score"] > 0


def test_accents_do_not_matter(store):
    assert found(store, "Bogota") == ["Andes Ledger:ev1"]
    assert found(store, "secretaria salud") == ["Andes Ledger:ev1"]
    assert found(store, "BOGOTÁ") == ["Andes Ledger:ev1"]


def test_phrases_or_and_exclusions(store):
    assert set(found(store, '"tear gas"')) == {"Bay of Bengal News Agency:ev2", "Andes Ledger:ev1"}
    assert found(store, '"gas tear"') == []
    assert set(found(store, "landslide or strike")) == {"Himalaya Press:ev1", "Agence Continentale:ev1",
                                                       "Agence Continentale:ev2"}
    assert found(store, '"tear gas" -students') == ["Bay of Bengal News Agency:ev2"]
    assert found(store, "police -Bogota -Dhaka -Bangladesh") == ["Rift Valley Wire:ev1"]


def test_the_best_match_comes_first(store):
    # Both Bangladesh events share the headline; only the dispersal has the words in its trigger.
    results = search(store, "tear gas batons")
    assert [e["local_id"] for e in results] == ["ev2"]
    ranked = search(store, "police")
    assert [e["score"] for e in ranked] == sorted((e["score"] for e in ranked), reverse=True)


def test_filters_work_as_in_events(store):
    assert found(store, "police", country="COL") == ["Andes Ledger:ev1"]
    assert found(store, "police", timing="historical") == ["Rift Valley Wire:ev1"]
    assert found(store, "police", since="1990", until="1990") == ["Rift Valley Wire:ev1"]
    assert found(store, "police", type="COERCE") == ["Bay of Bengal News Agency:ev1"]
    assert len(search(store, "police", limit=2)) == 2
    with pytest.raises(ValueError):
        search(store, "police", since="last spring")


def test_fts_operators_typed_by_a_user_are_words(store):
    for query in ("police:", "police*", "^police", "police AND", '"police', "(police)", "{police}"):
        assert "Andes Ledger:ev1" in found(store, query), query
    assert found(store, "NOT") == []
    assert found(store, "NEAR(police") == []  # one word with punctuation inside: a phrase
    assert found(store, "riot+police") == ["Andes Ledger:ev1"]


def test_articles_are_searched_on_their_whole_text(store):
    assert found(store, "Grace Chebet") == []  # she is quoted, not in an evidence sentence
    (article,) = search(store, "Grace Chebet", articles=True)
    assert article["id"] == anniversary().article.id
    assert "**Grace** **Chebet**" in article["snippet"] or "**Grace Chebet**" in article["snippet"]
    assert search(store, "Chebet -Eldoret", articles=True) == []


def test_edited_and_deleted_events_are_reindexed(store):
    uid_prefix = anniversary().article.id.removeprefix("sha256:")
    with store.engine.begin() as conn:
        conn.execute(update(schema.events).where(schema.events.c.uid == f"{uid_prefix}:ev1")
                     .values(actor_text="General Service Unit"))
    assert found(store, '"General Service Unit"') == ["Rift Valley Wire:ev1"]
    with store.engine.begin() as conn:
        conn.execute(delete(schema.articles).where(schema.articles.c.id == detention().article.id))
        remaining = conn.execute(select(schema.event_search.c.event_id)).scalars().all()
    assert len(remaining) == 6
    assert found(store, "Dhaka") == []
    assert search(store, "fuel prices", articles=True) == []


def test_the_migration_indexes_what_was_stored_before_it(store_url, monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", [m for m in migrations.MIGRATIONS if m.version < 3])
    with open_store(store_url) as old:
        for record in all_records():
            old.add(record)
    monkeypatch.undo()
    with open_store(store_url) as s:
        assert found(s, "Eldoret") == ["Rift Valley Wire:ev2"]
        assert found(s, "monsoon") == ["Himalaya Press:ev1"]
        assert len(search(s, "wages", articles=True)) == 1
        s.add(bogota())
        assert found(s, "Bogota") == ["Andes Ledger:ev1"]


# -- the command ----------------------------------------------------------------------------

@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "cli.db")
    with open_store(path) as s:
        for record in all_records() + [bogota()]:
            s.add(record)
    return path


def test_search_command_table_and_json(db):
    runner = CliRunner()
    result = runner.invoke(main, ["search", "tear gas", "--db", db])
    assert result.exit_code == 0, result.output
    assert "2 events matching 'tear gas'" in result.output
    assert "Bogotá" in result.output
    result = runner.invoke(main, ["search", "tear gas", "--db", db, "--country", "Colombia",
                                  "--format", "json"])
    (event,) = json.loads(result.output)
    assert event["location"]["name"] == "Bogotá" and "**tear** **gas**" in event["snippet"]
    result = runner.invoke(main, ["search", "wages", "--articles", "--db", db])
    assert result.exit_code == 0 and "Kenyan miners mark 34 years" in result.output


def test_search_command_reports_bad_queries_in_one_line(db):
    runner = CliRunner()
    result = runner.invoke(main, ["search", "--db", db, "--", "-police"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: '-police': a search cannot be only exclusions (-police); add a word to find"]
    result = runner.invoke(main, ["search", "police", "--articles", "--country", "COL", "--db", db])
    assert result.exit_code == 2 and "cannot be used with --articles" in result.output
    result = runner.invoke(main, ["search", "police", "--db", db + ".missing"])
    assert result.exit_code == 1 and "no database at" in result.output
