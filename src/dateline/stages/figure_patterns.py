"""The phrase patterns of the figures stage (stages/figures.py): the victims ("nine police
officers", "a 19-year-old student", "journalist Saul Beltran"), the gaps that may stand between them
and their figure word, and the fixed constructions ("forced 4,300 people to flee"); built once from
lexicons/figures.toml.

The patterns are slow to fail at every offset of a sentence, so the stage reads a sentence's words
(SentenceWords) to try them only where they can match: where the words they start with stand
(found in a word hay, stages/numbers.py), and the common cases ("12 people,", "killed 12 people
and") without them (np_after, one_word), with the same results.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

import ahocorasick

from ..lexicons import load
from .figure_cues import _SPECIAL_CUES, TOLL_KINDS, TRIGGERS
from .numbers import AGE_ADJ, FOLD_SPECIAL, NOT_A_UNIT, NUMBER, NUMERAL, alternation, padded_key, word_hay

_LEX = load("figures")
_G = _LEX["grammar"]
_I = re.IGNORECASE
_NEEDS_NOUN = frozenset(_LEX["flags"]["needs_victim_noun"])
_NEEDS_HOMES = frozenset(_LEX["flags"]["needs_homes"])
_FLEE_HEADS = frozenset(_LEX["flags"]["flee_heads"])
_FLEE_WORDS = frozenset(_LEX["flags"]["flee_words"])
_NEEDS_WOUNDS = frozenset(_LEX["flags"]["needs_wounds"])
_WOUNDS = rf"\s+with\s+(?:[\w\-]+\s+){{0,3}}?(?:{alternation(_LEX['flags']['wounds'])})\b"  # "with head injuries"
_AUX = frozenset(_G["auxiliaries"])
_NEGATORS = frozenset(_G["negators"])
_MODALS = frozenset(_G["modals"])
_BE = frozenset(("was", "were", "is", "are", "be", "been", "being"))
_KIN = _LEX["victims"]["kin"]
_NOT_COUNT_ENDS = tuple(f"{space}{w} " for w in (*_G["not_a_count_before"], *(f"{k} of" for k in _KIN))
                        for space in " \n")  # "aged 52", "a father of three"
_NOT_COUNT_REACH = max(map(len, _NOT_COUNT_ENDS))
_NOT_COUNT_LAST = frozenset(end.split()[-1] for end in _NOT_COUNT_ENDS)  # the word each of them ends in
_GENERIC = frozenset(_LEX["victims"]["generic"]) | {"other", "more"}  # who = None for "17 people"
_SUBSETS = frozenset(tuple(p.split()) for p in _G["subset_openers"])
_SUBSET_ENDS = frozenset(p[-1] for p in _SUBSETS)
_POST_ROLES = frozenset(("post", "post_aux", "intransitive", "nouns", "prenominal"))

# ---------------------------------------------------------------- phrase patterns
_STOP = alternation(
    {*_G["function_words"], *_AUX, *_NEGATORS, *_MODALS, *_G["boundary_words"], *_G["gap_blockers"],
     *(p for p, (_, roles) in TRIGGERS.items() if " " not in p and "prenominal" not in roles)}
)  # "wounded" and "missing" may modify the victims: "twelve wounded soldiers were killed"
# (an abbreviation in capitals is a modifier even where the word is a stop word: "a US soldier")
_MOD = rf"(?:(?-i:[A-Z]{{2,4}})(?![\w'\u2019\-])|(?!(?:{_STOP})\b)(?:\d+[-\u2010])?[^\W\d_][\w'\u2019\-]*)"
_END = r"(?![\w'\u2019\-])"
_VICTIMS = _LEX["victims"]
_SING = alternation(_VICTIMS["singular"])
_LEXICAL_HEAD = rf"(?:{alternation(_VICTIMS['plural'] + _VICTIMS['singular'])}|(?-i:[A-Z][a-z]{{2,}}(?:s|ese)))"
_AGENT_HEAD = (rf"(?!(?:{alternation(_VICTIMS['not_victims'])}){_END})"
               rf"[^\W\d_]{{2,}}(?:{alternation(_VICTIMS['agent_endings'])})")
_HEAD = rf"(?:{_LEXICAL_HEAD}|{_AGENT_HEAD})"
_OF_TAIL = (rf"(?:{alternation(_VICTIMS['of_heads'])})\s+of\s+(?:(?:the|a|an|one|his|her|their|its)\s+)?"
            rf"(?:{_MOD}\s+){{0,2}}{_MOD}")
_NP = rf"(?:{_MOD}\s+){{0,3}}(?:{_OF_TAIL}|{_HEAD}){_END}"
_KIN_NP = rf"(?:{alternation(_KIN)})(?:\s+of\s+|[-\u2010]of[-\u2010])(?:{NUMERAL})"  # "father of three"
_SING_NP = rf"(?:(?:{AGE_ADJ}\s+)?(?:{_MOD}\s+){{0,2}}(?:{_KIN_NP}|{_SING})|{AGE_ADJ}){_END}"  # "a 19-year-old"
_NAME = r"(?-i:[A-Z][\w'\u2019\-]+)(?:\s+(?-i:[A-Z][\w'\u2019\-]+)){0,3}"
_AGED = rf"{AGE_ADJ}\s+(?:(?:{_MOD}\s+){{0,2}}(?:{_SING}){_END}|{_NAME})"  # "24-year-old Abdelazim Abubakr"
# ", a 19-year-old student," or ", 19," after a singular victim
_APPOSED_PP = (rf"\s+(?:{alternation({*_G['gap_prepositions'], 'of', 'for', 'with'})})\s+"
               rf"(?:(?:the|a|an|his|her|their|its)\s+)?(?:{_MOD}\s+){{0,2}}{_MOD}")  # "at the district clinic"
# (and two of them: "Jaylen Brooks, 21, of Lawrenceville," "Fidel Mamani, 34, a farmer from Colomi,")
_APPOSITION = (rf"(?:\s*,\s*(?:(?:a|an)\s+(?:{AGE_ADJ}\s+)?(?:{_MOD}\s+){{0,3}}{_MOD}(?:{_APPOSED_PP}){{0,2}}"
               rf"|{AGE_ADJ}|\d{{1,3}}|of\s+{_NAME})\s*(?=,)){{0,2}}"
               rf"(?:\s*,)?")
_BLOCK = alternation(_G["gap_blockers"])
_QUOTES = "\u201c\u201d\""
_GAP_COMMA = (rf"\s*,\s*(?:{alternation(_G['gap_openers'])})\b"
              rf"(?:(?!\b(?:{_BLOCK})\b)[^;:(){_QUOTES}]){{0,200}}?,?")
_GAP_PREP = (rf"\s+(?:{alternation(_G['gap_prepositions'])})\s+"
             rf"(?:(?!\b(?:{_BLOCK})\b)[^,;:()\d{_QUOTES}]){{1,60}}?")
_GAP = rf"(?:{_GAP_COMMA}|{_GAP_PREP}){{0,2}}"
_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
_TRIGGER_ALT = alternation(TRIGGERS)
_AUX_ALT = alternation(_AUX)
_NOT_UNIT = NOT_A_UNIT

_TRIGGER_RE = re.compile(rf"\b(?:{_TRIGGER_ALT})\b", _I)
_NP_AFTER_RE = re.compile(rf"\s+(?:of\s+(?:the|those|their)\s+)?(?P<np>{_NP})", _I)
_PARTITIVE_RE = re.compile(r"\s+of\s+(?:them|whom|those)\b", _I)
_BARE_AFTER_RE = re.compile(rf"\s*(?:$|[^\w\s]|(?:{alternation(_G['boundary_words'])})\b)", _I)
_PREFIX_VERB_RE = re.compile(rf"\s+(?:(?P<extra>{alternation(_G['extra_words'])})\s+)?", _I)
_PREFIX_OF_RE = re.compile(rf"\s+of\s+(?:(?P<extra>{alternation(_G['extra_words'])})\s+)?", _I)
_SUBJECT_RE = re.compile(
    rf"(?:\s+more)?(?:\s+of\s+(?:them|whom)|\s+(?:of\s+(?:the|its|their|his|her|our|those)\s+)?(?P<np>{_NP}))?"
    rf"{_GAP}(?:\s+(?:who|that))?\s*", _I)
_LEXICAL_RE = re.compile(rf"(?:{_LEXICAL_HEAD}){_END}", _I)
# The victims of one word: " people " between a number and its figure word is the noun phrase of
# _SUBJECT_RE, "people", as it stands (see stages/figures.py: _subject)
LEXICAL_WORDS = frozenset(w for w in _VICTIMS["plural"] + _VICTIMS["singular"] if w.isalpha()) - {"more"}


def _closing_words() -> frozenset[str]:
    """Words after which a noun phrase of _NP does not run on: "12 people and", "12 people who".
    Each is a _STOP word, so no _MOD, and no head: no victim phrase starts with it, it is no
    of_heads word ("members of") and has no agent ending."""
    stop = re.compile(rf"(?:{_STOP})\b", _I)
    firsts = {p.split()[0] for p in _VICTIMS["plural"] + _VICTIMS["singular"]}
    return frozenset(
        w for w in {*_G["function_words"], *_AUX, *_NEGATORS, *_MODALS, *_G["boundary_words"], *_G["gap_blockers"]}
        if w.isascii() and w.isalpha() and w.islower() and stop.match(w + " ") and w not in firsts and w != "of"
        and w not in _VICTIMS["of_heads"] and not w.endswith(tuple(_VICTIMS["agent_endings"])))


CLOSING_WORDS = _closing_words()
NP_END_MARKS = frozenset(',.;:)!?"\u201d')  # after the head: no _MOD runs on past them
_CAP_WORD = r"(?-i:[A-Z\u00c0-\u00d6\u00d8-\u00de])[\w\-]*"
# "a", "the", "his", "the factory's", "Hezbollah's" before one person
_SING_DET = (rf"(?:(?:a|an|the|his|her|their|its)\s+(?:(?!(?:{_STOP})\b)[^\W\d_][\w\-]*['\u2019]s\s+)?"
             rf"|(?:{_CAP_WORD}\s+){{0,2}}{_CAP_WORD}['\u2019]s\s+)")
# "the driver" only before an auxiliary (not "we want the officer arrested"), and with no possessive
# ("the boat's owner"): a conservative first step for definite subjects.
_SING_SUBJECT_RE = re.compile(
    rf"(?<![\w'\u2019])(?:(?:a|an|(?P<the>the)(?!(?:\s+\S+){{1,3}}['\u2019]s\s))\s+(?P<np>{_SING_NP})"
    rf"|(?P<aged>{_AGED})|(?P<kin>{_KIN_NP}{_END})){_APPOSITION}{_GAP}"
    rf"(?:\s+(?:who|that))?\s*$", _I)
_SING_LEFT_RE = re.compile(rf"(?<![\w'\u2019])(?:a|an|the)\s+(?P<np>{_SING_NP}){_SEP}$", _I)
_NOUN_GAP_RE = re.compile(rf"\s+(?:{_MOD}\s+){{0,2}}", _I)
_SUM_LEFT_RE = re.compile(rf"\s+(?P<np>{_NP}){_SEP}", _I)
_SUM_SEP_RE = re.compile(_SEP, _I)
_SING_RE = re.compile(rf"{_SING_DET}(?P<np>{_SING_NP})", _I)  # "the factory's production manager"
# A person by name: "journalist Saúl Beltrán" after a verb, "Saúl Beltrán, 41, was shot dead" before one.
_CAP = r"(?-i:[A-Z\u00c0-\u00d6\u00d8-\u00de])[\w'\u2019\-]*"
_PERSON = rf"{_CAP}(?:\s+(?:{_CAP}|(?:{alternation(_G['name_particles'])})(?=\s)))*\s+{_CAP}(?<!['\u2019]s)"
_NAMED_RE = re.compile(rf"(?:(?!(?:{_STOP})\b)(?-i:[a-z][\w\-]*)\s+){{0,2}}(?P<np>{_PERSON})"
                       rf"(?![\w'\u2019\-])(?=\s*(?:$|[^\w\s]|(?:{alternation(_G['boundary_words'])})\b))", _I)
# "killed Ali Musa, a leader of the party, outside his home": one man (and the complement is his)
_APPOSED_RE = re.compile(r"(?:\s+(?:of|from|in|at|with|for)\s+[^,.;:()]{1,60}?)?\s*(?:$|[.;:)]|,(?!\s*(?:and|or)\b))",
                         _I)
_SPEAKS_RE = re.compile(rf"\s+(?:{alternation(_G['speech_verbs'])})\b", _I)
_NAMED_SUBJECT_RE = re.compile(rf"(?<![\w'\u2019\-])(?P<np>{_PERSON}){_APPOSITION}\s*$", _I)
_AGED_RE = re.compile(rf"(?P<np>{_AGED})", _I)
_POST_FOLLOWS_RE = re.compile(  # "taken to hospital" only with a wound: "12 injured people were taken to hospital"
    rf"(?:\s+(?:{_AUX_ALT}|not))*\s+(?:(?P<word>{alternation(p for p in TRIGGERS if p not in _NEEDS_WOUNDS)})\b"
    rf"|(?P<hospital>{alternation(_NEEDS_WOUNDS)}){_WOUNDS})", _I)
_NOT_BEFORE = {phrase: re.compile(rf"\s+(?:{alternation(words)})\b", _I)  # "was held responsible"
               for phrase, words in _LEX["flags"]["not_before"].items()}
_HOMES_RE = re.compile(r"\bhomes?\b", _I)
_POPULATION_RE = re.compile(  # "displaced people had sought shelter", "families displaced by fighting were living"
    rf"(?:\s+by\s+[^,;:.()\d]{{1,60}}?)?\s+(?:{alternation(_G['population_verbs'])})\b", _I)
_WOUNDS_RE = re.compile(_WOUNDS, _I)
_ALTERNATIVE_RE = re.compile(rf"\s+or\s+(?:{_TRIGGER_ALT})\b", _I)
_OR_BEFORE_RE = re.compile(rf"\b(?:{_TRIGGER_ALT})\s+or\s+$", _I)
_YEAR_RE = re.compile(r"1[89]\d\d|20\d\d")
_AGE_BEFORE_RE = re.compile(r"[A-Z][\w'\u2019\-]*,\s*$")
_MARKS = ".,;:!?()[]\"\u201c\u201d\u2018\u2014\u2013"
_A_WORD = re.compile(  # "a man", a name, "Hamas's leader", "Father of two killed"
    rf"\b(?:an?|the|his|her|their|its)\s|{AGE_ADJ}|(?-i:[A-Z])\w*(?:\s+(?-i:[A-Z])|['\u2019]s\s)|\b{_KIN_NP}", _I)
# Two branches of _A_WORD alone (a match of either is one of _A_WORD), which find the commonest
# matches several times quicker than the whole pattern, whose every branch is tried at each offset
_A_WORD_QUICK = (re.compile(r"\b(?:an?|the|his|her|their|its)\s", _I),
                 re.compile(r"[A-Z]\w*(?:\s+[A-Z]|['\u2019]s\s)"))


def has_a_word(text: str, start: int, end: int) -> bool:
    """Whether ``_A_WORD`` matches in ``text[start:end]``."""
    determiner, capitals = _A_WORD_QUICK
    if determiner.search(text, start, end) is not None or capitals.search(text, start, end) is not None:
        return True
    # what the two miss: an age (holds "old"), a kin word, or a name with "'s" (any case: "'S")
    low = text[start:end].lower()
    if "old" not in low and "'" not in low and "\u2019" not in low and not any(kin in low for kin in _KIN):
        return False
    return _A_WORD.search(text, start, end) is not None


_HYPOTHETICAL_RE = re.compile(r"\b(?:could|may|might|will|would|expected|feared|likely|fear|set to)\b", _I)


def _keys(words) -> tuple[str, ...]:
    """The keys of the first words of ``words`` in a word_hay (stages/numbers.py): " word "."""
    return tuple(sorted({" " + padded_key(w).split()[0] + " " for w in words}))


# Fixed constructions: (pattern, kind, the cue words of figure_cues one of which each match holds,
# the words its matches start with: see _keys); each has groups verb, num and optionally np.
_DISPLACING = ("forced", "forcing", "driven", "driving", "drove")
_TAKING = ("took", "taken", "taking", "takes", "take")
_HOLDING = (*_TAKING, "held", "holding", "holds", "hold", "seized", "seizing")
_SPECIAL = (
    (re.compile(rf"\b(?P<verb>{'|'.join(_DISPLACING)})\s+(?P<num>{NUMBER})(?:\s+(?P<np>{_NP}))?"
                r"\s+(?:to\s+(?:flee|leave|abandon)|from\s+their\s+homes|out\s+of\s+their\s+homes)\b", _I),
     "displaced", frozenset(_DISPLACING), _keys(_DISPLACING)),
    (re.compile(rf"\b(?P<verb>treated)\s+(?P<num>{NUMBER})(?:\s+(?P<np>{_NP}))?[^.;]{{0,80}}?\bfor\b[^.;]{{0,60}}?"
                r"\b(?:wounds|injuries|burns|fractures|gunshot)", _I), "injured", frozenset(("treated",)), _keys(["treated"])),
    (re.compile(rf"\b(?P<verb>{'|'.join(_HOLDING)})\s+(?P<num>{NUMBER})(?:\s+(?P<np>{_NP}))?\s+(?:hostages?|captives?)\b",
                _I), "abducted", frozenset(("hostage", "hostages", "captive", "captives")), _keys(_HOLDING)),
    (re.compile(rf"\b(?P<verb>{'|'.join(_TAKING)})\s+(?P<num>{NUMBER})(?:\s+(?P<np>{_NP}))?\s+into\s+custody\b", _I),
     "detained", frozenset(("custody",)), _keys(_TAKING)),
)
if {w for _, _, words, _ in _SPECIAL for w in words} != set(_SPECIAL_CUES):
    raise ValueError("figure_patterns._SPECIAL: the cue words of the constructions are not figure_cues._SPECIAL_CUES")


# ---------------------------------------------------------------- where matches can start
# A pattern that starts with a word is tried only where that word stands in a sentence's word_hay
# (stages/numbers.py) instead of at every offset: the same matches, found several times quicker.
# The hay turns every character but ASCII letters and digits into a space, so any whole word that
# the pattern can start with shows there, unless the text holds a character that matches an ASCII
# letter case-insensitively (FOLD_SPECIAL): the callers search the plain way then.
ZERO_STARTS = _keys(["no", "zero"] + _LEX["zero"]["words"])  # ZERO_RE and NO_NOUN_RE
TOLL_STARTS = _keys([*TOLL_KINDS, "number"])  # TOLL_RE


def _person_automaton() -> ahocorasick.Automaton:
    """The words one of which every match of _SING_SUBJECT_RE and _SING_LEFT_RE holds, its head: a
    singular victim, a kin word ("father of three") or the "old" of an age ("a 19-year-old"); and the
    words they start with: "a", "an", "the" (_SING_LEFT_RE), number words, kin words and digits.
    key -> (its length, whether a head, whether a start of both patterns, of _SING_LEFT_RE)."""
    heads = set(_keys([*_VICTIMS["singular"], *_KIN, "old"]))
    left = set(_keys(["a", "an", "the"]))
    starts = left | set(_keys(["zero", *_KIN, *(w for t in ("units", "teens", "tens") for w in _LEX["numbers"][t])]))
    starts |= {" " + d for d in "0123456789"}  # a digit after no letter or digit
    automaton = ahocorasick.Automaton()
    for key in heads | starts:
        automaton.add_word(key, (len(key), key in heads, key in starts, key in left))
    automaton.make_automaton()
    return automaton


_PERSONS = _person_automaton()


def person_words(hay: str, lo: int, hi: int, shift: int) -> tuple[list[int], list[int], list[int]]:
    """Where, in ``hay[lo:hi]`` (text offset i is hay offset i + shift), the words of _person_automaton
    start: (heads, starts of _SING_SUBJECT_RE, starts of _SING_LEFT_RE), each in order."""
    heads: list[int] = []
    starts: list[int] = []
    left: list[int] = []
    for last, (length, head, start, lefts) in _PERSONS.iter(hay, lo, hi):
        at = last - length + 2 - shift  # the word's first character, after the key's leading space
        if head:
            heads.append(at)
        if start:
            starts.append(at)
            if lefts:
                left.append(at)
    return heads, starts, left


# \d matches these too, which the hay turns into spaces: _SING_SUBJECT_RE ("a 19-year-old") is searched
# the plain way where a sentence holds one
OTHER_DIGITS_RE = re.compile(r"[^\D0-9]")


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int], lo: int, hi: int) -> list[re.Match[str]]:
    """``list(pattern.finditer(text, lo, hi))`` for a pattern that matches only at ``starts`` (in order)
    and never matches the empty string."""
    found = []
    after = lo
    for at in starts[bisect_left(starts, lo):]:
        if at >= hi:
            break
        if at >= after:
            m = pattern.match(text, at, hi)
            if m is not None:
                found.append(m)
                after = m.end()
    return found


def search_at(pattern: re.Pattern[str], text: str, starts: list[int], lo: int, last: int, hi: int
              ) -> re.Match[str] | None:
    """``pattern.search(text, lo, hi)`` for a pattern that matches only at ``starts`` (in order) and at
    ``last`` or before, and never matches the empty string."""
    for at in starts[bisect_left(starts, lo):]:
        if at > last:
            return None
        m = pattern.match(text, at, hi)
        if m is not None:
            return m
    return None


def np_after(text: str, pos: int, end: int) -> tuple[str, int] | None:
    """``_NP_AFTER_RE.match(text, pos, end)`` as (its np, its end); quickly where one victim word
    (LEXICAL_WORDS) follows a space and a mark, a closing word (CLOSING_WORDS) or the end follows it."""
    if pos >= end or not text[pos].isspace():
        return None
    if text[pos] == " ":
        space = text.find(" ", pos + 1, end)
        stop = end if space < 0 else space
        if text[stop - 1] in NP_END_MARKS:
            stop -= 1
        elif space >= 0:
            after = text.find(" ", space + 1, end)
            if after < 0 or text[space + 1:after] not in CLOSING_WORDS:
                stop = -1
        word = text[pos + 1:stop] if stop > pos else ""
        if word.isascii() and word.isalpha() and word.lower() in LEXICAL_WORDS:
            return word, stop
    m = _NP_AFTER_RE.match(text, pos, end)
    return (m.group("np"), m.end()) if m else None


def one_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is " people ": one victim word (LEXICAL_WORDS, ASCII letters
    only) between single spaces, which _SUBJECT_RE matches as its noun phrase."""
    word = text[start + 1:end - 1]
    return word.isascii() and word.isalpha() and text[start] == " " == text[end - 1] and \
        word.lower() in LEXICAL_WORDS


