"""The clean stage: Document -> Article (extraction, boilerplate removal, metadata, language)."""

from corroborate.callable_face import make_callable
from corroborate.clean.article import clean
from corroborate.clean.errors import CleanError

__all__ = ["CleanError", "clean"]

make_callable(__name__, clean)  # `corroborate.clean(...)` calls the stage function
