"""Stub of the entities stage (replaced by the real one)."""
from __future__ import annotations

from ..doc import Doc

REQUIRES = ("sentences",)
SETS = "entities"


def apply(doc: Doc) -> None:
    return None
