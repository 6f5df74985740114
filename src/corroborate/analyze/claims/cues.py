"""Slot cues left and right of a count, asides and breakdowns that sit between them."""

from __future__ import annotations

from corroborate.analyze.claims.lexicon import (
    _CLAUSE_JOINERS,
    _DASHES,
    _NAME_PUNCT,
    _QUOTES,
    _TOLL_WINDOW,
    _WINDOW,
    _Lex,
)
from corroborate.text.tokens import PhraseMatcher, Token


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
        elif gap is not None and _inside_word(tokens, start):
            continue  # "rebel-held": one word of the phrase, not a break
        elif gap is not None and not (gap.match(tokens, start) or tokens[start].text in {",", ":"}):
            if not verb_seen and tokens[start].text.lower() in _CLAUSE_JOINERS:
                return None  # "were killed in the town and 30 were wounded": the count opens a new clause
            if not (free < (most_free if verb_seen else 4) and tokens[start].kind == "word") or any(
                    tokens[k].text == "," for k in range(start, i)):
                return None
            free += 1
    return None


def _inside_word(tokens: list[Token], k: int) -> bool:
    """Whether token k is a hyphen joining two words with no space ("rebel-held", "al-Qaeda")."""
    return (tokens[k].text == "-" and 0 < k < len(tokens) - 1 and tokens[k - 1].kind == "word"
            and tokens[k + 1].kind == "word" and tokens[k - 1].end == tokens[k].start
            and tokens[k].end == tokens[k + 1].start)


def _cue_right(tokens: list[Token], j: int, b: int, lex: _Lex, strict: bool) -> tuple[int, str] | None:
    """Nearest slot cue from token j on, within the clause. `strict`: only aux words in between (in a
    language with a verb bracket, any words after the auxiliary: "ein Mädchen wurde bei dem Angriff
    getötet")."""
    k = j
    skipped = 0
    aux_seen = False
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
        if lex.slot_nouns.match(tokens, k):
            return None
        if strict:
            if lex.aux.match(tokens, k):
                aux_seen = True
            elif not (lex.verb_bracket and aux_seen and tokens[k].kind == "word"
                      and tokens[k].text not in lex.number_words):
                return None  # (a count inside the bracket has its own verb: "wurden sieben Menschen verletzt")
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
    joined = -1  # after a comma and a joiner, the last item may run into the verb with no comma
    for m in range(k + 2, min(b - 1, k + 45)):
        t = tokens[m].text
        if t in {";", ".", ":"} or t in _QUOTES or lex.breaks.match(tokens, m):
            return None
        if joined >= 0 and (lex.aux.match(tokens, m) or lex.cues.match(tokens, m)) \
                and any(tokens[x].kind == "num" or tokens[x].text in lex.number_words
                        for x in range(joined, m)):
            # ", including six women, the eldest of whom was a midwife, and five boys and four men were killed"
            return m - 1
        if lex.cues.match(tokens, m) or (lex.others is not None and lex.others.match(tokens, m)):
            return None
        if t == "," and (lex.aux.match(tokens, m + 1) or lex.cues.match(tokens, m + 1)) \
                and not (lex.list_joiners and lex.list_joiners.match(tokens, m + 1)):
            return m
        if t == "," and lex.list_joiners is not None and lex.list_joiners.match(tokens, m + 1):
            joined = m + 1
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


