"""One pull request checked the way a reviewer needs it: its launches, then their sign-offs.

The workspace's manifests are checked against the base commit's policy (every
offline rule); then each launch the pull request changes, and each one a
release pull request ships, has its required roles' sign-offs read from
GitHub. A merge group is each of its pull requests checked so, as one outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from launchgate.engine import check_loaded, problem_findings
from launchgate.errors import UsageError
from launchgate.findings import Finding, Report
from launchgate.github.actions import ActionsEnv
from launchgate.github.approvals import SignoffCheck
from launchgate.github.caches import ChangesSince, TeamMemberships, within
from launchgate.github.client import ChangedFile, GitHubClient
from launchgate.github.contributors import PullContributors
from launchgate.github.event import PullRequest, parse_pull_request
from launchgate.github.merge_group import MergeGroup, group_pulls
from launchgate.github.options import CiOptions
from launchgate.github.outcome import LaunchSignoffs, Outcome
from launchgate.github.paths import launch_files, refuse_links
from launchgate.github.policy import BasePolicy, policy_changes
from launchgate.github.provenance import Origin, ProvenanceFinder, Shipped, release_role_states
from launchgate.github.required_roles import RolePolicy, manifest_patterns
from launchgate.launch import Launch
from launchgate.loader import bulk_loading, read_documents
from launchgate.release_target import ReleaseTarget, in_release, pull_request_release
from launchgate.repository import Repository, add_launches, open_repository
from launchgate.rules.release import MISMATCH
from launchgate.rules.signoffs import MISSING, REJECTED, STALE, UNVERIFIED

_RULE_FOR = {"missing": MISSING, "stale": STALE, "rejected": REJECTED}
_SIGNOFF_RULES = frozenset(rule.name for rule in _RULE_FOR.values())


@dataclass(frozen=True)
class Clients:
    """The repository's API client, and the one that reads team membership: a team
    token's, else the same client."""

    repo: GitHubClient
    teams: GitHubClient

    @property
    def requests(self) -> int:
        """API requests made so far, each client counted once."""
        return self.repo.requests + (self.teams.requests if self.teams is not self.repo else 0)


