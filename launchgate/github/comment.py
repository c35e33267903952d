"""The pull-request comment (and job summary): ready or not, and what each reviewer must do.

Shape (the README's "On GitHub", "What it publishes"): a verdict line; one row per launch
with its dates, each role's sign-off and its blockers; "Needs you" with the
sign-offs still to give (a launch's roles, and those of the waivers it adds);
the findings folded per launch, linked to the manifest line at the head
commit; the policy it was checked against; and the hidden marker last.

Text from manifests only ever appears escaped or in code spans. Names of
people come from the base branch's policy and from GitHub, never from a
manifest, and they are @mentioned only when the policy asks for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from launchgate.config import Config
from launchgate.days import without_year
from launchgate.escape import md_code, md_mention, md_text
from launchgate.findings import Finding, LaunchSummary, Report
from launchgate.github.actions import ActionsEnv
from launchgate.github.approvals import who_may_sign
from launchgate.github.outcome import LaunchSignoffs, Outcome
from launchgate.launch import Launch
from launchgate.reporters.markdown import (
    dates_cell,
    details,
    short_date,
    unwaived,
    waived_details,
)
from launchgate.reporters.summary import counts, unattached_groups, verdict
from launchgate.signoff_records import RecordNote, evidence_label, evidence_url
from launchgate.timeline import chart, nearby_freezes
from launchgate.timeline import markdown as timeline_markdown

MARKER = "<!-- launchgate:pull-request-comment -->"
COMMENT_LIMIT = 65_536  # GitHub's limit on a comment body, in characters
# Bounds the timeline, which is never cut: about 100 characters a task.
TIMELINE_TASKS = 60
_ROLE_ICONS = {"signed": "✅", "missing": "⏳", "stale": "♻️", "rejected": "❌"}


def render(outcome: Outcome, env: ActionsEnv, with_marker: bool = True) -> str:
    """The comment body; cut to fit GitHub's limit, pointing at the job summary for the rest."""
    head, folded, foot = _parts(outcome, env)
    marker = [MARKER] if with_marker else []
    body = "\n".join(head + folded + foot + marker) + "\n"
    if not with_marker or len(body) <= COMMENT_LIMIT:
        return body
    where = f"the [job summary]({env.run_url})" if env.run_url else "the job summary"
    cut = ["", f"*…more than fits in a comment: {where} has all of it.*", ""]
    room = COMMENT_LIMIT - len("\n".join(cut + foot + marker)) - 100
    kept: list[str] = []
    for line in head + folded:  # the verdict and the table first, then the findings
        if len(line) + 1 > room:
            break
        kept.append(line)
        room -= len(line) + 1
    opened = sum(line.startswith("<details") for line in kept)
    closed = sum(line == "</details>" for line in kept)
    if kept and kept[-1].startswith("|"):
        kept.append("")
    kept += ["</details>"] * (opened - closed)  # a cut inside a fold closes it
    return "\n".join(kept + cut + foot + marker) + "\n"


def _parts(outcome: Outcome, env: ActionsEnv) -> tuple[list[str], list[str], list[str]]:
    report = outcome.report
    config = outcome.config or Config()
    icon = "🚦" if report.failed else "✅"
    head = [f"### {icon} launchgate: {verdict(report)}", ""]
    head += _table(outcome)
    head += _release(outcome, env)
    head += _needs_you(outcome, config)

    link = _linker(outcome, env)
    folded: list[str] = []
    for launch in report.launches:
        findings = unwaived(report.findings_for(launch))
        if findings:
            title = f"{md_text(launch.name or launch.id)} — {counts(findings)}"
            folded += details(title, findings, False, link)
    # The release's own findings (a flag on that no launch declares) under the release,
    # not among files that could not be checked.
    for title, stray in unattached_groups(report):
        folded += details(f"{md_text(title)} — {counts(stray)}", stray, True, link)
    folded += waived_details(report, link)

    foot = _timeline(outcome, config)
    if outcome.policy_changes:
        changed = ", ".join(md_code(path) for path in outcome.policy_changes)
        foot += [
            f"**Policy change:** this pull request changes {changed}. It takes effect after "
            "the merge; until then this pull request is held to the base branch's policy.",
            "",
        ]
    where = []
    if outcome.policy_commit:
        ref = md_code(outcome.policy_ref or "base")
        where.append(f"Policy from {ref} at {md_code(outcome.policy_commit[:7])}")
    where.append(f"checked as of {report.today}")
    where.append("`launchgate explain RULE` for any rule")
    foot.append(f"<sub>{' · '.join(where)}</sub>")
    return head, folded, foot


