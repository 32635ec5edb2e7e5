"""Readers: turn input files into Articles (stub; replaced by the real readers)."""
from __future__ import annotations

from collections.abc import Iterator

from ..record import Article


def read(path) -> Iterator[Article]:
    raise NotImplementedError
