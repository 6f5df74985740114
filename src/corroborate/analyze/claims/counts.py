"""Claims for one quantity in one sentence: slot, group, bounds, zero counts."""

from __future__ import annotations

from dataclasses import replace

from corroborate.analyze.claims.cues import _cue_left, _cue_right
from corroborate.analyze.claims.lexicon import (
    _CIVILIAN_GROUPS,
    _CLAUSE_JOINERS,
    _DASHES,
    _NO_TOTAL,
    _WINDOW,
    _Lex,
    _NounPhrase,
)
from corroborate.analyze.claims.phrases import _is_not_a_count, _np, _partitive
from corroborate.analyze.claims.single import _active, single_lex
from corroborate.model import SLOTS, Claim
from corroborate.text.lexicon import common_words
from corroborate.text.quantities import Quantity
from corroborate.text.tokens import Token

_RELATIVE_PRONOUNS = common_words("relative_pronouns")


def _agents(text: str, tokens: list[Token], end: int, b: int, lex: _Lex) -> bool:
    """The people counted right before token `end` did it: an active slot verb follows them, with a person or a
    count as its object ("two men shot a woman", "deux hommes ont blessé une femme": a perfect's auxiliary,
    claims.single.active_aux, may stand between; "two men were shot two blocks away" is passive)."""
    sl = single_lex(lex.lang or "en")
    if end < b and sl.active_aux.match(tokens, end):
        end += 1
    return end < b and lex.cues.match(tokens, end) is not None and _active(tokens, end, b, sl, False, text)


