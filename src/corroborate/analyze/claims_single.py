"""Victims named or described one at a time: "a 19-year-old man was shot and killed" = killed 1,
"a woman and a child were killed" = killed 2, "John Doe, 34, died at the scene" = killed 1, "he was
pronounced dead" = killed 1, "killing a teenager" = killed 1, "Doe was shot in the arm" = shot 1 (a name
opening the sentence), "Teen shot near school" = shot 1 (a headline without article), "a Springfield man
was killed" (place names before the noun). "A boy shot his friend" is no victim (active "shot").

A singular phrase is an article ("a", "the", "ein", "un") or nothing (languages without articles),
optional age words ("19-year-old", "19-jähriger", "de 19 años"), and a singular person noun from the
lexicon section claims.single; or a capitalised name followed by its age in commas/brackets; or a
subject pronoun. Coordinated phrases ("a man and a woman") add up. The count needs a slot cue right
after it (only aux words between) or right before it ("killing a man"). Only killed, injured and
"shot" (hit, fate unknown) are read this way: singular arrests or displacements are not tallies.
Also: "the death of a man" / "the fatal shooting of a teen" (the victim in the of-phrase of a killed
cue), "3-year-old shot, killed" (a killed cue after the shot = killed), and "the boy ... accidentally shot
himself" (claims.single.reflexive: one person shot wherever the subject stands; fatal when the
sentence has a killed cue).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from corroborate.analyze.numbers import PhraseMatcher, Quantity, Token, load_lexicon
from corroborate.model import Claim

SINGLE_SLOTS = {"killed", "injured", "shot", "treated"}
# "treated" (taken to hospital, treated and released): hurt, fate unknown; one victim may still die
# there, so a singular one is read like "shot" (those killed are subtracted), a count as injured
_SLOT_OF_SINGLE = {"treated": "shot"}
# a lone soldier or fighter is not part of the civilian/total toll readers expect from "a man was killed"
_NO_TOTAL = {"soldiers", "fighters"}


@dataclass
class SingleLex:
    articles: PhraseMatcher
    persons: PhraseMatcher
    skip: PhraseMatcher
    pronouns: PhraseMatcher
    name_aux: PhraseMatcher
    shot_objects: PhraseMatcher  # more such words after "shot" only ("shot at", "shot a man")
    companions: PhraseMatcher  # "was killed along with his wife": the single victim is one of several
    active_objects: PhraseMatcher  # words after "shot" that make it active ("shot his", "shot a")
    not_names: PhraseMatcher  # capitalised sentence openers that are no name ("Nobody", "It")
    reflexive: PhraseMatcher  # "shot himself": the subject is the victim, wherever it stands
    killed_cues: PhraseMatcher  # "dies after shooting himself": the self-inflicted shot was fatal
    of_words: PhraseMatcher  # "the death of a man": a cue noun and its of-phrase (claims.np_of)
    number_words: frozenset[str]  # spelled-out ages ("a ten-year-old boy", "Seventeen-year-old Jane Roe")
    age_suffixes: tuple[str, ...]  # one-word ages ("tioårig", "zehnjähriger", "десятилетний")
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
        name_aux=PhraseMatcher(words("name_aux"), clitics),
        active_objects=PhraseMatcher(words("active_objects"), clitics),
        companions=PhraseMatcher(words("companions"), clitics),
        shot_objects=PhraseMatcher(words("shot_objects"), clitics),
        not_names=PhraseMatcher({w.lower(): True for w in [
            *full.get("claims", {}).get("zero_words", []), *full.get("attribution", {}).get("pronouns", []),
            *full.get("claims", {}).get("persons", {}), *full.get("claims", {}).get("role_nouns", {}),
            *full.get("claims", {}).get("slot_nouns", {}),
            *full.get("claims", {}).get("modifiers", [])]}, clitics),
        reflexive=PhraseMatcher(words("reflexive"), clitics),
        of_words=PhraseMatcher({w: True for w in full.get("claims", {}).get("np_of", [])}, clitics),
        killed_cues=PhraseMatcher({w: True for w in full.get("claims", {}).get("slot_cues", {}).get("killed", [])},
                                  clitics),
        number_words=frozenset(full.get("numbers", {}).get("words", {})),
        age_suffixes=tuple(cl.get("age_suffixes", [])),
        bare_nouns=bool(cl.get("bare_nouns", False)),
        names=bool(cl.get("names", True)),
    )


def _skip(tokens: list[Token], j: int, b: int, sl: SingleLex, text: str | None = None) -> int:
    """Age and descriptive words; with `text`, also capitalised place names before the noun
    ("a 16-year-old Lake County teen", "a Springfield man")."""
    k = j
    names = 0
    while k < b and k - j < 8:
        m = sl.skip.match(tokens, k)
        if m:
            k += m[0]
        elif tokens[k].kind == "num" or tokens[k].text in {"-", "–"}:
            k += 1
        elif tokens[k].text in sl.number_words and k + 1 < b and sl.skip.match(tokens, k + 1):
            k += 1  # a spelled-out age: "ten year old", "seventeen-year-old"
        elif _one_word_age(tokens[k].text, sl):
            k += 1
        elif text is not None and names < 3 and tokens[k].kind == "word" and text[tokens[k].start].isupper() \
                and not sl.persons.match(tokens, k) and not text[tokens[k].start:tokens[k].end].isupper():
            names += 1
            k += 1
        else:
            break
    return k


def _one_word_age(word: str, sl: SingleLex) -> bool:
    """"tioårig", "zehnjähriger": a number word and an age ending written as one word."""
    return any(word.endswith(suf) and len(word) > len(suf) + 1 for suf in sl.age_suffixes)


def _person(tokens: list[Token], i: int, b: int, sl: SingleLex, text: str,
            bare: bool = False) -> tuple[int, str | None] | None:
    """(end token, group) of a singular person phrase starting at token i. `bare`: a noun without
    article may open it (a headline: "Teen shot near school")."""
    art = sl.articles.match(tokens, i)
    j = i + art[0] if art else i
    if not art and not sl.bare_nouns and not bare:
        return None
    k = _skip(tokens, j, b, sl, text if sl.names and art else None)
    m = sl.persons.match(tokens, k) if k < b else None
    if m is None and k > j and (last := sl.persons.match(tokens, k - 1)) and last[0] == 1:
        k, m = k - 1, last  # a noun that is also an adjective ("ein Junge": young / boy)
    if m:
        end = _skip(tokens, k + m[0], b, sl)
        return end, (m[1] or None)
    # "a 19-year-old was killed": the age compound is the noun
    # ("9-year-old dies" in a headline, unless a name follows: "13 year old Jane Roe died")
    if (art or (bare and k < b and not text[tokens[k].start].isupper())) and k > j \
            and (tokens[k - 1].text in {"old", "årig", "jährige", "jähriger"} or _one_word_age(tokens[k - 1].text, sl)):
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


def _named_subject(text: str, tokens: list[Token], i: int, b: int, sl: SingleLex) -> tuple[int, None] | None:
    """A sentence opening with a name and a singular auxiliary: "Doe was shot in the arm", "Jane Roe
    is in stable condition". Known nouns ("Police", "Officers") are not names."""
    if not sl.names:
        return None
    i = _skip(tokens, i, b, sl)  # "15-year-old Jane Roe died"
    j = i
    while j < b and j - i < 4 and tokens[j].kind == "word" and text[tokens[j].start].isupper() \
            and not sl.persons.match(tokens, j) and not sl.articles.match(tokens, j) \
            and not sl.pronouns.match(tokens, j) and not sl.name_aux.match(tokens, j) \
            and not sl.not_names.match(tokens, j):
        j += 1
    if j == i or j >= b or text[tokens[i].start:tokens[j - 1].end].isupper():
        return None
    # one capitalised word may be any sentence opener: it needs an auxiliary ("Doe was shot");
    # a full name may take the verb at once ("Jane Roe died")
    if not sl.name_aux.match(tokens, j) and j - i < 2:
        return None
    return j, None


