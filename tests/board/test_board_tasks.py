"""What a team lead comes to the board for, done in a browser as a person would: on the
board of examples/ as of 2026-11-23 (examples/README.md says what is wrong there).

Every page here runs with its Content-Security-Policy on; the `page` fixture fails a test
whose page logged an error, threw, opened a dialog or asked for anything but its files.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from tests.board.conftest import url
from tests.conftest import EXAMPLES

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

TODAY = dt.date(2026, 11, 23)  # a Monday
PAGES = ["index.html", "timeline.html", "copy.html", "people.html"]


def example_launches() -> list[str]:
    """The names of examples/' launches, by their first date, read from the manifests."""
    found = []
    for path in sorted((EXAMPLES / "launches").glob("*.yaml")):
        manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
        first = min(manifest["release"]["date"], manifest["announce"]["date"])
        found.append((first, manifest["name"]))
    return [name for _, name in sorted(found)]


def launch_rows(page: Page) -> Locator:
    return page.get_by_role("table", name="Every launch, by date").locator("tbody tr")


def visible_launches(page: Page) -> list[str]:
    """The names in the launch table's rows a reader can see, top to bottom."""
    names: list[str] = launch_rows(page).evaluate_all(
        "rows => rows.filter(r => r.checkVisibility()).map(r => r.querySelector('a').innerText)"
    )
    return names


def column(page: Page, header: str) -> int:
    """The 0-based position of the launch table's column headed `header`."""
    headers = page.get_by_role("table", name="Every launch, by date").locator("thead th")
    return headers.all_inner_texts().index(header)


def test_every_launch_is_listed_by_date(page: Page, examples_site: Path) -> None:
    page.goto(url(examples_site))
    assert visible_launches(page) == example_launches()
    assert page.locator("#summary").inner_text() == (
        "2 of 3 launches not ready, as of Mon 23 Nov 2026."
    )


def test_why_a_launch_is_not_ready(page: Page, examples_site: Path) -> None:
    page.goto(url(examples_site))
    row = launch_rows(page).filter(has=page.get_by_role("link", name="Team Insights"))
    cells = row.locator("th, td")
    assert "Not ready" in cells.nth(column(page, "Status")).inner_text()
    blockers = cells.nth(column(page, "What blocks it")).inner_text()
    assert "app_store.subtitle (de-DE) is 32 of 30 characters" in blockers

    row.get_by_role("link", name="Team Insights").click()
    assert page.url.endswith("/launches/team-insights.html")
    assert page.get_by_role("heading", level=1).inner_text() == "Team Insights"
    findings = page.get_by_role("table", name="What the check found, worst first")
    first = findings.locator("tbody tr").first.inner_text()
    # The worst first: the error that blocks the launch, with the line to fix.
    assert "32 of 30 characters" in first and "blocks the launch" in first
    assert "launches/team-insights.yaml:26" in first


def test_one_persons_overdue_work(page: Page, examples_site: Path) -> None:
    page.goto(url(examples_site, "people.html"))
    page.get_by_role("link", name="@mia").first.click()  # the list at the top jumps there
    assert page.url.endswith("#owner-mia")
    mia = page.get_by_role("region", name="@mia")
    overdue = mia.get_by_role("table", name="Overdue").locator("tbody tr")
    assert overdue.count() == 1
    work = overdue.first.inner_text()
    assert "slack-directory-listing" in work and "Fri 20 Nov 2026" in work
    assert "3 days overdue" in work and "Weekly digest in Slack" in work
    # Nobody else has anything overdue on 23 Nov.
    assert page.get_by_role("table", name="Overdue").count() == 1


def test_which_copy_is_over_its_limit_in_german(page: Page, examples_site: Path) -> None:
    # The copy page lists the launches with copy; each one's grid is on its own page.
    page.goto(url(examples_site, "copy.html"))
    index = page.get_by_role("table", name=re.compile(r"^Copy by launch"))
    links = index.locator("tbody th a")
    grids = [(links.nth(n).inner_text(), links.nth(n).get_attribute("href")) for n in range(3)]
    assert links.count() == 3
    over: dict[tuple[str, str], str] = {}
    in_german = []
    for name, href in grids:
        page.goto(url(examples_site, "copy.html"))
        page.get_by_role("link", name=name, exact=True).click()
        assert page.url.endswith(f"{href}")
        table = page.get_by_role("table", name=re.compile(r"^Copy of .*, channel by locale$"))
        launch = table.locator("caption").inner_text().removeprefix("Copy of ")
        launch = launch.removesuffix(", channel by locale")
        assert launch == name
        headers = table.locator("thead th").all_inner_texts()
        if "de-DE" not in headers:
            continue  # English only: the minor checklist asks for no German
        in_german.append(launch)
        german = headers.index("de-DE")
        rows = table.locator("tbody tr")
        for r in range(rows.count()):
            channel = rows.nth(r).locator("th").inner_text()
            cell = rows.nth(r).locator("th, td").nth(german).inner_text()
            if "over:" in cell:  # what the reader sees: ✗ over, not only a red cell
                over[(launch, channel)] = cell
    assert in_german == ["Team Insights", "Team Goals for iOS and Android"]
    assert set(over) == {
        ("Team Insights", "app_store.subtitle"),
        ("Team Insights", "email.subject"),
    }
    subtitle = over[("Team Insights", "app_store.subtitle")]
    assert "Teamauswertungen auf einen Blick" in subtitle and "32 of 30 characters" in subtitle


def shown_day(cell: str) -> dt.date:
    """The date a table cell shows first, as people write it: "Tue 1 Dec 2026"."""
    found = re.match(r"\w{3} \d{1,2} \w{3} \d{4}", cell)
    assert found, cell
    return dt.datetime.strptime(found[0], "%a %d %b %Y").date()


