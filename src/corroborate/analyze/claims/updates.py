"""When each claim was reported and whether it is framed as an update of an earlier figure.

Per claim (after the claims component): `reported` is the article's publication time, else the latest
absolute time its text states, else None. `update` reads the words around the claim's figure in its
sentence, with cues kept as data per language (data/lang/<code>/updates.json):
- "rise": a rise phrase shortly before the figure ("the toll rose to 7", "ascendió a siete", "стало
  известно ... возросло до семи"); a figure right after a word like "from" in such a sentence is the
  previous one ("rose to 11 from 7": 7 is "earlier");
- "increment": a word right before or after the figure that adds it to an earlier toll ("another three",
  "two more", "ytterligare två", "zwei weitere", "ещё два", "شخصان آخران");
- "correction": a correction word before the figure ("revised the toll to 5", "corrigió").
`exclusive` marks a count that a source says was only of combatants ("all 11 killed were militants",
"solo murieron combatientes"): reconcile enters it as a disputing claim about civilians.
A rise phrase ending in a preposition also read as an upper bound ("возросло до семи": "до" = "up to")
makes the figure exact: it is the new toll, not a ceiling.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from corroborate.analyze.claims.lexicon import _lex
from corroborate.model import Analysis, Article, Claim
from corroborate.text.lexicon import load_lexicon, load_part
from corroborate.text.quantities import find_quantities
from corroborate.text.tokens import PhraseMatcher, Token, tokenize

RISE_WINDOW = 8  # tokens between a rise phrase and the figure it introduces
_COMBATANT_GROUPS = {"attackers", "fighters"}


@dataclass(frozen=True)
class _Cues:
    rise: PhraseMatcher
    increment_before: PhraseMatcher
    increment_after: PhraseMatcher
    not_after: PhraseMatcher
    correction: PhraseMatcher
    earlier_before: PhraseMatcher
    exclusive: PhraseMatcher
    combatants: PhraseMatcher


@lru_cache(maxsize=16)
def load_cues(lang: str | None) -> dict[str, list[str]]:
    """The update cues of `lang` (data/lang/<code>/updates.json), English when the language has none."""
    return dict(load_part(lang, "updates") or {})


@lru_cache(maxsize=16)
def _cues(lang: str | None) -> _Cues:
    data = load_cues(lang)
    clitics = tuple(load_lexicon(lang).get("numbers", {}).get("clitics", []))
    persons = load_lexicon(lang).get("claims", {}).get("persons", {})
    combatants = {p: True for p, g in persons.items() if g in _COMBATANT_GROUPS}
    combatants |= {p: True for p in data.get("combatants", [])}

    def pm(key: str) -> PhraseMatcher:
        return PhraseMatcher({p: True for p in data.get(key, [])}, clitics)

    return _Cues(pm("rise"), pm("increment_before"), pm("increment_after"), pm("not_after"), pm("correction"),
                 pm("earlier_before"), pm("exclusive"), PhraseMatcher(combatants, clitics))


def claims_updates(article: Article, analysis: Analysis) -> None:
    """Fill `reported`, `update` and `exclusive` on the claims of `analysis` (text and headline)."""
    reported = article.published or _latest_stated_time(analysis)
    lang = analysis.lang or article.lang
    for claims in (analysis.claims, analysis.title_claims):
        for claim in claims:
            claim.reported = reported
            mark_update(claim, lang)
        _contrasts(claims, lang)


def _contrasts(claims: list[Claim], lang: str | None) -> None:
    """"Three were killed and another seven injured", "50 were killed. Another 53 were wounded": "another"
    after a count of another slot in the same or the previous sentence adds people of another kind, it does
    not add to an earlier toll of its own slot."""
    ordered = sorted(claims, key=lambda c: (c.start, _figure_at(c, lang)))
    for n, claim in enumerate(ordered):
        if claim.update != "increment" or n == 0:
            continue
        before = ordered[n - 1]
        if before.slot != claim.slot and before.end >= claim.start - 1 - _SENTENCE_GAP:
            claim.update = None


_SENTENCE_GAP = 3  # characters between the previous sentence and this one (a space, a newline)


def _figure_at(claim: Claim, lang: str | None) -> int:
    spot = _figure_tokens(claim, lang or claim.lang)
    return spot[0] if spot else 0


def mark_update(claim: Claim, lang: str | None) -> None:
    """Set `claim.update` / `claim.exclusive` from the words around its figure in `claim.quote`."""
    if not claim.quote:
        return
    cues = _cues(lang or claim.lang)
    tokens = tokenize(claim.quote)
    spot = _figure_tokens(claim, lang or claim.lang)
    if spot is None:
        return
    first, last = spot
    starts = {q.first_token for q in find_quantities(claim.quote, lang or claim.lang)}
    if _increment(tokens, first, last, cues) and not _other_slot_before(tokens, first, claim, lang):
        claim.update = "increment"
    elif _before(tokens, first, cues.correction, RISE_WINDOW, starts) is not None:
        claim.update = "correction"
    elif (rise := _before(tokens, first, cues.rise, RISE_WINDOW, starts)) is not None:
        claim.update = "earlier" if _right_before(tokens, first, cues.earlier_before) else "rise"
        if claim.update == "rise" and claim.approx == "at_most" and rise >= first - 2:
            claim.approx, claim.value_max = "exact", None  # "возросло до семи": the new toll, not a ceiling
    if claim.slot == "killed" and claim.group not in ("civilians", "children", "women"):
        claim.exclusive = _any(tokens, cues.exclusive) and _any(tokens, cues.combatants)


def _other_slot_before(tokens: list[Token], first: int, claim: Claim, lang: str | None) -> bool:
    """A cue of another slot earlier in the sentence ("two died and nine others were hurt"): "others" sets
    these people apart from those, it adds nothing to an earlier toll of this slot (the count of the other
    slot may be a word form the count path does not read, such as an Arabic dual)."""
    matcher = _lex(lang or claim.lang or "en").cues
    for k in range(first):
        m = matcher.match(tokens, k)
        if m is not None and m[1] != claim.slot and not (claim.slot == "injured" and m[1] == "shot"):
            return True
    return False


def _figure_tokens(claim: Claim, lang: str | None) -> tuple[int, int] | None:
    """Token indices [first, last) of the claim's figure in its quote (the first quantity of its value)."""
    for q in find_quantities(claim.quote, lang):
        if q.value == claim.value:
            return q.first_token, q.last_token
    return None


