"""Pair features between two article signatures and the calibrated logistic models over them.

Weights and thresholds live in data/cluster.json (fitted by bench/bench_cluster.py --fit on the dev
corpora); this module only knows how to compute the features and apply the weights.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

import numpy as np

from corroborate.cluster.signature import HASH_SIZE, Signature

FEATURES: tuple[str, ...] = (
    "emb", "emb_x", "lex", "lex_close", "emb_close", "key_ov", "key_mass", "key_close", "place_ov",
    "geo_close", "dt_pub", "dt_event", "no_time", "claims_agree", "claims_conflict", "same_lang", "past_key",
)
PAST_MATCH_DAYS = 1.5  # a date recalled by one article within this of the other's event day names that event


class DocFreq:
    """Document frequencies of hashed terms and of entity/place keys, updated online.

    Rebuilt exactly from the stored signatures on restore, so the same articles give the same weights.
    Keys get a slot in a count array (slot 0: a key never seen, count 0), so that the idf of all keys of
    a signature is one vectorised expression: this is the clusterer's innermost loop.
    """

    def __init__(self) -> None:
        self.n = 0
        self.terms = np.zeros(HASH_SIZE, dtype=np.int32)
        self.slot: dict[str, int] = {}
        self.counts = np.zeros(1024, dtype=np.int64)
        self.uid = next(_UIDS)

    def _slots(self, keys: Iterable[str], create: bool) -> np.ndarray:
        out = []
        for k in keys:
            i = self.slot.get(k, 0)
            if not i and create:
                i = self.slot[k] = len(self.slot) + 1
                if i >= len(self.counts):
                    self.counts = np.concatenate([self.counts, np.zeros(len(self.counts), dtype=np.int64)])
            out.append(i)
        return np.array(out, dtype=np.int64)

    def slots(self, sig: Signature, create: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Slots of the signature's keys and of its places ("@" + place), cached on the signature."""
        cached = sig.cache.get("slots")
        if cached is not None and cached[0] == self.uid:
            return cached[1], cached[2]
        keys = self._slots(sig.keys, create)
        places = self._slots(("@" + p for p in sig.places), create)
        if create or (keys.all() and places.all()):
            sig.cache["slots"] = (self.uid, keys, places)
        return keys, places

    def add(self, sig: Signature) -> None:
        self.n += 1
        self.terms[sig.term_ids] += 1
        keys, places = self.slots(sig, create=True)
        self.counts[keys] += 1
        self.counts[places] += 1

    def remove(self, sig: Signature) -> None:
        self.n -= 1
        self.terms[sig.term_ids] -= 1
        keys, places = self.slots(sig, create=True)
        self.counts[keys] -= 1
        self.counts[places] -= 1

    def term_idf(self, ids: np.ndarray) -> np.ndarray:
        return np.log1p((self.n + 1.0) / (self.terms[ids] + 1.0)).astype(np.float32)

    def key_idf(self, key: str) -> float:
        return math.log1p((self.n + 1.0) / (int(self.counts[self.slot.get(key, 0)]) + 1.0))

    def slot_idf(self, slots: np.ndarray) -> np.ndarray:
        return np.log1p((self.n + 1.0) / (self.counts[slots] + 1.0))

    def key_idfs(self, keys: Iterable[str], prefix: str = "") -> dict[str, float]:
        """{key: key_idf(prefix + key)}."""
        ks = list(keys)
        slots = np.array([self.slot.get(prefix + k, 0) for k in ks], dtype=np.int64)
        return dict(zip(ks, self.slot_idf(slots).tolist(), strict=True))


_UIDS = itertools.count(1)


class NoDocFreq(DocFreq):
    """Uniform weights, for comparing two articles with no corpus around them."""

    def __init__(self) -> None:
        self.n = 0
        self.slot = {}
        self.uid = 0

    def add(self, sig: Signature) -> None:  # pragma: no cover - never fed
        pass

    def term_idf(self, ids: np.ndarray) -> np.ndarray:
        return np.ones(len(ids), dtype=np.float32)

    def key_idf(self, key: str) -> float:
        return 1.0

    def key_idfs(self, keys: Iterable[str], prefix: str = "") -> dict[str, float]:
        return dict.fromkeys(keys, 1.0)

    def key_sums(self, sig: Signature) -> tuple[float, float]:
        return float(len(sig.keys)), float(len(sig.places))


