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


# ---- a review event on a pull request too big to list ------------------------------------


def test_a_review_on_a_pull_request_too_big_to_list_is_not_judged(
    github: FakeGitHub, tmp_path: Path
) -> None:
    changes: dict[str, str | None] = {f"assets/{i:04d}.txt": f"{i}\n" for i in range(3000)}
    changes[SMART] = manifest("smart-reports", day=3)
    s = scenario(github, tmp_path, changes)
    review = s.pull.review("ann", "APPROVED")
    run = s.run(env=TEAM, name="pull_request_review", action="submitted", review=review)
    assert run.code == 2
    assert "changes 3001 files and GitHub lists only 3000" in run.stderr
    assert s.status()[1] == "error"  # never success with no sign-offs
    assert github.count("GET", r"/pulls/7$") == 1  # the payload does not count the files


def test_a_review_event_reads_the_file_count_only_once(github: FakeGitHub, tmp_path: Path) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    sign_off(s)
    review = s.pull.review("mo", "APPROVED")
    run = s.run(env=TEAM, name="pull_request_review", action="submitted", review=review)
    assert run.code == 0, run.everything
    assert github.count("GET", r"/pulls/7$") == 1
    assert s.run(env=TEAM).code == 0
    assert github.count("GET", r"/pulls/7$") == 1  # a pull_request event counts them itself
