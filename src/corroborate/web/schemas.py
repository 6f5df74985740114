"""Typed response models of the JSON API, for the OpenAPI document (/docs shows them). The endpoints still
write their JSON directly (codec.dumps): these models describe it and never reshape it. Extra fields are
allowed, so a field added to a dataclass shows up in the JSON before it is described here."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from corroborate.model import Claim, Dossier, Place
from corroborate.store.records import StorySummary


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class StoryPage(_Open):
    items: list[StorySummary]
    total: int = Field(description="Stories matching the filters, all pages (counted up to 1,000 past this page: "
                       "see total_capped).")
    page: int
    per_page: int
    total_capped: bool = Field(False, description="More stories match than `total` (counting stopped there).")


class ArticleVersion(_Open):
    version: int = Field(description="1 = the first version stored.")
    content_hash: str | None
    title: str | None
    story: str | None = Field(description="The story the version was in.")
    replaced_at: datetime
    reason: str = Field(description="updated or deleted")


class ArticleOut(_Open):
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: list[str] = []
    published: datetime | None = None
    published_precision: str | None = None
    lang: str | None = None
    lang_confidence: float | None = None
    content_hash: str = ""
    origin: str = ""
    story: str | None = None
    claims: list[Claim] = []
    places: list[Place] = []
    event_type: str | None = None
    version: int = Field(1, description="The current version number (1 = never changed).")
    versions: list[ArticleVersion] = Field([], description="Former versions, oldest first.")
    updated: datetime | None = Field(None, description="When the last former version was replaced.")


class ArticleHit(_Open):
    id: str
    title: str | None
    source: str | None
    lang: str | None
    published: datetime | None
    url: str | None
    story: str | None


class ArticleHits(_Open):
    items: list[ArticleHit]


class EntityOut(_Open):
    key: str
    name: str
    kind: str
    variants: list[str]
    stories: list[str]
    articles: list[str]
    n_stories: int | None = Field(None, description="All the entity's stories (`stories` lists the newest "
                                  "`limit`).")


class EntityList(_Open):
    items: list[EntityOut]


class OutletSummary(_Open):
    name: str
    articles: int
    stories: int
    languages: list[str]
    names: list[str] = Field(default_factory=list, description="Every stored spelling of the outlet (feed "
                             "title, site domain): one outlet, counted once.")


class OutletList(_Open):
    items: list[OutletSummary]


class OutletOut(_Open):
    name: str
    names: list[str] = Field(default_factory=list, description="Every stored spelling of the outlet.")
    articles: int
    languages: list[str]
    stories: list[StorySummary]
    framing: list[dict] = Field(description="The dossiers' framing entries of its articles, with their story.")


class IngestFailure(_Open):
    origin: str
    message: str


class IngestReportOut(_Open):
    documents: int
    ingested: int
    duplicates: int
    carried: int = Field(0, description="Word-for-word copies from other outlets, kept as carried by them.")
    updated: list[str] = Field(description="Ids of stored articles replaced by a new version.")
    failures: list[IngestFailure]
    stories: list[str]
    seconds: float


class DeleteOut(_Open):
    deleted: list[str]
    stories: list[str] = Field(description="Stories re-decided and rebuilt.")
    removed_stories: list[str] = Field(description="Stories left empty, gone.")


DossierOut = Dossier  # the dataclass itself: pydantic derives its schema (docs/design.md's dossier)
