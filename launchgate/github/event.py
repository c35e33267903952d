"""The pull request an Actions event is about, read from its payload.

`pull_request` and `pull_request_review` payloads both carry the pull request;
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
