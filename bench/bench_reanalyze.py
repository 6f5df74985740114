"""`reanalyze` throughput, 1 vs N workers: copies a SQLite database made by an ingest (e.g. the
bench_scale.py output bench/out/scale_gva_1.db) and re-analyses every article to a new version.

Usage: python bench/bench_reanalyze.py DB [--workers 1,2] [--batch-size 64]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path


def run(db: Path, workers: int, batch_size: int) -> tuple[int, float]:
    from corroborate.parallel import ProcessBackend, analyzer_factory
    from corroborate.reanalyze import reanalyze
    from corroborate.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.db"
        shutil.copy(db, copy)
        with Store(str(copy)) as store:
            backend = ProcessBackend(workers, analyzer_factory()) if workers > 1 else None
            started = time.perf_counter()
            try:
                report = reanalyze(store, backend, version=f"bench-{time.time()}", batch_size=batch_size)
            finally:
                if backend is not None:
                    backend.close()
            return report.articles, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    for workers in (int(w) for w in args.workers.split(",")):
        n, seconds = run(args.db, workers, args.batch_size)
        print(f"reanalyze, {workers} worker(s): {n} articles in {seconds:.1f}s = {n / seconds:.1f} articles/s")


if __name__ == "__main__":
    main()
