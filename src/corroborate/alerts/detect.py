"""Events in a story between two versions of its dossier, and whether a saved alert wants the story."""

from __future__ import annotations

from typing import Any

from corroborate.model import AlertEvent, AlertWatch, Dossier, Fact
from corroborate.store.codec import fold


def fact_key(fact: Fact) -> str:
    """'killed' or 'killed|group=children': the slot and its qualifier, stable across versions."""
    return "|".join([fact.slot, *(f"{k}={v}" for k, v in sorted(fact.qualifier.items()))])


def _consensus(fact: Fact) -> tuple[Any, ...]:
    c = fact.consensus
    return (c.value,) if c.value is not None else (c.min, c.max)


def _shown(fact: Fact) -> dict[str, Any]:
    c = fact.consensus
    return {"fact": fact_key(fact), "slot": fact.slot, "qualifier": dict(fact.qualifier), "status": fact.status,
            "value": c.value, "min": c.min, "max": c.max}


def _revised(before: Fact, after: Fact) -> bool:
    """The consensus moved. A `revised` flag or a `history` on the fact (when reconcile records them)
    counts as well."""
    if _consensus(before) != _consensus(after):
        return True
    return bool(getattr(after, "revised", False)) and not getattr(before, "revised", False)


def _sources(dossier: Dossier) -> set[str]:
    return {a.source for a in dossier.articles if a.source}


def story_events(before: Dossier | None, after: Dossier) -> list[AlertEvent]:
    """new-story, conflict (a fact newly conflicting), revised (a fact's consensus changed), new-language
    and new-source events of one story; `before` is None for a story that did not exist."""
    title = after.title
    events: list[AlertEvent] = []
    if before is None:
        events.append(AlertEvent("new-story", after.id, "new-story", title, {
            "languages": list(after.languages), "sources": sorted(_sources(after)),
            "facts": [_shown(f) for f in after.facts]}))
    old = {fact_key(f): f for f in (before.facts if before else [])}
    for fact in after.facts:
        key = fact_key(fact)
        previous = old.get(key)
        if fact.status == "conflicting" and (previous is None or previous.status != "conflicting"):
            values = sorted({c.value for c in fact.claims})
            events.append(AlertEvent("conflict", after.id, f"conflict|{key}|{values}", title,
                                     {**_shown(fact), "claimed": values}))
        if previous is not None and _revised(previous, fact):
            detail = {**_shown(fact), "before": {"value": previous.consensus.value, "min": previous.consensus.min,
                                                 "max": previous.consensus.max}}
            events.append(AlertEvent("revised", after.id, f"revised|{key}|{_consensus(previous)}->{_consensus(fact)}",
                                     title, detail))
    if before is not None:
        for lang in sorted(set(after.languages) - set(before.languages)):
            events.append(AlertEvent("new-language", after.id, f"new-language|{lang}", title, {"lang": lang}))
        for source in sorted(_sources(after) - _sources(before)):
            events.append(AlertEvent("new-source", after.id, f"new-source|{source}", title, {"source": source}))
    return events


def _killed(dossier: Dossier) -> int:
    best = 0
    for fact in dossier.facts:
        if fact.slot == "killed" and not fact.qualifier:
            c = fact.consensus
            best = max(best, c.value if c.value is not None else (c.max or c.min or 0))
    return best


def _matches_text(query: str, dossier: Dossier) -> bool:
    wanted = fold(query)
    haystack = [dossier.title, *(a.title for a in dossier.articles), *(e.name for e in dossier.entities),
                *(v for e in dossier.entities for v in e.variants), *(w.name for w in dossier.event.where)]
    return any(wanted in fold(text) for text in haystack if text)


def wants(watch: AlertWatch, dossier: Dossier) -> bool:
    """Whether every filter of `watch` matches the story (case- and spacing-insensitive text filters)."""
    if watch.query and not _matches_text(watch.query, dossier):
        return False
    if watch.lang and watch.lang.casefold() not in {lang.casefold() for lang in dossier.languages}:
        return False
    if watch.place and fold(watch.place) not in {fold(w.name) for w in dossier.event.where}:
        return False
    if watch.event_type and fold(watch.event_type) != fold(dossier.event.type):
        return False
    return not (watch.min_killed is not None and _killed(dossier) < watch.min_killed)
