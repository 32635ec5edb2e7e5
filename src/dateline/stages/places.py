"""Stub of the places stage (replaced by the real one)."""
from __future__ import annotations

from ..doc import Doc

REQUIRES = ("entities",)
SETS = "places"


def apply(doc: Doc) -> None:
    return None
