"""Linking mentions into events: which dates can be one event's, and tallies over years."""

import datetime as dt

from dateline.doc import TimeX
from dateline.pipeline import STAGES, make_doc
from dateline.record import Article, Time
from dateline.stages import event_links
from dateline.stages.event_links import Cluster, EventMention
from dateline.stages.triggers import TriggerMatch, TriggerSpec

KILLED = TriggerSpec("ASSAULT", None, "verb", False, ())


def timex(text, start, end, precision):
    return TimeX(time=Time(text=text, span=(0, len(text)), type="DATE", value=None), sentence=0,
                 start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end), precision=precision)


DAY = timex("March 8, 2002", "2002-03-08", "2002-03-08", "day")
YEAR = timex("in 2002", "2002-01-01", "2002-12-31", "year")
DECADES = timex("between 1985 and 2018", "1985-01-01", "2018-12-31", "year")
WAR = timex("between 1992 and 1995", "1992-01-01", "1995-12-31", "year")


def test_a_day_falls_in_its_year():
    assert event_links.dates_compatible(DAY, YEAR) and event_links.dates_compatible(YEAR, DAY)


def test_a_period_of_years_is_no_single_event_date_inside_it():
    # "450,000 were killed between 1985 and 2018" is a tally, not the massacre of March 8, 2002
    assert not event_links.dates_compatible(DECADES, DAY)
    assert not event_links.dates_compatible(YEAR, DECADES)


def test_two_periods_that_overlap_can_be_one():
    assert event_links.dates_compatible(DECADES, WAR)
    assert not event_links.dates_compatible(WAR, timex("since 2011", "2011-01-01", "2024-03-14", "year"))


def mention(doc, sentence, word, when=None):
    s = doc.sentences[sentence]
    start = doc.text.index(word, s.start)
    trigger = TriggerMatch(start, start + len(word), word, KILLED)
    return EventMention(family="ASSAULT", type="ASSAULT", mode=None, sentence=sentence, trigger=trigger,
                        modality="", framed_historical=True, timex=when)


def test_a_tally_over_years_does_not_join_the_undated_past_event_before_it():
    doc = make_doc(Article(text="The gunmen shot the miners in their bunks. About 260,000 people were killed "
                                "in the conflict between 1958 and 2012.", published="2024-03-14T10:00:00"))
    for stage in STAGES[:2]:
        stage.apply(doc)
    shooting = mention(doc, 0, "shot")
    tally = mention(doc, 1, "killed", timex("between 1958 and 2012", "1958-01-01", "2012-12-31", "year"))
    assert not event_links.joinable(doc, Cluster([shooting]), tally)
    assert len(event_links.link(doc, [shooting, tally])) == 2
