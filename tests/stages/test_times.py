"""The times stage: TIMEX3 values, day ranges, precision, basis and future flags."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dateline.pipeline import make_doc
from dateline.record import Article
from dateline.stages import segment, times
from dateline.stages.timex_words import parse_number_words, parse_ordinal_words, spell_number

TUE = dt.datetime(2024, 2, 13, 10, 30)  # a Tuesday
MON_NEW_YEAR = dt.datetime(2024, 1, 1, 9, 0)  # a Monday, ISO week 1
D = dt.date
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ABBREVIATED = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def run(text: str, published: str | None = "2024-02-13T10:30:00"):
    doc = make_doc(Article(text=text, published=published))
    segment.apply(doc)
    times.apply(doc)
    return doc


def found(text: str, reference=TUE, **kw) -> dict[str, times.TimeX]:
    """The expressions of ``text`` by their words (the last one wins on a repeat)."""
    return {t.time.text: t for t in times.find_times(text, reference, **kw)}


def one(text: str, reference=TUE, **kw) -> times.TimeX:
    timex = times.normalise(text, reference, **kw)
    assert timex is not None, text
    return timex


# ------------------------------------------------------------------ whole articles
ANNIVERSARY_ARTICLE = """\
KARVANSK, Dorelia, January 19 (Tidewater Wire) – The Dorelian ombudsman issued a statement on Friday on the 34th anniversary of the January 20 tragedy.
"34 years have passed since the events of January 20, which remain an open wound," the statement said.
On the night from January 19 to 20, 1990, troops entered Karvansk and opened fire on crowds, killing 147 civilians. On January 21, 1990, the then party leader condemned the killings, and 20th January was later declared a day of mourning.
A memorial service will be held on Saturday, and the parliament will meet on Monday to discuss compensation."""


def test_anniversary_article_dates_the_historical_event_and_the_news():
    doc = run(ANNIVERSARY_ARTICLE, "2024-01-19T13:28:00")
    by_text = [(t.time.text, t.time.value, t.basis) for t in doc.timexes]
    assert by_text[0] == ("January 19", "2024-01-19", "explicit")  # the dateline
    assert ("Friday", "2024-01-19", "relative") in by_text
    tragedy = [t for t in doc.timexes if t.time.text == "January 20"]
    assert [t.time.value for t in tragedy] == ["1990-01-20", "1990-01-20"]
    assert all(t.basis == "inferred" and t.precision == "day" for t in tragedy)
    night = next(t for t in doc.timexes if t.time.text == "January 19 to 20, 1990")
    assert (night.time.value, night.time.end, night.start, night.end) == (
        "1990-01-19", "1990-01-20", D(1990, 1, 19), D(1990, 1, 20))
    assert night.basis == "explicit" and night.time.type == "DATE"
    assert ("January 21, 1990", "1990-01-21", "explicit") in by_text
    assert ("20th January", "1990-01-20", "inferred") in by_text
    since = next(t for t in doc.timexes if t.time.text == "34 years have passed since")
    assert (since.time.type, since.time.value, since.basis, since.precision) == ("DATE", "1990", "inferred", "year")
    duration = next(t for t in doc.timexes if t.time.text == "34 years")
    assert (duration.time.type, duration.time.value, duration.start) == ("DURATION", "P34Y", None)
    saturday = next(t for t in doc.timexes if t.time.text == "Saturday")
    monday = next(t for t in doc.timexes if t.time.text == "Monday")
    assert (saturday.start, saturday.future) == (D(2024, 1, 20), True)
    assert (monday.start, monday.future) == (D(2024, 1, 22), True)


def test_spans_sentences_and_text_order():
    doc = run(ANNIVERSARY_ARTICLE, "2024-01-19T13:28:00")
    starts = [t.time.span[0] for t in doc.timexes]
    assert starts == sorted(starts)
    for t in doc.timexes:
        assert doc.text[t.time.span[0]:t.time.span[1]] == t.time.text
        assert t.sentence == doc.sentence_at(t.time.span[0])
    assert doc.times == [t.time for t in doc.timexes]


def test_marks_years_since_gives_the_inferred_year_and_a_duration():
    doc = run("HALVERA, Ostmark, March 16 (Meridian) - Thousands gathered on Thursday to mark 35 years since "
              "government aircraft bombed the town.", "2023-03-16T15:10:00")
    texts = {t.time.text: t for t in doc.timexes}
    assert texts["35 years"].time.value == "P35Y"
    since = texts["35 years since"]
    assert (since.time.value, since.start, since.end, since.basis) == ("1988", D(1988, 1, 1), D(1988, 12, 31), "inferred")
    assert texts["Thursday"].start == D(2023, 3, 16)
    assert texts["March 16"].basis == "explicit"


def test_wire_story_with_relative_days_and_a_clock_time():
    text = ("A car bomb exploded near a checkpoint in the capital late Tuesday, and a second blast followed "
            "overnight into Wednesday, police said. Sirens sounded at 11:30 a.m. on Wednesday. "
            "A day earlier, the interior ministry had warned of attacks. The previous day, rebels shelled the airport. "
            "Schools will reopen next week, and a national day of mourning is due to be held on Friday.")
    doc = run(text, "2024-02-14T18:00:00")
    t = {x.time.text: x for x in doc.timexes}
    assert t["late Tuesday"].start == D(2024, 2, 13)
    assert t["overnight into Wednesday"].start == D(2024, 2, 14)
    assert (t["11:30 a.m."].time.type, t["11:30 a.m."].time.value) == ("TIME", "2024-02-14T11:30")
    assert t["A day earlier"].start == D(2024, 2, 13)  # a day before the Wednesday just mentioned
    assert t["The previous day"].start == D(2024, 2, 12)
    assert (t["next week"].time.value, t["next week"].start, t["next week"].end) == (
        "2024-W08", D(2024, 2, 19), D(2024, 2, 25))
    assert t["next week"].future
    assert (t["Friday"].start, t["Friday"].future) == (D(2024, 2, 16), True)


def test_without_publication_relative_expressions_stay_unresolved():
    doc = run("Police said on Monday that the suspect, arrested yesterday, had fled on January 19, 1990, "
              "and returned on March 18 for five days.", None)
    t = {x.time.text: x for x in doc.timexes}
    assert (t["Monday"].time.value, t["Monday"].start, t["Monday"].precision) == (None, None, "unknown")
    assert (t["yesterday"].time.value, t["yesterday"].start) == (None, None)
    assert (t["January 19, 1990"].time.value, t["January 19, 1990"].start) == ("1990-01-19", D(1990, 1, 19))
    assert (t["March 18"].time.value, t["March 18"].start) == ("XXXX-03-18", None)
    assert t["five days"].time.value == "P5D"


# ------------------------------------------------------------------ explicit dates
@pytest.mark.parametrize("text, value, start, end, precision", [
    ("It happened on January 19, 1990.", "1990-01-19", D(1990, 1, 19), D(1990, 1, 19), "day"),
    ("It happened on 19 January 1990.", "1990-01-19", D(1990, 1, 19), D(1990, 1, 19), "day"),
    ("It happened on Jan. 19, 1990.", "1990-01-19", D(1990, 1, 19), D(1990, 1, 19), "day"),
    ("The file is dated 2019-06-03.", "2019-06-03", D(2019, 6, 3), D(2019, 6, 3), "day"),
    ("Gunmen stormed the post on the night of June 3, 2019.", "2019-06-03", D(2019, 6, 3), D(2019, 6, 3), "day"),
    ("The gas attack of March 1988 killed thousands.", "1988-03", D(1988, 3, 1), D(1988, 3, 31), "month"),
    ("He was arrested in September 2021.", "2021-09", D(2021, 9, 1), D(2021, 9, 30), "month"),
    ("The court ruled in 2019 that the raid was illegal.", "2019", D(2019, 1, 1), D(2019, 12, 31), "year"),
    ("The group has waged an insurgency since 2014.", "2014", D(2014, 1, 1), D(2014, 12, 31), "year"),
    ("Inflation soared in the 1990s.", "199X", D(1990, 1, 1), D(1999, 12, 31), "year"),
    ("The city was rebuilt in the 20th century.", "19", D(1900, 1, 1), D(1999, 12, 31), "year"),
    ("Talks were held on the 3rd of June, 2021.", "2021-06-03", D(2021, 6, 3), D(2021, 6, 3), "day"),
    ("The deadliest was the April 2015 assault on the college.", "2015-04", D(2015, 4, 1), D(2015, 4, 30), "month"),
    ("The drought of the summer of 2022 ruined farmers.", "2022-SU", D(2022, 6, 1), D(2022, 8, 31), "month"),
    ("Profits rose in the first quarter of 2023.", "2023-Q1", D(2023, 1, 1), D(2023, 3, 31), "month"),
])
def test_explicit_dates(text, value, start, end, precision):
    timex = one(text)
    assert (timex.time.value, timex.start, timex.end, timex.precision) == (value, start, end, precision)
    assert timex.basis == "explicit" and timex.time.type == "DATE"


@pytest.mark.parametrize("text, value, end_value, start, end", [
    ("On the night from January 19 to 20, 1990, troops entered the city.", "1990-01-19", "1990-01-20",
     D(1990, 1, 19), D(1990, 1, 20)),
    ("Output fell sharply in 2014-2016.", "2014", "2016", D(2014, 1, 1), D(2016, 12, 31)),
    ("The fighting from 19 to 20 January killed dozens.", "2024-01-19", "2024-01-20", D(2024, 1, 19), D(2024, 1, 20)),
    ("Talks took place between June 1 and 3, officials said.", "2023-06-01", "2023-06-03", D(2023, 6, 1), D(2023, 6, 3)),
    ("The siege lasted from December 28, 2023 to January 3, 2024.", "2023-12-28", "2024-01-03",
     D(2023, 12, 28), D(2024, 1, 3)),
    ("Floods hit the region between 2010 and 2012.", "2010", "2012", D(2010, 1, 1), D(2012, 12, 31)),
])
def test_ranges_carry_start_in_value_and_end_in_end(text, value, end_value, start, end):
    timex = one(text)
    assert (timex.time.value, timex.time.end, timex.start, timex.end) == (value, end_value, start, end)


def test_year_less_month_day_takes_the_year_of_a_coordinated_date():
    t = found("Soldiers fired on crowds on January 19 and again on January 21, 1990, witnesses said.")
    assert t["January 19"].time.value == "1990-01-19" and t["January 19"].basis == "explicit"


def test_month_day_direction_follows_the_clause():
    assert one("The summit will open on March 18.").start == D(2024, 3, 18)
    assert one("The summit will open on March 18.").future
    assert one("The summit opened on March 18.").start == D(2023, 3, 18)
    assert not one("The summit opened on March 18.").future
    assert one("The ceasefire agreed on 20 January collapsed.").start == D(2024, 1, 20)
    assert one("Protesters were detained on 12 February.").start == D(2024, 2, 12)


def test_month_day_forced_future_through_normalise():
    assert one("March 1", future=True).start == D(2024, 3, 1)
    assert one("February 10", future=True).start == D(2025, 2, 10)


def test_dateline_date_is_explicit_and_nearest():
    doc = run("MOMBASA, Kenya, 12 November (EAW) – A court on Tuesday jailed a man for 30 years in prison.",
              "2024-11-12T16:40:00")
    t = {x.time.text: x for x in doc.timexes}
    assert (t["12 November"].time.value, t["12 November"].basis) == ("2024-11-12", "explicit")
    assert t["Tuesday"].start == D(2024, 11, 12)
    assert t["30 years"].time.value == "P30Y"
    late = run("KYIV, Dec 31 (Wire) - Drones struck the city overnight.", "2025-01-01T02:00:00")
    assert late.timexes[0].time.value == "2024-12-31"


# ------------------------------------------------------------------ weekdays
def test_weekday_on_the_publication_day_and_week_boundaries():
    assert one("Police said on Monday that two men were held.", MON_NEW_YEAR).start == D(2024, 1, 1)
    assert one("Rebels attacked on Sunday.", MON_NEW_YEAR).start == D(2023, 12, 31)
    assert one("Rebels attacked on Tuesday.", MON_NEW_YEAR).start == D(2023, 12, 26)
    assert one("He was killed last Friday.").start == D(2024, 2, 9)
    assert one("He left last Tuesday.").start == D(2024, 2, 6)  # "last" never means today
    assert one("The envoy arrives next Monday.").start == D(2024, 2, 19)


@pytest.mark.parametrize("sentence, expected", [
    ("The council will meet on Wednesday.", D(2024, 2, 14)),
    ("The union called for a general strike on Monday.", D(2024, 2, 19)),
    ("The suspect is due to appear in court on Thursday.", D(2024, 2, 15)),
    ("On Friday, the parliament will vote on the budget.", D(2024, 2, 16)),
    ("He'll testify on Saturday.", D(2024, 2, 17)),
    ("Officials said the talks, which began on Sunday, would resume later.", D(2024, 2, 11)),
    ("Rebels who were driven out on Sunday will return.", D(2024, 2, 11)),
])
def test_weekday_direction_follows_the_clause(sentence, expected):
    timex = one(sentence)
    assert timex.start == expected
    assert timex.future == (expected > TUE.date())


@pytest.mark.parametrize("sentence, text, expected", [
    ("Police raided the workshop on Thursday last week.", "Thursday last week", D(2024, 2, 8)),
    ("Police raided the workshop on Thursday of last week.", "Thursday of last week", D(2024, 2, 8)),
    ("The rally on Sunday last week ended peacefully.", "Sunday last week", D(2024, 2, 11)),
    ("Talks resumed on Monday this week.", "Monday this week", D(2024, 2, 12)),
    ("The envoy arrives on Friday next week.", "Friday next week", D(2024, 2, 23)),
    ("Shelling resumed on Wednesday night last week.", "Wednesday night last week", D(2024, 2, 7)),
])
def test_weekday_of_a_named_week_is_one_day_of_that_week(sentence, text, expected):
    timex = one(sentence)
    assert (timex.time.text, timex.start, timex.end, timex.precision) == (text, expected, expected, "day")


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31)), st.sampled_from(WEEKDAYS),
       st.sampled_from([("last", -1), ("this", 0), ("next", 1)]))
def test_weekday_of_a_named_week_falls_in_that_week(published, weekday, week):
    word, shift = week
    timex = one(f"It happened on {weekday} {word} week.", dt.datetime.combine(published, dt.time(12)))
    monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=shift)
    assert timex.start == monday + dt.timedelta(days=WEEKDAYS.index(weekday))


@pytest.mark.parametrize("sentence, expected", [
    ("The two sides agreed to meet again on Wednesday.", D(2024, 2, 14)),
    ("Officials promised to visit the village on Friday.", D(2024, 2, 16)),
    ("The governor vowed to return to the town on Monday.", D(2024, 2, 19)),
])
def test_a_weekday_after_a_promise_or_agreement_to_act_is_the_coming_one(sentence, expected):
    assert one(sentence).start == expected


def test_weekday_with_part_of_day():
    night = one("Shelling resumed Monday night.")
    assert (night.time.type, night.time.value, night.start, night.end) == ("TIME", "2024-02-12TNI", D(2024, 2, 12),
                                                                           D(2024, 2, 12))
    evening = one("A drone struck a car on Thursday evening.")
    assert (evening.time.value, evening.start) == ("2024-02-08TEV", D(2024, 2, 8))
    assert one("Gunmen attacked early on Sunday.").start == D(2024, 2, 11)
    assert one("The vote ended late Tuesday.").start == D(2024, 2, 13)
    assert one("They fled in the early hours of Saturday.").start == D(2024, 2, 10)


def test_weekday_names_that_are_not_dates():
    assert found("The Sunday Times reported the Good Friday agreement and Bloody Sunday.") == {}


# ------------------------------------------------------------------ relative expressions
@pytest.mark.parametrize("text, type_, value, start, end, precision", [
    ("yesterday", "DATE", "2024-02-12", D(2024, 2, 12), D(2024, 2, 12), "day"),
    ("today", "DATE", "2024-02-13", D(2024, 2, 13), D(2024, 2, 13), "day"),
    ("tonight", "TIME", "2024-02-13TNI", D(2024, 2, 13), D(2024, 2, 13), "day"),
    ("this morning", "TIME", "2024-02-13TMO", D(2024, 2, 13), D(2024, 2, 13), "day"),
    ("last night", "TIME", "2024-02-12TNI", D(2024, 2, 12), D(2024, 2, 12), "day"),
    ("last week", "DATE", "2024-W06", D(2024, 2, 5), D(2024, 2, 11), "day"),
    ("this week", "DATE", "2024-W07", D(2024, 2, 12), D(2024, 2, 18), "day"),
    ("next week", "DATE", "2024-W08", D(2024, 2, 19), D(2024, 2, 25), "day"),
    ("last weekend", "DATE", "2024-W06-WE", D(2024, 2, 10), D(2024, 2, 11), "day"),
    ("last month", "DATE", "2024-01", D(2024, 1, 1), D(2024, 1, 31), "month"),
    ("earlier this month", "DATE", "2024-02", D(2024, 2, 1), D(2024, 2, 13), "month"),
    ("this year", "DATE", "2024", D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("last year", "DATE", "2023", D(2023, 1, 1), D(2023, 12, 31), "year"),
    ("two days ago", "DATE", "2024-02-11", D(2024, 2, 11), D(2024, 2, 11), "day"),
    ("three years ago", "DATE", "2021", D(2021, 1, 1), D(2021, 12, 31), "year"),
    ("a week ago", "DATE", "2024-02-06", D(2024, 2, 6), D(2024, 2, 6), "day"),
    ("six months ago", "DATE", "2023-08", D(2023, 8, 1), D(2023, 8, 31), "month"),
    ("a day earlier", "DATE", "2024-02-12", D(2024, 2, 12), D(2024, 2, 12), "day"),
    ("the previous day", "DATE", "2024-02-12", D(2024, 2, 12), D(2024, 2, 12), "day"),
    ("late last year", "DATE", "2023", D(2023, 9, 1), D(2023, 12, 31), "year"),
    ("last winter", "DATE", "2022-WI", D(2022, 12, 1), D(2023, 2, 28), "month"),
    ("in March", "DATE", "2023-03", D(2023, 3, 1), D(2023, 3, 31), "month"),
    ("last March", "DATE", "2023-03", D(2023, 3, 1), D(2023, 3, 31), "month"),
])
def test_relative_expressions(text, type_, value, start, end, precision):
    timex = one(text)
    assert (timex.time.type, timex.time.value, timex.start, timex.end, timex.precision) == (
        type_, value, start, end, precision)
    assert timex.basis == "relative"


def test_month_boundaries():
    first = dt.datetime(2024, 3, 1, 8, 0)
    assert one("Prices rose last month.", first).time.value == "2024-02"
    assert one("Prices rose last month.", first).end == D(2024, 2, 29)
    assert one("last week", MON_NEW_YEAR).time.value == "2023-W52"
    assert one("last year", MON_NEW_YEAR).time.value == "2023"
    assert one("yesterday", MON_NEW_YEAR).start == D(2023, 12, 31)


def test_future_relative_flags():
    assert one("The results come out later this month.").future
    assert one("Elections are due next year.").future
    assert not one("Prices rose last month.").future
    assert one("tomorrow").start == D(2024, 2, 14) and one("tomorrow").future


def test_anchored_expressions_follow_the_last_date():
    t = found("The war began in 1990. Two years later, a truce was signed. Fighting resumed on June 3, 2019. "
              "The next day rebels fled, and a month later they returned.")
    assert t["Two years later"].time.value == "1992"
    assert t["The next day"].start == D(2019, 6, 4)
    assert t["a month later"].time.value == "2019-07"


# ------------------------------------------------------------------ durations, sets, modifiers
@pytest.mark.parametrize("text, words, type_, value", [
    ("He was sentenced to 34 years.", "34 years", "DURATION", "P34Y"),
    ("The siege lasted five days.", "five days", "DURATION", "P5D"),
    ("Rescuers dug for several hours.", "several hours", "DURATION", "PTXH"),
    ("It took twenty-two years to build.", "twenty-two years", "DURATION", "P22Y"),
    ("The court jailed him for 30 years in prison.", "30 years", "DURATION", "P30Y"),
    ("He was convicted more than five years after the attack.", "more than five years", "DURATION", "P5Y"),
    ("Talks lasted half an hour.", "half an hour", "DURATION", "PT0.5H"),
    ("Prices have doubled over the past two weeks.", "the past two weeks", "DURATION", "P2W"),
    ("The five-year plan failed.", "five-year", "DURATION", "P5Y"),
    ("The festival is held every year.", "every year", "SET", "P1Y"),
    ("Survivors struggle to breathe every winter.", "every winter", "SET", "XXXX-WI"),
    ("The file is opened once a year.", "once a year", "SET", "P1Y"),
    ("The market opens on Mondays.", "Mondays", "SET", "XXXX-WXX-1"),
    ("Elections are held every four years.", "every four years", "SET", "P4Y"),
])
def test_durations_and_sets(text, words, type_, value):
    timex = found(text)[words]
    assert (timex.time.type, timex.time.value, timex.start, timex.precision) == (type_, value, None, "unknown")


@pytest.mark.parametrize("text, value, start, end, precision", [
    ("Growth slowed in early 2024.", "2024", D(2024, 1, 1), D(2024, 4, 30), "year"),
    ("Fighting flared in late September.", "2023-09", D(2023, 9, 21), D(2023, 9, 30), "month"),
    ("The plant closed in mid-2023.", "2023", D(2023, 5, 1), D(2023, 8, 31), "year"),
    ("The mine reopened at the end of March 2022.", "2022-03", D(2022, 3, 21), D(2022, 3, 31), "month"),
    ("Unrest grew in the late 1980s.", "198X", D(1987, 1, 1), D(1989, 12, 31), "year"),
])
def test_early_mid_late(text, value, start, end, precision):
    timex = one(text)
    assert (timex.time.value, timex.start, timex.end, timex.precision) == (value, start, end, precision)


# ------------------------------------------------------------------ what is not a time
@pytest.mark.parametrize("text", [
    "Yusuf Farah, 41, was convicted.",
    "A 34-year-old man was held.",
    "The victim was 34 years old.",
    "Article 20 of the constitution bans torture.",
    "The shooting happened in the 5500 block of Elm Street.",
    "Some 1,700 people were displaced.",
    "Traffic on Route 66 was diverted.",
    "The ransom was $2,019 and 2000 people marched.",
    "UN Resolution 1973 was adopted.",
    "More than 1500 soldiers were deployed.",
    "The May 2 agreement may collapse, and rebels march on.",
    "The region reported COVID-19 cases and a G20 summit.",
    "A second attack was foiled.",
    "He called his lawyer on 0722 418 337.",
])
def test_not_times(text):
    values = [(t.time.text, t.time.value) for t in times.find_times(text, TUE)]
    allowed = {("May 2", "2023-05-02")}  # "the May 2 agreement" is a date
    assert [v for v in values if v not in allowed] == []


def test_usa_today_is_a_name():
    assert "Today" not in found("USA Today reported the clashes.")


# ------------------------------------------------------------------ properties
dates = st.dates(min_value=D(1950, 1, 1), max_value=D(2060, 12, 31))


@settings(max_examples=150, deadline=None)
@given(day=dates, weekday=st.integers(0, 6))
def test_past_weekday_is_within_the_week_ending_at_publication(day, weekday):
    ref = dt.datetime.combine(day, dt.time(12))
    timex = one(f"Police said the attack happened on {WEEKDAYS[weekday]}.", ref)
    assert day - dt.timedelta(days=6) <= timex.start <= day
    assert timex.start.weekday() == weekday and timex.start == timex.end
    assert timex.time.value == timex.start.isoformat()


@settings(max_examples=150, deadline=None)
@given(day=dates, weekday=st.integers(0, 6))
def test_future_weekday_is_within_the_week_starting_at_publication(day, weekday):
    ref = dt.datetime.combine(day, dt.time(12))
    timex = one(f"The ministers will meet on {WEEKDAYS[weekday]}.", ref)
    assert day <= timex.start <= day + dt.timedelta(days=6)
    assert timex.start.weekday() == weekday and timex.future


@settings(max_examples=200, deadline=None)
@given(date=st.dates(min_value=D(1800, 1, 1), max_value=D(2099, 12, 31)), form=st.integers(0, 4))
def test_explicit_dates_round_trip(date, form):
    month, abbreviation = MONTHS[date.month - 1], ABBREVIATED[date.month - 1]
    text = [f"{month} {date.day}, {date.year}", f"{date.day} {month} {date.year}",
            f"{abbreviation} {date.day}, {date.year}", date.isoformat(),
            f"the {date.day}{'th' if 10 <= date.day % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(date.day % 10, 'th')}"
            f" of {month} {date.year}"][form]
    timex = one(f"The decree was signed on {text} in the capital.", TUE)
    assert timex.time.text == text
    assert (timex.time.value, timex.start, timex.end, timex.basis) == (date.isoformat(), date, date, "explicit")


@settings(max_examples=150, deadline=None)
@given(day=dates, month=st.integers(1, 12), dom=st.integers(1, 28))
def test_past_month_day_is_the_latest_on_or_before_publication(day, month, dom):
    ref = dt.datetime.combine(day, dt.time(12))
    timex = one(f"Protesters were arrested on {MONTHS[month - 1]} {dom}.", ref)
    assert timex.start <= day < timex.start.replace(year=timex.start.year + 1)
    assert (timex.start.month, timex.start.day) == (month, dom)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 999_999_999))
def test_number_words_round_trip(n):
    assert parse_number_words(spell_number(n)) == n


@settings(max_examples=100, deadline=None)
@given(years=st.integers(1, 99), spelled=st.booleans())
def test_years_ago(years, spelled):
    words = spell_number(years) if spelled else str(years)
    timex = one(f"The mine collapsed {words} years ago.")
    assert (timex.time.value, timex.start, timex.precision) == (str(2024 - years), D(2024 - years, 1, 1), "year")


FUZZ_WORDS = ["the", "a", "last", "next", "this", "early", "late", "mid-", "on", "in", "since", "ago", "later",
              "earlier", "before", "after", "between", "and", "to", "-", ",", ".", "of", "every", "once", "year",
              "years", "day", "days", "week", "month", "decade", "century", "weekend", "winter", "night", "will",
              "said", "anniversary", "34th", "since", "have passed", "twenty-two", "several", "5000", "99999",
              "1990", "2024", "1990s", "'90s", "31", "29", "0", "11:30", "p.m.", "GMT", *MONTHS, *WEEKDAYS, "Sept.",
              "overnight", "into", "tonight", "yesterday", "more than", "half", "an", "hour", "first", "quarter"]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(FUZZ_WORDS), max_size=14), day=dates)
def test_any_word_salad_gives_consistent_expressions(words, day):
    text = " ".join(words)
    for reference in (dt.datetime.combine(day, dt.time(9)), None):
        previous_end = 0
        for timex in times.find_times(text, reference):
            start, end = timex.time.span
            assert text[start:end] == timex.time.text and start >= previous_end - 40
            assert timex.time.type in ("DATE", "TIME", "DURATION", "SET")
            assert (timex.start is None) == (timex.end is None) and (timex.start is None or timex.start <= timex.end)
            assert (timex.start is None) == (timex.precision == "unknown")
            previous_end = end


def test_number_and_ordinal_words():
    assert parse_number_words("twenty-two") == 22
    assert parse_number_words("one hundred and five") == 105
    assert parse_number_words("three thousand two hundred") == 3200
    assert parse_number_words("a hundred") == 100
    assert parse_number_words("several") is None
    assert parse_ordinal_words("twenty-first") == 21
    assert parse_ordinal_words("thirtieth") == 30
    assert parse_ordinal_words("fifth") == 5
    assert one("the fifth of May 2021").time.value == "2021-05-05"


# ------------------------------------------------------------------ the scan's shortcuts
SCAN_TEXTS = [
    "Fighting lasted two days and about three weeks later more than 40 years had passed.",
    "about very very very very long days; two long long long long long days; a few weeks; an hour",
    "two " + "x" * 300 + " days, then at least five-day talks, up to 12 months and several centuries",
    "Twenty-one years ago, twice a week, once every day, a couple of hours, one day (two days).",
    "Caf\u00e9two days \u00e9two weeks two\u00e9 days \u2018three\u2019 years\n\nfour\ndays",
]


@pytest.mark.parametrize("text", SCAN_TEXTS)
def test_number_words_found_only_near_units_as_when_all_are_tried(text):
    """A dotless i makes the scan try every number word; the shortcut must find the same."""
    from dateline.stages.timex_scan import scan

    def spans(found):
        return [(c.kind, c.start, c.end, c.data) for c in found]

    assert spans(scan(text)) == spans(scan(text + " \u0131"))


# ------------------------------------------------------------------ days that share a month and a year
@settings(max_examples=150, deadline=None)
@given(date=st.dates(min_value=D(1900, 1, 1), max_value=D(2030, 12, 30)), form=st.integers(0, 2))
def test_two_days_in_a_row_share_their_month_and_year(date, form):
    following = date + dt.timedelta(days=1)
    if following.month != date.month:
        return
    month = MONTHS[date.month - 1]
    text = [f"{month} {date.day} and {following.day}, {date.year}",
            f"{date.day} and {following.day} {month} {date.year}",
            f"{date.day}-{following.day} {month} {date.year}"][form]
    timex = one(f"Villagers were killed with grenades and machetes on {text}, survivors said.",
                dt.datetime(2024, 4, 7, 9))
    assert timex.time.text == text
    assert (timex.time.value, timex.time.end) == (date.isoformat(), following.isoformat())
    assert (timex.start, timex.end, timex.basis) == (date, following, "explicit")


def test_two_days_apart_share_the_year_but_make_no_range():
    got = found("Militias attacked the camps on April 14 and 20, 1994, the report found.", dt.datetime(2024, 4, 7))
    assert got["April 14"].time.value == "1994-04-14" and got["April 14"].time.end is None
    assert "April 14 and 15" not in found("On April 14 and 15 soldiers were reported missing.")


# ------------------------------------------------------------------ the year said in words
@settings(max_examples=150, deadline=None)
@given(day=dates, month=st.integers(1, 12), dom=st.integers(1, 28), rel=st.sampled_from(["last", "this", "next"]),
       form=st.integers(0, 2))
def test_a_month_day_with_last_this_or_next_year(day, month, dom, rel, form):
    ref = dt.datetime.combine(day, dt.time(12))
    year = day.year + {"last": -1, "this": 0, "next": 1}[rel]
    text = [f"{MONTHS[month - 1]} {dom} {rel} year", f"{dom} {MONTHS[month - 1]} {rel} year",
            f"{MONTHS[month - 1]} {rel} year"][form]
    timex = one(f"No salaries have been paid since {text}, when gunmen attacked the mine.", ref)
    assert timex.time.text == text
    if form < 2:
        assert (timex.time.value, timex.start, timex.precision) == (D(year, month, dom).isoformat(),
                                                                    D(year, month, dom), "day")
    else:
        assert (timex.time.value, timex.start, timex.precision) == (f"{year}-{month:02d}", D(year, month, 1), "month")


def test_that_year_is_the_year_last_mentioned():
    got = found("Protests over bread prices began in January 2019 in Atbara. The uprising toppled Bashir in April "
                "that year, and elections were promised for the following year. Later that year, talks collapsed.",
                dt.datetime(2025, 3, 20))
    assert (got["April that year"].time.value, got["April that year"].precision) == ("2019-04", "month")
    assert got["the following year"].time.value == "2020"
    assert got["Later that year"].time.value == "2020"  # the last year mentioned is now 2020
    assert "that day" not in found("Police opened fire on the strikers. No officer in command that day was charged.")


@settings(max_examples=100, deadline=None)
@given(day=dates, weekday=st.integers(0, 6))
def test_a_weekday_after_for_is_the_coming_one(day, weekday):
    ref = dt.datetime.combine(day, dt.time(12))
    timex = one(f"The party called a nationwide general strike for {WEEKDAYS[weekday]}.", ref)
    assert day <= timex.start <= day + dt.timedelta(days=6)
    assert timex.start.weekday() == weekday and timex.future


def test_a_possessive_weekday_after_for_is_still_past():
    got = found("Police blamed the rebels for Sunday's attack on the convoy.", dt.datetime(2024, 4, 7, 9))
    assert got["Sunday's"].start == D(2024, 4, 7) and not got["Sunday's"].future
    assert found("Unions called a strike for Tuesday.", dt.datetime(2024, 4, 7, 9))["Tuesday"].start == D(2024, 4, 9)


@settings(max_examples=100, deadline=None)
@given(day=dates, weekday=st.integers(0, 6), years=st.integers(1, 60), spelled=st.booleans())
@example(day=dt.date(2016, 3, 1), weekday=0, years=4, spelled=False)  # Monday 29 February 2016 -> 2012
@example(day=dt.date(2016, 3, 1), weekday=0, years=1, spelled=True)  # -> 28 February 2015
def test_years_ago_on_a_weekday_is_that_day_so_many_years_back(day, weekday, years, spelled):
    ref = dt.datetime.combine(day, dt.time(12))
    words = (spell_number(years) if spelled else str(years)).capitalize()
    text = f"{words} years ago on {WEEKDAYS[weekday]}"
    timex = one(f"{text}, gunmen stormed the school and abducted 276 girls.", ref)
    that_day = day - dt.timedelta(days=(day.weekday() - weekday) % 7)
    try:
        expected = that_day.replace(year=that_day.year - years)
    except ValueError:  # 29 February in a year that has none
        expected = that_day.replace(year=that_day.year - years, day=28)
    assert timex.time.text == text
    assert (timex.time.value, timex.start, timex.end, timex.precision) == (expected.isoformat(), expected, expected, "day")
    assert one("Five years ago today, the dam burst.", dt.datetime(2024, 4, 14)).time.value == "2019-04-14"


def test_a_clock_time_is_not_on_the_day_something_was_said():
    monday = dt.datetime(2024, 4, 15, 9)
    got = found("Gunmen attacked the village of Kimba on Friday night. The attack began around 8pm, police said on "
                "Sunday.", monday)
    assert got["8pm"].time.value == "2024-04-12T20:00"
    got = found("Gunmen attacked the village on Friday. Police said on Sunday that the raid began shortly after "
                "midnight.", monday)
    assert got["midnight"].time.value == "2024-04-12T00:00"
    # with no other day in reach, the reporting day still stands in
    assert found("Police said on Sunday that the blast went off at 8pm.", monday)["8pm"].time.value == "2024-04-14T20:00"


def test_a_weekday_in_a_sentence_that_tells_an_earlier_day_is_of_that_week():
    doc = run("On 23 August 2013, two car bombs exploded outside the mosques as worshippers were leaving "
              "Friday prayers. Police said on Friday that the case was closed.")
    by_text = {t.time.text: t for t in doc.timexes}
    assert [t.start for t in doc.timexes if t.time.text == "Friday"] == [D(2013, 8, 23), D(2024, 2, 9)]
    assert by_text["23 August 2013"].start == D(2013, 8, 23)


def test_a_weekday_said_after_an_old_date_is_the_reporting_day():
    doc = run("The attack on 3 March 2019 killed 12 people, prosecutors said on Monday.")
    assert [t.start for t in doc.timexes if t.time.text == "Monday"] == [D(2024, 2, 12)]


def test_a_month_of_that_year_or_the_same_year_is_in_the_year_last_named():
    doc = run("Attacks on road crews have grown since 2018. In December of that year, rebels killed 17 "
              "workers. In March of the same year, two pilots had been seized.")
    by_text = {t.time.text: t for t in doc.timexes}
    assert by_text["December of that year"].start == D(2018, 12, 1)
    assert by_text["March of the same year"].start == D(2018, 3, 1)


def test_starting_on_a_weekday_after_an_announcement_is_the_coming_one():
    # published Tuesday 2024-02-13
    by_text = found("He also announced a night curfew in three villages, starting on Friday.")
    assert by_text["Friday"].start == D(2024, 2, 16) and by_text["Friday"].future
    assert found("Starting on Friday, protesters blocked the road.")["Friday"].start == D(2024, 2, 9)
