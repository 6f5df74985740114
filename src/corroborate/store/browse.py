"""Entity and outlet views for the web app, built from the entity index and the dossiers."""

from __future__ import annotations

from collections import Counter
from typing import Any

import sqlalchemy as sa

from corroborate.outlets import display_rank
from corroborate.store import framing as outlet_framing
from corroborate.store import schema as t
from corroborate.store import search
from corroborate.store.codec import any_of, chunks, like_escape, loads, search_fold
from corroborate.store.records import StoryQuery
from corroborate.store.stories import SUMMARY_COLUMNS, row_summary, story_filters, story_order

FEW_MATCHES = 5000  # below this many matching rows a search reads them all (see search_articles)


def _merge_entity_rows(key: str, rows: list[Any]) -> dict[str, Any]:
    names: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    variants: dict[str, None] = {}
    articles: dict[str, None] = {}
    story_ids: dict[str, None] = {}
    for row in rows:
        names[row.name] += 1
        kinds[row.kind] += 1
        variants.update(dict.fromkeys(loads(row.variants, [])))
        articles.update(dict.fromkeys(loads(row.article_ids, [])))
        story_ids[row.story_id] = None
    return {
        "key": key,
        "name": names.most_common(1)[0][0],
        "kind": kinds.most_common(1)[0][0],
        "variants": list(variants),
        "stories": list(story_ids),
        "articles": list(articles),
    }


def entity(conn: sa.Connection, key: str, limit: int | None = None) -> dict[str, Any] | None:
    """The entity merged over its stories, newest first; with `limit`, over its `limit` newest stories
    only (its name, spellings and articles are those stories'); "n_stories" counts them all."""
    e = t.entities
    n_stories = conn.execute(sa.select(sa.func.count()).where(e.c.key == key)).scalar_one()
    if n_stories == 0:
        return None
    # entities.last_published is its story's (writer.copy_recency): the newest stories are one index range
    q = sa.select(e).where(e.c.key == key).order_by(e.c.last_published.desc().nulls_last(), e.c.story_id)
    rows = conn.execute(q if limit is None else q.limit(limit)).all()
    if not rows:
        return None
    merged = _merge_entity_rows(key, rows)
    merged["n_stories"] = n_stories
    return merged


