"""`write_batch`: everything one ingest batch produced, applied inside the caller's transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from corroborate.analyze import ANALYZER_VERSION
from corroborate.model import Article, Dossier, Entity, Story
from corroborate.outlets import count_sources
from corroborate.store import framing, search, story_search
from corroborate.store import schema as t
from corroborate.store.codec import analysis_row, article_row, chunks, dialect_insert, dumps, fold, lines, now
from corroborate.store.errors import StoreError
from corroborate.store.indexes import outlet_lines
from corroborate.store.records import Batch


def apply_batch(conn: sa.Connection, batch: Batch) -> None:
    at = now()
    if batch.failures:
        conn.execute(t.failures.insert(), [{"origin": f.origin, "message": f.message, "at": at} for f in batch.failures])
    touched: set[str] = archive_articles(conn, batch.replaced, "updated", at)
    touched |= archive_articles(conn, batch.deleted, "deleted", at)
    offered = _insert_articles(conn, batch, at)
    insert_carriers(conn, batch.carriers, at)

    removed = set(batch.removed_stories)
    _upsert_stories(conn, batch.stories, at)
    touched.update(s.id for s in batch.stories)
    wanted = {a.story for a in batch.assignments} | {d.id for d in batch.dossiers} | set(batch.story_states)
    _ensure_stories(conn, wanted - {s.id for s in batch.stories}, at)
    touched |= wanted
    touched |= _apply_assignments(conn, batch, offered)
    _upsert_states(conn, batch.story_states)
    _write_dossiers(conn, batch.dossiers, at)
    _remove_stories(conn, removed)
    refresh_summaries(conn, sorted(touched - removed), at)


def archive_articles(conn: sa.Connection, ids: list[str], reason: str, at: datetime) -> set[str]:
    """Copy the stored articles `ids` into the article history and delete them (their analyses and story
    memberships go with them); returns the stories they were in."""
    a, h, sa_t = t.articles, t.article_history, t.story_articles
    stories: set[str] = set()
    for part in chunks(sorted(set(ids))):
        story_of = dict(conn.execute(sa.select(sa_t.c.article_id, sa_t.c.story_id).where(sa_t.c.article_id.in_(part))).all())
        versions = dict(conn.execute(sa.select(h.c.article_id, sa.func.max(h.c.version))
                                     .where(h.c.article_id.in_(part)).group_by(h.c.article_id)).all())
        columns = ("content_hash", "title", "url", "outlet", "published", "lang", "text", "ingested_at")
        rows = [
            {"article_id": r.id, **{c: getattr(r, c) for c in columns}, "version": (versions.get(r.id) or 0) + 1,
             "story_id": story_of.get(r.id), "replaced_at": at, "reason": reason}
            for r in conn.execute(sa.select(a.c.id, *(a.c[c] for c in columns)).where(a.c.id.in_(part)))
        ]
        if rows:
            conn.execute(h.insert(), rows)
        stories.update(story_of.values())
        conn.execute(sa_t.delete().where(sa_t.c.article_id.in_(part)))
        search.unindex(conn, part)
        conn.execute(t.analyses.delete().where(t.analyses.c.article_id.in_(part)))
        conn.execute(a.delete().where(a.c.id.in_(part)))
    return stories


def _insert_articles(conn: sa.Connection, batch: Batch, at: datetime) -> set[str]:
    """Insert the batch's new articles and their analyses; returns the ids of all articles offered."""
    rows: list[dict[str, Any]] = []
    analyses: dict[str, dict[str, Any]] = {}
    version = batch.analyzer_version or ANALYZER_VERSION
    seen_ids: set[str] = set()
    seen_hashes: set[str] = set()
    offered = {article.id for article, _ in batch.articles}
    for article, analysis in batch.articles:
        if not article.id:
            raise StoreError(f"article from {article.origin or 'an unnamed input'} has an empty id; "
                             "the cleaner must give every article an id (docs/design.md: id rules)")
        if article.id in seen_ids or (article.content_hash and article.content_hash in seen_hashes):
            continue  # the same article twice in one batch: keep the first
        seen_ids.add(article.id)
        if article.content_hash:
            seen_hashes.add(article.content_hash)
        rows.append(article_row(article, at))
        if analysis is not None:
            if analysis.article_id != article.id:
                raise StoreError(f"analysis for {analysis.article_id!r} was paired with article {article.id!r} "
                                 f"({article.origin or 'no origin'}); pair each article with its own analysis")
            analyses[article.id] = {**analysis_row(analysis), "analyzer_version": version}
    if not rows:
        return offered
    # ON CONFLICT DO NOTHING (no target) skips rows that clash on the id or on the content hash.
    stmt = dialect_insert(conn, t.articles).on_conflict_do_nothing().returning(t.articles.c.id)
    inserted = {r[0] for r in conn.execute(stmt, rows)}
    new = [row for aid, row in analyses.items() if aid in inserted]
    if new:
        conn.execute(dialect_insert(conn, t.analyses).on_conflict_do_nothing(), new)
    first: dict[str, tuple[Any, Any]] = {}
    for article, analysis in batch.articles:
        first.setdefault(article.id, (article, analysis))
    search.index(conn, [(a.id, a.title, a.text, search.names_of(an)) for a, an in first.values() if a.id in inserted])
    return offered


