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
    return build(repo.launches, today, days, skipped_manifests(repo), config)


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


# ---- waivers -----------------------------------------------------------------------------

ROLES = """\
roles:
  marketing: {users: [mia, "@Mo"], teams: [acme/marketing]}
  legal: {}
"""


def waiver(expires: dt.date, role: str = "marketing", rule: str = "copy-locale-missing") -> str:
    return (
        f"  - {{rule: {rule}, where: {{channel: [x.post, sms]}}, approved_by: {role},\n"
        f'     reason: "English only", expires: {expires.isoformat()}}}\n'
    )


def with_waivers(*waivers: str) -> str:
    return HEADER + item("blog", DAY) + "waivers:\n" + "".join(waivers)


def waived(digest: Digest, owner: str | None) -> tuple[list[int], list[int]]:
    """The lines of the waivers listed for the owner: (overdue, due)."""
    work = next((w for w in digest.owners if w.owner == owner), None)
    if work is None:
        return [], []
    return (
        [i.line for i in work.overdue if i.kind == "waiver"],
        [i.line for i in work.due if i.kind == "waiver"],
    )


def test_waivers_ending_in_the_window_go_to_every_member_of_their_role(tmp_path: Path) -> None:
    days = dt.timedelta
    manifest = with_waivers(
        waiver(DAY - days(1)),  # line 9: ended yesterday: overdue
        waiver(DAY),  # line 11: its last day is today
        waiver(DAY + days(7)),  # line 13: the window's last day
        waiver(DAY + days(8)),  # line 15: after the window
    )
    files = {".launchgate.yml": ROLES, "launches/demo.yaml": manifest}
    digest = digest_of(tmp_path, files)
    # Users by handle (the role's @Mo and the manifest's @mo are one), teams by name: no API call.
    assert [w.owner for w in digest.owners] == ["@acme/marketing", "@mia", "@Mo"]
    for owner in ("@acme/marketing", "@mia", "@Mo"):
        assert waived(digest, owner) == ([9], [11, 13])
    assert ids(digest, "@Mo") == ([None], ["blog", None, None])  # @mo's own deliverable stays
    team = digest.owners[0]
    assert [(i.days_from(DAY), i.roles) for i in team.overdue + team.due] == [
        (-1, ("marketing",)),
        (0, ("marketing",)),
        (7, ("marketing",)),
    ]
    assert digest.overdue == 3 and digest.due == 7  # 3 waivers x 2 + the deliverable
    narrow = digest_of(tmp_path / "narrow", files, days=0)
    assert waived(narrow, "@mia") == ([9], [11])


def test_a_waiver_the_config_refuses_is_not_listed_and_a_role_nobody_is_in_is_no_owner(
    tmp_path: Path,
) -> None:
    manifest = with_waivers(
        waiver(DAY + dt.timedelta(2), role="legal"),  # a role without members
        waiver(DAY + dt.timedelta(2), role="sales"),  # not a role: refused
        waiver(DAY + dt.timedelta(2), rule="signoff-missing"),  # never waivable
    )
    files = {".launchgate.yml": ROLES, "launches/demo.yaml": manifest}
    digest = digest_of(tmp_path, files)
    assert waived(digest, None) == ([], [9])
    assert all(waived(digest, w.owner)[1] in ([], [9]) for w in digest.owners)
    # Without a config no role exists, so no waiver applies and none is listed.
    bare = digest_of(tmp_path / "bare", {"launches/demo.yaml": manifest})
    assert all(i.kind != "waiver" for w in bare.owners for i in w.overdue + w.due)


