"""Waivers in every format, and `launchgate waivers`: run as a user runs them.

A waived finding is still shown, marked, with its reason, approving role and
expiry; it fails nothing. Text from the manifest (the reason) is escaped like
everything else in Markdown and the pull-request comment.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from launchgate.config import load_config
from launchgate.engine import check_loaded
from launchgate.github.comment import render as render_comment
from launchgate.github.event import PullRequest
from launchgate.github.outcome import Outcome
from launchgate.repository import load_repository
from tests.conftest import TODAY, run_cli, write_tree
from tests.github.test_comment import env
from tests.test_sarif import sarif_errors

REASON = "Social and SMS go out in English only for this launch"
HOSTILE = "<img src=x onerror=alert(1)> @everyone | `x`"
CONFIG = """\
roles:
  marketing: {users: [david]}
  product: {users: [ann]}
"""
LAUNCH = """\
id: insights
name: Team Insights
checklist: intl
owners: {product: "@ann"}
release: {version: "1.0.0", date: 2026-12-01}
copy:
  - {channel: x.post, text: "Team Insights is here"}
  - {channel: linkedin.post, text: "Team Insights is here"}
  - {channel: sms, text: "Team Insights is here"}
waivers:
  - rule: copy-locale-missing
    where: {channel: [x.post, linkedin.post, sms]}
    reason: "REASON"
    approved_by: marketing
    expires: 2026-12-31
