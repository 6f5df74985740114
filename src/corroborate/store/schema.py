"""Tables (SQLAlchemy Core), identical on SQLite and PostgreSQL, and the versioned migrations."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from corroborate.store.coltypes import CleanText, UTCDateTime
from corroborate.store.errors import StoreError

metadata = sa.MetaData()

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", CleanText, primary_key=True),
    sa.Column("content_hash", sa.String(128), unique=True),  # NULL when the cleaner gave none
    sa.Column("title", CleanText),
    sa.Column("url", CleanText),
    sa.Column("outlet", CleanText),
    sa.Column("authors", sa.Text, nullable=False, default="[]"),  # JSON list
    sa.Column("published", UTCDateTime),
    sa.Column("published_precision", sa.String(16)),
    sa.Column("lang", sa.String(16)),
    sa.Column("lang_confidence", sa.Float),
    sa.Column("text", CleanText, nullable=False),
    sa.Column("removed", sa.Text, nullable=False, default="[]"),  # JSON list of dropped boilerplate
    sa.Column("origin", CleanText, nullable=False, default=""),
    sa.Column("ingested_at", UTCDateTime, nullable=False),
    sa.Index("ix_articles_published", "published", "id"),
    sa.Index("ix_articles_outlet", "outlet"),
    sa.Index("ix_articles_lang", "lang"),
)

analyses = sa.Table(
    "analyses",
    metadata,
    sa.Column("article_id", CleanText, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("json", sa.Text, nullable=False),  # the Analysis without its embedding
    sa.Column("embedding", sa.LargeBinary),  # little-endian float64 vector (codec.pack_floats)
    sa.Column("analyzer_version", sa.String(32)),  # scale: ANALYZER_VERSION that made it; NULL = before v2
)

stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", CleanText, primary_key=True),
    sa.Column("title", CleanText),
    sa.Column("first_published", UTCDateTime),
    sa.Column("last_published", UTCDateTime),
    sa.Column("related", sa.Text, nullable=False, default="[]"),  # JSON list of RelatedLink
    # summary columns, refreshed by write_batch from the assignments and the dossier
    sa.Column("n_articles", sa.Integer, nullable=False, default=0),
    sa.Column("n_sources", sa.Integer, nullable=False, default=0),
    sa.Column("languages", sa.Text, nullable=False, default="[]"),  # JSON list
    sa.Column("where_name", CleanText),
    sa.Column("event_type", sa.String(64)),
    sa.Column("has_conflict", sa.Boolean, nullable=False, default=False),
    # casefolded "\n"-separated lines for portable case-insensitive matching (SQLite's lower() is ASCII only)
    sa.Column("search_text", CleanText, nullable=False, default=""),
    sa.Column("places_text", CleanText, nullable=False, default=""),
    sa.Column("updated_at", UTCDateTime),
    sa.Index("ix_stories_last_published", "last_published"),
    sa.Index("ix_stories_n_articles", "n_articles"),
)

story_articles = sa.Table(
    "story_articles",
    metadata,
    sa.Column("article_id", CleanText, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("story_id", CleanText, sa.ForeignKey("stories.id"), nullable=False),
    sa.Column("score", sa.Float),
    sa.Index("ix_story_articles_story_id", "story_id"),
)

story_states = sa.Table(
    "story_states",
    metadata,
    sa.Column("story_id", CleanText, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("state", sa.LargeBinary, nullable=False),
)

dossiers = sa.Table(
    "dossiers",
    metadata,
    sa.Column("story_id", CleanText, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("json", sa.Text, nullable=False),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("key", CleanText, primary_key=True),
    sa.Column("story_id", CleanText, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("name", CleanText, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("variants", sa.Text, nullable=False, default="[]"),  # JSON list
    sa.Column("article_ids", sa.Text, nullable=False, default="[]"),  # JSON list
    sa.Column("search_text", CleanText, nullable=False, default=""),
    sa.Index("ix_entities_story_id", "story_id"),
)

failures = sa.Table(
    "failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("origin", CleanText, nullable=False),
    sa.Column("message", CleanText, nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
)


def _v1(conn: sa.Connection) -> None:
    metadata.create_all(conn, checkfirst=True)


def _v2_analyzer_version(conn: sa.Connection) -> None:
    """scale: analyses.analyzer_version (which analyzer made each analysis; `reanalyze` resumes by it)."""
    if "analyzer_version" not in {c["name"] for c in sa.inspect(conn).get_columns("analyses")}:
        conn.execute(sa.text("ALTER TABLE analyses ADD COLUMN analyzer_version VARCHAR(32)"))


MIGRATIONS: list[Callable[[sa.Connection], None]] = [_v1, _v2_analyzer_version]
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
