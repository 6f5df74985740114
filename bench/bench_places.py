"""Places on GVA dev: is the incident's city (and state) among the places found in its articles?

Joins ../shared/eval/gva_dev.jsonl with gva_dev_incidents.jsonl on `cluster`, runs the sentences,
entities and places components on each article, and prints:
- per article: city among the places, state among the places, city with the right state, and the
  top-ranked place (`rank_places`) being the city;
- per incident: the city found in at least one of its articles, and the city in the dossier `where`
  list that reconcile.event builds from the incident's articles (the product target is >= 90%);
- gazetteer build/load time and memory, and time per article after loading.

Usage: .venv/bin/python bench/bench_places.py [--limit N] [--misses K]
"""

from __future__ import annotations

import argparse
import re
import resource
import time
from collections import defaultdict

from common import load_jsonl
from corroborate.analyze.entities.component import entities
from corroborate.analyze.places.component import places
from corroborate.analyze.places.rank import rank_places
from corroborate.analyze.sentences import sentences
from corroborate.geo import build_gazetteer, gazetteer, loose_key
from corroborate.model import Analysis, Article, Place, WhereInfo
from corroborate.reconcile.event import _where


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def city_keys(city: str) -> set[str]:
    """Keys for a GVA `city_or_county`: "Goleta (Isla Vista)" names a town and the neighbourhood or
    town inside it; "Greene (county)" a county."""
    city = city.strip()
    keys: set[str] = set()
    if city.lower().endswith("(county)"):
        base = city[: -len("(county)")].strip()
        return {loose_key(base + " County"), loose_key(base)}
    m = re.match(r"^(.*?)\s*\((.*)\)$", city)
    parts = [m.group(1), m.group(2)] if m else [city]
    for part in parts:
        keys.add(loose_key(part))
        if part == "New York":
            keys.add(loose_key("New York City"))
    return keys


def matches_city(p: Place, keys: set[str]) -> bool:
    return loose_key(p.name) in keys or loose_key(p.text) in keys


def where_has_city(where: list[WhereInfo], keys: set[str]) -> bool:
    return any(loose_key(w.name) in keys for w in where)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="articles to use (0 = all)")
    ap.add_argument("--misses", type=int, default=0, help="print this many misses")
    ap.add_argument("--cold", action="store_true", help="also time a build without the disk cache")
    args = ap.parse_args()

    rss0 = rss_mb()
    t = time.perf_counter()
    gazetteer()
    load_s = time.perf_counter() - t
    print(
        f"gazetteer load: {load_s:.2f} s (disk cache), peak RSS +{rss_mb() - rss0:.0f} MB, "
        f"{len(gazetteer().entries)} entries, {len(gazetteer().index)} keys"
    )
    if args.cold:
        t = time.perf_counter()
        build_gazetteer()
        print(f"gazetteer build without cache: {time.perf_counter() - t:.2f} s, peak RSS {rss_mb():.0f} MB")

    incidents = {str(r["cluster"]): r for r in load_jsonl("gva_dev_incidents.jsonl")}
    articles = [a for a in load_jsonl("gva_dev.jsonl") if str(a.get("cluster")) in incidents]
    if args.limit:
        articles = articles[: args.limit]

    counts: dict[str, int] = defaultdict(int)
    per_incident: dict[str, bool] = {}
    per_incident_top: dict[str, bool] = {}
    elapsed = elapsed_places = 0.0
    misses: list[str] = []
    by_incident: dict[str, list[tuple[Article, Analysis]]] = defaultdict(list)
    for row in articles:
        inc = incidents[str(row["cluster"])]
        text = (row.get("title") or "") + "\n\n" + (row.get("text") or "")
        art = Article(id=row["id"], text=text, lang="en")
        an = Analysis(article_id=art.id, lang="en")
        sentences(art, an)
        t = time.perf_counter()
        entities(art, an)
        t1 = time.perf_counter()
        places(art, an)
        elapsed += time.perf_counter() - t
        elapsed_places += time.perf_counter() - t1
        keys = city_keys(inc["city_or_county"])
        state = inc["state"].strip()
        found_city = [p for p in an.places if matches_city(p, keys)]
        ranked = rank_places(an.places, text)
        by_incident[str(row["cluster"])].append((art, an))
        top_ok = bool(ranked) and matches_city(ranked[0], keys)
        counts["articles"] += 1
        counts["city"] += bool(found_city)
        counts["state"] += any(p.admin1 == state or p.name == state for p in an.places)
        counts["city_state"] += any(p.admin1 == state for p in found_city)
        counts["top"] += top_ok
        cid = str(row["cluster"])
        per_incident[cid] = per_incident.get(cid, False) or bool(found_city)
        per_incident_top[cid] = per_incident_top.get(cid, False) or top_ok
        if not found_city and len(misses) < args.misses:
            names = ", ".join(f"{p.text}->{p.name}/{p.admin1}" for p in ranked[:6])
            misses.append(f"  {inc['city_or_county']}, {state}: found [{names}]")

    n = counts["articles"]
    print(f"articles: {n}, incidents: {len(per_incident)}")
    for label, key in (
        ("city among places", "city"),
        ("state among places", "state"),
        ("city with the right state", "city_state"),
        ("top-ranked place is the city", "top"),
    ):
        print(f"  {label:32s} {counts[key] / n:6.1%}  ({counts[key]}/{n})")
    hit = sum(per_incident.values())
    top = sum(per_incident_top.values())
    print(
        f"per incident: city found in >= 1 article: {hit / len(per_incident):.1%} ({hit}/{len(per_incident)}); "
        f"top-ranked in >= 1 article: {top / len(per_incident):.1%}"
    )
    in_where = top_where = 0
    for cid, items in by_incident.items():
        where = _where(items)
        keys = city_keys(incidents[cid]["city_or_county"])
        in_where += where_has_city(where, keys)
        top_where += bool(where) and where_has_city(where[:1], keys)
    n_inc = len(by_incident)
    print(
        f"per incident, dossier where list (top 8): city listed {in_where / n_inc:.1%} ({in_where}/{n_inc}); "
        f"city first {top_where / n_inc:.1%}"
    )
    print(
        f"entities+places: {1000 * elapsed / n:.2f} ms per article, places alone {1000 * elapsed_places / n:.2f} ms "
        f"(mean over {n}, after loading; article text mean {sum(len(a['text']) for a in articles) / n:.0f} chars)"
    )
    if misses:
        print("misses:")
        print("\n".join(misses))


if __name__ == "__main__":
    main()
