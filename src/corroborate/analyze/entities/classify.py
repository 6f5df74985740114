"""Typing a capitalised span by evidence: alias list, organisation head words and acronyms, person cues
(titles before, said-verbs after, given names, Arabic name particles), the gazetteer (with a
preposition cue for ambiguous towns); spans that mix kinds are split ("<Town> Police Department")."""

from __future__ import annotations

import re

from corroborate import geo as gaz
from corroborate.analyze.entities.cues import (
    appositive_person,
    common_word,
    following_admin,
    head_cue,
    locative_cue,
    menu_item,
    next_words,
    place_cue,
    prev_words,
    strong_place_cue,
)
from corroborate.analyze.entities.lexicon import (
    Lexicon,
    base_forms,
    given_names,
    person_nouns,
    resolve_alias,
)
from corroborate.analyze.entities.signals import (
    _ACRONYM,
    ARABIC_NAME_TOKENS,
    Found,
    _broad_or_big,
    _cue_word,
    _person_by_form,
    _same_sentence,
    _town_only,
    _unknown_town_cue,
    adjective_opening,
    compound_org_head,
    demonym,
    name_before,
    not_a_name,
    prefixed_name,
    town_institution,
    town_named,
)
from corroborate.analyze.entities.spans import (
    NAME_PARTICLE,
    Span,
    Tok,
    expand_abbreviation,
    is_title,
    trim_span,
)


def in_person_name(text: str, span: Span, lex: Lexicon) -> bool:
    """Whether the span is (part of) a person's name by its form: a lone Arabic-style name with its
    particle ("al-X", "Abu-X"), or a name right after "Abu"/"bin"/a title/a given name."""
    toks = span.toks
    if len(toks) == 1 and NAME_PARTICLE.match(toks[0].text):
        return True
    prev = prev_words(text, span.start, 1)
    if not prev or text[max(0, span.start - 2) : span.start].strip(" -"):
        return False
    before = text[max(0, span.start - 40) : span.start].rstrip(" -")
    capitalised = bool(re.search(r"(?:^|\s)[A-ZÀ-Þ][\w'’]*$", before))
    return (
        prev[-1] in ARABIC_NAME_TOKENS
        or capitalised
        and (prev[-1] in given_names() or prev[-1] in lex.person_before)
    )


