"""Casualty and event-count claims with their attribution, in any language with a lexicon.

Per sentence: every quantity (text.quantities.find_quantities) is read with the noun phrase after it
("13 people", "six children", "13 dead", "13 Tote"); its slot comes from the noun itself (a slot noun:
dead, bodies, injured), from a sub-count marker ("including", "varav", "darunter", "بينهم") that
inherits the slot of the count before it, or from the nearest slot cue in the clause ("were killed",
"killing", "dödades", "погибли", "مقتل"). Bare numbers ("killing 13", "the toll rose to 13") need a cue
right next to them. Zero claims come from "no casualties" / "no one was hurt" / "no US casualties".
The source is the noun phrase around an attribution cue ("according to X", "X said", "said X",
"enligt X", "laut X", "según X", "selon X", "по данным X", "وفقا لـ X") in the same sentence or, for
quotes, the sentence before or after. All words live in data/lang/<code>/{numbers,claims,attribution}.json.
A count of a group ("four teenagers", "30 civilians") is also a count of people (a total that a larger
stated total overrides); soldiers, fighters and attackers excepted. A count of one is a singular victim.
"killed his two sons before killing himself" = 3 (claims.self_kill); a day after a month name is a date
(claims.date_before).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from corroborate.analyze.claims.attribution import _attributions
from corroborate.analyze.claims.carryover import carry_combatant_groups
from corroborate.analyze.claims.context import (
    background_from,
    drop_superseded,
    is_background,
    is_earlier_count,
    latest_year,
    settle,
)
from corroborate.analyze.claims.counts import (
    _add_self_kill,
    _claims_for_quantity,
    _zero_claims,
)
from corroborate.analyze.claims.headline import headline_sentences
from corroborate.analyze.claims.lexicon import _QUOTES, _Attribution, _lex
from corroborate.analyze.claims.lists import companions, victim_lists
from corroborate.analyze.claims.multiples import multiple_event_claims
from corroborate.analyze.claims.phrases import _np, _token_at
from corroborate.analyze.claims.refine import refine
from corroborate.analyze.claims.single import single_claims
from corroborate.model import Analysis, Article, Claim
from corroborate.text.quantities import find_quantities
from corroborate.text.tokens import tokenize

# --------------------------------------------------------------------------- public API


def claims(article: Article, analysis: Analysis) -> None:
    """Pipeline component: fill `analysis.claims` from the article text and `analysis.title_claims` from
    its headline (the figure a report leads with, often not repeated in the text)."""
    lang = analysis.lang or article.lang
    analysis.claims = extract_claims(article.text, lang or "en", analysis.sentences or None)
    title = (article.title or "").strip()
    analysis.title_claims = extract_claims(title, lang or "en", headline_sentences(title), headline=True) \
        if title else []
    refine(article, analysis)


def _fate_of_part(found: list[tuple[Claim, int, str]], part: Claim, at: int) -> list[Claim]:
    """A part of the count at token `at` with a fate of its own ("seven children were wounded, two of them
    fatally"): the wounded read there no longer hold the part's dead (those shot are settled later, against
    the dead of their sentence), and the part takes the count's group too. Returns the grouped parts to add."""
    groups = []
    for c, where, _ in found:
        if where != at or c.slot not in ("injured", "shot"):
            continue
        if c.slot == "injured" and c.value > part.value:
            c.value -= part.value
            if c.value_max is not None:
                c.value_max = max(c.value, c.value_max - part.value)
        if c.group is not None and c.group not in groups:
            groups.append(c.group)
    return [replace(part, group=g) for g in groups]


def _floor_the_ceiling(found: list[tuple[Claim, int, str]], part: Claim) -> None:
    """"up to 30 people, including at least 12 members of one family": the part's floor is the total's too,
    a range (12-30) instead of "at most 30" (the claims read from the same count as the total), which then
    holds the part."""
    heads = [(c, at) for c, at, _ in found if c is not part and c.slot == part.slot and c.approx == "at_most"
             and c.value > part.value]
    if not heads:
        return
    at = heads[-1][1]
    for c, where in heads:
        if where == at:
            c.value, c.approx = part.value, "range"
    found[:] = [f for f in found if f[0] is not part]  # the range holds it now


