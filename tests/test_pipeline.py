"""The whole pipeline on odd input: it never crashes, and every span it reports slices the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.pipeline import process
from dateline.record import Article

WORDS = ["police", "said", "on", "Monday", "killed", "12", "people", "in", "Kabul", "the", "attack", "“", "”", '"',
         "at least", "dozens", "were", "injured", "anniversary", "34th", "of", "January 20", "1990", ",", ".", "\n\n",
         "Tripoli", "Georgia", "protesters", "detained", "denied", "shelling", "will", "meet", "next week", "no one",
         "was", "hurt", "Dr.", "U.N.", "’s", "—", "(", ")", "floods", "bus", "crash", "threatened", "to", "kill",
         "Ms", "Amina", "Yusuf", "spokesman", "condemned", "called on", "a day after", "since", "2019", "ago",
         "two days", "late", "Tuesday", "overnight into Wednesday", "rose to 35 from 20", "between 10 and 15"]


def _check(record) -> None:
    text = record.article.text
    n = len(text)
    for ent in record.entities:
        for s, e in ent.spans:
            assert 0 <= s < e <= n
    for t in record.times:
        assert text[t.span[0]:t.span[1]] == t.text
    for ev in record.events:
        s, e = ev.trigger.span
        assert text[s:e] == ev.trigger.text
        for s, e in ev.evidence:
            assert 0 <= s < e <= n
        for c in ev.counts:
            assert c.span is None or 0 <= c.span[0] < c.span[1] <= n
            assert c.min is None or c.max is None or c.min <= c.max
        if ev.date and ev.date.start and ev.date.end:
            assert ev.date.start <= ev.date.end
    for q in record.quotes:
        assert 0 <= q.span[0] <= q.span[1] <= n


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=80),
       st.sampled_from([None, "2024-02-13T10:00:00", "2024-01-01", "1999-12-31T23:59:00+05:30"]))
def test_word_salad_never_breaks_the_pipeline(words, published):
    text = " ".join(words)
    record = process(Article(text=text, headline="Headline", published=published))
    _check(record)
    assert record.to_json()["schema"] == "dateline.record/1"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_unicode_text_never_breaks_the_pipeline(text):
    _check(process(Article(text=text, headline=None, published="2024-05-01T08:00:00")))
