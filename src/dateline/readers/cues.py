"""The readers' cue words (``lexicons/readers.toml``), loaded once."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

_LEXICON = Path(__file__).resolve().parent.parent / "lexicons" / "readers.toml"


@cache
def cues() -> dict[str, Any]:
    with _LEXICON.open("rb") as handle:
        return tomllib.load(handle)


def wire_cues() -> dict[str, Any]:
    return cues()["wire"]


def html_cues() -> dict[str, Any]:
    return cues()["html"]
