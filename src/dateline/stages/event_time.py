"""Which time expression dates an event mention.

Each time expression of a sentence goes to the nearest trigger, counting clause breaks as
distance ("A court on Tuesday sentenced a man for a raid": Tuesday is the court's); one that
opens the sentence governs every trigger. Reporting times ("said on Wednesday") and toll
updates ("rose to 35 on Thursday") never date a non-statement event, and "on Tuesday, a day
after X" dates X to Monday. A current event the text leaves undated may still take the day its
sentence reports on (``context_timex``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from ..doc import Doc, TimeX
from ..record import Time
from .phrases import caseless, folded
from .triggers import TriggerMatch

# Whether these occur is all that is asked of them, so each is spelt as x(?<!\wx)... instead of
# \b(?:x...): alternatives that open with a plain letter let the regex engine skip positions
# at the first character (see participants._CLAUSE_BREAK).
REPORTING = re.compile(  # said|says|say|told|tells|reported|reports|announced|confirmed|added|stated|...
    r"s(?<!\ws)(?:aid|ays|ay|tated|tatement|entenced)\b|t(?<!\wt)(?:old|ells)\b"
    r"|r(?<!\wr)(?:eported|eports|ose|isen|eached|evised|uled)\b|a(?<!\wa)(?:nnounced|dded|ccused|ccording)\b"
    r"|c(?<!\wc)(?:onfirmed|ondemned|alled|limbed|oncluded|onvicted)\b|d(?<!\wd)(?:enied|enies|emanded|eclared)\b"
    r"|u(?<!\wu)(?:rged|pdated)\b|j(?<!\wj)umped\b|i(?<!\wi)ncreased\b|f(?<!\wf)ound\b|e(?<!\we)stimated\b"
)  # lower case only: "Port Said" is a place
_SUBORDINATOR = re.compile(  # after|before|since|following|when|until
    r"a(?<!\wa)fter\b|b(?<!\wb)efore\b|s(?<!\ws)ince\b|f(?<!\wf)ollowing\b|w(?<!\ww)hen\b|u(?<!\wu)ntil\b")
_LATER = re.compile(r"\b(?:later|afterwards|thereafter)$", re.IGNORECASE)
_CLOCK_ONLY = re.compile(r"^(?:about\s+|around\s+|at\s+|(?:shortly|just|soon)\s+(?:before|after)\s+)?"
                         r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|hrs|h|GMT|UTC)?(?:\s+local\s+time)?"
                         r"|midnight|noon|midday|dawn|dusk|daybreak|nightfall|sunrise|sunset)$", re.IGNORECASE)
# "since January": where a span starts, not when an event happened
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:early\s+|late\s+|mid-?)?$", re.IGNORECASE)
_SINCE_NAMED = re.compile(r"s(?<!\ws)ince\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,4}\s+(?:in|on)\s+$")
# "the 17th citizen detained so far this year", "so far in 2023": a tally's span, not the event's date
_SO_FAR_BEFORE = re.compile(r"\b(?:so\s+far|to\s+date|thus\s+far)\s+(?:in\s+|during\s+)?$", re.IGNORECASE)
# "would not open negotiations until 2028, triggering protests": a bound, never an event's date
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through|by)\s+(?:at\s+least\s+|early\s+|late\s+|mid-?)?$", re.I)
# the three above for the folded text (see phrases.caseless), each alternative opening with a
# plain letter so that the regex engine skips most positions
_SINCE_BEFORE_FOLDED = re.compile(r"s(?<!\ws)ince\s+(?:early\s+|late\s+|mid-?)?$")
_SO_FAR_BEFORE_FOLDED = re.compile(r"(?:s(?<!\ws)o\s+far|t(?<!\wt)(?:o\s+date|hus\s+far))\s+(?:in\s+|during\s+)?$")
_UNTIL_BEFORE_FOLDED = re.compile(r"(?:u(?<!\wu)ntil|t(?<!\wt)(?:ill|hrough)|b(?<!\wb)y)\s+"
                                  r"(?:at\s+least\s+|early\s+|late\s+|mid-?)?$")
_AFTER_BEFORE = re.compile(r"a(?<!\wa)fter\b|b(?<!\wb)efore\b|s(?<!\ws)ince\b|f(?<!\wf)ollowing\b")
_AUXILIARY_NEXT = re.compile(r"\W*(?:have|has|had|were|was|is|are|will)\b")
_PRESENT_STATEMENT = re.compile(r"[a-z]+[^s\W]s\b")


def present_statement(trigger: str) -> bool:
    """"condemns", "calls on", "denies" (not "discuss"): a statement made as the text is issued."""
    return _PRESENT_STATEMENT.match(trigger) is not None


_ATTRIBUTIVE_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_DETERMINER_END = re.compile(r"\b(?:a|an|the|its|their|his|her|this|that)\s+$", re.IGNORECASE)
_MODIFIED_NEXT = re.compile(r"\s+(?:[\w'’-]+\s+){0,2}")  # "the 2011 NATO-backed uprising"
_COORDINATOR_NEXT = re.compile(r",?\s*(?:and|but)\s")
_SAID_AFTER = re.compile(r"\s+(?:(?!and\b|but\b)\w+\s+)?(?:said|told|announced|reported)\b")
_SAID_TOLD_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:said|told)\b")
TOLL_UPDATE = re.compile(r"\b(?:toll|number of (?:dead|deaths|victims))\b[^.]{0,160}?\b(?:rose|climbed|risen|"
                          r"reached|jumped|increased|rises|climbs|has risen)\b"
                          r"|\b(?:taking|bringing|pushing|raising)\s+the\s+(?:death\s+)?toll\s+to\b", re.IGNORECASE)


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def best_timex(mentions) -> TimeX | None:
    """The date of an event told in several mentions: the most precise, explicit before relative,
    then the narrowest ("on Wednesday" before "last week")."""
    dated = [m.timex for m in mentions if m.timex is not None and m.timex.start is not None]
    if not dated:
        return None
    return min(dated, key=lambda t: (_PRECISION_RANK.get(t.precision, 3), t.basis != "explicit",
                                     (t.end - t.start).days if t.end is not None else 0))


def timexes_of(doc: Doc, sentence: int) -> list[int]:
    """Indexes into ``doc.timexes`` of the time expressions in one sentence, in order."""
    index = doc.memo.get("timexes_by_sentence")
    if index is None:
        index = doc.memo["timexes_by_sentence"] = {}
        for i, tx in enumerate(doc.timexes):
            index.setdefault(tx.sentence, []).append(i)
    return index.get(sentence, [])


def _attributive_year(text: str, a: int, b: int) -> bool:
    """"a 2022 decree", "the 1994 genocide": a year that modifies the noun after it."""
    return _ATTRIBUTIVE_YEAR.fullmatch(text, a, b) is not None and _DETERMINER_END.search(text, a - 7 if a > 7 else 0, a) \
        is not None and text[b:b + 2].strip()[:1].isalpha()


def _subordinator_in(between: str) -> bool:
    """Does _SUBORDINATOR occur in ``between``? (Its words first, with the cheap ``in``.)"""
    for word in _SUBORDINATOR_WORDS:
        if word in between:
            return _SUBORDINATOR.search(between) is not None
    return False


_SUBORDINATOR_WORDS = ("after", "before", "since", "following", "when", "until")


def attachment_distance(text: str, a: int, b: int, m: TriggerMatch) -> float:
    """How far the phrase at [a, b) is from trigger ``m``, counting clause breaks as distance:
    adverbials follow their verb ("went on strike on Saturday, demanding ..."), and "a day after
    the riot" puts the day outside the riot."""
    lo, hi = (b, m.start) if b <= m.start else (m.end, a)
    between = text[lo:hi] if lo < hi else ""
    distance = float(len(between))
    if "," in between or ";" in between:
        distance += 15
    if _subordinator_in(between):
        distance += 40
    if b > m.start and _attributive_year(text, a, b):
        distance += 100  # "gathered to remember the 1994 genocide, in which 800,000 were killed": not the gathering's
    if b <= m.start:
        distance += 3  # a trigger before the phrase is its more likely head
        if _AUXILIARY_NEXT.match(between):
            distance += 30  # "who abducted 23 villagers last week have threatened": the relative clause's
        elif _COORDINATOR_NEXT.match(between):
            distance += 40  # "condemned the arrest of two journalists last week and demanded": the arrest's
    return distance