def _claims_for_quantity(text: str, tokens: list[Token], q: Quantity, a: int, b: int, lex: _Lex,
                         head: Claim | None, prev_end: int | None,
                         prev_sub: bool) -> list[tuple[Claim, bool, bool | str]]:
    """(claim, is a sub-count, is a partial count) for the count `q`; partial: "two other victims",
    "another eight", "five of the children killed" (part of a total that may be stated elsewhere); "fate": a
    part of the count before it with a fate of its own ("two of them fatally")."""
    np = _np(tokens, q.last_token, b, lex, strict=False, text=text)
    if q.value <= 0 or _is_not_a_count(text, tokens, q, a, b, lex, np):
        return []
    if lex.load_before is not None and lex.load_before.match_ending(tokens, q.first_token, 4):
        return []  # "a boat carrying about 40 passengers": those aboard, not a count of a fate
    if np.kind == "person" and np.end < b and lex.agents_after is not None \
            and lex.agents_after.match(tokens, np.end):
        return []  # "four guards opened fire at the gate": those who shot
    if np.kind == "person" and _agents(text, tokens, np.end, b, lex):
        return []  # "two men shot a woman outside the bar": those who shot; she is read as a victim
    part = _group_part(tokens, q, b, lex, head)
    if part is not None:
        # "three of the victims were girls": a part of the victims, by group
        return [(Claim(slot=part[0], value=q.value, quote="", start=0, end=0, group=part[1], approx=q.approx,
                       value_max=q.value_max), False, True)]
    if np.kind == "bare":
        nxt = tokens[np.end] if np.end < b else None
        if nxt is not None and not (nxt.kind == "punct" and nxt.text not in _DASHES) \
                and not (lex.bare_follow.match(tokens, np.end) or lex.aux.match(tokens, np.end)
                         or lex.cues.match(tokens, np.end) or lex.subcount.match(tokens, np.end)
                         or (head is not None and _part_pronoun_after(tokens, q, lex))):
            return []
    slot: str | None = None
    is_sub = fate_part = False
    if np.kind == "slot_noun":
        slot = np.slot
    else:
        marker = _subcount_before(tokens, q.first_token, a, lex) or _of_them_after(tokens, q, a, lex,
                                                                                    np.group is not None)
        chained = prev_sub and prev_end is not None and all(
            tokens[k].text in {",", "and"} or lex.aux.match(tokens, k) for k in range(prev_end, q.first_token))
        own = _cue_right(tokens, np.end, b, lex, strict=True) if chained and not marker else None
        if own is not None and head is not None and own[1] != head.slot:
            chained = False  # "..., and nine others were injured": its own verb, another slot
        if head is not None and (marker or chained) and np.kind == "person":
            slot, is_sub = head.slot, True
        fate = _own_fate(tokens, np.end, b, lex, head.slot) \
            if head is not None and marker and np.group is None and np.kind in {"person", "bare"} else None
        if fate is None and head is not None and np.kind == "bare" and _part_pronoun_after(tokens, q, lex):
            fate = _fate_before(tokens, q, a, lex, head.slot)
        if fate is not None:
            # "five people were shot, two of them fatally", "he shot five people, killing three of them": a
            # part with a fate of its own counts that fate
            slot, is_sub, fate_part = fate, False, True
    if slot is None:
        bare = np.kind == "bare"
        left = _cue_left(tokens, q.first_token, a, lex, lex.toll_gap if bare else None)
        right = _cue_right(tokens, np.end, b, lex, strict=bare)
        if bare and left and left[0] > 3:
            left = None
        if left and not right and not bare and np.end < b and lex.aux.match(tokens, np.end) \
                and _new_clause(tokens, q.first_token - left[0], q.first_token):
            left = None  # "one died, and four riders were driven to a clinic": the count's own verb, no cue
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
    partitive = not is_sub and not fate_part and _partitive(tokens, q.last_token, np.end, lex)
    if np.group is None and partitive and (q.value != 1 or np.kind == "slot_noun" or not _own_verb(tokens, np, b, slot, lex)):
        return []  # "10 of those killed", "one of those slain was", "one of the injured": part of a count
    # "one of the victims died": one victim (its own verb right after), a partial count a stated total covers
    approx, value_max, observed = q.approx, q.value_max, False
    if np.kind == "slot_noun" and approx == "exact" and any(
            lex.body_nouns.match(tokens, k) for k in range(q.last_token, np.end)):
        approx, value_max, observed = "at_least", None, True  # a body count is a minimum (ACLED): more may lie unseen
    if approx == "exact" and _at_least_after(tokens, np.end, b, lex):
        approx, value_max = "at_least", None
    if slot == "displaced" and np.group in _NO_TOTAL:
        return []  # "thousands of militants who evacuated to the region": fighters relocating, not people displaced
    claim = Claim(slot=slot, value=q.value, quote="", start=0, end=0, group=np.group, approx=approx,
                  value_max=value_max, about=np.about, observed=observed)
    if not is_sub and slot in {"killed", "injured"} and np.kind == "person" and _with_one_more(tokens, q, a, lex):
        claim.value += 1  # "she was killed along with her five sons" = 6
        if claim.value_max is not None:
            claim.value_max += 1
    other = bool(lex.partial.match_ending(tokens, q.first_token, 2)) \
        or any(lex.partial.match(tokens, k) for k in range(q.last_token, np.end))
    # "17 people, including nine children and four men": a part of the total with no group of its own
    partial: bool | str = partitive or (np.role and np.group is None) or other or (is_sub and np.group is None)
    others_shot = slot == "shot" and lex.others is not None and any(
        lex.others.match(tokens, k) for k in range(q.last_token, np.end))
    if not partitive and ((other and partial is True) or others_shot):
        partial = "other"  # "three other victims", "three others were shot": beside those already counted
    if slot == "injured" and not is_sub and q.value >= 2 and lex.severity is not None and any(
            lex.severity.match(tokens, k) for k in range(max(a, q.first_token - 2), min(b, np.end + 4))):
        partial = "severity"  # "two seriously injured", "deux blessés graves": a part of the injured by severity
    if fate_part:
        partial = "fate"  # a part of the count before it, with a fate of its own (extract settles the two)
    out = [(claim, is_sub, partial)]
    if claim.group is not None and claim.group not in _NO_TOTAL and not is_sub \
            and (claim.about is None or claim.group in _CIVILIAN_GROUPS):
        # "four teenagers were shot", "19 Lebanese civilians were killed": four, 19 people were. Read
        # as part of a total, so that a larger total the article states ("six people were shot, four of
        # them teenagers") wins. With a nationality only civilians: "two Russian pilots" may be soldiers.
        out.append((replace(claim, group=None, about=None), False, True))
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
        tokens[k].text in _RELATIVE_PRONOUNS
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


def _own_fate(tokens: list[Token], k: int, b: int, lex: _Lex, head_slot: str) -> str | None:
    """The killed cue right after a part ("two of them fatally", "two of them died"), when the count it is
    part of tells another fate (those shot, the injured)."""
    own = _cue_right(tokens, k, b, lex, strict=True)
    return "killed" if own is not None and own[0] <= 2 and own[1] == "killed" != head_slot else None


def _of_them_after(tokens: list[Token], q: Quantity, a: int, lex: _Lex, grouped: bool = False) -> bool:
    """"nine people were injured, four of them officers": a count set off by a comma and followed by a
    partitive pronoun ("of them", "de ellas", "из них") is a part of the count before it. `grouped`: the
    pronoun is followed by a group noun ("seven of them children"), which says as much without the comma
    that scraped text often lost."""
    if q.first_token <= a or (tokens[q.first_token - 1].text != "," and not grouped):
        return False
    return _part_pronoun_after(tokens, q, lex)


