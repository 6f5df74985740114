"""A grounded brief: two to five short sentences built only from a dossier's facts.

Sentences come from templates kept as data (data/lang/<code>/brief.json: en, sv, de, es, fr, ar, ru, with
their month names: never the C locale's); every figure is a fact's value (its consensus, a figure of its
history, or a competing claim's value) and is recorded as a link span (BriefLink) so that pages can tie it
to the fact's quotes. The dossier stores the English brief; with_brief_in (reconcile) rebuilds it in another. Order: disputed facts, then what is
established (with its sources and, when revised, its first figure and when it was last revised), then what
is unknown (a fact only one source gives; the dead or injured that no report counts).
"""

from __future__ import annotations

import string
from datetime import datetime
from functools import cache
from typing import Any

from corroborate.model import BriefLink, BriefSentence, Fact, FactClaim
from corroborate.text.lexicon import has_part, language_code, languages, load_part

MAX_SENTENCES = 5
_MAIN_SLOTS = ("killed", "injured")
_Piece = str | tuple[str, BriefLink]


@cache
def templates(lang: str = "en") -> dict[str, Any]:
    return dict(load_part(lang, "brief") or {})


def brief_languages() -> tuple[str, ...]:
    """The languages a brief can be written in (those with a data/lang/<code>/brief.json)."""
    return tuple(code for code in languages() if has_part(code, "brief"))


def brief_direction(lang: str) -> str:
    """'rtl' for a language written right to left (its brief.json says so), else 'ltr'."""
    return str(templates(lang).get("direction", "ltr"))


def brief_language(lang: str) -> str:
    """'FR', 'fr-CA' -> 'fr'; ValueError naming the choices for a language the brief has no templates for."""
    code = language_code(lang)
    if code not in brief_languages():
        raise ValueError(f"no brief templates for language {lang!r}; choose one of {', '.join(brief_languages())}")
    return code


def build_brief(facts: list[Fact], lang: str = "en") -> list[BriefSentence]:
    t = templates(lang)
    ranked = sorted(range(len(facts)), key=lambda i: _rank(facts[i]))
    disputed, known, unknown = [], [], []
    for i in ranked:
        fact = facts[i]
        if fact.consensus.value is None and fact.status != "conflicting":
            continue
        if fact.status == "conflicting":
            disputed.append(_disputed(fact, i, t))
        elif fact.status == "corroborated" or fact.revised:
            known.append(_known(fact, i, t))
        else:
            unknown.append(_sentence("unknown", t["single"], t, i, fact, **_sources(fact, t)))
    present = {f.slot for f in facts if not f.qualifier and f.consensus.value is not None}
    missing = [_sentence("unknown", t["unknown_slot"], t, None, None, label=t["unknown_labels"][s])
               for s in _MAIN_SLOTS if s not in present]
    if not facts:
        return [BriefSentence("unknown", t["no_facts"]), BriefSentence("unknown", t["no_facts_more"])]
    out = (disputed + known)[: MAX_SENTENCES - 1]
    out += (unknown + missing)[: max(1, MAX_SENTENCES - len(out))] if len(out) < MAX_SENTENCES else []
    return out[:MAX_SENTENCES]


def _rank(fact: Fact) -> tuple:
    main = fact.slot in _MAIN_SLOTS
    return (fact.status != "conflicting", not main, bool(fact.qualifier.get("about")), bool(fact.qualifier),
            _MAIN_SLOTS.index(fact.slot) if main else 9, fact.qualifier.get("group") or "")


def _label(fact: Fact, t: dict[str, Any]) -> str:
    group = fact.qualifier.get("group")
    if group:
        group = t.get("group_names", {}).get(group, group)
        return t["group_labels"].get(fact.slot, "{group} " + fact.slot).format(group=group)
    return t["slot_labels"].get(fact.slot, fact.slot)


def _known(fact: Fact, i: int, t: dict[str, Any]) -> BriefSentence:
    revision = _revision(fact, i, t)
    if revision:
        key = "known_revised" if revision.pop("rose") else "known_corrected"
        return _sentence("known", t[key], t, i, fact, **_sources(fact, t), **revision)
    return _sentence("known", t["known"], t, i, fact, **_sources(fact, t))


def _revision(fact: Fact, i: int, t: dict[str, Any]) -> dict[str, Any]:
    """first (the fact's first figure), when (its last revision) and rose (up or down) for a revised fact."""
    values = [h.value for h in fact.history if h.value is not None]
    if not (fact.revised and len(values) > 1 and values[0] != fact.consensus.value):
        return {}
    changed = [h.at for prev, h in zip(fact.history, fact.history[1:], strict=False) if h.value != prev.value]
    last = changed[-1] if changed else fact.history[-1].at
    return {"first": (str(values[0]), BriefLink(0, 0, "figure", i, values[0])),
            "when": (_when(last, t), BriefLink(0, 0, "time")) if last else t["unknown_time"],
            "rose": values[0] < (fact.consensus.value or 0)}


