"""The `sentences` pipeline component."""

from __future__ import annotations

from corroborate.model import Analysis, Article
from corroborate.text.sentences import split


def sentences(article: Article, analysis: Analysis) -> None:
    """Pipeline component: fill `analysis.sentences`."""
    analysis.sentences = split(article.text)