SENTENCE_OPENER = re.compile(r"\W*(?:(?:on|in|at|during|by|since|from|early|late|until)\s+)?"
                              r"(?:the\s+(?:night|morning|evening|afternoon|weekend|early\s+hours|dawn)\s+"
                              r"(?:of|from)\s+)?$", re.IGNORECASE)


_APPOSED_TIME = re.compile(r",?\s*(?:(?:in|on|at)\s+)?")


def owners(doc: Doc, sentence: int, matches: list[TriggerMatch]) -> dict[int, int]:
    """Each time expression of the sentence goes to the nearest trigger ("A court on Tuesday
    sentenced a man for a raid": Tuesday is the sentencing's); one that opens the sentence
    before any trigger governs them all (value -1)."""
    owners = {}
    indexes = timexes_of(doc, sentence)
    if not indexes:
        return owners
    text = doc.article.text
    s = doc.sentences[sentence]
    first = s.end
    for m in matches:
        if m.start < first:
            first = m.start
    opener_end = None
    for i in indexes:
        tx = doc.timexes[i]
        a, b = tx.time.span
        if b <= first and (SENTENCE_OPENER.match(text, s.start, a)
                           or (opener_end is not None and _APPOSED_TIME.fullmatch(text, opener_end, a))):
            # "On the night from January 19 to 20, 1990, Soviet forces ...": the whole sentence's;
            # so is "in August 2023" in "Ten years later, in August 2023, hundreds gathered"
            owners[i] = -1
            opener_end = b
            continue
        nearest, owner = None, -1
        for j, m in enumerate(matches):
            distance = attachment_distance(text, a, b, m)
            if nearest is None or distance < nearest:
                nearest, owner = distance, j
        owners[i] = owner
    return owners


