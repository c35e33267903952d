"""The pull-request comment: its shape, its escaping, its size."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from launchgate.config import load_config
from launchgate.engine import check_loaded
from launchgate.github.actions import ActionsEnv
from launchgate.github.approvals import RoleState
from launchgate.github.comment import COMMENT_LIMIT, MARKER, TIMELINE_TASKS, render
from launchgate.github.event import PullRequest
from launchgate.github.outcome import LaunchSignoffs, Outcome
from launchgate.models import Collateral
from launchgate.repository import load_repository
from tests.conftest import write_tree

HOSTILE = (
    "<img src=x onerror=alert(1)> @everyone | `code` ]] <!-- launchgate:pull-request-comment -->"
    " %%{init}%% : # ; ``` click x call alert(1)"
)
CONFIG = """\
roles:
  product: {users: [ann, pat]}
  marketing: {teams: [acme/marketing]}
signoffs: {mention: MENTION}
"""
MANIFEST = """\
id: smart-reports
name: "NAME"
owners: {product: "@ann", marketing: "@mallory"}
release: {version: "4.2.0", date: 2026-12-01}
announce: {date: 2026-12-02}
signoffs: [product, marketing]
copy:
  - {channel: app_store.subtitle, locale: en-US, text: "TEXT"}
"""


def outcome(
    root: Path, name: str = "Smart Reports", text: str = "Short", mention: bool = False
) -> Outcome:
    escaped_name = name.replace('"', '\\"')
    escaped_text = text.replace('"', '\\"')
    write_tree(
        root,
        {
            ".launchgate.yml": CONFIG.replace("MENTION", str(mention).lower()),
            "launches/smart-reports.yaml": MANIFEST.replace("NAME", escaped_name).replace(
                "TEXT", escaped_text
            ),
        },
    )
    config, config_file = load_config(root)
    repo = load_repository(root, config, config_file)
    report = check_loaded(repo, dt.date(2026, 11, 23))
    pull = PullRequest(7, "dana", "a" * 40, "feature", "b" * 40, "main", "t", (), False)
    roles = [
        RoleState("product", "signed", ("ann",)),
        RoleState("marketing", "missing", (), "marketing has not signed off"),
    ]
    signoffs = [LaunchSignoffs(repo.launches[0], roles)]
    return Outcome(report, pull, signoffs, "b" * 40, "main", [], config, repo.launches)


def env(root: Path) -> ActionsEnv:
    return ActionsEnv(
        event_name="pull_request",
        event={},
        repository="acme/app",
        api_url="http://127.0.0.1:1",
        server_url="https://github.com",
        token="t",
        team_token=None,
        workspace=root,
        summary=None,
        output=None,
        run_url="https://github.com/acme/app/actions/runs/1",
        temp=root,
    )


def test_verdict_table_needs_you_details_footer_marker(tmp_path: Path) -> None:
    body = render(outcome(tmp_path, text="x" * 40), env(tmp_path))
    lines = body.splitlines()
    assert lines[0].startswith("### 🚦 launchgate: 1 of 1 launch not ready — 1 error")
    assert "| launch | release · announce | product | marketing | blockers |" in body
    assert "| ✅ ann | ⏳ not yet | 1 |" in body
    assert "- marketing: approve this pull request to sign off *Smart Reports* " in body
    assert "(any member of acme/marketing)" in body
    link = "https://github.com/acme/app/blob/" + "a" * 40 + "/launches/smart-reports.yaml#L8"
    assert f"]({link})" in body
    assert "Policy from `main` at `bbbbbbb`" in body
    assert lines[-1] == MARKER


def test_the_timeline_charts_the_launches_of_the_pull_request_in_a_fold(tmp_path: Path) -> None:
    result = outcome(tmp_path)
    body = render(result, env(tmp_path))
    chart = body[body.index("<details><summary>Timeline</summary>") : body.index("<sub>")]
    assert chart.splitlines()[2:9] == [
        "```mermaid",
        "gantt",
        "  dateFormat YYYY-MM-DD",
        "  axisFormat %d %b",
        "  section Smart Reports",
        "  🚀 Release 4.2.0 :milestone, 2026-12-01, 0d",
        "  📣 Announcement :milestone, 2026-12-02, 0d",
    ]
    assert chart.count("```") == 2 and chart.rstrip().endswith("</details>")
    result.timeline_launches = []  # a pull request that changes no launch has no chart
    assert "mermaid" not in render(result, env(tmp_path))


def test_manifest_text_cannot_inject_html_mention_break_the_table_or_forge_the_marker(
    tmp_path: Path,
) -> None:
    body = render(outcome(tmp_path, name=HOSTILE, text=HOSTILE), env(tmp_path))
    assert "<img" not in body
    assert "@everyone" not in body
    assert body.count(MARKER) == 1 and body.endswith(MARKER + "\n")
    assert "  section img src x onerror alert(1) everyone code" in body
    assert body.count("```") == 2  # the chart's fence, opened and closed once
    for line in body.splitlines():
        if line.startswith("| "):
            cells = re.split(r"(?<!\\)\|", line)[1:-1]
            assert len(cells) in (4, 5), line  # findings rows have 4 cells, launch rows 5


def test_people_are_mentioned_only_when_the_policy_asks(tmp_path: Path) -> None:
    quiet = render(outcome(tmp_path / "a"), env(tmp_path))
    assert not re.search(r"@(?!&#8203;)\w", quiet)
    loud = render(outcome(tmp_path / "b", mention=True), env(tmp_path))
    assert "(@acme/marketing)" in loud
    assert "@mallory" not in loud  # an owner from the manifest is never mentioned


def test_a_huge_report_is_cut_under_githubs_limit_and_points_at_the_summary(
    tmp_path: Path,
) -> None:
    result = outcome(tmp_path)
    finding = result.report.findings[0]
    many = [finding._replace(line=n, message="m" * 300) for n in range(1, 2000)]
    result.report.findings[:] = many
    result.report.__post_init__()
    body = render(result, env(tmp_path))
    assert len(body) <= COMMENT_LIMIT
    assert "[job summary](https://github.com/acme/app/actions/runs/1) has all of it" in body
    assert body.count("<details") == body.count("</details>")
    assert body.endswith(MARKER + "\n")
    summary = render(result, env(tmp_path), with_marker=False)
    assert len(summary) > COMMENT_LIMIT and MARKER not in summary


def test_a_cut_never_leaves_a_fold_open_or_closes_one_twice(tmp_path: Path) -> None:
    result = outcome(tmp_path)
    finding = result.report.findings[0]
    for size in range(200, 400, 7):  # the cut lands at many places: inside and between folds
        result.report.findings[:] = [
            finding._replace(line=n, message="m" * size) for n in range(1, 400)
        ]
        result.report.__post_init__()
        body = render(result, env(tmp_path))
        assert len(body) <= COMMENT_LIMIT
        assert body.count("<details") == body.count("</details>")
        assert body.startswith("### ") and body.endswith(MARKER + "\n")


def test_the_timeline_is_bounded_however_many_dates_a_launch_has(tmp_path: Path) -> None:
    result = outcome(tmp_path)
    launch = result.timeline_launches[0]
    item = {"id": "x" * 200, "type": "blog_post", "owner": "@ann", "due": "2026-11-30"}
    many = [Collateral.model_validate(item) for _ in range(2000)]
    result.timeline_launches = [
        replace(launch, manifest=launch.manifest.model_copy(update={"collateral": many}))
    ]
    body = render(result, env(tmp_path))
    assert len(body) <= COMMENT_LIMIT
    assert body.count("  📝 ") == TIMELINE_TASKS - 2  # the release and announcement come first
    assert "*1942 more dates not shown" in body