def test_waivers_in_markdown_say_what_ends_and_escape_the_manifest(tmp_path: Path) -> None:
    reason = "<img src=x> @everyone | [x](y) <!-- launchgate:digest -->"
    manifest = with_waivers(waiver(DAY - dt.timedelta(3)), waiver(DAY + dt.timedelta(2)))
    manifest = manifest.replace('"English only"', json.dumps(reason))
    files = {".launchgate.yml": ROLES, "launches/demo.yaml": manifest}
    digest = digest_of(tmp_path, files)
    text = render_markdown(digest)
    rows = [line for line in text.splitlines() if "waiver of" in line]
    assert len(rows) == 6  # two waivers, three members
    assert rows[0].startswith(
        "| ⏰ expired 3 days ago | Fri 20 Nov | waiver of `copy-locale-missing` for x.post, sms "
        "ended: its findings count again (approved by marketing): "
    )
    assert rows[1].startswith(
        "| in 2 days | Wed 25 Nov | waiver of `copy-locale-missing` for x.post, sms ends "
    )
    assert rows[0].endswith("| Demo | `launches/demo.yaml:9` |")
    for row in rows:
        assert len(re.split(r"(?<!\\)\|", row)) - 2 == 5  # the reason's | splits no cell
    assert "<img" not in text and "<!-- launchgate" not in text and "[x](y)" not in text
    outside_code = re.sub(r"`[^`]*`", "", text)
    assert "@everyone" not in outside_code and "@acme/marketing" not in outside_code
    assert "#### `@acme/marketing` — 1 overdue, 1 due" in text
    mentioned = render_markdown(digest, mention=True)
    assert "#### @acme/marketing — 1 overdue, 1 due" in mentioned
    assert "#### @mia — 1 overdue, 1 due" in mentioned
    assert "@everyone" not in re.sub(r"`[^`]*`", "", mentioned)


def test_waivers_in_json_carry_their_rule_where_reason_and_role(tmp_path: Path) -> None:
    manifest = with_waivers(waiver(DAY + dt.timedelta(2)), waiver(DAY - dt.timedelta(1)))
    files = {".launchgate.yml": ROLES, "launches/demo.yaml": manifest}
    data = json.loads(render_json(digest_of(tmp_path, files)))
    mia = next(o for o in data["owners"] if o["owner"] == "@mia")
    (ended,) = mia["overdue"]
    (ending,) = mia["due"]
    assert ending == {
        "kind": "waiver",
        "due": "2026-11-25",
        "days": 2,
        "launch": "demo",
        "file": "launches/demo.yaml",
        "line": 9,
        "id": None,
        "type": None,
        "status": None,
        "roles": ["marketing"],
        "version": None,
        "waiver": {
            "rule": "copy-locale-missing",
            "where": {"channel": ["x.post", "sms"]},
            "reason": "English only",
            "approved_by": "marketing",
        },
    }
    assert (ended["days"], ended["line"]) == (-1, 11)
    mo = next(o for o in data["owners"] if o["owner"] == "@Mo")
    blog = next(i for i in mo["due"] if i["kind"] == "collateral")
    assert "waiver" not in blog  # the other kinds keep their shape
    assert data["summary"]["overdue"] == 3 and data["summary"]["due"] == 3 + 1


def test_digest_command_lists_waivers_with_the_configs_roles_and_window(tmp_path: Path) -> None:
    config = ROLES + "digest: {days: 14, mention: true}\n"
    manifest = with_waivers(waiver(DAY + dt.timedelta(10)))
    write_tree(tmp_path, {".launchgate.yml": config, "launches/demo.yaml": manifest})
    result = run_cli("digest", str(tmp_path), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert "#### @acme/marketing — 1 due" in result.stdout
    assert "| in 10 days | Thu 3 Dec | waiver of `copy-locale-missing`" in result.stdout
    shorter = run_cli("digest", str(tmp_path), "--today", TODAY, "--days", "9")
    assert "waiver of" not in shorter.stdout


@pytest.mark.parametrize(
    ("where", "named_as"),
    [
        (None, "copy-length"),
        ({"channel": ["sms", "x.post"]}, "copy-length for sms, x.post"),  # as written
    ],
)
def test_a_waiver_is_named_by_its_rule_and_what_it_narrows_to(
    where: dict[str, list[str]] | None, named_as: str
) -> None:
    from launchgate.models import Waiver
    from launchgate.waivers import named

    waiver = Waiver.model_validate(
        {
            "rule": "copy-length",
            "where": where,
            "reason": "r",
            "approved_by": "m",
            "expires": "2026-12-31",
        }
    )
    assert named(waiver) == named_as
