"""Launches -> a Mermaid `gantt` chart: the timeline in `launchgate calendar` and the PR comment.

A section per launch (in the order of its first date), milestones for the
release and the announcement, a one-day bar on each deliverable's due day
(`done` when finished, `crit` when overdue) and on each waiver's last day
(`crit` once it has passed), and the freeze windows last.

Mermaid reads a task line as `name :data`, where `:`, `#`, `;` and newlines
end things, `%%` starts a comment or a directive, and a line that starts with
a keyword (`click`, `section`, `title`…) is that keyword. So text from a
manifest keeps only letters, digits, spaces and a few harmless marks, and every
task name starts with a symbol launchgate chooses. Nothing that survives can
hold a backtick, so the chart cannot close the Markdown fence around it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from launchgate.config import Freeze
from launchgate.events import Event, freeze_events, launch_events, waiver_events
from launchgate.launch import Launch
from launchgate.waivers import named

NAME_LIMIT = 60  # characters of manifest text in one task or section name
# What survives of manifest text: \w is letters (any script), digits and _.
_UNSAFE = re.compile(r"[^\w \-.,/()+'!?]")
_ICONS = {"release": "🚀", "announce": "📣", "collateral": "📝", "freeze": "❄️", "waiver": "⌛"}
# What fills the room the milestones and freezes leave, earliest first.
_FILLERS = ("collateral", "waiver")


@dataclass(frozen=True)
class Chart:
    text: str  # the Mermaid source, "" when nothing is dated
    omitted: int  # dates left out to stay within max_tasks


def mermaid_text(text: str, limit: int = NAME_LIMIT) -> str:
    """Manifest text that Mermaid shows as it is and cannot read as syntax."""
    flat = " ".join(_UNSAFE.sub(" ", unicodedata.normalize("NFC", text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def chart(
    launches: Sequence[Launch],
    freezes: Sequence[Freeze] = (),
    today: dt.date | None = None,
    timezone: str = "UTC",
    max_tasks: int | None = None,
) -> Chart:
    """The Mermaid gantt chart of the launches and freezes (text "" if none is dated), and
    how many dates it left out to stay within `max_tasks`.

    `today` marks unfinished deliverables due before it as `crit`.
    """
    sections: list[tuple[str, list[Event]]] = []
    for launch in launches:
        events = [e for e in launch_events(launch, timezone) if e.kind != "embargo"]
        events += waiver_events(launch)
        if events:
            title = mermaid_text(launch.manifest.title) or mermaid_text(launch.manifest.id)
            sections.append((title or "launch", sorted(events, key=Event.sort_key)))
    sections.sort(key=lambda section: section[1][0].sort_key())
    if freezes:
        sections.append(("Freeze windows", freeze_events(freezes)))
    # Over the budget, the release and announcement milestones and the freezes stay:
    # they are what the chart is for. Deliverables and waivers fill what is left, earliest first.
    every = [event for _, events in sections for event in events]
    ranked = [e for e in every if e.kind not in _FILLERS] + [e for e in every if e.kind in _FILLERS]
    kept = {id(event) for event in ranked[: max_tasks if max_tasks is not None else len(every)]}
    lines = ["gantt", "  dateFormat YYYY-MM-DD", "  axisFormat %d %b"]
    for title, events in sections:
        shown = [event for event in events if id(event) in kept]
        if shown:
            lines.append(f"  section {title}")
            lines += [f"  {_task(event, today)}" for event in shown]
    omitted = len(every) - len(kept)
    if len(lines) == 3:
        return Chart("", omitted)
    return Chart("\n".join(lines) + "\n", omitted)


def _task(event: Event, today: dt.date | None) -> str:
    icon = _ICONS[event.kind]
    day = event.start.isoformat()
    if event.kind == "release":
        version = mermaid_text(event.label)
        return f"{icon} Release{' ' + version if version else ''} :milestone, {day}, 0d"
    if event.kind == "announce":
        return f"{icon} Announcement :milestone, {day}, 0d"
    if event.kind == "freeze":
        days = (event.end - event.start).days + 1
        return f"{icon} {mermaid_text(event.label) or 'Freeze'} :{day}, {days}d"
    if event.waiver is not None:  # its owner is the role that approves it
        name = mermaid_text(f"Waiver ends {named(event.waiver)}")
    else:
        name = mermaid_text(event.item) or mermaid_text(event.label) or "deliverable"
    owner = mermaid_text(event.owner or "")
    state = "done, " if event.finished else "crit, " if event.overdue(today) else ""
    return f"{icon} {name}{' · ' + owner if owner else ''} :{state}{day}, 1d"


def nearby_freezes(
    launches: Sequence[Launch], freezes: Sequence[Freeze], timezone: str = "UTC"
) -> list[Freeze]:
    """The freeze windows that overlap the span of the launches' dates."""
    days = [e.start for launch in launches for e in launch_events(launch, timezone)]
    if not days:
        return []
    first, last = min(days), max(days)
    return [f for f in freezes if f.start <= last and f.end >= first]


def markdown(chart: Chart, summary: str = "Timeline", open_: bool = False) -> list[str]:
    """The chart folded in a `<details>` for a comment or job summary ([] when it is empty)."""
    if not chart.text:
        return []
    lines = [f"<details{' open' if open_ else ''}><summary>{summary}</summary>", ""]
    lines += ["```mermaid", *chart.text.splitlines(), "```", ""]
    if chart.omitted:
        lines += [
            f"*{chart.omitted} more date{'s' if chart.omitted != 1 else ''} not shown: "
            "`launchgate calendar` lists them all.*",
            "",
        ]
    return [*lines, "</details>", ""]
