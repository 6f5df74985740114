"""Bounded memory: the clusterer over a long synthetic stream, driven as the pipeline drives it (`add` per
article, `take_dirty` after every batch of 64), with quiet stories moved out of memory (`quiet_days`).

Prints the clustering cost per article over the first and the last 10k articles, the resident memory at
checkpoints and the peak, and a digest of the stories (ids, members, related links) so that a run with
eviction off (`--keep-all`) can be compared. Figures go to bench/out/memory_<n>[_keep].json.

    python bench/bench_memory.py --n 200000 --checkpoints 50000,100000,150000,200000
    python bench/bench_memory.py --n 20000 --keep-all        # the same stream, every story in memory
    python bench/bench_memory.py --corpus ../shared/eval/gva_dev.jsonl --quiet none,42,0
        # the whole pipeline (fresh SQLite database each) with eviction off / after 42 days / at once:
        # the stories+dossiers digest of bench_scale.py must be the same
    python bench/bench_memory.py --ab --n 10000     # eviction on and off, interleaved article by article
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corroborate.cluster import ClusterConfig, Clusterer  # noqa: E402
from corroborate.model import Analysis, Article  # noqa: E402
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


def index_entries(cl: Clusterer) -> int:
    """Story ids named by the clusterer's in-memory lookup structures (day buckets, key postings, backlinks):
    bounded by the stories in memory when evicted stories take their entries out with them."""
    idx = cl.idx
    return sum(len(s) for s in (*idx.buckets.values(), *idx.postings.values(), *idx.backlinks.values()))


def _partial(n: int, keep_all: bool, seed: int, done: int, wall: np.ndarray, cpu: np.ndarray,
             at: dict[int, dict[str, float]]) -> None:
    """The figures so far, in bench/out/memory_<n>.partial.json (a run stopped early still reports)."""
    w = min(WINDOW, done // 2)
    doc = {"n": done, "of": n, "keep_all": keep_all, "seed": seed, "window": w,
           "cpu_ms_first": round(1000 * float(cpu[:w].mean()), 3),
           "cpu_ms_last": round(1000 * float(cpu[done - w : done].mean()), 3),
           "wall_ms_first": round(1000 * float(wall[:w].mean()), 3),
           "wall_ms_last": round(1000 * float(wall[done - w : done].mean()), 3),
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1), "checkpoints": at}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"memory_{n}{'_keep' if keep_all else ''}.partial.json").write_text(json.dumps(doc, indent=1) + "\n")


def _clusterer(keep_all: bool) -> Clusterer:
    return Clusterer(ClusterConfig(quiet_days=None) if keep_all else ClusterConfig())


def _timed_add(cl: Clusterer, i: int, art: Article, an: Analysis) -> tuple[float, float]:
    """Add the i-th article as the pipeline does (`take_dirty` after every batch): (wall, CPU) seconds."""
    t, c = time.perf_counter(), time.process_time()
    cl.add(art, an)
    if (i + 1) % BATCH == 0:
        cl.take_dirty()
    return time.perf_counter() - t, time.process_time() - c


def first_window(n: int, w: int, keep_all: bool, seed: int) -> dict:
    """CPU and wall ms per article of a fresh clusterer over the first `w` articles of the `n` stream."""
    cl = _clusterer(keep_all)
    wall, cpu = np.zeros(w), np.zeros(w)
    for i, (art, an) in enumerate(islice(synth_stream(n, seed=seed), w)):
        wall[i], cpu[i] = _timed_add(cl, i, art, an)
    return {"cpu_ms": round(1000 * float(cpu.mean()), 3), "wall_ms": round(1000 * float(wall.mean()), 3)}


def run(n: int, checkpoints: list[int], keep_all: bool, seed: int) -> dict:
    """Wall and CPU time of `add` (+ `take_dirty` every batch) per article; at each checkpoint the memory
    and the mean cost over the articles since the previous checkpoint (one JSON line on stderr each).

    The machine's speed drifts (up to 2x within an hour here), so the first window measured at the start of a
    long run and the last measured at its end compare different machines. When the last window starts, a
    second process therefore streams the first window again into a fresh clusterer, at the same time on the
    other core: `cpu_ms_first_same_period` against `cpu_ms_last` is the comparison of one period."""
    cl = _clusterer(keep_all)
    wall, cpu = np.zeros(n), np.zeros(n)
    at: dict[int, dict[str, float]] = {}
    t_start, prev = time.perf_counter(), 0
    w = min(WINDOW, n // 2)
    rerun: subprocess.Popen[str] | None = None
    for i, (art, an) in enumerate(synth_stream(n, seed=seed)):
        if i == n - w and n > w:
            rerun = subprocess.Popen(
                [sys.executable, __file__, "--n", str(n), "--seed", str(seed), "--first-window", str(w),
                 *(["--keep-all"] if keep_all else [])], stdout=subprocess.PIPE, text=True)
        wall[i], cpu[i] = _timed_add(cl, i, art, an)
        if i + 1 in checkpoints:
            at[i + 1] = {"rss_mb": round(rss_mb(), 1), "in_memory": len(cl.idx.stories),
                         "evicted": len(cl.idx.spill), "index_entries": index_entries(cl), "reloads": cl.idx.reloads,
                         "peeks": cl.idx.peeks, "wall_ms": round(1000 * float(wall[prev : i + 1].mean()), 2),
                         "cpu_ms": round(1000 * float(cpu[prev : i + 1].mean()), 2),
                         "seconds": round(time.perf_counter() - t_start, 1), "load": os.getloadavg()[0]}
            prev = i + 1
            print(json.dumps({"articles": i + 1, **at[i + 1]}), file=sys.stderr, flush=True)
            _partial(n, keep_all, seed, i + 1, wall, cpu, at)
    cl.take_dirty()
    same = json.loads(rerun.communicate()[0]) if rerun is not None else {}
    return {
        "n": n, "keep_all": keep_all, "seed": seed, "window": w,
        "wall_ms_first": round(1000 * float(wall[:w].mean()), 3), "wall_ms_last": round(1000 * float(wall[-w:].mean()), 3),
        "cpu_ms_first": round(1000 * float(cpu[:w].mean()), 3), "cpu_ms_last": round(1000 * float(cpu[-w:].mean()), 3),
        "cpu_ms_first_same_period": same.get("cpu_ms"), "wall_ms_first_same_period": same.get("wall_ms"),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "checkpoints": at, "stories": len(cl.idx.stories) + len(cl.idx.spill), "evicted": len(cl.idx.spill),
        "evictions": cl.idx.evictions, "reloads": cl.idx.reloads, "peeks": cl.idx.peeks,
        "seconds": round(time.perf_counter() - t_start, 1), "digest": stories_digest(cl),
    }


def interleaved(n: int, seed: int, every: int = 2000) -> list[dict]:
    """The same articles fed to a clusterer with eviction and one without, one article each in turn (the
    order alternating), so that both see the same machine load: CPU ms per article over each `every`."""
    on, off = Clusterer(ClusterConfig()), Clusterer(ClusterConfig(quiet_days=None))
    c_on, c_off = np.zeros(n), np.zeros(n)
    rows = []
    for i, (art, an) in enumerate(synth_stream(n, seed=seed)):
        for cl, costs in ((on, c_on), (off, c_off)) if i % 2 else ((off, c_off), (on, c_on)):
            t = time.process_time()
            cl.add(art, an)
            if (i + 1) % BATCH == 0:
                cl.take_dirty()
            costs[i] = time.process_time() - t
        if (i + 1) % every == 0:
            part = slice(i + 1 - every, i + 1)
            rows.append({"articles": i + 1, "on_ms": round(1000 * float(c_on[part].mean()), 2),
                         "off_ms": round(1000 * float(c_off[part].mean()), 2), "reloads": on.idx.reloads,
                         "peeks": on.idx.peeks})
            print(json.dumps(rows[-1]), flush=True)
    same = [s.article_ids for s in on.stories()] == [s.article_ids for s in off.stories()]
    print("same stories" if same else "DIFFERENT stories")
    return rows


def corpus_digests(path: str, quiets: list[float | None], batch: int) -> list[dict]:
    from bench_scale import digest
    from corroborate.pipeline import Ingestor
    from corroborate.read import read_paths
    from corroborate.store import Store

    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    for quiet in quiets:
        db = OUT / "memory_corpus.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        store = Store(str(db))
        t0 = time.perf_counter()
        ingestor = Ingestor(store, clusterer=Clusterer(ClusterConfig(quiet_days=quiet)))
        report = ingestor.ingest(read_paths([path]), batch_size=batch)
        idx = ingestor.clusterer.idx
        rows.append({"corpus": path, "quiet_days": quiet, "batch": batch, "articles": report.ingested,
                     "seconds": round(time.perf_counter() - t0, 1), "evictions": idx.evictions,
                     "reloads": idx.reloads, "in_memory_at_end": len(idx.stories),
                     "evicted_at_end": len(idx.spill), "digest": digest(store)})
        store.close()
        print(json.dumps(rows[-1]), flush=True)
    same = len({r["digest"] for r in rows}) == 1
    print(f"digests {'IDENTICAL' if same else 'DIFFERENT'} over quiet_days {[r['quiet_days'] for r in rows]}")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--checkpoints", default="", help="article counts at which to report memory")
    ap.add_argument("--keep-all", action="store_true", help="eviction off: every story stays in memory")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corpus", help="ingest this corpus with each --quiet setting and compare the digests")
    ap.add_argument("--quiet", default="none,42,0", help="quiet_days settings for --corpus (none: eviction off)")
    ap.add_argument("--batch", type=int, default=64, help="ingest batch size for --corpus")
    ap.add_argument("--first-window", type=int, help=argparse.SUPPRESS)  # run() starts this itself
    ap.add_argument("--ab", action="store_true", help="interleave a clusterer with eviction and one without")
    args = ap.parse_args()
    if args.first_window:
        print(json.dumps(first_window(args.n, args.first_window, args.keep_all, args.seed)))
        return
    if args.ab:
        rows = interleaved(args.n, args.seed)
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / f"memory_ab_{args.n}.json").write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
        return
    if args.corpus:
        quiets = [None if q == "none" else float(q) for q in args.quiet.split(",")]
        rows = corpus_digests(args.corpus, quiets, args.batch)
        name = Path(args.corpus).stem
        (OUT / f"memory_digest_{name}.json").write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
        return
    checkpoints = sorted({int(c) for c in args.checkpoints.split(",") if c} | {args.n})
    result = run(args.n, checkpoints, args.keep_all, args.seed)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"memory_{args.n}{'_keep' if args.keep_all else ''}.json"
    path.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    first, last = result["cpu_ms_first"], result["cpu_ms_last"]
    same = result["cpu_ms_first_same_period"] or float("nan")
    print(f"\n| articles | eviction | CPU ms/article first {result['window']}: at the start / rerun with the last | "
          f"last {result['window']} | change vs rerun (vs start) | peak RSS MB | stories digest |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | --- |")
    print(f"| {args.n} | {'off' if args.keep_all else 'on'} | {first:.2f} / {same:.2f} | {last:.2f} | "
          f"{100 * (last / same - 1):+.0f}% ({100 * (last / first - 1):+.0f}%) | "
          f"{result['peak_rss_mb']:.0f} | {result['digest']} |")


if __name__ == "__main__":
    main()
