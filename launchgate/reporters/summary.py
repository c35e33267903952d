"""Words shared by the human reporters: the verdict and the counts."""

from __future__ import annotations

from collections.abc import Iterable

from launchgate.channels import grapheme_bounds
from launchgate.findings import CopyFit, Finding, Report, Severity

# How much of the copy around a limit the human reports show: enough to see the words.
SHOWN_AROUND_LIMIT = 40


def counts(findings: Iterable[Finding]) -> str:
    """`2 errors, 1 warning, 1 waived`, leaving out the zeros; a waived finding counts as waived."""
    tally = {severity: 0 for severity in (Severity.ERROR, Severity.WARNING, Severity.NOTICE)}
    waived = 0
    for finding in findings:
        if finding.waiver is None:
            tally[finding.severity] += 1
        else:
            waived += 1
    parts = [f"{n} {s.label}{'' if n == 1 else 's'}" for s, n in tally.items() if n]
    if waived:
        parts.append(f"{waived} waived")
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


def release_line(report: Report) -> str | None:
    """`release 4.2.0 (branch release/4.2.0), ships 2026-12-01: 2 launches: a, b`."""
    release = report.release
    if release is None:
        return None
    why = f" ({release.why})" if release.why else ""
    day = f", ships {release.date}" if release.date else ""
    n = len(release.launches)
    launches = (
        f"{n} launch{'' if n == 1 else 'es'}: {', '.join(release.launches)}"
        if n
        else "no launch has this version"
    )
    return f"release {release.version}{why}{day}: {launches}"


def unattached_groups(report: Report) -> list[tuple[str, list[Finding]]]:
    """Findings about no launch, titled: the release's, then files that could not be checked."""
    stray = report.unattached_findings()
    ours = [f for f in stray if f.rule == "release-mismatch"]
    broken = [f for f in stray if f.rule != "release-mismatch"]
    groups = []
    if ours:
        groups.append((f"Release {report.release.version}" if report.release else "Release", ours))
    if broken:
        groups.append(("Files that could not be checked", broken))
    return groups


def fit_parts(fit: CopyFit) -> tuple[str, str]:
    """The text up to the limit and the overflow, each clipped near the limit with "…"
    (a 4,000-character description need not be shown whole), never inside a character."""
    fits, over = fit.fits, fit.overflow
    if len(fits) > SHOWN_AROUND_LIMIT:
        start = next(b for b in grapheme_bounds(fits) if b >= len(fits) - SHOWN_AROUND_LIMIT)
        fits = "…" + fits[start:]
    if len(over) > SHOWN_AROUND_LIMIT:
        end = max(b for b in grapheme_bounds(over) if b <= SHOWN_AROUND_LIMIT)
        over = over[:end] + "…"
    return fits, over
