"""POST /api/articles: the JSON body (docs/design.md's JSONL fields) -> model.Document, behind a bearer token."""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request
from pydantic import BaseModel, Field, model_validator

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
