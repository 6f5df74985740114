"""Entities of a story: mentions merged across articles and spellings into one entity each.

Alias-resolved mentions (Mention.canonical) merge on their canonical name. Others merge when their
spelling-independent keys share a token AND the names match (`names.same_name`), because keys are lossy
consonant skeletons (two different names can share one) while same_name compares the spellings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from corroborate.analyze.entities import resolve_alias
from corroborate.analyze.names import name_parts, same_name
from corroborate.analyze.numbers import load_lexicon
from corroborate.model import Analysis, Article, Entity, Mention

MATCH = 0.85
SURNAME_MATCH = 0.8  # same_name gives a surname alone at most 0.95 of its token similarity


@dataclass
class _Group:
    kind: str
    longest: str
    members: list[tuple[str, Mention]] = field(default_factory=list)


def merge_entities(items: list[tuple[Article, Analysis]], limit: int = 60) -> list[Entity]:
    by_canonical: dict[str, _Group] = {}
    groups: list[_Group] = []
    index: dict[str, list[_Group]] = defaultdict(list)  # key token -> groups holding it
    mentions = [(a.id, m) for a, an in items for m in an.mentions
                if m.kind != "place" and not (m.kind == "misc" and _is_demonym(m.text, a.lang))]
    # full names first, so surnames join them; at equal length a typed mention before an untyped one
    mentions.sort(key=lambda pair: (-len(pair[1].text), pair[1].kind == "misc"))
    for article_id, mention in mentions:
        if mention.canonical and _is_alias(mention.canonical):
            group = by_canonical.get(mention.canonical.lower())
            if group is None:
                group = by_canonical[mention.canonical.lower()] = _Group(mention.kind, mention.canonical)
                groups.append(group)
            group.members.append((article_id, mention))
            continue
        tokens = (mention.key or mention.text.lower()).split()
        group = _find(index, tokens, mention)
        if group is None:
            group = _Group(mention.kind, mention.text)
            groups.append(group)
        elif group.kind == "misc":
            group.kind = mention.kind  # the first typed mention types the group
        group.members.append((article_id, mention))
        for token in tokens:
            if group not in index[token]:
                index[token].append(group)
    entities = [_entity(g) for g in groups]
    entities.sort(key=lambda e: (-len(e.articles), -len(e.variants), e.name))
    return entities[:limit]


def _find(index: dict[str, list[_Group]], tokens: list[str], mention: Mention) -> _Group | None:
    seen: set[int] = set()
    for token in tokens:
        for group in index.get(token, ()):
            if id(group) in seen or not _kinds_agree(group.kind, mention.kind):
                continue
            seen.add(id(group))
            if mention.text == group.longest or _names_match(mention.text, group.longest):
                return group
    return None


def _kinds_agree(group: str, mention: str) -> bool:
    """A mention the analyzer could not type ("misc": "al-X" alone) may join a person or organisation
    it names; typed mentions join only their own kind."""
    return group == mention or "misc" in (group, mention)


@lru_cache(maxsize=4096)
def _is_demonym(text: str, lang: str | None) -> bool:
    """Nationality adjectives ("Syrian", "Turkish") are how a text qualifies people, not entities."""
    words = load_lexicon(lang).get("claims", {}).get("nationalities", {})
    low = text.lower()
    return any(low in (w.lower() for w in forms) for forms in words.values())


def _names_match(short: str, long: str) -> bool:
    """Same person across spellings; a shorter form may leave out trailing name parts
    ("Harun al-Tayyib" = "Haroun al-Tayeb Bakhit")."""
    n = name_parts(short)
    # a surname alone whose consonants match the full name's surname: al-Qurashi = ... al-Qurayshi
    if same_name(short, long) >= (SURNAME_MATCH if n == 1 else MATCH):
        return True
    words = long.split()
    while name_parts(" ".join(words)) > max(n, 2):
        words = words[:-1]
        if same_name(short, " ".join(words)) >= MATCH:
            return True
    return False


@lru_cache(maxsize=4096)
def _is_alias(name: str) -> bool:
    """True when `name` is a canonical name from the alias data (not just the fullest local spelling)."""
    return resolve_alias(name, None) is not None


def _entity(group: _Group) -> Entity:
    surfaces = Counter(m.text for _, m in group.members)
    canon = Counter(m.canonical for _, m in group.members if m.canonical)
    name = canon.most_common(1)[0][0] if canon else _display_name(surfaces)
    typed = Counter(m.kind for _, m in group.members if m.kind != "misc")
    kind = typed.most_common(1)[0][0] if typed else "misc"
    key = group.members[0][1].key or name.lower()
    return Entity(name=name, kind=kind, variants=sorted(surfaces), articles=sorted({a for a, _ in group.members}), key=key)


def _display_name(surfaces: Counter[str]) -> str:
    """The fullest Latin-script spelling among the most used ones."""
    latin = [s for s in surfaces if s.isascii()] or list(surfaces)
    return max(latin, key=lambda s: (len(s.split()), surfaces[s], len(s)))
