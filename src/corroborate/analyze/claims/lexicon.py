"""Claim words per language, read once per language from the lexicon's claim sections."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from corroborate.text.lexicon import common_words, load_lexicon, load_part
from corroborate.text.tokens import PhraseMatcher

_WINDOW = 7  # tokens between a count and its slot cue
_TOLL_WINDOW = 20  # the same for a count right after a toll verb ("the death toll ... rose to 45")
_QUOTES = set("\"“”«»„‟❝❞") | {"''"}
_DASHES = {"-", "–", "—"}
_NAME_PUNCT = {"-", "'", "’", "."}  # may sit inside a source name (al-Karimi, U.S.)
_CLAUSE_JOINERS = common_words("clause_joiners")
_NO_TOTAL = {"soldiers", "fighters", "attackers"}  # groups not counted in the toll of people killed/hurt
_CIVILIAN_GROUPS = {"civilians", "children", "women"}  # with a nationality still part of the toll


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
    verb_bracket: bool = False  # the participle closes the clause after its auxiliary ("wurde ... getötet")
    partitive_pronouns: PhraseMatcher | None = None
    load_before: PhraseMatcher | None = None  # "a boat carrying 40 passengers": who was aboard, no fate
    severity: PhraseMatcher | None = None  # "seriously", "grièvement": a degree of harm, a part of the injured
    name_rewrites: tuple[tuple[str, str], ...] = ()
    np_links: PhraseMatcher | None = None  # "officials in <Town>", "polisdistriktet i <Stad>": a name inside a source
    roles: PhraseMatcher | None = None
    at_least_after: PhraseMatcher | None = None  # "15 civilians at least": a lower bound after the noun
    list_joiners: PhraseMatcher | None = None  # "and", "as well as": a list goes on after them
    agents_after: PhraseMatcher | None = None  # "six officers opened fire": the people who shot, no victims
    genitive_preps: PhraseMatcher | None = None  # "of", "von", "de" (entities.genitive_preps): "Image 3 of 4"
    others: PhraseMatcher | None = None  # "three others were shot": people beside those already named
    kin_of: PhraseMatcher | None = None  # "father of five": the count is the family, not victims


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
        severity=pm(_set(cl.get("severity", []))),
        load_before=pm(_set(cl.get("load_before", []))),
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
        verb_bracket=bool(cl.get("verb_bracket", False)),
        partitive_pronouns=pm(_set(cl.get("partitive_pronouns", []))),
        name_rewrites=tuple((a, b) for a, b in at.get("name_prefix_rewrites", [])),
        np_links=pm(_set(at.get("np_links", []))),
        roles=pm({k: (v or "") for k, v in cl.get("role_nouns", {}).items()}),
        at_least_after=pm(_set(cl.get("at_least_after", []))),
        list_joiners=pm(_set(cl.get("single", {}).get("list_joiners", []))),
        others=pm(_set(cl.get("others", []))),
        kin_of=pm(_set(cl.get("kin_of", []))),
        agents_after=pm(_set(cl.get("agents_after", []))),
        genitive_preps=pm(_set((load_part(lang, "entities") or {}).get("genitive_preps", []))),
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


