"""HTML to text: trafilatura for the main content and metadata, lxml as a fallback."""

from __future__ import annotations

from dataclasses import dataclass, field

from corroborate.clean.html_flat import flat_text

# Elements whose text is never article content.
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "nav", "footer", "header", "aside", "form",
              "button", "iframe", "select", "figure")
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "br",
               "article", "section", "dd", "dt", "tr", "table", "ul", "ol"}


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

    Favours recall so no body sentence is lost; comments are excluded. Falls back to a plain lxml
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

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            with_metadata=True,
            date_extraction_params={"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True,
                                    "extensive_search": False},
        )
    except (ValueError, TypeError, AttributeError, RecursionError):
        return None
    if doc is None:
        return None
    text = (getattr(doc, "text", None) or "").replace("\n", "\n\n")
    author = getattr(doc, "author", None) or ""
    authors = [a.strip() for a in author.split(";") if a.strip()]
    return HtmlExtract(
        text=text,
        title=getattr(doc, "title", None),
        date=getattr(doc, "date", None),
        authors=authors,
        sitename=getattr(doc, "sitename", None),
        url=getattr(doc, "url", None),
    )


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
