"""`launchgate ci`: check a pull request the way a reviewer needs it checked, then publish.

1. Read the event; for a pull request, read the policy at the base commit.
2. Check the workspace's manifests against that policy (every offline rule).
3. Verify the sign-offs of each launch whose manifest the pull request changes.
4. Publish: job summary, annotations and outputs always; the sticky comment and
   the commit status when the token may write.

GitHub failing to answer is exit 2: a launch whose sign-offs could not be read
is never passed. A `merge_group` run checks every pull request of the queue's
group (github/merge_group.py) and sets the status of the group's head. A
`schedule` or `workflow_dispatch` run writes the digest instead
(github/schedule.py); any other event checks the workspace only.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import tempfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any, TextIO

from launchgate.config import Config, config_name
from launchgate.engine import Supplied, check_loaded
from launchgate.errors import ExitCode, LaunchgateError, UsageError
from launchgate.findings import Finding, Severity
from launchgate.github import actions, schedule
from launchgate.github.actions import ActionsEnv
from launchgate.github.approvals import SignoffCheck
from launchgate.github.caches import ChangesSince, TeamMemberships, within
from launchgate.github.client import (
    ChangedFile,
    GitHubClient,
    GitHubUnavailable,
    Limits,
)
from launchgate.github.contributors import PullContributors
from launchgate.github.event import (
    PullRequest,
    PullRequestRun,
    parse_pull_request,
    pull_request_from,
    pull_request_run,
)
from launchgate.github.merge_group import (
    MERGE_GROUP,
    QUEUE_BRANCH,
    QUEUE_REFS,
    MergeGroup,
    group_pulls,
    merge_group_from,
)
from launchgate.github.outcome import LaunchSignoffs, Outcome
from launchgate.github.policy import BasePolicy, fetch_policy, policy_changes
from launchgate.github.provenance import ProvenanceFinder, release_role_states
from launchgate.launch import Launch
from launchgate.loader import Problem, bulk_loading, read_document, read_documents
from launchgate.release_target import ReleaseTarget, in_release, pull_request_release
from launchgate.repository import (
    LoadProblem,
    Repository,
    add_launches,
    load_repository,
    open_repository,
)


def run(
    environ: Mapping[str, str],
    path: str | None,
    today: dt.date | None,
    fail_on: Severity,
    comment: bool,
    log: TextIO,
    pull_number: int | None = None,
    head: str | None = None,
) -> ExitCode:
    """Check and publish; `path` is the folder to check (default: the workspace).

    `pull_number` names the pull request instead of the event (a `workflow_run`
    job commenting on a fork's pull request); it is read from the API, and
    `head` must be its head commit, so a forged number cannot redirect the run.
    """
    env = ActionsEnv.read(environ, need_event=pull_number is None)
    root, prefix = _scope(env.workspace, path)
    env = replace(env, workspace=root, prefix=prefix)
    try:
        return _run(env, _limits(environ), today, fail_on, comment, log, pull_number, head)
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


def _run(
    env: ActionsEnv,
    limits: Limits,
    today: dt.date | None,
    fail_on: Severity,
    comment: bool,
    log: TextIO,
    pull_number: int | None,
    head: str | None,
) -> ExitCode:
    from launchgate.github.publish import Verdict, publish

    client = GitHubClient(env.api_url, env.repository, env.token, limits)
    pull: PullRequest | None
    group: MergeGroup | None = None
    run = pull_request_run(env.event_name, env.event) if pull_number is None else None
    if run is not None or pull_number is not None:
        try:
            pull = _named_pull(client, run, pull_number, head)
        except LaunchgateError as error:
            # The commit may carry an earlier run's success (approved, then changes
            # were requested): a run that cannot even find its pull request says so.
            sha = run.head_sha if run is not None else head
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
        return schedule.run_digest(env, client, today, log)
    elif env.event_name == MERGE_GROUP:
        group, pull = merge_group_from(env.event), None
    else:
        pull = pull_request_from(env.event_name, env.event)
    if pull is None and group is None:
        log.write(
            f"launchgate: a {env.event_name} event is about no pull request: checking the "
            "workspace, without sign-offs, comment or status\n"
        )
        outcome = _check_workspace(env.workspace, today, fail_on)
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
    clients = (client, team_client)
    verdict = Verdict(client, group.head_sha if group else _sha(pull), env.run_url, log)
    verdict.pending()
    try:
        with tempfile.TemporaryDirectory(prefix="launchgate-policy-") as folder:
            if group is not None:
                policy = fetch_policy(client, group.base_sha, Path(folder), env.prefix)
                outcome = _check_group(env, group, policy, clients, today, fail_on)
                comment = False  # a merge group is no pull request: its status says it all
            else:
                pull = _pull(pull)
                policy = fetch_policy(client, pull.base_sha, Path(folder), env.prefix)
                outcome = _check_pull(env, pull, policy, client, team_client, today, fail_on)
                if not outcome.report.failed and verdict.writable:
                    _alone_at(client, pull)
        publish(env, outcome, client, comment, log)
    except LaunchgateError as error:
        verdict.error(_short(error))
        raise
    requests = client.requests + (team_client.requests if team_client is not client else 0)
    log.write(f"launchgate: {requests} GitHub API requests\n")
    return ExitCode.NOT_READY if outcome.report.failed else ExitCode.READY


def _named_pull(
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
        number, head = _number_at(client, run.head_label, run.head_sha), run.head_sha
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


def _sha(pull: PullRequest | None) -> str:
    return _pull(pull).head_sha


def _pull(pull: PullRequest | None) -> PullRequest:
    assert pull is not None  # a pull request event, or --pull-request
    return pull


def _check_group(
    env: ActionsEnv,
    group: MergeGroup,
    policy: BasePolicy,
    clients: tuple[GitHubClient, GitHubClient],
    today: dt.date | None,
    fail_on: Severity,
) -> Outcome:
    """Every pull request of a merge group, checked as it stands now, as one outcome.

    The workspace is the group's head; each pull request is held to the policy at
    the group's base (the base branch may have moved since it was reviewed), and
    its own changes, reviews and author decide its sign-offs. A sign-off finding
    names its pull request: the group fails when any one of them is not ready.
    """
    client, team_client = clients
    findings: list[Finding] = []
    signoffs: list[LaunchSignoffs] = []
    outcome = None
    for number in group_pulls(client, group):
        pull = parse_pull_request(client.pull(number), f"pull request #{number}")
        pull = replace(pull, base_sha=group.base_sha, base_ref=group.base_branch)
        outcome = _check_pull(env, pull, policy, client, team_client, today, fail_on, True)
        for finding in outcome.report.findings:
            if finding not in findings:  # each check holds the group's offline findings
                findings.append(finding)
        signoffs += outcome.signoffs
    assert outcome is not None  # a group holds at least the pull request it is named for
    report = replace(outcome.report, findings=findings, fail_on=fail_on)
    head = replace(
        _pull(outcome.pull), head_sha=group.head_sha, head_ref=group.head_branch, from_fork=False
    )
    return replace(
        outcome,
        report=report,
        pull=head,
        signoffs=signoffs,
        timeline_launches=list({e.launch.file: e.launch for e in signoffs}.values()),
    )


def _short(error: Exception) -> str:
    """An error in a few words, for a commit status (GitHub keeps 140 characters)."""
    if isinstance(error, GitHubUnavailable):
        return "GitHub did not answer; re-run the job"
    return str(error).split(":", 1)[0]


def _number_at(client: GitHubClient, head_label: str, head_sha: str) -> int | None:
    """The open pull request from `head_label` whose head is `head_sha`: found by GitHub's
    own names for the run, so nothing a fork wrote chooses it. (A branch opened into two
    bases at once leaves the run's own pull request unknown: refused.)"""
    numbers = _refuse_shared(client.open_pulls(head_label), head_sha)
    return numbers[0] if numbers else None


def _alone_at(client: GitHubClient, pull: PullRequest) -> None:
    """Refuse a success on a commit that another open pull request is at too.

    The status belongs to the commit, not to a pull request: any branch (a fork's too)
    can be opened at the same commit into another base, so a success decided for one
    (under a laxer base's policy, or with approvals given there) would turn the other
    one green. Read once, before a success only: a failure misleads nobody.

    A merge queue's group is decided on its head commit too, by the merge_group run:
    a pull request opened from that commit (anyone who can read the repository may
    open one from a queue branch) is refused as well."""
    _refuse_shared(client.open_pulls(), pull.head_sha, pull.number)
    for ref, sha in client.matching_refs(QUEUE_REFS):
        if sha == pull.head_sha:
            raise UsageError(
                f"commit {pull.head_sha[:7]} is the head of the merge queue's "
                f"{ref.removeprefix('refs/heads/')}: its launchgate status is the merge "
                "group's, decided when the group is checked, never by a pull request"
            )


def _refuse_shared(pulls: list[dict[str, Any]], sha: str, this: int | None = None) -> list[int]:
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


def _scope(workspace: Path, path: str | None) -> tuple[Path, str]:
    """The folder to check, and where it sits in the repository ("" or "sub/dir/")."""
    if not path:
        return workspace, ""
    root = (workspace / path).resolve()
    if not root.is_dir():
        raise UsageError(f"{path}: no such directory")
    link = None if Path(path).is_absolute() else _first_link(workspace, Path(path).as_posix())
    if link is not None:
        raise UsageError(f"{path} goes through a symbolic link ({link}); name the folder itself")
    try:
        relative = root.relative_to(workspace.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{path} is outside the workspace {workspace}") from None
    return root, "" if relative == "." else relative + "/"


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
    from launchgate.config import load_config

    config, config_file = load_config(root)
    repo = load_repository(root, config, config_file)
    report = check_loaded(repo, today or config.today(), fail_on)
    return Outcome(report, config=config)


def _check_pull(
    env: ActionsEnv,
    pull: PullRequest,
    policy: BasePolicy,
    client: GitHubClient,
    team_client: GitHubClient,
    today: dt.date | None,
    fail_on: Severity,
    in_group: bool = False,
) -> Outcome:
    config = policy.config
    # Files are listed by the base's patterns and the pull request's: a pull request
    # that adds a pattern still has the launches it brings in checked.
    patterns = _manifest_patterns(config, env.workspace)
    repo = open_repository(
        env.workspace,
        config.model_copy(update={"manifests": patterns}),
        policy.config_file,
        policy_root=policy.root,
        checklists=policy.checklists,
    )
    _refuse_links(repo)
    with bulk_loading():
        add_launches(repo, read_documents(repo.files, config.max_file_size))
    release = pull_request_release(
        pull.head_ref, pull.title, pull.labels, pull.milestone_due, config
    )
    target = release if isinstance(release, ReleaseTarget) else None

    everywhere = _whole_file_list(client, pull)
    files = within(everywhere, env.prefix)
    changed = _changed_launches(repo, files)
    moved = _removed_roles(files, patterns, policy, client, pull.base_sha, env.prefix)
    shipped = _shipped_unchanged(repo, target, changed)
    config_file = config_name(policy.config_file)
    memberships = TeamMemberships(team_client, trusted_404=team_client is not client)
    since = ChangesSince(client, pull.head_sha, env.prefix)
    checker = SignoffCheck(
        config=config,
        config_file=config_file,
        author=pull.author,
        head_sha=pull.head_sha,
        reviews=client.reviews(pull.number) if changed or shipped else [],
        membership=memberships,
        changes_since=since,
        unknown_why=since.why_unknown,
        unseen_teams=memberships.unseen,
        contributors=PullContributors(client, pull.number),
    )
    signoffs = []
    # In a merge group, each pull request's reviewers sign off on its own change.
    group_pull = (pull.number, pull.author) if in_group else None
    for launch, previous in changed:
        roles = _required_roles(launch, previous, policy, client, pull.base_sha, env.prefix)
        roles += [role for role in moved.get(launch.manifest.id, []) if role not in roles]
        launch_files = _launch_files(launch, previous, env.workspace)
        signoffs.append(
            LaunchSignoffs(
                launch,
                [checker.role_state(role, launch_files) for role in roles],
                group_pull,
            )
        )
    released = _release_signoffs(shipped, env, pull, client, checker, memberships)
    signoffs += [replace(entry, group_pull=group_pull) for entry in released]
    # The policy's checklists, read for the workspace's manifests and the base's.
    repo.problems += policy.checklists.problems
    supplied = Supplied(release=release, signoffs=signoffs)
    report = check_loaded(repo, today or config.today(), fail_on, supplied)
    return Outcome(
        report,
        pull,
        signoffs,
        policy_commit=pull.base_sha,
        policy_ref=pull.base_ref,
        policy_changes=policy_changes(config, policy.config_file, files),
        config=config,
        timeline_launches=[entry.launch for entry in signoffs],
    )


def _whole_file_list(client: GitHubClient, pull: PullRequest) -> list[ChangedFile]:
    """The pull request's changed files, refused when GitHub lists fewer than it changes."""
    everywhere = client.pull_files(pull.number)
    count = pull.changed_files
    if count is None:  # a review event's payload does not count them: ask GitHub
        count = parse_pull_request(
            client.pull(pull.number), f"pull request #{pull.number}"
        ).changed_files
    if count is None:
        raise UsageError(
            f"GitHub did not say how many files pull request #{pull.number} changes: "
            "launchgate cannot tell whether it sees them all. Re-run the job"
        )
    if len(everywhere) < count:
        raise UsageError(
            f"the pull request changes {count} files and GitHub lists only "
            f"{len(everywhere)}: launchgate cannot tell which launches it changes. "
            "Split it, or change launches in a pull request of their own"
        )
    return everywhere


def _shipped_unchanged(
    repo: Repository, target: ReleaseTarget | None, changed: list[tuple[Launch, str | None]]
) -> list[Launch]:
    """The launches a release pull request ships without changing their manifests."""
    if target is None:
        return []
    touched = {launch.file for launch, _ in changed}
    return [
        launch for launch in in_release(repo.launches, target.version) if launch.file not in touched
    ]


def _release_signoffs(
    shipped: list[Launch],
    env: ActionsEnv,
    pull: PullRequest,
    client: GitHubClient,
    checker: SignoffCheck,
    memberships: TeamMemberships,
) -> list[LaunchSignoffs]:
    """Sign-offs of the launches a release ships unchanged: their provenance's, or this PR's."""
    finder = ProvenanceFinder(client, pull.base_sha, pull.base_ref, pull.head_sha)
    # One lookup per provenance head, shared by the launches one pull request brought,
    # so each reviewed commit is compared once, not once a launch.
    compares: dict[str, ChangesSince] = {}

    def since(head: str) -> ChangesSince:
        return compares.setdefault(head, ChangesSince(client, head, env.prefix))

    entries = []
    for launch in shipped:
        content = (env.workspace / launch.file).read_bytes()
        provenance = finder.find(env.prefix + launch.file, content)
        states = release_role_states(
            launch.required_roles,
            _launch_files(launch, None, env.workspace),
            provenance,
            finder.reviews(provenance),
            finder.contributors(provenance),
            checker,
            checker.config,
            checker.config_file,
            memberships,
            since,
            launch.file,
            pull.base_ref,
        )
        entries.append(LaunchSignoffs(launch, states, provenance=provenance))
    return entries


def _changed_launches(
    repo: Repository, files: list[ChangedFile]
) -> list[tuple[Launch, str | None]]:
    """Launches whose manifest the pull request adds or changes, with the manifest's base path."""
    by_path = {launch.file: launch for launch in repo.launches}
    changed = []
    for change in files:
        launch = by_path.get(change.path)
        if launch is None or change.status == "removed":
            continue
        previous = None if change.status == "added" else (change.previous or change.path)
        changed.append((launch, previous))
    return changed


def _required_roles(
    launch: Launch,
    previous: str | None,
    policy: BasePolicy,
    client: GitHubClient,
    base_sha: str,
    prefix: str,
) -> list[str]:
    """The head manifest's roles and the base manifest's: a pull request cannot drop one."""
    roles = list(launch.required_roles)
    if previous is None:
        return roles
    data = client.file_at(prefix + previous, base_sha)
    if data is None:
        return roles
    return roles + [
        r for r in _roles_of(_base_manifest(data, previous, policy), policy) if r not in roles
    ]


def _removed_roles(
    files: list[ChangedFile],
    patterns: list[str],
    policy: BasePolicy,
    client: GitHubClient,
    base_sha: str,
    prefix: str,
) -> dict[str, list[str]]:
    """Launch id -> the roles of manifests the pull request removes.

    Deleting a manifest and adding one with the same id elsewhere is no rename to
    GitHub, and must not drop the roles the old one asked for.
    """
    matchers = [_glob_regex(pattern) for pattern in patterns]
    roles: dict[str, list[str]] = {}
    for change in files:
        if change.status != "removed" or not any(m.fullmatch(change.path) for m in matchers):
            continue
        data = client.file_at(prefix + change.path, base_sha)
        base = _base_manifest(data, change.path, policy) if data is not None else {}
        launch_id = base.get("id")
        if isinstance(launch_id, str):
            known = roles.setdefault(launch_id, [])
            known += [role for role in _roles_of(base, policy) if role not in known]
    return roles


def _roles_of(base: dict[str, Any], policy: BasePolicy) -> list[str]:
    """The roles a base manifest (read as data) requires: its checklist's, then its own."""
    roles: list[str] = []
    checklist = base.get("checklist")
    if isinstance(checklist, str):
        listed = policy.checklists.get(checklist)
        roles += list(listed.signoffs) if listed else []
    own = base.get("signoffs")
    if isinstance(own, list):
        roles += [role for role in own if isinstance(role, str) and role not in roles]
    return roles


def _manifest_patterns(config: Config, root: Path) -> list[str]:
    """The base config's manifest patterns, then any the workspace's config adds."""
    from launchgate.config import load_config

    try:
        head, _ = load_config(root)
    except LaunchgateError:
        return config.manifests  # a broken config in the pull request adds nothing
    return config.manifests + [p for p in head.manifests if p not in config.manifests]


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A manifests pattern (`launches/**/*.yaml`) as a regex over repository paths."""
    parts = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            parts.append(".*")
            index += 2
        else:
            char = pattern[index]
            parts.append("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char))
            index += 1
    return re.compile("".join(parts))


def _refuse_links(repo: Repository) -> None:
    """A manifest reached through a symbolic link is a problem, not a launch.

    In a pull request a link can make one file look like another: GitHub lists
    the link and its target as different paths, and the sign-off check goes by
    path. So `launchgate ci` follows no link, inside the repository or not.
    """
    kept = []
    for path, shown in repo.files:
        link = _first_link(repo.root, shown)
        if link is None:
            kept.append((path, shown))
        else:
            message = (
                f"is reached through a symbolic link ({link}); launchgate ci follows no "
                "links in a pull request"
            )
            repo.problems.append(LoadProblem(shown, Problem(1, 1, message)))
    repo.files = kept


def _first_link(root: Path, relative: str) -> str | None:
    parts = PurePosixPath(relative).parts
    for end in range(1, len(parts) + 1):
        if root.joinpath(*parts[:end]).is_symlink():
            return "/".join(parts[:end])
    return None


def _base_manifest(data: bytes, path: str, policy: BasePolicy) -> dict[str, Any]:
    """The base version of a manifest, read as data (it need not validate any more)."""
    local = policy.root / "base-manifests" / "manifest.yaml"
    local.parent.mkdir(parents=True, exist_ok=True)
    local.write_bytes(data)
    document = read_document(local, path, policy.config.max_file_size)
    return document.data if document.ok and isinstance(document.data, dict) else {}


def _launch_files(launch: Launch, previous: str | None, root: Path) -> set[str]:
    """The files whose change makes an approval of the launch stale: manifest and sources.

    A source is named as written and as the file it resolves to, so neither
    `./app/en.json` nor a link to it hides a change.
    """
    files = {launch.file}
    if previous:
        files.add(previous)
    for item in launch.manifest.copy_items:
        if item.source:
            written = posixpath.normpath(item.source.partition("#")[0])
            files.add(written)
            real = os.path.realpath(root / written)
            inside = os.path.relpath(real, os.path.realpath(root))
            if not inside.startswith(".."):
                files.add(PurePosixPath(Path(inside)).as_posix())
    return files
