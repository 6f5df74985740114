"""Scale: the whole pipeline with 1 vs N worker processes (and Ray), on GVA dev and the multilingual
SemEval dev articles; prints the issue's table (what is not measured here says so).

Each run is its own process (peak memory is its own) on a fresh SQLite database; the runs of one corpus
must give identical stories and dossiers (a digest of the exported dossiers and article->story map).
Usage: python bench/bench_scale.py [--corpus gva,semeval] [--workers 1,2] [--ray] [--limit N] [--no-write]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = (ROOT / ".." / "shared" / "eval").resolve()
CORPORA = {"gva": EVAL / "gva_dev.jsonl", "semeval": EVAL / "semeval_dev.jsonl"}
OUT = ROOT / "bench" / "out"


def _limited(items, limit: int | None):
    for n, item in enumerate(items):
        if limit is not None and n >= limit:
            return
        yield item


def digest(store) -> str:
    from corroborate.model import to_json

    h = hashlib.sha256()
    for line in sorted(json.dumps(to_json(d), sort_keys=True, ensure_ascii=False) for d in store.iter_dossiers()):
        h.update(line.encode())
    for aid, sid in sorted(store.article_stories().items()):
        h.update(f"{aid} {sid}\n".encode())
    return h.hexdigest()[:16]


def _worker_cpu(parallel) -> float | None:
    """CPU seconds (user + system) of the live worker processes, model loading included; None on Ray."""
    pool = getattr(getattr(parallel, "backend", None), "pool", None)
    if pool is None:
        return 0.0 if parallel is None else None
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in list(getattr(pool, "_processes", {}) or {}):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def child(corpus: str, workers: int, ray: bool, limit: int | None) -> dict:
    from corroborate.parallel import process_analysis
    from corroborate.pipeline import Ingestor
    from corroborate.read import read_paths
    from corroborate.store import Store

    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"scale_{corpus}_{'ray' if ray else workers}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    store = Store(str(db))
    t0 = time.perf_counter()
    if ray:
        from corroborate.parallel import ParallelAnalysis
        from corroborate.parallel_ray import RayBackend

        parallel = ParallelAnalysis(RayBackend("local", workers))
    else:
        parallel = process_analysis(workers) if workers > 1 else None
    ingestor = Ingestor(store, analyse_many=parallel)
    cpu0 = time.process_time()
    try:
        report = ingestor.ingest(_limited(read_paths([str(CORPORA[corpus])]), limit))
        writer_cpu = time.process_time() - cpu0
        worker_cpu = _worker_cpu(parallel)
    finally:
        if parallel is not None:
            parallel.close()
    wall = time.perf_counter() - t0
    result = {
        "corpus": corpus, "workers": workers, "ray": ray, "articles": report.ingested,
        "failed": len(report.failures), "seconds": report.seconds, "wall_with_startup": wall,
        "rate": report.ingested / report.seconds if report.seconds else 0.0,
        "embedded_by_clusterer": ingestor.clusterer.embedded,
        "encoded_in_writer": ingestor.embedder.count if ingestor.embedder else 0,
        "encoded_in_workers": parallel.embedded if parallel is not None else 0,
        "writer_cpu": writer_cpu, "worker_cpu": worker_cpu,
        "peak_rss_writer_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "digest": digest(store),
    }
    store.close()
    return result


def table(rows: list[dict], load: tuple[float, float, float]) -> str:
    lines = [
        "| corpus | workers | articles | seconds | articles/s | texts encoded (writer / workers) | "
        "peak RSS MB (writer) | stories+dossiers digest |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        who = f"Ray local, {r['workers']} actors" if r["ray"] else str(r["workers"])
        lines.append(f"| {r['corpus']} | {who} | {r['articles']} | {r['seconds']:.1f} | {r['rate']:.1f} | "
                     f"{r['encoded_in_writer']} / {r['encoded_in_workers']} | "
                     f"{r['peak_rss_writer_mb']:.0f} | {r['digest']} |")
    return "\n".join(lines)


def issue_table(rows: list[dict]) -> str:
    def rate(corpus: str, workers: int, ray: bool = False) -> str:
        hit = [r for r in rows if r["corpus"] == corpus and r["workers"] == workers and r["ray"] == ray]
        return f"{hit[0]['rate']:.1f} articles/s" if hit else "not measured"

    def same(corpus: str) -> str:
        digests = {r["digest"] for r in rows if r["corpus"] == corpus}
        runs = [r for r in rows if r["corpus"] == corpus]
        if len(runs) < 2:
            return "not measured"
        return ("identical" if len(digests) == 1 else "DIFFERENT") + f" ({len(runs)} runs)"

    def ray_vs_workers() -> str:
        ray_rows = [r for r in rows if r["ray"]]
        if not ray_rows:
            return "not measured"
        r = ray_rows[0]
        base = [w for w in rows if not w["ray"] and w["corpus"] == r["corpus"] and w["workers"] == r["workers"]]
        if not base:
            return "not measured"
        return f"{100 * (r['rate'] / base[0]['rate'] - 1):+.0f}% ({r['corpus']})"

    lines = [
        "| measure | now | target |",
        "| --- | ---: | ---: |",
        f"| whole pipeline, GVA dev, `--workers 2` (1 process) | {rate('gva', 2)} ({rate('gva', 1)}) | >= 35 articles/s |",
        f"| whole pipeline, SemEval dev (7 languages), `--workers 2` (1 process) | {rate('semeval', 2)} "
        f"({rate('semeval', 1)}) | >= 15 articles/s |",
        f"| stories and dossiers, 1 vs N workers vs Ray | gva: {same('gva')}; semeval: {same('semeval')} | identical |",
        f"| Ray local cluster vs `--workers` on the same cores | {ray_vs_workers()} | within 15% |",
        *memory_rows(),
        "| web and API at 1M stored articles (PostgreSQL), p99 | not measured | <= 200 ms, 0 errors |",
        "| `reanalyze` kill -9 midway, rerun | every article once, new version (tests/scale/test_reanalyze.py, "
        "not a timing) | every article once, new version |",
    ]
    return "\n".join(lines)


def memory_rows() -> list[str]:
    """The two bounded-memory rows, from the longest `make bench-memory` run found in bench/out/."""
    runs = [json.loads(p.read_text()) for p in OUT.glob("memory_*.json") if p.name.split("_")[1].split(".")[0].isdigit()]
    runs = [r for r in runs if not r.get("keep_all") and "cpu_ms_first" in r]
    if not runs:
        return ["| clustering cost per article, first 10k vs last 10k of a 200k stream | not measured "
                "(`make bench-memory`) | within 20% |",
                "| peak RSS at 200k articles streamed | not measured (`make bench-memory`) | <= 600 MB, and flat |"]
    r = max(runs, key=lambda r: r["n"])
    w = r["window"]
    cost = (f"{r['cpu_ms_first']:.1f} -> {r['cpu_ms_last']:.1f} CPU ms "
            f"({100 * (r['cpu_ms_last'] / r['cpu_ms_first'] - 1):+.0f}%), first vs last {w:,} of {r['n']:,}"
            + (f" (a {r['of']:,} run stopped there)" if "of" in r else ""))
    same = r.get("cpu_ms_first_same_period")
    if same:  # the first window streamed again beside the last one: the comparison of one period
        cost += f"; the first {w:,} again beside the last: {same:.1f} -> {r['cpu_ms_last']:.1f} ({100 * (r['cpu_ms_last'] / same - 1):+.0f}%)"
    rss = ", ".join(f"{int(n) // 1000}k: {c['rss_mb']:.0f}" for n, c in sorted(r["checkpoints"].items(), key=lambda x: int(x[0]))
                    if int(n) % 50_000 == 0)
    return [f"| clustering cost per article, first 10k vs last 10k of a 200k stream | {cost} | within 20% |",
            f"| peak RSS at 200k articles streamed | peak {r['peak_rss_mb']:.0f} MB at {r['n']:,} (RSS MB at {rss}) "
            "| <= 600 MB, and flat |"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default="gva,semeval")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--ray", action="store_true", help="also run on a local Ray cluster (max --workers actors)")
    parser.add_argument("--limit", type=int, default=None, help="first N documents of each corpus")
    parser.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        corpus, workers, ray = args.child.split(":")
        print(json.dumps(child(corpus, int(workers), ray == "ray", args.limit)))
        return
    corpora = [c for c in args.corpus.split(",") if c]
    missing = [str(CORPORA[c]) for c in corpora if not CORPORA[c].exists()]
    if missing:
        sys.exit(f"not found: {', '.join(missing)} (the benchmark reads ../shared/eval/ beside the repository)")
    counts = [int(w) for w in args.workers.split(",")]
    runs = [(c, w, False) for c in corpora for w in counts]
    if args.ray:
        runs += [(c, max(counts), True) for c in corpora]
    rows = []
    for corpus, workers, ray in runs:
        cmd = [sys.executable, __file__, "--child", f"{corpus}:{workers}:{'ray' if ray else 'proc'}"]
        cmd += ["--limit", str(args.limit)] if args.limit else []
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        rows.append(json.loads(out))
        r = rows[-1]
        print(f"{corpus:8s} {'ray' if ray else 'workers'} {workers}: {r['articles']} articles in {r['seconds']:.1f}s "
              f"= {r['rate']:.1f}/s; CPU writer {r['writer_cpu']:.1f}s workers {r['worker_cpu'] or 0:.1f}s; "
              f"load {os.getloadavg()[0]:.1f}; encoded writer {r['encoded_in_writer']} workers {r['encoded_in_workers']}; "
              f"digest {r['digest']}", flush=True)
    load = os.getloadavg()
    print()
    print(table(rows, load))
    print()
    print(issue_table(rows))
    if not args.no_write:
        from results import write_section

        limit = f" --limit {args.limit}" if args.limit else ""
        body = [
            f"Command: `make bench-scale` (= `python bench/bench_scale.py{limit}`), {platform.machine()} "
            f"{sys.platform}, {os.cpu_count()} cores SHARED with other jobs (load average after the runs "
            f"{load[0]:.1f}): throughput figures are noisy and low; compare rows of one run only.",
            "", table(rows, load), "", issue_table(rows),
        ]
        write_section("Scale", "\n".join(body))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
