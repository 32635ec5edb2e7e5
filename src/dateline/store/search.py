"""Full-text search over stored events and articles, on SQLite (FTS5) and PostgreSQL.

What is searched
----------------
Each event is one document (the ``event_search`` table, kept up to date by database
triggers on ``events``): its article's headline, the trigger words, the actor and recipient,
the place, and the evidence sentences. Articles are searched on headline and body text.

SQLite indexes ``event_search`` with the FTS5 table ``event_search_fts`` (external content,
keyed by the event's integer id) and ``articles`` with ``articles_fts`` (external content,
keyed by the article's rowid); both use the ``unicode61 remove_diacritics 2`` tokenizer, so
``Bogota`` finds ``Bogotá``. PostgreSQL uses GIN expression indexes over ``to_tsvector('simple',
dateline_fold(...))``, where ``dateline_fold`` strips accents with the ``unaccent`` extension
when the server has it. Neither stems words: ``protest`` does not find ``protesters``.

Query language (the same on both databases)
-------------------------------------------
Web-search style, as PostgreSQL's ``websearch_to_tsquery`` reads it: words must all occur
(``police Eldoret``), ``"quoted words"`` must occur together in that order, ``or`` between two
terms accepts either, and ``-word`` / ``-"some words"`` excludes. Other punctuation is ignored.
:func:`parse_query` checks a query and raises :class:`SearchQueryError` for one that cannot
run (no words, or nothing but exclusions).

If the SQLite file is ever VACUUMed, run :func:`rebuild` (``articles_fts`` follows the
implicit rowid of ``articles``, which VACUUM may renumber).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, column, func, literal_column, select, table, text
from sqlalchemy.exc import SQLAlchemyError

from ..errors import DatelineError, StoreError
from . import read, schema

SNIPPET_MARK = "**"  # around each matched word in a snippet
DEFAULT_LIMIT = 20
CANDIDATES = 5000  # matches ranked per event search with a limit (the most recently stored)
TOKENIZER = "unicode61 remove_diacritics 2"
EVENT_COLUMNS = ("headline", "trigger", "actors", "place", "evidence")
_EVENT_WEIGHTS = (2.0, 3.0, 2.0, 2.0, 1.0)  # bm25 weight per column, in EVENT_COLUMNS order
SQLITE_TABLES = frozenset(
    f"{name}{suffix}" for name in ("event_search_fts", "articles_fts")
    for suffix in ("", "_data", "_idx", "_docsize", "_config")
)  # FTS5 virtual tables and their shadow tables: not in schema.metadata


class SearchQueryError(DatelineError, ValueError):
    """A search query that cannot be run (no words to look for, only exclusions)."""


# -- the query language ---------------------------------------------------------------------

_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or the words of a quoted phrase
    exclude: bool = False


def parse_query(query: str) -> list[list[Term]]:
    """``'police "tear gas" or batons -rubber'`` -> groups joined by OR, each a list of terms
    that must all hold: ``[[police, "tear gas"], [batons, -rubber]]``."""
    groups: list[list[Term]] = [[]]
    for token in _TOKEN.findall(query or ""):
        if token.lower() == "or":
            if groups[-1]:
                groups.append([])
            continue
        exclude = token.startswith("-") and len(token) > 1
        body = token[1:] if exclude else token
        words = tuple(w for w in re.split(r'[\s"]+', body) if _WORD.search(w))
        if words:
            groups[-1].append(Term(words, exclude))
    groups = [g for g in groups if g]
    if not groups:
        raise SearchQueryError(f"nothing to search for in {query!r}: give at least one word")
    for group in groups:
        if all(t.exclude for t in group):
            excluded = " ".join(" ".join(t.words) for t in group)
            raise SearchQueryError(
                f"{query!r}: a search cannot be only exclusions (-{excluded}); add a word to find")
    return groups


def _fts5_string(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def fts5_query(groups: list[list[Term]]) -> str:
    """The parsed query in FTS5 syntax; every word quoted, so FTS5 operators typed by a user
    (``NEAR``, ``:``, ``*``, ``^``) are searched as words, never parsed."""
    parts = []
    for group in groups:
        keep = " AND ".join(_fts5_string(" ".join(t.words)) for t in group if not t.exclude)
        drop = "".join(f" NOT {_fts5_string(' '.join(t.words))}" for t in group if t.exclude)
        parts.append(f"({keep}{drop})" if drop else f"({keep})")
    return " OR ".join(parts)


def websearch_string(groups: list[list[Term]]) -> str:
    """The parsed query rewritten for ``websearch_to_tsquery`` (same meaning as fts5_query)."""
    def term(t: Term) -> str:
        words = " ".join(t.words)
        # Quoted as soon as it is more than letters and digits: FTS5 reads "al-Hasakah" or
        # "NEAR(police" as a phrase, and so must websearch_to_tsquery (which would AND them).
        body = words if words.isalnum() else f'"{words}"'
        return ("-" if t.exclude else "") + body
    return " or ".join(" ".join(term(t) for t in group) for group in groups)


# -- installing (migration 3) ---------------------------------------------------------------

_SQLITE_EVIDENCE = (
    "(SELECT group_concat(substr(a.text, json_extract(j.value, '$[0]') + 1, "
    "json_extract(j.value, '$[1]') - json_extract(j.value, '$[0]')), char(10)) "
    "FROM json_each(e.evidence_json) AS j)"
)
_PG_EVIDENCE = (
    "(SELECT string_agg(substr(a.text, (j.value->>0)::int + 1, (j.value->>1)::int - (j.value->>0)::int), "
    "E'\\n' ORDER BY j.n) FROM jsonb_array_elements(e.evidence_json::jsonb) WITH ORDINALITY AS j(value, n))"
)


def _document_select(evidence_sql: str) -> str:
    """The ``event_search`` row of each event (``e``) with its article (``a``)."""
    return (
        "SELECT e.id, a.headline, e.trigger_text, "
        "NULLIF(TRIM(COALESCE(e.actor_text, '') || ' ' || COALESCE(e.recipient_text, '')), ''), "
        "NULLIF(TRIM(COALESCE(e.location_name, '') || ' ' || COALESCE(e.location_admin1, '')), ''), "
        f"{evidence_sql} FROM events e JOIN articles a ON a.id = e.article_id"
    )


_INSERT_DOC = "INSERT INTO event_search (event_id, headline, trigger, actors, place, evidence) "
_DOC_FIELDS = "trigger_text, actor_text, recipient_text, location_name, location_admin1, evidence_json"


def _sqlite_install(conn: Connection) -> None:
    cols = ", ".join(EVENT_COLUMNS)
    new_cols = ", ".join(f"new.{c}" for c in EVENT_COLUMNS)
    old_cols = ", ".join(f"old.{c}" for c in EVENT_COLUMNS)
    statements = [
        f"CREATE VIRTUAL TABLE event_search_fts USING fts5({cols}, content='event_search', "
        f"content_rowid='event_id', tokenize='{TOKENIZER}')",
        f"CREATE VIRTUAL TABLE articles_fts USING fts5(headline, text, content='articles', "
        f"tokenize='{TOKENIZER}')",
        # event_search -> its FTS index (the external-content pattern of the FTS5 manual)
        f"CREATE TRIGGER event_search_fts_ai AFTER INSERT ON event_search BEGIN "
        f"INSERT INTO event_search_fts (rowid, {cols}) VALUES (new.event_id, {new_cols}); END",
        f"CREATE TRIGGER event_search_fts_ad AFTER DELETE ON event_search BEGIN "
        f"INSERT INTO event_search_fts (event_search_fts, rowid, {cols}) "
        f"VALUES ('delete', old.event_id, {old_cols}); END",
        f"CREATE TRIGGER event_search_fts_au AFTER UPDATE ON event_search BEGIN "
        f"INSERT INTO event_search_fts (event_search_fts, rowid, {cols}) "
        f"VALUES ('delete', old.event_id, {old_cols}); "
        f"INSERT INTO event_search_fts (rowid, {cols}) VALUES (new.event_id, {new_cols}); END",
        # events -> event_search
        f"CREATE TRIGGER events_search_ai AFTER INSERT ON events BEGIN "
        f"{_INSERT_DOC}{_document_select(_SQLITE_EVIDENCE)} WHERE e.id = new.id; END",
        f"CREATE TRIGGER events_search_au AFTER UPDATE OF {_DOC_FIELDS} ON events BEGIN "
        f"DELETE FROM event_search WHERE event_id = new.id; "
        f"{_INSERT_DOC}{_document_select(_SQLITE_EVIDENCE)} WHERE e.id = new.id; END",
        "CREATE TRIGGER events_search_ad AFTER DELETE ON events BEGIN "
        "DELETE FROM event_search WHERE event_id = old.id; END",
        # articles -> articles_fts, and a changed headline into its events' documents
        "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts (rowid, headline, text) VALUES (new.rowid, new.headline, new.text); END",
        "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
        "INSERT INTO articles_fts (articles_fts, rowid, headline, text) "
        "VALUES ('delete', old.rowid, old.headline, old.text); END",
        "CREATE TRIGGER articles_fts_au AFTER UPDATE OF headline, text ON articles BEGIN "
        "INSERT INTO articles_fts (articles_fts, rowid, headline, text) "
        "VALUES ('delete', old.rowid, old.headline, old.text); "
        "INSERT INTO articles_fts (rowid, headline, text) VALUES (new.rowid, new.headline, new.text); "
        "UPDATE event_search SET headline = new.headline "
        "WHERE event_id IN (SELECT id FROM events WHERE article_id = new.id); END",
    ]
    for sql in statements:
        conn.exec_driver_sql(sql)
    conn.exec_driver_sql(f"{_INSERT_DOC}{_document_select(_SQLITE_EVIDENCE)}")
    conn.exec_driver_sql("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")


def _pg_tsvector(*columns: str, weight: str | None = None) -> str:
    joined = " || ' ' || ".join(f"COALESCE({c}, '')" for c in columns)
    vector = f"to_tsvector('simple'::regconfig, dateline_fold({joined}))"
    return f"setweight({vector}, '{weight}')" if weight else vector


# The indexed expressions; a query must repeat them exactly for PostgreSQL to use the index.
PG_EVENT_VECTOR = " || ".join((
    _pg_tsvector("event_search.trigger", "event_search.headline", weight="A"),
    _pg_tsvector("event_search.actors", "event_search.place", weight="B"),
    _pg_tsvector("event_search.evidence"),
))
PG_ARTICLE_VECTOR = _pg_tsvector("articles.headline", "articles.text")


def _pg_fold_function(conn: Connection) -> None:
    """``dateline_fold(text)``: accents stripped when the unaccent extension can be had."""
    body = "SELECT $1"
    if conn.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'").first():
        try:
            with conn.begin_nested():
                conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
            schema_name = conn.exec_driver_sql(
                "SELECT n.nspname FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace "
                "WHERE x.extname = 'unaccent'").scalar_one()
            body = f"SELECT {schema_name}.unaccent('{schema_name}.unaccent'::regdictionary, $1)"
        except SQLAlchemyError:
            pass  # no privilege to install it: search still works, accents then count
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION dateline_fold(text) RETURNS text LANGUAGE sql IMMUTABLE "
        f"STRICT PARALLEL SAFE AS $fold$ {body} $fold$")


def _pg_install(conn: Connection) -> None:
    _pg_fold_function(conn)
    doc = _document_select(_PG_EVIDENCE)
    conn.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION dateline_event_search_sync() RETURNS trigger LANGUAGE plpgsql "
        f"AS $sync$ BEGIN DELETE FROM event_search WHERE event_id = NEW.id; "
        f"{_INSERT_DOC}{doc} WHERE e.id = NEW.id; RETURN NULL; END $sync$")
    conn.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION dateline_article_headline_sync() RETURNS trigger LANGUAGE plpgsql "
        "AS $sync$ BEGIN UPDATE event_search SET headline = NEW.headline WHERE event_id IN "
        "(SELECT id FROM events WHERE article_id = NEW.id); RETURN NULL; END $sync$")
    conn.exec_driver_sql(
        f"CREATE TRIGGER events_search_sync AFTER INSERT OR UPDATE OF {_DOC_FIELDS} ON events "
        "FOR EACH ROW EXECUTE FUNCTION dateline_event_search_sync()")
    conn.exec_driver_sql(
        "CREATE TRIGGER articles_headline_sync AFTER UPDATE OF headline ON articles "
        "FOR EACH ROW EXECUTE FUNCTION dateline_article_headline_sync()")
    conn.exec_driver_sql(f"{_INSERT_DOC}{doc}")
    conn.exec_driver_sql(f"CREATE INDEX ix_event_search_fts ON event_search USING gin (({PG_EVENT_VECTOR}))")
    conn.exec_driver_sql(f"CREATE INDEX ix_articles_fts ON articles USING gin (({PG_ARTICLE_VECTOR}))")


def install(conn: Connection) -> None:
    """Create the search tables, indexes and triggers and index the rows already stored."""
    schema.event_search.create(conn, checkfirst=True)
    if conn.dialect.name == "sqlite":
        _sqlite_install(conn)
    elif conn.dialect.name == "postgresql":
        _pg_install(conn)
    else:
        raise StoreError(f"full-text search is not available on {conn.dialect.name}")


def rebuild(conn: Connection) -> None:
    """Recompute every event document and search index from the stored rows."""
    conn.execute(schema.event_search.delete())
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"{_INSERT_DOC}{_document_select(_SQLITE_EVIDENCE)}")
        conn.exec_driver_sql("INSERT INTO event_search_fts (event_search_fts) VALUES ('rebuild')")
        conn.exec_driver_sql("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    else:
        conn.exec_driver_sql(f"{_INSERT_DOC}{_document_select(_PG_EVIDENCE)}")


# -- searching ------------------------------------------------------------------------------

_PG_HEADLINE_OPTIONS = (f"StartSel={SNIPPET_MARK}, StopSel={SNIPPET_MARK}, MaxWords=24, MinWords=10, "
                        "MaxFragments=2, FragmentDelimiter=\" … \"")


_FTS = table("event_search_fts", column("rowid"))


def _event_match(conn: Connection, groups: list[list[Term]]):
    """(table to join on the event id, WHERE clause, rank column (lower is better), binds)."""
    if conn.dialect.name == "sqlite":
        weights = ", ".join(str(w) for w in _EVENT_WEIGHTS)
        return (_FTS, _FTS.c.rowid, text("event_search_fts MATCH :fts_query"),
                literal_column(f"bm25(event_search_fts, {weights})").label("search_rank"),
                {"fts_query": fts5_query(groups)})
    tsquery = func.websearch_to_tsquery(literal_column("'simple'::regconfig"),
                                        func.dateline_fold(bindparam("fts_query")))
    vector = literal_column(f"({PG_EVENT_VECTOR})")
    return (schema.event_search, schema.event_search.c.event_id, vector.op("@@")(tsquery),
            (-func.ts_rank(vector, tsquery)).label("search_rank"), {"fts_query": websearch_string(groups)})


def _sqlite_snippets(conn: Connection, event_ids: list[int], groups) -> dict[int, str]:
    if not event_ids:
        return {}
    rows = conn.execute(text(
        f"SELECT rowid, snippet(event_search_fts, -1, '{SNIPPET_MARK}', '{SNIPPET_MARK}', '…', 16) "
        "FROM event_search_fts WHERE event_search_fts MATCH :q AND rowid IN :ids")
        .bindparams(bindparam("ids", expanding=True)), {"q": fts5_query(groups), "ids": event_ids})
    return dict(rows.all())


def _pg_snippets(conn: Connection, event_ids: list[int], groups) -> dict[int, str]:
    if not event_ids:
        return {}
    rows = conn.execute(text(
        "SELECT event_id, ts_headline('simple'::regconfig, COALESCE(evidence, ''), q, :options), "
        "ts_headline('simple'::regconfig, COALESCE(headline, '') || ' / ' || COALESCE(trigger, ''), q, :options) "
        "FROM event_search, websearch_to_tsquery('simple'::regconfig, dateline_fold(:q)) AS q "
        "WHERE event_id IN :ids").bindparams(bindparam("ids", expanding=True)),
        {"q": websearch_string(groups), "options": _PG_HEADLINE_OPTIONS, "ids": event_ids})
    # The evidence sentences, unless the words matched only the headline or trigger.
    return {event_id: evidence if SNIPPET_MARK in evidence or SNIPPET_MARK not in title else title
            for event_id, evidence, title in rows}


def _run(conn: Connection, fn):
    try:
        return fn()
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc)
        if "fts5:" in reason:  # SQLite's words for a query it cannot parse
            raise SearchQueryError(f"the search query could not be run: {reason}") from exc
        raise StoreError(f"search failed: {reason}") from exc


def search_events(conn: Connection, query: str, *, limit: int | None = DEFAULT_LIMIT,
                  **filters) -> list[dict]:
    """Events whose document matches ``query``, best first, each shaped as
    :meth:`dateline.store.Store.events` shapes it plus ``snippet`` (matched words between
    ``**``) and ``score`` (higher is better; comparable only within one search).
    ``filters``: country, type, timing, since, until, article, as for ``Store.events``."""
    groups = parse_query(query)
    source, source_id, where, rank, binds = _event_match(conn, groups)
    e = schema.events.c
    # Rank first (ids and scores only: snippets and whole rows for every match would cost
    # time in proportion to the matches), then fetch the few rows shown. With a limit, only
    # the CANDIDATES most recently stored matches are ranked, so a query that matches half the
    # database stays fast; their scores are still the true ones.
    filtered = read.event_query(**filters).whereclause
    candidates = (select(e.id, rank).select_from(source.join(schema.events, source_id == e.id))
                  .where(where, *([filtered] if filtered is not None else [])))
    if limit is not None:
        candidates = candidates.order_by(source_id.desc()).limit(CANDIDATES)
    top = candidates.subquery()
    ranked = select(top.c.id, top.c.search_rank).order_by(top.c.search_rank, top.c.id.desc())
    if limit is not None:
        ranked = ranked.limit(limit)

    def go() -> list[dict]:
        scores = {row.id: row.search_rank for row in conn.execute(ranked, binds)}
        ids = list(scores)
        rows = {r.id: r for r in conn.execute(read.event_query(ids=ids))} if ids else {}
        counts = read._counts_by_event(conn, ids)
        snippets = (_sqlite_snippets if conn.dialect.name == "sqlite" else _pg_snippets)(conn, ids, groups)
        found = []
        for event_id in ids:
            event = read.event_dict(rows[event_id], counts[event_id])
            event["snippet"] = _one_line(snippets.get(event_id))
            event["score"] = round(-float(scores[event_id]), 4)
            found.append(event)
        return found

    return _run(conn, go)


def search_articles(conn: Connection, query: str, *, limit: int | None = DEFAULT_LIMIT) -> list[dict]:
    """Articles whose headline or text matches ``query``, best first: ``id``, ``headline``,
    ``source``, ``published``, ``url``, ``snippet``, ``score``."""
    groups = parse_query(query)
    cut = "" if limit is None else f" LIMIT {int(limit)}"
    recent = "" if limit is None else f" ORDER BY rowid DESC LIMIT {CANDIDATES}"  # as in search_events
    # The snippet is made in the outer query, for the shown rows only.
    if conn.dialect.name == "sqlite":
        sql = (
            "SELECT a.id, a.headline, a.source, a.published, a.url, top.search_rank, "
            f"snippet(articles_fts, -1, '{SNIPPET_MARK}', '{SNIPPET_MARK}', '…', 24) AS snippet "
            "FROM (SELECT fts_rowid, search_rank FROM (SELECT rowid AS fts_rowid, "
            "bm25(articles_fts, 2.0, 1.0) AS search_rank FROM articles_fts WHERE articles_fts MATCH :q"
            f"{recent}) ORDER BY search_rank{cut}) AS top "
            "JOIN articles_fts ON articles_fts.rowid = top.fts_rowid AND articles_fts MATCH :q "
            "JOIN articles a ON a.rowid = top.fts_rowid ORDER BY top.search_rank, a.published, a.id"
        )
        binds = {"q": fts5_query(groups)}
    else:
        tsquery = "websearch_to_tsquery('simple'::regconfig, dateline_fold(:q))"
        sql = (
            "SELECT top.*, ts_headline('simple'::regconfig, articles.text, "
            f"{tsquery}, :options) AS snippet FROM (SELECT articles.id, articles.headline, articles.source, "
            f"articles.published, articles.url, -ts_rank({PG_ARTICLE_VECTOR}, {tsquery}) AS search_rank "
            f"FROM articles WHERE ({PG_ARTICLE_VECTOR}) @@ {tsquery} "
            f"ORDER BY search_rank, articles.published, articles.id{cut}) AS top "
            "JOIN articles ON articles.id = top.id ORDER BY top.search_rank, top.published, top.id"
        )
        binds = {"q": websearch_string(groups), "options": _PG_HEADLINE_OPTIONS}

    def go() -> list[dict]:
        return [{"id": r.id, "headline": r.headline, "source": r.source, "published": r.published,
                 "url": r.url, "snippet": _one_line(r.snippet), "score": round(-float(r.search_rank), 4)}
                for r in conn.execute(text(sql), binds)]

    return _run(conn, go)


def _one_line(snippet: str | None) -> str | None:
    return " ".join(snippet.split()) if snippet else snippet


def search(store, query: str, *, articles: bool = False, **options) -> list[dict]:
    """Run :func:`search_events` (or :func:`search_articles`) on a :class:`Store`; validates the
    query and the date bounds before touching the database."""
    parse_query(query)
    if not articles:
        read.event_query(**{k: v for k, v in options.items() if k != "limit"})
    try:
        with store.engine.connect() as conn:
            if articles:
                return search_articles(conn, query, **options)
            return search_events(conn, query, **options)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot search {store.url}: {getattr(exc, 'orig', None) or exc}") from exc
