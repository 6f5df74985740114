"""A small invented demo database for the web tests (written through the Store API) and a live server.

Everything here is fiction: invented towns, people, outlets and events. No tests in this module.
"""

from __future__ import annotations

import hashlib
import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from corroborate.model import (
    Analysis,
    Article,
    ArticleFraming,
    ArticleRef,
    Assignment,
    Carrier,
    Claim,
    Consensus,
    Dossier,
    Entity,
    EventInfo,
    Fact,
    FactClaim,
    Framing,
    Place,
    RelatedLink,
    Story,
    WhenInfo,
    WhereInfo,
)
from corroborate.store import Batch, Store

T0 = datetime(2033, 3, 14, 5, 30, tzinfo=UTC)
CHROMIUM = "/usr/bin/chromium"  # Debian's package (Playwright's own browser download does not work here)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# the browser tests' screenshots: a temporary folder unless CORROBORATE_SCREENSHOTS names one (`make screenshots`
# refreshes the README's, tests/screenshots/), so that a test run leaves the tracked images alone
SHOTS = Path(os.environ.get("CORROBORATE_SCREENSHOTS") or Path(tempfile.gettempdir()) / "corroborate-screenshots")
PAYLOAD_SCRIPT = "<script>window.__pwned = 'script'</script>"
PAYLOAD_IMG = "<img src=x onerror=\"window.__pwned='img'\">"
PAYLOAD_ATTR = "\" onmouseover=\"window.__pwned='attr'\" x=\""
HOSTILE_TITLE = PAYLOAD_ATTR + PAYLOAD_SCRIPT + PAYLOAD_IMG + "A" * 100_000
HOSTILE_URL = "javascript:window.__pwned='url'"
# a word-for-word copy of the English flood article by another outlet (a syndicated wire copy)
FLOOD_CARRIER = Carrier("Lakeshore Courier", "https://lakeshore-courier.example/veltrava", T0 + timedelta(hours=6))


@dataclass
class Source:
    id: str
    outlet: str
    lang: str
    title: str
    text: str
    hours: float
    claims: list[tuple[str, int, str, str | None, str]]  # slot, value, quote (in text), group, attributed_to
    terms: dict[str, list[str]]
    quoted: list[str]
    harm: bool


FLOOD = [
    Source(
        "fl-en", "tidewatch.example", "en", "Dam breach floods Veltrava valley, nine dead",
        "A dam above Veltrava gave way before dawn on Tuesday.\n\nNine people were killed, the regional rescue "
        "service said, and three children were injured. Police arrested two engineers.\n\nWitness Ilse Marrow "
        "said the water came 'like a wall'.",
        2, [("killed", 9, "Nine people were killed", None, "regional rescue service"),
            ("injured", 3, "three children were injured", "children", "regional rescue service"),
            ("arrested", 2, "Police arrested two engineers", None, "police")],
        {"dam operator": ["Orvenna Hydro"]}, ["Ilse Marrow", "regional rescue service"], True,
    ),
    Source(
        "fl-de", "rheinbote.example", "de", "Dammbruch im Veltrava-Tal: neun Tote",
        "Nach dem Bruch eines Staudamms bei Veltrava sind neun Menschen ums Leben gekommen, teilte der "
        "Rettungsdienst mit. Fünf Kinder wurden verletzt, so das Krankenhaus.",
        5, [("killed", 9, "neun Menschen ums Leben gekommen", None, "Rettungsdienst"),
            ("injured", 5, "Fünf Kinder wurden verletzt", "children", "Krankenhaus")],
        {"dam operator": ["Betreiber Orvenna Hydro"]}, ["Rettungsdienst", "Krankenhaus"], True,
    ),
    Source(
        "fl-sv", "nordposten.example", "sv", "Dammbrott i Veltrava – nio döda",
        "Nio personer dödades när dammen brast, enligt räddningstjänsten. Tre barn skadades.",
        7, [("killed", 9, "Nio personer dödades", None, "räddningstjänsten"),
            ("injured", 3, "Tre barn skadades", "children", "räddningstjänsten")],
        {"dam operator": ["Orvenna Hydro"]}, ["räddningstjänsten"], False,
    ),
    Source(
        "fl-ar", "alnahr.example", "ar", "انهيار سد في وادي فلترافا",
        "قتل تسعة أشخاص في انهيار السد بحسب الدفاع المدني، وأصيب خمسة أطفال.",
        9, [("killed", 9, "قتل تسعة أشخاص", None, "الدفاع المدني"),
            ("injured", 5, "أصيب خمسة أطفال", "children", "الدفاع المدني")],
        {"dam operator": ["شركة أورفينا"]}, ["الدفاع المدني"], True,
    ),
]