def _timeline(outcome: Outcome, config: Config) -> list[str]:
    """A gantt chart of the launches the pull request is about, and the freezes near them."""
    once: dict[str, Launch] = {}
    for launch in outcome.timeline_launches:
        once.setdefault(launch.file, launch)
    launches = list(once.values())
    freezes = nearby_freezes(launches, config.calendar.freeze, config.timezone)
    today = dt.date.fromisoformat(outcome.report.today) if outcome.report.today else None
    drawn = chart(launches, freezes, today, config.timezone, TIMELINE_TASKS)
    return timeline_markdown(drawn)


def _table(outcome: Outcome) -> list[str]:
    report = outcome.report
    touched = {entry.launch.file: entry for entry in outcome.signoffs}
    roles: list[str] = []
    for entry in outcome.signoffs:
        roles += [state.role for state in entry.roles if state.role not in roles]
    shown = [launch for launch in report.launches if launch.file in touched]
    shown += [
        launch
        for launch in report.launches
        if launch.file not in touched and report.findings_for(launch)
    ]
    if not shown:
        return []
    header = ["launch", "release · announce", *[md_text(role) for role in roles], "blockers"]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + " --- |" * len(header),
    ]
    for launch in shown:
        found = touched.get(launch.file)
        cells = [_launch_cell(launch, found), dates_cell(launch)]
        cells += [_role_cell(found, role) for role in roles]
        blockers = sum(1 for f in report.findings_for(launch) if report.blocks(f))
        cells.append(str(blockers) if blockers else "0 ✅")
        lines.append("| " + " | ".join(cells) + " |")
    quiet = len(report.launches) - len(shown)
    if quiet:
        lines += ["", f"{quiet} other launch{'' if quiet == 1 else 'es'} checked: ready."]
    return [*lines, ""]


def _launch_cell(launch: LaunchSummary, entry: LaunchSignoffs | None) -> str:
    name = f"**{md_text(launch.name or launch.id)}** {md_code(launch.file)}"
    if entry is None:
        return f"{name} (not changed here)"
    if entry.provenance is not None:
        return f"{name} (released, not changed here)"
    return name


def _role_cell(entry: LaunchSignoffs | None, role: str) -> str:
    state = next((s for s in entry.roles if s.role == role), None) if entry else None
    if state is None:
        return "—"
    icon = _ROLE_ICONS[state.state]
    who = ", ".join(md_text(login) for login in state.who)
    note = state.record
    if state.state == "signed":
        if note is not None and note.recorder:
            who = recorded_signoff(note)
        return f"{icon} {who} in #{state.pull}" if state.pull else f"{icon} {who}"
    if state.state == "stale":
        cell = f"{icon} {who}: approve again"
    elif state.state == "rejected":
        cell = f"{icon} changes requested by {who}"
    else:
        cell = f"{icon} not yet"
    if note is not None and note.why_not:
        cell += f"; sign-off by {md_text(note.record.by)} recorded, {md_text(note.why_not)}"
    return cell


def recorded_signoff(note: RecordNote) -> str:
    """`signed off by Lena Weber on Fri 20 Nov ([LEGAL-123](…)), recorded by @olga`, all of
    it escaped: the record is manifest text, and the recorder is not mentioned."""
    record = note.record
    return (
        f"signed off by {md_text(record.by)} on {without_year(record.on)} "
        f"({_evidence(record.evidence)}), recorded by {md_text('@' + note.recorder)}"
    )


EVIDENCE_SHOWN = 40  # characters of a label: the cell is a table's


def _evidence(evidence: str) -> str:
    """A short label for the evidence: a link when it is a web address, else a code span."""
    label = evidence_label(evidence)
    if len(label) > EVIDENCE_SHOWN:
        label = label[: EVIDENCE_SHOWN - 1] + "…"
    url = evidence_url(evidence)
    if url is None:
        return md_code(label)
    # Nothing in the address may end the link or the table cell, or open markup.
    return f"[{md_text(label)}]({quote(url, safe=_URL_SAFE)})"


_URL_SAFE = ":/?#=&%+,;@!$~"


def _release(outcome: Outcome, env: ActionsEnv) -> list[str]:
    """The release this pull request ships, and where each launch's sign-offs come from."""
    release = outcome.report.release
    if release is None:
        return []
    day = f", ships {short_date(release.date)}" if release.date else ""
    lines = [f"**Release {md_text(release.version)}** ({md_text(release.why)}){day}"]
    if not release.launches:
        lines.append("- no launch has this version")
    for entry in outcome.signoffs:
        provenance = entry.provenance
        if provenance is None:
            continue
        title = f"*{md_text(entry.launch.manifest.title)}*"
        if provenance.pull is None or provenance.altered:
            base = outcome.pull.base_ref if outcome.pull else "the base branch"
            lines.append(f"- {title}: {md_text(provenance.describe(entry.launch.file, base))}")
            continue
        signers = [
            md_text(login) if state.record is None else _recorded_by(state.record)
            for state in entry.roles
            if state.state == "signed" and state.pull == provenance.pull
            for login in state.who
        ]
        lines.append(
            f"- {title}: signed off by {_joined(signers)} in #{provenance.pull}"
            if signers
            else f"- {title}: last changed in #{provenance.pull}, which no role signed off"
        )
    return [*lines, ""]


