"""End-to-end check on ../shared/seeds: the whole pipeline, then EXPECTED.md's stories and facts.

Prints PASS/FAIL per check and the dossier of the main story. Exit status 1 if any check fails.
Usage: python bench/check_seeds.py [--db PATH]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from rich.console import Console

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
MAIN = ("000", "001", "002", "004")
OTHER = "003"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="database to write (default: a temporary file)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    from corroborate import render
    from corroborate.pipeline import Ingestor
    from corroborate.read import read_paths
    from corroborate.store import Store

    db = args.db or str(Path(tempfile.mkdtemp()) / "seeds.db")
    store = Store(db)
    Ingestor(store).ingest(read_paths([str(p) for p in sorted(SEEDS.glob("*.txt"))]))
    stories = store.article_stories()
    by_prefix = {aid.split("_")[0]: sid for aid, sid in stories.items()}
    results: list[tuple[str, bool, str]] = []

    def check(name: str, ok: bool, detail: str = "") -> None:
        results.append((name, ok, detail))

    main_stories = {by_prefix.get(p) for p in MAIN}
    check("000, 001, 002, 004 form one story", len(main_stories) == 1 and None not in main_stories, str(by_prefix))
    main_id = by_prefix.get("000")
    other_id = by_prefix.get(OTHER)
    check("003 is another story", other_id is not None and other_id != main_id)
    linked = False
    for a, b in ((other_id, main_id), (main_id, other_id)):
        story = store.get_story(a) if a else None
        if story and any(r.story == b for r in story.related):
            linked = True
    check("003's story is related to the main story", linked)

    dossier = store.get_dossier(main_id) if main_id else None
    if dossier is None:
        check("main dossier exists", False)
    else:
        facts = {(f.slot, f.qualifier.get("group"), f.qualifier.get("about")): f for f in dossier.facts}
        killed = facts.get(("killed", None, None))
        check("killed: 13, corroborated", bool(killed and killed.consensus.value == 13 and killed.status == "corroborated"),
              f"{killed.consensus if killed else None} {killed.status if killed else ''}")
        check("killed: the 12 and 'at least a dozen' claims beside it",
              bool(killed and {12} <= {c.value for c in killed.claims}), str(sorted(c.value for c in killed.claims) if killed else []))
        children = facts.get(("killed", "children", None))
        check("children: 6 vs 4 vs 7, conflicting",
              bool(children and children.status == "conflicting" and {4, 6, 7} <= {c.value for c in children.claims}),
              str(sorted(c.value for c in children.claims) if children else None))
        women = facts.get(("killed", "women", None))
        check("women: 4 vs 2, conflicting",
              bool(women and women.status == "conflicting" and {2, 4} <= {c.value for c in women.claims}),
              str(sorted(c.value for c in women.claims) if women else None))
        us = [f for k, f in facts.items() if k[0] == "killed" and (k[2] or "").upper() in ("US", "USA", "AMERICAN")]
        check("no US casualties (0)", bool(us and us[0].consensus.value == 0), str([f.consensus for f in us]))
        attributed = [c for f in dossier.facts for c in f.claims if c.attributed_to]
        check("claims carry attributions", len(attributed) >= 4, f"{len(attributed)} attributed claims")
        # EXPECTED.md: the leader is one entity with all his spellings (the titles and bodies spell him
        # differently): no two person/untyped entities are spellings of one name, and the people the
        # titles name appear in all four reports
        from corroborate.text.names import same_name

        named = [e for e in dossier.entities if e.kind in ("person", "misc")]
        split = [(a.name, b.name) for k, a in enumerate(named) for b in named[k + 1:] if same_name(a.name, b.name) >= 0.8]
        titles = " ".join(a.title or "" for aid in stories if (a := store.get_article(aid))).lower()
        leaders = [e for e in named if e.kind == "person" and any(v.lower() in titles for v in e.variants)]
        check(f"each person is one entity with every spelling; those the titles name are in all {len(MAIN)} articles",
              not split and bool(leaders) and all(len(e.articles) >= len(MAIN) for e in leaders),
              f"split: {split}; " + str([(e.name, e.variants, len(e.articles)) for e in leaders]))
        precisions = {(w.country, w.precision) for w in dossier.event.where}
        check("places: a town, a province and the country (SY)",
              {("SY", "town"), ("SY", "province"), ("SY", "country")} <= precisions, str(dossier.event.where[:6]))
        check("event type raid", dossier.event.type == "raid", str(dossier.event.type))
        when = dossier.event.when.start
        check("date 2022-02-03 (or the night before)", bool(when and when.date().isoformat() in ("2022-02-02", "2022-02-03")), str(when))
        check_person_attributes(dossier, store.get_dossier(other_id) if other_id else None, check)
        if not args.quiet:
            render.dossier(dossier, Console())
    failed = 0
    for name, ok, detail in results:
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f"   [{detail}]" if detail and not ok else ""))
    print(f"{len(results) - failed}/{len(results)} checks pass")
    return 1 if failed else 0


def check_person_attributes(dossier: Any, other: Any, check: Any) -> None:
    """EXPECTED.md's person attributes: the leader's age (45 vs 46) and since when he led (31 October
    2019 vs October 2019 in the main story, November 2019 in 003's), on the entity with his spellings."""
    from corroborate.reconcile.entities import compatible_values

    def rows(d: Any) -> dict[str, Any]:
        return {a.attribute: a for e in (d.entities if d else []) if e.kind == "person" for a in e.attributes}

    main_rows = rows(dossier)
    age = main_rows.get("age")
    ages = {v.value for v in age.values} if age else set()
    check("person attribute age: 45 vs 46, conflicting, each value with its article and quote",
          bool(age and age.status == "conflicting" and {"45", "46"} <= ages
               and all(c.article and c.quote for v in age.values for c in v.claims)), str(age))
    since = main_rows.get("leader since")
    dates = {v.value for v in since.values} if since else set()
    other_since = rows(other).get("leader since")
    other_dates = {v.value for v in other_since.values} if other_since else set()
    check("person attribute leader since: 2019-10-31 and 2019-10 (compatible) in the main story, 2019-11 in 003's,"
          " which conflicts with 2019-10-31",
          bool(since and {"2019-10-31", "2019-10"} <= dates and since.status != "conflicting" and "2019-11" in other_dates
               and not compatible_values("leader since", "2019-11", "2019-10-31")), f"{since} / {other_since}")


if __name__ == "__main__":
    sys.exit(main())