def _active(tokens: list[Token], cue: int, b: int, sl: SingleLex, shot: bool) -> bool:
    """The cue right after the subject takes an object or a count: active voice."""
    if cue + 1 >= b:
        return False
    nxt = tokens[cue + 1]
    return nxt.kind == "num" or sl.active_objects.match(tokens, cue + 1) is not None \
        or (shot and sl.shot_objects.match(tokens, cue + 1) is not None)


def _title_case(text: str, tokens: list[Token], a: int, b: int) -> bool:
    """A headline in title case ("Army Units Kill 70 In Raid"): capitals do not mark names there."""
    words = [t for t in tokens[a:b] if t.kind == "word" and len(t.text) > 3]
    return len(words) >= 3 and sum(text[t.start].isupper() for t in words) >= 0.7 * len(words)


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
        if i in covered and i != a:  # an opener may start with an age ("15-year-old Jane Roe died")
            i += 1
            continue
        start, groups, end = i, [], i
        subject_pronoun = False  # "he", "she": the subject of what follows, never the object of a cue before
        while end < b:
            got = _person(tokens, end, b, sl, text)
            if got is None and sl.names:
                name_end = _name_with_age(text, tokens, end, b)
                got = (name_end, None) if name_end else None
            if got is None and not groups and end == a:
                got = _person(tokens, end, b, sl, text, bare=True)
                if got is None and not _title_case(text, tokens, a, b):
                    got = _named_subject(text, tokens, end, b, sl)
            if got is None and not groups and sl.pronouns.match(tokens, end):
                got = (end + 1, None)
                subject_pronoun = True
            if got is None or (end in covered and end != a):
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
            left = None if subject_pronoun else cue_left(start)
            if left is not None and (left[0] == 0 or of_phrase(tokens, start, left, sl)):
                slot = left[1]
        if right is not None and right[0] == 0 and _active(tokens, end, b, sl, slot == "shot"):
            slot = None  # "a boy shot his friend", "Army units kill 70": the subject acted on others
        if right is not None and any(sl.companions.match(tokens, k) for k in range(end + right[0], min(b, end + right[0] + 4))):
            slot = None
        if slot == "shot" and right is not None and _then_killed(tokens, end + right[0], b, cue_right):
            slot = "killed"  # "3-year-old shot, killed in ...": the fate follows the shot
        if slot in SINGLE_SLOTS:
            slot = _SLOT_OF_SINGLE.get(slot, slot)
            total = sum(1 for g in groups if g not in _NO_TOTAL)
            if total:
                out.append((Claim(slot=slot, value=total, quote="", start=0, end=0), start))
            for g in dict.fromkeys(g for g in groups if g):
                n = sum(1 for x in groups if x == g)
                out.append((Claim(slot=slot, value=n, quote="", start=0, end=0, group=g), start))
        i = max(end, i + 1)
    if not out:
        out += _reflexive(tokens, a, b, sl)
    return out


