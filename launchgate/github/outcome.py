"""What `launchgate ci` found, handed from the check to the publishers."""

from __future__ import annotations

from dataclasses import dataclass, field

from launchgate.config import Config
from launchgate.findings import Report
from launchgate.github.event import PullRequest
from launchgate.github.provenance import Provenance
from launchgate.launch import Launch
from launchgate.signoff_state import LaunchRoles


@dataclass
class LaunchSignoffs(LaunchRoles):
    """A launch's role states, and for a launch a release ships unchanged, its provenance."""

    # For a launch the release pull request ships without changing it: where its
    # manifest last changed, whose pull request's sign-offs it keeps.
    provenance: Provenance | None = None


@dataclass
class Outcome:
    report: Report
    pull: PullRequest | None = None
    signoffs: list[LaunchSignoffs] = field(default_factory=list)
    policy_commit: str | None = None
    policy_ref: str | None = None
    policy_changes: list[str] = field(default_factory=list)
    config: Config | None = None
    # The launches the comment's timeline shows: those the pull request changes, and any
    # other it is about (a release PR's launches). Each file once, in the order given.
    timeline_launches: list[Launch] = field(default_factory=list)
