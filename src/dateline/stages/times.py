"""Stub of the times stage (replaced by the real one)."""
from __future__ import annotations

from ..doc import Doc

REQUIRES = ("sentences",)
SETS = "times"


def apply(doc: Doc) -> None:
    return None