def toll_update(doc: Doc, sentence: int) -> re.Match | None:
    """"The death toll rose to 35 on Thursday": the toll update in a sentence, if any."""
    key = ("toll_update", sentence)
    if key not in doc.memo:
        s = doc.sentences[sentence]
        lowered = folded(doc)
        doc.memo[key] = TOLL_UPDATE.search(doc.article.text, s.start, s.end) if (
            lowered.find("toll", s.start, s.end) >= 0 or lowered.find("number of", s.start, s.end) >= 0) else None
    return doc.memo[key]


_RELATIVE_OPEN = re.compile(r",\s+(?:who|which|whose)\s")


def _relative_clause_around(text: str, sent_start: int, sent_end: int, pos: int) -> tuple[int, int] | None:
    """The ", who/which ..." clause (up to its closing comma) that ``pos`` lies in, if any: a
    time expression in it dates only what is said in it."""
    lo = pos - 150 if pos - 150 > sent_start else sent_start
    if text.find(", wh", lo, pos) < 0:
        return None
    opened = None
    for m in _RELATIVE_OPEN.finditer(text, lo, pos):
        opened = m
    if opened is None:
        return None
    close = text.find(",", pos, sent_end)
    return opened.start(), close if close >= 0 else sent_end


def _quoted_in(doc: Doc, pos: int) -> int:
    """The index of the direct quotation around ``pos``, or -1."""
    for i, q in enumerate(doc.quotes):
        if q.kind == "direct" and q.span[0] <= pos < q.span[1]:
            return i
    return -1


