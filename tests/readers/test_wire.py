import hashlib

import pytest

from dateline.errors import ReadError
from dateline.readers import read
from dateline.readers.wire import parse_byline, parse_footer, parse_published_line


def one(path):
    articles = list(read(path))
    assert len(articles) == 1
    return articles[0]


def test_full_wire_story(write, wire_story):
    path = write("kisumu.txt", wire_story)
    a = one(path)
    assert a.headline == "Floodwaters cut main road to Kisumu as lake rises to record level"
    assert a.byline == "Achieng Otieno"
    assert a.source == "Rift Valley Wire"  # the dateline's agency wins over the byline's outlet
    assert a.dateline.text == "KISUMU, Kenya, 4 May (Rift Valley Wire)"
    assert a.dateline.place == "Kisumu"
    assert a.section == "Africa"
    assert a.published == "2024-05-04T15:42:10"
    assert a.text.startswith("Rising water in Lake Victoria")
    assert a.text.endswith("over the western highlands this week.")
    assert "Reporting by" not in a.text and "2024-05-04" not in a.text
    assert a.text.count("\n\n") == 3
    assert "“We have never seen the lake come this far inland,”" in a.text  # curly quotes kept
    assert a.origin.path == path and a.origin.index is None
    assert a.origin.sha256 == hashlib.sha256(wire_story.encode()).hexdigest()
    assert a.origin.retrieved.endswith("+00:00")


def test_own_line_dateline_and_single_newline_paragraphs(write, own_line_story):
    a = one(write("tashkent.txt", own_line_story))
    assert a.dateline.text == "Tashkent, March 3, Silk Road News"
    assert (a.dateline.place, a.source, a.section) == ("Tashkent", "Silk Road News", "Region")
    assert a.published == "2024-03-03T11:05:00"
    assert a.text.startswith("The country's human rights ombudsman")
    assert len(a.text.split("\n\n")) == 3


def test_byline_outlet_is_the_source_without_a_dateline(write):
    story = (
        "Chile orders evacuation as wildfire nears Valparaiso hills\n\n"
        "By Tomás Irarrázaval, The Pacific Chronicle\n\n"
        "Chile's government ordered thousands of residents to leave their homes in the hills above "
        "Valparaiso on Friday as a wildfire driven by strong winds moved towards the city.\n\n"
        "Firefighters said the blaze had already burned 3,000 hectares of forest.\n\n"
        "Americas 2025-02-07 22:10:00\n"
    )
    a = one(write("valpo.txt", story))
    assert (a.byline, a.source, a.dateline) == ("Tomás Irarrázaval", "The Pacific Chronicle", None)
    assert a.text.startswith("Chile's government ordered")


def test_published_line_and_dateline_date_without_footer(write):
    story = (
        "Lesotho court postpones treason trial again\n"
        "Published: 14 June 2024 09:45 SAST\n\n"
        "MASERU, June 14 (Highlands Press) - The High Court on Friday postponed the treason trial "
        "of three former army officers for the fourth time.\n\n"
        "ENDS\n"
    )
    a = one(write("maseru.txt", story))
    assert a.published == "2024-06-14T09:45:00+02:00"
    assert a.section is None
    assert a.text == ("The High Court on Friday postponed the treason trial of three former army "
                      "officers for the fourth time.")

    dated_only = story.replace("Published: 14 June 2024 09:45 SAST\n", "").replace("June 14", "June 14, 2024")
    assert one(write("maseru2.txt", dated_only)).published == "2024-06-14"
    undated = story.replace("Published: 14 June 2024 09:45 SAST\n", "")
    assert one(write("maseru3.txt", undated)).published is None  # no year anywhere: no guess


def test_agency_signoff_and_no_dateline(write):
    story = (
        "Fishermen protest new quota rules in Mauritania\n\n"
        "LAGOS — Hundreds of fishermen rallied outside the fisheries ministry on Wednesday.\n\n"
        "They said the new quotas would ruin small boat owners. (Additional reporting by Sidi Ould Ahmed)\n\n"
        "-- SAHARA PRESS AGENCY\n"
    )
    a = one(write("nouak.txt", story))
    assert a.dateline.text == "LAGOS" and a.dateline.place == "Lagos"
    assert a.source == "SAHARA PRESS AGENCY"
    assert a.text.endswith("would ruin small boat owners.")


