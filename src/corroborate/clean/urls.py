"""URLs and outlets: spotting URLs in text and reducing them to the outlet's registrable domain."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'«»“”]+", re.IGNORECASE)
LEADING_URL = re.compile(r"^(?P<url>(?:https?://|www\.)[^\s<>\"'«»“”]+)\s*", re.IGNORECASE)


def registrable_domain(url: str) -> str | None:
    """'https://www.news.example.co.uk/a' -> 'example.co.uk' (public suffix list via `tld`)."""
    url = url.strip()
    if not url:
        return None
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        url = "http://" + url
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host or "." not in host:
        return None
    if re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host):
        return host
    try:
        from tld import get_fld

        domain = get_fld(f"http://{host}", fail_silently=True)
    except ImportError:  # pragma: no cover - tld ships with trafilatura's courlan
        domain = None
    return domain or host.removeprefix("www.")


def normalise_url(url: str) -> str:
    """Strip trailing punctuation a sentence may have glued on and give bare hosts a scheme."""
    url = url.strip().rstrip(".,;:)]}!?")
    if url.lower().startswith("www."):
        url = "https://" + url
    return url
