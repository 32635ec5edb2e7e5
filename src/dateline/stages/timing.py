"""Stub of the timing stage (replaced by the real one)."""
from __future__ import annotations

from ..doc import Doc

REQUIRES = ("events", "times")
SETS = "timing"


def apply(doc: Doc) -> None:
    return None
