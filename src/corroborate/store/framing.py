"""Each article's framing item (dossier "framing") as a row of its own (schema v9), with the article's outlet.

An outlet's page shows how the outlet framed its newest stories. Reading those items out of the stories'
dossiers meant fetching and decoding a hundred dossiers per page and joining every article of those stories
to find the outlet's own: at a million stored articles most of the page's cost. The rows are written with
the dossier (`writer._write_dossiers`, the bulk loader) and go with their story (foreign key, cascade).
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from corroborate.model import Dossier
from corroborate.store import schema as t
from corroborate.store.codec import any_of, chunks, dumps

COLUMNS = ("story_id", "position", "article_id", "outlet", "json")


def rows(dossier: Dossier) -> list[tuple[Any, ...]]:
    """The dossier's framing items as rows in COLUMNS order (the outlet is the item's source: the article's)."""
    return [(dossier.id, i, item.article, item.source, dumps(item)) for i, item in enumerate(dossier.framing)]


def write(conn: sa.Connection, dossiers: list[Dossier]) -> None:
    """Replace the framing rows of `dossiers` (each story once, its latest dossier given)."""
    for part in chunks([d.id for d in dossiers]):
        conn.execute(t.framing.delete().where(t.framing.c.story_id.in_(part)))
    new = [dict(zip(COLUMNS, r, strict=True)) for d in dossiers for r in rows(d)]
    if new:
        conn.execute(t.framing.insert(), new)


def of_outlet(conn: sa.Connection, story_ids: list[str], names: list[str]) -> list[dict[str, Any]]:
    """The framing items of the articles stored under `names` in `story_ids` that are still in those
    stories, each with its "story"; in dossier order within a story."""
    f, sa_t = t.framing, t.story_articles
    dialect = conn.dialect.name
    found: list[dict[str, Any]] = []
    for part in chunks(story_ids):
        member = sa.exists().where(sa_t.c.article_id == f.c.article_id, sa_t.c.story_id == f.c.story_id)
        q = (sa.select(f.c.story_id, f.c.json)
             .where(any_of(f.c.story_id, part, dialect), any_of(f.c.outlet, names, dialect), member)
             .order_by(f.c.story_id, f.c.position))
        found += [{**json.loads(text), "story": sid} for sid, text in conn.execute(q)]
    return found


def backfill(conn: sa.Connection) -> None:
    """Fill the table from the stored dossiers (a database from before schema v9); the outlet is the stored
    article's."""
    conn.execute(t.framing.delete())
    if conn.dialect.name == "postgresql":  # in the server: a million articles' items never come to Python
        conn.exec_driver_sql(
            "INSERT INTO framing (story_id, position, article_id, outlet, json) "
            "SELECT d.story_id, i.n - 1, i.item->>'article', a.outlet, i.item::text FROM dossiers d "
            "CROSS JOIN LATERAL json_array_elements(d.json::json->'framing') WITH ORDINALITY AS i(item, n) "
            "LEFT JOIN articles a ON a.id = i.item->>'article' "
            "WHERE json_typeof(d.json::json->'framing') = 'array'")
        conn.exec_driver_sql("ANALYZE framing")
        return
    d, a = t.dossiers, t.articles
    for part in chunks(conn.execute(sa.select(d.c.story_id)).scalars().all()):
        items = []
        for sid, text in conn.execute(sa.select(d.c.story_id, d.c.json).where(d.c.story_id.in_(part))):
            framing = json.loads(text).get("framing")
            items += [(sid, i, item) for i, item in enumerate(framing if isinstance(framing, list) else [])]
        ids = list({str(item.get("article")) for _, _, item in items})
        outlet = {}
        for ids_part in chunks(ids):
            outlet.update(conn.execute(sa.select(a.c.id, a.c.outlet).where(a.c.id.in_(ids_part))).all())
        new = [dict(zip(COLUMNS, (sid, i, str(item.get("article")), outlet.get(str(item.get("article"))),
                                  json.dumps(item, ensure_ascii=False)), strict=True)) for sid, i, item in items]
        if new:
            conn.execute(t.framing.insert(), new)
