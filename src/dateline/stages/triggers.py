"""Event trigger lexicon (lexicons/events.toml) compiled into one regex, and the matches in a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicons import load

STATEMENT_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "AGREE", "CONCEDE"})
VIOLENT_FAMILIES = frozenset({"ASSAULT", "disaster", "accident"})


@dataclass(frozen=True)
class TriggerSpec:
    type: str | None
    mode: str | None
    kind: str  # verb | noun
    weak: bool
    blocks: tuple[str, ...]

    @property
    def family(self) -> str:
        return self.type or (self.mode or "accident")


@dataclass
class TriggerMatch:
    start: int  # absolute offsets into doc.text
    end: int
    text: str
    spec: TriggerSpec


def _norm(words: str) -> str:
    return re.sub(r"\s+", " ", words.lower())


@cache
def _compiled() -> tuple[re.Pattern[str], dict[str, TriggerSpec]]:
    table: dict[str, TriggerSpec] = {}
    for block in load("events")["trigger"]:
        weak = set(block.get("weak", ()))
        blocks = tuple(b.lower() for b in block.get("blocks", ()))
        for form in block["forms"]:
            key = _norm(form)
            table.setdefault(key, TriggerSpec(block["type"] or None, block["mode"] or None,
                                              block["kind"], form in weak, blocks))
    alternation = "|".join(
        re.escape(k).replace(r"\ ", r"\s+") for k in sorted(table, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE), table


def _blocked(lowered: str, start: int, end: int, blocks: tuple[str, ...]) -> bool:
    """A block cancels the trigger it touches ("fired tear gas", "protest note"), not every
    trigger of the sentence."""
    for block in blocks:
        for m in re.finditer(re.escape(block), lowered):
            if m.start() - 15 <= end and start <= m.end() + 15:
                return True
    return False


def find_triggers(text: str, start: int, end: int) -> list[TriggerMatch]:
    """Every lexicon trigger inside ``text[start:end]`` (longest form wins at each position)."""
    pattern, table = _compiled()
    sentence = text[start:end]
    lowered = sentence.lower()
    out = []
    for m in pattern.finditer(sentence):
        spec = table[_norm(m.group())]
        if spec.blocks and _blocked(lowered, m.start(), m.end(), spec.blocks):
            continue
        out.append(TriggerMatch(start + m.start(), start + m.end(), m.group(), spec))
    return out
