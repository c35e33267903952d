"""`launchgate calendar`: every launch's dates and the freeze windows as ICS, Markdown or Mermaid.

Each format is a function of the same inputs (the Calendar below) to text, in a
name map like the reporters. The Markdown escapes manifest text as the check's
Markdown does, so it can be pasted into an issue or a wiki page safely.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from launchgate.config import Config
from launchgate.days import iso_with_weekday
from launchgate.escape import md_code, md_text
from launchgate.events import Event, schedule
from launchgate.launch import Launch
from launchgate.waivers import scope

_SUFFIXES = {".ics": "ics", ".mmd": "mermaid", ".mermaid": "mermaid"}


@dataclass
class Calendar:
    """What every format is made from; `today` is the ICS DTSTAMP and decides what is overdue."""

    launches: list[Launch]
    today: dt.date
    config: Config = field(default_factory=Config)
    config_file: str | None = None
    _events: list[Event] | None = field(default=None, init=False, repr=False, compare=False)

    def events(self) -> list[Event]:
        """Every launch's events and the freezes; made once (the board shows them three times)."""
        if self._events is None:
            self._events = schedule(
                self.launches, self.config.calendar.freeze, self.config.timezone, self.config_file
            )
        return self._events


def format_for(output: str | None) -> str:
    """The default format: ICS for `--output x.ics`, Mermaid for `.mmd`, else Markdown."""
    if output:
        for suffix, name in _SUFFIXES.items():
            if output.lower().endswith(suffix):
                return name
    return "markdown"


def render_ics(calendar: Calendar) -> str:
    from launchgate import ics

    return ics.render(calendar.events(), calendar.today).decode("utf-8")


def render_mermaid(calendar: Calendar) -> str:
    from launchgate.timeline import chart

    config = calendar.config
    return chart(calendar.launches, config.calendar.freeze, calendar.today, config.timezone).text


def render_markdown(calendar: Calendar) -> str:
    events = calendar.events()
    dated = [event for event in events if event.kind != "freeze"]
    freezes = [event for event in events if event.kind == "freeze"]
    out = ["### Launch calendar", ""]
    if dated:
        out += ["| date | launch | what | owner | where |", "| --- | --- | --- | --- | --- |"]
        out += [_row(event, calendar.today) for event in dated]
    else:
        out.append("No launch has a date yet.")
    out.append("")
    if freezes:
        out += ["**Freeze windows**", "", "| from | to | why |", "| --- | --- | --- |"]
        out += [_freeze_row(freeze) for freeze in freezes]
        out.append("")
    out.append(
        f"<sub>as of {calendar.today.isoformat()} · `launchgate calendar --format ics` "
        "for calendar apps</sub>"
    )
    return "\n".join(out) + "\n"


def _row(event: Event, today: dt.date) -> str:
    assert event.launch is not None, "freeze windows have a table of their own"
    launch = md_text(event.launch.manifest.title)
    owner = md_text(event.owner) if event.owner else "—"
    where = md_code(event.where) if event.where else "—"
    day = iso_with_weekday(event.start)
    return f"| {day} | {launch} | {_what(event, today)} | {owner} | {where} |"


def _freeze_row(freeze: Event) -> str:
    reason = md_text(freeze.label) or "—"
    return f"| {iso_with_weekday(freeze.start)} | {iso_with_weekday(freeze.end)} | {reason} |"


def _what(event: Event, today: dt.date) -> str:
    if event.kind == "release":
        return f"release {md_code(event.label)}" if event.label else "release"
    if event.kind == "announce":
        return "announcement"
    if event.kind == "embargo":
        assert event.moment is not None, "an embargo is a moment"
        return f"embargo lifts {event.moment:%H:%M} {md_text(str(event.moment.tzinfo))}"
    if event.waiver is not None:
        narrowed = scope(event.waiver)
        what = f" for {md_text(narrowed)}" if narrowed else ""
        ended = " ⌛ expired: its findings count again" if event.overdue(today) else ""
        return f"waiver of {md_code(event.waiver.rule)}{what} ends{ended}"
    state = md_text(event.status or "")
    late = " ⏰ overdue" if event.overdue(today) else ""
    return f"{md_code(event.item)} due ({md_text(event.label)}, {state}){late}"


RENDERERS: dict[str, Callable[[Calendar], str]] = {
    "markdown": render_markdown,
    "ics": render_ics,
    "mermaid": render_mermaid,
}
