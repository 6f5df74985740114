"""HTML input: main-text extraction, metadata, truncated markup, boilerplate around the article."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from corroborate.clean import CleanError, clean
from corroborate.model import Document

PARAGRAPHS = [
    "A landslide blocked the mountain road between Kestrel Pass and Ardun on Friday morning, police said.",
    "Rescue teams freed four drivers whose cars were trapped under the debris, according to the regional authority.",
    "Engineer Liss Morrow said the slope had been unstable for weeks after heavy rain.",
    "The road is expected to stay closed until the middle of next week.",
]

PAGE = f"""<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8"><title>Landslide blocks mountain road - Ardun Courier</title>
<meta property="og:site_name" content="Ardun Courier">
<meta name="author" content="Pella Strand">
<meta property="article:published_time" content="2024-03-08T09:45:00+01:00">
<link rel="canonical" href="https://www.arduncourier.example/news/landslide-road">
<script>var tracking = "do not keep";</script><style>p {{ color: red }}</style>
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies</div>
<article><h1>Landslide blocks mountain road</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<section class="comments"><h3>Comments</h3><p>Reader99: first!!! what a mess on that road</p></section>
<footer><p>Copyright 2024 Ardun Courier. All rights reserved.</p></footer>
</body></html>"""


def test_html_main_text_and_metadata() -> None:
    art = clean(Document(origin="page.html", content=PAGE.encode("utf-8"), kind="html"))
    for p in PARAGRAPHS:
        assert p in art.text
    for noise in ("tracking", "Home", "cookies", "first!!!", "Copyright", "color: red"):
        assert noise not in art.text, noise
    assert art.title and art.title.startswith("Landslide blocks mountain road")
    assert not art.text.startswith("Landslide blocks mountain road")
    assert art.url == "https://www.arduncourier.example/news/landslide-road"
    assert art.outlet == "arduncourier.example"
    assert art.authors == ["Pella Strand"]
    assert art.published == datetime(2024, 3, 8, 8, 45, tzinfo=UTC)
    assert art.lang == "en"


def test_html_given_metadata_wins() -> None:
    art = clean(Document(origin="p", content=PAGE, kind="html", title="Given", source="Courier Wire",
                         published="2024-03-09", url="https://mirror.example.net/x"))
    assert art.title == "Given"
    assert art.outlet == "Courier Wire"
    assert art.published == datetime(2024, 3, 9, tzinfo=UTC) and art.published_precision == "day"
    assert art.url == "https://mirror.example.net/x"


def test_truncated_html_falls_back_and_keeps_text() -> None:
    cut = PAGE[: PAGE.index(PARAGRAPHS[2]) + 40]
    art = clean(Document(origin="cut.html", content=cut, kind="html"))
    assert PARAGRAPHS[0] in art.text and PARAGRAPHS[1] in art.text
    assert "tracking" not in art.text


def test_fragment_without_trafilatura_result() -> None:
    html = "<div><p>Water levels on the Orrin river fell overnight, the flood office said.</p>"
    art = clean(Document(origin="frag.html", content=html, kind="html"))
    assert art.text == "Water levels on the Orrin river fell overnight, the flood office said."


@pytest.mark.parametrize(
    ("lang", "paragraph"),
    [
        ("sv", "Ett jordskred blockerade bergsvägen mellan Kestrel och Ardun på fredagsmorgonen, uppger polisen."),
        ("ar", "أغلق انهيار أرضي الطريق الجبلي بين كيسترل وأردون صباح الجمعة، بحسب الشرطة."),
        ("ru", "Оползень перекрыл горную дорогу между Кестрелом и Ардуном в пятницу утром, сообщила полиция."),
    ],
)
def test_html_non_english(lang: str, paragraph: str) -> None:
    html = f"<html><head><title>T</title></head><body><article><p>{paragraph}</p><p>{paragraph}</p></article></body></html>"
    art = clean(Document(origin="p.html", content=html.encode("utf-8"), kind="html"))
    assert paragraph in art.text
    assert art.lang == lang


def test_html_without_text_raises() -> None:
    with pytest.raises(CleanError, match="empty.html"):
        clean(Document(origin="empty.html", content="<html><head><script>x=1</script></head><body></body></html>",
                       kind="html"))
