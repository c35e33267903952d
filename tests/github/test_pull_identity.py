"""github/pull_identity.py: which pull request a run is about, by GitHub's own names, and
that no other open pull request (or merge queue branch) shares its commit's status."""

from __future__ import annotations

from typing import Any

import pytest

from launchgate.errors import UsageError
from launchgate.github.client import GitHubClient, Limits
from launchgate.github.event import PullRequestRun, parse_pull_request
from launchgate.github.pull_identity import alone_at, named_pull, refuse_shared
from tests.github.fake import FakeGitHub
from tests.github.model import Repo


def _setup(github: FakeGitHub) -> tuple[Repo, GitHubClient, str]:
    repo = github.add_repo("acme/app")
    base = repo.commit({"README.md": "hello\n"})
    head = repo.commit({"README.md": "hello again\n"}, parent=base, branch="feature")
    repo.add_pull(7, "dana", base, head, "feature")
    client = GitHubClient(github.url, "acme/app", github.token, Limits(tries=1))
    return repo, client, head


def test_pull_requests_at_a_commit_are_counted_once_each() -> None:
    pulls: list[dict[str, Any]] = [
        {"number": 7, "head": {"sha": "a" * 40}},
        {"number": 7, "head": {"sha": "a" * 40}},
        {"number": 8, "head": {"sha": "b" * 40}},
        {"number": "9", "head": {"sha": "a" * 40}},  # not a number GitHub would send
        {"number": 10},
    ]
    assert refuse_shared(pulls, "a" * 40) == [7]
    assert refuse_shared(pulls, "a" * 40, this=7) == [7]
    assert refuse_shared([], "c" * 40) == []


def test_two_pull_requests_at_one_commit_are_refused() -> None:
    pulls = [{"number": 8, "head": {"sha": "a" * 40}}]
    with pytest.raises(UsageError) as refused:
        refuse_shared(pulls, "a" * 40, this=7)
    assert str(refused.value).startswith(
        "pull requests #7, #8 are all at commit aaaaaaa, and GitHub keeps one launchgate "
        "status for a commit"
    )


def test_a_named_pull_request_is_held_to_the_head_it_was_given(github: FakeGitHub) -> None:
    _, client, head = _setup(github)
    pull = named_pull(client, None, 7, head)
    assert pull is not None and (pull.number, pull.author) == (7, "dana")
    with pytest.raises(UsageError, match=r"pull request #7 is at [0-9a-f]{7}, not 0000000"):
        named_pull(client, None, 7, "0" * 40)
    with pytest.raises(UsageError, match="--pull-request needs --head"):
        named_pull(client, None, 7, None)
    assert named_pull(client, None, None, None) is None


def test_a_workflow_run_finds_its_pull_request_by_branch_and_commit(github: FakeGitHub) -> None:
    _, client, head = _setup(github)
    pull = named_pull(client, PullRequestRun(head, "acme:feature"), None, None)
    assert pull is not None and pull.number == 7
    moved_on = PullRequestRun("1" * 40, "acme:feature")
    assert named_pull(client, moved_on, None, None) is None  # pushed to since: nothing to do
    with pytest.raises(UsageError, match="GitHub names no repository for commit"):
        named_pull(client, PullRequestRun(head, None), None, None)


def test_a_success_is_refused_when_another_pull_request_is_at_the_commit(
    github: FakeGitHub,
) -> None:
    repo, client, head = _setup(github)
    pull = parse_pull_request(client.pull(7), "pull request #7")
    alone_at(client, pull)  # alone: nothing said
    repo.add_pull(8, "eve", head_sha=head, head_ref="feature", base_ref="main")
    with pytest.raises(UsageError, match="pull requests #7, #8 are all at commit"):
        alone_at(client, pull)


def test_a_success_is_refused_on_a_merge_queue_branchs_head(github: FakeGitHub) -> None:
    repo, client, head = _setup(github)
    repo.branches[f"gh-readonly-queue/main/pr-9-{head}"] = head
    pull = parse_pull_request(client.pull(7), "pull request #7")
    with pytest.raises(UsageError, match="is the head of the merge queue's gh-readonly-queue/"):
        alone_at(client, pull)
