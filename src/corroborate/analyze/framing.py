"""Framing component: how one article tells the story.

- terms: for each alias-resolved actor (Mention.canonical), the surface terms this article uses
  ("Daesh" vs "ISIS"), plus evaluative labels from the per-language lexicon (`data/lang/<code>/framing.json`);
- quoted: who the article quotes or cites (claim attributions and speaker patterns), with a count per
  kind of source (official, witness, monitor, media, state media);
- civilian_harm: whether civilian harm is mentioned at all.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from corroborate.model import Analysis, Article, Framing
from corroborate.text.lexicon import common_words, load_lexicon, load_part

_PRONOUNS = common_words("personal_pronouns")
_CIVILIAN_GROUPS = {"civilians", "children", "women", "families", "residents"}


@cache
def lexicon(lang: str) -> dict:
    data = dict(load_part(lang, "framing") or {})
    data["_speakers"] = [re.compile(p) for p in data["speaker_patterns"]]
    data["_loaded"] = _word_regex(data["loaded_terms"], inflection=r"\w{0,4}")
    data["_patterns"] = [re.compile(p) for p in data.get("loaded_patterns", [])]
    data["_civilian"] = _word_regex(data["civilian_words"], inflection=r"\w{0,3}")
    return data


def _word_regex(words: list[str], inflection: str = "") -> re.Pattern[str]:
    """Whole words, allowing a short inflectional ending (Swedish/German/Russian definite and case forms)."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives}){inflection}(?!\w)", re.IGNORECASE)


def _loaded_phrases(text: str, lex: dict) -> list[str]:
    """Evaluative labels as the article words them: each phrase of the language's loaded-term patterns
    ("US occupying forces", "terrorist group outlawed across ..."), then each lexicon term found
    outside those phrases ("regime")."""
    phrases: list[tuple[int, int]] = []
    out: set[str] = set()
    for pattern in lex["_patterns"]:
        for m in pattern.finditer(text):
            phrases.append((m.start(), m.end()))
            out.add(" ".join(m.group(0).split()))
    for m in lex["_loaded"].finditer(text):
        if not any(a <= m.start() < b for a, b in phrases):
            out.add(m.group(0).lower())
    return sorted(out)


def _negated(text: str, at: int, lex: dict) -> bool:
    """A civilian word said to be unharmed: a negation among the few words before it in its clause
    ("no civilians were killed", "no US forces or civilians", "sans victimes civiles")."""
    clause = re.split(r"[.;:!?\n]", text[max(0, at - 60):at])[-1]
    before = re.findall(r"\w+", clause.lower())[-5:]
    return any(w in lex.get("negations", ()) for w in before)


def source_kind(who: str, lang: str) -> str:
    text = who.lower()
    for kind in ("state_media", "monitor", "official", "witness", "media"):
        if any(cue in text for cue in lexicon(lang)["kinds"].get(kind, ())):
            return kind
    return "other"


def framing(article: Article, analysis: Analysis) -> None:
    """Pipeline component: fill `analysis.framing`."""
    lang = article.lang or "en"
    lex = lexicon(lang)
    text = article.text

    terms: dict[str, set[str]] = {}
    for mention in analysis.mentions:
        if mention.canonical and mention.kind in ("org", "group", "person"):
            terms.setdefault(mention.canonical, set()).add(mention.text)
    loaded = _loaded_phrases(text, lex)

    quoted: list[str] = []
    for claim in analysis.claims:
        if claim.attributed_to and claim.attributed_to not in quoted:
            quoted.append(claim.attributed_to)
    places = {p.name for p in analysis.places} | {p.text for p in analysis.places}  # "the village of X said"
    for pattern in lex["_speakers"]:
        for m in pattern.finditer(text):
            who = _tidy(m.group("who"))
            if who and not _opens_clause(who, lang) and who not in places and who not in quoted and len(quoted) < 40:
                quoted.append(who)
    kinds = Counter(source_kind(who, lang) for who in quoted)

    civilian = any(c.group in _CIVILIAN_GROUPS and c.value > 0 for c in analysis.claims) or any(
        not _negated(text, m.start(), lex) for m in lex["_civilian"].finditer(text)
    )
    analysis.framing = Framing(
        terms={k: sorted(v) for k, v in sorted(terms.items())},
        quoted=quoted,
        quoted_kinds=dict(kinds),
        civilian_harm=civilian,
        loaded_terms=loaded,
    )


@cache
def _clause_words(lang: str) -> frozenset[str]:
    """Words that open a clause or stand for a speaker already named (the claims lexicon's np_stops and
    pronouns): "selon lui", "a déclaré qu'il n'y avait", "afirmó que no hubo" name nobody."""
    attribution = load_lexicon(lang).get("attribution", {})
    return frozenset(w.lower() for w in [*attribution.get("np_stops", []), *attribution.get("pronouns", []),
                                         *lexicon(lang).get("not_speakers", [])])


def _opens_clause(who: str, lang: str) -> bool:
    first = re.split(r"[\s'’]", who.lower(), maxsplit=1)[0]
    return first in _clause_words(lang)


def _tidy(who: str) -> str:
    who = re.sub(r"\s+", " ", who).strip(" ,.;:\"'“”«»")
    if len(who) < 3 or len(who) > 80 or who.lower() in _PRONOUNS:
        return ""
    return who
