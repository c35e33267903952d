"""The JSON report: `launchgate.report/v1`, a contract other tools parse."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from launchgate.findings import Report, Severity

SCHEMA = "launchgate.report/v1"


def render(report: Report, colour: bool = False) -> str:
    head: dict[str, object] = {
        "schema": SCHEMA,
        "status": "fail" if report.failed else "pass",
        "today": report.today,
        "fail_on": report.fail_on.label,
        "summary": {
            "launches": len(report.launches),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "notices": report.count(Severity.NOTICE),
        },
    }
    if report.release is not None:
        head["release"] = {
            "version": report.release.version,
            "date": report.release.date,
            "launches": list(report.release.launches),
        }
    launches = [
        {
            "id": launch.id,
            "file": launch.file,
            "status": "fail" if report.launch_failed(launch) else "pass",
            "name": launch.name,
            "release": launch.release,
            "announce": launch.announce,
        }
        for launch in report.launches
    ]
    findings = [
        {
            "rule": f.rule,
            "severity": f.severity.label,
            "launch": f.launch,
            "file": f.file,
            "line": f.line,
            "column": f.column,
            "message": f.message,
        }
        for f in report.findings
    ]
    top = json.dumps(head, indent=2, ensure_ascii=False).removesuffix("\n}")
    return f'{top},\n  "launches": {_listing(launches)},\n  "findings": {_listing(findings)}\n}}\n'


def _listing(items: Sequence[Mapping[str, object]]) -> str:
    """One item a line: as readable in a diff as indent=2, and json's C encoder only
    runs without indent (with it, a large report took four times as long)."""
    if not items:
        return "[]"
    return "[\n    " + ",\n    ".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n  ]"
