"""The `places` pipeline component."""

from __future__ import annotations

from corroborate.analyze.entities import find_places
from corroborate.model import Analysis, Article


def places(article: Article, analysis: Analysis) -> None:
    """Pipeline component: fill `analysis.places` from the place mentions the entities component
    found (it runs first; when it did not, entities are found here), plus street addresses."""
    analysis.places = find_places(article, analysis)