def classify(text: str, span: Span, lex: Lexicon, article_lang: str | None) -> Found | None:
    surface = text[span.start : span.end]
    toks = span.toks
    lows = [t.low for t in toks]
    forms = base_forms(surface, article_lang)
    alias = None
    base = surface
    for form in forms:
        alias = resolve_alias(form, article_lang)
        if alias:
            base = form
            break
    if alias:
        return Found(span.start, span.end, surface, base, alias[1], alias[0], "alias")  # type: ignore[arg-type]
    if not_a_name(surface, toks, lex):
        return None
    if (
        len(toks) == 1
        and len(surface) <= 3
        and surface[1:].islower()
        and text[span.end : span.end + 1] == "."
    ):
        return None  # "Co.", "Jr.", "St." alone: an abbreviation, not a name

    if forms[-1] != surface and forms[-1][-1:] not in ("'", "’") and surface[-2:] in ("'s", "’s", ":s"):
        base = forms[-1]
    elif surface.endswith(("'s", "’s", ":s")):
        base = surface[:-2]
    prev = prev_words(text, span.start, 2)
    nxt = next_words(text, span.end, 2)
    person_cue = span.cue_before is not None or bool(
        prev and is_title(prev[-1], lex) and _same_sentence(text, span.start, prev[-1])
    )
    # "<Place>, uppger polisen", "<Town>, said police": the verb's subject comes after it
    inverted = text[span.end : span.end + 1] == "," and len(nxt) == 2 and is_title(nxt[1], lex)
    said_cue = (
        bool(nxt) and (nxt[0] in lex.person_after or " ".join(nxt) in lex.person_after) and not inverted
    )

    if (
        len(toks) >= 2
        and (
            compound_org_head(lows[-1], lex)
            or lows[-1] in lex.org_heads
            or lows[-1] in lex.org_adjectives  # "Protection civile"
            or any(t in lex.org_heads for t in lows[:-1])
        )
        and not town_named(surface)  # a town whose name holds an org word ("<X> News", "Council <X>")
    ):
        return Found(span.start, span.end, surface, base, "org", None, "org")
    if len(toks) == 1 and _ACRONYM.match(toks[0].text) and toks[0].text.isupper() and not person_cue:
        entries = gaz.lookup(toks[0].text)
        if not any(e.precision in ("country", "province") for e in entries):
            return Found(span.start, span.end, surface, base, "org", None, "org")

    first_given = lows[0] in given_names() and len(toks) >= 2
    arabic_style = (
        any(NAME_PARTICLE.match(t.text) or t.low in ARABIC_NAME_TOKENS for t in toks)
        and len(toks) >= 2
        and not prefixed_name(span, lex)  # "Deir <X>", "Bab al-<X>": a place's name
        and not (lows[0] not in given_names() and _broad_or_big(toks[0].text))  # "<City> al-<Quarter>"
    )

    candidates: list[gaz.GazEntry] = []
    for form in dict.fromkeys([base, *forms, *filter(None, [expand_abbreviation(base, lex)])]):
        key = gaz.loose_key(form)
        # a town known only by an alternate name must be big to count (exonyms of capitals, not homonyms)
        candidates = [e for e in gaz.lookup(form) if gaz.known_as(e, key, form)]
        if candidates:
            base = form
            break
    name_part = bool(candidates) and in_person_name(text, span, lex)
    if name_part and not strong_place_cue(text, span.start, span.end, lex):
        # "the death of al-X", "Abu X": a surname that is also a small town somewhere is the surname
        key = gaz.loose_key(base)
        if not any(
            e.precision in ("province", "country", "region")
            or gaz.is_primary(e, key)
            and e.population >= 100000
            for e in candidates
        ):
            candidates = []
    if candidates and not person_cue and not first_given:
        # a lone institution word ("Суд": court) is no place, whatever a transliteration finds
        common = base.lower() in lex.common_words or base.lower() in lex.stopwords \
            or (len(lows) == 1 and lows[0] in lex.org_heads)
        cue = place_cue(text, span.start, span.end, lex) or following_admin(text, span.end) is not None
        if cue and common and prev and prev[-1] in lex.genitive_preps:
            # "a friend of Hall": a common word after "of" is a person as often as a place
            cue = strong_place_cue(text, span.start, span.end, lex)
        key = gaz.loose_key(base)
        big = any(
            e.population >= 100000 and (gaz.is_primary(e, key) or e.population >= 500000) for e in candidates
        )
        # a neighbourhood (it has a parent city) needs a cue like a town does
        broad = any(e.precision != "town" and e.parent is None and gaz.is_primary(e, key) for e in candidates)
        served = town_institution(text, span, lex)  # "<town> police", "Polizei <town>": even a common word
        if (
            not cue
            and (not common or served)
            and nxt
            and nxt[0] in lex.place_modifiers | lex.town_institutions
        ):
            # "a <town> man", "<town> police": not "the <family> home"
            family = nxt[0] in lex.family_modifiers and bool(prev) and prev[-1] in lex.family_articles
            cue = not family and any(e.precision in ("town", "district") for e in candidates)
        if not cue and served:
            cue = any(e.precision in ("town", "district") for e in candidates)
        if cue or (broad and not common) or (big and not common and not said_cue):
            return Found(span.start, span.end, surface, base, "place", None, "place", candidates)

    after_article = bool(prev) and prev[-1] in lex.definite_articles
    spoke = said_cue and nxt[0] not in lex.person_after_weak and " ".join(nxt) not in lex.person_after_weak
    lone_head = len(toks) == 1 and lows[0] in lex.org_heads and not person_cue
    if lone_head and not (spoke or said_cue and not lex.capitalised_nouns):
        # "el Gobierno", "die Gruppe": a common noun for an institution, named nowhere
        return Found(span.start, span.end, surface, base, "misc", None, "initial")
    institution = spoke and after_article and not candidates  # "the X said", not "the X is"
    if (
        said_cue
        and not (person_cue or first_given or arabic_style)
        and (institution or lows[-1] in lex.org_heads)
    ):
        return Found(span.start, span.end, surface, base, "org", None, "org")
    if len(toks) <= 3 and not candidates and not (person_cue or first_given or _surname_shaped(lows, lex)) \
            and head_cue(text, span, lex):
        # "the village of X was hit": a place the gazetteer lacks, whatever verb follows
        return Found(span.start, span.end, surface, base, "place", None, "place", [])
    if (
        not candidates
        and not (person_cue or first_given)
        and prefixed_name(span, lex)
        and _unknown_town_cue(text, span, lex, prev, nxt)
    ):
        # "a Fort <X> man", "in Bad <X>": a town the gazetteer lacks, named with its prefix word
        return Found(span.start, span.end, surface, base, "place", None, "place", [])
    lone_said = said_cue and len(toks) == 1 and not (person_cue or first_given or arabic_style)
    if lone_said and (span.sentence_initial or lex.capitalised_nouns or common_word(text, lows[0])):
        # "Investigators said", "Touristen sagten": a common noun unless a surname of a name found here
        return Found(span.start, span.end, surface, base, "misc", None, "said")
    if span.of_people and len(toks) <= 3 and not (person_cue or first_given or arabic_style):
        # "Residents of <X> said": the verb is the residents'; <X> is where they live
        return Found(span.start, span.end, surface, base, "place", None, "place", candidates)
    if len(toks) >= 2 and lows[-1] in lex.province_heads | lex.district_heads and not person_cue:
        return Found(span.start, span.end, surface, base, "place", None, "place", [])  # "<Name> County"
    # where every noun is capitalised, "<Adjective> <Noun> hat ..." is no person: only speech counts
    said_person = said_cue and len(toks) <= 4 and (spoke or not lex.capitalised_nouns)
    if person_cue or first_given or arabic_style or said_person or (not candidates and _surname_shaped(lows, lex)):
        return Found(span.start, span.end, surface, base, "person", None, "person")
    if 2 <= len(toks) <= 4 and not candidates and appositive_person(text, span.end, lex):
        return Found(span.start, span.end, surface, base, "person", None, "person")  # "<Name>, a journalist"
    if (
        len(toks) <= 2
        and not candidates
        and (locative_cue(text, span.start, lex) or head_cue(text, span, lex))
    ):
        # "in <unknown town>": a place the gazetteer lacks (small villages); kept without coordinates
        return Found(span.start, span.end, surface, base, "place", None, "place", [])
    if len(toks) >= 2:
        if adjective_opening(span, lex):
            return None
        return Found(span.start, span.end, surface, base, "misc", None, "misc")
    # a lone capitalised word with no evidence: keep it only where capitals are informative; a word
    # also written in lower case here ("Research", "the research") is a common noun
    if (
        span.sentence_initial
        or lex.capitalised_nouns
        or lows[0] in lex.plain_nouns
        or common_word(text, lows[0])
        or menu_item(text, span)
    ):
        # kept only if it turns out to be a known person's surname
        return Found(span.start, span.end, surface, base, "misc", None, "initial")
    if lex.capitalised_nouns and (
        (prev and prev[-1] in lex.stopwords) or lows[0].endswith(lex.noun_suffixes)
    ):
        return None
    if lows[0] in lex.stopwords or len(base) < 2:
        return None
    return Found(span.start, span.end, surface, base, "misc", None, "misc")