def _disputed(fact: Fact, i: int, t: dict[str, Any]) -> BriefSentence:
    sides: dict[str, list[FactClaim]] = {}
    for c in fact.claims:
        if c.current:
            sides.setdefault(_value_text(c.value, c.approx, c.value_max, t), []).append(c)
    pieces: list[_Piece] = []
    for n, (text, claims) in enumerate(list(sides.items())[:3]):
        if n:
            pieces.append(t["side_joiner"])
        pieces += _fill(t["side"], {"side_figure": (text, BriefLink(0, 0, "figure", i, claims[0].value)),
                                    "side_who": _who_list(claims, t)})
    revision = _revision(fact, i, t)
    if revision and fact.consensus.value is not None:
        key = "disputed_revised" if revision.pop("rose") else "disputed_corrected"
        return _sentence("disputed", t[key], t, i, fact, sides=pieces, **revision)
    return _compose("disputed", _fill(t["disputed"], {"label": _label(fact, t), "sides": pieces}), [i])


def _sentence(kind: str, template: str, t: dict[str, Any], i: int | None, fact: Fact | None,
              **values: Any) -> BriefSentence:
    if fact is not None and i is not None:
        c = fact.consensus
        text = _value_text(c.value or 0, _consensus_approx(fact), None, t)
        values.setdefault("figure", (text, BriefLink(0, 0, "figure", i, c.value)))
        values.setdefault("figure_cap", (text[:1].upper() + text[1:], BriefLink(0, 0, "figure", i, c.value)))
        values.setdefault("label", _label(fact, t))
    return _compose(kind, _fill(template, values), [i] if i is not None else [])


def _consensus_approx(fact: Fact) -> str:
    """"at least" when every standing claim of the consensus figure is an open lower bound."""
    allowing = [c for c in fact.claims if c.current and c.value == fact.consensus.value]
    return "at_least" if allowing and all(c.approx == "at_least" for c in allowing) else "exact"


def _sources(fact: Fact, t: dict[str, Any]) -> dict[str, str]:
    """{sources} (who stands behind the figure) and {source_word} (the language's "source"/"sources" for
    as many, for templates that name them after a label: "(источник: полиция)")."""
    value = fact.consensus.value
    behind = [c for c in fact.claims if c.current and (c.value == value or c.approx != "exact")]
    claims = behind or [c for c in fact.claims if c.current]
    words = t.get("source_word", {})
    many = len(_whos(claims, t)) > 1
    return {"sources": _who_list(claims, t), "source_word": words.get("many" if many else "one", "")}


def _whos(claims: list[FactClaim], t: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(c.attributed_to or c.source or t["unnamed"] for c in claims))


def _who_list(claims: list[FactClaim], t: dict[str, Any]) -> str:
    whos = _whos(claims, t)
    if len(whos) > 3:
        rest = len(whos) - 2
        words = t["count_words"]
        whos = [*whos[:2], t["more_sources"].format(n_words=words.get(str(rest), words.get("many", "several")))]
    if len(whos) == 1:
        return whos[0]
    return t["sources_joiner"].join(whos[:-1]) + t["sources_last"] + whos[-1]


def _value_text(value: int, approx: str, value_max: int | None, t: dict[str, Any]) -> str:
    if approx == "range" and value_max is not None and value_max != value:
        return f"{value}-{value_max}"
    return t["approx"].get(approx, "{n}").format(n=value)


def _when(at: datetime, t: dict[str, Any]) -> str:
    """A moment in the language's words: its month names and formats from the data, not the C locale."""
    day = t.get("day_words", {}).get(str(at.day), str(at.day))
    fields = {"day": day, "month": t["months"][at.month - 1], "year": at.year, "hour": at.hour, "minute": at.minute}
    return t["date_format" if at.hour == 0 and at.minute == 0 else "time_format"].format(**fields)


def _fill(template: str, values: dict[str, Any]) -> list[_Piece]:
    """The template as pieces: plain text, and (text, link) for linked values; a list value is spliced."""
    out: list[_Piece] = []
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        if literal:
            out.append(literal)
        if name is None:
            continue
        value = values[name]
        if isinstance(value, list):
            out += value
        else:
            out.append(value)
    return out


def _compose(kind: str, pieces: list[_Piece], facts: list[int]) -> BriefSentence:
    text, links = "", []
    for piece in pieces:
        if isinstance(piece, tuple):
            shown, link = piece
            links.append(BriefLink(len(text), len(text) + len(shown), link.kind, link.fact, link.value))
            text += shown
        else:
            text += piece
    return BriefSentence(kind, text, sorted({*facts, *(lk.fact for lk in links if lk.fact is not None)}), links)