def test_standfirst_above_the_dateline_is_not_body(write):
    story = (
        "Zambia declares drought a national disaster\n\n"
        "Crop failure leaves a million households short of food, the president says.\n\n"
        "LUSAKA, Feb 29 (Copperbelt Wire) - Zambia declared the drought a national disaster on Thursday.\n\n"
        "The maize harvest is expected to fall by half.\n\n"
        "Africa 2024-02-29 18:00:00\n"
    )
    a = one(write("lusaka.txt", story))
    assert a.dateline.place == "Lusaka" and a.source == "Copperbelt Wire"
    assert a.text == ("Zambia declared the drought a national disaster on Thursday.\n\n"
                      "The maize harvest is expected to fall by half.")


def test_rights_notice_is_not_story_text(write):
    story = (
        "Sri Lanka raises fuel prices for second time this year\n\n"
        "COLOMBO, Oct 2 (Lanka Newswire) - Sri Lanka raised fuel prices by up to 8% on Wednesday.\n\n"
        "Bus operators said fares would follow.\n\n"
        "Copyright © 2024 Lanka Newswire. All rights reserved. This material may not be published, "
        "broadcast, rewritten or redistributed.\n"
    )
    a = one(write("colombo.txt", story))
    assert a.text.endswith("Bus operators said fares would follow.")
    assert "Copyright" not in a.text


def test_hard_wrapped_text_is_joined(write):
    story = (
        "Storm knocks out power across Mauritius\n\n"
        "PORT LOUIS (Island Wire) - Cyclone Belal knocked out power to\n"
        "about a third of homes on Monday and flooded the capital's\n"
        "main market, the utility said.\n\n"
        "Schools will stay shut on Tuesday.\n"
    )
    a = one(write("mru.txt", story))
    assert a.dateline.place == "Port Louis"
    assert a.text == ("Cyclone Belal knocked out power to about a third of homes on Monday and flooded "
                      "the capital's main market, the utility said.\n\nSchools will stay shut on Tuesday.")


def test_same_story_read_twice_has_the_same_id(write, wire_story):
    first = one(write("a.txt", wire_story))
    second = one(write("copy/b.txt", wire_story.replace("\n", "\r\n"), gz=True))
    assert first.id == second.id and first.id.startswith("sha256:")
    edited = one(write("c.txt", wire_story.replace("1,200 families", "1,300 families")))
    assert edited.id != first.id


def test_headline_only_is_an_error(write):
    with pytest.raises(ReadError, match="no body text"):
        one(write("h.txt", "Just a headline\n\nAfrica 2024-01-01 10:00:00\n"))


def test_a_one_line_event_note_is_the_story_not_a_headline(write):
    note = ("On 2 March 2024, unknown gunmen shot dead a trader at a market in Gulu town. "
            "Police arrested one suspect.")
    article = one(write("note.txt", note + "\n"))
    assert article.headline is None
    assert article.text == note


@pytest.mark.parametrize(("line", "expected"), [
    ("By Jane Doe, The Example Herald", ("Jane Doe", "The Example Herald")),
    ("By Jane Doe", ("Jane Doe", None)),
    ("By Kofi Mensah and Ama Owusu in Kumasi", ("Kofi Mensah and Ama Owusu", None)),
    ("By Jane Doe, Staff Writer", ("Jane Doe", None)),
    ("By Tuesday evening, the toll had risen", None),
])
def test_parse_byline(line, expected):
    assert parse_byline(line) == expected


def test_header_and_footer_lines():
    assert parse_published_line("Published: 2024-03-05T14:30:00+01:00") == "2024-03-05T14:30:00+01:00"
    assert parse_published_line("Updated 5 March 2024") == "2024-03-05"
    assert parse_published_line("Publishers agreed to the deal") is None
    assert parse_footer("Days of remembrance 2024-01-19 13:28:00") == ("Days of remembrance", "2024-01-19T13:28:00")
    assert parse_footer("2024-01-19 13:28") == (None, "2024-01-19T13:28:00")
    assert parse_footer("Troops withdrew in 2024.") is None
