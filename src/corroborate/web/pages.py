"""Server-rendered HTML pages: story list, dossier, article reader, outlets."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from corroborate.model import Claim, Dossier
from corroborate.outlets import count_sources
from corroborate.reconcile import brief_direction, brief_language, brief_languages, with_brief_in

from .api import article_with_analysis
from .cache import MISSING, WebCache
from .dossier_view import build_framing, build_matrix, claim_anchor, value_text
from .highlight import Span, highlight
from .queries import story_query
from .safety import clip, path_segment, safe_url
from .timeline import Tick, render_timeline
from .worldmap import Marker, render_map

PER_PAGE = 25
router = APIRouter(include_in_schema=False)
# Autoescape on for every template, whatever its file name: article content is hostile.
templates = Jinja2Templates(
    env=Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
)


def warm_up() -> None:
    """Compile every template now, so the first visitors do not pay for it."""
    for name in templates.env.list_templates(extensions=["html"]):
        templates.get_template(name)


def fmt_time(value: datetime | None, precision: str | None = None) -> str:
    if value is None:
        return "—"
    if precision in ("day", "week", "part_of_day") or (value.hour == value.minute == 0 and precision is None):
        return value.strftime("%d %b %Y")
    if precision == "month":
        return value.strftime("%b %Y")
    if precision == "year":
        return value.strftime("%Y")
    return value.strftime("%d %b %Y %H:%M UTC")


templates.env.filters.update(clip=clip, safe_url=safe_url, seg=path_segment, when=fmt_time, value_text=value_text)
templates.env.globals.update(story_href=lambda sid: f"/stories/{path_segment(sid)}")


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def _store(request: Request) -> Any:
    return request.app.state.store


def _parse_date(raw: str | None, name: str, errors: list[str]) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        errors.append(f"{name} {clip(raw, 40)!r} is not a date: use YYYY-MM-DD")
        return None


FACET_OUTLETS = 200  # outlets offered in the story list's filter (the most prolific; any other can be typed)


def _facet(request: Request, by: str, selected: str = "") -> list[tuple[str, int]]:
    """Article counts by language or outlet, most first (outlets: the first FACET_OUTLETS and the selected
    one); recounted in the background every few seconds."""
    cache: WebCache = request.app.state.cache
    counts = _facet_counts(cache, _store(request), by)
    if by != "outlet" or len(counts) <= FACET_OUTLETS:
        return counts
    shown = counts[:FACET_OUTLETS]
    return shown + [kv for kv in counts[FACET_OUTLETS:] if kv[0] == selected]


def _facet_counts(cache: WebCache, store: Any, by: str) -> list[tuple[str, int]]:
    count = getattr(store, "cached_counts", store.counts)  # from the outlet index: no pass over the articles
    return cache.facets.get_or_make(by, lambda: sorted(count(by).items(), key=lambda kv: -kv[1]))


def warm_data(cache: WebCache, store: Any) -> None:
    """Read the corpus-wide figures once before serving (the outlet identities, the story list's language
    and outlet counts: seconds at a million articles), so no early request waits on them; afterwards they
    are refreshed in the background."""
    if hasattr(store, "outlet_identities"):
        store.outlet_identities()
    if hasattr(store, "counts"):
        for by in ("lang", "outlet"):
            _facet_counts(cache, store, by)


@router.get("/", response_class=HTMLResponse)
def story_list(
    request: Request,
    q: str | None = None,
    lang: str | None = None,
    outlet: str | None = None,
    place: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    event_type: str | None = None,
    conflict: str | None = None,
    order: str = "recent",
    page: str = "1",
) -> HTMLResponse:
    errors: list[str] = []
    page_no = int(page) if page.isdecimal() and 0 < int(page) < 100_000 else 1
    filters = {
        "q": (q or "")[:500],
        "lang": (lang or "")[:35],
        "outlet": (outlet or "")[:300],
        "place": (place or "")[:300],
        "date_from": (date_from or "")[:20],
        "date_to": (date_to or "")[:20],
        "event_type": (event_type or "")[:100],
        "conflict": "1" if conflict in ("1", "on", "true") else "",
        "order": order if order in ("recent", "size") else "recent",
    }
    query = story_query(
        filters["q"],
        filters["lang"],
        filters["outlet"],
        filters["place"],
        _parse_date(filters["date_from"], "from", errors),
        _parse_date(filters["date_to"], "to", errors),
        filters["event_type"],
        bool(filters["conflict"]),
        filters["order"],
        page_no,
        PER_PAGE,
    )
    items, total = request.app.state.cache.list_stories(query)
    capped = query.count_limit is not None and total > query.count_limit
    total = min(total, query.count_limit) if capped else total
    pages = max(1, -(-total // PER_PAGE))
    active = {k: v for k, v in filters.items() if v and not (k == "order" and v == "recent")}

    def link(**changes: Any) -> str:
        params = {**active, **changes}
        return "/?" + urlencode({k: v for k, v in params.items() if v not in ("", None)})

    return _render(
        request,
        "stories.html",
        items=items,
        total=total,
        capped=capped,
        page=page_no,
        pages=pages,
        filters=filters,
        active=active,
        errors=errors,
        link=link,
        langs=_facet(request, "lang"),
        outlets=_facet(request, "outlet", filters["outlet"]),
        event_types=sorted({s.event_type for s in items if s.event_type}),
    )


# async: primary-key reads and cached renders, cheaper on the event loop than in a thread (see api.py).
@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story_page(request: Request, story_id: str, brief_lang: str | None = None) -> HTMLResponse:
    try:  # ?brief_lang=xx: the brief rebuilt from the facts in that language (the stored one is English)
        code = None if brief_lang is None else brief_language(brief_lang[:35])
    except ValueError as exc:
        raise HTTPException(422, f"brief_lang: {exc}") from None
    key = story_id if code in (None, "en") else (story_id, code)
    cache: WebCache = request.app.state.cache
    version = cache.story_version(story_id)
    html = cache.dossier_page.get(key, version) if version != MISSING else None
    if html is None:
        dossier = _store(request).get_dossier(story_id)
        if dossier is None:
            raise HTTPException(404, f"No story with id “{clip(story_id, 80)}”.")
        if code not in (None, "en"):
            dossier = with_brief_in(dossier, code)
        html = cache.dossier_page.put(key, _dossier_html(request, dossier, code or "en"), version)
    return HTMLResponse(html)


def _dossier_html(request: Request, dossier: Dossier, brief_lang: str = "en") -> str:
    cache: WebCache = request.app.state.cache
    matrix = build_matrix(dossier)
    framing_columns, framing_rows = build_framing(dossier)
    places = [w for w in dossier.event.where if w.lat is not None and w.lon is not None]
    markers = [
        Marker(w.lat, w.lon, w.name, max(w.articles, 1), f"/?place={path_segment(w.name)}") for w in places
    ]
    ticks = [
        Tick(ref.published, f"{ref.source or '?'} · {clip(ref.title, 80)} · {fmt_time(ref.published)}",
             f"/articles/{path_segment(ref.id)}")
        for ref in dossier.articles
        if ref.published
    ]
    related = [(link, cache.story_title(link.story)) for link in dossier.related]
    context = dict(
        request=request,
        d=dossier,
        matrix=matrix,
        framing_columns=framing_columns,
        framing_rows=framing_rows,
        map_svg=render_map(markers) if markers else None,
        unplaced=[w for w in dossier.event.where if w.lat is None or w.lon is None],
        timeline_svg=render_timeline(ticks, dossier.event.when.start, dossier.event.when.end),
        articles=sorted(dossier.articles, key=lambda r: (r.published is None, r.published or datetime.min, r.id)),
        related=related,
        n_sources=count_sources((r.source, r.url, r.id) for r in dossier.articles),
        n_carried=sum(len(r.carried_by) for r in dossier.articles),
        brief_lang=brief_lang,
        brief_dir=brief_direction(brief_lang),
        brief_langs=brief_languages(),
    )
    return templates.get_template("dossier.html").render(context)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article_page(request: Request, article_id: str) -> HTMLResponse:
    found = article_with_analysis(request, article_id)
    if found is None:
        raise HTTPException(404, f"No article with id “{clip(article_id, 80)}”.")
    article, analysis = found
    cache: WebCache = request.app.state.cache
    claims = [(claim_anchor(c.start, c.end), c) for c in analysis.claims] if analysis else []
    body = cache.article_bodies.get_or_make(article_id, lambda: _article_body(article.text or "", claims))
    story_id = _store(request).article_story(article_id)
    return _render(
        request,
        "article.html",
        a=article,
        body=body,
        claims=claims,
        analysis=analysis,
        story_id=story_id,
        story_title=cache.story_title(story_id) if story_id else None,
        history=_store(request).article_history(article_id) if hasattr(_store(request), "article_history") else [],
    )


def _article_body(text: str, claims: list[tuple[str | None, Claim]]) -> Markup:
    """The text with one mark per claim span; a sentence stating several figures gets one mark whose
    tooltip lists them all."""
    spans: dict[str, Span] = {}
    for anchor, c in claims:
        if anchor is None:
            continue
        label = (f"{c.slot}{' (' + c.group + ')' if c.group else ''}: {value_text(c.value, c.approx, c.value_max)}"
                 f" — {c.attributed_to or 'unattributed'}")
        if anchor in spans:
            spans[anchor].label += f"; {label}"
        else:
            spans[anchor] = Span(c.start, c.end, anchor, label)
    return highlight(text, list(spans.values()))


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request) -> HTMLResponse:
    cache: WebCache = request.app.state.cache
    return _render(request, "outlets.html", outlets=cache.facets.get_or_make("outlets", _store(request).list_outlets))


@router.get("/outlets/{name}", response_class=HTMLResponse)
def outlet_page(request: Request, name: str) -> HTMLResponse:
    outlet = request.app.state.cache.outlet(name)
    if outlet is None:
        raise HTTPException(404, f"No outlet named “{clip(name, 80)}”.")
    framing = outlet.get("framing") or []
    terms: dict[str, dict[str, int]] = {}
    quoted: dict[str, int] = {}
    spelled: dict[str, str] = {}
    kinds: dict[str, int] = {}
    harm = 0
    for f in framing:
        f = f if isinstance(f, dict) else vars(f)
        for actor, words in (f.get("terms") or {}).items():
            for word in words:
                terms.setdefault(actor, {}).setdefault(word, 0)
                terms[actor][word] += 1
        for who in f.get("quoted") or []:
            shown = spelled.setdefault(who.casefold(), who)  # "Police" and "police" are one source
            quoted[shown] = quoted.get(shown, 0) + 1
        for kind, n in (f.get("quoted_kinds") or {}).items():
            kinds[kind] = kinds.get(kind, 0) + n
        harm += bool(f.get("civilian_harm"))
    return _render(
        request,
        "outlet.html",
        o=outlet,
        terms=sorted(terms.items()),
        quoted=sorted(quoted.items(), key=lambda kv: -kv[1]),
        kinds=sorted(kinds.items(), key=lambda kv: -kv[1]),
        harm=harm,
        n_framed=len(framing),
    )


ENTITY_ARTICLES = 100  # articles listed on an entity page
ENTITY_STORIES = 100  # the newest stories listed on an entity page (all are counted)


@router.get("/entities/{key}", response_class=HTMLResponse)
def entity_page(request: Request, key: str) -> HTMLResponse:
    store = _store(request)
    entity = request.app.state.cache.entity(key, ENTITY_STORIES)
    if entity is None:
        raise HTTPException(404, f"No entity with key “{clip(key, 80)}”.")
    ids = entity["articles"][:ENTITY_ARTICLES]
    found = store.get_articles(ids, with_text=False)
    articles = sorted((found[i] for i in ids if i in found),
                      key=lambda a: (a.published is None, -(a.published.timestamp() if a.published else 0), a.id))
    return _render(request, "entity.html", e=entity, stories=store.story_summaries(entity["stories"]),
                   articles=articles, more=max(0, len(entity["articles"]) - ENTITY_ARTICLES))
