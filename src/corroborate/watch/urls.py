"""The key a watched URL is deduplicated by: the same page behind cosmetic differences of its URL."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from corroborate.clean.urls import normalise_url

TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "xtor")
"""Query parameters (exact names or prefixes ending in "_") that only track where a click came from."""


def _tracking(name: str) -> bool:
    low = name.lower()
    return any(low.startswith(p) if p.endswith("_") else low == p for p in TRACKING_PARAMS)


def url_key(url: str) -> str:
    """'HTTPS://www.Example.org:443/a/?utm_source=x&b=2&a=1#top' -> 'https://www.example.org/a?a=1&b=2'.

    Lower-cases scheme and host, drops default ports, fragments, tracking parameters and a trailing
    slash, and sorts the query. The path keeps its case (servers may distinguish it)."""
    parts = urlsplit(normalise_url(url))
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port if parts.port and (scheme, parts.port) not in (("http", 80), ("https", 443)) else None
    netloc = f"{host}:{port}" if port else host
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)))
    path = parts.path.rstrip("/") or ""
    return urlunsplit((scheme, netloc, path, query, ""))
