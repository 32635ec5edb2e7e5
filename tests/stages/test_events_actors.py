"""Who acted, through the whole pipeline: constructions where the actor stands outside the
event's own clause."""

from dateline.pipeline import process
from dateline.record import Article


def run(text):
    return process(Article(text=text, headline="Test story", published="2025-01-15T10:00:00"))


def test_a_strike_the_organisers_call_for_is_theirs_and_they_are_no_protest():
    rec = run("Protest organisers called for a general strike in Sfax and a march to the governorate on Monday.")
    strike = next(e for e in rec.events if e.type == "PROTEST" and e.mode == "strike")
    assert strike.actor.text == "Protest organisers" and strike.timing == "future"
    assert not [e for e in rec.events if e.type == "PROTEST" and e.trigger.text == "Protest"]
