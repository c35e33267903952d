"""The JSON report: `launchgate.report/v1`, a contract other tools parse."""

from __future__ import annotations

import functools
import json
from json.encoder import encode_basestring as _text  # what dumps(ensure_ascii=False) uses

from launchgate.findings import CopyFit, Finding, LaunchSummary, Report, Severity, Subject, Waived

SCHEMA = "launchgate.report/v1"


def render(report: Report, colour: bool = False) -> str:
    summary = {
        "launches": len(report.launches),
        "errors": report.count(Severity.ERROR),
        "warnings": report.count(Severity.WARNING),
        "notices": report.count(Severity.NOTICE),
    }
    waived = len(report.waived)
    if waived:  # only then: a report without waivers reads as it always has
        summary["waived"] = waived
    head: dict[str, object] = {
        "schema": SCHEMA,
        "status": "fail" if report.failed else "pass",
        "today": report.today,
        "fail_on": report.fail_on.label,
        "summary": summary,
    }
    if report.release is not None:
        head["release"] = {
            "version": report.release.version,
            "date": report.release.date,
            "launches": list(report.release.launches),
        }
    launches = [
        _launch_line(launch, "fail" if report.launch_failed(launch) else "pass")
        for launch in report.launches
    ]
    findings = [_finding_line(finding) for finding in report.findings]
    top = json.dumps(head, indent=2, ensure_ascii=False).removesuffix("\n}")
    return f'{top},\n  "launches": {_listing(launches)},\n  "findings": {_listing(findings)}\n}}\n'


def _listing(lines: list[str]) -> str:
    """One item a line: as readable in a diff as indent=2."""
    if not lines:
        return "[]"
    return "[\n    " + ",\n    ".join(lines) + "\n  ]"


# Each item is the line `json.dumps(item, ensure_ascii=False)` would write, put together from
# json's own C string encoder: a large report has ten thousand findings, and a dumps() call
# each (a new encoder every time) was a twentieth of a second. tests/test_json_report.py
# holds the two to the same bytes.


def _launch_line(launch: LaunchSummary, status: str) -> str:
    return (
        f'{{"id": {_text(launch.id)}, "file": {_text(launch.file)}, "status": "{status}", '
        f'"name": {_maybe(launch.name)}, "release": {_maybe(launch.release)}, '
        f'"announce": {_maybe(launch.announce)}}}'
    )


def _finding_line(f: Finding) -> str:
    return (
        f'{{"rule": {_text(f.rule)}, "severity": "{f.severity.label}", '
        f'"launch": {_maybe(f.launch)}, "file": {_text(f.file)}, '
        f'"line": {int(f.line)}, "column": {int(f.column)}, "message": {_text(f.message)}, '
        f'"subject": {_subject(f.launch, f.subject)}{_fit(f.fit)}{_waiver(f.waiver)}}}'
    )


def _waiver(waiver: Waived | None) -> str:
    """`, "waiver": {...}` on a waived finding; nothing on any other."""
    if waiver is None:
        return ""
    return (
        f', "waiver": {{"reason": {_text(waiver.reason)}, '
        f'"approved_by": {_text(waiver.approved_by)}, "expires": {_text(waiver.expires)}, '
        f'"file": {_text(waiver.file)}, "line": {int(waiver.line)}}}'
    )


def _fit(fit: CopyFit | None) -> str:
    """Where a copy-length finding's limit falls; other findings leave the keys out."""
    if fit is None:
        return ""
    return f', "limit_at": {int(fit.limit_at)}, "over": {int(fit.over)}'


def _subject(launch: str | None, subject: Subject) -> str:
    """What a finding is about: its launch, and each part of its Subject that applies."""
    rest = _subject_parts(subject)
    if launch is None:
        return "{" + rest + "}"
    return '{"launch": ' + _text(launch) + (", " + rest if rest else "") + "}"


@functools.lru_cache(maxsize=65536)  # many findings share a subject (a channel and locale)
def _subject_parts(subject: Subject) -> str:
    return ", ".join(
        f"{_text(key)}: {_text(value)}"
        for key, value in zip(Subject._fields, subject, strict=True)
        if value is not None
    )


def _maybe(text: str | None) -> str:
    return "null" if text is None else _text(text)
