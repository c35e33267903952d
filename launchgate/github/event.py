"""The pull request an Actions event is about, read from its payload.

`pull_request` and `pull_request_review` payloads both carry the pull request; a
`workflow_run` payload about such a run names its head commit and branch;
only what GitHub itself sets is read (numbers, commits, logins), and every
API call is made by path, so nothing in the payload chooses where a request goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from launchgate.errors import UsageError

PULL_REQUEST_EVENTS = ("pull_request", "pull_request_review")


@dataclass(frozen=True)
class PullRequest:
    number: int
    author: str
    head_sha: str
    head_ref: str
    base_sha: str
    base_ref: str
    title: str
    labels: tuple[str, ...]
    from_fork: bool
    changed_files: int | None = None  # as GitHub counts them, to know the file list is whole
    milestone_due: str | None = None  # ISO date: a release pull request's target day


def pull_request_from(event_name: str, payload: dict[str, Any]) -> PullRequest | None:
    """The event's pull request, or None for an event that is about none."""
    if event_name == "pull_request_target":
        raise UsageError(
            "launchgate ci does not run on pull_request_target: its checkout is the base "
            "branch, not the changes to check. Use pull_request (and, to comment on forks, "
            "the workflow_run pattern in the README)"
        )
    if event_name not in PULL_REQUEST_EVENTS:
        return None
    pr = payload.get("pull_request")
    if not isinstance(pr, dict):
        raise UsageError(f"the {event_name} event payload has no pull_request")
    return parse_pull_request(pr, f"the {event_name} event payload")


@dataclass(frozen=True)
class PullRequestRun:
    """A `workflow_run` event about a finished pull_request or pull_request_review run:
    the commit GitHub ran it on and the branch it came from ("owner:branch")."""

    head_sha: str
    head_label: str | None  # None when GitHub names no head repository (a deleted fork)


def pull_request_run(event_name: str, payload: dict[str, Any]) -> PullRequestRun | None:
    """The pull-request run a `workflow_run` event is about, or None for any other run.

    A fork's pull request is not in the payload's `pull_requests` (GitHub lists only
    the repository's own branches there), so it is found by its head branch and commit.
    """
    run = payload.get("workflow_run") if event_name == "workflow_run" else None
    if not isinstance(run, dict) or run.get("event") not in PULL_REQUEST_EVENTS:
        return None
    owner = ((run.get("head_repository") or {}).get("owner") or {}).get("login")
    sha, branch = run.get("head_sha"), run.get("head_branch")
    if not isinstance(sha, str):
        raise UsageError("the workflow_run event payload names no head commit")
    # Without the head's owner and branch the pull request cannot be found; the run
    # still knows the commit, so it can say on it that it could not decide.
    label = f"{owner}:{branch}" if isinstance(owner, str) and isinstance(branch, str) else None
    return PullRequestRun(sha, label)


def parse_pull_request(pr: dict[str, Any], source: str) -> PullRequest:
    """A pull request object as GitHub's API and webhooks give it."""
    try:
        head, base = pr["head"], pr["base"]
        head_repo = (head.get("repo") or {}).get("full_name")
        base_repo = (base.get("repo") or {}).get("full_name")
        return PullRequest(
            number=int(pr["number"]),
            author=str((pr.get("user") or {}).get("login", "")),
            head_sha=str(head["sha"]),
            head_ref=str(head.get("ref", "")),
            base_sha=str(base["sha"]),
            base_ref=str(base.get("ref", "")),
            title=str(pr.get("title") or ""),
            labels=tuple(str(label.get("name", "")) for label in pr.get("labels") or []),
            from_fork=head_repo is not None and head_repo != base_repo,
            changed_files=int(pr["changed_files"]) if "changed_files" in pr else None,
            milestone_due=_due(pr.get("milestone")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise UsageError(f"{source} is not a pull request: {error}") from None


def _due(milestone: Any) -> str | None:
    """A milestone's due day (GitHub gives a date-time), when it is set and well formed."""
    due = milestone.get("due_on") if isinstance(milestone, dict) else None
    if not isinstance(due, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", due):
        return None
    return due[:10]
