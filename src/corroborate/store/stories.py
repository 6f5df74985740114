"""Story listing: filters, ordering and paging for `Store.list_stories`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from corroborate.store import indexes, search, story_search
from corroborate.store import schema as t
from corroborate.store.codec import like_escape, loads, search_fold
from corroborate.store.records import ORDERS, StoryQuery, StorySummary

SUMMARY_COLUMNS = (
    t.stories.c.id,
    t.stories.c.title,
    t.stories.c.n_articles,
    t.stories.c.n_sources,
    t.stories.c.languages,
    t.stories.c.first_published,
    t.stories.c.last_published,
    t.stories.c.where_name,
    t.stories.c.event_type,
    t.stories.c.has_conflict,
)


def row_summary(row: Mapping[str, Any]) -> StorySummary:
    return StorySummary(
        id=row["id"],
        title=row["title"],
        n_articles=row["n_articles"],
        n_sources=row["n_sources"],
        languages=loads(row["languages"], []),
        first_published=row["first_published"],
        last_published=row["last_published"],
        where=row["where_name"],
        event_type=row["event_type"],
        has_conflict=bool(row["has_conflict"]),
    )


def _day_start(d: date) -> datetime:
    if isinstance(d, datetime):
        d = d.date()
    return datetime.combine(d, time.min, tzinfo=UTC)


def _has_article(condition: sa.ColumnElement[bool]) -> sa.Exists:
    a, sa_t = t.articles, t.story_articles
    return sa.exists(
        sa.select(1)
        .select_from(sa_t.join(a, a.c.id == sa_t.c.article_id))
        .where(sa_t.c.story_id == t.stories.c.id, condition)
    )


def _text_match(text: str, dialect: str) -> sa.ColumnElement[bool]:
    """A title substring, or every word in an article's title, text or entity names (full-text index), or
    an entity name or spelling of the story containing the text; case and diacritics ignored.

    One `id IN (... UNION ...)`: each branch uses its own index (trigram, full-text), where an OR of the three
    would scan every story."""
    s, sa_t, e = t.stories, t.story_articles, t.entities
    needle = f"%{like_escape(search_fold(text))}%"
    branches: list[sa.Select[Any]] = [
        sa.select(s.c.id).where(s.c.search_text.like(needle, escape="\\")),
        sa.select(e.c.story_id).where(e.c.search_text.like(needle, escape="\\")),
    ]
    words = search.terms(text)
    if words:
        branches.append(sa.select(sa_t.c.story_id).where(sa_t.c.article_id.in_(search.matching_ids(dialect, words))))
    return s.c.id.in_(sa.union(*branches))


def story_filters(query: StoryQuery, dialect: str = "sqlite", outlet_names: list[str] | None = None
                  ) -> list[sa.ColumnElement[bool]]:
    """SQL conditions for `query`; `outlet_names`: every stored spelling of `query.outlet`'s outlet."""
    s = t.stories
    where: list[sa.ColumnElement[bool]] = [s.c.n_articles > 0]
    if query.text and search_fold(query.text):
        where.append(_text_match(query.text, dialect))
    place = search_fold(query.place) if query.place else ""
    if place and dialect == "postgresql" and "\n" not in place:  # one of the lines: the GIN-indexed array
        where.append(_lines(s.c.places_text).op("@>")(_text_array([place])))
    elif place:
        where.append(s.c.places_text.like(f"%\n{like_escape(place)}\n%", escape="\\"))
    if query.lang:  # the story's languages (its articles' own, kept by refresh_summaries): no join
        code = json.dumps(query.lang.strip().lower())
        where.append(s.c.languages.like(f"%{like_escape(code)}%", escape="\\"))
    if query.outlet:  # every stored spelling of the outlet, read from the story's outlets (one a line): no join
        names = outlet_names or [query.outlet]
        if any("\n" in n for n in names):
            where.append(_has_article(t.articles.c.outlet.in_(names)))
        elif dialect == "postgresql":  # any of the lines: the GIN-indexed array
            where.append(_lines(s.c.outlets_text).op("&&")(_text_array(names)))
        else:
            where.append(sa.or_(*(s.c.outlets_text.like(f"%\n{like_escape(n)}\n%", escape="\\") for n in names)))
    if query.date_from:
        where.append(s.c.last_published >= _day_start(query.date_from))
    if query.date_to:
        where.append(s.c.first_published < _day_start(query.date_to) + timedelta(days=1))
    if query.event_type:
        where.append(s.c.event_type == search_fold(query.event_type))
    if query.conflict_only:
        where.append(s.c.has_conflict.is_(True))
    if query.story:
        where.append(s.c.id == query.story)
    return where


