"""The clusterer's state: each story's members and keys (StoryState) and the index that finds stories
(StoryIndex: article -> story, day buckets, key postings, recent stories, links back to a story, and the
stories changed since the last commit). The clusterer and the related-story finder share one index and
change it only through its methods."""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter, OrderedDict, defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from corroborate.cluster.footprint import Ends, Footprint
from corroborate.cluster.scoring import DocFreq
from corroborate.cluster.signature import Signature
from corroborate.cluster.spill import OutIndex, StorySpill
from corroborate.model import RelatedLink

STATE_VERSION = 1
ENDS_CACHED = 2048  # evicted stories' ends kept in memory after a read (~8 KB each)
FOOTPRINTS_CACHED = 4096  # evicted stories' footprints kept in memory after a read (~1 KB each)
STATES_CACHED = 256  # copies of evicted stories read lately to be scored in full (a few KB to tens of KB each)
MEMBERS_CACHED = 8192  # ... and at most this many members in them together (a long story's copy is large)


def story_id_for(article_id: str) -> str:
    return "s" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


@dataclass
class StoryState:
    id: str
    seq: int
    members: list[Signature] = field(default_factory=list)
    related: dict[str, RelatedLink] = field(default_factory=dict)
    emb_sum: np.ndarray | None = None
    keys: Counter[str] = field(default_factory=Counter)
    langs: Counter[str] = field(default_factory=Counter)
    _key_cache: tuple[Any, ...] | None = field(default=None, repr=False, compare=False)
    # (the emb_sum it was computed from, the centroid): emb_sum is replaced, never changed in place
    _centroid: tuple[np.ndarray, np.ndarray | None] | None = field(default=None, repr=False, compare=False)
    last: float | None = field(default=None, compare=False)  # latest event or publication time of a member

    def add(self, sig: Signature) -> None:
        self.members.append(sig)
        for t in (sig.event, sig.published):
            if t is not None and (self.last is None or t > self.last):
                self.last = t
        self.langs[sig.lang or ""] += 1
        self._key_cache = None
        if sig.emb is not None:
            self.emb_sum = sig.emb.copy() if self.emb_sum is None else self.emb_sum + sig.emb
        self.keys.update(sig.keys)
        self.keys.update("@" + p for p in sig.places)

    def key_arrays(self, df: DocFreq) -> tuple[list[str], np.ndarray, np.ndarray]:
        """The story's keys in sorted order, their DocFreq slots and their counts in the story (cached)."""
        c = self._key_cache
        if c is None or c[0] != df.uid:
            names = sorted(self.keys)
            slots = np.array([df.slot.get(k, 0) for k in names], dtype=np.int64)
            counts = np.array([self.keys[k] for k in names], dtype=np.float64)
            c = self._key_cache = (df.uid, names, slots, counts)
        return c[1], c[2], c[3]

    def forget_caches(self) -> None:
        """Drop what is derived (rebuilt identically when needed): before the story leaves memory."""
        self._key_cache = None
        self._centroid = None
        for m in self.members:
            m.cache = {}

    @property
    def centroid(self) -> np.ndarray | None:
        """The normalised sum of the members' embeddings (cached: the cheap ranking reads it for every
        candidate of every article)."""
        total = self.emb_sum
        if total is None:
            return None
        c = self._centroid
        if c is None or c[0] is not total:
            n = float(np.linalg.norm(total))
            c = self._centroid = (total, total / n if n else None)
        return c[1]

    def times(self) -> list[float]:
        return [s.event for s in self.members if s.event is not None]

    def scored_members(self, n: int) -> list[Signature]:
        if len(self.members) <= n:
            return self.members
        return self.members[:2] + self.members[-(n - 2) :]

    def to_bytes(self) -> bytes:
        doc = {"v": STATE_VERSION, "id": self.id, "seq": self.seq, "members": [m.to_json() for m in self.members],
               "related": [[r.story, r.relation, r.score] for r in self.related.values()]}
        return zlib.compress(json.dumps(doc, separators=(",", ":")).encode("utf-8"))

    @classmethod
    def from_bytes(cls, story_id: str, data: bytes) -> StoryState:
        try:
            doc = json.loads(zlib.decompress(data))
        except (zlib.error, ValueError) as exc:
            raise ValueError(f"story state for {story_id!r} is not a clusterer state ({exc}); "
                             "drop it and re-ingest the story's articles") from exc
        if doc.get("v") != STATE_VERSION:
            raise ValueError(f"story state for {story_id!r} has version {doc.get('v')}, expected "
                             f"{STATE_VERSION}; re-ingest to rebuild the clustering")
        st = cls(id=doc["id"], seq=int(doc["seq"]))
        for m in doc["members"]:
            st.add(Signature.from_json(m))
        st.related = {s: RelatedLink(s, r, float(sc)) for s, r, sc in doc.get("related", [])}
        return st


