"""Linking per-article events into canonical events: the gold set (real pipeline) and the rules
(hand-built records)."""

from __future__ import annotations

import itertools
import json
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import select, text

from dateline import readers
from dateline.pipeline import process
from dateline.record import Article, Count, Event, EventDate, Location, Mention, Origin, Record
from dateline.store import open_store, schema
from dateline.store.canonical import select_canonical
from dateline.store.dates import day_range
from dateline.store.linking import Claim, candidate_query, candidates

GOLD = Path(__file__).parents[1] / "linking_gold"


@cache
def gold_records() -> tuple[Record, ...]:
    """The gold articles through the real pipeline, extracted once per test run."""
    return tuple(process(a) for a in readers.read_inputs(sorted(str(p) for p in GOLD.glob("*.txt"))))


def truth() -> dict[str, dict]:
    return json.loads((GOLD / "truth.json").read_text(encoding="utf-8"))["articles"]


@pytest.fixture
def gold_store(empty_store):
    for record in gold_records():
        assert empty_store.add(record)
    return empty_store


def _family(claim: dict) -> str:
    return claim["type"] or claim["mode"]


def main_events(store) -> dict[str, str | None]:
    """Each gold article's main event (the claim of its gold family nearest the gold date) ->
    the canonical event it was linked to."""
    gold = truth()
    by_article: dict[str, list[tuple[dict, str]]] = {}
    with store.engine.connect() as conn:
        for event in select_canonical(conn):
            for claim in event["claims"]:
                by_article.setdefault(Path(claim["origin"]["path"]).name, []).append((claim, event["id"]))
    out = {}
    for name, want in gold.items():
        days = day_range(want["date"])[0]

        def distance(pair, days=days):
            """Nearest the gold date first; then the claim with figures and a named place."""
            claim = pair[0]
            date = claim["date"]
            if not date or not date["start"]:
                return (10**6,)
            first, last = day_range(date["start"])[0], day_range(date["end"])[1]
            off = 0 if first <= days <= last else min(abs((first - days).days), abs((last - days).days))
            return off, not claim["counts"], not (claim["location"] or {}).get("name")

        mine = [p for p in by_article.get(name, []) if _family(p[0]) == want["family"]]
        out[name] = min(mine, key=distance)[1] if mine else None
    return out


