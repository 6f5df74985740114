"""The SOURCES file of `corroborate watch`: feed/sitemap URLs one per line (with an optional interval), or OPML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

DEFAULT_INTERVAL = 900.0
"""Seconds between two polls of a feed when the sources file gives no interval."""
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd]?)$", re.IGNORECASE)


class SourcesError(ValueError):
    """The sources file cannot be read at all (a bad line is reported and skipped instead)."""


@dataclass(frozen=True)
class Source:
    url: str
    interval_s: float


def parse_interval(text: str) -> float:
    """'300' / '300s' / '5m' / '2h' / '1d' -> seconds; ValueError otherwise."""
    m = _INTERVAL.match(text.strip())
    if not m:
        raise ValueError(f"interval {text!r} is not a number of seconds or a number with s/m/h/d (e.g. 15m)")
    return float(m.group(1)) * _UNITS[m.group(2).lower()]


def read_sources(path: Path, default_interval: float = DEFAULT_INTERVAL) -> tuple[list[Source], list[str]]:
    """(sources, problems). Text: `URL [INTERVAL]` per line, `#` comments. OPML: every outline's xmlUrl
    (an `interval` attribute, if any, is read like the text format's)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourcesError(f"cannot read the sources file {path}: {exc.strerror or exc}") from exc
    head = data[:512].lstrip().lower()
    if head.startswith(b"<?xml") or head.startswith(b"<opml"):
        return _read_opml(path, data, default_interval)
    return _read_lines(path, data.decode("utf-8", errors="replace"), default_interval)


def _check_url(url: str) -> str | None:
    return None if re.match(r"^https?://[^\s/]+", url, re.IGNORECASE) else f"{url!r} is not an http(s) URL"


def _read_lines(path: Path, text: str, default: float) -> tuple[list[Source], list[str]]:
    sources: dict[str, Source] = {}
    problems: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        words = raw.split()
        if "#" in [w[:1] for w in words]:  # a comment: the whole line, or after the URL and interval
            words = words[: [w[:1] for w in words].index("#")]
        if not words:
            continue
        url, rest = words[0], words[1:]
        problem = _check_url(url)
        interval = default
        if not problem and len(rest) > 1:
            problem = f"expected `URL [INTERVAL]`, got {len(rest) + 1} words"
        elif not problem and rest:
            try:
                interval = parse_interval(rest[0])
            except ValueError as exc:
                problem = str(exc)
        if problem:
            problems.append(f"{path}:{number}: {problem}; line skipped")
            continue
        sources[url] = Source(url, interval)
    return list(sources.values()), problems


def _read_opml(path: Path, data: bytes, default: float) -> tuple[list[Source], list[str]]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SourcesError(f"{path}: not well-formed OPML ({exc})") from exc
    sources: dict[str, Source] = {}
    problems: list[str] = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if not url:
            continue
        problem = _check_url(url)
        interval = default
        if not problem and outline.get("interval"):
            try:
                interval = parse_interval(outline.get("interval") or "")
            except ValueError as exc:
                problem = str(exc)
        if problem:
            problems.append(f"{path}: outline {outline.get('title') or outline.get('text') or url}: {problem}; skipped")
            continue
        sources[url] = Source(url, interval)
    if not sources and not problems:
        problems.append(f"{path}: no outline with an xmlUrl attribute; nothing to watch")
    return list(sources.values()), problems
