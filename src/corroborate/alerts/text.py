"""One-line descriptions of alert events (the Atom entry titles and the JSON's "summary")."""

from __future__ import annotations

from typing import Any

from corroborate.model import AlertEvent


def _figure(detail: dict[str, Any]) -> str:
    if detail.get("value") is not None:
        return str(detail["value"])
    low, high = detail.get("min"), detail.get("max")
    return f"{low}-{high}" if low != high else str(low)


def describe(event: AlertEvent) -> str:
    title = event.title or event.story
    d = event.detail
    if event.event == "new-story":
        return f"New story: {title}"
    if event.event == "conflict":
        values = ", ".join(str(v) for v in d.get("claimed", []))
        return f"Conflict on {d.get('fact')}: sources say {values} ({title})"
    if event.event == "revised":
        return f"Revised {d.get('fact')}: {_figure(d.get('before') or {})} -> {_figure(d)} ({title})"
    if event.event == "new-language":
        return f"New language {d.get('lang')}: {title}"
    if event.event == "new-source":
        return f"New source {d.get('source')}: {title}"
    return f"{event.event}: {title}"
