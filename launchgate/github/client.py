"""The GitHub REST calls `launchgate ci` makes, through PyGithub's requester.

PyGithub brings the token handling, GitHub Enterprise base URLs and GitHub's
rate-limit rules. Calls go by path from `GITHUB_API_URL`, never by the URLs
inside an event payload, and every list is read with `per_page=100`.

Retries are bounded in count and in total time. A write (POST, PATCH) is
retried only when GitHub refused it (a 429, or a 403 for a rate limit: the
write did not happen): after a 5xx or a broken connection it may have
happened, and a second POST would post twice. A refusal without `Retry-After`
waits GitHub's minute for secondary rate limits, or gives up when that is past
the retry budget.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from github import Auth, Github, GithubException
from github.GithubRetry import GithubRetry
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from launchgate.errors import LaunchgateError

# PyGithub prints its retries ("Request PATCH … failed with 403: Forbidden") to stderr at
# INFO; launchgate says in its own words what came of them.
logging.getLogger("github").setLevel(logging.WARNING)

_WRITES = frozenset({"POST", "PATCH"})
_LINK_NEXT = 'rel="next"'
COMPARE_FILES = 300  # GitHub lists at most this many files of a comparison


class GitHubUnavailable(LaunchgateError):
    """GitHub did not answer in time: nothing it would have said can be assumed."""


class Forbidden(LaunchgateError):
    """The token may not do this (a fork's read-only token, or no organisation access)."""


@dataclass(frozen=True)
class Limits:
    tries: int = 5  # per request, the first one included
    backoff: float = 1.0  # seconds; doubles on each retry
    total: float = 120.0  # seconds all retries of one run may wait, rate limits included
    # Seconds to wait after a secondary rate limit that names no time: GitHub asks for at
    # least a minute.
    secondary_wait: float = 60.0


class _Retry(GithubRetry):
    """PyGithub's retry (Retry-After, then x-ratelimit-reset), with a deadline and safe writes."""

    def __init__(self, deadline: float = 0.0, **kwargs: Any) -> None:
        self.deadline = deadline
        super().__init__(**kwargs)

    def new(self, **kwargs: Any) -> _Retry:
        kwargs["deadline"] = self.deadline
        return super().new(**kwargs)

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        if method.upper() in _WRITES and status_code >= 500:
            return False  # the write may have happened
        return super().is_retry(method, status_code, has_retry_after)

    def increment(self, method: str | None = None, *args: Any, **kwargs: Any) -> _Retry:
        error = kwargs.get("error") or (args[2] if len(args) > 2 else None)
        response = kwargs.get("response") or (args[1] if len(args) > 1 else None)
        sent = not isinstance(error, (ConnectTimeoutError, NewConnectionError))
        if method and method.upper() in _WRITES and response is None and error and sent:
            raise error  # a write that may have reached GitHub is never sent again
        return super().increment(method, *args, **kwargs)  # type: ignore[return-value]

    def sleep(self, response: Any = None) -> None:
        retry_after = self.get_retry_after(response) if response is not None else None
        wait = max(retry_after or 0.0, self.get_backoff_time())
        if retry_after is None and getattr(response, "status", None) == 429:
            wait = max(wait, self.secondary_rate_wait)  # "too many", but not for how long
        if time.monotonic() + wait > self.deadline:
            raise GitHubUnavailable(
                "gave up on GitHub: it kept failing or limiting, and the next retry would "
                f"wait {wait:.0f} s, past the retry budget (LAUNCHGATE_RETRY_BUDGET)"
            )
        time.sleep(wait)


@dataclass(frozen=True)
class Review:
    login: str
    state: str  # APPROVED, CHANGES_REQUESTED, DISMISSED, COMMENTED, PENDING
    commit: str
    html_url: str
    submitted_at: str = ""  # ISO 8601, as GitHub gives it


@dataclass(frozen=True)
class PullCommit:
    sha: str
    author: str  # the login GitHub links the commit's author to; "" when it links none
    committer: str  # likewise; "web-flow" for the commits GitHub makes itself
    message: str
    merge: bool  # two parents or more


@dataclass(frozen=True)
class ChangedFile:
    path: str
    status: str  # added, modified, removed, renamed, copied, changed, unchanged
    previous: str | None = None


@dataclass(frozen=True)
class PathCommit:
    sha: str
    # Committed and signed by GitHub itself (web-flow): a merge made by the merge button,
    # which holds nothing the merged pull request did not, unlike a merge pushed by hand.
    by_github: bool = False


@dataclass(frozen=True)
class Comment:
    id: int
    login: str
    body: str


@dataclass(frozen=True)
class Issue:
    number: int
    login: str
    state: str  # open, closed
    body: str


class GitHubClient:
    """The REST calls launchgate makes, through PyGithub's requester, with retries in a budget.

    Each method is one question launchgate asks (a pull request, its files, its
    reviews, a team membership, a file at a commit), answered as plain data;
    `requests` counts the calls, so tests can hold a run to its budget.
    """

    def __init__(
        self, api_url: str, repository: str, token: str, limits: Limits | None = None
    ) -> None:
        self.limits = limits or Limits()
        deadline = time.monotonic() + self.limits.total
        retry = _Retry(
            deadline=deadline,
            total=self.limits.tries - 1,
            backoff_factor=self.limits.backoff,
            secondary_rate_wait=self.limits.secondary_wait,
            max_rate_limit_wait=int(self.limits.total),
            # Any method, PATCH included (urllib3's default list lacks it): is_retry and
            # increment keep writes to refusals. 429 is retried with or without Retry-After.
            allowed_methods=None,
            status_forcelist=[*range(500, 600), 429],
        )
        self._github = Github(
            auth=Auth.Token(token),
            base_url=api_url.rstrip("/"),
            per_page=100,
            retry=retry,
            timeout=30,
            seconds_between_requests=None,
            seconds_between_writes=None,
        )
        self.repo = repository
        self.requests = 0

    # -- reading -----------------------------------------------------------------------

    def file_at(self, path: str, ref: str) -> bytes | None:
        """A file's bytes at a commit, or None when there is no file at that path."""
        try:
            data = self._json("GET", f"/repos/{self.repo}/contents/{_path(path)}", {"ref": ref})
        except NotFound:
            return None
        if not isinstance(data, dict) or data.get("type") != "file":
            return None  # a folder or a submodule is not a policy file
        if data.get("encoding") != "base64":
            raise GitHubUnavailable(f"{path} at {ref[:7]} is too large to read through the API")
        return base64.b64decode(data.get("content") or "")

    def open_pulls(self, head: str | None = None) -> list[dict[str, Any]]:
        """Open pull requests from the branch `head` ("owner:branch", a fork's too), or all."""
        query = {"state": "open", **({"head": head} if head else {})}
        return list(self._pages(f"/repos/{self.repo}/pulls", query))

    def pull(self, number: int) -> dict[str, Any]:
        data = self._json("GET", f"/repos/{self.repo}/pulls/{number}")
        return data if isinstance(data, dict) else {}

    def folder_at(self, path: str, ref: str) -> list[str]:
        """The names in a folder at a commit ([] when there is no such folder)."""
        try:
            data = self._json("GET", f"/repos/{self.repo}/contents/{_path(path)}", {"ref": ref})
        except NotFound:
            return []
        return [str(item.get("name")) for item in data] if isinstance(data, list) else []

    def pull_files(self, number: int) -> list[ChangedFile]:
        return [
            ChangedFile(item["filename"], item["status"], item.get("previous_filename"))
            for item in self._pages(f"/repos/{self.repo}/pulls/{number}/files")
        ]

    def reviews(self, number: int) -> list[Review]:
        """Every review in the order GitHub gives them: oldest first."""
        return [
            Review(
                (item.get("user") or {}).get("login", ""),
                item.get("state", ""),
                item.get("commit_id") or "",
                item.get("html_url", ""),
                item.get("submitted_at") or "",
            )
            for item in self._pages(f"/repos/{self.repo}/pulls/{number}/reviews")
        ]

    def pull_commits(self, number: int) -> list[PullCommit]:
        """The pull request's commits, oldest first; GitHub lists at most 250."""
        found = []
        for item in self._pages(f"/repos/{self.repo}/pulls/{number}/commits"):
            git = item.get("commit") or {}
            found.append(
                PullCommit(
                    str(item.get("sha", "")),
                    str((item.get("author") or {}).get("login", "")),
                    str((item.get("committer") or {}).get("login", "")),
                    str(git.get("message") or ""),
                    len(item.get("parents") or []) > 1,
                )
            )
        return found

    def compare(self, base: str, head: str) -> tuple[str, list[ChangedFile]]:
        """How `head` relates to `base` (ahead, behind, diverged, identical) and what changed."""
        data = self._json("GET", f"/repos/{self.repo}/compare/{base}...{head}", {"per_page": 100})
        files = [
            ChangedFile(f["filename"], f["status"], f.get("previous_filename"))
            for f in data.get("files") or []
        ]
        return data.get("status", ""), files

    def commits_between(self, base: str, head: str, pages: int = 10) -> list[str] | None:
        """The commits in `head` that `base` lacks, oldest first; None past `pages` pages."""
        path = f"/repos/{self.repo}/compare/{base}...{head}"
        shas: list[str] = []
        for page in range(1, pages + 1):
            data = self._json("GET", path, {"per_page": 100, "page": page})
            listed = [str(c["sha"]) for c in data.get("commits") or []]
            shas += listed
            if len(shas) >= int(data.get("total_commits") or 0):
                return shas
            if not listed:
                break
        return None

    def matching_refs(self, prefix: str) -> list[tuple[str, str]]:
        """(ref, commit) of each ref starting with `prefix` (`heads/gh-readonly-queue/`)."""
        data = self._json("GET", f"/repos/{self.repo}/git/matching-refs/{_path(prefix)}")
        return [
            (str(item["ref"]), str((item.get("object") or {}).get("sha", "")))
            for item in (data if isinstance(data, list) else [])
        ]

    def last_commit(self, path: str, ref: str) -> PathCommit | None:
        """The newest commit reachable from `ref` that changed `path` (None: none did)."""
        data = self._json(
            "GET", f"/repos/{self.repo}/commits", {"path": path, "sha": ref, "per_page": 1}
        )
        if not isinstance(data, list) or not data:
            return None
        item = data[0]
        signed = ((item.get("commit") or {}).get("verification") or {}).get("verified") is True
        committer = (item.get("committer") or {}).get("login")
        return PathCommit(str(item["sha"]), by_github=signed and committer == "web-flow")

    def pulls_for_commit(self, sha: str) -> list[dict[str, Any]]:
        """The pull requests GitHub associates with a commit (merged ones, or open ones)."""
        data = self._json("GET", f"/repos/{self.repo}/commits/{sha}/pulls", {"per_page": 100})
        return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []

    def team_membership(self, org: str, team: str, login: str) -> str | None:
        """`active`, `pending`, or None when GitHub says 404: not a member, or, for a token
        that may not see the team, not telling. Forbidden (403) when the token may not ask."""
        try:
            path = f"/orgs/{_path(org)}/teams/{_path(team)}/memberships/{_path(login)}"
            data = self._json("GET", path)
        except NotFound:
            return None
        return str(data.get("state")) if isinstance(data, dict) else None

    def team_visible(self, org: str, team: str) -> bool:
        """Does the team exist for this token? (GitHub answers 404 to both no and hidden.)"""
        try:
            self._json("GET", f"/orgs/{_path(org)}/teams/{_path(team)}")
        except NotFound:
            return False
        return True

    def comments(self, number: int) -> list[Comment]:
        return [
            Comment(item["id"], (item.get("user") or {}).get("login", ""), item.get("body") or "")
            for item in self._pages(f"/repos/{self.repo}/issues/{number}/comments")
        ]

    # -- writing -----------------------------------------------------------------------

    def create_comment(self, number: int, body: str) -> Comment:
        data = self._json(
            "POST", f"/repos/{self.repo}/issues/{number}/comments", body={"body": body}
        )
        return Comment(data["id"], (data.get("user") or {}).get("login", ""), body)

    def edit_comment(self, comment_id: int, body: str) -> None:
        self._json("PATCH", f"/repos/{self.repo}/issues/comments/{comment_id}", body={"body": body})

    def delete_comment(self, comment_id: int) -> None:
        with contextlib.suppress(NotFound):  # another run deleted it first
            self._json("DELETE", f"/repos/{self.repo}/issues/comments/{comment_id}")

    def create_status(self, sha: str, state: str, description: str, target_url: str | None) -> None:
        body: dict[str, Any] = {
            "state": state,
            "context": "launchgate",
            "description": description[:140],
        }
        if target_url:
            body["target_url"] = target_url
        self._json("POST", f"/repos/{self.repo}/statuses/{sha}", body=body)

    # -- transport ---------------------------------------------------------------------

    def _pages(self, path: str, query: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        url: str | None = path
        params: dict[str, Any] | None = {**(query or {}), "per_page": 100}
        while url:
            headers, data = self._request("GET", url, params)
            yield from data if isinstance(data, list) else []
            url, params = _next_link(headers.get("link") or headers.get("Link") or ""), None

    def _json(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
    ) -> Any:
        return self._request(method, path, params, body)[1]

    def _request(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
    ) -> tuple[dict[str, Any], Any]:
        self.requests += 1
        requester = self._github.requester
        try:
            headers, data = requester.requestJsonAndCheck(
                method, path, parameters=params, input=body
            )
        except GithubException as error:
            raise _classify(error, method, path) from None
        except GitHubUnavailable:
            raise
        except Exception as error:  # connection refused, timeouts, retries used up
            raise GitHubUnavailable(
                f"GitHub could not serve {method} {_shown(path)}: {_reason(error)}"
            ) from None
        return headers, data

    # -- issues (the digest's tracking issue) -------------------------------------------

    def issues(self, creator: str, state: str = "all") -> list[Issue]:
        """Issues `creator` opened, oldest first; pull requests (issues too, to GitHub) left out.

        Filtered by creator on GitHub's side: a repository's issues by one
        author are few, its issues are not.
        """
        query = {"creator": creator, "state": state, "sort": "created", "direction": "asc"}
        return [
            _issue(item)
            for item in self._pages(f"/repos/{self.repo}/issues", query)
            if "pull_request" not in item
        ]

    def create_issue(self, title: str, body: str, labels: list[str]) -> Issue:
        data = self._json(
            "POST",
            f"/repos/{self.repo}/issues",
            body={"title": title, "body": body, "labels": labels},
        )
        return _issue(data)

    def edit_issue(
        self,
        number: int,
        body: str | None = None,
        state: str | None = None,
        state_reason: str | None = None,
    ) -> None:
        """Change only what is given (a body, opening or closing it)."""
        fields = {"body": body, "state": state, "state_reason": state_reason}
        changes = {key: value for key, value in fields.items() if value is not None}
        self._json("PATCH", f"/repos/{self.repo}/issues/{number}", body=changes)


class NotFound(LaunchgateError):
    """GitHub answered 404: no such file, commit, pull request (or not visible to the token)."""


def _issue(item: dict[str, Any]) -> Issue:
    return Issue(
        int(item["number"]),
        (item.get("user") or {}).get("login", ""),
        str(item.get("state", "")),
        item.get("body") or "",
    )


def _classify(error: GithubException, method: str, path: str) -> LaunchgateError:
    status = error.status
    message = error.data.get("message") if isinstance(error.data, dict) else None
    where = f"{method} {_shown(path)}"
    if status == 404:
        return NotFound(f"{where}: 404 {message or 'Not Found'}")
    if status == 401:
        return GitHubUnavailable(f"GitHub refused the token (401 {message or 'Bad credentials'})")
    if status == 403 and not _rate_limited(message):
        return Forbidden(f"{where}: 403 {message or 'Forbidden'}")
    wait = getattr(error, "wait", None)  # PyGithub's RateLimitExceededExceedsMaxWait
    if isinstance(wait, (int, float)):
        return GitHubUnavailable(
            f"gave up on GitHub: it limited {where} and asks to wait {wait:.0f} s, past the "
            f"retry budget (LAUNCHGATE_RETRY_BUDGET): {message or 'rate limit exceeded'}"
        )
    return GitHubUnavailable(f"GitHub answered {status} to {where}: {message or 'no message'}")


def _rate_limited(message: str | None) -> bool:
    return bool(message) and "rate limit" in str(message).lower()


def _reason(error: Exception) -> str:
    text = str(error)
    status = re.search(r"too many (\d{3}) error responses", text)
    if status:  # urllib3's words when every try failed
        return f"it answered {status.group(1)} to every try"
    return text if len(text) < 200 else type(error).__name__


def _shown(path: str) -> str:
    return path.split("?", 1)[0]


def _path(segment: str) -> str:
    return quote(segment, safe="/")


def _next_link(header: str) -> str | None:
    for part in header.split(","):
        if _LINK_NEXT in part:
            return part.split(";", 1)[0].strip().strip("<>")
    return None
