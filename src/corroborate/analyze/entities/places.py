"""Geocoding the place mentions of an article with its own context: provinces, states and
countries it names, state abbreviations after commas, cues for small towns, unresolved villages
and street addresses."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from functools import cache

from rapidfuzz import fuzz

from corroborate import geo as gaz
from corroborate.analyze.entities.cues import following_admin, next_words, prev_words, strong_place_cue
from corroborate.analyze.entities.lexicon import Lexicon, base_forms, lexicon
from corroborate.analyze.entities.mentions import find_mentions
from corroborate.analyze.entities.signals import Found
from corroborate.analyze.places.datelines import is_dateline
from corroborate.analyze.places.home import home_countries, in_home_country
from corroborate.analyze.places.rank import rank_places
from corroborate.analyze.places.support import (
    SentenceIndex,
    Support,
    article_country,
    nearby_country,
    nearby_province,
    needs_cue,
)
from corroborate.model import Analysis, Article, Place
from corroborate.text.names import name_key
from corroborate.text.sentences import split as split_sentences

_ADDRESS_EN = r"\b\d{1,6}\s+(?:block\s+of\s+)?(?:[A-Z][\w'.-]*\s+){1,3}(?:{words})\b\.?"
_ADDRESS_GLUED = r"\b[A-ZÅÄÖÜ][\wåäöüß-]*(?:{words})\s+\d{1,4}\b"


def _addresses(text: str, lex: Lexicon) -> Iterable[tuple[int, int]]:
    words = "|".join(sorted((re.escape(w.capitalize()) for w in lex.street_words), key=len, reverse=True))
    if not words:
        return []
    out = [m.span() for m in re.finditer(_ADDRESS_EN.replace("{words}", words), text)]
    if not lex.street_glued:
        return out
    glued = "|".join(sorted((re.escape(w) for w in lex.street_words), key=len, reverse=True))
    out += [m.span() for m in re.finditer(_ADDRESS_GLUED.replace("{words}", glued), text)]
    return out


def _locative_country(text: str, p: Place, lex: Lexicon) -> bool:
    """Whether a country mention names where something is ("in Syria", "northern Syria", "Syria's
    north-west") rather than an actor ("US forces", "the United States said")."""
    if strong_place_cue(text, p.start, p.end, lex):
        return True
    prev = prev_words(text, p.start, 1)
    if prev and prev[-1] in lex.compass_words:
        return True
    after = next_words(text, p.end, 1)
    if p.text.endswith(("'s", "’s")) or text[p.end : p.end + 2] in ("'s", "’s"):
        after = next_words(text, p.end + (0 if p.text.endswith(("'s", "’s")) else 2), 1)
        return bool(after) and after[0] in lex.compass_words
    return False


def _province_named(text: str, f: Found, lex: Lexicon) -> bool:
    nxt = next_words(text, f.end, 1)
    prev = prev_words(text, f.start, 1)
    last = f.text.split()[-1].lower() if f.text.split() else ""
    return bool(
        (nxt and nxt[0] in lex.province_heads)
        or (prev and prev[-1] in lex.province_heads)
        or last in lex.province_heads
    )


def _supported(
    text: str, lex: Lexicon, chosen: list[tuple[Found, gaz.GazEntry]], ctx: gaz.Context
) -> tuple[list[Place], list[Found]]:
    """Places for the geocoded mentions, keeping a small town in a country nothing else in the
    article points to only when it has a strong cue of its own (see support); such a town
    named with a strong cue right beside places of a country the article is about is taken to be
    a town of that country the gazetteer lacks (returned as unresolved)."""
    g = gaz.gazetteer()
    cued = {
        id(f): strong_place_cue(text, f.start, f.end, lex) or is_dateline(text, f.start, f.end)
        for f, _ in chosen
    }
    support = Support()
    for cc in ctx.countries:
        support.add(cc, "")
    minor: dict[int, bool] = {}
    for f, entry in chosen:
        key = gaz.loose_key(f.base)
        place = gaz.to_place(entry, f.text, f.start, f.end)
        minor[id(f)] = needs_cue(place, entry.population, gaz.is_primary(entry, key))
        if cued[id(f)] or not (minor[id(f)] or _foreign_alias(f, entry)):
            support.add(entry.cc, key)
    out: list[Place] = []
    unresolved: list[Found] = []
    for f, entry in chosen:
        key = gaz.loose_key(f.base)
        foreign = minor[id(f)] and support.any() and not support.from_others(entry.cc, key)
        if foreign and not cued[id(f)]:
            continue  # a bare mention of a small town in a country the article is not about
        if _foreign_alias(f, entry) and not cued[id(f)] and not support.from_others(entry.cc, key):
            continue  # "Vine" (an alternate name of a capital) in an article about nowhere near it
        if foreign and _beside_other_country(f, entry, chosen, minor, text):
            unresolved.append(f)
            continue
        out.append(gaz.to_place(entry, f.text, f.start, f.end))
        if entry.parent is not None:  # a neighbourhood also names its city
            out.append(gaz.to_place(g.entries[entry.parent], f.text, f.start, f.end))
    return out, unresolved


def _foreign_alias(f: Found, entry: gaz.GazEntry) -> bool:
    """Whether a town is named by an alternate name in Latin script unlike its own name ("Page",
    "Vine", "Rest" are alternate names of capitals; "Londres", "Moskau" are like theirs): such a
    name is more often a word or a surname, so the town needs another mention of its country."""
    written = re.sub(r"['’]s?$", "", f.text)  # as written, not the canonical name the mention carries
    key = gaz.loose_key(written)
    if entry.precision not in ("town", "district") or gaz.is_primary(entry, key):
        return False
    if not written.isascii():
        return False  # a transliteration (Cyrillic, Arabic script) names the town itself
    return fuzz.ratio(key, gaz.loose_key(entry.name)) < 70


def _beside_other_country(
    f: Found,
    entry: gaz.GazEntry,
    chosen: list[tuple[Found, gaz.GazEntry]],
    minor: dict[int, bool],
    text: str,
) -> bool:
    """Whether a big town or a province of another country is named within ~200 characters in the
    same paragraph ("out of <town>, a town near <capital>")."""
    for other, e in chosen:
        if other is f or minor[id(other)] or not e.cc or e.cc == entry.cc or e.precision == "country":
            continue  # a country beside it is often an actor ("US strikes on X")
        lo, hi = sorted((f.end, other.start)) if other.start >= f.end else sorted((other.end, f.start))
        if hi - lo <= 200 and "\n\n" not in text[lo:hi]:
            return True
    return False


_HYPHEN_WORD = re.compile(r"[-‐‑]([^\W\d_]+)")


def _compound_attribute(text: str, f: Found, lex: Lexicon) -> bool:
    """"a <town>-based analyst", "a <country>-born engineer": the place describes a person or firm, it is
    not where anything happened (the words after the hyphen are data: `compound_attributes`)."""
    m = _HYPHEN_WORD.match(text, f.end)
    return bool(m) and m.group(1).lower() in lex.compound_attributes


def _unwrap(f: Found, lex: Lexicon) -> None:
    """Candidates for a place name the gazetteer lacks as written: without a place head word inside
    the span ("Hama Province", "Provinz Hama"), or without a possessive "s" whose apostrophe the
    scrape lost ("Syrias war") when what is left is a country, province or big town."""
    words = f.base.split()
    if len(words) >= 2 and words[-1].lower() in lex.place_heads:
        rest = " ".join(words[:-1])
    elif len(words) >= 2 and words[0].lower() in lex.place_heads:
        rest = " ".join(words[1:])
    elif len(words) == 1 and len(f.base) > 4 and f.base.endswith("s") and not f.base.endswith("ss"):
        rest = f.base[:-1]
        key = gaz.loose_key(rest)
        entries = [
            e
            for e in gaz.lookup(rest)
            if e.precision in ("country", "province") or gaz.is_primary(e, key) and e.population >= 100000
        ]
        if entries:
            f.candidates, f.base = entries, rest
        return
    else:
        return
    key = gaz.loose_key(rest)
    # "<X> City" where the gazetteer lacks it: not a small town <X> elsewhere
    entries = [
        e
        for e in gaz.lookup(rest)
        if gaz.known_as(e, key, rest)
        and (e.precision in ("province", "country", "region") or e.population >= 100000)
    ]
    if entries:
        f.candidates, f.base = entries, rest


def _context_of_others(found: list[Found], own: dict[int, gaz.Context], f: Found, ctx: gaz.Context) -> gaz.Context:
    mine = own[id(f)]
    if not mine.admin1 and not mine.countries:
        return ctx
    key = gaz.loose_key(f.base)
    others = [own[id(o)] for o in found if gaz.loose_key(o.base) != key]
    admin1 = {k for k in mine.admin1 if any(k in o.admin1 for o in others)}
    countries = {c for c in mine.countries if any(c in o.countries for o in others)}
    return gaz.Context(admin1=(ctx.admin1 - mine.admin1) | admin1,
                       countries=(ctx.countries - mine.countries) | countries, country_hint=ctx.country_hint)


def find_places(article: Article, analysis: Analysis) -> list[Place]:
    """Geocode the place mentions of an article with its own context (see places.places)."""
    text = article.text or ""
    lang = (analysis.lang or article.lang or "").lower()[:2] or None
    lex = lexicon(lang)
    g = gaz.gazetteer()
    if analysis.mentions:
        found = [
            Found(m.start, m.end, m.text, m.canonical or m.text, "place", m.canonical, "place")
            for m in analysis.mentions
            if m.kind == "place"
        ]
    else:
        found = [f for f in find_mentions(article, analysis) if f.kind == "place"]
    found = [f for f in found if not _street_name(text, f, lex) and not _common_word(text, f, lex)
             and not _compound_attribute(text, f, lex)]
    for f in found:
        if f.candidates is None:
            for form in dict.fromkeys([f.base, *base_forms(f.text, lang)]):
                key = gaz.loose_key(form)
                f.candidates = [e for e in g.lookup(form) if gaz.known_as(e, key, form)]
                if f.candidates:
                    f.base = form
                    break
            else:
                f.candidates = g.lookup(f.canonical or f.text)
                f.base = f.canonical or f.text
                if not f.candidates:
                    _unwrap(f, lex)
    # context: provinces/states and countries the article names, US state abbreviations after commas
    ctx = gaz.Context(admin1=set(), countries=set())
    own: dict[int, gaz.Context] = {}  # what each mention adds to the context
    for f in found:
        mine = own[id(f)] = gaz.Context(admin1=set(), countries=set())
        for e in f.candidates or ():
            if e.precision == "country" and len(f.candidates or ()) == 1:
                mine.countries.add(e.cc or "")
            if (
                e.precision in ("province", "district")
                and e.parent is None
                and e.admin1
                and len(f.candidates or ()) <= 2
            ):
                mine.admin1.add(gaz.loose_key(e.admin1))
                if e.cc:
                    mine.countries.add(e.cc)
        ctx.admin1 |= mine.admin1
        ctx.countries |= mine.countries
    for m in re.finditer(r",\s*((?:[A-Z][a-z]{0,3}\.\s?){1,2}|[A-Z]{2}\b)", text):
        state = g.state_abbrev.get(m.group(1).strip())
        if state:
            ctx.admin1.add(gaz.loose_key(state))
            ctx.countries.add("US")
    chosen: list[tuple[Found, gaz.GazEntry]] = []
    unresolved: list[Found] = []
    for f in found:
        following = following_admin(text, f.end)
        candidates = list(f.candidates or ())
        if _province_named(text, f, lex):
            provinces = [e for e in candidates if e.precision == "province"]
            # "province of <town>": the province named after its main town ("Hama" province / city)
            town = gaz.best([e for e in candidates if e.precision == "town"], ctx, following, f.base)
            if town is not None and town.admin1 and name_key(town.admin1) == name_key(town.name):
                provinces += [
                    e for e in g.lookup(town.admin1) if e.precision == "province" and e.cc == town.cc
                ]
            if provinces:
                candidates = provinces
        # a mention is no context for itself: "Beni" (a town, and a province elsewhere) must not pick the
        # province because its own province candidate put that province in the context
        entry = gaz.best(candidates, _context_of_others(found, own, f, ctx), following, f.base)
        if entry is not None and (_weak_alias(text, f, entry, lex) or _stray_district(text, f, entry, lex, ctx)):
            continue
        if entry is not None:
            chosen.append((f, entry))
        elif f.evidence == "place" and not candidates:
            unresolved.append(f)
    home = home_countries([e for _, e in chosen])
    chosen = [(f, in_home_country(f.base, e, f.candidates or (), home, lex.place_heads)) for f, e in chosen]
    out, unresolved_more = _supported(text, lex, chosen, ctx)
    unresolved += unresolved_more
    sentences = SentenceIndex(analysis.sentences or split_sentences(text))
    resolved = list(out)
    country_mentions = [(p, _locative_country(text, p, lex)) for p in resolved if p.precision == "country"]
    fallback = article_country(
        rank_places([p for p in resolved if p.precision != "country"], text), country_mentions
    )
    locative_countries = [p for p, locative in country_mentions if locative]
    for f in unresolved:
        precision = "province" if _province_named(text, f, lex) else "town"
        country = nearby_country(f.start, resolved, sentences, locative_countries) or fallback
        # a town the gazetteer lacks, named with its province: on the map at the province's coordinates
        within = nearby_province(f.start, resolved, sentences, country) if precision == "town" else None
        out.append(
            Place(
                name=f.base,
                text=f.text,
                start=f.start,
                end=f.end,
                key=name_key(f.base),
                country=country,
                admin1=within.admin1 or within.name if within else None,
                lat=within.lat if within else None,
                lon=within.lon if within else None,
                precision=precision,
            )
        )
    towns = [p for p in out if p.precision == "town"]
    for start, end in _addresses(text, lex):
        near = min(towns, key=lambda p: abs(p.start - start), default=None)
        out.append(
            Place(
                name=text[start:end].rstrip("."),
                text=text[start:end],
                start=start,
                end=end,
                key=name_key(text[start:end]),
                country=near.country if near else None,
                admin1=near.admin1 if near else None,
                lat=near.lat if near else None,
                lon=near.lon if near else None,
                precision="point",
            )
        )
    out.sort(key=lambda p: p.start)
    return out + _title_places(article, lang, out)


# what may join a street word written first to the name: "rue de Paris", "calle del Prado"
_STREET_JOINERS = r"(?:(?:de|del|de la|du|des|d'|della|di|da)\s*)?"
_NEXT_WORD = re.compile(r"[^\S\n]+([^\W\d_]+)")
# "Ripon and Selby streets": two street names sharing one plural street word
_AND_NAME_PLURAL = re.compile(r"[^\S\n]+(?:and|&|und|och|y|et|и)[^\S\n]+[A-Z][\w'.-]*[^\S\n]+([^\W\d_]+s)\b")


def _words_before(text: str, start: int, n: int = 1) -> list[str]:
    return re.findall(r"[^\W\d_]+", text[max(0, start - 60):start].lower())[-n:]


def _common_word(text: str, f: Found, lex: Lexicon) -> bool:
    """A word of the language, not a name: a place head ("مدينة", "the city"), a stop word ("im Osten"), an
    organisation head
    (with its article or clitic prefix removed), or a word right after an organisation head that names
    the organisation ("Policía Nacional")."""
    low = f.text.lower()
    forms = {low, *(low[len(p):] for p in lex.clitic_prefixes if low.startswith(p) and len(low) > len(p) + 2)}
    if forms & (lex.place_heads | lex.stopwords | lex.org_heads):
        return True
    before = _words_before(text, f.start)
    return " " not in low and bool(before) and before[0] in lex.org_heads and text[f.start - 1:f.start] == " " \
        and low in _org_name_words()  # "Policía Nacional" (not "Polizei Erding": a town's police)


@cache
def _org_name_words() -> frozenset[str]:
    from corroborate.analyze.entities.lexicon import read_json

    data = read_json("aliases/org_words.json")
    return frozenset(w for forms in data["concepts"].values() for w in forms)


def _weak_alias(text: str, f: Found, entry: gaz.GazEntry, lex: Lexicon) -> bool:
    """One word matched to a place through another name or a stripped ending ("Türen", "Такой", "Gold")
    with no locative word before it: a common word that happens to be an alias, not a place."""
    if " " in f.text.strip() or gaz.loose_key(entry.name) == gaz.loose_key(f.text):
        return False
    before = _words_before(text, f.start)
    cued = bool(before) and (before[0] in lex.place_preps or before[0] in lex.locative_preps or before[0] in lex.place_heads)
    return not cued and entry.precision in ("town", "district") and entry.population < 1_000_000


def _stray_district(text: str, f: Found, entry: gaz.GazEntry, lex: Lexicon, ctx: gaz.Context) -> bool:
    """A small district of a country nothing else in the article names, with no locative word before
    it ("Fenster und Türen"): a word, not a neighbourhood abroad."""
    if entry.precision != "district" or entry.cc in ctx.countries or entry.population >= 50_000:
        return False
    before = _words_before(text, f.start)
    return not (before and (before[0] in lex.place_preps or before[0] in lex.locative_preps))


def _street_name(text: str, f: Found, lex: Lexicon) -> bool:
    """Whether a place mention names a street: a street word ending it or right after it, capitalised ("Selby Street",
    "Ripon Turnpike") or plural after a second name ("Ripon and Selby streets"), or a lower-case street
    word right before it ("rue de Paris", "calle Toledo", "улица Мира")."""
    if not lex.street_words:
        return False
    own = f.text.split()
    if len(own) >= 2 and own[-1][0].isupper() and own[-1].rstrip(".").lower() in lex.street_words \
            and not gaz.lookup(f.text):
        return True  # the mention took the street word in: "Leeds Road" (a town the gazetteer has stays)
    after = _NEXT_WORD.match(text, f.end)
    if after and after.group(1)[0].isupper() and after.group(1).lower() in lex.street_words:
        return True
    pair = _AND_NAME_PLURAL.match(text, f.end)
    if pair and pair.group(1).lower()[:-1] in lex.street_words:
        return True
    before = re.search(
        rf"(?<!\w)([^\W\d]+)\.?[^\S\n]+{_STREET_JOINERS}$", text[max(0, f.start - 30) : f.start]
    )
    return bool(before and before.group(1).islower() and before.group(1) in lex.street_words)


def _title_places(article: Article, lang: str | None, found: list[Place]) -> list[Place]:
    """Towns and provinces the headline names that the text does not ("<Town> man charged in ..."),
    at offset 0 of the text (the headline comes before it); none when the text repeats the headline."""
    title = (article.title or "").strip()
    text = article.text or ""
    if not title or title[:60] in text[:1000]:
        return []
    cut = len(_headline(title))
    headline = Article(id=article.id, text=title, lang=article.lang)
    named = {p.key for p in found}
    out = []
    title_case = _title_case(title) and not lexicon(lang).capitalised_nouns  # German nouns are capitalised
    for p in find_places(headline, Analysis(article_id=article.id, lang=lang)):
        if title_case and not _sure_in_title_case(title, p):
            continue
        if p.precision in ("town", "district", "province") and p.lat is not None and p.key not in named:
            named.add(p.key)
            # the outlet's home town after the headline: kept (local news mostly happens there) but
            # placed after the text, so any town the text names ranks before it
            at = 0 if p.start < cut else len(text)
            out.append(dataclasses.replace(p, start=at, end=at))
    return out


# " - Station.com | Home Town News, Weather": what follows a headline in a page title is the outlet
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s+::\s+")
# a first part this short is a dateline or a label ("Chicago - Man shot"), not the whole headline
_HEADLINE_MIN = 20


def _headline(title: str) -> str:
    """The headline of a page title without the outlet's name and home town after a separator
    ("Man shot on Main Street - WXYZ.com, Springfield News"): the outlet's home town there is kept but ranked
    after the towns the text names, since it is where the outlet is, not always where the story is."""
    m = _TITLE_SEPARATOR.search(title)
    if m is None or m.start() < _HEADLINE_MIN:
        return title
    return title[: m.start()]


def _title_case(title: str) -> bool:
    """Whether a headline capitalises most of its words ("Man Shot Near Town Hall"): every word then
    looks like a name."""
    words = [w for w in re.findall(r"[^\W\d_]{4,}", title)]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _sure_in_title_case(title: str, p: Place) -> bool:
    """In a Title Case headline only a province, a big town or a town with its state after a comma
    counts ("Friend's Shooting Death" would make a town of "Friend")."""
    if p.precision == "province" or re.match(r",\s*[A-Z]", title[p.end : p.end + 3]):
        return True
    key = gaz.loose_key(p.name)
    return any(gaz.is_primary(e, key) and e.population >= 100000 for e in gaz.lookup(p.name))
