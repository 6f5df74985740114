"""A synthetic, time-ordered article stream for speed measurements (random data, not real text).

Events happen at a constant rate (so the number of stories active at any time does not depend on the
stream length); each is reported by 1-8 articles whose embedding, keys, places and words scatter around
the event's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import numpy as np

from corroborate.model import Analysis, Article, Mention, Place, TimeExpr

ARTICLES_PER_DAY = 60
START = datetime(2020, 1, 1, tzinfo=UTC)


def synth_stream(n: int, seed: int = 0, dim: int = 384) -> Iterator[tuple[Article, Analysis]]:
    rng = np.random.default_rng(seed)
    vocab = 40000
    produced = 0
    pending: list[tuple[float, Article, Analysis]] = []
    event = 0
    while produced < n:
        day = event * 4.5 / ARTICLES_PER_DAY  # ~4.5 articles per event on average
        centre = rng.normal(size=dim).astype(np.float32)
        keys = [f"name{int(k)}" for k in rng.zipf(1.3, size=4) % vocab]
        place = f"town{int(rng.integers(0, 5000))}"
        lat, lon = float(rng.uniform(-60, 60)), float(rng.uniform(-180, 180))
        words = [f"w{int(w)}" for w in rng.integers(0, vocab, size=25)]
        for _ in range(int(rng.integers(1, 9))):
            if produced >= n:
                break
            aid = f"a{produced}"
            emb = centre + rng.normal(scale=1.2, size=dim).astype(np.float32)
            emb /= np.linalg.norm(emb)
            pub = START + timedelta(days=day + float(rng.exponential(1.0)))
            text = " ".join(list(rng.choice(words, 15)) + [f"w{int(w)}" for w in rng.integers(0, vocab, 15)])
            art = Article(id=aid, text=text, title=" ".join(words[:5]), published=pub, lang="en")
            ments = [Mention(text=k, kind="person", key=k, start=0, end=1) for k in keys if rng.random() < 0.7]
            an = Analysis(
                article_id=aid, lang="en", embedding=emb.tolist(), mentions=ments,
                places=[Place(name=place, text=place, start=0, end=1, key=place, lat=lat, lon=lon,
                              precision="town")],
                times=[TimeExpr(text="", start=0, end=0, value=START + timedelta(days=int(day)),
                                precision="day", is_event_time=True)],
            )
            pending.append((pub.timestamp(), art, an))
            produced += 1
        event += 1
        # release articles in publication order once no earlier one can still come
        pending.sort(key=lambda x: x[0])
        horizon = (START + timedelta(days=day)).timestamp()
        while pending and pending[0][0] <= horizon:
            _, art, an = pending.pop(0)
            yield art, an
    pending.sort(key=lambda x: x[0])
    for _, art, an in pending:
        yield art, an