class _Traits(NamedTuple):
    """What governing_timex asks of a time expression, whichever trigger it may date."""

    clock_only: bool  # "shot around 8pm": an hour names no day (the publication day least of all)
    later: bool  # "they were released two weeks later": the release's time
    quote: int  # the direct quotation around it, or -1
    # "said on Thursday", "on Thursday said"; but "killed 15 on Thursday, police said" is the killing's
    reporting: bool
    # "until 2028", "the worst flooding since Typhoon Vamco in 2020", "so far this year": never this event's date
    bound: bool
    since: bool  # "the sixth day of protests since January": a span's start
    attributive: bool  # "a 2022 decree": a year that modifies the noun after it
    relative: tuple[int, int] | None  # "The Taliban, who ended a ceasefire in November 2022, ...": that clause


def _traits(doc: Doc, i: int) -> _Traits:
    known = doc.memo.get("timex_traits")
    if known is None:
        known = doc.memo["timex_traits"] = {}
    found = known.get(i)
    if found is None:
        text = doc.article.text
        tx = doc.timexes[i]
        s = doc.sentences[tx.sentence]
        a, b = tx.time.span
        lo = a - 30 if a - 30 > s.start else s.start
        left = text[lo:a]
        right = text[b:b + 25 if b + 25 < s.end else s.end]
        # (a "$" after "mid-" also matches before a final line break, which folding turns into a space)
        if caseless(doc) and not left.endswith("\n"):
            lowered = folded(doc)[lo:a]
            until, so_far, since = _UNTIL_BEFORE_FOLDED, _SO_FAR_BEFORE_FOLDED, _SINCE_BEFORE_FOLDED
        else:
            lowered, until, so_far, since = left, _UNTIL_BEFORE, _SO_FAR_BEFORE, _SINCE_BEFORE
        found = known[i] = _Traits(
            clock_only=tx.time.type == "TIME" and _CLOCK_ONLY.match(tx.time.text) is not None,
            later=_LATER.search(tx.time.text) is not None,
            quote=_quoted_in(doc, a) if doc.quotes else -1,
            reporting=bool(REPORTING.search(left[-22:]) or _SAID_AFTER.match(right)),
            bound=bool(until.search(lowered) or _SINCE_NAMED.search(left) or so_far.search(lowered)),
            since=since.search(lowered) is not None,
            attributive=_attributive_year(text, a, b),
            relative=_relative_clause_around(text, s.start, s.end, a))
    return found


def governing_timex(doc: Doc, sentence: int, group: list[TriggerMatch], owned: set[int],
                     statement: bool) -> TimeX | None:
    indexes = timexes_of(doc, sentence)
    if not indexes:
        return None
    text = doc.article.text
    trig = group[0]
    toll = toll_update(doc, sentence)
    trig_quote = None
    shifted_clause = _offset_clause(doc, indexes, doc.sentences[sentence].start, trig.start)
    if shifted_clause is not None:
        return shifted_clause  # "denied on Thursday ..., a day after officials accused ...": Wednesday
    when = _when_clause_opener(doc, indexes, trig.start)
    when_start = doc.timexes[when].time.span[0] if when is not None else -1
    best, best_score = None, None
    for i in indexes:
        tx = doc.timexes[i]
        if tx.start is None or tx.time.type not in ("DATE", "TIME"):
            continue
        a, b = tx.time.span
        if b <= when_start:
            continue  # "will mark on Wednesday the anniversary of April 9, 1989, when troops killed 21": 1989
        if i not in owned and i != when and not (b <= trig.start and OFFSET.match(text[b:trig.start])):
            continue  # (but "on Tuesday, a day after a police officer shot dead ..." dates the shooting)
        if toll and not statement and (a > toll.start() or (trig.spec.kind == "noun" and a > trig.end)):
            continue  # ("recovered two more bodies from a landslide on Tuesday, taking the toll to nine")
        traits = _traits(doc, i)
        if traits.clock_only or traits.bound:
            continue
        if traits.relative is not None and not traits.relative[0] <= trig.start < traits.relative[1]:
            continue  # "The Taliban, who ended a ceasefire in November 2022, denied involvement"
        if statement and a > trig.end and present_statement(trig.text):
            continue  # "The Ministry strongly condemns the attack ... on the night of Monday": the attack's night
        if traits.attributive and a > trig.end \
                and not any(m.start >= b and _MODIFIED_NEXT.fullmatch(text, b, m.start) for m in group):
            continue  # "demanded the repeal of a 2022 decree": the decree's year (but "the 2011 uprising")
        if not statement and traits.later and a > trig.start:
            continue  # "they were released two weeks later": the release's time (but "Four days later, troops killed ...")
        if traits.quote != -1:
            if trig_quote is None:
                trig_quote = _quoted_in(doc, trig.start)
            if traits.quote != trig_quote:
                continue  # '"This year I bury my brother," said X, whose sons were killed': the quote's own time
        reporting = traits.reporting
        subordinate = False
        if a < trig.start:
            between = text[b if b < trig.start else trig.start:a if a > trig.end else trig.end]
            subordinate = _AFTER_BEFORE.search(between) is not None
            shifted = day_offset(between, tx) if subordinate else None
            if shifted is not None:  # "on Tuesday, a day after a police officer shot dead ...": Monday
                tx, subordinate = shifted, False
        middle = (a + b) / 2
        score = None
        for m in group:
            gap = abs(middle - (m.start + m.end) / 2)
            if score is None or gap < score:
                score = gap
        if reporting and not statement:
            score += 400
        if traits.since:
            score += 200
        if subordinate:
            score += 400
        if statement and not reporting:
            score += 60
        if best_score is None or score < best_score:
            best, best_score = tx, score
    if best is not None and best_score >= 400 and not statement:
        return None
    return best


