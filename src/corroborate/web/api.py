"""The JSON API under /api (OpenAPI at /openapi.json, docs at /docs)."""

from __future__ import annotations

import json
import threading
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from corroborate.model import Dossier, from_json, to_json
from corroborate.reconcile import brief_language, with_brief_in
from corroborate.reconcile.changes import parse_since
from corroborate.store.codec import dumps

from . import schemas as out
from .cache import WebCache
from .ingest import BODY_SCHEMA, MAX_ARTICLES, check_token, parse_articles, read_body, to_documents
from .queries import story_query

router = APIRouter(prefix="/api", tags=["api"])
_ingest_lock = threading.Lock()  # one ingest at a time per process: the clusterer state is shared
# declares the scheme in OpenAPI (an Authorize button in /docs); the check itself is check_token's
_bearer = HTTPBearer(auto_error=False, scheme_name="ingestToken",
                     description="The server's ingest token (serve --token / CORROBORATE_INGEST_TOKEN).")


def _store(request: Request) -> Any:
    return request.app.state.store


def _cache(request: Request) -> WebCache:
    return request.app.state.cache


class JSONBytes(Response):
    """A response whose body is already-encoded JSON (skips FastAPI's jsonable_encoder walk)."""

    media_type = "application/json"


def _json(data: object) -> JSONBytes:
    # codec.dumps writes the same JSON as json.dumps(to_json(data)), without building the dict copies.
    return JSONBytes(dumps(data).encode("utf-8"))


def _not_found(what: str, key: str, listing: str) -> HTTPException:
    return HTTPException(404, f"no {what} with id {key!r}: see {listing}")


@router.get("/stories", summary="List stories (filters, pagination)", response_model=out.StoryPage)
def list_stories(
    request: Request,
    q: Annotated[str | None, Query(max_length=500, description="Words found in an article's text, title or entity "
                                    "names, or a substring of a title (case and diacritics ignored)")] = None,
    lang: Annotated[str | None, Query(max_length=35)] = None,
    outlet: Annotated[str | None, Query(max_length=300)] = None,
    place: Annotated[str | None, Query(max_length=300)] = None,
    date_from: date | None = None,
    date_to: date | None = None,
    event_type: Annotated[str | None, Query(max_length=100)] = None,
    conflict: Annotated[bool, Query(description="Only stories with a conflicting fact")] = False,
    order: Annotated[str, Query(pattern="^(recent|size)$")] = "recent",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict:
    query = story_query(q, lang, outlet, place, date_from, date_to, event_type, conflict, order, page, per_page)
    items, total = _cache(request).list_stories(query)
    capped = query.count_limit is not None and total > query.count_limit
    return _json({"items": items, "total": min(total, query.count_limit) if capped else total, "page": page,
                  "per_page": per_page, "total_capped": capped})


# Dossier and article reads are a few indexed primary-key lookups (or a cache hit): they run on the event
# loop, which under load answers them sooner than a hand-off to a worker thread and back. Listings and
# searches, whose queries scan, stay plain `def` endpoints in the thread pool.
@router.get("/stories/{story_id}", summary="One story's dossier", response_model=out.DossierOut)
async def get_story(
    request: Request,
    story_id: str,
    since: Annotated[str | None, Query(max_length=40, description="Only the updates after this ISO 8601 time")] = None,
    brief_lang: Annotated[str | None, Query(max_length=35, description="The brief rebuilt from the dossier's facts in this language (en sv de es fr ar ru); the stored brief stays English")] = None,
) -> dict:
    try:
        brief_code = None if brief_lang is None else brief_language(brief_lang)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=f"brief_lang: {exc}") from None
    text = _cache(request).dossier_json(story_id)
    if text is None:
        raise _not_found("story", story_id, "GET /api/stories")
    if since is not None:  # evolving stories: the dossier with only the updates after `since`
        try:
            moment = parse_since(since)
        except ValueError as exc:
            raise HTTPException(status_code=422, detail=f"since: {exc}") from None
        data = json.loads(text)
        data["updates"] = [u for u in data.get("updates", [])
                           if u.get("at") is None or parse_since(u["at"]) > moment]
        if brief_code is None:
            return _json(data)
    if brief_code is not None:  # the brief read in another language, rebuilt from the same facts
        data = data if since is not None else json.loads(text)
        data["brief"] = to_json(with_brief_in(from_json(Dossier, data), brief_code).brief)
        return _json(data)
    return JSONBytes(text.encode("utf-8"))


@router.get("/articles/{article_id}", summary="One article: clean text, metadata, story, claims with spans",
            response_model=out.ArticleOut)
async def get_article(request: Request, article_id: str) -> dict:
    store = _store(request)
    found = article_with_analysis(request, article_id)
    if found is None:
        raise _not_found("article", article_id, "the articles of GET /api/stories/{id}")
    article, analysis = found
    data = {name: getattr(article, name) for name in article.__dataclass_fields__ if name != "removed"}
    data["story"] = store.article_story(article_id)
    data["claims"] = analysis.claims if analysis else []
    data["places"] = analysis.places if analysis else []
    data["event_type"] = analysis.event_type if analysis else None
    history = store.article_history(article_id) if hasattr(store, "article_history") else []
    data["version"] = len(history) + 1
    data["versions"] = history
    data["updated"] = history[-1]["replaced_at"] if history else None
    return _json(data)


