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


# On a phone, what each page is for is in sight without scrolling sideways: a selector and
# the page; each match's right edge must be inside the screen.
IN_SIGHT = [
    ("index.html", "#launch-table td[data-label='Status']"),
    ("index.html", "#launch-table td[data-label='What blocks it']"),
    ("launches/team-insights.html", "#findings td[data-label='Where']"),
    ("launches/team-insights.html", ".copy-grid td.cell"),  # its grid is on its page
    ("people.html", "td[data-label='Launch']"),
]


def test_on_a_phone_the_columns_that_matter_are_in_sight(
    browser: Browser, examples_site: Path
) -> None:
    context, watch = watched_context(browser, viewport=PHONE)
    out: list[str] = []
    try:
        page = context.new_page()
        for name, selector in IN_SIGHT:
            page.goto(url(examples_site, name))
            boxes = [cell.bounding_box() for cell in page.locator(selector).all()]
            assert boxes, selector
            out += [
                f"{name} {selector}"
                for box in boxes
                if box is None or box["x"] < 0 or box["x"] + box["width"] > PHONE["width"]
            ]
        # The filters still hide the rows they leave out, now cards.
        page.goto(url(examples_site, "index.html"))
        page.get_by_label("Not ready only").check()
        assert page.locator("#launch-table tbody tr:visible").count() == 2
        # The timeline opens at today's line, not at its empty left edge.
        page.goto(url(examples_site, "timeline.html"))
        box = page.locator("#timeline").bounding_box()
        today = page.locator("#timeline svg > line.lg-today").bounding_box()
        assert box and today
        assert page.locator("#timeline").evaluate("e => e.scrollLeft") > 0
        assert box["x"] < today["x"] < box["x"] + box["width"]
    finally:
        context.close()
    assert not watch.problems(), watch.problems()
    assert out == []
