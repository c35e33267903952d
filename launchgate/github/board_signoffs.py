"""Who signed each launch off, for the board: from provenance, as release pull requests do.

A launch on the default branch keeps the sign-offs given on the pull request
that last changed its manifest there (github/provenance.py): that pull
request's approvals as they stood when it merged, under the usual rules
(github/approvals.py), and a sign-off recorded in the manifest when that pull
request added it and a member of a recording role approved it. The board shows,
per launch and role, one short text:

- `ann in #118`;
- `recorded: Lena Weber on Fri 20 Nov 2026 (LEGAL-123), recorded by olga in #120`;
- `not signed off: ...` with why in a few words;
- `not verified: ...` when GitHub did not answer for that launch (the build goes on).

Cost: a launch costs its last commit, that commit's pull request, the pull
request's reviews and, when a member approved, its commits (one request each,
shared by the launches one pull request brought), plus a file read for one with
sign-off records. A `SignoffCache` from an earlier build spares all of that for
manifests whose last commit has not changed: one compare (the earlier build's
commit to this one) tells which manifests changed since. A manifest changed and
changed back in between keeps its texts: the content is the one they were
given for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from launchgate.config import config_name
from launchgate.errors import LaunchgateError
from launchgate.github.approvals import SignoffCheck
from launchgate.github.caches import ChangesSince, TeamMemberships
from launchgate.github.client import COMPARE_FILES, GitHubClient, GitHubUnavailable, NotFound
from launchgate.github.contributors import NOBODY
from launchgate.github.paths import launch_files
from launchgate.github.provenance import Origin, Provenance, ProvenanceFinder, origin_check
from launchgate.github.pull_run import Clients
from launchgate.github.signoff_cache import Entry, SignoffCache, policy_hash
from launchgate.launch import Launch
from launchgate.repository import Repository
from launchgate.signoff_records import describe
from launchgate.signoff_state import RoleState

CACHE_VARIABLE = "LAUNCHGATE_SIGNOFF_CACHE"  # the folder the workflow restores and saves


@dataclass
class BoardSignoffs:
    """Launch id -> role -> the board's text, and what reading them took."""

    roles: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # launches left unverified, and why
    requests: int = 0  # GitHub API requests made
    reused: int = 0  # launches whose texts came from the cache


@dataclass(frozen=True)
class Branch:
    """The branch the board is built from: its name and the commit checked out."""

    name: str
    sha: str
    prefix: str = ""  # where the board's folder sits in the repository: "" or "sub/dir/"


class BoardSignoffReader:
    """Reads the sign-offs of a repository's launches on one branch, cache first."""

    def __init__(self, clients: Clients, repo: Repository, branch: Branch) -> None:
        self.clients = clients
        self.repo = repo
        self.branch = branch
        client = clients.repo
        self.finder = ProvenanceFinder(client, branch.sha, branch.name, branch.sha)
        self.memberships = TeamMemberships(clients.teams, trusted_404=clients.teams is not client)
        self.here = SignoffCheck(  # no pull request of its own: only its policy is used
            config=repo.config,
            config_file=config_name(repo.config_file),
            author="",
            head_sha=branch.sha,
            reviews=[],
            membership=self.memberships,
            changes_since=lambda commit: None,
            contributors=lambda: NOBODY,
            unseen_teams=self.memberships.unseen,
        )
        self._compares: dict[str, ChangesSince] = {}

    def read(self, cache: SignoffCache) -> BoardSignoffs:
        """Every launch's texts; CACHE is brought up to date with what was read."""
        found = BoardSignoffs()
        config_file = self.repo.config_file
        policy = policy_hash(self.repo.root / config_file if config_file else None)
        before = self.clients.requests
        down: str | None = None  # GitHub stopped answering: ask no more
        changed = self._changed_since(cache) if cache.head and cache.entries else None
        kept: dict[str, Entry] = {}
        for launch in self.repo.launches:
            roles = launch.required_roles
            path = self.branch.prefix + launch.file
            entry = cache.entries.get(path) if changed is not None and path not in changed else None
            if not roles:
                found.roles[launch.manifest.id] = {}
                continue
            # Its last commit is the one the entry was read at; so are the policy and roles.
            if entry is not None and entry.policy == policy and set(entry.roles) == set(roles):
                found.roles[launch.manifest.id] = {role: entry.roles[role] for role in roles}
                found.reused += 1
                kept[path] = entry
                continue
            if down is None:
                try:
                    commit, texts = self._judge(launch, path)
                except GitHubUnavailable as error:
                    down = "GitHub did not answer"
                    found.notes.append(f"sign-offs not verified from {launch.file} on: {error}")
                except LaunchgateError as error:
                    found.roles[launch.manifest.id] = {
                        role: "not verified: GitHub could not say" for role in roles
                    }
                    found.notes.append(f"{launch.file}: sign-offs not verified: {error}")
                    continue
                else:
                    found.roles[launch.manifest.id] = texts
                    if commit is not None:
                        kept[path] = Entry(commit, policy, texts)
                    continue
            found.roles[launch.manifest.id] = {role: f"not verified: {down}" for role in roles}
        if down is None:  # a build cut short leaves the earlier cache as it was
            cache.head, cache.entries = self.branch.sha, kept
        found.requests = self.clients.requests - before
        return found

    def _changed_since(self, cache: SignoffCache) -> set[str] | None:
        """Paths changed between the cache's commit and this one; None when unknown (the
        cache's commit is gone, the branch was rewritten, or GitHub lists too many)."""
        if cache.head == self.branch.sha:
            return set()
        try:
            status, files = self.clients.repo.compare(cache.head, self.branch.sha)
        except NotFound:
            return None
        if status not in ("ahead", "identical") or len(files) >= COMPARE_FILES:
            return None
        return {f.path for f in files} | {f.previous for f in files if f.previous}

    def _judge(self, launch: Launch, path: str) -> tuple[str | None, dict[str, str]]:
        """The launch's texts, and the commit that last changed its manifest."""
        content = (self.repo.root / launch.file).read_bytes()
        provenance = self.finder.find(path, content)
        roles = launch.required_roles
        if provenance.pull is None or provenance.altered:
            why = _no_pull(provenance, self.branch.name)
            return provenance.commit, {role: f"not signed off: {why}" for role in roles}
        records = self.finder.records(provenance, path, launch)
        origin = Origin(
            provenance,
            self.finder.reviews(provenance),
            self.finder.contributors(provenance),
            self._since,
            records,
        )
        check = origin_check(origin, self.here)
        assert check is not None  # a pull request that did not alter it
        covered = launch_files(launch, None, self.repo.root)
        states = [check.role_state(role, covered, records) for role in roles]
        return provenance.commit, {s.role: self._text(s, provenance.pull) for s in states}

    def _since(self, head: str) -> ChangesSince:
        # One lookup per provenance head, shared by the launches one pull request brought.
        return self._compares.setdefault(
            head, ChangesSince(self.clients.repo, head, self.branch.prefix)
        )

    def _text(self, state: RoleState, pull: int) -> str:
        record = state.record
        who = _names(state.who)
        if state.state == "signed":
            if record is not None and record.recorder:
                return (
                    f"recorded: {describe(record.record)}, recorded by {record.recorder} in #{pull}"
                )
            return f"{who} in #{pull}"
        if state.state == "rejected":
            return f"not signed off: {who} requested changes in #{pull}"
        if state.state == "stale":
            return f"not signed off: {who} approved an earlier version in #{pull}"
        if record is not None and record.why_not:
            return (
                f"not signed off: the sign-off recorded for {record.record.by} does not count "
                f"in #{pull} ({record.why_not})"
            )
        setting = self.repo.config.roles.get(state.role)
        if setting is None or not (setting.users or setting.teams or setting.recorded_by):
            return "not signed off: the config names nobody who may sign off"
        teams = {team.lower() for team in setting.teams}
        unread = sorted(
            {
                login
                for (login, team), known in self.memberships.cache.items()
                if known is None and team in teams
            }
        )
        if unread:
            return (
                f"not signed off: approved in #{pull} by {_names(tuple(unread))}, whose team "
                "membership the token cannot read"
            )
        return f"not signed off: no approval from {state.role} in #{pull}"


