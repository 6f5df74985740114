"""A story-level word index on PostgreSQL (schema v8): `story_search` holds, for every story, the set of words
of its articles' full-text entries (`article_search`: titles, texts, entity names; no positions), GIN-indexed.

The story list's text filter (`q`) looks a name up there once, instead of finding every matching article
and mapping each to its story (45,000 articles for a frequent name at a million). A story holding every
word of the query somewhere is a candidate; when the query has more than one word, the candidates are then
checked against their articles (one article must hold every word, phrases in order: the contract of
`StoryQuery.text`), newest first, only as far as the page and the capped count need.

Written in the transaction that writes the articles (`writer.refresh_summaries`, for every story whose
articles changed) and by the bulk loader; SQLite has no such table (its FTS5 index answers the same query).
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from corroborate.store.codec import chunks

TABLE = "story_search"
INDEX = f"ix_{TABLE}_tsv"
DDL = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} (story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE, "
    "tsv tsvector NOT NULL)",
)
INDEX_DDL = f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} USING GIN (tsv)"

# the distinct words of the articles of the stories chosen by {where} (article_search's lexemes)
_WORDS = ("SELECT sa.story_id, array_to_tsvector(array_agg(DISTINCT w.word)) AS tsv FROM story_articles sa "
          "JOIN article_search a ON a.article_id = sa.article_id "
          "CROSS JOIN LATERAL unnest(tsvector_to_array(a.tsv)) AS w(word) WHERE {where} GROUP BY sa.story_id")


def create(conn: sa.Connection, with_index: bool = True) -> None:
    """The table and its index (PostgreSQL; nothing on SQLite)."""
    if conn.dialect.name == "postgresql":
        for ddl in (*DDL, INDEX_DDL) if with_index else DDL:
            conn.exec_driver_sql(ddl)


def refresh(conn: sa.Connection, story_ids: Iterable[str]) -> None:
    """Recompute the words of `story_ids` from their articles (a story without articles has no row)."""
    if conn.dialect.name != "postgresql":
        return
    for part in chunks(sorted(set(story_ids))):
        ids = {"ids": list(part)}
        conn.execute(sa.text(f"DELETE FROM {TABLE} WHERE story_id = ANY(:ids)"), ids)
        conn.execute(sa.text(f"INSERT INTO {TABLE} (story_id, tsv) "
                             + _WORDS.format(where="sa.story_id = ANY(:ids)")), ids)


def add_articles_sql(article_ids_sql: str) -> str:
    """The statement adding the words of the articles selected by `article_ids_sql` (a SELECT of article
    ids) to their stories' rows (the bulk loader: new articles, of stories that may already have some)."""
    return (f"INSERT INTO {TABLE} (story_id, tsv) " + _WORDS.format(where=f"sa.article_id IN ({article_ids_sql})")
            + f" ON CONFLICT (story_id) DO UPDATE SET tsv = {TABLE}.tsv || EXCLUDED.tsv")


def backfill(conn: sa.Connection) -> None:
    """Fill the table for every stored story (a database from before schema v8)."""
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql("SET LOCAL work_mem = '256MB'")
    conn.exec_driver_sql(f"DELETE FROM {TABLE}")
    conn.exec_driver_sql(f"INSERT INTO {TABLE} (story_id, tsv) " + _WORDS.format(where="TRUE"))
    conn.exec_driver_sql(INDEX_DDL)  # built once over the filled table
    conn.exec_driver_sql(f"ANALYZE {TABLE}")
