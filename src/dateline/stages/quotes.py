"""Stub of the quotes stage (replaced by the real one)."""
from __future__ import annotations

from ..doc import Doc

REQUIRES = ("sentences", "entities")
SETS = "quotes"


def apply(doc: Doc) -> None:
    return None
