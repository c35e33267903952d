"""The digest: who owns what is overdue or due soon. The window's edges, the groups, the
order, the escaping; then `launchgate digest` as a user runs it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from launchgate.config import load_config
from launchgate.due_work import Digest, build
from launchgate.reporters.digest import render_json, render_markdown
from launchgate.repository import load_repository, skipped_manifests
from tests.conftest import TODAY, run_cli, write_tree

DAY = dt.date.fromisoformat(TODAY)  # Monday 23 November 2026
HEADER = """\
id: demo
name: Demo
owners: {product: "@ann", marketing: "@mo"}
release: {version: "1.0.0", date: 2026-12-01}
announce: {date: 2026-12-02}
collateral:
"""


def item(item_id: str, due: dt.date, owner: str | None = "@mo", status: str = "draft") -> str:
    who = f'owner: "{owner}", ' if owner else ""
    return (
        f"  - {{id: {item_id}, type: blog_post, {who}due: {due.isoformat()}, status: {status}}}\n"
    )


def digest_of(root: Path, files: dict[str, str], days: int = 7, today: dt.date = DAY) -> Digest:
    write_tree(root, files)
    config, config_file = load_config(root)
    repo = load_repository(root, config, config_file)
    return build(repo.launches, today, days, skipped_manifests(repo))


def ids(digest: Digest, owner: str | None = "@mo") -> tuple[list[str | None], list[str | None]]:
    work = next(w for w in digest.owners if w.owner == owner)
    return [i.id for i in work.overdue], [i.id for i in work.due]


def test_the_window_includes_today_and_its_last_day_and_nothing_after(tmp_path: Path) -> None:
    days = dt.timedelta
    manifest = HEADER + "".join(
        [
            item("yesterday", DAY - days(1)),
            item("today", DAY),
            item("last-day", DAY + days(7)),
            item("day-after", DAY + days(8)),
        ]
    )
    digest = digest_of(tmp_path, {"launches/demo.yaml": manifest})
    assert ids(digest) == (["yesterday"], ["today", "last-day"])
    overdue = digest.owners[-1].overdue[0]
    assert overdue.days_from(DAY) == -1 and overdue.line == 7


def test_a_zero_day_window_is_today_only(tmp_path: Path) -> None:
    manifest = HEADER + item("today", DAY) + item("tomorrow", DAY + dt.timedelta(1))
    digest = digest_of(tmp_path, {"launches/demo.yaml": manifest}, days=0)
    assert ids(digest) == ([], ["today"])


def test_finished_work_is_left_out_whenever_it_was_due(tmp_path: Path) -> None:
    manifest = (
        HEADER
        + item("done-late", DAY - dt.timedelta(3), status="done")
        + item("published", DAY, status="published")
        + item("approved", DAY, status="approved")
    )
    digest = digest_of(tmp_path, {"launches/demo.yaml": manifest})
    assert ids(digest) == ([], ["approved"])


def test_unowned_work_has_a_group_of_its_own_and_it_comes_first(tmp_path: Path) -> None:
    manifest = HEADER + item("nobody", DAY - dt.timedelta(2), owner=None) + item("mine", DAY)
    digest = digest_of(tmp_path, {"launches/demo.yaml": manifest})
    assert [w.owner for w in digest.owners] == [None, "@mo"]
    assert ids(digest, None) == (["nobody"], [])
    assert "#### No owner — 1 overdue" in render_markdown(digest)
    assert json.loads(render_json(digest))["summary"]["unowned"] == 1


def test_milestones_go_to_each_owner_of_the_launch_and_are_never_overdue(tmp_path: Path) -> None:
    digest = digest_of(tmp_path, {"launches/demo.yaml": HEADER + "  []\n"}, days=9)
    assert [w.owner for w in digest.owners] == ["@ann", "@mo"]
    ann = digest.owners[0]
    assert [(i.kind, i.roles, i.version) for i in ann.due] == [
        ("release", ("product",), "1.0.0"),
        ("announce", ("product",), None),
    ]
    later = build([], DAY, 7)  # no launches
    assert later.empty
    past = digest_of(
        tmp_path / "past", {"launches/demo.yaml": HEADER + "  []\n"}, today=DAY + dt.timedelta(5)
    )
    assert past.overdue == 0


def test_a_launch_nobody_owns_puts_its_milestones_under_no_owner(tmp_path: Path) -> None:
    manifest = HEADER.replace('owners: {product: "@ann", marketing: "@mo"}', "owners: {}")
    digest = digest_of(tmp_path, {"launches/demo.yaml": manifest + "  []\n"}, days=9)
    assert [(w.owner, len(w.due)) for w in digest.owners] == [(None, 2)]


def test_one_person_is_one_group_however_the_handle_is_written(tmp_path: Path) -> None:
    manifest = HEADER + item("a", DAY, owner="@Mo") + item("b", DAY, owner="mo")
    digest = digest_of(tmp_path, {"launches/demo.yaml": manifest})
    assert [w.owner for w in digest.owners] == ["@Mo"]  # one spelling, chosen by sorting
    assert len(digest.owners[0].due) == 2


def test_the_order_is_by_date_then_launch_whatever_the_file_order(tmp_path: Path) -> None:
    other = HEADER.replace("id: demo", "id: alpha")
    files = {
        "launches/z.yaml": HEADER + item("late", DAY + dt.timedelta(2)) + item("soon", DAY),
        "launches/a.yaml": other + item("also-soon", DAY),
    }
    digest = digest_of(tmp_path, files)
    assert ids(digest) == ([], ["also-soon", "soon", "late"])


def test_manifest_text_is_escaped_and_owners_do_not_ping(tmp_path: Path) -> None:
    manifest = HEADER.replace(
        "name: Demo", 'name: "<img src=x> @everyone | <!-- launchgate:digest -->"'
    )
    manifest += item("x", DAY, owner="@mo")
    digest = digest_of(tmp_path, {"launches/demo.yaml": manifest})
    text = render_markdown(digest)
    assert "<img" not in text and "<!-- launchgate" not in text
    outside_code = re.sub(r"`[^`]*`", "", text)  # GitHub pings no one from a code span
    assert "@everyone" not in outside_code and "@mo" not in outside_code
    assert "#### `@mo` — 1 due" in text
    assert "#### @mo — 1 due" in render_markdown(digest, mention=True)


def test_a_broken_manifest_is_skipped_and_said(tmp_path: Path) -> None:
    files = {"launches/demo.yaml": HEADER + item("x", DAY), "launches/bad.yaml": "id: [\n"}
    digest = digest_of(tmp_path, files)
    assert [p.file for p in digest.skipped] == ["launches/bad.yaml"]
    assert "`launches/bad.yaml:" in render_markdown(digest)
    assert json.loads(render_json(digest))["skipped"][0]["file"] == "launches/bad.yaml"


def test_the_window_is_bounded() -> None:
    with pytest.raises(ValueError):
        build([], DAY, 367)


# ---- the command -------------------------------------------------------------------------


def test_digest_command_prints_json_and_exits_0_with_overdue_work(tmp_path: Path) -> None:
    write_tree(tmp_path, {"launches/demo.yaml": HEADER + item("late", DAY - dt.timedelta(1))})
    result = run_cli("digest", str(tmp_path), "--today", TODAY, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "launchgate.digest/v1"
    assert data["summary"]["overdue"] == 1 and data["days"] == 7


def test_digest_days_come_from_the_config_unless_given(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".launchgate.yml": "digest: {days: 14}\n",
            "launches/demo.yaml": HEADER + item("soon", DAY + dt.timedelta(10)),
        },
    )
    configured = run_cli("digest", str(tmp_path), "--today", TODAY, "--format", "json")
    assert json.loads(configured.stdout)["summary"]["due"] == 5  # and 2 milestones for 2 owners
    given = run_cli("digest", str(tmp_path), "--today", TODAY, "--days", "3")
    assert "nothing overdue or due by Thu 26 Nov 2026" in given.stdout


def test_digest_skips_a_broken_manifest_on_stderr(tmp_path: Path) -> None:
    write_tree(
        tmp_path, {"launches/demo.yaml": HEADER + item("x", DAY), "launches/b.yaml": "a: [\n"}
    )
    result = run_cli("digest", str(tmp_path), "--today", TODAY)
    assert result.returncode == 0
    assert "launchgate: skipped launches/b.yaml:" in result.stderr
    assert "`x`" in result.stdout


def test_digest_with_an_unreadable_config_or_bad_days_is_exit_2(tmp_path: Path) -> None:
    write_tree(tmp_path, {".launchgate.yml": "digest: {dayz: 3}\n"})
    result = run_cli("digest", str(tmp_path), "--today", TODAY)
    assert result.returncode == 2 and "dayz" in result.stderr
    assert run_cli("digest", str(tmp_path), "--days", "-1").returncode == 2
    assert run_cli("digest", str(tmp_path / "nowhere")).returncode == 2
