"""HTML body extraction: paragraphs as the page marks them, hidden elements, short blocks kept, debris rules."""

from __future__ import annotations

from corroborate.clean import clean
from corroborate.model import Document

LEAD = "Floodwater reached the lower streets of Marrowgate on Sunday after three days of rain, officials said."
BODY = [
    "The river rose by two metres overnight and forced the closure of the old stone bridge, Mayor Tarn Holloway said.",
    "Volunteers filled sandbags outside the library while the fire service pumped water from flooded cellars.",
    "Councillor Edda Virn said the council would open the sports hall to families who had to leave their homes.",
]


def _page(article: str) -> str:
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Flood reaches Marrowgate streets - Vale Gazette</title></head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article><h1>Flood reaches Marrowgate streets</h1>{article}</article>
<footer><p>Vale Gazette, 12 Mill Lane</p></footer></body></html>"""


def _text(article: str) -> str:
    return clean(Document(origin="flood.html", content=_page(article), kind="html")).text


def test_hard_wrapped_paragraph_stays_one_paragraph() -> None:
    # text straight in a <div> with the line breaks of the source, one before a capital
    wrapped = BODY[0].replace(" the closure", "\n      the closure").replace(" Mayor", "\n      Mayor")
    text = _text(f"<p>{LEAD}</p><div>\n      {wrapped}\n    </div>" + "".join(f"<p>{p}</p>" for p in BODY[1:]))
    paragraphs = text.split("\n\n")
    assert BODY[0] in paragraphs
    assert LEAD in paragraphs


def test_hidden_elements_are_not_body_text() -> None:
    hidden = [
        '<div style="display: none"><p>A hidden teaser about an unrelated festival in a distant city.</p></div>',
        '<p hidden>An invisible note that the newsroom left in the page template.</p>',
        '<div style="VISIBILITY:hidden"><p>Another concealed block with text nobody can see.</p></div>',
    ]
    text = _text(f"<p>{LEAD}</p>{''.join(hidden)}" + "".join(f"<p>{p}</p>" for p in BODY))
    for p in [LEAD, *BODY]:
        assert p in text
    for word in ("festival", "invisible", "concealed"):
        assert word not in text, word


def test_short_blocks_inside_the_article_are_kept() -> None:
    items = ["Sandbags at the library", "Sports hall open to families", "Bridge closed until Friday"]
    article = (
        f"<p>{LEAD}</p>" + "".join(f"<p>{p}</p>" for p in BODY)
        + "<h2>What residents need to know</h2><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    )
    text = _text(article)
    assert "What residents need to know" in text
    for item in items:
        assert item in text, item


def test_debris_rules_still_apply_to_html() -> None:
    article = f"<p>{LEAD}</p><p>Advertisement</p>" + "".join(f"<p>{p}</p>" for p in BODY)
    text = _text(article)
    assert "Advertisement" not in text
    assert all(p in text for p in BODY)


def test_table_rows_with_figures_are_kept() -> None:
    rows = [("Marrowgate", "2024-03-10", "41"), ("Kelby Ford", "2024-03-11", "17")]
    table = "<table><tr><th>Town</th><th>Date</th><th>Homes flooded</th></tr>" + "".join(
        f"<tr><td>{town}</td><td>{day}</td><td>{homes}</td></tr>" for town, day, homes in rows
    ) + "</table>"
    text = _text(f"<p>{LEAD}</p>" + "".join(f"<p>{p}</p>" for p in BODY) + table)
    for town, day, homes in rows:
        assert any(town in line and day in line and homes in line for line in text.splitlines()), town