class PullRequestCheck:
    """Pull requests held to the base commit's policy, in the run's workspace.

    `outcome(pull)` is the whole check of one pull request; `group_outcome(group)`
    that of every pull request of a merge group, whose workspace is the group's head.
    """

    def __init__(
        self, env: ActionsEnv, clients: Clients, policy: BasePolicy, options: CiOptions
    ) -> None:
        self.env = env
        self.clients = clients
        self.policy = policy
        self.options = options

    def outcome(self, pull: PullRequest, group_pull: int | None = None) -> Outcome:
        """Check the pull request; `group_pull` is its number when it is in a merge group."""
        config = self.policy.config
        repo, patterns = self._workspace()
        reported = len(self.policy.checklists.problems)
        release = pull_request_release(
            pull.head_ref, pull.title, pull.labels, pull.milestone_due, config
        )
        target = release if isinstance(release, ReleaseTarget) else None
        today = self.options.today or config.today()
        offline = check_loaded(repo, today, self.options.fail_on, target)
        files = within(self._whole_file_list(pull), self.env.prefix)
        changed = changed_launches(repo, files)
        roles = RolePolicy(self.clients.repo, self.policy, self.env.prefix)
        moved = roles.removed(files, patterns)
        shipped = shipped_unchanged(repo, target, changed)
        checker = self._signoff_check(pull, bool(changed or shipped))
        signoffs = []
        for launch, previous in changed:
            required = roles.required(launch, previous)
            required += [role for role in moved.get(launch.manifest.id, []) if role not in required]
            covered = launch_files(launch, previous, self.env.workspace)
            states = [checker.role_state(role, covered) for role in required]
            signoffs.append(LaunchSignoffs(launch, states))
        signoffs += self._release_signoffs(shipped, pull, checker)
        return Outcome(
            self._report(offline, release, signoffs, reported, group_pull),
            pull,
            signoffs,
            policy_commit=pull.base_sha,
            policy_ref=pull.base_ref,
            policy_changes=policy_changes(config, self.policy.config_file, files),
            config=config,
            timeline_launches=[entry.launch for entry in signoffs],
        )

    def group_outcome(self, group: MergeGroup) -> Outcome:
        """Every pull request of a merge group, checked as it stands now, as one outcome.

        Each pull request is held to the policy at the group's base (the base branch
        may have moved since it was reviewed), and its own changes, reviews and author
        decide its sign-offs. The group fails when any one of them is not ready.
        """
        client = self.clients.repo
        findings: list[Finding] = []
        signoffs: list[LaunchSignoffs] = []
        outcome = None
        for number in group_pulls(client, group):
            pull = parse_pull_request(client.pull(number), f"pull request #{number}")
            pull = replace(pull, base_sha=group.base_sha, base_ref=group.base_branch)
            outcome = self.outcome(pull, group_pull=number)
            for finding in outcome.report.findings:
                if finding not in findings:  # each check holds the group's offline findings
                    findings.append(finding)
            signoffs += [replace(e, group_pull=(number, pull.author)) for e in outcome.signoffs]
        assert outcome is not None  # a group holds at least the pull request it is named for
        assert outcome.pull is not None
        head = replace(
            outcome.pull, head_sha=group.head_sha, head_ref=group.head_branch, from_fork=False
        )
        return replace(
            outcome,
            report=replace(outcome.report, findings=findings, fail_on=self.options.fail_on),
            pull=head,
            signoffs=signoffs,
            timeline_launches=list({e.launch.file: e.launch for e in signoffs}.values()),
        )

    def _workspace(self) -> tuple[Repository, list[str]]:
        """The workspace's manifests, loaded under the base's policy, and the patterns
        that listed them: the base's, then any the pull request adds."""
        config = self.policy.config
        patterns = manifest_patterns(config, self.env.workspace)
        repo = open_repository(
            self.env.workspace,
            config.model_copy(update={"manifests": patterns}),
            self.policy.config_file,
            self.policy.files,
        )
        refuse_links(repo)
        with bulk_loading():
            add_launches(repo, read_documents(repo.files, config.max_file_size))
        repo.problems += self.policy.checklists.problems
        return repo, patterns

    def _whole_file_list(self, pull: PullRequest) -> list[ChangedFile]:
        """The pull request's changed files, refused when GitHub lists fewer than it changes."""
        client = self.clients.repo
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

    def _signoff_check(self, pull: PullRequest, needs_reviews: bool) -> SignoffCheck:
        """The sign-off rules over this pull request's reviews (read only when needed)."""
        client, team_client = self.clients.repo, self.clients.teams
        memberships = TeamMemberships(team_client, trusted_404=team_client is not client)
        since = ChangesSince(client, pull.head_sha, self.env.prefix)
        return SignoffCheck(
            config=self.policy.config,
            config_file=self.policy.config_file or ".launchgate.yml",
            author=pull.author,
            head_sha=pull.head_sha,
            reviews=client.reviews(pull.number) if needs_reviews else [],
            membership=memberships,
            changes_since=since,
            unknown_why=since.why_unknown,
            unseen_teams=memberships.unseen,
            contributors=PullContributors(client, pull.number),
        )

    def _release_signoffs(
        self, shipped: list[Launch], pull: PullRequest, checker: SignoffCheck
    ) -> list[LaunchSignoffs]:
        """Sign-offs of the launches a release ships unchanged: their provenance's, or this PR's."""
        client, env = self.clients.repo, self.env
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
                Shipped(
                    launch.file,
                    launch.required_roles,
                    launch_files(launch, None, env.workspace),
                    pull.base_ref,
                ),
                Origin(
                    provenance,
                    finder.reviews(provenance),
                    finder.contributors(provenance),
                    since,
                ),
                checker,
            )
            entries.append(LaunchSignoffs(launch, states, provenance))
        return entries

    # The findings `launchgate ci` adds to the offline check's: built here and nowhere else.

    def _report(
        self,
        offline: Report,
        release: ReleaseTarget | str | None,
        signoffs: list[LaunchSignoffs],
        reported: int,
        group_pull: int | None,
    ) -> Report:
        """The offline report with the run's findings: sign-offs, an unfound release, and
        problems in checklists that only base manifests name (read after the check ran,
        from `reported` on). In a merge group, a sign-off finding names its pull request."""
        config = self.policy.config
        findings = [f for f in offline.findings if f.rule != UNVERIFIED.name]
        if isinstance(release, str):
            severity = MISMATCH.severity_in(config)
            if severity is not None:
                config_file = self.policy.config_file or ".launchgate.yml"
                findings.append(Finding(config_file, 1, 1, MISMATCH.name, severity, release))
        for entry in signoffs:
            launch = entry.launch
            # The roles come from the manifest's own `signoffs`, else from its checklist.
            manifest = launch.manifest
            where = (
                ("signoffs",)
                if manifest.signoffs
                else ("checklist",)
                if manifest.checklist
                else ("id",)
            )
            line, column = launch.document.locate(where)
            for role in entry.roles:
                rule = _RULE_FOR.get(role.state)
                severity = rule.severity_in(config) if rule else None
                if rule is None or severity is None:
                    continue
                finding = Finding(
                    launch.file, line, column, rule.name, severity, role.message, manifest.id
                )
                findings.append(finding)
        findings += problem_findings(self.policy.checklists.problems[reported:], config)
        if group_pull is not None:
            findings = [
                f._replace(message=f"pull request #{group_pull}: {f.message}")
                if f.rule in _SIGNOFF_RULES
                else f
                for f in findings
            ]
        return replace(offline, findings=findings, fail_on=self.options.fail_on)  # sorted again


def changed_launches(repo: Repository, files: list[ChangedFile]) -> list[tuple[Launch, str | None]]:
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


def shipped_unchanged(
    repo: Repository, target: ReleaseTarget | None, changed: list[tuple[Launch, str | None]]
) -> list[Launch]:
    """The launches a release pull request ships without changing their manifests."""
    if target is None:
        return []
    touched = {launch.file for launch, _ in changed}
    return [
        launch for launch in in_release(repo.launches, target.version) if launch.file not in touched
    ]
