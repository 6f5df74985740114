"""Named entities without an NER model: capitalised spans, cue words, aliases and the gazetteer.

Cased scripts: sequences of capitalised tokens (with lower-case connectors such as al-, bin, de,
von, "of") are trimmed of stopwords and cue words, then typed by evidence in this order: alias
list, organisation head words and acronyms, person cues (titles before, said-verbs after, given
names, Arabic name particles), the gazetteer (with a preposition cue for ambiguous towns).
Caseless scripts (Arabic): alias and gazetteer n-grams, title cues ("الرئيس", "المتحدث") and
names already found in the article. Person mentions that match by `same_name` (a surname alone
included) share the canonical of the fullest form. Lexicons: data/gazetteer/lang/<lang>.json.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from corroborate.analyze import places as gaz
from corroborate.analyze.names import name_key, same_name
from corroborate.analyze.places_datelines import datelines, is_dateline
from corroborate.analyze.places_support import (
    SentenceIndex,
    Support,
    article_country,
    nearby_country,
    needs_cue,
)
from corroborate.analyze.sentences import split as split_sentences
from corroborate.model import Analysis, Article, EntityKind, Mention, Place

_TOKEN = re.compile(r"(?:[^\W\d_]{1,2}\.){2,}|[^\W_](?:[\w]|[-'’:](?=\w))*")
_ELISION = re.compile(r"^(?:[ldjmnst]|qu)['’](?=[^\W\d_])", re.I)  # French/Italian l'État, d'Orléans
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_ARABIC_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_NAME_PARTICLE = re.compile(
    r"^(?:al|el|ad|ar|as|ash|at|az|an|ibn|bin|abu|abou|ben|аль|ад|ар|ас|аш|ат|аз|ан|ибн|бин|абу)[-'’]", re.I
)
_ARABIC_NAME_TOKENS = frozenset({"al", "el", "bin", "ibn", "abu", "abou", "bint", "аль", "ибн", "абу", "бин"})
_ACRONYM = re.compile(r"^(?:[A-ZА-Я]{2,6}|(?:[A-Z]\.){2,4})$")
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
    family_modifiers: frozenset[str] = frozenset()  # after "the" these follow a family name ("the X home")
    family_articles: frozenset[str] = frozenset()
    definite_articles: frozenset[str] = frozenset()  # "the X said": an institution, not a person
    weak_place_preps: frozenset[str] = frozenset()  # "of", "to": also before people, so a weak place cue


def _read_json(relative: str) -> Any:
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
            for k, v in _read_json(f"gazetteer/lang/{other}.json").items():
                if isinstance(v, list) and k != "stopwords":
                    merged.setdefault(k, []).extend(v)
        merged["stopwords"] = _read_json("gazetteer/lang/en.json")["stopwords"]
        merged["inflection_suffixes"] = ["'s", "’s"]
        data, code = merged, "xx"
    else:
        data = _read_json(f"gazetteer/lang/{code}.json")

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
        family_modifiers=words("family_modifiers"),
        family_articles=words("family_articles"),
        definite_articles=words("definite_articles"),
        weak_place_preps=words("weak_place_preps"),
    )


@cache
def given_names() -> frozenset[str]:
    path = resources.files("corroborate.data").joinpath("gazetteer/given_names.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


# --------------------------------------------------------------------------- aliases


@dataclass(frozen=True)
class _AliasTable:
    exact: dict[str, tuple[str, str]]  # case-sensitive short acronyms ("IS", "US")
    loose: dict[str, tuple[str, str]]  # loose_key -> (canonical, kind)


@cache
def _aliases() -> _AliasTable:
    exact: dict[str, tuple[str, str]] = {}
    loose: dict[str, tuple[str, str]] = {}
    for entry in _read_json("aliases/entities.json")["entries"]:
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


def resolve_alias(surface: str, lang: str | None) -> tuple[str, str] | None:
    """(canonical name, kind) of a well-known organisation, country or group from the alias data,
    trying the language's genitive/inflection endings ("USA:s" -> USA, "Syriens" -> Syria)."""
    table = _aliases()
    for form in _base_forms(surface.strip(), lang):
        if form in table.exact:
            return table.exact[form]
        if form.isupper() and len(form.replace(".", "")) <= 3:
            continue  # "IS" must not resolve through the loose table as "is"
        hit = table.loose.get(gaz.loose_key(form))
        if hit:
            return hit
    return None


def _base_forms(surface: str, lang: str | None) -> list[str]:
    """The surface and its forms without the language's inflection endings, longest ending first."""
    forms = [surface]
    if _ARABIC.search(surface):
        for prefix in lexicon("ar").clitic_prefixes:
            if surface.startswith(prefix) and len(surface) - len(prefix) >= 3:
                forms.append(surface[len(prefix) :])
        return forms
    for suffix in lexicon(lang).inflection_suffixes:
        if surface.endswith(suffix) and len(surface) - len(suffix) >= 3:
            forms.append(surface[: -len(suffix)])
    return forms


# --------------------------------------------------------------------------- spans


@dataclass
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


