"""Accessibility of the board of examples/: axe-core (tests/board/vendor, fetch_axe.py)
finds no serious or critical violation on any page, at desktop and phone widths (where
tables become cards), in the light colour scheme or the dark one (WCAG AA contrast among
them), and a keyboard reaches the content first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.board.conftest import Axe, url

if TYPE_CHECKING:
    from playwright.sync_api import Page

PAGES = [
    "index.html",
    "timeline.html",
    "copy.html",
    "people.html",
    "launches/slack-digest.html",
    "launches/team-insights.html",
    "launches/mobile-goals.html",
]


def summary(violations: list[dict[str, Any]]) -> list[str]:
    """One line per violation, with the elements it names: what a failure prints."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in violations
    ]


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(axe: Axe, examples_site: Path, name: str) -> None:
    found = axe.check(url(examples_site, name))
    assert {scheme: summary(v) for scheme, v in found.items()} == {"light": [], "dark": []}


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations_on_a_phone(
    phone_axe: Axe, examples_site: Path, name: str
) -> None:
    found = phone_axe.check(url(examples_site, name))
    assert {scheme: summary(v) for scheme, v in found.items()} == {"light": [], "dark": []}


def test_the_first_tab_offers_to_skip_to_the_content(page: Page, examples_site: Path) -> None:
    page.goto(url(examples_site))
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to content" and skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