def carrier_key(copy: Article) -> str:
    """What tells one carrying outlet's copy from another: its URL, else its outlet's name, else its origin."""
    if copy.url:
        return copy.url
    if copy.outlet:
        return "outlet:" + " ".join(copy.outlet.casefold().split())
    return "origin:" + (copy.origin or copy.id)


def insert_carriers(conn: sa.Connection, carriers: list[tuple[str, Article]], at: datetime) -> None:
    """Record word-for-word copies as carried by their outlets (a copy already recorded is kept once);
    copies of articles that are not stored are skipped."""
    if not carriers:
        return
    stored: set[str] = set()
    for part in chunks(sorted({aid for aid, _ in carriers})):
        stored.update(conn.execute(sa.select(t.articles.c.id).where(t.articles.c.id.in_(part))).scalars())
    rows = {(aid, carrier_key(c)): {"article_id": aid, "carrier_key": carrier_key(c), "outlet": c.outlet, "url": c.url,
                                    "published": c.published, "origin": c.origin or "", "ingested_at": at}
            for aid, c in carriers if aid in stored}
    if rows:
        conn.execute(dialect_insert(conn, t.article_carriers).on_conflict_do_nothing(), list(rows.values()))


def _story_row(story: Story, at: datetime) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "first_published": story.first_published,
        "last_published": story.last_published,
        "related": dumps(story.related),
        "updated_at": at,
    }


def _upsert_stories(conn: sa.Connection, stories: list[Story], at: datetime) -> None:
    if not stories:
        return
    latest = {s.id: s for s in stories}  # the last version of a story in the batch wins
    stmt = dialect_insert(conn, t.stories)
    stmt = stmt.on_conflict_do_update(
        index_elements=[t.stories.c.id],
        set_={
            # a Story without a title or dates keeps the ones stored; related links are replaced
            **{c: sa.func.coalesce(stmt.excluded[c], t.stories.c[c]) for c in ("title", "first_published",
                                                                             "last_published")},
            "related": stmt.excluded.related,
            "updated_at": stmt.excluded.updated_at,
        },
    )
    conn.execute(stmt, [_story_row(s, at) for s in latest.values()])


def _ensure_stories(conn: sa.Connection, ids: Iterable[str], at: datetime) -> None:
    rows = [{"id": sid, "related": "[]", "updated_at": at} for sid in sorted(ids)]
    if rows:
        conn.execute(dialect_insert(conn, t.stories).on_conflict_do_nothing(), rows)


def _apply_assignments(conn: sa.Connection, batch: Batch, offered: set[str]) -> set[str]:
    """Apply merges and assignments; returns the stories that lost articles (their summaries change).

    Assignments of articles this batch offered but did not store (duplicates of stored content) are
    dropped; assignments of articles that were never offered nor stored are an error."""
    sa_t = t.story_articles
    losers: set[str] = set()
    for assignment in batch.assignments:
        merged = [m for m in assignment.merged if m != assignment.story]
        if merged:
            conn.execute(sa_t.update().where(sa_t.c.story_id.in_(merged)).values(story_id=assignment.story))
            losers.update(merged)
    if not batch.assignments:
        return losers
    latest = {a.article_id: a for a in batch.assignments}
    ids = sorted(latest)
    stored: set[str] = set()
    for part in chunks(ids):
        stored.update(r[0] for r in conn.execute(sa.select(t.articles.c.id).where(t.articles.c.id.in_(part))))
        losers.update(r[0] for r in conn.execute(sa.select(sa_t.c.story_id).where(sa_t.c.article_id.in_(part))))
    missing = [i for i in ids if i not in stored and i not in offered]
    if missing:
        raise StoreError(
            f"{len(missing)} assignment(s) name articles that are neither stored nor in this batch "
            f"(first: {missing[0]!r}); write the article in the same batch as its assignment"
        )
    stmt = dialect_insert(conn, sa_t)
    stmt = stmt.on_conflict_do_update(
        index_elements=[sa_t.c.article_id], set_={"story_id": stmt.excluded.story_id, "score": stmt.excluded.score}
    )
    rows = [{"article_id": a.article_id, "story_id": a.story, "score": a.score}
            for a in latest.values() if a.article_id in stored]
    if rows:
        conn.execute(stmt, rows)
    return losers


