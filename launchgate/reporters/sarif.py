"""SARIF 2.1.0, for code-scanning tools (GitHub code scanning, IDE viewers).

The rule metadata comes from the rule registry, the same docstrings that
`launchgate explain` prints, so every finding's rule is described in the log
itself. Paths are relative to the checked repository (`%SRCROOT%`), so the
log is the same wherever the repository is checked out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from urllib.parse import quote

from launchgate import __version__
from launchgate.docs import parse, rule_markdown
from launchgate.findings import Finding, Report, Severity
from launchgate.rules import ALL, Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/launchgate/launchgate"  # as the starter workflow names it
SRCROOT = "%SRCROOT%"
# Stands in for the results while the rest is indented; no rule text contains it.
_RESULTS = "\0results\0"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "note"}


def render(report: Report, colour: bool = False) -> str:
    index = {rule.name: position for position, rule in enumerate(ALL)}
    run = {
        "tool": {
            "driver": {
                "name": "launchgate",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(rule) for rule in ALL],
            }
        },
        "originalUriBaseIds": {
            SRCROOT: {"description": {"text": "The root of the checked repository."}}
        },
        # Columns come from the YAML parser, which counts code points (an emoji is one).
        "columnKind": "unicodeCodePoints",
        "properties": {
            "today": report.today,
            "failOn": report.fail_on.label,
            "status": "fail" if report.failed else "pass",
        },
        "results": _RESULTS,
    }
    text = json.dumps(
        {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False
    )
    # The results one a line: as readable in a diff as indent=2, and json's C encoder only
    # runs without indent (see json_report).
    results = [_result(finding, index) for finding in report.findings]
    return text.replace(json.dumps(_RESULTS), _listing(results), 1) + "\n"


def _descriptor(rule: Rule) -> dict[str, object]:
    doc = parse(rule)
    # Viewers wrap text themselves: one line a paragraph.
    paragraphs = [doc.summary, *doc.description.split("\n\n")] if doc.description else [doc.summary]
    full = "\n\n".join(" ".join(p.split()) for p in paragraphs)
    return {
        "id": rule.name,
        "name": "".join(part.capitalize() for part in rule.name.split("-")),
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": full},
        "help": {"text": rule.doc, "markdown": rule_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"needsGitHub": rule.needs_github},
    }


def _result(finding: Finding, index: Mapping[str, int]) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(finding.file), "uriBaseId": SRCROOT},
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                }
            }
        ],
    }
    properties: dict[str, object] = {}
    if finding.launch is not None:
        properties["launch"] = finding.launch
    if finding.fit is not None:  # copy over its limit: where the limit falls in its text
        properties["limitAt"] = finding.fit.limit_at
        properties["over"] = finding.fit.over
    if properties:
        result["properties"] = properties
    waiver = finding.waiver
    if waiver is not None:
        # SARIF 2.1.0 §3.35: written in the manifest itself (inSource), accepted by a role.
        result["suppressions"] = [
            {
                "kind": "inSource",
                "status": "accepted",
                "justification": waiver.reason,
                "location": {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(waiver.file), "uriBaseId": SRCROOT},
                        "region": {"startLine": waiver.line},
                    }
                },
                "properties": {"approvedBy": waiver.approved_by, "expires": waiver.expires},
            }
        ]
    return result


def _uri(path: str) -> str:
    """A repository-relative path as a URI reference: spaces, `#`, `%` and non-ASCII escaped."""
    return quote(path, safe="/")


def _listing(items: Sequence[Mapping[str, object]]) -> str:
    if not items:
        return "[]"
    return (
        "[\n        "
        + ",\n        ".join(json.dumps(i, ensure_ascii=False) for i in items)
        + "\n      ]"
    )
