"""Helpers that keep hostile article content inert when it reaches HTML."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

ALLOWED_SCHEMES = ("http", "https")


def safe_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) URL, else None (javascript:, data:, relative, garbage)."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if any(ord(c) < 0x20 or c in " \\" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.netloc:
        return None
    return url


def clip(text: str | None, limit: int = 160) -> str:
    """`text` shortened to at most `limit` characters (with an ellipsis), whitespace collapsed."""
    if not text:
        return ""
    text = " ".join(text.split()) if len(text) < 10 * limit else " ".join(text[: 10 * limit].split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def path_segment(value: str | None) -> str:
    """Percent-encode an id or name for use as one URL path segment (slashes included)."""
    return quote(value or "", safe="")
