import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.readers.dateline_parse import cut_dateline, dateline_date, natural_case, parse_dateline
from dateline.readers.stamps import normalise_stamp

STYLES = [
    # (opening of a body, dateline text, place, source, body starts with)
    ("ARUSHA, Tanzania (Kilimanjaro Press) — Rangers arrested six suspected poachers.",
     "ARUSHA, Tanzania (Kilimanjaro Press)", "Arusha", "Kilimanjaro Press", "Rangers"),
    ("LAUSANNE, March 3 (Alpine Press) - Negotiators resumed talks on Sunday.",
     "LAUSANNE, March 3 (Alpine Press)", "Lausanne", "Alpine Press", "Negotiators"),
    ("KISUMU, Kenya, 12 November (RVW) – A court freed two fishermen.",
     "KISUMU, Kenya, 12 November (RVW)", "Kisumu", "RVW", "A court"),
    ("ACCRA — Traders shut their stalls in protest.", "ACCRA", "Accra", None, "Traders"),
    ("AMMAN (Levant Daily) - Jordan reopened the crossing.", "AMMAN (Levant Daily)", "Amman",
     "Levant Daily", "Jordan"),
    ("ADDIS ABABA, Ethiopia (Horn Wire) — The central bank raised rates.",
     "ADDIS ABABA, Ethiopia (Horn Wire)", "Addis Ababa", "Horn Wire", "The central"),
    ("PORT-AU-PRINCE, Haiti (Caribbean Desk) — Gangs blocked the road.",
     "PORT-AU-PRINCE, Haiti (Caribbean Desk)", "Port-au-Prince", "Caribbean Desk", "Gangs"),
    ("NEW DELHI: The election commission announced the schedule.", "NEW DELHI", "New Delhi", None, "The"),
    ("Quetta, Jan. 5 (Frontier Post Agency): Two policemen were wounded.",
     "Quetta, Jan. 5 (Frontier Post Agency)", "Quetta", "Frontier Post Agency", "Two"),
    ("HARARE/LUSAKA, Aug 9 (Zambezi Wire) - Both governments said the bridge would reopen.",
     "HARARE/LUSAKA, Aug 9 (Zambezi Wire)", "Harare", "Zambezi Wire", "Both"),
    ("DAKAR—Students marched on the ministry.", "DAKAR", "Dakar", None, "Students"),
    ("Chennai, Nov 21 (Coromandel News Service) The state government announced relief.",
     "Chennai, Nov 21 (Coromandel News Service)", "Chennai", "Coromandel News Service", "The state"),
    ("XIAMEN, March 3 (Strait Wire) -- Ferry links resumed.", "XIAMEN, March 3 (Strait Wire)", "Xiamen",
     "Strait Wire", "Ferry"),
    ("Juba, South Sudan — Floodwaters rose again.", "Juba, South Sudan", "Juba", None, "Floodwaters"),
    ("MINSK, May 9. /Belarus Wire/. Veterans laid wreaths at the memorial.", "MINSK, May 9. /Belarus Wire/",
     "Minsk", "Belarus Wire", "Veterans"),
]


@pytest.mark.parametrize(("opening", "text", "place", "source", "body"), STYLES)
def test_inline_dateline_styles(opening, text, place, source, body):
    found = parse_dateline(opening)
    assert found is not None
    assert (found.text, found.place, found.source) == (text, place, source)
    assert opening[found.end:].startswith(body)
    assert not found.own_line


def test_dateline_on_its_own_line():
    body = "Bishkek, October 2, Tien Shan Herald\nThe parliament voted on Tuesday to ..."
    found = parse_dateline(body)
    assert found.own_line
    assert (found.text, found.place, found.source) == ("Bishkek, October 2, Tien Shan Herald", "Bishkek",
                                                       "Tien Shan Herald")
    assert (found.month, found.day, found.year) == (10, 2, None)
    assert body[found.end:].startswith("The parliament")


