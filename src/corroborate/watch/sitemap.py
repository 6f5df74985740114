"""XML sitemaps (sitemaps.org, with Google News extensions): page URLs, or child sitemaps of an index."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree


@dataclass
class Sitemap:
    pages: list[dict[str, str | None]] = field(default_factory=list)  # {"url", "published", "title", "lang"}
    children: list[str] = field(default_factory=list)  # sitemaps listed by a sitemap index


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(node: etree._Element, name: str) -> str | None:
    for child in node.iter():
        if _local(child.tag) == name and (child.text or "").strip():
            return (child.text or "").strip()
    return None


def parse_sitemap(data: bytes) -> Sitemap | None:
    """The sitemap in `data`, or None when it is not one (any namespace is accepted)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    if root is None or _local(root.tag) not in ("urlset", "sitemapindex"):
        return None
    found = Sitemap()
    item = "url" if _local(root.tag) == "urlset" else "sitemap"
    for node in root:
        if _local(node.tag) != item:
            continue
        loc = next(((c.text or "").strip() for c in node if _local(c.tag) == "loc"), "")
        if not loc:
            continue
        if item == "sitemap":
            found.children.append(loc)
            continue
        found.pages.append({
            "url": loc,
            "published": _child_text(node, "publication_date") or _child_text(node, "lastmod"),
            "title": _child_text(node, "title"),
            "lang": _child_text(node, "language"),
        })
    return found
