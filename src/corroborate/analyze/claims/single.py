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

Fates (lexicon claims.single): a victim named again ("the boy", "he", "Doe": `definite`, not `distinct`)
who is "wounded" with no fate in the sentence, or anyone "in critical condition" (`fate_open`), is read
as "shot" (fate open: the report's or story's dead are subtracted), unless the sentence says they live
(`alive`); "was taken to a hospital but died" / "where he died" (`died_later`) is a death; a one-word
name may take a death verb directly ("Doe died": `name_verbs`); "died two days later" takes no object
(`intransitive`). Subjects: an age before a name makes a person anywhere ("officers say 13-year-old Jane
Roe, a student, was killed": `age_ends`, appositions skipped); "shot by her son" (`agent`) is no victim;
"a girl accidentally shot her sister" is active (no `passive_aux` between). Victims introduced one by one
in a sentence add up ("a boy was shot and a woman was grazed" = 2); "three gunshot wounds"
(`wound_nouns`) counts wounds, not people. A relative clause (`relative`: "who", "som", "qui") belongs to
the person before it: its cue is the person's ("a boy who was shot"), and a death verb after it
(`name_verbs`: "has died") makes the person dead. A bare noun right after a cue is the cue's object
("Woman shoots friend", "Mann verletzt Frau und Sohn": bare objects add up), unless an article opens
the cue ("a wounded child": an adjective) or the noun follows the agent word ("killed by father").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from corroborate.analyze.claims.cues import _cue_left, _cue_right, _inside_word
from corroborate.analyze.claims.lexicon import _Lex, _lex
from corroborate.model import Claim
from corroborate.text.lexicon import common_words, load_lexicon
from corroborate.text.quantities import Quantity
from corroborate.text.tokens import PhraseMatcher, Token

SINGLE_SLOTS = {"killed", "injured", "shot", "treated"}
# "treated" (taken to hospital, treated and released): hurt, fate unknown; one victim may still die
# there, so a singular one is read like "shot" (those killed are subtracted), a count as injured
_SLOT_OF_SINGLE = {"treated": "shot"}
# a lone soldier or fighter is not part of the civilian/total toll readers expect from "a man was killed"
_NO_TOTAL = {"soldiers", "fighters"}
_CLAUSE_JOINERS = common_words("clause_joiners")
_AGE_WORDS = common_words("age_words")


@dataclass
class SingleLex:
    articles: PhraseMatcher
    persons: PhraseMatcher
    skip: PhraseMatcher
    pronouns: PhraseMatcher
    name_aux: PhraseMatcher
    shot_objects: PhraseMatcher  # more such words after "shot" only ("shot at", "shot a man")
    companions: PhraseMatcher  # "was killed along with his wife": the single victim is one of several
    name_particles: PhraseMatcher | None  # lower-case words inside names ("al", "bin", "de", "von")
    active_objects: PhraseMatcher  # words after "shot" that make it active ("shot his", "shot a")
    not_names: PhraseMatcher  # capitalised sentence openers that are no name ("Nobody", "It")
    reflexive: PhraseMatcher  # "shot himself": the subject is the victim, wherever it stands
    definite: PhraseMatcher  # "the": a victim already introduced
    distinct: PhraseMatcher  # "other", "second": a definite phrase that still names a new victim
    alive: PhraseMatcher  # "in stable condition", "expected to survive": the victim is alive
    intransitive: PhraseMatcher  # "died": a number after it is no object ("died two days later")
    died_later: PhraseMatcher  # "but died", "where he died": the sentence's victim died in the end
    relative: PhraseMatcher  # "who", "som", "qui": a relative clause about the person follows
    name_verbs: PhraseMatcher  # "died": a one-word name may take it without an auxiliary ("Doe died")
    age_ends: PhraseMatcher  # last word of an age before a name ("13-year-old", "17-årige")
    cues: PhraseMatcher  # every slot cue: the length of the one after a subject ("shot and killed")
    fate_open: PhraseMatcher  # "in critical condition": hurt, and may yet die
    passive_aux: PhraseMatcher  # "was", "wurde": the cue after it is passive, whatever follows
    agent: PhraseMatcher  # "by", "von": the phrase after it did the shooting
    neither: PhraseMatcher  # "neither", "weder": the people after it in the clause were spared
    active_aux: PhraseMatcher  # "have", "ont", "han": a perfect's auxiliary, active voice ("ont blessé une femme")
    wound_nouns: PhraseMatcher  # "three gunshot wounds": a count of wounds, not of people
    killed_cues: PhraseMatcher  # "dies after shooting himself": the self-inflicted shot was fatal
    of_words: PhraseMatcher  # "the death of a man": a cue noun and its of-phrase (claims.np_of)
    number_words: frozenset[str]  # spelled-out ages ("a ten-year-old boy", "Seventeen-year-old Jane Roe")
    age_suffixes: tuple[str, ...]  # one-word ages ("tioårig", "zehnjähriger", "десятилетний")
    bare_nouns: bool  # the language has no articles: a singular noun alone may be the subject
    names: bool  # capitalised names can be recognised (scripts with case)


# (text, tokens, token after the companion phrase, sentence end, language, quantities) -> (the companions'
# groups, the token after them), or None
Companions = Callable[[str, list[Token], int, int, str, list[Quantity]], tuple[list[str | None], int] | None]


@lru_cache(maxsize=32)
def single_lex(lang: str | None) -> SingleLex:
    full = load_lexicon(lang)
    cl: dict[str, Any] = full.get("claims", {}).get("single", {})
    clitics = tuple(full.get("numbers", {}).get("clitics", []))

    def words(key: str) -> dict[str, bool]:
        return {w: True for w in cl.get(key, [])}

    def matcher(key: str) -> PhraseMatcher:
        return PhraseMatcher(words(key), clitics)

    return SingleLex(
        articles=matcher("articles"),
        persons=PhraseMatcher({k: (v or "") for k, v in cl.get("persons", {}).items()}, clitics),
        skip=matcher("skip"),
        pronouns=matcher("pronouns"),
        name_aux=matcher("name_aux"),
        active_objects=matcher("active_objects"),
        companions=matcher("companions"),
        name_particles=matcher("name_particles"),
        shot_objects=matcher("shot_objects"),
        not_names=PhraseMatcher({w.lower(): True for w in [
            *full.get("claims", {}).get("zero_words", []), *full.get("attribution", {}).get("pronouns", []),
            *full.get("claims", {}).get("persons", {}), *full.get("claims", {}).get("role_nouns", {}),
            *full.get("claims", {}).get("slot_nouns", {}),
            *full.get("claims", {}).get("modifiers", [])]}, clitics),
        reflexive=matcher("reflexive"),
        definite=matcher("definite"),
        distinct=matcher("distinct"),
        alive=matcher("alive"),
        intransitive=matcher("intransitive"),
        died_later=matcher("died_later"),
        relative=matcher("relative"),
        name_verbs=matcher("name_verbs"),
        age_ends=matcher("age_ends"),
        fate_open=matcher("fate_open"),
        passive_aux=matcher("passive_aux"),
        agent=matcher("agent"),
        neither=matcher("neither"),
        active_aux=matcher("active_aux"),
        wound_nouns=matcher("wound_nouns"),
        cues=PhraseMatcher({w: True for ws in full.get("claims", {}).get("slot_cues", {}).values() for w in ws},
                           clitics),
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
    elided = _elliptic(tokens, i, b, sl)
    if elided is not None:
        return elided, None
    art = sl.articles.match(tokens, i)
    j = i + art[0] if art else i
    if not art and not sl.bare_nouns and not bare:
        return None
    k = _skip(tokens, j, b, sl, text if sl.names and (art or bare) else None)
    m = sl.persons.match(tokens, k) if k < b else None
    if m and k + m[0] < b and (two := sl.persons.match(tokens, k + m[0])):
        k, m = k + m[0], (two[0], two[1] or m[1])  # "female juvenile", "teen driver": the last noun heads it
    if m is None and k > j and (last := sl.persons.match(tokens, k - 1)) and last[0] == 1:
        k, m = k - 1, last  # a noun that is also an adjective ("ein Junge": young / boy)
    if m:
        end = _skip(tokens, k + m[0], b, sl)
        return end, (m[1] or None)
    # "a 19-year-old was killed": the age compound is the noun
    # ("9-year-old dies" in a headline, unless a name follows: "13 year old Jane Roe died")
    if (art or (bare and k < b and not text[tokens[k].start].isupper())) and k > j \
            and (tokens[k - 1].text in _AGE_WORDS or _one_word_age(tokens[k - 1].text, sl)):
        return k, None
    return None


def _elliptic(tokens: list[Token], i: int, b: int, sl: SingleLex) -> int | None:
    """"another was wounded", "a third was shot", "en annan skadades", "otro resultó herido": the noun left
    out after a word that sets one more person beside those told of (claims.single.distinct), a verb right
    after it. The token after the phrase, else None."""
    art = sl.articles.match(tokens, i)
    k = i + art[0] if art else i
    distinct = bool(art) and sl.distinct.match(tokens, i) is not None
    while k < b:
        own = sl.distinct.match(tokens, k)
        m = own or sl.skip.match(tokens, k)
        if m is None:
            break
        distinct = distinct or own is not None
        k += m[0]
    # a cue without an auxiliary only after an article ("another injured"; "other injuries" is a noun)
    if distinct and k < b and (sl.passive_aux.match(tokens, k) or (art and sl.cues.match(tokens, k))):
        return k
    return None


def _definite(tokens: list[Token], i: int, end: int, sl: SingleLex) -> bool:
    """"the boy", "der Junge": a definite article (claims.single.definite) and no word that makes it
    another victim ("the other man", "the second victim": claims.single.distinct)."""
    return sl.definite.match(tokens, i) is not None and not any(sl.distinct.match(tokens, k) for k in range(i, end))


def _aged_name(text: str, tokens: list[Token], i: int, b: int, sl: SingleLex) -> tuple[int, None] | None:
    """"13-year-old Jane Roe", "13 year old Jane Roe": an age before capitalised words, anywhere."""
    if not sl.names or not (tokens[i].kind == "num" or tokens[i].text in sl.number_words):
        return None
    k = _skip(tokens, i, b, sl)
    if k >= b or k <= i + 1 or not (sl.age_ends.match(tokens, k - 1) or _one_word_age(tokens[k - 1].text, sl)):
        return None
    return _named_subject(text, tokens, i, b, sl)


def _relative_clause(tokens: list[Token], end: int, b: int, sl: SingleLex) -> int | None:
    """The token after the relative pronoun when one follows the person ("a boy who ...", "ein Junge,
    der ...", "un homme qui ..."), else None."""
    k = end + 1 if end < b and tokens[end].text == "," else end
    m = sl.relative.match(tokens, k) if k < b else None
    return k + m[0] if m else None


def _past_apposition(tokens: list[Token], end: int, b: int, sl: SingleLex) -> int:
    """After "Jane Roe" in "Jane Roe, a student at the school, was killed": the token after the closing
    comma when an article or an age opens the aside (at most ten words); else `end`."""
    if end + 2 >= b:
        return end
    if tokens[end].text == ",":
        nxt = end + 1
    elif end > 0 and tokens[end - 1].text == ",":  # "Jane Roe, 17, a student ...": the age took the comma
        nxt = end
    else:
        return end
    if not (sl.articles.match(tokens, nxt) or tokens[nxt].kind == "num"):
        return end
    for k in range(nxt + 1, min(b - 1, nxt + 11)):
        if tokens[k].text == ",":
            return k + 1
    return end


def _name_apposition(text: str, tokens: list[Token], end: int, b: int, sl: SingleLex) -> int:
    """After "a 13-year-old girl" in "a 13-year-old girl, Jane Roe, was killed" or "a girl Jane Roe was
    killed": the token after the name (and its closing comma); else `end`. Capitalised words (hyphens
    inside: "Roe-Doe"), none of them an article or a person noun ("a man, Police said, ...")."""
    k = end + 1 if end < b and tokens[end].text == "," else end
    j = k
    while j < b and j - k < 9 and (_inside_word(tokens, j) and text[tokens[j + 1].start].isupper()
                                   or tokens[j].kind == "word"
                                   and text[tokens[j].start].isupper() and not sl.persons.match(tokens, j)
                                   and not sl.articles.match(tokens, j)
                                   or j > k and _name_particle(text, tokens, j, b, sl)):
        j += 1
    if j > k and j + 1 < b and tokens[j].text == "(":  # "Nayef al-Hilah (Abu Ramez)": a byname or an age
        close = next((m for m in range(j + 1, min(b, j + 6)) if tokens[m].text == ")"), None)
        if close is not None:
            j = close + 1
    if j == k or j >= b:
        return end
    if k > end:  # opened by a comma: closed by one
        return j + 1 if tokens[j].text == "," else end
    return j if tokens[j].kind == "word" and not text[tokens[j].start].isupper() else end


def _capitalised_run(text: str, tokens: list[Token], i: int, b: int, sl: SingleLex, most: int = 4,
                     abbreviated: bool = False) -> int:
    """The token after the capitalised words from token i that may be a name (no known noun, article,
    pronoun or auxiliary). `abbreviated`: a title's full stop may follow a short word ("Dr. Jane Roe")."""
    j = i
    while j < b and j - i < most:
        if abbreviated and j > i and tokens[j].text == "." and len(tokens[j - 1].text) <= 3 \
                and j + 1 < b and tokens[j + 1].kind == "word" and text[tokens[j + 1].start].isupper():
            j += 1
            continue
        if not (tokens[j].kind == "word" and text[tokens[j].start].isupper()) \
                or sl.persons.match(tokens, j) or sl.articles.match(tokens, j) or sl.pronouns.match(tokens, j) \
                or sl.name_aux.match(tokens, j) or sl.not_names.match(tokens, j):
            break
        j += 1
    return j


def _named_object(text: str, tokens: list[Token], i: int, b: int, sl: SingleLex, cue_left: Any) -> int | None:
    """A name of two words or more that a killed cue takes as its object: right after it and set off by an
    apposition that opens with an article, which says it is a person ("the strike killed Rami Tawfel, a
    28-year-old teacher"), or in its of-phrase ("the death of Dr. Jane Roe in the strike", "the killing
    of Rami Tawfel."). The token after the name, else None."""
    if not sl.names or tokens[i].kind != "word" or not text[tokens[i].start].isupper():
        return None  # (checked first: the cue's search is what costs)
    left = cue_left(i)
    if left is None or left[1] != "killed":
        return None
    of = of_phrase(tokens, i, left, sl)
    if left[0] != 0 and not of:
        return None
    j = _capitalised_run(text, tokens, i, b, sl, most=7, abbreviated=True)
    words = sum(1 for k in range(i, j) if tokens[k].kind == "word")
    if words < 2:
        return None
    if j < b - 1 and tokens[j].text == "," and sl.articles.match(tokens, j + 1):
        return j
    ends = j >= b or tokens[j].text in {".", ";", ","} or (
        tokens[j].kind == "word" and not text[tokens[j].start].isupper()
        and not sl.persons.match(tokens, j) and not sl.not_names.match(tokens, j))  # "of St. Louis residents"
    return j if of and ends else None


def _past_family(tokens: list[Token], end: int, b: int, quantities: list[Quantity], lex: Any, sl: SingleLex) -> int:
    """After "a father" in "a father of five (children) was killed" (claims.kin_of: "father of", "mère de",
    "отец"): the token after the family's count and its noun; else `end`."""
    if lex.kin_of is None:
        return end
    q = next((q for q in quantities if q.first_token in (end, end + 1)), None)
    if q is None or not lex.kin_of.match_ending(tokens, q.first_token, 3):
        return end
    k = q.last_token  # then the family's noun, if one follows ("of five children", "von drei Kindern")
    noun = k < b and tokens[k].kind == "word" and not lex.aux.match(tokens, k) and not lex.cues.match(tokens, k)
    return k + 1 if noun else k


def _name_particle(text: str, tokens: list[Token], j: int, b: int, sl: SingleLex) -> bool:
    """A lower-case particle inside a name ("al-Hilah", "bin Salem", "de la Cruz": claims.single.
    name_particles) before a capitalised part or a hyphen."""
    if sl.name_particles is None or not sl.name_particles.match(tokens, j) or j + 1 >= b:
        return False
    nxt = tokens[j + 1]
    return nxt.text == "-" or nxt.kind == "word" and (text[nxt.start].isupper() or sl.name_particles.match(tokens, j + 1))


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
    j = _capitalised_run(text, tokens, i, b, sl)
    if j == i or j >= b or text[tokens[i].start:tokens[j - 1].end].isupper():
        return None
    # one capitalised word may be any sentence opener: it needs an auxiliary ("Doe was shot");
    # a full name may take the verb at once ("Jane Roe died")
    if not sl.name_aux.match(tokens, j) and not sl.name_verbs.match(tokens, j) and j - i < 2:
        return None
    return j, None


def _active_past(tokens: list[Token], end: int, gap: int, sl: SingleLex) -> bool:
    """The words between a subject and its cue leave it active: none ("a boy shot his friend") or
    adverbs with no passive auxiliary ("a girl accidentally shot her sister"; not "was shot")."""
    return not any(sl.passive_aux.match(tokens, k) for k in range(end, end + gap))


def _active(tokens: list[Token], cue: int, b: int, sl: SingleLex, shot: bool, text: str) -> bool:
    """The cue right after the subject takes an object or a count: active voice. A cue of several words
    ("shot and killed") is judged by the word after it; an intransitive cue ("died") takes no object."""
    if sl.intransitive.match(tokens, cue):
        return False
    whole = sl.cues.match(tokens, cue)
    if whole and whole[0] > 1:
        cue += whole[0] - 1
    if cue + 1 >= b:
        return False
    nxt = tokens[cue + 1]
    if _person(tokens, cue + 1, b, sl, text) is not None or _person(tokens, cue + 1, b, sl, text, bare=True):
        return True  # "a boy shot and killed a man", "Man kills brother": a person as object
    return nxt.kind == "num" or sl.active_objects.match(tokens, cue + 1) is not None \
        or (shot and sl.shot_objects.match(tokens, cue + 1) is not None)


def _object_of_cue(tokens: list[Token], i: int, a: int, sl: SingleLex, cue_left: Any) -> bool:
    """Token i follows a slot cue straight away ("shoots friend", "tötete Nachbarn"): a noun there is
    the cue's object even without an article. Not when an article opens the cue ("a wounded child",
    "the slain man"): the cue is an adjective of the noun."""
    left = cue_left(i)
    if left is None or left[0] != 0 or sl.agent.match(tokens, i):  # "killed by father": the agent
        return False
    for k in range(max(a, i - 4), i):
        m = sl.cues.match(tokens, k)
        if m and k + m[0] == i:
            return not (k > a and sl.articles.match(tokens, k - 1))
    return True


def _title_case(text: str, tokens: list[Token], a: int, b: int) -> bool:
    """A headline in title case ("Army Units Kill 70 In Raid"): capitals do not mark names there."""
    words = [t for t in tokens[a:b] if t.kind == "word" and len(t.text) > 3]
    return len(words) >= 3 and sum(text[t.start].isupper() for t in words) >= 0.7 * len(words)


def _source_starts(tokens: list[Token], a: int, b: int, lex) -> set[int]:
    """Token indices that open the source after an attribution cue ("according to", "según"), up to
    two determiners in: the person named there speaks, the report does not count them."""
    out: set[int] = set()
    for k in range(a, b):
        m = lex.source_after.match(tokens, k)
        if m:
            for t in range(k + m[0], min(b, k + m[0] + 3)):
                if lex.np_stops.match(tokens, t):
                    break  # "säger att ...": a clause follows, not a source
                out.add(t)
    return out


def _negated(tokens: list[Token], a: int, b: int, sl: SingleLex, lex: _Lex) -> set[int]:
    """Tokens from a "neither" word (claims.single.neither) to the end of its clause."""
    out: set[int] = set()
    k = a
    while k < b:
        if sl.neither.match(tokens, k):
            while k < b and not (tokens[k].text in {";", "."} or lex.breaks.match(tokens, k)):
                out.add(k)
                k += 1
        k += 1
    return out


def single_claims(text: str, tokens: list[Token], quantities: list[Quantity], a: int, b: int,
                  lang: str, headline: bool = False, companions: Companions | None = None) -> list[tuple[Claim, int]]:
    """Claims for singular victims in the sentence tokens[a:b]. `cue_left(i)` / `cue_right(j)` give the
    (distance, slot) of the slot cue next to a phrase (the count path's clause-bounded search). In a
    `headline` a list of victims opened without an article goes on without them ("Man, woman killed").
    `companions` reads the people a victim was killed with (lists.companions, passed in by the caller:
    the list reader builds on this module); without it such a victim is left to the count path."""
    lex = _lex(lang)

    def cue_left(i: int) -> tuple[int, str] | None:
        return _cue_left(tokens, i, a, lex, None)

    def cue_right(j: int) -> tuple[int, str] | None:
        return _cue_right(tokens, j, b, lex, strict=True)

    sl = single_lex(lang)
    # a quantity of two or more is read by the count path ("two men"); "one man" may be read by both,
    # the duplicates merge later
    covered = {k for q in quantities if q.value >= 2 for k in range(q.first_token, q.last_token)}
    out: list[tuple[Claim, int]] = []
    new: list[Claim] = []  # total claims of victims introduced here (not "the boy", "he")
    # a victim named again with no fate in this sentence ("the boy was wounded") may be the one the
    # report says died: read as "shot" (claims.context.settle subtracts the report's dead)
    fate_here = any(sl.killed_cues.match(tokens, k) or sl.alive.match(tokens, k) for k in range(a, b))
    # "in critical condition", "on life support": alive for now, the fate still open
    fate_open = not fate_here and any(sl.fate_open.match(tokens, k) for k in range(a, b))
    sources = _source_starts(tokens, a, b, lex)
    spared = _negated(tokens, a, b, sl, lex)
    i = a
    while i < b:
        if i > a and sl.agent.match(tokens, i - 1):  # "shot by her son": the agent, not a victim
            i += 1
            continue
        if i in spared:  # "neither the driver nor the other passenger was hurt"
            i += 1
            continue
        if i in sources:  # "según la Policía Nacional, ...": the source of the report, not a victim
            i += 1
            continue
        aged = _aged_name(text, tokens, i, b, sl)
        if i in covered and i != a and aged is None:  # an opener may start with an age
            i += 1
            continue
        start, groups, end = i, [], i
        past = i  # the token after the companions counted with this victim
        subject_pronoun = False  # "he", "she": the subject of what follows, never the object of a cue before
        known = False  # "the boy", "he", "Doe": a victim the report has already introduced
        bare_object = False  # "kills brother, girlfriend": a headline's objects without articles
        bare_subject = False  # "Man, woman killed in crash": a headline's subjects without articles
        named: tuple[int, None] | None = None  # "Jane Roe was killed": a name opening the sentence
        while end < b:
            got = _person(tokens, end, b, sl, text, bare=bare_object or bare_subject)
            if got is not None and not groups:
                known = _definite(tokens, end, got[0], sl)
            if got is None and sl.names:
                name_end = _name_with_age(text, tokens, end, b)
                got = (name_end, None) if name_end else None
            if got is None and not groups and end == i and aged is not None:
                got = aged  # "officers say 13-year-old Jane Roe was killed": an age makes the name a person
            if got is None and not groups and end == i and end > a:
                named_end = _named_object(text, tokens, end, b, sl, cue_left)
                got = named = (named_end, None) if named_end is not None else None
            if got is None and not groups and end == i and end > a and _object_of_cue(tokens, end, a, sl, cue_left):
                got = _person(tokens, end, b, sl, text, bare=True)  # "woman shoots friend": the object
                bare_object = got is not None
            if got is None and not groups and end == a:
                got = _person(tokens, end, b, sl, text, bare=True)
                bare_subject = headline and got is not None
                if got is None and not _title_case(text, tokens, a, b):
                    got = named = _named_subject(text, tokens, end, b, sl)
                    known = got is not None and tokens[end].kind == "word" and _skip(tokens, end, b, sl) == end
            if got is None and not groups and sl.pronouns.match(tokens, end):
                got = (end + 1, None)
                subject_pronoun = known = True
            if got is None or (end in covered and end != a and got is not aged):
                break
            groups.append(got[1])
            name = got is aged or got is named or got[0] == _name_with_age(text, tokens, end, b)
            end = got[0]
            # "Jane Roe, a student, was killed": after a name, a comma opens an apposition, not a list
            if end + 1 < b and tokens[end].text in _CLAUSE_JOINERS \
                    and not (name and tokens[end].text == ",") \
                    and (_person(tokens, end + 1, b, sl, text, bare=bare_object or bare_subject) is not None):
                end += 1
                continue
            break
        if not groups:
            i += 1
            continue
        slot = None
        if sl.names and not name and not _title_case(text, tokens, a, b):
            end = _name_apposition(text, tokens, end, b, sl)  # "a 13-year-old girl, Jane Roe, was killed"
        end = _past_apposition(tokens, end, b, sl)  # "Jane Roe, a student at the school, was killed"
        end = _past_family(tokens, end, b, quantities, lex, sl)  # "a father of five was killed"
        relative = _relative_clause(tokens, end, b, sl)
        if relative is not None:  # "a boy who was shot ...": the clause's verb is the person's
            end = relative
        right = cue_right(end)
        if right is not None:
            slot = right[1]
            if slot == "shot" and relative is not None and _killed_object(tokens, start, sl, cue_left):
                slot = "killed"  # "the shooting death of a boy who was shot in the head": he died of it
        else:
            left = None if subject_pronoun else cue_left(start)
            if left is not None and (left[0] == 0 or of_phrase(tokens, start, left, sl)):
                slot = left[1]
        if right is not None and _active_past(tokens, end, right[0], sl) and _active(tokens, end + right[0], b, sl, slot == "shot", text):
            slot = None  # "a boy shot his friend", "Army units kill 70": the subject acted on others
        # "was killed along with ...", "wurde zusammen mit Verwandten getötet" (inside a verb bracket)
        comp = next(((k, m[0]) for k in range(end if lex.verb_bracket else end + right[0], min(b, end + right[0] + 4))
                     if (m := sl.companions.match(tokens, k))), None) if right is not None else None
        if comp is not None:
            others = companions(text, tokens, comp[0] + comp[1], b, lang, quantities) if companions else None
            if others is None:
                slot = None  # "was killed along with her five sons": the count path adds her to them
            else:
                groups = groups + others[0]  # "a man was killed along with his wife" = 2
                past = others[1]  # they are counted here, not again as victims of their own
        if slot == "shot" and right is not None and _then_killed(tokens, end + right[0], b, cue_right):
            slot = "killed"  # "3-year-old shot, killed in ...": the fate follows the shot
            killed_at = _then_killed_at(tokens, end + right[0], b)
            if killed_at is not None and _active(tokens, killed_at, b, sl, False, text):
                slot = None  # "a teen shoots, kills man": the subject shot someone
        if not out and slot in {None, "shot", "injured", "treated"} \
                and any(sl.died_later.match(tokens, k) or (relative is not None and sl.name_verbs.match(tokens, k))
                        for k in range(end, b)):
            # "Doe was taken to a hospital but died", "a boy who was shot in the face has died": the
            # sentence's subject died
            slot = "killed"
        if slot == "injured" and (known or fate_open) and len(groups) == 1 and not fate_here:
            slot = "shot"  # "the boy was wounded" after "a boy died": the victim's fate is the article's
        if slot in SINGLE_SLOTS:
            slot = _SLOT_OF_SINGLE.get(slot, slot)
            total = sum(1 for g in groups if g not in _NO_TOTAL)
            if total:
                out.append((Claim(slot=slot, value=total, quote="", start=0, end=0), start))
                if not known:
                    new.append(out[-1][0])
            for g in dict.fromkeys(g for g in groups if g):
                n = sum(1 for x in groups if x == g)
                out.append((Claim(slot=slot, value=n, quote="", start=0, end=0, group=g), start))
        i = max(end, i + 1, past)
    out += _separate_victims(new, out[0][1] if out else a)
    if not out:
        out += _reflexive(tokens, a, b, sl)
    return out


def _separate_victims(new: list[Claim], at: int) -> list[tuple[Claim, int]]:
    """Victims introduced one by one in one sentence, each with its own verb, are different people:
    "a boy was shot in the arm and a woman was grazed" = 2 hurt; "a man was killed and a woman was
    shot" = 1 killed, 1 hurt (the woman is not the man who died). `new`: the total claims of the
    sentence's newly introduced (not definite) victims; changed in place, sums returned."""
    if any(c.slot == "killed" for c in new):
        for c in new:
            if c.slot == "shot":
                c.slot = "injured"
    out: list[tuple[Claim, int]] = []
    for slots in ({"killed"}, {"injured", "shot"}):
        parts = [c for c in new if c.slot in slots]
        if len(parts) >= 2:
            slot = "shot" if any(c.slot == "shot" for c in parts) else parts[0].slot
            for c in parts:  # the parts of the sum, in its slot: a stated total replaces them (settle)
                c.slot = slot
            out.append((Claim(slot=slot, value=sum(c.value for c in parts), quote="", start=0, end=0), at))
    return out


def counts_wounds(tokens: list[Token], j: int, lang: str | None) -> bool:
    """The words from token j name wounds ("suffered three gunshot wounds"): the count before them is
    of wounds on one body, not of people hurt (claims.single.wound_nouns)."""
    return j < len(tokens) and single_lex(lang).wound_nouns.match(tokens, j) is not None


def of_phrase(tokens: list[Token], start: int, left: tuple[int, str], sl: SingleLex) -> bool:
    """"the death of a man", "the killing of his wife": the victim in the of-phrase of a killed cue."""
    return left[0] == 1 and left[1] == "killed" and start > 0 and sl.of_words.match(tokens, start - 1) is not None


def _killed_object(tokens: list[Token], start: int, sl: SingleLex, cue_left: Any) -> bool:
    """Whether the person phrase at `start` is the object of a killed cue right before it ("the killing
    of", "the shooting death of")."""
    left = cue_left(start)
    return left is not None and left[1] == "killed" and (left[0] == 0 or of_phrase(tokens, start, left, sl))


def _then_killed(tokens: list[Token], cue: int, b: int, cue_right: Any) -> bool:
    """A killed cue right after the "shot" cue starting at token `cue`, past a comma or "and"."""
    for k in range(cue + 1, min(b - 1, cue + 4)):
        if tokens[k].text in _CLAUSE_JOINERS:
            nxt = cue_right(k + 1)
            return nxt is not None and nxt[0] == 0 and nxt[1] == "killed"
    return False


def _then_killed_at(tokens: list[Token], cue: int, b: int) -> int | None:
    """The token after the comma or "and" that follows the "shot" cue at `cue` (see _then_killed)."""
    for k in range(cue + 1, min(b - 1, cue + 4)):
        if tokens[k].text in _CLAUSE_JOINERS:
            return k + 1
    return None


def _reflexive(tokens: list[Token], a: int, b: int, sl: SingleLex) -> list[tuple[Claim, int]]:
    """"the boy found the gun and accidentally shot himself in the leg" = one person shot, however far
    the subject stands from the verb. With a killed cue in the sentence ("dies after accidentally
    shooting himself", "fatally shot himself") the shot was fatal: left to the killed cues."""
    at = next((k for k in range(a, b) if sl.reflexive.match(tokens, k)), None)
    if at is None or any(sl.killed_cues.match(tokens, k) for k in range(a, b)):
        return []
    return [(Claim(slot="shot", value=1, quote="", start=0, end=0), at)]
