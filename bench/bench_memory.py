"""Bounded memory: the clusterer over a long synthetic stream, driven as the pipeline drives it (`add` per
article, `take_dirty` after every batch of 64), with quiet stories moved out of memory (`quiet_days`).

Prints the clustering cost per article over the first and the last 10k articles, the resident memory at
checkpoints and the peak, and a digest of the stories (ids, members, related links) so that a run with
eviction off (`--keep-all`) can be compared. Figures go to bench/out/memory_<n>[_keep].json.

    python bench/bench_memory.py --n 200000 --checkpoints 50000,100000,150000,200000
    python bench/bench_memory.py --n 20000 --keep-all        # the same stream, every story in memory
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corroborate.cluster import ClusterConfig, Clusterer  # noqa: E402
from synth_stream import synth_stream  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
BATCH = 64
WINDOW = 10_000


def rss_mb() -> float:
    """Resident memory now (VmRSS), MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def stories_digest(cl: Clusterer) -> str:
    h = hashlib.sha256()
    for s in cl.stories():
        links = ",".join(f"{r.story}:{r.relation}:{r.score}" for r in s.related)
        h.update(f"{s.id} {' '.join(s.article_ids)} {s.title} {links}\n".encode())
    return h.hexdigest()[:16]


def run(n: int, checkpoints: list[int], keep_all: bool, seed: int) -> dict:
    cl = Clusterer(ClusterConfig(quiet_days=None) if keep_all else ClusterConfig())
    costs = np.zeros(n)
    at: dict[int, dict[str, float]] = {}
    t_start = time.perf_counter()
    for i, (art, an) in enumerate(synth_stream(n, seed=seed)):
        t = time.perf_counter()
        cl.add(art, an)
        if (i + 1) % BATCH == 0:
            cl.take_dirty()
        costs[i] = time.perf_counter() - t
        if i + 1 in checkpoints:
            at[i + 1] = {"rss_mb": round(rss_mb(), 1), "in_memory": len(cl.idx.stories),
                         "evicted": len(cl.idx.spill), "seconds": round(time.perf_counter() - t_start, 1)}
            print(f"  {i + 1}: {at[i + 1]}", file=sys.stderr, flush=True)
    cl.take_dirty()
    w = min(WINDOW, n // 2)
    first, last = 1000 * float(costs[:w].mean()), 1000 * float(costs[-w:].mean())
    return {
        "n": n, "keep_all": keep_all, "seed": seed, "ms_first": round(first, 3), "ms_last": round(last, 3),
        "last_vs_first": round(last / first - 1, 3), "window": w,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "checkpoints": at, "stories": len(cl.idx.stories) + len(cl.idx.spill), "evicted": len(cl.idx.spill),
        "seconds": round(time.perf_counter() - t_start, 1), "digest": stories_digest(cl),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--checkpoints", default="", help="article counts at which to report memory")
    ap.add_argument("--keep-all", action="store_true", help="eviction off: every story stays in memory")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    checkpoints = sorted({int(c) for c in args.checkpoints.split(",") if c} | {args.n})
    result = run(args.n, checkpoints, args.keep_all, args.seed)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"memory_{args.n}{'_keep' if args.keep_all else ''}.json"
    path.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    print(f"\n| articles | eviction | ms/article first {result['window']} | last {result['window']} | change | "
          f"peak RSS MB | stories digest |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | --- |")
    print(f"| {args.n} | {'off' if args.keep_all else 'on'} | {result['ms_first']:.2f} | {result['ms_last']:.2f} | "
          f"{100 * result['last_vs_first']:+.0f}% | {result['peak_rss_mb']:.0f} | {result['digest']} |")


if __name__ == "__main__":
    main()
