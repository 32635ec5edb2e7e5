"""Casualty and detention figures: "killing 17 people", "744 people were injured", "the death
toll rose to 35 from 20", "No one was hurt".

One automaton pass over the article (stages/figure_cues.py) finds the cue words; only sentences
holding one are read:

1. numbers are found once (stages/numbers.py); ages, years and list numbers are dropped;
2. zero statements ("no one was hurt", "no casualties were reported"), toll updates and a few
   fixed constructions ("forced 4,300 people to flee", "took 30 people hostage") are read first;
3. words before their victims ("killed 17 people", "the bodies of 18 villagers") take the number
   right after them, with sums ("killed three soldiers and two civilians");
4. words after their victims ("744 people were injured", "11 inmates dead", "nine people died")
   take the nearest number before them, across auxiliaries and a parenthesis.

A number serves one figure; negated and hypothetical verbs ("did not kill", "could be displaced")
give none. The words live in lexicons/figures.toml, the phrase patterns built from them (and
where a sentence's words stand, to try them only where they can match) in stages/figure_patterns.py.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..doc import Doc, Figure
from ..record import Count
from . import figure_cues as fixed
from .figure_cues import TRIGGERS, Cue, find_cues, number_starts, scan, toll_kind
from .figure_patterns import (
    _AGE_BEFORE_RE,
    _AGED_RE,
    _ALTERNATIVE_RE,
    _APPOSED_RE,
    _AUX,
    _BARE_AFTER_RE,
    _BE,
    _FLEE_HEADS,
    _FLEE_WORDS,
    _GENERIC,
    _HOMES_RE,
    _HYPOTHETICAL_RE,
    _LEXICAL_RE,
    _MODALS,
    _NAMED_RE,
    _NAMED_SUBJECT_RE,
    _NEEDS_HOMES,
    _NEEDS_NOUN,
    _NEEDS_WOUNDS,
    _NEGATORS,
    _NOT_BEFORE,
    _NOT_COUNT_ENDS,
    _NOT_COUNT_LAST,
    _NOT_COUNT_REACH,
    _NOUN_GAP_RE,
    _OR_BEFORE_RE,
    _PARTITIVE_RE,
    _POPULATION_RE,
    _POST_FOLLOWS_RE,
    _PREFIX_OF_RE,
    _PREFIX_VERB_RE,
    _SING_LEFT_RE,
    _SING_RE,
    _SING_SUBJECT_RE,
    _SPEAKS_RE,
    _SPECIAL,
    _SUBJECT_RE,
    _SUBSET_ENDS,
    _SUBSETS,
    _SUM_LEFT_RE,
    _SUM_SEP_RE,
    _TRIGGER_RE,
    _WOUNDS_RE,
    POST_INFO,
    TOLL_STARTS,
    ZERO_STARTS,
    SentenceWords,
    has_a_word,
    np_after,
    one_word,
)
from .numbers import (
    NumberSpan,
    Value,
    doc_hay,
    find_numbers,
    parse_number,
    word_hay,
)

REQUIRES = ("sentences",)
SETS = "figures"

@dataclass(slots=True)
class _Trigger:
    start: int
    end: int
    kind: str
    roles: frozenset[str]
    phrase: str


@dataclass
class _Sentence(SentenceWords):
    """One sentence's working state: its numbers, what is already used, the figures so far."""

    text: str
    start: int
    end: int
    index: int
    numbers: list[NumberSpan] = field(default_factory=list)
    used: list[tuple[int, int]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    number_starts: list[int] | None = None
    doc_hay: str | None = None  # the word_hay of the whole text, where the caller has it

    def __post_init__(self) -> None:
        self.clear_words()
        found = find_numbers(self.text, self.start, self.end, self.number_starts)
        self.numbers = [n for n in found if self._countable(n)]
        self.number_at = {n.start: n for n in self.numbers}

    def _countable(self, n: NumberSpan) -> bool:
        text = self.text
        if n.start > self.start and text[n.start - 1] == " ":  # each of the ends ends in a space
            window = text[n.start - _NOT_COUNT_REACH if n.start - _NOT_COUNT_REACH > self.start else self.start:n.start]
            last = window.rsplit(None, 1)[-1:]
            if last and last[0].lower() in _NOT_COUNT_LAST and (" " + window).lower().endswith(_NOT_COUNT_ENDS):
                return False  # "aged 52", "route 66"
        if n.end - n.start == 4 and text.startswith(("18", "19", "20"), n.start) and \
                text[n.start + 2:n.end].isdecimal() and not np_after(text, n.end, self.end):  # _YEAR_RE
            return False
        lo = n.start - 40 if n.start - 40 > self.start else self.start
        if text[n.end:n.end + 1] == "," and text[lo:n.start].rstrip()[-1:] == "," and \
                _AGE_BEFORE_RE.search(text, lo, n.start):
            return False  # "Felipe Mamani, 47, ..."
        return True

    def free(self, start: int, end: int) -> bool:
        for s, e in self.used:
            if start < e and end > s:
                return False
        return True

    def after_subset_opener(self, n: NumberSpan) -> bool:
        words = self.words_before(n.start, 3)
        if not words or words[0][1] not in _SUBSET_ENDS:
            return False  # the word before the number ends no opener
        phrase: tuple[str, ...] = ()  # the words before the number, one more each time
        for _, word in words:
            phrase = (word, *phrase)
            if phrase in _SUBSETS:
                return True
        return False

    def add(self, kind: str, value: Value, who: str | None, span: tuple[int, int], anchor: tuple[int, int],
            update_from: int | None = None, used: tuple[tuple[int, int], ...] = ()) -> None:
        count = Count(kind, value[0], value[1], value[2], who, span)  # (positional arguments are quicker)
        self.figures.append(Figure(count, self.index, anchor, update_from))
        self.used.extend(used or (span,))


def _who(phrases: list[str | None]) -> str | None:
    names = []
    for phrase in phrases:
        if not phrase:
            continue
        parts = phrase.split()
        if len(parts) == 1:
            phrase = parts[0]
            if phrase.lower() in _GENERIC:
                continue
        else:
            phrase = " ".join(parts)
            if set(phrase.lower().split()) <= _GENERIC:
                continue
        if phrase not in names:
            names.append(phrase)
    return ", ".join(names) or None


def _total(values: list[Value]) -> Value:
    if len(values) == 1:
        return values[0]
    quals = {q for _, _, q in values}
    lo = None if any(v[0] is None for v in values) else sum(v[0] for v in values)
    hi = None if any(v[1] is None for v in values) else sum(v[1] for v in values)
    if quals == {"exact"}:
        return lo, hi, "exact"
    if "vague" in quals:
        return lo, None, "vague"
    if hi is None:
        return lo, None, "at_least"
    if lo is None:
        return None, hi, "up_to"
    return lo, hi, "about" if lo == hi else "range"


def _negated_before(s: _Sentence, offset: int) -> bool:
    """"did not kill", "denied killing", "threatened to kill", "could have displaced"."""
    before = [w for _, w in s.words_before(offset, 4)]
    if not before:
        return False
    if before[0] == "have" and len(before) > 1 and before[1] in ("may", "might"):
        before = before[2:]  # "may have killed": an estimate, not a hypothesis
    elif before[0] == "to" or before[0] in _MODALS:
        return True
    for w in before[:2]:
        if w in _MODALS:
            return True
    for w in before:
        if w in _NEGATORS or w.endswith(("n't", "n\u2019t")):
            return True
    return False


def _or_before(s: _Sentence, offset: int) -> bool:
    """A figure word and "or" right before ``offset``: "killed or injured 40"."""
    lo = offset - 30 if offset - 30 > s.start else s.start
    window = s.text[lo:offset]
    tail = window.rstrip()  # the pattern ends in "\s+or\s+$": only whitespace after "or"
    if len(tail) == len(window) or tail[-2:].lower() != "or" or not tail[-3:-2].isspace():
        return False
    return _OR_BEFORE_RE.search(s.text, lo, offset) is not None


def _or_after(s: _Sentence, offset: int) -> bool:
    """"or" and a figure word right after ``offset``: "killed or injured"."""
    head = s.text[offset:offset + 12 if offset + 12 < s.end else s.end]
    rest = head.lstrip()  # the pattern starts with "\s+or"
    if len(rest) == len(head) or len(rest) >= 2 and rest[:2].lower() != "or":
        return False
    return _ALTERNATIVE_RE.match(s.text, offset, s.end) is not None


def _value_of(s: _Sentence, start: int, end: int) -> Value | None:
    if not s.free(start, end):
        return None
    return parse_number(s.text[start:end])


# ---------------------------------------------------------------- fixed constructions
def _zeros(s: _Sentence) -> None:
    for m in s.finditer(fixed.ZERO_RE, ZERO_STARTS):
        if any(w in _NEGATORS for w in m.group("aux").lower().split()):
            continue
        kinds = dict.fromkeys(fixed.ZERO_VERBS[v.lower()] for v in (m.group("v"), m.group("v2")) if v)
        for kind in kinds:
            s.add(kind, (0, 0, "exact"), None, (m.start(), m.end()), (m.start("aux"), m.end("v")))
    for m in s.finditer(fixed.NO_NOUN_RE, ZERO_STARTS):
        kinds = dict.fromkeys(k for n in (m.group("n"), m.group("n2")) if n for k in fixed.ZERO_NOUNS[n.lower()])
        for kind in kinds:
            s.add(kind, (0, 0, "exact"), None, (m.start(), m.end()), (m.start("n"), m.end("n")))


def _old_value(s: _Sentence, m: re.Match) -> int | None:
    for name in ("old1", "old2"):
        if name in m.re.groupindex and m.group(name):
            value = parse_number(m.group(name))
            if value:
                return value[0] if value[0] is not None else value[1]
    return None


def _tolls(s: _Sentence, cue_words: set[str] | None) -> None:
    """``cue_words``: the sentence's cue words when they are all of them (see :func:`_whole_words`)."""
    for pattern in (fixed.TOLL_RE, fixed.RAISE_RE, fixed.TOLL_OF_RE):
        if cue_words is not None and (pattern is fixed.TOLL_OF_RE and "toll" not in cue_words or pattern is
                                      fixed.RAISE_RE and fixed.RAISERS.isdisjoint(word_hay(s.text, s.start, s.end).split())):
            continue  # "the toll of 35" holds the word "toll", "raising the toll" one of the raisers
        for m in s.finditer(pattern, TOLL_STARTS) if pattern is fixed.TOLL_RE else pattern.finditer(s.text, s.start, s.end):
            if "gap" in pattern.groupindex and _HYPOTHETICAL_RE.search(m.group("gap")):
                continue
            value = _value_of(s, m.start("new"), m.end("new"))
            if value is None or not (np_after(s.text, m.end("new"), s.end)
                                     or _BARE_AFTER_RE.match(s.text, m.end("new"), s.end)):
                continue  # "the toll road is 35 km long"
            kind = toll_kind(m.group("noun"))
            span = (min(m.start("noun"), m.start()), m.end("new"))
            s.add(kind, value, None, span, (m.start("noun"), m.end("noun")), _old_value(s, m),
                  used=((m.start(), m.end()),))


def _specials(s: _Sentence, cue_words: set[str] | None) -> None:
    for pattern, kind, words, keys in _SPECIAL:
        if cue_words is not None and cue_words.isdisjoint(words):
            continue  # each match holds one of its words
        for m in s.finditer(pattern, keys):
            value = _value_of(s, m.start("num"), m.end("num"))
            if value is None or value[2] == "exact" and value[0] == 0 or _negated_before(s, m.start("verb")):
                continue
            end = m.end("np") if m.group("np") else m.end("num")
            s.add(kind, value, _who([m.group("np")]), (m.start("verb"), end), (m.start("verb"), m.end("verb")),
                  used=((m.start("num"), m.end("num")),))


# ---------------------------------------------------------------- victims after the word
@dataclass(slots=True)
class _Group:
    """One share of a figure: "three soldiers", "a man", "at least 20"."""

    value: Value
    who: str | None
    start: int
    end: int
    number: NumberSpan | None = None


def _group_after(s: _Sentence, pos: int) -> _Group | None:
    """The number (or "a man") at ``pos`` with its victims."""
    n = s.number_at.get(pos)
    if n is not None and not n.zero and s.free(n.start, n.end):
        after = np_after(s.text, n.end, s.end)
        if after:
            return _Group(n.value, after[0], n.start, after[1], n)
        m = _PARTITIVE_RE.match(s.text, n.end, s.end)
        if m:
            return _Group(n.value, None, n.start, m.end(), n)
        if _BARE_AFTER_RE.match(s.text, n.end, s.end):
            return _Group(n.value, None, n.start, n.end, n)
        return None  # "killed 300 cattle", "detained 30 days"
    m = _SING_RE.match(s.text, pos, s.end) or _AGED_RE.match(s.text, pos, s.end) or _NAMED_RE.match(s.text, pos, s.end)
    return _Group((1, 1, "exact"), m.group("np"), pos, m.end()) if m else None


def _active(s: _Sentence, t: _Trigger) -> bool:
    of_nouns, active = "of_nouns" in t.roles, "active" in t.roles
    if active:
        previous = s.words_before(t.start, 1)
        active = not (previous and previous[0][1] in _BE)  # "were killed"
    for prefix, role in ((_PREFIX_OF_RE, of_nouns), (_PREFIX_VERB_RE, active)):
        m = prefix.match(s.text, t.end, s.end) if role else None
        first = _group_after(s, m.end()) if m else None
        if first is None and m and m.group("extra") and t.phrase not in _NEEDS_NOUN:
            first = _group_after(s, m.start("extra"))  # "detained the owner", not "held the governor responsible"
        if first is None:
            continue
        if _negated_before(s, t.start) or _or_before(s, t.start):
            return False  # "did not kill", "killed or injured 40"
        groups = [first]
        while groups[-1].who:  # "killed three soldiers and two civilians"
            sep = _SUM_SEP_RE.match(s.text, groups[-1].end, s.end)
            nxt = _group_after(s, sep.end()) if sep else None
            if nxt is None or not nxt.who or _POST_FOLLOWS_RE.match(s.text, nxt.end, s.end) \
                    or _SPEAKS_RE.match(s.text, nxt.end, s.end) or nxt.number is None and "and" not in \
                    sep.group().lower() and _APPOSED_RE.match(s.text, nxt.end, s.end):
                break  # "killed 17 people and 40 others were injured", "killing four, the governor said",
                # "killed Ali Musa, a farmer, on Monday" (one man)
            groups.append(nxt)
        return _finish(s, t, groups, (t.start, groups[-1].end), (t.start, t.end))
    return False


def _finish(s: _Sentence, t: _Trigger, groups: list[_Group], span: tuple[int, int], anchor: tuple[int, int],
            perfect: bool = False) -> bool:
    """Check the word's conditions on its victims and record the figure."""
    whos = [groups[0].who] if len(groups) == 1 else [g.who for g in groups]
    if t.phrase in _NEEDS_NOUN or t.kind == "missing":
        if not all(w and _LEXICAL_RE.search(w) for w in whos) and (t.phrase in _NEEDS_NOUN or any(whos)):
            return False  # "held 40 people", not "held a rally"; "3 containers are missing"
    if t.phrase in _NEEDS_HOMES and not _HOMES_RE.search(s.text, span[1], min(s.end, span[1] + 60)):
        fled = t.phrase in _FLEE_WORDS and (perfect or any(  # ("150 residents of Crucito fled to Tierralta")
            w and w.lower().split(" of ")[0].split()[-1] in _FLEE_HEADS for w in whos))
        if not fled:
            return False  # "evacuated from their homes", "thousands of residents fled"
    if t.phrase in _NEEDS_WOUNDS and not _WOUNDS_RE.match(s.text, t.end, s.end):
        return False  # "taken to hospital for tests"
    if len(groups) == 1:
        number = groups[0].number
        used = ((number.start, number.end), span) if number else (span,)
        value = groups[0].value
    else:
        used = tuple((g.number.start, g.number.end) for g in groups if g.number) + (span,)
        value = _total([g.value for g in groups])
    s.add(t.kind, value, _who(whos), span, anchor, used=used)
    return True


# ---------------------------------------------------------------- victims before the word
def _auxiliary_tail(s: _Sentence, t: _Trigger) -> tuple[int, list[str]]:
    """Start of the auxiliaries right before the word ("were unlawfully"), and those words."""
    words: list[str] = []
    left = t.start
    limit = 2  # mostly enough: "were killed", "people killed"
    while True:
        before = s.words_before(t.start, limit)
        for start, word in before[len(words):]:
            if not (word in _AUX or word in _NEGATORS or word in _MODALS or word.endswith(("n't", "n\u2019t"))):
                return left, words
            words.append(word)
            left = start
        if len(before) < limit or limit == 6:
            return left, words
        limit = 6


def _subject(s: _Sentence, left: int, noun_only: bool, bare: bool = False) -> _Group | None:
    """The victims that end at ``left``: a number with its noun phrase, or "a man"."""
    tries = 1 if noun_only else 3  # "212 people, ..., in the capital and three towns have been killed"
    for n in reversed(s.numbers):
        if n.end > left or n.zero or not s.free(n.start, n.end):
            continue
        if s.after_subset_opener(n):
            continue  # "12 people, among them 3 children, were killed": 3 is part of 12
        if noun_only:
            m, who = _NOUN_GAP_RE.fullmatch(s.text, n.end, left), None
        elif one_word(s.text, n.end, left):  # " people ": _SUBJECT_RE's noun phrase, without it
            m, who = True, s.text[n.end + 1:left - 1]
        else:
            m = _SUBJECT_RE.fullmatch(s.text, n.end, left)
            who = m.group("np") if m else None
        if m:
            for _, w in s.words_before(n.start, 3):
                if w in _NEGATORS:
                    return None  # "denied that 12 people were killed"
            return _Group(n.value, who, n.start, left, n)
        tries -= 1
        if not tries:
            break
    if noun_only:
        return None
    m = s.one_person(_SING_SUBJECT_RE, left - 150 if left - 150 > s.start else s.start, left)
    if m is None and s.text.startswith(("was ", "is ", "has ", "had ", "died ", "died,", "died.", "perished "),
                                       left):  # one person by name ("Jaylen Brooks, 21, died at the scene")
        m = _NAMED_SUBJECT_RE.search(s.text, left - 80 if left - 80 > s.start else s.start, left)
    if m is None or bare and m.groupdict().get("the"):
        return None  # "we want the officer arrested"
    found = m.groupdict()
    return _Group((1, 1, "exact"), found["np"] or found.get("aged") or found.get("kin"), m.start(), left)


def _extend_left(s: _Sentence, groups: list[_Group]) -> None:
    """"three soldiers and two civilians were killed", "two men and a woman were injured"."""
    while groups[0].who:
        first = groups[0]
        prev = None
        for p in reversed(s.numbers):
            if p.end <= first.start and s.free(p.start, p.end):
                prev = p
                break
        m = _SUM_LEFT_RE.fullmatch(s.text, prev.end, first.start) if prev and not prev.zero else None
        if m:
            if s.after_subset_opener(prev) or _TRIGGER_RE.search(s.text, max(s.start, prev.start - 12),
                                                                  prev.start):
                return  # "killed 17 people and 40 others were injured"
            groups.insert(0, _Group(prev.value, m.group("np"), prev.start, first.start, prev))
            continue
        m = s.one_person(_SING_LEFT_RE, first.start - 60 if first.start - 60 > s.start else s.start, first.start)
        if not m or _TRIGGER_RE.search(s.text, max(s.start, m.start() - 12), m.start()):
            return
        groups.insert(0, _Group((1, 1, "exact"), m.group("np"), m.start(), first.start))


def _follows_kind(m: re.Match) -> str:
    """The kind of the figure word that _POST_FOLLOWS_RE found."""
    return TRIGGERS[" ".join((m.group("word") or m.group("hospital")).lower().split())][0]


def _verb_after_groups(s: _Sentence, pos: int) -> re.Match | None:
    """The figure word after the victims that end at ``pos`` and any more groups summed with them:
    "[three wounded soldiers] and two civilians were killed"."""
    while True:
        follows = _POST_FOLLOWS_RE.match(s.text, pos, s.end)
        sep = None if follows else _SUM_SEP_RE.match(s.text, pos, s.end)
        nxt = _group_after(s, sep.end()) if sep else None
        if nxt is None or not nxt.who:
            return follows
        pos = nxt.end


# an object after a bare figure word makes it active ("killed a man"), unless it is a time ("killed the day before")
_OBJECT_AFTER_RE = re.compile(r"\s+(?:a|an|the)\s+(?!(?:day|night|week|month|year|morning|afternoon|evening|"
                              r"weekend|previous|following|same|next|last|first|second|third)\b)\w", re.IGNORECASE)


def _post(s: _Sentence, t: _Trigger) -> bool:
    info = POST_INFO[t.phrase]
    if info is None:
        return False
    noun_only, bare, before_noun, prenominal, post_aux_only = info
    left, aux = (t.start, []) if noun_only else _auxiliary_tail(s, t)
    if aux:
        epistemic = aux[-1] in ("may", "might") and "have" in aux  # "as many as 40,000 may have been killed"
        for w in aux:
            if w in _NEGATORS or (w in _MODALS and not epistemic) or w.endswith(("n't", "n\u2019t")):
                return False
    elif not bare:
        return False  # "held" needs "were held"
    if post_aux_only and len(aux) == 1 and aux[0] in ("is", "are") and t.phrase == "held":
        return False  # "whose 23-year-old son is held in the penitentiary": an inmate, no arrest
    after = None  # "12 injured people"
    if not aux and before_noun:
        if prenominal:
            m = np_after(s.text, t.end, s.end)
            follows = _verb_after_groups(s, m[1]) if m else None
            after = m if m and (not follows or _follows_kind(follows) == t.kind) else None
        if after is None and (not _BARE_AFTER_RE.match(s.text, t.end, s.end)
                              or _OBJECT_AFTER_RE.match(s.text, t.end, s.end)):
            return False  # "two gunmen killed villagers", "two officers shot and killed a man": active
    if _or_after(s, t.end) or _or_before(s, left):
        return False  # "killed or injured": neither figure is known
    if t.phrase in _NOT_BEFORE and _NOT_BEFORE[t.phrase].match(s.text, t.end, s.end):
        return False  # "was held responsible", "were missing a document"
    first = _subject(s, left, noun_only, bare=not aux)
    if first is None:
        return False
    groups = [first]
    _extend_left(s, groups)
    end = t.end
    if after is not None and not any(g.who for g in groups):
        groups[-1].who, end = after
    if t.kind == "displaced" and not aux and "intransitive" not in t.roles \
            and _POPULATION_RE.match(s.text, end, s.end):
        return False  # "where thousands of displaced people had sought shelter": who was there
    perfect = "have" in aux or "has" in aux or "had" in aux
    return _finish(s, t, groups, (groups[0].start, end), (left, t.end), perfect)


# ---------------------------------------------------------------- entry points
def _whole_words(s: _Sentence, cues: list[Cue]) -> set[str] | None:
    """The phrases of ``cues`` when they are all the cue words that the fixed constructions' patterns
    can match in the sentence, else None: the cues of a sentence's own word hay, or of the
    document's where no word runs across the sentence's edges (:func:`apply` passes number_starts
    then), and no character that matches an ASCII letter case-insensitively (FOLD_SPECIAL)."""
    return {c[2] for c in cues} if s.plain() else None


def find_figures(text: str, start: int = 0, end: int | None = None, *, sentence: int = 0,
                 cues: list[Cue] | None = None, number_starts: list[int] | None = None,
                 hay: str | None = None) -> list[Figure]:
    """The figures of the sentence ``text[start:end]`` in text order (spans are offsets into ``text``).

    ``cues`` are the sentence's cue words and ``number_starts`` where its numbers can start (see
    :func:`.numbers.find_numbers`) when the caller has found them already (see :func:`apply`), and
    ``hay`` the :func:`.numbers.word_hay` of the whole ``text`` when it has that.
    """
    end = len(text) if end is None else end
    whole = cues is None or number_starts is not None  # see _whole_words
    cues = find_cues(text, start, end) if cues is None else cues
    if not cues:
        return []
    categories = cues[0][3] if len(cues) == 1 else set().union(*[c[3] for c in cues])
    if categories == {"trigger"} and number_starts == [] and not has_a_word(text, start, end):
        return []  # the check below, before the numbers are read
    s = _Sentence(text, start, end, sentence, number_starts=number_starts, doc_hay=hay)
    if categories == {"trigger"} and not s.numbers and not has_a_word(text, start, end):
        return []  # no number and no "a man" or "an officer": no victims for the words
    if "zero" in categories:
        _zeros(s)
    if "toll" in categories or "special" in categories:
        words = _whole_words(s, cues) if whole else None
        if "toll" in categories:
            _tolls(s, words)
        if "special" in categories:
            _specials(s, words)
    triggers: list[_Trigger] = []
    for first, last, phrase, cats in sorted(cues, key=lambda c: (c[0], -c[1])) if len(cues) > 1 else cues:
        if "trigger" not in cats or (triggers and first < triggers[-1].end) or not s.free(first, last):
            continue  # leftmost-longest, like a regex alternation
        kind, roles = TRIGGERS[phrase]
        triggers.append(_Trigger(first, last, kind, roles, phrase))
    done = {id(t) for t in triggers if _active(s, t)}
    for t in triggers:
        if id(t) not in done and s.free(t.start, t.end):
            _post(s, t)
    found = _without_vaguer(s.figures)
    return sorted(found, key=lambda f: (f.count.span[0], f.anchor[0])) if len(found) > 1 else found


def _without_vaguer(found: list[Figure]) -> list[Figure]:
    """"Dozens were injured ... more than 50 of its supporters had been injured": within one
    sentence, a vague figure gives way to a specific one of the same kind that is not smaller
    (a smaller one may be a part of it: "dozens were hurt, 12 of them police officers")."""
    for f in found:
        if f.count.qualifier == "vague":
            break
    else:
        return found

    def specific_at_least(vague: Count) -> bool:
        return any(f.count.kind == vague.kind and f.count.qualifier != "vague"
                   and (f.count.min if f.count.min is not None else f.count.max or 0) >= (vague.min or 0)
                   for f in found)
    return [f for f in found if f.count.qualifier != "vague" or not specific_at_least(f.count)]


def apply(doc: Doc) -> None:
    text = doc.text
    hay = doc_hay(doc)
    cues, numbers = scan(hay, 0)
    if not cues:
        return
    starts = [s.start for s in doc.sentences]
    by_sentence: dict[int, list] = {}
    for cue in cues:
        index = bisect_right(starts, cue[0]) - 1
        if index >= 0 and cue[1] <= doc.sentences[index].end:
            by_sentence.setdefault(index, []).append(cue)
    for index, sentence_cues in by_sentence.items():
        sent = doc.sentences[index]
        doc.figures.extend(find_figures(text, sent.start, sent.end, sentence=index, cues=sentence_cues,
                                        number_starts=number_starts(numbers, hay, sent.start, sent.end), hay=hay))