@dataclass
class Weighted:
    """A signature's term vector weighted by the current idf, with its norm and the summed idf of its keys
    and of its places (computed once per use). All Weighted compared together come from one DocFreq."""

    sig: Signature
    w: np.ndarray
    norm: float
    key_sum: float
    place_sum: float
    df: DocFreq
    # the features last computed against this one: (other side, its embedding, this embedding, features);
    # the clusterer scores an article against a story's first and last members twice (rough, then full)
    last: tuple[Any, Any, Any, np.ndarray] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, sig: Signature, df: DocFreq) -> Weighted:
        if isinstance(df, NoDocFreq):
            key_sum, place_sum = df.key_sums(sig)
        else:
            keys, places = df.slots(sig)
            key_sum, place_sum = float(df.slot_idf(keys).sum()), float(df.slot_idf(places).sum())
        return cls._made(sig, df.term_idf(sig.term_ids), key_sum, place_sum, df)

    @classmethod
    def _made(cls, sig: Signature, idf: np.ndarray, key_sum: float, place_sum: float, df: DocFreq) -> Weighted:
        """The weights from the idf of the signature's terms and the summed idf of its keys and places."""
        w = sig.term_tf * idf
        return cls(sig, w, float(np.sqrt(np.dot(w, w))) or 1.0, key_sum, place_sum, df)

    @classmethod
    def many(cls, sigs: Sequence[Signature], df: DocFreq) -> list[Weighted]:
        """`of` for each signature, with the idf of all their terms and keys looked up in two vectorised
        calls (element by element the same arithmetic, so the same values as `of`)."""
        if len(sigs) < 2 or isinstance(df, NoDocFreq):
            return [cls.of(sig, df) for sig in sigs]
        idf = df.term_idf(np.concatenate([sig.term_ids for sig in sigs]))
        slots = [df.slots(sig) for sig in sigs]
        key_idf = df.slot_idf(np.concatenate([part for pair in slots for part in pair]))
        out, t, k = [], 0, 0
        for sig, (keys, places) in zip(sigs, slots, strict=True):
            key_sum = float(key_idf[k : k + len(keys)].sum())
            k += len(keys)
            place_sum = float(key_idf[k : k + len(places)].sum())
            k += len(places)
            out.append(cls._made(sig, idf[t : t + len(sig.term_ids)], key_sum, place_sum, df))
            t += len(sig.term_ids)
        return out

    @cached_property
    def key_w(self) -> dict[str, float]:
        return self.df.key_idfs(sorted(self.sig.keys))

    @cached_property
    def place_w(self) -> dict[str, float]:
        return self.df.key_idfs(sorted(self.sig.places), "@")


def _overlap(shared: frozenset[str], weights: dict[str, float], a_sum: float, b_sum: float) -> tuple[float, float]:
    """(overlap, mass) of two key sets: the idf mass of the shared keys over the smaller set's mass;
    `weights`: the idf of each key of one side (`Weighted.key_w` or `place_w`, computed once per article)."""
    if not shared:
        return 0.0, 0.0
    mass = sum([weights[k] for k in sorted(shared)])
    denom = min(a_sum, b_sum) or 1.0
    return mass / denom, mass


