"""Claim extraction quality on the dev corpora (per article, before reconciliation).

GVA: max killed / max injured claim per article vs the incident's num_killed / num_injured; also the
single-article consensus (reconcile.facts.build_facts, group-less facts), which is what a story reports.
FA-KES: civilians / children / women killed per article vs nb_civilians / nb_children / nb_women. The
annotation counts every victim not named as a combatant as a civilian, so "civilians" here = the largest
killed count whose group is none or civilians/children/women (soldiers, fighters, attackers excluded).
Airwars: min and max of the killed claims per narrative vs killed_min / killed_max.
Run: .venv/bin/python bench/bench_claims.py [--limit N] [--show K]
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import time
from typing import Any

from common import OUT, load_jsonl
from corroborate.analyze.claims.extract import extract_claims
from corroborate.model import Analysis, Article, Claim
from corroborate.reconcile.facts import build_facts

CIVIL = {None, "civilians", "children", "women"}


def _facts(row: dict[str, Any]) -> dict[str, Any]:
    f = row.get("facts") or {}
    return f if isinstance(f, dict) else ast.literal_eval(f)


def _max(cs: list[Claim], slot: str, groups: set[str | None] | None = None) -> int:
    vals = [c.value for c in cs if c.slot == slot and c.about is None and (groups is None or c.group in groups)]
    return max(vals, default=0)


def _text(row: dict[str, Any]) -> str:
    title = row.get("title") or ""
    return (title + ".\n\n" if title and title != "None" else "") + (row.get("text") or "")


def gva(limit: int | None, show: int) -> dict[str, float]:
    incidents = {r["cluster"]: r for r in load_jsonl("gva_dev_incidents.jsonl")}
    rows = [r for r in load_jsonl("gva_dev.jsonl") if r["cluster"] in incidents][:limit]
    ok_k = ok_i = ok_ck = ok_ci = 0
    errors: list[str] = []
    for r in rows:
        inc = incidents[r["cluster"]]
        cs = extract_claims(_text(r), "en")
        k, i = _max(cs, "killed"), _max(cs, "injured")
        gk, gi = int(inc["num_killed"] or 0), int(inc["num_injured"] or 0)
        ok_k += k == gk
        ok_i += i == gi
        facts = build_facts([(Article(id=str(r["id"]), text=_text(r), lang="en"),
                              Analysis(article_id=str(r["id"]), lang="en", claims=cs))])
        cons = {f.slot: f.consensus.value or 0 for f in facts if not f.qualifier}
        ok_ck += cons.get("killed", 0) == gk
        ok_ci += cons.get("injured", 0) == gi
        if (k != gk or i != gi) and len(errors) < show:
            errors.append(f"{r['id']} killed {k} vs {gk}, injured {i} vs {gi}: "
                          + "; ".join(f"{c.slot}={c.value}/{c.group}" for c in cs)[:300])
    n = len(rows)
    for e in errors:
        print("  GVA", e)
    return {"gva_n": n, "gva_killed_eq": ok_k / n, "gva_injured_eq": ok_i / n,
            "gva_killed_consensus_eq": ok_ck / n, "gva_injured_consensus_eq": ok_ci / n}


def fakes(limit: int | None, show: int) -> dict[str, float]:
    rows = load_jsonl("fakes_syria_dev.jsonl")[:limit]
    ok = {"civilians": 0, "children": 0, "women": 0, "all3": 0}
    errors: list[str] = []
    for r in rows:
        f = _facts(r)
        cs = extract_claims(_text(r), r.get("lang") or "en")
        got = {"civilians": _max(cs, "killed", CIVIL), "children": _max(cs, "killed", {"children"}),
               "women": _max(cs, "killed", {"women"})}
        gold = {"civilians": int(f.get("nb_civilians") or 0), "children": int(f.get("nb_children") or 0),
                "women": int(f.get("nb_women") or 0)}
        for key in got:
            ok[key] += got[key] == gold[key]
        ok["all3"] += got == gold
        if got != gold and len(errors) < show:
            errors.append(f"{r['id']} got {got} gold {gold}: " + "; ".join(
                f"{c.slot}={c.value}/{c.group}" for c in cs)[:300])
    for e in errors:
        print("  FAKES", e)
    n = len(rows)
    return {"fakes_n": n, **{f"fakes_{k}_eq": v / n for k, v in ok.items()}}


def airwars(limit: int | None, show: int) -> dict[str, float]:
    rows = load_jsonl("airwars_dev.jsonl")[:limit]
    ok_min = ok_max = ok_both = 0
    errors: list[str] = []
    for r in rows:
        f = _facts(r)
        cs = [c for c in extract_claims(_text(r), r.get("lang") or "en") if c.slot == "killed" and c.about is None
              and c.group in CIVIL and c.group in {None, "civilians"}]
        lo = min((c.value for c in cs), default=0)
        hi = max(((c.value_max or c.value) for c in cs), default=0)
        glo, ghi = int(f.get("killed_min") or 0), int(f.get("killed_max") or 0)
        ok_min += lo == glo
        ok_max += hi == ghi
        ok_both += lo == glo and hi == ghi
        if (lo, hi) != (glo, ghi) and len(errors) < show:
            errors.append(f"{r['id']} got {lo}-{hi} gold {glo}-{ghi}: " + "; ".join(
                f"{c.value}{'+' if c.approx == 'at_least' else ''}" for c in cs)[:200])
    for e in errors:
        print("  AIRWARS", e)
    n = len(rows)
    return {"airwars_n": n, "airwars_min_eq": ok_min / n, "airwars_max_eq": ok_max / n, "airwars_range_eq": ok_both / n}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show", type=int, default=0, help="print this many errors per corpus")
    ap.add_argument("--only", choices=["gva", "fakes", "airwars"], default=None)
    args = ap.parse_args()
    results: dict[str, float] = {}
    t0 = time.perf_counter()
    for name, fn in (("gva", gva), ("fakes", fakes), ("airwars", airwars)):
        if args.only in (None, name):
            results.update(fn(args.limit, args.show))
    results["seconds"] = time.perf_counter() - t0
    print(json.dumps({k: round(v, 3) for k, v in results.items()}, indent=1))
    if args.limit is None and args.only is None:
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "claims.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    sys.path.insert(0, str(OUT.parent))
    main()
