"""HTML pages over the invented demo DB: content, escaping, security headers; and the view helpers."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from test_web_support import build_demo_db

from corroborate.web import create_app
from corroborate.web.highlight import Span, highlight
from corroborate.web.safety import clip, path_segment, safe_url
from corroborate.web.timeline import Tick, render_timeline
from corroborate.web.worldmap import Marker, render_map

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _parse(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = str(tmp_path_factory.mktemp("pages") / "demo.db")
    build_demo_db(db)
    with TestClient(create_app(db)) as c:
        yield c


PAGES = ["/", "/stories/s-flood", "/stories/s-evil", "/articles/fl-en", "/articles/evil-1", "/outlets",
         "/outlets/badactor.example", "/?q=%3Cscript%3E", "/nope"]


@pytest.mark.parametrize("path", PAGES)
def test_security_headers_and_no_inline_script(client: TestClient, path: str) -> None:
    r = client.get(path)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", r.text) is None  # only external scripts
    assert "<script>window" not in r.text and "<img src=x" not in r.text
    tags = _parse(r.text)
    assert not [(t, a) for t, attrs in tags for a, _ in attrs if a.startswith("on")], "event handler in the HTML"
    assert not [t for t, _ in tags if t in ("iframe", "object", "embed", "base")]
    assert all(dict(a).get("src", "").startswith("/static/") for t, a in tags if t == "img")
    hrefs = [v for _, attrs in tags for a, v in attrs if a in ("href", "src", "action") and v]
    assert all(h.startswith(("/", "#", "http://", "https://")) for h in hrefs), hrefs


def test_hostile_title_is_escaped_and_truncated(client: TestClient) -> None:
    listing = client.get("/", params={"q": "onmouseover"}).text
    assert "&lt;script&gt;window.__pwned" in listing
    assert len(listing) < 30_000  # the 100 KB title is clipped in lists
    reader = client.get("/articles/evil-1").text
    assert "javascript:window" in reader  # shown as text, not as a link
    assert 'class="bad-url"' in reader


def test_story_list_shows_badges_languages_and_pagination(client: TestClient) -> None:
    html = client.get("/").text
    assert html.count('class="story') >= 25 and "page 1 of 2" in html
    page2 = client.get("/", params={"page": 2}).text
    assert "page 2 of 2" in page2 and 'rel="prev"' in page2
    conflicts = client.get("/", params={"conflict": "1"}).text
    assert "Dam breach floods Veltrava" in conflicts and "disputed facts" in conflicts
    assert "1 story" in conflicts
    by_size = client.get("/", params={"order": "size"}).text
    assert by_size.index("Dam breach") < by_size.index("Землетрясение") < by_size.index("Council meeting")


def test_bad_filter_values_are_reported_not_crashing(client: TestClient) -> None:
    r = client.get("/", params={"date_from": "31/02/2033", "page": "-4"})
    assert r.status_code == 200 and "is not a date: use YYYY-MM-DD" in r.text
    r = client.get("/", params={"q": "' OR 1=1 --"})
    assert r.status_code == 200 and "0 stories" in r.text


def test_dossier_page_has_matrix_map_timeline_entities_framing_related(client: TestClient) -> None:
    html = client.get("/stories/s-flood").text
    assert html.count('class="cell disputed"') == 4
    # each claim links to its span in the reader, and the reader carries that id
    link = re.search(r'href="/articles/fl-de#(claim-\d+-\d+)"', html)
    assert link
    assert f'<mark id="{link.group(1)}" class="claim"' in client.get("/articles/fl-de").text
    assert '<svg class="map"' in html and 'class="marker"' in html
    assert '<svg class="timeline"' in html and "event-band" in html
    assert "شركة أورفينا" in html  # entity spellings
    assert "Betreiber Orvenna Hydro" in html  # framing terms per outlet
    assert "follow-up" in html and "/stories/s-quake" in html
    quake = client.get("/stories/s-quake").text
    assert "Not located: Nowhere-Unlocated" in quake
    # a wire copy is shown as carried by its outlet, and counted once (4 articles, 4 outlets, not 5)
    assert "carried by <b>1</b> more outlet" in html and "<b>4</b> sources" in html
    carried = re.search(r'<span class="meta carried"[^>]*>(.*?)</span>\s*</li>', html, re.S)
    assert carried and "Lakeshore Courier" in carried.group(1)
    assert 'href="https://lakeshore-courier.example/veltrava"' in carried.group(1)


def test_reader_marks_claims_at_their_spans(client: TestClient) -> None:
    html = client.get("/articles/fl-sv").text
    assert re.search(r'<mark id="claim-0-20" class="claim"[^>]*>Nio personer dödades</mark>', html)
    assert re.search(r'<mark id="claim-(\d+)-(\d+)" class="claim"[^>]*>Tre barn skadades</mark>', html)
    assert 'href="#claim-0-20"' in html  # the side list of figures links to the same marks
    arabic = client.get("/articles/fl-ar").text
    assert 'lang="ar" dir="auto"' in arabic and ">قتل تسعة أشخاص</mark>" in arabic
    assert client.get("/articles/missing").status_code == 404


@pytest.mark.parametrize("lang,needle", [("en", "Nine people"), ("de", "neun Menschen"), ("sv", "Nio personer"),
                                         ("es", "Dos personas"), ("fr", "Deux morts"), ("ar", "تسعة"),
                                         ("ru", "Двое человек")])
def test_every_language_renders_in_the_reader(client: TestClient, lang: str, needle: str) -> None:
    ids = {"en": "fl-en", "de": "fl-de", "sv": "fl-sv", "es": "qk-es", "fr": "qk-fr", "ar": "fl-ar", "ru": "qk-ru"}
    html = client.get(f"/articles/{ids[lang]}").text
    assert needle in html and f'lang="{lang}"' in html


def test_outlet_page_shows_stories_and_framing(client: TestClient) -> None:
    html = client.get("/outlets/rheinbote.example").text
    assert "Dam breach floods Veltrava" in html and "Betreiber Orvenna Hydro" in html
    assert "Mentioned in <b>1</b> of 1 article" in html
    assert client.get("/outlets/unknown.example").status_code == 404


# ------------------------------------------------------------------ helpers


def test_highlight_escapes_every_piece() -> None:
    text = "<b>a</b> 5 <i>dead</i> & more"
    html = highlight(text, [Span(9, 22, "claim-0", 'x" onclick="y')])
    assert html == ('&lt;b&gt;a&lt;/b&gt; <mark id="claim-0" class="claim" title="x&#34; onclick=&#34;y" '
                    'tabindex="-1">5 &lt;i&gt;dead&lt;/i&gt;</mark> &amp; more')


def test_highlight_handles_overlaps_and_bad_spans() -> None:
    text = "abcdefghij"
    html = str(highlight(text, [Span(2, 6, "claim-0", ""), Span(4, 8, "claim-1", ""), Span(8, 99, "claim-2", ""),
                                Span(5, 5, "claim-3", "")]))
    assert html.count("<mark") == 1 and 'id="claim-1"' in html  # overlapped one keeps an anchor
    assert "claim-2" not in html and "claim-3" not in html
    assert re.sub(r"<[^>]+>", "", html) == text


def test_safe_url_only_allows_http_and_https() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url("HTTP://example.org") == "HTTP://example.org"
    for bad in ["javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "//evil.example",
                "/relative", "vbscript:x", "http://", "https://ex ample.org", "java\nscript:x", None, ""]:
        assert safe_url(bad) is None, bad


def test_clip_and_path_segment() -> None:
    assert clip("x" * 1000, 10) == "x" * 9 + "…"
    assert clip("  a \n b  ") == "a b"
    assert path_segment("a/b c?#") == "a%2Fb%20c%3F%23"


def test_map_draws_countries_and_markers_offline() -> None:
    svg = str(render_map([Marker(48.8, 2.3, "<Town>"), Marker(52.5, 13.4, "Other", weight=3)]))
    assert svg.count('class="marker"') == 2 and svg.count('class="land"') > 5
    assert "&lt;Town&gt;" in svg and "<Town>" not in svg
    world = str(render_map([Marker(-33.9, 151.2, "A"), Marker(64.1, -21.9, "B")]))
    assert world.count('class="land"') > 50


def test_timeline_places_articles_and_event() -> None:
    t0 = datetime(2040, 1, 2, 3, 0, tzinfo=UTC)
    svg = str(render_timeline([Tick(t0, "<a>", "/articles/x"), Tick(t0.replace(hour=9), "b")], t0, None))
    assert svg.count('class="dot dot-article"') == 2 and "event-band" in svg and "&lt;a&gt;" in svg
    assert render_timeline([], None, None) == ""
