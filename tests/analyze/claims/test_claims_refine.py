"""The article-level passes: one ordered table, one signature, applied by the claims component."""

from __future__ import annotations

import inspect

from corroborate.analyze.claims import claims, extract_claims
from corroborate.analyze.claims.headline import headline_sentences
from corroborate.analyze.claims.refine import REFINEMENTS, refine
from corroborate.model import Analysis, Article


def test_every_pass_takes_the_article_and_its_analysis() -> None:
    assert [name for name, _ in REFINEMENTS][0] == "headline_parts"
    for name, step in REFINEMENTS:
        assert list(inspect.signature(step).parameters) == ["article", "analysis"], name


def test_the_component_is_extraction_then_the_passes() -> None:
    article = Article(id="r1", lang="en", title="Blast kills 7 soldiers",
                      text="Seven soldiers were killed in the blast, officials said. Dozens of people were hurt.")
    by_component = Analysis(article_id="r1", lang="en")
    claims(article, by_component)
    by_hand = Analysis(article_id="r1", lang="en",
                       claims=extract_claims(article.text, "en"),
                       title_claims=extract_claims(article.title, "en", headline_sentences(article.title)))
    refine(article, by_hand)
    assert [(c.slot, c.value) for c in by_component.claims] == [(c.slot, c.value) for c in by_hand.claims]
    assert by_component.claims and by_component.title_claims
