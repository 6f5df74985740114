"""A report's own headline figure is its claim.

A report states its figure in the headline ("Strikes kill at least 14") and then cites the counts it
weighed ("rescuers said 15 were killed"). Counted by independent sources, the cited figures
can outvote the report's own: an open "at least 14" also allows 15, so 15 gets two supporters. Within
one report, the headline decides between readings that agree with its text: when a fact's claims all
come from one article whose headline states one figure for that fact, and the article states that figure
in a reading that also allows the consensus (two readings of one toll, not two tolls), the consensus is
the headline figure and the range widens to hold it. Stories of several
reports keep the consensus of independent sources (a headline only breaks ties there).
"""

from __future__ import annotations

from dataclasses import replace

from corroborate.model import Analysis, Article, Claim, Fact
from corroborate.reconcile.intervals import claim_interval


def prefer_headline_figures(facts: list[Fact], items: list[tuple[Article, Analysis]]) -> list[Fact]:
    """`facts` with the consensus of each single-report fact set to that report's headline figure when
    the headline states exactly one figure for it that agrees with the consensus (module doc)."""
    titles = {article.id: analysis.title_claims for article, analysis in items}
    out = []
    for fact in facts:
        figure = _headline_figure(fact, titles)
        value = fact.consensus.value
        if figure is not None and value is not None and figure != value and _compatible(fact, figure, value):
            low = min(figure, fact.consensus.min if fact.consensus.min is not None else figure)
            high = max(figure, fact.consensus.max if fact.consensus.max is not None else figure)
            consensus = replace(fact.consensus, value=figure, min=low, max=high)
            claims = sorted(fact.claims, key=lambda c: (c.value != figure, c.value, c.article))
            fact = replace(fact, consensus=consensus, claims=claims)
        out.append(fact)
    return out


def _headline_figure(fact: Fact, titles: dict[str, list[Claim]]) -> int | None:
    """The one figure the headline of the fact's only article states for the fact, else None."""
    articles = {c.article for c in fact.claims}
    if len(articles) != 1:
        return None
    group, about = fact.qualifier.get("group"), fact.qualifier.get("about")
    values = {c.value for c in titles.get(next(iter(articles)), [])
              if c.slot == fact.slot and c.group == group and c.about == about}
    return next(iter(values)) if len(values) == 1 else None


def _compatible(fact: Fact, figure: int, value: int) -> bool:
    """Whether the report states the headline figure in a reading that also allows `value` (its
    "at least 14" allowing the 15 it cites): two readings of one toll, not two tolls."""

    return any(c.value == figure and claim_interval(c)[0] <= value <= claim_interval(c)[1] for c in fact.claims)
