"""The board's timeline picture: what it draws where, that no manifest text becomes markup,
and that the same launches give the same bytes."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from launchgate.board.site import page_file
from launchgate.board.timeline_svg import (
    TIMELINE_CSS,
    _next_month,
    launch_href,
    month_id,
    plan,
    timeline_svg,
    timeline_table,
)
from launchgate.calendar_view import Calendar
from launchgate.config import load_config
from launchgate.escape import terminal_text
from launchgate.repository import load_repository
from tests.conftest import EXAMPLES, ROOT, write_tree

NS = {"s": "http://www.w3.org/2000/svg"}
GENERATED_TODAY = dt.date(2026, 11, 23)  # benchmarks/generate.py: overdue work as of this day
S = "{http://www.w3.org/2000/svg}"
TODAY = dt.date(2026, 11, 23)
FSI, PDI = "\u2068", "\u2069"
CONFIG = """\
calendar:
  holidays: [DE]
  freeze:
    - {from: 2026-12-21, to: 2027-01-04, reason: Year-end freeze}
"""
MANIFEST = """\
id: ID
name: NAME
owners: {product: "@ann", marketing: "@mia"}
release: {version: "4.2.0", date: RELEASE}
announce: {date: ANNOUNCE}
collateral:
  - {id: blog-post, type: blog_post, owner: "@david", due: DUE, status: draft}
  - {id: deck, type: sales_deck, owner: "@david", due: DECK, status: done}
"""
HOSTILE = [
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "Tom & Jerry's <b>",
    "]]><svg onload=alert(1)>",
    "\u202eevil\u0000 gnp.exe",
    "<!-- x --><a href='javascript:alert(1)'>",
]
# What the picture is made of: a manifest can add none.
ELEMENTS = {
    "svg", "title", "desc", "defs", "pattern", "rect", "g", "text", "tspan",
    "line", "path", "circle", "a",
}  # fmt: skip


def manifest(**values: str) -> str:
    text = MANIFEST
    defaults = {
        "ID": "smart-reports",
        "NAME": "Smart Reports",
        "RELEASE": "2026-12-01",
        "ANNOUNCE": "2026-12-02",
        "DUE": "2026-11-20",
        "DECK": "2026-11-18",
    }
    for key, value in {**defaults, **values}.items():
        text = text.replace(key, json.dumps(value) if key in ("ID", "NAME") else value)
    return text


def calendar(root: Path, files: dict[str, str], today: dt.date = TODAY) -> Calendar:
    write_tree(root, {".launchgate.yml": CONFIG, **files})
    config, config_file = load_config(root)
    repo = load_repository(root, config, config_file)
    assert not repo.problems, repo.problems
    return Calendar(repo.launches, today, config, config_file)


def three(root: Path) -> Calendar:
    """Three launches announced in December, January and February, listed out of order."""
    return calendar(
        root,
        {
            "launches/c.yaml": manifest(
                ID="late",
                NAME="Late",
                RELEASE="2027-02-09",
                ANNOUNCE="2027-02-10",
                DUE="2027-02-01",
                DECK="2027-01-28",
            ),
            "launches/a.yaml": manifest(),
            "launches/b.yaml": manifest(
                ID="mid",
                NAME="Mid",
                RELEASE="2027-01-12",
                ANNOUNCE="2027-01-13",
                DUE="2027-01-05",
                DECK="2027-01-04",
            ),
        },
    )


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{S}svg"
    return root


def launches(root: ET.Element) -> list[ET.Element]:
    return root.findall(".//s:a[@class='lg-launch']", NS)


def bar(link: ET.Element) -> ET.Element:
    (found,) = [e for e in link if "lg-bar" in e.get("class", "").split()]
    return found


def day_x(root: ET.Element, day: dt.date) -> float:
    """The x of a day's middle, from the month gridlines: the axis as a reader sees it."""
    lines = root.findall(".//s:g[@class='lg-axis']/s:line", NS)
    months = root.findall(".//s:g[@class='lg-axis']/s:text", NS)
    starts: dict[str, float] = {}
    for line in lines:
        starts.setdefault(line.get("x1", ""), float(line.get("x1", "0")))
    xs = sorted(starts.values())
    month = next(t.text for t in months if t.text and not t.text.isdigit())
    year = next(t.text for t in months if t.text and t.text.isdigit())  # the first month's
    first = dt.datetime.strptime(f"{month} {year}", "%b %Y").date()
    width = (xs[1] - xs[0]) / (_next_month(first) - first).days
    return xs[0] + ((day - first).days + 0.5) * width


