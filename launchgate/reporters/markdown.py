"""Markdown for people on GitHub: the body the pull-request comment and job summary reuse.

Everything that comes from a manifest goes through `escape`, so a hostile
manifest cannot inject HTML, break a table or mention anyone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from launchgate.days import without_year
from launchgate.escape import md_code, md_text
from launchgate.findings import CopyFit, Finding, LaunchSummary, Report, Severity
from launchgate.reporters.summary import (
    counts,
    fit_parts,
    release_line,
    unattached_groups,
    verdict,
)

ICONS = {
    Severity.ERROR: "❌",
    Severity.WARNING: "⚠️",
    Severity.NOTICE: "\N{INFORMATION SOURCE}\N{VARIATION SELECTOR-16}",
}


def render(report: Report, colour: bool = False) -> str:
    icon = "🚦" if report.failed else "✅"
    out = [f"### {icon} launchgate: {verdict(report)}", ""]
    release = release_line(report)
    if release:
        out += [f"**{md_text(release[0].upper() + release[1:])}**", ""]
    if report.launches:
        out += [
            "| launch | release · announce | blockers | findings |",
            "| --- | --- | --- | --- |",
        ]
        out += [_launch_row(report, launch) for launch in report.launches]
        out.append("")
    for launch in report.launches:
        findings = unwaived(report.findings_for(launch))
        if findings:
            title = md_text(launch.name or launch.id)
            out += details(f"{title} — {counts(findings)}", findings, report.launch_failed(launch))
    for title, stray in unattached_groups(report):
        out += details(f"{md_text(title)} — {counts(stray)}", stray, True)
    out += waived_details(report)
    out.append(f"<sub>checked as of {report.today} · `launchgate explain RULE` for any rule</sub>")
    return "\n".join(out) + "\n"


def _launch_row(report: Report, launch: LaunchSummary) -> str:
    blockers = sum(1 for f in report.findings_for(launch) if report.blocks(f))
    name = f"**{md_text(launch.name or launch.id)}** {md_code(launch.file)}"
    state = "✅" if blockers == 0 else f"❌ {blockers}"
    # Counted as the launch's fold below counts them: the waived ones apart.
    found = report.findings_for(launch)
    waived = len(found) - len(unwaived(found))
    count = f"{len(found) - waived}" + (f" + {waived} waived" if waived else "")
    return f"| {name} | {dates_cell(launch)} | {state} | {count} |"


def dates_cell(launch: LaunchSummary) -> str:
    """A launch's release and announcement days, `—` for one it has not set."""
    return f"{short_date(launch.release)} · {short_date(launch.announce)}"


def short_date(iso: str | None) -> str:
    """A report's day (ISO text) for a table cell; `—` when there is none."""
    if not iso:
        return "—"
    return without_year(dt.date.fromisoformat(iso))


def unwaived(findings: list[Finding]) -> list[Finding]:
    """The findings no waiver covers: the waived ones have a fold of their own."""
    return [f for f in findings if f.waiver is None]


def waived_details(report: Report, where: Callable[[Finding], str] | None = None) -> list[str]:
    """The waived findings in a fold of their own, each with its waiver: why, who, until when."""
    waived = report.waived
    if not waived:
        return []
    place = where or (lambda f: md_code(f"{f.file}:{f.line}"))
    names = {(launch.file, launch.id): launch.name or launch.id for launch in report.launches}
    rows = []
    for f in waived:
        waiver = f.waiver
        assert waiver is not None
        launch = md_text(names.get((f.file, f.launch or ""), f.launch or ""))
        why = (
            f"{md_text(waiver.reason)} — approved by {md_text(waiver.approved_by)}, "
            f"until {short_date(waiver.expires)} ({md_code(f'{waiver.file}:{waiver.line}')})"
        )
        rows.append(f"| {launch} | {place(f)} | {md_code(f.rule)} | {md_text(f.message)} | {why} |")
    return [
        f"<details><summary>Waived ({len(waived)})</summary>",
        "",
        "| launch | where | rule | what | waiver |",
        "| --- | --- | --- | --- | --- |",
        *rows,
        "",
        "</details>",
        "",
    ]


def details(
    summary: str,
    findings: list[Finding],
    open_: bool,
    where: Callable[[Finding], str] | None = None,
) -> list[str]:
    """A folded table of findings; `where` may turn a place into a link."""
    place = where or (lambda f: md_code(f"{f.file}:{f.line}"))
    rows = [
        f"| {ICONS[f.severity]} | {place(f)} | {md_code(f.rule)} | {md_text(f.message)}"
        f"{fit_cell(f.fit) if f.fit else ''} |"
        for f in findings
    ]
    return [
        f"<details{' open' if open_ else ''}><summary>{summary}</summary>",
        "",
        "| | where | rule | what |",
        "| --- | --- | --- | --- |",
        *rows,
        "",
        "</details>",
        "",
    ]


def fit_cell(fit: CopyFit) -> str:
    """Where the limit falls, for a table cell: what fits, then the overflow struck through.

    Escaped like the message, not put in code spans: GitHub would not render HTML inside
    one, but the comment's hidden marker or an @mention would still be there as text.
    """
    fits, over = fit_parts(fit)
    cell = f"<br>fits: {_quoted(fits)} over: ~~{_quoted(over)}~~"
    if fit.readers_see is not None:
        cell += f"<br>readers see: {_quoted(fit.readers_see)}"
    return cell


def _quoted(text: str) -> str:
    # Spaces alone would leave "~~~~" or empty quotes: say so in words.
    return f'"{md_text(text)}"' if text.strip() else "(nothing)"
