"""Stories: near-duplicate articles (syndicated copies, republished wire stories) grouped.

Each article gets a MinHash signature (datasketch) over its word shingles. Locality-sensitive
hashing finds candidates without comparing against every stored article: the signature is cut
into bands, each band hashed to one 64-bit key in ``story_bands`` (indexed), and only the
articles that share a key with the new one are compared. The new article joins the story of
its most similar candidate when the estimated Jaccard similarity reaches the threshold
(``lexicons/linking.toml``), otherwise it starts a story of its own.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from typing import NamedTuple

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param
from sqlalchemy import Connection, bindparam, func, insert, select, update

from ..lexicons import load
from . import schema

_WORD = re.compile(r"\w+")
_SEED = 1


@cache
def _settings() -> tuple[int, int, float, int, int]:
    cfg = load("linking")["stories"]
    num_perm, threshold = int(cfg["num_perm"]), float(cfg["threshold"])
    bands, rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
    return int(cfg["shingle_words"]), num_perm, threshold, bands, rows


def _given(value):
    return value


@cache
def _template() -> MinHash:
    """A MinHash with the permutations drawn once (drawing them is the costly part). It takes
    hash values already computed (:func:`_hashes`), all of a text's at once."""
    return MinHash(num_perm=_settings()[1], seed=_SEED, hashfunc=_given)


def _hashes(shingles: set[bytes]) -> np.ndarray:
    """datasketch's default ``sha1_hash32`` of each shingle (the first four bytes of its SHA-1,
    little-endian), computed in one pass."""
    return np.frombuffer(b"".join([hashlib.sha1(s).digest()[:4] for s in shingles]), dtype="<u4")


def signature(text: str) -> np.ndarray:
    """The MinHash hash values (32-bit values) of ``text``'s word shingles."""
    size = _settings()[0]
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + size]).encode() for i in range(max(1, len(words) - size + 1))}
    m = _template().copy()
    m.update_batch(_hashes(shingles))
    return m.hashvalues


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def band_keys(sig: np.ndarray) -> list[tuple[int, int]]:
    """``[(band, key), ...]``: each band of the signature (with its number) hashed to a signed
    64-bit key, so that one indexed ``key IN (...)`` finds every candidate."""
    _, _, _, bands, rows = _settings()
    values = sig.astype("<u4")
    keys = []
    for band in range(bands):
        chunk = band.to_bytes(2, "little") + values[band * rows:(band + 1) * rows].tobytes()
        keys.append((band, int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little", signed=True)))
    return keys


class Placement(NamedTuple):
    """Where :func:`assign_story` put an article: its story, and whether other articles were
    there before it (a new story has no earlier copies to link with)."""

    story_id: int
    joined: bool


_b, _s, _sa = schema.story_bands.c, schema.stories.c, schema.story_articles.c
# The stored articles sharing a band key with the new one, each once, with its signature.
_CANDIDATES = (select(_sa.article_id, _sa.story_id, _sa.signature)
               .where(_sa.article_id.in_(select(_b.article_id)
                                         .where(_b.hash.in_(bindparam("keys", expanding=True))))))
_NEW_STORY = insert(schema.stories)
_GROW_STORY = update(schema.stories).where(_s.id == bindparam("story")).values(articles=_s.articles + 1)
_INSERT_MEMBER = insert(schema.story_articles)
_INSERT_BANDS = insert(schema.story_bands)


def _closest(sig: np.ndarray, rows: list) -> tuple[float, str, int] | None:
    """``(similarity, article id, story id)`` of the most similar candidate at or over the
    threshold (ties: the larger article id), or None."""
    if not rows:
        return None
    threshold = _settings()[2]
    stored = np.frombuffer(b"".join(r.signature for r in rows), dtype="<u4").reshape(len(rows), -1)
    equal = np.count_nonzero(stored.astype(np.uint64) == sig, axis=1)
    best = None
    for row, same in zip(rows, equal.tolist(), strict=True):
        score = float(same) / len(sig)
        if score >= threshold and (best is None or (score, row.article_id) > best[:2]):
            best = (score, row.article_id, row.story_id)
    return best


def assign_story(conn: Connection, article_id: str, text: str) -> Placement:
    """Put a newly stored article in a story (an existing one or a new one)."""
    sig = signature(text)
    keys = band_keys(sig)
    rows = [r for r in conn.execute(_CANDIDATES, {"keys": [k for _, k in keys]}) if r.article_id != article_id]
    best = _closest(sig, rows)
    if best is None:
        story_id = conn.execute(_NEW_STORY, {"first_article_id": article_id, "articles": 1}
                                ).inserted_primary_key[0]
    else:
        story_id = best[2]
        conn.execute(_GROW_STORY, {"story": story_id})
    conn.execute(_INSERT_MEMBER, {"article_id": article_id, "story_id": story_id,
                                  "signature": sig.astype("<u4").tobytes(),
                                  "similarity": None if best is None else round(best[0], 3)})
    conn.execute(_INSERT_BANDS, [{"band": band, "hash": key, "article_id": article_id} for band, key in keys])
    return Placement(story_id, best is not None)


def story_of(conn: Connection, article_id: str) -> int | None:
    sa = schema.story_articles.c
    return conn.execute(select(sa.story_id).where(sa.article_id == article_id)).scalar()


def story_siblings(conn: Connection, article_id: str) -> list[str]:
    """The other articles of the article's story, first stored first."""
    sa = schema.story_articles.c
    story_id = story_of(conn, article_id)
    if story_id is None:
        return []
    return [a for a in conn.execute(select(sa.article_id).where(sa.story_id == story_id)).scalars()
            if a != article_id]


def select_stories(conn: Connection, *, min_articles: int = 2) -> list[dict]:
    """``[{"story": id, "articles": [{"id", "origin", "source", "headline", "published"}]}]``,
    stories of at least ``min_articles`` articles, largest first."""
    s, sa, a = schema.stories.c, schema.story_articles.c, schema.articles.c
    query = (select(s.id, a.id.label("article_id"), a.source, a.headline, a.published, a.url,
                    a.origin_path, a.origin_index, a.origin_sha256, a.origin_retrieved)
             .join(schema.story_articles, sa.story_id == s.id)
             .join(schema.articles, a.id == sa.article_id)
             .where(s.articles >= min_articles)
             .order_by(s.articles.desc(), s.id, a.published, a.id))
    out: dict[int, dict] = {}
    for r in conn.execute(query):
        story = out.setdefault(r.id, {"story": r.id, "articles": []})
        story["articles"].append({
            "id": r.article_id, "source": r.source, "headline": r.headline, "published": r.published,
            "url": r.url, "origin": {"path": r.origin_path, "index": r.origin_index,
                                     "sha256": r.origin_sha256, "retrieved": r.origin_retrieved},
        })
    return list(out.values())


def count_stories(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(schema.stories)).scalar_one()
