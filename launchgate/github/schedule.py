"""`launchgate ci` on a `schedule` or `workflow_dispatch` event: the digest and its issue.

A scheduled run is a report, not a gate: it checks no pull request and sets no
status. It reads the workspace (the default branch's checkout, so its config is
the policy: there is no pull request to distrust), writes the digest to the job
summary, the JSON digest to a file and its counts to the step outputs and,
with `digest.issue: true`, keeps one tracking issue up to date:

- ours is an issue by `comment-author` (the token's identity) whose body
  carries the marker; anyone else's issue with the marker is never touched;
- it is created when work is due and there is none, edited only when its body
  changed, reopened when it was closed and work is due again, and closed when
  nothing is due (no issue is opened just to say so);
- if racing runs opened two, the oldest is kept and the others are closed.

Exit 0, overdue work or not; 2 when the config cannot be read or GitHub fails
(the summary says which). A read-only token still gets the summary, and the
log and summary say why no issue was updated.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TextIO
from urllib.parse import quote

from launchgate.config import load_config
from launchgate.due_work import Digest, build
from launchgate.errors import ExitCode
from launchgate.github import actions
from launchgate.github.actions import ActionsEnv
from launchgate.github.client import Forbidden, GitHubClient, GitHubUnavailable, Issue
from launchgate.github.publish import NotPosted
from launchgate.github.sticky import CommentAuthorMismatch, Sticky
from launchgate.reporters.digest import Linker, render_json, render_markdown
from launchgate.reporters.github import escape_data, escape_property
from launchgate.repository import load_repository, skipped_manifests

SCHEDULED_EVENTS = ("schedule", "workflow_dispatch")
MARKER = "<!-- launchgate:digest -->"
TITLE = "Launch digest: overdue and upcoming launch work"
ISSUE_LIMIT = 65_536  # GitHub's limit on an issue body, in characters
_ISSUE = Sticky[Issue](MARKER, lambda i: i.number, "opens issues", "opens another issue")
_SHA = re.compile(r"[0-9a-f]{40}")


@dataclass(frozen=True)
class Synced:
    number: int | None
    what: str  # created, updated, reopened, closed, unchanged, or why there is none


def run_digest(
    env: ActionsEnv, client: GitHubClient, today: dt.date | None, log: TextIO
) -> ExitCode:
    config, config_file = load_config(env.workspace)
    repo = load_repository(env.workspace, config, config_file)
    skipped = skipped_manifests(repo)
    for problem in skipped:
        where = escape_property(env.prefix + problem.file)
        message = escape_data(f"not in the digest: {problem.problem.message}")
        log.write(
            f"::warning file={where},line={problem.problem.line},title=launchgate::{message}\n"
        )
    settings = config.digest
    digest = build(repo.launches, today or config.today(), settings.days, skipped, config)
    body = render_markdown(digest, _linker(env), settings.mention)

    path = env.temp / "launchgate-digest.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_json(digest), encoding="utf-8")
    actions.write_summary(env.summary, body)
    actions.write_outputs(
        env.output, {"overdue": str(digest.overdue), "due": str(digest.due), "report": str(path)}
    )
    log.write(f"launchgate: digest of {digest.launches} launches: {_counts(digest)}\n")
    if not settings.issue:
        log.write("launchgate: no tracking issue (digest.issue is off in the config)\n")
        return ExitCode.READY
    try:
        synced = sync_issue(
            client, _fit(body, env.run_url), not digest.empty, env.comment_author, settings.labels
        )
    except Forbidden as error:
        why = f"the token may not write issues ({error}); give the job `issues: write`"
        log.write(f"launchgate: no tracking issue updated: {why}\n")
        actions.write_summary(env.summary, f"\nNo tracking issue updated: {why}.\n")
        return ExitCode.READY
    except CommentAuthorMismatch as error:
        log.write(f"::warning title=launchgate::{escape_data(str(error))}\n")
        return ExitCode.READY
    except GitHubUnavailable as error:
        raise NotPosted(
            f"wrote the digest, but the tracking issue was not updated: {error}"
        ) from None
    if synced.number is not None:
        actions.write_summary(env.summary, f"\nTracking issue: #{synced.number} ({synced.what}).\n")
    log.write(f"launchgate: tracking issue: {synced.what}; {client.requests} GitHub API requests\n")
    return ExitCode.READY


def sync_issue(
    client: GitHubClient, markdown: str, due: bool, author: str, labels: list[str]
) -> Synced:
    """Bring the one tracking issue in line with the digest, in as few requests as it takes."""
    body = f"{markdown}\n{MARKER}\n"
    keep, extra = _ISSUE.find(client.issues(author), author)
    if keep is None:
        if not due:
            return Synced(None, "none: nothing is due")
        created = _ISSUE.made(client.create_issue(TITLE, body, labels), author)
        return Synced(created.number, "created")
    for duplicate in extra:
        if duplicate.state == "open":
            client.edit_issue(duplicate.number, state="closed", state_reason="duplicate")
    if not due:
        if keep.state == "closed":
            return Synced(keep.number, "closed; nothing is due")
        client.edit_issue(keep.number, body=body, state="closed", state_reason="completed")
        return Synced(keep.number, "closed: nothing is due")
    reopen = keep.state != "open"
    if keep.body == body and not reopen:
        return Synced(keep.number, "unchanged")
    client.edit_issue(
        keep.number, body=body if keep.body != body else None, state="open" if reopen else None
    )
    return Synced(keep.number, "reopened" if reopen else "updated")


def _linker(env: ActionsEnv) -> Linker | None:
    """Links to the manifest lines at the commit the run read, when it is known."""
    if env.sha is None or not _SHA.fullmatch(env.sha):
        return None
    base = f"{env.server_url}/{env.repository}/blob/{env.sha}/"

    def link(file: str, line: int) -> str:
        return f"{base}{quote(env.prefix + file)}#L{line}"

    return link


def _fit(markdown: str, run_url: str | None) -> str:
    """The digest cut at a line to fit an issue body, pointing at the job summary for the rest."""
    room = ISSUE_LIMIT - len(MARKER) - 200
    if len(markdown) <= room:
        return markdown
    where = f"the [job summary]({run_url})" if run_url else "the job summary"
    kept = markdown[:room].rsplit("\n", 1)[0]
    return f"{kept}\n\n*…more than fits in an issue: {where} has all of it.*\n"


def _counts(digest: Digest) -> str:
    return f"{digest.overdue} overdue, {digest.due} due by {digest.until.isoformat()}"
