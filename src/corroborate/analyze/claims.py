"""Casualty and event-count claims with their attribution, in any language with a lexicon.

Per sentence: every quantity (numbers.find_quantities) is read with the noun phrase after it
("13 people", "six children", "13 dead", "13 Tote"); its slot comes from the noun itself (a slot noun:
dead, bodies, injured), from a sub-count marker ("including", "varav", "darunter", "بينهم") that
inherits the slot of the count before it, or from the nearest slot cue in the clause ("were killed",
"killing", "dödades", "погибли", "مقتل"). Bare numbers ("killing 13", "the toll rose to 13") need a cue
right next to them. Zero claims come from "no casualties" / "no one was hurt" / "no US casualties".
The source is the noun phrase around an attribution cue ("according to X", "X said", "said X",
"enligt X", "laut X", "según X", "selon X", "по данным X", "وفقا لـ X") in the same sentence or, for
quotes, the sentence before or after. All words live in data/lexicons/<lang>.json.
A count of a group ("four teenagers", "30 civilians") is also a count of people (a total that a larger
stated total overrides); soldiers, fighters and attackers excepted. A count of one is a singular victim.
"killed his two sons before killing himself" = 3 (claims.self_kill); a day after a month name is a date
(claims.date_before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from corroborate.analyze.claims_breakdowns import drop_other_breakdowns
from corroborate.analyze.claims_carryover import carry_combatant_groups
from corroborate.analyze.claims_combatants import drop_combatant_echoes
from corroborate.analyze.claims_context import (
    background_from,
    drop_superseded,
    is_background,
    is_earlier_count,
    latest_year,
    settle,
)
from corroborate.analyze.claims_elsewhere import drop_elsewhere_in_combatant_reports
from corroborate.analyze.claims_groups import armed_group, is_member_noun
from corroborate.analyze.claims_headline import headline_sentences, without_headline_parts
from corroborate.analyze.claims_lists import victim_lists
from corroborate.analyze.claims_single import counts_wounds, single_claims
from corroborate.analyze.claims_updates import claims_updates
from corroborate.analyze.claims_vague import drop_vague_beside_figures
from corroborate.analyze.numbers import (
    PhraseMatcher,
    Quantity,
    Token,
    find_quantities,
    load_lexicon,
    tokenize,
)
from corroborate.model import SLOTS, Analysis, Article, Claim

_WINDOW = 7  # tokens between a count and its slot cue
_TOLL_WINDOW = 20  # the same for a count right after a toll verb ("the death toll ... rose to 45")
_QUOTES = set("\"“”«»„‟❝❞") | {"''"}
_DASHES = {"-", "–", "—"}
_NAME_PUNCT = {"-", "'", "’", "."}  # may sit inside a source name (al-Karimi, U.S.)
_NO_TOTAL = {"soldiers", "fighters", "attackers"}  # groups not counted in the toll of people killed/hurt


@dataclass
class _Lex:
    cues: PhraseMatcher
    slot_nouns: PhraseMatcher
    persons: PhraseMatcher
    group_mods: PhraseMatcher
    modifiers: PhraseMatcher
    nationalities: PhraseMatcher
    subcount: PhraseMatcher
    zero: PhraseMatcher
    zero_persons: PhraseMatcher
    among: PhraseMatcher
    aux: PhraseMatcher
    toll_gap: PhraseMatcher
    bare_follow: PhraseMatcher
    non_count_before: PhraseMatcher
    date_before: PhraseMatcher
    self_kill: PhraseMatcher
    breaks: PhraseMatcher
    source_after: PhraseMatcher
    speech: PhraseMatcher
    np_stops: PhraseMatcher
    np_skip_left: PhraseMatcher
    pronouns: set[str]
    determiners: PhraseMatcher
    name_end_articles: PhraseMatcher
    kinds: list[tuple[str, PhraseMatcher]]
    verb_first: bool
    partitive: PhraseMatcher
    partial: PhraseMatcher
    age_after: PhraseMatcher
    body_nouns: PhraseMatcher
    np_of: PhraseMatcher
    companions: PhraseMatcher
    singular_aux: PhraseMatcher
    number_words: frozenset[str]
    lang: str | None = None
    toll_verbs: PhraseMatcher | None = None
    perfect_aux: PhraseMatcher | None = None
    toll_preps: PhraseMatcher | None = None
    partitive_pronouns: PhraseMatcher | None = None
    name_rewrites: tuple[tuple[str, str], ...] = ()
    roles: PhraseMatcher | None = None
    at_least_after: PhraseMatcher | None = None  # "15 civilians at least": a lower bound after the noun
    list_joiners: PhraseMatcher | None = None  # "and", "as well as": a list goes on after them


def _set(words: list[str]) -> dict[str, bool]:
    return {w: True for w in words}


@lru_cache(maxsize=32)
def _lex(lang: str | None) -> _Lex:
    full = load_lexicon(lang)
    cl: dict[str, Any] = full.get("claims", {})
    at: dict[str, Any] = full.get("attribution", {})
    clitics = tuple(full.get("numbers", {}).get("clitics", []))
    cues: dict[str, str] = {}
    for slot, words in cl.get("slot_cues", {}).items():
        for w in words:
            cues.setdefault(w, slot)
    nat = {w: code for code, words in cl.get("nationalities", {}).items() for w in words}

    def pm(d: dict[str, Any]) -> PhraseMatcher:
        return PhraseMatcher(d, clitics)

    return _Lex(
        cues=pm(cues),
        slot_nouns=pm(cl.get("slot_nouns", {})),
        persons=pm({k: (v or "") for k, v in cl.get("persons", {}).items()}),
        group_mods=pm(cl.get("group_modifiers", {})),
        modifiers=pm(_set(cl.get("modifiers", []))),
        nationalities=pm(nat),
        subcount=pm(_set(cl.get("subcount_markers", []))),
        zero=pm(_set(cl.get("zero_words", []))),
        zero_persons=pm(_set(cl.get("zero_persons", []))),
        among=pm(_set(cl.get("among_words", []))),
        aux=pm(_set(cl.get("aux", []))),
        toll_gap=pm(_set(cl.get("toll_gap", []))),
        bare_follow=pm(_set(cl.get("bare_follow", []))),
        non_count_before=pm(_set(cl.get("non_count_before", []))),
        date_before=pm(_set(cl.get("date_before", []))),
        self_kill=pm(_set(cl.get("self_kill", []))),
        breaks=pm(_set(cl.get("clause_breaks", []))),
        source_after=pm(_set(at.get("source_after", []))),
        speech=pm(_set(at.get("speech_verbs", []))),
        np_stops=pm(_set(at.get("np_stops", []))),
        np_skip_left=pm(_set(at.get("np_skip_left", []))),
        pronouns={p.lower() for p in at.get("pronouns", [])},
        determiners=pm(_set(at.get("determiners", []))),
        name_end_articles=pm(_set(at.get("name_end_articles", []))),
        kinds=[(kind, PhraseMatcher(_set(words))) for kind, words in at.get("kinds", {}).items()],
        verb_first=bool(at.get("verb_first", False)),
        partitive=pm(_set(cl.get("partitive", []))),
        partial=pm(_set(cl.get("partial", []))),
        age_after=pm(_set(cl.get("age_after", []))),
        body_nouns=pm(_set(cl.get("body_nouns", []))),
        np_of=pm(_set(cl.get("np_of", []))),
        companions=pm(_set(cl.get("companions", []))),
        singular_aux=pm(_set(cl.get("singular_aux", []))),
        number_words=frozenset(full.get("numbers", {}).get("words", {})),
        lang=lang,
        toll_verbs=pm(_set(cl.get("toll_verbs", []))),
        perfect_aux=pm(_set(cl.get("perfect_aux", []))),
        toll_preps=pm(_set(cl.get("toll_preps", []))),
        partitive_pronouns=pm(_set(cl.get("partitive_pronouns", []))),
        name_rewrites=tuple((a, b) for a, b in at.get("name_prefix_rewrites", [])),
        roles=pm({k: (v or "") for k, v in cl.get("role_nouns", {}).items()}),
        at_least_after=pm(_set(cl.get("at_least_after", []))),
        list_joiners=pm(_set(cl.get("single", {}).get("list_joiners", []))),
    )


@dataclass
class _NounPhrase:
    end: int  # token index after the phrase
    kind: str  # "slot_noun", "person" or "bare"
    group: str | None = None
    about: str | None = None
    slot: str | None = None
    role: bool = False  # people named by a role ("12 fishermen"): a toll alone, a part inside a larger one


@dataclass
class _Attribution:
    at: int  # token index of the cue
    name: str
    kind: str


# --------------------------------------------------------------------------- public API


def claims(article: Article, analysis: Analysis) -> None:
    """Pipeline component: fill `analysis.claims` from the article text and `analysis.title_claims` from
    its headline (the figure a report leads with, often not repeated in the text)."""
    lang = analysis.lang or article.lang
    analysis.claims = extract_claims(article.text, lang or "en", analysis.sentences or None)
    title = (article.title or "").strip()
    analysis.title_claims = extract_claims(title, lang or "en", headline_sentences(title)) if title else []
    analysis.claims = without_headline_parts(analysis.claims, analysis.title_claims, title, lang)
    analysis.claims, analysis.title_claims = drop_combatant_echoes(analysis.claims, analysis.title_claims)
    analysis.claims, analysis.title_claims = drop_vague_beside_figures(analysis.claims, analysis.title_claims, lang)
    analysis.claims = drop_other_breakdowns(analysis.claims, analysis.title_claims, lang)
    analysis.claims = drop_elsewhere_in_combatant_reports(article, analysis)
    claims_updates(article, analysis)  # when reported, update cues (rise / increment / correction)


def extract_claims(text: str, lang: str, sentences: list[tuple[int, int]] | None = None) -> list[Claim]:
    """Claims stated in `text` (language `lang`), each with the sentence it comes from as `quote`
    (quote == text[start:end]). `sentences` are sentence spans; split here when not given."""
    if sentences is None:
        from corroborate.analyze.sentences import split

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
            for claim, is_sub, partial in got:
                # a count of one ("one man", "un homme", "ein Mann") is a singular victim: one of a larger
                # count the article may give
                one = q.value == 1 and claim.value == 1 and not is_sub and claim.approx == "exact"
                found.append((claim, q.first_token, "partial" if partial else "single" if one else ""))
                if not is_sub:
                    head = claim
            if got:
                prev_end, prev_sub = _np(tokens, q.last_token, b, lex, q.value == 0).end, got[0][1]
        for claim, at in _zero_claims(text, tokens, quantities, a, b, lex):
            found.append((claim, at, ""))
        singles = single_claims(
            text, tokens, sent_q, a, b, lang,
            lambda i, a=a: _cue_left(tokens, i, a, lex, None),
            lambda j, b=b: _cue_right(tokens, j, b, lex, strict=True))
        # "un homme a été transporté à l'hôpital, où il est mort", "ein Mann wurde lebensgefährlich
        # verletzt": the singular path's reading of the one victim (dead; fate open) replaces the count's
        finer = {at for c, at in singles if c.slot in ("killed", "shot")}
        found = [f for f in found if not (f[2] == "single" and f[1] in finer and f[0].slot in ("injured", "shot"))]
        found += [(c, at, "single") for c, at in singles]
        lists = victim_lists(
            text, tokens, sent_q, a, b, lang,
            lambda q, b=b: _list_np(tokens, q, b, lex),
            lambda i, a=a: _cue_left(tokens, i, a, lex, None),
            lambda j, b=b: _cue_right(tokens, _past_aside(tokens, j, b, lex), b, lex, strict=True),
            lambda i, a=a: _subcount_before(tokens, i, a, lex))
        if lists:
            # the list's sums replace the claims read from its parts
            found = [f for f in found if not any(v.start <= f[1] < v.end for v in lists)]
            found += [(c, v.start, "single" if v.singular else "") for v in lists for c in v.claims]
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
    if lex.date_before.match_ending(tokens, i, 2) and np.kind != "person":
        return True  # "the July 15 death", "the Sept. 12 shooting killed": a day of the month
    if j < b and lex.age_after.match(tokens, j):
        return True  # "13 year-old girl", "(24 years old)", "13 Jahre alt"
    if np.kind == "bare" and j < b and counts_wounds(tokens, j, lex.lang):
        return True  # "suffered three gunshot wounds": wounds, not people
    plain = tokens[i].kind == "num" and j == i + 1 and len(tokens[i].text) == 4
    if plain and 1900 <= q.value <= 2100 and np.end - j != 1:
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


def _cue_left(tokens: list[Token], i: int, a: int, lex: _Lex, gap: PhraseMatcher | None) -> tuple[int, str] | None:
    """Nearest slot cue ending before token i, within the clause: (distance, slot). With `gap`,
    only words from that list may sit between the cue and the count, and a few more after a toll verb
    ("the death toll from the attack rose to 45") or in a phrase opening with a preposition right after
    the cue (claims.toll_preps: "death toll from the bomb attack at least 112")."""
    verb_seen, free = False, 0
    # a toll verb right before the count ("... has risen to at least 112") reaches back over a long
    # phrase to its toll noun: "the death toll in a bomb attack on buses carrying evacuees has risen to"
    toll = gap is not None and lex.toll_verbs is not None and any(
        lex.toll_verbs.match(tokens, k) for k in range(max(a, i - 3), i))
    reach, most_free = (_TOLL_WINDOW, _TOLL_WINDOW) if toll else (_WINDOW, 4)
    for start in range(i - 1, max(a, i - reach) - 1, -1):
        if lex.breaks.match(tokens, start) or tokens[start].text in {";", "."}:
            return None
        m = lex.cues.match(tokens, start)
        if m and start + m[0] <= i:
            end = start + m[0]
            if free and not verb_seen and not (free >= 2 and lex.toll_preps is not None and lex.toll_preps.match(tokens, end)):
                return None
            # a longer cue may end at the same word: "fatally shot" (killed), not "shot"
            for k in range(max(a, start - 3), start):
                longer = lex.cues.match(tokens, k)
                if longer and k + longer[0] == end:
                    return (0 if verb_seen else i - end - free), longer[1]
            # after a toll verb right before the count ("... from the attack has risen to 86") the
            # words between the toll noun and the count are no distance
            return (0 if verb_seen else i - end - free), m[1]
        if gap is not None and lex.toll_verbs is not None and lex.toll_verbs.match(tokens, start):
            verb_seen = True
        elif gap is not None and not (gap.match(tokens, start) or tokens[start].text in {",", ":"}):
            if not verb_seen and tokens[start].text.lower() in _CLAUSE_JOINERS:
                return None  # "were killed in the town and 30 were wounded": the count opens a new clause
            if not (free < (most_free if verb_seen else 4) and tokens[start].kind == "word") or any(
                    tokens[k].text == "," for k in range(start, i)):
                return None
            free += 1
    return None


def _cue_right(tokens: list[Token], j: int, b: int, lex: _Lex, strict: bool) -> tuple[int, str] | None:
    """Nearest slot cue from token j on, within the clause. `strict`: only aux words in between."""
    k = j
    skipped = 0
    while k < b and k - j - skipped < _WINDOW:
        if not strict and k - j <= 1 and not skipped and lex.np_of.match(tokens, k):
            # "five members of the Abu Omar family, including ...": the of-phrase belongs to the noun
            comma = next((m for m in range(k + 1, min(b, k + 12))
                          if tokens[m].kind == "punct" and tokens[m].text not in _NAME_PUNCT), None)
            if comma is not None and tokens[comma].text == "," and comma + 1 < b \
                    and lex.subcount.match(tokens, comma + 1) \
                    and not any(lex.cues.match(tokens, m) for m in range(k + 1, comma)):
                # (not past the verb: "22 members of the family were killed, including seven children")
                skipped += comma - k
                k = comma
        if not strict and tokens[k].text == "," and k + 1 < b and lex.subcount.match(tokens, k + 1):
            # "18 civilians, including five children and three women, were killed": the breakdown
            # between commas sits between the count and its verb
            close = next((m for m in range(k + 2, min(b, k + 20)) if tokens[m].text in {",", ";", "."}), None)
            if close is not None and tokens[close].text == ",":
                close = _breakdown_close(tokens, k, b, lex) or close
                skipped += close + 1 - k
                k = close  # an aside may follow ("..., one of whom was pregnant, were killed")
                continue
        if not strict and k - j - skipped <= 2 and tokens[k].text in _DASHES | {"("} | {",", "including"} \
                and _breakdown_end(tokens, k, b, lex) is not None:
            # "four people -- including a child -- were injured", "4 people including a girl were hurt"
            end = _breakdown_end(tokens, k, b, lex)
            skipped += end - k  # type: ignore[operator]
            k = end  # type: ignore[assignment]
            continue
        if not strict and tokens[k].text == "," and (close := _aside_end(tokens, k, b, lex)) is not None:
            # "15 people, including a child, one of whom was pregnant, were killed", "a man and a woman,
            # both 35, were found dead": an aside between commas, the verb right after it
            skipped += close - k
            k = close
            continue
        if not strict and tokens[k].text in _DASHES and k > j and tokens[k].start == tokens[k - 1].end \
                and tokens[k - 1].kind == "word" and len(tokens[k - 1].text) <= 3:
            skipped += 2  # a name with a short particle ("from the Al-Omar family") is one word
        if tokens[k].text in {";", "."} or (k > j and lex.breaks.match(tokens, k)):
            return None
        m = lex.cues.match(tokens, k)
        if m and lex.np_of.match(tokens, k + m[0] - 1):
            return None  # "the fatal shooting of ...": its victims follow it, the count before is not one
        if m:
            return k - j - skipped, m[1]
        if lex.slot_nouns.match(tokens, k) or (strict and not lex.aux.match(tokens, k)):
            return None
        k += 1
    return None


def _past_aside(tokens: list[Token], j: int, b: int, lex: _Lex) -> int:
    """Token j, or the token after an aside opening there ("a man and a woman, both 35, were ...")."""
    if j + 1 < b and tokens[j].text == ",":
        if lex.aux.match(tokens, j + 1) or lex.cues.match(tokens, j + 1):
            return j + 1  # the comma closing an apposition ("two men, ages 21 and 22, were shot")
        return _aside_end(tokens, j, b, lex) or j
    return j


def _aside_end(tokens: list[Token], k: int, b: int, lex: _Lex) -> int | None:
    """An aside between the comma at token k and the next comma, with no cue in it, followed by an
    auxiliary or a cue: the token after the closing comma."""
    for e in range(k + 1, min(b - 1, k + 10)):
        t = tokens[e].text
        if t in {";", ".", ":"} or t in _QUOTES or lex.cues.match(tokens, e):
            return None
        if t == ",":
            nxt = e + 1
            return nxt if e > k + 1 and (lex.aux.match(tokens, nxt) or lex.cues.match(tokens, nxt)) else None
    return None


def _breakdown_close(tokens: list[Token], k: int, b: int, lex: _Lex) -> int | None:
    """The comma closing a breakdown that opens with the comma at token k and runs over several
    comma-separated items ("19 civilians, including nine children, among them two infants, four
    siblings and a mother, were killed"): the last comma before the count's verb, when no verb, clause
    break or sentence end comes first."""
    for m in range(k + 2, min(b - 1, k + 45)):
        t = tokens[m].text
        if t in {";", ".", ":"} or t in _QUOTES or lex.breaks.match(tokens, m) or lex.cues.match(tokens, m):
            return None
        if t == "," and (lex.aux.match(tokens, m + 1) or lex.cues.match(tokens, m + 1)) \
                and not (lex.list_joiners and lex.list_joiners.match(tokens, m + 1)):
            return m
    return None


def _breakdown_end(tokens: list[Token], k: int, b: int, lex: _Lex) -> int | None:
    """A breakdown opening at token k (a dash, bracket or the sub-count marker itself: "-- including a
    child --", "including a 21-year-old girl"): the token after it, where the count's verb may follow."""
    i = k
    while i < b and i - k < 2 and tokens[i].text in _DASHES | {"(", ","}:
        i += 1
    m = lex.subcount.match(tokens, i) if i < b else None
    if m is None:
        return None
    for e in range(i + m[0], min(b, i + m[0] + 12)):
        t = tokens[e].text
        if t in {";", "."}:
            return None
        if t in _DASHES | {")", ","}:
            return e + 1
        if lex.aux.match(tokens, e) or lex.cues.match(tokens, e):
            return e
    return None


def _claims_for_quantity(text: str, tokens: list[Token], q: Quantity, a: int, b: int, lex: _Lex,
                         head: Claim | None, prev_end: int | None,
                         prev_sub: bool) -> list[tuple[Claim, bool, bool]]:
    """(claim, is a sub-count, is a partial count) for the count `q`; partial: "two other victims",
    "another eight", "five of the children killed" (part of a total that may be stated elsewhere)."""
    np = _np(tokens, q.last_token, b, lex, strict=False, text=text)
    if q.value <= 0 or _is_not_a_count(text, tokens, q, a, b, lex, np):
        return []
    if np.kind == "bare":
        nxt = tokens[np.end] if np.end < b else None
        if nxt is not None and not (nxt.kind == "punct" and nxt.text not in _DASHES) \
                and not (lex.bare_follow.match(tokens, np.end) or lex.aux.match(tokens, np.end)
                         or lex.cues.match(tokens, np.end) or lex.subcount.match(tokens, np.end)):
            return []
    slot: str | None = None
    is_sub = False
    if np.kind == "slot_noun":
        slot = np.slot
    else:
        marker = _subcount_before(tokens, q.first_token, a, lex)
        chained = prev_sub and prev_end is not None and all(
            tokens[k].text in {",", "and"} or lex.aux.match(tokens, k) for k in range(prev_end, q.first_token))
        own = _cue_right(tokens, np.end, b, lex, strict=True) if chained and not marker else None
        if own is not None and head is not None and own[1] != head.slot:
            chained = False  # "..., and nine others were injured": its own verb, another slot
        if head is not None and (marker or chained) and np.kind == "person":
            slot, is_sub = head.slot, True
    if slot is None:
        bare = np.kind == "bare"
        left = _cue_left(tokens, q.first_token, a, lex, lex.toll_gap if bare else None)
        right = _cue_right(tokens, np.end, b, lex, strict=bare)
        if bare and left and left[0] > 3:
            left = None
        if left and right and not bare and _new_clause(tokens, q.first_token - left[0], q.first_token):
            # "one is dead and three others (, including a boy,) are being treated": the count opens a clause
            slot = right[1]
        elif left and right:
            # equal distance: verb-first languages put the verb before its count ("dödades 13", "قتل 13")
            # or the verb after opens the next clause ("mata a 14 personas y hiere a otras 20")
            tie = lex.verb_first or _new_clause(tokens, np.end, np.end + right[0])
            slot = left[1] if left[0] < right[0] or (left[0] == right[0] and tie) else right[1]
        elif left or right:
            slot = (left or right)[1]  # type: ignore[index]
    if slot is None or slot == "casualties" or slot not in SLOTS and slot is None:
        return []
    if slot == "treated":
        slot = "injured"  # "four others were taken to hospital": counted as hurt
    partitive = not is_sub and _partitive(tokens, q.last_token, np.end, lex)
    if np.group is None and partitive and (q.value != 1 or np.kind == "slot_noun" or not _own_verb(tokens, np, b, slot, lex)):
        return []  # "10 of those killed", "one of those slain was", "one of the injured": part of a count
    # "one of the victims died": one victim (its own verb right after), a partial count a stated total covers
    approx, value_max = q.approx, q.value_max
    if np.kind == "slot_noun" and approx == "exact" and any(
            lex.body_nouns.match(tokens, k) for k in range(q.last_token, np.end)):
        approx, value_max = "at_least", None  # a body count is a minimum (ACLED): more may lie unseen
    if approx == "exact" and _at_least_after(tokens, np.end, b, lex):
        approx, value_max = "at_least", None
    if slot == "displaced" and np.group in _NO_TOTAL:
        return []  # "thousands of militants who evacuated to the region": fighters relocating, not people displaced
    claim = Claim(slot=slot, value=q.value, quote="", start=0, end=0, group=np.group, approx=approx,
                  value_max=value_max, about=np.about)
    if not is_sub and slot in {"killed", "injured"} and np.kind == "person" and _with_one_more(tokens, q, a, lex):
        claim.value += 1  # "she was killed along with her five sons" = 6
        if claim.value_max is not None:
            claim.value_max += 1
    partial = partitive or (np.role and np.group is None) \
        or bool(lex.partial.match_ending(tokens, q.first_token, 2)) \
        or any(lex.partial.match(tokens, k) for k in range(q.last_token, np.end))
    out = [(claim, is_sub, partial)]
    if claim.group is not None and claim.group not in _NO_TOTAL and claim.about is None and not is_sub:
        # "four teenagers were shot": four people were. Read as part of a total, so that a larger
        # total the article states ("six people were shot, four of them teenagers") wins.
        out.append((replace(claim, group=None), False, True))
    return out


def _at_least_after(tokens: list[Token], k: int, b: int, lex: _Lex) -> bool:
    """The counted phrase ending at `k` is followed by "at least" ("15 civilians, at least, were killed",
    "قتل 15 مدنيا على الأقل"), not by the next count's own bound ("15 people, at least 3 of them children")."""
    if lex.at_least_after is None:
        return False
    if k < b and tokens[k].text == ",":
        k += 1
    hit = lex.at_least_after.match(tokens, k) if k < b else None
    if not hit:
        return False
    nxt = k + hit[0]
    return nxt >= b or not (tokens[nxt].kind == "num" or tokens[nxt].text in lex.number_words)


def _add_self_kill(tokens: list[Token], a: int, b: int, lex: _Lex, found: list[tuple[Claim, int, str]]) -> None:
    """"X killed his two sons before killing himself" = 3 dead: a killed total whose victims are the object
    of the killer's verb (a cue right before them) grows by one when the sentence then says the killer
    took his own life (claims.self_kill). A count that is the subject ("two children and their mother were
    found dead in a murder-suicide") may include the killer and is left as it is."""
    sk = next((k for k in range(a, b) if lex.self_kill.match(tokens, k)), None)
    if sk is None:
        return
    for claim, at, _ in found:
        if claim.slot != "killed" or claim.group is not None or claim.about is not None or at >= sk:
            continue
        left = _cue_left(tokens, at, a, lex, None)
        if (left is not None and left[0] <= 2 and left[1] in {"killed", "shot"}) or _perfect_object(tokens, a, at, sk, lex):
            claim.value += 1
            if claim.value_max is not None:
                claim.value_max += 1


def _own_verb(tokens: list[Token], np: _NounPhrase, b: int, slot: str, lex: _Lex) -> bool:
    """The slot's cue right after the noun phrase, only auxiliaries between ("one of the victims later
    died"); not a relative clause ("one of the men who shot and killed him")."""
    if np.kind == "bare" and not (np.end > 0 and lex.partitive_pronouns is not None
                                  and lex.partitive_pronouns.match(tokens, np.end - 1)):
        return False  # "one of those slain": the cue belongs to the partitive phrase
    right = _cue_right(tokens, np.end, b, lex, strict=True)
    return right is not None and right[1] == slot and not any(
        tokens[k].text in {"who", "that", "som", "der", "die", "que", "qui", "который", "которые", "الذي", "الذين"}
        for k in range(np.end, min(b, np.end + right[0] + 1)))


def _perfect_object(tokens: list[Token], a: int, at: int, sk: int, lex: _Lex) -> bool:
    """"Ein Mann hat seine Frau und zwei Kinder erschossen und sich dann selbst getötet": a perfect
    auxiliary (claims.perfect_aux) before the count and the killer's verb after it, before the self-kill."""
    if lex.perfect_aux is None or not any(lex.perfect_aux.match(tokens, k) for k in range(a, at)):
        return False
    for k in range(at, sk):
        m = lex.cues.match(tokens, k)
        if m and m[1] in {"killed", "shot"}:
            return True
    return False


_CLAUSE_JOINERS = {",", "and", "och", "und", "y", "et", "и", "و"}


def _new_clause(tokens: list[Token], start: int, end: int) -> bool:
    """A conjunction or comma between a cue (ending at token `start`) and the count at `end`."""
    return any(tokens[k].text in _CLAUSE_JOINERS for k in range(start, end))


def _with_one_more(tokens: list[Token], q: Quantity, a: int, lex: _Lex) -> bool:
    """A singular subject killed together with the counted people: "was killed along with 30 relatives".
    Read only when the verb comes before the companion word (verb-final "wurde mit drei Kindern
    getötet" is not read yet)."""
    k = q.first_token
    while k > a and lex.modifiers.match(tokens, k - 1) and q.first_token - k < 3:
        k -= 1  # "her", "his", "their"
    comp = lex.companions.match_ending(tokens, k, 3)
    if comp is None:
        return False
    cue = lex.cues.match_ending(tokens, comp[0], 4)
    if cue is None:
        return False
    # the cue may hold the auxiliary itself ("was killed")
    return lex.singular_aux.match(tokens, cue[0]) is not None or (
        cue[0] > a and lex.singular_aux.match(tokens, cue[0] - 1) is not None)


def _partitive(tokens: list[Token], j: int, end: int, lex: _Lex) -> bool:
    return any(lex.partitive.match(tokens, k) for k in range(j, min(end, j + 2)))


def _subcount_before(tokens: list[Token], i: int, a: int, lex: _Lex) -> bool:
    """A sub-count marker ("including", "varav", "بينهم") right before token i (aux words may follow it)."""
    k = i
    while k > a and (lex.aux.match(tokens, k - 1) or tokens[k - 1].text in {":", ","}) and i - k < 3:
        k -= 1
    if k > a and tokens[k - 1].kind == "word" and lex.subcount.match(tokens, k - 1):
        return True
    return lex.subcount.match_ending(tokens, k, 4) is not None


def _zero_claims(text: str, tokens: list[Token], quantities: list[Quantity], a: int, b: int,
                 lex: _Lex) -> list[tuple[Claim, int]]:
    """"no casualties", "no one was hurt", "no US soldiers were killed or injured" -> value 0."""
    covered = {k for q in quantities for k in range(q.first_token, q.last_token)}
    out: list[tuple[Claim, int]] = []
    i = a
    while i < b:
        m = lex.zero.match(tokens, i) if i not in covered else None
        if not m:
            i += 1
            continue
        end = i + m[0]
        if lex.zero_persons.match(tokens, i):
            np = _NounPhrase(end, "person")
        else:
            np = _np(tokens, end, b, lex, strict=True)
        slots: list[str] = []
        if np.kind == "slot_noun" and np.slot:
            slots = ["killed", "injured"] if np.slot == "casualties" else [np.slot]
        elif np.kind == "person":
            k = np.end
            while k < b and k - np.end < _WINDOW:
                c = lex.cues.match(tokens, k)
                if c:
                    slots.append(c[1])
                    k += c[0]
                    continue
                if not (lex.aux.match(tokens, k) or tokens[k].text in {",", "or", "and"}):
                    break
                k += 1
            if not slots:
                left = _cue_left(tokens, i, a, lex, lex.toll_gap)
                if left and left[0] == 0:
                    slots = [left[1]]
        group, about = np.group, np.about
        if group is None and np.kind == "slot_noun":
            group, about = _among_group(tokens, np.end, b, lex, about)
            for k in range(max(a, i - 6), i):  # "unter den Soldaten ... keine Opfer"
                if group is None and lex.among.match(tokens, k):
                    group, about = _among_group(tokens, k, i, lex, about)
        for slot in dict.fromkeys(slots):
            if slot in SLOTS:
                claim = Claim(slot=slot, value=0, quote="", start=0, end=0, group=group, about=about)
                out.append((claim, i))
        i = max(end, np.end)
    return out


def _among_group(tokens: list[Token], k: int, b: int, lex: _Lex, about: str | None) -> tuple[str | None, str | None]:
    """"no casualties among the soldiers" / "parmi les soldats" / "bland soldaterna": the group counted."""
    m = lex.among.match(tokens, k) if k < b else None
    if not m:
        return None, about
    np = _np(tokens, k + m[0], b, lex, strict=False)
    return np.group, np.about or about


# --------------------------------------------------------------------------- attribution


def _attributions(text: str, tokens: list[Token], a: int, b: int, lex: _Lex) -> list[_Attribution]:
    out: list[_Attribution] = []
    for i in range(a, b):
        m = lex.source_after.match(tokens, i)
        if m and i + m[0] <= b:
            name = _np_right(text, tokens, i + m[0], b, lex, check_start=False)
            if name:
                out.append(_Attribution(i, name, _kind(name, lex)))
                continue
        m = lex.speech.match(tokens, i)
        if not m:
            continue
        prev = tokens[i - 1] if i > a else None
        name: str | None = None
        if lex.verb_first or prev is None or prev.text in _QUOTES | {",", "'", "’", "—", "–"}:
            name = _np_right(text, tokens, i + m[0], b, lex)  # "..., said the ministry"
        if name is None:
            name = _np_left(text, tokens, i, a, lex)
        if name is None and tokens[i].text.startswith("told"):
            name = _np_right(text, tokens, i + m[0], b, lex)  # "he told Reuters": the outlet is the source
        if name:
            out.append(_Attribution(i, name, _kind(name, lex)))
    return out


def _is_np_token(text: str, tok: Token) -> bool:
    return tok.kind in {"word", "num"} or tok.text in _NAME_PUNCT


def _np_right(text: str, tokens: list[Token], i: int, b: int, lex: _Lex, check_start: bool = True) -> str | None:
    while i < b and (m := lex.np_skip_left.match(tokens, i)):  # "uppger också X", "said also X"
        i += m[0]
    if i >= b or (check_start and not lex.verb_first and not _starts_name(text, tokens[i], lex)):
        return None
    if lex.np_stops.match(tokens, i) and not _determiner_of_name(text, tokens, i, b, lex):
        return None  # "säger att ...", "afirmó que ...": a clause, not a source
    j = i
    while j < b and j - i < 9 and _is_np_token(text, tokens[j]) and not (j > i and lex.np_stops.match(tokens, j)) \
            and not lex.cues.match(tokens, j) and tokens[j].kind != "num":
        if tokens[j].text == "." and not (j + 1 < b and tokens[j + 1].kind == "word" and len(tokens[j - 1].text) <= 2):
            break
        if j > i and text[tokens[j - 1].start].isupper() and lex.name_end_articles.match(tokens, j):
            break  # "según la Protección Civil la cifra asciende": an article after a name opens a new phrase
        j += 1
    return _clean_name(text, tokens, i, j, lex)


def _determiner_of_name(text: str, tokens: list[Token], i: int, b: int, lex: _Lex) -> bool:
    """A clause word that is also a determiner opens a source when a capitalised noun follows:
    "sagte der Bürgermeister" (German "der"/"die" are relative pronouns too)."""
    m = lex.determiners.match(tokens, i)
    return bool(m) and i + m[0] < b and tokens[i + m[0]].kind == "word" and text[tokens[i + m[0]].start].isupper()


def _starts_name(text: str, tok: Token, lex: _Lex) -> bool:
    """A source after its verb starts with a capital, a determiner, or is in a script without case."""
    first = text[tok.start]
    return tok.kind == "word" and (first.isupper() or first.lower() == first.upper()
                                   or lex.determiners.match([tok], 0) is not None)


def _np_left(text: str, tokens: list[Token], i: int, a: int, lex: _Lex) -> str | None:
    end = i
    while end > a and lex.np_skip_left.match(tokens, end - 1):
        end -= 1
    if end > a and tokens[end - 1].text == ",":
        # "X, an opposition monitor, said" / "X, a journalist who saw it, reported": the name is the
        # segment before the appositive.
        prev_comma = max((k for k in range(a, end - 1) if tokens[k].text == ","), default=None)
        if prev_comma is None:
            return None
        seg_start = prev_comma + 1
        if seg_start < end - 1 and text[tokens[seg_start].start].islower():
            first = max((k for k in range(a, prev_comma) if tokens[k].text in {",", ";"} | _QUOTES), default=a - 1)
            return _clean_name(text, tokens, max(first + 1, prev_comma - 9), prev_comma, lex)
        end -= 1
    start = end
    while start > a and end - start < 9 and _is_np_token(text, tokens[start - 1]) \
            and not lex.np_stops.match(tokens, start - 1) and tokens[start - 1].kind != "num":
        start -= 1
    return _clean_name(text, tokens, start, end, lex)


def _clean_name(text: str, tokens: list[Token], i: int, j: int, lex: _Lex) -> str | None:
    while j > i and tokens[j - 1].text in _NAME_PUNCT:
        j -= 1
        if j - 1 > i and len(tokens[j - 1].text) == 1 and tokens[j].text in {"'", "’"}:
            j -= 1  # a name cut after an elided article: "l'hôpital régional d'" ends at "régional"
    while i < j and tokens[i].text in _NAME_PUNCT:
        i += 1
    if j <= i:
        return None
    name = text[tokens[i].start : tokens[j - 1].end].strip()
    for fused, plain in lex.name_rewrites:
        if name.startswith(fused):  # Arabic "للدفاع المدني" (li- + al-) names "الدفاع المدني"
            name = plain + name[len(fused):]
    words = [t.text for t in tokens[i:j] if t.kind == "word"]
    if not words or (len(words) <= 2 and all(w in lex.pronouns or w in {"the", "a", "an"} for w in words)):
        return None
    if len(words) == 1 and words[0] in lex.pronouns:
        return None
    return name


def _kind(name: str, lex: _Lex) -> str:
    """The kind whose cue covers most of the name ("press secretary" beats "press")."""
    toks = tokenize(name)
    best, best_len = "unknown", 0
    for kind, matcher in lex.kinds:
        for k in range(len(toks)):
            m = matcher.match(toks, k)
            if m and m[0] > best_len:
                best, best_len = kind, m[0]
    return best


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
