"""Online story assignment: each article joins its best candidate story or opens a new one.

Candidates come from an index (time buckets around the article's event time, an inverted index over
entity/place keys, recent stories for undated articles), ranked cheaply by centroid similarity; only the
top few are scored with the calibrated pair model against a handful of their members. The work per
article therefore depends on how many stories are active around its time, not on the corpus size.

Embeddings are what match articles across languages; within one language the other signals do as well
(GVA dev). Given an `embedder`, the clusterer asks for an article's embedding only when a story of another
language is among its candidates and the embedding could decide: some pair scored with embeddings could
reach the join threshold with a cosine anywhere in [-1, 1] (the embedding features are linear in the
cosine, so that bound is exact); a cross-lingual candidate sharing no name, place or term cannot. It then
embeds the other-language members it scores the article against (backfill, persisted with the story). Pairs where either side has no embedding are scored with the model
fitted without the embedding features ("stream_mono" in data/cluster.json); pairs where either side has no
publication time, with the models fitted with the dates hidden ("stream_undated", "stream_mono_undated").
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from corroborate.cluster.distinct import DistinctEvents
from corroborate.cluster.footprint import Ends
from corroborate.cluster.related import RelatedFinder
from corroborate.cluster.scoring import DocFreq, PairModels, Weighted, config_data, emb_slope, features
from corroborate.cluster.signature import Signature, as_embedding, from_days, signature
from corroborate.cluster.state import StoryIndex, StoryState, story_id_for
from corroborate.model import Analysis, Article, Assignment, RelatedLink, Story

# article ids -> embedding (or None when the article has no text to embed)
Embedder = Callable[[Sequence[str]], Mapping[str, Any]]


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
    # a story with no member time within this many days of the newest publication time is moved out of
    # memory at the next `take_dirty` (and comes back when a lookup finds it); None keeps every story
    quiet_days: float | None = 42.0
    model: str = "stream"
    data: dict[str, Any] | None = None  # overrides data/cluster.json (benchmarks, tests)
    # with an embedder: embed an article only when the embedding could let a story reach the join threshold
    # (False: whenever a story of another language is a candidate, the earlier rule)
    embed_only_when_decisive: bool = True

    def resolved(self) -> tuple[PairModels, float, float, float]:
        """(the pair models, join, merge, related)."""
        data = self.data or config_data()
        th = data.get("thresholds", {})
        join = self.join_threshold if self.join_threshold is not None else float(th.get("join", 0.5))
        merge = self.merge_threshold if self.merge_threshold is not None else float(th.get("merge", 0.8))
        rel = self.related_threshold if self.related_threshold is not None else float(th.get("related", 0.35))
        return PairModels.load(self.model, data), join, max(merge, join), rel


class Clusterer:
    """Online, time-aware, cross-lingual story clustering with persisted per-story state."""

    def __init__(self, config: ClusterConfig | None = None, embedder: Embedder | None = None) -> None:
        self.config = config or ClusterConfig()
        self.models, self.join, self.merge, self.related_threshold = self.config.resolved()
        # with an embedder, articles come without embeddings and are embedded only when a story of
        # another language is among their candidates (the embedding is what matches across languages);
        # members of other languages are then embedded when they are scored (backfill)
        self.embedder = embedder
        self.embedded = 0  # texts this clusterer had embedded
        self._prefetched: dict[str, Any] = {}
        self._ends: dict[str, Ends] = {}  # of the evicted candidates of the article being scored
        self.df = DocFreq()
        self.idx = StoryIndex(self.config.recent_undated)
        self._seq = 0
        self.clock: float | None = None  # the newest publication time seen (days)
        self._evicted_at: float | None = None
        self._related = RelatedFinder(self.idx, self.df, self.config.data or config_data(),
                                      self.config.max_postings)
        self._distinct = DistinctEvents.from_config(self.config.data or config_data())

    # ------------------------------------------------------------------ persistence

    def restore(self, states: Iterable[tuple[str, bytes]]) -> None:
        """Rebuild from persisted per-story states (as `take_dirty` gave them), replacing current state.
        With `quiet_days`, the states are read one at a time and each goes out of memory once indexed;
        the stories not yet quiet come back at the end (memory stays bounded)."""
        self.idx.spill.close()
        self.__init__(self.config, self.embedder)  # type: ignore[misc]
        evicting = self.config.quiet_days is not None
        order: list[tuple[int, str, float | None]] = []
        for sid, data in states:
            st = StoryState.from_bytes(sid, data)
            self._seq = max(self._seq, st.seq + 1)
            for target in st.related:
                self.idx.add_backlink(target, st.id)
            for sig in st.members:
                self.df.add(sig)
                self._tick(sig)
                self.idx.add(st, sig)
            order.append((st.seq, st.id, st.last))
            if evicting:
                self.idx.put_out(st)
            else:
                self.idx.stories[st.id] = st
                for sig in st.members:
                    self.idx.article_story[sig.id] = st.id
        self.idx.settle_backlinks()
        order.sort()
        self.idx.recent.clear()
        self.idx.recent.extend(sid for _, sid, _ in order)  # the latest stories, as when added in order
        for _, sid, last in order:
            if evicting and not self._quiet(last):
                self.idx.get(sid)
        self._evicted_at = self.clock
        self.idx.dirty.clear()
        self.idx.dirty_ids.clear()

    def _tick(self, sig: Signature) -> None:
        if sig.published is not None and (self.clock is None or sig.published > self.clock):
            self.clock = sig.published

    def _quiet(self, last: float | None) -> bool:
        q = self.config.quiet_days
        return q is not None and self.clock is not None and (last is None or last < self.clock - q)

    def take_dirty(self) -> dict[str, bytes | None]:
        """States of stories changed since the last call; None marks a story merged away. Then, once a
        day of the stream has passed since the last time, the quiet stories are moved out of memory."""
        out = self.idx.take_dirty()
        q = self.config.quiet_days
        if q is not None and self.clock is not None and (self._evicted_at is None or self.clock - self._evicted_at >= 1.0):
            self.idx.evict_quiet(self.clock - q, keep=out)
            self._evicted_at = self.clock
        return out

    # ------------------------------------------------------------------ queries

    def story(self, story_id: str) -> Story:
        st = self.idx.get(story_id)
        if st is None:
            raise KeyError(f"no story {story_id!r} in the clusterer (merged away or never created)")
        return self._to_story(st)

    def stories(self) -> list[Story]:
        return [self._to_story(st) for st in sorted(self.idx.all_stories(), key=lambda s: s.seq)]

    def story_of(self, article_id: str) -> str | None:
        return self.idx.story_of(article_id)

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
        sid = self.idx.story_of(article.id)
        if sid is not None:
            return Assignment(article_id=article.id, story=sid, score=1.0, new_story=False)
        return self.add_signature(signature(article, analysis))

    def add_batch(self, items: Sequence[tuple[Article, Analysis]]) -> list[Assignment]:
        """`add` each item in order; with an embedder, the articles likely to need an embedding (another
        language among their candidates or in the batch near their time) are embedded in one encoder call
        first. The result is the same as adding them one by one: the prefetch only saves time."""
        sigs = [None if self.idx.story_of(a.id) is not None else signature(a, an) for a, an in items]
        if self.embedder is not None:
            likely = self._likely_to_embed([s for s in sigs if s is not None])
            if likely:
                self._prefetched.update(self.embedder([s.id for s in likely]))
        out = []
        for (article, analysis), sig in zip(items, sigs, strict=True):
            out.append(self.add(article, analysis) if sig is None else self.add_signature(sig))
        self._prefetched.clear()
        return out

    def likely_to_embed(self, items: Sequence[tuple[Article, Analysis]],
                        ahead: Sequence[tuple[Article, Analysis]] = ()) -> list[str]:
        """Ids of the `items` (not yet added) the clusterer will likely ask the embedder for, judged on the
        current state; `ahead`: articles to be added before them (their candidates too). A guess for
        computing vectors early elsewhere: what the clusterer asks for when adding is decided then."""
        if self.embedder is None:
            return []
        sigs = [signature(a, an) for a, an in items if self.idx.story_of(a.id) is None]
        extra = [signature(a, an) for a, an in ahead if self.idx.story_of(a.id) is None]
        return [s.id for s in self._likely_to_embed(sigs, extra)]

    def _likely_to_embed(self, sigs: list[Signature], ahead: Sequence[Signature] = ()) -> list[Signature]:
        w = self.config.window_days
        out = []
        for sig in sigs:
            if not self._needs_embedding(sig):
                continue
            t = sig.event if sig.event is not None else sig.published
            near_other = any(o.lang != sig.lang and (t is None or o.event is None or abs(o.event - t) <= w)
                             for o in (*ahead, *sigs))
            if not near_other and not self._other_language(sig, self.candidates(sig)):
                continue
            if not self.config.embed_only_when_decisive:
                out.append(sig)
                continue
            # the batch's other-language articles are not in the index yet: bound against them as members
            query = Weighted.of(sig, self.df)
            others = [o for o in (*ahead, *sigs) if o is not sig and o.lang != sig.lang]
            if self._embedding_decides(query, self.candidates(sig)) or self._could_join(query, others, 1):
                out.append(sig)
        return out

    def add_signature(self, sig: Signature) -> Assignment:
        self.df.add(sig)
        self._tick(sig)
        query = Weighted.of(sig, self.df)
        cands = self.candidates(sig)
        if self._needs_embedding(sig) and self._other_language(sig, cands) and self._embedding_decides(query, cands):
            self._embed([sig])
        # evicted candidates are scored and tested on copies: only the stories that change come back
        scored = [(sid, p) for sid, p in self._score_candidates(query, cands)
                  if not self._distinct.separates(sig, self.idx.view(sid).members)]
        best_sid, best = (scored[0] if scored else (None, 0.0))
        merged: list[str] = []
        if best_sid is not None and best >= self.join:
            bridged = [sid for sid, p in scored[1:] if p >= self.merge and not self._distinct.separates_stories(
                self.idx.view(best_sid).members, self.idx.view(sid).members)]
            self._bring_back([best_sid, *bridged])
            keep = min([best_sid, *bridged], key=lambda s: self.idx.stories[s].seq)
            st = self.idx.stories[keep]
            for sid in [best_sid, *bridged]:
                if sid != keep:
                    self._merge_into(st, self.idx.stories[sid])
                    merged.append(sid)
            new = False
        else:
            st = StoryState(id=story_id_for(sig.id), seq=self._seq)
            self._seq += 1
            while st.id in self.idx.stories:  # id collision: extremely unlikely, keep ids unique anyway
                st.id = "s" + hashlib.sha1(st.id.encode()).hexdigest()[:12]
            self.idx.stories[st.id] = st
            new = True
        st.add(sig)
        self.idx.article_story[sig.id] = st.id
        self.idx.add(st, sig)
        self.idx.dirty_ids.add(st.id)
        self._related.update(st, sig, query)
        return Assignment(article_id=sig.id, story=st.id, score=round(float(best), 4), new_story=new,
                          merged=merged)

    def _merge_into(self, keep: StoryState, gone: StoryState) -> None:
        for sig in gone.members:
            keep.add(sig)
            self.idx.article_story[sig.id] = keep.id
            self.idx.add(keep, sig)
        for sid, link in gone.related.items():
            if sid != keep.id and (sid not in keep.related or keep.related[sid].score < link.score):
                keep.related[sid] = link
        keep.members.sort(key=lambda m: (m.published is None, m.published or 0.0))
        self.idx.merged_away(gone)
        del self.idx.stories[gone.id]
        self.idx.dirty_ids.discard(gone.id)
        self.idx.dirty[gone.id] = None
        for src in sorted(self.idx.pop_backlinks(gone.id)):
            other = self.idx.get(src)
            if other is None or gone.id not in other.related:
                continue
            link = other.related.pop(gone.id)
            if other.id != keep.id:
                other.related.setdefault(keep.id, RelatedLink(keep.id, link.relation, link.score))
                self.idx.add_backlink(keep.id, other.id)
            self.idx.dirty_ids.add(other.id)
        keep.related.pop(keep.id, None)
        for target in keep.related:
            self.idx.add_backlink(target, keep.id)
        self.idx.dirty_ids.add(keep.id)

    # ------------------------------------------------------------------ index

    def candidates(self, sig: Signature) -> set[str]:
        cands: set[str] = set()
        times = [t for t in (sig.event, sig.published) if t is not None]
        w = int(self.config.window_days)
        for day in {int(t) for t in times}:
            cands |= self.idx.by_days(day - w, day + w)
        if not times:
            cands.update(self.idx.recent)
        for day in {int(t) for t in sig.past_times}:  # the incident a follow-up recalls
            cands |= self.idx.by_days(day - 2, day + 2)
        cands |= self.idx.by_keys([*sig.keys, *("@" + p for p in sig.places)], self.config.max_postings)
        found = {s for s in cands if self.idx.exists(s)}
        self.idx.footprints([s for s in found if s not in self.idx.stories])  # one read; the stages look them up
        return found

    def _score_candidates(self, query: Weighted, found: set[str]) -> list[tuple[str, float]]:
        """Three stages: cheap vectorised ranking, the model on two members, the model on several. The
        first two run on the footprints of evicted candidates (the same figures as on the stories): only
        the candidates that reach the last stage come back into memory."""
        cands = sorted(found, key=self.idx.seq)
        if not cands:
            return []
        try:
            self._ends = self.idx.ends([s for s in cands if s not in self.idx.stories])
            return self._score_stages(query, cands, len(found))
        finally:
            self._ends = {}

    def _score_stages(self, query: Weighted, cands: list[str], found: int) -> list[tuple[str, float]]:
        weighted: dict[str, Weighted] = {}  # members' weights, computed once per article (df is fixed here)
        backfill = query.sig.emb is not None and self.embedder is not None
        if len(cands) > self.config.shortlist:
            cands = self._prefilter(query, cands)
        if len(cands) > self.config.top_k:
            if backfill:  # backfilled embeddings change the stories: bring them back first
                self._bring_back(cands)
            self._backfill(query.sig, cands, 2)
            rough = zip(self._stories_probs(query, cands, 2, weighted, found), cands, strict=True)
            keep = {s for _, s in sorted(rough, key=lambda x: -x[0])[: self.config.top_k]}
            cands = [s for s in cands if s in keep]
        if backfill:
            self._bring_back(cands)
        self._backfill(query.sig, cands, self.config.members_scored)
        probs = self._stories_probs(query, cands, self.config.members_scored, weighted, found)
        scored = list(zip(cands, probs, strict=True))
        scored.sort(key=lambda x: (-x[1], self.idx.seq(x[0])))
        return scored

    def _bring_back(self, sids: Iterable[str]) -> None:
        for sid in sids:
            if sid not in self.idx.stories:
                self.idx.get(sid)

    def _scored_members(self, sid: str, members: int) -> Sequence[Signature]:
        """The members of story `sid` that the model compares with (an evicted story's ends hold the two that
        the rough stage scores; for more, a copy of it is read)."""
        if members == 2 and sid not in self.idx.stories:
            return self._ends[sid].ends
        return self._chosen(self.idx.view(sid), members)

    @staticmethod
    def _chosen(st: StoryState, members: int) -> list[Signature]:
        if len(st.members) <= members:
            return st.members
        return st.members[:1] + st.members[-(members - 1) :] if members > 1 else st.members[-1:]

    def _weigh(self, sigs: Sequence[Signature], cache: dict[str, Weighted]) -> None:
        """Put the weights of the `sigs` not in `cache` there (computed together)."""
        todo = list({s.id: s for s in sigs if s.id not in cache}.values())
        cache.update((w.sig.id, w) for w in Weighted.many(todo, self.df))

    def _weighted(self, sig: Signature, cache: dict[str, Weighted]) -> Weighted:
        w = cache.get(sig.id)
        if w is None:
            w = cache[sig.id] = Weighted.of(sig, self.df)
        return w

    def _stories_probs(self, query: Weighted, sids: list[str], members: int,
                       weighted: dict[str, Weighted], found: int | None = None) -> list[float]:
        """Each story's probability of the article's event: the best over `members` of its members (each
        pair scored by the model for the evidence it has: embeddings and publication times on both sides)."""
        if not sids:
            return []
        chosen = [self._scored_members(s, members) for s in sids]
        flat = [m for ms in chosen for m in ms]
        self._weigh(flat, weighted)
        xs = np.stack([features(query, self._weighted(m, weighted)) for m in flat])
        has_emb, dated = query.sig.emb is not None, query.sig.published is not None
        probs = self.models.probs(xs, np.array([has_emb and m.emb is not None for m in flat]),
                                  np.array([dated and m.published is not None for m in flat]), found)
        starts = np.cumsum([0] + [len(ms) for ms in chosen[:-1]])
        return np.maximum.reduceat(probs, starts).tolist()

    # ------------------------------------------------------------------ lazy embeddings

    def _needs_embedding(self, sig: Signature) -> bool:
        return self.embedder is not None and sig.emb is None and not sig.emb_missing

    def _other_language(self, sig: Signature, cands: Iterable[str]) -> bool:
        lang = sig.lang or ""
        return any(len(langs) > 1 or lang not in langs for langs in (set(self.idx.langs(s)) for s in cands))

    def _embedding_decides(self, query: Weighted, cands: set[str]) -> bool:
        """Whether embedding the article could let one of `cands` reach the join threshold: a member that
        would be scored with embeddings (another language's, or one already embedded) whose pair score
        reaches it with some cosine in [-1, 1]. If none can, every pair the embedding would change stays
        below the threshold, and the article is scored without it, as within one language."""
        if not self.config.embed_only_when_decisive:
            return True
        lang = query.sig.lang
        # the bound reads the members the full scoring would compare with (evicted stories' on copies)
        members = [m for s in sorted(cands, key=self.idx.seq)
                   for m in self._chosen(self.idx.view(s), self.config.members_scored)
                   if m.emb is not None or (m.lang != lang and not m.emb_missing)]
        return self._could_join(query, members, len(cands))

    def _could_join(self, query: Weighted, members: list[Signature], found: int) -> bool:
        """Whether the article (without an embedding) paired with any of `members` could reach the join
        threshold once both sides are embedded, whatever the cosine (the bound: the pair's features
        without embeddings plus or minus their slope in the cosine, under the embedded model)."""
        assert query.sig.emb is None
        weighted: dict[str, Weighted] = {}
        step = 8  # most articles that need it show it among the first few members: stop there
        for start in range(0, len(members), step):
            part = members[start : start + step]
            self._weigh(part, weighted)
            base = np.stack([features(query, self._weighted(m, weighted)) for m in part])
            slope = np.stack([emb_slope(query.sig, m) for m in part])
            embedded = np.ones(len(part), dtype=bool)
            dated = np.array([query.sig.published is not None and m.published is not None for m in part])
            high = np.maximum(self.models.probs(base + slope, embedded, dated, found),
                              self.models.probs(base - slope, embedded, dated, found))
            if (high >= self.join).any():
                return True
        return False

    def _backfill(self, sig: Signature, cands: Iterable[str], members: int) -> None:
        """Embed the other-language members about to be scored against an embedded article."""
        if sig.emb is None or self.embedder is None:
            return
        todo = {m.id: m for s in cands for m in self._chosen(self.idx.stories[s], members)
                if m.lang != sig.lang and self._needs_embedding(m)}
        if todo:
            self._embed(list(todo.values()))

    def _embed(self, sigs: list[Signature]) -> None:
        assert self.embedder is not None
        todo = [s.id for s in sigs if s.id not in self._prefetched]
        vectors = dict(self.embedder(todo)) if todo else {}
        self.embedded += len(sigs)
        for s in sigs:
            s.emb = as_embedding(vectors[s.id] if s.id in vectors else self._prefetched.get(s.id))
            s.emb_missing = s.emb is None
            sid = self.idx.article_story.get(s.id)
            if sid is not None:  # a stored member: its story's centroid and persisted state change
                st = self.idx.stories[sid]
                if s.emb is not None:
                    st.emb_sum = s.emb.copy() if st.emb_sum is None else st.emb_sum + s.emb
                self.idx.dirty_ids.add(sid)

    def _prefilter(self, query: Weighted, cands: list[str]) -> list[str]:
        """Cheap ranking (centroid cosine, shared rare keys, lexical cosine with the latest member), on the
        stories in memory and on the footprints of evicted ones alike."""
        sig = query.sig
        idx = self.idx
        views = [idx.stories.get(s) or self._ends[s] for s in cands]
        cheap = np.zeros(len(views))
        if sig.emb is not None:
            cents = [v.centroid for v in views]
            rows = [i for i, c in enumerate(cents) if c is not None]
            if rows:
                cheap[rows] = np.stack([cents[i] for i in rows]) @ sig.emb
        # shared keys: for each of the article's keys, the candidates holding it (in memory through the
        # inverted index or their keys, whichever is shorter to scan; evicted ones through their footprints)
        inside = {sid: i for i, sid in enumerate(cands) if sid in idx.stories}
        weights = {**query.key_w, **{"@" + p: w for p, w in query.place_w.items()}}
        held_out = self._held_by_evicted(list(weights), cands, inside)
        for j, (k, w) in enumerate(weights.items()):
            post = idx.postings.get(k, ())
            holders = ([inside[s] for s in post if s in inside] if len(post) <= len(inside)
                       else [i for i in inside.values() if k in views[i].keys])  # type: ignore[union-attr]
            cheap[holders + held_out[j]] += 0.1 * w
        if len(views) <= 400:
            cheap += 2.0 * self._lexical_many(query, [v.members[-1] if isinstance(v, StoryState) else v.latest
                                                      for v in views])
        order = np.argsort(-cheap, kind="stable")[: self.config.shortlist]
        return [cands[i] for i in sorted(order)]

    def _held_by_evicted(self, keys: list[str], cands: list[str], inside: Container[str]) -> list[list[int]]:
        """For each of `keys`, the positions of the evicted candidates whose footprints hold it."""
        out: list[list[int]] = [[] for _ in keys]
        outside = [(i, sid) for i, sid in enumerate(cands) if sid not in inside]
        if not outside or not keys:
            return out
        by_hash: dict[int, list[int]] = {}
        for j, k in enumerate(keys):
            by_hash.setdefault(hash(k), []).append(j)
        fps = self.idx.footprints(sid for _, sid in outside)
        for i, sid in outside:
            for h in fps[sid].key_h.tolist():  # a few keys per story: plain lookups beat numpy calls
                for j in by_hash.get(h, ()):
                    out[j].append(i)
        return out

    def _lexical_many(self, query: Weighted, members: list[Signature]) -> np.ndarray:
        """Lexical cosine of the article with each of `members` (features' "lex"), vectorised."""
        lens = np.array([len(m.term_ids) for m in members])
        out = np.zeros(len(members))
        if not len(query.sig.term_ids) or not lens.sum():
            return out
        ids = np.concatenate([m.term_ids for m in members])
        w = np.concatenate([m.term_tf for m in members]) * self.df.term_idf(ids)
        seg = np.repeat(np.arange(len(members)), lens)
        norms = np.sqrt(np.bincount(seg, weights=w * w, minlength=len(members)))
        norms[norms == 0] = 1.0
        qids = query.sig.term_ids
        pos = np.searchsorted(qids, ids)
        pos[pos == len(qids)] = 0
        hit = qids[pos] == ids
        dots = np.bincount(seg[hit], weights=w[hit] * query.w[pos[hit]], minlength=len(members))
        return dots / (query.norm * norms)
