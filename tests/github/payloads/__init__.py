"""Real webhook payloads (``<event>.<action>.json``, copied by ``extract.py``), and
``event()``, which fits one to a fake GitHub's scenario for ``GITHUB_EVENT_PATH``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.github.model import Pull, Repo, Review, World
from tests.github.render import Render

HERE = Path(__file__).resolve().parent


def load(event: str, action: str | None = None) -> dict[str, Any]:
    """A fresh copy of GitHub's example, e.g. ``load("pull_request", "opened")``."""
    name = f"{event}.{action}.json" if action else f"{event}.json"
    payload: dict[str, Any] = json.loads((HERE / name).read_text("utf-8"))
    return payload


def event(
    world: World,
    api_url: str,
    pull: Pull,
    event: str,
    action: str,
    *,
    review: Review | None = None,
    before: str | None = None,
    sender: str | None = None,
) -> dict[str, Any]:
    """GitHub's example payload with the scenario's pull request, repository, sender and
    review in it, their URLs on API_URL (``fake.url`` or ``fake.url_ghes``)::

        payload = event(github, github.url, pr, "pull_request_review", "submitted",
                        review=pr.review("bob", "APPROVED"))
        (tmp_path / "event.json").write_text(json.dumps(payload))

    As in real payloads, a review's state is lower case ("approved"), unlike the REST API.
    """
    payload = load(event, action)
    render = Render(world, api_url, "https://github.com")
    repo = pull.repo
    # Only the fields GitHub's example has: a review event's pull request, for one, has no
    # `changed_files`, and a test must not get what a real run would not.
    example = payload.get("pull_request") or {}
    payload["pull_request"] = {k: v for k, v in render.pull(pull).items() if k in example}
    payload["repository"] = render.repo(repo)
    who = sender or (review.user.login if review else pull.user.login)
    payload["sender"] = render.user(world.user(who))
    if "number" in payload:
        payload["number"] = pull.number
    if action == "synchronize":
        parents = repo.commits[pull.head_sha].parents
        payload["before"] = before or (parents[0] if parents else pull.base_sha)
        payload["after"] = pull.head_sha
    if event == "pull_request_review":
        assert review is not None, "a pull_request_review event needs the review"
        body = render.review(pull, review)
        body["state"] = review.state.lower()
        payload["review"] = body
    if "organization" in payload:
        if repo.owner.type == "Organization":
            payload["organization"] |= {"login": repo.owner.login, "id": repo.owner.id}
        else:
            del payload["organization"]
    return payload


def workflow_run(world: World, api_url: str, pull: Pull, run_event: str) -> dict[str, Any]:
    """GitHub's workflow_run example, for a finished run of the launchgate workflow that
    RUN_EVENT ("pull_request", "pull_request_review", "push"…) started on PULL's head."""
    payload = load("workflow_run", "completed")
    render = Render(world, api_url, "https://github.com")
    head_repo = pull.head_repo or pull.repo
    payload["repository"] = render.repo(pull.repo)
    payload["workflow_run"] |= {
        "name": "launchgate",
        "event": run_event,
        "status": "completed",
        "conclusion": "success",
        "head_sha": pull.head_sha,
        "head_branch": pull.head_ref,
        "head_repository": render.repo(head_repo),
        "repository": render.repo(pull.repo),
        # GitHub lists only pull requests from the repository's own branches here
        "pull_requests": [] if pull.head_repo else [_run_pull(render.pull(pull))],
    }
    return payload


def _run_pull(full: dict[str, Any]) -> dict[str, Any]:
    """A pull request as a workflow_run payload lists it: number, URL, the two ends."""

    def end(side: dict[str, Any]) -> dict[str, Any]:
        repo = side["repo"]
        return {
            "ref": side["ref"],
            "sha": side["sha"],
            "repo": {k: repo[k] for k in ("id", "url", "name")},
        }

    return {
        "id": full["id"],
        "number": full["number"],
        "url": full["url"],
        "head": end(full["head"]),
        "base": end(full["base"]),
    }


def merge_group(
    world: World, api_url: str, repo: Repo, head_branch: str, base_branch: str = "main"
) -> dict[str, Any]:
    """GitHub's `merge_group` example (`checks_requested`) for the queue branch HEAD_BRANCH
    (``gh-readonly-queue/main/pr-7-<sha>``) of REPO, grouped on BASE_BRANCH as it is now."""
    payload = load("merge_group", "checks_requested")
    render = Render(world, api_url, "https://github.com")
    head_sha = repo.branches[head_branch]
    commit = repo.commits[head_sha]
    payload["merge_group"] |= {
        "head_sha": head_sha,
        "head_ref": f"refs/heads/{head_branch}",
        "base_sha": repo.branches[base_branch],
        "base_ref": f"refs/heads/{base_branch}",
    }
    payload["merge_group"]["head_commit"] |= {"id": head_sha, "message": commit.message}
    payload["repository"] = render.repo(repo)
    payload["sender"] = render.user(world.user("github-merge-queue[bot]", type="Bot"))
    if "organization" in payload:
        payload["organization"] |= {"login": repo.owner.login, "id": repo.owner.id}
    return payload