def shared_terms(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices (into a, into b) of the values two sorted unique arrays share (np.intersect1d, faster)."""
    if not len(a) or not len(b):
        return _EMPTY, _EMPTY
    pos = np.searchsorted(b, a)
    pos[pos == len(b)] = 0
    hit = b[pos] == a
    return np.flatnonzero(hit), pos[hit]


_EMPTY = np.zeros(0, dtype=np.int64)


def _radians(sig: Signature) -> np.ndarray:
    r = sig.cache.get("rad")
    if r is None:
        r = sig.cache["rad"] = np.radians(np.array(sig.coords, dtype=np.float64))
    return r


def _trig(sig: Signature) -> list[tuple[float, float, float]]:
    """(latitude, longitude, cos latitude) of each of the article's coordinates, in radians (cached)."""
    r = sig.cache.get("trig")
    if r is None:
        r = sig.cache["trig"] = [(la, lo, math.cos(la)) for la, lo in
                                 (map(math.radians, c) for c in sig.coords)]
    return r


_PAIRS_IN_PYTHON = 64  # below this many coordinate pairs, plain floats beat numpy's per-call cost


def _min_km(a: Signature, b: Signature) -> float:
    """Smallest great-circle distance between the two articles' coordinates (haversine)."""
    if len(a.coords) * len(b.coords) <= _PAIRS_IN_PYTHON:
        h = min(math.sin((la2 - la1) / 2) ** 2 + c1 * c2 * math.sin((lo2 - lo1) / 2) ** 2
                for la1, lo1, c1 in _trig(a) for la2, lo2, c2 in _trig(b))
        return 12742.0 * math.asin(min(1.0, math.sqrt(h)))
    ra, rb = _radians(a), _radians(b)
    la1, lo1 = ra[:, 0:1], ra[:, 1:2]
    la2, lo2 = rb[:, 0], rb[:, 1]
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(float(h.min()))))


def features(a: Weighted, b: Weighted) -> np.ndarray:
    """The pair features of FEATURES (the same array object again for a pair just computed, unchanged)."""
    last = b.last
    if last is not None and last[0] is a and last[1] is a.sig.emb and last[2] is b.sig.emb:
        return last[3]
    x = _features(a, b)
    b.last = (a, a.sig.emb, b.sig.emb, x)
    return x


def _features(a: Weighted, b: Weighted) -> np.ndarray:
    sa, sb = a.sig, b.sig
    emb = float(np.dot(sa.emb, sb.emb)) if sa.emb is not None and sb.emb is not None else 0.0
    same_lang = 1.0 if (sa.lang or "") == (sb.lang or "") else 0.0
    lex = 0.0
    ia, ib = shared_terms(sa.term_ids, sb.term_ids)
    if len(ia):
        lex = float(np.dot(a.w[ia], b.w[ib])) / (a.norm * b.norm)
    key_ov, key_mass = _overlap(sa.keys & sb.keys, a.key_w, a.key_sum, b.key_sum)
    place_ov, _ = _overlap(sa.places & sb.places, a.place_w, a.place_sum, b.place_sum)
    geo = 0.0
    if sa.coords and sb.coords:
        geo = math.exp(-_min_km(sa, sb) / 30.0)
    dt_pub = dt_ev = 0.0
    if sa.published is not None and sb.published is not None:
        dt_pub = math.log1p(abs(sa.published - sb.published))
    no_time = 1.0
    close = 0.5
    if sa.event is not None and sb.event is not None:
        gap = max(0.0, abs(sa.event - sb.event) - max(sa.event_tol, sb.event_tol))
        dt_ev = math.log1p(gap)
        no_time = 0.0
        close = math.exp(-gap / 7.0)
    agree = conflict = 0
    for k in sa.claims.keys() & sb.claims.keys():
        (lo1, hi1), (lo2, hi2) = sa.claims[k], sb.claims[k]
        if lo1 <= hi2 and lo2 <= hi1:
            agree += 1
        else:
            conflict += 1
    # a follow-up (arrest, trial) recalls the day of the incident it follows: shared names or places plus
    # that day are strong evidence even months later, when the time features say "far apart"
    past_key = max(key_ov, place_ov) if _recalls(sa, sb) or _recalls(sb, sa) else 0.0
    return np.array([
        emb, emb * (1.0 - same_lang), lex, lex * close, emb * close, key_ov, min(key_mass, 20.0) / 10.0,
        key_ov * close, place_ov, geo, dt_pub, dt_ev, no_time, min(agree, 3), min(conflict, 3), same_lang,
        past_key,
    ], dtype=np.float64)


_EMB, _EMB_X, _EMB_CLOSE = (FEATURES.index(f) for f in ("emb", "emb_x", "emb_close"))


