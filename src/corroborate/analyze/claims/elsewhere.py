"""Civilian counts from another place in a report about combatants.

A report that leads with a count of fighters or soldiers ("Clashes kill 9 militants near <town>") often
closes with the news of the day elsewhere ("Eleven people died when shells hit <other town>"). Such a
report tells no civilian toll of its own event: a count of people, civilians, children or women in a
sentence that names a town or district the lead (headline and first sentence) does not name is about
another event and is dropped. Reports led by any other count keep every claim (their
sums and breakdowns across places are their own toll).
"""

from __future__ import annotations

from corroborate.model import Analysis, Article, Claim

COMBATANTS = frozenset({"fighters", "soldiers", "attackers", "police"})
_LOCAL = frozenset({"town", "district", "point"})


def drop_elsewhere_in_combatant_reports(article: Article, analysis: Analysis) -> list[Claim]:
    """`analysis.claims` less the non-combatant killed counts told of another place (module doc)."""
    lead = [c for c in analysis.title_claims if c.slot == "killed"]
    if not lead:
        lead = sorted((c for c in analysis.claims if c.slot == "killed"), key=lambda c: c.start)[:1]
    if not lead or any(c.group not in COMBATANTS for c in lead):
        return analysis.claims
    first_end = analysis.sentences[0][1] if analysis.sentences else 0
    title = (article.title or "").lower()
    lead_places = {p.name for p in analysis.places if p.start < first_end or (p.text and p.text.lower() in title)}

    def elsewhere(c: Claim) -> bool:
        a, b = next(((s, e) for s, e in analysis.sentences if s <= c.start < e), (c.start, c.end))
        named = {p.name for p in analysis.places if a <= p.start < b and p.precision in _LOCAL}
        return bool(named) and not named & lead_places

    return [c for c in analysis.claims
            if c.slot != "killed" or c.group in COMBATANTS or not elsewhere(c)]
