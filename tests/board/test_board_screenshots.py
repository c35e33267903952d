"""Screenshots of every page of the board of examples/, at desktop and phone widths, for
people to look at (site-screenshots/, ignored by git); and what a screenshot would show
that a test can tell: on a phone the page itself never scrolls sideways (wide tables
scroll in their own box)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.board.conftest import DESKTOP, PHONE, url, watched_context
from tests.conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ViewportSize

SHOTS = ROOT / "site-screenshots"
PAGES = [
    "index.html",
    "timeline.html",
    "copy.html",
    "people.html",
    "launches/team-insights.html",
]


@pytest.mark.parametrize(("width", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots_of_every_page(
    browser: Browser, examples_site: Path, width: str, viewport: ViewportSize
) -> None:
    SHOTS.mkdir(exist_ok=True)
    context, watch = watched_context(browser, viewport=viewport)
    wide: dict[str, int] = {}
    try:
        page = context.new_page()
        for name in PAGES:
            page.goto(url(examples_site, name))
            shot = SHOTS / f"{width}-{name.replace('/', '-').removesuffix('.html')}.png"
            page.screenshot(path=shot, full_page=True)
            assert shot.stat().st_size > 0
            scroll: int = page.evaluate("document.documentElement.scrollWidth")
            if scroll > viewport["width"]:
                wide[name] = scroll
    finally:
        context.close()
    assert not watch.problems(), watch.problems()
    assert wide == {}, f"wider than the {width}'s {viewport['width']} px"