def search_entities(conn: sa.Connection, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Entities with a name or variant containing `text` (case-insensitive), most stories first."""
    needle = search_fold(text)
    if not needle or limit <= 0:
        return []
    e = t.entities
    match = sa.or_(e.c.search_text.like(f"%{like_escape(needle)}%", escape="\\"), e.c.key == text)
    n_stories = sa.func.count(e.c.story_id)
    keys = [
        r[0]
        for r in conn.execute(
            sa.select(e.c.key).where(match).group_by(e.c.key).order_by(n_stories.desc(), e.c.key).limit(limit)
        )
    ]
    found: dict[str, list[Any]] = {k: [] for k in keys}
    for part in chunks(keys):
        for row in conn.execute(sa.select(e).where(e.c.key.in_(part)).order_by(e.c.story_id)):
            found[row.key].append(row)
    return [_merge_entity_rows(k, rows) for k, rows in found.items()]


def corpus_stamp(conn: sa.Connection) -> tuple[Any, ...]:
    """Something that changes whenever the articles change, cheap to read: PostgreSQL's statistics counters
    of inserted, updated and deleted rows of `articles` (they lag a commit by a second or so; counting a
    million rows takes a second), else the article count and the latest ingest time."""
    if conn.dialect.name == "postgresql" and conn.exec_driver_sql("SHOW track_counts").scalar_one() == "on":
        row = conn.exec_driver_sql("SELECT n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables "
                                   "WHERE relid = 'articles'::regclass").first()
        if row is not None:
            return ("stats", *row)
    a = t.articles
    return ("count", *conn.execute(sa.select(sa.func.count(), sa.func.max(a.c.ingested_at))).one())


def outlet_lang_counts(conn: sa.Connection) -> dict[tuple[str | None, str | None], int]:
    """Article counts by (stored outlet, language), every article counted (one pass over an index)."""
    a = t.articles
    q = sa.select(a.c.outlet, a.c.lang, sa.func.count()).group_by(a.c.outlet, a.c.lang)
    return {(outlet, lang): int(n) for outlet, lang, n in conn.execute(q)}


def outlet_hosts(conn: sa.Connection, names: list[str] | None = None) -> list[tuple[str, str]]:
    """(stored outlet name, URL host) of the articles of named outlets, distinct (the host cut from the URL
    in SQL); of the outlets `names` only when given (a pass over every article otherwise)."""
    a = t.articles
    position = sa.func.strpos if conn.dialect.name == "postgresql" else sa.func.instr
    rest = sa.func.substr(a.c.url, position(a.c.url, "://") + 3)
    host = sa.func.substr(rest, 1, position(rest.concat("/"), "/") - 1)
    which = a.c.outlet.is_not(None) if names is None else any_of(a.c.outlet, names, conn.dialect.name)
    hosts = conn.execute(sa.select(a.c.outlet, host).distinct().where(which, a.c.url.like("%://%"))).all()
    return [(n, h) for n, h in hosts if n and h]


def outlet(conn: sa.Connection, name: str, limit: int = 100, names: list[str] | None = None
           ) -> dict[str, Any] | None:
    """The outlet `name` (shown under that name) over its articles stored under any of `names` (its
    spellings: feed title, domain; default just `name`): article count and languages (counted by the
    index on outlet), its newest `limit` stories, and the framing of its articles in those stories."""
    a = t.articles
    names = names or [name]
    by_lang: Counter[str | None] = Counter()
    stored_names: set[str] = set()
    for stored_name, lang, n in conn.execute(  # one pass over the outlet's (outlet, lang) index entries
            sa.select(a.c.outlet, a.c.lang, sa.func.count()).where(a.c.outlet.in_(names)).group_by(a.c.outlet, a.c.lang)):
        by_lang[lang] += n
        stored_names.add(stored_name)
    if not by_lang:
        return None
    languages = sorted(by_lang.items(), key=lambda kv: (-kv[1], kv[0] or ""))
    stored = sorted(stored_names)
    # the story list's outlet filter (the stories' own outlet lines, trigram-indexed): no join of articles
    where = story_filters(StoryQuery(outlet=name), conn.dialect.name, names)
    stories_q = sa.select(*SUMMARY_COLUMNS).where(*where).order_by(*story_order("recent")).limit(limit)
    summaries = [row_summary(r) for r in conn.execute(stories_q).mappings()]
    framing = outlet_framing.of_outlet(conn, [s.id for s in summaries], names)
    order = {s.id: i for i, s in enumerate(summaries)}
    framing.sort(key=lambda f: order[f["story"]])
    return {
        "name": name,
        "names": stored,  # every stored spelling of the outlet
        "articles": sum(n for _, n in languages),
        "languages": [lang for lang, _ in languages if lang],
        "stories": summaries,
        "framing": framing,
    }


def list_outlets(conn: sa.Connection, identities: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """[{"name", "articles", "stories", "languages", "names"}] for every named outlet, most articles first;
    with `identities` (Store.outlet_identities), the names of one outlet (feed title, domain) are one row, under
    its most used name that is not a domain ("names": every stored spelling)."""
    a, sa_t = t.articles, t.story_articles
    q = (
        sa.select(
            a.c.outlet,
            sa.func.count(a.c.id).label("n"),
            sa.func.count(sa.distinct(sa_t.c.story_id)).label("n_stories"),
        )
        .select_from(a.outerjoin(sa_t, sa_t.c.article_id == a.c.id))
        .where(a.c.outlet.is_not(None))
        .group_by(a.c.outlet)
        .order_by(sa.desc("n"), a.c.outlet)
    )
    out = {r.outlet: {"name": r.outlet, "articles": r.n, "stories": r.n_stories, "languages": []} for r in conn.execute(q)}
    langs = (
        sa.select(a.c.outlet, a.c.lang, sa.func.count())
        .where(a.c.outlet.is_not(None), a.c.lang.is_not(None))
        .group_by(a.c.outlet, a.c.lang)
        .order_by(a.c.outlet, sa.func.count().desc(), a.c.lang)
    )
    lang_counts: dict[str, Counter[str]] = {}
    for name, lang, n in conn.execute(langs):
        out[name]["languages"].append(lang)
        lang_counts.setdefault(name, Counter())[lang] += n
    if identities is None:
        return [{**row, "names": [row["name"]]} for row in out.values()]
    return _merge_outlets(conn, list(out.values()), lang_counts, identities)


def _merge_outlets(conn: sa.Connection, rows: list[dict[str, Any]], lang_counts: dict[str, Counter[str]],
                   identities: dict[str, str]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(identities.get(row["name"], "raw:" + row["name"]), []).append(row)
    merged = []
    for group in groups.values():
        group.sort(key=lambda r: display_rank(r["name"], r["articles"]))
        names = [r["name"] for r in group]
        langs: Counter[str] = Counter()
        for name in names:
            langs.update(lang_counts.get(name, {}))
        stories = group[0]["stories"]
        if len(group) > 1:
            sa_t, a = t.story_articles, t.articles
            stories = int(conn.execute(sa.select(sa.func.count(sa.distinct(sa_t.c.story_id)))
                                       .join(a, a.c.id == sa_t.c.article_id).where(a.c.outlet.in_(names))).scalar_one())
        merged.append({"name": names[0], "articles": sum(r["articles"] for r in group), "stories": stories,
                       "languages": [lang for lang, _ in sorted(langs.items(), key=lambda kv: (-kv[1], kv[0]))],
                       "names": names})
    merged.sort(key=lambda r: (-r["articles"], r["name"]))
    return merged


def search_articles(conn: sa.Connection, text: str, limit: int = 50) -> list[dict[str, Any]]:
    """Articles with every word of `text` in their title, text or entity names (case and diacritics
    ignored), newest first: [{"id", "title", "source", "lang", "published", "url", "story"}]."""
    words = search.terms(text)
    if not words or limit <= 0:
        return []
    a = t.articles
    matching = search.matching_ids(conn.dialect.name, words)
    columns = (a.c.id, a.c.title, a.c.outlet, a.c.lang, a.c.published, a.c.url)
    order = (a.c.published.desc().nulls_last(), a.c.id)
    if conn.dialect.name == "postgresql":
        # Few matches: read them by id and sort them. Many: walk the articles newest first and test each
        # (the first `limit` come soon). A planner misjudging which one it is walks a million articles
        # for a rare word, so the matches are read up to FEW first, and when fewer they are sorted in the
        # same statement (one pass over them); unless the statistics know the word for a frequent one
        # (reading even that many costs a frequent word's whole posting list: 10-70 ms at a million).
        estimate = search.estimated_matches(conn, words)
        if estimate is None or estimate < 2 * FEW_MATCHES:
            found = matching.limit(FEW_MATCHES).cte("found").prefix_with("MATERIALIZED")
            counted = sa.select(sa.func.count().label("n_found")).select_from(found).subquery("counted")
            top = (sa.select(*columns).where(a.c.id.in_(sa.select(found.c.article_id)),
                                             counted.c.n_found < FEW_MATCHES)
                   .order_by(*order).limit(limit).lateral("top"))
            rows = conn.execute(sa.select(counted.c.n_found, *top.c).select_from(counted.outerjoin(top, sa.true()))
                                ).all()
            if rows[0].n_found < FEW_MATCHES:
                return _with_stories(conn, [r for r in rows if r.id is not None])
    return _with_stories(conn, conn.execute(sa.select(*columns).where(a.c.id.in_(matching))
                                            .order_by(*order).limit(limit)).all())


def _with_stories(conn: sa.Connection, rows: list[Any]) -> list[dict[str, Any]]:
    """The article search's hits with their stories (looked up for the page's articles only)."""
    sa_t = t.story_articles
    ids = [r.id for r in rows]
    story = dict(conn.execute(sa.select(sa_t.c.article_id, sa_t.c.story_id).where(sa_t.c.article_id.in_(ids))).all()
                 ) if ids else {}
    return [{"id": r.id, "title": r.title, "source": r.outlet, "lang": r.lang, "published": r.published,
             "url": r.url, "story": story.get(r.id)} for r in rows]