def emb_slope(a: Signature, b: Signature) -> np.ndarray:
    """How the pair features move per unit of embedding cosine: the features of `a` and `b` with a cosine
    c are those without embeddings (emb, emb_x and emb_close 0) plus c times this vector, since the three
    embedding features are the cosine times a factor that does not depend on it."""
    slope = np.zeros(len(FEATURES), dtype=np.float64)
    slope[_EMB] = 1.0
    slope[_EMB_X] = 0.0 if (a.lang or "") == (b.lang or "") else 1.0
    close = 0.5
    if a.event is not None and b.event is not None:
        close = math.exp(-max(0.0, abs(a.event - b.event) - max(a.event_tol, b.event_tol)) / 7.0)
    slope[_EMB_CLOSE] = close
    return slope


def _recalls(a: Signature, b: Signature) -> bool:
    """True when `a` mentions a date on `b`'s event day (within the event's precision)."""
    if b.event is None or not a.past_times:
        return False
    tol = max(PAST_MATCH_DAYS, min(b.event_tol, 2.0))
    return any(abs(t - b.event) <= tol for t in a.past_times)


@dataclass(frozen=True)
class BaseRate:
    """How crowded the fit's candidates were: `mates`, the share of articles whose event was among their
    candidate stories, and `candidates`, the mean number of candidate stories per article. The chance that
    one candidate is the article's event is then about mates / candidates; a stream where an article
    has fewer candidates has a higher chance per candidate, and Bayes' rule for a changed base rate moves
    the model's log-odds by logit(pi_now) - logit(pi_fit). `weight` scales that move (1: the full Bayes
    correction; less where the features already follow the crowding in part)."""

    mates: float
    candidates: float
    weight: float = 1.0

    def shift(self, candidates: int) -> float:
        """Log-odds to add for an article with this many candidate stories."""
        fit = _clip_rate(self.mates / max(self.candidates, 1.0))
        now = _clip_rate(self.mates / max(float(candidates), 1.0))
        return self.weight * (math.log(now / (1.0 - now)) - math.log(fit / (1.0 - fit)))


def _clip_rate(p: float) -> float:
    return min(0.95, max(1e-6, p))


@dataclass(frozen=True)
class Model:
    weights: np.ndarray
    bias: float
    base_rate: BaseRate | None = None  # when set, the log-odds follow the article's candidate count

    def prob(self, x: np.ndarray) -> float:
        z = float(np.dot(self.weights, x)) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def probs(self, xs: np.ndarray, candidates: int | None = None) -> np.ndarray:
        z = xs @ self.weights + self.bias
        if candidates is not None and self.base_rate is not None:
            z = z + self.base_rate.shift(candidates)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


SAME_LANG = FEATURES.index("same_lang")
# features that need shared surface forms (words, names), with the time-weighted feature made from each
SURFACE = {"lex": "lex_close", "key_ov": "key_close", "key_mass": None}


@dataclass(frozen=True)
class ImpliedByEmbedding:
    """What the surface similarity of two articles (shared words, shared names) would be, read from their
    embedding cosine: a pair of two languages shares few words, and no names across scripts, so the
    same-language models see the evidence their embedding implies instead. `cosines` are the knots and
    `values[feature]` the fitted curve of each SURFACE feature (its mean over same-language pairs at each
    embedding cosine, isotonic); `gap` is how much lower the embedding cosine of a cross-language pair is
    than that of a same-language pair alike in content. A pair keeps its own value where that is higher
    (Latin-script names and numbers match across languages)."""

    cosines: np.ndarray
    values: dict[str, np.ndarray]
    gap: float = 0.0

    @classmethod
    def from_data(cls, spec: dict[str, Any]) -> ImpliedByEmbedding:
        unknown = set(spec["values"]) - set(SURFACE)
        if unknown:
            raise ValueError(f"data/cluster.json cross_language: no surface feature {sorted(unknown)}")
        return cls(np.asarray(spec["cosines"], dtype=np.float64),
                   {f: np.asarray(v, dtype=np.float64) for f, v in spec["values"].items()}, float(spec.get("gap", 0.0)))

    def apply(self, xs: np.ndarray) -> np.ndarray:
        """The pairs' features with the surface ones implied and no cross-language embedding term."""
        out = xs.copy()
        emb = xs[:, _EMB]
        close = np.divide(xs[:, _EMB_CLOSE], emb, out=np.zeros(len(xs)), where=emb != 0)
        for name, curve in self.values.items():
            col = FEATURES.index(name)
            out[:, col] = np.maximum(xs[:, col], np.interp(emb + self.gap, self.cosines, curve))
            if SURFACE[name]:
                out[:, FEATURES.index(SURFACE[name])] = out[:, col] * close
        out[:, _EMB_X] = 0.0
        return out


