"""The reconcile stage: one story's articles and analyses -> its Dossier."""

from __future__ import annotations

from collections import Counter

from corroborate.model import (
    Analysis,
    Article,
    ArticleFraming,
    ArticleRef,
    Dossier,
    EventInfo,
    Story,
    WhenInfo,
)
from corroborate.reconcile.entities import merge_entities
from corroborate.reconcile.event import event_info
from corroborate.reconcile.facts import build_facts

__all__ = ["reconcile", "build_facts", "merge_entities", "event_info"]


def reconcile(story: Story, items: list[tuple[Article, Analysis]]) -> Dossier:
    """Build the dossier of `story` from its articles (any order) and their analyses."""
    items = sorted(items, key=lambda p: (p[0].published is None, p[0].published or 0, p[0].id))
    languages = [lang for lang, _ in Counter(a.lang for a, _ in items if a.lang).most_common()]
    return Dossier(
        id=story.id,
        title=_title(items) or story.title,
        languages=languages,
        articles=[ArticleRef(a.id, a.title, a.outlet, a.lang, a.published, a.url) for a, _ in items],
        event=event_info(items) if items else EventInfo(type=None, when=WhenInfo(None, None, None)),
        entities=merge_entities(items),
        facts=build_facts(items),
        framing=[
            ArticleFraming(
                article=a.id,
                source=a.outlet,
                terms=an.framing.terms,
                quoted=an.framing.quoted,
                quoted_kinds=an.framing.quoted_kinds,
                civilian_harm=an.framing.civilian_harm,
            )
            for a, an in items
        ],
        related=list(story.related),
    )


def _title(items: list[tuple[Article, Analysis]]) -> str | None:
    """The earliest English headline when there is one (a shared language for mixed stories), else the earliest."""
    titled = [a for a, _ in items if a.title]
    english = [a for a in titled if a.lang == "en"]
    pick = (english or titled or [None])[0]
    return pick.title if pick else None
