"""Violence and hazards in one sentence: a fire or a collapse that kills is the event, but an
attack that sets off a fire is still an attack."""

from dateline.pipeline import process
from dateline.record import Article


def events(text):
    record = process(Article(text=text, headline="Test story", published="2025-02-07T10:00:00"))
    return [(e.type, e.mode, e.trigger.text) for e in record.events]


def test_an_attack_that_sets_off_a_fire_is_an_attack():
    found = events("Overnight, drones attacked an oil refinery in the Volgograd region, setting off a fire "
                   "that was put out by morning, the regional governor said.")
    assert ("ASSAULT", None, "attacked") in found


def test_a_fire_that_kills_is_the_event_and_killed_its_figure():
    found = events("A fire killed 46 people in a market in Kano on Tuesday.")
    assert [t for t, _, _ in found] == [None]


def test_victims_killed_in_a_collapse_are_no_attack():
    found = events("Relatives of workers killed in the collapse of the factory rallied at the site on Wednesday.")
    assert all(t != "ASSAULT" for t, _, _ in found)
