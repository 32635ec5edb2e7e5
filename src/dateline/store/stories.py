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

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param
from sqlalchemy import Connection, func, insert, select, update

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


@cache
def _template() -> MinHash:
    """A MinHash with the permutations drawn once (drawing them is the costly part)."""
    return MinHash(num_perm=_settings()[1], seed=_SEED)


def signature(text: str) -> np.ndarray:
    """The MinHash hash values (uint64 array of 32-bit values) of ``text``'s word shingles."""
    size = _settings()[0]
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + size]).encode() for i in range(max(1, len(words) - size + 1))}
    m = _template().copy()
    m.update_batch(list(shingles))
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


def _decode(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint64)


def assign_story(conn: Connection, article_id: str, text: str) -> int:
    """Put a newly stored article in a story (an existing one or a new one); its story id."""
    threshold = _settings()[2]
    sig = signature(text)
    keys = band_keys(sig)
    b, sa = schema.story_bands.c, schema.story_articles.c
    candidates = set(conn.execute(select(b.article_id).where(b.hash.in_([k for _, k in keys]))).scalars())
    candidates.discard(article_id)
    best: tuple[float, str, int] | None = None
    if candidates:
        rows = conn.execute(select(sa.article_id, sa.story_id, sa.signature)
                            .where(sa.article_id.in_(sorted(candidates))))
        for row in rows:
            score = similarity(sig, _decode(row.signature))
            if score >= threshold and (best is None or (score, row.article_id) > best[:2]):
                best = (score, row.article_id, row.story_id)
    s = schema.stories.c
    if best is None:
        story_id = conn.execute(insert(schema.stories).values(first_article_id=article_id, articles=1)
                                ).inserted_primary_key[0]
    else:
        story_id = best[2]
        conn.execute(update(schema.stories).where(s.id == story_id).values(articles=s.articles + 1))
    conn.execute(insert(schema.story_articles).values(
        article_id=article_id, story_id=story_id, signature=sig.astype("<u4").tobytes(),
        similarity=None if best is None else round(best[0], 3)))
    conn.execute(insert(schema.story_bands), [
        {"band": band, "hash": key, "article_id": article_id} for band, key in keys])
    return story_id


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
