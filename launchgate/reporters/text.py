"""Human output for a terminal: findings grouped by launch, a verdict at the end."""

from __future__ import annotations

from launchgate.escape import terminal_text as shown
from launchgate.findings import Finding, Report, Severity
from launchgate.reporters.summary import fit_parts, release_line, unattached_groups, verdict

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.NOTICE: "36"}


def render(report: Report, colour: bool = False) -> str:
    def paint(text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if colour else text

    def line(finding: Finding) -> str:
        where = f"{shown(finding.file)}:{finding.line}:{finding.column}"
        level = paint(finding.severity.label, _COLOURS[finding.severity])
        head = f"  {where} {level} {paint(finding.rule, '2')} {shown(finding.message)}"
        fit = finding.fit
        if fit is None:
            return head
        # Labelled, quoted parts read in any terminal and survive a copy-paste; colour
        # only adds the red.
        fits, over = fit_parts(fit)
        out = f'{head}\n      fits: "{shown(fits)}"  over: "{paint(shown(over), "31")}"'
        if fit.readers_see is not None:
            out += f'\n      readers see: "{shown(fit.readers_see)}"'
        return out

    def waived(finding: Finding) -> list[str]:
        """A waived finding, marked, and the waiver under it: why, who approved, until when."""
        waiver = finding.waiver
        assert waiver is not None
        where = f"{shown(finding.file)}:{finding.line}:{finding.column}"
        mark = paint(f"waived {finding.severity.label}", "2")
        return [
            f"  {where} {mark} {paint(finding.rule, '2')} {shown(finding.message)}",
            f"      waived until {waiver.expires}, approved by {shown(waiver.approved_by)} "
            f"({shown(waiver.file)}:{waiver.line}): {shown(waiver.reason)}",
        ]

    out: list[str] = []
    for launch in report.launches:
        findings = report.findings_for(launch)
        title = shown(launch.name or launch.id)
        state = paint("not ready", "31") if report.launch_failed(launch) else paint("ready", "32")
        out.append(f"{paint(title, '1')} ({shown(launch.id)}, {shown(launch.file)}): {state}")
        out += [line(f) for f in findings if f.waiver is None]
        for finding in findings:
            out += waived(finding) if finding.waiver is not None else []
    for title, findings in unattached_groups(report):
        out.append(paint(title, "1"))
        out += [line(f) for f in findings]
    if out:
        out.append("")
    release = release_line(report)
    if release:
        out.append(shown(release[0].upper() + release[1:]))
    mark = paint("✗", "31") if report.failed else paint("✓", "32")
    out.append(f"{mark} {verdict(report)} (as of {report.today})")
    return "\n".join(out) + "\n"