def split_inner_title(text: str, span: Span, lex: Lexicon) -> list[Span]:
    """Spans whose first word is a common word ("Shares of <Org>", a sentence-initial "Besides <X>"),
    a demonym ("Chinoise <Name>") or with a title inside ("<Company> Chairman <Name>", "<County>
    Sheriff <Name>"), cut into their parts; empty when there is nothing to cut."""
    toks = span.toks
    if len(toks) < 2:
        return []
    first = toks[0]
    lows = [t.low for t in toks]
    named_org = any(low in lex.org_heads for low in lows) and lows[1] not in lex.connectors
    lead_common = span.sentence_initial and common_word(text, first.low) and first.low not in given_names()
    lead_people = first.low in person_nouns(lex.lang)  # "Residents of <Town>", "Жители <Town>"
    if not named_org and (
        lead_common or lead_people or (first.text[:1].isupper() and demonym(first.text, lex))
    ):
        return [Span(toks[1:], None, False, lead_people)]  # not "Syrian Democratic Forces", "Secrecy News"
    for k in range(1, len(toks) - 1):
        if is_title(toks[k].low, lex) and not all(is_title(t.low, lex) for t in toks[:k]):
            return [Span(toks[:k], span.cue_before, span.sentence_initial), Span(toks[k + 1 :], toks[k].text)]
    return []


