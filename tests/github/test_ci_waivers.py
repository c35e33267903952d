"""`launchgate ci` on a pull request applies a launch's waivers like `launchgate check` does.

Verifying the waiver's approval on the pull request (its `approved_by` role's
sign-off) is the next step; until then the run says, as a notice, that it
did not verify it.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.github.fake import FakeGitHub
from tests.github.test_ci import SMART, TEAM, manifest, scenario, sign_off

WAIVED = """\
locales: [en-US, de-DE]
copy:
  - {channel: x.post, text: "Smart Reports are here"}
waivers:
  - {rule: copy-locale-missing, where: {channel: x.post}, reason: English only on X, approved_by: marketing, expires: 2026-12-31}
"""  # noqa: E501  # one waiver a line, as a user may write it


def test_a_waived_finding_passes_the_pull_request_and_is_shown_waived(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", WAIVED, day=3)})
    sign_off(s)
    run = s.run(env=TEAM)
    assert run.code == 0, run.stdout + run.stderr
    (body,) = s.comments()
    assert body.startswith("### ✅ launchgate: 3 launches ready — 1 notice, 1 waived")
    assert "<details><summary>Waived (1)</summary>" in body
    assert "English only on X — approved by marketing, until Thu 31 Dec" in body
    assert s.status()[1] == "success"
    assert (
        "::notice file=launches/smart-reports.yaml,line=10,col=5,"
        "title=launchgate copy-locale-missing (waived)::" in run.stdout
    )
    assert "::error" not in run.stdout
    report = json.loads(Path(run.outputs["report"]).read_text(encoding="utf-8"))
    assert report["summary"]["waived"] == 1
    (unverified,) = [f for f in report["findings"] if f["rule"] == "waiver-unverified"]
    assert unverified["line"] == 12
