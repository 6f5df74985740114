"""`Store`: the one object the pipeline, CLI and web app use to read and write a database."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from time import monotonic
from types import TracebackType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from corroborate.model import Analysis, Article, Carrier, Dossier, ReadError, RelatedLink, Story, from_json
from corroborate.outlets import corpus_identities, display_rank
from corroborate.store import browse, migrations, stories
from corroborate.store import schema as t
from corroborate.store.codec import CHUNK, any_of, chunks, load_as, loads, now, row_analysis, row_article
from corroborate.store.engine import make_engine, read_tx, write_tx
from corroborate.store.errors import StoreError
from corroborate.store.outlet_index import SYNC_SECONDS, OutletCache, OutletIndex
from corroborate.store.records import Batch, StoryQuery, StorySummary
from corroborate.store.url import resolve_db_url
from corroborate.store.writer import apply_batch

COUNT_BY = {"lang": t.articles.c.lang, "outlet": t.articles.c.outlet, "story": t.story_articles.c.story_id}


OUTLET_CACHE_SECONDS = 30.0
"""How long outlet identities read from the corpus are trusted before another process's writes are looked for."""
OUTLET_HOSTS_SECONDS = 600.0
"""How long the URL hosts of the outlets (a pass over every article) are reused by the background re-reading
of a large corpus's outlets: a new outlet name's hosts are read at once, a known name's new site after this."""


