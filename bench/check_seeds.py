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




def run_checks(db: str | None = None, show: bool = False) -> list[tuple[str, bool, str]]:
    """Ingest the seeds into `db` (a temporary file when None) and check every row of EXPECTED.md:
    (check, passed, detail) per row."""
    from corroborate import render
    from corroborate.pipeline import Ingestor
    from corroborate.read import read_paths
    from corroborate.store import Store

    db = db or str(Path(tempfile.mkdtemp()) / "seeds.db")
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
        _more_checks(store, dossier, by_prefix, main_id, other_id, check)
        if show:
            render.dossier(dossier, Console())
    store.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="database to write (default: a temporary file)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    results = run_checks(args.db, show=not args.quiet)
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


def _more_checks(store, dossier, by_prefix: dict[str, str], main_id: str | None, other_id: str | None,
                 check) -> None:
    """The rows of EXPECTED.md beyond stories and casualty figures: noise, dates, links, facts, entities,
    places, framing."""
    ids = {aid.split("_")[0]: aid for aid in store.article_stories()}
    articles = {p: store.get_article(aid) for p, aid in ids.items()}
    text = {p: (a.text if a else "") for p, a in articles.items()}
    # input noise
    check("noise: 000 newsletter widget and 'date' prefix stripped",
          "[[" not in text.get("000", "") and "An error occurred" not in text.get("000", "")
          and not text.get("000", "").lstrip().lower().startswith("date"), text.get("000", "")[:80])
    noise_002 = [w for w in ("/html/head", "http://", "https://", ".jpg", ".png") if w in text.get("002", "")]
    check("noise: 002 URL line, XPath line, image URL stripped", not noise_002, str(noise_002))
    check("noise: 003 comment-form footer stripped",
          "Leave a Comment" not in text.get("003", "") and "will not be published" not in text.get("003", ""))
    undated = {p: articles[p].published for p in ("001", "003", "004") if articles.get(p) and articles[p].published}
    check("dates: 001, 003, 004 carry no publication date (none invented)", not undated, str(undated))
    # the related link: both sides, typed background
    sides = []
    for a, b in ((main_id, other_id), (other_id, main_id)):
        story = store.get_story(a) if a else None
        sides.append([r.relation for r in (story.related if story else []) if r.story == b])
    check("related link shown on both stories, typed background", all(side == ["background"] for side in sides), str(sides))
    facts = {(f.slot, f.qualifier.get("group"), f.qualifier.get("about")): f for f in dossier.facts}
    heli = facts.get(("helicopters", None, None))
    heli_claims = sorted((c.value, c.approx) for c in heli.claims) if heli else []
    check("helicopters: three seen vs at least five, conflicting",
          bool(heli and heli.status == "conflicting" and (3, "exact") in heli_claims and (5, "at_least") in heli_claims),
          str(heli_claims))
    other = store.get_dossier(other_id) if other_id else None
    self_main = facts.get(("killed_self", None, None))
    self_other = next((f for f in (other.facts if other else []) if f.slot == "killed_self"), None)
    check("how the leader died: by his own hand (000, 002; 003)",
          bool(self_main and {"000", "002"} <= {c.article.split("_")[0] for c in self_main.claims} and self_other),
          str([c.article for c in self_main.claims] if self_main else None))
    # entities
    def entity_with(*names: str):
        return [e for e in dossier.entities if {n.lower() for n in names} <= {v.lower() for v in (e.name, *e.variants)}]
    check("ISIS = IS = Islamic State = Daesh: one entity", bool(entity_with("ISIS", "IS", "Islamic State", "Daesh")),
          str([(e.name, e.variants) for e in dossier.entities if "ISIS" in e.variants or "Daesh" in e.variants]))
    alias = [e for e in dossier.entities if e.kind == "person" and any("Mawla" in v for v in e.variants)
             and any("Qura" in v for v in e.variants)]
    check("al-Qurayshi = al-Qurashi = alias al-Mawla: one person", bool(alias),
          str([(e.name, e.variants) for e in dossier.entities if any("Mawla" in v or "Qura" in v for v in e.variants)]))
    helmets = [e for e in dossier.entities if {"white helmets", "syrian civil defence"} <= {v.lower() for v in (e.name, *e.variants)}]
    check("White Helmets = Syrian Civil Defence: one entity", bool(helmets),
          str([(e.name, e.variants) for e in dossier.entities if "Helmets" in e.name or "Defen" in e.name]))
    where = {w.name: w for w in dossier.event.where}
    atmeh = where.get("Atmeh") or where.get("Atme")
    check("Atmeh = Atme: one place, in all four reports, located on the map",
          bool(atmeh and atmeh.articles >= 4 and atmeh.lat is not None and atmeh.lon is not None),
          str(atmeh))
    check("Syria = Syrien: one place in all four reports", bool(where.get("Syria") and where["Syria"].articles >= 4),
          str(where.get("Syria")))
    check("no country named only as an actor is an event place (United States)",
          not any(w.country == "US" for w in dossier.event.where), str([w.name for w in dossier.event.where]))
    # framing
    framing = {f.article.split("_")[0]: f for f in dossier.framing}
    if other:
        framing.update({f.article.split("_")[0]: f for f in other.framing})
    loaded = {p: " | ".join(f.loaded_terms) for p, f in framing.items()}
    check("framing: 002 says 'Daesh' for the group", any("Daesh" in v for v in framing.get("002").terms.values())
          if framing.get("002") else False, str(framing.get("002").terms if framing.get("002") else None))
    check("framing: 002's 'terrorist group outlawed across the globe'",
          "terrorist group outlawed across the globe" in loaded.get("002", ""), loaded.get("002", ""))
    check("framing: 001's 'US occupying forces'", "US occupying forces" in loaded.get("001", ""), loaded.get("001", ""))
    kinds = {p: f.quoted_kinds for p, f in framing.items()}
    official_003 = kinds.get("003", {}).get("official", 0)
    check("quoted: US officials lead in 003, witnesses or monitors in 000 and 004",
          official_003 > 0 and official_003 >= max(kinds.get("003", {}).values(), default=0)
          and all(kinds.get(p, {}).get("witness", 0) + kinds.get(p, {}).get("monitor", 0) > 0 for p in ("000", "004")),
          str(kinds))
    harm = {p: f.civilian_harm for p, f in framing.items()}
    check("emphasis: civilian harm in 001 and 004, absent from 003",
          harm.get("001") is True and harm.get("004") is True and harm.get("003") is False, str(harm))


if __name__ == "__main__":
    sys.exit(main())
