"""The Mermaid gantt chart: its shape, and that no manifest text can break out of it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from launchgate.config import Freeze, load_config
from launchgate.launch import Launch
from launchgate.repository import load_repository
from launchgate.timeline import chart, markdown, mermaid_text, nearby_freezes
from tests.conftest import write_tree

MANIFEST = """\
id: ID
name: NAME
owners: {product: "@ann", marketing: "@mia"}
release: {version: VERSION, date: 2026-12-01}
announce: {date: 2026-12-02, embargo_until: "2026-12-02T09:00:00"}
collateral:
  - {id: ITEM, type: blog_post, owner: OWNER, due: 2026-11-20, status: draft}
  - {id: deck, type: sales_deck, owner: "@david", due: 2026-11-18, status: done}
  - {id: notes, type: release_notes, owner: "@ann", due: 2026-11-30}
"""
HOSTILE = [
    "```\n</details><img src=x onerror=alert(1)>",
    "a: b # c ; d",
    "%%{init: {'securityLevel': 'loose'}}%%",
    "x\nsection Evil\nclick x call alert(1)",
    'click x href "javascript:alert(1)"',
    "title Owned",
    "<b>bold</b> &amp; <script>",
    "~~~\n```mermaid",
    "\u202eevil\u0000",
]
# A line of the chart is a header, a section or a task whose name starts with an icon.
_LINE = re.compile(
    r"gantt|  dateFormat YYYY-MM-DD|  axisFormat %d %b|  section [^:#;%`<>\n]+"
    r"|  (🚀|📣|📝|❄️) [^:#;%`<>\n]* :(done, |crit, |milestone, )?\d{4}-\d\d-\d\d, \d+d"
)


def launches(root: Path, **values: str) -> list[Launch]:
    text = MANIFEST
    for key, value in {
        "ID": "smart-reports",
        "NAME": "Smart Reports",
        "VERSION": "4.2.0",
        "ITEM": "blog-post",
        "OWNER": "@david",
        **values,
    }.items():
        text = text.replace(
            key,
            '"'
            + value.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\u0000", "\\0")
            + '"',
        )
    write_tree(root, {"launches/one.yaml": text})
    config, config_file = load_config(root)
    repo = load_repository(root, config, config_file)
    assert not repo.problems, repo.problems
    return repo.launches


def test_a_section_per_launch_with_milestones_and_deliverables(tmp_path: Path) -> None:
    text = chart(launches(tmp_path), today=dt.date(2026, 11, 23)).text
    assert text.splitlines() == [
        "gantt",
        "  dateFormat YYYY-MM-DD",
        "  axisFormat %d %b",
        "  section Smart Reports",
        "  📝 deck · david :done, 2026-11-18, 1d",
        "  📝 blog-post · david :crit, 2026-11-20, 1d",
        "  📝 notes · ann :2026-11-30, 1d",
        "  🚀 Release 4.2.0 :milestone, 2026-12-01, 0d",
        "  📣 Announcement :milestone, 2026-12-02, 0d",
    ]


def test_freeze_windows_are_a_section_of_multi_day_bars(tmp_path: Path) -> None:
    freeze = Freeze.model_validate({"from": "2026-12-21", "to": "2027-01-04", "reason": "Year end"})
    text = chart(launches(tmp_path), [freeze]).text
    assert text.endswith("  section Freeze windows\n  ❄️ Year end :2026-12-21, 15d\n")


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("field", ["NAME", "VERSION", "ITEM", "OWNER"])
def test_manifest_text_cannot_break_the_chart_or_its_fence(
    tmp_path: Path, field: str, hostile: str
) -> None:
    text = chart(launches(tmp_path, **{field: hostile})).text
    for line in text.splitlines():
        assert _LINE.fullmatch(line), line
    assert text.count("  section ") == 1
    block = "\n".join(markdown(chart(launches(tmp_path / "again", **{field: hostile}))))
    assert block.count("```") == 2 and "<img" not in block and "<script" not in block


def test_mermaid_text_keeps_words_and_drops_syntax() -> None:
    assert mermaid_text("Teamziele für iOS: jetzt!") == "Teamziele für iOS jetzt!"
    assert mermaid_text("a%%b#c;d`e") == "a b c d e"
    assert mermaid_text("x" * 100, limit=10) == "x" * 9 + "…"


def test_a_launch_without_dates_draws_nothing(tmp_path: Path) -> None:
    write_tree(tmp_path, {"launches/one.yaml": "id: undated\n"})
    config, config_file = load_config(tmp_path)
    repo = load_repository(tmp_path, config, config_file)
    assert chart(repo.launches).text == ""
    assert markdown(chart(repo.launches)) == []


def test_max_tasks_bounds_the_chart_and_counts_what_it_left_out(tmp_path: Path) -> None:
    drawn = chart(launches(tmp_path), max_tasks=3)  # milestones first, then the earliest due
    assert drawn.text.splitlines()[4:] == [
        "  📝 deck · david :done, 2026-11-18, 1d",
        "  🚀 Release 4.2.0 :milestone, 2026-12-01, 0d",
        "  📣 Announcement :milestone, 2026-12-02, 0d",
    ]
    assert drawn.omitted == 2
    assert "*2 more dates not shown: `launchgate calendar` lists them all.*" in markdown(drawn)


def test_nearby_freezes_are_those_overlapping_the_launches_dates(tmp_path: Path) -> None:
    def freeze(start: str, end: str) -> Freeze:
        return Freeze.model_validate({"from": start, "to": end})

    inside, before, after = (
        freeze("2026-11-25", "2026-11-26"),
        freeze("2026-10-01", "2026-11-17"),
        freeze("2026-12-03", "2026-12-31"),
    )
    assert nearby_freezes(launches(tmp_path), [before, inside, after]) == [inside]


def with_waiver(root: Path, where: str) -> list[Launch]:
    """The launch of `launches()` with a waiver of copy-length ending 21 Nov, narrowed to a
    collateral id (a YAML string: any text)."""
    write_tree(root, {".launchgate.yml": "roles: {legal: {users: [lee]}}\n"})
    launches(root)
    manifest = root / "launches/one.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        + f"waivers:\n  - {{rule: copy-length, where: {{collateral: {json.dumps(where)}}},"
        " reason: r, approved_by: legal, expires: 2026-11-21}\n",
        encoding="utf-8",
    )
    return load_repository(root, *load_config(root)).launches


def test_a_waivers_last_day_is_a_bar_that_yields_to_the_milestones(tmp_path: Path) -> None:
    found = with_waiver(tmp_path, "blog-post")
    ended = "  ⌛ Waiver ends copy-length for blog-post · legal :crit, 2026-11-21, 1d"
    assert ended in chart(found, today=dt.date(2026, 11, 23)).text.splitlines()
    on_its_day = chart(found, today=dt.date(2026, 11, 21)).text.splitlines()
    assert "  ⌛ Waiver ends copy-length for blog-post · legal :2026-11-21, 1d" in on_its_day
    # Over the budget, a waiver fills what is left like a deliverable, earliest first.
    kept = chart(found, max_tasks=3).text.splitlines()[4:]
    assert kept == [
        "  📝 deck · david :done, 2026-11-18, 1d",
        "  🚀 Release 4.2.0 :milestone, 2026-12-01, 0d",
        "  📣 Announcement :milestone, 2026-12-02, 0d",
    ]
    assert chart(found, max_tasks=5).text.splitlines()[6] == (
        "  ⌛ Waiver ends copy-length for blog-post · legal :2026-11-21, 1d"
    )


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_waivers_where_cannot_break_the_chart(tmp_path: Path, hostile: str) -> None:
    text = chart(with_waiver(tmp_path, hostile)).text
    assert "⌛ Waiver ends copy-length" in text
    waiver_line = re.compile(r"  ⌛ [^:#;%`<>\n]* :2026-11-21, 1d")
    for line in text.splitlines():
        assert _LINE.fullmatch(line) or waiver_line.fullmatch(line), line
    assert text.count("  section ") == 1
