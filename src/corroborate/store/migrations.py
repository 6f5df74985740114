"""Schema versions: MIGRATIONS[i] brings a database from version i to version i + 1 (append, never edit)."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from corroborate.store import framing, indexes, search, story_search
from corroborate.store.errors import StoreError
from corroborate.store.schema import WATCH_TABLES, article_carriers, article_history, meta, metadata
from corroborate.store.schema import framing as framing_table
from corroborate.store.writer import copy_recency


def _v1(conn: sa.Connection) -> None:
    metadata.create_all(conn, checkfirst=True)


def _v2_history(conn: sa.Connection) -> None:
    article_history.create(conn, checkfirst=True)


def _v3_search(conn: sa.Connection) -> None:
    search.create(conn)
    search.backfill(conn)
    search.refold(conn)


def _v4_watch_alerts(conn: sa.Connection) -> None:
    metadata.create_all(conn, tables=list(WATCH_TABLES), checkfirst=True)


def _v5_analyzer_version(conn: sa.Connection) -> None:
    """analyses.analyzer_version: which analyzer made each analysis (`reanalyze` resumes by it)."""
    if "analyzer_version" not in {c["name"] for c in sa.inspect(conn).get_columns("analyses")}:
        conn.execute(sa.text("ALTER TABLE analyses ADD COLUMN analyzer_version VARCHAR(32)"))


def _v6_article_carriers(conn: sa.Connection) -> None:
    """article_carriers: the other outlets that carried an article's text (syndicated wire copies)."""
    article_carriers.create(conn, checkfirst=True)


def _v7_read_indexes(conn: sa.Connection) -> None:
    """stories.outlets_text and the read-path indexes for a million stored articles (store/indexes.py)."""
    indexes.add_outlets_column(conn)
    indexes.create_read_indexes(conn)


def _v8_story_search(conn: sa.Connection) -> None:
    """story_search: the words of each story's articles, GIN-indexed, and the stories' outlet and place lines
    as GIN-indexed arrays (PostgreSQL; store/story_search.py, store/indexes.py)."""
    story_search.create(conn, with_index=False)
    story_search.backfill(conn)
    indexes.create_read_indexes(conn)  # and the outlet and place line arrays (GIN)


def _v9_outlet_and_entity_reads(conn: sa.Connection) -> None:
    """framing: the dossiers' framing items as rows with their outlet (store/framing.py); entities.last_published
    and its index: an entity's newest stories without walking every story (browse.entity)."""
    if not sa.inspect(conn).has_table("framing"):
        framing_table.create(conn)
        framing.backfill(conn)
    if "last_published" not in {c["name"] for c in sa.inspect(conn).get_columns("entities")}:
        conn.exec_driver_sql("ALTER TABLE entities ADD COLUMN last_published "
                             + ("TIMESTAMP WITH TIME ZONE" if conn.dialect.name == "postgresql" else "DATETIME"))
        copy_recency(conn)
    indexes.create_read_indexes(conn)


MIGRATIONS: list[Callable[[sa.Connection], None]] = [_v1, _v2_history, _v3_search, _v4_watch_alerts,
                                                     _v5_analyzer_version, _v6_article_carriers, _v7_read_indexes,
                                                     _v8_story_search, _v9_outlet_and_entity_reads]
"""MIGRATIONS[i] brings a database from version i to version i + 1. Append, never edit."""

SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: sa.Connection) -> int:
    """The schema version of the database behind `conn`; 0 for an empty database."""
    if not sa.inspect(conn).has_table("meta"):
        return 0
    row = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0


def migrate(conn: sa.Connection) -> int:
    """Bring the schema up to SCHEMA_VERSION inside the caller's transaction; returns the version.

    Safe to run from several processes at once: PostgreSQL takes an advisory lock, SQLite a write lock
    (the caller opens SQLite write transactions with BEGIN IMMEDIATE).
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": 0x636F72726F62})
    meta.create(conn, checkfirst=True)
    row = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).first()
    version = int(row[0]) if row else 0
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the database has schema version {version}, newer than this Corroborate understands "
            f"({SCHEMA_VERSION}); upgrade Corroborate or use another --db"
        )
    for step in range(version, SCHEMA_VERSION):
        MIGRATIONS[step](conn)
    if version != SCHEMA_VERSION:
        if row:
            conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(SCHEMA_VERSION)))
        else:
            conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
    return SCHEMA_VERSION
