"""Entities of a story: mentions merged across articles and spellings into one entity each.

Alias-resolved mentions (Mention.canonical) merge on their canonical name. Others merge when their
spelling-independent keys share a token AND the names match (`names.same_name`), because keys are lossy
consonant skeletons (two different names can share one) while same_name compares the spellings.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from corroborate import geo as gaz
from corroborate.analyze.entities import read_json, resolve_alias
from corroborate.model import (
    Analysis,
    Article,
    AttributeClaim,
    AttributeValue,
    Entity,
    EntityAttribute,
    FactStatus,
    Mention,
    PersonAttribute,
)
from corroborate.text.lexicon import common_words, load_lexicon, load_part
from corroborate.text.names import name_parts, same_name

MATCH = 0.85
SAME_TIME_YEARS = 1 / 12  # ages stated less than a month apart must be equal
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
    story_places = {gaz.loose_key(n) for _, an in items for n in _place_names(an)}
    mentions = [(a.id, m) for a, an in items for places in (_place_names(an),) for m in an.mentions
                if m.kind != "place" and not (m.kind == "misc" and (
                    _is_demonym(m.text, a.lang) or m.text in places or _a_place(m.text, story_places)))
                and not (m.kind == "person" and " " not in m.text.strip() and gaz.loose_key(m.text) in story_places)]
    # a one-word "person" that another report geocodes ("a notable of <village>") is that place
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
    entities = _merge_declared_aliases(merge_translations([_entity(g) for g in groups]), items)
    entities.sort(key=lambda e: (-len(e.articles), -len(e.variants), e.name))
    entities = entities[:limit]
    attach_attributes(entities, items)
    return entities


# --------------------------------------------------------------------------- person attributes


def attach_attributes(entities: list[Entity], items: list[tuple[Article, Analysis]]) -> None:
    """Each article's person attributes (ages, roles since) on the entity they are about, one row per
    attribute with its values, every claim, and a status: conflicting when two values cannot both be
    true (ages 45 and 46; "2019-11" and "2019-10-31"), corroborated when two sources or more agree
    (dates of different precision agree when one contains the other: "2019" and "2019-10-31"),
    single-source otherwise."""
    people = [e for e in entities if e.kind in ("person", "misc")]
    rows: dict[int, dict[str, dict[str, list[AttributeClaim]]]] = {}
    published = {a.id: a.published for a, _ in items}
    for article, analysis in items:
        for attr in analysis.attributes:
            entity = _entity_of(attr, article.id, people)
            if entity is None:
                continue
            claims = rows.setdefault(id(entity), {}).setdefault(attr.attribute, {}).setdefault(attr.value, [])
            if not any(c.article == article.id for c in claims):
                claims.append(AttributeClaim(article=article.id, source=article.outlet, attributed_to=attr.attributed_to,
                                             quote=attr.quote, lang=attr.lang, start=attr.start, end=attr.end))
    for entity in people:
        by_attribute = rows.get(id(entity), {})
        entity.attributes = [_attribute_row(name, values, published) for name, values in sorted(by_attribute.items())]


def _entity_of(attr: PersonAttribute, article_id: str, people: list[Entity]) -> Entity | None:
    """The entity an attribute is about: one spelled as the attribute's person, else one whose name matches
    (a surname alone matches the full name), preferring entities the article mentions."""
    ranked = sorted(people, key=lambda e: article_id not in e.articles)
    low = attr.person.casefold()
    for entity in ranked:
        if low in (v.casefold() for v in (entity.name, *entity.variants)):
            return entity
    parts = name_parts(attr.person)
    for entity in ranked:
        if entity.kind != "person":
            continue
        # the shorter name may leave parts out ("Marrow" = "Ilse Marrow"), never the other way round:
        # "Tomas Marrow" is not "Ilse Marrow" because the story also calls her "Marrow"
        full = entity.name
        if _names_match(attr.person, full) if parts <= name_parts(full) else _names_match(full, attr.person):
            return entity
    return None


def _attribute_row(attribute: str, values: dict[str, list[AttributeClaim]],
                   published: dict[str, datetime | None]) -> EntityAttribute:
    ordered = sorted(values.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    sources = {c.source or c.article for claims in values.values() for c in claims}
    claims = [(v, c) for v, cs in values.items() for c in cs]
    conflict = any(not compatible_values(attribute, va, vb, _years(published.get(ca.article), published.get(cb.article)))
                   for i, (va, ca) in enumerate(claims) for vb, cb in claims[i + 1 :] if va != vb)
    status: FactStatus = "conflicting" if conflict else "corroborated" if len(sources) > 1 else "single-source"
    return EntityAttribute(attribute=attribute, status=status,
                           values=[AttributeValue(value=v, claims=claims) for v, claims in ordered])


def compatible_values(attribute: str, a: str, b: str, years: float | None = None) -> bool:
    """Two values that can both be true: equal; for dates ("... since") one of them a coarser reading of
    the other ("2019" and "2019-10-31"; "2019-11" and "2019-10-31" are not); for ages, `b` stated `years`
    after `a` (both publication times known, a month or more apart) may be older by that many years
    rounded down or up (45, then 46 eight months later); reports within a month must agree."""
    if a == b:
        return True
    if attribute.endswith(" since"):
        return a.startswith(b + "-") or b.startswith(a + "-")
    if attribute == "age" and years is not None and abs(years) >= SAME_TIME_YEARS and a.isdigit() and b.isdigit():
        return math.floor(years) <= int(b) - int(a) <= math.ceil(years)
    return False


def _years(a: datetime | None, b: datetime | None) -> float | None:
    """Years from `a` to `b` (negative when `b` is earlier), None unless both are known."""
    if a is None or b is None:
        return None
    return (b - a).total_seconds() / (365.25 * 86400)


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


def _place_names(analysis: Analysis) -> set[str]:
    """Surface and canonical names of the article's geocoded places: an untyped mention of one of them
    ("Kourgali", "Tchad") is the place, listed under the event's places, not an entity."""
    return {p.text for p in analysis.places} | {p.name for p in analysis.places}


