"""Ingest throughput and peak memory on ../shared/eval/gva_dev.jsonl (1,761 raw scraped articles).

Two measures, each in its own process so peak memory is its own:
  store   read + clean + store (no analysis, no clustering): target >= 100 articles/s
  full    read + clean + analyze + cluster + reconcile + store: target >= 20 articles/s; articles are
          embedded only when another language is among their candidate stories (none on this English
          corpus unless language detection errs); `eager` embeds every article (the former behaviour)
Usage: python bench/bench_ingest.py [--mode store|full|noembed|eager|both] [--limit N] [--no-write] [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = (ROOT / ".." / "shared" / "eval" / "gva_dev.jsonl").resolve()
OUT = ROOT / "bench" / "out"


def _limited(items, limit: int | None):
    for n, item in enumerate(items):
        if limit is not None and n >= limit:
            return
        yield item


def run_store(db: Path, limit: int | None) -> dict:
    from corroborate.clean import CleanError, clean
    from corroborate.model import Analysis, ReadError
    from corroborate.read import read_paths
    from corroborate.store import Batch, Store

    store = Store(str(db))
    started = time.perf_counter()
    n = failed = 0
    batch: list = []
    for item in _limited(read_paths([str(CORPUS)]), limit):
        if isinstance(item, ReadError):
            failed += 1
            continue
        try:
            article = clean(item)
        except CleanError:
            failed += 1
            continue
        batch.append((article, Analysis(article_id=article.id, lang=article.lang)))
        if len(batch) >= 64:
            store.write_batch(Batch(articles=batch))
            n += len(batch)
            batch = []
    if batch:
        store.write_batch(Batch(articles=batch))
        n += len(batch)
    seconds = time.perf_counter() - started
    store.close()
    return {"articles": n, "failed": failed, "seconds": seconds}


def run_full(db: Path, limit: int | None, skip: tuple[str, ...] = (), lazy: bool = True) -> dict:
    from corroborate.analyze import Analyzer
    from corroborate.pipeline import Ingestor
    from corroborate.read import read_paths
    from corroborate.store import Store

    store = Store(str(db))
    t0 = time.perf_counter()
    ingestor = Ingestor(store, Analyzer(skip=skip), lazy_embed=lazy)
    load = time.perf_counter() - t0
    cpu = time.process_time()
    report = ingestor.ingest(_limited(read_paths([str(CORPUS)]), limit))
    cpu = time.process_time() - cpu
    store.close()
    embedded = ingestor.clusterer.embedded if lazy else (0 if "embed" in skip else report.ingested)
    return {"articles": report.ingested, "failed": len(report.failures), "seconds": report.seconds,
            "cpu_seconds": cpu, "model_load_s": load, "embedded": embedded}


def child(mode: str, limit: int | None, db_path: str | None) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    db = Path(db_path) if db_path else OUT / f"gva_{mode}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    if mode == "store":
        result = run_store(db, limit)
    else:
        result = run_full(db, limit, skip=("embed",) if mode == "noembed" else (), lazy=mode != "eager")
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["rate"] = result["articles"] / result["seconds"] if result["seconds"] else 0.0
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mode", choices=["store", "full", "noembed", "eager", "both"], default="both")
    parser.add_argument("--db", help="database file to (re)write (default: bench/out/gva_<mode>.db, which other "
                        "benchmarks read: use another path for experiments); one mode only")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} not found: the benchmark reads ../shared/eval/ beside the repository")
    if args.child:
        child(args.mode, args.limit, args.db)
        return
    modes = ["store", "noembed", "full"] if args.mode == "both" else [args.mode]
    if args.db and len(modes) > 1:
        sys.exit("--db needs a single --mode")
    rows = []
    for mode in modes:
        cmd = [sys.executable, __file__, "--child", "--mode", mode] + (["--limit", str(args.limit)] if args.limit else [])
        cmd += ["--db", args.db] if args.db else []
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        result = json.loads(out)
        rows.append((mode, result))
        print(f"{mode:7s} {result['articles']} articles in {result['seconds']:.1f}s = {result['rate']:.1f} articles/s, "
              f"peak RSS {result['peak_rss_mb']:.0f} MB, failed {result['failed']}"
              + (f", model load {result['model_load_s']:.1f}s" if "model_load_s" in result else "")
              + (f", CPU {result['cpu_seconds']:.1f}s, embedded {result['embedded']}" if "embedded" in result else ""))
    if not args.no_write and args.limit is None and not args.db:
        from results import write_section

        lines = [
            f"Command: `make bench-ingest` (= `python bench/bench_ingest.py`), corpus gva_dev.jsonl, "
            f"{platform.machine()} {sys.platform}, 2 cores.",
            "",
            "| stages | articles | seconds | articles/s | CPU s | texts embedded | peak RSS MB | target |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for mode, r in rows:
            label = {"store": "read+clean+store", "noembed": "full pipeline, `--skip embed`",
                     "full": "full pipeline (read, clean, analyze, embed on demand, cluster, reconcile, store)",
                     "eager": "full pipeline, every article embedded"}[mode]
            target = ">= 100/s" if mode == "store" else ">= 20/s"
            cpu = f"{r['cpu_seconds']:.1f}" if "cpu_seconds" in r else ""
            lines.append(f"| {label} | {r['articles']} | {r['seconds']:.1f} | {r['rate']:.1f} | {cpu} | "
                         f"{r.get('embedded', '')} | {r['peak_rss_mb']:.0f} | {target} |")
        write_section("Ingest throughput", "\n".join(lines))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
