"""(repository, what the run supplies) -> Report: the one place violations become findings.

Every rule runs here, those that read the manifests and those over what the run
supplies (the files that did not load, the release, the sign-offs GitHub gave):
the config's setting, else the violation's, else the rule's own severity; the
line and column of its key path (or its own place); and what it is about. Once
every finding is made, each launch's waivers mark the findings they cover
(launchgate.waivers decides which stand and what they cover), and the rules
that read that (`Rule.after_waivers`: unused and unverified waivers) run last.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from launchgate.channels import channel_lookup
from launchgate.config import Config, config_name
from launchgate.errors import Unusable
from launchgate.findings import NO_SUBJECT, Finding, LaunchSummary, Report, Severity, Waived
from launchgate.launch import Launch, SourceText
from launchgate.loader import PARALLEL_FROM, bulk_loading, read_document
from launchgate.models import Waiver
from launchgate.parallel import split_map
from launchgate.release_target import ReleaseTarget, release_input, release_summary
from launchgate.repository import (
    LoadProblem,
    Repository,
    add_launches,
    builtin_checklists,
    read_checklist,
)
from launchgate.rules import ALL, Rule
from launchgate.rules.base import Context, Violation
from launchgate.signoff_state import LaunchRoles
from launchgate.waivers import covers, standing
from launchgate.workdays import Workdays


@dataclass(frozen=True)
class Supplied:
    """What a run supplies besides the repository's files; rules that need it run only then.

    `release`: the release to check (`--release`, a release pull request), or why a
    release pull request names none. `signoffs`: each changed launch's role states,
    read from a pull request's reviews by `launchgate ci`. `waiver_approvals`: the
    waivers (manifest file, index in its `waivers:`) the run verified: unchanged from
    the base branch, or approved by their `approved_by` role on the pull request
    (github/waiver_approvals.py); None: not verified by this run, and each waiver
    applied gets a `waiver-unverified` notice. Given, only the waivers it names are
    applied.
    """

    release: ReleaseTarget | Unusable | None = None
    signoffs: Sequence[LaunchRoles] | None = None
    waiver_approvals: Collection[tuple[str, int]] | None = None


NOTHING_SUPPLIED = Supplied()


def check_loaded(
    repo: Repository,
    today: dt.date,
    fail_on: Severity = Severity.ERROR,
    supplied: Supplied = NOTHING_SUPPLIED,
) -> Report:
    """Check a repository whose launches are loaded already."""
    checker = _Checker(repo, today, supplied)
    findings = checker.per_launch(repo.launches)
    return checker.report(findings, fail_on)


def load_and_check(
    repo: Repository,
    today: dt.date,
    fail_on: Severity = Severity.ERROR,
    supplied: Supplied = NOTHING_SUPPLIED,
    whole: bool = False,
) -> Report:
    """Load and check an opened repository's manifests; many of them in shards, on several cores.

    Each shard is read, validated and checked by the rules about one launch
    where it is: parsing and those rules are nearly all the work. What comes
    back is its findings, its problems, and its launches as the rules across
    launches see them; `whole`: the launches whole (copy, collateral), for a
    caller that shows them (`launchgate board`), at the cost of sending them.
    """
    config = repo.config
    checker = _Checker(repo, today, supplied)

    def check_shard(start: int, stop: int) -> list[_Shard]:
        part = replace(repo, launches=[], problems=[], sources={})
        files = repo.files[start:stop]
        add_launches(
            part, [read_document(path, shown, config.max_file_size) for path, shown in files]
        )
        findings = replace(checker, sources=part.sources).per_launch(part.launches)
        return [_Shard(findings, part.launches, part.problems, whole)]

    findings: list[Finding] = []
    with bulk_loading():
        for shard in split_map(check_shard, len(repo.files), PARALLEL_FROM):
            findings += shard.findings
            repo.launches += shard.launches
            repo.problems += shard.problems
    return checker.report(findings, fail_on)


@dataclass
class _Shard:
    findings: list[Finding]
    launches: list[Launch]
    problems: list[LoadProblem]
    whole: bool = False

    def __reduce__(self) -> tuple[type[_Shard], tuple[Any, ...]]:
        # Crossing to another process, launches travel as the rules across launches see them.
        if self.whole:
            return _Shard, (self.findings, self.launches, self.problems, True)
        views = [launch.for_rules_across() for launch in self.launches]
        return _Shard, (self.findings, views, self.problems)


@dataclass
class _Checker:
    """The enabled rules with their severities, and the context they run in.

    The one place where violations become findings: every rule's, whether it
    reads the manifests or what the run supplies (load problems, the release,
    the sign-offs).
    """

    repo: Repository
    today: dt.date
    supplied: Supplied = NOTHING_SUPPLIED
    sources: dict[str, SourceText] | None = None

    def __post_init__(self) -> None:
        config = self.repo.config
        self.ctx = Context(
            config=config,
            today=self.today,
            workdays=Workdays(config.calendar.holidays),
            channels=channel_lookup(config),
            glossary=self.repo.glossary,
            sources=self.repo.sources if self.sources is None else self.sources,
            config_file=config_name(self.repo.config_file),
            builtin_roles=builtin_roles(),
            signoffs=self.supplied.signoffs,
            waiver_approvals=self.supplied.waiver_approvals,
        )
        # Each rule the config leaves on, with the severity it sets for all its findings.
        self.enabled: list[tuple[Rule, Severity | None]] = []
        for rule in ALL:
            configured = rule.configured(config)
            if configured != "off":
                self.enabled.append((rule, configured))

    def per_launch(self, launches: list[Launch]) -> list[Finding]:
        """The rules about one launch at a time: most of the work, so split over cores."""
        rules = [(rule, severity) for rule, severity in self.enabled if rule.check is not None]

        def check_launches(start: int, stop: int) -> list[Finding]:
            return [
                finding
                for launch in launches[start:stop]
                for rule, override in rules
                if rule.check is not None
                for finding in _findings(rule, override, launch, rule.check(launch, self.ctx))
            ]

        return split_map(check_launches, len(launches), PARALLEL_FROM)

    def report(self, findings: list[Finding], fail_on: Severity) -> Report:
        """Add the rules across launches, those over what the run supplies, and sum up."""
        repo = self.repo
        release = self.supplied.release
        ctx = replace(
            self.ctx,
            problems=repo.problems,
            release=release_input(repo.root, repo.config, release),
        )
        findings = self._across(findings, ctx, after_waivers=False)
        findings, used = self._waive(findings)
        findings = self._across(findings, replace(ctx, waivers_used=used), after_waivers=True)
        target = release if isinstance(release, ReleaseTarget) else None
        return Report(
            launches=[_summary(launch) for launch in repo.launches],
            findings=findings,
            fail_on=fail_on,
            today=self.today.isoformat(),
            files_checked=repo.files_checked,
            release=None if target is None else release_summary(repo.launches, target),
        )

    def _across(self, findings: list[Finding], ctx: Context, after_waivers: bool) -> list[Finding]:
        """The findings of the rules across launches that run before (or after) the waivers."""
        for rule, override in self.enabled:
            if (
                rule.check_across is not None
                and rule.after_waivers is after_waivers
                and ctx.supplies(rule.only)
            ):
                for launch, violation in rule.check_across(self.repo.launches, ctx):
                    findings += _findings(rule, override, launch, (violation,))
        return findings

    def _waive(self, findings: list[Finding]) -> tuple[list[Finding], frozenset[tuple[str, int]]]:
        """Each finding a waiver in force covers, marked waived; and which waivers covered one.

        Runs once every other finding of every launch is made, wherever it was made,
        so a waiver applies to every rule alike. The first waiver that covers a
        finding is the one it shows.
        """
        in_force = self._waivers_in_force()
        if not in_force:
            return findings, frozenset()
        used: set[tuple[str, int]] = set()
        out: list[Finding] = []
        for finding in findings:
            for index, waiver, waived in in_force.get((finding.file, finding.launch), ()):
                if covers(waiver, finding):
                    finding = finding._replace(waiver=waived)
                    used.add((finding.file, index))
                    break
            out.append(finding)
        return out, frozenset(used)

    def _waivers_in_force(self) -> dict[tuple[str, str | None], list[tuple[int, Waiver, Waived]]]:
        """By (file, launch id): each waiver that stands today and, on a pull request,
        was approved; with what a finding it covers shows of it."""
        config, approvals = self.repo.config, self.supplied.waiver_approvals
        name = config_name(self.repo.config_file)
        in_force: dict[tuple[str, str | None], list[tuple[int, Waiver, Waived]]] = {}
        for launch in self.repo.launches:
            for index, waiver in enumerate(launch.manifest.waivers or ()):
                if standing(waiver, config, self.today, name).state != "active":
                    continue
                if approvals is not None and (launch.file, index) not in approvals:
                    continue
                line, _ = launch.locate(("waivers", index))
                waived = Waived(
                    waiver.reason,
                    waiver.approved_by,
                    waiver.expires.isoformat(),
                    launch.file,
                    line,
                )
                key = (launch.file, launch.manifest.id)
                in_force.setdefault(key, []).append((index, waiver, waived))
        return in_force


@functools.cache
def builtin_roles() -> frozenset[str]:
    """The roles the built-in checklists require: known to every repository, config or not.

    Read from the installed files (never from GitHub), so `launchgate ci` pays no request.
    """
    problems: list[LoadProblem] = []  # a broken built-in checklist is caught by the tests
    roles: set[str] = set()
    for name, path in builtin_checklists().items():
        checklist = read_checklist(path, name, Config(), problems)
        roles.update(checklist.signoffs if checklist else [])
    return frozenset(roles)


def _findings(
    rule: Rule,
    override: Severity | None,
    launch: Launch | None,
    violations: Iterable[Violation],
) -> Iterator[Finding]:
    """The findings of a rule's violations about a launch (None: each has its own place).

    A launch with invalid values left out (launchgate.salvage) keeps only the
    findings that cannot come from what was left out: none from a rule that
    reads a key something was left out of, none at or around what was left out.
    A rule over what the run supplies (the release, the sign-offs) keeps them:
    what GitHub or the release says is not made up from a missing value, and
    dropping it would hide a real problem.
    """
    gaps = launch.gaps if launch is not None else None
    if gaps is None:
        for violation in violations:
            yield _finding(rule, override, launch, violation)
        return
    guarded = rule.only is None
    if guarded and gaps.touches(rule.reads):
        return
    assert launch is not None
    for violation in violations:
        path = gaps.place(violation.path) if guarded else gaps.original(violation.path)
        if path is not None:
            subject = violation.subject or launch.subject_at(violation.path)
            yield _finding(rule, override, launch, replace(violation, path=path, subject=subject))


def _finding(
    rule: Rule, override: Severity | None, launch: Launch | None, violation: Violation
) -> Finding:
    """A violation as a finding: its place, its severity (the config's, else its own, else
    the rule's), and what it is about."""
    severity = override or violation.severity or rule.severity
    at = violation.at
    if at is not None:
        subject = violation.subject or NO_SUBJECT
        return Finding(
            at.file,
            at.line,
            at.column,
            rule.name,
            severity,
            violation.message,
            at.launch,
            subject,
            violation.fit,
        )
    assert launch is not None  # a violation without a place is about a launch
    line, column = launch.document.locate(violation.path, key=violation.at_key)
    subject = violation.subject or launch.subject_at(violation.path)
    return Finding(
        launch.file,
        line,
        column,
        rule.name,
        severity,
        violation.message,
        launch.manifest.id,
        subject,
        violation.fit,
    )


def _summary(launch: Launch) -> LaunchSummary:
    manifest = launch.manifest
    release = manifest.release.date if manifest.release else None
    announce = manifest.announce.date if manifest.announce else None
    return LaunchSummary(
        id=manifest.id,
        file=launch.file,
        name=manifest.name,
        release=release.isoformat() if release else None,
        announce=announce.isoformat() if announce else None,
    )
