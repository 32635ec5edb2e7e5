"""The gold scorer on small hand-made records and gold dicts."""

from __future__ import annotations

import copy
import json

import pytest

from dateline.evaluation import count_matches, date_matches, main, record_key, score

GOLD = {
    "input": "ledger-kasese.txt",
    "article": {"source": "Rift Ledger", "published": "2024-03-07T09:40", "dateline_place": "Kampala",
                "headline": "Gunmen kill four in raid on Kasese market", "section": "Uganda"},
    "events": [
        {"label": "gunmen raid the Kasese market", "type": ["ASSAULT"], "timing": "current",
         "date": "2024-03-05", "date_tolerance_days": 0, "country": "UGA", "place": "Kasese",
         "actor": "gunmen", "counts": {"killed": 4, "injured": {"min": 12}}},
        {"label": "1996 attack on the same market", "type": ["ASSAULT"], "timing": "historical",
         "date": "1996-06-08", "date_tolerance_days": 1, "country": "UGA", "counts": {"killed": 30}},
        {"label": "army calls for calm", "type": ["REQUEST", "APPEAL"], "timing": "current",
         "date": "2024-03-06", "actor": "army"},
    ],
    "quotes": [{"speaker": "Kato", "text": "They came on foot before the market opened"},
               {"speaker": "Nansubuga", "text": "We counted four bodies"}],
}


def event(type_, timing, start, *, end=None, name=None, country=None, actor=None, counts=(), trigger="x"):
    return {
        "type": type_, "timing": timing, "trigger": {"text": trigger, "span": [0, 1]},
        "date": {"start": start, "end": end or start, "precision": "day", "text": None, "basis": "explicit"},
        "location": {"name": name, "country": country} if name or country else None,
        "actor": {"text": actor} if actor else None,
        "counts": [{"kind": k, "min": lo, "max": hi} for k, lo, hi in counts],
    }


def perfect_record():
    return {
        "article": {"source": "Rift Ledger", "published": "2024-03-07T09:40:00",
                    "dateline": {"text": "KAMPALA, Uganda (Rift Ledger)", "place": "Kampala"},
                    "headline": "Gunmen kill four in raid on Kasese market", "section": "Uganda",
                    "origin": {"path": "tests/gold/ledger-kasese.txt", "index": None}},
        "events": [
            event("ASSAULT", "current", "2024-03-05", name="Kasese", country="UGA", actor="unidentified gunmen",
                  counts=[("killed", 4, 4), ("injured", 12, None)]),
            event("ASSAULT", "historical", "1996-06-09", name="Kasese", country="UGA", actor="rebels",
                  counts=[("killed", 30, 30)]),
            event("REQUEST", "current", "2024-03-06", actor="the army"),
        ],
        "quotes": [{"speaker": "Moses Kato", "text": "They came on foot before the market opened, he said"},
                   {"speaker": "Grace Nansubuga", "text": "We counted four bodies."}],
    }


def rates(records, gold=GOLD):
    s = score([gold], records)
    return {name: (m.hits, m.total) for name, m in s.metrics.items()}, s


def test_perfect_record_scores_every_metric_full():
    got, s = rates([perfect_record()])
    assert s.overall == pytest.approx(1.0)
    assert got["events.found"] == (3, 3)
    assert got["counts.recall"] == (3, 3)
    assert got["counts.precision"] == (3, 3)
    assert got["quotes.speaker"] == (2, 2)
    assert got["article.dateline_place"] == (1, 1)
    assert set(got) >= {"articles.read", "events.date", "events.timing", "events.place", "events.actor",
                        "events.no_phantom_violence", "quotes.found", "article.published"}


def test_record_object_with_to_json_is_accepted():
    class Wrapped:
        def to_json(self):
            return perfect_record()

    assert score([GOLD], [Wrapped()]).overall == pytest.approx(1.0)


def test_missing_record_scores_article_as_unread():
    got, s = rates([])
    assert got["articles.read"] == (0, 1)
    assert got["events.found"] == (0, 3)
    assert got["counts.recall"] == (0, 3)
    assert "ledger-kasese.txt: no record" in s.metrics["articles.read"].misses


def test_missing_event_counts_against_found_and_its_attributes():
    record = perfect_record()
    del record["events"][1]
    got, s = rates([record])
    assert got["events.found"] == (2, 3)
    assert got["events.date"] == (2, 3)
    assert got["events.timing"] == (2, 3)
    assert got["counts.recall"] == (2, 3)
    assert any("1996 attack" in miss for miss in s.metrics["events.found"].misses)


