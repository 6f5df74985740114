"""Pair features between two article signatures and the calibrated logistic models over them.

Weights and thresholds live in data/cluster.json (fitted by bench/bench_cluster.py --fit on the dev
corpora); this module only knows how to compute the features and apply the weights.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
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
    """

    def __init__(self) -> None:
        self.n = 0
        self.terms = np.zeros(HASH_SIZE, dtype=np.int32)
        self.keys: dict[str, int] = {}

    def add(self, sig: Signature) -> None:
        self.n += 1
        self.terms[sig.term_ids] += 1
        for k in sig.keys | {"@" + p for p in sig.places}:
            self.keys[k] = self.keys.get(k, 0) + 1

    def remove(self, sig: Signature) -> None:
        self.n -= 1
        self.terms[sig.term_ids] -= 1
        for k in sig.keys | {"@" + p for p in sig.places}:
            self.keys[k] = self.keys.get(k, 1) - 1

    def term_idf(self, ids: np.ndarray) -> np.ndarray:
        return np.log1p((self.n + 1.0) / (self.terms[ids] + 1.0)).astype(np.float32)

    def key_idf(self, key: str) -> float:
        return math.log1p((self.n + 1.0) / (self.keys.get(key, 0) + 1.0))


class NoDocFreq(DocFreq):
    """Uniform weights, for comparing two articles with no corpus around them."""

    def __init__(self) -> None:
        self.n = 0
        self.keys = {}

    def add(self, sig: Signature) -> None:  # pragma: no cover - never fed
        pass

    def term_idf(self, ids: np.ndarray) -> np.ndarray:
        return np.ones(len(ids), dtype=np.float32)

    def key_idf(self, key: str) -> float:
        return 1.0


@dataclass
class Weighted:
    """A signature's term vector weighted by the current idf, with its norm (computed once per use)."""

    sig: Signature
    w: np.ndarray
    norm: float
    key_w: dict[str, float]
    place_w: dict[str, float]

    @classmethod
    def of(cls, sig: Signature, df: DocFreq) -> Weighted:
        w = sig.term_tf * df.term_idf(sig.term_ids)
        norm = float(np.sqrt(np.dot(w, w))) or 1.0
        return cls(sig, w, norm, {k: df.key_idf(k) for k in sig.keys},
                   {p: df.key_idf("@" + p) for p in sig.places})


def _overlap(a: dict[str, float], b: dict[str, float]) -> tuple[float, float]:
    shared = a.keys() & b.keys()
    if not shared:
        return 0.0, 0.0
    mass = sum(min(a[k], b[k]) for k in shared)
    denom = min(sum(a.values()), sum(b.values())) or 1.0
    return mass / denom, mass


def _km(p: tuple[float, float], q: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (p[0], p[1], q[0], q[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def features(a: Weighted, b: Weighted) -> np.ndarray:
    sa, sb = a.sig, b.sig
    emb = float(np.dot(sa.emb, sb.emb)) if sa.emb is not None and sb.emb is not None else 0.0
    same_lang = 1.0 if (sa.lang or "") == (sb.lang or "") else 0.0
    lex = 0.0
    if len(sa.term_ids) and len(sb.term_ids):
        _, ia, ib = np.intersect1d(sa.term_ids, sb.term_ids, assume_unique=True, return_indices=True)
        if len(ia):
            lex = float(np.dot(a.w[ia], b.w[ib])) / (a.norm * b.norm)
    key_ov, key_mass = _overlap(a.key_w, b.key_w)
    place_ov, _ = _overlap(a.place_w, b.place_w)
    geo = 0.0
    if sa.coords and sb.coords:
        geo = math.exp(-min(_km(p, q) for p in sa.coords for q in sb.coords) / 30.0)
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


def _recalls(a: Signature, b: Signature) -> bool:
    """True when `a` mentions a date on `b`'s event day (within the event's precision)."""
    if b.event is None or not a.past_times:
        return False
    tol = max(PAST_MATCH_DAYS, min(b.event_tol, 2.0))
    return any(abs(t - b.event) <= tol for t in a.past_times)


@dataclass(frozen=True)
class Model:
    weights: np.ndarray
    bias: float

    def prob(self, x: np.ndarray) -> float:
        z = float(np.dot(self.weights, x)) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def probs(self, xs: np.ndarray) -> np.ndarray:
        z = xs @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


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
    return Model(np.array([w[f] for f in FEATURES], dtype=np.float64), float(spec["bias"]))