def _tokens(text: str) -> list[_Tok]:
    toks = []
    for m in _TOKEN.finditer(text):
        word, start = m.group(), m.start()
        elided = _ELISION.match(word)
        if elided:
            toks.append(_Tok(word[: elided.end()], start, start + elided.end()))
            word, start = word[elided.end() :], start + elided.end()
        toks.append(_Tok(word, start, m.end()))
    return toks


def _is_cap(tok: str) -> bool:
    first = tok[0]
    if first.isupper():
        return True
    return bool(_NAME_PARTICLE.match(tok)) and any(c.isupper() for c in tok[2:5])


def _caseless(tok: str) -> bool:
    first = tok[0]
    return first.isalpha() and not first.isupper() and not first.islower()


@dataclass
class _Span:
    toks: list[_Tok]
    cue_before: str | None = None  # the cue word stripped from the front ("President")
    sentence_initial: bool = False

    @property
    def start(self) -> int:
        return self.toks[0].start

    @property
    def end(self) -> int:
        return self.toks[-1].end


def _gap_ok(text: str, a: _Tok, b: _Tok) -> bool:
    gap = text[a.end : b.start]
    return gap in (" ", "\u00a0") or gap == "-" or (gap.strip() == "" and "\n" not in gap and len(gap) <= 2)


def _cased_spans(text: str, toks: list[_Tok], lex: Lexicon, sent_starts: set[int]) -> list[_Span]:
    spans: list[_Span] = []
    i = 0
    n = len(toks)
    while i < n:
        if not _is_cap(toks[i].text) or _caseless(toks[i].text):
            i += 1
            continue
        j = i + 1
        while j < n and _gap_ok(text, toks[j - 1], toks[j]) and not toks[j - 1].text.endswith(("'s", "’s")):
            t = toks[j].text
            if _is_cap(t):
                j += 1
            elif (
                t.lower() in lex.connectors
                and j + 1 < n
                and _is_cap(toks[j + 1].text)
                and _gap_ok(text, toks[j], toks[j + 1])
            ):
                j += 2
            else:
                break
        spans.extend(_trim(_Span(toks[i:j], sentence_initial=toks[i].start in sent_starts), lex))
        i = j
    return spans


def _trim(span: _Span, lex: Lexicon) -> list[_Span]:
    """Drop stopwords and cue words at the edges; split at inner-only connectors ("and") unless the
    span is an organisation name ("Ministry of Health and Welfare")."""
    toks = span.toks
    cue = span.cue_before
    while toks and (toks[0].low in lex.stopwords or toks[0].low in lex.person_before):
        if toks[0].low in lex.person_before:
            cue = toks[0].text
        elif toks[0].low in lex.stopwords:
            cue = None
        toks = toks[1:]
        span.sentence_initial = False
    while toks and (toks[-1].low in lex.stopwords or toks[-1].low in lex.connectors):
        toks = toks[:-1]
    if not toks:
        return []
    if not any(t.low in lex.org_heads for t in toks):
        parts: list[list[_Tok]] = [[]]
        for t in toks:
            if t.low in lex.connectors_inner_only:
                parts.append([])
            else:
                parts[-1].append(t)
        if len(parts) > 1:
            out: list[_Span] = []
            for k, p in enumerate(parts):
                if p and _is_cap(p[0].text):
                    out.extend(
                        _trim(_Span(p, cue if k == 0 else None, span.sentence_initial and k == 0), lex)
                    )
            return out
    return [_Span(toks, cue, span.sentence_initial)]


# --------------------------------------------------------------------------- typing


@dataclass
class _Found:
    start: int
    end: int
    text: str
    base: str  # the surface without inflection endings
    kind: EntityKind
    canonical: str | None
    evidence: str  # alias, org, person, place, misc (for later merging)
    candidates: list[gaz.GazEntry] | None = None


def _prev_words(text: str, start: int, k: int = 3) -> list[str]:
    words = re.findall(r"[\w.'’-]+", text[max(0, start - 60) : start])
    return [w.lower().rstrip(".") for w in words[-k:]]


def _next_words(text: str, end: int, k: int = 2) -> list[str]:
    words = re.findall(r"[\w'’-]+", text[end : end + 50])
    return [w.lower() for w in words[:k]]


def _following_admin(text: str, end: int) -> str | None:
    """A state/country written right after a place ("Gary, Ind." / "Gary, Indiana") as its full name."""
    m = re.match(
        r",\s*((?:[A-Z][a-z]{0,3}\.\s?)+|[A-Z]{2}\b|[A-Z][\w]+(?:\s[A-Z][\w]+)?)", text[end : end + 40]
    )
    if not m:
        return None
    raw = m.group(1).strip()
    g = gaz.gazetteer()
    if raw in g.state_abbrev:
        return g.state_abbrev[raw]
    if raw.rstrip(".") + "." in g.state_abbrev:
        return g.state_abbrev[raw.rstrip(".") + "."]
    entries = g.lookup(raw)
    if any(e.precision in ("province", "country") for e in entries):
        return raw
    return None


def _prev_skipping_compass(text: str, start: int, lex: Lexicon, k: int) -> list[str]:
    """The k words before `start`, compass words right before it left out ("in southwest <town>")."""
    prev = _prev_words(text, start, k + 2)
    while prev and prev[-1] in lex.compass_words:
        prev = prev[:-1]
    return prev[-k:] if prev else []


