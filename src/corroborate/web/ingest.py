"""POST /api/articles: the JSON body (docs/design.md's JSONL fields) -> model.Document, behind a bearer token."""

from __future__ import annotations

import hmac
import json

from fastapi import HTTPException, Request
from pydantic import BaseModel, Field, TypeAdapter, ValidationError, model_validator

from corroborate import limits
from corroborate.limits import format_size
from corroborate.model import Document

MAX_ARTICLES = 500


class ArticleIn(BaseModel):
    """One input article, the same fields as a line of an input JSONL file."""

    text: str | None = Field(None, description="Plain text (give this or html).")
    html: str | None = Field(None, description="Raw HTML (give this or text).")
    id: str | None = Field(None, max_length=500, description="Your id; else a content hash is used.")
    title: str | None = None
    url: str | None = None
    date: str | None = Field(None, description="Publication date as found (ISO 8601 preferred).")
    source: str | None = Field(None, description="Outlet name or domain.")
    lang: str | None = Field(None, description="ISO 639-1 code, if known.")
    authors: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _needs_content(self) -> ArticleIn:
        if not (self.text and self.text.strip()) and not (self.html and self.html.strip()):
            raise ValueError("an article needs a non-empty 'text' or 'html' field")
        return self


def to_documents(items: list[ArticleIn]) -> list[Document]:
    docs = []
    for i, item in enumerate(items):
        kind = "html" if item.html and not (item.text and item.text.strip()) else "text"
        docs.append(
            Document(
                origin=f"api:{item.id or i}",
                content=item.html if kind == "html" else item.text,  # type: ignore[arg-type]
                kind=kind,
                given_id=item.id,
                title=item.title,
                url=item.url,
                published=item.date,
                source=item.source,
                lang=item.lang,
                authors=list(item.authors),
            )
        )
    return docs


def check_token(request: Request, expected: str | None) -> None:
    """403 when ingest is disabled (no token configured), 401 when the bearer token is missing or wrong."""
    if not expected:
        raise HTTPException(
            403, "ingest disabled: start the server with an ingest token (corroborate serve --token ...)"
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(
            401,
            "missing or wrong bearer token: send 'Authorization: Bearer <token>' with the server's ingest token",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def read_body(request: Request, max_bytes: int | None = None) -> bytes:
    """The request body, refused with 413 from its Content-Length before reading, or as soon as the
    stream passes `max_bytes` (a body without a length, or one longer than it said)."""
    max_bytes = limits.MAX_REQUEST_BYTES if max_bytes is None else max_bytes
    declared = request.headers.get("content-length", "")
    if declared.strip().isdecimal() and int(declared) > max_bytes:
        raise HTTPException(413, _too_large(int(declared), max_bytes))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise HTTPException(413, _too_large(None, max_bytes))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(size: int | None, max_bytes: int) -> str:
    said = f"{format_size(size)}" if size is not None else f"more than {format_size(max_bytes)}"
    return f"request body is {said}, over the {format_size(max_bytes)} limit; send fewer or shorter articles"


_BODY = TypeAdapter(ArticleIn | list[ArticleIn])
_ARTICLE_SCHEMA = ArticleIn.model_json_schema()  # flat: no $defs to resolve
BODY_SCHEMA = {"anyOf": [_ARTICLE_SCHEMA, {"type": "array", "items": _ARTICLE_SCHEMA, "maxItems": MAX_ARTICLES}]}


def parse_articles(body: bytes) -> list[ArticleIn]:
    """The JSON body as articles; 422 with the reason when it is not JSON or not articles."""
    try:
        value = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HTTPException(422, f"the body is not JSON ({exc}); send one article object or a list") from exc
    try:
        parsed = _BODY.validate_python(value)
    except ValidationError as exc:
        raise HTTPException(422, exc.errors(include_url=False, include_context=False, include_input=False)) from exc
    return parsed if isinstance(parsed, list) else [parsed]
