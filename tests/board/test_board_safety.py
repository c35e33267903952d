"""The board built from manifests full of hostile text (tests/board/conftest.py, HOSTILE):
in a real browser, that text is shown as text on every page it reaches, nothing in it
becomes an element, an event handler, a script, a link or a dialog, and every link still
leads to one of the board's files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import pytest

from tests.board.conftest import HOSTILE, url
from tests.board.test_board_tasks import site_links

if TYPE_CHECKING:
    from playwright.sync_api import Page

PAGES = ["index.html", "timeline.html", "copy.html", "people.html"]
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


def hostile_page(site: Path) -> str:
    """The launch page of the hostile launch, whatever safe name the board gave it."""
    (found,) = [p for p in (site / "launches").glob("*.html") if "index" in p.name]
    return str(found.relative_to(site))


@pytest.mark.parametrize("name", [*PAGES, "the hostile launch's page"])
def test_hostile_text_stays_text(page: Page, hostile_site: Path, name: str) -> None:
    if name not in PAGES:
        name = hostile_page(hostile_site)
    page.goto(url(hostile_site, name))
    found = page.evaluate(INJECTED)
    assert found == {"handlers": [], "scripts": 1, "injected": 0, "script_links": []}
    shown = page.locator("body").inner_text()
    # The bidi override cannot turn the text around: it is shown as its escape.
    assert "\u202e" not in shown
    if name != "timeline.html":  # the picture shortens long names
        assert MARKUP in shown, name
    # Every link leads to one of the board's own files (an id is a file name).
    for href in site_links(page):
        target = Path(unquote(urlsplit(href).path))
        assert target.is_file() and target.resolve().is_relative_to(hostile_site.resolve()), href


def test_the_hostile_launch_is_still_listed_and_its_page_opens(
    page: Page, hostile_site: Path
) -> None:
    page.goto(url(hostile_site))
    link = page.get_by_role("link", name=MARKUP[:20])
    assert link.count() == 1
    link.click()
    assert page.url == url(hostile_site, hostile_page(hostile_site))
    assert MARKUP in page.get_by_role("heading", level=1).inner_text()