def _post_roles(roles: frozenset[str]) -> tuple[bool, bool, bool, bool, bool] | None:
    """What _post reads in a phrase's roles: None where it has no role after its victims, else
    (nouns only, needs no auxiliary, may stand before a noun, prenominal, post_aux only)."""
    roles = roles & _POST_ROLES
    if not roles:
        return None
    return (roles == {"nouns"}, bool(roles & {"post", "intransitive", "nouns", "prenominal"}),
            bool(roles & {"post", "prenominal"} and not roles & {"intransitive", "nouns"}),
            "prenominal" in roles, roles == {"post_aux"})


POST_INFO = {phrase: _post_roles(roles) for phrase, (_, roles) in TRIGGERS.items()}


class SentenceWords:
    """Where the words of one sentence of ``text`` stand (``text[start:end]``; ``doc_hay``, the
    word_hay of the whole text, where there is one), for the figures stage's sentences to inherit:
    the words before an offset, and where the words a pattern starts or a person holds stand."""

    text: str
    start: int
    end: int
    doc_hay: str | None

    def clear_words(self) -> None:
        self._before: dict[int, list] = {}
        self._plain: bool | None = None
        self._hay: tuple[str, int, int, int] | None = None
        self._starts: dict[tuple[str, ...], list[int] | None] = {}
        self._persons: tuple[list[int], list[int], list[int]] | None = None
        self._persons_upto = -1

    def words_before(self, offset: int, limit: int = 6) -> list[tuple[int, str]]:
        """Up to ``limit`` (<= 6) words right before ``offset`` as (start, lowercase word), nearest
        first; a punctuation mark ends the clause ("..., killing": nothing before the comma)."""
        state = self._before.get(offset)  # [the words so far, the chunks left, where the last word starts, lo]
        if state is None:
            text = self.text
            lo = offset - 64 if offset - 64 > self.start else self.start  # max() is slow
            window = text[lo:offset]
            chunks = window.rsplit(None, 6)  # the last \S+ runs of the window
            if len(chunks) > 6:
                del chunks[0]  # the rest of the window, never reached
            elif chunks and lo > self.start and not window[0].isspace() and not text[lo - 1].isspace():
                del chunks[0]  # a word cut in half by the window
            state = self._before[offset] = [[], chunks, offset, lo]
        words, chunks = state[0], state[1]
        if len(words) < limit and chunks:  # read the words a call needs, no more
            text, at, lo = self.text, state[2], state[3]
            while len(words) < limit and chunks:
                chunk = chunks.pop()
                if chunk[-1] in _MARKS:
                    chunks.clear()
                    break
                # the chunk starts at its last copy before the chunk after it: only whitespace is between
                at = text.rfind(chunk, lo, at)
                if chunk[0] in _MARKS:
                    word = chunk.lstrip(_MARKS)
                    words.append((at + len(chunk) - len(word), word.lower()))
                    chunks.clear()
                    break
                words.append((at, chunk.lower()))
            state[2] = at
        return words[:limit]

    def plain(self) -> bool:
        """Whether the sentence holds no character in FOLD_SPECIAL, which the patterns match as an
        ASCII letter (case-insensitively) and a word hay turns into a space."""
        if self._plain is None:
            chunk = self.text[self.start:self.end]
            self._plain = chunk.isascii() or not any(ch in chunk for ch in FOLD_SPECIAL)
        return self._plain

    def hay(self) -> tuple[str, int, int, int]:
        """A word_hay (stages/numbers.py) that holds the sentence, where it runs, and the shift from
        text offsets to hay offsets: (hay, lo, hi, shift)."""
        if self._hay is None:
            if self.doc_hay is not None:
                self._hay = self.doc_hay, self.start, self.end + 2, 1
            else:
                hay = word_hay(self.text, self.start, self.end)
                self._hay = hay, 0, len(hay), 1 - self.start
        return self._hay

    def starts(self, keys: tuple[str, ...]) -> list[int] | None:
        """Where the words of ``keys`` (see _keys) stand in the sentence, in order; None
        where the hay cannot tell (see :meth:`plain`). A pattern that starts with one of those words
        can match only there."""
        found = self._starts.get(keys, ())
        if found == ():
            found = None
            if self.plain():
                hay, lo, hi, shift = self.hay()
                found = []
                for key in keys:
                    at = hay.find(key, lo, hi)
                    while at >= 0:
                        found.append(at + 1 - shift)
                        at = hay.find(key, at + len(key) - 1, hi)
                found.sort()
            self._starts[keys] = found
        return found

    def persons(self, upto: int) -> tuple[list[int], list[int], list[int]] | None:
        """person_words of the sentence, at least of the words that end by ``upto``; None where the
        hay cannot tell."""
        if self._persons_upto < upto:
            if not self.plain():
                return None
            hay, lo, hi, shift = self.hay()
            stop = upto + shift + 1  # with the character after a word that ends at upto
            self._persons = person_words(hay, lo, stop if stop < hi else hi, shift)
            self._persons_upto = upto
        return self._persons

    def finditer(self, pattern: re.Pattern[str], keys: tuple[str, ...]) -> Iterable[re.Match[str]]:
        """The matches of ``pattern`` in the sentence, each of which starts with a word of ``keys``."""
        starts = self.starts(keys)
        if starts is None:
            return pattern.finditer(self.text, self.start, self.end)
        return matches_at(pattern, self.text, starts, self.start, self.end)

    def one_person(self, pattern: re.Pattern[str], lo: int, hi: int) -> re.Match[str] | None:
        """``pattern.search(self.text, lo, hi)`` for _SING_SUBJECT_RE and _SING_LEFT_RE, whose matches
        start and hold words that person_words finds; ``hi`` ends no word ("a man" before "killed")."""
        persons = self.persons(hi)
        if persons is None or self.text[hi - 1:hi].isalnum():
            return pattern.search(self.text, lo, hi)
        heads, starts, left = persons
        last = bisect_left(heads, hi) - 1
        if last < 0 or heads[last] < lo:
            return None  # no singular victim, kin word or age
        if pattern is _SING_LEFT_RE:
            starts = left
        elif not self.text[self.start:self.end].isascii() and OTHER_DIGITS_RE.search(self.text, self.start, self.end):
            return pattern.search(self.text, lo, hi)  # \d matches digits that the hay does not show
        return search_at(pattern, self.text, starts, lo, heads[last], hi)
