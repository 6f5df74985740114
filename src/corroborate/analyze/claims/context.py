"""Article-level reading of claims: background counts, singular victims, people shot.

- Background: a sentence about other events or running totals ("since 2011", "so far this year",
  "the war has killed", "in the last eleven weeks", "in 1982" when the article speaks of later years)
  states no count of the reported event; its claims are dropped. Cues live in the lexicons
  (claims.background).
- Singular victims ("a man was killed") count 1 only when the article gives no larger count for the
  slot: otherwise they are one of the victims already counted.
- Partial counts ("two other victims", "another eight", "five of the children killed") are dropped
  when the article states a larger count for the same slot and group.
- "shot" (hit by gunfire, fate not said): those shot minus those killed are the injured; killed
  counts in the same sentence ("two men were shot, one fatally") come first, else the article's; "three
  other victims" / "two others were shot" are beside the dead and lose none. With no deaths in the
  article the claim is `fate_unknown`: reconcile subtracts the story's killed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from corroborate.model import Claim
from corroborate.text.lexicon import load_lexicon
from corroborate.text.tokens import PhraseMatcher, Token


@lru_cache(maxsize=32)
def _bg(lang: str | None) -> tuple[PhraseMatcher, PhraseMatcher, PhraseMatcher, PhraseMatcher, PhraseMatcher]:
    full = load_lexicon(lang)
    bg: dict[str, Any] = full.get("claims", {}).get("background", {})
    clitics = tuple(full.get("numbers", {}).get("clitics", []))

    def pm(key: str) -> PhraseMatcher:
        return PhraseMatcher({w: True for w in bg.get(key, [])}, clitics)

    return pm("phrases"), pm("since"), pm("in"), pm("period"), pm("period_units")


def _year(tok: Token) -> int | None:
    if tok.kind == "num" and len(tok.text) == 4 and 1900 <= int(tok.text) <= 2100:
        return int(tok.text)
    return None


def latest_year(tokens: list[Token]) -> int | None:
    return max((y for t in tokens if (y := _year(t)) is not None), default=None)


def is_background(tokens: list[Token], a: int, b: int, lang: str, latest: int | None) -> bool:
    """True when sentence tokens[a:b] speaks of other events or running totals."""
    phrases, since, in_words, period, units = _bg(lang)
    for i in range(a, b):
        if phrases.match(tokens, i):
            return True
        p = period.match(tokens, i)
        if p is not None and any(units.match(tokens, j) for j in range(i + p[0], min(b, i + p[0] + 3))):
            return True  # "in the last eleven weeks", "in den letzten drei Jahren": a running total
        s = since.match(tokens, i)
        k = i + s[0] if s else None
        if k is not None and any(_year(tokens[j]) for j in range(k, min(b, k + 3))):
            return True  # "since 2011", "since March 2011"
        m = in_words.match(tokens, i)
        if m and latest is not None:
            k = i + m[0]
            for j in range(k, min(b, k + 3)):
                y = _year(tokens[j])
                if y is not None and y < latest:
                    return True  # "in 1982" in an article about later years
    return False


@lru_cache(maxsize=32)
def _bg_after(lang: str | None) -> PhraseMatcher:
    full = load_lexicon(lang)
    clitics = tuple(full.get("numbers", {}).get("clitics", []))
    return PhraseMatcher({w: True for w in full.get("claims", {}).get("background", {}).get("after", [])}, clitics)


def background_from(tokens: list[Token], a: int, b: int, lang: str) -> int | None:
    """First token of a phrase that makes what follows it background (claims.background.after: "a day
    after", "dagen efter", "غداة"): "A day after a shooting killed three, ..." states no count of the
    event reported, while "the toll rose to 45, a day after the bombing" does."""
    after = _bg_after(lang)
    return next((i for i in range(a, b) if after.match(tokens, i)), None)


def settle(claims: list[tuple[Claim, str, int]]) -> list[Claim]:
    """`claims`: (claim, flag, sentence index) in text order -> final claims (see module doc). Flag
    "single": a singular victim; "partial": part of a total ("five of the children"); "other": a part beside
    those already counted ("two other victims");
    "severity": the injured of one degree ("two seriously"), part of any larger injured count of the article.
    """
    big = {c.slot for c, flag, _ in claims if flag != "single" and c.group in _TOTALS and c.value >= 2}
    largest: dict[str, int] = {}  # per slot, the largest total stated (a list of singular victims included)
    for c, flag, _ in claims:
        if flag not in ("partial", "other", "severity") and c.group in _TOTALS:
            largest[c.slot] = max(largest.get(c.slot, 0), c.value)
    whole = [(c, si) for c, flag, si in claims if not flag]
    grouped_counts = {(si, c.slot, c.value) for c, _, si in claims if c.group is not None}
    kept = [(c, flag, si) for c, flag, si in claims
            if not (flag == "single" and (c.slot in big or (c.group in _TOTALS and largest[c.slot] > c.value)))
            and not (flag in ("partial", "other") and _covered(c, si, whole, (si, c.slot, c.value) in grouped_counts))
            and not (flag == "severity" and any(o.slot == c.slot and o.about == c.about and o.value > c.value
                                                for o, f, _ in claims if f != "single"))]
    # a dead attacker ("and the gunman killed himself") is counted among the dead, not among the people shot
    attackers = {(si, c.start, c.value) for c, _, si in kept if c.slot == "killed" and c.group == "attackers"}
    killed_by_sentence: dict[int, int] = {}
    for c, _, si in kept:
        if c.slot == "killed" and c.group is None and c.about is None and (si, c.start, c.value) not in attackers:
            killed_by_sentence[si] = max(killed_by_sentence.get(si, 0), c.value)
    killed_article = max(killed_by_sentence.values(), default=0)
    out: list[Claim] = []
    for c, flag, si in kept:
        if c.slot != "shot":
            out.append(c)
            continue
        if c.group is not None or c.about is not None:
            continue
        # "three other victims were shot": others than the dead, who are not among them
        killed = 0 if flag == "other" else killed_by_sentence.get(si, killed_article)
        injured = c.value - killed
        if injured > 0:
            c.slot, c.value = "injured", injured
            if c.value_max is not None:
                c.value_max = max(injured, c.value_max - killed)
            # the article says nothing of their fate: another report's deaths may be among them
            c.fate_unknown = killed == 0 and flag != "other"
            out.append(c)
    return out


_TOTALS = {None, "civilians"}


def _covered(part: Claim, at: int, whole: list[tuple[Claim, int]], of_group: bool = False) -> bool:
    """A larger count for the same slot and group (a total for totals) states the part already; not one
    another named source gives ("six miners have died, the agency said; the union puts the toll at
    nine": two figures for the same dead, told in two sentences)."""
    return any(c.slot == part.slot and c.about == part.about and c.value > part.value
               and (c.group == part.group or (c.group in _TOTALS and part.group in _TOTALS))
               and not (si != at and part.group is None and not of_group and c.group is None
                        and c.attributed_to and part.attributed_to
                        and c.attributed_to != part.attributed_to)
               for c, si in whole)


@lru_cache(maxsize=32)
def _updates(lang: str | None) -> tuple[PhraseMatcher, PhraseMatcher]:
    full = load_lexicon(lang)
    up: dict[str, Any] = full.get("claims", {}).get("superseded", {})
    clitics = tuple(full.get("numbers", {}).get("clitics", []))
    return (PhraseMatcher({w: True for w in up.get("earlier", [])}, clitics),
            PhraseMatcher({w: True for w in up.get("later", [])}, clitics))


def is_earlier_count(tokens: list[Token], a: int, at: int, lang: str) -> bool:
    """True when the count at token `at` is a figure the report itself says was superseded:
    an earlier-report cue ("initially", "a previous toll of", "zunächst") before it in the sentence,
    with no later-report cue ("later", "but") between the two (claims.superseded in the lexicons)."""
    earlier, later = _updates(lang)
    last_earlier = last_later = None
    i = a
    while i < at:
        m = earlier.match(tokens, i)
        if m and i + m[0] <= at:
            last_earlier, i = i, i + m[0]
            continue
        if later.match(tokens, i):
            last_later = i
        i += 1
    return last_earlier is not None and (last_later is None or last_later < last_earlier)


def drop_superseded(claims: list[tuple[Claim, str, int]]) -> list[tuple[Claim, str, int]]:
    """Claims flagged "earlier" are dropped when the article gives another count for the same slot and
    group (a total for totals): the update replaces them. Alone, they are the article's count."""
    current = [c for c, flag, _ in claims if flag != "earlier"]

    def replaced(part: Claim) -> bool:
        return any(c.slot == part.slot and c.about == part.about
                   and (c.group == part.group or (c.group in _TOTALS and part.group in _TOTALS)) for c in current)

    return [(c, "" if flag == "earlier" else flag, si) for c, flag, si in claims
            if flag != "earlier" or not replaced(c)]
