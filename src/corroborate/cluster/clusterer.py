"""Online story assignment: each article joins its best candidate story or opens a new one.

Candidates come from an index (time buckets around the article's event time, an inverted index over
entity/place keys, recent stories for undated articles), ranked cheaply by centroid similarity; only the
top few are scored with the calibrated pair model against a handful of their members. The work per
article therefore depends on how many stories are active around its time, not on the corpus size.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from corroborate.cluster.distinct import DistinctEvents
from corroborate.cluster.related import RelatedFinder
from corroborate.cluster.scoring import DocFreq, Model, Weighted, config_data, features, load_model
from corroborate.cluster.signature import Signature, from_days, signature
from corroborate.model import Analysis, Article, Assignment, RelatedLink, Story

STATE_VERSION = 1


@dataclass
class ClusterConfig:
    join_threshold: float | None = None  # None: from data/cluster.json
    merge_threshold: float | None = None
    related_threshold: float | None = None
    window_days: float = 21.0  # time-bucket window searched around the article's event time
    shortlist: int = 60  # stories kept by the cheap vectorised ranking
    top_k: int = 16  # stories fully scored per article
    members_scored: int = 8  # members of a story compared with the article (first two + most recent)
    max_postings: int = 50  # keys found in more stories than this are too common to retrieve by
    recent_undated: int = 200  # recent stories tried for articles without any time
    model: str = "stream"
    data: dict[str, Any] | None = None  # overrides data/cluster.json (benchmarks, tests)

    def resolved(self) -> tuple[Model, float, float, float]:
        data = self.data or config_data()
        th = data.get("thresholds", {})
        join = self.join_threshold if self.join_threshold is not None else float(th.get("join", 0.5))
        merge = self.merge_threshold if self.merge_threshold is not None else float(th.get("merge", 0.8))
        rel = self.related_threshold if self.related_threshold is not None else float(th.get("related", 0.35))
        return load_model(self.model, data), join, max(merge, join), rel


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

    def add(self, sig: Signature) -> None:
        self.members.append(sig)
        if sig.emb is not None:
            self.emb_sum = sig.emb.copy() if self.emb_sum is None else self.emb_sum + sig.emb
        self.keys.update(sig.keys)
        self.keys.update("@" + p for p in sig.places)

    @property
    def centroid(self) -> np.ndarray | None:
        if self.emb_sum is None:
            return None
        n = float(np.linalg.norm(self.emb_sum))
        return self.emb_sum / n if n else None

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


class Clusterer:
    """Online, time-aware, cross-lingual story clustering with persisted per-story state."""

    def __init__(self, config: ClusterConfig | None = None) -> None:
        self.config = config or ClusterConfig()
        self.model, self.join, self.merge, self.related_threshold = self.config.resolved()
        self.df = DocFreq()
        self._stories: dict[str, StoryState] = {}
        self._article_story: dict[str, str] = {}
        self._buckets: dict[int, set[str]] = defaultdict(set)
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._recent: deque[str] = deque(maxlen=self.config.recent_undated)
        self._dirty: dict[str, bytes | None] = {}
        self._dirty_ids: set[str] = set()
        self._backlinks: dict[str, set[str]] = defaultdict(set)  # story -> stories linking to it
        self._seq = 0
        self._related = RelatedFinder(self)
        self._distinct = DistinctEvents.from_config(self.config.data or config_data())

    # ------------------------------------------------------------------ persistence

    def restore(self, states: Iterable[tuple[str, bytes]]) -> None:
        """Rebuild from persisted per-story states (as `take_dirty` gave them), replacing current state."""
        self.__init__(self.config)  # type: ignore[misc]
        loaded = sorted((StoryState.from_bytes(sid, data) for sid, data in states), key=lambda s: s.seq)
        for st in loaded:
            self._stories[st.id] = st
            self._seq = max(self._seq, st.seq + 1)
            for target in st.related:
                self._backlinks[target].add(st.id)
            for sig in st.members:
                self.df.add(sig)
                self._article_story[sig.id] = st.id
                self._index(st, sig)
        self._dirty.clear()
        self._dirty_ids.clear()

    def take_dirty(self) -> dict[str, bytes | None]:
        """States of stories changed since the last call; None marks a story merged away."""
        out = dict(self._dirty)
        out.update({sid: self._stories[sid].to_bytes() for sid in self._dirty_ids if sid in self._stories})
        self._dirty.clear()
        self._dirty_ids.clear()
        return out

    # ------------------------------------------------------------------ queries

    def story(self, story_id: str) -> Story:
        st = self._stories.get(story_id)
        if st is None:
            raise KeyError(f"no story {story_id!r} in the clusterer (merged away or never created)")
        return self._to_story(st)

    def stories(self) -> list[Story]:
        return [self._to_story(st) for st in sorted(self._stories.values(), key=lambda s: s.seq)]

    def story_of(self, article_id: str) -> str | None:
        return self._article_story.get(article_id)

    def _to_story(self, st: StoryState) -> Story:
        pubs = [m.published for m in st.members if m.published is not None]
        title = st.members[0].title
        centroid = st.centroid
        if centroid is not None:
            titled = [m for m in st.members if m.title and m.emb is not None]
            if titled:
                title = max(titled, key=lambda m: float(np.dot(m.emb, centroid))).title  # type: ignore[arg-type]
        return Story(
            id=st.id, article_ids=[m.id for m in st.members], title=title,
            first_published=from_days(min(pubs)) if pubs else None,
            last_published=from_days(max(pubs)) if pubs else None,
            related=sorted(st.related.values(), key=lambda r: -r.score),
        )

    # ------------------------------------------------------------------ assignment

    def add(self, article: Article, analysis: Analysis) -> Assignment:
        """Assign one analysed article; re-adding a known article id returns its current story."""
        if article.id in self._article_story:
            sid = self._article_story[article.id]
            return Assignment(article_id=article.id, story=sid, score=1.0, new_story=False)
        return self.add_signature(signature(article, analysis))

    def add_signature(self, sig: Signature) -> Assignment:
        self.df.add(sig)
        query = Weighted.of(sig, self.df)
        scored = [(sid, p) for sid, p in self._score_candidates(query)
                  if not self._distinct.separates(sig, self._stories[sid].members)]
        best_sid, best = (scored[0] if scored else (None, 0.0))
        merged: list[str] = []
        if best_sid is not None and best >= self.join:
            bridged = [sid for sid, p in scored[1:] if p >= self.merge and not self._distinct.separates_stories(
                self._stories[best_sid].members, self._stories[sid].members)]
            keep = min([best_sid, *bridged], key=lambda s: self._stories[s].seq)
            st = self._stories[keep]
            for sid in [best_sid, *bridged]:
                if sid != keep:
                    self._merge_into(st, self._stories[sid])
                    merged.append(sid)
            new = False
        else:
            st = StoryState(id=story_id_for(sig.id), seq=self._seq)
            self._seq += 1
            while st.id in self._stories:  # id collision: extremely unlikely, keep ids unique anyway
                st.id = "s" + hashlib.sha1(st.id.encode()).hexdigest()[:12]
            self._stories[st.id] = st
            new = True
        st.add(sig)
        self._article_story[sig.id] = st.id
        self._index(st, sig)
        self._dirty_ids.add(st.id)
        self._related.update(st, sig, query)
        return Assignment(article_id=sig.id, story=st.id, score=round(float(best), 4), new_story=new,
                          merged=merged)

    def _merge_into(self, keep: StoryState, gone: StoryState) -> None:
        for sig in gone.members:
            keep.add(sig)
            self._article_story[sig.id] = keep.id
            self._index(keep, sig)
        for sid, link in gone.related.items():
            if sid != keep.id and (sid not in keep.related or keep.related[sid].score < link.score):
                keep.related[sid] = link
        keep.members.sort(key=lambda m: (m.published is None, m.published or 0.0))
        del self._stories[gone.id]
        self._dirty_ids.discard(gone.id)
        self._dirty[gone.id] = None
        for src in sorted(self._backlinks.pop(gone.id, set())):
            other = self._stories.get(src)
            if other is None or gone.id not in other.related:
                continue
            link = other.related.pop(gone.id)
            if other.id != keep.id:
                other.related.setdefault(keep.id, RelatedLink(keep.id, link.relation, link.score))
                self._backlinks[keep.id].add(other.id)
            self._dirty_ids.add(other.id)
        keep.related.pop(keep.id, None)
        for target in keep.related:
            self._backlinks[target].add(keep.id)
        self._dirty_ids.add(keep.id)

    # ------------------------------------------------------------------ index

    def _index(self, st: StoryState, sig: Signature) -> None:
        t = sig.event if sig.event is not None else sig.published
        if t is not None:
            self._buckets[int(t)].add(st.id)
        if st.id in self._recent:
            self._recent.remove(st.id)
        self._recent.append(st.id)
        for k in sig.keys:
            self._postings[k].add(st.id)
        for p in sig.places:
            self._postings["@" + p].add(st.id)

    def candidates(self, sig: Signature) -> set[str]:
        cands: set[str] = set()
        times = [t for t in (sig.event, sig.published) if t is not None]
        w = int(self.config.window_days)
        for day in {int(t) for t in times}:
            for d in range(day - w, day + w + 1):
                cands.update(self._buckets.get(d, ()))
        if not times:
            cands.update(self._recent)
        for day in {int(t) for t in sig.past_times}:  # the incident a follow-up recalls
            for d in range(day - 2, day + 3):
                cands.update(self._buckets.get(d, ()))
        keys = list(sig.keys) + ["@" + p for p in sig.places]
        for k in keys:
            post = self._postings.get(k)
            if post and len(post) <= self.config.max_postings:
                cands.update(post)
        return {s for s in cands if s in self._stories}

    def _score_candidates(self, query: Weighted) -> list[tuple[str, float]]:
        """Three stages: cheap vectorised ranking, the model on two members, the model on several."""
        sig = query.sig
        cands = sorted(self.candidates(sig), key=lambda s: self._stories[s].seq)
        if not cands:
            return []
        if len(cands) > self.config.shortlist:
            cands = self._prefilter(query, cands)
        if len(cands) > self.config.top_k:
            rough = [(self._story_prob(query, self._stories[s], 2), s) for s in cands]
            keep = {s for _, s in sorted(rough, key=lambda x: -x[0])[: self.config.top_k]}
            cands = [s for s in cands if s in keep]
        scored = [(sid, self._story_prob(query, self._stories[sid], self.config.members_scored)) for sid in cands]
        scored.sort(key=lambda x: (-x[1], self._stories[x[0]].seq))
        return scored

    def _story_prob(self, query: Weighted, st: StoryState, members: int) -> float:
        chosen = st.members if len(st.members) <= members else (
            st.members[:1] + st.members[-(members - 1) :] if members > 1 else st.members[-1:])
        xs = np.stack([features(query, Weighted.of(m, self.df)) for m in chosen])
        return float(self.model.probs(xs).max())

    def _prefilter(self, query: Weighted, cands: list[str]) -> list[str]:
        """Cheap ranking (centroid cosine, shared rare keys, lexical cosine with the latest member)."""
        sig = query.sig
        sts = [self._stories[s] for s in cands]
        cheap = np.zeros(len(sts))
        if sig.emb is not None:
            cents = [st.centroid for st in sts]
            rows = [i for i, c in enumerate(cents) if c is not None]
            if rows:
                cheap[rows] = np.stack([cents[i] for i in rows]) @ sig.emb
        weights = {**query.key_w, **{"@" + p: w for p, w in query.place_w.items()}}
        lexical = len(sts) <= 400
        for i, st in enumerate(sts):
            cheap[i] += 0.1 * sum(w for k, w in weights.items() if k in st.keys)
            if lexical:
                cheap[i] += 2.0 * features_lex(query, Weighted.of(st.members[-1], self.df))
        order = np.argsort(-cheap, kind="stable")[: self.config.shortlist]
        return [cands[i] for i in sorted(order)]


def features_lex(a: Weighted, b: Weighted) -> float:
    _, ia, ib = np.intersect1d(a.sig.term_ids, b.sig.term_ids, assume_unique=True, return_indices=True)
    return float(np.dot(a.w[ia], b.w[ib])) / (a.norm * b.norm) if len(ia) else 0.0
