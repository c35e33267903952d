"""Provenance: the sign-offs a launch brings into a release from the pull request that made it.

A release pull request ships launches whose manifests it does not change.
Each keeps the sign-offs given on the pull request that last changed its
manifest on the base branch, found in three requests:

1. the newest commit on the base that changed the manifest (commits by path);
2. the merged pull request into the base branch that brought that commit;
3. that pull request's reviews, as they stood when it was merged.

A sign-off recorded in the manifest counts when that pull request added it
(its base held no such record) and a member of a recording role approved it.
A waiver that pull request added or changed needs its role's approval there
(github/waiver_approvals.py); the manifest at its base is read once for both.
The usual sign-off rules apply to those reviews (its author and its other
contributors never sign off, only each reviewer's latest review counts,
approvals go stale by the policy); its contributors cost one more request.
A manifest that reached the base without a pull request has no sign-offs.
An approval given on this release pull request signs the launch off too.

Those sign-offs cover the manifest as the base holds it. A release branch cut
before the base changed a manifest holds an older version, which they do not
cover: one compare (head to base) per release finds such manifests, and they
keep nothing until the branch is updated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from launchgate.config import Config
from launchgate.github.approvals import (
    ChangeLookup,
    ContributorsLookup,
    RoleState,
    SignoffCheck,
)
from launchgate.github.client import COMPARE_FILES, GitHubClient, NotFound, Review
from launchgate.github.contributors import NOBODY, PullContributors
from launchgate.github.required_roles import base_data
from launchgate.launch import Launch
from launchgate.signoff_records import Recorded, marked, records_in


@dataclass(frozen=True)
class Provenance:
    """Where a launch's manifest last changed on the base branch."""

    commit: str | None  # None: no commit on the base changed it
    pull: int | None = None  # the merged pull request that brought the commit
    author: str = ""
    head_sha: str = ""  # that pull request's head when it was merged
    merged_at: str = ""
    outdated: bool = False  # the base changed the manifest since the release branch left it
    unsure: bool = False  # outdated only because what the base changed cannot be listed
    altered: bool = False  # the commit (a merge pushed by hand) changed it beyond the PR's head
    base_sha: str = ""  # that pull request's base: what it changed the manifest from

    def describe(self, file: str, base_ref: str) -> str:
        """Why there is no pull request to take sign-offs from."""
        if self.outdated and self.unsure:
            return (
                f"launchgate could not tell whether {file} changed on {base_ref} since this "
                f"branch was cut (GitHub lists at most {COMPARE_FILES} changed files of a "
                "comparison, and more changed), so the sign-offs given there may be for "
                f"another version of it: merge {base_ref} into the branch"
            )
        if self.outdated:
            return (
                f"{file} changed on {base_ref} since this branch was cut, so the sign-offs "
                f"given there are for another version of it: merge {base_ref} into the branch"
            )
        if self.altered:
            return (
                f"{file} was last changed by {(self.commit or '')[:7]}, which merged "
                f"#{self.pull} but holds a version of it that #{self.pull} never had, so its "
                "approvals do not cover it"
            )
        if self.commit is None:
            return f"no commit on {base_ref} changes {file}"
        return (
            f"{file} was last changed on {base_ref} by {self.commit[:7]}, "
            "which no merged pull request brought"
        )