def signoffs_in_actions(
    environ: Mapping[str, str], repo: Repository, log: TextIO
) -> dict[str, dict[str, str]] | None:
    """The board's sign-offs in a GitHub Actions run with a token, on a branch; None
    elsewhere (offline: the board shows which roles must sign off, "not verified")."""
    token = environ.get("GITHUB_TOKEN") or environ.get("INPUT_TOKEN")
    if environ.get("GITHUB_ACTIONS") != "true" or not token or not environ.get("GITHUB_REPOSITORY"):
        return None
    from launchgate.github.actions import ActionsEnv
    from launchgate.github.ci import _limits

    sha, ref = environ.get("GITHUB_SHA", ""), environ.get("GITHUB_REF", "")
    if not sha or not ref.startswith("refs/heads/"):
        log.write(
            "launchgate: sign-offs not verified: the board reads them on a branch "
            f"(GITHUB_REF is {ref or 'not set'})\n"
        )
        return None
    env = ActionsEnv.read(environ, need_event=False)
    try:
        inside = repo.root.resolve().relative_to(env.workspace.resolve()).as_posix()
    except ValueError:
        log.write(f"launchgate: sign-offs not verified: {repo.root} is outside the workspace\n")
        return None
    branch = Branch(ref.removeprefix("refs/heads/"), sha, "" if inside == "." else inside + "/")
    client = GitHubClient(env.api_url, env.repository, env.token, _limits(environ))
    teams = (
        GitHubClient(env.api_url, env.repository, env.team_token, _limits(environ))
        if env.team_token
        else client
    )
    folder = environ.get(CACHE_VARIABLE)
    cache = (
        SignoffCache.load(Path(folder), env.repository, branch.name)
        if folder
        else SignoffCache(env.repository, branch.name)
    )
    found = BoardSignoffReader(Clients(client, teams), repo, branch).read(cache)
    if folder:
        try:
            cache.save(Path(folder))
        except OSError as error:
            found.notes.append(f"the sign-off cache was not saved: {error}")
    for note in found.notes:
        log.write(f"launchgate: {note}\n")
    log.write(
        f"launchgate: sign-offs of {len(repo.launches)} launches: {found.requests} GitHub API "
        f"requests, {found.reused} from the cache\n"
    )
    return found.roles


def _no_pull(provenance: Provenance, branch: str) -> str:
    """Why no pull request's approvals count, in a few words."""
    commit = (provenance.commit or "")[:7]
    if provenance.altered:
        return f"last changed by {commit}, a merge pushed by hand that #{provenance.pull} never had"
    if provenance.commit is None:
        return f"no commit on {branch} changes it"
    return f"last changed by {commit} without a pull request"


def _names(names: tuple[str, ...]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
