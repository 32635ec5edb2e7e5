"""Stories: near-duplicate articles grouped by MinHash LSH."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.record import Article, Origin, Record
from dateline.store.stories import select_stories, signature, similarity

WIRE = (
    "Floods caused by two days of torrential rain killed nine people in the Mozambican port city of "
    "Beira on Saturday and forced more than 3,000 residents from their homes, disaster officials said. "
    "Water rose above roof level in the low-lying neighbourhoods of Praia Nova and Munhava, where most "
    "of the victims drowned when their houses collapsed, the disaster management institute said. "
    "Rescue teams in boats were still searching for four people reported missing."
)
# The same wire story as another outlet ran it: a word changed here and there, a sentence cut.
EDITED = (
    WIRE.replace("Mozambican port city", "port city").replace("reported missing", "who were missing")
    .replace("disaster officials said", "officials said on Saturday")
)
CUT = WIRE.rsplit(" Rescue teams", 1)[0]
OTHER = (
    "A passenger train derailed near the town of Kasama in northern Zambia on Friday, killing seven "
    "people and injuring 42, railway officials said. Four carriages left the tracks and overturned on "
    "a bend south of the town, and rescue workers were cutting through the wreckage."
)


def record(name: str, text: str, source: str) -> Record:
    return Record(article=Article(text=text, headline=name, source=source, published="2024-01-20",
                                  origin=Origin(path=f"in/{name}.txt")))


def test_signatures_tell_copies_from_other_stories():
    assert similarity(signature(WIRE), signature(WIRE)) == 1.0
    assert similarity(signature(WIRE), signature(EDITED)) >= 0.5
    assert similarity(signature(WIRE), signature(OTHER)) < 0.2


def test_syndicated_copies_form_one_story(empty_store):
    for name, text, source in (("wire", WIRE, "Zambezi Wire"), ("edited", EDITED, "Coastal Times"),
                               ("cut", CUT, "Indian Ocean Daily"), ("other", OTHER, "Zambezi Wire")):
        assert empty_store.add(record(name, text, source))
    with empty_store.engine.connect() as conn:
        stories = select_stories(conn)
        everything = select_stories(conn, min_articles=1)
    assert len(stories) == 1
    (story,) = stories
    assert sorted(a["headline"] for a in story["articles"]) == ["cut", "edited", "wire"]
    assert {a["origin"]["path"] for a in story["articles"]} == {"in/wire.txt", "in/edited.txt", "in/cut.txt"}
    assert len(everything) == 2  # the train story stands alone
    assert not empty_store.add(record("wire", WIRE, "Zambezi Wire"))  # re-ingest: nothing new
    with empty_store.engine.connect() as conn:
        assert select_stories(conn) == stories


def test_stories_command_prints_json(empty_store, tmp_path):
    if empty_store.engine.dialect.name != "sqlite":
        pytest.skip("the command is run on a SQLite file here")
    for name, text in (("wire", WIRE), ("edited", EDITED), ("other", OTHER)):
        empty_store.add(record(name, text, "Zambezi Wire"))
    db = str(empty_store.engine.url.database)
    result = CliRunner().invoke(main, ["stories", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    (story,) = json.loads(result.stdout)
    assert set(story) == {"story", "articles"} and len(story["articles"]) == 2
    assert {"id", "origin"} <= set(story["articles"][0])
    table = CliRunner().invoke(main, ["stories", "--db", db])
    assert "1 story" in table.stdout and "in/edited.txt" in table.stdout
