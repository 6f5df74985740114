"""Article text with claim spans marked, built from escaped segments (never from raw HTML)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass
class Span:
    start: int
    end: int
    anchor: str  # the element id, e.g. "claim-3"
    label: str  # tooltip text (slot, value, attribution)
    css: str = "claim"


def split_spans(spans: list[Span], length: int) -> tuple[list[Span], list[Span]]:
    """(marked, anchored): non-overlapping spans to wrap, and spans overlapping an earlier one, which
    only get an empty anchor at their start so links to them still land. Out-of-range spans are dropped."""
    marked: list[Span] = []
    anchored: list[Span] = []
    last_end = 0
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if span.start < 0 or span.end > length or span.start >= span.end:
            continue
        if span.start < last_end:
            anchored.append(span)
            continue
        marked.append(span)
        last_end = span.end
    return marked, anchored


def highlight(text: str, spans: list[Span]) -> Markup:
    """`text` as HTML with each span wrapped in <mark id=anchor>; every text piece is escaped."""
    marked, anchored = split_spans(spans, len(text))
    # (position, order at that position, tag): closing tags first, then anchors, then openings.
    events: list[tuple[int, int, str]] = []
    for span in marked:
        opening = (
            f'<mark id="{escape(span.anchor)}" class="{escape(span.css)}" title="{escape(span.label)}"'
            ' tabindex="-1">'
        )
        events.append((span.start, 2, opening))
        events.append((span.end, 0, "</mark>"))
    for span in anchored:
        events.append((span.start, 1, f'<span id="{escape(span.anchor)}" class="anchor" tabindex="-1"></span>'))
    events.sort(key=lambda e: (e[0], e[1]))
    pieces: list[str] = []
    cursor = 0
    for position, _, tag in events:
        pieces.append(str(escape(text[cursor:position])))
        pieces.append(tag)
        cursor = position
    pieces.append(str(escape(text[cursor:])))
    return Markup("".join(pieces))
