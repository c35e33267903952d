"""`launchgate ci`: check a pull request the way a reviewer needs it checked, then publish.

1. Read the event and decide what the run is about: a pull request, a merge
   group, the digest (a `schedule` or `workflow_dispatch` run,
   github/schedule.py), or the workspace alone (any other event).
2. For a pull request or a merge group: set the commit status `pending`, read
   the policy at the base commit, and check (github/pull_run.py).
3. Publish: job summary, annotations and outputs always; the sticky comment and
   the commit status when the token may write.

GitHub failing to answer is exit 2: a launch whose sign-offs could not be read
is never passed, and the commit status and the summary say why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from launchgate.engine import check_loaded
from launchgate.errors import ExitCode, LaunchgateError, UsageError
from launchgate.findings import Severity
from launchgate.github import actions, schedule
from launchgate.github.actions import ActionsEnv
from launchgate.github.client import GitHubClient, GitHubUnavailable, Limits
from launchgate.github.event import PullRequest, pull_request_from, pull_request_run
from launchgate.github.merge_group import MERGE_GROUP, QUEUE_BRANCH, MergeGroup, merge_group_from
from launchgate.github.options import CiOptions
from launchgate.github.outcome import Outcome
from launchgate.github.paths import scope
from launchgate.github.policy import fetch_policy
from launchgate.github.pull_identity import alone_at, named_pull
from launchgate.github.pull_run import Clients, PullRequestCheck
from launchgate.repository import load_repository


def run(environ: Mapping[str, str], options: CiOptions, log: TextIO) -> ExitCode:
    """Check and publish; `options.path` is the folder to check (default: the workspace)."""
    env = ActionsEnv.read(environ, need_event=options.pull_number is None)
    root, prefix = scope(env.workspace, options.path)
    env = replace(env, workspace=root, prefix=prefix)
    try:
        return _run(env, _limits(environ), options, log)
    except LaunchgateError as error:
        # The step fails, and the summary and outputs say why, never "pass".
        from launchgate.github.publish import NotPosted

        if isinstance(error, NotPosted):  # the verdict and counts are written already
            actions.write_summary(env.summary, f"\n### ⛔ launchgate {error}\n")
            actions.write_outputs(env.output, {"status": "fail"})
        else:
            actions.write_summary(env.summary, f"### ⛔ launchgate could not check\n\n{error}\n")
            actions.write_outputs(env.output, {"status": "fail", "errors": "", "warnings": ""})
        raise


def _run(env: ActionsEnv, limits: Limits, options: CiOptions, log: TextIO) -> ExitCode:
    from launchgate.github.publish import Verdict, publish

    client = GitHubClient(env.api_url, env.repository, env.token, limits)
    pull: PullRequest | None
    group: MergeGroup | None = None
    number = options.pull_number
    run = pull_request_run(env.event_name, env.event) if number is None else None
    if run is not None or number is not None:
        try:
            pull = named_pull(client, run, number, options.head)
        except LaunchgateError as error:
            # The commit may carry an earlier run's success (approved, then changes
            # were requested): a run that cannot even find its pull request says so.
            sha = run.head_sha if run is not None else options.head
            if sha:
                Verdict(client, sha, env.run_url, log).error(_short(error))
            raise
        if pull is None and run is not None:
            note = (
                f"no open pull request from {run.head_label} is at {run.head_sha[:7]} "
                "(closed, or pushed to since: the run for its new head checks it)"
            )
            log.write(f"launchgate: {note}; nothing to check\n")
            actions.write_summary(env.summary, f"### launchgate: nothing to check\n\n{note}\n")
            return ExitCode.READY
    elif env.event_name in schedule.SCHEDULED_EVENTS:
        return schedule.run_digest(env, client, options.today, log)
    elif env.event_name == MERGE_GROUP:
        group, pull = merge_group_from(env.event), None
    else:
        pull = pull_request_from(env.event_name, env.event)
    if pull is None and group is None:
        log.write(
            f"launchgate: a {env.event_name} event is about no pull request: checking the "
            "workspace, without sign-offs, comment or status\n"
        )
        outcome = _check_workspace(env.workspace, options.today, options.fail_on)
        publish(env, outcome, None, False, log)
        return ExitCode.NOT_READY if outcome.report.failed else ExitCode.READY
    if pull is not None and not pull.from_fork and pull.head_ref.startswith(QUEUE_BRANCH):
        # Not even `pending`: the status of its commit is the merge group's.
        raise UsageError(
            f"pull request #{pull.number} comes from the merge queue's branch "
            f"{pull.head_ref}: it is not checked, and its commit's status (the merge "
            "group's) is left alone. Close it"
        )
    team_client = (
        GitHubClient(env.api_url, env.repository, env.team_token, limits)
        if env.team_token
        else client
    )
    clients = Clients(client, team_client)
    verdict = Verdict(client, group.head_sha if group else _pull(pull).head_sha, env.run_url, log)
    verdict.pending()
    comment = options.comment
    try:
        if group is not None:
            policy = fetch_policy(client, group.base_sha, env.prefix)
            outcome = PullRequestCheck(env, clients, policy, options).group_outcome(group)
            comment = False  # a merge group is no pull request: its status says it all
        else:
            pull = _pull(pull)
            policy = fetch_policy(client, pull.base_sha, env.prefix)
            outcome = PullRequestCheck(env, clients, policy, options).outcome(pull)
            if not outcome.report.failed and verdict.writable:
                alone_at(client, pull)
        publish(env, outcome, client, comment, log)
    except LaunchgateError as error:
        verdict.error(_short(error))
        raise
    log.write(f"launchgate: {clients.requests} GitHub API requests\n")
    return ExitCode.NOT_READY if outcome.report.failed else ExitCode.READY


def _pull(pull: PullRequest | None) -> PullRequest:
    assert pull is not None  # a pull request event, or --pull-request
    return pull


def _short(error: Exception) -> str:
    """An error in a few words, for a commit status (GitHub keeps 140 characters)."""
    if isinstance(error, GitHubUnavailable):
        return "GitHub did not answer; re-run the job"
    return str(error).split(":", 1)[0]


def _limits(environ: Mapping[str, str]) -> Limits:
    """Retry limits; the environment may shorten them (the tests do)."""
    defaults = Limits()
    try:
        return Limits(
            tries=int(environ.get("LAUNCHGATE_RETRY_TRIES", defaults.tries)),
            backoff=float(environ.get("LAUNCHGATE_RETRY_BACKOFF", defaults.backoff)),
            total=float(environ.get("LAUNCHGATE_RETRY_BUDGET", defaults.total)),
            secondary_wait=float(
                environ.get("LAUNCHGATE_RETRY_SECONDARY_WAIT", defaults.secondary_wait)
            ),
        )
    except ValueError:
        return defaults


def _check_workspace(root: Path, today: dt.date | None, fail_on: Severity) -> Outcome:
    """A run about no pull request: the workspace under its own policy, offline rules only."""
    from launchgate.config import load_config

    config, config_file = load_config(root)
    repo = load_repository(root, config, config_file)
    report = check_loaded(repo, today or config.today(), fail_on)
    return Outcome(report, config=config)
