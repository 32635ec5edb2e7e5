"""Number expressions of casualty figures: parse_number, find_numbers, alternation."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.lexicons import load
from dateline.stages.numbers import alternation, find_numbers, numeral_value, parse_number

_QUALIFIERS = load("figures")["qualifiers"]

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(n: int, joiner: str = "-", use_and: bool = True) -> str:
    """Our own English writer for 0..999 (independent of the parser under test)."""
    if n < 10:
        return _UNITS[n]
    if n < 20:
        return _TEENS[n - 10]
    if n < 100:
        tens, units = divmod(n, 10)
        return _TENS[tens] + (joiner + _UNITS[units] if units else "")
    hundreds, rest = divmod(n, 100)
    head = _UNITS[hundreds] + " hundred"
    if not rest:
        return head
    return head + (" and " if use_and else " ") + spell(rest, joiner, use_and)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17", (17, 17, "exact")),
        ("1,700", (1700, 1700, "exact")),
        ("1.5 million", (1_500_000, 1_500_000, "exact")),
        ("twenty-two", (22, 22, "exact")),
        ("Nine", (9, 9, "exact")),
        ("a hundred", (100, 100, "exact")),
        ("two thousand five hundred", (2500, 2500, "exact")),
        ("at least 12", (12, None, "at_least")),
        ("more than 4,000", (4000, None, "at_least")),
        ("over 40", (40, None, "at_least")),
        ("upwards of 300", (300, None, "at_least")),
        ("about 100", (100, 100, "about")),
        ("some 5,000", (5000, 5000, "about")),
        ("nearly 200", (200, 200, "about")),
        ("an estimated 10,000", (10000, 10000, "about")),
        ("up to 30", (None, 30, "up_to")),
        ("as many as 30", (None, 30, "up_to")),
        ("between 10 and 15", (10, 15, "range")),
        ("between 7,000 and 10,000", (7000, 10000, "range")),
        ("10 to 15", (10, 15, "range")),
        ("two or three", (2, 3, "range")),
        ("10-15", (10, 15, "range")),
        ("a dozen", (12, 12, "about")),
        ("half a dozen", (6, 6, "about")),
        ("two dozen", (24, 24, "about")),
        ("more than a dozen", (12, None, "at_least")),
        ("dozens", (24, None, "vague")),
        ("Dozens of", (24, None, "vague")),
        ("scores", (40, None, "vague")),
        ("hundreds", (200, None, "vague")),
        ("thousands", (2000, None, "vague")),
        ("tens of thousands", (20000, None, "vague")),
        ("no one", (0, 0, "exact")),
        ("nobody", (0, 0, "exact")),
        ("none", (0, 0, "exact")),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "people", "2.5", "15 to 10", "between 9 and 3", "34th", "several", "a"])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


def test_numeral_value_rejects_fractions_of_people():
    assert numeral_value("2.5") is None
    assert numeral_value("2.5 million") == 2_500_000


def _found(text):
    return [(text[n.start:n.end], n.value) for n in find_numbers(text)]


def test_find_numbers_takes_the_qualifier_in():
    text = "Medics treated more than 40 people and an estimated 300 were evacuated."
    assert _found(text) == [("more than 40", (40, None, "at_least")), ("an estimated 300", (300, 300, "about"))]


def test_find_numbers_skips_ages_money_percent_times_and_ordinals():
    text = ("A 34-year-old driver, the 5th victim, lost 40% of his savings, $32,000, "
            "at 11:30 on Route 9, aged 61.")
    assert [t for t, _ in _found(text)] == ["9", "61"]  # context filters (route, aged) are the stage's job


def test_find_numbers_reads_a_range_as_one_number():
    text = "Between 7,000 and 10,000 residents were hurt, and 3 to 5 were missing."
    assert _found(text) == [("Between 7,000 and 10,000", (7000, 10000, "range")), ("3 to 5", (3, 5, "range"))]


def test_find_numbers_does_not_glue_a_year_to_the_next_count():
    text = "In 2019, 148 people died."
    assert _found(text) == [("2019", (2019, 2019, "exact")), ("148", (148, 148, "exact"))]


def test_find_numbers_reads_no_one_as_zero_not_one():
    [n] = find_numbers("No one was hurt.")
    assert (n.start, n.end, n.value, n.zero) == (0, 6, (0, 0, "exact"), True)


def test_find_numbers_offsets_are_absolute():
    text = "Intro. Police held 12 people."
    [n] = find_numbers(text, 7)
    assert text[n.start:n.end] == "12"


def test_find_numbers_ignores_number_words_inside_other_words():
    assert _found("Someone often phones the network.") == []


def test_alternation_prefers_the_longest_phrase():
    pattern = re.compile(rf"\b(?:{alternation(['shot', 'shot dead', 'shot  and killed'])})\b", re.I)
    assert pattern.search("they were Shot\nDead").group() == "Shot\nDead"
    assert pattern.search("he was shot and killed").group() == "shot and killed"


# ---------------------------------------------------------------- properties
@given(st.integers(min_value=0, max_value=10**6), st.booleans())
def test_any_count_with_or_without_separators_parses_to_itself(n, separators):
    text = f"{n:,}" if separators else str(n)
    assert parse_number(text) == (n, n, "exact")


@given(st.integers(min_value=0, max_value=999), st.sampled_from(["-", " "]), st.booleans(), st.booleans())
def test_number_words_parse_back(n, joiner, use_and, capital):
    text = spell(n, joiner, use_and)
    text = text.capitalize() if capital else text
    assert parse_number(text) == (n, n, "exact")


@given(st.integers(min_value=0, max_value=10**5), st.integers(min_value=0, max_value=10**5))
def test_between_a_and_b_is_a_range(a, b):
    low, high = min(a, b), max(a, b)
    assert parse_number(f"between {low:,} and {high:,}") == (low, high, "range")


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(sorted(_QUALIFIERS["at_least"])))
def test_at_least_words_give_a_lower_bound(n, qualifier):
    assert parse_number(f"{qualifier} {n:,}") == (n, None, "at_least")


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(sorted(_QUALIFIERS["about"])))
def test_about_words_give_the_number_both_ways(n, qualifier):
    assert parse_number(f"{qualifier} {n}") == (n, n, "about")


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(sorted(_QUALIFIERS["up_to"])))
def test_up_to_words_give_an_upper_bound(n, qualifier):
    assert parse_number(f"{qualifier} {n:,}") == (None, n, "up_to")


@given(st.integers(min_value=0, max_value=999))
def test_find_numbers_finds_a_spelled_count_in_a_sentence(n):
    text = f"Officials said {spell(n)} people were hurt."
    [found] = find_numbers(text)
    assert text[found.start:found.end] == spell(n)
    assert found.value == (n, n, "exact")


@given(st.integers(min_value=1, max_value=110), st.sampled_from(["-", "\u2010", "\u2011", "\u2012", "\u2013", " "]),
       st.sampled_from(["year", "years", "month", "week"]), st.sampled_from(["old", "olds"]))
def test_an_age_is_never_a_number_whatever_the_hyphen(n, dash, unit, old):
    text = f"Gunmen shot dead {n}{dash}{unit}{dash}{old} Ali Musa and his brother."
    assert find_numbers(text) == []


def test_find_numbers_reads_a_qualifier_at_the_start_of_a_later_sentence():
    text = "Intro. Some 5,000 were killed. Nearly 40 fled."
    found = [(text[n.start:n.end], n.value) for n in find_numbers(text, 7, 29)]
    assert found == [("Some 5,000", (5000, 5000, "about"))]
    found = [(text[n.start:n.end], n.value) for n in find_numbers(text, 30)]
    assert found == [("Nearly 40", (40, 40, "about"))]