def centre(shape: ET.Element) -> float:
    if shape.tag == f"{S}circle":
        return float(shape.get("cx", "nan"))
    if shape.tag == f"{S}rect":
        return float(shape.get("x", "nan")) + float(shape.get("width", "nan")) / 2
    match = re.match(r"M([\d.]+) ", shape.get("d", ""))
    assert match, shape.get("d")
    return float(match.group(1))


def test_the_picture_is_one_labelled_svg_with_a_linked_bar_per_launch_in_date_order(
    tmp_path: Path,
) -> None:
    svg = timeline_svg(three(tmp_path))
    root = parse(svg)
    assert svg.count("<svg") == 1
    assert root.get("role") == "group"  # not img: the links inside must stay reachable
    title = root.find(f"s:title[@id='{root.get('aria-labelledby')}']", NS)
    desc = root.find(f"s:desc[@id='{root.get('aria-describedby')}']", NS)
    assert title is not None and title.text == "Launch timeline"
    assert desc is not None and desc.text and desc.text.startswith("3 launches as bars")
    links = launches(root)
    assert [link.get("href") for link in links] == [
        "launches/smart-reports.html",
        "launches/mid.html",
        "launches/late.html",
    ]
    starts = [float(bar(link).get("x", "nan")) for link in links]
    assert starts == sorted(starts) and len(set(starts)) == 3
    # Each row's label says its dates in words: what a screen reader announces for the link.
    assert links[0].get("aria-label") == (
        f"{FSI}Smart Reports{PDI}: release {FSI}4.2.0{PDI} Tue 1 Dec, announcement Wed 2 Dec, "
        "first deliverable due Wed 18 Nov, 2 deliverables, 1 overdue"
    )


def test_a_bar_runs_from_the_first_deliverable_to_the_announcement(tmp_path: Path) -> None:
    root = parse(timeline_svg(three(tmp_path)))
    link = launches(root)[0]
    shape = bar(link)
    left, width = float(shape.get("x", "nan")), float(shape.get("width", "nan"))
    assert left == pytest.approx(day_x(root, dt.date(2026, 11, 18)), abs=0.1)  # the deck
    assert left + width == pytest.approx(day_x(root, dt.date(2026, 12, 2)), abs=0.2)


def test_milestones_have_their_own_shapes_on_their_days(tmp_path: Path) -> None:
    root = parse(timeline_svg(three(tmp_path)))
    link = launches(root)[1]  # mid: release 12 Jan, announcement 13 Jan
    (release,) = link.findall("s:path[@class='lg-milestone-release']", NS)
    (announce,) = link.findall("s:circle[@class='lg-milestone-announce']", NS)
    assert centre(release) == pytest.approx(day_x(root, dt.date(2027, 1, 12)), abs=0.1)
    assert centre(announce) == pytest.approx(day_x(root, dt.date(2027, 1, 13)), abs=0.1)
    assert release.findtext("s:title", namespaces=NS) == f"release {FSI}4.2.0{PDI} Tue 12 Jan 2027"
    assert announce.findtext("s:title", namespaces=NS) == "announcement Wed 13 Jan 2027"
    # A day apart is closer than the marks are wide: the diamond sits above, the circle below.
    assert middle_y(release) < middle_y(bar(link)) < middle_y(announce)


