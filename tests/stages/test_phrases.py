"""phrases.PhraseSet: whole-word lexicon phrases, answered like a longest-first regex alternation."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.doc import Doc
from dateline.record import Article
from dateline.stages.phrases import PhraseSet

AGENTS = ["police", "riot police", "security forces", "forces", "gunmen", "troops", "soldiers"]


def doc_of(text: str) -> Doc:
    return Doc(article=Article(id="t", text=text))


def regex_of(phrases) -> re.Pattern:
    alternation = "|".join(re.escape(p).replace(r"\ ", r"\s") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


def test_longest_phrase_wins_and_matches_do_not_overlap():
    doc = doc_of("Riot police and security forces fired on gunmen; troops stayed back.")
    agents = PhraseSet("test.agents", AGENTS)
    found = [doc.text[s:e] for s, e in agents.finditer(doc, 0, len(doc.text))]
    assert found == ["Riot police", "security forces", "gunmen", "troops"]


def test_only_whole_words_count():
    doc = doc_of("The policeman and the anti-police protesters met the soldiers-in-training.")
    agents = PhraseSet("test.agents", AGENTS)
    assert agents.finditer(doc, 0, len(doc.text)) == []


def test_a_line_break_between_the_words_of_a_phrase():
    doc = doc_of("Heavily armed security\nforces surrounded the building.")
    found = PhraseSet("test.agents", AGENTS).search(doc, 0, len(doc.text))
    assert found is not None and doc.text[found[0]:found[1]] == "security\nforces"


def test_the_left_boundary_of_a_range_looks_at_the_text_unless_it_is_an_edge():
    doc = doc_of("Unpoliced streets, then police arrived.")
    agents = PhraseSet("test.agents", AGENTS)
    start = doc.text.index("policed")
    assert agents.search(doc, start, start + 6) is None  # inside "Unpoliced"
    assert agents.match(doc, doc.text.index("police "), len(doc.text)) == (24, 30)
    assert agents.match(doc, doc.text.index("then"), len(doc.text)) is None


def test_a_range_cut_out_of_the_text_counts_its_start_as_a_word_start():
    doc = doc_of("Thousands of counter-troops marched.")
    agents = PhraseSet("test.agents", AGENTS)
    start = doc.text.index("troops")
    assert agents.search(doc, start, len(doc.text)) is None
    assert agents.search(doc, start, len(doc.text), edge=True) == (start, start + 6)


WORDS = st.sampled_from(["police", "riot", "forces", "security", "gunmen", "troops", "the", "Police", "SOLDIERS",
                         "anti", "men", "soldier", "-", ",", "x"])


@settings(max_examples=300, deadline=None)
@given(words=st.lists(WORDS, max_size=14), seps=st.lists(st.sampled_from([" ", "-", "", "\n", ", "]), max_size=14),
       cut=st.integers(min_value=0, max_value=40))
def test_agrees_with_the_regex_alternation_it_replaces(words, seps, cut):
    text = "".join(w + (seps[i] if i < len(seps) else " ") for i, w in enumerate(words))
    doc = doc_of(text)
    agents = PhraseSet("test.agents", AGENTS)
    regex = regex_of(AGENTS)
    start = min(cut, len(text))
    expected = [m.span() for m in regex.finditer(text, start) if not re.match(r"[\w-]", text[m.end():m.end() + 1])]
    assert agents.finditer(doc, start, len(text)) == expected
    first = regex.search(text, start)
    assert (agents.search(doc, start, len(text)) is not None) == (first is not None)


def test_shared_sets_are_found_in_one_pass_and_answer_like_sets_of_their_own():
    text = "Police said no one was hurt when troops could not reach the gunmen near the border."
    alone = [PhraseSet("alone.agents", AGENTS), PhraseSet("alone.modals", ["could", "no", "no one", "might"])]
    shared = [PhraseSet("shared.agents", AGENTS, shared=True),
              PhraseSet("shared.modals", ["could", "no", "no one", "might"], shared=True)]
    doc = doc_of(text)
    for own, common in zip(alone, shared, strict=True):
        assert common.finditer(doc, 0, len(text)) == own.finditer(doc, 0, len(text))
        assert common.occurrences(doc) == own.occurrences(doc)
    assert [text[s:e] for s, e in shared[1].finditer(doc, 0, len(text))] == ["no one", "could"]