def article_with_analysis(request: Request, article_id: str) -> tuple[Any, Any] | None:
    """(Article, Analysis or None) from the cache or the store; None for an unknown article. Both are
    replaced only by a new version or a delete, after which the cache is cleared (`WebCache.written`)."""
    cache = _cache(request)
    found = cache.articles.get(article_id)
    if found is None:
        store = _store(request)
        article = store.get_article(article_id)
        if article is None:
            return None
        found = cache.articles.put(article_id, (article, store.get_analysis(article_id)))
    return found


@router.get("/articles", summary="Full-text search of articles (text, title, entity names)",
            response_model=out.ArticleHits)
def search_articles(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Every word required; case and "
                                                                       "diacritics ignored")],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict:
    return _json({"items": _store(request).search_articles(q, limit=limit)})


@router.get("/entities", summary="Search entities by name or spelling", response_model=out.EntityList)
def search_entities(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict:
    return _json({"items": _store(request).search_entities(q, limit=limit)})


@router.get("/entities/{key}", summary="One entity: spellings, stories, articles", response_model=out.EntityOut)
def get_entity(
    request: Request, key: str,
    limit: Annotated[int, Query(ge=1, le=10_000, description="The newest stories listed (all are counted in "
                                "n_stories); spellings and articles are those stories'")] = 500,
) -> dict:
    entity = _cache(request).entity(key, limit)
    if entity is None:
        raise HTTPException(404, f"no entity with key {key!r}: search with GET /api/entities?q=...")
    return _json(entity)


@router.get("/outlets", summary="List outlets", response_model=out.OutletList)
def list_outlets(request: Request) -> dict:
    # every article counted by outlet (seconds at a million): the page's counts, recounted in the background
    return _json({"items": _cache(request).facets.get_or_make("outlets", _store(request).list_outlets)})


@router.get("/outlets/{name}", summary="One outlet: its stories and framing", response_model=out.OutletOut)
def get_outlet(request: Request, name: str) -> dict:
    outlet = _cache(request).outlet(name)
    if outlet is None:
        raise HTTPException(404, f"no outlet named {name!r}: list them with GET /api/outlets")
    return _json(outlet)


def _require_token(
    request: Request, _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)] = None
) -> None:
    check_token(request, request.app.state.ingest_token)


@router.post(
    "/articles",
    summary="Ingest articles; an existing id with new content is an update (bearer token required)",
    response_model=out.IngestReportOut,
    dependencies=[Depends(_require_token)],
    responses={401: {"description": "missing or wrong token"}, 403: {"description": "ingest disabled"},
               413: {"description": "body over the size limit (corroborate.limits)"}},
    openapi_extra={"requestBody": {"required": True, "description": "One article or a list (fields as an input "
                                   "JSONL line)", "content": {"application/json": {"schema": BODY_SCHEMA}}}},
)
async def post_articles(request: Request) -> dict:
    # the token first, then the declared length, then the body read while counting: nothing is read for a
    # request that would be refused
    check_token(request, request.app.state.ingest_token)
    items = parse_articles(await read_body(request))
    if not items:
        raise HTTPException(422, "empty list: send one article object or a non-empty list")
    if len(items) > MAX_ARTICLES:
        raise HTTPException(413, f"{len(items)} articles in one request; send at most {MAX_ARTICLES} per request")
    report = await run_in_threadpool(_ingest, _store(request), _cache(request), to_documents(items),
                                     _alert_hook(request))
    return {
        "documents": report.documents,
        "ingested": report.ingested,
        "duplicates": report.duplicates,
        "carried": report.carried,
        "updated": list(report.updated),
        "failures": [{"origin": f.origin, "message": f.message} for f in report.failures],
        "stories": sorted(report.stories),
        "seconds": round(report.seconds, 3),
    }


@router.delete(
    "/articles/{article_id}",
    summary="Delete an article and recompute its story (bearer token required)",
    response_model=out.DeleteOut,
    dependencies=[Depends(_require_token)],
    responses={401: {"description": "missing or wrong token"}, 403: {"description": "ingest disabled"},
               404: {"description": "no such article"}},
)
async def delete_article(request: Request, article_id: str) -> dict:
    report = await run_in_threadpool(_delete, _store(request), _cache(request), article_id)
    if not report.deleted:
        raise _not_found("article", article_id, "the articles of GET /api/stories/{id}")
    return {"deleted": report.deleted, "stories": report.stories, "removed_stories": report.removed_stories}


def _delete(store: Any, cache: WebCache, article_id: str) -> Any:
    from corroborate.maintain import delete_articles

    with _ingest_lock:
        try:
            return delete_articles(store, [article_id])
        finally:
            cache.written()


def _alert_hook(request: Request) -> Any:
    """One alert hook per app, delivering in its own thread: a slow webhook never holds a request."""
    from corroborate.alerts import AlertHook

    with _ingest_lock:
        hook = getattr(request.app.state, "alert_hook", None)
        if hook is None:
            hook = request.app.state.alert_hook = AlertHook(_store(request), background=True)
    return hook


def _ingest(store: Any, cache: WebCache, documents: list, alert_hook: Any = None) -> Any:
    try:
        from corroborate.pipeline import ingest_documents
    except ImportError as exc:  # the pipeline is optional at import time; say what is missing
        raise HTTPException(503, f"ingest unavailable: the pipeline could not be imported ({exc})") from exc
    with _ingest_lock:
        try:
            return ingest_documents(store, documents, hooks=None if alert_hook is None else [alert_hook])
        finally:
            cache.written()
