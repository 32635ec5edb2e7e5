"""Who a figure counts: the victims, not the doers ("two officers shot and killed a man" counts
the man; "Two soldiers killed in an ambush" the soldiers), whatever words modify them."""

import pytest

from dateline.stages.figures import find_figures


def short(text):
    return [(f.count.kind, f.count.min, f.count.who) for f in find_figures(text)]


@pytest.mark.parametrize("text, expected", [
    ("Two Dayton police officers shot and wounded a 19-year-old man late Friday.",
     [("injured", 1, "19-year-old man")]),
    ("Two police officers shot and wounded three teenagers outside a bar.", [("injured", 3, "teenagers")]),
    ("Gunmen shot and killed a trader in the market on Monday.", [("killed", 1, "trader")]),
    ("Three deputies shot and killed a man who had opened fire on them.", [("killed", 1, "man")]),
])
def test_the_object_of_an_active_verb_is_counted_not_its_subject(text, expected):
    assert short(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Two soldiers shot and killed in an ambush were buried on Sunday.", [("killed", 2, "soldiers")]),
    ("Two men were shot and wounded outside a bar on Friday.", [("injured", 2, "men")]),
    ("Four miners killed the day before were identified.", [("killed", 4, "miners")]),
    ("Three people killed, the army said.", [("killed", 3, None)]),
])
def test_a_bare_figure_word_after_its_victims_still_counts_them(text, expected):
    assert short(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The attack killed a US soldier and two American contractors.", [("killed", 3, "US soldier, American contractors")]),
    ("Militants killed two UN peacekeepers near the base.", [("killed", 2, "UN peacekeepers")]),
    ("They told us two people died.", [("killed", 2, None)]),
])
def test_an_abbreviation_in_capitals_modifies_the_victims(text, expected):
    assert short(text) == expected


def test_placed_under_arrest_counts_the_people_held():
    assert short("Three men were placed under arrest after the raid.") == [("detained", 3, "men")]
    assert short("Devon Mitchell was placed under arrest at the hospital.") == [("detained", 1, "Devon Mitchell")]