def extract_claims(text: str, lang: str, sentences: list[tuple[int, int]] | None = None,
                   headline: bool = False) -> list[Claim]:
    """Claims stated in `text` (language `lang`), each with the sentence it comes from as `quote`
    (quote == text[start:end]). `sentences` are sentence spans; split here when not given. `headline`:
    `text` is a title, whose lists of victims may go without articles ("Man, woman killed in crash")."""
    if sentences is None:
        from corroborate.text.sentences import split

        sentences = split(text)
    sentences = unglue(text, sentences)
    lex = _lex(lang)
    tokens = tokenize(text)
    quantities = find_quantities(text, lang)
    starts = [t.start for t in tokens]
    spans = [(_token_at(starts, s), _token_at(starts, e), s, e) for s, e in sentences]
    attributions = [_attributions(text, tokens, a, b, lex) for a, b, _, _ in spans]
    out: list[tuple[Claim, str, int]] = []
    head: Claim | None = None  # the last count that was not itself a sub-count
    head_at = -1  # its first token
    latest = latest_year(tokens)
    for si, (a, b, s, e) in enumerate(spans):
        if is_background(tokens, a, b, lang, latest):
            continue
        sent_q = [q for q in quantities if a <= q.first_token and q.last_token <= b]
        found: list[tuple[Claim, int, str]] = []
        prev_end: int | None = None
        prev_sub = False
        for q in sent_q:
            got = _claims_for_quantity(text, tokens, q, a, b, lex, head, prev_end, prev_sub)
            head_before = head_at
            for claim, is_sub, partial in got:
                if partial == "fate":
                    partial = False
                    found.extend((c, q.first_token, "") for c in _fate_of_part(found, claim, head_before))
                # a count of one ("one man", "un homme", "ein Mann") is a singular victim: one of a larger
                # count the article may give
                one = q.value == 1 and claim.value == 1 and not is_sub and claim.approx == "exact"
                flag = partial if isinstance(partial, str) else "partial" if partial else "single" if one else ""
                found.append((claim, q.first_token, flag))
                if not is_sub:
                    head, head_at = claim, q.first_token
                elif claim.group is None and claim.approx == "at_least":
                    _floor_the_ceiling(found, claim)
            if got:
                prev_end, prev_sub = _np(tokens, q.last_token, b, lex, q.value == 0).end, got[0][1]
        for claim, at in _zero_claims(text, tokens, quantities, a, b, lex):
            found.append((claim, at, ""))
        found += [(claim, at, "") for claim, at in multiple_event_claims(tokens, a, b, lang)]
        singles = single_claims(text, tokens, sent_q, a, b, lang, headline, companions)
        # "un homme a été transporté à l'hôpital, où il est mort", "ein Mann wurde lebensgefährlich
        # verletzt": the singular path's reading of the one victim (dead; fate open) replaces the count's
        finer = {at for c, at in singles if c.slot in ("killed", "shot")}
        found = [f for f in found if not (f[2] == "single" and f[1] in finer and f[0].slot in ("injured", "shot"))]
        found += [(c, at, "single") for c, at in singles]
        lists = victim_lists(text, tokens, sent_q, a, b, lang)
        if lists:
            # the list's sums replace the claims read from its parts
            found = [f for f in found if not any(v.start <= f[1] < v.end for v in lists)]
            found += [(c, v.start, "single" if v.singular else "other" if v.other else "")
                      for v in lists for c in v.claims]
        _add_self_kill(tokens, a, b, lex, found)
        cut = background_from(tokens, a, b, lang)
        if cut is not None:
            found = [f for f in found if f[1] < cut]
        for claim, at, flag in found:
            claim.quote, claim.start, claim.end, claim.lang = text[s:e], s, e, lang
            attr = _nearest(attributions[si], at) or _quoted_neighbour(text, spans, attributions, si)
            if attr:
                claim.attributed_to, claim.attribution_kind = attr.name, attr.kind
            if not flag and is_earlier_count(tokens, a, at, lang):
                flag = "earlier"  # "initially eight were reported killed": replaced by a later count
            out.append((claim, flag, si))
    return carry_combatant_groups(_dedup(settle(drop_superseded(out))), lang)


# A full stop glued to the next sentence ("were killed.The family"): scraped text often loses the
# space. Split there; a capital after a lower-case letter, digit, quote or bracket, never inside "U.S.A".
_GLUED = re.compile(r"(?<=[a-zà-ÿа-яё0-9”\"’)\]])[.!?][”\"’]?(?=[A-ZÀ-ÖØ-ÞА-ЯЁ])")


def unglue(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`sentences` with every span split after a full stop that has no space after it."""
    out: list[tuple[int, int]] = []
    for s, e in sentences:
        cut = s
        for m in _GLUED.finditer(text, s, e):
            out.append((cut, m.end()))
            cut = m.end()
        out.append((cut, e))
    return out


def _nearest(attrs: list[_Attribution], at: int) -> _Attribution | None:
    return min(attrs, key=lambda x: abs(x.at - at)) if attrs else None


def _quoted_neighbour(text: str, spans: list[tuple[int, int, int, int]], attributions: list[list[_Attribution]],
                      si: int) -> _Attribution | None:
    """For a quoted sentence, the source named in the sentence after or before it."""
    s, e = spans[si][2], spans[si][3]
    if not any(c in _QUOTES for c in text[s:e]):
        return None
    for n in (si + 1, si - 1):
        if 0 <= n < len(spans) and attributions[n]:
            return attributions[n][0] if n > si else attributions[n][-1]
    return None


def _dedup(found: list[Claim]) -> list[Claim]:
    seen: set[tuple[Any, ...]] = set()
    out: list[Claim] = []
    for c in found:
        top = c.value if c.approx == "exact" and c.value_max is None else c.value_max  # exact 1 == 1..1
        key = (c.slot, c.group, c.about, c.value, top, c.approx, c.start)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
