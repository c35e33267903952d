"""Words shared by the human reporters: the verdict and the counts."""

from __future__ import annotations

from collections.abc import Iterable

from launchgate.findings import Finding, Report, Severity


def counts(findings: Iterable[Finding]) -> str:
    """`2 errors, 1 warning`, leaving out the zeros."""
    tally = {severity: 0 for severity in (Severity.ERROR, Severity.WARNING, Severity.NOTICE)}
    for finding in findings:
        tally[finding.severity] += 1
    parts = [f"{n} {s.label}{'' if n == 1 else 's'}" for s, n in tally.items() if n]
    return ", ".join(parts) or "no findings"


def verdict(report: Report) -> str:
    """`1 of 2 launches not ready — 2 errors, 1 warning`: the answer first, then the counts."""
    total = len(report.launches)
    if total == 0 and not report.findings:
        return "no launches found"
    noun = "launch" if total == 1 else "launches"
    if not report.failed:
        return f"{total} {noun} ready — {counts(report.findings)}"
    failing = sum(1 for launch in report.launches if report.launch_failed(launch))
    if failing:
        return f"{failing} of {total} {noun} not ready — {counts(report.findings)}"
    return f"not ready — {counts(report.findings)}"