def of_phrase(tokens: list[Token], start: int, left: tuple[int, str], sl: SingleLex) -> bool:
    """"the death of a man", "the killing of his wife": the victim in the of-phrase of a killed cue."""
    return left[0] == 1 and left[1] == "killed" and start > 0 and sl.of_words.match(tokens, start - 1) is not None


def _then_killed(tokens: list[Token], cue: int, b: int, cue_right: Any) -> bool:
    """A killed cue right after the "shot" cue starting at token `cue`, past a comma or "and"."""
    for k in range(cue + 1, min(b - 1, cue + 4)):
        if tokens[k].text in {",", "and", "och", "und", "y", "et", "и", "و"}:
            nxt = cue_right(k + 1)
            return nxt is not None and nxt[0] == 0 and nxt[1] == "killed"
    return False


def _reflexive(tokens: list[Token], a: int, b: int, sl: SingleLex) -> list[tuple[Claim, int]]:
    """"the boy found the gun and accidentally shot himself in the leg" = one person shot, however far
    the subject stands from the verb. With a killed cue in the sentence ("dies after accidentally
    shooting himself", "fatally shot himself") the shot was fatal: left to the killed cues."""
    at = next((k for k in range(a, b) if sl.reflexive.match(tokens, k)), None)
    if at is None or any(sl.killed_cues.match(tokens, k) for k in range(a, b)):
        return []
    return [(Claim(slot="shot", value=1, quote="", start=0, end=0), at)]
