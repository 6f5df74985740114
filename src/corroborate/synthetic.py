"""Invented news at scale: stories of 1-30 articles from many outlets in seven languages, with recurring
people, organisations and towns, each story a `store.Batch` (articles, analyses, assignments, story,
dossier). For load and scale benchmarks (`store.bulk.bulk_load`, bench/bench_million.py); every name and
word is made up from syllables, no real event is described.

Distributions: story sizes follow a power law over 1..30 (most stories small, a few large, mean ~6);
outlets (2,000 by default) and entity names are drawn Zipf-like, so a few recur in thousands of stories
and most in a handful; an outlet writes in one language (English ~40%, six others share the rest).
"""

from __future__ import annotations

import hashlib
import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from corroborate.model import (
    Analysis,
    Article,
    ArticleFraming,
    ArticleRef,
    Assignment,
    Claim,
    Consensus,
    Dossier,
    Entity,
    EventInfo,
    Fact,
    FactClaim,
    Framing,
    Mention,
    Place,
    Story,
    WhenInfo,
    WhereInfo,
)
from corroborate.store import Batch

LANGS = ("en", "de", "fr", "es", "sv", "ar", "ru")
LANG_WEIGHTS = (40, 12, 12, 12, 8, 8, 8)
EVENTS = ("flood", "fire", "protest", "transport_accident", "storm", "explosion", "attack")
# invented wording per language: "<event> in <town>" and a sentence stating a count
TITLE = {
    "en": "{event} near {town}: {name} speaks", "de": "{event} bei {town}: {name} äußert sich",
    "fr": "{event} près de {town} : {name} s'exprime", "es": "{event} cerca de {town}: habla {name}",
    "sv": "{event} nära {town}: {name} uttalar sig", "ar": "{event} قرب {town}: {name} يتحدث",
    "ru": "{event} у {town}: {name} выступает",
}
COUNT = {
    "en": "{n} people were hurt, the {org} said.", "de": "{n} Menschen wurden verletzt, teilte {org} mit.",
    "fr": "{n} personnes ont été blessées, selon {org}.", "es": "{n} personas resultaron heridas, dijo {org}.",
    "sv": "{n} personer skadades, uppgav {org}.", "ar": "أصيب {n} أشخاص، بحسب {org}.",
    "ru": "{n} человек пострадали, сообщила {org}.",
}
EVENT_WORD = {
    "en": ("Flood", "Fire", "Protest", "Ferry accident", "Storm", "Blast", "Attack"),
    "de": ("Hochwasser", "Brand", "Protest", "Fährunglück", "Sturm", "Explosion", "Angriff"),
    "fr": ("Inondation", "Incendie", "Manifestation", "Accident de ferry", "Tempête", "Explosion", "Attaque"),
    "es": ("Inundación", "Incendio", "Protesta", "Accidente de ferry", "Tormenta", "Explosión", "Ataque"),
    "sv": ("Översvämning", "Brand", "Protest", "Färjeolycka", "Storm", "Explosion", "Attack"),
    "ar": ("فيضان", "حريق", "احتجاج", "حادث عبارة", "عاصفة", "انفجار", "هجوم"),
    "ru": ("Наводнение", "Пожар", "Протест", "Авария парома", "Шторм", "Взрыв", "Нападение"),
}
_SYLLABLES = ("ka", "lo", "mir", "ve", "dan", "su", "tor", "ri", "ul", "ba", "nes", "qua", "zel", "po", "rin",
              "ta", "gor", "mi", "vel", "os", "ham", "li", "dro", "fe", "yun", "ost", "cre", "bi", "lan", "wu")
_TLDS = ("test", "example", "invalid")
START = datetime(2030, 1, 1, tzinfo=UTC)
SPAN_DAYS = 730


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


def _cumulative_zipf(n: int, s: float = 1.05) -> list[float]:
    return list(accumulate(1.0 / (k + 1) ** s for k in range(n)))


def _draw(rng: random.Random, cumulative: list[float]) -> int:
    return min(bisect(cumulative, rng.random() * cumulative[-1]), len(cumulative) - 1)