def test_what_ships_next_week(page: Page, examples_site: Path) -> None:
    monday = TODAY + dt.timedelta(days=7)
    next_week = (monday, monday + dt.timedelta(days=6))
    page.goto(url(examples_site))
    rows = launch_rows(page)
    shipping = {}
    for i in range(rows.count()):
        cells = rows.nth(i).locator("th, td")
        release = shown_day(cells.nth(column(page, "Release")).inner_text())
        if next_week[0] <= release <= next_week[1]:
            shipping[rows.nth(i).get_by_role("link").first.inner_text()] = cells.nth(
                column(page, "Release")
            ).inner_text()
    assert list(shipping) == ["Weekly digest in Slack"]
    assert "in 6 business days" in shipping["Weekly digest in Slack"]


def test_filters_by_keyboard(page: Page, examples_site: Path) -> None:
    page.goto(url(examples_site))
    everyone = example_launches()
    count = page.locator("#filter-count")
    # From the top of the page: Tab reaches the search box, the filters follow it.
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "search":
            break
    else:
        pytest.fail("Tab never reached the search box")
    page.keyboard.type("insights")
    assert visible_launches(page) == ["Team Insights"]
    assert count.inner_text() == "1 of 3 launches shown"
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    assert visible_launches(page) == everyone

    page.keyboard.press("Tab")  # "Not ready only"
    page.keyboard.press("Space")
    assert visible_launches(page) == [n for n in everyone if n != "Weekly digest in Slack"]
    page.keyboard.press("Space")
    assert visible_launches(page) == everyone

    page.keyboard.press("Tab")  # "This month": November has no launch dates
    page.keyboard.press("Space")
    assert visible_launches(page) == []
    assert count.inner_text() == "0 of 3 launches shown"
    page.keyboard.press("Space")


def test_owner_and_tier_filters(page: Page, examples_site: Path) -> None:
    page.goto(url(examples_site))
    owner, tier = page.get_by_label("Owner"), page.get_by_label("Tier")
    for who, kind, expected in (
        ("@pat", "Any tier", ["Team Goals for iOS and Android"]),
        ("@mia", "Any tier", ["Weekly digest in Slack", "Team Goals for iOS and Android"]),
        ("Anyone", "minor", ["Weekly digest in Slack"]),
        ("@mia", "major", ["Team Goals for iOS and Android"]),
        ("@david", "minor", []),
        ("Anyone", "Any tier", example_launches()),
    ):
        owner.select_option(label=who)
        tier.select_option(label=kind)
        assert visible_launches(page) == expected, (who, kind)
        assert page.locator("#filter-count").inner_text() == (
            f"{len(expected)} of 3 launches shown"
        )


def site_links(page: Page) -> list[str]:
    """Every link on the page, as an absolute address."""
    # getAttribute, not .href: a link inside the timeline's SVG has no string .href.
    hrefs: list[str] = page.eval_on_selector_all(
        "a[href]",
        "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)",
    )
    return hrefs


@pytest.mark.parametrize("name", PAGES)
def test_every_link_inside_the_site_leads_to_a_file(
    page: Page, examples_site: Path, name: str
) -> None:
    page.goto(url(examples_site, name))
    hrefs = site_links(page)
    assert hrefs
    for href in hrefs:
        assert href.startswith("file://"), href  # nothing points off the site
        target = Path(unquote(urlsplit(href).path))
        assert target.is_file(), href


def test_each_launch_page_opens_clean(page: Page, examples_site: Path) -> None:
    for launch in sorted((examples_site / "launches").glob("*.html")):
        page.goto(launch.as_uri())
        assert page.get_by_role("heading", level=1).inner_text() in example_launches()
        home = page.get_by_role("link", name="All launches", exact=True)
        assert home.get_attribute("href") == ("../index.html")


# Each launch's link in the timeline's picture: its name, its bar's box, where it leads.
TIMELINE_ROWS = """svg => [...svg.querySelectorAll("a")].map(link => {
  const bars = [...link.querySelectorAll(".lg-bar")].map(b => b.getBoundingClientRect());
  return {name: link.querySelector(".lg-label").textContent.replace(/[\u2066-\u2069]/g, ""),
          bars: bars.map(b => [b.width, b.height]), href: link.getAttribute("href")};
})"""


def test_the_timeline_has_a_bar_per_launch(page: Page, examples_site: Path) -> None:
    page.goto(url(examples_site, "timeline.html"))
    picture = page.get_by_role("group", name="Launch timeline")
    assert picture.count() == 1  # at once: the page has loaded
    rows = picture.evaluate(TIMELINE_ROWS)
    assert [row["name"] for row in rows] == example_launches()
    for row in rows:
        ((width, height),) = row["bars"]  # one bar, drawn wide enough to see
        assert width > 20 and height > 4, row
    # Today's line, and the one overdue deliverable (Slack's directory listing) in words.
    assert picture.locator(".lg-today-label").text_content() == "Today Mon 23 Nov"
    assert picture.get_by_text("1 overdue", exact=True).count() == 1
    picture.get_by_role("link", name="Team Insights").click()
    assert page.url.endswith("/launches/team-insights.html")


def test_printing_shows_every_launch_without_the_controls(page: Page, examples_site: Path) -> None:
    page.goto(url(examples_site))
    page.get_by_label("Not ready only").check()
    assert visible_launches(page) != example_launches()
    page.emulate_media(media="print")  # "send me a PDF" is one Ctrl-P
    assert visible_launches(page) == example_launches()
    for control in ("#site-nav", "#filters", "#filter-count"):
        assert not page.locator(control).is_visible(), control
    assert page.pdf(format="A4").startswith(b"%PDF-")
