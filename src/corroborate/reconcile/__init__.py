"""The reconcile stage: one story's articles and analyses -> its Dossier."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace

from corroborate.callable_face import make_callable
from corroborate.model import (
    Analysis,
    Article,
    ArticleFraming,
    ArticleRef,
    Carrier,
    Dossier,
    Entity,
    EventInfo,
    Fact,
    Story,
    WhenInfo,
)
from corroborate.reconcile.brief import brief_direction, brief_language, brief_languages, build_brief
from corroborate.reconcile.changes import story_updates
from corroborate.reconcile.entities import merge_entities
from corroborate.reconcile.event import event_info
from corroborate.reconcile.facts import build_facts

__all__ = ["reconcile", "build_facts", "merge_entities", "event_info", "omissions", "fact_label", "omitted_text",
           "build_brief", "brief_direction", "brief_language", "brief_languages", "with_brief_in"]


def reconcile(story: Story, items: list[tuple[Article, Analysis]],
              carriers: Mapping[str, list[Carrier]] | None = None) -> Dossier:
    """Build the dossier of `story` from its articles (any order) and their analyses. `carriers`: article
    id -> the other outlets that carried its text word for word (shown on the article, one source with it)."""
    carriers = carriers or {}
    items = sorted(items, key=lambda p: (p[0].published is None, p[0].published or 0, p[0].id))
    facts = build_facts(items)
    omitted = omissions(facts, [a for a, _ in items])
    languages = [lang for lang, _ in Counter(a.lang for a, _ in items if a.lang).most_common()]
    refs = [ArticleRef(a.id, a.title or derived_title(a.text), a.outlet, a.lang, a.published, a.url,
                       list(carriers.get(a.id, ())))
            for a, _ in items]
    entities = merge_entities(items)
    return Dossier(
        id=story.id,
        title=_title(items) or story.title,
        languages=languages,
        articles=refs,
        event=event_info(items) if items else EventInfo(type=None, when=WhenInfo(None, None, None)),
        entities=entities,
        facts=facts,
        framing=[
            ArticleFraming(
                article=a.id,
                source=a.outlet,
                terms=differing_terms(an.framing.terms, entities),
                quoted=an.framing.quoted,
                quoted_kinds=an.framing.quoted_kinds,
                civilian_harm=an.framing.civilian_harm,
                omits=omitted.get(a.id, []),
                loaded_terms=an.framing.loaded_terms,
            )
            for a, an in items
        ],
        related=list(story.related),
        brief=build_brief(facts),
        updates=story_updates(facts, refs),
    )


def with_brief_in(dossier: Dossier, lang: str) -> Dossier:
    """The dossier with its brief rebuilt from its own facts in `lang` (same figures, same links); the
    stored dossier keeps its English brief. ValueError naming the choices for a language with no templates."""
    code = brief_language(lang)
    return replace(dossier, brief=build_brief(dossier.facts, code))


def differing_terms(terms: dict[str, list[str]], entities: list[Entity]) -> dict[str, list[str]]:
    """An article's terms keyed by the story's name for each actor, only where the article calls it
    something else ("Desert Hawks Brigade": ["Brigade des Faucons"]): an actor named as the story names
    it is no terminology of its own."""
    by_variant = {v: e.name for e in entities for v in (e.name, *e.variants)}
    out: dict[str, list[str]] = {}
    for canonical, surface in terms.items():
        name = by_variant.get(canonical) or next((by_variant[s] for s in surface if s in by_variant), canonical)
        if set(surface) - {name}:
            out.setdefault(name, [])
            out[name] = sorted(set(out[name]) | set(surface))
    return dict(sorted(out.items()))


def fact_label(fact: Fact) -> str:
    """"killed", or "killed|children" for a fact about a group."""
    group = fact.qualifier.get("group")
    return f"{fact.slot}|{group}" if group else fact.slot


def omissions(facts: list[Fact], articles: list[Article]) -> dict[str, list[str]]:
    """Per article, the story's non-zero facts about its own event that another outlet reports and this
    article does not: what a reader of this article alone would not learn."""
    outlet = {a.id: a.outlet or a.id for a in articles}
    out: dict[str, list[str]] = {}
    for fact in facts:
        if fact.qualifier.get("about") or not fact.consensus.value:
            continue
        reporters = {c.article for c in fact.claims}
        reporting_outlets = {outlet.get(r, r) for r in reporters}
        for a in articles:
            if a.id not in reporters and reporting_outlets - {outlet[a.id]}:
                out.setdefault(a.id, []).append(fact_label(fact))
    return out


def omitted_text(omits: list[str]) -> str:
    """For readers: "killed|children" -> "killed children", comma-separated."""
    return ", ".join(label.replace("|", " ") for label in omits)


def _title(items: list[tuple[Article, Analysis]]) -> str | None:
    """The earliest English headline when there is one (a shared language for mixed stories), else the earliest."""
    titled = [a for a, _ in items if a.title]
    english = [a for a in titled if a.lang == "en"]
    pick = (english or titled or [None])[0]
    if pick is not None:
        return pick.title
    return next((t for a, _ in items if (t := derived_title(a.text))), None)


def derived_title(text: str | None, limit: int = 90) -> str | None:
    """A title for an untitled article: its first sentence, cut at a word boundary within `limit`
    characters (with an ellipsis when cut)."""
    from corroborate.text.sentences import split

    text = (text or "").strip()
    if not text:
        return None
    spans = split(text)
    first = " ".join(text[spans[0][0]:spans[0][1]].split()) if spans else " ".join(text.split())
    first = first.rstrip(".")
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"

make_callable(__name__, reconcile)  # `corroborate.reconcile(...)` calls the stage function
