"""The tables of the Dateline store (SQLAlchemy Core; SQLite now, PostgreSQL with the same code).

One article row per content hash; every fact row (entity, time, event, figure, quote) keeps
the id of the article it was read from and its ``[start, end)`` character span in
``articles.text``, so any fact can be traced back to the words that support it.

Event ids
---------
``events.id`` is an integer key used only for joins (``counts.event_id``). The stable,
public id of an event is ``events.uid = "<64 hex digits of the article id>:<local id>"``,
e.g. ``"9f2c...e1:ev1"``: the same article always yields the same event ids, whatever the
database. Tables and the command line show the short form ``"9f2ce41b07aa:ev1"`` (12 hex
digits); :meth:`dateline.store.Store.get_event` accepts any unique prefix.

Event dates
-----------
``events.date_start`` / ``events.date_end`` hold the first and last day the event's own
date covers (``"1990-01"`` is stored as 1990-01-01 .. 1990-01-31), so a date filter is a plain
range overlap whatever the precision; the record's own values stay in ``record_json``.

The current shape of every table lives here; :mod:`dateline.store.migrations` brings an
existing database up to it.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

ID = String(80)  # "sha256:" + 64 hex digits
CODE = String(16)  # ISO alpha-3, PLOVER type, timing, qualifier ...
SHORT = String(255)


def _article_fk() -> Column:
    return Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)


schema_migrations = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", SHORT, nullable=False),
    Column("applied_at", DateTime, nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", ID, primary_key=True),
    Column("source", SHORT),
    Column("url", Text),
    Column("headline", Text),
    Column("byline", Text),
    Column("dateline_text", Text),
    Column("dateline_place", SHORT),
    Column("published", String(40)),  # as the source gives it (ISO, own clock, maybe with offset)
    Column("section", SHORT),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("origin_path", Text),
    Column("origin_index", Integer),
    Column("origin_sha256", String(64)),
    Column("origin_retrieved", String(40)),
    Column("record_json", Text, nullable=False),  # the whole record, exactly as `extract` prints it
    Column("ingested_at", DateTime, nullable=False),  # UTC
)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("local_id", String(32), nullable=False),  # "e3"
    Column("type", CODE, nullable=False),
    Column("name", Text, nullable=False),
    Column("title", Text),
    Column("country", CODE),
    Column("admin1", SHORT),
    Column("span_start", Integer),  # first mention
    Column("span_end", Integer),
    Column("spans_json", Text, nullable=False),  # every mention: [[start, end], ...]
    Column("lat", Float),
    Column("lon", Float),
    Column("geonames_id", Integer),
    Column("feature", String(32)),
)

times = Table(
    "times", metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("text", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("type", CODE, nullable=False),  # DATE TIME DURATION SET
    Column("value", String(40)),  # TIMEX3 value
    Column("value_end", String(40)),  # end of a range
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(120), nullable=False, unique=True),  # "<article hex>:<local id>"
    _article_fk(),
    Column("local_id", String(32), nullable=False),  # "ev1"
    Column("type", CODE),  # PLOVER type; null for disasters and accidents
    Column("mode", String(32)),
    Column("trigger_text", Text, nullable=False),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("actor_text", Text),
    Column("actor_entity", String(32)),
    Column("actor_country", CODE),
    Column("recipient_text", Text),
    Column("recipient_entity", String(32)),
    Column("recipient_country", CODE),
    Column("location_name", SHORT),
    Column("location_country", CODE),
    Column("location_admin1", SHORT),
    Column("location_lat", Float),
    Column("location_lon", Float),
    Column("location_geonames_id", Integer),
    Column("date_start", Date),  # first day covered (see module docstring)
    Column("date_end", Date),  # last day covered
    Column("date_precision", String(16)),
    Column("date_text", Text),
    Column("date_basis", String(16)),
    Column("timing", CODE, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("evidence_json", Text, nullable=False),  # [[start, end], ...]
    UniqueConstraint("article_id", "local_id"),
    Index("ix_events_date_start", "date_start"),
    Index("ix_events_location_country", "location_country"),
    Index("ix_events_type", "type"),
    Index("ix_events_timing", "timing"),
    Index("ix_events_article_id", "article_id"),
)

counts = Table(
    "counts", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    _article_fk(),
    Column("kind", CODE, nullable=False),  # killed injured detained missing abducted displaced
    Column("min", Integer),
    Column("max", Integer),
    Column("qualifier", CODE, nullable=False),
    Column("who", Text),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Index("ix_counts_event_id", "event_id"),
    Index("ix_counts_kind", "kind"),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("speaker", Text),
    Column("speaker_entity", String(32)),
    Column("speaker_title", Text),
    Column("text", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("kind", CODE, nullable=False),  # direct | indirect
    Index("ix_quotes_article_id", "article_id"),
)

Index("ix_entities_article_id", entities.c.article_id)
Index("ix_times_article_id", times.c.article_id)

# The tables the first migration creates (schema_migrations is bootstrapped separately).
V1_TABLES = (articles, entities, times, events, counts, quotes)

# -- migration 2: canonical events, claims, stories, review (see dateline.store.linking) ----
#
# A canonical event is one real-world event; each per-article ``events`` row that reports it
# is a **claim** on it. ``canonical_events.uid`` is the uid of the claim that founded it, so it
# has the same stable form as an event id. The per-article tables stay the source of truth:
# the canonical tables can be rebuilt from them (:func:`dateline.store.linking.relink`),
# replaying the reviewers' decisions kept in ``audit``.

canonical_events = Table(
    "canonical_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(120), nullable=False, unique=True),  # the founding claim's event uid
    Column("family", String(48), nullable=False),  # linking block: "ASSAULT", "disaster", "ACCUSE/future"
    Column("type", CODE),
    Column("mode", String(32)),
    Column("timing", CODE),  # the claims' most common timing
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(16)),
    Column("date_basis", String(16)),
    Column("location_name", SHORT),
    Column("location_country", CODE),
    Column("location_admin1", SHORT),
    Column("location_lat", Float),
    Column("location_lon", Float),
    Column("location_geonames_id", Integer),
    Column("actor_text", Text),
    Column("actor_country", CODE),
    Column("recipient_text", Text),
    Column("recipient_country", CODE),
    Column("figures_json", Text, nullable=False),  # {kind: {min, max, by_source: [...]}}
    Column("figures_text", Text, nullable=False),  # "killed 12-19, injured at least 40"
    Column("killed_min", Integer),
    Column("killed_max", Integer),
    Column("claims", Integer, nullable=False),
    Column("sources", Integer, nullable=False),
    Column("confirmed", Integer, nullable=False),  # 0/1, set by `dateline event confirm`
    Column("overrides_json", Text, nullable=False),  # reviewer's edits, applied over the claims
    Column("updated_at", DateTime, nullable=False),
    Index("ix_canonical_block", "family", "location_country", "date_start"),
    Index("ix_canonical_date_start", "date_start"),
    Index("ix_canonical_country", "location_country"),
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("event_uid", String(120), nullable=False, unique=True),
    _article_fk(),
    Column("canonical_id", Integer, ForeignKey("canonical_events.id"), nullable=False),
    Column("family", String(48), nullable=False),
    Column("figures_text", Text, nullable=False),
    Column("evidence_text", Text),  # the first evidence sentence
    Column("linked_by", CODE, nullable=False),  # auto | story | review
    Index("ix_claims_canonical_id", "canonical_id"),
    Index("ix_claims_article_id", "article_id"),
)

stories = Table(
    "stories", metadata,
    Column("id", Integer, primary_key=True),
    Column("first_article_id", ID, nullable=False),
    Column("articles", Integer, nullable=False),
)

story_articles = Table(
    "story_articles", metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id"), nullable=False),
    Column("signature", LargeBinary, nullable=False),  # MinHash hash values, uint32 little-endian
    Column("similarity", Float),  # estimated Jaccard with the article it joined on
    Index("ix_story_articles_story_id", "story_id"),
)

story_bands = Table(
    "story_bands", metadata,
    Column("id", Integer, primary_key=True),
    Column("band", Integer, nullable=False),
    Column("hash", BigInteger, nullable=False),
    _article_fk(),
    Index("ix_story_bands_hash", "hash"),  # the key hashes the band number too
)

audit = Table(
    "audit", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),  # UTC
    Column("by", SHORT, nullable=False),
    Column("action", CODE, nullable=False),  # merge split confirm edit
    Column("event", String(120), nullable=False),  # uid of the canonical event acted on
    Column("before_json", Text, nullable=False),
    Column("after_json", Text, nullable=False),
    Column("decision_json", Text, nullable=False),  # claim uids and fields, replayed by relink
)

V2_TABLES = (canonical_events, claims, stories, story_articles, story_bands, audit)

# -- full-text search (migration 3; see dateline.store.search) --------------------------------
# One row per event, filled by database triggers whenever an event is stored: the words a
# search looks at. SQLite indexes it with an FTS5 table (plus one over articles.headline/text);
# PostgreSQL with GIN expression indexes on this table and on articles.
event_search = Table(
    "event_search", metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True,
           autoincrement=False),
    Column("headline", Text),  # the article's
    Column("trigger", Text),
    Column("actors", Text),  # actor and recipient
    Column("place", Text),  # location name and admin1
    Column("evidence", Text),  # the evidence sentences, one a line
)
