"""People, organisations and places named in an article (the `entities` component and its parts)."""

from corroborate.analyze.entities.component import entities, find_places, resolve_alias
from corroborate.analyze.entities.lexicon import read_json

__all__ = ["entities", "find_places", "read_json", "resolve_alias"]
