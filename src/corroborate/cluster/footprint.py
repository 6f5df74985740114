"""What stays in memory of a story moved out to the spill: a compact footprint that lets the cheap stages
decide, without bringing the story back, that it cannot matter to an article.

Every test on a footprint is conservative: it may say "could matter" for a story that does not (then the
story comes back and the exact code decides, as before), never "cannot matter" for one that does. So the
clusterer's decisions are the same with or without eviction; only fewer stories come back.

- the cheap ranking (`Clusterer._prefilter`): an upper bound of the story's cheap score, from its centroid
  quantised to int8 (with the quantisation error bound added), the key postings (exact) and the lexical
  cosine with its latest member (whose term ids and weights are kept: exact, plus a rounding margin);
- the related-story finder: hashes of the story's keys and of its people's surnames (a hash collision only
  brings a story back), and the span of its members' event times.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from corroborate.cluster.state import StoryState

MARGIN = 1e-9  # added to every upper bound: float rounding of the exact computation stays under it


def key_hashes(keys: Iterable[str]) -> np.ndarray:
    """Sorted unique hashes of `keys` (stable within the process, which is all a footprint needs)."""
    return np.unique(np.fromiter((hash(k) for k in keys), dtype=np.int64))


def surname(key: str) -> str | None:
    """The last word of a multi-word name key (related.py's surname rule), None for others."""
    return key.rsplit(" ", 1)[-1] if " " in key and not key.startswith("@") else None


@dataclass(frozen=True, slots=True)
class Footprint:
    seq: int
    last: float | None
    times: tuple[float, float] | None  # (earliest, latest) member event time
    langs: frozenset[str]
    cent_q: np.ndarray | None  # the centroid as int8 multiples of cent_scale
    cent_scale: float
    key_h: np.ndarray  # hashes of the story's keys and names (places as "@" + place)
    sur_h: np.ndarray  # parallel to key_h: hash of the key's surname (multi-word names), else 0
    lone: np.ndarray  # parallel to key_h: a one-word name of >= 3 characters (may be a surname)
    last_terms: np.ndarray  # the latest member's term ids and weights (the lexical stage's input)
    last_tf: np.ndarray

    @classmethod
    def of(cls, st: StoryState) -> Footprint:
        cent = st.centroid
        q, scale = None, 0.0
        if cent is not None:
            peak = float(np.abs(cent).max())
            scale = peak / 127.0 if peak else 1.0
            q = np.clip(np.rint(cent / scale), -127, 127).astype(np.int8)
        keys = sorted(set(st.keys) | {n for m in st.members for n in m.names})
        h = np.fromiter((hash(k) for k in keys), dtype=np.int64, count=len(keys))
        sur = np.fromiter((hash(s) if (s := surname(k)) is not None else 0 for k in keys), dtype=np.int64,
                          count=len(keys))
        lone = np.fromiter((" " not in k and not k.startswith("@") and len(k) >= 3 for k in keys), dtype=bool,
                           count=len(keys))
        order = np.argsort(h, kind="stable")
        times = st.times()
        last = st.members[-1]
        return cls(seq=st.seq, last=st.last, times=(min(times), max(times)) if times else None,
                   langs=frozenset(st.langs), cent_q=q, cent_scale=scale, key_h=h[order], sur_h=sur[order], lone=lone[order],
                   last_terms=last.term_ids.astype(np.int32), last_tf=last.term_tf)

    def centroid_bound(self, emb: np.ndarray, emb_l1: float) -> float:
        """An upper bound of centroid . emb (0 when the story has no centroid, as the exact stage)."""
        if self.cent_q is None:
            return 0.0
        approx = self.cent_scale * float(self.cent_q.astype(np.float64) @ emb)
        return approx + 0.5 * self.cent_scale * emb_l1 + 1e-6

    def holds(self, key_hash: np.ndarray) -> np.ndarray:
        """For each hash, whether one of the story's keys may have it."""
        return np.isin(key_hash, self.key_h)

    def shared_with(self, mine: Iterable[str]) -> int:
        """An upper bound of len(related._shared(mine, story keys)): keys of `mine` the story holds, or whose
        surname it holds, or that are the surname of one of its names."""
        n = 0
        keys, surnames = self.key_h, self.sur_h
        for k in mine:
            hk = hash(k)
            if _member(keys, hk):
                n += 1
            elif k.startswith("@"):
                continue
            elif " " in k:
                last = k.rsplit(" ", 1)[-1]
                if len(last) >= 3 and _member(keys, hash(last)):
                    n += 1
            elif len(k) >= 3 and bool((surnames == hk).any()):
                n += 1
        return n

    def sharing_back(self, mine: Iterable[str]) -> int:
        """An upper bound of len(related._shared(story keys, mine)) (the undated rule's direction)."""
        mine_h = key_hashes(mine)
        mine_sur = key_hashes(s for k in mine if (s := surname(k)) is not None)
        hit = np.isin(self.key_h, mine_h) | ((self.sur_h != 0) & np.isin(self.sur_h, mine_h))
        hit |= self.lone & np.isin(self.key_h, mine_sur)
        return int(hit.sum())


def _member(sorted_hashes: np.ndarray, h: int) -> bool:
    i = int(np.searchsorted(sorted_hashes, h))
    return i < len(sorted_hashes) and int(sorted_hashes[i]) == h
