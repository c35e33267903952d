"""The pull requests of a merge queue's group, as a `merge_group` event names it.

GitHub's merge queue tests each entry on a branch of its own,
`gh-readonly-queue/<base>/pr-<N>-<sha>`, whose head holds the base branch, the
entries ahead of it in the queue and pull request N. A group is ready to merge
only when every pull request in it is, so each is checked, not only N.

Which pull requests a group holds is read from the queue's own branches: the
entries whose branch head lies between the group's base and head commits
(one request for the queue's branches, one compare for the commits; more pages
only for a group of more than 100 commits). This works whatever the merge
method: a squashed or rebased entry makes commits GitHub links to no pull
request, so asking each commit for its pull request would miss them. Only
GitHub can write to `gh-readonly-queue/` branches, and an extra branch could
only add a pull request to check, never take one away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from launchgate.errors import UsageError
from launchgate.github.client import GitHubClient

MERGE_GROUP = "merge_group"
QUEUE_BRANCH = "gh-readonly-queue/"  # the branches only GitHub's merge queue writes
QUEUE_REFS = f"heads/{QUEUE_BRANCH}"  # every queue's branches, as git/matching-refs takes it
_QUEUE_BRANCH = re.compile(r"gh-readonly-queue/(?P<base>.+)/pr-(?P<number>\d+)-[0-9a-f]{40}")


@dataclass(frozen=True)
class MergeGroup:
    head_sha: str
    head_branch: str  # gh-readonly-queue/<base>/pr-<N>-<sha>
    base_sha: str
    base_branch: str
    number: int  # the pull request that entered the queue last: the group is named for it


def merge_group_from(payload: dict[str, Any]) -> MergeGroup:
    """The merge group of a `merge_group` event (`checks_requested`)."""
    group = payload.get("merge_group")
    if not isinstance(group, dict):
        raise UsageError("the merge_group event payload has no merge_group")
    head_branch = str(group.get("head_ref") or "").removeprefix("refs/heads/")
    base_branch = str(group.get("base_ref") or "").removeprefix("refs/heads/")
    entry = _QUEUE_BRANCH.fullmatch(head_branch)
    head_sha, base_sha = group.get("head_sha"), group.get("base_sha")
    if entry is None or not isinstance(head_sha, str) or not isinstance(base_sha, str):
        raise UsageError(
            f"the merge_group event's branch {head_branch or '(none)'} is not a merge queue "
            "branch (gh-readonly-queue/<base>/pr-<number>-<sha>): launchgate cannot tell "
            "which pull requests it holds"
        )
    return MergeGroup(head_sha, head_branch, base_sha, base_branch, int(entry["number"]))


def group_pulls(client: GitHubClient, group: MergeGroup) -> list[int]:
    """The numbers of the pull requests in the group, in queue order, the last one last."""
    commits = client.commits_between(group.base_sha, group.head_sha)
    if commits is None:
        raise UsageError(
            f"the merge group {group.head_branch} holds more commits than GitHub lists: "
            "launchgate cannot tell which pull requests it holds. Queue fewer at a time"
        )
    inside = set(commits) | {group.head_sha}
    numbers = []
    # No trailing slash: GitHub matches refs by prefix; the pattern keeps this base's only.
    for ref, sha in client.matching_refs(f"heads/gh-readonly-queue/{group.base_branch}"):
        entry = _QUEUE_BRANCH.fullmatch(ref.removeprefix("refs/heads/"))
        if entry is not None and entry["base"] == group.base_branch and sha in inside:
            numbers.append((commits.index(sha) if sha in commits else len(commits), entry))
    found = [int(entry["number"]) for _, entry in sorted(numbers, key=lambda item: item[0])]
    return [n for n in found if n != group.number] + [group.number]
