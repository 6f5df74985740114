"""Event-time accuracy and speed of analyze/times.py on the GVA dev corpus.

Joins ../shared/eval/gva_dev.jsonl with gva_dev_incidents.jsonl on `cluster` and prints the fraction of
articles whose chosen event time falls within one day of the incident date, next to the baseline
"event time = publication date"; the same per incident after reconciliation (the story's event day as
reconcile/event.py picks it from the articles of the incident); and the average CPU time per article and
per 3 KB of text (CPU time: the machine is shared).

Usage: .venv/bin/python bench/bench_times.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

from corroborate.analyze.times.component import extract_times, pick_event_time
from corroborate.model import Analysis, Article
from corroborate.reconcile.event import event_info

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def _incident_day(raw: str) -> date | None:
    for fmt in ("%B %d, %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw.strip(), fmt).date()
        except ValueError:
            continue
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0 = all)")
    args = parser.parse_args()
    articles_path, incidents_path = EVAL / "gva_dev.jsonl", EVAL / "gva_dev_incidents.jsonl"
    for path in (articles_path, incidents_path):
        if not path.is_file():
            print(f"missing {path}: this benchmark reads the shared eval corpus beside the repository", file=sys.stderr)
            return 2
    incidents: dict[str, date] = {}
    for line in incidents_path.open(encoding="utf-8"):
        row = json.loads(line)
        day = _incident_day(row.get("date", ""))
        if day:
            incidents[row["cluster"]] = day

    by_incident: dict[str, list[tuple[Article, Analysis]]] = defaultdict(list)
    n = hit = hit_pub = unresolved = fallback = 0
    chars = 0
    elapsed = 0.0
    for line in articles_path.open(encoding="utf-8"):
        row = json.loads(line)
        gold = incidents.get(row["cluster"])
        if gold is None or not row.get("text"):
            continue
        published = datetime.fromisoformat(row["date"]).replace(tzinfo=UTC) if row.get("date") else None
        article = Article(id=row["id"], text=row["text"], lang=row.get("lang") or "en", published=published)
        analysis = Analysis(article_id=article.id, lang=article.lang)
        t0 = time.process_time()
        exprs = extract_times(article.text, article.lang, article.published)
        chosen = pick_event_time(article.text, exprs, article.lang, article.published)
        elapsed += time.process_time() - t0
        analysis.times = exprs
        by_incident[row["cluster"]].append((article, analysis))
        chars += len(article.text)
        n += 1
        if chosen is None or chosen.value is None:
            unresolved += 1
        else:
            fallback += chosen.text == ""
            hit += abs((chosen.value.date() - gold).days) <= 1
        if published is not None:
            hit_pub += abs((published.date() - gold).days) <= 1
        if args.limit and n >= args.limit:
            break
    if not n:
        print("no articles joined with an incident date", file=sys.stderr)
        return 1
    print(f"articles: {n} (avg {chars / n:.0f} chars)")
    print(f"event time within 1 day of incident date: {hit / n:.3f} ({hit}/{n})")
    print(f"baseline, published date within 1 day:    {hit_pub / n:.3f} ({hit_pub}/{n})")
    story_hit = 0
    for cluster, items in by_incident.items():
        when = event_info(items).when
        story_hit += when.start is not None and abs((when.start.date() - incidents[cluster]).days) <= 1
    print(f"per incident after reconciliation, event day within 1 day: {story_hit / len(by_incident):.3f} "
          f"({story_hit}/{len(by_incident)})")
    print(f"no event time: {unresolved}; published-date fallback used: {fallback}")
    print(f"speed: {1000 * elapsed / n:.2f} ms/article, {1000 * elapsed / (chars / 3000):.2f} ms per 3 KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