def _increment(tokens: list[Token], first: int, last: int, cues: _Cues) -> bool:
    if _right_before(tokens, first, cues.increment_before):
        return True
    for j in range(last, min(len(tokens), last + 3)):  # "two more", "dos personas más", "zwei weitere"
        m = cues.increment_after.match(tokens, j)
        if m is not None:
            return not (j + m[0] < len(tokens) and cues.not_after.match(tokens, j + m[0]))
        if tokens[j].kind == "punct":
            break
    return False


def _right_before(tokens: list[Token], first: int, matcher: PhraseMatcher) -> bool:
    return matcher.match_ending(tokens, first, 4) is not None


def _before(tokens: list[Token], first: int, matcher: PhraseMatcher, window: int,
            starts: set[int]) -> int | None:
    """The index of the last token of a cue phrase ending within `window` tokens before `first`, with no
    other figure between them (the cue introduces the first figure after it: "rose to 14, among them five
    children" is a rise of 14 only)."""
    for start in range(first - 1, max(-1, first - window - 1), -1):
        if start in starts:
            return None
        m = matcher.match(tokens, start)
        if m is not None and start + m[0] <= first:
            return start + m[0] - 1
    return None


def _any(tokens: list[Token], matcher: PhraseMatcher) -> bool:
    return any(matcher.match(tokens, i) for i in range(len(tokens)))


def _latest_stated_time(analysis: Analysis) -> datetime | None:
    """The latest time the text states on its own (not relative to an unknown publication time)."""
    stated = [t.value for t in analysis.times if t.value is not None and not t.relative]
    return max(stated) if stated else None
