"""The board built from manifests full of hostile text (tests/board/conftest.py, HOSTILE):
in a real browser, that text is shown as text on every page it reaches, and nothing in it
becomes an element, an event handler, a script, a link or a dialog."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.board.conftest import HOSTILE, url

if TYPE_CHECKING:
    from playwright.sync_api import Page

PAGES = [
    "index.html",
    "timeline.html",
    "copy.html",
    "people.html",
    "launches/team-insights.html",
]
# What the page's DOM holds that only markup could have put there.
INJECTED = """() => ({
  handlers: [...document.querySelectorAll("*")].flatMap(
    e => [...e.attributes].filter(a => a.name.startsWith("on")).map(a => e.tagName + " " + a.name)),
  scripts: document.scripts.length,
  injected: document.querySelectorAll("#injected, img[src=x], svg[onload]").length,
  script_links: [...document.querySelectorAll("a[href], area[href], [src], [action]")]
    .map(e => e.getAttribute("href") || e.getAttribute("src") || e.getAttribute("action"))
    .filter(v => /^\\s*(javascript|data|vbscript):/i.test(v)),
})"""
# The markup part of HOSTILE, which must read as text, character for character.
MARKUP = HOSTILE.split(" \u202e")[0]


@pytest.mark.parametrize("name", PAGES)
def test_hostile_text_stays_text(page: Page, hostile_site: Path, name: str) -> None:
    page.goto(url(hostile_site, name))
    found = page.evaluate(INJECTED)
    assert found == {"handlers": [], "scripts": 1, "injected": 0, "script_links": []}
    shown = page.locator("body").inner_text()
    # The bidi override cannot turn the text around: it is shown as its escape.
    assert "\u202e" not in shown
    if name != "timeline.html":  # the timeline shows names in its picture too
        assert MARKUP in shown, name


def test_the_hostile_launch_is_still_listed_and_its_page_opens(
    page: Page, hostile_site: Path
) -> None:
    page.goto(url(hostile_site))
    link = page.get_by_role("link", name=MARKUP[:20])
    assert link.count() == 1
    link.click()
    assert page.url.endswith("/launches/team-insights.html")
    assert MARKUP in page.get_by_role("heading", level=1).inner_text()