class ProvenanceFinder:
    """Finds provenance, sharing requests between launches that one pull request brought."""

    def __init__(self, client: GitHubClient, base_sha: str, base_ref: str, head_sha: str) -> None:
        self.client = client
        self.base_sha = base_sha
        self.base_ref = base_ref
        self.head_sha = head_sha
        self._pulls: dict[str, Provenance] = {}
        self._reviews: dict[int, list[Review]] = {}
        self._contributors: dict[int, PullContributors] = {}
        self._bases: dict[tuple[str, str], dict[str, Any]] = {}
        self._moved: set[str] | None = None
        self._compared = False
        self._cut_short = False

    def find(self, path: str, shipped: bytes) -> Provenance:
        """Where the manifest at `path` (whose content the release ships) last changed."""
        if self._changed_on_base(path):
            return Provenance(None, outdated=True, unsure=self._cut_short)
        commit = self.client.last_commit(path, self.base_sha)
        if commit is None:
            return Provenance(None)
        if commit.sha not in self._pulls:
            self._pulls[commit.sha] = self._pull_of(commit.sha)
        found = self._pulls[commit.sha]
        # A merge GitHub made holds only what was merged. One pushed by hand may change
        # the manifest again: then what ships must be what the pull request's head held.
        by_hand = found.pull is not None and not commit.by_github and commit.sha != found.head_sha
        if by_hand and self.client.file_at(path, found.head_sha) != shipped:
            return replace(found, altered=True)
        return found

    def reviews(self, provenance: Provenance) -> list[Review]:
        """The reviews of the provenance's pull request submitted by the time it merged."""
        if provenance.pull is None:
            return []
        if provenance.pull not in self._reviews:
            self._reviews[provenance.pull] = self.client.reviews(provenance.pull)
        merged = _instant(provenance.merged_at)
        return [
            review
            for review in self._reviews[provenance.pull]
            if merged is not None
            and (submitted := _instant(review.submitted_at)) is not None
            and submitted <= merged
        ]

    def records(self, provenance: Provenance, path: str, launch: Launch) -> list[Recorded]:
        """The shipped manifest's sign-off records, each marked new when the provenance's
        pull request added or changed it (the manifest at its base held no such record).
        One file read, only for a launch with records."""
        head = launch.manifest.signoff_records
        base = self.base_manifest(provenance, path, launch) if head else None
        if base is None:
            return []
        return marked(head, records_in(base))

    def base_manifest(
        self, provenance: Provenance, path: str, launch: Launch
    ) -> dict[str, Any] | None:
        """The manifest at `path` as the provenance's pull request found it on its base (what
        it changed, and its check compared against), as data; read once. None when there
        is no such pull request or base."""
        if provenance.pull is None or not provenance.base_sha:
            return None
        key = (path, provenance.base_sha)
        if key not in self._bases:
            data = self.client.file_at(path, provenance.base_sha)
            self._bases[key] = {} if data is None else base_data(data, launch.file, Config())
        return self._bases[key]

    def contributors(self, provenance: Provenance) -> ContributorsLookup:
        """Who contributed to the provenance's pull request, read when first needed."""
        if provenance.pull is None:
            return lambda: NOBODY
        return self._contributors.setdefault(
            provenance.pull, PullContributors(self.client, provenance.pull)
        )

    def _changed_on_base(self, path: str) -> bool:
        """Did the base change `path` since the release branch left it? Unknown counts as yes.

        The release's checkout then holds a version of the manifest that the base's
        history (and so its provenance) does not describe.
        """
        if self.head_sha == self.base_sha:  # the base itself (the board): nothing to compare
            return False
        if not self._compared:
            self._compared = True
            try:
                _, files = self.client.compare(self.head_sha, self.base_sha)
            except NotFound:
                files = None
            self._cut_short = files is not None and len(files) >= COMPARE_FILES
            if files is not None and not self._cut_short:
                self._moved = {f.path for f in files} | {f.previous for f in files if f.previous}
        return self._moved is None or path in self._moved

    def _pull_of(self, commit: str) -> Provenance:
        # Only a pull request merged into the base branch: one merged elsewhere was
        # approved for that branch's content, not for what the base holds.
        merged = [
            pull
            for pull in self.client.pulls_for_commit(commit)
            if pull.get("merged_at") and (pull.get("base") or {}).get("ref") == self.base_ref
        ]
        if not merged:
            return Provenance(commit)
        first = min(merged, key=lambda pull: (str(pull["merged_at"]), int(pull["number"])))
        return Provenance(
            commit,
            int(first["number"]),
            str((first.get("user") or {}).get("login", "")),
            str((first.get("head") or {}).get("sha", "")),
            str(first["merged_at"]),
            base_sha=str((first.get("base") or {}).get("sha", "")),
        )


def _instant(text: str) -> dt.datetime | None:
    """An ISO 8601 time as an instant: compared as text, `+01:00` or `.5Z` would misorder.

    None when it is missing or not a time, and then nothing counts as before it.
    """
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class Shipped:
    """A launch a release pull request ships without changing its manifest."""

    file: str
    roles: list[str]  # the roles it requires
    launch_files: set[str]  # whose changes make an approval of it stale
    base_ref: str  # the branch the release merges into


@dataclass(frozen=True)
class Origin:
    """The pull request that last changed a shipped manifest: where it came from, its
    reviews as they stood when it merged, and who contributed to it."""

    provenance: Provenance
    reviews: list[Review]
    contributors: ContributorsLookup
    changes_since: Callable[[str], ChangeLookup]  # the changed-files lookup against a head
    records: list[Recorded] = field(default_factory=list)  # the shipped manifest's


def origin_check(origin: Origin, here: SignoffCheck) -> SignoffCheck | None:
    """The sign-off rules over the reviews of the pull request a launch came from, held to
    this pull request's policy and team memberships; None when no pull request counts."""
    provenance = origin.provenance
    if provenance.pull is None or provenance.altered:
        return None
    lookup = origin.changes_since(provenance.head_sha)
    return SignoffCheck(
        config=here.config,
        config_file=here.config_file,
        author=provenance.author,
        head_sha=provenance.head_sha,
        reviews=origin.reviews,
        membership=here.membership,
        changes_since=lookup,
        unknown_why=lookup.why_unknown,
        contributors=origin.contributors,
    )


def release_role_states(shipped: Shipped, origin: Origin, here: SignoffCheck) -> list[RoleState]:
    """Each role's state: signed in the provenance pull request, else on this one.

    What reviewers say on this pull request comes first where it holds a role back:
    a member's request for changes here holds it (as on any pull request), however
    the earlier pull request was approved; an approval here gone stale says so.
    The earlier pull request is held to this one's policy and team memberships.
    """
    provenance = origin.provenance
    before = origin_check(origin, here)
    file, launch_files = shipped.file, shipped.launch_files
    states = []
    for role in shipped.roles:
        earlier = before.role_state(role, launch_files, origin.records) if before else None
        now = here.role_state(role, launch_files)
        if now.state in ("signed", "rejected"):
            states.append(now)
            continue
        if earlier is not None and earlier.state == "signed":
            states.append(replace(earlier, pull=provenance.pull))
            continue
        if now.state == "stale":
            states.append(now)
            continue
        if earlier is None:
            why = provenance.describe(file, shipped.base_ref)
            states.append(
                RoleState(
                    role,
                    "missing",
                    message=f"{role} has not signed off: {why}; approving this release pull "
                    "request signs it off",
                    pull=None,
                )
            )
        else:
            states.append(
                replace(
                    earlier,
                    message=f"in #{provenance.pull}, the last pull request to change {file}, "
                    f"{earlier.message}; approving this release pull request signs it off too",
                    pull=provenance.pull,
                )
            )
    return states
