"""Finding things: full-text search over article text, titles and entity names (SQLite FTS5 / PostgreSQL
tsvector, one query API), insensitive to case and diacritics in every filter; kept in sync with updates and
deletes; created for databases made before it existed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from corroborate.model import Assignment, Mention, Story
from corroborate.store import Batch, Store, StoryQuery
from corroborate.store import schema as t
from corroborate.store.migrations import SCHEMA_VERSION
from corroborate.testing import analysis, article, dossier

T0 = datetime(2031, 6, 10, 8, 0, tzinfo=UTC)
BODY = ("Rescuers searched the shore on Tuesday. Harbour master Ilse Dünnwald said the hull was intact and "
        "that the crossing would resume. ")


def _write(store: Store, story_id: str, arts, replaced: list[str] | None = None, **kw) -> None:
    pairs = []
    for a in arts:
        an = analysis(a, dim=4)
        an.mentions.append(Mention(text="Jarek Ołdowski", kind="person", key="oldowski jarek", start=0, end=1))
        pairs.append((a, an))
    store.write_batch(Batch(
        articles=pairs,
        assignments=[Assignment(a.id, story_id, 0.8, i == 0) for i, a in enumerate(arts)],
        stories=[Story(story_id, [a.id for a in arts], title=arts[0].title,
                       first_published=min(a.published for a in arts), last_published=max(a.published for a in arts))],
        story_states={story_id: b"state"},
        dossiers=[dossier(story_id, arts, **kw)],
        replaced=replaced or [],
    ))


def _corpus(store: Store) -> None:
    _write(store, "s-ferry", [article(1, lang="sv", outlet="nord.test", town="Östervik", published=T0, text=BODY),
                              article(2, lang="de", outlet="mitte.test", town="Östervik",
                                      published=T0 + timedelta(hours=5))],
           town="Östervik", event_type="raid")
    _write(store, "s-bridge", [article(6, lang="es", outlet="sur.test", town="Valdeluz",
                                       published=T0 - timedelta(days=4))], town="Valdeluz", event_type="accident")


def _ids(store: Store, **kw) -> list[str]:
    return [s.id for s in store.list_stories(StoryQuery(**kw))[0]]


def test_text_search_finds_people_in_article_text_and_entity_names(store: Store) -> None:
    _corpus(store)
    assert _ids(store, text="Dünnwald") == ["s-ferry"]  # a name in the body only, not in any title
    assert _ids(store, text="dunnwald") == ["s-ferry"]  # case and diacritics ignored
    assert _ids(store, text="ILSE DUNNWALD") == ["s-ferry"]
    assert _ids(store, text="hull intact") == ["s-ferry"]  # every word, anywhere in the text
    assert _ids(store, text="hull volcano") == []
    assert _ids(store, text="Oldowski") == ["s-ferry", "s-bridge"]  # an entity name of every article
    assert _ids(store, text="Valdeluz") == ["s-bridge"]  # titles still match
    assert [a["id"] for a in store.search_articles("dünnwald")] == ["a00001"]
    assert store.search_articles("   ") == [] and store.search_articles("\"OR*") == []


def test_filters_ignore_case_and_diacritics(store: Store) -> None:
    _corpus(store)
    assert _ids(store, place="Östervik") == ["s-ferry"]
    assert _ids(store, place="Ostervik") == ["s-ferry"]
    assert _ids(store, place="OSTERVIK") == ["s-ferry"]
    assert _ids(store, lang="SV") == ["s-ferry"]
    assert _ids(store, event_type="Raid") == ["s-ferry"]
    assert [e["key"] for e in store.search_entities("orla quint")] == ["quint orla"]
    assert [e["key"] for e in store.search_entities("ostervik")] == ["östervik"]


def test_index_follows_updates_and_deletes(store: Store) -> None:
    _corpus(store)
    new = article(1, lang="sv", outlet="nord.test", town="Östervik", published=T0,
                  text="The ferry was towed to Brennholm dock on Wednesday. ")
    _write(store, "s-ferry", [new, article(2, lang="de", outlet="mitte.test", town="Östervik",
                                          published=T0 + timedelta(hours=5))], replaced=["a00001"], town="Östervik")
    assert _ids(store, text="Dünnwald") == []
    assert _ids(store, text="Brennholm") == ["s-ferry"]
    store.write_batch(Batch(deleted=["a00001"], removed_stories=[]))
    assert _ids(store, text="Brennholm") == []
    assert store.search_articles("Brennholm") == []


def test_a_database_from_before_search_is_migrated(db_url: str) -> None:
    with Store(db_url) as store:
        _corpus(store)
        with store.engine.begin() as conn:  # make it look like a version-1 database
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("DROP TABLE article_search")
            else:
                conn.exec_driver_sql("DROP TABLE article_fts")
            conn.exec_driver_sql("DROP TABLE article_history")
            conn.execute(t.stories.update().values(places_text="\nöstervik\n").where(t.stories.c.id == "s-ferry"))
            conn.execute(t.meta.update().where(t.meta.c.key == "schema_version").values(value="1"))
    with Store(db_url) as store:
        assert _ids(store, text="dunnwald") == ["s-ferry"]
        assert _ids(store, place="Ostervik") == ["s-ferry"]
        assert store.article_history("a00001") == []
        with store.engine.connect() as conn:
            version = conn.execute(sa.select(t.meta.c.value).where(t.meta.c.key == "schema_version")).scalar()
        assert int(version) == SCHEMA_VERSION


def test_a_huge_article_is_indexed_without_failing_its_batch(store: Store) -> None:
    words = " ".join(f"w{i}x" for i in range(120_000))  # ~1 MB of distinct words
    _write(store, "s-huge", [article(9, text="Quarrymen struck at Pellbrook. " + words)])
    assert _ids(store, text="pellbrook quarrymen") == ["s-huge"]


def test_a_huge_article_in_a_wide_script_is_indexed_too(store: Store) -> None:
    words = " ".join(chr(0x4E00 + i % 20000) + chr(0x4E00 + i // 20000) for i in range(200_000))
    _write(store, "s-wide", [article(9, text="Quarrymen struck at Pellbrook. " + words)])
    assert _ids(store, text="pellbrook quarrymen") == ["s-wide"]


def test_every_word_must_be_in_one_article_of_the_story(store: Store) -> None:
    """The story-level word index (PostgreSQL) only proposes stories: one article must hold every word."""
    _write(store, "s-split", [article(11, text="Keeper Aldo Quellmar closed the lock gates. "),
                              article(12, text="Engineer Tiberon Vask inspected the damaged pier. ",
                                      published=T0)])
    _write(store, "s-whole", [article(13, text="Aldo Quellmar and Tiberon Vask met at the pier. ",
                                      published=T0 - timedelta(days=1))])
    assert _ids(store, text="Quellmar") == ["s-split", "s-whole"]
    assert _ids(store, text="Quellmar Tiberon") == ["s-whole"]
    assert _ids(store, text="quellmar-aldo") == []  # a word group is a phrase, in order
    assert _ids(store, text="aldo-quellmar") == ["s-split", "s-whole"]
    assert store.list_stories(StoryQuery(text="Quellmar Tiberon", count_limit=0))[1] == 1
    assert store.list_stories(StoryQuery(text="Quellmar", limit=1, offset=1, count_limit=10)) == (
        store.list_stories(StoryQuery(text="Quellmar", limit=5))[0][1:], 2)
    assert store.list_stories(StoryQuery(text="Quellmar", offset=5)) == ([], 2)
    # a merge moves the words with the articles
    store.write_batch(Batch(assignments=[Assignment("a00013", "s-split", 0.9, False, merged=["s-whole"])],
                            removed_stories=["s-whole"]))
    assert _ids(store, text="Quellmar Tiberon") == ["s-split"]
    store.write_batch(Batch(deleted=["a00013"]))
    assert _ids(store, text="Quellmar Tiberon") == [] and _ids(store, text="Tiberon") == ["s-split"]


def test_a_version_7_database_gets_the_story_word_index(db_url: str) -> None:
    with Store(db_url) as store:
        _corpus(store)
        want = _ids(store, text="hull intact")
        assert want == ["s-ferry"]
    with Store(db_url) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS story_search")
        conn.execute(sa.update(t.meta).where(t.meta.c.key == "schema_version").values(value="7"))
    with Store(db_url) as store:
        assert _ids(store, text="hull intact") == want and _ids(store, text="Dünnwald") == want
        with store.engine.connect() as conn:
            assert conn.execute(sa.select(t.meta.c.value).where(t.meta.c.key == "schema_version")).scalar_one() \
                == str(SCHEMA_VERSION)


def test_a_frequent_word_is_searched_without_counting_its_matches(pg_url: str, monkeypatch) -> None:
    """PostgreSQL: a word its statistics know for a frequent one is searched by walking the articles newest
    first, with no count of its matches first; the same articles come back as by reading every match."""
    from corroborate.store import browse, search

    with Store(pg_url) as store:
        for n in range(1, 41):
            note = " A zebra crossed the quay." if n == 7 else ""
            _write(store, f"s-{n}", [article(n, published=T0 + timedelta(hours=n),
                                              text=f"The harbour reopened after report {n}.{note}")])
        with store.engine.begin() as conn:
            conn.exec_driver_sql(f"ANALYZE {search.PG_TABLE}")
            estimate = search.estimated_matches(conn, search.terms("harbour"))
            assert estimate is not None and estimate >= 30
            assert search.estimated_matches(conn, search.terms("harbour quay")) is None  # several words: counted
        newest = [f"a{n:05d}" for n in range(40, 30, -1)]
        assert [a["id"] for a in store.search_articles("harbour", limit=10)] == newest
        monkeypatch.setattr(browse, "FEW_MATCHES", 10)  # the frequent word's path from here
        statements: list[str] = []
        sa.event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        assert [a["id"] for a in store.search_articles("harbour", limit=10)] == newest
        assert not any("count(" in s for s in statements)
        assert [a["id"] for a in store.search_articles("zebra", limit=10)] == ["a00007"]


def test_sqlite_gives_no_estimate(tmp_path) -> None:
    from corroborate.store import search

    with Store(str(tmp_path / "s.db")) as store, store.engine.connect() as conn:
        assert search.estimated_matches(conn, search.terms("harbour")) is None
