"""Removing articles from the clusterer: the rest of their story is re-decided (a story held together only by
the removed article splits), an emptied story is dropped with every related link to it."""

from __future__ import annotations

from corroborate.cluster import Clusterer
from corroborate.cluster.removal import remove_articles
from corroborate.cluster.signature import Signature, lexical_terms
from corroborate.model import RelatedLink

DAY = 20000.0


def _sig(aid: str, text: str, keys: set[str], day: float) -> Signature:
    ids, tf = lexical_terms(text)
    return Signature(id=aid, lang="en", title=text[:40], published=day, event=day, term_ids=ids, term_tf=tf,
                     keys=frozenset(keys), names=frozenset(keys))


GRAIN = _sig("grain", "Grain silo fire in Dorvik harbour destroys the winter stock, firefighters say",
             {"dorvik harbour authority"}, DAY)
CHOIR = _sig("choir", "Children's choir from Ulmbek wins the regional singing contest on Saturday evening",
             {"ulmbek choir"}, DAY + 0.2)
BRIDGE = _sig("bridge", "Grain silo fire Dorvik harbour choir Ulmbek singing contest", {"dorvik harbour authority",
              "ulmbek choir"}, DAY + 0.1)


def _story_of_three(c: Clusterer) -> str:
    """One story holding GRAIN, BRIDGE and CHOIR (as if the bridge had merged two stories)."""
    sid = c.add_signature(GRAIN).story
    st = c.idx.stories[sid]
    for sig in (BRIDGE, CHOIR):
        c.df.add(sig)
        st.add(sig)
        c.idx.article_story[sig.id] = sid
        c.idx.add(st, sig)
    c.take_dirty()
    return sid


def test_removing_the_bridge_splits_the_story() -> None:
    c = Clusterer()
    sid = _story_of_three(c)
    assert remove_articles(c, ["bridge", "unknown-id"]) == [sid]
    assert c.story_of("bridge") is None
    assert c.story_of("grain") == sid  # the story keeps its id and first member
    assert c.story_of("choir") not in (None, sid)  # nothing holds the choir report to it any more
    dirty = c.take_dirty()
    assert dirty[sid] is not None and dirty[c.story_of("choir")] is not None
    assert c.story(sid).article_ids == ["grain"]


def test_an_emptied_story_is_dropped_with_the_links_to_it() -> None:
    c = Clusterer()
    older = c.add_signature(GRAIN).story
    newer = c.add_signature(CHOIR).story
    assert older != newer
    c.idx.stories[newer].related[older] = RelatedLink(older, "background", 0.5)
    c.idx.backlinks[older].add(newer)
    c.take_dirty()
    remove_articles(c, ["grain"])
    dirty = c.take_dirty()
    assert dirty[older] is None and older not in {s.id for s in c.stories()}
    assert dirty[newer] is not None and c.story(newer).related == []
    assert older not in c.candidates(GRAIN)  # out of the indexes too
