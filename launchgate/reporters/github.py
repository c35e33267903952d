"""Workflow commands (`::error file=…,line=…::…`): annotations in any GitHub Actions step.

`launchgate ci` writes these itself; `--format github` is for workflows that
run `launchgate check` as a plain step. They are escaped the way GitHub's
toolkit (`@actions/core`) escapes them, so a message from a manifest cannot
end its annotation early or start a command of its own.
"""

from __future__ import annotations

from launchgate.findings import Finding, Report, Severity
from launchgate.reporters.summary import verdict

ANNOTATIONS_PER_LEVEL = 10  # GitHub shows at most 10 errors and 10 warnings per step
_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "notice"}


def render(report: Report, colour: bool = False) -> str:
    lines = annotation_commands(report.findings)
    lines.append(f"launchgate: {verdict(report)}")
    return "\n".join(lines) + "\n"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_commands(findings: list[Finding], prefix: str = "") -> list[str]:
    """Workflow commands for the findings: failures first, within GitHub's caps per step.

    One notice slot is kept for a line that counts what was left out.
    """
    kinds = {s: [f for f in findings if _level(f) == s] for s in _COMMANDS}
    errors = kinds[Severity.ERROR][:ANNOTATIONS_PER_LEVEL]
    warnings = kinds[Severity.WARNING][:ANNOTATIONS_PER_LEVEL]
    left_out = len(findings) - len(errors) - len(warnings) - len(kinds[Severity.NOTICE])
    notice_room = ANNOTATIONS_PER_LEVEL
    if left_out or len(kinds[Severity.NOTICE]) > notice_room:
        notice_room -= 1
    notices = kinds[Severity.NOTICE][:notice_room]
    left_out += len(kinds[Severity.NOTICE]) - len(notices)
    lines = [_annotation(f, prefix) for f in errors + warnings + notices]
    if left_out:
        lines.append(
            f"::notice title=launchgate::{left_out} more finding"
            f"{'' if left_out == 1 else 's'} not annotated (GitHub shows 10 of each kind "
            "per step); the job summary lists them all"
        )
    return lines


def _level(finding: Finding) -> Severity:
    """A waived finding is a notice: shown where it is, failing nothing."""
    return Severity.NOTICE if finding.waiver is not None else finding.severity


def _annotation(finding: Finding, prefix: str) -> str:
    properties = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", prefix + finding.file),
            ("line", str(finding.line)),
            ("col", str(finding.column)),
            ("title", f"launchgate {finding.rule}" + (" (waived)" if finding.waiver else "")),
        )
    )
    message = finding.message
    waiver = finding.waiver
    if waiver is not None:
        message += (
            f" — waived until {waiver.expires}, approved by {waiver.approved_by} "
            f"({waiver.file}:{waiver.line}): {waiver.reason}"
        )
    return f"::{_COMMANDS[_level(finding)]} {properties}::{escape_data(message)}"
