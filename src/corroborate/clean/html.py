"""HTML to text: trafilatura for the main content and metadata, lxml as a fallback."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from corroborate.clean.html_flat import flat_text
from corroborate.clean.pagemeta import page_metadata

# Elements whose text is never article content.
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "nav", "footer", "header", "aside", "form",
              "button", "iframe", "select", "figure")
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "br",
               "article", "section", "dd", "dt", "tr", "table", "ul", "ol"}


_WHITESPACE = re.compile(r"\s+")
# Elements a browser does not show (hidden attribute, inline display:none / visibility:hidden, hidden
# from screen readers): pruned before the main text is chosen, after the metadata is read.
_STYLE = 'translate(@style, "ABDEILNOPSTVY ", "abdeilnopstvy")'  # lowercased, spaces removed
HIDDEN_XPATH = (
    f'//*[@hidden or @aria-hidden="true" or contains({_STYLE}, "display:none")'
    f' or contains({_STYLE}, "visibility:hidden")]'
)


@dataclass
class HtmlExtract:
    text: str
    title: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    sitename: str | None = None
    url: str | None = None


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Main text (paragraphs separated by blank lines) and metadata of an HTML page.

    Favours recall so no body sentence is lost; comments and elements a browser hides are excluded. Falls back to a plain lxml
    text extraction when trafilatura finds nothing (truncated or unusual markup).
    """
    result = _trafilatura(html, url)
    if result is None or not result.text.strip():
        fallback = _lxml_text(html)
        if result is None:
            result = fallback
        else:
            result.text = fallback.text
            result.title = result.title or fallback.title
    if not result.text.strip() and html.strip():  # markup nested past libxml2's depth limit: read it flat
        result.text, flat_title = flat_text(html)
        result.title = result.title or flat_title
    return result


def _trafilatura(html: str, url: str | None) -> HtmlExtract | None:
    import trafilatura
    from trafilatura.utils import load_html

    try:
        tree = load_html(html, _max_file_size())
        if tree is None:
            return None
        meta = page_metadata(tree, url)
        doc = trafilatura.bare_extraction(
            tree,  # copied by trafilatura: the metadata readers and the extractor see the same page
            url=url,
            output_format="xml",  # the body tree only: its text is rendered below
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            prune_xpath=HIDDEN_XPATH,
        )
    except (ValueError, TypeError, AttributeError, RecursionError):
        return None
    if doc is None:
        return None
    body = getattr(doc, "body", None)
    author = meta.author or ""
    return HtmlExtract(
        text=_body_text(body) if body is not None else "",
        title=meta.title,
        date=meta.date,
        authors=[a.strip() for a in author.split(";") if a.strip()],
        sitename=meta.sitename,
        url=meta.url,
    )


@cache
def _max_file_size() -> int:
    from trafilatura.settings import Extractor

    return Extractor().max_file_size


def _body_text(body: Any) -> str:
    """Paragraphs of trafilatura's body tree separated by blank lines. Line breaks of the page's source
    inside a paragraph are only whitespace (a hard-wrapped <p> stays one paragraph); code keeps its lines.
    The tree's whitespace is normalised in place."""
    from trafilatura.xml import xmltotxt

    in_code = {el for code in body.iter("code") for el in code.iter()}
    for el in body.iter():
        if el in in_code:
            continue
        if el.text:
            el.text = _WHITESPACE.sub(" ", el.text)
        if el.tail:
            el.tail = _WHITESPACE.sub(" ", el.tail)
    return xmltotxt(body, include_formatting=False).replace("\n", "\n\n")


def _lxml_text(html: str) -> HtmlExtract:
    """Visible text of the page, one block element per paragraph; tolerant of truncated markup."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return HtmlExtract(text="")
    title_el = root.find(".//title")
    title = title_el.text_content().strip() if title_el is not None else None
    h1 = root.find(".//h1")
    for el in root.iter(*_DROP_TAGS):
        if el.getparent() is not None and el.tag != "header":
            el.drop_tree()
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        if not isinstance(el.tag, str):  # comments, processing instructions
            if el.tail:
                parts.append(el.tail)
            return
        block = el.tag in _BLOCK_TAGS
        if block:
            parts.append("\n\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n\n")
        if el.tail:
            parts.append(el.tail)

    body = root.find(".//body")
    walk(body if body is not None else root)
    if not title and h1 is not None:
        title = h1.text_content().strip()
    return HtmlExtract(text="".join(parts), title=title or None)
