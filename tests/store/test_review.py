"""Review: merge, split, confirm, edit; the audit log; decisions surviving ingest and relink;
the readable views."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from test_linking import event, record

from dateline.cli import main
from dateline.errors import StoreError
from dateline.store import review
from dateline.store.canonical import select_canonical
from dateline.store.engine import writer


def canonical(store) -> list[dict]:
    with store.engine.connect() as conn:
        return select_canonical(conn)


def by_headline(store) -> dict[str, dict]:
    return {c["headline"]: e for e in canonical(store) for c in e["claims"]}


def act(store, fn, *args, **kwargs):
    with writer(store.engine).begin() as conn:
        return fn(conn, *args, by="alice", **kwargs)


@pytest.fixture
def two_reports(empty_store):
    """One bombing reported twice, and a separate attack 400 km away the same day."""
    empty_store.add(record("day1", event(mode="explosives", killed=12), published="2024-05-04"))
    empty_store.add(record("day3", event(mode="explosives", killed=19), published="2024-05-06"))
    empty_store.add(record("gao", event(place=("Gao", "MLI", 16.27, -0.04), killed=3), source="Gao Radio"))
    return empty_store


def test_merge_joins_two_events_and_is_audited(two_reports):
    ids = by_headline(two_reports)
    assert ids["day1"]["id"] == ids["day3"]["id"] != ids["gao"]["id"]
    merged = act(two_reports, review.merge, ids["day1"]["id"], ids["gao"]["id"])
    assert len(merged["claims"]) == 3 and merged["figures"]["killed"]["min"] == 3
    assert len(canonical(two_reports)) == 1
    with two_reports.engine.connect() as conn:
        (entry,) = review.audit_log(conn)
    assert (entry["action"], entry["by"], entry["event"]) == ("merge", "alice", ids["day1"]["id"])
    assert len(entry["before"]) == 2 and len(entry["after"]["claims"]) == 3
    with pytest.raises(StoreError, match="already the same event"):
        act(two_reports, review.merge, ids["day1"]["id"], ids["gao"]["claims"][0]["id"])


def test_split_moves_claims_into_a_new_event(two_reports):
    bombing = by_headline(two_reports)["day1"]
    day3 = next(c for c in bombing["claims"] if c["headline"] == "day3")
    new = act(two_reports, review.split, bombing["id"], [day3["short_id"]])
    assert [c["headline"] for c in new["claims"]] == ["day3"] and new["id"] == day3["id"]
    after = by_headline(two_reports)
    assert after["day1"]["id"] == bombing["id"] != after["day3"]["id"]
    assert after["day1"]["figures"]["killed"] == {"min": 12, "max": 12, "by_source": [
        {"source": "Test Wire", "article": after["day1"]["claims"][0]["article"], "published": "2024-05-04",
         "min": 12, "max": 12, "qualifier": "exact"}]}
    with pytest.raises(StoreError, match="at least one claim"):
        act(two_reports, review.split, after["day1"]["id"], [after["day1"]["claims"][0]["id"]])


def test_splitting_off_the_founding_claim_renames_the_rest(two_reports):
    bombing = by_headline(two_reports)["day1"]
    act(two_reports, review.split, bombing["id"], [bombing["id"]])
    after = by_headline(two_reports)
    assert after["day1"]["id"] == bombing["id"]
    assert after["day3"]["id"] == next(c["id"] for c in bombing["claims"] if c["headline"] == "day3")


def test_confirm_and_edit(two_reports):
    bombing = by_headline(two_reports)["day1"]
    assert act(two_reports, review.confirm, bombing["id"])["confirmed"] is True
    edited = act(two_reports, review.edit, bombing["id"], {"type": "coerce", "date": "2024-05-03",
                                                           "location_name": "Sévaré"})
    assert (edited["type"], edited["date"]["start"], edited["location"]["name"]) == ("COERCE", "2024-05-03", "Sévaré")
    assert edited["edited"] == ["date_basis", "date_end", "date_precision", "date_start", "location_name", "type"]
    for bad in ({"type": "PARTY"}, {"date": "spring"}, {"colour": "red"}, {}):
        with pytest.raises(StoreError):
            act(two_reports, review.edit, bombing["id"], bad)


def test_decisions_survive_new_claims_and_relink(two_reports):
    ids = by_headline(two_reports)
    act(two_reports, review.merge, ids["day1"]["id"], ids["gao"]["id"])
    day3 = next(c for c in ids["day1"]["claims"] if c["headline"] == "day3")
    act(two_reports, review.split, ids["day1"]["id"], [day3["id"]])
    act(two_reports, review.edit, day3["id"], {"location_name": "Mopti market"})
    act(two_reports, review.confirm, ids["gao"]["id"])
    expected = {h: (e["id"], e["confirmed"], e["location"]["name"]) for h, e in by_headline(two_reports).items()}
    # A new report of the bombing arrives: it joins an event, but undoes nothing.
    two_reports.add(record("day4", event(mode="explosives", killed=21), published="2024-05-07"))
    after = by_headline(two_reports)
    assert {h: (e["id"], e["confirmed"], e["location"]["name"]) for h, e in after.items() if h != "day4"} == expected
    assert after["day4"]["id"] in {after["day1"]["id"], after["day3"]["id"]}
    # Rebuilding every event from the reports replays the decisions.
    with writer(two_reports.engine).begin() as conn:
        review.relink(conn)
    rebuilt = by_headline(two_reports)
    assert {h: (e["id"], e["confirmed"], e["location"]["name"]) for h, e in rebuilt.items() if h != "day4"} == expected
    with two_reports.engine.connect() as conn:
        assert [e["action"] for e in review.audit_log(conn)] == ["merge", "split", "edit", "confirm"]


def test_views_read_like_a_report(two_reports):
    with two_reports.engine.connect() as conn:
        events = conn.execute(text("SELECT id, type, place, country, figures, sources FROM events_view "
                                   "ORDER BY figures")).all()
        claims = conn.execute(text("SELECT claim, event, headline, source, figures, evidence FROM claims_view "
                                   "ORDER BY headline")).all()
    assert [(e.type, e.place, e.country, e.figures, e.sources) for e in events] == [
        ("ASSAULT", "Mopti", "MLI", "killed 12-19", 1), ("ASSAULT", "Gao", "MLI", "killed 3", 1)]
    assert [(c.headline, c.source, c.figures) for c in claims] == [
        ("day1", "Test Wire", "killed 12"), ("day3", "Test Wire", "killed 19"), ("gao", "Gao Radio", "killed 3")]
    assert claims[0].event == claims[1].event == events[0].id


def test_review_commands(two_reports):
    if two_reports.engine.dialect.name != "sqlite":
        pytest.skip("the commands are run on a SQLite file here")
    db = str(two_reports.engine.url.database)
    runner = CliRunner(env={"USER": "bob", "COLUMNS": "200"})
    ids = by_headline(two_reports)

    def run(*args):
        result = runner.invoke(main, [*args, "--db", db])
        assert result.exit_code == 0, result.output
        return result.stdout

    run("event", "merge", ids["day1"]["short_id"], ids["gao"]["short_id"])
    run("event", "edit", ids["day1"]["short_id"], "--country", "BFA", "--by", "carol")
    assert "confirmed" in run("event", "confirm", ids["day1"]["short_id"])
    shown = json.loads(run("event", "show", ids["gao"]["claims"][0]["short_id"], "--json"))
    assert shown["id"] == ids["day1"]["id"] and shown["location"]["country"] == "BFA" and shown["confirmed"]
    log = [json.loads(line) for line in run("event", "log").splitlines()]
    assert [(e["action"], e["by"]) for e in log] == [("merge", "bob"), ("edit", "carol"), ("confirm", "bob")]
    assert "relinked: 1 event" in run("event", "relink")
    listed = json.loads(run("events", "--format", "json"))
    assert len(listed) == 1 and listed[0]["location"]["country"] == "BFA"
    assert {"article", "origin", "source", "published", "date", "counts", "evidence"} <= set(listed[0]["claims"][0])
    bad = runner.invoke(main, ["event", "merge", ids["day1"]["short_id"], "ffffffff:ev9", "--db", db])
    assert bad.exit_code == 1 and "no event" in bad.stderr and "Traceback" not in bad.output