QUAKE = [
    Source(
        "qk-ru", "vostochny.example", "ru", "Землетрясение у озера Карнск: двое погибших",
        "Двое человек погибли при землетрясении у озера Карнск, сообщило министерство.",
        30, [("killed", 2, "Двое человек погибли", None, "министерство")],
        {}, ["министерство"], True,
    ),
    Source(
        "qk-es", "diariosur.example", "es", "Un terremoto sacude el lago Karnsk",
        "Dos personas murieron y doce resultaron heridas, según el ministerio. El sismo recordó la rotura "
        "de la presa de Veltrava.",
        32, [("killed", 2, "Dos personas murieron", None, "ministerio"),
             ("injured", 12, "doce resultaron heridas", None, "ministerio")],
        {}, ["ministerio"], True,
    ),
    Source(
        "qk-fr", "lecourrier.example", "fr", "Séisme près du lac Karnsk",
        "Deux morts selon le ministère.",
        33, [("killed", 2, "Deux morts", None, "ministère")],
        {}, ["ministère"], True,
    ),
]

HOSTILE = Source(
    "evil-1", "badactor.example", "en", HOSTILE_TITLE,
    f"Intro {PAYLOAD_SCRIPT} middle {PAYLOAD_IMG} and {PAYLOAD_ATTR} end. Four people were hurt, officials said.",
    40, [("injured", 4, "Four people were hurt", None, "officials <b onclick=\"window.__pwned='claim'\">x</b>")],
    {"<script>window.__pwned='term'</script>": ["<img src=x onerror=\"window.__pwned='term'\">"]},
    ["<svg onload=\"window.__pwned='quoted'\">"], False,
)


def _article(src: Source, url: str | None = None) -> Article:
    return Article(
        id=src.id, text=src.text, title=src.title, url=url or f"https://{src.outlet}/news/{src.id}",
        outlet=src.outlet, authors=["Staff"], published=T0 + timedelta(hours=src.hours),
        published_precision="minute", lang=src.lang, lang_confidence=0.95,
        content_hash=hashlib.sha1(src.text.encode()).hexdigest(), origin=f"test:{src.id}",
    )


def _analysis(src: Source, place: Place | None) -> Analysis:
    claims = []
    for slot, value, quote, group, who in src.claims:
        start = src.text.index(quote)
        claims.append(Claim(slot=slot, value=value, quote=quote, start=start, end=start + len(quote), group=group,
                            attributed_to=who, attribution_kind="official", lang=src.lang))
    return Analysis(
        article_id=src.id, lang=src.lang, claims=claims, places=[place] if place else [], event_type="disaster",
        framing=Framing(terms=src.terms, quoted=src.quoted, quoted_kinds={"official": len(src.quoted)},
                        civilian_harm=src.harm),
    )


