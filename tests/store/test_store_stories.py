"""Store: stories, assignments and merges, listing filters, states, dossiers, entities, outlets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from corroborate.model import Assignment, RelatedLink, Story
from corroborate.store import Batch, Store, StoreError, StoryQuery
from corroborate.testing import analysis, article, dossier

T0 = datetime(2031, 6, 10, 8, 0, tzinfo=UTC)


def _ingest(store: Store, story_id: str, arts, **dossier_kw) -> None:
    """Write `arts` as one story with its dossier, the way the pipeline does."""
    store.write_batch(Batch(
        articles=[(a, analysis(a, dim=4)) for a in arts],
        assignments=[Assignment(a.id, story_id, 0.8, i == 0) for i, a in enumerate(arts)],
        stories=[Story(story_id, [a.id for a in arts], title=arts[0].title,
                       first_published=min(a.published for a in arts), last_published=max(a.published for a in arts))],
        story_states={story_id: f"state:{story_id}".encode()},
        dossiers=[dossier(story_id, arts, **dossier_kw)],
    ))


@pytest.fixture
def corpus(store: Store) -> Store:
    """Three invented stories in several languages and outlets."""
    _ingest(store, "s-ferry", [
        article(1, lang="sv", outlet="nord.test", town="Östervik", published=T0),
        article(2, lang="de", outlet="mitte.test", town="Östervik", published=T0 + timedelta(hours=5)),
        article(3, lang="ru", outlet="vostok.test", town="Östervik", published=T0 + timedelta(days=1)),
    ], town="Östervik", conflict=True, event_type="accident")
    _ingest(store, "s-quarry", [
        article(4, lang="ar", outlet="sharq.test", town="Kafr Halun", published=T0 + timedelta(days=3)),
        article(5, lang="en", outlet="nord.test", town="Kafr Halun", published=T0 + timedelta(days=3, hours=2)),
    ], town="Kafr Halun", event_type="explosion")
    _ingest(store, "s-bridge", [
        article(6, lang="es", outlet="sur.test", town="Valdeluz", published=T0 - timedelta(days=4)),
    ], town="Valdeluz", event_type="accident")
    return store


def _ids(store: Store, **kw) -> list[str]:
    page, total = store.list_stories(StoryQuery(**kw))
    assert total >= len(page)
    return [s.id for s in page]


def test_story_round_trip_and_summary(corpus: Store) -> None:
    story = corpus.get_story("s-ferry")
    assert story is not None
    assert story.article_ids == ["a00001", "a00002", "a00003"]
    assert story.first_published == T0 and story.last_published == T0 + timedelta(days=1)
    assert corpus.get_story("nope") is None
    page, total = corpus.list_stories(StoryQuery(order="recent"))
    assert total == 3 and [s.id for s in page] == ["s-quarry", "s-ferry", "s-bridge"]
    ferry = page[1]
    assert (ferry.n_articles, ferry.n_sources, ferry.languages) == (3, 3, ["de", "ru", "sv"])
    assert ferry.where == "Östervik" and ferry.event_type == "accident" and ferry.has_conflict
    assert not page[0].has_conflict
    assert corpus.story_article_ids("s-quarry") == ["a00004", "a00005"]
    assert corpus.article_story("a00006") == "s-bridge" and corpus.article_story("zz") is None
    assert corpus.article_stories() == {"a00001": "s-ferry", "a00002": "s-ferry", "a00003": "s-ferry",
                                        "a00004": "s-quarry", "a00005": "s-quarry", "a00006": "s-bridge"}


def test_list_stories_filters(corpus: Store) -> None:
    assert _ids(corpus, order="size") == ["s-ferry", "s-quarry", "s-bridge"]
    assert _ids(corpus, lang="ar") == ["s-quarry"]
    assert _ids(corpus, outlet="nord.test") == ["s-quarry", "s-ferry"]
    assert _ids(corpus, event_type="accident") == ["s-ferry", "s-bridge"]
    assert _ids(corpus, conflict_only=True) == ["s-ferry"]
    assert _ids(corpus, place="östervik") == ["s-ferry"]
    assert _ids(corpus, place="KAFR HALUN") == ["s-quarry"]
    assert _ids(corpus, place="Kafr") == []  # whole names only
    assert _ids(corpus, date_from=date(2031, 6, 11)) == ["s-quarry", "s-ferry"]
    assert _ids(corpus, date_to=date(2031, 6, 10)) == ["s-ferry", "s-bridge"]
    assert _ids(corpus, date_from=date(2031, 6, 12), date_to=date(2031, 6, 12)) == []
    assert _ids(corpus, lang="sv", event_type="explosion") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("FÄHRE", ["s-ferry"]),          # German article title, case folded beyond ASCII
    ("färja", ["s-ferry"]),          # Swedish
    ("ПАРОМ", ["s-ferry"]),          # Russian, upper case
    ("جنوح", ["s-quarry"]),          # Arabic
    ("encalla", ["s-bridge"]),       # Spanish
    ("halun", ["s-quarry"]),
    ("%", []), ("_", []),            # LIKE wildcards are matched literally
])
def test_text_search_is_case_insensitive_substring(corpus: Store, text: str, expected: list[str]) -> None:
    assert _ids(corpus, text=text) == expected


def test_text_search_matches_literal_wildcards(store: Store) -> None:
    a = article(1)
    a.title = "Rates rise 5% at 100_000 level"
    _ingest(store, "s-pct", [a])
    assert _ids(store, text="5% at 100_0") == ["s-pct"]
    assert _ids(store, text="5%100") == []


def test_paging_and_bad_queries(corpus: Store) -> None:
    page, total = corpus.list_stories(StoryQuery(limit=2, offset=1))
    assert total == 3 and [s.id for s in page] == ["s-ferry", "s-bridge"]
    with pytest.raises(ValueError, match="unknown story order 'alpha'"):
        corpus.list_stories(StoryQuery(order="alpha"))
    with pytest.raises(ValueError, match="must not be negative"):
        corpus.list_stories(StoryQuery(limit=-1))


def test_merge_reassigns_articles_and_removes_story(corpus: Store) -> None:
    # A new article joins s-quarry; the clusterer decides s-bridge is the same event and folds it in.
    late = article(7, lang="fr", outlet="ouest.test", town="Kafr Halun", published=T0 + timedelta(days=5))
    corpus.write_batch(Batch(
        articles=[(late, analysis(late, dim=4))],
        assignments=[Assignment("a00007", "s-quarry", 0.7, False, merged=["s-bridge"])],
        removed_stories=["s-bridge"],
        story_states={"s-quarry": b"merged"},
    ))
    assert corpus.get_story("s-bridge") is None and corpus.get_dossier("s-bridge") is None
    assert corpus.story_article_ids("s-quarry") == ["a00006", "a00004", "a00005", "a00007"]
    page, total = corpus.list_stories(StoryQuery(order="size"))
    assert total == 2
    quarry = next(s for s in page if s.id == "s-quarry")
    assert (quarry.n_articles, quarry.languages) == (4, ["ar", "en", "es", "fr"])
    assert quarry.first_published == T0 - timedelta(days=4) and quarry.last_published == T0 + timedelta(days=5)
    assert dict(corpus.load_story_states()) == {"s-ferry": b"state:s-ferry", "s-quarry": b"merged"}


def test_single_reassignment_updates_both_stories(corpus: Store) -> None:
    corpus.write_batch(Batch(assignments=[Assignment("a00003", "s-quarry", 0.6, False)]))
    assert corpus.article_story("a00003") == "s-quarry"
    sizes = {s.id: s.n_articles for s in corpus.list_stories(StoryQuery())[0]}
    assert sizes == {"s-ferry": 2, "s-quarry": 3, "s-bridge": 1}


def test_removing_a_story_with_articles_is_refused_atomically(corpus: Store) -> None:
    extra = article(8)
    with pytest.raises(StoreError, match="removed story 's-bridge' still has 1 article"):
        corpus.write_batch(Batch(articles=[(extra, analysis(extra, dim=4))], removed_stories=["s-bridge"]))
    assert corpus.get_article("a00008") is None  # nothing of the failed batch was written
    assert corpus.get_story("s-bridge") is not None


def test_assignment_of_unknown_article_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="neither stored nor in this batch"):
        store.write_batch(Batch(assignments=[Assignment("ghost", "s1", 1.0, True)]))


def test_story_upsert_and_related_links(corpus: Store) -> None:
    corpus.write_batch(Batch(stories=[Story("s-ferry", [], title="Ferry aground (updated)",
                                            related=[RelatedLink("s-bridge", "background", 0.42)])]))
    story = corpus.get_story("s-ferry")
    assert story.title == "Ferry aground (updated)"
    assert story.related == [RelatedLink("s-bridge", "background", 0.42)]
    assert _ids(corpus, text="(updated)") == ["s-ferry"]
    corpus.write_batch(Batch(stories=[Story("s-ferry", [])]))  # no title, no links: title kept, links cleared
    story = corpus.get_story("s-ferry")
    assert story.title == "Ferry aground (updated)" and story.related == []
    assert story.first_published == T0


def test_dossier_round_trip_and_upsert(corpus: Store) -> None:
    arts = [corpus.get_article(i) for i in corpus.story_article_ids("s-ferry")]
    assert corpus.get_dossier("s-ferry") == dossier("s-ferry", arts, town="Östervik", conflict=True)
    corpus.write_batch(Batch(dossiers=[dossier("s-ferry", arts, town="Östervik", conflict=False)]))
    assert not corpus.get_dossier("s-ferry").has_conflict
    assert _ids(corpus, conflict_only=True) == []
    assert [d.id for d in corpus.iter_dossiers()] == ["s-quarry", "s-ferry", "s-bridge"]
    assert corpus.get_dossier("nope") is None


def test_entities_index(corpus: Store) -> None:
    person = corpus.entity("quint orla")
    assert person is not None
    assert person["name"] == "Orla Quint" and person["kind"] == "person"
    assert set(person["stories"]) == {"s-ferry", "s-quarry", "s-bridge"}
    assert "Орла Квинт" in person["variants"] and len(person["articles"]) == 6
    place = corpus.entity("östervik")
    assert place["stories"] == ["s-ferry"] and "ÖSTERVIK" in place["variants"]
    assert corpus.entity("nobody") is None
    found = corpus.search_entities("квинт")
    assert [e["key"] for e in found] == ["quint orla"]
    assert [e["key"] for e in corpus.search_entities("N", limit=2)] == ["quint orla", "kafr halun"]
    assert corpus.search_entities("") == [] and corpus.search_entities("%") == []


def test_outlets(corpus: Store) -> None:
    nord = corpus.outlet("nord.test")
    assert nord is not None
    assert nord["articles"] == 2 and sorted(nord["languages"]) == ["en", "sv"]
    assert [s.id for s in nord["stories"]] == ["s-quarry", "s-ferry"]
    assert sorted(f["article"] for f in nord["framing"]) == ["a00001", "a00005"]
    assert {f["story"] for f in nord["framing"]} == {"s-quarry", "s-ferry"}
    assert corpus.outlet("unknown.test") is None
    outlets = corpus.list_outlets()
    assert outlets[0] == {"name": "nord.test", "articles": 2, "stories": 2, "languages": ["en", "sv"],
                          "names": ["nord.test"]}
    assert {o["name"] for o in outlets} == {"nord.test", "mitte.test", "vostok.test", "sharq.test", "sur.test"}


def test_story_states_round_trip_binary(store: Store) -> None:
    blob = bytes(range(256)) * 10
    store.write_batch(Batch(story_states={"s1": blob, "s2": b""}))
    store.write_batch(Batch(story_states={"s2": b"\x00new"}))
    assert dict(store.load_story_states()) == {"s1": blob, "s2": b"\x00new"}


def test_story_state_must_be_bytes(store: Store) -> None:
    with pytest.raises(StoreError, match="state for story 's1' is a str, not bytes"):
        store.write_batch(Batch(story_states={"s1": "text"}))  # type: ignore[dict-item]
    assert list(store.load_story_states()) == []



def test_dossier_text_and_update_stamp_read_without_decoding(corpus: Store) -> None:
    import json

    from corroborate.model import to_json

    assert corpus.dossier_text("nope") is None and corpus.story_updated_at("nope") is None
    assert json.loads(corpus.dossier_text("s-ferry")) == to_json(corpus.get_dossier("s-ferry"))
    assert corpus.story_updated_at("s-ferry") is not None
