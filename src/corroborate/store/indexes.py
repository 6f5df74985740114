"""The read-path indexes for large databases (schema v7): the story list's orders and filters, the
articles' newest-first order, and (PostgreSQL, pg_trgm) trigram indexes that serve the substring matches
(`LIKE '%text%'`) on story titles, place names and entity spellings. `bulk.bulk_load` drops the
secondary indexes before a large load and builds them again afterwards (`create_secondary`)."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from corroborate.store import schema as t
from corroborate.store import search, story_search
from corroborate.store.codec import chunks

# (name, table, PostgreSQL definition, SQLite definition or None)
READ_INDEXES: tuple[tuple[str, str, str, str | None], ...] = (
    ("ix_stories_recent", "stories", "(last_published DESC NULLS LAST, id)", "(last_published DESC, id)"),
    ("ix_stories_size", "stories", "(n_articles DESC, last_published DESC NULLS LAST, id)",
     "(n_articles DESC, last_published DESC, id)"),
    ("ix_stories_conflict_recent", "stories", "(last_published DESC NULLS LAST, id) WHERE has_conflict",
     "(last_published DESC, id) WHERE has_conflict"),
    ("ix_stories_event_type", "stories", "(event_type, last_published DESC NULLS LAST, id)",
     "(event_type, last_published DESC, id)"),
    ("ix_articles_recent", "articles", "(published DESC NULLS LAST, id)", "(published DESC, id)"),
    ("ix_articles_outlet_lang", "articles", "(outlet, lang)", "(outlet, lang)"),
    # schema v9: an entity's newest stories (browse.entity)
    ("ix_entities_key_recent", "entities", "(key, last_published DESC NULLS LAST, story_id)",
     "(key, last_published DESC, story_id)"),
)
# million (schema v8): the story's outlet and place lines as arrays (PostgreSQL, GIN): the list's outlet and
# place filters are one exact look-up (`@>`, `&&`), frequent or rare, instead of a substring scan
LINE_ARRAYS = {"outlets_text": "ix_stories_outlet_lines", "places_text": "ix_stories_place_lines"}


def lines_array(column: str) -> str:
    """The SQL of a "\n"-separated column as an array of its lines (the indexed expression, verbatim)."""
    return f"string_to_array({column}, E'\\n')"


# trigram indexes (PostgreSQL with the pg_trgm extension): (name, table, column)
TRIGRAM_INDEXES = (
    ("ix_stories_search_trgm", "stories", "search_text"),
    ("ix_stories_places_trgm", "stories", "places_text"),
    ("ix_stories_outlets_trgm", "stories", "outlets_text"),
    ("ix_entities_search_trgm", "entities", "search_text"),
)


def trigram_schema(conn: sa.Connection) -> str | None:
    """The schema pg_trgm lives in (created in the current schema when missing), None where it cannot be."""
    found = conn.execute(sa.text("SELECT extnamespace::regnamespace::text FROM pg_extension "
                                 "WHERE extname = 'pg_trgm'")).scalar_one_or_none()
    if found is not None:
        return str(found)
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError:  # not installed on the server, or not allowed: substring matches scan
        return None
    return conn.execute(sa.text("SELECT extnamespace::regnamespace::text FROM pg_extension "
                                "WHERE extname = 'pg_trgm'")).scalar_one_or_none()


def outlet_lines(outlets: Iterable[str | None]) -> str:
    """The stories.outlets_text of a story: its articles' outlets, sorted, one a line ("\na\nb\n")."""
    names = sorted({o.replace("\n", " ") for o in outlets if o})
    return "\n" + "\n".join(names) + "\n" if names else ""


def add_outlets_column(conn: sa.Connection) -> None:
    """Schema v7: stories.outlets_text (the outlet filter reads it instead of joining every article), filled
    from the stored articles."""
    if "outlets_text" not in {c["name"] for c in sa.inspect(conn).get_columns("stories")}:
        conn.exec_driver_sql("ALTER TABLE stories ADD COLUMN outlets_text TEXT NOT NULL DEFAULT ''")
    if conn.dialect.name == "postgresql":  # in the server: a large database's pairs never come to Python
        conn.exec_driver_sql(
            "UPDATE stories SET outlets_text = x.lines FROM (SELECT sa.story_id, E'\\n' || string_agg(DISTINCT "
            "replace(a.outlet, E'\\n', ' ') COLLATE \"C\", E'\\n' ORDER BY replace(a.outlet, E'\\n', ' ') COLLATE \"C\") "
            "|| E'\\n' "
            "AS lines FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE a.outlet IS NOT NULL "
            "AND a.outlet <> '' GROUP BY sa.story_id) x WHERE stories.id = x.story_id")
        return
    a, sa_t, s = t.articles, t.story_articles, t.stories
    pairs = conn.execute(sa.select(sa_t.c.story_id, a.c.outlet).join(a, a.c.id == sa_t.c.article_id)
                         .where(a.c.outlet.is_not(None)).order_by(sa_t.c.story_id)).all()
    by_story: dict[str, list[str]] = {}
    for sid, outlet in pairs:
        by_story.setdefault(sid, []).append(outlet)
    rows = [{"b_id": sid, "b_outlets": outlet_lines(names)} for sid, names in by_story.items()]
    for part in chunks(rows, 5000):
        conn.execute(s.update().where(s.c.id == sa.bindparam("b_id")).values(outlets_text=sa.bindparam("b_outlets")),
                     list(part))


def create_read_indexes(conn: sa.Connection) -> None:
    """Schema v7: create the read-path indexes that are missing (idempotent)."""
    pg = conn.dialect.name == "postgresql"
    for name, table, pg_def, sqlite_def in READ_INDEXES:
        definition = pg_def if pg else sqlite_def
        if definition is None:
            continue
        columns, _, where = definition.partition(" WHERE ")
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {columns}"
                             + (f" WHERE {where}" if where else ""))
    if pg:
        for column, name in LINE_ARRAYS.items():
            conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON stories USING GIN (({lines_array(column)}))")
        schema = trigram_schema(conn)
        if schema is not None:
            for name, table, column in TRIGRAM_INDEXES:
                conn.exec_driver_sql(f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING GIN ({column} '
                                     f'"{schema}".gin_trgm_ops)')
    if pg:
        conn.exec_driver_sql("ANALYZE stories")


def _schema_indexes() -> list[sa.Index]:
    return [ix for table in (t.articles, t.stories, t.story_articles, t.entities) for ix in table.indexes]


def drop_secondary(conn: sa.Connection) -> None:
    """Drop the secondary indexes of the bulk-loaded tables (PostgreSQL; primary keys and unique
    constraints stay), to build them once after a large load instead of row by row."""
    names = [ix.name for ix in _schema_indexes()] + [n for n, *_ in READ_INDEXES] + [n for n, *_ in TRIGRAM_INDEXES]
    names += [f"ix_{search.PG_TABLE}_tsv", story_search.INDEX, *LINE_ARRAYS.values()]
    for name in names:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")


def create_secondary(conn: sa.Connection) -> None:
    """Build every secondary index again (the schema's, the full-text one and the v7 read indexes)."""
    for ix in _schema_indexes():
        ix.create(conn, checkfirst=True)
    search.create(conn)
    story_search.create(conn)
    create_read_indexes(conn)