@pytest.mark.parametrize("opening", [
    "Police said on Monday that 14 people had been arrested.",
    "EXCLUSIVE - Mining firm weighs sale of copper unit.",
    "UPDATE: The toll has risen to nine.",
    "In Kenya: farmers count the cost.",
    "By Tuesday evening, the toll had risen to 40 - officials said.",
    "Shortly after midnight — witnesses said — the first shells landed.",
    "Meanwhile, officials said — without giving details — that talks would resume.",
])
def test_sentences_are_not_datelines(opening):
    assert parse_dateline(opening) is None


def test_cut_dateline_keeps_other_paragraphs():
    found, paras = cut_dateline(["GAROWE (Puntland Wire) — Rain fell.", "More rain is due."])
    assert found.place == "Garowe"
    assert paras == ["Rain fell.", "More rain is due."]


def test_cut_dateline_drops_a_dateline_only_paragraph():
    found, paras = cut_dateline(["Mzuzu, 14 July, Lake Press", "Floods hit the north."])
    assert found.source == "Lake Press"
    assert paras == ["Floods hit the north."]


def test_credit_line_above_an_inline_dateline():
    found, paras = cut_dateline(["Andean Courier, May 2, 2024",
                                 "CUSCO, Peru (Andean Courier) — Protesters blocked the railway.", "More."])
    assert (found.text, found.place) == ("CUSCO, Peru (Andean Courier)", "Cusco")
    assert paras == ["Protesters blocked the railway.", "More."]


def test_natural_case():
    assert natural_case("DAR ES SALAAM") == "Dar es Salaam"
    assert natural_case("NAIROBI") == "Nairobi"
    assert natural_case("ZINDER-SUD") == "Zinder-Sud"  # not in the gazetteer: rule-based
    assert natural_case("Goma") == "Goma"


def test_year_comes_from_the_stamp_nearest_the_dateline():
    found = parse_dateline("KABUL, Dec 31 (Hindu Kush Wire) - Snow closed the Salang pass.")
    assert dateline_date(found, dt.date(2025, 1, 1)) == "2024-12-31"
    assert dateline_date(found, dt.date(2024, 12, 31)) == "2024-12-31"
    assert dateline_date(found) is None
    dated = parse_dateline("KABUL, Dec 30, 2023 (Hindu Kush Wire) - Snow closed the pass.")
    assert dateline_date(dated, dt.date(2025, 6, 1)) == "2023-12-30"


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)),
       st.sampled_from(["%B %d", "%d %B", "%b %d", "%b. %d"]))
def test_dateline_dates_round_trip(day, fmt):
    written = day.strftime(fmt).replace(" 0", " ")
    found = parse_dateline(f"GULU, {written} (Nile Dispatch) — Text.")
    assert (found.month, found.day) == (day.month, day.day)
    assert dateline_date(found, day) == day.isoformat()


@given(st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2080, 1, 1)),
       st.integers(min_value=-12 * 60, max_value=14 * 60).map(lambda m: m - m % 15))
def test_stamps_keep_their_own_offset(moment, offset_minutes):
    moment = moment.replace(microsecond=0)
    tz = dt.timezone(dt.timedelta(minutes=offset_minutes))
    aware = moment.replace(tzinfo=tz)
    expected = aware.isoformat()
    assert normalise_stamp(aware.isoformat()) == expected
    rfc = aware.strftime("%a, %d %b %Y %H:%M:%S %z")
    assert normalise_stamp(rfc) == expected
    assert normalise_stamp(moment.strftime("%Y-%m-%d %H:%M:%S")) == moment.isoformat()


@pytest.mark.parametrize(("written", "expected"), [
    ("2024-05-23T06:15:00Z", "2024-05-23T06:15:00+00:00"),
    ("2024-05-23T06:15+0300", "2024-05-23T06:15:00+03:00"),
    ("2024-05-23", "2024-05-23"),
    ("5 March 2024", "2024-03-05"),
    ("March 5, 2024 14:30 GMT", "2024-03-05T14:30:00+00:00"),
    ("Tue, 05 Mar 2024 14:30:00 EST", "2024-03-05T14:30:00-05:00"),
    ("sometime last spring", None),
    ("2024-02-30", None),
    ("", None),
])
def test_normalise_stamp(written, expected):
    assert normalise_stamp(written) == expected