"""
WAIVER_LINE = 11
FILE = "launches/insights.yaml"


def repository(root: Path, reason: str = REASON, extra: str = "") -> Path:
    escaped = reason.replace("\\", "\\\\").replace('"', '\\"')
    return write_tree(
        root,
        {
            ".launchgate.yml": CONFIG,
            "checklists/intl.yaml": "locales: [en-US, de-DE, ja-JP]\n",
            FILE: LAUNCH.replace("REASON", escaped) + extra,
        },
    )


def check(root: Path, fmt: str, today: str = TODAY) -> tuple[int, str]:
    result = run_cli("check", str(root), "--today", today, "--format", fmt)
    assert result.stderr == ""
    return result.returncode, result.stdout


def test_exit_0_while_the_waiver_holds_and_1_the_day_after_it_expires(tmp_path: Path) -> None:
    root = repository(tmp_path)
    assert check(root, "text", "2026-12-31")[0] == 0
    code, text = check(root, "text", "2027-01-01")
    assert code == 1
    assert f"{FILE}:{WAIVER_LINE}:5 warning waiver-expired" in text
    assert "waived" not in text


def test_text_lists_waived_findings_marked_with_reason_role_and_expiry(tmp_path: Path) -> None:
    code, text = check(repository(tmp_path), "text")
    assert code == 0
    lines = text.splitlines()
    assert lines[0] == f"Team Insights (insights, {FILE}): ready"
    waived = [line for line in lines if " waived error copy-locale-missing " in line]
    assert [line.split()[0] for line in waived] == [
        f"{FILE}:{line}:5"
        for line in (7, 7, 8, 8, 9, 9)  # de-DE and ja-JP each
    ]
    detail = (
        f"      waived until 2026-12-31, approved by marketing ({FILE}:{WAIVER_LINE}): {REASON}"
    )
    assert lines.count(detail) == 6
    assert lines[-1] == "✓ 1 launch ready — 1 notice, 6 waived (as of 2026-11-23)"


def test_markdown_folds_the_waived_findings_apart_and_escapes_the_reason(tmp_path: Path) -> None:
    code, markdown = check(repository(tmp_path, HOSTILE), "markdown")
    assert code == 0
    assert markdown.startswith("### ✅ launchgate: 1 launch ready — 1 notice, 6 waived")
    # The launch's row counts as its fold does (1 notice), the waived apart.
    assert "| ✅ | 1 + 6 waived |" in markdown
    fold = markdown[markdown.index("<details><summary>Waived (6)</summary>") :]
    rows = [line for line in fold.splitlines() if line.startswith("| Team Insights |")]
    assert len(rows) == 6
    for row in rows:
        assert len(re.split(r"(?<!\\)\|", row)[1:-1]) == 5  # the reason's | cannot add a cell
        assert "approved by marketing, until Thu 31 Dec" in row
    assert "<img" not in markdown and "@everyone" not in markdown
    # The launch's own fold holds only what is not waived.
    own = markdown[
        markdown.index("<summary>Team Insights — 1 notice") : markdown.index("Waived (6)")
    ]
    assert "`waiver-unverified`" in own
    assert "`copy-locale-missing`" not in own


def test_json_counts_waived_findings_and_gives_each_its_waiver(tmp_path: Path) -> None:
    code, text = check(repository(tmp_path), "json")
    assert code == 0
    report = json.loads(text)
    assert report["status"] == "pass"
    assert report["summary"] == {
        "launches": 1,
        "errors": 0,
        "warnings": 0,
        "notices": 1,
        "waived": 6,
    }
    waived = [f for f in report["findings"] if "waiver" in f]
    assert [f["line"] for f in waived] == [7, 7, 8, 8, 9, 9]
    assert {json.dumps(f["waiver"]) for f in waived} == {
        json.dumps(
            {
                "reason": REASON,
                "approved_by": "marketing",
                "expires": "2026-12-31",
                "file": FILE,
                "line": WAIVER_LINE,
            }
        )
    }
    assert [f["severity"] for f in waived] == ["error"] * 6
    assert report["launches"][0]["status"] == "pass"


def test_sarif_marks_waived_results_suppressed_in_source_with_the_reason(tmp_path: Path) -> None:
    code, text = check(repository(tmp_path), "sarif")
    assert code == 0
    log: Any = json.loads(text)
    assert sarif_errors(log) == []
    results = log["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in suppressed] == [
        7,
        7,
        8,
        8,
        9,
        9,
    ]
    (suppression,) = suppressed[0]["suppressions"]
    assert suppression["kind"] == "inSource"
    assert suppression["status"] == "accepted"
    assert suppression["justification"] == REASON
    assert suppression["location"]["physicalLocation"]["region"] == {"startLine": WAIVER_LINE}
    assert suppression["properties"] == {"approvedBy": "marketing", "expires": "2026-12-31"}
    assert all("suppressions" not in r for r in results if r["ruleId"] != "copy-locale-missing")
    assert log["runs"][0]["properties"]["status"] == "pass"


def test_github_annotations_make_a_waived_finding_a_notice(tmp_path: Path) -> None:
    code, text = check(repository(tmp_path), "github")
    assert code == 0
    assert "::error" not in text
    waived = [line for line in text.splitlines() if "(waived)" in line]
    assert len(waived) == 6
    assert waived[0].startswith(
        f"::notice file={FILE},line=7,col=5,title=launchgate copy-locale-missing (waived)::"
    )
    assert waived[0].endswith(
        f" — waived until 2026-12-31, approved by marketing ({FILE}:{WAIVER_LINE}): {REASON}"
    )


def test_the_pull_request_comment_has_a_waived_fold_with_escaped_text(tmp_path: Path) -> None:
    root = repository(tmp_path, HOSTILE)
    config, config_file = load_config(root)
    repo = load_repository(root, config, config_file)
    report = check_loaded(repo, dt.date(2026, 11, 23))
    pull = PullRequest(7, "dana", "a" * 40, "feature", "b" * 40, "main", "t", (), False)
    result = Outcome(report, pull, [], "b" * 40, "main", [], config, repo.launches)
    body = render_comment(result, env(tmp_path))
    assert "<details><summary>Waived (6)</summary>" in body
    link = f"https://github.com/acme/app/blob/{'a' * 40}/{FILE}#L7"
    assert f"]({link})" in body  # linked like every other finding
    assert "<img" not in body and "@everyone" not in body
    assert body.startswith("### ✅ launchgate: 1 launch ready — 1 notice, 6 waived")


EXTRA = """\
  - {rule: copy-term, reason: r, approved_by: marketing, expires: 2026-11-25}
  - {rule: copy-length, reason: r, approved_by: marketing, expires: 2026-11-20}
  - {rule: signoff-missing, reason: r, approved_by: marketing, expires: 2026-12-01}
