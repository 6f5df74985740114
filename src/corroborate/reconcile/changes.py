"""What each report changed in its story: a new fact, a figure revised from A to B, a new conflict, a new
source, a new language (Dossier.updates), and the changes after a moment (`since`)."""

from __future__ import annotations

from datetime import UTC, datetime

from corroborate.model import ArticleRef, Change, Fact, StoryUpdate


def fact_name(fact: Fact) -> str:
    """"killed", "killed (children)", "arrested (about: US)"."""
    extra = ", ".join(v if k == "group" else f"{k}: {v}" for k, v in sorted(fact.qualifier.items()) if v)
    return f"{fact.slot} ({extra})" if extra else fact.slot


def story_updates(facts: list[Fact], articles: list[ArticleRef]) -> list[StoryUpdate]:
    """Per article, in the order given (publication order), what it changed in the story."""
    first_of: dict[int, str] = {}
    steps: dict[str, list[tuple[int, int | None, int | None, bool]]] = {}
    for i, fact in enumerate(facts):
        reporters = {c.article for c in fact.claims}
        first = next((a.id for a in articles if a.id in reporters), None)
        if first is not None:
            first_of[i] = first
        previous = None
        for point in fact.history:
            if previous is not None and point.article is not None:
                conflict = point.status == "conflicting" and previous.status != "conflicting"
                steps.setdefault(point.article, []).append((i, previous.value, point.value, conflict))
            previous = point
    seen_sources: set[str] = set()
    seen_langs: set[str] = set()
    out = []
    for ref in articles:
        changes: list[Change] = []
        for i, fact in enumerate(facts):
            if first_of.get(i) == ref.id:
                value = fact.history[0].value if fact.history else fact.consensus.value
                changes.append(Change("new_fact", f"new fact: {fact_name(fact)} {_num(value)}", i, None, value))
        for i, before, after, conflict in steps.get(ref.id, []):
            name = fact_name(facts[i])
            if before != after and first_of.get(i) != ref.id:
                kind = "revised" if facts[i].revised else "consensus"
                verb = "revised" if kind == "revised" else "now reads"
                changes.append(Change(kind, f"{name} {verb} {_num(before)} -> {_num(after)}", i, before, after))
            if conflict:
                changes.append(Change("conflict", f"new conflict: sources disagree on {name}", i))
        if ref.source and ref.source not in seen_sources:
            seen_sources.add(ref.source)
            changes.append(Change("new_source", f"new source: {ref.source}"))
        if ref.lang and ref.lang not in seen_langs:
            seen_langs.add(ref.lang)
            changes.append(Change("new_language", f"new language: {ref.lang}"))
        if changes:
            out.append(StoryUpdate(at=ref.published, article=ref.id, changes=changes))
    return out


def updates_since(updates: list[StoryUpdate], since: datetime) -> list[StoryUpdate]:
    """The updates published after `since` (a naive time is read as UTC; undated updates are kept)."""
    since = since if since.tzinfo else since.replace(tzinfo=UTC)
    return [u for u in updates if u.at is None or _aware(u.at) > since]


def parse_since(text: str) -> datetime:
    """An ISO 8601 date or time ("2031-03-04", "2031-03-04T13:00", "...Z"); ValueError names the input."""
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"not an ISO 8601 date or time: {text!r} (e.g. 2031-03-04 or 2031-03-04T13:00)") from None
    return _aware(when)


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _num(value: int | None) -> str:
    return "?" if value is None else str(value)