def _needs_you(outcome: Outcome, config: Config) -> list[str]:
    """One line per thing someone must do, naming every launch it unblocks."""
    author = outcome.pull.author if outcome.pull else ""
    todo: dict[_Todo, list[str]] = {}
    for entry in outcome.signoffs:
        title = f"*{md_text(entry.launch.manifest.title)}*"
        for state in entry.roles:
            if state.state != "signed":
                key = _Todo(state.state, state.role, state.who, entry.group_pull or (0, author))
                todo.setdefault(key, []).append(title)
        waivers = entry.launch.manifest.waivers or []
        for waiver in entry.waivers:  # a waiver applies once its role approves it here
            state = waiver.state
            if state.state != "signed":
                key = _Todo(state.state, state.role, state.who, entry.group_pull or (0, author))
                rule = md_code(waivers[waiver.index].rule)
                todo.setdefault(key, []).append(f"the waiver of {rule} in {title}")
    lines = [f"- {_action(key, _joined(titles), config)}" for key, titles in todo.items()]
    return ["**Needs you**", *lines, ""] if lines else []


@dataclass(frozen=True)
class _Todo:
    """One thing to do about a role: what holds it back, and on which pull request."""

    kind: str  # the role's state: missing, stale or rejected
    role: str
    who: tuple[str, ...]  # who requested changes, or whose approval went stale
    pull: tuple[int, str]  # (number, author); number 0 for the pull request commented on


def _action(todo: _Todo, titles: str, config: Config) -> str:
    """What to do about `todo`, for the launches `titles` names."""
    kind, role_name, who = todo.kind, todo.role, todo.who
    number, author = todo.pull
    role = md_text(role_name)
    if number and kind in ("rejected", "stale"):  # a merge group's pull request: say which
        titles = f"{titles} in #{number}"
    setting = config.roles.get(role_name)
    if kind == "rejected":
        names = _people(list(who), config)
        return f"{names}: changes requested on {titles}; approve once they are addressed ({role})."
    if kind == "stale":
        names = _people(list(who), config)
        return f"{names}: changed since your approval; approve {titles} again ({role})."
    if setting is None or not (setting.users or setting.teams or setting.recorded_by):
        return f"{role}: nobody can sign off {titles}: the role has no members in the policy."
    where = f"#{number}" if number else "this pull request"
    recorders = " or ".join(md_text(name) for name in setting.recorded_by)
    record = (
        f"record {role}'s sign-off under `signoff_records` in the manifest, and a member of "
        f"{recorders} approves {where}"
    )
    if not (setting.users or setting.teams):
        return f"{role}: {record} to sign off {titles}."
    people = [user for user in setting.users if user.lower() != author.lower()]
    if config.signoffs.mention:
        choices = [md_mention(name) for name in [*people, *setting.teams]]
        names = " or ".join(choices) or "nobody but the author"
    else:
        names = md_text(who_may_sign(setting, author))
    also = f"; or {record}" if setting.recorded_by else ""
    return f"{role}: approve {where} to sign off {titles} ({names}){also}."


def _recorded_by(note: RecordNote) -> str:
    return f"{md_text(note.record.by)} (recorded by {md_text(note.recorder)})"


def _joined(titles: list[str]) -> str:
    return titles[0] if len(titles) == 1 else f"{', '.join(titles[:-1])} and {titles[-1]}"


def _people(logins: list[str], config: Config) -> str:
    if config.signoffs.mention:
        return ", ".join(md_mention(login) for login in logins)
    return ", ".join(md_text(login) for login in logins)


def _linker(outcome: Outcome, env: ActionsEnv) -> Callable[[Finding], str] | None:
    pull = outcome.pull
    if pull is None:
        return None
    base = f"{env.server_url}/{env.repository}/blob/{pull.head_sha}/"

    def link(finding: Finding) -> str:
        url = f"{base}{quote(env.prefix + finding.file)}#L{finding.line}"
        return f"[{md_text(f'{finding.file}:{finding.line}')}]({url})"

    return link


def status_line(report: Report) -> str:
    """The commit status description (GitHub keeps 140 characters)."""
    return verdict(report)[:140]
