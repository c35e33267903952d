"""`launchgate board`: the pages built from examples/, read back with an HTML parser."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from pathlib import Path

import pytest

from launchgate.board.site import BusinessDays, FileLinks, page_file
from launchgate.workdays import Workdays
from tests.board.pages import Element, read
from tests.conftest import EXAMPLES, TODAY, run_cli, write_tree

EXAMPLE_IDS = {"mobile-goals", "slack-digest", "team-insights"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("board") / "site"
    result = run_cli("board", str(EXAMPLES), "--output", str(out), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert f"{out}/index.html" in result.stdout
    return out


def rows(index: Element) -> dict[str, Element]:
    """The launch table's rows by launch id."""
    table = index.one("table", id="launch-table")
    return {
        row.one("span", class_="launch-id").text: row
        for row in table.find("tr", class_="launch-row")
    }


def test_every_launch_is_listed_by_date_with_its_own_page(site: Path) -> None:
    found = rows(read(site, "index.html"))
    assert list(found) == ["slack-digest", "team-insights", "mobile-goals"]  # by release date
    for launch, row in found.items():
        link = row.find("a")[0].attrs["href"]
        assert link == f"launches/{launch}.html"
        page = read(site, link)
        assert page.one("h1").text == row.find("a")[0].text
    assert {p.stem for p in (site / "launches").iterdir()} == EXAMPLE_IDS


def test_a_row_says_ready_or_not_in_words_and_what_blocks_it(site: Path) -> None:
    found = rows(read(site, "index.html"))
    insights = found["team-insights"]
    assert insights.attrs["data-ready"] == "no"
    assert "✗ Not ready" in insights.one(class_="status").text
    blockers = insights.one("ul", class_="blockers").text
    assert "app_store.subtitle (de-DE) is 32 of 30 characters" in blockers
    digest = found["slack-digest"]
    assert "✓ Ready" in digest.one(class_="status").text
    assert digest.find("ul", class_="blockers") == []
    # The overdue deliverable is a warning: shown on the launch page, not a blocker.
    page = read(site, "launches/slack-digest.html")
    assert "slack-directory-listing" in page.one("section", id="findings").text


def test_dates_say_how_many_business_days_away_they_are(site: Path) -> None:
    row = rows(read(site, "index.html"))["slack-digest"]
    # Mon 23 Nov to Tue 1 Dec 2026: 24, 25, 26, 27, 30 Nov and 1 Dec.
    cells = row.find("td")
    assert cells[1].one("time").attrs["datetime"] == "2026-12-01"
    assert "in 6 business days" in cells[1].text


def test_sign_offs_offline_name_the_roles_that_must_approve(site: Path) -> None:
    index = read(site, "index.html")
    row = rows(index)["mobile-goals"]
    signoffs = row.find("td")[-1]
    # In a few words in the row, the whole sentence in each line's title, and once under it.
    for role in ("product", "marketing", "legal"):
        assert f"{role} · not verified" in signoffs.text
    titles = {item.attrs["title"] for item in signoffs.find("li")}
    roles = ("product", "marketing", "legal")
    assert titles == {f"{role}: must approve (not verified)" for role in roles}
    assert "not verified" in index.one("p", id="signoff-note").text