def test_milestones_far_apart_sit_on_the_bar(tmp_path: Path) -> None:
    week = calendar(tmp_path, {"launches/a.yaml": manifest(ANNOUNCE="2026-12-08")})
    root = parse(timeline_svg(week))
    (link,) = launches(root)
    (release,) = link.findall("s:path[@class='lg-milestone-release']", NS)
    (announce,) = link.findall("s:circle[@class='lg-milestone-announce']", NS)
    assert middle_y(release) == middle_y(announce) == middle_y(bar(link))


def middle_y(shape: ET.Element) -> float:
    if shape.tag == f"{S}circle":
        return float(shape.get("cy", "nan"))
    if shape.tag == f"{S}rect":
        return float(shape.get("y", "nan")) + float(shape.get("height", "nan")) / 2
    match = re.match(r"M[\d.]+ ([\d.]+)l6 6", shape.get("d", ""))  # a diamond, from its top
    assert match, shape.get("d")
    return float(match.group(1)) + 6


def test_overdue_work_is_red_and_a_triangle_and_counted_in_words(tmp_path: Path) -> None:
    root = parse(timeline_svg(three(tmp_path)))
    first, mid, _ = launches(root)
    (late,) = first.findall("s:path[@class='lg-overdue lg-due']", NS)
    assert late.get("fill") == "#e0362c"
    assert centre(late) == pytest.approx(day_x(root, dt.date(2026, 11, 20)), abs=0.1)
    assert late.findtext("s:title", namespaces=NS) == (
        f"{FSI}blog-post{PDI} ({FSI}blog_post{PDI}) due Fri 20 Nov"
        f" · {FSI}@david{PDI} · {FSI}draft{PDI} · overdue"
    )
    # Finished work due earlier is not overdue: a faint tick, not a triangle.
    (done,) = first.findall("s:rect[@class='lg-due lg-done']", NS)
    assert centre(done) == pytest.approx(day_x(root, dt.date(2026, 11, 18)), abs=0.1)
    late_texts = root.findall("s:text[@class='lg-late']", NS)
    assert [t.text for t in late_texts] == ["1 overdue"]  # one launch has overdue work
    assert float(late_texts[0].get("y", "nan")) == pytest.approx(
        float(bar(first).get("y", "nan")) + 8, abs=0.1
    )  # on the first launch's row
    # Work due after today is a plain tick, however unfinished.
    assert mid.findall("s:path[@class='lg-overdue lg-due']", NS) == []
    assert len(mid.findall("s:rect[@class='lg-due']", NS)) == 1


def test_freezes_and_holidays_are_shaded_with_their_names(tmp_path: Path) -> None:
    root = parse(timeline_svg(three(tmp_path)))
    (freeze,) = root.findall("s:rect[@class='lg-freeze']", NS)
    day = day_x(root, dt.date(2026, 12, 22)) - day_x(root, dt.date(2026, 12, 21))
    left, width = float(freeze.get("x", "nan")), float(freeze.get("width", "nan"))
    assert left == pytest.approx(day_x(root, dt.date(2026, 12, 21)) - day / 2, abs=0.1)
    assert width == pytest.approx(15 * day, abs=0.1)  # 21 Dec to 4 Jan, both days in
    assert freeze.findtext("s:title", namespaces=NS) == (
        f"Freeze window: {FSI}Year-end freeze{PDI}: Mon 21 Dec 2026 to Mon 4 Jan 2027"
    )
    (label,) = root.findall("s:text[@class='lg-freeze-label']", NS)
    assert label.text == f"❄ {FSI}Year-end freeze{PDI}"
    # Label above the year and month headings, hatch below them: neither covers their text.
    headings = [
        float(t.get("y", "nan")) for t in root.findall(".//s:g[@class='lg-axis']/s:text", NS)
    ]
    top_headings = [y for y in headings if y < float(freeze.get("y", "nan"))]
    assert top_headings and float(label.get("y", "nan")) < min(top_headings) - 10
    holidays = {
        rect.findtext("s:title", namespaces=NS)
        for rect in root.findall("s:rect[@class='lg-holiday']", NS)
    }
    assert (
        "Holiday: Fri 25 Dec: Christmas Day (DE); Sat 26 Dec: Second Day of Christmas (DE)"
        in holidays
    )
    assert "Holiday: Fri 1 Jan 2027: New Year's Day (DE)" in holidays