def _upsert_states(conn: sa.Connection, states: dict[str, bytes]) -> None:
    if not states:
        return
    stmt = dialect_insert(conn, t.story_states)
    stmt = stmt.on_conflict_do_update(index_elements=[t.story_states.c.story_id], set_={"state": stmt.excluded.state})
    rows = []
    for sid, state in states.items():
        if not isinstance(state, bytes | bytearray | memoryview):
            raise StoreError(f"clusterer state for story {sid!r} is a {type(state).__name__}, not bytes; "
                             "serialise it (e.g. pickle.dumps or json.dumps(...).encode()) before storing")
        rows.append({"story_id": sid, "state": bytes(state)})
    conn.execute(stmt, rows)


def _entity_rows(dossier: Dossier) -> list[dict[str, Any]]:
    """One row per entity key; entities of the dossier that share a key are merged."""
    merged: dict[str, dict[str, Any]] = {}
    for entity in dossier.entities:
        key = entity_key(entity)
        if not key:
            continue
        row = merged.setdefault(
            key, {"key": key, "story_id": dossier.id, "name": entity.name, "kind": entity.kind, "v": {}, "a": {}}
        )
        row["v"].update(dict.fromkeys([entity.name, *entity.variants]))
        row["a"].update(dict.fromkeys(entity.articles))
    return [
        {
            "key": r["key"],
            "story_id": r["story_id"],
            "name": r["name"],
            "kind": r["kind"],
            "variants": json.dumps(list(r["v"]), ensure_ascii=False),
            "article_ids": json.dumps(list(r["a"]), ensure_ascii=False),
            "search_text": lines(r["v"]),
        }
        for r in merged.values()
    ]


def entity_key(entity: Entity) -> str:
    return entity.key or fold(entity.name)


def _write_dossiers(conn: sa.Connection, dossiers: list[Dossier], at: datetime) -> None:
    """Upsert dossiers, replace their entity index rows and refresh the story columns they determine."""
    if not dossiers:
        return
    latest = list({d.id: d for d in dossiers}.values())
    stmt = dialect_insert(conn, t.dossiers)
    stmt = stmt.on_conflict_do_update(index_elements=[t.dossiers.c.story_id], set_={"json": stmt.excluded.json})
    conn.execute(stmt, [{"story_id": d.id, "json": dumps(d)} for d in latest])
    ids = [d.id for d in latest]
    for part in chunks(ids):
        conn.execute(t.entities.delete().where(t.entities.c.story_id.in_(part)))
    rows = [row for d in latest for row in _entity_rows(d)]
    if rows:
        conn.execute(t.entities.insert(), rows)
    framing.write(conn, latest)
    s = t.stories
    conn.execute(
        s.update()
        .where(s.c.id == sa.bindparam("b_id"))
        .values(
            where_name=sa.bindparam("b_where"),
            event_type=sa.bindparam("b_type"),
            has_conflict=sa.bindparam("b_conflict"),
            places_text=sa.bindparam("b_places"),
            # the dossier's title is the story's everywhere (list, show, web): one title per story
            title=sa.func.coalesce(sa.bindparam("b_title", type_=s.c.title.type), s.c.title),
            updated_at=sa.bindparam("b_at", type_=s.c.updated_at.type),
        ),
        [
            {
                "b_id": d.id,
                "b_where": d.event.where[0].name if d.event.where else None,
                "b_type": d.event.type,
                "b_conflict": d.has_conflict,
                "b_places": lines(_place_names(d)),
                "b_title": d.title,
                "b_at": at,
            }
            for d in latest
        ],
    )