def test_the_site_links_the_calendar_and_the_json_report(site: Path) -> None:
    links = {a.attrs["href"] for a in read(site, "index.html").find("a")}
    assert {"calendar.ics", "report.json"} <= links
    assert (site / "calendar.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert '"schema": "launchgate.report/' in (site / "report.json").read_text(encoding="utf-8")


def copy_cell(site: Path, launch: str, channel: str, locale: str) -> Element:
    page = read(site, f"launches/{launch}.html")
    table = page.one("section", id="copy").one("table", class_="copy-grid")
    locales = [th.text for th in table.one("thead").find("th")][1:]
    for row in table.one("tbody").find("tr"):
        if row.one("th").text == channel:
            return row.find("td")[locales.index(locale)]
    raise AssertionError(f"no row {channel}")


@pytest.mark.parametrize(
    ("launch", "channel", "locale", "state", "words"),
    [
        ("team-insights", "app_store.subtitle", "de-DE", "over", "✗ over: 32 of 30 characters"),
        ("team-insights", "email.subject", "en-US", "over", "✗ over: 51 of 50 characters"),
        ("slack-digest", "push.ios.title", "en-US", "near", "⚠ near the limit: 27 of 30 graphemes"),
        ("team-insights", "app_store.subtitle", "en-US", "fine", "✓ fits"),
    ],
)
def test_copy_cells_say_over_near_or_fine_in_words_with_a_bar(
    site: Path, launch: str, channel: str, locale: str, state: str, words: str
) -> None:
    cell = copy_cell(site, launch, channel, locale)
    assert cell.attrs["class"].split() == ["cell", state]
    assert cell.attrs["data-label"] == locale  # a phone shows it above the cell
    assert words in cell.one("p", class_="fit").text
    meter = cell.one("meter")
    assert int(meter.attrs["value"]) <= int(meter.attrs["max"])


def test_a_locale_without_copy_is_marked_missing(tmp_path: Path) -> None:
    write_tree(
        tmp_path / "repo",
        {
            "launches/a.yaml": "id: a\nlocales: [en-US, de-DE]\ncopy:\n"
            "  - {channel: app_store.subtitle, locale: en-US, text: Hello}\n"
        },
    )
    out = tmp_path / "site"
    assert (
        run_cli("board", str(tmp_path / "repo"), "--output", str(out), "--today", TODAY).returncode
        == 0
    )
    cell = copy_cell(out, "a", "app_store.subtitle", "de-DE")
    assert cell.attrs["class"].split() == ["cell", "missing"]
    assert "✗ missing" in cell.text


def test_the_people_page_shows_an_owners_overdue_work(site: Path) -> None:
    mia = read(site, "people.html").one("section", id="owner-mia")
    assert mia.one("h2").text == "@mia"
    overdue = mia.one("table", class_="overdue-work")
    assert "slack-directory-listing" in overdue.text and "⚠ 3 days overdue" in overdue.text
    # The deliverable's type in words, as its id does not say it (marketplace_listing) ...
    assert overdue.one("span", class_="people-type").text == "marketplace listing"
    # ... but not when it does: release-notes, a release_notes deliverable, is named once.
    ann = read(site, "people.html").one("section", id="owner-ann")
    assert ann.one("td", data_label="What").text == "release-notes (draft)"


def test_a_launch_page_shows_collateral_features_metrics_and_findings(site: Path) -> None:
    page = read(site, "launches/team-insights.html")
    assert "launch-blog-post" in page.one("section", id="collateral").text
    assert page.one("section", id="features").find("code")
    metrics = page.one("section", id="metrics").text
    assert "not in the glossary" not in metrics  # examples' metrics are all defined
    findings = page.one("section", id="findings")
    assert "launches/team-insights.yaml:26" in findings.text
    assert "blocks the launch" in findings.text
    # On a phone each row is a card with each cell under its column's name.
    where = findings.find("td", data_label="Where")
    assert where and "launches/team-insights.yaml:26" in where[0].text
    assert page.one("section", id="progress").find("progress")


def test_the_same_input_gives_the_same_bytes(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert run_cli("board", str(EXAMPLES), "--output", str(again), "--today", TODAY).returncode == 0

    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()
        }

    assert files(again) == files(site)


def test_every_page_has_a_policy_that_allows_only_its_own_style_and_script(site: Path) -> None:
    for path in sorted(site.rglob("*.html")):
        page = read(site, str(path.relative_to(site)))
        policy = page.one("meta", http_equiv="Content-Security-Policy").attrs["content"]
        rules = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert rules["default-src"] == "'none'"
        (script,) = page.find("script")
        (style,) = page.find("style")
        assert rules["script-src"] == f"'{sha256(script.text)}'"
        assert rules["style-src"] == f"'{sha256(style.text)}'"
        assert "http" not in policy
        assert page.find("link") == [] and page.find("img") == []
        assert all("src" not in element.attrs for element in page.walk())


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def test_every_link_stays_inside_the_site(site: Path) -> None:
    for path in sorted(site.rglob("*.html")):
        page = read(site, str(path.relative_to(site)))
        for link in page.find("a"):
            target = link.attrs["href"].split("#")[0]
            if target:
                assert (path.parent / target).resolve().is_file(), f"{path}: {target}"


def test_the_page_is_landmarked_for_keyboard_and_screen_readers(site: Path) -> None:
    page = read(site, "index.html")
    skip = page.find("a", class_="skip-link")[0]
    assert skip.attrs["href"] == "#main"
    assert page.one("main", id="main") and page.one("nav", id="site-nav")
    assert page.one("a", aria_current="page").text == "All launches"
    for table in page.find("table"):
        assert table.find("caption")
        assert all(th.attrs.get("scope") in ("col", "row") for th in table.find("th"))
    form = page.one("form", id="filters")
    labels = {label.text.split()[0] for label in form.find("label")}
    assert labels == {"Search", "Not", "This", "Owner", "Tier"}
    assert "hidden" in form.attrs  # without the script, no controls that do nothing


def test_findings_link_to_their_line_when_the_repository_address_is_known(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run_cli(
        "board",
        str(EXAMPLES),
        "--output",
        str(out),
        "--today",
        TODAY,
        env={
            "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_REPOSITORY": "acme/launches",
            "GITHUB_SHA": "abc123",
        },
    )
    assert result.returncode == 0, result.stderr
    links = [
        a.attrs["href"]
        for a in read(out, "launches/team-insights.html").one("section", id="findings").find("a")
    ]
    assert (
        "https://github.com/acme/launches/blob/abc123/examples/launches/team-insights.yaml#L26"
        in links
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["no/such/folder"], "no/such/folder: no such directory"),
        ([str(EXAMPLES), "--repo-url", "javascript:alert(1)"], "--repo-url"),
    ],
)
def test_bad_input_is_exit_2_with_a_message(tmp_path: Path, args: list[str], says: str) -> None:
    result = run_cli("board", *args, "--output", str(tmp_path / "site"))
    assert result.returncode == 2
    assert says in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_an_output_that_cannot_be_written_is_exit_2(tmp_path: Path) -> None:
    blocked = tmp_path / "site"
    blocked.write_text("a file, not a folder")
    result = run_cli("board", str(EXAMPLES), "--output", str(blocked), "--today", TODAY)
    assert result.returncode == 2
    assert f"cannot write the board to {blocked}" in result.stderr


