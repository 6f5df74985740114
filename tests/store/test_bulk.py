"""The bulk loader (store/bulk.py) and the invented stories it is fed (synthetic.py): the rows it writes
read back through every read path as those `write_batch` writes; schema v7's read indexes."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from corroborate.model import to_json
from corroborate.store import Store, StoryQuery
from corroborate.store import schema as t
from corroborate.store.bulk import bulk_load
from corroborate.store.indexes import READ_INDEXES, TRIGRAM_INDEXES
from corroborate.store.migrations import MIGRATIONS, SCHEMA_VERSION
from corroborate.synthetic import Generator, make_world

N = 1500


@pytest.fixture(scope="module")
def batches() -> list:
    return list(Generator(seed=3, world=make_world(3, outlets=60, people=400, orgs=50, towns=80)).batches(N))


@pytest.fixture(scope="module")
def ref(batches: list, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The same stories written one batch at a time by `write_batch` (SQLite)."""
    with Store(str(tmp_path_factory.mktemp("ref") / "reference.db")) as store:
        for batch in batches:
            store.write_batch(batch)
        yield store


def test_the_generator_makes_realistic_stories(batches: list) -> None:
    sizes = [len(b.articles) for b in batches]
    assert sum(sizes) == N and max(sizes) <= 30 and min(sizes) >= 1
    assert Counter(sizes)[1] > Counter(sizes)[10] > 0  # most stories small, some large
    langs = Counter(a.lang for b in batches for a, _ in b.articles)
    assert len(langs) == 7 and langs.most_common(1)[0][0] == "en"
    people = Counter(e.key for b in batches for e in b.dossiers[0].entities if e.kind == "person")
    assert people.most_common(1)[0][1] >= 20  # names recur across stories
    assert len({a.id for b in batches for a, _ in b.articles}) == N


def test_bulk_load_reads_back_like_write_batch(db_url: str, ref: Store, batches: list) -> None:
    with Store(db_url) as bulk:
        report = bulk_load(bulk, batches, rebuild_indexes=True, chunk=500)
        assert (report.articles, report.stories) == (N, len(batches))
        for order in ("recent", "size"):
            got, total = bulk.list_stories(StoryQuery(order=order, limit=60))
            want, want_total = ref.list_stories(StoryQuery(order=order, limit=60))
            assert (got, total) == (want, want_total) and total == len(batches)
        assert bulk.count_articles() == N
        story = batches[7].dossiers[0]
        assert to_json(bulk.get_dossier(story.id)) == to_json(story)
        assert json.loads(bulk.dossier_text(story.id)) == json.loads(ref.dossier_text(story.id))

        person = Counter(e.key for b in batches for e in b.dossiers[0].entities if e.kind == "person").most_common(1)[0][0]
        want_stories = {b.dossiers[0].id for b in batches if any(e.key == person for e in b.dossiers[0].entities)}
        entity = bulk.entity(person)
        assert set(entity["stories"]) == want_stories and entity["n_stories"] == len(want_stories)
        newest = bulk.entity(person, limit=3)
        assert newest["stories"] == entity["stories"][:3] and newest["n_stories"] == len(want_stories)

        surname = entity["name"].split()[-1]
        hits = bulk.search_articles(surname, limit=200)
        want_hits = {a.id for b in batches for a, _ in b.articles
                     if surname.casefold() in re.findall(r"\w+", f"{a.title} {a.text}".casefold())}
        assert hits == ref.search_articles(surname, limit=200)
        assert {h["id"] for h in hits} <= want_hits and len(hits) == min(200, len(want_hits)) > 0
        found, _ = bulk.list_stories(StoryQuery(text=entity["name"], limit=500))
        assert {s.id for s in found} >= want_stories

        outlet, n = Counter(a.outlet for b in batches for a, _ in b.articles).most_common(1)[0]
        page = bulk.outlet(outlet)
        assert page["articles"] == n and page == ref.outlet(outlet) and page["framing"]
        lang_q = StoryQuery(lang="sv", conflict_only=True, limit=500)
        assert bulk.list_stories(lang_q) == ref.list_stories(lang_q)


@pytest.mark.parametrize(("walk", "few_articles"), [(False, 2000), (False, 0), (True, 2000)])
def test_text_search_pages_and_counts_match_write_batch(db_url: str, ref: Store, batches: list, walk: bool,
                                                        few_articles: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The story-level word index (PostgreSQL, filled by the bulk loader) gives the pages and the capped
    counts of the article-level search (SQLite, written batch by batch), whether the stories are walked in
    order (a frequent name) or the candidates gathered first, and checked against their articles one by one
    or against the stories of the few articles holding the words."""
    from corroborate.store import stories

    monkeypatch.setattr(stories, "_many", lambda *_: walk)
    monkeypatch.setattr(stories, "FEW_ARTICLES", few_articles)  # 0: every candidate's articles probed
    people = Counter(e.name for b in batches for e in b.dossiers[0].entities if e.kind == "person").most_common()
    name = people[0][0]
    rare = people[-1][0]
    words = [name, name.split()[-1], rare, f"{name.split()[0]} {rare.split()[-1]}", f"{name} {rare}", "nobodyatall"]
    with Store(db_url) as bulk:
        bulk_load(bulk, batches, rebuild_indexes=True, chunk=500)
        for text in words:
            for order in ("recent", "size"):
                for limit, offset, cap in ((10, 0, 15), (10, 10, 25), (7, 3, None), (50, 0, 5)):
                    q = StoryQuery(text=text, order=order, limit=limit, offset=offset, count_limit=cap)
                    assert bulk.list_stories(q) == ref.list_stories(q), (text, order, limit, offset, cap)
            q = StoryQuery(text=text, lang="en", limit=20, count_limit=100)
            assert bulk.list_stories(q) == ref.list_stories(q), text


def test_counting_stops_at_the_count_limit(store: Store, batches: list) -> None:
    for batch in batches[:12]:
        store.write_batch(batch)
    assert store.list_stories(StoryQuery(limit=2, count_limit=5))[1] == 6  # "more than 5"
    assert store.list_stories(StoryQuery(limit=2, count_limit=50))[1] == 12
    assert store.list_stories(StoryQuery(limit=2))[1] == 12


def test_a_version_5_database_gets_the_read_indexes_and_the_outlet_lines(db_url: str, batches: list) -> None:
    with Store(db_url) as store:
        for batch in batches[:5]:
            store.write_batch(batch)
        want = store.list_stories(StoryQuery(outlet=batches[2].articles[0][0].outlet))
        with store.engine.begin() as conn:  # back to version 5: as a database made before v6/v7
            for name in [n for n, *_ in READ_INDEXES] + [n for n, *_ in TRIGRAM_INDEXES]:
                conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
            conn.exec_driver_sql("ALTER TABLE stories DROP COLUMN outlets_text")
            conn.execute(t.meta.update().where(t.meta.c.key == "schema_version").values(value="5"))
    with Store(db_url) as store, store.engine.connect() as conn:
        version = conn.execute(sa.select(t.meta.c.value).where(t.meta.c.key == "schema_version")).scalar_one()
        names = {ix["name"] for table in ("stories", "articles", "entities") for ix in sa.inspect(conn).get_indexes(table)}
        assert store.list_stories(StoryQuery(outlet=batches[2].articles[0][0].outlet)) == want
        assert want[1] >= 1
    assert int(version) == SCHEMA_VERSION == len(MIGRATIONS) >= 7
    assert {name for name, *_ in READ_INDEXES} <= names