def story_order(order: str) -> list[Any]:
    s = t.stories
    if order not in ORDERS:
        raise ValueError(f"unknown story order {order!r}; use one of {', '.join(ORDERS)}")
    recent = [s.c.last_published.desc().nulls_last(), s.c.id]
    return [s.c.n_articles.desc(), *recent] if order == "size" else recent


def list_stories(conn: sa.Connection, query: StoryQuery, outlet_names: list[str] | None = None
                 ) -> tuple[list[StorySummary], int]:
    if query.limit < 0 or query.offset < 0:
        raise ValueError(f"limit and offset must not be negative (got limit={query.limit}, offset={query.offset})")
    if conn.dialect.name == "postgresql" and query.text and search_fold(query.text):
        return _text_list_pg(conn, query, outlet_names)
    where = story_filters(query, conn.dialect.name, outlet_names)
    order = story_order(query.order)
    if query.text and search_fold(query.text):
        # a text match is computed whole (its index branches): the page and the count come from one
        # evaluation of it (a window count), not two
        total_col = sa.func.count().over().label("total_matching")
        rows = conn.execute(sa.select(*SUMMARY_COLUMNS, total_col).where(*where).order_by(*order)
                            .limit(query.limit).offset(query.offset)).mappings().all()
        if rows:
            total = int(rows[0]["total_matching"])
            if query.count_limit is not None:
                total = min(total, query.count_limit + 1)
            return [row_summary(r) for r in rows], total
    if query.count_limit is None:
        total = conn.execute(sa.select(sa.func.count()).select_from(t.stories).where(*where)).scalar_one()
    else:  # count no further than the limit: a large match costs no full scan
        capped = sa.select(sa.literal(1)).select_from(t.stories).where(*where).limit(query.count_limit + 1)
        total = conn.execute(sa.select(sa.func.count()).select_from(capped.subquery())).scalar_one()
    rows = conn.execute(
        sa.select(*SUMMARY_COLUMNS).where(*where).order_by(*order).limit(query.limit).offset(query.offset)
    ).mappings()
    return [row_summary(r) for r in rows], int(total)


def _text_list_pg(conn: sa.Connection, query: StoryQuery, outlet_names: list[str] | None
                  ) -> tuple[list[StorySummary], int]:
    """`list_stories` with a text filter on PostgreSQL. A story matches by a title or entity spelling
    containing the text (trigram indexes) or by one article holding every word (store/story_search.py: the
    story's words first, then its articles when there are several words).

    Few candidates: they are gathered from the three indexes, read by id, sorted, then checked in the list's
    order only as far as the page and the capped count need. Many (a frequent name; more than
    sqrt(capped count x stories)): the stories are walked in the list's order and tested one by one, the
    first hits come soon."""
    s, e, sa_t = t.stories, t.entities, t.story_articles
    needle = f"%{like_escape(search_fold(query.text))}%"
    parts = search.terms(query.text)
    words = list(dict.fromkeys(w for part in parts for w in part))
    ss = sa.table(story_search.TABLE, sa.column("story_id"), sa.column("tsv"))
    has_words = ss.c.tsv.op("@@")(_tsquery(" & ".join(words))) if words else None
    others = story_filters(replace(query, text=None), "postgresql", outlet_names)
    cap = None if query.count_limit is None else max(query.count_limit, query.offset + query.limit) + 1

    def title_has(text_col: Any) -> sa.ColumnElement[bool]:
        return text_col.like(needle, escape="\\")

    def entity_has(id_col: Any) -> sa.ColumnElement[bool]:
        return sa.exists(sa.select(1).where(e.c.story_id == id_col, e.c.search_text.like(needle, escape="\\")))

    def article_has(id_col: Any, probe: bool = False) -> sa.ColumnElement[bool]:  # one article: every word, in order
        a = sa.table(search.PG_TABLE, sa.column("article_id"), sa.column("tsv"))
        phrase = " & ".join(f"({' <-> '.join(part)})" for part in parts)
        inner = (sa.select(1).select_from(sa_t.join(a, a.c.article_id == sa_t.c.article_id))
                 .where(sa_t.c.story_id == id_col, a.c.tsv.op("@@")(_tsquery(phrase))))
        return sa.exists(inner.offset(0) if probe else inner)

    several = sum(len(part) for part in parts) > 1  # several words: held by the story is not enough
    if has_words is not None and cap is not None and _many(conn, ss, has_words, cap):
        # OFFSET 0 keeps each EXISTS a probe of the walked story (else the planner, not counting on the LIMIT,
        # reads every match of each into a hash first)
        story_words = sa.exists(sa.select(1).where(ss.c.story_id == s.c.id, has_words).offset(0))
        words_match = sa.and_(story_words, article_has(s.c.id, probe=True)) if several else story_words
        entity_probe = sa.exists(sa.select(1).where(e.c.story_id == s.c.id, e.c.search_text.like(needle, escape="\\"))
                                 .offset(0))
        hits = (sa.select(*SUMMARY_COLUMNS, s.c.search_text)
                .where(*others, sa.or_(title_has(s.c.search_text), entity_probe, words_match))
                .order_by(*story_order(query.order)).limit(cap))
    else:
        branches: list[sa.Select[Any]] = [sa.select(s.c.id).where(title_has(s.c.search_text)),
                                          sa.select(e.c.story_id).where(e.c.search_text.like(needle, escape="\\"))]
        if has_words is not None:
            branches.append(sa.select(ss.c.story_id).where(has_words))
        # the candidates read by id (an index look-up each), sorted once; MATERIALIZED keeps the check below
        # from being pulled into this scan (it is evaluated only as far as the LIMITs read)
        candidates = (sa.select(*SUMMARY_COLUMNS, s.c.search_text)
                      .where(s.c.id == sa.any_(sa.func.array(sa.union(*branches).scalar_subquery())), *others)
                      .order_by(*story_order(query.order)).cte("candidates").prefix_with("MATERIALIZED"))
        hits = sa.select(*candidates.c)
        if several:
            words_held = article_has(candidates.c.id)
            a = sa.table(search.PG_TABLE, sa.column("article_id"), sa.column("tsv"))
            if _count_to(conn, a, a.c.tsv.op("@@")(_tsquery(" & ".join(words))), FEW_ARTICLES) < FEW_ARTICLES:
                # few articles hold the words: their stories once, from the article index (a big story whose
                # articles share the words out between them is then not read article by article)
                phrase = " & ".join(f"({' <-> '.join(part)})" for part in parts)
                held = (sa.select(sa_t.c.story_id).join(a, a.c.article_id == sa_t.c.article_id)
                        .where(a.c.tsv.op("@@")(_tsquery(phrase))))
                words_held = candidates.c.id == sa.any_(sa.func.array(held.scalar_subquery()))
            hits = hits.where(sa.or_(title_has(candidates.c.search_text), words_held, entity_has(candidates.c.id)))
        if cap is not None:  # the page lies within the counted hits (cap >= offset + limit + 1)
            hits = hits.limit(cap)
    found = hits.cte("hits").prefix_with("MATERIALIZED")
    # a CTE's rows are read in the order they were written (the ORDER BY above): no sort of the hits
    total_col = sa.select(sa.func.count()).select_from(found).scalar_subquery().label("total_matching")
    rows = conn.execute(sa.select(*found.c, total_col).limit(query.limit).offset(query.offset)).mappings().all()
    if rows:
        total = int(rows[0]["total_matching"])
    else:
        total = int(conn.execute(sa.select(total_col)).scalar_one()) if query.offset else 0
    if query.count_limit is not None:
        total = min(total, query.count_limit + 1)
    return [row_summary(r) for r in rows], total


