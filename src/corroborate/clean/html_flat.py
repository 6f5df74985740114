"""Last-resort HTML text: a streaming parse with no tree, so no nesting depth limit.

libxml2 (behind lxml and trafilatura) stops building a tree past a few hundred nested elements, so a
page of 100,000 nested <div>s gives no text at all. This reader keeps the visible text, a paragraph
break at every block element, and skips script, style and the like; `extract_html` uses it only when
the tree-based extractors found nothing.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
                     "article", "section", "blockquote", "pre", "header", "footer", "main", "aside", "dd",
                     "dt", "figcaption", "hr", "body"})
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "select"})


class _FlatText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.hidden = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)


def flat_text(html: str) -> tuple[str, str | None]:
    """(visible text with blank lines between blocks, the <title>) of any HTML, however deeply nested."""
    parser = _FlatText()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # pragma: no cover - html.parser is lenient; keep what was read
        pass
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.parts))
    text = re.sub(r"\s*\n\s*\n\s*", "\n\n", text).strip()
    title = " ".join("".join(parser.title).split()) or None
    return text, title
