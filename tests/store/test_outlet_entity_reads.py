"""Schema v9: an outlet's framing items as rows of their own, an entity's newest stories by its own column;
both kept by every write, and filled when an older database is opened."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from corroborate.model import Assignment, Story
from corroborate.store import Batch, Store
from corroborate.testing import analysis, article, dossier

T0 = datetime(2032, 3, 2, 9, 0, tzinfo=UTC)


def _ingest(store: Store, story_id: str, arts, all_arts=None) -> None:
    """Write `arts` into story `story_id`, with the dossier over `all_arts` (default: `arts`)."""
    every = all_arts or arts
    store.write_batch(Batch(
        articles=[(a, analysis(a, dim=4)) for a in arts],
        assignments=[Assignment(a.id, story_id, 0.8, False) for a in arts],
        stories=[Story(story_id, [a.id for a in every], title=every[0].title,
                       first_published=min(a.published for a in every), last_published=max(a.published for a in every))],
        dossiers=[dossier(story_id, every)],
    ))


def _corpus(store: Store) -> list:
    arts = [article(1, outlet="kestrel.test", published=T0), article(2, outlet="heron.test", published=T0),
            article(3, outlet="kestrel.test", published=T0 + timedelta(days=2)),
            article(4, outlet="kestrel.test", published=T0 + timedelta(days=2, hours=1))]
    _ingest(store, "s-older", arts[:2])
    _ingest(store, "s-newer", arts[2:])
    return arts


def _framing(store: Store, outlet: str) -> list[tuple[str, str, list[str]]]:
    found = store.outlet(outlet)
    assert found is not None
    return [(f["story"], f["article"], f["quoted"]) for f in found["framing"]]


def test_an_outlet_page_shows_its_own_items_as_the_dossiers_hold_them(store: Store) -> None:
    arts = _corpus(store)
    quoted = ["harbour office"]
    assert _framing(store, "kestrel.test") == [("s-newer", "a00003", quoted), ("s-newer", "a00004", quoted),
                                               ("s-older", "a00001", quoted)]
    assert _framing(store, "heron.test") == [("s-older", "a00002", quoted)]
    # a rewritten dossier replaces the story's items
    changed = dossier("s-older", arts[:2])
    changed.framing[0] = replace(changed.framing[0], quoted=["lighthouse keeper"])
    store.write_batch(Batch(dossiers=[changed]))
    assert _framing(store, "kestrel.test")[-1] == ("s-older", "a00001", ["lighthouse keeper"])
    # an article no longer in its story drops out, even before its dossier is rebuilt
    store.write_batch(Batch(deleted=["a00004"]))
    assert [a for _, a, _ in _framing(store, "kestrel.test")] == ["a00003", "a00001"]


def test_an_entity_lists_its_newest_stories_first_as_their_articles_arrive(store: Store) -> None:
    arts = _corpus(store)
    assert store.entity("quint orla", limit=1)["stories"] == ["s-newer"]
    assert store.entity("quint orla")["stories"] == ["s-newer", "s-older"]
    assert store.entity("quint orla", limit=1)["n_stories"] == 2
    late = article(5, outlet="heron.test", published=T0 + timedelta(days=6))
    _ingest(store, "s-older", [late], arts[:2] + [late])
    assert store.entity("quint orla", limit=1)["stories"] == ["s-older"]
    assert store.entity("quint orla")["stories"] == ["s-older", "s-newer"]


def test_a_database_from_before_fills_both_when_opened(db_url: str) -> None:
    with Store(db_url) as store:
        _corpus(store)
        before = _framing(store, "kestrel.test")
        with store.engine.begin() as conn:  # back to schema v8: no framing rows, no entity recency
            conn.exec_driver_sql("DROP TABLE framing")
            conn.exec_driver_sql("DROP INDEX ix_entities_key_recent")
            conn.exec_driver_sql("ALTER TABLE entities DROP COLUMN last_published")
            conn.exec_driver_sql("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    with Store(db_url) as store:
        assert _framing(store, "kestrel.test") == before
        assert store.entity("quint orla", limit=1)["stories"] == ["s-newer"]
        with store.engine.connect() as conn:
            stamps = conn.execute(sa.text("SELECT story_id, last_published FROM entities ORDER BY story_id")).all()
        assert len(stamps) == 4 and all(at is not None for _, at in stamps)
