"""Fixtures of the browser tests (test_browser_*.py): the demo database behind a live server, and Debian's
Chromium driven by Playwright; both built once per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_web_support import CHROMIUM, CHROMIUM_ARGS, build_demo_db, live_server


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("browser") / "demo.db")
    build_demo_db(db)
    with live_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