_PRONOUNS = frozenset(w.lower() for w in common_words("personal_pronouns"))


def _alias_pairs(article: Article, analysis: Analysis) -> list[tuple[str, str]]:
    """(name, alias) for each "<name> ... also known as <alias>" of the article (entities.alias_cues): the
    person named right after the cue is the one named last before it ("He is also known as X": the
    previous sentence's)."""
    cues = (load_part(article.lang or "en", "entities") or {}).get("alias_cues", [])
    people = sorted((m for m in analysis.mentions if m.kind in ("person", "misc")), key=lambda m: m.start)
    if not cues or not people:
        return []
    text = article.text or ""
    low = text.lower()
    typed = [m for m in people if m.kind == "person"] or people
    main = Counter(m.text for m in typed).most_common(1)[0][0]
    out: list[tuple[str, str]] = []
    for cue in cues:
        if cue.lower() not in low:  # most texts hold no cue: skip the regex scan
            continue
        for hit in re.finditer(r"(?<!\w)" + re.escape(cue.lower()) + r"(?!\w)", low):
            after = next((m for m in people if 0 <= m.start - hit.end() <= 3), None)
            if after is None:
                continue
            lead = re.findall(r"\w+", low[max(0, hit.start() - 30):hit.start()])[-3:]
            if lead and lead[0] in _PRONOUNS:
                owner = main  # "He is also known as X": the person the article is about
            else:
                sentence_start = max(low.rfind(". ", 0, hit.start()), low.rfind("\n", 0, hit.start()))
                before = [m for m in people if sentence_start < m.start and m.end <= hit.start()]
                owner = before[-1].text if before else None
            if owner and owner != after.text:
                out.append((owner, after.text))
    return out


def _merge_declared_aliases(entities: list[Entity], items: list[tuple[Article, Analysis]]) -> list[Entity]:
    """One person under a declared alias: the alias's entity joins the named person's."""
    out = list(entities)
    for article, analysis in items:
        for name, alias in _alias_pairs(article, analysis):
            owner = next((e for e in out if name in e.variants), None)
            other = next((e for e in out if alias in e.variants), None)
            if owner is not None and other is not None and owner is not other:
                _absorb(owner, other)
                owner.kind = "person" if "person" in (owner.kind, other.kind) else owner.kind
                out.remove(other)
    return out


def _a_place(text: str, story_places: set[str]) -> bool:
    """An untyped mention naming a place of the story in any article ("Adré" where another report
    geocoded it), or a country in any language, also in the genitive ("Tchads"): a place, not an entity."""
    forms = [text, text[:-1]] if text.endswith("s") and len(text) > 4 else [text]
    for form in forms:
        if gaz.loose_key(form) in story_places:
            return True
        if any(e.precision == "country" and gaz.known_as(e, gaz.loose_key(form), form) for e in gaz.lookup(form)):
            return True
    return False


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
    # a surname alone whose consonants match the full name's surname: al-Mutari = ... al-Mutayri
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


@dataclass(frozen=True)
class _OrgWords:
    forms: dict[str, str]  # word or phrase (lower case) -> concept
    longest: int  # words in the longest phrase
    heads: frozenset[str]
    connectors: frozenset[str]


@lru_cache(maxsize=1)
def _org_words() -> _OrgWords:
    data = read_json("aliases/org_words.json")
    forms = {form.lower(): concept for concept, words in data["concepts"].items() for form in words}
    longest = max(len(f.split()) for f in forms)
    return _OrgWords(forms, longest, frozenset(data["heads"]), frozenset(data["connectors"]))


