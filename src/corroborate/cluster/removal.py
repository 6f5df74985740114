"""Taking articles out of a clusterer (deleted, or replaced by a new version) and re-deciding the rest.

A story that loses an article keeps its id and its first remaining member; its other members are offered
to the clusterer again in their order, so a story that held together only through the removed article
splits, and a member may join another story. A story left with no member is dropped (marked None in
`take_dirty`) and every related link to it is removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from corroborate.cluster.state import StoryState

if TYPE_CHECKING:
    from corroborate.cluster.clusterer import Clusterer
    from corroborate.cluster.signature import Signature


def remove_articles(clusterer: Clusterer, article_ids: Iterable[str]) -> list[str]:
    """Remove `article_ids` (unknown ids ignored); returns the ids of the stories they were in."""
    gone = set(article_ids)
    affected = list(dict.fromkeys(sid for aid in gone if (sid := clusterer.story_of(aid)) is not None))
    for sid in affected:
        st = clusterer.idx.get(sid)
        if st is None:  # merged into another affected story while it was re-decided
            continue
        keep = [m for m in st.members if m.id not in gone]
        _take_out(clusterer, st)
        if not keep:
            _drop(clusterer, st)
            continue
        seed = StoryState(id=st.id, seq=st.seq, related=st.related)
        _put_back(clusterer, seed, keep[0])
        for sig in keep[1:]:
            clusterer.add_signature(sig)
    return affected


def _take_out(clusterer: Clusterer, st: StoryState) -> None:
    """Forget the story's members in the document frequencies and its entries in the index."""
    for sig in st.members:
        clusterer.df.remove(sig)
        clusterer.idx.remove(st, sig)


def _put_back(clusterer: Clusterer, st: StoryState, sig: Signature) -> None:
    clusterer.df.add(sig)
    st.add(sig)
    idx = clusterer.idx
    idx.stories[st.id] = st
    idx.article_story[sig.id] = st.id
    idx.add(st, sig)
    idx.dirty_ids.add(st.id)


def _drop(clusterer: Clusterer, st: StoryState) -> None:
    idx = clusterer.idx
    del idx.stories[st.id]
    idx.dirty_ids.discard(st.id)
    idx.dirty[st.id] = None
    for target in st.related:
        idx.drop_backlink(target, st.id)
    for src in sorted(idx.pop_backlinks(st.id)):
        other = idx.get(src)
        if other is not None and other.related.pop(st.id, None) is not None:
            idx.dirty_ids.add(other.id)
