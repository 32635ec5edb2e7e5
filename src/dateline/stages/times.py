"""Temporal expressions normalised as TIMEX3 (TempEval-3 conventions) against publication time.

:mod:`.timex_scan` finds the expressions in one pass (the patterns are in :mod:`.timex_rules`,
the words in ``lexicons/times.toml``); this module resolves each against ``doc.published``
and its context:

- a month-day without a year takes the year of an explicit date it is coordinated with in
  the same sentence ("on January 19 and 20, 1990"), else the year an anniversary count
  implies ("the 34th anniversary of the January 20 tragedy"), else the nearest occurrence
  for a dateline date, else the latest occurrence on or before publication in a past
  clause, the first on or after it in a future clause, and the nearest one when the clause
  says neither;
- a bare weekday is the latest such day on or before publication, or the next one when the
  clause is future ("will meet on Wednesday", "called for a strike on Monday");
- "the next day", "a day earlier" count from the last day-precise date before them;
- "35 years since ..." adds a DATE for the year of the event (basis ``inferred``).

Public: :func:`apply` (the stage), :func:`find_times` (any text), :func:`normalise` (one
phrase, for tests and other stages).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import repeat
from operator import attrgetter

from ..doc import Doc, TimeX
from ..record import Time
from . import timex_calendar as cal
from .numbers import ascii_hay
from .timex_rules import Cand
from .timex_scan import outside_ascii, scan
from .timex_words import CLOCK_UNITS, LEX, ORDINALS, TENS, UNITS, parse_ordinal_words, reporting_time

REQUIRES = ("sentences",)
SETS = "times"

_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
# bytes.translate table that blanks every byte a _WORD match cannot hold (all but a-z and ')
_WORD_BYTES = bytes(c if chr(c).islower() and chr(c).isascii() or chr(c) == "'" else 32 for c in range(256))
# ... and one that also lower-cases ASCII capitals
_WORD_FOLD = bytes(c + 32 if 65 <= c <= 90 else _WORD_BYTES[c] for c in range(256))
_CLAUSE_WORDS = frozenset(LEX["cues"]["clause_words"])
_CLAUSE_END = re.compile(r"[,;:()\"“”]|\b(?:" + "|".join(LEX["cues"]["clause_words"]) + r")\b", re.IGNORECASE)
_CLAUSE_END_LOWER = re.compile(_CLAUSE_END.pattern)  # the same on lower-cased text, where it is faster
_CLAUSE_MARK = re.compile(r"[,;:()\"“”]")  # ... where it has none of the words
_NOT_PAST = frozenset(LEX["cues"]["not_past_verbs"])
_FUTURE_RIGHT_BEFORE = frozenset(LEX["cues"]["future_right_before"])
_FUTURE_BEFORE_PREPOSITION = frozenset(LEX["cues"]["future_before_preposition"])
_GOVERNING_PREPS = frozenset(["on", "in", "at", "by", "during", "over", "from", "between", "since", "until",
                              "late", "early", "overnight", "the"])


def _cue_index() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Tense cues by their last word: ("is", "due", "to") -> "future" under "to"."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for kind in ("future", "past"):
        for phrase in LEX["cues"][kind]:
            words = tuple(phrase.lower().replace("’", "'").split())
            index.setdefault(words[-1], []).append((words, kind))
    for cues in index.values():
        cues.sort(key=lambda c: -len(c[0]))
    return index


_CUES = _cue_index()
_CUE_WORDS = frozenset(_CUES)
# the same, split: the tense of each one-word cue; the cues of two words or more by their last two
_CUE_ONE: dict[str, str] = {}  # and of those that end no longer cue, _CUE_ALONE
_CUE_PAIRS: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
for _cues in _CUES.values():
    for _phrase, _kind in _cues:
        if len(_phrase) == 1:
            _CUE_ONE.setdefault(_phrase[0], _kind)
        else:
            _CUE_PAIRS.setdefault(_phrase[-2:], []).append((_phrase[:-2], _kind))
_CUE_ALONE = {word: kind for word, kind in _CUE_ONE.items() if not any(last == word for _, last in _CUE_PAIRS)}
_ANNIVERSARY = re.compile(r"anniversar", re.IGNORECASE)
_ORDINAL_WORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
_ORDINAL_BEFORE = re.compile(
    rf"\b(?:(?P<n>\d{{1,3}})(?:st|nd|rd|th)|(?P<w>(?:(?:{'|'.join(TENS)})-)?(?:{_ORDINAL_WORD})))\s+$", re.IGNORECASE)
_SINCE_VERB = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in LEX["anniversary"]["since_verbs"])
_SINCE_WORD = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in LEX["anniversary"]["since_words"])
_SINCE = re.compile(rf"(?:\s+(?:{_SINCE_VERB}))?\s+(?:{_SINCE_WORD})\b", re.IGNORECASE)
# words allowed between a month-day and the explicit date whose year it shares
_COORDINATED = re.compile(r"(?:[\s,;\-–]|\b(?:and|or|to|until|till|through|on|from|of|the|night|nights|"
                          r"between|then|also|again|as well as)\b)*", re.IGNORECASE)
_DATELINE_PREFIX = re.compile(r"[A-Z][A-Za-z\u00c0-\u024f.'’ \-]*(?:,\s*[A-Z][A-Za-z\u00c0-\u024f.'’ \-]*)*,\s*")
# what follows a dateline's date: "(Agency) -", " - ", ", AGENCY", or ", Source Name" ending the line
_DATELINE_REST = re.compile(r"\s*(?:\(|[-–—/]|,?\s*[A-Z]{2,}|,\s*[A-Z][\w&.'’ \-]{0,60}\s*$)")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


# ------------------------------------------------------------------ public entry points
def apply(doc: Doc) -> None:
    spans = [(s.start, s.end) for s in doc.sentences]
    text = doc.text
    encoded = ascii_words(text)
    # the document's word hay (numbers.doc_hay), from this encoding: "'" and "?" are both blanks there
    hay = doc.memo.get("word_hay")
    if hay is None:
        hay = doc.memo["word_hay"] = ascii_hay(encoded)
    doc.timexes.extend(find_times(text, doc.published, spans, hay=hay, encoded=encoded))


def ascii_words(text: str) -> bytes:
    """``text`` with "’" made "'", encoded as ASCII with "?" for every other character outside it:
    what the scan and the tense cues read words from."""
    return text.replace("’", "'").encode("ascii", "replace")


def find_times(text: str, reference: dt.datetime | None, sentences: Sequence[tuple[int, int]] | None = None,
               *, future: bool | None = None, hay: str | None = None, encoded: bytes | None = None) -> list[TimeX]:
    """Every temporal expression in ``text`` as a :class:`TimeX`, in text order.

    ``sentences`` are ``(start, end)`` offsets (a rough split is made when omitted);
    ``future=True`` treats every clause as future-tensed, ``False`` as past; ``hay`` is
    :func:`.numbers.word_hay` of the text and ``encoded`` its :func:`ascii_words`, when the
    caller has them.
    """
    if sentences is None:
        sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text)] or [(0, len(text))]
    return _Resolver(text, reference, sentences, future, hay, encoded).run()


def normalise(text: str, reference: dt.datetime | dt.date | None, *, future: bool = False) -> TimeX | None:
    """The first temporal expression in ``text`` resolved against ``reference``.

    >>> normalise("last week", dt.datetime(2024, 2, 13)).time.value
    '2024-W06'
    """
    if isinstance(reference, dt.date) and not isinstance(reference, dt.datetime):
        reference = dt.datetime.combine(reference, dt.time())
    found = find_times(text, reference, [(0, len(text))], future=True if future else None)
    return found[0] if found else None


_SPAN = attrgetter("time.span")
_REPORTED_ON = re.compile(r"\b(?:said|says|told|announced|reported|added|statement)\b[^.;]*$")


# ------------------------------------------------------------------ resolution
class _Resolver:
    def __init__(self, text: str, reference: dt.datetime | None, sentences: Sequence[tuple[int, int]],
                 future: bool | None, hay: str | None = None, encoded: bytes | None = None) -> None:
        self.text = text
        self.ref = reference.date() if reference else None
        self.sentences = list(sentences) or [(0, len(text))]
        self.starts = [s for s, _ in self.sentences]
        self.forced = None if future is None else ("future" if future else "past")
        if encoded is None:
            encoded = ascii_words(text)
        if hay is None:
            hay = ascii_hay(encoded)
        self.encoded, self.hay = encoded, hay
        outside = outside_ascii(text, encoded)
        self.fold = outside.fold or outside.low is not text  # a FOLD_SPECIAL character (a Kelvin sign lower-cased)
        self.cands = scan(text, hay, encoded, outside)
        # the sentence of each candidate's start, looked up once (the bisect of sentence())
        starts = [c.start for c in self.cands]
        found = map(bisect_right, repeat(self.starts, len(starts)), starts)
        self.sentence_of = {start: i - 1 if i > 1 else 0 for start, i in zip(starts, found, strict=True)}
        self.anchor: TimeX | None = None  # the last day-precise date, for "the next day"
        self.anchor_any: TimeX | None = None  # the last date of any precision, for "two years later"

    def sentence(self, offset: int) -> int:
        i = self.sentence_of.get(offset)
        if i is None:
            i = bisect_right(self.starts, offset) - 1
        return i if i > 0 else 0

    def run(self) -> list[TimeX]:
        self._years_from_context()
        out: list[TimeX] = []
        clocks: list[Cand] = []
        for cand in self.cands:
            kind = cand.kind
            if kind == "clock":
                clocks.append(cand)
                continue
            try:
                result = _RESOLVE[kind](self, cand)
            except (ValueError, OverflowError):  # "5000 years ago": outside datetime's calendar
                continue
            if result is None:
                continue
            for timex in result if type(result) is list else (result,):
                out.append(timex)
                if timex.start is not None and timex.time.type in ("DATE", "TIME"):
                    self.anchor_any = timex
                    if timex.precision == "day":
                        self.anchor = timex
        for cand in clocks:
            out.append(self._clock(cand, out))
        out.sort(key=_SPAN)  # (start, end)
        return out

    # -------------------------------------------------------------- context for year-less dates
    def _years_from_context(self) -> None:
        """Fill ``data["year"]``/``data["basis"]`` of month-days whose year the text implies."""
        days = [c for c in self.cands if c.kind == "cal" and c.data["y"] is None and c.data["m"]]
        self._coordinated_years()
        if self.ref is None:
            return
        inferred: dict[tuple[int, int], int] = {}
        for cue_start, cue_end, years in self._anniversary_cues():
            sentence_end = self.sentences[self.sentence(cue_start)][1]
            for c in days:
                if cue_start <= c.start <= min(sentence_end, cue_end + 150) and c.data["d"] and "year" not in c.data:
                    occurrence = cal.nearest(c.data["m"], c.data["d"], self.ref)
                    if occurrence:
                        c.data.update(year=occurrence.year - years, basis="inferred")
                        inferred[(c.data["m"], c.data["d"])] = occurrence.year - years
                    break
        explicit = {(c.data["m"], c.data["d"]): c.data["y"] for c in self.cands
                    if c.kind == "cal" and c.data["y"] and c.data["d"] and not c.data["end"]}
        for c in days:
            if "year" in c.data or c.data["end"]:
                continue
            key = (c.data["m"], c.data["d"])
            if key in inferred:
                c.data.update(year=inferred[key], basis="inferred")
            elif key in explicit and self._attributive(c):
                c.data.update(year=explicit[key], basis="inferred")

    def _coordinated_years(self) -> None:
        """"January 19 and January 21, 1990": a year-less date shares a coordinated date's year."""
        cands = [c for c in self.cands if c.kind == "cal"]

        def year_of(c: Cand) -> int | None:
            return c.data["y"] or (c.data.get("year") if c.data.get("basis") == "explicit" else None)

        for order in (range(len(cands) - 2, -1, -1), range(1, len(cands))):
            for i in order:
                c = cands[i]
                if c.data["y"] or "year" in c.data or not c.data["m"]:
                    continue
                other = cands[i + 1] if order.step == -1 else cands[i - 1]
                first, second = (c, other) if other.start > c.start else (other, c)
                if (year_of(other) and self.sentence_of[c.start] == self.sentence_of[other.start]
                        and _COORDINATED.fullmatch(self.text, first.end, second.start)):
                    c.data.update(year=year_of(other), basis="explicit")

    def _anniversary_cues(self) -> list[tuple[int, int, int]]:
        """(start, end, years) of "34th anniversary" and "35 years (have passed) since"."""
        cues = []
        for start in self._anniversary_words() if "nniversar" in self.text else ():  # "the 34th anniversary of ..."
            m = _ORDINAL_BEFORE.search(self.text, max(0, start - 30), start)
            years = m and (int(m["n"]) if m["n"] else parse_ordinal_words(m["w"]))
            if years:
                cues.append((m.start(), start + len("anniversar"), years))
        for c in self.cands:
            if c.kind == "duration" and c.data["unit"] == "year" and isinstance(c.data["n"], int):
                since = _SINCE.match(self.text, c.end)
                if since:
                    c.data["since_end"] = since.end()
                    cues.append((c.start, since.end(), c.data["n"]))
        return cues

    def _anniversary_words(self) -> list[int]:
        """Where _ANNIVERSARY matches: in the hay, which has the text's ASCII letters lower-cased,
        unless a character in FOLD_SPECIAL might match a letter of it."""
        if self.fold:
            return [m.start() for m in _ANNIVERSARY.finditer(self.text)]
        found, i = [], self.hay.find("anniversar")
        while i >= 0:
            found.append(i - 1)  # the hay is the text with one space before it
            i = self.hay.find("anniversar", i + 1)
        return found

    def _attributive(self, c: Cand) -> bool:
        """"the March 16 attack": a date used as the name of an event."""
        return (self.text[max(0, c.start - 4):c.start].lower() == "the "
                and re.match(r"\s+[a-z]{3,}", self.text[c.end:c.end + 12]) is not None)

    def _is_dateline(self, c: Cand) -> bool:
        line_start = self.text.rfind("\n", 0, c.start) + 1
        prefix = self.text[line_start:c.start]
        line_end = self.text.find("\n", c.end)
        rest = self.text[c.end:line_end if line_end >= 0 else len(self.text)]
        return (len(prefix) < 80 and _DATELINE_PREFIX.fullmatch(prefix) is not None
                and _DATELINE_REST.match(rest) is not None)

    def tense(self, c: Cand) -> str | None:
        """"future" or "past" from the nearest tense cue in the clause, or None."""
        if self.forced:
            return self.forced
        s_start, s_end = self.sentences[self.sentence_of[c.start]]
        lo = c.start - 120
        if lo < s_start:
            lo = s_start
        if self.fold:
            hay = self.text[lo:c.start].lower().replace("’", "'")
            before = _words(hay)
        else:
            hay = self._folded(lo, c.start)
            before = _hay_words(hay)
        if before and before[-1] in _FUTURE_RIGHT_BEFORE and self.text[c.end - 2:c.end] not in ("'s", "’s"):
            return "future"  # "called a strike for Tuesday"
        k = len(before)  # without the prepositions that end it: "killed on", "erupted late"
        while k and before[k - 1] in _GOVERNING_PREPS:
            k -= 1
        if k >= 2 and before[k - 1] in _FUTURE_BEFORE_PREPOSITION:
            return "future"  # "a night curfew in three villages, starting on Friday"
        if (k < len(before) and k and before[k - 1].endswith("ed") and before[k - 1] not in _NOT_PAST
                and (k < 2 or before[k - 2] != "be")):
            return "past"
        ll = "'ll" in hay
        for i in range(len(before) - 1, -1, -1):
            word = before[i]
            if word in _CUE_WORDS:
                kind = _CUE_ALONE.get(word) or _cue_at(before, i)
            elif ll and word.endswith("'ll"):
                kind = "future"
            else:
                continue
            if kind == "past" and i and before[i - 1] == "be":  # "will be held on Saturday"
                continue
            if kind:
                return kind
        # after it, only up to the next clause: "On Friday, the council will vote", but not
        # "After February, people do not wait to see if the building will stand"
        end = c.end + 80
        after, ll = self._clause_after(c.end, s_end if s_end < end else end)
        for i, word in enumerate(after):
            if word in _CUE_WORDS:
                kind = _CUE_ALONE.get(word) or _cue_at(after, i)
                if kind:
                    return kind
            elif ll and word.endswith("'ll"):
                return "future"
        return None

    def _folded(self, start: int, end: int) -> str:
        """``text[start:end]`` as _WORD_FOLD blanks and lower-cases it, for text without
        FOLD_SPECIAL characters (lower-cased, only those could turn into ASCII letters)."""
        return self.encoded[start:end].translate(_WORD_FOLD).decode("ascii")

    def _clause_after(self, start: int, end: int) -> tuple[list[str], bool]:
        """The lower-cased words of ``text[start:end]`` up to the end of their clause, and
        whether an apostrophe is among them."""
        seg = self.text[start:end].lstrip(" ,")
        if self.fold:  # lower-cased, the clause might end elsewhere
            words = _WORD.findall(_CLAUSE_END.split(seg, maxsplit=1)[0].lower().replace("’", "'"))
            return words, True
        first = end - len(seg)
        hay = self._folded(first, end)
        if "'" not in hay:  # each word is a whole run of letters: a clause word is one of them
            mark = _CLAUSE_MARK.search(self.text, first, end)
            words = (hay[:mark.start() - first] if mark else hay).split()
            if _CLAUSE_WORDS.isdisjoint(words):
                return words, False  # the clause ends at the mark, if any
        low = seg.lower().replace("’", "'")
        cut = _CLAUSE_END_LOWER.search(low)
        return _hay_words(hay[:cut.start()] if cut else hay), "'" in hay

    # -------------------------------------------------------------- one candidate
    def _make(self, c: Cand, type_: str, value: str | None, period: cal.Period | None = None,
              precision: str = "unknown", basis: str = "explicit", end_value: str | None = None,
              future: bool = False, end: int | None = None) -> TimeX:
        s = c.start
        e = c.end if end is None else end
        time = Time(self.text[s:e], (s, e), type_, value, end_value)
        if period is None:
            return TimeX(time, self.sentence_of[s], None, None, "unknown", basis, future)
        first = period[0]
        if self.ref and first and first > self.ref and type_ in ("DATE", "TIME"):
            future = True
        return TimeX(time, self.sentence_of[s], first, period[1], precision, basis, future)

    def _cal(self, c: Cand) -> TimeX | None:
        d = c.data
        year, basis, future = d["y"], "explicit", False
        if year is None and d.get("yrel") and self.ref:  # "March last year", "April that year"
            year, basis = cal.year_said(d["yrel"], self.ref, self.anchor_any and self.anchor_any.start), "relative"
        if year is None:
            year, basis = d.get("year"), d.get("basis", "relative")
            if year is None and self.ref is None:
                value = f"XXXX-{d['m']:02d}-{d['d']:02d}" if d["d"] else f"XXXX-{d['m']:02d}"
                return self._make(c, "DATE", value, basis="relative")
            if year is None:
                tense = "dateline" if d["d"] and self._is_dateline(c) else self.tense(c)
                if tense is None and self._attributive(c):  # "the May 2 agreement" names a past event
                    tense = "past"
                future = tense == "future"
                if not d["d"]:
                    year = (cal.month_on_or_after if future else cal.month_on_or_before)(d["m"], self.ref)
                else:
                    pick = {"future": cal.earliest_on_or_after, "past": cal.latest_on_or_before}.get(tense, cal.nearest)
                    day = pick(d["m"], d["d"], self.ref)
                    if day is None:
                        return None
                    year = day.year
                basis = "explicit" if tense == "dateline" else "relative"
        first = _period(year, d["m"], d["d"])
        if first is None:
            return None
        value = _value(year, d["m"], d["d"])
        precision = "day" if d["d"] else "month" if d["m"] else "year"
        if d.get("part"):
            first = cal.part_of(first, "month" if d["m"] else "year", d["part"])
        end_value = None
        if d["end"]:
            y2, m2, d2 = d["end"]
            y2 = y2 or year
            if m2 and (m2, d2 or 0) < (d["m"] or 0, d["d"] or 0) and not d["end"][0]:
                y2 += 1
            last = _period(y2, m2, d2)
            if last is None or last[1] < first[0]:
                return None
            first, end_value = (first[0], last[1]), _value(y2, m2, d2)
        if d.get("hour") is not None:
            return self._make(c, "TIME", f"{value}T{d['hour']:02d}:{d['minute']:02d}", first, precision, basis)
        return self._make(c, "DATE", value, first, precision, basis, end_value, future)

    def _month(self, c: Cand) -> TimeX | None:
        d = c.data
        if self.ref is None:
            return self._make(c, "DATE", f"XXXX-{d['m']:02d}", basis="relative")
        rel, ref = d["rel"], self.ref
        if rel == "last":
            year = ref.year if d["m"] < ref.month else ref.year - 1
        elif rel == "next":
            year = ref.year if d["m"] > ref.month else ref.year + 1
        elif rel == "this":
            year = ref.year
        elif self.tense(c) == "future":
            year = cal.month_on_or_after(d["m"], ref)
        else:
            year = cal.month_on_or_before(d["m"], ref)
        period = cal.month_period(year, d["m"])
        if d["part"]:
            period = cal.part_of(period, "month", d["part"])
        return self._make(c, "DATE", cal.month_value(year, d["m"]), period, "month", "relative")

    def _weekday(self, c: Cand) -> TimeX | None:
        d = c.data
        if self.ref is None:
            return self._make(c, "TIME" if d["pod"] else "DATE", None, basis="relative")
        ref, wd, rel = self.ref, d["wd"], d["rel"]
        tense = None if rel else self.tense(c)
        if rel == "last":
            day = cal.weekday_on_or_before(wd, ref - cal.DAYS[1])
        elif rel == "next":
            day = cal.weekday_on_or_after(wd, ref + cal.DAYS[1])
        elif rel == "this":
            day = cal.week_period(ref)[0] + cal.DAYS[wd]
        elif rel == "week":  # "Thursday last week"
            day = cal.week_period(ref + dt.timedelta(weeks=d["week"]))[0] + cal.DAYS[wd]
        elif tense == "future":
            day = cal.weekday_on_or_after(wd, ref)
        else:
            # "On 23 August 2013, two car bombs exploded as worshippers were leaving Friday prayers":
            # the week the sentence tells of, not the publication's
            narrated = self._narrated_day(c)
            day = cal.weekday_on_or_before(wd, ref if narrated is None else narrated)
        pod = d["pod"]
        if pod:
            return self._make(c, "TIME", f"{day.isoformat()}T{pod}", (day, day), "day", "relative",
                              future=tense == "future")
        return self._make(c, "DATE", day.isoformat(), (day, day), "day", "relative", future=tense == "future")

    def _narrated_day(self, c: Cand) -> dt.date | None:
        """The explicit past day told earlier in the weekday's own sentence, unless the weekday
        is when it was reported ("killed 12 on 3 March 2019, prosecutors said on Tuesday")."""
        anchor = self.anchor
        if anchor is None or anchor.basis != "explicit" or anchor.sentence != self.sentence_of[c.start] \
                or anchor.start is None or (self.ref - anchor.start).days <= 7 \
                or _REPORTED_ON.search(self.text, max(0, c.start - 30), c.start):
            return None
        return anchor.start

    def _offset(self, c: Cand) -> TimeX:
        d = c.data
        if self.ref is None:
            return self._make(c, "TIME" if d["pod"] else "DATE", None, basis="relative")
        day = self.ref + dt.timedelta(days=d["days"])
        value = day.isoformat() + (f"T{d['pod']}" if d["pod"] else "")
        return self._make(c, "TIME" if d["pod"] else "DATE", value, (day, day), "day", "relative")

    def _unit(self, c: Cand) -> TimeX | None:
        d = c.data
        if self.ref is None:
            return self._make(c, "DATE", None, basis="relative")
        ref, unit, shift = self.ref, d["unit"], d["shift"]
        precision = "day"
        if shift is None:  # "the weekend": the one under way or coming in a future clause, else the last
            shift = 0 if ref.weekday() >= 5 or self.tense(c) == "future" else -1
        if unit in ("week", "weekend"):
            day = ref + dt.timedelta(weeks=shift)
            period = cal.weekend_period(day) if unit == "weekend" else cal.week_period(day)
            value = cal.week_value(day, weekend=unit == "weekend")
        elif unit == "month":
            year, month = cal.add_months(ref.year, ref.month, shift)
            period, value, precision = cal.month_period(year, month), cal.month_value(year, month), "month"
        elif unit == "year":
            period, value, precision = cal.year_period(ref.year + shift), str(ref.year + shift), "year"
        elif unit == "decade":
            first = (ref.year // 10 + shift) * 10
            period, value, precision = cal.decade_period(first), cal.decade_value(first), "year"
        elif unit == "quarter":
            year, month = cal.add_months(ref.year, ref.month, 3 * shift)
            q = (month - 1) // 3 + 1
            period, value, precision = cal.quarter_period(year, q), f"{year}-Q{q}", "month"
        else:  # century
            n = ref.year // 100 + 1 + shift
            period, value, precision = cal.century_period(n), f"{n - 1:02d}", "year"
        if d["part"]:
            period = cal.part_of(period, unit, d["part"])
        future = shift > 0
        if period[0] <= ref <= period[1]:  # "earlier this month" ends today, "later this week" starts today
            if d["within"] == "earlier":
                period = (period[0], ref)
            elif d["within"] == "later":
                period, future = (ref, period[1]), True
        return self._make(c, "DATE", value, period, precision, "relative", future=future)

    def _season(self, c: Cand) -> TimeX | None:
        d = c.data
        if d["y"] is None and self.ref is None:
            return self._make(c, "DATE", None, basis="relative")
        year = d["y"] if d["y"] is not None else cal.season_year(d["code"], d["rel"], self.ref)
        return self._make(c, "DATE", f"{year}-{d['code']}", cal.season_period(year, d["code"]), "month",
                          "explicit" if d["y"] else "relative", future=d["rel"] == "next")

    def _quarter(self, c: Cand) -> TimeX | None:
        d = c.data
        year = d["y"] if d["y"] else (self.ref.year + d["shift"] if self.ref else None)
        if year is None:
            return self._make(c, "DATE", None, basis="relative")
        if d["unit"] == "quarter":
            period, value = cal.quarter_period(year, d["n"]), f"{year}-Q{d['n']}"
        else:
            period, value = cal.half_period(year, d["n"]), f"{year}-H{d['n']}"
        return self._make(c, "DATE", value, period, "month", "explicit" if d["y"] else "relative")

    def _decade(self, c: Cand) -> TimeX:
        d = c.data
        first = d.get("y")
        if first is None:  # "the '90s", "the nineties": the latest such decade already begun
            now = self.ref.year if self.ref else 2029  # undated: "the '20s" are the 2020s, "the '30s" the 1930s
            first = 2000 + d["yy"] if 2000 + d["yy"] <= now else 1900 + d["yy"]
        period = cal.decade_period(first)
        if d["part"]:
            period = cal.part_of(period, "decade", d["part"])
        return self._make(c, "DATE", cal.decade_value(first), period, "year", "explicit")

    def _century(self, c: Cand) -> TimeX:
        n = c.data["n"]
        return self._make(c, "DATE", f"{n - 1:02d}", cal.century_period(n), "year", "explicit")

    def _ago(self, c: Cand) -> TimeX | None:
        on, n = c.data.get("on"), c.data["n"]
        if on is not None and self.ref and isinstance(n, int):  # "ten years ago on Sunday"
            day = cal.years_back(cal.weekday_on_or_before(on, self.ref) if on >= 0 else self.ref, n)
            return self._make(c, "DATE", day.isoformat(), (day, day), "day", "relative")
        return self._shifted(c, self.ref, -1, "relative")

    def _anchored(self, c: Cand) -> TimeX | None:
        d = c.data
        last = self.anchor if d["unit"] in ("day", "week", "weekend", *CLOCK_UNITS) else self.anchor_any
        if d["unit"] == "month" and last is not None and last.precision == "year":
            last = None
        anchor = last.start if last is not None else self.ref
        basis = last.basis if last is not None and last.basis == "inferred" else "relative"
        result = self._shifted(c, anchor, d["dir"], basis)
        if result is not None and d.get("pod") and result.start:
            result.time.type, result.time.value = "TIME", f"{result.time.value}T{d['pod']}"
        return result

    def _shifted(self, c: Cand, base: dt.date | None, direction: int, basis: str) -> TimeX | None:
        """``base`` moved by n units: "three years ago", "a day earlier", "the following week"."""
        d = c.data
        n, unit = d["n"], d["unit"]
        if base is None:
            return self._make(c, "DATE", None, basis=basis)
        if not isinstance(n, int):
            return self._make(c, "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", basis=basis)
        k = direction * n
        if unit in ("day", "week") or unit in CLOCK_UNITS:
            days = k * 7 if unit == "week" else k if unit == "day" else 0
            if unit in CLOCK_UNITS:
                return self._make(c, "DATE", base.isoformat(), (base, base), "day", basis)
            day = cal.shift_days(base, days)
            if unit == "week" and direction == 0:
                return self._make(c, "DATE", cal.week_value(day), cal.week_period(day), "day", basis)
            return self._make(c, "DATE", day.isoformat(), (day, day), "day", basis) if day else None
        if unit == "weekend":
            day = base + dt.timedelta(weeks=k)
            return self._make(c, "DATE", cal.week_value(day, True), cal.weekend_period(day), "day", basis)
        if unit == "month":
            year, month = cal.add_months(base.year, base.month, k)
            return self._make(c, "DATE", cal.month_value(year, month), cal.month_period(year, month), "month", basis)
        if unit == "year":
            return self._make(c, "DATE", str(base.year + k), cal.year_period(base.year + k), "year", basis)
        if unit == "decade":
            first = (base.year + 10 * k) // 10 * 10
            return self._make(c, "DATE", cal.decade_value(first), cal.decade_period(first), "year", basis)
        year = base.year + 100 * k
        return self._make(c, "DATE", f"{year // 100:02d}", cal.century_period(year // 100 + 1), "year", basis)

    def _duration(self, c: Cand) -> list[TimeX]:
        d = c.data
        out = [self._make(c, "DURATION", _duration_value(d["n"], d["unit"]))]
        if "since_end" in d and self.ref is not None:  # "35 years since ...": the year it happened
            years = d["n"]
            event_year = self.ref.year - years
            for other in self.cands:
                if c.end <= other.start <= d["since_end"] + 150 and other.kind == "cal":
                    event_year = other.data.get("year") or other.data["y"] or event_year
                    break
            out.append(self._make(c, "DATE", str(event_year), cal.year_period(event_year), "year", "inferred",
                                  end=d["since_end"]))
        return out

    def _set(self, c: Cand) -> TimeX:
        d = c.data
        value = d.get("value") or _duration_value(d["n"], d["unit"])
        return self._make(c, "SET", value)

    def _ref(self, c: Cand) -> TimeX:
        return self._make(c, "DATE", c.data["value"], basis="relative")

    def _clock(self, c: Cand, found: list[TimeX]) -> TimeX:
        """A clock time on the day-precise date nearest it in its sentence, else on the last one
        of the two sentences before ("early on Monday ... The quake struck at 4:12 a.m."), else on
        the publication day; a day that says when something was said only when no other is."""
        sentence = self.sentence_of[c.start]
        days = [t for t in found if t.precision == "day" and t.start and t.time.type in ("DATE", "TIME")
                and sentence - 2 <= t.sentence <= sentence and (t.sentence == sentence or t.time.span[0] < c.start)]
        hay = None if self.fold else self.hay
        days = [t for t in days if not reporting_time(self.text, *t.time.span, hay)] or days  # not "said on Sunday"
        same = [t for t in days if t.sentence == sentence]
        base = (min(same, key=lambda t: abs(t.time.span[0] - c.start)) if same
                else max(days, key=lambda t: t.time.span[0]) if days else None)
        day = base.start if base else self.ref
        hhmm = f"T{c.data['H']:02d}:{c.data['M']:02d}"
        if day is None:
            return self._make(c, "TIME", None, basis="relative")
        return self._make(c, "TIME", day.isoformat() + hhmm, (day, day), "day", base.basis if base else "relative")


def _words(low: str) -> list[str]:
    """``_WORD.findall(low)`` for lower-cased text with "’" made "'", split in C where it can
    be: no match holds a blanked character, and a run of letters without "'" is one match."""
    return _hay_words(low.encode("ascii", "replace").translate(_WORD_BYTES).decode("ascii"))


def _hay_words(hay: str) -> list[str]:
    """The words of a text blanked as :func:`_words` and :meth:`_Resolver._folded` blank it: with
    only letters, "'" and spaces left, a run of letters without "'" is one match of _WORD."""
    words = hay.split()
    if "'" in hay:
        return [w for chunk in words for w in (_WORD.findall(chunk) if "'" in chunk else (chunk,))]
    return words


def _cue_at(words: list[str], i: int) -> str | None:
    """The tense of the cue phrase ending at ``words[i]``, if one does."""
    word = words[i]
    if word.endswith("'ll"):
        return "future"
    if i:  # the longest phrase first, as _CUES lists them: those of two words or more before one word
        for head, kind in _CUE_PAIRS.get((words[i - 1], word), ()):
            if not head or i > len(head) and tuple(words[i - 1 - len(head):i - 1]) == head:
                return kind
    return _CUE_ONE.get(word)


def _period(year: int, month: int | None, day: int | None) -> cal.Period | None:
    if day:
        date = cal.safe_date(year, month, day)
        return (date, date) if date else None
    if month:
        return cal.month_period(year, month)
    return cal.year_period(year)


def _value(year: int, month: int | None, day: int | None) -> str:
    if day:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return cal.month_value(year, month) if month else f"{year:04d}"


def _duration_value(n, unit: str) -> str:
    amount = "X" if not isinstance(n, int | float) else (f"{n:g}" if isinstance(n, float) else str(n))
    code = UNITS.get(unit, UNITS.get(unit + "s", "X"))
    return ("PT" if unit in CLOCK_UNITS else "P") + amount + code


# the resolver of each kind of candidate but "clock": _Resolver._cal for "cal" ...
_RESOLVE = {kind: getattr(_Resolver, "_" + kind) for kind in (
    "cal", "month", "weekday", "offset", "unit", "season", "quarter", "decade", "century", "ago", "anchored",
    "duration", "set", "ref")}
