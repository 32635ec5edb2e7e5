"""The phrase patterns of the figures stage (stages/figures.py): the victims ("nine police
officers", "a 19-year-old student", "journalist Saul Beltran"), the gaps that may stand between them
and their figure word, and the fixed constructions ("forced 4,300 people to flee"); built once from
lexicons/figures.toml.
"""

from __future__ import annotations

import re
from bisect import bisect_left

import ahocorasick

from ..lexicons import load
from .figure_cues import _SPECIAL_CUES, TOLL_KINDS, TRIGGERS
from .numbers import AGE_ADJ, NOT_A_UNIT, NUMBER, NUMERAL, alternation, padded_key

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
