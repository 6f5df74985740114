"""Claim intervals: the values a claim allows ("at least 12" = [12, inf), "up to 20" = [0, 20])."""

from __future__ import annotations

import math

from corroborate.model import Claim, FactClaim

Interval = tuple[float, float]


def claim_interval(claim: Claim | FactClaim) -> Interval:
    """The values a claim allows (it reads only value, approx and value_max)."""
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
