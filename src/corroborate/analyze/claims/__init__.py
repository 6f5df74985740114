"""Casualty and event-count claims with their attribution (the `claims` component and its parts)."""

from corroborate.analyze.claims.extract import claims, extract_claims, unglue

__all__ = ["claims", "extract_claims", "unglue"]
