"""Findings and the report: plain, frozen, sortable values."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import NamedTuple


class Severity(enum.IntEnum):
    NOTICE = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


class Subject(NamedTuple):
    """What in a launch a finding is about, beyond its launch id: each part where it applies.

    Waivers match on this, never on a message's words, so it says the channel and
    locale of a copy item, the id of a collateral item or a feature, the role of
    a sign-off or an owner.
    """

    channel: str | None = None
    locale: str | None = None
    collateral: str | None = None
    feature: str | None = None
    role: str | None = None


NO_SUBJECT = Subject()


class Waived(NamedTuple):
    """The waiver a finding is waived by: why, which role approved it, its last day, and
    where it is written (a manifest's `waivers:` item)."""

    reason: str
    approved_by: str
    expires: str  # ISO date: the last day it applies
    file: str
    line: int  # 1-based


class CopyFit(NamedTuple):
    """Where a copy item's limit falls in its text: what fits, what is over, what readers see."""

    limit_at: int  # index into the text as written, in code points, never inside a character
    over: int  # how far over the limit, in the channel's unit (for SMS: extra segments)
    fits: str  # the text up to the limit
    overflow: str  # the rest
    readers_see: str | None = None  # where the platform cuts text off: the cut text with "…"


class Finding(NamedTuple):
    """One thing wrong, at one place. Field order is the sort order.

    A waived finding (`waiver` set) is still reported, but no longer fails the check.
    """

    file: str
    line: int  # 1-based
    column: int  # 1-based
    rule: str
    severity: Severity
    message: str
    launch: str | None = None
    subject: Subject = NO_SUBJECT
    fit: CopyFit | None = None  # on a copy-length finding: where the limit falls
    waiver: Waived | None = None


@dataclass(frozen=True)
class LaunchSummary:
    id: str
    file: str
    name: str | None = None
    release: str | None = None  # ISO date
    announce: str | None = None  # ISO date


@dataclass(frozen=True)
class ReleaseSummary:
    """The release a check was about: its version, its day, and its launches' ids."""

    version: str
    date: str | None  # ISO date
    launches: tuple[str, ...]
    why: str = ""  # "--release 4.2.0", "branch release/4.2.0"


@dataclass
class Report:
    """Everything one check found: its launches, its findings (sorted), and the verdict's inputs.

    Every format (text, JSON, Markdown, SARIF, the PR comment) renders a Report
    and nothing else, so they cannot disagree about what was found.
    """

    launches: list[LaunchSummary]
    findings: list[Finding]
    fail_on: Severity = Severity.ERROR
    today: str = ""
    files_checked: int = 0
    release: ReleaseSummary | None = None

    def __post_init__(self) -> None:
        self.findings.sort()
        self.launches.sort(key=lambda launch: (launch.file, launch.id))
        # One pass to group findings, so per-launch questions stay linear.
        self._by_launch: dict[tuple[str, str | None], list[Finding]] = {}
        for finding in self.findings:
            self._by_launch.setdefault((finding.file, finding.launch), []).append(finding)

    def blocks(self, finding: Finding) -> bool:
        """Does this finding make its launch not ready? Not when a waiver covers it."""
        return finding.severity >= self.fail_on and finding.waiver is None

    @property
    def failed(self) -> bool:
        return any(self.blocks(f) for f in self.findings)

    def count(self, severity: Severity) -> int:
        """The findings of this severity that no waiver covers."""
        return sum(1 for f in self.findings if f.severity == severity and f.waiver is None)

    @property
    def waived(self) -> list[Finding]:
        return [f for f in self.findings if f.waiver is not None]

    def findings_for(self, launch: LaunchSummary) -> list[Finding]:
        return self._by_launch.get((launch.file, launch.id), [])

    def launch_failed(self, launch: LaunchSummary) -> bool:
        return any(self.blocks(f) for f in self.findings_for(launch))

    def unattached_findings(self) -> list[Finding]:
        """Findings about no parsed launch: a broken config, or a manifest that did not load."""
        known = {(launch.file, launch.id) for launch in self.launches}
        return [f for f in self.findings if (f.file, f.launch) not in known]
