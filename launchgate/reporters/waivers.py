"""`launchgate waivers` as text (a terminal), Markdown (GitHub) and JSON (tools).

Manifest text is escaped in each: terminal controls, Markdown and HTML.
"""

from __future__ import annotations

import json

from launchgate.days import with_year
from launchgate.escape import md_code, md_text
from launchgate.escape import terminal_text as shown
from launchgate.waiver_list import SCHEMA, Listed, WaiverList

_MARKS = {"active": "✅", "expiring": "⏳", "expired": "⌛", "unused": "🧹", "refused": "⛔"}


def _where(item: Listed) -> str:
    return "; ".join(f"{key}: {', '.join(values)}" for key, values in item.where.items())


def _state(item: Listed, waivers: WaiverList) -> str:
    """`active, covers 3 findings`, `expiring in 5 days`, `refused: why`."""
    if item.state in ("refused", "expired"):
        return f"{item.state}: {item.why}"
    if item.state == "unused":
        return "unused: covers no finding"
    n = item.covers
    covers = f"covers {n} finding{'' if n == 1 else 's'}"
    if item.state == "expiring":
        days = (item.expires - waivers.today).days
        when = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")
        return f"expiring {when}, {covers}"
    return f"active, {covers}"


def _summary(waivers: WaiverList) -> str:
    n = len(waivers.waivers)
    if not n:
        return f"no waivers (as of {waivers.today.isoformat()})"
    parts = [f"{count} {state}" for state, count in waivers.tally().items() if count]
    noun = "waiver" if n == 1 else "waivers"
    return (
        f"{n} {noun}: {', '.join(parts)} (as of {waivers.today.isoformat()}; expiring: "
        f"ends within {waivers.days} days)"
    )


def render_text(waivers: WaiverList) -> str:
    out = []
    for item in waivers.waivers:
        where = f" [{shown(_where(item))}]" if item.where else ""
        out.append(
            f"{shown(item.file)}:{item.line} {shown(item.launch)} {item.rule}{where}: "
            f"{shown(_state(item, waivers))}"
        )
        out.append(
            f"    until {item.expires.isoformat()}, approved by {shown(item.approved_by)}: "
            f"{shown(item.reason)}"
        )
    if out:
        out.append("")
    out.append(_summary(waivers))
    return "\n".join(out) + "\n"


def render_markdown(waivers: WaiverList) -> str:
    out = [f"### launchgate waivers: {md_text(_summary(waivers))}", ""]
    if waivers.waivers:
        out += [
            "| state | launch | rule | where | reason | approved by | expires | place |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for item in waivers.waivers:
            cells = [
                f"{_MARKS[item.state]} {md_text(_state(item, waivers))}",
                md_text(item.launch_name),
                md_code(item.rule),
                md_text(_where(item)) or "—",
                md_text(item.reason),
                md_text(item.approved_by),
                with_year(item.expires),
                md_code(f"{item.file}:{item.line}"),
            ]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out) + "\n"


def render_json(waivers: WaiverList) -> str:
    """`launchgate.waivers/v1`: each waiver with its state, in file and line order."""
    data = {
        "schema": SCHEMA,
        "today": waivers.today.isoformat(),
        "days": waivers.days,
        "until": waivers.until.isoformat(),
        "summary": {"waivers": len(waivers.waivers), **waivers.tally()},
        "waivers": [
            {
                "launch": item.launch,
                "file": item.file,
                "line": item.line,
                "rule": item.rule,
                "where": item.where,
                "reason": item.reason,
                "approved_by": item.approved_by,
                "expires": item.expires.isoformat(),
                "state": item.state,
                "why": item.why,
                "covers": item.covers,
            }
            for item in waivers.waivers
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
