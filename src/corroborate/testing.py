"""Invented articles, analyses and dossiers for store tests and load benchmarks (no real events)."""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta

from corroborate.model import (
    Analysis,
    Article,
    ArticleFraming,
    ArticleRef,
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
    TimeExpr,
    WhenInfo,
    WhereInfo,
)

TITLES = {
    "en": "Ferry runs aground near {town}",
    "sv": "Färja gick på grund nära {town}",
    "de": "Fähre vor {town} auf Grund gelaufen",
    "es": "Un ferry encalla cerca de {town}",
    "fr": "Un ferry s'échoue près de {town}",
    "ar": "جنوح عبارة قرب {town}",
    "ru": "Паром сел на мель у {town}",
}
BASE_TIME = datetime(2031, 5, 4, 6, 0, tzinfo=UTC)


def article(
    i: int,
    lang: str = "en",
    outlet: str | None = "example.org",
    town: str = "Velmora",
    published: datetime | None = None,
    text: str | None = None,
) -> Article:
    """Article number `i`; id "a{i:05d}", a distinct text (and hash) per `i` unless `text` is given."""
    title = TITLES[lang].format(town=town)
    body = text if text is not None else f"{title}. Report number {i}. " + "Filler sentence. " * 40
    return Article(
        id=f"a{i:05d}",
        text=body,
        title=title,
        url=f"https://{outlet or 'unknown.test'}/news/{i}",
        outlet=outlet,
        authors=[f"Writer {i % 7}"],
        published=published if published is not None else BASE_TIME + timedelta(hours=i),
        published_precision="minute",
        lang=lang,
        lang_confidence=0.97,
        content_hash=hashlib.sha1(body.encode()).hexdigest(),
        origin=f"synthetic:{i}",
    )


def analysis(art: Article, dim: int = 384, seed: int | None = None) -> Analysis:
    """A full analysis (embedding, mentions, times, places, claims, framing) for `art`."""
    rng = random.Random(seed if seed is not None else art.id)
    return Analysis(
        article_id=art.id,
        lang=art.lang,
        sentences=[(0, 40), (41, 80)],
        embedding=[rng.uniform(-1, 1) for _ in range(dim)],
        mentions=[Mention(text="Orla Quint", kind="person", key="quint orla", start=5, end=15, canonical="Orla Quint")],
        times=[TimeExpr(text="this morning", start=20, end=32, value=art.published, precision="part_of_day",
                        relative=True, is_event_time=True)],
        places=[Place(name="Velmora", text="Velmora", start=33, end=40, key="velmora", country="ZZ",
                      lat=10.5, lon=20.25, precision="town")],
        claims=[Claim(slot="injured", value=12, quote="12 people were hurt", start=41, end=60, approx="at_least",
                      attributed_to="the harbour office", attribution_kind="official", lang=art.lang)],
        event_type="transport_accident",
        event_type_scores={"transport_accident": 0.9, "storm": 0.1},
        framing=Framing(terms={"ferry": ["ferry"]}, quoted=["harbour office"], quoted_kinds={"official": 1}),
    )


def dossier(
    story_id: str, arts: list[Article], town: str = "Velmora", conflict: bool = False, event_type: str = "accident"
) -> Dossier:
    """A dossier over `arts` with a place, a person entity, one fact (conflicting when asked) and framing."""
    values = [12, 30] if conflict and len(arts) > 1 else [12] * max(1, len(arts))
    claims = [
        FactClaim(value=v, article=a.id, source=a.outlet, attributed_to="the harbour office", quote=f"{v} hurt",
                  lang=a.lang)
        for v, a in zip(values, arts, strict=False)
    ]
    status = "conflicting" if conflict and len(arts) > 1 else ("corroborated" if len(arts) > 1 else "single-source")
    return Dossier(
        id=story_id,
        title=arts[0].title if arts else None,
        languages=sorted({a.lang for a in arts if a.lang}),
        articles=[ArticleRef(id=a.id, title=a.title, source=a.outlet, lang=a.lang, published=a.published, url=a.url)
                  for a in arts],
        event=EventInfo(
            type=event_type,
            when=WhenInfo(start=arts[0].published if arts else None, end=None, precision="day"),
            where=[WhereInfo(name=town, country="ZZ", lat=10.5, lon=20.25, precision="town", articles=len(arts))],
        ),
        entities=[
            Entity(name="Orla Quint", kind="person", variants=["Orla Quint", "O. Quint", "Орла Квинт"],
                   articles=[a.id for a in arts], key="quint orla"),
            Entity(name=town, kind="place", variants=[town, town.upper()], articles=[a.id for a in arts],
                   key=town.casefold()),
        ],
        facts=[Fact(slot="injured", qualifier={}, status=status,
                    consensus=Consensus(value=min(values), min=min(values), max=max(values)), claims=claims)],
        framing=[ArticleFraming(article=a.id, source=a.outlet, terms={"ferry": ["ferry"]}, quoted=["harbour office"])
                 for a in arts],
    )
