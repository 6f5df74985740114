"""Victim lists: coordinated person phrases that share one slot cue add up.

"a woman and her four sons were killed" = killed 5; "a father, his wife and their three children were
killed" = 5; "Ahmad (12), Sara (9) and their mother were killed" = 3; "killing two men and five women" = 7
(women 5). A list is two or more person phrases (a count with a person noun, a singular person, or a
name with its age) joined by commas or the language's list joiners (claims.single.list_joiners; after a
joiner the article may be left out: "a mother and son");
lists of singulars alone count as singular victims (see claims.context.settle). A list right after a
sub-count marker ("18 people, including five children and three women") is a breakdown of the total
before it, not a total itself, and is left to the count path. Age appositions are skipped ("two children,
ages 3 and 5, and their mother" = 3; claims.single.age_apposition); phrases after a generic count that add
up to it say who its people were ("three others, a woman and two men" = 3; claims.single.generic_persons);
commas alone before an article join an apposition, not a list ("the victim, a man, died" = 1).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from corroborate.analyze.claims.counts import _subcount_before
from corroborate.analyze.claims.cues import _cue_left, _cue_right, _past_aside
from corroborate.analyze.claims.lexicon import _lex
from corroborate.analyze.claims.phrases import _list_np
from corroborate.analyze.claims.single import (
    SINGLE_SLOTS,
    _name_with_age,
    _person,
    _source_starts,
    of_phrase,
    single_lex,
)
from corroborate.model import Claim
from corroborate.text.lexicon import load_lexicon
from corroborate.text.quantities import Quantity
from corroborate.text.tokens import PhraseMatcher, Token

_NO_TOTAL = {"soldiers", "fighters", "attackers"}


@dataclass
class VictimList:
    start: int  # token span of the whole list
    end: int
    claims: list[Claim] = field(default_factory=list)
    singular: bool = False  # only singular phrases ("Ahmad (12), Sara (9) and their mother")
    other: bool = False  # beside victims counted before ("a girl and three other teens were shot as well")


@lru_cache(maxsize=32)
def _joiners(lang: str) -> PhraseMatcher:
    full = load_lexicon(lang)
    words = full.get("claims", {}).get("single", {}).get("list_joiners", ["and"])
    clitics = tuple(full.get("numbers", {}).get("clitics", []))
    return PhraseMatcher({w: True for w in [*words, ","]}, clitics)


# (end token, value, group, open above) of a person phrase starting at a token
Element = tuple[int, int, str | None, bool]


def _element(text: str, tokens: list[Token], k: int, b: int, lang: str, by_start: dict[int, Quantity],
             count_np: Callable[[Quantity], tuple[int, str, str | None]], bare: bool = False) -> Element | None:
    """`bare`: a person noun without article may stand here ("a mother and son": after a joiner)."""
    sl = single_lex(lang)
    j = k
    art = sl.articles.match(tokens, j)
    if art and j + art[0] in by_start:  # "their three children"
        j += art[0]
    q = by_start.get(j)
    if q is not None:
        if q.value < 1:
            return None
        end, kind, group = count_np(q)
        if kind == "person":
            return end, q.value, group, q.approx == "at_least"
        if art is None and not bare:
            return None  # "a ten year old boy": an age, read as a singular phrase below ("and 6-year-old son": bare)
    got = _person(tokens, k, b, sl, text, bare=bare)
    if got is not None:
        return got[0], 1, got[1], False
    if sl.names:
        end = _name_with_age(text, tokens, k, b)
        if end is not None:
            return end, 1, None, False
    return None


@lru_cache(maxsize=32)
def _age_words(lang: str) -> PhraseMatcher:
    full = load_lexicon(lang)
    words = full.get("claims", {}).get("single", {}).get("age_apposition", [])
    return PhraseMatcher({w: True for w in words})


def _skip_name(text: str, tokens: list[Token], k: int, b: int, lang: str = "en") -> int:
    """Skip the name after a person phrase ("his wife Sara", "her son Omar (9)") and an age
    apposition ("two children, ages 3 and 5, and their mother": claims.single.age_apposition)."""
    j = k
    while j < b and j - k < 6 and tokens[j].kind == "word" and text[tokens[j].start].isupper():
        j += 1
    if j < b and tokens[j].text == "(":
        close = next((m for m in range(j + 1, min(b, j + 8)) if tokens[m].text == ")"), None)
        if close is not None:
            j = close + 1
    if j < b and tokens[j].text == ",":
        ages = _age_words(lang)
        e = j + 1
        while e < b and e - j < 9 and (tokens[e].kind == "num" or tokens[e].text in {"-", "–"}
                                         or ages.match(tokens, e)):
            e += (ages.match(tokens, e) or (1,))[0]
        if e < b and tokens[e].text == "," and any(tokens[m].kind == "num" for m in range(j + 1, e)):
            j = e
    return j


def victim_lists(text: str, tokens: list[Token], quantities: list[Quantity], a: int, b: int,
                 lang: str) -> list[VictimList]:
    """Lists of victims in the sentence tokens[a:b] with their summed claims (see module doc)."""
    lex = _lex(lang)

    def count_np(q: Quantity) -> tuple[int, str, str | None]:  # (end token, kind, group) after a count
        return _list_np(tokens, q, b, lex)

    def cue_left(i: int) -> tuple[int, str] | None:
        return _cue_left(tokens, i, a, lex, None)

    def cue_right(j: int) -> tuple[int, str] | None:
        return _cue_right(tokens, _past_aside(tokens, j, b, lex), b, lex, strict=True)

    def subcount_before(i: int) -> bool:
        return _subcount_before(tokens, i, a, lex)

    joiners = _joiners(lang)
    by_start = {q.first_token: q for q in quantities}
    out: list[VictimList] = []
    sources = _source_starts(tokens, a, b, lex)
    i = a
    while i < b:
        if i in sources:  # "según la Policía Nacional, nueve personas ...": the source opens no list
            i += 1
            continue
        elements: list[Element] = []
        worded = False  # a joining word ("and"); without one, a comma before an article opens an
        appositive = False  # apposition ("the victim, a man, ..."), not a list ("3 women, 1 man")
        k = i
        while k < b:
            el = _element(text, tokens, k, b, lang, by_start, count_np, bare=k != i)
            if el is None:
                break
            elements.append(el)
            k = _skip_name(text, tokens, el[0], b, lang)
            j, joined = _past_joiners(tokens, k, b, joiners)
            if j == k or j >= b or _element(text, tokens, j, b, lang, by_start, count_np, bare=True) is None:
                break
            worded = worded or joined
            appositive = appositive or (not joined and single_lex(lang).articles.match(tokens, j) is not None)
            k = j
        counts = sum(1 for e in elements if not (e[1] == 1 and not e[3]))
        if len(elements) >= 2 and subcount_before(i):
            i = k  # a breakdown of the count before it, every part of it ("including two boys and a girl")
            continue
        if len(elements) < 2 or (appositive and not worded):
            i = max(i + 1, elements[0][0] if elements else i + 1)
            continue
        end = k
        right = cue_right(end)
        left = cue_left(i)
        if right:
            slot = right[1]
        elif left and (left[0] == 0 or of_phrase(tokens, i, left, single_lex(lang))):
            slot = left[1]  # "killing a man and a woman", "the deaths of a man and his son"
        else:
            slot = None
        if slot in SINGLE_SLOTS:
            slot = "shot" if slot == "treated" else slot  # taken to hospital: fate unknown
            claims = _sum_claims(slot, elements, _apposition(tokens, elements, lang))
            other = any(m.match(tokens, j) for m in (lex.partial, lex.others) if m is not None
                        for j in range(i, end))
            out.append(VictimList(i, end, claims, singular=counts == 0, other=other))
        i = end
    return out


@lru_cache(maxsize=32)
def _generic(lang: str) -> PhraseMatcher:
    full = load_lexicon(lang)
    return PhraseMatcher({w: True for w in full.get("claims", {}).get("single", {}).get("generic_persons", [])})


def _apposition(tokens: list[Token], elements: list[Element], lang: str) -> bool:
    """"three others, a woman and two men": after a count of a generic noun (claims.single.
    generic_persons), the phrases that add up to it say who its people were and add nothing to it."""
    return len(elements) >= 3 and elements[0][1] >= 2 and elements[0][2] is None \
        and _generic(lang).match(tokens, elements[0][0] - 1) is not None \
        and sum(e[1] for e in elements[1:]) == elements[0][1]


def _sum_claims(slot: str, elements: list[Element], appositive: bool = False) -> list[Claim]:
    open_above = any(e[3] for e in elements)
    approx = "at_least" if open_above else "exact"
    claims: list[Claim] = []
    whole = elements[:1] if appositive else elements
    total = sum(e[1] for e in whole if e[2] not in _NO_TOTAL)
    if total:
        claims.append(Claim(slot=slot, value=total, quote="", start=0, end=0, approx=approx,
                            value_max=None if open_above else total))
    for group in dict.fromkeys(e[2] for e in elements if e[2]):
        n = sum(e[1] for e in elements if e[2] == group)
        claims.append(Claim(slot=slot, value=n, quote="", start=0, end=0, group=group, approx=approx,
                            value_max=None if open_above else n))
    return claims


def companions(text: str, tokens: list[Token], k: int, b: int, lang: str,
               quantities: list[Quantity]) -> tuple[list[str | None], int] | None:
    """The people after a companion phrase that ends at token k ("was killed along with his wife and
    daughter", "together with her grandfather Saeed Labad and Hajj Khalil"): one group entry per person
    (None when the noun has no group), to add to the single victim's, and the token after them. None when
    a count opens them ("along with her five sons": the count path adds the subject to it) or no person
    phrase follows."""
    lex = _lex(lang)
    by_start = {q.first_token: q for q in quantities}
    art = single_lex(lang).articles.match(tokens, k) if k < b else None
    if k in by_start or (art and k + art[0] in by_start):
        return None

    def count_np(q: Quantity) -> tuple[int, str, str | None]:
        return _list_np(tokens, q, b, lex)

    joiners = _joiners(lang)
    people: list[str | None] = []
    j = k
    while j < b:
        el = _element(text, tokens, j, b, lang, by_start, count_np, bare=True)
        if el is None:
            break
        if el[0] + 1 < b and tokens[el[0]].text in {"'", "’"} and tokens[el[0] + 1].text == "s":
            return None  # "with his grandfather's gun": an owner, no companion
        people += [el[2]] * el[1]
        end = _skip_name(text, tokens, el[0], b, lang)
        j, _ = _past_joiners(tokens, end, b, joiners)
        if j == end:
            break
    return (people, j) if people else None


def _past_joiners(tokens: list[Token], k: int, b: int, joiners: PhraseMatcher) -> tuple[int, bool]:
    """The token after the list joiners from token k (",", "and", "as well as"; three tokens at most), and
    whether a word was among them (not commas alone)."""
    j, joined = k, False
    while j < b and j - k < 3 and (m := joiners.match(tokens, j)):
        joined = joined or tokens[j].text != ","
        j += m[0]
    return j, joined
