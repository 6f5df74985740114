"""Links between different stories: background mentions of an earlier event, and follow-ups.

The newer story links to the older one when its article names the older story's key people/places while
its own event lies weeks or months later; an earlier-time expression that falls in the older story's
time span is extra evidence. Rules (gaps, overlaps, follow-up event types) are data in cluster.json.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from corroborate.cluster.scoring import Weighted, config_data
from corroborate.model import RelatedLink

if TYPE_CHECKING:
    from corroborate.cluster.clusterer import Clusterer, StoryState
    from corroborate.cluster.signature import Signature


class RelatedFinder:
    def __init__(self, clusterer: Clusterer) -> None:
        self.c = clusterer
        data = clusterer.config.data or config_data()
        rules: dict[str, Any] = data.get("related", {})
        self.min_gap = float(rules.get("min_gap_days", 20))
        self.tol = float(rules.get("past_time_tolerance_days", 31))
        self.min_overlap = float(rules.get("min_overlap", 0.35))
        self.min_shared = int(rules.get("min_shared_keys", 2))
        self.story_keys = int(rules.get("story_keys", 8))
        self.follow_up_types = set(rules.get("follow_up_event_types", ()))
        self.undated_overlap = float(rules.get("undated_min_overlap", 0.5))

    def _key_set(self, st: StoryState) -> dict[str, float]:
        """The story's defining keys: most frequent across its members, weighted by rarity."""
        names, slots, counts = st.key_arrays(self.c.df)
        idf = self.c.df.slot_idf(slots)
        top = np.argsort(-(counts * idf), kind="stable")[: self.story_keys]  # ties: key order
        return {names[i]: float(idf[i]) for i in top.tolist()}

    def _link(self, newer: StoryState, older: StoryState, sig: Signature, overlap: float,
              past_hit: bool) -> None:
        relation = "follow-up" if sig.event_type in self.follow_up_types else "background"
        score = round(min(1.0, overlap + (0.2 if past_hit else 0.0)), 4)
        old = newer.related.get(older.id)
        if old is None or old.score < score:
            newer.related[older.id] = RelatedLink(older.id, relation, score)
            self.c._backlinks[older.id].add(newer.id)
            self.c._dirty_ids.add(newer.id)

    def _sharing_keys(self, keys: dict[str, float], exclude: str) -> list[StoryState]:
        """Stories holding any of `keys` (keys too common to retrieve by are skipped), in id order."""
        found: set[str] = set()
        for k in keys:
            post = self.c._postings.get(k)
            if post and len(post) <= self.c.config.max_postings:
                found.update(post)
        found.discard(exclude)
        return [self.c._stories[sid] for sid in sorted(found) if sid in self.c._stories]

    def update(self, st: StoryState, sig: Signature, query: Weighted) -> None:
        mine = {**query.key_w, **{"@" + p: w for p, w in query.place_w.items()}}
        if sig.event is None:
            self._undated(st, sig, mine)
            return
        for other in self._sharing_keys(mine, st.id):
            # a link needs min_shared of the other story's defining keys among this article's: a story
            # sharing fewer keys of any kind cannot qualify (cheap test before ranking its keys)
            if sum(1 for k in mine if k in other.keys) < self.min_shared:
                continue
            times = other.times()
            if not times:
                continue
            lo, hi = min(times), max(times)
            if sig.event - hi >= self.min_gap:
                newer, older, keys = st, other, self._key_set(other)
                past_hit = any(lo - self.tol <= t <= hi + self.tol for t in sig.past_times)
            elif lo - sig.event >= self.min_gap:
                newer, older, keys = other, st, mine
                past_hit = any(sig.event - self.tol <= t <= sig.event + self.tol
                               for m in other.members for t in m.past_times)
            else:
                continue
            probe = mine if newer is st else self._key_set(other)
            shared = [k for k in keys if k in probe]
            total = sum(keys.values()) or 1.0
            overlap = sum(keys[k] for k in shared) / total
            if len(shared) >= self.min_shared and (overlap >= self.min_overlap or past_hit):
                self._link(newer, older, sig, overlap, past_hit)

    def _undated(self, st: StoryState, sig: Signature, mine: dict[str, float]) -> None:
        """An undated article that the clusterer kept apart yet shares most of another story's defining
        people and places is related to it; without times the order is unknown, so relation "related"."""
        for other in self._sharing_keys(mine, st.id):
            keys = self._key_set(other)
            shared = [k for k in keys if k in mine]
            overlap = sum(keys[k] for k in shared) / (sum(keys.values()) or 1.0)
            if len(shared) >= self.min_shared + 1 and overlap >= self.undated_overlap:
                score = round(overlap, 4)
                old = st.related.get(other.id)
                if old is None or old.score < score:
                    st.related[other.id] = RelatedLink(other.id, "related", score)
                    self.c._backlinks[other.id].add(st.id)
                    self.c._dirty_ids.add(st.id)
