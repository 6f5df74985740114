"""Bulk loading: many new stories at once, written with PostgreSQL's COPY (for scale benchmarks and
initial imports). Each `Batch` holds new articles with their analyses, their assignments to new stories,
the stories and their dossiers (as `synthetic.Generator` makes them); nothing in it may be stored already
(a clash is an error, the chunk is rolled back). The rows are those `Store.write_batch` writes: story
summaries, the entity index and the full-text index included, so every read path sees the same data.

On PostgreSQL, with `rebuild_indexes` (for loads into a new or small database), the secondary indexes are
dropped first and built once at the end, then the tables analysed. On SQLite the batches go through
`write_batch`'s own path, one transaction per chunk.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from queue import Queue
from typing import Any

from corroborate.analyze import ANALYZER_VERSION
from corroborate.outlets import count_sources
from corroborate.store import framing, indexes, search, story_search
from corroborate.store.codec import analysis_row, article_row, dumps, lines, now
from corroborate.store.engine import write_tx
from corroborate.store.records import Batch
from corroborate.store.writer import _entity_rows, _place_names, apply_batch

CHUNK_ARTICLES = 20_000
ARTICLE_COLUMNS = ("id", "content_hash", "title", "url", "outlet", "authors", "published", "published_precision",
                   "lang", "lang_confidence", "text", "removed", "origin", "ingested_at")
STORY_COLUMNS = ("id", "title", "first_published", "last_published", "related", "n_articles", "n_sources",
                 "languages", "where_name", "event_type", "has_conflict", "search_text", "places_text",
                 "outlets_text", "updated_at")
ENTITY_COLUMNS = ("key", "story_id", "name", "kind", "variants", "article_ids", "search_text")
LAST_PUBLISHED = STORY_COLUMNS.index("last_published")
STAGING = "bulk_search_staging"


@dataclass
class BulkReport:
    articles: int = 0
    stories: int = 0
    load_seconds: float = 0.0  # generating and copying the rows
    index_seconds: float = 0.0  # building the indexes and analysing afterwards

    @property
    def seconds(self) -> float:
        return self.load_seconds + self.index_seconds


def _grouped(batches: Iterable[Batch], size: int) -> Iterator[list[Batch]]:
    group: list[Batch] = []
    n = 0
    for batch in batches:
        group.append(batch)
        n += len(batch.articles)
        if n >= size:
            yield group
            group, n = [], 0
    if group:
        yield group


def bulk_load(store: Any, batches: Iterable[Batch], rebuild_indexes: bool = False, chunk: int = CHUNK_ARTICLES,
              progress: Callable[[int], None] | None = None) -> BulkReport:
    """Write `batches` (new stories only) in transactions of about `chunk` articles; `progress(n)` is
    called with the number of articles written so far."""
    report = BulkReport()
    started = time.perf_counter()
    if store.dialect != "postgresql":
        for group in _grouped(batches, chunk):
            with write_tx(store.engine) as conn:
                for batch in group:
                    apply_batch(conn, batch)
            _count(report, group, progress)
        report.load_seconds = time.perf_counter() - started
        store.written()
        return report
    if rebuild_indexes:
        with write_tx(store.engine) as conn:
            indexes.drop_secondary(conn)
    raw = store.engine.raw_connection()
    try:
        pg = raw.driver_connection
        with pg.cursor() as cur:
            cur.execute("SET synchronous_commit = off")
            cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {STAGING} (article_id TEXT, title TEXT, names TEXT, "
                        "body TEXT)")
        pg.commit()
        for group, rows in _prepared(batches, chunk):
            _copy_rows(pg, rows)
            pg.commit()
            _count(report, group, progress)
        with pg.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {STAGING}")
        pg.commit()
    except BaseException:
        raw.driver_connection.rollback()
        raise
    finally:
        raw.close()
    report.load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with write_tx(store.engine) as conn:
        conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
        if rebuild_indexes:
            indexes.create_secondary(conn)
    with store.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "ANALYZE articles, analyses, stories, story_articles, dossiers, entities, framing, " + search.PG_TABLE + ", "
            + story_search.TABLE)
    report.index_seconds = time.perf_counter() - started
    store.written()
    return report


def _count(report: BulkReport, group: list[Batch], progress: Callable[[int], None] | None) -> None:
    report.articles += sum(len(b.articles) for b in group)
    report.stories += sum(len(b.stories) for b in group)
    if progress is not None:
        progress(report.articles)


def _copy(cur: Any, table: str, columns: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> None:
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _prepared(batches: Iterable[Batch], chunk: int) -> Iterator[tuple[list[Batch], dict[str, list[Any]]]]:
    """(group, its rows) made in a second thread, so that making the next chunk's rows overlaps the
    server's work on this one (psycopg releases the GIL while it waits)."""
    done = object()
    queue: Queue[Any] = Queue(maxsize=2)

    def produce() -> None:
        try:
            for group in _grouped(batches, chunk):
                queue.put((group, _rows(group)))
            queue.put(done)
        except BaseException as exc:  # handed to the consumer, raised there
            queue.put(exc)

    worker = threading.Thread(target=produce, name="bulk-rows", daemon=True)
    worker.start()
    while True:
        item = queue.get()
        if item is done:
            break
        if isinstance(item, BaseException):
            raise item
        yield item
    worker.join()