@dataclass(frozen=True)
class PairModels:
    """The clusterer's models, one per kind of evidence a pair has: embeddings on both sides or not
    (`mono`: fitted without the embedding features), publication times on both sides or not (`undated`:
    fitted on the same pairs with the publication dates hidden, so the time-unknown case gets weights
    fitted to it rather than those of dated pairs). A model missing from the data falls back to its
    dated counterpart. Embedded pairs of two languages, which share little vocabulary, are scored with
    the word and name overlap their embedding implies (`implied`, when data/cluster.json has it)."""

    full: Model
    mono: Model
    undated: Model
    undated_mono: Model
    implied: ImpliedByEmbedding | None = None  # embedded pairs of two languages: surface evidence implied

    @classmethod
    def load(cls, name: str, data: dict[str, Any] | None = None) -> PairModels:
        data = data or config_data()
        models = data.get("models", {})

        def get(model: str, fallback: Model) -> Model:
            return load_model(model, data) if model in models else fallback

        full = load_model(name, data)
        mono = get(f"{name}_mono", full)
        undated = get(f"{name}_undated", full)
        spec = data.get("cross_language", {}).get("implied_by_embedding")
        return cls(full, mono, undated, get(f"{name}_mono_undated", mono),
                   ImpliedByEmbedding.from_data(spec) if spec else None)

    def probs(self, xs: np.ndarray, embedded: np.ndarray, dated: np.ndarray,
              candidates: int | None = None) -> np.ndarray:
        """Each pair's probability under the model its evidence calls for: `embedded` (both sides have an
        embedding) and `dated` (both have a publication time) are boolean arrays over the rows of `xs`;
        embedded pairs of two languages (the `same_lang` feature 0) get their surface evidence implied.
        `candidates`: how many candidate stories the article had (for the models with a base rate)."""
        out = np.empty(len(xs))
        if self.implied is not None:
            rows = embedded & (xs[:, SAME_LANG] == 0.0)
            if rows.any():
                xs = xs.copy()
                xs[rows] = self.implied.apply(xs[rows])
        for model, rows in ((self.full, embedded & dated), (self.mono, ~embedded & dated),
                            (self.undated, embedded & ~dated), (self.undated_mono, ~embedded & ~dated)):
            if rows.any():
                out[rows] = model.probs(xs[rows], candidates)
        return out


@cache
def config_data() -> dict[str, Any]:
    """data/cluster.json: weights per model ("stream" for the clusterer, "pair" for pair_score)."""
    text = resources.files("corroborate").joinpath("data/cluster.json").read_text(encoding="utf-8")
    return json.loads(text)


def load_model(name: str, data: dict[str, Any] | None = None) -> Model:
    data = data or config_data()
    try:
        spec = data["models"][name]
    except KeyError as exc:
        raise KeyError(f"data/cluster.json has no model {name!r}; refit with bench/bench_cluster.py --fit") from exc
    w = spec["weights"]
    missing = [f for f in FEATURES if f not in w]
    if missing:
        raise ValueError(f"data/cluster.json model {name!r} lacks weights for {missing}; refit it")
    rate = spec.get("base_rate")
    base_rate = BaseRate(float(rate["mates"]), float(rate["candidates"]), float(rate.get("weight", 1.0))) if rate else None
    return Model(np.array([w[f] for f in FEATURES], dtype=np.float64), float(spec["bias"]), base_rate)
