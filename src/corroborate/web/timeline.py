"""An SVG timeline: when the event happened (a band) and when each article was published (dots)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from markupsafe import Markup, escape


@dataclass
class Tick:
    when: datetime
    label: str
    href: str | None = None
    lane: str = "article"  # "article" or "event"


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _tick_step(span: timedelta) -> tuple[timedelta, str]:
    if span <= timedelta(days=2):
        return timedelta(hours=6), "%d %b %H:%M"
    if span <= timedelta(days=20):
        return timedelta(days=1), "%d %b"
    if span <= timedelta(days=120):
        return timedelta(days=7), "%d %b"
    return timedelta(days=30), "%b %Y"


def render_timeline(
    ticks: list[Tick], event_start: datetime | None, event_end: datetime | None, width: int = 560
) -> Markup:
    """An <svg> with an axis, the event interval as a band and one dot per article (stacked when close)."""
    ticks = [Tick(_aware(t.when), t.label, t.href, t.lane) for t in ticks if t.when]
    times = [t.when for t in ticks]
    if event_start:
        event_start = _aware(event_start)
        event_end = _aware(event_end) if event_end else event_start + timedelta(hours=1)
        times += [event_start, event_end]
    if not times:
        return Markup("")
    low, high = min(times), max(times)
    span = max(high - low, timedelta(hours=6))
    low, high = low - span * 0.08, high + span * 0.08
    total = (high - low).total_seconds()
    left, right, axis_y = 36, width - 36, 40

    def x(when: datetime) -> float:
        return left + (when - low).total_seconds() / total * (right - left)

    parts: list[str] = []
    if event_start and event_end:
        x0, x1 = x(event_start), x(event_end)
        parts.append(
            f'<rect class="event-band" x="{x0:.1f}" y="8" width="{max(x1 - x0, 4):.1f}" height="{axis_y - 8}">'
            f"<title>{escape('event: ' + event_start.isoformat() + ' – ' + event_end.isoformat())}</title></rect>"
            f'<text class="event-label" x="{max(x1, x0 + 4) + 4:.1f}" y="24">event</text>'
        )
    parts.append(f'<line class="axis" x1="{left}" y1="{axis_y}" x2="{right}" y2="{axis_y}"/>')
    step, fmt = _tick_step(high - low)
    cursor = low.replace(minute=0, second=0, microsecond=0)
    if step >= timedelta(days=1):
        cursor = cursor.replace(hour=0)
    labels = 0
    while cursor <= high and labels < 40:
        if cursor >= low:
            cx = x(cursor)
            parts.append(
                f'<line class="grid" x1="{cx:.1f}" y1="{axis_y - 4}" x2="{cx:.1f}" y2="{axis_y + 4}"/>'
                f'<text class="tick" x="{cx:.1f}" y="{axis_y + 20}">{escape(cursor.strftime(fmt))}</text>'
            )
            labels += 1
        cursor += step
    stacks: dict[int, int] = {}
    max_row = 0
    for tick in sorted(ticks, key=lambda t: t.when):
        cx = x(tick.when)
        bucket = round(cx / 10)
        row = stacks.get(bucket, 0)
        stacks[bucket] = row + 1
        max_row = max(max_row, row)
        cy = axis_y + 36 + row * 14
        dot = (
            f'<circle class="dot dot-{escape(tick.lane)}" cx="{cx:.1f}" cy="{cy}" r="5">'
            f"<title>{escape(tick.label)}</title></circle>"
        )
        parts.append(f'<a href="{escape(tick.href)}">{dot}</a>' if tick.href else dot)
    height = axis_y + 50 + max_row * 14
    return Markup(
        f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" aria-label="Timeline"'
        f' xmlns="http://www.w3.org/2000/svg">' + "".join(parts) + "</svg>"
    )