def test_a_board_of_not_ready_launches_still_exits_0(tmp_path: Path) -> None:
    # examples/ has launches that are not ready: the board is a report, not a gate.
    result = run_cli("board", str(EXAMPLES), "--output", str(tmp_path / "s"), "--today", TODAY)
    assert result.returncode == 0


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("2026-11-23", "today"),
        ("2026-11-24", "in 1 business day"),
        ("2026-11-30", "in 5 business days"),  # Sat and Sun do not count
        ("2026-11-29", "in 4 business days"),  # a Sunday: Tue to Fri
        ("2026-11-20", "1 business day ago"),
        ("2026-11-16", "5 business days ago"),
    ],
)
def test_business_days_are_counted_from_the_day_the_board_is_built(day: str, said: str) -> None:
    days = BusinessDays(Workdays([]), dt.date(2026, 11, 23))
    assert days.phrase(dt.date.fromisoformat(day)) == said


def test_a_board_made_on_several_cores_has_the_same_bytes(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if examples/ were large: the check's shards send their launches back whole (pages
    # without copy or collateral would differ), and the pages are made in several processes.
    monkeypatch.setattr("launchgate.engine.PARALLEL_FROM", 1)
    monkeypatch.setattr("launchgate.loader.PARALLEL_FROM", 1)
    out = tmp_path / "parallel"
    assert run_cli("board", str(EXAMPLES), "--output", str(out), "--today", TODAY).returncode == 0

    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()
        }

    assert files(out) == files(site)


