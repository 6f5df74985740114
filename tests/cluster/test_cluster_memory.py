"""Bounded memory: stories quiet for longer than `quiet_days` leave memory at `take_dirty` and come back when a
lookup (a recalled day, a shared name or place, an undated article's recent stories) finds them; the decisions
are those of a clusterer that keeps every story."""

from __future__ import annotations

import numpy as np
from test_cluster import direction, make

from corroborate.cluster import ClusterConfig, Clusterer
from corroborate.cluster import state as cluster_state
from corroborate.cluster.removal import remove_articles
from corroborate.model import Analysis, Article, RelatedLink

Item = tuple[Article, Analysis]
RAID = "A gunman wounded two guards at the ferry terminal of the island port, police said."


def incident() -> list[Item]:
    return [make(f"i{k}", RAID, day=k * 0.3, emb=direction(80 + k, 0.3, base=80), keys=("brannoch", "veldt"),
                 places=(("Osterhafen", 52.0, 8.5),), event_day=0) for k in range(2)]


def filler(first: int, count: int, start_day: float, step: float = 3.0) -> list[Item]:
    return [make(f"u{k}", f"Unrelated report number {k} about the budget of council q{k}.", day=start_day + step * i,
                 emb=direction(300 + k), keys=(f"clerk{k}",), event_day=start_day + step * i)
            for i, k in enumerate(range(first, first + count))]


def feed(cl: Clusterer, items: list[Item], every: int = 1) -> None:
    for n, it in enumerate(items, 1):
        cl.add(*it)
        if n % every == 0:
            cl.take_dirty()
    cl.take_dirty()


def snapshot(cl: Clusterer) -> list[tuple[str, list[str], str | None, list[tuple[str, str, float]]]]:
    return [(s.id, s.article_ids, s.title, [(r.story, r.relation, r.score) for r in s.related])
            for s in cl.stories()]


def test_a_quiet_story_leaves_memory_and_a_follow_up_recalling_its_day_brings_it_back() -> None:
    cl = Clusterer(ClusterConfig(max_postings=0, recent_undated=5))  # no key retrieval: only the recalled day can find it
    feed(cl, incident())
    sid = cl.story_of("i0")
    feed(cl, filler(0, 30, 10))
    assert sid not in cl.idx.stories and sid in cl.idx.spill  # out of memory ...
    assert cl.story_of("i1") == sid and cl.add(*incident()[1]).story == sid  # ... yet known
    follow = make("f", "The man accused of wounding two guards at the ferry terminal was charged.", day=100,
                  emb=direction(80, 0.6, base=80), keys=("brannoch", "veldt"), places=(("Osterhafen", 52.0, 8.5),),
                  event_day=100, past_days=(0,), event_type="charge")
    keep_all = Clusterer(ClusterConfig(max_postings=0, recent_undated=5, quiet_days=None))
    feed(keep_all, [*incident(), *filler(0, 30, 10)])
    assert cl.add(*follow) == keep_all.add(*follow)
    assert sid in cl.idx.stories and sid not in cl.idx.spill  # back in memory
    assert snapshot(cl) == snapshot(keep_all)


def test_a_shared_name_months_later_reloads_the_story_and_links_it() -> None:
    keys = ("qorvath", "drennik", "ulmsfeld")
    old = [make(f"o{k}", "Commandos raided a compound in the border village at night, officials said.",
                day=k * 0.2, emb=direction(50 + k, 0.2, base=50), keys=keys, places=(("Ulmsfeld", 36.0, 36.6),),
                event_day=0) for k in range(2)]
    later = make("n", "A drone strike near the eastern city killed a militia courier, officials said.", day=230,
                 emb=direction(60, 0.0), keys=keys[:2] + ("karsalla",), places=(("Karsalla", 37.0, 41.2),),
                 event_day=229)
    runs = []
    for quiet in (30.0, None):
        cl = Clusterer(ClusterConfig(quiet_days=quiet, recent_undated=8))
        feed(cl, [*old, *filler(0, 60, 5)])
        sid = cl.story_of("o0")
        assert (sid in cl.idx.spill) == (quiet is not None)
        cl.add(*later)
        assert sid in cl.idx.stories
        assert [r.story for r in cl.story(cl.story_of("n")).related] == [sid]  # type: ignore[arg-type]
        runs.append(snapshot(cl))
    assert runs[0] == runs[1]


