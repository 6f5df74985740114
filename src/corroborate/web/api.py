"""The JSON API under /api (OpenAPI at /openapi.json, docs at /docs)."""

from __future__ import annotations

import threading
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool

from corroborate.model import to_json

from .ingest import MAX_ARTICLES, ArticleIn, check_token, to_documents
from .queries import story_query

router = APIRouter(prefix="/api", tags=["api"])
_ingest_lock = threading.Lock()  # one ingest at a time per process: the clusterer state is shared


def _store(request: Request) -> Any:
    return request.app.state.store


def _not_found(what: str, key: str, listing: str) -> HTTPException:
    return HTTPException(404, f"no {what} with id {key!r}: see {listing}")


@router.get("/stories", summary="List stories (filters, pagination)")
def list_stories(
    request: Request,
    q: Annotated[str | None, Query(max_length=500, description="Substring of a story or article title")] = None,
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
    items, total = _store(request).list_stories(query)
    return {"items": to_json(items), "total": total, "page": page, "per_page": per_page}


@router.get("/stories/{story_id}", summary="One story's dossier")
def get_story(request: Request, story_id: str) -> dict:
    dossier = _store(request).get_dossier(story_id)
    if dossier is None:
        raise _not_found("story", story_id, "GET /api/stories")
    return to_json(dossier)


@router.get("/articles/{article_id}", summary="One article: clean text, metadata, story, claims with spans")
def get_article(request: Request, article_id: str) -> dict:
    store = _store(request)
    article = store.get_article(article_id)
    if article is None:
        raise _not_found("article", article_id, "the articles of GET /api/stories/{id}")
    analysis = store.get_analysis(article_id)
    data = to_json(article)
    data.pop("removed", None)
    data["story"] = store.article_story(article_id)
    data["claims"] = to_json(analysis.claims) if analysis else []
    data["places"] = to_json(analysis.places) if analysis else []
    data["event_type"] = analysis.event_type if analysis else None
    return data


@router.get("/entities", summary="Search entities by name or spelling")
def search_entities(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict:
    return {"items": to_json(_store(request).search_entities(q, limit=limit))}


@router.get("/entities/{key}", summary="One entity: spellings, stories, articles")
def get_entity(request: Request, key: str) -> dict:
    entity = _store(request).entity(key)
    if entity is None:
        raise HTTPException(404, f"no entity with key {key!r}: search with GET /api/entities?q=...")
    return to_json(entity)


@router.get("/outlets", summary="List outlets")
def list_outlets(request: Request) -> dict:
    return {"items": to_json(_store(request).list_outlets())}


@router.get("/outlets/{name}", summary="One outlet: its stories and framing")
def get_outlet(request: Request, name: str) -> dict:
    outlet = _store(request).outlet(name)
    if outlet is None:
        raise HTTPException(404, f"no outlet named {name!r}: list them with GET /api/outlets")
    return to_json(outlet)


def _require_token(request: Request) -> None:
    check_token(request, request.app.state.ingest_token)


@router.post(
    "/articles",
    summary="Ingest articles (bearer token required)",
    dependencies=[Depends(_require_token)],
    responses={401: {"description": "missing or wrong token"}, 403: {"description": "ingest disabled"}},
)
async def post_articles(
    request: Request,
    body: Annotated[
        ArticleIn | list[ArticleIn], Body(description="One article or a list (fields as an input JSONL line)")
    ],
) -> dict:
    items = body if isinstance(body, list) else [body]
    if not items:
        raise HTTPException(422, "empty list: send one article object or a non-empty list")
    if len(items) > MAX_ARTICLES:
        raise HTTPException(413, f"{len(items)} articles in one request; send at most {MAX_ARTICLES} per request")
    report = await run_in_threadpool(_ingest, _store(request), to_documents(items))
    return {
        "documents": report.documents,
        "ingested": report.ingested,
        "duplicates": report.duplicates,
        "failures": [{"origin": f.origin, "message": f.message} for f in report.failures],
        "stories": sorted(report.stories),
        "seconds": round(report.seconds, 3),
    }


def _ingest(store: Any, documents: list) -> Any:
    try:
        from corroborate.pipeline import ingest_documents
    except ImportError as exc:  # the pipeline is optional at import time; say what is missing
        raise HTTPException(503, f"ingest unavailable: the pipeline could not be imported ({exc})") from exc
    with _ingest_lock:
        return ingest_documents(store, documents)
