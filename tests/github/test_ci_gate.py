"""`launchgate ci` as a required check: it never goes green by mistake, and says why it
stays red (issue 11, section 2). End to end, as in test_ci.py."""

from __future__ import annotations

from pathlib import Path

from tests.github.fake import FakeGitHub, Reply
from tests.github.test_ci import SMART, TEAM, manifest, scenario, sign_off

# ---- a run that cannot decide never leaves an earlier success -----------------------------


def test_a_run_that_cannot_read_reviews_replaces_an_earlier_success_with_error(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    sign_off(s)
    assert s.run(env=TEAM).code == 0 and s.status()[1] == "success"
    github.fail("GET", r"/pulls/7/reviews$", [502], times=10)
    run = s.run(env={**TEAM, "LAUNCHGATE_RETRY_TRIES": "2"})
    assert run.code == 2
    states = [status.state for status in s.repo.statuses[s.pull.head_sha]]
    assert states == ["pending", "success", "pending", "error"]
    assert "GitHub did not answer" in s.status()[2]


def test_when_github_takes_no_more_writes_the_pending_status_stays(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    sign_off(s)
    assert s.run(env=TEAM).code == 0
    github.fail("GET", r"/pulls/7/reviews$", [502], times=10)
    # The pending status goes through; every write after it fails.
    github.fail("POST", r"/statuses/", [Reply(transform=lambda body: body), *[502] * 10])
    run = s.run(env={**TEAM, "LAUNCHGATE_RETRY_TRIES": "2"})
    assert run.code == 2
    assert s.status()[1] == "pending"
    assert "the status stays pending" in run.stdout


def test_a_decision_replaces_the_pending_status(github: FakeGitHub, tmp_path: Path) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    s.pull.review("ann", "APPROVED")
    assert s.run(env=TEAM).code == 1
    assert [status.state for status in s.repo.statuses[s.pull.head_sha]] == ["pending", "failure"]