def test_a_launch_page_shows_its_copy_grid_and_the_copy_page_counts_it(site: Path) -> None:
    copy = read(site, "launches/team-insights.html").one("section", id="copy")
    assert "24 copy items, 3 over the limit" in copy.text
    assert copy.one("a").attrs["href"] == "../copy.html"
    assert copy.one("table", class_="copy-grid")
    # The copy page: a row per launch with copy (in the board's order), linked to its grid,
    # with how many items are over or near the limit, and how many cells are missing.
    rows = read(site, "copy.html").one("table", id="copy-index").one("tbody").find("tr")
    counts = {row.one("a").attrs["href"]: [td.text for td in row.find("td")] for row in rows}
    assert counts == {
        "launches/slack-digest.html#copy": ["9", "0", "⚠ 2", "0"],
        "launches/team-insights.html#copy": ["24", "✗ 3", "⚠ 7", "0"],
        "launches/mobile-goals.html#copy": ["22", "0", "⚠ 7", "0"],
    }


def test_the_copy_page_counts_missing_copy(tmp_path: Path) -> None:
    write_tree(
        tmp_path / "repo",
        {
            "launches/a.yaml": "id: a\nlocales: [en-US, de-DE, fr-FR]\ncopy:\n"
            "  - {channel: app_store.subtitle, locale: en-US, text: Hello}\n",
            "launches/b.yaml": "id: b\n",
        },
    )
    out = tmp_path / "site"
    assert run_cli("board", str(tmp_path / "repo"), "--output", str(out)).returncode == 0
    rows = read(out, "copy.html").one("table", id="copy-index").one("tbody").find("tr")
    assert [[td.text for td in row.find("td")] for row in rows] == [["1", "0", "0", "✗ 2"]]


@pytest.mark.parametrize(
    ("launch_id", "safe"),
    [("smart-reports", True), ("Smart_Reports2", True), ("../etc/passwd", False), ("<img>", False)],
)
def test_a_launch_page_is_its_id_only_when_that_is_a_safe_file_name(
    launch_id: str, safe: bool
) -> None:
    name = page_file(launch_id)
    assert (name == f"{launch_id}.html") is safe
    assert "/" not in name and not name.startswith(".") and name.endswith(".html")
    assert page_file(launch_id) == name  # the same every time: the timeline links to it


def test_links_to_lines_need_an_http_address_and_quote_the_path() -> None:
    links = FileLinks("https://github.com/acme/launches/", "abc", "examples/")
    assert links.url("launches/a b#1.yaml", 7) == (
        "https://github.com/acme/launches/blob/abc/examples/launches/a%20b%231.yaml#L7"
    )
    for bad in ("javascript:alert(1)", "ftp://x", 'https://x" onmouseover="y', "github.com/a"):
        with pytest.raises(ValueError):
            FileLinks(bad)