@dataclass
class World:
    """The recurring cast: outlets (name, language), people, organisations and towns."""

    outlets: list[tuple[str, str]]
    people: list[str]
    orgs: list[str]
    towns: list[str]
    words: list[str]  # the invented vocabulary of the articles' filler text


def make_world(seed: int = 0, outlets: int = 2000, people: int = 20000, orgs: int = 3000, towns: int = 5000) -> World:
    rng = random.Random(f"world-{seed}")
    lang_cum = list(accumulate(LANG_WEIGHTS))

    def unique(make: object, n: int) -> list[str]:
        found: dict[str, None] = {}
        while len(found) < n:
            found[make()] = None  # type: ignore[operator]
        return list(found)

    outlet_names = unique(lambda: f"{_word(rng, 2)}-{_word(rng, 2)}.{rng.choice(_TLDS)}", outlets)
    return World(
        outlets=[(name, LANGS[_draw_weighted(rng, lang_cum)]) for name in outlet_names],
        people=unique(lambda: f"{_word(rng, 2).title()} {_word(rng, 3).title()}", people),
        orgs=unique(lambda: f"{_word(rng, 3).title()} {rng.choice(('Office', 'Agency', 'Council', 'Guard'))}", orgs),
        towns=unique(lambda: _word(rng, 3).title(), towns),
        words=unique(lambda: _word(rng, rng.randint(1, 3)), 8000),
    )


def _draw_weighted(rng: random.Random, cumulative: list[int]) -> int:
    return bisect(cumulative, rng.random() * cumulative[-1])


class Generator:
    """Stories numbered from `first_story`, article ids `{prefix}{n:08d}` numbered from `first_article`."""

    def __init__(self, seed: int = 0, world: World | None = None, prefix: str = "b", story_prefix: str = "bs",
                 first_article: int = 0, first_story: int = 0, max_story: int = 30) -> None:
        self.rng = random.Random(seed)
        self.world = world or make_world(seed)
        self.prefix, self.story_prefix = prefix, story_prefix
        self.next_article, self.next_story = first_article, first_story
        self._outlets = _cumulative_zipf(len(self.world.outlets), 0.9)
        self._people = _cumulative_zipf(len(self.world.people))
        self._orgs = _cumulative_zipf(len(self.world.orgs))
        self._towns = _cumulative_zipf(len(self.world.towns))
        self._sizes = list(accumulate(1.0 / k ** 1.3 for k in range(1, max_story + 1)))

    def batches(self, articles: int) -> Iterator[Batch]:
        """Stories until `articles` articles are made (the last story is cut to fit)."""
        made = 0
        while made < articles:
            size = min(_draw(self.rng, self._sizes) + 1, articles - made)
            made += size
            yield self.story(size)

    def story(self, size: int) -> Batch:
        rng, w = self.rng, self.world
        sid = f"{self.story_prefix}{self.next_story:07d}"
        self.next_story += 1
        event = rng.randrange(len(EVENTS))
        town = w.towns[_draw(rng, self._towns)]
        person = w.people[_draw(rng, self._people)]
        others = [w.people[_draw(rng, self._people)] for _ in range(rng.randint(0, 3))]
        org = w.orgs[_draw(rng, self._orgs)]
        start = START + timedelta(minutes=rng.randrange(SPAN_DAYS * 24 * 60))
        conflict = size > 1 and rng.random() < 0.25
        lat, lon = round(rng.uniform(-60, 70), 4), round(rng.uniform(-170, 170), 4)
        pairs: list[tuple[Article, Analysis]] = []
        for k in range(size):
            outlet, lang = w.outlets[_draw(rng, self._outlets)]
            n = 12 if not conflict or k % 2 == 0 else 30
            pairs.append(self._article(lang, outlet, event, town, person, others, org, n,
                                       start + timedelta(minutes=rng.randrange(4 * 24 * 60)), lat, lon))
        pairs.sort(key=lambda p: (p[0].published, p[0].id))
        arts = [a for a, _ in pairs]
        dossier = _dossier(sid, arts, EVENTS[event], town, person, others, org, conflict, lat, lon)
        return Batch(
            articles=pairs,
            assignments=[Assignment(a.id, sid, 0.9, k == 0) for k, a in enumerate(arts)],
            stories=[Story(sid, [a.id for a in arts], dossier.title, arts[0].published, arts[-1].published)],
            dossiers=[dossier],
        )

    def _article(self, lang: str, outlet: str, event: int, town: str, person: str, others: list[str], org: str,
                 n: int, published: datetime, lat: float, lon: float) -> tuple[Article, Analysis]:
        rng = self.rng
        aid = f"{self.prefix}{self.next_article:08d}"
        self.next_article += 1
        title = TITLE[lang].format(event=EVENT_WORD[lang][event], town=town, name=person)
        count = COUNT[lang].format(n=n, org=org)
        words = self.world.words
        filler = " ".join(rng.choices(words, k=rng.randint(25, 60)))
        quoted = " ".join(f"{who} {rng.choice(words)}." for who in others)
        text = f"{title}. {count} {person} {filler}. {quoted} {town} {rng.choice(words)} {aid}."
        article = Article(
            id=aid, text=text, title=title, url=f"https://{outlet}/{published:%Y/%m}/{aid}", outlet=outlet,
            authors=[], published=published, published_precision="minute", lang=lang, lang_confidence=0.95,
            content_hash=hashlib.sha1(text.encode()).hexdigest(), origin=f"synthetic:{aid}",
        )
        at = len(title) + 2
        mentions = [Mention(text=p, kind="person", key=p.casefold(), start=0, end=0, canonical=p)
                    for p in (person, *others)]
        mentions.append(Mention(text=org, kind="org", key=org.casefold(), start=0, end=0, canonical=org))
        analysis = Analysis(
            article_id=aid, lang=lang, sentences=[(0, len(title)), (at, at + len(count))], mentions=mentions,
            places=[Place(name=town, text=town, start=0, end=0, key=town.casefold(), country="ZZ", lat=lat, lon=lon,
                          precision="town")],
            claims=[Claim(slot="injured", value=n, quote=count, start=at, end=at + len(count), attributed_to=org,
                          attribution_kind="official", lang=lang)],
            event_type=EVENTS[event], event_type_scores={EVENTS[event]: 0.9},
            framing=Framing(quoted=[org], quoted_kinds={"official": 1}),
        )
        return article, analysis


