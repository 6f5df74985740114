"""Full-text search over article titles, texts and the names of the people, organisations and places they
mention: SQLite FTS5 (`article_fts`, tokenizer unicode61 remove_diacritics 2) or PostgreSQL full text
(`article_search`, a 'simple'-config tsvector with a GIN index). Both index the same `search_fold`ed text
(case and diacritics removed in Python) and are written in the transaction that writes the articles.

Both are handed words only (letters and digits, split in Python), so their parsers see the same tokens.
A query is its whitespace-separated parts, every one required; a part with several words ("al-Hadrani",
"5%100") is a phrase: its words adjacent, in order. The same on both databases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from corroborate.model import Analysis
from corroborate.store import schema as t
from corroborate.store.codec import chunks, row_analysis, search_fold

FTS = "article_fts"
PG_TABLE = "article_search"
_WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 16
MAX_BYTES = 300_000  # indexed per field: PostgreSQL refuses a tsvector over 1 MB (a book-sized "article")

SQLITE_DDL = (f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(article_id UNINDEXED, title, body, names, "
              "tokenize = 'unicode61 remove_diacritics 2')",)
PG_DDL = (
    f"CREATE TABLE IF NOT EXISTS {PG_TABLE} (article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE "
    "CASCADE, tsv tsvector NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS ix_{PG_TABLE}_tsv ON {PG_TABLE} USING GIN (tsv)",
)


def terms(text: str | None) -> list[list[str]]:
    """The parts of a query, each a list of words folded as the index is (at most MAX_TERMS parts)."""
    parts = [_WORD.findall(part) for part in search_fold(text).split()]
    return [p for p in parts if p][:MAX_TERMS]


def _words(text: str | None) -> str:
    words = " ".join(_WORD.findall(search_fold((text or "")[: MAX_BYTES * 2])))
    if len(words) * 4 > MAX_BYTES:  # maybe over the byte budget: cut at a word boundary under it
        words = words.encode("utf-8")[:MAX_BYTES].decode("utf-8", "ignore").rsplit(" ", 1)[0]
    return words


def names_of(analysis: Analysis | None) -> str:
    """The entity names an article is found by: every mention's text and canonical name, every place."""
    if analysis is None:
        return ""
    found: dict[str, None] = {}
    for m in analysis.mentions:
        found.update(dict.fromkeys(filter(None, (m.text, m.canonical))))
    for p in analysis.places:
        found.update(dict.fromkeys(filter(None, (p.text, p.name))))
    return " \n ".join(found)


def create(conn: sa.Connection) -> None:
    for ddl in PG_DDL if conn.dialect.name == "postgresql" else SQLITE_DDL:
        conn.exec_driver_sql(ddl)


def index(conn: sa.Connection, rows: Sequence[tuple[str, str | None, str | None, str]]) -> None:
    """(Re)index articles: (id, title, text, names) each."""
    if not rows:
        return
    unindex(conn, [r[0] for r in rows])
    params = [{"id": aid, "title": _words(title), "body": _words(text), "names": _words(names)}
              for aid, title, text, names in rows]
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text(f"INSERT INTO {PG_TABLE} (article_id, tsv) VALUES (:id, "
                             "setweight(to_tsvector('simple', :title), 'A') || setweight(to_tsvector('simple', "
                             ":names), 'B') || to_tsvector('simple', :body))"), params)
    else:
        conn.execute(sa.text(f"INSERT INTO {FTS} (article_id, title, body, names) VALUES (:id, :title, :body, "
                             ":names)"), params)


def unindex(conn: sa.Connection, ids: Iterable[str]) -> None:
    table = PG_TABLE if conn.dialect.name == "postgresql" else FTS
    for part in chunks(sorted(set(ids))):
        conn.execute(sa.text(f"DELETE FROM {table} WHERE article_id IN :ids").bindparams(
            sa.bindparam("ids", expanding=True)), {"ids": list(part)})


def matching_ids(dialect: str, parts: list[list[str]]) -> sa.Select[Any]:
    """SELECT article_id of the articles containing every part of `parts` (from `terms`)."""
    if dialect == "postgresql":
        table = sa.table(PG_TABLE, sa.column("article_id"), sa.column("tsv"))
        query = sa.func.to_tsquery(sa.literal_column("'simple'"), " & ".join(f"({' <-> '.join(p)})" for p in parts))
        return sa.select(table.c.article_id).where(table.c.tsv.op("@@")(query))
    table = sa.table(FTS, sa.column("article_id"))
    phrases = " ".join(f'"{" ".join(p)}"' for p in parts)  # quoted: FTS5 operators in the input are plain words
    return sa.select(table.c.article_id).where(sa.literal_column(FTS).op("MATCH")(phrases))


def estimated_matches(conn: sa.Connection, parts: list[list[str]]) -> float | None:
    """PostgreSQL's estimate of the articles holding a one-word query (planning only, no scan): close for a
    frequent word, which the column's statistics list; a floor for the rest. None for SQLite or several words
    (their joint estimate assumes the words independent, far off for a phrase or a name)."""
    if conn.dialect.name != "postgresql" or len(parts) != 1 or len(parts[0]) != 1:
        return None
    query = matching_ids("postgresql", parts)
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + sql).scalar_one()
    return float(plan[0]["Plan"]["Plan Rows"])


def backfill(conn: sa.Connection) -> None:
    """Index every stored article (a database created before full-text search)."""
    a = t.articles
    ids = list(conn.execute(sa.select(a.c.id).order_by(a.c.id)).scalars())
    for part in chunks(ids):
        analyses = {aid: row_analysis(text, None) for aid, text in conn.execute(
            sa.select(t.analyses.c.article_id, t.analyses.c.json).where(t.analyses.c.article_id.in_(part)))}
        rows = [(r.id, r.title, r.text, names_of(analyses.get(r.id)))
                for r in conn.execute(sa.select(a.c.id, a.c.title, a.c.text).where(a.c.id.in_(part)))]
        index(conn, rows)


def refold(conn: sa.Connection) -> None:
    """Re-fold the stored search columns without diacritics (they were casefolded only before)."""
    for table, key in ((t.stories, "id"), (t.entities, None)):
        cols = [c for c in ("search_text", "places_text") if c in table.c]
        keys = [table.c[k] for k in (["id"] if key else ["key", "story_id"])]
        for row in conn.execute(sa.select(*keys, *(table.c[c] for c in cols))).all():
            values = {c: search_fold_lines(row._mapping[c]) for c in cols}
            if any(values[c] != row._mapping[c] for c in cols):
                where = sa.and_(*(k == row._mapping[k.name] for k in keys))
                conn.execute(table.update().where(where).values(**values))


def search_fold_lines(text: str | None) -> str:
    """A "\\n"-separated search column with each line folded as `search_fold` (which keeps the lines)."""
    return "\n".join(search_fold(line) for line in (text or "").split("\n"))
