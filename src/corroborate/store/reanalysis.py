"""Store side of `reanalyze`: which analyses are older than the running analyzer, and writing new ones.

Every batch of new analyses is written together with their version and the refreshed dossiers of the
stories they belong to, in one transaction: a run killed midway leaves whole batches, and a rerun
picks up exactly the articles whose stored version is still not the new one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sqlalchemy as sa

from corroborate.model import Analysis, Dossier
from corroborate.store import schema as t
from corroborate.store.codec import analysis_row, chunks, dialect_insert, now
from corroborate.store.engine import read_tx, write_tx
from corroborate.store.store import Store
from corroborate.store.writer import _write_dossiers, refresh_summaries


def _outdated(version: str) -> sa.ColumnElement[bool]:
    v = t.analyses.c.analyzer_version
    return sa.or_(v.is_(None), v != version)


def pending_ids(store: Store, version: str, after: str | None = None, limit: int = 1000) -> list[str]:
    """Up to `limit` ids (in id order, after `after`) of articles not analysed with `version`."""
    a, an = t.articles, t.analyses
    q = (sa.select(a.c.id).select_from(a.outerjoin(an, an.c.article_id == a.c.id))
         .where(_outdated(version)).order_by(a.c.id).limit(limit))
    if after is not None:
        q = q.where(a.c.id > after)
    with read_tx(store.engine) as conn:
        return list(conn.execute(q).scalars())


def count_pending(store: Store, version: str) -> int:
    a, an = t.articles, t.analyses
    q = sa.select(sa.func.count()).select_from(a.outerjoin(an, an.c.article_id == a.c.id)).where(_outdated(version))
    with read_tx(store.engine) as conn:
        return int(conn.execute(q).scalar_one())


def count_versions(store: Store) -> dict[str | None, int]:
    """Stored analyses by analyzer version."""
    v = t.analyses.c.analyzer_version
    with read_tx(store.engine) as conn:
        return {row[0]: int(row[1]) for row in conn.execute(sa.select(v, sa.func.count()).group_by(v))}


def stories_of(store: Store, article_ids: Sequence[str]) -> dict[str, str]:
    """article id -> story id for the given articles (those in a story)."""
    sa_t = t.story_articles
    found: dict[str, str] = {}
    with read_tx(store.engine) as conn:
        for part in chunks(list(article_ids)):
            q = sa.select(sa_t.c.article_id, sa_t.c.story_id).where(sa_t.c.article_id.in_(part))
            found.update((aid, sid) for aid, sid in conn.execute(q))
    return found


def write_reanalysis(store: Store, analyses: Iterable[Analysis], dossiers: list[Dossier], version: str) -> None:
    """Replace the analyses (their stored embeddings stay unless a new one is given), mark them with
    `version`, and write the dossiers, in one transaction."""
    rows = [{**analysis_row(an), "analyzer_version": version} for an in analyses]
    at = now()
    with write_tx(store.engine) as conn:
        if rows:
            stmt = dialect_insert(conn, t.analyses)
            stmt = stmt.on_conflict_do_update(
                index_elements=[t.analyses.c.article_id],
                set_={"json": stmt.excluded.json, "analyzer_version": stmt.excluded.analyzer_version,
                      "embedding": sa.func.coalesce(stmt.excluded.embedding, t.analyses.c.embedding)},
            )
            conn.execute(stmt, rows)
        _write_dossiers(conn, dossiers, at)
        refresh_summaries(conn, sorted({d.id for d in dossiers}), at)