def test_event_of_a_type_not_allowed_is_not_found():
    record = perfect_record()
    record["events"][2]["type"] = "ACCUSE"
    got, _ = rates([record])
    assert got["events.found"] == (2, 3)
    assert got["events.actor"] == (1, 2)  # the unmatched event's actor is a miss too


def test_wrong_date_is_a_date_miss_only():
    record = perfect_record()
    record["events"][0]["date"] = {"start": "2024-03-03", "end": "2024-03-03"}
    got, _ = rates([record])
    assert got["events.found"] == (3, 3)
    assert got["events.date"] == (2, 3)


def test_tolerance_widens_the_gold_day():
    assert date_matches("1996-06-08", {"start": "1996-06-09"}, 1)
    assert not date_matches("1996-06-08", {"start": "1996-06-10"}, 1)
    assert not date_matches("2024-03-05", {"start": "2024-03-06"}, 0)


def test_coarser_date_does_not_answer_a_day():
    assert not date_matches("1990-01-20", {"start": "1990", "end": "1990"}, 1)
    assert not date_matches("1990-01-20", {"start": "1990-01", "end": None}, 1)
    assert date_matches("1990-01", {"start": "1990-01-20", "end": "1990-01-20"}, 0)
    assert date_matches("1990", {"start": "1990-03-01", "end": "1990-03-31"}, 0)
    assert not date_matches("1990-01", {"start": "1991-01-20"}, 0)


def test_range_of_two_days_answers_a_day_within_tolerance():
    assert date_matches("1990-01-20", {"start": "1990-01-19", "end": "1990-01-20"}, 1)
    assert not date_matches("1990-01-20", {"start": "1990-01-10", "end": "1990-01-20"}, 1)


def test_missing_or_malformed_dates_never_match():
    assert not date_matches("2024-03-05", None, 3)
    assert not date_matches("2024-03-05", {"start": None}, 3)
    assert not date_matches("2024-03-05", {"start": "March 5"}, 3)
    assert not date_matches(None, {"start": "2024-03-05"}, 3)


def test_phantom_current_assault_fails_the_article():
    record = perfect_record()
    record["events"][1]["timing"] = "current"  # the 1996 attack coded as news
    got, s = rates([record])
    assert got["events.no_phantom_violence"] == (0, 1)
    assert got["events.found"] == (3, 3)
    assert got["events.timing"] == (2, 3)


def test_unmatched_extra_current_assault_is_a_phantom():
    record = perfect_record()
    record["events"].append(event("ASSAULT", "current", "2024-03-07", trigger="shelling"))
    _, s = rates([record])
    assert s.metrics["events.no_phantom_violence"].hits == 0
    assert "shelling" in s.metrics["events.no_phantom_violence"].misses[0]


def test_phantom_check_skipped_when_violence_is_not_exhaustive():
    gold = dict(GOLD, exhaustive=["counts"])
    record = perfect_record()
    record["events"].append(event("ASSAULT", "current", "2024-03-07"))
    got, _ = rates([record], gold)
    assert "events.no_phantom_violence" not in got


def test_extra_predicted_figure_lowers_precision_unless_not_exhaustive():
    record = perfect_record()
    record["events"][2]["counts"] = [{"kind": "detained", "min": 7, "max": 7}]
    got, _ = rates([record])
    assert got["counts.precision"] == (3, 4)
    got, _ = rates([record], dict(GOLD, exhaustive=["violence"]))
    assert "counts.precision" not in got


def test_count_qualifiers():
    exact, at_least, rng, up_to = 4, {"min": 12}, {"min": 10, "max": 15}, {"min": None, "max": 30}
    assert count_matches(exact, [{"kind": "killed", "min": 4, "max": 4}], "killed")
    assert not count_matches(exact, [{"kind": "injured", "min": 4, "max": 4}], "killed")
    assert not count_matches(exact, [{"kind": "killed", "min": 4, "max": 6}], "killed")
    assert count_matches(at_least, [{"kind": "injured", "min": 12, "max": None}], "injured")
    assert count_matches(at_least, [{"kind": "injured", "min": 12, "max": 12}], "injured")
    assert not count_matches(at_least, [{"kind": "injured", "min": 13, "max": None}], "injured")
    assert count_matches(rng, [{"kind": "detained", "min": 10, "max": 15}], "detained")
    assert not count_matches(rng, [{"kind": "detained", "min": 10, "max": 10}], "detained")
    assert count_matches(up_to, [{"kind": "missing", "min": None, "max": 30}], "missing")
    assert not count_matches(up_to, [{"kind": "missing", "min": 30, "max": 30}], "missing")
    assert count_matches(0, [{"kind": "injured", "min": 0, "max": 0}], "injured")
    assert not count_matches(0, [{"kind": "injured", "min": None, "max": None}], "injured")