FEW_ARTICLES = 2000  # below this many articles holding a query's words, their stories are read at once


def _count_to(conn: sa.Connection, table: Any, condition: sa.ColumnElement[bool], limit: int) -> int:
    """The rows of `table` meeting `condition`, counted no further than `limit`."""
    return int(conn.execute(sa.select(sa.func.count()).select_from(
        sa.select(sa.literal(1)).select_from(table).where(condition).limit(limit).subquery())).scalar_one())


def _many(conn: sa.Connection, ss: Any, has_words: sa.ColumnElement[bool], cap: int) -> bool:
    """Whether at least sqrt(cap x stories) stories hold the words: then walking the stories in order finds
    `cap` hits sooner than reading every candidate (counted on the GIN index, up to that many)."""
    stories = conn.exec_driver_sql("SELECT reltuples FROM pg_class WHERE oid = 'stories'::regclass").scalar_one()
    if not stories or stories <= 0:
        return False
    enough = int((cap * stories) ** 0.5)
    conn.exec_driver_sql("SET enable_seqscan = off")  # the index, counting only so far
    try:
        n = conn.execute(sa.select(sa.func.count()).select_from(
            sa.select(ss.c.story_id).where(has_words).limit(enough).subquery())).scalar_one()
    finally:
        conn.exec_driver_sql("RESET enable_seqscan")  # a session setting (reads run in autocommit)
    return bool(n >= enough)


def _lines(column: Any) -> sa.ColumnElement[Any]:
    """The "\n"-separated column as the array of its lines, written as the index on it is (indexes.py)."""
    return sa.literal_column(indexes.lines_array(f"{column.table.name}.{column.name}"))


def _text_array(values: list[str]) -> sa.ColumnElement[Any]:
    return sa.cast(sa.bindparam(None, list(values), type_=postgresql.ARRAY(sa.Text)), postgresql.ARRAY(sa.Text))


def _tsquery(text: str) -> sa.ColumnElement[Any]:
    return sa.func.to_tsquery(sa.literal_column("'simple'"), text)
