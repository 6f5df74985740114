"""Members of armed organisations are fighters: "four Hezbollah members", "eight members of the X militia",
"20 IS members", "15 عنصرا من داعش". A count whose noun is a membership word (claims.member_nouns:
"members", "Mitglieder", "miembros", "عناصر") takes the group of an armed organisation named right before
the noun or in its of-phrase (claims.armed_groups: word -> group, "militia" -> fighters, "army" ->
soldiers). Without such a name, members stay people ("five members of the family").
"""

from __future__ import annotations

from functools import lru_cache

from corroborate.text.lexicon import load_lexicon
from corroborate.text.tokens import PhraseMatcher, Token

_OF_REACH = 8  # words of the of-phrase searched for the organisation


@lru_cache(maxsize=32)
def _lex(lang: str | None) -> tuple[PhraseMatcher, PhraseMatcher, PhraseMatcher, PhraseMatcher]:
    full = load_lexicon(lang)
    cl = full.get("claims", {})
    clitics = tuple(full.get("numbers", {}).get("clitics", []))
    verbs = [*cl.get("aux", []), *(w for words in cl.get("slot_cues", {}).values() for w in words)]
    return (PhraseMatcher({w: True for w in cl.get("member_nouns", [])}, clitics),
            PhraseMatcher(dict(cl.get("armed_groups", {})), clitics),
            PhraseMatcher({w: True for w in cl.get("np_of", [])}, clitics),
            PhraseMatcher({w: True for w in verbs}, clitics))


def is_member_noun(tokens: list[Token], k: int, lang: str | None) -> int:
    """Length of the membership noun at token k (0 when there is none)."""
    m = _lex(lang)[0].match(tokens, k)
    return m[0] if m else 0


def armed_group(tokens: list[Token], start: int, noun: int, noun_end: int, b: int, lang: str | None,
                text: str | None = None) -> str | None:
    """The group of the armed organisation named in tokens[start:noun] (between the count and its
    membership noun) or in the of-phrase after the noun ending at `noun_end`; None when none is named.
    With the `text`, a capitalised name spelled like a verb ("members of IS were killed") is the name."""
    _, groups, of_words, verbs = _lex(lang)
    for k in range(start, noun):
        m = groups.match(tokens, k)
        if m and k + m[0] <= noun:
            return str(m[1])
    k = noun_end
    of = of_words.match(tokens, k) if k < b else None
    # without an of-word only the next two words (a genitive: "членов группировки", "عنصرا من داعش")
    reach = _OF_REACH if of else 2
    k += of[0] if of else 0
    for j in range(k, min(b, k + reach)):
        if tokens[j].kind == "punct" and tokens[j].text not in {"-", "'", "’"}:
            return None  # the of-phrase ends at punctuation
        m = groups.match(tokens, j)
        if m and not (verbs.match(tokens, j) and not _capitalised(tokens[j], text)):
            return str(m[1])
        if verbs.match(tokens, j):
            return None  # or at the verb
    return None


def _capitalised(tok: Token, text: str | None) -> bool:
    return text is not None and text[tok.start:tok.end][:1].isupper()
