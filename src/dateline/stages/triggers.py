"""Event trigger lexicon (lexicons/events.toml) compiled into one automaton, and the matches in a sentence."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

import ahocorasick

from ..doc import Doc
from ..lexicons import load
from .phrases import PhraseSet, folded

STATEMENT_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "AGREE", "CONCEDE"})
VIOLENT_FAMILIES = frozenset({"ASSAULT", "disaster", "accident"})


@dataclass(frozen=True)
class TriggerSpec:
    type: str | None
    mode: str | None
    kind: str  # verb | noun
    weak: bool
    blocks: tuple[str, ...]
    # the type, or for a hazard its mode: set once, as the events stage reads it at every turn
    family: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "family", self.type or (self.mode or "accident"))


@dataclass
class TriggerMatch:
    start: int  # absolute offsets into doc.text
    end: int
    text: str
    spec: TriggerSpec


def _norm(words: str) -> str:
    return re.sub(r"\s+", " ", words.lower())


_WHITESPACE = {ord(c): " " for c in "\t\n\r\x0b\x0c\xa0\u2009\u202f"}
_WORDISH = re.compile(r"[\w-]")


@cache
def _compiled() -> tuple[ahocorasick.Automaton, dict[str, TriggerSpec]]:
    """One Aho-Corasick automaton over every trigger form (lower case, single spaces)."""
    table: dict[str, TriggerSpec] = {}
    for block in load("events")["trigger"]:
        weak = set(block.get("weak", ()))
        blocks = tuple(b.lower() for b in block.get("blocks", ()))
        for form in block["forms"]:
            key = _norm(form)
            table.setdefault(key, TriggerSpec(block["type"] or None, block["mode"] or None,
                                              block["kind"], form in weak, blocks))
    automaton = ahocorasick.Automaton()
    for key in table:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton, table


def _blocked(lowered: str, start: int, end: int, blocks: tuple[str, ...]) -> bool:
    """A block cancels the trigger it touches ("fired tear gas", "protest note"), not every
    trigger of the sentence ``lowered``."""
    pattern, longest = _any_of(blocks)
    lo = start - longest - 15
    if pattern.search(lowered, lo if lo > 0 else 0, end + 15 + longest) is None:
        return False  # (none of them near the trigger, nearly always: one regex pass instead of a find each)
    for block in blocks:
        # the occurrences re.finditer would find: left to right, none overlapping the one before
        step = len(block) or 1
        at = lowered.find(block)
        while at >= 0 and at - 15 <= end:
            if start <= at + len(block) + 15:
                return True
            at = lowered.find(block, at + step)
    return False


@cache
def _any_of(blocks: tuple[str, ...]) -> tuple[re.Pattern, int]:
    """A regex that finds any of ``blocks`` (literal strings); the length of the longest."""
    return re.compile("|".join(map(re.escape, blocks))), max(map(len, blocks))


def find_triggers(text: str, start: int, end: int) -> list[TriggerMatch]:
    """Every lexicon trigger inside ``text[start:end]``: whole words, the longest form wins
    where forms overlap, leftmost first."""
    automaton, table = _compiled()
    sentence = text[start:end]
    lowered = sentence.lower().translate(_WHITESPACE)
    if len(lowered) != len(sentence):  # a character whose lower case is longer: keep offsets true
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in sentence).translate(_WHITESPACE)
    where = None  # "drone\n  strike": runs of white space fold to one, offsets mapped back
    if "  " in lowered:
        where = [i for i, c in enumerate(lowered) if c != " " or i == 0 or lowered[i - 1] != " "]
        lowered = "".join(lowered[i] for i in where)
    found = []
    for last, key in automaton.iter(lowered):
        first = last - len(key) + 1
        if (first > 0 and _WORDISH.match(lowered, first - 1)) or _WORDISH.match(lowered, last + 1):
            continue
        if where is not None:
            first, last = where[first], where[last]
        found.append((first, last + 1, key))
    return _select(found, table, sentence, sentence.lower(), start)


def _select(found: list[tuple[int, int, str]], table: dict[str, TriggerSpec], sentence: str, lowered: str,
            offset: int) -> list[TriggerMatch]:
    """The longest form wins where forms overlap, leftmost first; a block cancels its trigger.
    ``found`` holds (start, end, form) relative to ``sentence``, which starts at ``offset``."""
    if len(found) > 1:
        found.sort(key=lambda f: (f[0], -f[1]))
    out = []
    taken_until = -1
    for first, stop, key in found:
        if first < taken_until:
            continue
        spec = table[key]
        if spec.blocks and _blocked(lowered, first, stop, spec.blocks):
            continue
        taken_until = stop
        out.append(TriggerMatch(offset + first, offset + stop, sentence[first:stop], spec))
    return out


@cache
def _forms() -> PhraseSet:
    """The trigger forms (already lower case, single spaces) as a phrase set found in the one
    automaton pass over each document that serves every shared set."""
    return PhraseSet("events.triggers", _compiled()[1], shared=True)


def triggers_by_sentence(doc: Doc) -> list[list[TriggerMatch]]:
    """``find_triggers`` for every sentence of the document, from the document's one phrase scan
    (phrases.py) instead of an automaton pass per sentence."""
    _, table = _compiled()
    text = doc.article.text
    lowered = folded(doc)
    sentences = doc.sentences
    starts = [s.start for s in sentences]
    hits: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
    # whole words: the scan keeps what ends at a word boundary and marks what starts at one (a
    # character is a word character in the text exactly when it is one in its lower case)
    for first, stop, bounded in _forms().occurrences(doc)[1]:
        if not bounded:
            continue
        i = bisect_right(starts, first) - 1
        if i >= 0 and stop <= sentences[i].end:
            hits[i].append((first - starts[i], stop - starts[i], lowered[first:stop]))
    out = []
    spaced = "  " in lowered
    for s, found in zip(sentences, hits, strict=True):
        if spaced and lowered.find("  ", s.start, s.end) >= 0:  # a run of spaces inside a form: the slow way
            out.append(find_triggers(text, s.start, s.end))
        elif found:
            out.append(_select(found, table, text[s.start:s.end], lowered[s.start:s.end], s.start))
        else:
            out.append([])
    return out