def _dossier(story_id: str, sources: list[Source], articles: list[Article], analyses: list[Analysis],
             where: list[WhereInfo], event_type: str, related: list[RelatedLink],
             carried: dict[str, list[Carrier]]) -> Dossier:
    facts: dict[tuple[str, str | None], list[FactClaim]] = {}
    for src, an in zip(sources, analyses, strict=True):
        for c in an.claims:
            facts.setdefault((c.slot, c.group), []).append(
                FactClaim(value=c.value, article=src.id, source=src.outlet, attributed_to=c.attributed_to,
                          quote=c.quote, lang=src.lang, start=c.start, end=c.end))
    fact_list = []
    for (slot, group), claims in facts.items():
        values = {c.value for c in claims}
        outlets = {c.source for c in claims}
        status = "conflicting" if len(values) > 1 else ("corroborated" if len(outlets) > 1 else "single-source")
        consensus = Consensus(value=None if len(values) > 1 else min(values), min=min(values), max=max(values))
        fact_list.append(Fact(slot=slot, qualifier={"group": group} if group else {}, status=status,
                              consensus=consensus, claims=claims))
    return Dossier(
        id=story_id, title=sources[0].title, languages=sorted({s.lang for s in sources}),
        articles=[ArticleRef(a.id, a.title, a.outlet, a.lang, a.published, a.url, carried.get(a.id, []))
                  for a in articles],
        event=EventInfo(type=event_type, when=WhenInfo(T0 + timedelta(hours=sources[0].hours - 3), None, "hour"),
                        where=where),
        entities=[Entity(name="Orvenna Hydro", kind="org", variants=["Orvenna Hydro", "شركة أورفينا"],
                         articles=[a.id for a in articles], key="orvenna hydro")] if event_type == "flood" else [],
        facts=fact_list,
        framing=[ArticleFraming(article=s.id, source=s.outlet, terms=s.terms, quoted=s.quoted,
                                quoted_kinds={"official": len(s.quoted)}, civilian_harm=s.harm) for s in sources],
        related=related,
    )


def _story_batch(story_id: str, sources: list[Source], where: list[WhereInfo], event_type: str,
                 related: list[RelatedLink], url_override: str | None = None,
                 carried: dict[str, list[Carrier]] | None = None) -> Batch:
    place = Place(name=where[0].name, text=where[0].name, start=0, end=1, key=where[0].name.casefold(),
                  country=where[0].country, lat=where[0].lat, lon=where[0].lon, precision="town") if where else None
    articles = [_article(s, url_override) for s in sources]
    analyses = [_analysis(s, place) for s in sources]
    carried = carried or {}
    dossier = _dossier(story_id, sources, articles, analyses, where, event_type, related, carried)
    story = Story(id=story_id, article_ids=[a.id for a in articles], title=sources[0].title,
                  first_published=articles[0].published, last_published=articles[-1].published, related=related)
    return Batch(
        articles=list(zip(articles, analyses, strict=True)),
        assignments=[Assignment(a.id, story_id, 0.9, i == 0) for i, a in enumerate(articles)],
        stories=[story], dossiers=[dossier],
        carriers=[(aid, Article(id=aid, text="", url=c.url, outlet=c.outlet, published=c.published))
                  for aid, cs in carried.items() for c in cs],
    )


def _filler(i: int) -> Batch:
    src = Source(f"fill-{i:02d}", f"outlet{i % 3}.example", ["en", "de", "fr"][i % 3], f"Council meeting number {i}",
                 f"The council met for the {i}th time. Three motions were passed.", 100 + i, [], {}, [], False)
    return _story_batch(f"s-fill-{i:02d}", [src], [], "politics", [])


def build_demo_db(db: str) -> None:
    """Fill `db` with: a flood story (4 languages, a conflicting children-injured fact, a map place), a related
    earthquake story (3 languages), a hostile story (XSS payloads everywhere) and 30 one-article stories."""
    flood_where = [WhereInfo(name="Veltrava", country="HR", lat=45.3, lon=15.1, precision="town", articles=4)]
    quake_where = [WhereInfo(name="Karnsk", country="RU", lat=55.2, lon=48.9, precision="town", articles=3),
                   WhereInfo(name="Nowhere-Unlocated", country=None, lat=None, lon=None, articles=1)]
    with Store(db) as store:
        store.write_batch(_story_batch("s-flood", FLOOD, flood_where, "flood",
                                       [RelatedLink("s-quake", "follow-up", 0.41)],
                                       carried={"fl-en": [FLOOD_CARRIER]}))
        store.write_batch(_story_batch("s-quake", QUAKE, quake_where, "earthquake",
                                       [RelatedLink("s-flood", "background", 0.37)]))
        store.write_batch(_story_batch("s-evil", [HOSTILE], [], "<script>window.__pwned='type'</script>", [],
                                       url_override=HOSTILE_URL))
        for i in range(30):
            store.write_batch(_filler(i))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(db: str, ingest_token: str | None = None) -> Iterator[str]:
    """uvicorn in a thread on 127.0.0.1:<free port>; yields the base URL and stops the server afterwards."""
    import uvicorn

    from corroborate.web import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, ingest_token), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"the test server did not start on 127.0.0.1:{port} within 15 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