_WHEN_AFTER = re.compile(r",?\s+when\s")


def _when_clause_opener(doc: Doc, indexes: list[int], trigger: int) -> int | None:
    """The time expression that opens the ", when ..." clause a trigger stands in, if any."""
    text = doc.text
    found = None
    for i in indexes:
        b = doc.timexes[i].time.span[1]
        if b <= trigger and text.find("when", b, b + 8) >= 0 and _WHEN_AFTER.match(text, b):
            found = i
    return found


_OFFSET_CLAUSE = re.compile(r",\s+(a|one|two|three|four|five|six|seven)\s+(day|days|week|weeks)\s+(after|before)\s+"
                            r"(?:[\w'’-]+\s+){1,5}$", re.IGNORECASE)


def _offset_clause(doc: Doc, indexes: list[int], sent_start: int, trigger: int) -> TimeX | None:
    """The day of a trigger in ", a day after X did ..." when the sentence's own day comes before it:
    "Tajikistan on Thursday denied shelling the village, a day after Kyrgyz officials accused ..."""
    text = doc.text
    lo = max(sent_start, trigger - 60)
    if text.find(" after ", lo, trigger) < 0 and text.find(" before ", lo, trigger) < 0:
        return None
    m = _OFFSET_CLAUSE.search(text, lo, trigger)
    if m is None:
        return None
    days = [doc.timexes[i] for i in indexes if doc.timexes[i].time.span[1] <= m.start()
            and doc.timexes[i].precision == "day" and doc.timexes[i].start is not None]
    if not days:
        return None
    anchor = days[-1]
    between = text[m.start() + 1:m.end()].strip()
    return day_offset(between, anchor)


OFFSET = re.compile(r"^\W*(a|one|two|three|four|five|six|seven)\s+(day|days|week|weeks)\s+(after|before)\b",
                     re.IGNORECASE)
SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def day_offset(between: str, tx: TimeX) -> TimeX | None:
    m = OFFSET.match(between)
    if not m or tx.precision != "day" or tx.start is None:
        return None
    days = SMALL[m.group(1).lower()] * (7 if m.group(2).lower().startswith("week") else 1)
    delta = dt.timedelta(days=-days if m.group(3).lower() == "after" else days)
    day = tx.start + delta
    return TimeX(time=Time(text=f"{tx.time.text}{between[:m.end()]}", span=tx.time.span, type="DATE",
                           value=day.isoformat()), sentence=tx.sentence, start=day, end=day,
                 precision="day", basis="relative")


