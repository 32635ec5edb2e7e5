"""Records built by hand (not by the pipeline) for the store and CLI tests.

The articles are invented; every span is computed from the text, so a stored span can be
checked against the words it should cover.
"""

from __future__ import annotations

from dateline.record import (
    Article,
    Count,
    Dateline,
    Entity,
    Event,
    EventDate,
    Location,
    Mention,
    Origin,
    Quote,
    Record,
    Time,
)

ANNIVERSARY_TEXT = (
    "Hundreds of miners and their families marched through Eldoret on Tuesday to mark 34 years "
    "since security forces opened fire on striking workers at the Kerio Valley mine.\n"
    "On March 11, 1990, police shot dead 43 workers and wounded at least 120 others who had "
    "occupied the mine gates to demand unpaid wages, according to a commission of inquiry.\n"
    "\u201cWe still have not been told who gave the order to shoot,\u201d said Grace Chebet, "
    "chair of the Kerio Survivors Association, whose brother was among those killed.\n"
    "Tuesday's march ended peacefully outside the county offices."
)

DETENTION_TEXT = (
    "Police in the Bangladeshi capital detained 120 opposition activists on Saturday as they "
    "gathered for a rally against rising fuel prices, party officials said.\n"
    "Officers used batons and tear gas to disperse the crowd near the party headquarters, "
    "injuring about 30 people, witnesses said.\n"
    "A police spokesman said those held would be charged with obstructing traffic."
)

LANDSLIDE_TEXT = (
    "A landslide triggered by days of monsoon rain buried a village in western Nepal early on "
    "Wednesday, killing at least 14 people, officials said.\n"
    "Nine people were still missing and rescuers were digging through mud with shovels, the "
    "district administration office said."
)

STRIKE_TEXT = (
    "Rail unions said on Thursday they would hold a nationwide strike in June if the government "
    "pressed ahead with plans to cut pension rights for train drivers.\n"
    "The transport minister said talks would continue next week."
)


def span(text: str, phrase: str, start: int = 0) -> tuple[int, int]:
    at = text.index(phrase, start)
    return at, at + len(phrase)


def sentence_span(text: str, phrase: str) -> tuple[int, int]:
    """The line (one sentence or paragraph) that holds ``phrase``."""
    at = text.index(phrase)
    begin = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return begin, len(text) if end == -1 else end


def anniversary() -> Record:
    """A 2024 article about a 1990 massacre: the historical event must not look current."""
    text = ANNIVERSARY_TEXT
    article = Article(
        text=text, headline="Kenyan miners mark 34 years since Kerio Valley shooting",
        source="Rift Valley Wire", published="2024-03-12T15:40:00+03:00",
        dateline=Dateline("ELDORET, Kenya, March 12 (Rift Valley Wire)", "Eldoret"),
        section="Africa", origin=Origin(path="in/kerio.txt", sha256="ab" * 32),
    )
    shooting = Event(
        id="ev1", type="ASSAULT", mode="firearms",
        trigger=Mention("shot dead", span(text, "shot dead")),
        actor=Mention("police", country="KEN"), recipient=Mention("workers", country="KEN"),
        location=Location("Kerio Valley", "KEN", None, 0.6, 35.6, None),
        date=EventDate("1990-03-11", "1990-03-11", "day", "March 11, 1990", "explicit"),
        timing="historical",
        counts=[Count("killed", 43, 43, "exact", "workers", span(text, "shot dead 43 workers")),
                Count("injured", 120, None, "at_least", None, span(text, "wounded at least 120 others"))],
        evidence=[sentence_span(text, "On March 11, 1990")], confidence=0.9,
    )
    march = Event(
        id="ev2", type="PROTEST", mode="demo",
        trigger=Mention("marched", span(text, "marched")),
        actor=Mention("Hundreds of miners and their families", country="KEN"),
        location=Location("Eldoret", "KEN", "Uasin Gishu", 0.52, 35.27, 198629),
        date=EventDate("2024-03-12", "2024-03-12", "day", "Tuesday", "relative"),
        timing="current", evidence=[sentence_span(text, "marched")], confidence=0.8,
    )
    chebet = span(text, "Grace Chebet")
    return Record(
        article=article,
        entities=[Entity("e1", "PERSON", "Grace Chebet", "chair of the Kerio Survivors Association",
                         "KEN", [chebet]),
                  Entity("e2", "GPE", "Eldoret", None, "KEN", [span(text, "Eldoret")])],
        times=[Time("March 11, 1990", span(text, "March 11, 1990"), "DATE", "1990-03-11"),
               Time("34 years", span(text, "34 years"), "DURATION", "P34Y")],
        events=[shooting, march],
        quotes=[Quote("Grace Chebet", "e1", "chair of the Kerio Survivors Association",
                      "We still have not been told who gave the order to shoot",
                      span(text, "We still have not been told who gave the order to shoot"))],
    )


