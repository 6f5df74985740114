"""Entities of a story: mentions merged across articles by spelling-independent key and by name match."""

from __future__ import annotations

from collections import Counter, defaultdict

from corroborate.model import Analysis, Article, Entity, Mention


def merge_entities(items: list[tuple[Article, Analysis]], min_articles: int = 1, limit: int = 60) -> list[Entity]:
    groups: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for article, analysis in items:
        for mention in analysis.mentions:
            if mention.kind == "place":
                continue
            groups[_group_key(mention)].append((article.id, mention))
    groups = _merge_person_surnames(groups)
    entities = []
    for key, members in groups.items():
        articles = sorted({aid for aid, _ in members})
        if len(articles) < min_articles:
            continue
        surfaces = Counter(m.text for _, m in members)
        canon = Counter(m.canonical for _, m in members if m.canonical)
        name = canon.most_common(1)[0][0] if canon else _display_name(surfaces)
        kind = Counter(m.kind for _, m in members).most_common(1)[0][0]
        entities.append(Entity(name=name, kind=kind, variants=sorted(surfaces), articles=articles, key=key))
    entities.sort(key=lambda e: (-len(e.articles), -len(e.variants), e.name))
    return entities[:limit]


def _group_key(mention: Mention) -> str:
    if mention.canonical:
        return "c:" + mention.canonical.lower()
    return "k:" + (mention.key or mention.text.lower())


def _display_name(surfaces: Counter[str]) -> str:
    latin = [s for s in surfaces if s.isascii()] or list(surfaces)
    return max(latin, key=lambda s: (surfaces[s], len(s)))


def _merge_person_surnames(groups: dict[str, list[tuple[str, Mention]]]) -> dict[str, list[tuple[str, Mention]]]:
    """Fold a group into another when their names match across spellings (surname-only included)."""
    try:
        from corroborate.analyze.names import same_name
    except ImportError:  # names component not available: keep exact keys only
        return groups
    keys = sorted(groups, key=lambda k: -max(len(m.text) for _, m in groups[k]))
    merged: dict[str, list[tuple[str, Mention]]] = {}
    for key in keys:
        members = groups[key]
        kind = members[0][1].kind
        name = max((m.text for _, m in members), key=len)
        target = None
        if kind == "person":
            for other in merged:
                o_members = merged[other]
                if o_members[0][1].kind != "person":
                    continue
                if same_name(name, max((m.text for _, m in o_members), key=len)) >= 0.85:
                    target = other
                    break
        if target is None:
            merged[key] = list(members)
        else:
            merged[target].extend(members)
    return merged