def test_today_is_a_labelled_line_at_todays_x(tmp_path: Path) -> None:
    root = parse(timeline_svg(three(tmp_path)))
    (line,) = root.findall("s:line[@class='lg-today']", NS)
    assert float(line.get("x1", "nan")) == pytest.approx(day_x(root, TODAY), abs=0.1)
    assert line.get("x1") == line.get("x2")
    assert root.findtext("s:text[@class='lg-today-label']", namespaces=NS) == "Today Mon 23 Nov"


def test_rows_are_grouped_under_the_month_of_their_announcement(tmp_path: Path) -> None:
    root = parse(timeline_svg(three(tmp_path)))
    headings = ["".join(t.itertext()) for t in root.findall("s:text[@class='lg-group']", NS)]
    assert headings == [
        "December 2026 · 1 launch",
        "January 2027 · 1 launch",
        "February 2027 · 1 launch",
    ]
    # Each heading is a target: the page can link to this month's launches.
    ids = [t.get("id") for t in root.findall("s:text[@class='lg-group']", NS)]
    assert ids == ["lg-month-2026-12", "lg-month-2027-01", "lg-month-2027-02"]
    assert month_id(dt.date(2026, 12, 1)) == "lg-month-2026-12"


@pytest.mark.parametrize("hostile", HOSTILE)
def test_manifest_text_stays_text(tmp_path: Path, hostile: str) -> None:
    files = {
        "launches/a.yaml": manifest(ID=hostile, NAME=hostile).replace(
            "blog-post", json.dumps(hostile)
        ),
        ".launchgate.yml": CONFIG.replace("Year-end freeze", json.dumps(hostile)),
    }
    cal = calendar(tmp_path, files)
    svg = timeline_svg(cal)
    root = parse(svg)
    assert {element.tag.removeprefix(S) for element in root.iter()} <= ELEMENTS
    assert all(not name.startswith("on") for element in root.iter() for name in element.attrib)
    (link,) = launches(root)
    assert link.get("href") == launch_href(hostile)
    assert (link.get("href") or "").startswith("launches/") and "/" not in link.get("href", "")[9:]
    # A control character shows as its escape, as in a terminal: an override reorders nothing.
    assert "\u202e" not in svg and "\x00" not in svg
    assert ("\\u202e" in svg) == ("\u202e" in hostile)
    flat = " ".join(hostile.split())
    shown = terminal_text(flat)
    short = flat if len(flat) <= 34 else flat[:33].rstrip() + "…"
    (label,) = link.findall("s:text[@class='lg-label']", NS)
    assert label.text == f"{FSI}{terminal_text(short)}{PDI}"
    assert (link.get("aria-label") or "").startswith(f"{FSI}{shown}{PDI}: ")
    (freeze,) = root.findall("s:text[@class='lg-freeze-label']", NS)
    assert (
        freeze.text
        == f"❄ {FSI}{terminal_text(flat if len(flat) <= 28 else flat[:27].rstrip() + '…')}{PDI}"
    )
    # The table too: one well-formed fragment whose link holds the name as text.
    table = ET.fromstring(f"<div>{timeline_table(cal)}</div>")
    (cell,) = table.findall(".//tbody/tr/th[@scope='row']/a")
    assert cell.text == f"{FSI}{shown}{PDI}" and cell.get("href") == launch_href(hostile)
    assert {element.tag for element in table.iter()} <= {
        "div", "table", "caption", "thead", "tbody", "tr", "th", "td", "a", "ul", "li",
    }  # fmt: skip


def test_a_link_is_the_launch_page_with_its_id_quoted() -> None:
    assert launch_href("smart-reports") == "launches/smart-reports.html"
    # Not a safe file name: the site's safe form of it, with a hash (launchgate.board.site).
    assert launch_href("a b/../c?d#e") == f"launches/{page_file('a b/../c?d#e')}"
    assert "/" not in page_file("a b/../c?d#e") and ".." not in page_file("a b/../c?d#e")


