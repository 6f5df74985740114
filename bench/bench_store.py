"""Measure write_batch and the main reads: `python bench/bench_store.py [--db URL] [--batches N]`.

Writes synthetic batches (100 articles with 384-d analyses, 100 assignments, 10 stories with dossiers and
clusterer state) into an empty database and prints timings. Uses a temporary SQLite file by default; a
PostgreSQL --db must name an empty database or schema (the tables are left behind).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from corroborate.model import Assignment, Story
from corroborate.store import Batch, Store, StoryQuery
from corroborate.testing import analysis, article, dossier


def _batch(b: int, size: int, full: bool) -> Batch:
    arts = [article(b * size + i) for i in range(size)]
    pairs = [(a, analysis(a, dim=384)) for a in arts]
    if not full:
        return Batch(articles=pairs)
    sids = [f"s{b}-{k}" for k in range(10)]
    return Batch(
        articles=pairs,
        assignments=[Assignment(a.id, sids[i % 10], 0.5, True) for i, a in enumerate(arts)],
        stories=[Story(sid, [], title=f"story {sid}") for sid in sids],
        story_states={sid: bytes(2000) for sid in sids},
        dossiers=[dossier(sid, arts[k::10]) for k, sid in enumerate(sids)],
    )


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.1f} ms (min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})"


def run(db: str, batches: int, size: int = 100) -> None:
    with Store(db) as store:
        print(f"store: {store!r}")
        for label, full, offset in (("full batch", True, 0), ("articles+analyses only", False, batches)):
            times = []
            for b in range(offset, offset + batches):
                batch = _batch(b, size, full)
                started = time.perf_counter()
                store.write_batch(batch)
                times.append(time.perf_counter() - started)
            print(f"write_batch {size} articles, {label}: {_ms(times)}")
        for label, call in (
            ("list_stories recent", lambda: store.list_stories(StoryQuery())),
            ("list_stories text+size", lambda: store.list_stories(StoryQuery(text="ferry", order="size"))),
            ("known_hashes 1000", lambda: store.known_hashes(article(i).content_hash for i in range(1000))),
            ("iter_articles all", lambda: sum(1 for _ in store.iter_articles())),
            ("iter_analyses all", lambda: sum(1 for _ in store.iter_analyses())),
        ):
            started = time.perf_counter()
            call()
            print(f"{label}: {(time.perf_counter() - started) * 1000:.1f} ms over {store.count_articles()} articles")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database path or URL (default: a temporary SQLite file)")
    parser.add_argument("--batches", type=int, default=20)
    args = parser.parse_args()
    if args.db:
        run(args.db, args.batches)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run(str(Path(tmp) / "bench.db"), args.batches)


if __name__ == "__main__":
    main()
