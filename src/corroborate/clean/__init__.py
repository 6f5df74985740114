"""The clean stage: Document -> Article (extraction, boilerplate removal, metadata, language)."""

from corroborate.clean.article import clean
from corroborate.clean.errors import CleanError

__all__ = ["CleanError", "clean"]
