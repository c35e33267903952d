"""Workflow commands (`::error file=…,line=…::…`): annotations in any GitHub Actions step.

`launchgate ci` writes these itself; `--format github` is for workflows that
run `launchgate check` as a plain step.
"""

from __future__ import annotations

from launchgate.findings import Report
from launchgate.github.actions import annotation_commands
from launchgate.reporters.summary import verdict


def render(report: Report, colour: bool = False) -> str:
    lines = annotation_commands(report.findings)
    lines.append(f"launchgate: {verdict(report)}")
    return "\n".join(lines) + "\n"
