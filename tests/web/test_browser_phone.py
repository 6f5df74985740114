"""Phone-sized pages in Debian's headless Chromium: the story list and the dossier at 390 px and 1280 px wide
have no sideways page scroll and the search box in view; the facts matrix scrolls inside its own box.
Screenshots: tests/screenshots/phone-list.png, phone-dossier.png."""

from __future__ import annotations

import pytest
from test_browser_web import pytestmark  # noqa: F401  (same skip rules and marks)
from test_web_support import SHOTS

WIDTHS = (390, 1280)


def _open(browser, base_url: str, width: int, path: str):
    context = browser.new_context(viewport={"width": width, "height": 844 if width < 600 else 900},
                                  base_url=base_url, device_scale_factor=1)
    page = context.new_page()
    page.goto(path)
    return context, page


def _no_sideways_scroll(page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]")
    assert widths[0] <= widths[1] and widths[2] <= widths[1], f"page wider than the viewport: {widths}"


def _search_box_in_view(page) -> None:
    box = page.locator(".quick-search input").bounding_box()
    width = page.evaluate("window.innerWidth")
    assert box is not None and page.locator(".quick-search input").is_visible()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["width"] >= 100, box


@pytest.mark.parametrize("width", WIDTHS)
def test_story_list_fits(browser, base_url: str, width: int) -> None:
    context, page = _open(browser, base_url, width, "/")
    try:
        _no_sideways_scroll(page)
        _search_box_in_view(page)
        assert page.locator(".story").first.is_visible()
        page.fill(".quick-search input", "veltrava")
        page.press(".quick-search input", "Enter")
        page.wait_for_url("**q=veltrava**")
        assert page.locator(".story").count() >= 1
        _no_sideways_scroll(page)
        if width == 390:
            page.goto("/")
            SHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SHOTS / "phone-list.png"))
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_dossier_fits_and_the_matrix_scrolls_in_its_box(browser, base_url: str, width: int) -> None:
    context, page = _open(browser, base_url, width, "/stories/s-flood")
    try:
        _no_sideways_scroll(page)
        _search_box_in_view(page)
        wrap = page.locator("#facts .matrix-wrap")
        sizes = wrap.evaluate("e => [e.scrollWidth, e.clientWidth, getComputedStyle(e).overflowX]")
        assert sizes[2] == "auto"
        assert sizes[1] <= page.evaluate("window.innerWidth")
        if width == 390:
            assert sizes[0] > sizes[1], f"the matrix should scroll inside its box at {width}px: {sizes}"
            wrap.evaluate("e => { e.scrollLeft = e.scrollWidth }")
            assert wrap.evaluate("e => e.scrollLeft") > 0
            _no_sideways_scroll(page)
            wrap.evaluate("e => { e.scrollLeft = 0 }")
            SHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SHOTS / "phone-dossier.png"), full_page=True)
        for path in ("/articles/fl-en", "/entities/orvenna hydro", "/outlets/tidewatch.example"):
            page.goto(path)
            _no_sideways_scroll(page)
    finally:
        context.close()