def stream(n_events: int, seed: int) -> list[Item]:
    """Events one to three days apart, some reported again weeks later (recalling the day or not),
    some without any time, names shared between events."""
    rng = np.random.default_rng(seed)
    items: list[Item] = []
    for e in range(n_events):
        day = 2.0 * e
        keys = (f"person{e}", f"group{e % 7}", f"official{int(rng.integers(0, 4))}")
        place = ((f"Town{e % 11}", 10 + e % 11, 20 + e % 11),)
        text = f"Invented event w{e}q{e * 7} near the mill of q{e % 11}, as reported by outlet"
        for k in range(int(rng.integers(1, 4))):
            items.append(make(f"x{e}_{k}", f"{text} {k}.", day=day + 0.3 * k, keys=keys, places=place,
                              emb=direction(1000 + e * 10 + k, 0.5, base=1000 + e), event_day=day))
        if rng.random() < 0.3:  # a follow-up weeks later, recalling the event's day
            later = day + float(rng.integers(25, 60))
            items.append(make(f"f{e}", f"Trial over invented event w{e}q{e * 7} opens.", day=later, keys=keys[:2],
                              emb=direction(1000 + e, 0.8, base=1000 + e), event_day=later, past_days=(day,),
                              event_type="trial"))
        if rng.random() < 0.1:  # no time at all
            art, an = make(f"n{e}", f"{text} without a date.", keys=keys, emb=direction(1000 + e, 0.6))
            art.published = None
            an.times = []
            items.append((art, an))
    return sorted(items, key=lambda it: (it[0].published is None, it[0].published))  # type: ignore[arg-type, return-value]


def test_eviction_changes_no_decision() -> None:
    items = stream(60, seed=5)
    results = []
    for quiet in (None, 42.0, 3.0, 0.0):  # 0: every story leaves memory at every take_dirty
        cl = Clusterer(ClusterConfig(quiet_days=quiet, recent_undated=8))
        dated = [it for it in items if it[0].published is not None]
        feed(cl, dated, every=4)
        if quiet is not None:
            assert len(cl.idx.spill) > (len(cl.idx.stories) if quiet < 10 else 0)
        feed(cl, items[len(dated) :], every=4)  # undated articles: they find stories by names and recency
        results.append(snapshot(cl))
    assert results[0] == results[1] == results[2] == results[3]


def test_restore_with_eviction_equals_restore_without() -> None:
    items = stream(40, seed=7)
    runs = []
    for quiet in (None, 5.0):
        saved: dict[str, bytes] = {}
        cl = Clusterer(ClusterConfig(quiet_days=quiet, recent_undated=8))
        for start in range(0, len(items), 17):
            cl = Clusterer(ClusterConfig(quiet_days=quiet, recent_undated=8))
            cl.restore(saved.items())
            if quiet is not None and start:
                assert len(cl.idx.spill) > 0 and len(cl.idx.stories) < len(saved)
            for it in items[start : start + 17]:
                cl.add(*it)
            for sid, state in cl.take_dirty().items():
                if state is None:
                    saved.pop(sid, None)
                else:
                    saved[sid] = state
        runs.append((snapshot(cl), dict(saved)))
    assert runs[0] == runs[1]


def test_removing_an_article_of_an_evicted_story() -> None:
    cl = Clusterer(ClusterConfig(quiet_days=0.0, recent_undated=1))
    feed(cl, [*incident(), *filler(0, 3, 10)])
    sid = cl.story_of("i0")
    assert sid in cl.idx.spill
    assert remove_articles(cl, ["i1"]) == [sid]
    assert cl.story_of("i1") is None and cl.story(sid).article_ids == ["i0"]  # type: ignore[arg-type]
    assert cl.take_dirty()[sid] is not None


def index_in_memory(cl: Clusterer) -> set[str]:
    """Every story the in-memory lookup structures retrieve (by key, by day, as the target of links)."""
    idx = cl.idx
    named = {s for post in idx.postings.values() for s in post} | {s for day in idx.buckets.values() for s in day}
    return named | set(idx.backlinks)


