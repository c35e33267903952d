"""Which pull request a run is about, and that no other one shares its commit's status.

A commit status belongs to the commit, not to a pull request: a run decides
the status of one pull request only when that pull request alone is at the
commit. Pull requests are found by GitHub's own names for the run, so
nothing a fork wrote chooses them.
"""

from __future__ import annotations

from typing import Any

from launchgate.errors import UsageError
from launchgate.github.client import GitHubClient
from launchgate.github.event import PullRequest, PullRequestRun, parse_pull_request
from launchgate.github.merge_group import QUEUE_REFS


def named_pull(
    client: GitHubClient, run: PullRequestRun | None, number: int | None, head: str | None
) -> PullRequest | None:
    """The pull request a workflow_run job follows, or the one `--pull-request` names, read
    from the API and held to its head commit; None when the run's is no longer open there."""
    if run is not None:  # a workflow_run job: the pull request of the run GitHub names
        if run.head_label is None:
            raise UsageError(
                f"GitHub names no repository for commit {run.head_sha[:7]} (was the fork "
                "deleted?): launchgate cannot tell which pull request the run was about"
            )
        number, head = number_at(client, run.head_label, run.head_sha), run.head_sha
    if number is None:
        return None  # the run's pull request is closed, or has moved on
    if not head:
        raise UsageError("--pull-request needs --head: the commit GitHub says it is at")
    pull = parse_pull_request(client.pull(number), f"pull request #{number}")
    if pull.head_sha != head:
        raise UsageError(
            f"pull request #{number} is at {pull.head_sha[:7]}, not {head[:7]}: "
            "launchgate checks only the pull request of the commit it was given"
        )
    return pull


def number_at(client: GitHubClient, head_label: str, head_sha: str) -> int | None:
    """The open pull request from `head_label` whose head is `head_sha`. (A branch opened
    into two bases at once leaves the run's own pull request unknown: refused.)"""
    numbers = refuse_shared(client.open_pulls(head_label), head_sha)
    return numbers[0] if numbers else None


def alone_at(client: GitHubClient, pull: PullRequest) -> None:
    """Refuse a success on a commit that another open pull request is at too.

    Any branch (a fork's too) can be opened at the same commit into another base,
    so a success decided for one (under a laxer base's policy, or with approvals
    given there) would turn the other one green. Read once, before a success only:
    a failure misleads nobody.

    A merge queue's group is decided on its head commit too, by the merge_group run:
    a pull request opened from that commit (anyone who can read the repository may
    open one from a queue branch) is refused as well.
    """
    refuse_shared(client.open_pulls(), pull.head_sha, pull.number)
    for ref, sha in client.matching_refs(QUEUE_REFS):
        if sha == pull.head_sha:
            raise UsageError(
                f"commit {pull.head_sha[:7]} is the head of the merge queue's "
                f"{ref.removeprefix('refs/heads/')}: its launchgate status is the merge "
                "group's, decided when the group is checked, never by a pull request"
            )


def refuse_shared(pulls: list[dict[str, Any]], sha: str, this: int | None = None) -> list[int]:
    """The numbers of PULLS at commit SHA (with `this` one): refused when more than one."""
    numbers = sorted(
        {
            int(item["number"])
            for item in pulls
            if (item.get("head") or {}).get("sha") == sha and isinstance(item.get("number"), int)
        }
        | ({this} if this is not None else set())
    )
    if len(numbers) > 1:
        listed = ", ".join(f"#{number}" for number in numbers)
        raise UsageError(
            f"pull requests {listed} are all at commit {sha[:7]}, and GitHub keeps one "
            "launchgate status for a commit: launchgate cannot decide one without deciding "
            "the others. Close all but one of them"
        )
    return numbers