@lru_cache(maxsize=4096)
def org_meaning(name: str, headless: bool = False) -> frozenset[str] | None:
    """The concepts an organisation's name is made of, whatever its language and word order
    ("ministère de la Défense" -> {ministry, defence}); None unless every content word is in the table
    (a name part such as a country or a person is never translated), a head concept is among them and
    the name says two things (two concepts, or one written in two words: "Civil Protection")."""
    table = _org_words()
    words = [w for w in name.lower().replace("’", "'").split() if w not in table.connectors]
    words = [w[2:] if w[:2] in ("l'", "d'") else w for w in words]
    concepts: set[str] = set()
    i = 0
    while i < len(words):
        for size in range(min(table.longest, len(words) - i), 0, -1):
            concept = table.forms.get(" ".join(words[i : i + size]))
            if concept:
                concepts.add(concept)
                i += size
                break
        else:
            parts = _compound(words[i], table.forms)
            if parts:
                concepts.update(parts)  # "ökenfalkarnas": desert + falcons
            elif not _place_word(words[i]):
                return None
            else:
                concepts.add("@" + gaz.loose_key(words[i]))  # the province or town an office serves
            i += 1
    if not concepts & table.heads and not headless or (len(concepts) < 2 and len(words) < 2):
        return None
    return frozenset(concepts)


def _compound(word: str, forms: dict[str, str]) -> tuple[str, str] | None:
    """The two concepts of a compound word written as one ("ökenfalkarnas" = öken + falkarnas)."""
    for cut in range(3, len(word) - 2):
        head, rest = forms.get(word[:cut]), forms.get(word[cut:])
        if head and rest:
            return head, rest
    return None


def _place_word(word: str) -> bool:
    """A one-word place name the gazetteer knows as a province, region, country or a town of its own."""
    key = gaz.loose_key(word)
    return len(word) >= 3 and any(
        e.precision in ("province", "country", "region") or gaz.is_primary(e, key) for e in gaz.lookup(word)
    )


def merge_translations(entities: list[Entity]) -> list[Entity]:
    """One organisation named in several languages or word orders ("Protection civile", "Civil
    Protection") becomes one entity: names whose concept sets (`org_meaning`) are equal merge."""
    merged: dict[frozenset[str], Entity] = {}
    out: list[Entity] = []
    for entity in entities:
        meaning = org_meaning(entity.name) if entity.kind in ("org", "misc") else None
        if meaning is None:
            out.append(entity)
        elif meaning in merged:
            _absorb(merged[meaning], entity)
        else:
            merged[meaning] = entity
            out.append(entity)
    # "Protection civile" beside "<Province> Civil Protection": the one office of that kind the story names
    for meaning, entity in list(merged.items()):
        if any(c.startswith("@") for c in meaning):
            continue
        wider = [m for m in merged if m > meaning and all(c.startswith("@") for c in m - meaning)]
        if len(wider) == 1:
            _absorb(merged[wider[0]], entity)
            out.remove(entity)
    # a name cut short ("Brigade des Faucons" of "... du désert", "Ökenfalkarnas" of "... brigad"): two or
    # more of its concepts, all within the one organisation of the story that has them all
    for entity in list(out):
        part = org_meaning(entity.name, headless=True) if entity.kind in ("org", "misc") else None
        if part is None or len(part) < 2 or any(c.startswith("@") for c in part):
            continue
        wider = {m for m in merged if m > part and merged[m] is not entity and merged[m] in out}
        if len(wider) == 1:
            _absorb(merged[wider.pop()], entity)
            out.remove(entity)
    return _merge_acronyms(out)


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w[:1].isupper()]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _merge_acronyms(entities: list[Entity]) -> list[Entity]:
    """"DHB" beside "Desert Hawks Brigade": an acronym that is the initials of exactly one organisation
    the story names is that organisation."""
    out = list(entities)
    for entity in entities:
        name = entity.name.replace(".", "")
        if entity.kind not in ("org", "misc") or not (name.isupper() and 2 <= len(name) <= 6 and name.isalpha()):
            continue
        owners = [e for e in out if e is not entity and e.kind in ("org", "misc")
                  and any(_initials(v) == name for v in (e.name, *e.variants))]
        if len(owners) == 1:
            _absorb(owners[0], entity)
            out.remove(entity)
    return out


def _absorb(into: Entity, other: Entity) -> None:
    if len(other.articles) > len(into.articles):
        into.name, into.key = other.name, other.key  # the most reported name shows
    into.kind = "org"
    into.variants = sorted(set(into.variants) | set(other.variants))
    into.articles = sorted(set(into.articles) | set(other.articles))
