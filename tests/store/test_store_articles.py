"""Store: articles, analyses, idempotency, counts, failures (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from corroborate.model import Assignment, ReadError
from corroborate.store import Batch, Store
from corroborate.testing import TITLES, analysis, article


def _batch(*arts) -> Batch:
    return Batch(articles=[(a, analysis(a, dim=8)) for a in arts])


def test_article_and_analysis_round_trip(store: Store) -> None:
    art = article(1, lang="de", text="Nüll\x00 bytes are dropped; ß and Ж survive.")
    an = analysis(art, dim=16)
    store.write_batch(Batch(articles=[(art, an)]))
    got = store.get_article(art.id)
    assert got is not None
    assert got.text == "Nüll bytes are dropped; ß and Ж survive."
    assert (got.title, got.url, got.outlet, got.authors, got.lang) == (art.title, art.url, art.outlet, art.authors,
                                                                       "de")
    assert got.published == art.published and got.published.tzinfo is not None
    assert got.content_hash == art.content_hash and got.origin == art.origin
    assert store.get_analysis(art.id) == an
    assert store.get_article("nope") is None and store.get_analysis("nope") is None


def test_published_is_normalised_to_utc(store: Store) -> None:
    plus3 = timezone(timedelta(hours=3))
    store.write_batch(_batch(article(1, published=datetime(2031, 1, 2, 12, 0, tzinfo=plus3))))
    got = store.get_article("a00001")
    assert got is not None and got.published == datetime(2031, 1, 2, 9, 0, tzinfo=UTC)
    assert got.published.utcoffset() == timedelta(0)


@pytest.mark.parametrize("lang", sorted(TITLES))
def test_every_language_round_trips(store: Store, lang: str) -> None:
    art = article(3, lang=lang, text=TITLES[lang].format(town="Östervik") + " — текст, نص, texte.")
    store.write_batch(_batch(art))
    got = store.get_article(art.id)
    assert got is not None and got.text == art.text and got.title == art.title and got.lang == lang


def test_same_content_twice_is_one_article(store: Store) -> None:
    a1 = article(1)
    store.write_batch(_batch(a1, article(2)))
    same_text_other_id = article(9, text=a1.text)
    same_id_other_text = article(2, text="different words entirely")
    store.write_batch(_batch(same_text_other_id, same_id_other_text, article(3), article(3)))
    assert store.count_articles() == 3
    assert store.known_ids(["a00001", "a00002", "a00003", "a00009"]) == {"a00001", "a00002", "a00003"}
    assert store.known_hashes([a1.content_hash, "0" * 40]) == {a1.content_hash}
    assert store.get_article("a00002").text == article(2).text  # the first version is kept
    assert store.get_analysis("a00009") is None


def test_assignments_of_skipped_duplicates_are_dropped(store: Store) -> None:
    a1 = article(1)
    twin = article(2, text=a1.text)  # same content, another id, in the same batch
    store.write_batch(Batch(articles=[(a1, analysis(a1, dim=2)), (twin, analysis(twin, dim=2))],
                            assignments=[Assignment("a00001", "s1", 1.0, True), Assignment("a00002", "s2", 1.0, True)]))
    assert store.count_articles() == 1 and store.article_stories() == {"a00001": "s1"}
    assert store.list_stories()[1] == 1  # s2 exists but has no articles: not listed


def test_known_lookups_handle_many_and_empty(store: Store) -> None:
    arts = [article(i) for i in range(1200)]
    store.write_batch(_batch(*arts))
    hashes = [a.content_hash for a in arts[::2]] + [f"{i:040d}" for i in range(1000)]
    assert store.known_hashes(hashes) == {a.content_hash for a in arts[::2]}
    assert store.known_ids([]) == set() and store.known_hashes([""]) == set()


def test_iter_articles_order_filters_and_text(store: Store) -> None:
    t0 = datetime(2031, 3, 1, tzinfo=UTC)
    arts = [
        article(1, lang="sv", outlet="nord.test", published=t0 + timedelta(days=2)),
        article(2, lang="ar", outlet="sharq.test", published=t0),
        article(3, lang="sv", outlet="sharq.test", published=t0 + timedelta(days=1)),
        article(4, lang="ru", outlet=None, published=None),
        article(0, lang="ru", outlet="nord.test", published=t0),
    ]
    arts[3].published = None
    store.write_batch(Batch(
        articles=[(a, analysis(a, dim=4)) for a in arts],
        assignments=[Assignment("a00001", "s1", 0.9, True), Assignment("a00003", "s1", 0.8, False)],
    ))
    assert [a.id for a in store.iter_articles()] == ["a00000", "a00002", "a00003", "a00001", "a00004"]
    assert [a.id for a in store.iter_articles(lang="sv")] == ["a00003", "a00001"]
    assert [a.id for a in store.iter_articles(outlet="sharq.test")] == ["a00002", "a00003"]
    assert [a.id for a in store.iter_articles(story="s1", lang="sv", outlet="nord.test")] == ["a00001"]
    assert list(store.iter_articles(story="missing")) == []
    light = next(store.iter_articles(lang="ar", with_text=False))
    assert light.text == "" and light.title == arts[1].title


def test_iter_analyses(store: Store) -> None:
    arts = [article(i) for i in range(3)]
    store.write_batch(_batch(*arts))
    assert [a.article_id for a in store.iter_analyses()] == ["a00000", "a00001", "a00002"]
    assert [a.article_id for a in store.iter_analyses(["a00002", "zz", "a00000"])] == ["a00002", "a00000"]
    assert next(store.iter_analyses(["a00001"])) == analysis(arts[1], dim=8)


def test_get_articles_reads_many_at_once(store: Store) -> None:
    arts = [article(i) for i in range(3)]
    store.write_batch(_batch(*arts))
    got = store.get_articles(["a00002", "zz", "a00000", "a00002"])
    assert sorted(got) == ["a00000", "a00002"]
    assert got["a00002"].text == arts[2].text and got["a00000"] == store.get_article("a00000")
    assert store.get_articles([]) == {}


def test_counts(store: Store) -> None:
    arts = [article(1, lang="en"), article(2, lang="fr", outlet="b.test"), article(3, lang="fr", outlet=None)]
    store.write_batch(Batch(articles=[(a, analysis(a, dim=2)) for a in arts],
                            assignments=[Assignment("a00001", "s1", 1.0, True), Assignment("a00002", "s1", 1.0, False)]))
    assert store.count_articles() == 3
    assert store.counts("lang") == {"fr": 2, "en": 1}
    assert store.counts("outlet") == {"example.org": 1, "b.test": 1, "": 1}
    assert store.counts("story") == {"s1": 2}
    with pytest.raises(ValueError, match="cannot count articles by 'year'"):
        store.counts("year")


def test_failures_recorded_in_order(store: Store) -> None:
    store.record_failures([ReadError("bad.html", "not UTF-8"), ReadError("feed.xml#3", "no text")])
    store.write_batch(Batch(failures=[ReadError("dump.jsonl:7", "invalid JSON")]))
    store.record_failures([])
    assert store.failures() == [ReadError("bad.html", "not UTF-8"), ReadError("feed.xml#3", "no text"),
                                ReadError("dump.jsonl:7", "invalid JSON")]


def test_reopen_keeps_data_and_schema(db_url: str) -> None:
    with Store(db_url) as s:
        s.write_batch(_batch(article(1)))
    with Store(db_url) as s:  # second open: migrations are idempotent
        assert s.count_articles() == 1
