"""The web UI in Debian's headless Chromium (Playwright, sync API): the reading flow, and hostile content
staying inert. Screenshots go to tests/screenshots/."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from test_web_support import CHROMIUM, SHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} missing: apt-get install -y chromium"),
]


@pytest.fixture
def page(browser, base_url: str) -> Iterator:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))  # type: ignore[attr-defined]
    # Offline product: any request leaving the test server is a defect (a CDN, a tile server, ...).
    outside: list[str] = []
    pg.outside = outside  # type: ignore[attr-defined]
    pg.on("request", lambda req: None if req.url.startswith((base_url, "data:")) else outside.append(req.url))
    yield pg
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_reading_flow_list_filter_dossier_claim_map(page) -> None:
    page.goto("/")
    assert page.locator(".story").count() == 25  # first page of 33 stories
    assert page.locator("nav.pager").is_visible()
    shot(page, "list")

    # Filter: disputed facts only (the checkbox submits the form by itself).
    page.check("input[name=conflict]")
    page.wait_for_url("**conflict=1**")
    titles = page.locator(".story-title").all_inner_texts()
    assert titles == ["Dam breach floods Veltrava valley, nine dead"]
    assert page.locator(".story .status-conflicting").count() == 1

    # Language filter + text search combine.
    page.goto("/?lang=ru")
    assert page.locator(".story-title").all_inner_texts() == ["Землетрясение у озера Карнск: двое погибших"]

    # Open the dossier from the list.
    page.goto("/?conflict=1")
    page.click("text=Dam breach floods Veltrava valley")
    page.wait_for_url("**/stories/s-flood")
    disputed_row = page.locator("tr.row-conflicting")
    assert disputed_row.count() == 1
    assert "children" in disputed_row.inner_text()
    assert disputed_row.locator("td.cell.disputed").count() == 4
    assert page.locator("tr.row-corroborated").count() == 1
    assert "carried by Lakeshore Courier" in page.locator("#articles .carried").inner_text()  # a wire copy
    shot(page, "dossier")

    # The map: offline SVG with a marker at the story's place, countries drawn.
    page.locator("#map").scroll_into_view_if_needed()
    marker = page.locator("svg.map circle.marker")
    assert marker.count() == 1 and marker.first.is_visible()
    assert page.locator("svg.map path.land").count() > 5
    page.locator("#map").screenshot(path=str(SHOTS / "map.png"))

    # Follow a disputed figure to its quote in the reader: highlighted and targeted.
    minority = disputed_row.locator("a.claim-link.minority").first
    href = minority.get_attribute("href")
    assert href and "#claim-" in href
    minority.click()
    page.wait_for_url(f"**{href}")
    anchor = href.split("#")[1]
    mark = page.locator(f"mark#{anchor}")
    assert mark.is_visible()
    assert mark.evaluate("el => el.matches(':target')")
    assert mark.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.locator("mark.claim").count() >= 2
    shot(page, "reader")

    # The outlet page.
    page.click("p.kicker a")
    assert page.locator("h1").inner_text().endswith(".example")
    shot(page, "outlet")

    assert page.errors == []  # type: ignore[attr-defined]
    assert page.outside == []  # type: ignore[attr-defined]


def test_hostile_article_renders_inert(page, base_url: str) -> None:
    for path in ["/", "/stories/s-evil", "/articles/evil-1", "/outlets/badactor.example", "/?q=%3Cscript%3E"]:
        page.goto(path)
        page.mouse.move(200, 200)
        page.hover("h1")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("script:not([src])").count() == 0, path
    # The payload is visible as text, and the title is truncated in lists.
    page.goto("/articles/evil-1")
    assert "<script>window.__pwned" in page.locator(".article-text").inner_text()
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator(".bad-url").count() == 1
    page.goto("/?q=onmouseover")
    title = page.locator(".story-title").first.inner_text()
    assert len(title) <= 140
    shot(page, "hostile")
    assert page.errors == []  # type: ignore[attr-defined]


def test_swagger_docs_load_from_local_assets(page) -> None:
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    assert page.locator(".opblock").count() >= 8
    assert page.outside == []  # type: ignore[attr-defined]
    assert page.errors == []  # type: ignore[attr-defined]