def detention() -> Record:
    text = DETENTION_TEXT
    article = Article(
        text=text, headline="Bangladesh police detain 120 at fuel price rally",
        source="Bay of Bengal News Agency", published="2024-05-04",
        dateline=Dateline("DHAKA, May 4 (BBNA)", "Dhaka"), origin=Origin(path="in/feed.xml", index=3),
    )
    arrests = Event(
        id="ev1", type="COERCE", mode="arrest", trigger=Mention("detained", span(text, "detained")),
        actor=Mention("Police", country="BGD"), recipient=Mention("opposition activists", country="BGD"),
        location=Location("Dhaka", "BGD", "Dhaka Division", 23.71, 90.41, 1185241),
        date=EventDate("2024-05-04", None, "day", "Saturday", "relative"), timing="current",
        counts=[Count("detained", 120, 120, "exact", "opposition activists",
                      span(text, "detained 120 opposition activists"))],
        evidence=[sentence_span(text, "detained 120")], confidence=0.85,
    )
    dispersal = Event(
        id="ev2", type="ASSAULT", mode="crowd-control",
        trigger=Mention("used batons and tear gas", span(text, "used batons and tear gas")),
        actor=Mention("Officers", country="BGD"),
        location=Location("Dhaka", "BGD", "Dhaka Division", 23.71, 90.41, 1185241),
        date=EventDate("2024-05-04", None, "day", "Saturday", "relative"), timing="current",
        counts=[Count("injured", 30, 30, "about", None, span(text, "injuring about 30 people"))],
        evidence=[sentence_span(text, "tear gas")], confidence=0.7,
    )
    return Record(article=article, events=[arrests, dispersal])


def landslide() -> Record:
    text = LANDSLIDE_TEXT
    article = Article(
        text=text, headline="Landslide buries Nepal village, at least 14 dead",
        source="Himalaya Press", published="2023-08-02T18:05:00",
        origin=Origin(path="in/landslide.html"),
    )
    event = Event(
        id="ev1", type=None, mode="disaster", trigger=Mention("landslide", span(text, "landslide")),
        location=Location("Nepal", "NPL"),
        date=EventDate("2023-08-02", None, "day", "Wednesday", "relative"), timing="current",
        counts=[Count("killed", 14, None, "at_least", None, span(text, "killing at least 14 people")),
                Count("missing", 9, 9, "exact", None, span(text, "Nine people were still missing"))],
        evidence=[sentence_span(text, "landslide"), sentence_span(text, "Nine people")], confidence=0.8,
    )
    return Record(article=article, events=[event])


def strike_threat() -> Record:
    """A future event dated to a month, and a talks event with no date at all."""
    text = STRIKE_TEXT
    article = Article(
        text=text, headline="French rail unions threaten June strike over pensions",
        source="Agence Continentale", published="2024-04-18", origin=Origin(path="in/rail.jsonl", index=0),
    )
    strike = Event(
        id="ev1", type="PROTEST", mode="strike", trigger=Mention("strike", span(text, "strike")),
        actor=Mention("Rail unions", country="FRA"), location=Location("France", "FRA"),
        date=EventDate("2024-06", None, "month", "in June", "relative"), timing="future",
        evidence=[sentence_span(text, "strike")], confidence=0.6,
    )
    talks = Event(
        id="ev2", type="CONSULT", mode=None, trigger=Mention("talks", span(text, "talks")),
        location=Location("France", "FRA"),
        date=EventDate(None, None, "unknown", None, "publication"), timing="future",
        evidence=[sentence_span(text, "talks")], confidence=0.4,
    )
    return Record(article=article, events=[strike, talks])


def all_records() -> list[Record]:
    return [anniversary(), detention(), landslide(), strike_threat()]
