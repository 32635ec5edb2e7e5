"""Readable views over the canonical tables, for browsing the database in Datasette or any
SQL client: ``events_view`` (one row per canonical event) and ``claims_view`` (one row per
report of it, with the article's headline and source). Plain SQL that SQLite and PostgreSQL
both accept; ``docs/store.md`` shows how to open them.
"""

from __future__ import annotations

from sqlalchemy import DDL, Connection, event

from . import schema

EVENTS_VIEW = """
CREATE VIEW events_view AS
SELECT k.uid AS id, k.date_start, k.date_end, k.date_precision, k.type, k.mode, k.timing,
       k.location_name AS place, k.location_admin1 AS admin1, k.location_country AS country,
       k.location_lat AS lat, k.location_lon AS lon, k.actor_text AS actor,
       k.recipient_text AS recipient, k.figures_text AS figures, k.killed_min, k.killed_max,
       k.claims, k.sources, k.confirmed, k.overrides_json AS edited
FROM canonical_events k
"""

CLAIMS_VIEW = """
CREATE VIEW claims_view AS
SELECT e.uid AS claim, k.uid AS event, e.date_start, e.date_end, e.date_precision, e.date_text,
       e.type, e.mode, e.timing, e.location_name AS place, e.location_country AS country,
       e.location_lat AS lat, e.location_lon AS lon, e.actor_text AS actor,
       c.figures_text AS figures, c.evidence_text AS evidence, a.headline, a.source,
       a.published, a.url, c.linked_by
FROM claims c
JOIN events e ON e.id = c.event_id
JOIN canonical_events k ON k.id = c.canonical_id
JOIN articles a ON a.id = c.article_id
"""

VIEWS = {"events_view": EVENTS_VIEW, "claims_view": CLAIMS_VIEW}


def create_views(conn: Connection) -> None:
    for name, sql in VIEWS.items():
        conn.exec_driver_sql(f"DROP VIEW IF EXISTS {name}")
        conn.exec_driver_sql(sql)


# PostgreSQL refuses to drop a table a view reads: drop the views first whenever the tables go.
for _name in VIEWS:
    event.listen(schema.metadata, "before_drop", DDL(f"DROP VIEW IF EXISTS {_name}"))