def test_evicted_stories_leave_their_index_entries_out_of_memory_too() -> None:
    items = stream(60, seed=5)
    dated = [it for it in items if it[0].published is not None]
    cl = Clusterer(ClusterConfig(quiet_days=3.0, recent_undated=8))
    feed(cl, dated, every=4)
    out = set(cl.idx.spill.ids)
    assert len(out) > 20
    named = index_in_memory(cl)
    assert not named & out  # days, keys and links of evicted stories wait in the spill
    assert named <= set(cl.idx.stories)
    # ... and are still found there: by a key, by a day, and a link from another story comes back with it
    sid = cl.story_of(dated[0][0].id)
    assert sid in out
    first = dated[0][1]
    assert sid in cl.idx.by_keys([first.mentions[0].key], max_postings=50)
    day = int(dated[0][0].published.timestamp() // 86400)  # type: ignore[union-attr]
    assert sid in cl.idx.by_days(day - 1, day + 1)
    linked = next(s for s in out if cl.idx.out.backlinks(s))
    sources = set(cl.idx.out.backlinks(linked))
    cl.idx.get(linked)
    assert cl.idx.backlinks[linked] == sources and not cl.idx.out.backlinks(linked)


def test_a_key_too_common_to_retrieve_by_counts_its_evicted_stories() -> None:
    """Five stories months apart share a name; with at most three stories per key, the name retrieves
    nothing, whether the older four are in memory or out."""
    runs = []
    for quiet in (None, 10.0):
        cl = Clusterer(ClusterConfig(quiet_days=quiet, max_postings=3, recent_undated=1))
        feed(cl, [make(f"k{e}", f"Invented harvest fair number q{e} opened in the valley w{e}.", day=60.0 * e,
                       emb=direction(700 + e), keys=("orsolva",), event_day=60.0 * e) for e in range(5)])
        assert cl.idx.key_stories["orsolva"] == 5
        assert cl.idx.by_keys(["orsolva"], max_postings=3) == set()
        assert len(cl.idx.by_keys(["orsolva"], max_postings=5)) == 5
        if quiet is not None:
            assert len(cl.idx.spill) == 4
        runs.append(snapshot(cl))
    assert runs[0] == runs[1]


def test_a_copy_of_an_evicted_story_is_read_not_kept_and_a_changed_story_is_read_again() -> None:
    cl = Clusterer(ClusterConfig(recent_undated=5))
    feed(cl, [*incident(), *filler(0, 30, 10)])
    sid = cl.story_of("i0")
    assert sid is not None and sid in cl.idx.spill
    copy = cl.idx.view(sid)
    assert [m.id for m in copy.members] == ["i0", "i1"]
    assert sid in cl.idx.spill and sid not in cl.idx.stories  # reading it did not bring it back
    assert cl.idx.view(sid) is copy  # read lately: cached
    st = cl.idx.get(sid)  # comes back as the cached copy (not read twice), which is then forgotten as a copy
    assert st is copy and sid in cl.idx.stories and sid not in cl.idx.spill
    st.related["sother"] = RelatedLink("sother", "background", 0.5)  # it changes and goes out again
    cl.idx.dirty_ids.add(sid)
    cl.idx.take_dirty()
    cl.idx.evict(st)
    again = cl.idx.view(sid)
    assert again is not st and "sother" in again.related
    assert [m.id for m in again.members] == ["i0", "i1"]


def test_the_cached_copies_are_bounded_by_their_members_too(monkeypatch) -> None:
    monkeypatch.setattr(cluster_state, "MEMBERS_CACHED", 3)
    cl = Clusterer(ClusterConfig(recent_undated=5))
    feed(cl, [*incident(), *filler(0, 30, 10)])
    two = cl.story_of("i0")
    assert two in cl.idx.spill and len(cl.idx.view(two).members) == 2
    large = max(cl.idx.spill.ids, key=lambda s: len(cl.idx.view(s).members))
    assert len(cl.idx.view(large).members) > 3
    cl.idx.forget_copies()
    first = cl.idx.view(two)
    assert cl.idx.view(two) is first  # cached
    cl.idx.view(large)  # too many members with it: the older copy goes (the one just read stays)
    assert cl.idx.view(two) is not first
