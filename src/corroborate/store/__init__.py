"""Storage of articles, analyses, stories, dossiers (SQLite by default, PostgreSQL for scale)."""

from corroborate.store.errors import StoreError
from corroborate.store.records import Batch, StoryQuery, StorySummary
from corroborate.store.store import Store
from corroborate.store.url import resolve_db_url

__all__ = ["Batch", "Store", "StoreError", "StoryQuery", "StorySummary", "resolve_db_url"]
