"""Links between different stories: background mentions of an earlier event, and follow-ups.

The newer story links to the older one when its article names the older story's key people/places while
its own event lies weeks or months later; an earlier-time expression that falls in the older story's
time span is extra evidence. Rules (gaps, overlaps, follow-up event types) are data in cluster.json.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from corroborate.cluster.footprint import named_keys
from corroborate.cluster.scoring import Weighted, config_data
from corroborate.model import RelatedLink

if TYPE_CHECKING:
    from corroborate.cluster.footprint import Footprint
    from corroborate.cluster.scoring import DocFreq
    from corroborate.cluster.signature import Signature
    from corroborate.cluster.state import StoryIndex, StoryState


MIN_SURNAME = 3  # characters of a surname key (consonant skeleton) that may stand for the full name


_named = named_keys


def _shared(keys: dict[str, float], probe: dict[str, float]) -> list[str]:
    """The keys found in `probe`, a person named in full on one side and by surname alone on the other
    included ("Given Family" = "Family"): background mentions of an earlier event are often that brief.
    (`probe` may be a story's whole key set: it is scanned for surnames only when a lone name needs it.)"""
    surnames: set[str] | None = None
    out = []
    for k in keys:
        if k in probe:
            out.append(k)
        elif k.startswith("@"):
            continue
        elif " " in k:
            last = k.rsplit(" ", 1)[-1]
            if len(last) >= MIN_SURNAME and last in probe and not last.startswith("@"):
                out.append(k)
        elif len(k) >= MIN_SURNAME:
            if surnames is None:
                surnames = {n.rsplit(" ", 1)[-1] for n in probe if " " in n and not n.startswith("@")}
            if k in surnames:
                out.append(k)
    return out


class RelatedFinder:
    def __init__(self, index: StoryIndex, df: DocFreq, data: dict[str, Any] | None = None,
                 max_postings: int = 50) -> None:
        self.idx, self.df, self.max_postings = index, df, max_postings
        rules: dict[str, Any] = (data or config_data()).get("related", {})
        self.min_gap = float(rules.get("min_gap_days", 20))
        self.tol = float(rules.get("past_time_tolerance_days", 31))
        self.min_overlap = float(rules.get("min_overlap", 0.35))
        self.min_shared = int(rules.get("min_shared_keys", 2))
        self.story_keys = int(rules.get("story_keys", 8))
        self.follow_up_types = set(rules.get("follow_up_event_types", ()))
        self.undated_overlap = float(rules.get("undated_min_overlap", 0.5))

    def _key_set(self, st: StoryState) -> dict[str, float]:
        """The story's defining keys: its named people, organisations and places most frequent across its
        members, weighted by rarity (capitalised-token stand-ins are left out: too noisy to define a story)."""
        counts: Counter[str] = Counter()
        for m in st.members:
            counts.update(_named(m))
        return self._top_keys(counts.items())

    def _top_keys(self, counts: Iterable[tuple[str, int]]) -> dict[str, float]:
        df = self.df
        ranked = sorted(counts, key=lambda kv: (-kv[1] * df.key_idf(kv[0]), kv[0]))
        return {k: df.key_idf(k) for k, _ in ranked[: self.story_keys]}

    def _link(self, newer: StoryState, older: StoryState, sig: Signature, overlap: float,
              past_hit: bool) -> None:
        relation = "follow-up" if sig.event_type in self.follow_up_types else "background"
        score = round(min(1.0, overlap + (0.2 if past_hit else 0.0)), 4)
        old = newer.related.get(older.id)
        if old is None or old.score < score:
            self.idx.link(newer, older.id, RelatedLink(older.id, relation, score))
            self._reciprocal(older, newer, relation, score)

    def _reciprocal(self, target: StoryState, source: StoryState, relation: str, score: float) -> None:
        """The link shows on both stories: the one mentioned lists the story that mentions it, same relation."""
        back = target.related.get(source.id)
        if back is None or back.score < score:
            self.idx.link(target, source.id, RelatedLink(source.id, relation, score))

    def _sharing_keys(self, keys: dict[str, float], exclude: str,
                      admit: Callable[[Footprint], bool] | None = None) -> list[StoryState]:
        return self.idx.sharing(keys, exclude, self.max_postings, admit)

    def _may_link(self, sig: Signature, mine: dict[str, float]) -> Callable[[Footprint], bool]:
        """Whether an evicted story could be linked by `update`. For a story older than the article, the
        footprint's named keys with their member counts decide exactly as the story would; a newer one
        (an article arriving out of order) passes when it may share enough keys (conservative)."""
        event = sig.event
        assert event is not None

        def admit(fp: Footprint) -> bool:
            if fp.times is None or fp.shared_with(mine) < self.min_shared:
                return False
            lo, hi = fp.times
            if event - hi >= self.min_gap:
                keys = self._top_keys(zip(fp.named, fp.named_counts, strict=True))
                past_hit = any(lo - self.tol <= t <= hi + self.tol for t in sig.past_times)
                shared = _shared(keys, mine)
                overlap = sum(keys[k] for k in shared) / (sum(keys.values()) or 1.0)
                return len(shared) >= self.min_shared and (overlap >= self.min_overlap or past_hit)
            return lo - event >= self.min_gap

        return admit

    def _may_link_undated(self, mine: dict[str, float]) -> Callable[[Footprint], bool]:
        return lambda fp: fp.sharing_back(mine) >= self.min_shared + 1

    def update(self, st: StoryState, sig: Signature, query: Weighted) -> None:
        mine = {k: self.df.key_idf(k) for k in _named(sig)}
        if sig.event is None:
            self._undated(st, sig, mine)
            return
        for other in self._sharing_keys(mine, st.id, self._may_link(sig, mine)):
            # a link needs min_shared of the other story's defining keys among this article's: a story
            # sharing fewer keys of any kind cannot qualify (cheap test before ranking its keys)
            if len(_shared(mine, other.keys)) < self.min_shared:
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
            shared = _shared(keys, probe)
            total = sum(keys.values()) or 1.0
            overlap = sum(keys[k] for k in shared) / total
            if len(shared) >= self.min_shared and (overlap >= self.min_overlap or past_hit):
                self._link(newer, older, sig, overlap, past_hit)

    def _undated(self, st: StoryState, sig: Signature, mine: dict[str, float]) -> None:
        """An undated article that the clusterer kept apart yet shares most of another story's defining
        people and places is related to it: kept apart, it tells another event of the same people, so one
        story is background to the other (relation "background"; without times the order is unknown)."""
        for other in self._sharing_keys(mine, st.id, self._may_link_undated(mine)):
            keys = self._key_set(other)
            shared = _shared(keys, mine)
            overlap = sum(keys[k] for k in shared) / (sum(keys.values()) or 1.0)
            if len(shared) >= self.min_shared + 1 and overlap >= self.undated_overlap:
                score = round(overlap, 4)
                old = st.related.get(other.id)
                if old is None or old.score < score:
                    self.idx.link(st, other.id, RelatedLink(other.id, "background", score))
                    self._reciprocal(other, st, "background", score)
