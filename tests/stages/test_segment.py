"""Sentences, paragraphs and quotations of the segment stage."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.doc import Doc
from dateline.record import Article
from dateline.stages import segment


def segmented(text: str) -> Doc:
    doc = Doc(Article(text=text))
    segment.apply(doc)
    return doc


def sentences(text: str) -> list[str]:
    doc = segmented(text)
    return [doc.sentence_text(i) for i in range(len(doc.sentences))]


def test_contract():
    assert segment.REQUIRES == ("article",)
    assert segment.SETS == "sentences"


def test_titles_and_abbreviations_do_not_end_sentences():
    text = ("Mr. Ali Musa met Gen. Haruna Bello and Lt.-Col. Sadiq Umar at the barracks. "
            "Prof. Ngozi Eze, the U.N. envoy, joined them. The U.S. Embassy sent Dr. Jane Holt.")
    assert sentences(text) == [
        "Mr. Ali Musa met Gen. Haruna Bello and Lt.-Col. Sadiq Umar at the barracks.",
        "Prof. Ngozi Eze, the U.N. envoy, joined them.",
        "The U.S. Embassy sent Dr. Jane Holt.",
    ]


def test_ambiguous_abbreviation_ends_sentence_before_an_opener():
    text = "The sanctions were imposed by the U.S. The ministry called them illegal."
    assert sentences(text) == ["The sanctions were imposed by the U.S.", "The ministry called them illegal."]


def test_initials_decimals_numbers_and_months():
    text = ("The report by J. R. Okafor and Amina T. Bello counted 2.5 million displaced people. "
            "Talks resume at No. 5 Marina Road on Jan. 12 at 10 a.m. Monday. "
            "They ended at 4 p.m. Police later cleared the road.")
    assert sentences(text) == [
        "The report by J. R. Okafor and Amina T. Bello counted 2.5 million displaced people.",
        "Talks resume at No. 5 Marina Road on Jan. 12 at 10 a.m. Monday.",
        "They ended at 4 p.m.",
        "Police later cleared the road.",
    ]


def test_question_inside_quote_followed_by_speaker_is_one_sentence():
    text = "“Where is my son?” the mother asked. “Nobody knows!” Fatima Idris said. Then she left."
    assert sentences(text) == ["“Where is my son?” the mother asked.", "“Nobody knows!” Fatima Idris said.",
                               "Then she left."]


def test_sentence_ends_after_closing_quote_and_before_digits_and_quotes():
    text = 'He said: "We are leaving." 40 families left on Monday. "It is over," she said.'
    assert sentences(text) == ['He said: "We are leaving."', "40 families left on Monday.",
                               '"It is over," she said.']


def test_one_paragraph_per_line_wire_text():
    text = ("Gunmen killed four people in Dutsin-Ma on Sunday, police said.\n"
            "The attackers arrived on motorbikes. They fled before troops came.\n\n"
            "   Residents buried the dead on Monday.   \n")
    doc = segmented(text)
    assert [(doc.sentence_text(i), s.paragraph) for i, s in enumerate(doc.sentences)] == [
        ("Gunmen killed four people in Dutsin-Ma on Sunday, police said.", 0),
        ("The attackers arrived on motorbikes.", 1),
        ("They fled before troops came.", 1),
        ("Residents buried the dead on Monday.", 2),
    ]


def test_in_quote_across_sentences():
    text = ("The governor spoke on Monday. “We will rebuild every school. No child will be left behind. "
            "We start next week,” he said. The schools reopened in May.")
    doc = segmented(text)
    assert [s.in_quote for s in doc.sentences] == [False, True, True, True, False]


def test_in_quote_continues_into_reopened_paragraph():
    text = ("Halima Yusuf said the camp was full. “We have no tents left. Families sleep outside.\n"
            "“The rains start next month. We need help now,” she said.\n"
            "Aid agencies said supplies were on the way.")
    doc = segmented(text)
    flags = [(doc.sentence_text(i)[:20], s.in_quote) for i, s in enumerate(doc.sentences)]
    assert flags == [
        ("Halima Yusuf said th", False),
        ("“We have no tents le", True),
        ("Families sleep outsi", True),
        ("“The rains start nex", True),
        ("We need help now,” s", True),
        ("Aid agencies said su", False),
    ]
    quotes = segment.quotations(text, segment.paragraph_spans(text))
    assert len(quotes) == 1
    assert quotes[0].closed and len(quotes[0].reopened) == 1


def test_long_statement_opened_once_and_closed_paragraphs_later():
    text = ("The commissioner issued a statement on Friday.\n"
            "The statement reads: “Ten years have passed since the massacre.\n"
            "Nobody has been tried for it.\n"
            "We call on the courts to act.”\n"
            "The statement was read out at the memorial.")
    doc = segmented(text)
    assert [s.in_quote for s in doc.sentences] == [False, True, True, True, False]
    quotes = segment.quotations(text, segment.paragraph_spans(text))
    assert len(quotes) == 1 and quotes[0].closed
    assert text[quotes[0].inner[0]:quotes[0].inner[1]].endswith("We call on the courts to act.")


def test_unclosed_quote_does_not_leak_into_next_paragraph():
    text = ('Musa said: "We will not go back\n'
            'The army said "order has been restored" in the town. Shops reopened.')
    quotes = segment.quotations(text, segment.paragraph_spans(text))
    assert [(text[q.inner[0]:q.inner[1]], q.closed) for q in quotes] == [
        ("We will not go back", False), ("order has been restored", True)]
    assert segmented(text).sentences[-1].in_quote is False


def test_straight_quotes_are_paired_by_context():
    text = 'Residents called it "collective punishment" and said: "We were not warned, not once."'
    quotes = segment.quotations(text, segment.paragraph_spans(text))
    assert [text[q.inner[0]:q.inner[1]] for q in quotes] == ["collective punishment", "We were not warned, not once."]


_ALPHABET = st.sampled_from(list("abc XYZ.!?,;:\"“”'()\n\t\r\u00a0\u2028…0123456789")
                            + ["Mr.", "U.S.", " a.m. ", "No. ", "\n\n", "?” he said. "])


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_sentences_partition_the_text(text):
    doc = segmented(text)
    previous_end = 0
    covered = set()
    for s in doc.sentences:
        assert previous_end <= s.start < s.end <= len(text)
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        covered.update(range(s.start, s.end))
        previous_end = s.end
    assert covered >= {i for i, ch in enumerate(text) if not ch.isspace()}
    paragraphs = [s.paragraph for s in doc.sentences]
    assert paragraphs == sorted(paragraphs)
    for s in doc.sentences:
        assert "\n" not in text[s.start:s.end] and "\r" not in text[s.start:s.end]


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_quick_scans_find_what_the_patterns_define(text):
    expected = []  # every line of [^\r\n]+, stripped, unless blank
    for m in re.finditer(r"[^\r\n]+", text):
        line = m.group()
        if line.strip():
            start = m.start() + len(line) - len(line.lstrip())
            expected.append((start, start + len(line.strip())))
    paragraphs = segment.paragraph_spans(text)
    assert paragraphs == expected
    # the sentence-end candidates split_sentences weighs: _END read over each paragraph alone
    inside = [m.span() for m in segment._candidate_ends(text)
              if any(ps <= m.start() and m.end() < pe for ps, pe in paragraphs)]
    assert inside == [m.span() for ps, pe in paragraphs for m in segment._END.finditer(text, ps, pe)]
    assert segment._offsets(text, "“”\"") == [i for i, ch in enumerate(text) if ch in "“”\""]
