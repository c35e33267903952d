"""(repository, config) -> Report: runs the enabled rules and places their findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from launchgate.channels import PRESETS, Channel
from launchgate.config import Config
from launchgate.findings import Finding, LaunchSummary, Report, Severity
from launchgate.loader import PARALLEL_FROM
from launchgate.parallel import split_map
from launchgate.repository import Repository
from launchgate.rules import ALL, MANIFEST_INVALID, Rule
from launchgate.rules.base import Context, Launch, Violation
from launchgate.workdays import Workdays


def check(repo: Repository, today: dt.date, fail_on: Severity = Severity.ERROR) -> Report:
    config = repo.config
    ctx = Context(
        config=config,
        today=today,
        workdays=Workdays(config.calendar.holidays),
        channels=channel_lookup(config),
        glossary=repo.glossary,
        sources=repo.sources,
        config_file=repo.config_file or ".launchgate.yml",
    )
    disabled = {name for name, setting in config.rules.items() if setting == "off"}
    # Rules that need a pull request's reviews sit out here; `launchgate ci` runs them.
    enabled = [
        (rule, _override(rule, config))
        for rule in ALL
        if rule.name not in disabled and not rule.needs_github
    ]
    launches = repo.launches

    def check_launches(start: int, stop: int) -> list[Finding]:
        return [
            _place(rule, override, launch, violation)
            for launch in launches[start:stop]
            for rule, override in enabled
            if rule.check is not None
            for violation in rule.check(launch, ctx)
        ]

    # Rules about one launch at a time are most of the work, and launches stand alone.
    findings = split_map(check_launches, len(launches), PARALLEL_FROM)
    for rule, override in enabled:
        if rule.check_all is not None:
            findings += [
                _place(rule, override, launch, violation)
                for launch, violation in rule.check_all(launches, ctx)
            ]
    if MANIFEST_INVALID.name not in disabled:
        severity = _override(MANIFEST_INVALID, config) or MANIFEST_INVALID.severity
        findings += [
            Finding(
                p.file,
                p.problem.line,
                p.problem.column,
                MANIFEST_INVALID.name,
                severity,
                p.problem.message,
                p.launch,
            )
            for p in repo.problems
        ]
    return Report(
        launches=[_summary(launch) for launch in repo.launches],
        findings=findings,
        fail_on=fail_on,
        today=today.isoformat(),
        files_checked=repo.files_checked,
    )


def _override(rule: Rule, config: Config) -> Severity | None:
    """A severity the config sets for every finding of the rule, if it sets one."""
    setting = config.rules.get(rule.name)
    return Severity.parse(setting) if setting and setting != "off" else None


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
