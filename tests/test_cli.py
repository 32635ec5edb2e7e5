from __future__ import annotations

import csv
import importlib.util
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline import __version__, readers
from dateline.cli import main
from dateline.store import open_store

_spec = importlib.util.spec_from_file_location("store_records", Path(__file__).parent / "store" / "records.py")
records = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(records)

needs_readers = pytest.mark.skipif(not hasattr(readers, "read_inputs"),
                                   reason="dateline.readers.read_inputs not written yet")

FLOOD = """Floods cut roads across northern Malawi

MZUZU, Malawi, Jan 14 (Lake Wire) - Floods after two days of heavy rain cut roads across northern Malawi on Sunday, officials said.

The district council said bridges on the main road to Karonga had been washed away and that schools would stay closed until Wednesday.
"""

PROTEST = """Teachers march in Tegucigalpa over unpaid wages

TEGUCIGALPA, Sept 3 (Istmo Press) - Several thousand teachers marched through the Honduran capital on Tuesday to demand three months of unpaid wages, union leaders said.

The march ended outside the Education Ministry, where union leader Marta Oyuela said teachers would return every week until they were paid.
"""


@pytest.fixture
def runner():
    return CliRunner(env={"COLUMNS": "220", "DATELINE_DB": None})


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "events.db"
    with open_store(path) as store:
        for record in records.all_records():
            store.add(record)
    return str(path)


@pytest.fixture
def wire_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "flood.txt").write_text(FLOOD, encoding="utf-8")
    (folder / "protest.txt").write_text(PROTEST, encoding="utf-8")
    return folder


def digest(record) -> str:
    return record.article.id.removeprefix("sha256:")


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


# -- extract / ingest (need the readers and the pipeline) -----------------------------------

@needs_readers
def test_extract_prints_good_records_and_reports_the_bad_input(runner, wire_files, tmp_path):
    missing = tmp_path / "nowhere.txt"
    result = runner.invoke(main, ["extract", str(wire_files / "flood.txt"), str(missing),
                                  str(wire_files / "protest.txt")])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [r["article"]["headline"] for r in data] == [
        "Floods cut roads across northern Malawi", "Teachers march in Tegucigalpa over unpaid wages"]
    assert all(r["schema"] == "dateline.record/1" for r in data)
    assert result.stderr.strip().startswith(f"{missing}: ")
    assert len(result.stderr.strip().splitlines()) == 1


