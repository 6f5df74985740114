"""What the clusterer keeps of a story moved out to the spill, so that the first stages of candidate ranking
run on it exactly as on the story itself and only the stories that reach the full scoring come back. Both
wait in the spill next to the story (the last few thousand read stay cached in memory):

- its `Footprint`, a few hundred bytes: creation order, time span, languages, hashes of the story's keys
  and of its people's surnames (the cheap ranking's key test and the related finder's first test read
  them), and its named people and places with their member counts, from which the related finder decides
  exactly whether an older story gets linked;
- its `Ends` (the centroid and the two members the rough scoring compares with), read for a candidate
  instead of the whole story.

The related finder's tests on a footprint may let through a story that does not qualify (it comes back and
the exact code decides, as before), never the reverse.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, Protocol

import numpy as np

if TYPE_CHECKING:
    from corroborate.cluster.signature import Signature


class StoryState(Protocol):
    """What a footprint reads of a story (state.StoryState)."""

    seq: int
    last: float | None
    members: list[Signature]
    keys: Counter[str]
    langs: Counter[str]

    @property
    def centroid(self) -> np.ndarray | None: ...

    def times(self) -> list[float]: ...

def key_hashes(keys: Iterable[str]) -> np.ndarray:
    """Sorted unique hashes of `keys` (stable within the process, which is all a footprint needs)."""
    return np.unique(np.fromiter((hash(k) for k in keys), dtype=np.int64))


def named_keys(sig: Signature) -> set[str]:
    """Keys of the people/organisations (all keys for signatures stored before names were kept) and places."""
    return set(sig.names or sig.keys) | {"@" + p for p in sig.places}


def surname(key: str) -> str | None:
    """The last word of a multi-word name key (related.py's surname rule), None for others."""
    return key.rsplit(" ", 1)[-1] if " " in key and not key.startswith("@") else None


class Ends(NamedTuple):
    """What the cheap ranking and the rough scoring read of an evicted story (kept in the spill)."""

    centroid: np.ndarray | None
    ends: tuple[Signature, ...]  # the members the rough scoring compares with (first and latest)

    @classmethod
    def of(cls, st: StoryState) -> Ends:
        return cls(st.centroid, tuple(st.members) if len(st.members) <= 2 else (st.members[0], st.members[-1]))

    @property
    def latest(self) -> Signature:
        return self.ends[-1]


@dataclass(frozen=True, slots=True)
class Footprint:
    seq: int
    last: float | None
    times: tuple[float, float] | None  # (earliest, latest) member event time
    langs: frozenset[str]
    key_h: np.ndarray  # sorted hashes of the story's keys and names (places as "@" + place)
    sur_h: np.ndarray  # parallel to key_h: hash of the key's surname (multi-word names), else 0
    lone: np.ndarray  # parallel to key_h: a one-word name of >= 3 characters (may be a surname)
    named: tuple[str, ...]  # the story's people, organisations and places (related.py's defining keys)
    named_counts: tuple[int, ...]  # in how many members each is named

    @classmethod
    def of(cls, st: StoryState) -> Footprint:
        keys = sorted(set(st.keys) | {n for m in st.members for n in m.names})
        h = np.fromiter((hash(k) for k in keys), dtype=np.int64, count=len(keys))
        sur = np.fromiter((hash(s) if (s := surname(k)) is not None else 0 for k in keys), dtype=np.int64,
                          count=len(keys))
        lone = np.fromiter((" " not in k and not k.startswith("@") and len(k) >= 3 for k in keys), dtype=bool,
                           count=len(keys))
        order = np.argsort(h, kind="stable")
        times = st.times()
        counts: Counter[str] = Counter()
        for m in st.members:
            counts.update(named_keys(m))
        named = sorted(counts)
        return cls(seq=st.seq, last=st.last, times=(min(times), max(times)) if times else None,
                   langs=_LANGS.setdefault(frozenset(st.langs), frozenset(st.langs)), key_h=h[order], sur_h=sur[order], lone=lone[order],
                   named=tuple(named), named_counts=tuple(counts[k] for k in named))

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


_LANGS: dict[frozenset[str], frozenset[str]] = {}  # one shared set per combination of languages


def _member(sorted_hashes: np.ndarray, h: int) -> bool:
    i = int(np.searchsorted(sorted_hashes, h))
    return i < len(sorted_hashes) and int(sorted_hashes[i]) == h
