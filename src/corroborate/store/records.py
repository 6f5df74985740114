"""What callers hand to the store (Batch, StoryQuery) and what story listings return (StorySummary)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from corroborate.model import Analysis, Article, Assignment, Dossier, ReadError, Story

ORDERS = ("recent", "size")


@dataclass
class Batch:
    """Everything one ingest batch produces; `Store.write_batch` writes it in one transaction.

    Articles whose id or content_hash is already stored are skipped (with their analyses). Assignments
    may move an article to another story; `Assignment.merged` stories hand all their articles over to
    `Assignment.story`. `removed_stories` are deleted after the assignments are applied, and must have no
    articles left by then. `Story.article_ids` is ignored: membership comes from assignments only.
    `replaced` and `deleted` name stored articles whose stored version moves to the article history first
    (reason "updated" / "deleted"); a replaced article is then stored again from `articles`.
    """

    articles: list[tuple[Article, Analysis]] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    removed_stories: list[str] = field(default_factory=list)
    story_states: dict[str, bytes] = field(default_factory=dict)
    dossiers: list[Dossier] = field(default_factory=list)
    failures: list[ReadError] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    analyzer_version: str | None = None  # stored with the analyses; None = the running ANALYZER_VERSION
    # (article id, a word-for-word copy of it from another outlet): recorded as carried by that outlet
    # (article_carriers), skipped when the article is not stored after the batch's articles are
    carriers: list[tuple[str, Article]] = field(default_factory=list)


@dataclass
class StoryQuery:
    """Filters for `Store.list_stories`. `text` matches a story when it is a substring of the story title,
    of an article title or of an entity name of the story, or when an article holds every word of it in its
    text, title or entity names (full-text index, store/search.py); `place` matches a place name of the
    story (whole name, any known spelling); case and diacritics are ignored by both, case by `lang` and
    `event_type`; dates select stories whose [first, last] published span overlaps the range."""

    text: str | None = None
    lang: str | None = None
    outlet: str | None = None
    place: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    event_type: str | None = None
    conflict_only: bool = False
    order: str = "recent"  # "recent" (last published first) | "size" (most articles first)
    limit: int = 50
    offset: int = 0
    story: str | None = None  # one story id
    # count the matches no further than this (the total is then `count_limit + 1` when more match; see
    # `Store.list_stories`); None: count them all
    count_limit: int | None = None


@dataclass
class StorySummary:
    id: str
    title: str | None
    n_articles: int
    n_sources: int
    languages: list[str]
    first_published: datetime | None
    last_published: datetime | None
    where: str | None
    event_type: str | None
    has_conflict: bool
