"""(repository, config) -> Report: runs the enabled rules and places their findings."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from launchgate.channels import PRESETS, Channel
from launchgate.config import Config, config_name
from launchgate.findings import Finding, LaunchSummary, Report, Severity
from launchgate.launch import Launch, SourceText
from launchgate.loader import DEFAULT_MAX_BYTES, PARALLEL_FROM, bulk_loading, read_document
from launchgate.parallel import split_map
from launchgate.release_target import ReleaseTarget, release_findings, release_summary
from launchgate.repository import (
    LoadProblem,
    Repository,
    add_launches,
    builtin_checklists,
    read_checklist,
)
from launchgate.rules import ALL, RULES, Rule
from launchgate.rules.base import Context, Violation
from launchgate.workdays import Workdays


def check_loaded(
    repo: Repository,
    today: dt.date,
    fail_on: Severity = Severity.ERROR,
    release: ReleaseTarget | None = None,
) -> Report:
    """Check a repository whose launches are loaded already (and a release, if given)."""
    checker = _Checker(repo, today, release=release)
    findings = checker.per_launch(repo.launches)
    return checker.report(findings, fail_on)


def load_and_check(
    repo: Repository,
    today: dt.date,
    fail_on: Severity = Severity.ERROR,
    release: ReleaseTarget | None = None,
) -> Report:
    """Load and check an opened repository's manifests; many of them in shards, on several cores.

    Each shard is read, validated and checked by the rules about one launch
    where it is: parsing and those rules are nearly all the work. What comes
    back is its findings, its problems, and its launches as the rules across
    launches see them.
    """
    config = repo.config
    checker = _Checker(repo, today, release=release)

    def check_shard(start: int, stop: int) -> list[_Shard]:
        part = replace(repo, launches=[], problems=[], sources={})
        files = repo.files[start:stop]
        add_launches(
            part, [read_document(path, shown, config.max_file_size) for path, shown in files]
        )
        findings = replace(checker, sources=part.sources).per_launch(part.launches)
        return [_Shard(findings, part.launches, part.problems)]

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

    def __reduce__(self) -> tuple[type[_Shard], tuple[Any, ...]]:
        # Crossing to another process, launches travel as the rules across launches see them.
        views = [launch.for_rules_across() for launch in self.launches]
        return _Shard, (self.findings, views, self.problems)


@dataclass
class _Checker:
    """The enabled rules with their severities, and the context they run in."""

    repo: Repository
    today: dt.date
    sources: dict[str, SourceText] | None = None
    release: ReleaseTarget | None = None

    def __post_init__(self) -> None:
        config = self.repo.config
        self.disabled = {name for name, setting in config.rules.items() if setting == "off"}
        # Rules that need a pull request's reviews sit out here; `launchgate ci` runs them.
        self.enabled = [
            (rule, _override(rule, config))
            for rule in ALL
            if rule.name not in self.disabled and rule.only is None
        ]
        self.ctx = Context(
            config=config,
            today=self.today,
            workdays=Workdays(config.calendar.holidays),
            channels=channel_lookup(config),
            glossary=self.repo.glossary,
            sources=self.repo.sources if self.sources is None else self.sources,
            config_file=config_name(self.repo.config_file),
            builtin_roles=builtin_roles(),
        )

    def per_launch(self, launches: list[Launch]) -> list[Finding]:
        """The rules about one launch at a time: most of the work, so split over cores."""

        def check_launches(start: int, stop: int) -> list[Finding]:
            return [
                finding
                for launch in launches[start:stop]
                for rule, override in self.enabled
                if rule.check is not None
                for finding in _findings(rule, override, launch, rule.check(launch, self.ctx))
            ]

        return split_map(check_launches, len(launches), PARALLEL_FROM)

    def report(self, findings: list[Finding], fail_on: Severity) -> Report:
        """Add the rules across launches and the files that did not load, and sum up."""
        repo = self.repo
        for rule, override in self.enabled:
            if rule.check_across is not None:
                findings += [
                    finding
                    for launch, violation in rule.check_across(repo.launches, self.ctx)
                    for finding in _findings(rule, override, launch, (violation,))
                ]
        findings += problem_findings(repo.problems, repo.config)
        summary = None
        if self.release is not None:
            findings += release_findings(repo, self.release)
            summary = release_summary(repo.launches, self.release)
        return Report(
            launches=[_summary(launch) for launch in repo.launches],
            findings=findings,
            fail_on=fail_on,
            today=self.today.isoformat(),
            files_checked=repo.files_checked,
            release=summary,
        )


@functools.cache
def builtin_roles() -> frozenset[str]:
    """The roles the built-in checklists require: known to every repository, config or not.

    Read from the installed files (never from GitHub), so `launchgate ci` pays no request.
    """
    problems: list[LoadProblem] = []  # a broken built-in checklist is caught by the tests
    roles: set[str] = set()
    for name, path in builtin_checklists().items():
        checklist = read_checklist(path, name, DEFAULT_MAX_BYTES, problems)
        roles.update(checklist.signoffs if checklist else [])
    return frozenset(roles)


def problem_findings(problems: list[LoadProblem], config: Config) -> list[Finding]:
    """Files that could not be read as what they should be (`manifest-invalid`), or that
    look like launches but are not read at all (`manifest-unmatched`)."""
    findings = []
    for p in problems:
        severity = RULES[p.rule].severity_in(config)
        if severity is not None:
            problem = p.problem
            findings.append(
                Finding(
                    p.file,
                    problem.line,
                    problem.column,
                    p.rule,
                    severity,
                    problem.message,
                    p.launch,
                )
            )
    return findings


def _override(rule: Rule, config: Config) -> Severity | None:
    """A severity the config sets for every finding of the rule, if it sets one."""
    setting = config.rules.get(rule.name)
    return Severity.parse(setting) if setting and setting != "off" else None


def _findings(
    rule: Rule, override: Severity | None, launch: Launch, violations: Iterable[Violation]
) -> Iterator[Finding]:
    """The findings of a rule's violations about a launch.

    A launch with invalid values left out (launchgate.salvage) keeps only the
    findings that cannot come from what was left out: none from a rule that
    reads a key something was left out of, none at or around what was left out.
    """
    gaps = launch.gaps
    if gaps is None:
        for violation in violations:
            yield _place(rule, override, launch, violation)
        return
    if gaps.touches(rule.reads):
        return
    for violation in violations:
        path = gaps.place(violation.path)
        if path is not None:
            yield _place(rule, override, launch, replace(violation, path=path))


def _place(rule: Rule, override: Severity | None, launch: Launch, violation: Violation) -> Finding:
    line, column = launch.document.locate(violation.path, key=violation.at_key)
    severity = override or violation.severity or rule.severity
    return Finding(
        launch.file, line, column, rule.name, severity, violation.message, launch.manifest.id
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


def channel_lookup(config: Config) -> Callable[[str], Channel | None]:
    """Channel by name: the config's channels over the presets.

    Only `in_app` is a family: `in_app.banner` is in-app copy with its own `max:`.
    Any other unknown name (`web.title.hom`) is a typo to report, not a channel.
    """
    table = dict(PRESETS)
    for name, setting in sorted(config.channels.items()):
        base = table.get(name) or (table["in_app"] if name.startswith("in_app.") else None)
        table[name] = Channel(
            name=name,
            max=setting.max or setting.max_segments or (base.max if base else 0),
            unit=setting.unit or (base.unit if base else "utf16"),
            hard=setting.kind == "hard" if setting.kind else (base.hard if base else True),
        )

    def lookup(name: str) -> Channel | None:
        if name in table:
            return table[name]
        return table["in_app"] if name.startswith("in_app.") else None

    return lookup
