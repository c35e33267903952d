"""github/pull_run.py: one pull request checked against the base commit's policy, its
launches' sign-offs read from GitHub, and the findings the run adds to the offline check."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from launchgate.errors import UsageError
from launchgate.findings import Severity
from launchgate.github.actions import ActionsEnv
from launchgate.github.client import ChangedFile, GitHubClient, Limits
from launchgate.github.event import PullRequest, parse_pull_request
from launchgate.github.options import CiOptions
from launchgate.github.outcome import Outcome
from launchgate.github.policy import fetch_policy
from launchgate.github.pull_run import (
    Clients,
    PullRequestCheck,
    changed_launches,
    shipped_unchanged,
)
from launchgate.release_target import ReleaseTarget
from launchgate.repository import load_files
from tests.github.fake import FakeGitHub
from tests.github.model import Pull
from tests.github.test_ci import BASE, SMART, TODAY, checkout, manifest

OPTIONS = CiOptions(today=dt.date.fromisoformat(TODAY), fail_on=Severity.ERROR)


def _check(
    github: FakeGitHub, tmp_path: Path, changes: dict[str, str], labels: tuple[str, ...] = ()
) -> tuple[PullRequestCheck, PullRequest, Pull]:
    repo = github.add_repo("acme/app")
    github.team("acme", "marketing", {"mo": "active"})
    base = repo.commit(dict(BASE))
    head = repo.commit(dict(changes), parent=base, branch="feature", author="dana")
    pull = repo.add_pull(7, "dana", base, head, "feature", labels=labels)
    client = GitHubClient(github.url, "acme/app", github.token, Limits(tries=1))
    teams = GitHubClient(github.url, "acme/app", "ghp_maintainer", Limits(tries=1))
    env = ActionsEnv(
        event_name="pull_request",
        event={},
        repository="acme/app",
        api_url=github.url,
        server_url="https://github.com",
        token=github.token,
        team_token="ghp_maintainer",
        workspace=checkout(repo, head, tmp_path),
        summary=None,
        output=None,
        run_url=None,
        temp=tmp_path,
    )
    policy = fetch_policy(client, base)
    check = PullRequestCheck(env, Clients(client, teams), policy, OPTIONS)
    return check, parse_pull_request(client.pull(7), "pull request #7"), pull


def _states(outcome: Outcome) -> dict[str, dict[str, str]]:
    return {
        entry.launch.file: {state.role: state.state for state in entry.roles}
        for entry in outcome.signoffs
    }


def test_a_changed_launch_needs_its_roles_signed(github: FakeGitHub, tmp_path: Path) -> None:
    check, pull, fake_pull = _check(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    fake_pull.review("ann", "APPROVED")
    outcome = check.outcome(pull)
    assert _states(outcome) == {SMART: {"product": "signed", "marketing": "missing"}}
    (missing,) = [f for f in outcome.report.findings if f.rule == "signoff-missing"]
    # At the checklist the roles come from, for the launch.
    assert (missing.file, missing.line, missing.launch) == (SMART, 3, "smart-reports")
    assert missing.message.startswith("marketing has not signed off")
    assert outcome.report.failed
    assert (outcome.policy_commit, outcome.policy_ref) == (pull.base_sha, "main")
    assert [launch.file for launch in outcome.timeline_launches] == [SMART]


def test_the_offline_unverified_notice_gives_way_to_the_verified_state(
    github: FakeGitHub, tmp_path: Path
) -> None:
    check, pull, fake_pull = _check(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    fake_pull.review("ann", "APPROVED")
    fake_pull.review("mo", "APPROVED")
    outcome = check.outcome(pull)
    assert _states(outcome) == {SMART: {"product": "signed", "marketing": "signed"}}
    rules = {finding.rule for finding in outcome.report.findings}
    assert not rules & {"signoff-unverified", "signoff-missing"}
    assert not outcome.report.failed


def test_in_a_merge_group_a_signoff_finding_names_its_pull_request(
    github: FakeGitHub, tmp_path: Path
) -> None:
    check, pull, _ = _check(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    findings = check.outcome(pull, in_group=True).report.findings
    signoffs = [f for f in findings if f.rule.startswith("signoff-")]
    assert len(signoffs) == 2
    assert all(f.message.startswith(f"pull request #{pull.number}: ") for f in signoffs)
    assert not any(f.message.startswith("pull request #") for f in findings if f not in signoffs)


def test_a_release_pull_request_without_a_version_is_a_finding_on_the_config(
    github: FakeGitHub, tmp_path: Path
) -> None:
    check, pull, _ = _check(github, tmp_path, {"README.md": "notes\n"}, labels=("release",))
    outcome = check.outcome(pull)
    (mismatch,) = [f for f in outcome.report.findings if f.rule == "release-mismatch"]
    assert (mismatch.file, mismatch.line, mismatch.column) == (".launchgate.yml", 1, 1)
    assert "neither its branch nor its title names a version" in mismatch.message
    assert outcome.signoffs == []


def test_a_file_list_github_cut_short_is_refused(github: FakeGitHub, tmp_path: Path) -> None:
    check, pull, _ = _check(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    with pytest.raises(UsageError, match="changes 300 files and GitHub lists only 1"):
        check.outcome(replace(pull, changed_files=300))


def test_requests_are_counted_once_per_client(github: FakeGitHub) -> None:
    one = GitHubClient(github.url, "acme/app", github.token, Limits(tries=1))
    other = GitHubClient(github.url, "acme/app", "ghp_maintainer", Limits(tries=1))
    one.requests, other.requests = 3, 4
    assert Clients(one, one).requests == 3
    assert Clients(one, other).requests == 7


def test_changed_launches_have_their_base_path(tmp_path: Path) -> None:
    files = {path: text.encode() for path, text in BASE.items()}
    files["launches/new.yaml"] = manifest("new-one").encode()
    repo = load_files(files, tmp_path)
    changes = [
        ChangedFile(SMART, "modified"),
        ChangedFile("launches/new.yaml", "added"),
        ChangedFile("launches/data-export.yaml", "renamed", previous="launches/old.yaml"),
        ChangedFile("launches/team-goals.yaml", "removed"),  # gone from the head: no launch
        ChangedFile("README.md", "modified"),
    ]
    changed = [(launch.file, previous) for launch, previous in changed_launches(repo, changes)]
    assert changed == [
        (SMART, SMART),
        ("launches/new.yaml", None),
        ("launches/data-export.yaml", "launches/old.yaml"),
    ]


def test_a_release_ships_the_launches_it_does_not_change(tmp_path: Path) -> None:
    repo = load_files({path: text.encode() for path, text in BASE.items()}, tmp_path)
    changed = changed_launches(repo, [ChangedFile(SMART, "modified")])
    assert shipped_unchanged(repo, None, changed) == []
    target = ReleaseTarget("4.2.0", why="branch release/4.2.0")
    shipped = [launch.file for launch in shipped_unchanged(repo, target, changed)]
    assert shipped == ["launches/data-export.yaml", "launches/team-goals.yaml"]
