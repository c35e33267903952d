"""The JSON report: `launchgate.report/v1`, a contract other tools parse."""

from __future__ import annotations

import json

from launchgate.findings import Report, Severity

SCHEMA = "launchgate.report/v1"


def render(report: Report, colour: bool = False) -> str:
    document = {
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
        "launches": [
            {
                "id": launch.id,
                "file": launch.file,
                "status": "fail" if report.launch_failed(launch) else "pass",
                "name": launch.name,
                "release": launch.release,
                "announce": launch.announce,
            }
            for launch in report.launches
        ],
        "findings": [
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
        ],
    }
    # One finding a line: as readable in a diff as indent=2, and json's fast C encoder
    # only runs without indent (a large report took four times as long).
    findings = document.pop("findings")
    head = json.dumps(document, indent=2, ensure_ascii=False).removesuffix("\n}")
    lines = [json.dumps(finding, ensure_ascii=False) for finding in findings]
    listing = "[\n    " + ",\n    ".join(lines) + "\n  ]" if lines else "[]"
    return f'{head},\n  "findings": {listing}\n}}\n'
