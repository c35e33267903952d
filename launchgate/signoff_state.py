"""Where each required role of a launch stands: what a pull request's reviews decided.

`launchgate ci` works these out from GitHub (github/approvals.py) and hands them
to the rule engine, whose `signoff-*` rules turn the roles that are not signed
off into findings. Plain data, so the rules need nothing from GitHub.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from launchgate.launch import Launch
from launchgate.signoff_records import RecordNote

State = Literal["signed", "missing", "stale", "rejected"]


@dataclass(frozen=True)
class RoleState:
    """One required role of a launch: signed off or not, by whom, and why not."""

    role: str
    state: State
    who: tuple[str, ...] = ()  # who signed, requested changes, or must approve again
    message: str = ""  # why not signed; empty when signed
    pull: int | None = None  # the earlier pull request it was given in (a release's launch)
    # The sign-off recorded in the manifest for this role: counted, or why not.
    record: RecordNote | None = None


@dataclass(frozen=True)
class WaiverSignoff:
    """A waiver a pull request adds or changes (its index in the manifest's `waivers:`),
    and where its `approved_by` role stands on that pull request."""

    index: int
    state: RoleState


@dataclass
class LaunchRoles:
    """A launch a pull request changes or releases, and the state of each role it needs."""

    launch: Launch
    roles: list[RoleState]
    # In a merge group: the pull request (number, author) whose change this is, since
    # the group holds several and each one's reviewers sign off on it.
    group_pull: tuple[int, str] | None = None
    # The waivers this pull request adds or changes, each needing its role's approval here.
    waivers: list[WaiverSignoff] = field(default_factory=list)