class StoryIndex:
    """Stories and the postings that retrieve them; `dirty` holds stories removed since the last
    `take_dirty` (None), `dirty_ids` the ones changed. `stories` holds the stories in memory; quiet ones
    may be moved to `spill` (`evict`) with their day buckets, key postings, backlinks and footprint (`out`),
    so memory does not grow with the stories a stream leaves behind; the lookups (`by_days`, `by_keys`)
    read both sides, and `get`, `live` and `story_of` bring a story back with its entries, so a lookup finds
    exactly what it would find with every story in memory."""

    def __init__(self, recent_undated: int) -> None:
        self.stories: dict[str, StoryState] = {}
        self.article_story: dict[str, str] = {}
        # day -> stories in memory with a member that day; key -> stories in memory holding it
        self.buckets: dict[int, set[str]] = defaultdict(set)
        self.postings: dict[str, set[str]] = defaultdict(set)
        # key -> how many stories were indexed under it, in memory, out, or merged away since: the test of a
        # key too common to retrieve by counts them all, as it did when one set held every story's id
        self.key_stories: Counter[str] = Counter()
        self.recent: deque[str] = deque(maxlen=recent_undated)
        self.dirty: dict[str, bytes | None] = {}
        self.dirty_ids: set[str] = set()
        self.backlinks: dict[str, set[str]] = defaultdict(set)  # story in memory -> stories linking to it
        self.spill: StorySpill[StoryState] = StorySpill()
        self.out = OutIndex(self.spill.db)
        self.evictions = self.reloads = 0  # stories moved out of memory / brought back (counts)
        self.peeks = 0  # evicted stories' ends read for the first scoring stages (the stories stay out)
        self.copies = 0  # evicted stories read whole for the last scoring stage (the stories stay out)
        # the ends and footprints read lately (one event's articles find the same old stories): bounded caches
        self._ends_cache: OrderedDict[str, Ends] = OrderedDict()
        self._fp_cache: OrderedDict[str, Footprint] = OrderedDict()
        self._copies: OrderedDict[str, StoryState] = OrderedDict()
        self._copied_members = 0

    def add(self, st: StoryState, sig: Signature) -> None:
        """Index `sig` as a member of `st` (in memory): days, keys, places, recency."""
        t = sig.event if sig.event is not None else sig.published
        if t is not None:
            self.buckets[int(t)].add(st.id)
        if st.id in self.recent:
            self.recent.remove(st.id)
        self.recent.append(st.id)
        for key in _keys_of(sig):
            post = self.postings[key]
            if st.id not in post:
                post.add(st.id)
                self.key_stories[key] += 1

    def remove(self, st: StoryState, sig: Signature) -> None:
        """Take `sig`'s entries for `st` (in memory) out of the index (the story keeps its other members)."""
        self.article_story.pop(sig.id, None)
        for t in (sig.event, sig.published):
            if t is not None:
                _discard(self.buckets, int(t), st.id)
        for key in _keys_of(sig):
            if _discard(self.postings, key, st.id):
                self.key_stories[key] -= 1
        if st.id in self.recent:
            self.recent.remove(st.id)

    def merged_away(self, st: StoryState) -> None:
        """`st` was merged into another story: its days and keys no longer retrieve it (its keys still count
        in `key_stories`)."""
        for m in st.members:
            for t in (m.event, m.published):
                if t is not None:
                    _discard(self.buckets, int(t), st.id)
        for key in st.keys:
            _discard(self.postings, key, st.id)

    # ------------------------------------------------------------------ lookups

    def by_days(self, first: int, last: int) -> set[str]:
        """Stories (in memory or out) with a member time on a day in [first, last]."""
        found: set[str] = set()
        for d in range(first, last + 1):
            found.update(self.buckets.get(d, ()))
        if self.spill:
            found |= self.out.by_days(first, last)
        return found

    def by_keys(self, keys: Iterable[str], max_postings: int) -> set[str]:
        """Stories (in memory or out) holding any of `keys`, skipping keys too common to retrieve by (held by
        more than `max_postings` stories) and keys no story holds."""
        usable = [k for k in keys if 0 < self.key_stories.get(k, 0) <= max_postings]
        found: set[str] = set()
        for k in usable:
            found.update(self.postings.get(k, ()))
        if self.spill and usable:
            found |= self.out.by_keys(usable)
        return found

    # ------------------------------------------------------------------ stories out of memory

    def get(self, story_id: str) -> StoryState | None:
        """The story `story_id`, brought back into memory if it was evicted; None for no such story."""
        st = self.stories.get(story_id)
        if st is None and story_id in self.spill:
            # a copy read lately is the story as it left (it does not change while out): no second read
            st = self.spill.take(story_id, self._copies.get(story_id))
            if st is not None:
                self._forget_copy(story_id)
                self.reloads += 1
                self.stories[story_id] = st
                for m in st.members:
                    self.article_story[m.id] = story_id
                keys, days, sources = self.out.take(story_id)
                for key in keys:
                    self.postings[key].add(story_id)
                for d in days:
                    self.buckets[d].add(story_id)
                if sources:
                    self.backlinks[story_id].update(sources)
        return st

    def view(self, story_id: str) -> StoryState:
        """The existing story `story_id` to read: the one in memory, else a copy of the evicted one, which
        stays out (the copies read lately are cached: evicted stories do not change while out). The copy
        must not be changed: a story about to change is brought back with `get`."""
        st = self.stories.get(story_id)
        if st is not None:
            return st
        st = self._copies.get(story_id)
        if st is None:
            st = self.spill.read(story_id)
            assert st is not None, f"no story {story_id}"
            self.copies += 1
            self._copies[story_id] = st
            self._copied_members += len(st.members)
            while len(self._copies) > 1 and (len(self._copies) > STATES_CACHED
                                             or self._copied_members > MEMBERS_CACHED):
                self._forget_copy(next(iter(self._copies)))
        else:
            self._copies.move_to_end(story_id)
        return st

    def forget_copies(self) -> None:
        """Drop the cached copies of evicted stories."""
        self._copies.clear()
        self._copied_members = 0

    def _forget_copy(self, story_id: str) -> None:
        st = self._copies.pop(story_id, None)
        if st is not None:
            self._copied_members -= len(st.members)

    def live(self, story_id: str) -> bool:
        """True when the story exists (brought back into memory if it was evicted)."""
        return story_id in self.stories or self.get(story_id) is not None

    def exists(self, story_id: str) -> bool:
        """True when the story exists, in memory or evicted (nothing is brought back)."""
        return story_id in self.stories or story_id in self.spill

    def seq(self, story_id: str) -> int:
        """The creation order of an existing story, in memory or evicted."""
        st = self.stories.get(story_id)
        return st.seq if st is not None else self.footprint(story_id).seq

    def langs(self, story_id: str) -> Iterable[str]:
        """The languages of an existing story's members, in memory or evicted."""
        st = self.stories.get(story_id)
        return st.langs.keys() if st is not None else self.footprint(story_id).langs

    def footprint(self, story_id: str) -> Footprint:
        """The footprint of an evicted story."""
        fp = self._fp_cache.get(story_id)
        if fp is None:
            return self.footprints([story_id])[story_id]
        self._fp_cache.move_to_end(story_id)
        return fp

    def footprints(self, story_ids: Iterable[str]) -> dict[str, Footprint]:
        """The footprints of these evicted stories (read from the spill where not cached lately)."""
        return self._cached("footprint", story_ids, self._fp_cache, FOOTPRINTS_CACHED)  # type: ignore[return-value]

    def put_out(self, st: StoryState) -> None:
        """Keep `st` in the spill with its ends, footprint and index entries (it is not in `stories`). A story
        that came back and did not change keeps its rows (they are rewritten only after a change)."""
        self._forget_copy(st.id)
        if st.id not in self.spill.clean:
            fp = Footprint.of(st)
            self._ends_cache.pop(st.id, None)
            self._fp_cache[st.id] = fp
            self._fp_cache.move_to_end(st.id)
            _trim(self._fp_cache, FOOTPRINTS_CACHED)
            self.spill.put(st, {"ends": Ends.of, "footprint": lambda _: fp})
        else:
            self.spill.put(st)
        keys = [k for k in st.keys if _discard(self.postings, k, st.id)]
        days = {int(t) for m in st.members for t in (m.event, m.published) if t is not None}
        days = {d for d in days if _discard(self.buckets, d, st.id)}
        self.out.put(st.id, keys, days, self.backlinks.pop(st.id, ()))

    def ends(self, story_ids: Iterable[str]) -> dict[str, Ends]:
        """The ends (centroid, members scored first) of these evicted stories, read from the spill; the
        stories stay out."""
        return self._cached("ends", story_ids, self._ends_cache, ENDS_CACHED, count=True)  # type: ignore[return-value]

    def _cached(self, kind: str, story_ids: Iterable[str], cache: OrderedDict[str, Any], size: int,
                count: bool = False) -> dict[str, Any]:
        out, todo = {}, []
        for sid in story_ids:
            hit = cache.get(sid)
            if hit is None:
                todo.append(sid)
            else:
                cache.move_to_end(sid)
                out[sid] = hit
        read = self.spill.extras(kind, todo)
        if count:
            self.peeks += len(read)
        for sid, value in read.items():
            out[sid] = cache[sid] = value
        _trim(cache, size)
        return out

    def story_of(self, article_id: str) -> str | None:
        sid = self.article_story.get(article_id)
        return sid if sid is not None else self.spill.story_of(article_id)

    def evict(self, st: StoryState) -> None:
        """Move `st` (not changed since the last `take_dirty`) out of memory with its index entries."""
        assert st.id not in self.dirty_ids, f"story {st.id} has changes not yet taken"
        del self.stories[st.id]
        for m in st.members:
            self.article_story.pop(m.id, None)
        self.put_out(st)
        self.evictions += 1

    def evict_quiet(self, before: float, keep: Iterable[str] = ()) -> int:
        """Evict the stories with no member time at or after `before`, unless changed since the last
        `take_dirty` or in `keep`; returns how many."""
        keep = self.dirty_ids | set(keep)
        quiet = [st for sid, st in self.stories.items() if sid not in keep and (st.last is None or st.last < before)]
        for st in quiet:
            self.evict(st)
        return len(quiet)

    def all_stories(self) -> list[StoryState]:
        """Every story, in memory or evicted (evicted ones are copies and stay evicted)."""
        return [*self.stories.values(), *self.spill.peek()]

    # ------------------------------------------------------------------ links

    def link(self, source: StoryState, target: str, link: RelatedLink) -> None:
        """`source` relates to story `target`; the link is kept on both sides (`backlinks`)."""
        source.related[target] = link
        self.add_backlink(target, source.id)
        self.dirty_ids.add(source.id)

    def add_backlink(self, target: str, source: str) -> None:
        """Story `source` links to `target` (in memory, evicted, or not read yet)."""
        if target in self.spill:
            self.out.link(target, source)
        else:
            self.backlinks[target].add(source)

    def drop_backlink(self, target: str, source: str) -> None:
        if target in self.spill:
            self.out.unlink(target, source)
        else:
            _discard(self.backlinks, target, source)

    def pop_backlinks(self, target: str) -> set[str]:
        """The stories linking to `target` (in memory), forgotten here."""
        return self.backlinks.pop(target, set())

    def settle_backlinks(self) -> None:
        """Move the backlinks of evicted stories out with them (after links were added before the stories
        they point at went out)."""
        for target in [t for t in self.backlinks if t in self.spill]:
            for source in self.backlinks.pop(target):
                self.out.link(target, source)

    def sharing(self, keys: dict[str, float] | list[str], exclude: str, max_postings: int,
                admit: Callable[[Footprint], bool] | None = None) -> list[StoryState]:
        """Stories holding any of `keys` (keys too common to retrieve by are skipped), in id order. An
        evicted story whose footprint `admit` refuses (one the caller would pass over) stays out."""
        found = self.by_keys(keys, max_postings)
        found.discard(exclude)
        if admit is not None:
            fps = self.footprints([s for s in found if s in self.spill])
            found = {s for s in found if s not in fps or admit(fps[s])}
        return [self.stories[sid] for sid in sorted(found) if self.live(sid)]

    def take_dirty(self) -> dict[str, bytes | None]:
        """States of stories changed since the last call; None marks a story removed or merged away."""
        out = dict(self.dirty)
        out.update({sid: self.stories[sid].to_bytes() for sid in self.dirty_ids if sid in self.stories})
        self.spill.changed(out)
        self.dirty.clear()
        self.dirty_ids.clear()
        return out


def _keys_of(sig: Signature) -> list[str]:
    """The keys a member is retrieved by: its names and other keys, its places as "@" + place."""
    return [*sig.keys, *("@" + p for p in sig.places)]


def _discard(index: dict[Any, set[str]], key: Any, story_id: str) -> bool:
    """Take `story_id` out of `index[key]` (an emptied entry goes); True when it was there."""
    post = index.get(key)
    if post is None or story_id not in post:
        return False
    post.discard(story_id)
    if not post:
        del index[key]
    return True


def _trim(cache: OrderedDict[str, Any], size: int) -> None:
    while len(cache) > size:
        cache.popitem(last=False)
