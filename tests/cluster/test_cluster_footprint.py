"""Footprints of evicted stories: the cheap stages decide from them which evicted candidates can matter, so
only those come back into memory, and every decision stays that of a clusterer keeping every story."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_cluster import FakeEmbedder, direction, make, without_embeddings
from test_cluster_memory import feed, filler, snapshot, stream

from corroborate.cluster import ClusterConfig, Clusterer, signature
from corroborate.cluster.footprint import Footprint
from corroborate.cluster.related import _shared
from corroborate.cluster.scoring import Weighted
from corroborate.cluster.signature import Signature
from corroborate.cluster.state import StoryState


def old_events(count: int) -> list:
    """`count` unrelated incidents in one town, two reports each, a month apart."""
    items = []
    for e in range(count):
        for k in range(2):
            items.append(make(f"o{e}_{k}", f"Invented incident w{e}z{e * 3} number q{e * 7}.",
                              day=30.0 * e + 0.2 * k, emb=direction(500 + e * 10 + k, 0.3, base=500 + e),
                              keys=(f"miner{e}",), places=(("Brask", 47.0, 9.0),), event_day=30.0 * e))
    return items


@pytest.mark.parametrize("shortlist,top_k", [(60, 16), (4, 2), (2, 1)])
def test_eviction_changes_no_decision_with_small_shortlists(shortlist: int, top_k: int) -> None:
    items = stream(60, seed=11)
    runs = []
    for quiet in (None, 20.0, 0.0):
        cl = Clusterer(ClusterConfig(quiet_days=quiet, recent_undated=8, shortlist=shortlist, top_k=top_k))
        feed(cl, items, every=3)
        runs.append(snapshot(cl))
    assert runs[0] == runs[1] == runs[2]


def test_an_article_sharing_only_a_town_reads_only_the_stories_fully_scored_and_brings_none_back() -> None:
    config = {"recent_undated": 4, "shortlist": 3, "top_k": 2}
    later = make("n", "A bridge collapsed over the river of the town, engineers said.", day=900,
                 emb=direction(900), keys=("welder", "foreman"), places=(("Brask", 47.0, 9.0),), event_day=900)
    evicting = Clusterer(ClusterConfig(quiet_days=10.0, **config))
    keep_all = Clusterer(ClusterConfig(quiet_days=None, **config))
    for cl in (evicting, keep_all):
        feed(cl, [*old_events(20), *filler(0, 5, 700, step=30.0)], every=2)
    old = {evicting.story_of(f"o{e}_0") for e in range(20)}
    assert len(old) == 20 and old <= set(evicting.idx.spill.ids)
    evicting.idx.forget_copies()  # none read lately: every copy the article needs is read now
    reloads, copies = evicting.idx.reloads, evicting.idx.copies
    assert evicting.add(*later) == keep_all.add(*later)
    assert evicting.idx.copies - copies == 2  # the top_k stories fully scored, not the twenty sharing the town
    assert evicting.idx.reloads == reloads  # read on copies: the article joined none of them
    assert old <= set(evicting.idx.spill.ids)
    assert snapshot(evicting) == snapshot(keep_all)


def test_cheap_ranking_and_rough_scores_of_footprints_are_those_of_the_stories() -> None:
    items = [*old_events(15), *stream(20, seed=3)]
    evicting = Clusterer(ClusterConfig(quiet_days=0.0, shortlist=5))
    keep_all = Clusterer(ClusterConfig(quiet_days=None, shortlist=5))
    for cl in (evicting, keep_all):
        feed(cl, items, every=1)
    evicting.idx.evict_quiet(evicting.clock + 1.0)  # type: ignore[operator]  # every story out
    sids = sorted(evicting.idx.spill.ids, key=evicting.idx.seq)
    assert len(sids) > 20 and not evicting.idx.stories
    evicting._ends = evicting.idx.ends(sids)  # read from the spill for each article being scored
    for k, (art, an) in enumerate([items[3], items[20], *old_events(2)]):
        art.id = an.article_id = f"probe{k}"
        sig = signature(art, an)
        query = Weighted.of(sig, keep_all.df)
        assert evicting._prefilter(query, sids) == keep_all._prefilter(query, sids)
        assert evicting._stories_probs(query, sids, 2, {}) == keep_all._stories_probs(query, sids, 2, {})
    assert not evicting.idx.stories  # nothing came back for the two stages


def story(*members: Signature) -> StoryState:
    st = StoryState(id="s1", seq=0)
    for m in members:
        st.add(m)
    return st


def test_shared_key_counts_are_upper_bounds_with_surnames() -> None:
    st = story(Signature("a", keys=frozenset({"irena valdek", "kossel works"}),
                         names=frozenset({"irena valdek", "kossel works"}), places=frozenset({"brask"}), event=10.0),
               Signature("b", keys=frozenset({"tamberlin", "ox"}), names=frozenset({"tamberlin"}), event=12.0))
    fp = Footprint.of(st)
    probes = [
        {"valdek": 1.0, "@brask": 1.0},  # a surname alone, a place
        {"irena valdek": 1.0, "tamberlin": 1.0, "ox": 1.0},
        {"piet tamberlin": 1.0, "works": 1.0},  # a full name whose surname the story holds alone
        {"nobody": 1.0, "@elsewhere": 1.0},
        {"ox": 1.0, "kossel": 1.0},
    ]
    for mine in probes:
        assert fp.shared_with(mine) >= len(_shared(mine, st.keys))
        assert fp.sharing_back(mine) >= len(_shared(dict.fromkeys(st.keys, 1.0), mine))
    assert fp.shared_with({"nobody": 1.0, "@elsewhere": 1.0}) == 0
    assert fp.shared_with({"valdek": 1.0, "@brask": 1.0}) == 2
    assert fp.sharing_back({"piet tamberlin": 1.0}) >= 1
    assert fp.times == (10.0, 12.0) and fp.seq == 0


def test_an_old_story_sharing_two_of_its_eight_names_stays_out_unlinked() -> None:
    names = tuple(f"kelvar{c}" for c in "abcdefgh")
    old = [make(f"o{k}", "Invented dispute w1q2 over the grazing land of the valley.", day=0.2 * k,
                emb=direction(40 + k, 0.2, base=40), keys=names, places=(("Ulmsfeld", 36.0, 36.6),), event_day=0)
           for k in range(2)]
    recent = [make(f"r{k}", "Invented flood w7q9 closed the harbour road, officials said.", day=300 + 0.2 * k,
                   emb=direction(60 + k, 0.2, base=60), keys=("zedrin", "oskal"), places=(("Karsalla", 37.0, 41.2),),
                   event_day=300) for k in range(2)]
    later = make("n", "Invented flood w7q9 closed the harbour road again, officials said.", day=301,
                 emb=direction(62, 0.2, base=60), keys=("zedrin", "oskal", *names[:2]),
                 places=(("Karsalla", 37.0, 41.2),), event_day=301)
    runs = []
    for quiet in (30.0, None):
        cl = Clusterer(ClusterConfig(quiet_days=quiet, shortlist=1, top_k=1))
        feed(cl, [*old, *recent])
        sid = cl.story_of("o0")
        before = cl.idx.reloads
        assert cl.add(*later).story == cl.story_of("r0")
        if quiet is not None:  # it shares two names: the related finder's footprint test says "no link"
            assert sid in cl.idx.spill and cl.idx.reloads == before
        assert cl.story(cl.story_of("n")).related == []  # type: ignore[arg-type]
        runs.append(snapshot(cl))
    assert runs[0] == runs[1]


def test_lazy_embeddings_with_eviction_change_no_decision() -> None:
    """With an embedder, evicted candidates come back before other-language members are embedded."""
    items = stream(30, seed=13)
    items = [(art, replace(an, lang=lang)) for n, (art, an) in enumerate(items)
             for lang in ["es" if n % 3 == 0 else "en"]]
    for art, an in items:
        art.lang = an.lang
    runs = []
    for quiet in (None, 0.0):
        embedder = FakeEmbedder(items)
        cl = Clusterer(ClusterConfig(quiet_days=quiet, recent_undated=8, shortlist=4, top_k=2), embedder=embedder)
        feed(cl, without_embeddings(items), every=3)
        runs.append((snapshot(cl), sorted(embedder.asked)))
    assert runs[0] == runs[1]
