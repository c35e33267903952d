"""`launchgate ci` as a required check: it never goes green by mistake, and says why it
stays red (issue 11, section 2). End to end, as in test_ci.py."""

from __future__ import annotations

from pathlib import Path

from tests.github.fake import FakeGitHub, Reply
from tests.github.model import Pull
from tests.github.payloads import event, merge_group
from tests.github.test_ci import (
    BASE,
    CONFIG,
    SMART,
    TEAM,
    Run,
    Scenario,
    checkout,
    manifest,
    run_ci,
    scenario,
    sign_off,
)
from tests.github.test_release_ci import History

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


# ---- a comparison GitHub cuts short blocks, and says it could not tell -------------------

MANY_FILES: dict[str, str | None] = {f"assets/{i:03d}.txt": f"{i}\n" for i in range(300)}


def test_an_approval_before_a_push_too_big_to_compare_says_what_is_unknown(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    sign_off(s)
    s.pull.push(MANY_FILES)  # leaves the launch alone, but GitHub lists 300 files at most
    run = s.run(env=TEAM, action="synchronize")
    assert run.code == 1  # still blocks: a change cannot be ruled out
    assert "signoff-stale" in run.stdout
    assert "launchgate could not tell what changed since" in run.stdout
    assert "at most 300 changed files" in run.stdout
    assert "the launch changed" not in run.stdout


def test_a_release_branch_too_far_behind_to_compare_says_what_is_unknown(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    history.merged({SMART: manifest("smart-reports", day=3)}, "dana", "ann", "mo")
    cut = history.repo.branches["main"]
    history.push(MANY_FILES)  # main moves on by 300 files, none of them the launch's
    s = history.release(cut_from=cut)
    run = s.run(env=TEAM)
    assert run.code == 1, run.everything
    body = s.comments()[0]
    assert "could not tell whether launches/smart-reports.yaml changed on main" in body, body
    assert "changed on main since this branch was cut, so" not in body


# ---- a team the team-token cannot see is said, not read as "not a member" -----------------


def test_a_team_slug_with_a_typo_is_named_in_the_finding(
    github: FakeGitHub, tmp_path: Path
) -> None:
    base = {**BASE, ".launchgate.yml": CONFIG.replace("acme/marketing", "acme/marketting")}
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)}, base=base)
    sign_off(s)
    s.pull.review("zed", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "acme/marketting does not exist or the team-token cannot see it" in run.stdout
    assert github.count("GET", r"/orgs/acme/teams/marketting$") == 1  # once per team per run


def test_a_team_token_of_another_organisation_is_named_in_the_finding(
    github: FakeGitHub, tmp_path: Path
) -> None:
    github.tokens["ghp_elsewhere"] = {
        "login": "outsider",
        "type": "User",
        "write": False,
        "teams": "not_found",
    }
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    sign_off(s)
    run = s.run(env={"LAUNCHGATE_TEAM_TOKEN": "ghp_elsewhere"})
    assert run.code == 1
    assert "acme/marketing does not exist or the team-token cannot see it" in run.stdout


def test_someone_outside_a_visible_team_gets_no_such_note(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    s.pull.review("ann", "APPROVED")
    s.pull.review("zed", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "marketing has not signed off" in run.stdout
    assert "does not exist" not in run.stdout


# ---- merge queues ---------------------------------------------------------------------------


def queue(s: Scenario, *pulls: Pull, method: str = "squash") -> tuple[str, str]:
    """Put PULLS in the merge queue of main, in order, as GitHub does: each entry a branch
    gh-readonly-queue/main/pr-N-<sha> on top of the one ahead of it. The last entry's
    (branch, head)."""
    repo = s.repo
    ahead = repo.branches["main"]
    branch = ""
    for pull in pulls:
        changes: dict[str, bytes | None] = {c.filename: c.new for c in pull.files()}
        branch = f"gh-readonly-queue/main/pr-{pull.number}-{ahead}"
        if method == "merge":
            parents: list[str] = [ahead, pull.head_sha]
            message = f"Merge pull request #{pull.number} from acme/{pull.head_ref}"
        else:
            parents, message = [ahead], f"{pull.title} (#{pull.number})"
        ahead = repo.commit(
            dict(changes),
            parent=parents,
            branch=branch,
            message=message,
            by_github=True,
        )
    return branch, ahead


def run_group(s: Scenario, branch: str, env: dict[str, str] | None = None) -> Run:
    payload = merge_group(s.github, s.github.url, s.repo, branch)
    workspace = checkout(s.repo, s.repo.branches[branch], s.root)
    return run_ci(
        s.repo, workspace, s.root, payload, "merge_group", "ghs_actions", s.github.url, (), env
    )


def two_pulls(s: Scenario) -> Pull:
    """A second pull request, #8 by erin, changing another launch."""
    head = s.repo.commit(
        {"launches/data-export.yaml": manifest("data-export", day=9)},
        parent=s.pull.base_sha,
        branch="export",
        author="erin",
    )
    return s.repo.add_pull(8, "erin", s.pull.base_sha, head, "export", title="Export")


def test_a_merge_group_whose_pull_requests_are_signed_off_passes_on_its_head(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    second = two_pulls(s)
    sign_off(s)
    second.review("ann", "APPROVED")
    second.review("mo", "APPROVED")
    branch, head = queue(s, s.pull, second)
    run = run_group(s, branch, TEAM)
    assert run.code == 0, run.everything
    assert [st.state for st in s.repo.statuses[head]] == ["pending", "success"]
    assert s.repo.statuses[head][-1].context == "launchgate"
    assert github.count("GET", r"/pulls/7/reviews$") == 1  # both read again, now
    assert github.count("GET", r"/pulls/8/reviews$") == 1
    assert s.comments() == [] and second.comments == []  # a group has its status, no comment


def test_a_pull_request_opened_from_a_merge_group_head_never_passes_the_group(
    github: FakeGitHub, tmp_path: Path
) -> None:
    """The group's status is the status of its head commit. Anyone who may read the
    repository can open a pull request from a queue branch (or from a copy of its commit)
    into another base and get that one approved: its success must not pass the group."""
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    second = two_pulls(s)
    sign_off(s)  # #7 is signed off, #8 is not
    branch, head = queue(s, s.pull, second)
    assert run_group(s, branch, TEAM).code == 1
    s.repo.commit(dict(BASE), parent=None, branch="legacy", message="Legacy line")
    for number, head_ref in [(9, branch), (10, "copy")]:
        s.repo.branches.setdefault(head_ref, head)
        sneaky = s.repo.add_pull(number, "zed", None, head, head_ref, "legacy")
        sneaky.review("ann", "APPROVED")
        sneaky.review("mo", "APPROVED")
        payload = event(github, github.url, sneaky, "pull_request", "opened")
        run = run_ci(
            s.repo,
            checkout(s.repo, head, s.root),
            s.root,
            payload,
            "pull_request",
            "ghs_actions",
            github.url,
            (),
            TEAM,
        )
        assert run.code == 2, run.everything
        assert "merge queue" in run.stderr
        states = [status.state for status in s.repo.statuses[head]]
        assert "success" not in states
        if head_ref == branch:  # from the queue's own branch: the group's status untouched
            assert states == ["pending", "failure"]
        sneaky.close()


def test_a_merge_group_fails_when_one_pull_request_is_not_signed_off(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    second = two_pulls(s)
    sign_off(s)
    second.review("ann", "APPROVED")  # marketing never signed #8 off
    for method in ("squash", "merge"):
        branch, head = queue(s, second, s.pull, method=method)
        run = run_group(s, branch, TEAM)
        assert run.code == 1, run.everything
        assert s.repo.statuses[head][-1].state == "failure"
        # The group is named for #7, which is ready: #8, ahead of it, is not.
        assert "pull request #8: marketing has not signed off" in run.stdout
        assert "pull request #7" not in run.stdout
        assert "marketing: approve #8 to sign off *Data Export*" in run.summary
        s.repo.branches = {k: v for k, v in s.repo.branches.items() if "queue" not in k}


def test_a_merge_group_rereads_reviews_given_since_it_was_queued(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    sign_off(s)
    branch, head = queue(s, s.pull)
    s.pull.review("mo", "CHANGES_REQUESTED")  # after the pull request entered the queue
    run = run_group(s, branch, TEAM)
    assert run.code == 1
    assert "pull request #7: marketing: mo requested changes" in run.stdout
    assert s.repo.statuses[head][-1].state == "failure"


def test_a_merge_group_is_held_to_the_policy_of_the_base_as_it_is_now(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    sign_off(s)
    # While #7 waited, main started to require legal for every standard launch.
    s.repo.commit({"checklists/standard.yaml": "signoffs: [product, marketing, legal]\n"})
    branch, head = queue(s, s.pull)
    run = run_group(s, branch, TEAM)
    assert run.code == 1
    assert "pull request #7: legal has not signed off: lee must approve" in run.stdout
    assert s.repo.statuses[head][-1].state == "failure"


def test_a_merge_group_event_on_another_branch_is_not_passed(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    payload = merge_group(github, github.url, s.repo, "feature")
    run = run_ci(s.repo, s.workspace(), s.root, payload, "merge_group", "ghs_actions", github.url)
    assert run.code == 2
    assert "is not a merge queue branch" in run.stderr


def test_a_merge_group_holds_the_entries_ahead_of_it_and_no_others(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    second = two_pulls(s)
    sign_off(s)
    second.review("ann", "APPROVED")
    second.review("mo", "APPROVED")
    branch, head = queue(s, second, s.pull)
    # #9 queued behind #7 (not in #7's group), never signed off.
    third_head = s.repo.commit(
        {"launches/team-goals.yaml": manifest("team-goals", day=16)},
        parent=s.pull.base_sha,
        branch="goals",
        author="erin",
    )
    s.repo.add_pull(9, "erin", s.pull.base_sha, third_head, "goals", title="Goals")
    s.repo.commit(
        {"launches/team-goals.yaml": manifest("team-goals", day=16)},
        parent=head,
        branch=f"gh-readonly-queue/main/pr-9-{head}",
    )
    # A queue of another base branch whose name starts the same: none of this group's.
    s.repo.branches[f"gh-readonly-queue/main-2/pr-10-{head}"] = head
    run = run_group(s, branch, TEAM)
    assert run.code == 0, run.everything
    assert s.repo.statuses[head][-1].state == "success"
    assert github.count("GET", r"/pulls/8$") == 1 and github.count("GET", r"/pulls/7$") == 1
    assert github.count("GET", r"/pulls/(9|10)$") == 0