def _place_names(dossier: Dossier) -> list[str]:
    names = [w.name for w in dossier.event.where]
    for entity in dossier.entities:
        if entity.kind == "place":
            names.extend([entity.name, *entity.variants])
    return names


def _remove_stories(conn: sa.Connection, removed: set[str]) -> None:
    if not removed:
        return
    ids = sorted(removed)
    sa_t = t.story_articles
    left = conn.execute(
        sa.select(sa_t.c.story_id, sa.func.count()).where(sa_t.c.story_id.in_(ids)).group_by(sa_t.c.story_id)
    ).all()
    if left:
        sid, n = left[0]
        raise StoreError(
            f"removed story {sid!r} still has {n} article(s); assign them to the surviving story in the same "
            "batch (Assignment.story, or list the story in Assignment.merged)"
        )
    conn.execute(t.stories.delete().where(t.stories.c.id.in_(ids)))


def refresh_summaries(conn: sa.Connection, story_ids: list[str], at: datetime) -> None:
    """Recompute n_articles, n_sources, languages, published span and search text from the articles."""
    if not story_ids:
        return
    a, sa_t, s = t.articles, t.story_articles, t.stories
    agg: dict[str, dict[str, Any]] = {
        sid: {"n": 0, "outlets": set(), "langs": set(), "first": None, "last": None, "titles": []}
        for sid in story_ids
    }
    own_titles: dict[str, str | None] = {}
    for part in chunks(story_ids):
        q = (
            sa.select(sa_t.c.story_id, a.c.title, a.c.outlet, a.c.lang, a.c.published, a.c.url, a.c.id)
            .join(a, a.c.id == sa_t.c.article_id)
            .where(sa_t.c.story_id.in_(part))
        )
        for sid, title, outlet, lang, published, url, aid in conn.execute(q):
            g = agg[sid]
            g["n"] += 1
            g["outlets"].add((outlet, url, aid))
            if lang:
                g["langs"].add(lang)
            if title:
                g["titles"].append(title)
            if published is not None:
                g["first"] = published if g["first"] is None else min(g["first"], published)
                g["last"] = published if g["last"] is None else max(g["last"], published)
        own_titles.update(conn.execute(sa.select(s.c.id, s.c.title).where(s.c.id.in_(part))).all())
    updates = []
    for sid, g in agg.items():
        row: dict[str, Any] = {
            "b_id": sid,
            "n_articles": g["n"],
            "n_sources": count_sources(g["outlets"]),
            "languages": json.dumps(sorted(g["langs"])),
            "search_text": lines([own_titles.get(sid), *g["titles"]]),
            "outlets_text": outlet_lines(o for o, _, _ in g["outlets"]),
            "updated_at": at,
        }
        updates.append(row)
    stmt = (
        s.update()
        .where(s.c.id == sa.bindparam("b_id"))
        .values(
            n_articles=sa.bindparam("n_articles"),
            n_sources=sa.bindparam("n_sources"),
            languages=sa.bindparam("languages"),
            search_text=sa.bindparam("search_text"),
            outlets_text=sa.bindparam("outlets_text"),
            updated_at=sa.bindparam("updated_at"),
        )
    )
    conn.execute(stmt, updates)
    story_search.refresh(conn, story_ids)
    spans = [
        {"b_id": sid, "b_first": g["first"], "b_last": g["last"]} for sid, g in agg.items() if g["first"] is not None
    ]
    if spans:
        conn.execute(
            s.update()
            .where(s.c.id == sa.bindparam("b_id"))
            .values(first_published=sa.bindparam("b_first", type_=s.c.first_published.type),
                    last_published=sa.bindparam("b_last", type_=s.c.last_published.type)),
            spans,
        )
    copy_recency(conn, story_ids)


def copy_recency(conn: sa.Connection, story_ids: list[str] | None = None) -> None:
    """entities.last_published from their stories (of `story_ids`, or all): an entity's newest stories are
    then one range of its index."""
    e, s = t.entities, t.stories
    newest = sa.select(s.c.last_published).where(s.c.id == e.c.story_id).scalar_subquery()
    if story_ids is None:
        conn.execute(e.update().values(last_published=newest))
        return
    for part in chunks(story_ids):
        conn.execute(e.update().where(e.c.story_id.in_(part)).values(last_published=newest))
