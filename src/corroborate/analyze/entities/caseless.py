"""Entities in caseless scripts (Arabic): alias and gazetteer n-grams, title cues ("الرئيس",
"المتحدث") and other occurrences of names already found in the article."""

from __future__ import annotations

import re

from corroborate import geo as gaz
from corroborate.analyze.entities.lexicon import ARABIC, Lexicon, resolve_alias
from corroborate.analyze.entities.signals import Found
from corroborate.analyze.entities.spans import TOKEN, Tok, gap_ok, is_caseless

ARABIC_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")


def strip_clitic(word: str, lex: Lexicon) -> str:
    for prefix in lex.clitic_prefixes:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3 and prefix != "ال":
            return word[len(prefix) :]
    return word


def _names_what_follows(text: str, head: Tok, nxt: Tok, lex: Lexicon) -> bool:
    """Whether a place head is in construct with the next word ("مدينة X": the town of X). Not when the head
    is definite ("المخيم آلاف": the camp, then another phrase), when punctuation parts them ("في المدينة،
    فيما"), or when the next word carries a preposition with its article ("مخيم للاجئين": a camp for
    refugees): a name in construct takes neither."""
    if text[head.end : nxt.start].strip():
        return False
    if head.text.startswith("ال") or (strip_clitic(head.text, lex) != head.text and head.text[1:].startswith("ال")):
        return False
    word = nxt.text
    return not word.startswith(lex.construct_breaking_prefixes)


def caseless_found(text: str, toks: list[Tok], lex: Lexicon) -> list[Found]:
    found: list[Found] = []
    i = 0
    n = len(toks)
    pending_cue = 0
    while i < n:
        if not is_caseless(toks[i].text):
            i += 1
            continue
        head = strip_clitic(toks[i].text, lex)
        if head in lex.place_heads and i + 1 < n and is_caseless(toks[i + 1].text) \
                and _names_what_follows(text, toks[i], toks[i + 1], lex):
            # "مدينة X", "قرية X": the head names a kind of place, X is the place (known or not)
            name = ARABIC_DIACRITICS.sub("", toks[i + 1].text)
            if name not in lex.stopwords and name not in lex.common_words and name not in lex.place_heads:
                entries = gaz.lookup(name)
                found.append(Found(toks[i + 1].start, toks[i + 1].end, text[toks[i + 1].start : toks[i + 1].end],
                                   name, "place", None, "place", entries or None))
                i += 2
                continue
        hit = None
        for size in (4, 3, 2, 1):
            if i + size > n:
                continue
            words = [ARABIC_DIACRITICS.sub("", t.text) for t in toks[i : i + size]]
            for first in dict.fromkeys([words[0], strip_clitic(words[0], lex)]):
                phrase = " ".join([first, *words[1:]])
                alias = resolve_alias(phrase, "ar")
                if alias:
                    hit = Found(
                        toks[i].start,
                        toks[i + size - 1].end,
                        text[toks[i].start : toks[i + size - 1].end],
                        phrase,
                        alias[1],
                        alias[0],
                        "alias",
                    )  # type: ignore[arg-type]
                    break
                prev_word = strip_clitic(toks[i - 1].text, lex) if i else ""
                cued = prev_word in lex.place_preps or prev_word in lex.place_heads or first != words[0]
                entries = gaz.lookup(phrase)
                if entries and phrase not in lex.stopwords and phrase not in lex.common_words:
                    broad = any(e.precision != "town" for e in entries)
                    big = max(e.population for e in entries) >= 100000
                    if (broad and len(phrase) > 3) or cued or big:
                        hit = Found(
                            toks[i].start,
                            toks[i + size - 1].end,
                            text[toks[i].start : toks[i + size - 1].end],
                            phrase,
                            "place",
                            None,
                            "place",
                            entries,
                        )
                        break
            if hit:
                break
        if hit:
            found.append(hit)
            i += len(TOKEN.findall(hit.text))
            continue
        word = strip_clitic(toks[i].text, lex)
        if word in lex.person_before or toks[i].text in lex.person_before:
            pending_cue = i + 4  # the name may follow an organisation ("زعيم تنظيم داعش ...")
            i += 1
            continue
        if pending_cue > i and word not in lex.stopwords and word not in lex.org_heads:
            j = i
            # skip adjectives after a title ("الرئيس الأمريكي ...")
            while j < n and toks[j].text.startswith("ال") and toks[j].text.endswith("ي") and j < i + 2:
                j += 1
            name: list[Tok] = []
            while j < n and is_caseless(toks[j].text) and len(name) < 4:
                w = toks[j].text
                if (
                    w in lex.stopwords
                    or w in lex.person_after
                    or (name and not gap_ok(text, name[-1], toks[j]))
                ):
                    break
                name.append(toks[j])
                j += 1
                last = name[-1].text
                if (
                    len(name) >= 2
                    and last not in lex.connectors
                    and not (j < n and (toks[j].text.startswith("ال") or toks[j].text in lex.connectors))
                ):
                    break
            pending_cue = 0
            if name and _noun_phrase([t.text for t in name]):
                name = []  # "مداخلة هاتفية", "التعليم العالي": a noun and its adjective, not a name
            if name:
                surface = text[name[0].start : name[-1].end]
                found.append(Found(name[0].start, name[-1].end, surface, surface, "person", None, "person"))
                i = j
                continue
        i += 1
    return found


def _noun_phrase(words: list[str]) -> bool:
    """Words after a title cue that are a noun phrase: one ends as a feminine relative adjective
    ("-ية"), or the first two both carry the article ("ال... ال..."); personal names seldom do."""
    if any(len(w) > 3 and w.endswith("ية") for w in words):
        return True
    return len(words) >= 2 and all(w.startswith("ال") for w in words[:2])


def seen_again(text: str, toks: list[Tok], found: list[Found]) -> list[Found]:
    """In caseless text, other occurrences of the last word of a person already found."""
    taken = {(f.start, f.end) for f in found}
    covered = [range(f.start, f.end) for f in found]
    extra: list[Found] = []
    surnames = {f.base.split()[-1]: f for f in found if f.kind == "person" and ARABIC.search(f.base)}
    for t in toks:
        for word in {t.text, t.text[1:] if t.text[:1] in "وبلف" else t.text}:
            if word in surnames and (t.start, t.end) not in taken and not any(t.start in r for r in covered):
                extra.append(Found(t.start, t.end, t.text, word, "person", None, "person"))
    return extra
