"""Word senses: one counted noun, two meanings (French "mineurs" = minors or miners).

Per language, `claims.senses` lists nouns whose group (e.g. children) holds unless the article speaks
of the other sense's setting: when any of the entry's `when` words occurs in the headline or text
("mine", "galerie"), a claim whose sentence counts the noun reads the entry's `reads` group instead
(null: people with no group).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from corroborate.model import Claim
from corroborate.text.lexicon import load_lexicon
from corroborate.text.tokens import PhraseMatcher, tokenize


@lru_cache(maxsize=32)
def _senses(lang: str | None) -> list[tuple[PhraseMatcher, str | None, str | None, PhraseMatcher]]:
    full = load_lexicon(lang)
    clitics = tuple(full.get("numbers", {}).get("clitics", []))
    out = []
    for entry in full.get("claims", {}).get("senses", []):
        out.append((PhraseMatcher({w: True for w in entry["words"]}, clitics), entry.get("group"),
                    entry.get("reads"), PhraseMatcher({w: True for w in entry["when"]}, clitics)))
    return out


def _has(matcher: PhraseMatcher, text: str) -> bool:
    tokens = tokenize(text)
    return any(matcher.match(tokens, k) for k in range(len(tokens)))


def resolve_senses(claims: list[Claim], text: str, title: str, lang: str | None) -> list[Claim]:
    """`claims` with each ambiguous noun read in the sense its article's setting gives (module doc)."""
    senses = _senses(lang)
    if not senses or not claims:
        return claims
    out: list[Claim] = []
    seen: set[tuple] = set()
    for claim in claims:
        for words, group, reads, when in senses:
            if claim.group == group and _has(words, claim.quote) and (_has(when, title) or _has(when, text)):
                claim = replace(claim, group=reads)
        key = (claim.slot, claim.group, claim.about, claim.value, claim.approx, claim.start)
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return out