def split_person_after(span: Span, lex: Lexicon) -> list[Span]:
    """A span such as "Kommando von <Person>", "Esposo de <Person>", "<Party> von <Person>", joined by a
    connector whose right part is a person's name by its form is two names (or a noun and a name);
    empty when there is nothing to split."""
    toks = span.toks
    for k in range(1, len(toks) - 1):
        right = toks[k + 1 :]
        acronym_left = (
            k == 1 and bool(_ACRONYM.match(toks[0].text)) and toks[0].text.isupper() and len(right) >= 2
        )
        if (
            toks[k].text.islower()
            and toks[k].low in lex.connectors
            and (acronym_left or _person_by_form(right, lex))
        ):
            if any(t.low in lex.org_heads for t in toks[k + 1 :]):
                return []  # "Brigade of <Given> <Name> Martyrs": an organisation named after someone
            return [Span(toks[:k], span.cue_before, span.sentence_initial), Span(toks[k + 1 :])]
    return []


def classify_split(text: str, span: Span, lex: Lexicon, lang: str | None) -> list[Found]:
    """Classify a span; a leading alias/country ("США <name>", "Kremlin aide ...") is split
    off, a trailing US state abbreviation after a comma is skipped, and an untyped multi-word span
    falls back to its shorter tails ("Provinz Hama" -> Hama)."""
    parts = split_person_after(span, lex) or split_inner_title(text, span, lex)
    if parts:
        subs = [sub for part in parts for sub in trim_span(part, lex)]
        return [f for sub in subs for f in classify_split(text, sub, lex, lang)]
    first_tok = span.toks[0]
    if "-" in first_tok.text and len(span.toks) >= 2:
        left, right = first_tok.text.split("-", 1)
        if right[:1].islower() and resolve_alias(left, lang):  # "IS-ledaren Abu ..." (leader of IS)
            alias_tok = Tok(left, first_tok.start, first_tok.start + len(left))
            head_found = classify(text, Span([alias_tok]), lex, lang)
            rest = [
                f
                for sub in trim_span(Span(span.toks[1:], cue_before=right), lex)
                for f in classify_split(text, sub, lex, lang)
            ]
            return ([head_found] if head_found else []) + rest
    if len(span.toks) >= 2:
        head = text[span.toks[0].start : span.toks[0].end]
        if resolve_alias(head, lang) and not resolve_alias(text[span.start : span.end], lang):
            first = classify(text, Span(span.toks[:1], span.cue_before, span.sentence_initial), lex, lang)
            rest = [
                f for sub in trim_span(Span(span.toks[1:]), lex) for f in classify_split(text, sub, lex, lang)
            ]
            return ([first] if first else []) + rest
    if (
        len(span.toks) >= 2
        and span.toks[0].low in lex.compass_words
        and span.toks[-1].low.rstrip(".") not in lex.street_words  # "South <X> Trail" is a street
    ):
        whole = text[span.start : span.end]
        # "Southern <X> Police": the town is "Southern <X>" itself (left to the head loop below)
        named = any(
            town_named(text[span.start : span.toks[k - 1].end], 0) for k in range(2, len(span.toks) + 1)
        )
        if not named and not gaz.lookup(whole) and not resolve_alias(whole, lang):
            for k in range(len(span.toks), 1, -1):  # "West <City> Home": the longest place after it
                sub = classify(text, Span(span.toks[1:k]), lex, lang)
                if sub and sub.kind == "place":
                    return [sub]
    tok = span.toks[0]
    after_comma = text[max(0, tok.start - 2) : tok.start] == ", "
    dotted = (
        after_comma and text[tok.end : tok.end + 1] == "." and tok.text + "." in gaz.gazetteer().state_abbrev
    )
    postal = (
        after_comma and tok.text.isupper() and len(tok.text) == 2 and tok.text in gaz.gazetteer().state_abbrev
    )
    if len(span.toks) == 1 and (dotted or postal):
        return []  # "Springfield, Ill.", "Springfield, IL": the state is context for the town
    found = classify(text, span, lex, lang)
    street = span.toks[-1].low.rstrip(".") in lex.street_words  # "<Name> Avenue" is a street, not a town
    if found and found.kind in ("org", "misc") and len(span.toks) >= 2 and not street:
        for k in range(len(span.toks) - 1, 0, -1):  # "Memphis Police Department": Memphis is a place
            head_span = Span(span.toks[:k])
            head_text = text[head_span.start : head_span.end]
            if span.toks[k].text.islower():
                continue  # "Défense civile": a lower-case word finishing an institution's name
            served = span.toks[k].low in lex.town_institutions  # "<town> Police": even a common word
            if (head_text.lower() in lex.common_words and not served) or (
                any(t.low in lex.org_heads for t in head_span.toks) and not town_named(head_text)
            ):
                continue
            if k == 1 and (len(head_text) < 3 or head_span.toks[0].low in lex.connectors):
                continue  # "Al <Name> Front": a particle, not the Norwegian town
            if head_span.toks[-1].low in lex.institution_adjectives:
                continue  # "Federal Police", "National Guard": the institution's adjective, not a town
            if k == 1 and prefixed_name(span, lex):
                continue  # "Fort <X>": the prefix word alone is not the town
            entries = gaz.lookup(head_text)
            key = gaz.loose_key(head_text)
            local = span.toks[k].low in lex.place_modifiers  # "<town> Police Department": any town
            if any(
                gaz.is_primary(e, key) and (local or e.population >= 10000 or e.precision != "town")
                for e in entries
            ):
                return [
                    Found(
                        head_span.start, head_span.end, head_text, head_text, "place", None, "place", entries
                    ),
                    found,
                ]
    if found and found.kind == "misc" and len(span.toks) >= 2 and not prefixed_name(span, lex):
        for k in range(1, len(span.toks)):  # not "Fort <X>" -> <X>: that is another place
            tail = Span(span.toks[k:])
            sub = classify(text, tail, lex, lang)
            if sub and sub.kind == "place" and name_before(span.toks[:k], lex):
                continue  # "<Given> <Surname>": the surname is no town, even a big one
            if sub and _town_only(sub) and not all(_cue_word(t.low, lex) for t in span.toks[:k]):
                continue  # "<Name> Street", "<Name> Gap", "<Unknown given name> <Surname>": not the town
            if sub and sub.kind != "misc":
                return [sub]
    return [found] if found else []


def _surname_shaped(lows: list[str], lex: Lexicon) -> bool:
    """"<Given> <Surname>" after a place head is a person ("исполкома города Тимура Петрова": the head of
    the city's executive, a man): two or three words, the last with a surname ending of the language, the
    first no adjective ("Нижний Новгород" is a town)."""
    return (
        2 <= len(lows) <= 3
        and bool(lex.surname_endings)
        and lows[-1].endswith(lex.surname_endings)
        and not lows[0].endswith(lex.adjective_endings or ("\0",))
    )
