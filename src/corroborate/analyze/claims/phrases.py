"""The noun phrase after a count and the tests that tell a count from a date, an age or a name."""

from __future__ import annotations

from corroborate.analyze.claims.groups import armed_group, is_member_noun
from corroborate.analyze.claims.lexicon import _DASHES, _QUOTES, _Lex, _NounPhrase
from corroborate.analyze.claims.single import counts_wounds
from corroborate.text.quantities import Quantity
from corroborate.text.tokens import Token

# --------------------------------------------------------------------------- counts


def _token_at(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_left(starts, offset)


def _np(tokens: list[Token], i: int, b: int, lex: _Lex, strict: bool, text: str | None = None) -> _NounPhrase:
    """The noun phrase after a count: modifiers, nationality, then a person noun or a slot noun."""
    group = about = None
    unknown = 0
    j = i
    while j < b and j - i < 8:
        m = lex.slot_nouns.match(tokens, j)
        if m and m[0] + j <= b:
            return _NounPhrase(j + m[0], "slot_noun", group, about, m[1])
        m = lex.persons.match(tokens, j)
        role = not m and lex.roles is not None and bool(m := lex.roles.match(tokens, j))
        if m and m[0] + j <= b:
            end = j + m[0]
            group = m[1] or group
            nxt = lex.persons.match(tokens, end) if end < b else None
            if nxt and end + nxt[0] <= b:  # "three other men": "other" is a noun alone, here it modifies
                end, group = end + nxt[0], nxt[1] or group
            noun = lex.slot_nouns.match(tokens, end) if end < b else None
            if noun:  # "13 civilian deaths"
                return _NounPhrase(end + noun[0], "slot_noun", group, about, noun[1])
            if group is None and is_member_noun(tokens, j, lex.lang):  # "four Hezbollah members"
                group = armed_group(tokens, i, j, end, b, lex.lang, text)
            return _NounPhrase(end, "person", group, about, role=role)
        m = lex.nationalities.match(tokens, j)
        if m:
            about, j = m[1], j + m[0]
            continue
        m = lex.group_mods.match(tokens, j) or lex.modifiers.match(tokens, j)
        if m:
            if isinstance(m[1], str):
                group = m[1]
            j += m[0]
            continue
        tok = tokens[j]
        if tok.text in _QUOTES and j + 1 < b and tokens[j + 1].kind == "word":
            j += 1  # a noun in scare quotes: killed 50 "terrorists", 20 « rebelles »
            continue
        if not strict and unknown < 3 and tok.kind == "word" and tok.text not in lex.number_words \
                and _looks_like_name_part(tokens, j, text):
            unknown += 1
            j += 1
            continue
        if not strict and unknown < 3 and tok.text in _DASHES and j > i:
            j += 1
            continue
        break
    if about is not None:  # "two Americans"
        return _NounPhrase(j, "person", group, about)
    return _NounPhrase(_skip_words(tokens, i, b, lex), "bare", None, None)


def _list_np(tokens: list[Token], q: Quantity, b: int, lex: _Lex) -> tuple[int, str, str | None]:
    if q.last_token < b and _partitive(tokens, q.last_token, q.last_token + 1, lex):
        return q.last_token, "bare", None  # "22 people, seven of them children": a part, no list element
    np = _np(tokens, q.last_token, b, lex, strict=True)
    if np.kind == "slot_noun" and np.group is not None:
        # "three adults and four children killed": the participle after the people is the list's cue
        for j in range(q.last_token + 1, np.end):
            m = lex.cues.match(tokens, j)
            if m and j + m[0] == np.end:
                return j, "person", np.group
    return np.end, np.kind, np.group


def _looks_like_name_part(tokens: list[Token], j: int, text: str | None = None) -> bool:
    """Words may sit between a count and its noun only when they look like a name or a compound
    ("13 Faylaq al-Sham fighters", "5 pro-regime fighters"): followed by a dash or another word.
    With `text`, a word without dash next to it must also be capitalised (or in a script without case):
    "26 likely saved many lives" is no count of lives."""
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    if nxt is None or not (nxt.text in _DASHES or nxt.kind == "word"):
        return False
    if text is None or nxt.text in _DASHES or (j > 0 and tokens[j - 1].text in _DASHES):
        return True
    first = text[tokens[j].start]
    return first.isupper() or first.lower() == first.upper()


def _skip_words(tokens: list[Token], i: int, b: int, lex: _Lex) -> int:
    j = i
    while j < b:
        m = lex.modifiers.match(tokens, j)
        if not m or j + m[0] > b:
            break
        j += m[0]
    return j


def _is_not_a_count(text: str, tokens: list[Token], q: Quantity, a: int, b: int, lex: _Lex,
                    np: _NounPhrase) -> bool:
    """Ages, years, times, money, percentages, ordinals and compounds ("10-day", "45-year-old")."""
    i, j = q.first_token, q.last_token
    nxt = tokens[j] if j < b else None
    prev = tokens[i - 1] if i > a else None
    if nxt is not None and nxt.text in {":", "%", "/", "°", "‰", "٪"}:
        return True
    if nxt is not None and nxt.text in _DASHES and text[q.end : nxt.end] in _DASHES and np.kind == "bare":
        return True  # "45-year-old", "10-day", "46-årige", "46-летний"
    if prev is not None and prev.text in {"$", "€", "£", "¥", "#", "№"}:
        return True
    if prev is not None and prev.text in {":", "/"} and prev.end == q.start:
        return True
    if nxt is not None and nxt.kind == "word" and nxt.start == q.end and q.approx == "exact" and tokens[i].kind == "num":
        return True  # "3rd", "5th", "10km"
    if lex.non_count_before.match_ending(tokens, i, 3) and np.kind == "bare":
        return True
    if prev is not None and prev.text in _DASHES and prev.end == q.start and i - 2 >= a \
            and tokens[i - 2].kind == "word" and tokens[i - 2].end == prev.start:
        return True  # "K-9", "F-16", "COVID-19", "Су-24": a name's number
    if i - 2 >= a and tokens[i - 2].kind == "num" and lex.genitive_preps is not None \
            and lex.genitive_preps.match(tokens, i - 1) \
            and lex.non_count_before.match_ending(tokens, i - 2, 3):
        return True  # "Image 3 of 4", "Bild 2 von 5": a place in a series, as the number before it
    if lex.kin_of is not None and lex.kin_of.match_ending(tokens, i, 3):
        return True  # "a father of five was killed", "mère de trois enfants": the family, not the victims
    if lex.date_before.match_ending(tokens, i, 2) and np.kind != "person":
        return True  # "the July 15 death", "the Sept. 12 shooting killed": a day of the month
    if j < b and lex.age_after.match(tokens, j):
        return True  # "13 year-old girl", "(24 years old)", "13 Jahre alt"
    if np.kind == "bare" and j < b and counts_wounds(tokens, j, lex.lang):
        return True  # "suffered three gunshot wounds": wounds, not people
    plain = tokens[i].kind == "num" and j == i + 1 and len(tokens[i].text) == 4
    if plain and 1900 <= q.value <= 2100 and (np.end - j != 1 or lex.date_before.match_ending(tokens, i, 2)):
        return True  # a year, unless a noun follows right away ("2000 people")
    if plain and 1900 <= q.value <= 2100 and np.kind != "person" and prev is not None \
            and (prev.kind == "num" or prev.text == "," or (prev.kind == "word" and not lex.cues.match(tokens, i - 1))):
        return True  # "on 8 October 2023 killed six": a date, not "2023 killed"
    if np.kind == "bare" and tokens[i].kind == "num" and 1000 <= q.value <= 2100 and "," not in q.text \
            and "." not in q.text and " " not in q.text:
        return True  # a year
    # "John Doe, 34, was killed": a number between commas right after a name is an age
    return (
        np.kind == "bare" and prev is not None and prev.text == "," and (nxt is None or nxt.text in {",", ")", "."})
        and i - 2 >= a and text[tokens[i - 2].start : tokens[i - 2].start + 1].isupper()
    )


def _partitive(tokens: list[Token], j: int, end: int, lex: _Lex) -> bool:
    return any(lex.partitive.match(tokens, k) for k in range(j, min(end, j + 2)))
