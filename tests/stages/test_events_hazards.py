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


def test_bodies_recovered_on_a_later_day_date_the_update_not_the_landslide():
    record = process(Article(
        text="Rescuers recovered two more bodies from the debris of a landslide in Gorkha district on Tuesday "
             "morning, taking the death toll to seven, officials said.\n\n"
             "The landslide struck the village at around 2 am on Sunday after a night of heavy rain.\n\n"
             "Two days earlier, a girl was killed when a smaller landslide swept away a cowshed nearby.",
        headline="Test story", published="2023-08-15T12:00:00"))
    slides = [e for e in record.events if e.mode == "disaster"]
    main = next(e for e in slides if any(c.kind == "killed" and c.min == 7 for c in e.counts))
    assert main.date.start == "2023-08-13"
    assert len(slides) == 2  # the smaller landslide is another one


def test_a_hazard_in_an_organisation_name_is_no_disaster():
    found = events("An estimated 2,500 people have fled the villages since Wednesday, the Provincial Disaster "
                   "Management Authority said.")
    assert not [trigger for _, _, trigger in found if trigger == "Disaster"]