class Store:
    """A Corroborate database (SQLite file or PostgreSQL). Opening creates or upgrades the schema.

    Thread-safe for readers (one pooled connection per call); `write_batch` is one transaction.
    """

    def __init__(self, db: str | None = None) -> None:
        self.url: str = resolve_db_url(db)
        self.dialect: str = "postgresql" if self.url.startswith("postgresql") else "sqlite"
        self._check_sqlite_path()
        # outlet identities and article counts by stored name, rebuilt in the background: see outlet_identities
        self._outlets = OutletCache(self._read_outlet_index, OUTLET_CACHE_SECONDS)
        self.engine: sa.Engine = make_engine(self.url)
        try:
            with read_tx(self.engine) as conn:
                up_to_date = migrations.current_version(conn) == migrations.SCHEMA_VERSION
            if not up_to_date:  # only then take the write lock (readers of a live database never do)
                with write_tx(self.engine) as conn:
                    migrations.migrate(conn)
        except sa.exc.DatabaseError as exc:
            self.engine.dispose()
            shown = make_url(self.url).render_as_string(hide_password=True)
            raise StoreError(
                f"cannot open the database {shown}: {exc.orig or exc}. Check that it is a Corroborate "
                "database (or a new file) and that the server is reachable"
            ) from exc

    def _check_sqlite_path(self) -> None:
        if self.dialect != "sqlite":
            return
        database = make_url(self.url).database
        if database and database != ":memory:" and not Path(database).parent.is_dir():
            raise StoreError(f"cannot create the database {database}: the folder {Path(database).parent} does "
                             "not exist; create it first or pass another --db")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({make_url(self.url).render_as_string(hide_password=True)!r})"

    # ------------------------------------------------------------------ ingest side

    def _known(self, column: sa.Column[Any], values: Iterable[str]) -> set[str]:
        wanted = sorted({v for v in values if v})
        found: set[str] = set()
        with read_tx(self.engine) as conn:
            for part in chunks(wanted):
                found.update(r[0] for r in conn.execute(sa.select(column).where(column.in_(part))))
        return found

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among `hashes` that are already stored."""
        return self._known(t.articles.c.content_hash, hashes)

    def hash_owners(self, hashes: Iterable[str]) -> dict[str, tuple[str, str | None, str | None]]:
        """content hash -> (article id, outlet, url) of the stored article with that text, for `hashes`."""
        wanted = sorted({h for h in hashes if h})
        a = t.articles
        found: dict[str, tuple[str, str | None, str | None]] = {}
        with read_tx(self.engine) as conn:
            for part in chunks(wanted):
                q = sa.select(a.c.content_hash, a.c.id, a.c.outlet, a.c.url).where(a.c.content_hash.in_(part))
                found.update((h, (aid, outlet, url)) for h, aid, outlet, url in conn.execute(q))
        return found

    def carriers_of(self, article_ids: Iterable[str]) -> dict[str, list[Carrier]]:
        """article id -> the other outlets that carried its text word for word (by published, outlet);
        articles without carriers are left out."""
        c = t.article_carriers
        found: dict[str, list[Carrier]] = {}
        for part in chunks(sorted(set(article_ids))):
            with read_tx(self.engine) as conn:
                q = (sa.select(c.c.article_id, c.c.outlet, c.c.url, c.c.published).where(c.c.article_id.in_(part))
                     .order_by(c.c.article_id, c.c.published.asc().nulls_last(), c.c.outlet, c.c.carrier_key))
                for aid, outlet, url, published in conn.execute(q):
                    found.setdefault(aid, []).append(Carrier(outlet, url, published))
        return found

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The article ids among `ids` that are already stored."""
        return self._known(t.articles.c.id, ids)

    def write_batch(self, batch: Batch, before: Callable[[sa.Connection], None] | None = None) -> None:
        """Write everything in `batch` in one transaction: all of it or (on any error) none of it.
        `before(conn)` runs first inside that transaction (it still sees the previous state)."""
        with write_tx(self.engine) as conn:
            if before is not None:
                before(conn)
            apply_batch(conn, batch)
        self.written()

    def written(self) -> None:
        """Forget what is cached about the corpus (outlet identities): this process has just changed it."""
        self._outlets.stale()

    # ------------------------------------------------------------------ articles

    def get_article(self, article_id: str) -> Article | None:
        with read_tx(self.engine) as conn:
            row = conn.execute(sa.select(t.articles).where(t.articles.c.id == article_id)).mappings().first()
        return row_article(row) if row else None

    def get_articles(self, article_ids: Iterable[str], with_text: bool = True) -> dict[str, Article]:
        """The stored articles among `article_ids` by id (unknown ids left out), read in chunks; without
        `with_text`, their text (and removed boilerplate) is not read and left empty."""
        found: dict[str, Article] = {}
        a = t.articles
        columns = list(a.c) if with_text else [c for c in a.c if c.name not in ("text", "removed")]
        for part in chunks(list(dict.fromkeys(article_ids)), CHUNK):
            with read_tx(self.engine) as conn:
                rows = conn.execute(sa.select(*columns).where(any_of(a.c.id, part, self.dialect))).mappings()
                found.update((r["id"], row_article(r, with_text=with_text)) for r in rows)
        return found

    def get_analysis(self, article_id: str) -> Analysis | None:
        with read_tx(self.engine) as conn:
            row = conn.execute(
                sa.select(t.analyses.c.json, t.analyses.c.embedding).where(t.analyses.c.article_id == article_id)
            ).first()
        return row_analysis(*row) if row is not None else None

    def iter_articles(
        self, story: str | None = None, lang: str | None = None, outlet: str | None = None, with_text: bool = True
    ) -> Iterator[Article]:
        """Articles in stable order (published, nulls last, then id), read in chunks (no long transaction)."""
        a = t.articles
        q = sa.select(a.c.id)
        if story is not None:
            q = q.join(t.story_articles, t.story_articles.c.article_id == a.c.id).where(
                t.story_articles.c.story_id == story
            )
        if lang is not None:
            q = q.where(a.c.lang == lang)
        if outlet is not None:
            q = q.where(a.c.outlet.in_(self.outlet_names(outlet)))
        q = q.order_by(a.c.published.asc().nulls_last(), a.c.id)
        columns = list(a.c) if with_text else [c for c in a.c if c.name not in ("text", "removed")]
        with read_tx(self.engine) as conn:
            ids = list(conn.execute(q).scalars())
        for part in chunks(ids, CHUNK):
            with read_tx(self.engine) as conn:
                rows = {r["id"]: r for r in conn.execute(sa.select(*columns).where(a.c.id.in_(part))).mappings()}
            for aid in part:
                if aid in rows:  # skip an article deleted since the id list was read
                    yield row_article(rows[aid], with_text=with_text)

    def iter_analyses(self, article_ids: Iterable[str] | None = None) -> Iterator[Analysis]:
        """Analyses of `article_ids` (in that order; unknown ids skipped), or of all articles by id."""
        an = t.analyses
        if article_ids is None:
            with read_tx(self.engine) as conn:
                ids = list(conn.execute(sa.select(an.c.article_id).order_by(an.c.article_id)).scalars())
        else:
            ids = list(dict.fromkeys(article_ids))
        for part in chunks(ids, CHUNK):
            with read_tx(self.engine) as conn:
                q = sa.select(an.c.article_id, an.c.json, an.c.embedding).where(an.c.article_id.in_(part))
                found = {aid: (text, emb) for aid, text, emb in conn.execute(q)}
            for aid in part:
                if aid in found:
                    yield row_analysis(*found[aid])

    def article_history(self, article_id: str) -> list[dict[str, Any]]:
        """Former versions of the article, oldest first: {"version", "content_hash", "title", "story",
        "replaced_at", "reason"} (reason "updated" or "deleted"); [] when it never changed."""
        h = t.article_history
        q = (sa.select(h.c.version, h.c.content_hash, h.c.title, h.c.story_id, h.c.replaced_at, h.c.reason)
             .where(h.c.article_id == article_id).order_by(h.c.version))
        with read_tx(self.engine) as conn:
            return [{"version": r.version, "content_hash": r.content_hash, "title": r.title, "story": r.story_id,
                     "replaced_at": r.replaced_at, "reason": r.reason} for r in conn.execute(q)]

    def article_story(self, article_id: str) -> str | None:
        sa_t = t.story_articles
        with read_tx(self.engine) as conn:
            return conn.execute(sa.select(sa_t.c.story_id).where(sa_t.c.article_id == article_id)).scalar_one_or_none()

    def article_stories(self) -> dict[str, str]:
        """Article id -> story id for every assigned article."""
        sa_t = t.story_articles
        with read_tx(self.engine) as conn:
            return dict(conn.execute(sa.select(sa_t.c.article_id, sa_t.c.story_id)).all())

    def count_articles(self) -> int:
        with read_tx(self.engine) as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(t.articles)).scalar_one())

    def counts(self, by: str, merged: bool = True) -> dict[str, int]:
        """Article counts by "lang", "outlet" or "story"; articles without a value count under "". By
        outlet, the names of one outlet (feed title, domain) count together under its shown name unless
        `merged` is False."""
        if by not in COUNT_BY:
            raise ValueError(f"cannot count articles by {by!r}; use one of {', '.join(COUNT_BY)}")
        column = COUNT_BY[by]
        q = sa.select(column, sa.func.count()).group_by(column).order_by(sa.func.count().desc(), column)
        with read_tx(self.engine) as conn:
            found = {(k or ""): int(n) for k, n in conn.execute(q)}
        if by != "outlet" or not merged:
            return found
        identities, by_name = self._outlet_corpus()  # one outlet under its shown name, from the cached corpus
        return _merged_outlet_counts(identities, {n: c for n, c in by_name.items() if n}, found.get("", 0))

    # ------------------------------------------------------------------ stories

    def get_story(self, story_id: str) -> Story | None:
        s = t.stories
        with read_tx(self.engine) as conn:
            row = conn.execute(sa.select(s).where(s.c.id == story_id)).mappings().first()
            if row is None:
                return None
            ids = self._story_article_ids(conn, story_id)
        return Story(
            id=row["id"],
            article_ids=ids,
            title=row["title"],
            first_published=row["first_published"],
            last_published=row["last_published"],
            related=[from_json(RelatedLink, r) for r in loads(row["related"], [])],
        )

    @staticmethod
    def _story_article_ids(conn: sa.Connection, story_id: str) -> list[str]:
        a, sa_t = t.articles, t.story_articles
        q = (
            sa.select(sa_t.c.article_id)
            .join(a, a.c.id == sa_t.c.article_id)
            .where(sa_t.c.story_id == story_id)
            .order_by(a.c.published.asc().nulls_last(), a.c.id)
        )
        return list(conn.execute(q).scalars())

    def story_article_ids(self, story_id: str) -> list[str]:
        """Ids of the story's articles in (published, id) order; [] for an unknown story."""
        with read_tx(self.engine) as conn:
            return self._story_article_ids(conn, story_id)

    def list_stories(self, query: StoryQuery | None = None) -> tuple[list[StorySummary], int]:
        """One page of stories matching `query`, and the total number that match (with
        `query.count_limit` set: at most `count_limit + 1`, which means "more than `count_limit`")."""
        with read_tx(self.engine) as conn:
            query = query or StoryQuery()
            return stories.list_stories(conn, query, self.outlet_names(query.outlet) if query.outlet else None)

    def load_story_states(self) -> Iterator[tuple[str, bytes]]:
        """(story id, state) for every story the clusterer saved state for, by story id."""
        st = t.story_states
        with read_tx(self.engine) as conn:
            ids = list(conn.execute(sa.select(st.c.story_id).order_by(st.c.story_id)).scalars())
        for part in chunks(ids, CHUNK):
            with read_tx(self.engine) as conn:
                rows = conn.execute(
                    sa.select(st.c.story_id, st.c.state).where(st.c.story_id.in_(part)).order_by(st.c.story_id)
                ).all()
            for sid, state in rows:
                yield sid, bytes(state)

    # ------------------------------------------------------------------ dossiers

    def get_dossier(self, story_id: str) -> Dossier | None:
        text = self.dossier_text(story_id)
        return load_as(Dossier, text) if text is not None else None

    def dossier_text(self, story_id: str) -> str | None:
        """The stored dossier as JSON text (the docs/design.md schema), undecoded; None when there is none."""
        d = t.dossiers
        with read_tx(self.engine) as conn:
            return conn.execute(sa.select(d.c.json).where(d.c.story_id == story_id)).scalar_one_or_none()

    def story_updated_at(self, story_id: str) -> datetime | None:
        """When the story was last written (new article, merge or dossier); None when there is no such story.
        One primary-key read: a cheap version stamp for caches."""
        s = t.stories
        with read_tx(self.engine) as conn:
            row = conn.execute(sa.select(s.c.updated_at).where(s.c.id == story_id)).first()
        return None if row is None else row[0]

    def iter_dossiers(self) -> Iterator[Dossier]:
        """Every dossier, most recent story first (the order of `list_stories`)."""
        s, d = t.stories, t.dossiers
        with read_tx(self.engine) as conn:
            ids = list(conn.execute(sa.select(d.c.story_id).join(s, s.c.id == d.c.story_id)
                                    .order_by(*stories.story_order("recent"))).scalars())
        for part in chunks(ids, 100):
            with read_tx(self.engine) as conn:
                found = dict(conn.execute(sa.select(d.c.story_id, d.c.json).where(d.c.story_id.in_(part))).all())
            for sid in part:
                if sid in found:
                    yield load_as(Dossier, found[sid])

    # ------------------------------------------------------------------ entities / outlets

    def entity(self, key: str, limit: int | None = None) -> dict[str, Any] | None:
        """{"key","name","kind","variants","stories","articles","n_stories"} merged over every story (with
        `limit`: over its `limit` newest stories; "n_stories" counts all), or None."""
        with read_tx(self.engine) as conn:
            return browse.entity(conn, key, limit)

    def search_entities(self, text: str, limit: int = 20) -> list[dict[str, Any]]:
        """Entities whose name or a variant contains `text` (case-insensitive), in `entity()`'s shape."""
        with read_tx(self.engine) as conn:
            return browse.search_entities(conn, text, limit)

    def search_articles(self, text: str, limit: int = 50) -> list[dict[str, Any]]:
        """Articles containing every word of `text` in title, text or entity names (full-text index; case
        and diacritics ignored), newest first: [{"id","title","source","lang","published","url","story"}]."""
        with read_tx(self.engine) as conn:
            return browse.search_articles(conn, text, limit)

    def story_summaries(self, story_ids: Iterable[str]) -> list[StorySummary]:
        """Summaries of the stories among `story_ids` that exist, most recent first."""
        ids = list(dict.fromkeys(story_ids))
        found: list[StorySummary] = []
        with read_tx(self.engine) as conn:
            for part in chunks(ids):
                rows = conn.execute(sa.select(*stories.SUMMARY_COLUMNS)
                                    .where(any_of(t.stories.c.id, part, self.dialect))).mappings()
                found += [stories.row_summary(r) for r in rows]
        found.sort(key=lambda s: (s.last_published is None, -(s.last_published.timestamp() if s.last_published else 0), s.id))
        return found

    def outlet(self, name: str, limit: int = 100) -> dict[str, Any] | None:
        """{"name","articles","languages","stories":[StorySummary] (newest `limit`),"framing":[...]}."""
        with read_tx(self.engine) as conn:
            return browse.outlet(conn, self.outlet_display(name), limit, self.outlet_names(name))

    def outlet_identities(self) -> dict[str, str]:
        """Stored outlet name -> outlet identity over the corpus (a feed title and its site's domain are one
        outlet; outlets.corpus_identities). Cached (store/outlet_index.py): built once, then rebuilt in a
        background thread once OUTLET_CACHE_SECONDS old (and the corpus changed), requests never wait on
        it; this process's writes are seen at once while a build is cheap, else after the background rebuild
        they start (reading every outlet name and host takes seconds at a million articles)."""
        return self._outlets.get().identities

    def _outlet_corpus(self) -> tuple[dict[str, str], dict[str, int]]:
        index = self._outlets.get()
        return index.identities, index.counts

    def _read_outlet_index(self, previous_stamp: Hashable, previous: OutletIndex | None
                           ) -> tuple[Hashable, OutletIndex | None]:
        """The outlet index read again: the article counts by outlet and language (one pass over an index)
        every time; the URL hosts of every named outlet (a pass over every article) when OUTLET_HOSTS_SECONDS
        old or cheap to read, else only those of outlet names not seen before."""
        with read_tx(self.engine) as conn:
            stamp = browse.corpus_stamp(conn)
            if previous_stamp is not None and stamp == previous_stamp:
                return stamp, None
            names: dict[str, int] = {}
            langs: dict[str, int] = {}
            for (name, lang), n in browse.outlet_lang_counts(conn).items():
                names[name or ""] = names.get(name or "", 0) + n
                langs[lang or ""] = langs.get(lang or "", 0) + n
            stored = {name: n for name, n in names.items() if name}
            at, took = previous.hosts_read if previous is not None else (0.0, 0.0)
            if previous is None or took < SYNC_SECONDS or monotonic() - at > OUTLET_HOSTS_SECONDS:
                started = monotonic()
                hosts = browse.outlet_hosts(conn)
                at, took = started, monotonic() - started
            else:
                new = [name for name in stored if name not in previous.counts]
                hosts = [(n, h) for n, h in previous.hosts if n in stored] + (browse.outlet_hosts(conn, new) if new else [])
        return stamp, OutletIndex(corpus_identities(stored, hosts), names, hosts, langs, (at, took))

    def cached_counts(self, by: str) -> dict[str, int]:
        """`counts(by)` ("lang" or "outlet", merged) from the outlet index: no pass over the articles, as
        fresh as `outlet_identities` (the web app's facets)."""
        index = self._outlets.get()
        if by == "lang":
            return dict(sorted(index.lang_counts.items(), key=lambda kv: (-kv[1], kv[0])))
        if by != "outlet":
            raise ValueError(f"cannot count articles by {by!r} from the cache; use lang or outlet")
        return _merged_outlet_counts(index.identities, {n: c for n, c in index.counts.items() if n},
                                     index.counts.get("", 0))

    def outlet_names(self, name: str) -> list[str]:
        """Every stored spelling of the outlet `name` stands for (its feed title, its domain, ...); [name]
        when no stored outlet matches."""
        return self._outlets.get().names(name)

    def outlet_display(self, name: str) -> str:
        """The name an outlet is shown under: its most used stored name that is not a domain."""
        return self._outlets.get().display(name)

    def list_outlets(self) -> list[dict[str, Any]]:
        with read_tx(self.engine) as conn:
            return browse.list_outlets(conn, self.outlet_identities())

    # ------------------------------------------------------------------ failures

    def record_failures(self, failures: Iterable[ReadError]) -> None:
        rows = [{"origin": f.origin, "message": f.message, "at": now()} for f in failures]
        if rows:
            with write_tx(self.engine) as conn:
                conn.execute(t.failures.insert(), rows)

    def failures(self) -> list[ReadError]:
        f = t.failures
        with read_tx(self.engine) as conn:
            rows = conn.execute(sa.select(f.c.origin, f.c.message).order_by(f.c.id)).all()
        return [ReadError(origin=o, message=m) for o, m in rows]


def _merged_outlet_counts(identities: dict[str, str], by_name: dict[str, int], unnamed: int) -> dict[str, int]:
    """Article counts by outlet, the stored names of one outlet together under its shown name; articles
    without an outlet under "" (when there are any); most articles first."""
    groups: dict[str, list[str]] = {}
    for name in by_name:
        groups.setdefault(identities.get(name, "raw:" + name), []).append(name)
    out: dict[str, int] = {}
    for names in groups.values():
        shown = min(names, key=lambda n: display_rank(n, by_name[n]))
        out[shown] = sum(by_name[n] for n in names)
    if unnamed:
        out[""] = unnamed
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))
