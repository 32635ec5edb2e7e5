"""Paragraphs and sentences (stub: replaced by the real segmenter)."""
from __future__ import annotations

import re

from ..doc import Doc, Sentence

REQUIRES = ("article",)
SETS = "sentences"


def apply(doc: Doc) -> None:
    text = doc.text
    para = 0
    for m in re.finditer(r"[^\n]+", text):
        for s in re.finditer(r"[^.!?]+[.!?\"”]*", m.group()):
            if s.group().strip():
                doc.sentences.append(Sentence(m.start() + s.start(), m.start() + s.end(), para))
        para += 1