def test_the_same_launches_in_any_order_give_the_same_bytes(tmp_path: Path) -> None:
    cal = three(tmp_path / "one")
    again = three(tmp_path / "two")
    random.Random(1).shuffle(again.launches)
    assert timeline_svg(cal) == timeline_svg(again)
    assert timeline_table(cal) == timeline_table(again)


def test_a_launch_without_dates_is_named_not_drawn(tmp_path: Path) -> None:
    undated = 'id: someday\nname: "Someday"\nowners: {product: "@ann"}\n'
    cal = calendar(tmp_path, {"launches/a.yaml": manifest(), "launches/z.yaml": undated})
    root = parse(timeline_svg(cal))
    assert len(launches(root)) == 1
    assert "1 launch has no date yet: not drawn." in (root.findtext("s:desc", namespaces=NS) or "")
    # Named with a link to its page, as every drawn launch is: the timeline is not a dead end.
    link = f'<a href="launches/someday.html">{FSI}Someday{PDI}</a>'
    assert f"<li>No date yet: {link}</li>" in timeline_table(cal)


def test_the_examples_read_as_three_rows_with_the_freeze() -> None:
    config, config_file = load_config(EXAMPLES)
    repo = load_repository(EXAMPLES, config, config_file)
    cal = Calendar(repo.launches, TODAY, config, config_file)
    root = parse(timeline_svg(cal))
    assert [link.get("href") for link in launches(root)] == [
        "launches/slack-digest.html",
        "launches/team-insights.html",
        "launches/mobile-goals.html",
    ]
    assert len(root.findall("s:rect[@class='lg-freeze']", NS)) == 1
    assert "lg-overdue" in TIMELINE_CSS and "prefers-color-scheme: dark" in TIMELINE_CSS


def test_two_hundred_launches_are_grouped_well_formed_and_sized_to_their_rows(
    tmp_path: Path,
) -> None:
    # The benchmark's generator, as a script (mypy checks benchmarks/ as scripts, not a package).
    command = [sys.executable, str(ROOT / "benchmarks/generate.py"), str(tmp_path), "--n", "200"]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    config, config_file = load_config(tmp_path)
    repo = load_repository(tmp_path, config, config_file)
    cal = Calendar(repo.launches, GENERATED_TODAY, config, config_file)
    layout = plan(cal)
    root = parse(timeline_svg(cal))
    links = launches(root)
    assert len(links) == len(repo.launches) == 200
    assert len({link.get("href") for link in links}) == 200
    headings = root.findall("s:text[@class='lg-group']", NS)
    assert len(headings) == len(layout.groups) > 12  # two years of months
    counts = [int(re.findall(r"(\d+) launch", "".join(h.itertext()))[0]) for h in headings]
    assert sum(counts) == 200
    for month, rows in layout.groups:
        assert all(row.anchor.replace(day=1) == month for row in rows)
    # The height follows the rows: each row as tall as the text it holds, nothing cut off.
    ys = [float(bar(link).get("y", "nan")) for link in links]
    assert ys == sorted(ys)
    assert float(root.get("height", "nan")) > ys[-1] + 20
    assert float(root.get("height", "nan")) < 200 * 20 + len(headings) * 28 + 300
    assert all(
        float(t.get("font-size") or root.get("font-size") or 0) >= 11 for t in root.iter(f"{S}text")
    )


WAIVERS = """\
waivers:
  - {rule: copy-length, where: {channel: sms}, reason: Carrier splits it, approved_by: legal,
     expires: 2026-11-10}
  - {rule: copy-term, reason: Brand name, approved_by: legal, expires: 2026-12-31}
"""


