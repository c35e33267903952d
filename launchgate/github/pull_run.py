"""One pull request checked the way a reviewer needs it: its launches, then their sign-offs.

The workspace's manifests are checked against the base commit's policy (every
offline rule); then each launch the pull request changes, and each one a
release pull request ships, has its required roles' sign-offs read from
GitHub. A merge group is each of its pull requests checked so, as one outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from launchgate.config import config_name
from launchgate.engine import Supplied, check_loaded
from launchgate.errors import UsageError
from launchgate.findings import Finding
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
from launchgate.github.waiver_approvals import WaiverApprovals, approved_waivers
from launchgate.launch import Launch
from launchgate.loader import bulk_loading, read_documents
from launchgate.release_target import ReleaseTarget, in_release, pull_request_release
from launchgate.repository import Repository, add_launches, open_repository


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

    def outcome(self, pull: PullRequest, in_group: bool = False) -> Outcome:
        """Check the pull request (`in_group`: as one of a merge group's)."""
        config = self.policy.config
        repo, patterns = self._workspace()
        release = pull_request_release(
            pull.head_ref, pull.title, pull.labels, pull.milestone_due, config
        )
        target = release if isinstance(release, ReleaseTarget) else None
        files = within(self._whole_file_list(pull), self.env.prefix)
        changed = changed_launches(repo, files)
        roles = RolePolicy(self.clients.repo, self.policy, self.env.prefix)
        moved = roles.removed(files, patterns)
        shipped = shipped_unchanged(repo, target, changed)
        checker = self._signoff_check(pull, bool(changed or shipped))
        today = self.options.today or config.today()
        waivers = WaiverApprovals(checker, today)
        signoffs = []
        for launch, previous in changed:
            required = roles.required(launch, previous)
            required += [role for role in moved.get(launch.manifest.id, []) if role not in required]
            covered = launch_files(launch, previous, self.env.workspace)
            records = roles.records(launch, previous)
            states = [checker.role_state(role, covered, records) for role in required]
            base = roles.base_manifest(previous) if previous is not None else None
            new = waivers.changed(launch, base, covered)
            signoffs.append(LaunchSignoffs(launch, states, waivers=new))
        signoffs += self._release_signoffs(shipped, pull, waivers)
        if in_group:  # each pull request's reviewers sign off on its own change
            signoffs = [replace(e, group_pull=(pull.number, pull.author)) for e in signoffs]
        # The policy's checklists, read for the workspace's manifests and the base's.
        repo.problems += self.policy.checklists.problems
        approved = approved_waivers(repo.launches, signoffs)
        supplied = Supplied(release=release, signoffs=signoffs, waiver_approvals=approved)
        return Outcome(
            check_loaded(repo, today, self.options.fail_on, supplied),
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
            outcome = self.outcome(pull, in_group=True)
            for finding in outcome.report.findings:
                if finding not in findings:  # each check holds the group's offline findings
                    findings.append(finding)
            signoffs += outcome.signoffs
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
            config_file=config_name(self.policy.config_file),
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
        self, shipped: list[Launch], pull: PullRequest, waivers: WaiverApprovals
    ) -> list[LaunchSignoffs]:
        """Sign-offs of the launches a release ships unchanged: their provenance's, or this PR's.

        So are their waivers': those the provenance pull request added or changed need
        their roles' approval there (or here); the others it found on its base, where the
        pull request that added them was held to the same rule.
        """
        client, env, checker = self.clients.repo, self.env, waivers.checker
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
            covered = launch_files(launch, None, env.workspace)
            records = finder.records(provenance, env.prefix + launch.file, launch)
            origin = Origin(
                provenance,
                finder.reviews(provenance),
                finder.contributors(provenance),
                since,
                records,
            )
            shipping = Shipped(launch.file, launch.required_roles, covered, pull.base_ref)
            states = release_role_states(shipping, origin, checker)
            # The manifest the provenance pull request was checked against: read only for
            # a launch with waivers (a base that cannot be read leaves them all to approve).
            base = None
            if launch.manifest.waivers:
                base = finder.base_manifest(provenance, env.prefix + launch.file, launch)
            new = waivers.released(launch, covered, origin, base, pull.base_ref)
            entries.append(LaunchSignoffs(launch, states, provenance=provenance, waivers=new))
        return entries


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