def _dossier(sid: str, arts: list[Article], event: str, town: str, person: str, others: list[str], org: str,
             conflict: bool, lat: float, lon: float) -> Dossier:
    ids = [a.id for a in arts]
    values = [12 if not conflict or k % 2 == 0 else 30 for k in range(len(arts))]
    claims = [FactClaim(value=v, article=a.id, source=a.outlet, attributed_to=org, quote=f"{v} hurt", lang=a.lang,
                        published=a.published) for v, a in zip(values, arts, strict=True)]
    status = "conflicting" if conflict else ("corroborated" if len(arts) > 1 else "single-source")
    people = [Entity(name=p, kind="person", variants=[p], articles=ids, key=p.casefold())
              for p in dict.fromkeys((person, *others))]
    return Dossier(
        id=sid,
        title=arts[0].title,
        languages=sorted({a.lang for a in arts if a.lang}),
        articles=[ArticleRef(id=a.id, title=a.title, source=a.outlet, lang=a.lang, published=a.published, url=a.url)
                  for a in arts],
        event=EventInfo(type=event, when=WhenInfo(start=arts[0].published, end=None, precision="day"),
                        where=[WhereInfo(name=town, country="ZZ", lat=lat, lon=lon, precision="town",
                                         articles=len(arts))]),
        entities=[*people, Entity(name=org, kind="org", variants=[org], articles=ids, key=org.casefold()),
                  Entity(name=town, kind="place", variants=[town, town.upper()], articles=ids, key=town.casefold())],
        facts=[Fact(slot="injured", qualifier={}, status=status,
                    consensus=Consensus(value=min(values), min=min(values), max=max(values)), claims=claims)],
        framing=[ArticleFraming(article=a.id, source=a.outlet, terms={}, quoted=[org], quoted_kinds={"official": 1})
                 for a in arts],
    )