def test_a_waivers_last_day_is_an_hourglass_and_once_passed_an_overdue_triangle(
    tmp_path: Path,
) -> None:
    files = {
        ".launchgate.yml": CONFIG + "roles: {legal: {users: [lee]}}\n",
        "launches/a.yaml": manifest() + WAIVERS,
    }
    root = parse(timeline_svg(calendar(tmp_path, files)))
    (link,) = launches(root)
    (expired,) = link.findall("s:path[@class='lg-overdue lg-waiver']", NS)
    (ends,) = link.findall("s:path[@class='lg-waiver']", NS)
    assert centre(expired) == pytest.approx(day_x(root, dt.date(2026, 11, 10)), abs=0.1)
    assert expired.findtext("s:title", namespaces=NS) == (
        f"waiver of {FSI}copy-length for sms{PDI} ends Tue 10 Nov · overdue"
    )
    assert ends.findtext("s:title", namespaces=NS) == (
        f"waiver of {FSI}copy-term{PDI} ends Thu 31 Dec"
    )
    # The bar is still the deliverables' and milestones' span; the row counts the expired one.
    assert link.get("aria-label", "").endswith(", 2 deliverables, 2 overdue")


def test_a_launch_with_a_release_only_is_a_diamond_on_a_stub(tmp_path: Path) -> None:
    text = 'id: fix\nname: "Fix"\nowners: {product: "@ann"}\nrelease: {date: 2026-12-03}\n'
    root = parse(timeline_svg(calendar(tmp_path, {"launches/a.yaml": text})))
    (link,) = launches(root)
    assert float(bar(link).get("width", "nan")) == 2  # the least a bar is, to be seen
    (release,) = link.findall("s:path[@class='lg-milestone-release']", NS)
    assert centre(release) == pytest.approx(day_x(root, dt.date(2026, 12, 3)), abs=0.1)
    assert link.findall("s:circle", NS) == []
    assert link.get("aria-label") == f"{FSI}Fix{PDI}: release Thu 3 Dec"


def test_dates_years_away_are_named_at_the_edge_not_drawn_to_scale(tmp_path: Path) -> None:
    """A typo (2062 for 2026) must not stretch every other bar to a sliver."""
    files = {
        "launches/a.yaml": manifest(),
        "launches/far.yaml": manifest(
            ID="far",
            NAME="Far",
            RELEASE="2062-12-01",
            ANNOUNCE="2062-12-02",
            DUE="2062-11-20",
            DECK="2026-12-10",
        ),
        "launches/old.yaml": manifest(
            ID="old",
            NAME="Old",
            RELEASE="2024-03-04",
            ANNOUNCE="2024-03-05",
            DUE="2024-02-20",
            DECK="2024-02-19",
        ),
    }
    root = parse(timeline_svg(calendar(tmp_path, files)))
    assert float(root.get("width", "nan")) < 2000  # three years at most, not thirty-six
    old, near, far = launches(root)
    assert [len(link.findall("s:rect[@class='lg-bar']", NS)) for link in (old, near)] == [0, 1]
    # The far launch's deck, due in the window, keeps its tick and a bar that runs off the edge.
    (stub,) = far.findall("s:rect[@class='lg-bar']", NS)
    assert float(stub.get("x", "nan")) == pytest.approx(day_x(root, dt.date(2026, 12, 10)), abs=0.1)
    assert far.findall("s:path[@class='lg-milestone-release']", NS) == []
    outside = ["".join(t.itertext()) for t in root.findall("s:text[@class='lg-outside']", NS)]
    assert outside == ["◀ earlier: Tue 5 Mar 2024 · 1 overdue"]
    # Words say which year a date is in, when it is not this year.
    assert old.get("aria-label", "").startswith(
        f"{FSI}Old{PDI}: release {FSI}4.2.0{PDI} Mon 4 Mar 2024, announcement Tue 5 Mar 2024,"
    )
    note = root.findtext("s:text[@class='lg-outside-note']", namespaces=NS)
    assert note == (
        "7 dates more than 1 year before or 2 years after today are not drawn: "
        "the table lists every date."
    )
    assert (root.findtext("s:desc", namespaces=NS) or "").endswith(note)
