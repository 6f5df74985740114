"""Victims named or described one at a time: "a 19-year-old man was shot and killed" = killed 1,
"a woman and a child were killed" = killed 2, "John Doe, 34, died at the scene" = killed 1, "he was
pronounced dead" = killed 1, "killing a teenager" = killed 1.

A singular phrase is an article ("a", "the", "ein", "un") or nothing (languages without articles),
optional age words ("19-year-old", "19-jähriger", "de 19 años"), and a singular person noun from the
lexicon section claims.single; or a capitalised name followed by its age in commas/brackets; or a
subject pronoun. Coordinated phrases ("a man and a woman") add up. The count needs a slot cue right
after it (only aux words between) or right before it ("killing a man"). Only killed, injured and
"shot" (hit, fate unknown) are read this way: singular arrests or displacements are not tallies.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from corroborate.analyze.numbers import PhraseMatcher, Quantity, Token, load_lexicon
from corroborate.model import Claim

SINGLE_SLOTS = {"killed", "injured", "shot"}
# a lone soldier or fighter is not part of the civilian/total toll readers expect from "a man was killed"
_NO_TOTAL = {"soldiers", "fighters"}


@dataclass
class SingleLex:
    articles: PhraseMatcher
    persons: PhraseMatcher
    skip: PhraseMatcher
    pronouns: PhraseMatcher
    bare_nouns: bool  # the language has no articles: a singular noun alone may be the subject
    names: bool  # capitalised names can be recognised (scripts with case)


@lru_cache(maxsize=32)
def single_lex(lang: str | None) -> SingleLex:
    full = load_lexicon(lang)
    cl: dict[str, Any] = full.get("claims", {}).get("single", {})
    clitics = tuple(full.get("numbers", {}).get("clitics", []))

    def words(key: str) -> dict[str, bool]:
        return {w: True for w in cl.get(key, [])}

    return SingleLex(
        articles=PhraseMatcher(words("articles"), clitics),
        persons=PhraseMatcher({k: (v or "") for k, v in cl.get("persons", {}).items()}, clitics),
        skip=PhraseMatcher(words("skip"), clitics),
        pronouns=PhraseMatcher(words("pronouns"), clitics),
        bare_nouns=bool(cl.get("bare_nouns", False)),
        names=bool(cl.get("names", True)),
    )


def _skip(tokens: list[Token], j: int, b: int, sl: SingleLex) -> int:
    k = j
    while k < b and k - j < 8:
        m = sl.skip.match(tokens, k)
        if m:
            k += m[0]
        elif tokens[k].kind == "num" or tokens[k].text in {"-", "–"}:
            k += 1
        else:
            break
    return k


def _person(tokens: list[Token], i: int, b: int, sl: SingleLex, text: str) -> tuple[int, str | None] | None:
    """(end token, group) of a singular person phrase starting at token i."""
    art = sl.articles.match(tokens, i)
    j = i + art[0] if art else i
    if not art and not sl.bare_nouns:
        return None
    k = _skip(tokens, j, b, sl)
    m = sl.persons.match(tokens, k) if k < b else None
    if m:
        end = _skip(tokens, k + m[0], b, sl)
        return end, (m[1] or None)
    # "a 19-year-old was killed": the age compound is the noun
    if art and k > j and tokens[k - 1].text in {"old", "årig", "jährige", "jähriger"}:
        return k, None
    return None


def _name_with_age(text: str, tokens: list[Token], i: int, b: int) -> int | None:
    """"John Doe, 34," / "John Doe (34)": end token of the phrase starting at the capitalised token i."""
    j = i
    while j < b and j - i < 4 and tokens[j].kind == "word" and text[tokens[j].start].isupper():
        j += 1
    if j == i or j + 2 >= b:
        return None
    opener, age, closer = tokens[j], tokens[j + 1], tokens[j + 2]
    if opener.text in {",", "("} and age.kind == "num" and len(age.text) <= 3:
        if closer.text in {",", ")"}:
            return j + 3
        if closer.text.startswith("year") and j + 4 < b and tokens[j + 4].text == ")":
            return j + 5
    return None


def single_claims(text: str, tokens: list[Token], quantities: list[Quantity], a: int, b: int, lang: str,
                  cue_left: Any, cue_right: Any) -> list[tuple[Claim, int]]:
    """Claims for singular victims in the sentence tokens[a:b]. `cue_left(i)` / `cue_right(j)` give the
    (distance, slot) of the slot cue next to a phrase (the claims module's clause-bounded search)."""
    sl = single_lex(lang)
    # a quantity of two or more is read by the count path ("two men"); "one man" may be read by both,
    # the duplicates merge later
    covered = {k for q in quantities if q.value >= 2 for k in range(q.first_token, q.last_token)}
    out: list[tuple[Claim, int]] = []
    i = a
    while i < b:
        if i in covered:
            i += 1
            continue
        start, groups, end = i, [], i
        while end < b:
            got = _person(tokens, end, b, sl, text)
            if got is None and sl.names:
                name_end = _name_with_age(text, tokens, end, b)
                got = (name_end, None) if name_end else None
            if got is None and not groups and sl.pronouns.match(tokens, end):
                got = (end + 1, None)
            if got is None or end in covered:
                break
            groups.append(got[1])
            end = got[0]
            if end + 1 < b and tokens[end].text in {"and", ",", "och", "und", "y", "et", "и", "و"} \
                    and (_person(tokens, end + 1, b, sl, text) is not None):
                end += 1
                continue
            break
        if not groups:
            i += 1
            continue
        slot = None
        right = cue_right(end)
        if right is not None:
            slot = right[1]
        else:
            left = cue_left(start)
            if left is not None and left[0] == 0:
                slot = left[1]
        if slot in SINGLE_SLOTS:
            total = sum(1 for g in groups if g not in _NO_TOTAL)
            if total:
                out.append((Claim(slot=slot, value=total, quote="", start=0, end=0), start))
            for g in dict.fromkeys(g for g in groups if g):
                n = sum(1 for x in groups if x == g)
                out.append((Claim(slot=slot, value=n, quote="", start=0, end=0, group=g), start))
        i = max(end, i + 1)
    return out
