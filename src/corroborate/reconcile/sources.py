"""Who stands behind a claim: the key that decides whether two claims are independent."""

from __future__ import annotations

import re

from corroborate.model import FactClaim


def source_key(claim: FactClaim) -> str:
    """Independence key: who stands behind a claim (attribution if any, else the outlet/article)."""
    if claim.attributed_to:
        words = re.findall(r"\w+", claim.attributed_to.lower())
        return "attr:" + " ".join(w for w in words if w not in _GENERIC_WORDS)[:60]
    return "src:" + (claim.source or claim.article)


_GENERIC_WORDS = {"the", "a", "an", "of", "said", "according", "to", "local", "officials", "official"}