def _group_part(tokens: list[Token], q: Quantity, b: int, lex: _Lex, head: Claim | None) -> tuple[str, str] | None:
    """(slot, group) of "three of the victims were girls", "four of the dead were women": a count of the
    victims (or of those a slot word names) that the verb after them puts in a group. The slot is the
    word's ("the dead", "the injured"), else the count's before it."""
    k = q.last_token
    hit = lex.partitive.match(tokens, k) if lex.partitive is not None and k < b else None
    if not hit or lex.partitive_pronouns is not None and lex.partitive_pronouns.match(tokens, k + hit[0] - 1):
        return None
    k += hit[0]
    cue = lex.cues.match(tokens, k) if k < b else None
    noun = None if cue else lex.persons.match(tokens, k) if k < b else None
    if not cue and (not noun or noun[1]):
        return None  # (not "two of the suspects were teenagers": the people of a group are no victims)
    k += (cue or noun)[0]  # type: ignore[index]
    start = k
    while k < b and k - start < 4 and (aux := lex.aux.match(tokens, k)):
        k += aux[0]  # "were", "were believed to be"
    if k == start:
        return None
    np = _np(tokens, k, b, lex, strict=True)
    slot = cue[1] if cue else head.slot if head is not None else None
    if np.kind != "person" or np.group is None or slot not in SLOTS:
        return None
    return slot, np.group


def _part_pronoun_after(tokens: list[Token], q: Quantity, lex: _Lex) -> bool:
    """The count is followed by a partitive pronoun ("two of them", "dos de ellos", "двое из них")."""
    k = q.last_token
    hit = lex.partitive.match(tokens, k) if lex.partitive is not None and k < len(tokens) else None
    return bool(hit) and lex.partitive_pronouns is not None and bool(lex.partitive_pronouns.match(tokens, k + hit[0] - 1))


def _fate_before(tokens: list[Token], q: Quantity, a: int, lex: _Lex, head_slot: str) -> str | None:
    """The killed cue right before a part ("killing two of them"), when the count it is part of tells another
    fate (those shot, the injured)."""
    left = _cue_left(tokens, q.first_token, a, lex, None)
    return "killed" if left is not None and left[0] <= 1 and left[1] == "killed" != head_slot else None


def _subcount_before(tokens: list[Token], i: int, a: int, lex: _Lex) -> bool:
    """A sub-count marker ("including", "varav", "بينهم") right before token i (aux words may follow it)."""
    k = i
    while k > a and (lex.aux.match(tokens, k - 1) or tokens[k - 1].text in {":", ","}) and i - k < 3:
        k -= 1
    if k > a and tokens[k - 1].kind == "word" and lex.subcount.match(tokens, k - 1):
        return True
    return lex.subcount.match_ending(tokens, k, 4) is not None or _breakdown_goes_on(tokens, i, a, lex)


def _breakdown_goes_on(tokens: list[Token], i: int, a: int, lex: _Lex) -> bool:
    """", including six women, the eldest of whom was a midwife, and five boys and four men were killed":
    after a comma and a joiner, one more part of a breakdown opened earlier in the sentence (no cue since its
    sub-count marker)."""
    j = i - 1
    if j - 1 <= a or lex.list_joiners is None or not lex.list_joiners.match(tokens, j) \
            or tokens[j - 1].text != ",":
        return False
    if any((lex.others is not None and lex.others.match(tokens, k)) or lex.partial.match(tokens, k)
           for k in range(i, min(len(tokens), i + 4))):
        return False  # "..., and eleven others were hurt": people beside those broken down
    for k in range(j - 2, a - 1, -1):
        if lex.cues.match(tokens, k):
            return False
        if lex.subcount.match(tokens, k) and not (k > a and _is_number(tokens[k - 1], lex)):
            # the marker opens the breakdown ("including", not "three of them"); the total's verb may stand
            # before its count ("dödades 17 ..."), not between the count and the breakdown ("Eleven were hurt,
            # three of them officers, and 40 were detained")
            for h in range(k - 1, a - 1, -1):
                if lex.cues.match(tokens, h):
                    return False
                if _is_number(tokens[h], lex):
                    return True
            return False
    return False


def _is_number(tok: Token, lex: _Lex) -> bool:
    return tok.kind == "num" or tok.text in lex.number_words


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


