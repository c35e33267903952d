"""Where a `launchgate ci` result goes: files on the runner first, then GitHub.

The JSON report, job summary, annotations and step outputs need no
permission, so they are written first and always. The sticky comment and the
commit status need a token that may write; a fork's pull request gets a
read-only one, and the log says so instead of failing the run.
"""

from __future__ import annotations

from typing import TextIO

from launchgate.findings import Severity
from launchgate.github import actions, comment
from launchgate.github.actions import ActionsEnv
from launchgate.github.client import Comment, Forbidden, GitHubClient, GitHubUnavailable
from launchgate.github.outcome import Outcome
from launchgate.github.sticky import CommentAuthorMismatch, Sticky
from launchgate.reporters import json_report
from launchgate.reporters.github import annotation_commands, escape_data

_COMMENT = Sticky[Comment](comment.MARKER, lambda c: c.id, "comments", "adds a comment")
FORK_HELP = (
    "a pull request from a fork gets a read-only token; the README's "
    '"Pull requests from forks" section shows the workflow_run pattern that comments on them'
)


def publish(
    env: ActionsEnv,
    outcome: Outcome,
    client: GitHubClient | None,
    comment_on_pr: bool,
    log: TextIO,
) -> None:
    report = outcome.report
    path = env.temp / "launchgate-report.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json_report.render(report), encoding="utf-8")
    actions.write_summary(env.summary, comment.render(outcome, env, with_marker=False))
    for line in annotation_commands(report.findings, env.prefix):
        log.write(line + "\n")
    actions.write_outputs(
        env.output,
        {
            "status": "fail" if report.failed else "pass",
            "errors": str(report.count(Severity.ERROR)),
            "warnings": str(report.count(Severity.WARNING)),
            "report": str(path),
        },
    )
    pull = outcome.pull
    if client is None or pull is None:
        return
    try:
        _post(env, outcome, client, comment_on_pr, log)
    except GitHubUnavailable as error:
        raise NotPosted(f"checked, but the result could not be posted to GitHub: {error}") from None


def _post(
    env: ActionsEnv, outcome: Outcome, client: GitHubClient, comment_on_pr: bool, log: TextIO
) -> None:
    """The sticky comment and the commit status, each left out when the token may not."""
    report, pull = outcome.report, outcome.pull
    assert pull is not None  # publish posts only about a pull request
    if comment_on_pr:
        try:
            upsert_comment(client, pull.number, comment.render(outcome, env), env.comment_author)
        except CommentAuthorMismatch as error:
            log.write(f"::warning title=launchgate::{escape_data(str(error))}\n")
        except Forbidden as error:
            log.write(f"launchgate: no comment posted: the token may not comment ({error}); ")
            log.write(
                f"{FORK_HELP}\n" if pull.from_fork else "give the job `pull-requests: write`\n"
            )
    state = "failure" if report.failed else "success"
    try:
        client.create_status(pull.head_sha, state, comment.status_line(report), env.run_url)
    except Forbidden as error:
        log.write(f"launchgate: no commit status set: the token may not ({error}); ")
        log.write(f"{FORK_HELP}\n" if pull.from_fork else "give the job `statuses: write`\n")


def upsert_comment(client: GitHubClient, number: int, body: str, author: str) -> int:
    """Create or update the one launchgate comment; returns its id.

    Ours is a comment by `author` (the token's identity) whose body carries
    the marker: anyone else's comment with the marker is left alone. The list
    is read right before creating one; if two runs raced and both created
    one, the next run finds both, keeps the oldest and deletes the others.
    """
    keep, extra = _COMMENT.find(client.comments(number), author)
    if keep is None:
        return _COMMENT.made(client.create_comment(number, body), author).id
    if keep.body != body:
        client.edit_comment(keep.id, body)
    for duplicate in extra:
        client.delete_comment(duplicate.id)
    return keep.id


class Verdict:
    """The `launchgate` commit status of one commit while a run decides it.

    `pending` goes up before anything is read, so an earlier `success` never
    outlives a run that then fails; only a decision or `error` replaces it. A
    run that can write nothing at all leaves the `pending`, which branch
    protection treats as not passed.
    """

    def __init__(self, client: GitHubClient, sha: str, url: str | None, log: TextIO) -> None:
        self.client = client
        self.sha = sha
        self.url = url
        self.log = log
        self.writable = True

    def pending(self) -> None:
        try:
            self.client.create_status(self.sha, "pending", "checking the launches…", self.url)
        except Forbidden:
            self.writable = False  # a fork's token: publish says why there is no status
        except GitHubUnavailable as error:
            self.log.write(f"launchgate: could not set the status to pending: {error}\n")

    def error(self, reason: str) -> None:
        """The run gives up: say so on the commit, if GitHub still takes writes."""
        if not self.writable:
            return
        try:
            self.client.create_status(self.sha, "error", f"could not check: {reason}", self.url)
        except (Forbidden, GitHubUnavailable) as error:
            self.log.write(f"launchgate: the status stays pending: {error}\n")


class NotPosted(GitHubUnavailable):
    """The check ran and its files were written; the comment or status was not."""
