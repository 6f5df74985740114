"""Facts from claims: group each story's claims by slot and qualifier, then decide consensus.

A claim is read as an interval of values it allows: exact 13 = [13, 13], "at least a dozen" = [12, inf),
"up to 20" = [0, 20], "about 50" = [45, 55], "10-15" = [10, 15]. Two claims agree when their intervals
meet. Support for a value counts independent sources: distinct attributions, or distinct outlets when a
claim names no source. The consensus value is the lowest value that the most independent sources allow
(ACLED's conservative choice among the best-supported figures); min/max span everything claimed.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from corroborate.model import Analysis, Article, Claim, Consensus, Fact, FactClaim

Interval = tuple[float, float]


def claim_interval(claim: Claim) -> Interval:
    low = float(claim.value)
    if claim.approx == "at_least":
        return low, float(claim.value_max) if claim.value_max is not None else math.inf
    if claim.approx == "at_most":
        return 0.0, low
    if claim.approx == "about":
        spread = max(1.0, round(low * 0.1))
        return max(0.0, low - spread), float(claim.value_max or low) + spread
    if claim.approx == "range" and claim.value_max is not None:
        return low, float(claim.value_max)
    return low, low


def source_key(claim: FactClaim) -> str:
    """Independence key: who stands behind a claim (attribution if any, else the outlet/article)."""
    if claim.attributed_to:
        words = re.findall(r"\w+", claim.attributed_to.lower())
        return "attr:" + " ".join(w for w in words if w not in _GENERIC_WORDS)[:60]
    return "src:" + (claim.source or claim.article)


_GENERIC_WORDS = {"the", "a", "an", "of", "said", "according", "to", "local", "officials", "official"}


def build_facts(items: list[tuple[Article, Analysis]]) -> list[Fact]:
    grouped: dict[tuple[str, str | None, str | None], list[tuple[FactClaim, Interval]]] = defaultdict(list)
    for article, analysis in items:
        for claim in analysis.claims:
            fc = FactClaim(
                value=claim.value,
                article=article.id,
                source=article.outlet,
                attributed_to=claim.attributed_to,
                quote=claim.quote,
                lang=claim.lang or article.lang,
                approx=claim.approx,
                value_max=claim.value_max,
                start=claim.start,
                end=claim.end,
            )
            grouped[(claim.slot, claim.group, claim.about)].append((fc, claim_interval(claim)))
    facts = [_fact(slot, group, about, claims) for (slot, group, about), claims in grouped.items()]
    facts.sort(key=lambda f: (_SLOT_ORDER.get(f.slot, 99), f.qualifier.get("group") or "", f.qualifier.get("about") or ""))
    return facts


_SLOT_ORDER = {"killed": 0, "injured": 1, "missing": 2, "arrested": 3, "displaced": 4}


def _fact(slot: str, group: str | None, about: str | None, claims: list[tuple[FactClaim, Interval]]) -> Fact:
    qualifier = {k: v for k, v in (("group", group), ("about", about)) if v}
    value, supporters = _best_supported(claims)
    sources = {source_key(c) for c, _ in claims}
    compatible = _all_meet([iv for _, iv in claims])
    if not compatible:
        status = "conflicting"
    elif len(sources) >= 2:
        status = "corroborated"
    else:
        status = "single-source"
    low, high = _range(claims)
    ordered = sorted((c for c, _ in claims), key=lambda c: (c.value != value, c.value, c.article))
    return Fact(
        slot=slot,
        qualifier=qualifier,
        status=status,
        consensus=Consensus(value=value, min=low, max=high),
        claims=ordered,
    )


def _range(claims: list[tuple[FactClaim, Interval]]) -> tuple[int, int]:
    """Lowest and highest value the sources put forward.

    An open bound only widens the range when no firmer claim already lies beyond it: "at least 2"
    beside an exact 14 is compatible with 14 and is not evidence of a lower toll; "up to 30" beside
    an exact 12 is not evidence of a higher one.
    """
    firm = [c for c, _ in claims if c.approx not in ("at_least", "at_most")] or [c for c, _ in claims]
    firm_low = min(c.value for c in firm)
    firm_high = max(c.value_max if c.value_max is not None else c.value for c in firm)
    lows = [firm_low] + [c.value for c, _ in claims if c.approx == "at_most" and c.value < firm_low]
    highs = [firm_high] + [c.value for c, _ in claims if c.approx == "at_least" and c.value > firm_high]
    return min(lows), max(highs)


def _all_meet(intervals: list[Interval]) -> bool:
    return max(lo for lo, _ in intervals) <= min(hi for _, hi in intervals)


def _best_supported(claims: list[tuple[FactClaim, Interval]]) -> tuple[int | None, tuple]:
    """The value allowed by the most independent sources.

    Ties are broken by the number of articles, then of claims, allowing it, then by an exact claim of it,
    then by how early it is stated (a report leads with its main figure; later numbers are often
    background or breakdowns), and last by the lower value (ACLED's conservative choice).
    """
    candidates = sorted({c.value for c, _ in claims} | {c.value_max for c, _ in claims if c.value_max})
    best: tuple[int, tuple] | None = None
    for value in candidates:
        allowing = [c for c, (lo, hi) in claims if lo <= value <= hi]
        stated = [c.start for c in allowing if c.value == value and c.start is not None]
        score = (
            len({source_key(c) for c in allowing}),
            len({c.article for c in allowing}),
            len(allowing),
            int(any(c.value == value and c.approx == "exact" for c in allowing)),
            -min(stated, default=10**9),
        )
        if best is None or score > best[1]:
            best = (value, score)
    return (best[0], best[1]) if best else (None, ())