def pairwise_f1(predicted: dict[str, str | None], gold: dict[str, str]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        same_gold = gold[a] == gold[b]
        same_pred = predicted[a] is not None and predicted[a] == predicted[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def test_the_gold_set_is_linked_with_pairwise_f1_of_at_least_0_90(gold_store):
    gold = {name: t["event"] for name, t in truth().items()}
    assert len(gold) >= 30 and len(set(gold.values())) >= 10
    predicted = main_events(gold_store)
    assert all(predicted.values()), [n for n, p in predicted.items() if p is None]
    precision, recall, f1 = pairwise_f1(predicted, gold)
    print(f"linking gold: pairwise precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")
    assert f1 >= 0.90, (precision, recall)


def _events_by_article(store) -> dict[str, dict]:
    with store.engine.connect() as conn:
        events = select_canonical(conn)
    return {name: next(e for e in events if e["id"] == cid) for name, cid in main_events(store).items()}


def test_anniversaries_land_on_the_old_event_whatever_their_date_precision(gold_store):
    events = _events_by_article(gold_store)
    kitgum = {events[n]["id"] for n in events if n.startswith("kitgum")}
    assert len(kitgum) == 1
    event = events["kitgum-anniversary-2016.txt"]
    assert event["date"]["start"] == event["date"]["end"] == "1991-03-14"
    assert event["location"]["name"] == "Kitgum" and event["figures"]["killed"]["min"] == 31
    precisions = {c["date"]["precision"] for c in event["claims"]}
    assert {"day", "month"} <= precisions  # the 2021 article only says "March 1991"
    published = sorted(c["published"][:4] for c in event["claims"] if c["date"]["precision"] == "day")
    assert published[0] == "2016" and published[-1] == "2024"


def test_a_rising_toll_is_one_event_with_a_range_and_the_latest_figure_per_source(gold_store):
    mopti = _events_by_article(gold_store)["mopti-bombing-day1.txt"]
    assert {Path(c["origin"]["path"]).name for c in mopti["claims"]} >= {
        "mopti-bombing-day1.txt", "mopti-bombing-day2.txt", "mopti-bombing-day3.txt"}
    killed = mopti["figures"]["killed"]
    assert (killed["min"], killed["max"]) == (12, 19)
    latest = {f["source"]: f["min"] for f in killed["by_source"]}
    assert latest == {"Sahel Press Agency": 19, "Niger Delta Wire": 15}
    assert {"kind": "killed", "min": 12, "max": 19, "qualifier": "range"} in mopti["counts"]


def test_two_events_on_one_day_in_one_city_stay_apart(gold_store):
    events = _events_by_article(gold_store)
    bombing, arrests = events["peshawar-bombing-indus.txt"], events["peshawar-arrests-indus.txt"]
    assert bombing["id"] != arrests["id"]
    assert bombing["type"] == "ASSAULT" and arrests["type"] == "COERCE"
    assert events["peshawar-arrests-dawnline.txt"]["id"] == arrests["id"]
    # The arrests article mentions the bombing: that mention is a claim on the bombing.
    mentions = {Path(c["origin"]["path"]).name for c in bombing["claims"]}
    assert "peshawar-arrests-indus.txt" in mentions
    assert events["mogadishu-bomb-horn-wire.txt"]["id"] != events["baidoa-shelling-horn-wire.txt"]["id"]


def test_claims_keep_what_each_article_says(gold_store):
    event = _events_by_article(gold_store)["kasama-derailment-day1.txt"]
    claims = {Path(c["origin"]["path"]).name: c for c in event["claims"]}
    first = claims["kasama-derailment-day1.txt"]
    assert set(first) >= {"article", "origin", "source", "published", "date", "counts", "evidence"}
    assert first["source"] == "Zambezi Wire" and first["published"].startswith("2022-07-15")
    assert [(c["kind"], c["min"]) for c in first["counts"]] == [("killed", 7), ("injured", 42)]
    assert claims["kasama-derailment-day2.txt"]["counts"][0]["min"] == 11
    assert "derailed" in first["evidence_text"]
    record = gold_store.get_article(first["article"])
    start, end = first["evidence"][0]
    assert "derailed" in record["article"]["text"][start:end]


def test_re_ingest_adds_no_claim_and_no_event(gold_store):
    def sizes():
        with gold_store.engine.connect() as conn:
            return {t.name: conn.execute(select(text("count(*)")).select_from(t)).scalar_one()
                    for t in schema.V2_TABLES}

    before = sizes()
    assert before["claims"] == gold_store.stats()["events"]
    assert not any(gold_store.add(r) for r in gold_records())
    assert sizes() == before


# -- the rules, on hand-built records ----------------------------------------------------------

def record(name: str, *events: Event, published: str = "2024-05-06", source: str = "Test Wire") -> Record:
    body = " ".join(f"{name}{i}" for i in range(20))  # no two articles alike: no stories here
    article = Article(text=body, headline=name, source=source, published=published,
                      origin=Origin(path=f"in/{name}.txt"))
    return Record(article=article, events=list(events))


def event(local="ev1", type="ASSAULT", mode=None, date=("2024-05-04", "day"), place=("Mopti", "MLI", 14.49, -4.19),
          actor=None, actor_country=None, killed=None, timing="current", geonames_id=None) -> Event:
    start = date[0] if date else None
    when = EventDate(start, start, date[1], start, "explicit") if date else None
    where = None
    if place:
        where = Location(name=place[0], country=place[1], lat=place[2], lon=place[3], geonames_id=geonames_id)
    counts = [Count("killed", killed, killed, "exact")] if killed is not None else []
    return Event(id=local, type=type, mode=mode, trigger=Mention("attack"), date=when, location=where,
                 actor=Mention(actor, country=actor_country) if actor else None, timing=timing,
                 counts=counts, evidence=[(0, 10)])


def canonical_of(store) -> dict[str, str]:
    """Article headline -> canonical event id, for one-event articles."""
    with store.engine.connect() as conn:
        return {c["headline"]: e["id"] for e in select_canonical(conn) for c in e["claims"]}


@pytest.mark.parametrize(("second", "same"), [
    (event(date=("2024", "year")), True),                       # precision: the year holds the day
    (event(date=("2024-05", "month")), True),
    (event(date=("2024-05-05", "day")), True),                  # a day of slack
    (event(date=("2024-05-09", "day")), False),
    (event(place=("Sévaré", "MLI", 14.53, -4.10)), True),       # 10 km away
    (event(place=("Gao", "MLI", 16.27, -0.04)), False),         # 500 km away
    (event(place=("Mali", "MLI", 17.0, -4.0), geonames_id=2453866), True),  # country only
    (event(place=("Mopti", "BFA", 14.49, -4.19)), False),      # the country must agree
    (event(type="PROTEST"), False),
    (event(type=None, mode="disaster"), False),
    (event(actor="soldiers", actor_country="BFA"), False),      # contradicting actor countries
    (event(actor="gunmen"), True),                              # an actor on one side only
    (event(timing="future"), False),
])
def test_linking_rules(empty_store, second, same):
    first = event(actor="soldiers", actor_country="MLI")
    empty_store.add(record("first", first))
    empty_store.add(record("second", second))
    ids = canonical_of(empty_store)
    assert (ids["first"] == ids["second"]) is same


def test_statements_link_only_with_the_same_actor(empty_store):
    empty_store.add(record("a", event(type="ACCUSE", actor="Interior Ministry")))
    empty_store.add(record("b", event(type="ACCUSE", actor="the interior ministry")))
    empty_store.add(record("c", event(type="ACCUSE", actor="opposition party")))
    empty_store.add(record("d", event(type="ACCUSE")))
    ids = canonical_of(empty_store)
    assert ids["a"] == ids["b"] and len({ids["a"], ids["c"], ids["d"]}) == 3


def test_an_articles_own_events_never_link_together(empty_store):
    empty_store.add(record("both", event("ev1"), event("ev2", killed=4)))
    with empty_store.engine.connect() as conn:
        assert len(select_canonical(conn)) == 2


def test_the_best_matching_event_wins(empty_store):
    empty_store.add(record("bomb", event(mode="explosives", killed=12, place=("Mopti", "MLI", 14.49, -4.19))))
    empty_store.add(record("mortar", event(mode="heavy-weapons", killed=4, place=("Gao", "MLI", 16.27, -0.04))))
    empty_store.add(record("unplaced", event(mode="heavy-weapons", killed=4, place=("Quartier Nord", "MLI", None, None))))
    ids = canonical_of(empty_store)
    assert ids["bomb"] != ids["mortar"] and ids["unplaced"] == ids["mortar"]


def test_the_block_query_uses_the_index(empty_store):
    empty_store.add(record("a", event()))
    with empty_store.engine.connect() as conn:
        claim = Claim.from_row(conn.execute(select(schema.events)).one(), [])
        assert len(candidates(conn, claim)) == 1
        if conn.dialect.name == "sqlite":
            query = candidate_query(claim).compile(conn, compile_kwargs={"literal_binds": True})
            plan = " ".join(str(r) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {query}"))
            assert "ix_canonical_block" in plan


def test_a_database_from_before_linking_gets_its_events_linked(tmp_path):
    path = tmp_path / "v1.db"
    with open_store(path) as s:
        s.add(record("x", event()))
        s.add(record("y", event(date=("2024", "year"))))
        with s.engine.begin() as conn:  # back to what migration 1 left
            for table in reversed(schema.V2_TABLES):
                conn.execute(table.delete())
            conn.execute(schema.schema_migrations.delete().where(schema.schema_migrations.c.version == 2))
            conn.execute(text("DROP VIEW IF EXISTS events_view"))
            conn.execute(text("DROP VIEW IF EXISTS claims_view"))
            for table in reversed(schema.V2_TABLES):
                table.drop(conn)
    with open_store(path) as s:
        ids = canonical_of(s)
        assert ids["x"] == ids["y"]