def context_timex(doc: Doc, sentence: int) -> TimeX | None:
    """The day a sentence reports on ("A man was shot dead on Tuesday as police fired tear gas to
    disperse protesters"), skipping reporting times ("said on Wednesday")."""
    text = doc.article.text
    published = doc.reference_date
    for i in timexes_of(doc, sentence):
        tx = doc.timexes[i]
        if tx.precision != "day" or tx.start is None or tx.future:
            continue
        if published is not None and tx.start > published:
            continue
        if tx.time.type == "TIME" and _CLOCK_ONLY.match(tx.time.text):
            continue  # "shortly after midnight" names no day
        a, b = tx.time.span
        if REPORTING.search(text[a - 22 if a > 22 else 0:a]) or _SAID_TOLD_AFTER.match(text[b:b + 25]):
            continue
        return tx
    return None


def in_past_narrative(doc: Doc, sentence: int, days: int = 31) -> bool:
    """Does an undated sentence continue a paragraph told in the past? ("... launched operations in
    November 2021, after a series of bomb attacks. Ugandan artillery destroyed several camps.")
    True when the sentence's own dates, or failing any, the previous sentence's of the same
    paragraph, all lie more than ``days`` before publication."""
    published = doc.reference_date
    if published is None:
        return False
    timexes = doc.timexes
    indexes = timexes_of(doc, sentence)
    if sentence > 0 and doc.sentences[sentence - 1].paragraph == doc.sentences[sentence].paragraph:
        for i in indexes:
            if timexes[i].end is not None:
                break
        else:
            indexes = timexes_of(doc, sentence - 1)
    dated = False
    for i in indexes:
        tx = timexes[i]
        if tx.end is not None and tx.time.type in ("DATE", "TIME"):
            if (published - tx.end).days <= days:
                return False
            dated = True
    return dated


def in_current_narrative(doc: Doc, sentence: int, days: int = 31) -> bool:
    """Does an undated sentence continue a paragraph about the news? ("The explosion on Tuesday
    morning was heard three kilometres away. An improvised explosive device ... killed three
    officers.") True when the previous sentence of the same paragraph, the sentence itself
    naming no date, names a day within ``days`` before publication."""
    published = doc.reference_date
    if published is None or sentence == 0 or timexes_of(doc, sentence) \
            or doc.sentences[sentence - 1].paragraph != doc.sentences[sentence].paragraph:
        return False
    before = [doc.timexes[i] for i in timexes_of(doc, sentence - 1)]
    return any(tx.precision == "day" and tx.end is not None and not tx.future
               and 0 <= (published - tx.end).days <= days for tx in before)


_YEARS_AGO_BEFORE = re.compile(r"\b(\d{1,3}|[A-Za-z]+(?:-[A-Za-z]+)?)\s+years?\s+ago\s+(?:on\s+|this\s+|last\s+)?$",
                               re.IGNORECASE)


def years_ago(doc: Doc, tx: TimeX) -> TimeX | None:
    """"Ten years ago on Sunday, gunmen stormed the school": that Sunday, ten years back."""
    a = tx.time.span[0]
    m = _YEARS_AGO_BEFORE.search(doc.article.text, a - 30 if a > 30 else 0, a) \
        if doc.article.text.find(" ago", a - 12 if a > 12 else 0, a) >= 0 \
        else None
    if m is None or tx.start is None or tx.end is None:
        return None
    from .timex_words import parse_number_words

    word = m.group(1)
    years = int(word) if word.isdigit() else parse_number_words(word.lower())
    if not years or years > 200:
        return None

    def back(day: dt.date) -> dt.date:
        try:
            return day.replace(year=day.year - years)
        except ValueError:  # 29 February
            return day.replace(year=day.year - years, day=28)

    return TimeX(time=tx.time, sentence=tx.sentence, start=back(tx.start), end=back(tx.end),
                 precision=tx.precision, basis="relative", future=False)
