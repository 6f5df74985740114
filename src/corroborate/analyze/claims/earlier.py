"""Counts of an earlier event told as background ("In March, its fighters attacked <village>, killing 14").

A sentence dated to a month (or a longer span) that ended a week or more before the article's event
time tells of another, earlier event: its claims are not the reported event's. So does the sentence right
after it when it points back with a "then" word of the language (claims.background.then: "alors",
"тогда"). With no publication date the dates stay unresolved: a month named beside an event time read to
the day is then taken as the earlier event's. Day-precise dates are kept (a follow-up recalls the day of
its own event).
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from corroborate.model import Analysis, Claim, TimeExpr
from corroborate.text.lexicon import load_lexicon
from corroborate.text.tokens import PhraseMatcher, tokenize

_COARSE = {"month", "year"}
_FINE = {"minute", "hour", "part_of_day", "day"}
_MARGIN = timedelta(days=7)


@lru_cache(maxsize=32)
def _then(lang: str | None) -> PhraseMatcher:
    full = load_lexicon(lang)
    clitics = tuple(full.get("numbers", {}).get("clitics", []))
    words = full.get("claims", {}).get("background", {}).get("then", [])
    return PhraseMatcher({w: True for w in words}, clitics)


def _earlier(t: TimeExpr, event: TimeExpr) -> bool:
    if t is event or t.precision not in _COARSE:
        return False
    if t.value_end is not None and event.value is not None:
        return t.value_end <= event.value - _MARGIN
    return t.value is None and event.value is None and event.precision in _FINE


def drop_earlier_events(text: str, analysis: Analysis, lang: str | None) -> list[Claim]:
    """`analysis.claims` less those told in sentences about an earlier event (module doc)."""
    event = next((t for t in analysis.times if t.is_event_time), None)
    if event is None or not analysis.claims or not analysis.sentences:
        return analysis.claims
    then = _then(lang)
    background: set[int] = set()
    for i, (a, b) in enumerate(analysis.sentences):
        inside = [t for t in analysis.times if a <= t.start < b]
        if any(t is event for t in inside):
            continue
        if any(_earlier(t, event) for t in inside):
            background.add(i)
        elif i - 1 in background and not inside:
            tokens = tokenize(text[a:b])
            if any(then.match(tokens, k) for k in range(len(tokens))):
                background.add(i)
    if not background:
        return analysis.claims
    spans = [analysis.sentences[i] for i in background]
    return [c for c in analysis.claims if not any(a <= c.start < b for a, b in spans)]
