"""`launchgate checklists [NAME]`: what each checklist requires, and which file says so.

A launch names its checklist (`checklist: major`); the repository's checklists/
folder has its own, over the built-in ones of the same name. The list gives a
line of summary per checklist; one checklist is shown whole, each copy channel
with its limit, so a writer knows what a launch of that tier needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from launchgate.channel_docs import Entry
from launchgate.channel_names import suggest_channel
from launchgate.channels import Channel
from launchgate.models import Checklist
from launchgate.repository import BUILTIN_MARK
from launchgate.workdays import describe_lead_time

_LABEL = 12  # the width of the labels in front of a checklist's requirements


@dataclass(frozen=True)
class Shelved:
    """A checklist as the repository has it: its name, file, and content (None: unreadable)."""

    name: str
    shown: str  # its file, as messages show it: "checklists/major.yaml", "(built-in) ..."
    checklist: Checklist | None
    replaces_builtin: bool = False  # the repository's own file of a built-in checklist's name
    problems: tuple[str, ...] = ()  # why it could not be read: "file:line:column: message"


def origin(item: Shelved) -> str:
    if item.replaces_builtin:
        return f"{item.shown} (in place of the built-in one)"
    return item.shown


def _from(item: Shelved) -> str:
    """Where a checklist comes from, to follow "from": launchgate's own file, or the
    repository's (the list's "(built-in)" label reads as a label, not a place)."""
    if item.shown.startswith(BUILTIN_MARK):
        return "launchgate's built-in " + item.shown.removeprefix(BUILTIN_MARK).strip()
    return origin(item)


def summary(checklist: Checklist) -> str:
    """One line: what a launch of this checklist needs."""
    parts = []
    if checklist.signoffs:
        parts.append(f"sign-offs {', '.join(checklist.signoffs)}")
    if checklist.collateral:
        parts.append(_count(len(checklist.collateral), "collateral item"))
    if checklist.copy_rules.channels:
        parts.append(_count(len(checklist.copy_rules.channels), "copy channel"))
    if checklist.locales:
        parts.append(f"locales {', '.join(checklist.locales)}")
    if checklist.metrics.north_star == "required":
        parts.append("north-star metric")
    return "; ".join(parts) or "nothing required"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def render_list(shelf: list[Shelved]) -> str:
    """A line per checklist (name, title, file), its summary below it."""
    titles = [item.checklist.name or "" if item.checklist else "" for item in shelf]
    width = max((len(item.name) for item in shelf), default=0)
    title_width = max((len(title) for title in titles), default=0)
    out = []
    for item, title in zip(shelf, titles, strict=True):
        out.append(f"{item.name:<{width}}  {title:<{title_width}}  {origin(item)}")
        if item.checklist is None:
            out += [f"{'':<{width}}  cannot be read: {problem}" for problem in item.problems]
        else:
            out.append(f"{'':<{width}}  {summary(item.checklist)}")
    out += ["", "`launchgate checklists NAME` shows one in full."]
    return "\n".join(out) + "\n"


def render_one(
    item: Shelved, checklist: Checklist, channel: Callable[[str], Channel | None], known: list[str]
) -> str:
    """A checklist in full: each requirement on a line of its own, copy with its limits."""
    title = f": {checklist.name}" if checklist.name else ""
    out = [f"{item.name}{title}", f"from {_from(item)}", ""]
    rows: list[tuple[str, list[str]]] = [
        ("sign-offs", [", ".join(checklist.signoffs) or "none"]),
        ("locales", [_locales(checklist)]),
        ("collateral", _collateral(checklist)),
        (
            "copy",
            [_copy(name, channel, known) for name in checklist.copy_rules.channels] or ["none"],
        ),
        ("metrics", [_metrics(checklist)]),
        ("conflicts", [_conflicts(checklist)]),
    ]
    for label, lines in rows:
        out.append(f"{label:<{_LABEL}}{lines[0]}")
        out += [f"{'':<{_LABEL}}{line}" for line in lines[1:]]
    return "\n".join(out) + "\n"


def _locales(checklist: Checklist) -> str:
    if not checklist.locales:
        return "none required"
    return f"{', '.join(checklist.locales)} (each copy item in every one of them)"


def _collateral(checklist: Checklist) -> list[str]:
    if not checklist.collateral:
        return ["none"]
    width = max(len(item.type) for item in checklist.collateral)
    lines = []
    for item in checklist.collateral:
        when = (
            f"due {describe_lead_time(item.lead_time)} before the announcement (or release)"
            if item.lead_time
            else "no lead time"
        )
        lines.append(f"{item.type:<{width}}  {when}")
    return lines


def _copy(name: str, channel: Callable[[str], Channel | None], known: list[str]) -> str:
    found = channel(name)
    if found is None:
        hint = suggest_channel(name, known)
        return (
            f"{name}: not a channel{f' ({hint})' if hint else ''}; `launchgate channels` lists them"
        )
    entry = Entry(found, "", own=False, overrides=False)
    return f"{name}: {entry.limit}, {entry.kind}"


def _metrics(checklist: Checklist) -> str:
    if checklist.metrics.north_star == "required":
        return "the north-star metric is required (metrics.north_star)"
    return "the north-star metric is optional"


def _conflicts(checklist: Checklist) -> str:
    if checklist.conflicts == "same-day":
        return "same-day: no two launches of such checklists on one day"
    return "none checked"
