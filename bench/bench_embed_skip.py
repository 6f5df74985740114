"""How many articles the clusterer embeds, and what its decisions give, with the encoder skipped when no
candidate could reach the join threshold whatever the cosine (`ClusterConfig.embed_only_when_decisive`)
versus the earlier rule (embed whenever a story of another language is a candidate).

Streams: the SemEval dev articles (multilingual, undated; first --limit documents, cleaned like the
pipeline; BCubed against their `cluster` field, partly gold) and Wikinews dev (BCubed). Vectors are the
cached title+lead embeddings (bench/out, keyed by embed.recipe()). Prints texts embedded, BCubed and the
clusterer's CPU seconds for each rule. Usage: python bench/bench_embed_skip.py [--limit 400]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_cluster as bc  # noqa: E402
from common import available_analyzer, bcubed, load_jsonl  # noqa: E402
from corroborate.cluster import ClusterConfig  # noqa: E402


def semeval_items(limit: int, analyzer: object) -> list[bc.Item]:
    rows = load_jsonl("semeval_dev.jsonl")[:limit]
    arts = [bc.clean_row(r, "semeval_dev.jsonl") for r in rows]
    ans = bc.analyse(arts, "semeval_dev", analyzer)
    return [(a, an, str(r["cluster"])) for a, an, r in zip(arts, ans, rows, strict=True)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=400)
    args = ap.parse_args()
    analyzer = available_analyzer()
    streams = {"semeval": semeval_items(args.limit, analyzer), "wikinews": bc.load_corpus("wikinews_dev.jsonl", analyzer)}
    print("| stream | rule | articles | texts embedded | BCubed F1 / P / R | clusterer CPU s |")
    print("| --- | --- | ---: | ---: | --- | ---: |")
    for name, items in streams.items():
        for decisive in (False, True):
            c0 = time.process_time()
            pred = bc.run_stream(items, 1, ClusterConfig(embed_only_when_decisive=decisive))
            cpu = time.process_time() - c0
            b = bcubed(bc.gold_of(items), pred)
            rule = "decisive only" if decisive else "another language among candidates"
            print(f"| {name} | {rule} | {len(items)} | {bc.EMBEDDED['last']} | "
                  f"{b['bcubed_f1']:.4f} / {b['bcubed_p']:.3f} / {b['bcubed_r']:.3f} | {cpu:.1f} |", flush=True)
            print(json.dumps({"stream": name, "decisive": decisive, "embedded": bc.EMBEDDED["last"], **b}),
                  file=sys.stderr)


if __name__ == "__main__":
    main()
