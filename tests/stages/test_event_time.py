"""Which time dates an event, and what an anniversary frames: through the whole pipeline, on
invented statements and features where today's news and a remembered massacre share a page."""

from dateline.pipeline import process
from dateline.record import Article


def run(text, published):
    return process(Article(text=text, headline="Test story", published=published))


def violent(record):
    return sorted((e for e in record.events if e.type == "ASSAULT"), key=lambda e: e.trigger.span[0])


def killed(event):
    return next((c.min for c in event.counts if c.kind == "killed"), None)


STATEMENT = (
    "QUITO, 20 October 2025 — The Coastal Rights Commission condemns the killing of a street vendor and "
    "the excessive use of force by municipal guards who broke up a protest by market traders in Machala "
    "on Saturday.\n\n"
    "The municipality has denied that its guards opened fire on the traders. A man was killed by a "
    "bullet, and the authorities must establish who fired it.\n\n"
    "Today marks ten years since the Puerto Bolivar massacre. On 20 October 2015, soldiers opened fire "
    "on fishermen at the Puerto Bolivar docks, killing seven people and wounding more than 40. Two days "
    "later, in Huaquillas, police killed three more people. Nobody has been convicted for either massacre."
)


def test_later_anniversary_paragraph_does_not_make_todays_killing_history():
    rec = run(STATEMENT, "2025-10-20T09:00:00")
    current = [e for e in rec.events if e.type == "ASSAULT" and e.timing == "current"]
    assert current, [(e.trigger.text, e.timing) for e in rec.events]
    assert any(killed(e) == 1 for e in current)
    assert all(e.date.start >= "2025-10-01" for e in current)


def test_four_days_later_opening_a_sentence_dates_its_event_as_another_massacre():
    rec = run(STATEMENT, "2025-10-20T09:00:00")
    old = {e.date.start: e for e in violent(rec) if e.timing == "historical"}
    assert killed(old["2015-10-20"]) == 7
    assert killed(old["2015-10-22"]) == 3  # not merged into the first, nor into today's killing
    assert old["2015-10-22"].location.name == "Huaquillas"


def test_a_figure_after_a_denial_is_not_the_denied_event():
    rec = run(STATEMENT, "2025-10-20T09:00:00")
    denied = [e for e in rec.events if e.timing == "negated"]
    assert denied and all(killed(e) is None for e in denied)


def test_date_before_when_clause_dates_the_clause_not_the_commemoration():
    rec = run("On Wednesday, Armenians will mark the 35th anniversary of March 3, 1990, when Soviet troops "
              "broke up a student hunger strike in Yerevan, killing 14 people. Hundreds more were injured.",
              "2025-03-01T10:00:00")
    (ev,) = [e for e in violent(rec) if killed(e) == 14]
    assert (ev.date.start, ev.timing) == ("1990-03-03", "historical")


def test_a_time_later_in_the_sentence_still_dates_what_came_later_only():
    rec = run("Gunmen kidnapped 40 farmers near Gusau on Monday; they were freed three days later.",
              "2024-03-14T10:00:00")
    (ev,) = violent(rec)
    assert ev.date.start == "2024-03-11"


def test_an_event_a_day_before_the_sentence_s_own_day_is_dated_that_day_before():
    rec = run("Azerbaijan on Thursday denied shelling the village of Tegh near the border, a day after Armenian "
              "officials accused Azerbaijani troops of firing mortar rounds at it late on Tuesday.",
              "2024-09-12T10:00:00")
    accused = next(e for e in rec.events if e.type == "ACCUSE")
    assert accused.date.start == "2024-09-11"
    shelling = next(e for e in rec.events if e.type == "ASSAULT")
    assert shelling.date.start == "2024-09-10"
