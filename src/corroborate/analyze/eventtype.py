"""Event type from multilingual cue words (data/events.json, cue words in data/lang/<code>/events.json): the title counts double, then the
first sentences. `analysis.event_type` is the best type ("other" when nothing matches) and
`analysis.event_type_scores` holds every type that scored."""

from __future__ import annotations

import json
from collections.abc import Collection
from functools import lru_cache
from importlib import resources
from typing import Any

from corroborate.model import Analysis, Article
from corroborate.text.lexicon import common_list, languages, load_part
from corroborate.text.tokens import PhraseMatcher, tokenize

OTHER = "other"


@lru_cache(maxsize=1)
def _taxonomy() -> dict[str, Any]:
    """The taxonomy (data/events.json) with each type's cue words per language (lang/<code>/events.json)."""
    path = resources.files("corroborate.data") / "events.json"
    try:
        taxonomy = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path} is not valid JSON ({exc}); fix the file") from exc
    cues = {code: load_part(code, "events") or {} for code in languages()}
    taxonomy["types"] = {name: {code: cues[code][name] for code in cues if name in cues[code]}
                         for name in taxonomy["types"]}
    taxonomy["weak"] = {code: {name: set(words) for name, words in (cues[code].get("weak") or {}).items()}
                        for code in cues}
    return taxonomy


@lru_cache(maxsize=32)
def _matcher(lang: str) -> PhraseMatcher:
    """One matcher over every type's cues in `lang` plus English (wire copy often keeps English words)."""
    cues: dict[str, set[str]] = {}
    for name, by_lang in _taxonomy()["types"].items():
        for code in {lang, "en"}:
            for word in by_lang.get(code, []):
                cues.setdefault(word, set()).add(name)
    return PhraseMatcher({w: frozenset(t) for w, t in cues.items()}, common_list("event_clitics"))


def score_event_types(title: str | None, lead: str, lang: str | None) -> dict[str, float]:
    """Score per type: title hits x title_weight + lead hits (each cue counted once per part)."""
    tax = _taxonomy()
    code = (lang or "en").lower()[:2]
    matcher = _matcher(code)
    weak = {name: words | tax["weak"].get("en", {}).get(name, set())
            for name, words in tax["weak"].get(code, tax["weak"].get("en", {})).items()}
    scores: dict[str, float] = {}
    strong: set[str] = set()  # types with a hit from a cue that is not weak
    for text, weight in ((title or "", float(tax.get("title_weight", 2.0))), (lead, 1.0)):
        tokens = tokenize(text)
        seen: set[tuple[str, str]] = set()
        i = 0
        while i < len(tokens):
            m = matcher.match(tokens, i)
            if not m:
                i += 1
                continue
            cue = " ".join(t.text for t in tokens[i : i + m[0]])
            for name in m[1]:
                if (name, cue) not in seen:
                    seen.add((name, cue))
                    scores[name] = scores.get(name, 0.0) + weight
                    if not _is_weak(cue, weak.get(name, ())):
                        strong.add(name)
            i += m[0]
    for name, defeaters in tax.get("weak_defeated_by", {}).items():
        if name in scores and name not in strong and any(scores.get(d) for d in defeaters):
            del scores[name]  # "an explosion at a chemical plant": an accident, not a bombing
    return scores


def _is_weak(cue: str, weak: Collection[str]) -> bool:
    low = cue.lower()
    return any(low.startswith(w[:-1].lower()) if w.endswith("*") else low == w.lower() for w in weak)


def event_type(article: Article, analysis: Analysis) -> None:
    """Pipeline component: fill `analysis.event_type` and `analysis.event_type_scores`."""
    n = int(_taxonomy().get("lead_sentences", 3))
    spans = analysis.sentences
    if not spans:
        from corroborate.text.sentences import split

        spans = split(article.text)
    lead = " ".join(article.text[s:e] for s, e in spans[:n]) if spans else article.text[:600]
    if article.title and lead.startswith(article.title):
        lead = lead[len(article.title) :]
    scores = score_event_types(article.title, lead, analysis.lang or article.lang)
    analysis.event_type_scores = scores
    order = list(_taxonomy()["types"])
    analysis.event_type = max(scores, key=lambda t: (scores[t], -order.index(t))) if scores else OTHER