@needs_readers
def test_extract_jsonl_is_one_record_per_line(runner, wire_files):
    result = runner.invoke(main, ["extract", str(wire_files), "--jsonl"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert {json.loads(line)["article"]["source"] for line in lines} >= {"Lake Wire"}


@needs_readers
def test_extract_reports_an_article_the_pipeline_fails_on_and_goes_on(runner, wire_files, monkeypatch):
    import dateline.cli

    real = dateline.cli.process

    def flaky(article):
        if article.source == "Lake Wire":
            raise ValueError("offset past the end of the text")
        return real(article)

    monkeypatch.setattr(dateline.cli, "process", flaky)
    result = runner.invoke(main, ["extract", str(wire_files), "--jsonl"])
    assert result.exit_code == 1
    assert [json.loads(line)["article"]["source"] for line in result.stdout.splitlines()] == ["Istmo Press"]
    assert result.stderr == (f"{wire_files / 'flood.txt'}: extraction failed: "
                             "ValueError: offset past the end of the text\n")


@needs_readers
def test_extract_with_no_readable_input_prints_an_empty_array(runner, tmp_path):
    result = runner.invoke(main, ["extract", str(tmp_path / "gone.txt")])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


@needs_readers
def test_ingest_stores_good_inputs_lists_failures_and_is_idempotent(runner, wire_files, tmp_path):
    db = str(tmp_path / "new.db")
    bad = wire_files / "empty.txt"
    bad.write_text("", encoding="utf-8")
    result = runner.invoke(main, ["ingest", str(wire_files), "--db", db])
    assert result.exit_code == 1
    assert "Read 2 articles: 2 new, 0 already stored, 1 failed" in result.stdout
    assert "empty.txt" in result.stderr
    bad.unlink()
    again = runner.invoke(main, ["ingest", str(wire_files)], env={"DATELINE_DB": db})
    assert again.exit_code == 0, again.output
    assert "Read 2 articles: 0 new, 2 already stored, 0 failed" in again.stdout
    with open_store(db) as store:
        assert store.stats()["articles"] == 2


@needs_readers
def test_demo_ingests_the_samples_and_is_idempotent(runner, tmp_path):
    db = str(tmp_path / "demo.db")
    first = runner.invoke(main, ["demo", "--db", db])
    assert first.exit_code == 0, first.output
    assert " new, 0 already stored, 0 failed" in first.stdout
    second = runner.invoke(main, ["demo", "--db", db])
    assert second.exit_code == 0, second.output
    assert " 0 new, " in second.stdout
    with open_store(db) as store:
        assert store.stats()["articles"] > 10


# -- events -------------------------------------------------------------------------------

def test_events_table_shows_figures_and_headlines(runner, db):
    result = runner.invoke(main, ["events", "--db", db, "--country", "KEN"])
    assert result.exit_code == 0, result.output
    assert "killed 43, injured at least 120" in result.stdout
    assert "Kenyan miners mark 34 years" in result.stdout and "(Rift Valley Wire)" in result.stdout
    assert "ASSAULT/firearms" in result.stdout and "historical" in result.stdout
    assert result.stdout.rstrip().endswith("2 events")


def test_events_filter_on_the_events_own_date(runner, db):
    def types(*args):
        result = runner.invoke(main, ["events", "--db", db, "--format", "json", *args])
        assert result.exit_code == 0, result.output
        return [(e["type"], e["date"]["start"]) for e in json.loads(result.stdout)]

    assert types("--since", "1990-01-01", "--until", "1990-12-31") == [("ASSAULT", "1990-03-11")]
    assert ("ASSAULT", "1990-03-11") not in types("--since", "2024-01-01")
    assert types("--country", "Bangladesh", "--type", "assault") == [("ASSAULT", "2024-05-04")]
    assert types("--timing", "future", "--since", "2024-06") == [("PROTEST", "2024-06-01")]
    assert types("--type", "disaster") == [(None, "2023-08-02")]
    assert len(types("--limit", "2")) == 2


def test_events_csv_has_a_header_and_numeric_figures(runner, db):
    result = runner.invoke(main, ["events", "--db", db, "--format", "csv", "--type", "ASSAULT"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["country"] for r in rows] == ["KEN", "BGD"]
    kerio = rows[0]
    assert (kerio["killed_min"], kerio["killed_max"], kerio["injured_min"], kerio["injured_max"]) == (
        "43", "43", "120", "")
    assert kerio["date_start"] == "1990-03-11" and kerio["timing"] == "historical"
    assert kerio["id"] == digest(records.anniversary()) + ":ev1"


def test_events_rejects_bad_options_without_a_traceback(runner, db):
    for args in (["--since", "spring"], ["--country", "Atlantis"], ["--type", "PARTY"]):
        result = runner.invoke(main, ["events", "--db", db, *args])
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output


def test_query_commands_do_not_create_a_database(runner, tmp_path):
    missing = tmp_path / "absent.db"
    result = runner.invoke(main, ["events", "--db", str(missing)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: no database at {missing} (run `dateline ingest FILE...` or `dateline demo` first)"
    assert not missing.exists()


# -- show ---------------------------------------------------------------------------------

def test_show_article_by_prefix(runner, db):
    record = records.anniversary()
    for given in (digest(record)[:8], "sha256:" + digest(record)[:10], record.article.id):
        result = runner.invoke(main, ["show", given, "--db", db])
        assert result.exit_code == 0, result.output
        assert record.article.headline in result.stdout
        assert "killed 43" in result.stdout and "PROTEST/demo" in result.stdout
        assert "Grace Chebet: \u201cWe still have not been told" in result.stdout


def test_show_event_with_figures_and_evidence(runner, db):
    record = records.detention()
    result = runner.invoke(main, ["show", f"{digest(record)[:12]}:ev1", "--db", db])
    assert result.exit_code == 0, result.output
    assert "COERCE/arrest  current" in result.stdout
    assert "detained 120 (opposition activists) [exact]: \u201cdetained 120 opposition activists\u201d" in result.stdout
    assert record.article.text.split("\n")[0] in result.stdout
    assert "Dhaka, Dhaka Division, BGD" in result.stdout


@pytest.mark.parametrize("given", ["0000aaaa", "0000aaaa:ev1", "not-an-id"])
def test_show_unknown_id_is_one_clear_error(runner, db, given):
    result = runner.invoke(main, ["show", given, "--db", db])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Error: no ")
    assert given in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