def _rows(group: list[Batch]) -> dict[str, list[Any]]:
    at = now()
    version = ANALYZER_VERSION
    articles, analyses, search_rows, stories, members, dossiers, entities = [], [], [], [], [], [], []
    framing_rows: list[tuple[Any, ...]] = []
    for batch in group:
        story_of = {a.article_id: a.story for a in batch.assignments}
        by_story: dict[str, list[Any]] = {}
        for article, analysis in batch.articles:
            row = article_row(article, at)
            articles.append(tuple(row[c] for c in ARTICLE_COLUMNS))
            if analysis is not None:
                arow = analysis_row(analysis)
                analyses.append((arow["article_id"], arow["json"], arow["embedding"], batch.analyzer_version or version))
            search_rows.append((article.id, search._words(article.title), search._words(search.names_of(analysis)),
                                search._words(article.text)))
            by_story.setdefault(story_of[article.id], []).append(article)
        members += [(a.article_id, a.story, a.score) for a in batch.assignments]
        dossier_of = {d.id: d for d in batch.dossiers}
        for story in batch.stories:
            dossier = dossier_of.get(story.id)
            arts = by_story.get(story.id, [])
            stories.append(_story_row(story, arts, dossier, at))
            if dossier is not None:
                dossiers.append((dossier.id, dumps(dossier)))
                last = stories[-1][LAST_PUBLISHED]
                entities += [(*(r[c] for c in ENTITY_COLUMNS), last) for r in _entity_rows(dossier)]
                framing_rows += framing.rows(dossier)
    return {"articles": articles, "analyses": analyses, "stories": stories, "story_articles": members,
            "dossiers": dossiers, "entities": entities, "framing": framing_rows, STAGING: search_rows}


COLUMNS = {"articles": ARTICLE_COLUMNS, "analyses": ("article_id", "json", "embedding", "analyzer_version"),
           "stories": STORY_COLUMNS, "story_articles": ("article_id", "story_id", "score"),
           "dossiers": ("story_id", "json"), "entities": (*ENTITY_COLUMNS, "last_published"),
           "framing": framing.COLUMNS,
           STAGING: ("article_id", "title", "names", "body")}


def _copy_rows(pg: Any, rows: dict[str, list[Any]]) -> None:
    with pg.cursor() as cur:
        for table, columns in COLUMNS.items():  # parents before children (foreign keys)
            _copy(cur, table, columns, rows[table])
        cur.execute(f"INSERT INTO {search.PG_TABLE} (article_id, tsv) SELECT article_id, "
                    "setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', names), 'B') "
                    f"|| to_tsvector('simple', body) FROM {STAGING}")
        cur.execute(story_search.add_articles_sql(f"SELECT article_id FROM {STAGING}"))
        cur.execute(f"TRUNCATE {STAGING}")


def _story_row(story: Any, arts: list[Any], dossier: Any, at: datetime) -> tuple[Any, ...]:
    """The story with the summary columns `writer.refresh_summaries` and `_write_dossiers` would give it."""
    published = [a.published for a in arts if a.published is not None]
    title = (dossier.title if dossier is not None and dossier.title else None) or story.title
    row = {
        "id": story.id,
        "title": title,
        "first_published": min(published) if published else story.first_published,
        "last_published": max(published) if published else story.last_published,
        "related": dumps(story.related),
        "n_articles": len(arts),
        "n_sources": count_sources((a.outlet, a.url, a.id) for a in arts),
        "languages": json.dumps(sorted({a.lang for a in arts if a.lang})),
        "where_name": dossier.event.where[0].name if dossier is not None and dossier.event.where else None,
        "event_type": dossier.event.type if dossier is not None else None,
        "has_conflict": bool(dossier.has_conflict) if dossier is not None else False,
        "search_text": lines([title, *(a.title for a in arts)]),
        "places_text": lines(_place_names(dossier)) if dossier is not None else "",
        "outlets_text": indexes.outlet_lines(a.outlet for a in arts),
        "updated_at": at,
    }
    return tuple(row[c] for c in STORY_COLUMNS)
