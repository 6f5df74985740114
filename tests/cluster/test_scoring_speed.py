"""The clusterer's fast paths give the results of their plain definitions."""

from __future__ import annotations

import math
import random

from corroborate.cluster import scoring
from corroborate.cluster.related import MIN_SURNAME, _shared
from corroborate.cluster.signature import Signature


def _reference_shared(keys, probe):
    names = [k for k in probe if not k.startswith("@")]
    surnames = {k.rsplit(" ", 1)[-1] for k in names if " " in k}
    alone = {k for k in names if " " not in k and len(k) >= MIN_SURNAME}

    def found(k):
        if k in probe:
            return True
        if k.startswith("@"):
            return False
        if " " in k:
            return k.rsplit(" ", 1)[-1] in alone
        return len(k) >= MIN_SURNAME and k in surnames

    return [k for k in keys if found(k)]


def test_shared_keys_agree_with_the_definition() -> None:
    pool = ["ann brel", "brel", "tom brel", "ox", "@brel", "@ox", "kai ox", "dunmore", "lia dunmore", "@dunmore",
            "a b", "b", "zed"]
    rng = random.Random(3)
    for _ in range(500):
        keys = {k: 1.0 for k in rng.sample(pool, rng.randint(0, 6))}
        probe = {k: 1.0 for k in rng.sample(pool, rng.randint(0, 8))}
        assert _shared(keys, probe) == _reference_shared(keys, probe)


def _sig(coords):
    return Signature(id=str(len(coords)), lang="en", coords=tuple(coords))


def test_distance_is_the_haversine_on_both_paths() -> None:
    rng = random.Random(5)
    for n, m in ((1, 1), (2, 3), (9, 9), (12, 10)):  # the last two take the vectorised path
        a = [(rng.uniform(-80, 80), rng.uniform(-180, 180)) for _ in range(n)]
        b = [(rng.uniform(-80, 80), rng.uniform(-180, 180)) for _ in range(m)]

        def hav(p, q):
            la1, lo1, la2, lo2 = map(math.radians, (*p, *q))
            h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
            return 12742.0 * math.asin(min(1.0, math.sqrt(h)))

        want = min(hav(p, q) for p in a for q in b)
        assert math.isclose(scoring._min_km(_sig(a), _sig(b)), want, rel_tol=1e-9, abs_tol=1e-6)


def _random_sig(rng: random.Random, i: int, pool: list[str]) -> Signature:
    import numpy as np

    ids = np.array(sorted(rng.sample(range(5000), rng.randint(0, 40))), dtype=np.int64)
    return Signature(id=f"a{i}", lang="en", term_ids=ids,
                     term_tf=np.array([1 + math.log(rng.randint(1, 4)) for _ in ids], dtype=np.float32),
                     keys=frozenset(rng.sample(pool, rng.randint(0, 5))),
                     places=frozenset(rng.sample(pool, rng.randint(0, 3))))


def test_weights_computed_together_equal_those_computed_one_by_one() -> None:
    import numpy as np

    rng = random.Random(11)
    pool = [f"key{i}" for i in range(60)]
    df = scoring.DocFreq()
    sigs = [_random_sig(rng, i, pool) for i in range(300)]
    for s in sigs[:250]:  # the last 50 have keys the frequencies may not know (slot 0)
        df.add(s)
    for _ in range(40):
        part = rng.sample(sigs, rng.randint(2, 80))
        for got, want in zip(scoring.Weighted.many(part, df), [scoring.Weighted.of(s, df) for s in part], strict=True):
            assert got.sig is want.sig and got.w.dtype == want.w.dtype and np.array_equal(got.w, want.w)
            assert (got.norm, got.key_sum, got.place_sum) == (want.norm, want.key_sum, want.place_sum)


def test_the_cached_centroid_follows_the_embedding_sum() -> None:
    import numpy as np

    from corroborate.cluster.state import StoryState

    st = StoryState(id="s", seq=0)
    assert st.centroid is None
    st.add(Signature(id="a", emb=np.array([1.0, 0.0], dtype=np.float32)))
    first = st.centroid
    assert first is not None and st.centroid is first  # cached while the sum is unchanged
    st.add(Signature(id="b", emb=np.array([0.0, 1.0], dtype=np.float32)))
    assert np.allclose(st.centroid, [math.sqrt(0.5), math.sqrt(0.5)])
    st.emb_sum = st.emb_sum + np.array([0.0, 2.0], dtype=np.float32)  # a backfilled member's embedding
    assert np.allclose(st.centroid, np.array([1.0, 3.0]) / math.sqrt(10.0))
    st.forget_caches()
    assert np.allclose(st.centroid, np.array([1.0, 3.0]) / math.sqrt(10.0))