def test_superseded_toll_on_event_misses_recall_and_precision():
    record = perfect_record()
    record["events"][0]["counts"][0] = {"kind": "killed", "min": 2, "max": 2}
    got, _ = rates([record])
    assert got["counts.recall"] == (2, 3)
    assert got["counts.precision"] == (2, 3)


def test_matching_prefers_the_prediction_that_fits_best():
    record = perfect_record()
    # the historical attack listed first, the current one second: each gold event still
    # finds its own prediction through date, timing and figures
    record["events"][0], record["events"][1] = record["events"][1], record["events"][0]
    got, s = rates([record])
    assert s.overall == pytest.approx(1.0)


def test_quote_without_speaker_is_found_but_speaker_missed():
    record = perfect_record()
    record["quotes"][1]["speaker"] = None
    got, s = rates([record])
    assert got["quotes.found"] == (2, 2)
    assert got["quotes.speaker"] == (1, 2)
    record["quotes"] = record["quotes"][:1]
    got, _ = rates([record])
    assert got["quotes.found"] == (1, 2)
    assert got["quotes.speaker"] == (1, 2)


def test_place_needs_country_and_name_overlap():
    record = perfect_record()
    record["events"][0]["location"] = {"name": "Kasese District", "country": "UGA"}
    assert rates([record])[0]["events.place"] == (2, 2)  # gold "Kasese" inside the predicted name
    record["events"][0]["location"] = {"name": "Kampala", "country": "UGA"}
    assert rates([record])[0]["events.place"] == (1, 2)
    record["events"][0]["location"] = {"name": "Kasese", "country": "COD"}
    assert rates([record])[0]["events.place"] == (1, 2)


def test_metadata_fields_compare_normalised_and_published_by_prefix():
    record = perfect_record()
    record["article"]["headline"] = "  gunmen kill FOUR in raid on Kasese market"
    record["article"]["published"] = "2024-03-07T09:41:00"
    got, _ = rates([record])
    assert got["article.headline"] == (1, 1)
    assert got["article.published"] == (0, 1)


def test_record_key_includes_feed_index():
    rec = {"article": {"origin": {"path": "/in/feeds/wire.jsonl", "index": 2}}}
    assert record_key(rec) == "wire.jsonl#2"
    assert record_key({"article": {"origin": {"path": "a/b.txt", "index": None}}}) == "b.txt"


def test_overall_is_the_mean_of_metric_rates():
    record = perfect_record()
    record["quotes"] = []
    s = score([GOLD], [record])
    expected = sum(m.rate for m in s.metrics.values()) / len(s.metrics)
    assert s.overall == pytest.approx(expected)
    assert s.overall < 1.0


def test_cli_prints_table_and_applies_min_score(tmp_path, capsys):
    (tmp_path / "ledger-kasese.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    preds = tmp_path / "pred.jsonl"
    weak = copy.deepcopy(perfect_record())
    weak["events"] = []
    preds.write_text(json.dumps(weak) + "\n", encoding="utf-8")
    assert main([str(tmp_path), str(preds), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "events.found" in out and "0/3" in out and "- ledger-kasese.txt: 1996 attack" in out
    assert main([str(tmp_path), str(preds), "--min-score", "0.9"]) == 1
    preds.write_text(json.dumps([perfect_record()]), encoding="utf-8")  # JSON array form
    assert main([str(tmp_path), str(preds), "--min-score", "0.99"]) == 0


def test_cli_reports_an_empty_gold_folder(tmp_path, capsys):
    preds = tmp_path / "pred.jsonl"
    preds.write_text("", encoding="utf-8")
    assert main([str(tmp_path), str(preds)]) == 2
    assert "no *.gold.json" in capsys.readouterr().err
