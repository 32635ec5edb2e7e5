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
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
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
