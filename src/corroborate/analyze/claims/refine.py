"""The article-level passes over an article's claims, in order, each with one signature.

After every sentence is read (extract.extract_claims), these passes see the whole article: the body's
claims and the headline's (`analysis.claims`, `analysis.title_claims`), and rewrite them. Order matters:
each pass reads what the ones before it left.
"""

from __future__ import annotations

from collections.abc import Callable

from corroborate.analyze.claims.breakdowns import drop_other_breakdowns
from corroborate.analyze.claims.combatants import drop_combatant_echoes
from corroborate.analyze.claims.death_headline import death_in_headline
from corroborate.analyze.claims.earlier import drop_earlier_events
from corroborate.analyze.claims.elsewhere import drop_elsewhere_in_combatant_reports
from corroborate.analyze.claims.headline import without_headline_parts
from corroborate.analyze.claims.manner import self_death
from corroborate.analyze.claims.senses import resolve_senses
from corroborate.analyze.claims.things import count_things
from corroborate.analyze.claims.updates import claims_updates
from corroborate.analyze.claims.vague import drop_vague_beside_figures
from corroborate.model import Analysis, Article

Refinement = Callable[[Article, Analysis], None]


def _lang(article: Article, analysis: Analysis) -> str | None:
    return analysis.lang or article.lang


def headline_parts(article: Article, analysis: Analysis) -> None:
    """Body counts that only repeat a part of the headline's figure."""
    title = (article.title or "").strip()
    analysis.claims = without_headline_parts(analysis.claims, analysis.title_claims, title, _lang(article, analysis))


def combatant_echoes(article: Article, analysis: Analysis) -> None:
    """A count with no group that repeats a combatant count."""
    analysis.claims, analysis.title_claims = drop_combatant_echoes(analysis.claims, analysis.title_claims)


def vague_beside_figures(article: Article, analysis: Analysis) -> None:
    """Vague quantities ("dozens") beside a stated figure for the same slot."""
    analysis.claims, analysis.title_claims = drop_vague_beside_figures(
        analysis.claims, analysis.title_claims, _lang(article, analysis))


def other_breakdowns(article: Article, analysis: Analysis) -> None:
    """Another attack's breakdown (children, women) that does not add up to this article's toll."""
    analysis.claims = drop_other_breakdowns(analysis.claims, analysis.title_claims, _lang(article, analysis))


def elsewhere_in_combatant_reports(article: Article, analysis: Analysis) -> None:
    """Civilian counts from another town in a report about combatants."""
    analysis.claims = drop_elsewhere_in_combatant_reports(article, analysis)


def earlier_events(article: Article, analysis: Analysis) -> None:
    """Counts in sentences about an earlier event (dated a week or more before this one) are background."""
    analysis.claims = drop_earlier_events(article.text, analysis, _lang(article, analysis))


def senses(article: Article, analysis: Analysis) -> None:
    """Group words with two senses read by the article's topic ("mineurs": miners at a mine, else minors)."""
    title = (article.title or "").strip()
    lang = _lang(article, analysis)
    analysis.claims = resolve_senses(analysis.claims, article.text, title, lang)
    analysis.title_claims = resolve_senses(analysis.title_claims, article.text, title, lang)


def counted_things(article: Article, analysis: Analysis) -> None:
    """Counts of things that are not people (helicopters, drones, missiles) as facts of their own."""
    analysis.claims += count_things(article.text, analysis.sentences or [], _lang(article, analysis))


def killing_in_headline(article: Article, analysis: Analysis) -> None:
    """A headline naming a killing ("charged in fatal shooting") with no count: at least one dead."""
    analysis.title_claims = death_in_headline((article.title or "").strip(), analysis.title_claims,
                                              analysis.claims, _lang(article, analysis))


def own_hand_deaths(article: Article, analysis: Analysis) -> None:
    """A death by one's own hand ("blew himself up") as a fact of its own (slot killed_self)."""
    analysis.claims += self_death(article.text, analysis.sentences or [], _lang(article, analysis))


REFINEMENTS: tuple[tuple[str, Refinement], ...] = (
    ("headline_parts", headline_parts),
    ("combatant_echoes", combatant_echoes),
    ("vague_beside_figures", vague_beside_figures),
    ("other_breakdowns", other_breakdowns),
    ("elsewhere_in_combatant_reports", elsewhere_in_combatant_reports),
    ("earlier_events", earlier_events),
    ("senses", senses),
    ("counted_things", counted_things),
    ("own_hand_deaths", own_hand_deaths),
    ("killing_in_headline", killing_in_headline),
    ("updates", claims_updates),  # when each claim was reported, and its update cue (rise, increment, correction)
)


def refine(article: Article, analysis: Analysis) -> None:
    for _name, step in REFINEMENTS:
        step(article, analysis)
