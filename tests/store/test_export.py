"""Exports of canonical events (csv, acled-csv, plover-jsonl, geojson), parsed back and checked.

Besides the shared records, two invented outlets report one market bombing in central Mali with
different tolls (12, then 19 killed), and a third an ambush on soldiers: the bombing must be one
event with two claims whose ACLED fatalities are the lower toll.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from records import all_records, sentence_span, span
from sqlalchemy import select

from dateline.cli import main
from dateline.record import Article, Count, Event, EventDate, Location, Mention, Origin, Record
from dateline.store import open_store, schema
from dateline.store.canonical import select_canonical
from dateline.store.export import export, fatalities, iter_canonical

FIRST_REPORT = (
    "A bomb hidden in a cart exploded at the weekly cattle market in Dialassagou on Sunday, "
    "killing 12 people and wounding dozens, local officials said.\n"
    "No group claimed the attack, the third on a market in the region this year."
)

SECOND_REPORT = (
    "The death toll from Sunday's explosion at the Dialassagou cattle market has risen to 19, "
    "a health official told the Niger River Post on Monday.\n"
    "Traders said the blast tore through stalls as the market was at its busiest."
)

AMBUSH = (
    "Gunmen ambushed an army patrol near Koubewel on Tuesday, killing four soldiers, the armed "
    "forces general staff said in a statement.\n"
    "The attackers fled on motorcycles towards the border, it said."
)

MARKET = Location("Dialassagou", "MLI", "Mopti", 14.27, -3.31, None)


def _report(text, headline, source, published, *, killed_phrase, killed, trigger, date_text, path):
    article = Article(text=text, headline=headline, source=source, published=published,
                      url=f"https://news.example/{path}", origin=Origin(path=f"in/{path}.txt"))
    event = Event(
        id="ev1", type="ASSAULT", mode="explosives", trigger=Mention(trigger, span(text, trigger)),
        location=MARKET, date=EventDate("2024-02-11", None, "day", date_text, "relative"),
        timing="current", counts=[Count("killed", killed, killed, "exact", None, span(text, killed_phrase))],
        evidence=[sentence_span(text, trigger)], confidence=0.8,
    )
    return Record(article=article, events=[event])


def bombing_reports() -> list[Record]:
    first = _report(FIRST_REPORT, "Cart bomb kills 12 at Mali cattle market", "Sahel Daily",
                    "2024-02-11T19:00:00", killed_phrase="killing 12 people", killed=12,
                    trigger="exploded", date_text="Sunday", path="market-1")
    second = _report(SECOND_REPORT, "Toll from Mali market blast rises to 19", "Niger River Post",
                     "2024-02-12T11:30:00", killed_phrase="risen to 19", killed=19,
                     trigger="explosion", date_text="Sunday's", path="market-2")
    return [first, second]


def ambush() -> Record:
    text = AMBUSH
    article = Article(text=text, headline="Four soldiers killed in ambush in central Mali",
                      source="Bamako Wire", published="2024-03-05", origin=Origin(path="in/ambush.txt"))
    event = Event(
        id="ev1", type="ASSAULT", mode="firearms", trigger=Mention("ambushed", span(text, "ambushed")),
        actor=Mention("Gunmen"), recipient=Mention("an army patrol", country="MLI"),
        location=Location("Koubewel", "MLI", "Mopti", 14.62, -2.12, None),
        date=EventDate("2024-03-05", None, "day", "Tuesday", "relative"), timing="current",
        counts=[Count("killed", 4, 4, "exact", "soldiers", span(text, "killing four soldiers"))],
        evidence=[sentence_span(text, "ambushed")], confidence=0.8,
    )
    return Record(article=article, events=[event])


@pytest.fixture
def full_store(store):
    for record in [*bombing_reports(), ambush()]:
        assert store.add(record) is True
    return store


def run_export(store, fmt, **filters) -> tuple[str, object]:
    out = io.StringIO()
    with store.engine.connect() as conn:
        summary = export(conn, fmt, out, **filters)
    return out.getvalue(), summary


def uid(record: Record) -> str:
    return record.article.id.removeprefix("sha256:") + ":ev1"


def test_the_two_bombing_reports_are_one_event(full_store):
    with full_store.engine.connect() as conn:
        claims = conn.execute(select(schema.claims.c.canonical_id)
                              .where(schema.claims.c.event_uid.in_([uid(r) for r in bombing_reports()]))).all()
    assert len(claims) == 2 and claims[0] == claims[1]


def test_csv_has_one_row_per_event_with_the_range_across_claims(full_store):
    text, summary = run_export(full_store, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert summary.written == len(rows) == 9 and summary.skipped == 0
    market = next(r for r in rows if r["place"] == "Dialassagou")
    assert market["id"] == uid(bombing_reports()[0])
    assert (market["killed_min"], market["killed_max"], market["n_claims"], market["n_sources"]) == ("12", "19", "2", "2")
    assert market["sources"] == "Sahel Daily; Niger River Post"
    assert (market["date_start"], market["precision"], market["country"], market["admin1"]) == (
        "2024-02-11", "day", "MLI", "Mopti")
    assert (float(market["lat"]), float(market["lon"])) == (14.27, -3.31)
    assert market["figures"] == "killed 12-19"
    kerio = next(r for r in rows if r["place"] == "Kerio Valley")
    assert (kerio["actor"], kerio["recipient"], kerio["timing"], kerio["injured_min"], kerio["injured_max"]) == (
        "police", "workers", "historical", "120", "")


def test_acled_csv_maps_types_and_takes_the_lowest_toll(full_store):
    text, summary = run_export(full_store, "acled-csv")
    rows = {r["dateline_id"]: r for r in csv.DictReader(io.StringIO(text))}
    market = rows[uid(bombing_reports()[0])]
    assert market["fatalities"] == "12"  # not 19: the lowest figure across the two reports
    assert (market["event_type"], market["sub_event_type"]) == (
        "Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert (market["event_date"], market["year"], market["time_precision"]) == ("2024-02-11", "2024", "1")
    assert (market["country"], market["iso3"], market["location"], market["admin1"]) == (
        "Mali", "MLI", "Dialassagou", "Mopti")
    assert market["source"] == "Sahel Daily; Niger River Post"
    assert market["notes"] == FIRST_REPORT.split("\n")[0]
    assert market["event_id_cnty"].startswith("MLI-")

    patrol = rows[uid(ambush())]
    assert (patrol["event_type"], patrol["sub_event_type"], patrol["fatalities"]) == ("Battles", "Armed clash", "4")
    assert (patrol["actor1"], patrol["actor2"]) == ("Gunmen", "an army patrol")

    kerio = rows[uid(all_records()[0])]  # police firing on striking workers: civilians
    assert (kerio["event_type"], kerio["sub_event_type"], kerio["fatalities"]) == (
        "Violence against civilians", "Attack", "43")
    assert (kerio["event_date"], kerio["year"], kerio["country"]) == ("1990-03-11", "1990", "Kenya")

    by_type = {(r["event_type"], r["sub_event_type"]) for r in rows.values()}
    assert ("Strategic developments", "Arrests") in by_type
    assert ("Protests", "Protest with intervention") in by_type  # tear gas on a rally, no deaths
    assert ("Protests", "Peaceful protest") in by_type
    arrests = next(r for r in rows.values() if r["sub_event_type"] == "Arrests")
    assert arrests["fatalities"] == "0"
    # Left out: the landslide (no PLOVER type), the threatened strike (future), the talks (undated).
    assert summary.written == len(rows) == 6 and summary.skipped == 3
    assert not any(r["location"] == "Nepal" for r in rows.values())


def test_plover_jsonl_has_plover_fields_and_citations(full_store):
    text, summary = run_export(full_store, "plover-jsonl", country="MLI")
    objects = [json.loads(line) for line in text.splitlines()]
    assert summary.written == len(objects) == 2
    market = next(o for o in objects if o["event_loc"]["name"] == "Dialassagou")
    assert {"id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text",
            "cite_info"} <= set(market)
    assert (market["date"], market["event"], market["mode"]) == ("2024-02-11", "ASSAULT", "explosives")
    assert market["event_loc"] == {"name": "Dialassagou", "country": "MLI", "admin1": "Mopti", "lat": 14.27,
                                   "lon": -3.31, "geonames_id": None}
    assert market["event_text"] == FIRST_REPORT.split("\n")[0]
    cite = market["cite_info"]
    assert cite["sources"] == ["Sahel Daily", "Niger River Post"]
    assert cite["urls"] == ["https://news.example/market-1", "https://news.example/market-2"]
    assert [a["headline"] for a in cite["articles"]] == ["Cart bomb kills 12 at Mali cattle market",
                                                         "Toll from Mali market blast rises to 19"]


def test_geojson_is_a_feature_collection_of_points(full_store):
    text, summary = run_export(full_store, "geojson")
    data = json.loads(text)
    assert data["type"] == "FeatureCollection"
    features = data["features"]
    assert summary.written == len(features) == 6 and summary.skipped == 3  # Nepal and France have no point
    for f in features:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert (lon, lat) == (f["properties"]["lon"], f["properties"]["lat"])
    market = next(f for f in features if f["properties"]["place"] == "Dialassagou")
    assert market["geometry"]["coordinates"] == [-3.31, 14.27]
    assert market["properties"]["killed_min"] == 12 and market["properties"]["n_claims"] == 2


def test_an_empty_geojson_export_is_still_valid(full_store):
    text, summary = run_export(full_store, "geojson", country="FRA")
    assert json.loads(text) == {"type": "FeatureCollection", "features": []}
    assert summary.written == 0 and summary.skipped == 2


def test_streaming_in_batches_keeps_the_order_and_the_filters(full_store):
    with full_store.engine.connect() as conn:
        whole = [e["id"] for e in select_canonical(conn)]
        streamed = [e["id"] for e in iter_canonical(conn, batch=2)]
        dated = [e["id"] for e in iter_canonical(conn, batch=3, since="2024-02", until="2024-03")]
    assert streamed == whole and len(whole) == 9
    march = uid(all_records()[0]).replace(":ev1", ":ev2")  # 2024-03-12
    assert dated == [uid(bombing_reports()[0]), uid(ambush()), march]


def test_fatalities_take_each_reports_latest_figure_then_the_lowest():
    def claim(*figures):
        return {"counts": [{"kind": "killed", "min": lo, "max": hi} for lo, hi in figures]}

    # The first report updates itself from 9 to 15; the second says up to 11; the third gives no toll.
    event = {"claims": [claim((9, 9), (15, 15)), claim((None, 11)), {"counts": []}]}
    assert fatalities(event) == 11
    assert fatalities({"claims": [{"counts": [{"kind": "injured", "min": 3, "max": 3}]}]}) == 0


def test_export_command_writes_a_file_and_reports_on_stderr(full_store, tmp_path):
    target = tmp_path / "mali.csv"
    runner = CliRunner(env={"DATELINE_DB": None})
    result = runner.invoke(main, ["export", "--db", full_store.url, "--format", "acled-csv",
                                  "--country", "Mali", "--since", "2024-03", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.strip() == f"exported 1 event to {target}"
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert [r["sub_event_type"] for r in rows] == ["Armed clash"]


def test_export_command_refuses_a_bad_format_or_bound(tmp_path):
    path = tmp_path / "x.db"
    with open_store(path):
        pass
    runner = CliRunner(env={"DATELINE_DB": None})
    for args in (["--format", "xlsx"], ["--format", "csv", "--since", "last spring"], []):
        result = runner.invoke(main, ["export", "--db", str(path), *args])
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output