def test_a_waived_over_limit_item_is_counted_as_over_and_waived_not_as_a_blocker(
    tmp_path: Path,
) -> None:
    write_tree(
        tmp_path / "repo",
        {
            ".launchgate.yml": "roles:\n  marketing: {users: [mia]}\n",
            "launches/a.yaml": "id: a\nowners: {marketing: '@mia'}\nlocales: [en-US]\n"
            f"copy:\n  - {{channel: app_store.subtitle, locale: en-US, text: {'x' * 31}}}\n"
            "waivers:\n  - rule: copy-length\n    reason: accepted\n"
            "    approved_by: marketing\n    expires: 2026-12-31\n",
        },
    )
    out = tmp_path / "site"
    result = run_cli("board", str(tmp_path / "repo"), "--output", str(out), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert rows(read(out, "index.html"))["a"].find("ul", class_="blockers") == []
    # The grid marks the item over; the sentence above it must not say none is.
    copy = read(out, "launches/a.html").one("section", id="copy")
    assert "1 copy item, 1 over the limit (1 waived)" in copy.text
    assert "✗ over" in copy_cell(out, "a", "app_store.subtitle", "en-US").text
    # Worst first, but a waived error after what still counts (the notice that its approval
    # is not verified), as the check's text and Markdown put the waived apart.
    found = read(out, "launches/a.html").one("section", id="findings").find("tr")[1:]
    assert [row.find("code")[0].text for row in found] == ["waiver-unverified", "copy-length"]


def test_a_waiver_on_the_launch_page_says_what_it_applies_to(tmp_path: Path) -> None:
    waiver = "  - {rule: copy-length, reason: ok, approved_by: marketing, expires: 2026-12-31%s}\n"
    write_tree(
        tmp_path / "repo",
        {
            ".launchgate.yml": "roles:\n  marketing: {users: [mia]}\n",
            "launches/a.yaml": "id: a\nowners: {marketing: '@mia'}\nwaivers:\n"
            + waiver % ", where: {channel: sms, locale: [de-DE, fr-FR]}"
            + waiver % "",
        },
    )
    out = tmp_path / "site"
    result = run_cli("board", str(tmp_path / "repo"), "--output", str(out), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    table = read(out, "launches/a.html").one("section", id="waivers")
    narrowed, whole = (row.text for row in table.find("tr")[1:])
    assert "channel: sms; locale: de-DE, fr-FR" in narrowed
    assert "every copy-length finding" in whole


@pytest.mark.parametrize(
    ("files", "said"),
    [
        ({}, "No launches found: no manifest matches launches/**/*.yaml, launches/**/*.yml."),
        ({"launches/a.yaml": "id: a\nowners: {product: '@ann'}\n"}, "The launch is ready"),
        (
            {f"launches/{n}.yaml": f"id: {n}\nowners: {{product: '@ann'}}\n" for n in "ab"},
            "All 2 launches are ready",
        ),
        ({"launches/a.yaml": "id: a\n"}, "1 of 1 launch not ready"),
        ({"launches/a.yaml": "id: [a\n"}, "No launch could be read."),
    ],
)
def test_the_index_summary_reads_as_a_sentence_for_any_count(
    tmp_path: Path, files: dict[str, str], said: str
) -> None:
    write_tree(tmp_path / "repo", {".launchgate.yml": "{}\n", **files})
    out = tmp_path / "site"
    result = run_cli("board", str(tmp_path / "repo"), "--output", str(out), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert read(out, "index.html").one("p", id="summary").text.startswith(said)
    count = 0 if said.startswith("No ") else len(files)
    assert f"wrote the board of {count} launch{'' if count == 1 else 'es'} to" in result.stdout


def test_a_rebuild_leaves_no_page_of_a_launch_that_is_gone(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run_cli("board", str(EXAMPLES), "--output", str(out), "--today", TODAY).returncode == 0
    (out / "notes.txt").write_text("mine")
    (out / "launches" / "notes.txt").write_text("mine too")
    write_tree(tmp_path / "repo", {"launches/a.yaml": "id: a\nowners: {product: '@ann'}\n"})
    result = run_cli("board", str(tmp_path / "repo"), "--output", str(out), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    # The examples' pages would still say "Ready" or "Not ready" for launches gone from the
    # repository; a file the board never writes is not its own to remove.
    assert sorted(p.name for p in (out / "launches").iterdir()) == ["a.html", "notes.txt"]
    assert (out / "notes.txt").read_text() == "mine"
