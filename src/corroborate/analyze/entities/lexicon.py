"""Entity lexicons per language (cue words, stopwords, given names) and the alias table of well-known
organisations, groups and countries. Lexicons: data/lang/<code>/entities.json; aliases:
data/aliases/entities.json plus the country names of the gazetteer."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from corroborate import geo as gaz
from corroborate.text.lexicon import load_part

ARABIC = re.compile(r"[\u0600-\u06FF]")
_LANGS = ("en", "sv", "de", "es", "fr", "ru", "ar")


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class Lexicon:
    lang: str
    stopwords: frozenset[str]
    connectors: frozenset[str]
    connectors_inner_only: frozenset[str]
    person_before: frozenset[str]
    person_after: frozenset[str]
    org_heads: frozenset[str]
    place_preps: frozenset[str]
    place_heads: frozenset[str]
    province_heads: frozenset[str]
    district_heads: frozenset[str]
    common_words: frozenset[str]
    inflection_suffixes: tuple[str, ...]
    street_words: frozenset[str]
    clitic_prefixes: tuple[str, ...]
    capitalised_nouns: bool
    noun_suffixes: tuple[str, ...]
    street_glued: bool
    locative_preps: frozenset[str]
    compass_words: frozenset[str] = frozenset()
    place_modifiers: frozenset[str] = frozenset()  # "<town> man", "<town> police": the town is a place
    compound_attributes: frozenset[str] = frozenset()  # "<town>-based": the town describes someone, no venue
    family_modifiers: frozenset[str] = frozenset()  # after "the" these follow a family name ("the X home")
    family_articles: frozenset[str] = frozenset()
    definite_articles: frozenset[str] = frozenset()  # "the X said": an institution, not a person
    weak_place_preps: frozenset[str] = frozenset()  # "of", "to": also before people, so a weak place cue
    # "of", "de", "von": as often before a person as before a place ("a friend of X"), so no cue for a name
    # that is also a common word
    genitive_preps: frozenset[str] = frozenset()
    # "St." -> "Saint": abbreviations that start town names ("St. Louis", "Sta. Cruz", "St. Gallen")
    name_abbreviations: tuple[tuple[str, str], ...] = ()
    # words that start multi-word town names ("Fort", "Bad", "San"): the rest alone is another place
    name_prefixes: frozenset[str] = frozenset()
    # a town's own services ("<town> police", "Polizei <town>"): the name beside them is the town
    town_institutions: frozenset[str] = frozenset()
    language_names: frozenset[str] = frozenset()  # "Arabic", "Englisch": never an entity on their own
    # compound titles of compounding languages ("Bundestrainer", "utrikesministern"): a person cue
    title_suffixes: tuple[str, ...] = ()
    # lower-case adjectives that finish an institution's name ("la Protection civile")
    org_adjectives: frozenset[str] = frozenset()
    # "<Name>, a local journalist": nouns of an apposition that make the name a person's
    person_nouns: frozenset[str] = frozenset()
    # (ending, replacement) turning a demonym into its country's name ("Kenyan" -> "Kenya")
    demonym_endings: tuple[tuple[str, str], ...] = ()
    # institution words written in lower case before a capitalised name ("ministère de la Défense")
    lowercase_org_heads: frozenset[str] = frozenset()
    institution_adjectives: frozenset[str] = frozenset()  # "National" in "National Police" (before the head)
    trailing_org_heads: frozenset[str] = frozenset()  # "Верховный суд": the institution word after its name
    adjective_endings: tuple[str, ...] = ()  # "районный": a lower-case adjective between them
    surname_endings: tuple[str, ...] = ()
    construct_breaking_prefixes: tuple[str, ...] = ()  # "لل", "بال": a word so prefixed is no name in construct  # "-ова", "-ского": the last word of a person's name
    # words of person_after that follow any subject ("ist", "was", "has"): no speech, so no person cue
    person_after_weak: frozenset[str] = frozenset()
    # common nouns and page words ("Section", "Salud"): capitalised alone with no cue, never a name
    plain_nouns: frozenset[str] = frozenset()


def read_json(relative: str) -> Any:
    path = resources.files("corroborate.data").joinpath(relative)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuntimeError(
            f"cannot read entity lexicon {relative}: {exc}; reinstall the package data"
        ) from exc


@cache
def lexicon(lang: str | None) -> Lexicon:
    """The entity lexicon of a language; unknown languages use the union of the cased ones' cue lists
    with English stopwords."""
    code = (lang or "en").lower()[:2]
    if code not in _LANGS:
        merged: dict[str, Any] = {}
        for other in ("en", "sv", "de", "es", "fr"):
            for k, v in (load_part(other, "entities") or {}).items():
                # demonym endings are one language's morphology: no use in another
                if isinstance(v, list) and k not in ("stopwords", "demonym_endings"):
                    merged.setdefault(k, []).extend(v)
        merged["stopwords"] = (load_part("en", "entities") or {})["stopwords"]
        merged["inflection_suffixes"] = ["'s", "’s"]
        data, code = merged, "xx"
    else:
        data = load_part(code, "entities") or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data.get(key, []))

    return Lexicon(
        lang=code,
        stopwords=words("stopwords"),
        connectors=words("connectors"),
        connectors_inner_only=words("connectors_inner_only"),
        person_before=words("person_before"),
        person_after=words("person_after"),
        org_heads=words("org_heads"),
        place_preps=words("place_preps"),
        place_heads=words("place_heads"),
        province_heads=words("province_heads"),
        district_heads=words("district_heads"),
        common_words=words("common_words"),
        inflection_suffixes=tuple(sorted(data.get("inflection_suffixes", []), key=len, reverse=True)),
        street_words=words("street_words"),
        clitic_prefixes=tuple(sorted(data.get("clitic_prefixes", []), key=len, reverse=True)),
        capitalised_nouns=bool(data.get("capitalised_nouns", False)),
        noun_suffixes=tuple(data.get("noun_suffixes", [])),
        street_glued=bool(data.get("street_glued", False)),
        locative_preps=words("locative_preps"),
        compass_words=words("compass_words"),
        place_modifiers=words("place_modifiers"),
        compound_attributes=words("compound_attributes"),
        family_modifiers=words("family_modifiers"),
        family_articles=words("family_articles"),
        definite_articles=words("definite_articles"),
        weak_place_preps=words("weak_place_preps"),
        genitive_preps=words("genitive_preps"),
        name_abbreviations=tuple((k.lower(), v) for k, v in data.get("name_abbreviations", {}).items()),
        name_prefixes=words("name_prefixes"),
        town_institutions=words("town_institutions"),
        language_names=words("language_names"),
        title_suffixes=tuple(w.lower() for w in data.get("title_suffixes", [])),
        org_adjectives=words("org_adjectives"),
        person_nouns=words("person_nouns"),
        demonym_endings=tuple((a, b) for a, b in data.get("demonym_endings", [])),
        lowercase_org_heads=words("lowercase_org_heads"),
        institution_adjectives=words("institution_adjectives") | words("org_adjectives"),
        trailing_org_heads=words("trailing_org_heads"),
        adjective_endings=tuple(data.get("adjective_endings", [])),
        surname_endings=tuple(data.get("surname_endings", [])),
        construct_breaking_prefixes=tuple(data.get("construct_breaking_prefixes", [])),
        person_after_weak=words("person_after_weak"),
        plain_nouns=words("plain_nouns"),
    )


@cache
def given_names() -> frozenset[str]:
    path = resources.files("corroborate.data").joinpath("gazetteer/given_names.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@cache
def quantity_words(lang: str) -> frozenset[str]:
    """Number words and vague quantities of a language ("Drei", "Several", "Mehrere"): they start noun
    phrases, never names. From the numbers lexicon (data/lang/<code>/numbers.json)."""
    from corroborate.text.lexicon import load_lexicon  # numbers is a heavier module; load on use

    numbers = load_lexicon(lang).get("numbers", {})
    words = [*numbers.get("words", {}), *numbers.get("vague", {})]
    return frozenset(w.lower() for w in words if " " not in w and len(w) >= 3)


@cache
def person_nouns(lang: str) -> frozenset[str]:
    """Nouns for people ("Residents", "Жители", "Civilians"): the head of a noun phrase before a name
    ("Residents of <Town>"), never a name. The language's person_nouns and the counted persons of the
    numbers lexicon (data/lang/<code>/numbers.json)."""
    from corroborate.text.lexicon import load_lexicon

    counted = load_lexicon(lang).get("claims", {}).get("persons", {})
    return frozenset(w.lower() for w in counted if " " not in w) | lexicon(lang).person_nouns


@cache
def not_entities() -> frozenset[str]:
    """Acronyms and words that are never an entity on their own ("URL", "EST", "CEO"): data/aliases/
    not_entities.json, matched with their case."""
    return frozenset(read_json("aliases/not_entities.json")["acronyms"])


# --------------------------------------------------------------------------- aliases


@dataclass(frozen=True)
class _AliasTable:
    exact: dict[str, tuple[str, str]]  # case-sensitive short acronyms ("IS", "US")
    loose: dict[str, tuple[str, str]]  # loose_key -> (canonical, kind)


@cache
def _aliases() -> _AliasTable:
    exact: dict[str, tuple[str, str]] = {}
    loose: dict[str, tuple[str, str]] = {}
    for entry in read_json("aliases/entities.json")["entries"]:
        value = (entry["canonical"], entry["kind"])
        for surface in [entry["canonical"], *entry["aliases"]]:
            if surface.isupper() and len(surface.replace(".", "")) <= 3:
                exact[surface] = value
            else:
                loose.setdefault(gaz.loose_key(surface), value)
    for row in gaz._tsv_rows(gaz._data_dir() / "countries.tsv"):
        canonical = row[1].split("|")[0]
        for cell in row[1:]:
            for surface in cell.split("|"):
                if surface:
                    loose.setdefault(gaz.loose_key(surface), (canonical, "place"))
    return _AliasTable(exact, loose)


def exact_alias(surface: str) -> bool:
    """Whether `surface` is a short capitalised alias matched only with its case ("IS", "US")."""
    return surface in _aliases().exact


def resolve_alias(surface: str, lang: str | None) -> tuple[str, str] | None:
    """(canonical name, kind) of a well-known organisation, country or group from the alias data,
    trying the language's genitive/inflection endings ("USA:s" -> USA, "Syriens" -> Syria)."""
    table = _aliases()
    for form in base_forms(surface.strip(), lang):
        if form in table.exact:
            return table.exact[form]
        if form.isupper() and len(form.replace(".", "")) <= 3:
            continue  # "IS" must not resolve through the loose table as "is"
        hit = table.loose.get(gaz.loose_key(form))
        if hit:
            return hit
    return None


def base_forms(surface: str, lang: str | None) -> list[str]:
    """The surface and its forms without the language's inflection endings, longest ending first."""
    forms = [surface]
    if ARABIC.search(surface):
        for prefix in lexicon("ar").clitic_prefixes:
            if surface.startswith(prefix) and len(surface) - len(prefix) >= 3:
                forms.append(surface[len(prefix) :])
        return forms
    for suffix in lexicon(lang).inflection_suffixes:
        if surface.endswith(suffix) and len(surface) - len(suffix) >= 3:
            forms.append(surface[: -len(suffix)])
    return forms
