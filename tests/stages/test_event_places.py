"""Where an event happened, across sentences: a region in the lead, the town in the next
sentence; through the whole pipeline."""

from dateline.pipeline import process
from dateline.record import Article, Dateline


def run(text):
    return process(Article(text=text, headline="Test story", published="2025-01-15T10:00:00"))


def test_a_town_of_the_region_named_next_places_the_event_told_in_the_region():
    rec = run("Bandits who abducted 31 farmers in Nigeria's Katsina state last week have demanded a ransom, "
              "relatives said on Wednesday.\n\n"
              "The bandits rode into a hamlet near the town of Funtua on motorcycles before dawn, residents "
              "said.")
    (ev,) = [e for e in rec.events if e.type == "ASSAULT"]
    assert (ev.location.name, ev.location.country) == ("Funtua", "NGA")


def test_a_town_of_another_region_or_in_another_event_leaves_the_region():
    rec = run("Gunmen abducted 31 farmers in Nigeria's Katsina state last week, relatives said.\n\n"
              "In Kano, police arrested three men on Tuesday over a separate robbery.")
    (ev,) = [e for e in rec.events if e.type == "ASSAULT"]
    assert ev.location.name == "Katsina"


def test_a_facility_placed_in_a_town_once_is_in_that_town_later():
    rec = run("Soldiers took control of the Tramacua penitentiary in Cartagena on Tuesday, a day after a riot.\n\n"
              "The Tramacua prison was the scene of a massacre in March 2019, when 31 inmates were killed in "
              "fighting between rival gangs.")
    (old,) = [e for e in rec.events if e.type == "ASSAULT" and e.timing == "historical"]
    assert (old.location.name, old.location.country) == ("Cartagena", "COL")



def test_todays_news_placed_nowhere_else_happened_in_the_dateline_town():
    rec = process(Article(
        text="Several thousand protesters blocked the avenue outside parliament on Sunday night against the "
             "bill. In 1989, Soviet troops broke up a rally at the same spot.",
        headline="Test story", published="2025-04-07T10:00:00",
        dateline=Dateline(text="YEREVAN, Armenia", place="Yerevan")))
    protest = next(e for e in rec.events if e.type == "PROTEST")
    assert (protest.location.name, protest.location.country) == ("Yerevan", "ARM")
    old = [e for e in rec.events if e.timing == "historical"]
    assert all(e.location is None or e.location.name != "Yerevan" for e in old)
