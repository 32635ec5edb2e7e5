"""Stub of the events stage (replaced by the real one)."""
from __future__ import annotations

from ..doc import Doc

REQUIRES = ("sentences", "entities", "places", "times", "quotes", "figures")
SETS = "events"


def apply(doc: Doc) -> None:
    return None