"""
COPY_LONG = "  - {channel: web.title, text: '" + "T" * 80 + "'}\n"


def waivers_command(root: Path, *extra: str) -> tuple[int, str]:
    result = run_cli("waivers", str(root), "--today", TODAY, *extra)
    assert result.stderr == ""
    return result.returncode, result.stdout


def test_the_waivers_command_lists_every_waiver_with_its_state(tmp_path: Path) -> None:
    root = repository(tmp_path, extra=EXTRA)
    code, text = waivers_command(root)
    assert code == 0  # a report, not a gate
    lines = text.splitlines()
    assert lines[0] == (
        f"{FILE}:{WAIVER_LINE} insights copy-locale-missing "
        "[channel: x.post, linkedin.post, sms]: active, covers 6 findings"
    )
    assert lines[1] == f"    until 2026-12-31, approved by marketing: {REASON}"
    assert lines[2] == f"{FILE}:16 insights copy-term: unused: covers no finding"
    assert lines[4].startswith(f"{FILE}:17 insights copy-length: expired: expired after 2026-11-20")
    assert lines[6].startswith(f"{FILE}:18 insights signoff-missing: refused: a sign-off can")
    assert lines[-1] == (
        "4 waivers: 1 refused, 1 expired, 1 unused, 1 active (as of 2026-11-23; expiring: "
        "ends within 7 days)"
    )


@pytest.mark.parametrize(("days", "state"), [("37", "active"), ("38", "expiring")])
def test_a_waiver_is_expiring_when_it_ends_within_days(
    tmp_path: Path, days: str, state: str
) -> None:
    _, text = waivers_command(repository(tmp_path), "--days", days, "--format", "json")
    listed = json.loads(text)
    assert listed["days"] == int(days)
    assert [w["state"] for w in listed["waivers"]] == [state]
    assert listed["waivers"][0] == {
        "launch": "insights",
        "file": FILE,
        "line": WAIVER_LINE,
        "rule": "copy-locale-missing",
        "where": {"channel": ["x.post", "linkedin.post", "sms"]},
        "reason": REASON,
        "approved_by": "marketing",
        "expires": "2026-12-31",
        "state": state,
        "why": "",
        "covers": 6,
    }


def test_the_waivers_window_defaults_to_the_digests(tmp_path: Path) -> None:
    root = repository(tmp_path)
    (root / ".launchgate.yml").write_text(CONFIG + "digest: {days: 40}\n", encoding="utf-8")
    _, text = waivers_command(root, "--format", "json")
    assert json.loads(text)["waivers"][0]["state"] == "expiring"


def test_the_waivers_command_in_markdown_escapes_manifest_text(tmp_path: Path) -> None:
    _, text = waivers_command(repository(tmp_path, HOSTILE, EXTRA), "--format", "markdown")
    assert text.startswith("### launchgate waivers: 4 waivers: 1 refused, 1 expired")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 5  # the header and four waivers
    for row in rows:
        assert len(re.split(r"(?<!\\)\|", row)[1:-1]) == 8
    assert "<img" not in text and "@everyone" not in text


def test_no_waivers_is_said_plainly(tmp_path: Path) -> None:
    root = repository(tmp_path)
    manifest = root / FILE
    manifest.write_text(manifest.read_text(encoding="utf-8").split("waivers:")[0], "utf-8")
    code, text = waivers_command(root)
    assert (code, text) == (0, "no waivers (as of 2026-11-23)\n")
