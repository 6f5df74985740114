"""One identity per outlet, so that every view counts a story's sources the same way.

An outlet is known by several names: a feed's title ("Diario del Sur – Internacional"), its site name, its
domain ("diariodelsur.example"). Within a story, a name identifies an outlet, and an article that gives only
its domain (or no outlet) joins the name its site carries elsewhere in the story; an article with neither
name nor URL is a source of its own (an unknown outlet still is one source, never zero).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from tld import get_fld

_SPACES = re.compile(r"\s+")


def outlet_identities(articles: Iterable[tuple[str | None, str | None, str]]) -> dict[str, str]:
    """article id -> outlet identity, for (outlet, url, article id) triples seen together (a story's).

    An outlet's name identifies it (case and spacing folded). An article whose outlet is only a domain,
    or unnamed, takes the name another article of its site carries (a feed title and the site's domain
    are one outlet); else its site's domain; an article with neither name nor URL is a source of its own.
    Sites are compared by registrable domain; names are never merged by domain alone (one platform
    hosts many outlets)."""
    rows = list(articles)
    named_site: dict[str, str] = {}
    parsed = []
    for outlet, url, aid in rows:
        name = _SPACES.sub(" ", (outlet or "").strip().casefold())
        domain_name = bool(name) and "." in name and " " not in name
        site = _host(url) or (_host("http://" + name) if domain_name else None)
        if domain_name:
            name = ""
        if name and site:
            named_site.setdefault(site, name)
        parsed.append((aid, name, site))
    out = {}
    for aid, name, site in parsed:
        if name:
            out[aid] = "name:" + name
        elif site:
            out[aid] = "name:" + named_site[site] if site in named_site else "site:" + site
        else:
            out[aid] = "article:" + aid
    return out


def count_sources(articles: Iterable[tuple[str | None, str | None, str]]) -> int:
    """Distinct outlets among (outlet, url, article id) triples."""
    return len(set(outlet_identities(articles).values()))


def another_outlet(copy: tuple[str | None, str | None], known: Iterable[tuple[str | None, str | None]]) -> bool:
    """Whether a word-for-word copy, (outlet, url), comes from an outlet other than each of `known` (the
    article's own outlet and those already recorded as carrying it): then it is a syndicated copy, else a
    re-send. A copy with neither outlet nor URL cannot be told from a re-send."""
    rows = [(outlet, url, f"known{i}") for i, (outlet, url) in enumerate(known)]
    identities = outlet_identities([*rows, (copy[0], copy[1], "copy")])
    own = identities.pop("copy")
    return not own.startswith("article:") and own not in identities.values()


def corpus_identities(names: Mapping[str, int], named_hosts: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Stored outlet name -> outlet identity over a whole corpus (outlet pages, `--outlet` filters), as
    within a story: a name identifies an outlet (case and spacing folded); a domain joins the name its site
    carries (the one with most articles there), else is an outlet of its own. `names`: the stored names with
    their article counts; `named_hosts`: (stored name, URL host) of the articles of named outlets."""
    named_site: dict[str, tuple[int, str]] = {}
    for name, host in named_hosts:
        folded = fold_name(name)
        site = _host("http://" + host) if host else None
        if folded and not _domain_like(folded) and site:
            rank = (names.get(name, 0), folded)
            if site not in named_site or rank > named_site[site]:
                named_site[site] = rank
    out: dict[str, str] = {}
    for name in names:
        folded = fold_name(name)
        if not folded:
            continue
        if not _domain_like(folded):
            out[name] = "name:" + folded
            continue
        site = _host("http://" + folded) or folded
        out[name] = "name:" + named_site[site][1] if site in named_site else "site:" + site
    for site, (_, folded) in named_site.items():  # a named outlet's site stands for it (`--outlet DOMAIN`)
        out.setdefault(site, "name:" + folded)
    return out


def display_rank(name: str, articles: int) -> tuple[bool, int, str]:
    """Sort key of an outlet's stored spellings: the one shown is its most used name that is not a domain."""
    return ("." in name and " " not in name.strip(), -articles, name)


def identity_of(name: str, known: Mapping[str, str]) -> str | None:
    """The identity an outlet name typed by a user stands for, given `known` (corpus_identities): the stored
    name as written, else its folded form, else (for a domain) the outlet of that site; None if unknown."""
    if name in known:
        return known[name]
    folded = fold_name(name)
    if not folded:
        return None
    wanted = {"name:" + folded}
    if _domain_like(folded):
        site = _host("http://" + folded) or folded
        wanted.add("site:" + site)
        wanted |= {key for stored, key in known.items() if _domain_like(fold_name(stored))
                   and (_host("http://" + fold_name(stored)) or fold_name(stored)) == site}
    return next((key for key in known.values() if key in wanted), None)


def fold_name(name: str | None) -> str:
    """An outlet name with case and spacing folded."""
    return _SPACES.sub(" ", (name or "").strip().casefold())


def _domain_like(folded: str) -> bool:
    return "." in folded and " " not in folded


def _host(url: str | None) -> str | None:
    if not url or "://" not in url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    if not host:
        return None
    return get_fld(url, fail_silently=True) or host.removeprefix("www.")


# million: the two tests identity_of makes, for indexes built over a corpus's names (store/outlet_index.py)
def domain_like(folded: str) -> bool:
    """Whether a folded outlet name is a domain ("example.org"), not a name."""
    return _domain_like(folded)


def outlet_site(folded: str) -> str:
    """The site a domain-like folded outlet name stands for (its registrable domain)."""
    return _host("http://" + folded) or folded
