"""Stub of the figures stage (replaced by the real one)."""
from __future__ import annotations

from ..doc import Doc

REQUIRES = ("sentences",)
SETS = "figures"


def apply(doc: Doc) -> None:
    return None
