"""Body text as paragraphs: splitting plain text, and taking the sign-off off the end.

Every reader hands :class:`~dateline.record.Article` a body whose paragraphs are joined by
``"\\n\\n"``, with the characters of each paragraph as the source wrote them (runs of
whitespace inside a paragraph become one space).
"""

from __future__ import annotations

import re
from functools import cache

from .cues import wire_cues

_BLOCK_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # no-break spaces are kept as written
_NOTICE_MAX = 300  # a rights notice is short; a long paragraph that mentions one is story text
_TERMINAL = re.compile(r"[.!?:;\"”’')\]]$")


def clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text. Blank lines separate paragraphs; inside a block, lines wrapped at a
    fixed width are joined, and otherwise each line is a paragraph of its own."""
    out: list[str] = []
    for block in _BLOCK_BREAK.split(text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) == 1 or _hard_wrapped(lines):
            out.append(clean(" ".join(lines)))
        else:
            out.extend(clean(line) for line in lines)
    return out


def _hard_wrapped(lines: list[str]) -> bool:
    inner = lines[:-1]
    if max(len(line) for line in inner) > 100:
        return False
    ended = sum(bool(_TERMINAL.search(line)) for line in inner)
    return ended * 2 < len(inner) or (len(inner) == 1 and ended == 0)


def join(paragraphs: list[str]) -> str:
    return "\n\n".join(p for p in paragraphs if p)


@cache
def _signoff_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, frozenset[str]]:
    cues = wire_cues()
    credit = "|".join(re.escape(w) for w in sorted(cues["signoff_credit_words"], key=len, reverse=True))
    paren = re.compile(rf"\s*\(\s*(?i:{credit})\b[^()]*(?:\([^()]*\)[^()]*)*\)\.?\s*$")
    bare = re.compile(rf"^(?i:{credit})\s+[^\W\d_][^\n]{{0,250}}$")
    agency = re.compile(r"^(?:--|—|–)\s*(?P<agency>[A-Z][\w&.'’ -]{1,40}?)\s*$")
    notice = re.compile("|".join(re.escape(p) for p in cues["signoff_phrases"]), re.I)
    return paren, bare, agency, notice, frozenset(cues["signoff_marks"])


def _bare_credit(bare: re.Pattern, paragraph: str) -> bool:
    # "Reporting by A; Editing by B" without brackets, but not a sentence that opens "Reported by ..."
    return bool(bare.match(paragraph)) and (";" in paragraph or not paragraph.endswith("."))


def strip_signoff(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """The paragraphs without a closing sign-off ("(Reporting by ...)", "ENDS", "-- AGENCY", a
    rights notice),
    and the agency a "-- AGENCY" sign-off names."""
    paren, bare, agency_line, notice, marks = _signoff_patterns()
    paras = list(paragraphs)
    agency = None
    while paras:
        last = paras[-1]
        m = agency_line.match(last)
        if m:
            agency = agency or m["agency"]
        elif not (last in marks or last.strip("().-–— ") in marks or _bare_credit(bare, last)
                  or (len(last) <= _NOTICE_MAX and notice.search(last))):
            cut = paren.search(last)
            if cut is None:
                break
            if cut.start() > 0:
                paras[-1] = last[:cut.start()].rstrip()
                break
        paras.pop()
    return paras, agency