def _locative(text: str, start: int, lex: Lexicon) -> bool:
    prev = _prev_skipping_compass(text, start, lex, 2)
    if not prev:
        return False
    gap = text[max(0, start - 3) : start]
    if any(c in gap for c in ",.;:\n"):
        return False
    return prev[-1] in lex.locative_preps or " ".join(prev[-2:]) in lex.locative_preps


def _place_cue(text: str, start: int, end: int, lex: Lexicon) -> bool:
    prev = _prev_skipping_compass(text, start, lex, 3)
    nxt = _next_words(text, end, 1)
    if prev and (prev[-1] in lex.place_preps or prev[-1] in lex.place_heads):
        return True
    if len(prev) >= 2 and " ".join(prev[-2:]) in lex.place_preps:
        return True
    return bool(nxt and nxt[0] in lex.place_heads)


def strong_place_cue(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """A cue that the name at text[start:end] is a place whatever else it could be: a locative
    preposition ("in", "near"; not "of" or "to", which also come before people), a place head word
    ("the village of X", "X province") or a state/country after a comma."""
    prev = _prev_skipping_compass(text, start, lex, 3)
    nxt = _next_words(text, end, 1)
    if prev:
        two = " ".join(prev[-2:])
        if prev[-1] in lex.place_heads or (len(prev) >= 2 and two in lex.place_preps):
            return True
        if prev[-1] in lex.place_preps and prev[-1] not in lex.weak_place_preps:
            gap = text[max(0, start - 3) : start]
            return not any(c in gap for c in ",.;:\n")
        if prev[-1] in lex.weak_place_preps and len(prev) >= 2 and prev[-2] in lex.place_heads:
            return True  # "the village of X"
        if prev[-1] in lex.weak_place_preps and re.search(r",\s*\w+\s*$", text[max(0, start - 12) : start]):
            return True  # "<name>, 49, of X": where a person is from
    if nxt and (nxt[0] in lex.place_heads or nxt[0] in lex.place_modifiers):
        return True  # "X province", "X police", "a X man"
    return _following_admin(text, end) is not None


def _head_cue(text: str, span: _Span, lex: Lexicon) -> bool:
    """A place head word before the span: "the village of X", "das Dorf X", "la aldea de X"."""
    prev = _prev_words(text, span.start, 2)
    gap = text[max(0, span.start - 3) : span.start]
    if prev and not any(c in gap for c in ",.;:\n"):
        if prev[-1] in lex.place_heads:
            return True
        if len(prev) == 2 and prev[-1] in lex.weak_place_preps and prev[-2] in lex.place_heads:
            return True
    return False  # "X state" after the name is too often "Syrian state media"


def _in_person_name(text: str, span: _Span, lex: Lexicon) -> bool:
    """Whether the span is (part of) a person's name by its form: a lone Arabic-style name with its
    particle ("al-X", "Abu-X"), or a name right after "Abu"/"bin"/a title/a given name."""
    toks = span.toks
    if len(toks) == 1 and _NAME_PARTICLE.match(toks[0].text):
        return True
    prev = _prev_words(text, span.start, 1)
    if not prev or text[max(0, span.start - 2) : span.start].strip(" -"):
        return False
    before = text[max(0, span.start - 40) : span.start].rstrip(" -")
    capitalised = bool(re.search(r"(?:^|\s)[A-ZÀ-Þ][\w'’]*$", before))
    return (
        prev[-1] in _ARABIC_NAME_TOKENS
        or capitalised
        and (prev[-1] in given_names() or prev[-1] in lex.person_before)
    )


def _classify(text: str, span: _Span, lex: Lexicon, article_lang: str | None) -> _Found | None:
    surface = text[span.start : span.end]
    toks = span.toks
    lows = [t.low for t in toks]
    forms = _base_forms(surface, article_lang)
    alias = None
    base = surface
    for form in forms:
        alias = resolve_alias(form, article_lang)
        if alias:
            base = form
            break
    if alias:
        return _Found(span.start, span.end, surface, base, alias[1], alias[0], "alias")  # type: ignore[arg-type]

    if forms[-1] != surface and forms[-1][-1:] not in ("'", "’") and surface[-2:] in ("'s", "’s", ":s"):
        base = forms[-1]
    elif surface.endswith(("'s", "’s", ":s")):
        base = surface[:-2]
    prev = _prev_words(text, span.start, 2)
    nxt = _next_words(text, span.end, 2)
    person_cue = span.cue_before is not None or bool(prev and prev[-1] in lex.person_before)
    said_cue = bool(nxt) and (nxt[0] in lex.person_after or " ".join(nxt) in lex.person_after)

    if (
        len(toks) >= 2
        and lows[-1] in lex.org_heads
        or any(t in lex.org_heads for t in lows[:-1])
        and len(toks) >= 2
    ):
        return _Found(span.start, span.end, surface, base, "org", None, "org")
    if len(toks) == 1 and _ACRONYM.match(toks[0].text) and not person_cue:
        entries = gaz.lookup(toks[0].text)
        if not any(e.precision in ("country", "province") for e in entries):
            return _Found(span.start, span.end, surface, base, "org", None, "org")

    first_given = lows[0] in given_names() and len(toks) >= 2
    arabic_style = (
        any(_NAME_PARTICLE.match(t.text) or t.low in _ARABIC_NAME_TOKENS for t in toks) and len(toks) >= 2
    )

    candidates: list[gaz.GazEntry] = []
    for form in dict.fromkeys([base, *forms]):
        key = gaz.loose_key(form)
        # a town known only by an alternate name must be big to count (exonyms of capitals, not homonyms)
        candidates = [e for e in gaz.lookup(form) if gaz.known_as(e, key, form)]
        if candidates:
            base = form
            break
    name_part = bool(candidates) and _in_person_name(text, span, lex)
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
        common = base.lower() in lex.common_words or base.lower() in lex.stopwords
        cue = _place_cue(text, span.start, span.end, lex) or _following_admin(text, span.end) is not None
        key = gaz.loose_key(base)
        big = any(
            e.population >= 100000 and (gaz.is_primary(e, key) or e.population >= 500000) for e in candidates
        )
        # a neighbourhood (it has a parent city) needs a cue like a town does
        broad = any(e.precision != "town" and e.parent is None and gaz.is_primary(e, key) for e in candidates)
        if not cue and not common and nxt and nxt[0] in lex.place_modifiers:
            # "a <town> man", "<town> police": not "the <family> home"
            family = nxt[0] in lex.family_modifiers and bool(prev) and prev[-1] in lex.family_articles
            cue = not family and any(e.precision in ("town", "district") for e in candidates)
        if cue or (broad and not common) or (big and not common and not said_cue):
            return _Found(span.start, span.end, surface, base, "place", None, "place", candidates)

    after_article = bool(prev) and prev[-1] in lex.definite_articles
    if len(toks) == 1 and lows[0] in lex.org_heads and after_article and not person_cue:
        return _Found(span.start, span.end, surface, base, "org", None, "org")  # "la Défense (civile)"
    institution = said_cue and after_article and not candidates
    if (
        said_cue
        and not (person_cue or first_given or arabic_style)
        and (institution or lows[-1] in lex.org_heads)
    ):
        return _Found(span.start, span.end, surface, base, "org", None, "org")
    if len(toks) <= 3 and not candidates and not (person_cue or first_given) and _head_cue(text, span, lex):
        # "the village of X was hit": a place the gazetteer lacks, whatever verb follows
        return _Found(span.start, span.end, surface, base, "place", None, "place", [])
    if person_cue or first_given or arabic_style or (said_cue and len(toks) <= 4):
        return _Found(span.start, span.end, surface, base, "person", None, "person")
    if len(toks) <= 2 and not candidates and (_locative(text, span.start, lex) or _head_cue(text, span, lex)):
        # "in <unknown town>": a place the gazetteer lacks (small villages); kept without coordinates
        return _Found(span.start, span.end, surface, base, "place", None, "place", [])
    if len(toks) >= 2:
        return _Found(span.start, span.end, surface, base, "misc", None, "misc")
    # a lone capitalised word with no evidence: keep it only where capitals are informative
    if span.sentence_initial:  # kept only if it turns out to be a known person's surname
        return _Found(span.start, span.end, surface, base, "misc", None, "initial")
    if lex.capitalised_nouns and (
        (prev and prev[-1] in lex.stopwords) or lows[0].endswith(lex.noun_suffixes)
    ):
        return None
    if lows[0] in lex.stopwords or len(base) < 2:
        return None
    return _Found(span.start, span.end, surface, base, "misc", None, "misc")


def _name_before(toks: list[_Tok], lex: Lexicon) -> bool:
    """Whether these tokens, right before a name, make it part of a person's name (given name,
    title, Arabic name particle)."""
    return any(
        t.low in given_names()
        or t.low.rstrip(".") in lex.person_before
        or t.low in _ARABIC_NAME_TOKENS
        or _NAME_PARTICLE.match(t.text)
        for t in toks
    )


def _classify_split(text: str, span: _Span, lex: Lexicon, lang: str | None) -> list[_Found]:
    """Classify a span; a leading alias/country ("США <name>", "Kremlin aide ...") is split
    off, a trailing US state abbreviation after a comma is skipped, and an untyped multi-word span
    falls back to its shorter tails ("Provinz Hama" -> Hama)."""
    first_tok = span.toks[0]
    if "-" in first_tok.text and len(span.toks) >= 2:
        left, right = first_tok.text.split("-", 1)
        if right[:1].islower() and resolve_alias(left, lang):  # "IS-ledaren Abu ..." (leader of IS)
            alias_tok = _Tok(left, first_tok.start, first_tok.start + len(left))
            head_found = _classify(text, _Span([alias_tok]), lex, lang)
            rest = [
                f
                for sub in _trim(_Span(span.toks[1:], cue_before=right), lex)
                for f in _classify_split(text, sub, lex, lang)
            ]
            return ([head_found] if head_found else []) + rest
    if len(span.toks) >= 2:
        head = text[span.toks[0].start : span.toks[0].end]
        if resolve_alias(head, lang) and not resolve_alias(text[span.start : span.end], lang):
            first = _classify(text, _Span(span.toks[:1], span.cue_before, span.sentence_initial), lex, lang)
            rest = [
                f for sub in _trim(_Span(span.toks[1:]), lex) for f in _classify_split(text, sub, lex, lang)
            ]
            return ([first] if first else []) + rest
    if len(span.toks) >= 2 and span.toks[0].low in lex.compass_words:
        whole = text[span.start : span.end]
        if not gaz.lookup(whole) and not resolve_alias(whole, lang):
            for k in range(len(span.toks), 1, -1):  # "West <City> Home": the longest place after it
                sub = _classify(text, _Span(span.toks[1:k]), lex, lang)
                if sub and sub.kind == "place":
                    return [sub]
    tok = span.toks[0]
    after_comma = text[max(0, tok.start - 2) : tok.start] == ", " and text[tok.end : tok.end + 1] == "."
    if len(span.toks) == 1 and after_comma and tok.text + "." in gaz.gazetteer().state_abbrev:
        return []  # "Springfield, Ill.": the state is context for the town, not a mention of its own
    found = _classify(text, span, lex, lang)
    street = span.toks[-1].low.rstrip(".") in lex.street_words  # "<Name> Avenue" is a street, not a town
    if found and found.kind in ("org", "misc") and len(span.toks) >= 2 and not street:
        for k in range(len(span.toks) - 1, 0, -1):  # "Memphis Police Department": Memphis is a place
            head_span = _Span(span.toks[:k])
            head_text = text[head_span.start : head_span.end]
            if head_text.lower() in lex.common_words or any(t.low in lex.org_heads for t in head_span.toks):
                continue
            if k == 1 and (len(head_text) < 3 or head_span.toks[0].low in lex.connectors):
                continue  # "Al <Name> Front": a particle, not the Norwegian town
            entries = gaz.lookup(head_text)
            key = gaz.loose_key(head_text)
            local = span.toks[k].low in lex.place_modifiers  # "<town> Police Department": any town
            if any(
                gaz.is_primary(e, key) and (local or e.population >= 10000 or e.precision != "town")
                for e in entries
            ):
                return [
                    _Found(
                        head_span.start, head_span.end, head_text, head_text, "place", None, "place", entries
                    ),
                    found,
                ]
    if found and found.kind == "misc" and len(span.toks) >= 2:
        for k in range(1, len(span.toks)):
            tail = _Span(span.toks[k:])
            sub = _classify(text, tail, lex, lang)
            if sub and sub.kind == "place" and _name_before(span.toks[:k], lex):
                continue  # "<Given> <Surname>": the surname is no town, even a big one
            if sub and sub.kind != "misc":
                return [sub]
    return [found] if found else []


# --------------------------------------------------------------------------- caseless (Arabic)


def _strip_clitic(word: str, lex: Lexicon) -> str:
    for prefix in lex.clitic_prefixes:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3 and prefix != "ال":
            return word[len(prefix) :]
    return word


def _caseless_found(text: str, toks: list[_Tok], lex: Lexicon) -> list[_Found]:
    found: list[_Found] = []
    i = 0
    n = len(toks)
    pending_cue = 0
    while i < n:
        if not _caseless(toks[i].text):
            i += 1
            continue
        hit = None
        for size in (4, 3, 2, 1):
            if i + size > n:
                continue
            words = [_ARABIC_DIACRITICS.sub("", t.text) for t in toks[i : i + size]]
            for first in dict.fromkeys([words[0], _strip_clitic(words[0], lex)]):
                phrase = " ".join([first, *words[1:]])
                alias = resolve_alias(phrase, "ar")
                if alias:
                    hit = _Found(
                        toks[i].start,
                        toks[i + size - 1].end,
                        text[toks[i].start : toks[i + size - 1].end],
                        phrase,
                        alias[1],
                        alias[0],
                        "alias",
                    )  # type: ignore[arg-type]
                    break
                prev_word = _strip_clitic(toks[i - 1].text, lex) if i else ""
                cued = prev_word in lex.place_preps or prev_word in lex.place_heads or first != words[0]
                entries = gaz.lookup(phrase)
                if entries and phrase not in lex.stopwords and phrase not in lex.common_words:
                    broad = any(e.precision != "town" for e in entries)
                    big = max(e.population for e in entries) >= 100000
                    if (broad and len(phrase) > 3) or cued or big:
                        hit = _Found(
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
            i += len(_TOKEN.findall(hit.text))
            continue
        word = _strip_clitic(toks[i].text, lex)
        if word in lex.person_before or toks[i].text in lex.person_before:
            pending_cue = i + 4  # the name may follow an organisation ("زعيم تنظيم داعش ...")
            i += 1
            continue
        if pending_cue > i and word not in lex.stopwords and word not in lex.org_heads:
            j = i
            # skip adjectives after a title ("الرئيس الأمريكي ...")
            while j < n and toks[j].text.startswith("ال") and toks[j].text.endswith("ي") and j < i + 2:
                j += 1
            name: list[_Tok] = []
            while j < n and _caseless(toks[j].text) and len(name) < 4:
                w = toks[j].text
                if (
                    w in lex.stopwords
                    or w in lex.person_after
                    or (name and not _gap_ok(text, name[-1], toks[j]))
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
            if name:
                surface = text[name[0].start : name[-1].end]
                found.append(_Found(name[0].start, name[-1].end, surface, surface, "person", None, "person"))
                i = j
                continue
        i += 1
    return found


# --------------------------------------------------------------------------- merging


def _merge_people(found: list[_Found], text: str) -> None:
    """Surname-only and differently spelled mentions of one person take the fullest form's name."""
    people = [f for f in found if f.kind == "person"]
    for f in found:  # a lone word that is a known person's surname is that person
        if f.kind == "misc" and " " not in f.base and len(f.base) >= 3:
            for p in people:
                if " " in p.base and same_name(p.base, f.base) >= 0.85:
                    f.kind = "person"
                    break
    surnames = {gaz.loose_key(p.base.split()[-1]) for p in people if " " in p.base}
    for f in found:  # "a friend of <surname>": a small town's name that is a person's surname here
        if (
            f.kind in ("place", "misc")
            and f.evidence in ("place", "misc")
            and gaz.loose_key(f.base) in surnames
            and all(e.precision in ("town", "district") and e.population < 100000 for e in f.candidates or ())
        ):
            f.kind = "person"
    people = [f for f in found if f.kind == "person"]
    forms = sorted({f.base for f in people}, key=lambda b: -len(b.split()))
    fullest: dict[str, str] = {}
    for base in forms:
        fullest[base] = next(
            (o for o in forms if len(o.split()) > len(base.split()) and same_name(o, base) >= 0.75), base
        )
    for f in people:
        f.canonical = fullest[f.base]


def _find(article: Article, analysis: Analysis) -> list[_Found]:
    text = article.text or ""
    lang = (analysis.lang or article.lang or "").lower()[:2] or None
    lex = lexicon(lang)
    toks = _tokens(text)
    spans_ = analysis.sentences or split_sentences(text)
    sent_starts = {s for s, _ in spans_}
    # tokens right after a line break or quote also start a sentence for capitalisation purposes
    for t in toks:
        before = text[max(0, t.start - 2) : t.start]
        if "\n" in before or before.endswith(("“", '"', "«", "„", "– ", "- ")):
            sent_starts.add(t.start)
    found: list[_Found] = []
    # aliases written with lower-case words ("État islamique", "Islamiska staten") extend a span
    extended: dict[int, _Found] = {}
    for i, tok in enumerate(toks):
        if not _is_cap(tok.text) or _caseless(tok.text):
            continue
        for size in (3, 2):
            if i + size <= len(toks) and not toks[i + size - 1].text[0].isupper():
                phrase = text[tok.start : toks[i + size - 1].end]
                alias = resolve_alias(phrase, lang) if "\n" not in phrase else None
                if alias:
                    extended[tok.start] = _Found(
                        tok.start,
                        toks[i + size - 1].end,
                        phrase,
                        phrase,
                        alias[1],  # type: ignore[arg-type]
                        alias[0],
                        "alias",
                    )
                    break
    skip_until = -1
    dated = _dateline_places(text, lex)
    found.extend(dated)
    for span in _cased_spans(text, toks, lex, sent_starts):
        if span.start < skip_until or any(d.start <= span.start < d.end for d in dated):
            continue
        hit = extended.get(span.start)
        if hit and hit.end > span.end:
            found.append(hit)
            skip_until = hit.end
            continue
        found.extend(_classify_split(text, span, lex, lang))
    if any(_caseless(t.text) for t in toks):
        found.extend(_caseless_found(text, toks, lexicon("ar") if lang in (None, "ar") else lex))
        found.extend(_seen_again(text, toks, found))
    found.sort(key=lambda f: f.start)
    _merge_people(found, text)
    return [f for f in found if not (f.evidence == "initial" and f.kind == "misc")]


def _dateline_places(text: str, lex: Lexicon) -> list[_Found]:
    """Towns written as a dateline ("GARY, Ind. (AP) —"): places whatever their size."""
    out = []
    for d in datelines(text):
        if d.name.lower() in lex.stopwords:
            continue
        key = gaz.loose_key(d.name)
        candidates = [
            e for e in gaz.lookup(d.name) if e.precision in ("town", "district") and gaz.is_primary(e, key)
        ]
        if candidates:
            out.append(_Found(d.start, d.end, d.name, d.name, "place", None, "place", candidates))
    return out


def _seen_again(text: str, toks: list[_Tok], found: list[_Found]) -> list[_Found]:
    """In caseless text, other occurrences of the last word of a person already found."""
    taken = {(f.start, f.end) for f in found}
    covered = [range(f.start, f.end) for f in found]
    extra: list[_Found] = []
    surnames = {f.base.split()[-1]: f for f in found if f.kind == "person" and _ARABIC.search(f.base)}
    for t in toks:
        for word in {t.text, t.text[1:] if t.text[:1] in "وبلف" else t.text}:
            if word in surnames and (t.start, t.end) not in taken and not any(t.start in r for r in covered):
                extra.append(_Found(t.start, t.end, t.text, word, "person", None, "person"))
    return extra


def _place_name(f: _Found) -> str | None:
    if f.kind != "place" or not f.candidates:
        return None
    entry = gaz.best(f.candidates, gaz.Context(admin1=set(), countries=set()), None, f.base)
    return entry.name if entry else None


def entities(article: Article, analysis: Analysis) -> None:
    """Pipeline component: fill `analysis.mentions` (people, organisations, places, groups, misc)."""
    analysis.mentions = [
        Mention(
            text=f.text,
            kind=f.kind,
            key=name_key(f.canonical or f.base),
            start=f.start,
            end=f.end,
            canonical=f.canonical or _place_name(f) or f.base,
        )
        for f in _find(article, analysis)
    ]


# --------------------------------------------------------------------------- places


_ADDRESS_EN = r"\b\d{1,6}\s+(?:block\s+of\s+)?(?:[A-Z][\w'.-]*\s+){1,3}(?:{words})\b\.?"
_ADDRESS_GLUED = r"\b[A-ZÅÄÖÜ][\wåäöüß-]*(?:{words})\s+\d{1,4}\b"


def _addresses(text: str, lex: Lexicon) -> Iterable[tuple[int, int]]:
    words = "|".join(sorted((re.escape(w.capitalize()) for w in lex.street_words), key=len, reverse=True))
    if not words:
        return []
    out = [m.span() for m in re.finditer(_ADDRESS_EN.replace("{words}", words), text)]
    if not lex.street_glued:
        return out
    glued = "|".join(sorted((re.escape(w) for w in lex.street_words), key=len, reverse=True))
    out += [m.span() for m in re.finditer(_ADDRESS_GLUED.replace("{words}", glued), text)]
    return out


def _locative_country(text: str, p: Place, lex: Lexicon) -> bool:
    """Whether a country mention names where something is ("in Syria", "northern Syria", "Syria's
    north-west") rather than an actor ("US forces", "the United States said")."""
    if strong_place_cue(text, p.start, p.end, lex):
        return True
    prev = _prev_words(text, p.start, 1)
    if prev and prev[-1] in lex.compass_words:
        return True
    after = _next_words(text, p.end, 1)
    if p.text.endswith(("'s", "’s")) or text[p.end : p.end + 2] in ("'s", "’s"):
        after = _next_words(text, p.end + (0 if p.text.endswith(("'s", "’s")) else 2), 1)
        return bool(after) and after[0] in lex.compass_words
    return False


def _province_named(text: str, f: _Found, lex: Lexicon) -> bool:
    nxt = _next_words(text, f.end, 1)
    prev = _prev_words(text, f.start, 1)
    last = f.text.split()[-1].lower() if f.text.split() else ""
    return bool(
        (nxt and nxt[0] in lex.province_heads)
        or (prev and prev[-1] in lex.province_heads)
        or last in lex.province_heads
    )


def _supported(
    text: str, lex: Lexicon, chosen: list[tuple[_Found, gaz.GazEntry]], ctx: gaz.Context
) -> tuple[list[Place], list[_Found]]:
    """Places for the geocoded mentions, keeping a small town in a country nothing else in the
    article points to only when it has a strong cue of its own (see places_support); such a town
    named with a strong cue right beside places of a country the article is about is taken to be
    a town of that country the gazetteer lacks (returned as unresolved)."""
    g = gaz.gazetteer()
    cued = {
        id(f): strong_place_cue(text, f.start, f.end, lex) or is_dateline(text, f.start, f.end)
        for f, _ in chosen
    }
    support = Support()
    for cc in ctx.countries:
        support.add(cc, "")
    minor: dict[int, bool] = {}
    for f, entry in chosen:
        key = gaz.loose_key(f.base)
        place = gaz.to_place(entry, f.text, f.start, f.end)
        minor[id(f)] = needs_cue(place, entry.population, gaz.is_primary(entry, key))
        if not minor[id(f)] or cued[id(f)]:
            support.add(entry.cc, key)
    out: list[Place] = []
    unresolved: list[_Found] = []
    for f, entry in chosen:
        key = gaz.loose_key(f.base)
        foreign = minor[id(f)] and support.any() and not support.from_others(entry.cc, key)
        if foreign and not cued[id(f)]:
            continue  # a bare mention of a small town in a country the article is not about
        if foreign and _beside_other_country(f, entry, chosen, minor, text):
            unresolved.append(f)
            continue
        out.append(gaz.to_place(entry, f.text, f.start, f.end))
        if entry.parent is not None:  # a neighbourhood also names its city
            out.append(gaz.to_place(g.entries[entry.parent], f.text, f.start, f.end))
    return out, unresolved


def _beside_other_country(
    f: _Found,
    entry: gaz.GazEntry,
    chosen: list[tuple[_Found, gaz.GazEntry]],
    minor: dict[int, bool],
    text: str,
) -> bool:
    """Whether a big town or a province of another country is named within ~200 characters in the
    same paragraph ("out of <town>, a town near <capital>")."""
    for other, e in chosen:
        if other is f or minor[id(other)] or not e.cc or e.cc == entry.cc or e.precision == "country":
            continue  # a country beside it is often an actor ("US strikes on X")
        lo, hi = sorted((f.end, other.start)) if other.start >= f.end else sorted((other.end, f.start))
        if hi - lo <= 200 and "\n\n" not in text[lo:hi]:
            return True
    return False


def _unwrap(f: _Found, lex: Lexicon) -> None:
    """Candidates for a place name the gazetteer lacks as written: without a place head word inside
    the span ("Hama Province", "Provinz Hama"), or without a possessive "s" whose apostrophe the
    scrape lost ("Syrias war") when what is left is a country, province or big town."""
    words = f.base.split()
    if len(words) >= 2 and words[-1].lower() in lex.place_heads:
        rest = " ".join(words[:-1])
    elif len(words) >= 2 and words[0].lower() in lex.place_heads:
        rest = " ".join(words[1:])
    elif len(words) == 1 and len(f.base) > 4 and f.base.endswith("s") and not f.base.endswith("ss"):
        rest = f.base[:-1]
        key = gaz.loose_key(rest)
        entries = [
            e
            for e in gaz.lookup(rest)
            if e.precision in ("country", "province") or gaz.is_primary(e, key) and e.population >= 100000
        ]
        if entries:
            f.candidates, f.base = entries, rest
        return
    else:
        return
    key = gaz.loose_key(rest)
    entries = [e for e in gaz.lookup(rest) if gaz.known_as(e, key, rest)]
    if entries:
        f.candidates, f.base = entries, rest


def find_places(article: Article, analysis: Analysis) -> list[Place]:
    """Geocode the place mentions of an article with its own context (see places.places)."""
    text = article.text or ""
    lang = (analysis.lang or article.lang or "").lower()[:2] or None
    lex = lexicon(lang)
    g = gaz.gazetteer()
    if analysis.mentions:
        found = [
            _Found(m.start, m.end, m.text, m.canonical or m.text, "place", m.canonical, "place")
            for m in analysis.mentions
            if m.kind == "place"
        ]
    else:
        found = [f for f in _find(article, analysis) if f.kind == "place"]
    for f in found:
        if f.candidates is None:
            for form in dict.fromkeys([f.base, *_base_forms(f.text, lang)]):
                key = gaz.loose_key(form)
                f.candidates = [e for e in g.lookup(form) if gaz.known_as(e, key, form)]
                if f.candidates:
                    f.base = form
                    break
            else:
                f.candidates = g.lookup(f.canonical or f.text)
                f.base = f.canonical or f.text
                if not f.candidates:
                    _unwrap(f, lex)
    # context: provinces/states and countries the article names, US state abbreviations after commas
    ctx = gaz.Context(admin1=set(), countries=set())
    for f in found:
        for e in f.candidates or ():
            if e.precision == "country" and len(f.candidates or ()) == 1:
                ctx.countries.add(e.cc or "")
            if (
                e.precision in ("province", "district")
                and e.parent is None
                and e.admin1
                and len(f.candidates or ()) <= 2
            ):
                ctx.admin1.add(gaz.loose_key(e.admin1))
                if e.cc:
                    ctx.countries.add(e.cc)
    for m in re.finditer(r",\s*((?:[A-Z][a-z]{0,3}\.\s?){1,2}|[A-Z]{2}\b)", text):
        state = g.state_abbrev.get(m.group(1).strip())
        if state:
            ctx.admin1.add(gaz.loose_key(state))
            ctx.countries.add("US")
    chosen: list[tuple[_Found, gaz.GazEntry]] = []
    unresolved: list[_Found] = []
    for f in found:
        following = _following_admin(text, f.end)
        candidates = list(f.candidates or ())
        if _province_named(text, f, lex):
            provinces = [e for e in candidates if e.precision == "province"]
            # "province of <town>": the province named after its main town ("Hama" province / city)
            town = gaz.best([e for e in candidates if e.precision == "town"], ctx, following, f.base)
            if town is not None and town.admin1 and name_key(town.admin1) == name_key(town.name):
                provinces += [
                    e for e in g.lookup(town.admin1) if e.precision == "province" and e.cc == town.cc
                ]
            if provinces:
                candidates = provinces
        entry = gaz.best(candidates, ctx, following, f.base)
        if entry is not None:
            chosen.append((f, entry))
        elif f.evidence == "place" and not candidates:
            unresolved.append(f)
    out, unresolved_more = _supported(text, lex, chosen, ctx)
    unresolved += unresolved_more
    sentences = SentenceIndex(analysis.sentences or split_sentences(text))
    resolved = list(out)
    country_mentions = [(p, _locative_country(text, p, lex)) for p in resolved if p.precision == "country"]
    fallback = article_country(
        gaz.rank_places([p for p in resolved if p.precision != "country"], text), country_mentions
    )
    locative_countries = [p for p, locative in country_mentions if locative]
    for f in unresolved:
        precision = "province" if _province_named(text, f, lex) else "town"
        out.append(
            Place(
                name=f.base,
                text=f.text,
                start=f.start,
                end=f.end,
                key=name_key(f.base),
                country=nearby_country(f.start, resolved, sentences, locative_countries) or fallback,
                precision=precision,
            )
        )
    towns = [p for p in out if p.precision == "town"]
    for start, end in _addresses(text, lex):
        near = min(towns, key=lambda p: abs(p.start - start), default=None)
        out.append(
            Place(
                name=text[start:end].rstrip("."),
                text=text[start:end],
                start=start,
                end=end,
                key=name_key(text[start:end]),
                country=near.country if near else None,
                admin1=near.admin1 if near else None,
                lat=near.lat if near else None,
                lon=near.lon if near else None,
                precision="point",
            )
        )
    out.sort(key=lambda p: p.start)
    return out
