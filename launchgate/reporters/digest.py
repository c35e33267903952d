"""The digest as Markdown (people: a job summary, a tracking issue) and as JSON (tools).

Manifest text is escaped; owners are shown as handles that ping nobody unless
`mention` is set (the config's `digest.mention`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from launchgate.days import with_year, without_year
from launchgate.due_work import SCHEMA, WAIVER, Digest, Item, OwnerWork
from launchgate.escape import md_code, md_mention, md_text
from launchgate.waivers import scope, where_parts

# (file, line) -> the URL of that manifest line, when the repository is known
Linker = Callable[[str, int], str]


def render_markdown(digest: Digest, link: Linker | None = None, mention: bool = False) -> str:
    until = with_year(digest.until)
    if digest.empty:
        out = [f"### ✅ launchgate digest: nothing overdue or due by {until}", ""]
    else:
        counts = f"{digest.overdue} overdue, {digest.due} due by {until}"
        out = [f"### {'⏰' if digest.overdue else '📋'} launchgate digest: {counts}", ""]
    for work in digest.owners:
        out += _owner_section(work, digest, link, mention)
    if digest.skipped:
        out += [
            "**Not in this digest:** these manifests could not be read, or not in full "
            "(`launchgate check`):"
        ]
        out += [
            f"- {_where(p.file, p.problem.line, link)} {md_text(p.problem.message)}"
            for p in digest.skipped
        ]
        out.append("")
    out.append(
        f"<sub>as of {with_year(digest.today)}, due within {_plural(digest.days, 'day')} · "
        "finished collateral and metric targets (which have no dates) are left out · "
        "`launchgate digest` lists this</sub>"
    )
    return "\n".join(out) + "\n"


def _owner_section(
    work: OwnerWork, digest: Digest, link: Linker | None, mention: bool
) -> list[str]:
    if work.owner is None:
        who = "No owner"
    else:
        # A code span shows the handle as written, in a terminal too, and pings nobody.
        who = md_mention(work.owner) if mention else md_code(work.owner)
    counts = []
    if work.overdue:
        counts.append(f"{len(work.overdue)} overdue")
    if work.due:
        counts.append(f"{len(work.due)} due")
    lines = [
        f"#### {who} — {', '.join(counts)}",
        "",
        "| when | due | what | launch | where |",
        "| --- | --- | --- | --- | --- |",
    ]
    for item in work.overdue + work.due:
        cells = [
            _when(item, item.days_from(digest.today)),
            without_year(item.due),
            _what(item, digest.today),
            md_text(item.launch_name),
            _where(item.file, item.line, link),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _when(item: Item, days: int) -> str:
    if days < 0 and item.kind == WAIVER:
        return f"⏰ expired {_plural(-days, 'day')} ago"
    if days < 0:
        return f"⏰ {_plural(-days, 'day')} overdue"
    return {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")


def _what(item: Item, today: dt.date) -> str:
    if item.waiver is not None:
        waiver = item.waiver
        narrowed = scope(waiver)
        what = f" for {md_text(narrowed)}" if narrowed else ""
        ends = "ended: its findings count again" if item.due < today else "ends"
        return (
            f"waiver of {md_code(waiver.rule)}{what} {ends} (approved by "
            f"{md_text(waiver.approved_by)}): {md_text(waiver.reason)}"
        )
    roles = f" ({md_text(', '.join(item.roles))} owner)" if item.roles else ""
    if item.kind == "release":
        version = f" {md_code(item.version)}" if item.version else ""
        return f"release{version}{roles}"
    if item.kind == "announce":
        return f"announcement{roles}"
    return f"{md_code(item.id or '')} {md_text(item.type or '')}, {md_text(item.status or '')}"


def _where(file: str, line: int, link: Linker | None) -> str:
    if link is None:
        return md_code(f"{file}:{line}")
    return f"[{md_text(f'{file}:{line}')}]({link(file, line)})"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render_json(digest: Digest) -> str:
    """`launchgate.digest/v1`: owners ("no owner" as null first), each with its work."""
    data = {
        "schema": SCHEMA,
        "today": digest.today.isoformat(),
        "days": digest.days,
        "until": digest.until.isoformat(),
        "summary": {
            "launches": digest.launches,
            "overdue": digest.overdue,
            "due": digest.due,
            "unowned": sum(len(w.overdue) + len(w.due) for w in digest.owners if w.owner is None),
        },
        "owners": [
            {
                "owner": work.owner,
                "overdue": [_item(item, digest) for item in work.overdue],
                "due": [_item(item, digest) for item in work.due],
            }
            for work in digest.owners
        ],
        "skipped": [
            {
                "file": p.file,
                "line": p.problem.line,
                "column": p.problem.column,
                "message": p.problem.message,
            }
            for p in digest.skipped
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _item(item: Item, digest: Digest) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": item.kind,
        "due": item.due.isoformat(),
        "days": item.days_from(digest.today),
        "launch": item.launch,
        "file": item.file,
        "line": item.line,
        "id": item.id,
        "type": item.type,
        "status": item.status,
        "roles": list(item.roles),
        "version": item.version,
    }
    if item.waiver is not None:  # only on waivers: the other kinds' items keep their shape
        data["waiver"] = {
            "rule": item.waiver.rule,
            "where": where_parts(item.waiver),
            "reason": item.waiver.reason,
            "approved_by": item.waiver.approved_by,
        }
    return data
