"""The board's Timeline: every launch as a bar on one picture, an inline SVG launchgate draws.

One row per launch, from its first deliverable (the earliest collateral due
day, else the release) to its announcement, with the release (a diamond) and
the announcement (a circle) as milestones, each deliverable's due day as a tick
and each waiver's last day as an hourglass. Overdue work (as `Event.overdue`
decides with the calendar's `today`) is a red warning triangle, and the row
says how many. Freeze windows are hatched and labelled, holidays shaded, today
a dashed line, months gridlines with labels at the top and the bottom. Rows are
grouped by the month of their announcement, so 200 launches read as 24 short
lists in date order.

The embargo is left out as the Mermaid gantt leaves it out (it falls on the
announcement day). The horizontal range is every date and today, widened to
whole months, but never more than a year before or two after today: a typo
(2062 for 2026) would otherwise squeeze every other bar to a sliver. Dates
beyond are named at the row's edge and counted in a note; the table has them
all. A day is at least `_MIN_DAY` pixels, so two years fit a wide screen and
longer spans grow wider (the page scrolls them) instead of shrinking marks.

Accessibility: the SVG is a labelled group (`role="group"`, not `role="img"`:
an image's children are presentational, and the launch links inside must stay
reachable by keyboard and screen readers). Each launch is a link whose
`aria-label` says what its row shows; `timeline_table` gives the same rows as
an HTML table for those who prefer one. Never colour alone: every kind of mark
has its own shape, freezes a hatch and a label.

Styling: every element has a `lg-*` class for the site's stylesheet
(`TIMELINE_CSS`, light and dark) and presentation attributes as fallbacks that
hold 3:1 on white and on near-black, so the picture needs no inline `<style>`
(which a Content-Security-Policy would block) and reads on its own too. Text is
`currentColor`.

Security and determinism: text from manifests is escaped for XML, its control
characters (bidirectional overrides included) shown as escapes as the terminal
shows them, and wrapped in a bidirectional isolate so a right-to-left name
cannot reorder what follows it. The same calendar gives the same bytes:
rows sorted by date then id, numbers written with one decimal at most.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from launchgate.calendar_view import Calendar
from launchgate.days import with_year, without_year
from launchgate.escape import terminal_text
from launchgate.events import Event
from launchgate.launch import Launch
from launchgate.waivers import named

# Layout, in CSS pixels.
_FONT = 12  # legible at 1:1; headings a little larger
_CHAR = 6.6  # the width of an average character at _FONT, for truncating and placing text
_MARGIN = 12
_LABEL = 236  # the column of launch names
_MIN_CHART = 840  # the chart area of a short range
_MIN_DAY = 1.3  # a day is never narrower: over years the picture grows wide, not unreadable
_RIGHT = 84  # room after the last day for "3 overdue"
_ROW = 20
_HEAD = 28
_BAR = 8  # the bar's height
_MARK = 12  # a milestone's width
_NAME_LIMIT = 34  # characters of a name in the label column (the link's label has it whole)
_YEARS_BEFORE, _YEARS_AFTER = 1, 2  # the window around today that the picture may span

# Fallback colours: 3:1 or more on white and on #111418, for graphics (text is currentColor).
_BLUE, _PURPLE, _GREEN, _RED = "#2f7ed8", "#8b5cf6", "#1a9a5a", "#e0362c"
_MAGENTA, _AMBER = "#c026d3", "#d97706"

# Characters XML 1.0 cannot hold (and C1 controls, which nothing should show).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_SPECIAL = re.compile("[&<>\"']")
_FSI, _PDI = "\u2068", "\u2069"  # first-strong isolate ... pop directional isolate


@functools.lru_cache(maxsize=4096)  # a few hundred days, written thousands of times
def _day(day: dt.date, today: dt.date) -> str:
    """`Sat 5 Dec`, and `Sat 5 Dec 2026` when that is not this year."""
    return without_year(day) if day.year == today.year else with_year(day)


TITLE_ID = "lg-timeline-title"
DESC_ID = "lg-timeline-desc"

TIMELINE_CSS = """\
.lg-timeline text { fill: currentColor; }
.lg-bar { fill: #2563c9; }
.lg-bar.lg-past { fill-opacity: 0.45; }
.lg-milestone-release { fill: #7c3aed; }
.lg-milestone-announce { fill: #17864e; }
.lg-due { fill: currentColor; fill-opacity: 0.8; }
.lg-due.lg-done { fill-opacity: 0.35; }
.lg-waiver { fill: currentColor; fill-opacity: 0.8; }
.lg-overdue { fill: #c62828; fill-opacity: 1; }
.lg-freeze { fill: url(#lg-hatch); }
.lg-holiday { fill: #d97706; fill-opacity: 0.22; }
.lg-today { stroke: #b5179e; }
.lg-grid { stroke: currentColor; stroke-opacity: 0.18; }
.lg-row { fill: currentColor; fill-opacity: 0; }
.lg-row.lg-odd { fill-opacity: 0.04; }
.lg-launch:hover .lg-row, .lg-launch:focus .lg-row { fill-opacity: 0.12; }
.lg-launch:focus { outline: 2px solid currentColor; }
.lg-group-span { fill: currentColor; fill-opacity: 0.08; }
@media (prefers-color-scheme: dark) {
  .lg-bar { fill: #5b9cf0; }
  .lg-milestone-release { fill: #a78bfa; }
  .lg-milestone-announce { fill: #34c17a; }
  .lg-overdue { fill: #ff6b5e; }
  .lg-holiday { fill: #f59e0b; fill-opacity: 0.2; }
  .lg-today { stroke: #e879f9; }
}
"""
"""Styles for the classes the SVG uses, light and dark, for the site's stylesheet."""


def launch_href(launch_id: str) -> str:
    """Where a launch's page is, relative to the page the timeline is on (the site's name)."""
    from launchgate.board.site import page_file

    return f"launches/{page_file(launch_id)}"


def month_id(month: dt.date) -> str:
    """The id of a month's heading (`lg-month-2026-11`): a page can link to this month's rows."""
    return f"lg-month-{month:%Y-%m}"


@dataclass(frozen=True)
class Row:
    """One launch's row: its bar, its milestones and its other dated marks."""

    launch: Launch
    start: dt.date  # the bar: first deliverable (or release) ...
    end: dt.date  # ... to the announcement (or release)
    anchor: dt.date  # what groups and sorts it: the announcement, else the release, else the end
    release: Event | None
    announce: Event | None
    marks: tuple[Event, ...]  # deliverables and waivers, in date order
    overdue: int


@dataclass(frozen=True)
class Plan:
    """What the picture and the table show, decided once for both."""

    groups: tuple[tuple[dt.date, tuple[Row, ...]], ...]  # (first of the month, its rows)
    first: dt.date  # the first day drawn
    last: dt.date  # the day after the last day drawn
    today: dt.date
    freezes: tuple[Event, ...]  # those overlapping the range
    holidays: tuple[tuple[dt.date, dt.date, str], ...]  # runs of days: first, last, names
    undated: tuple[Launch, ...]  # launches without a single date: not drawn
    outside: int  # dates beyond the window around today: not drawn (the table has them)

    def shows(self, day: dt.date) -> bool:
        return self.first <= day < self.last


def plan(calendar: Calendar) -> Plan:
    """The rows, their groups and the range of days of the calendar's launches."""
    by_launch: dict[int, list[Event]] = {}
    freezes: list[Event] = []
    for event in calendar.events():
        if event.launch is None:
            freezes.append(event)
        elif event.kind != "embargo":
            by_launch.setdefault(id(event.launch), []).append(event)
    rows: list[Row] = []
    undated: list[Launch] = []
    for launch in calendar.launches:
        events = by_launch.get(id(launch))
        if events:
            rows.append(_row(launch, events, calendar.today))
        else:
            undated.append(launch)
    rows.sort(key=lambda r: (r.anchor, r.start, r.launch.manifest.id, r.launch.file))
    groups: dict[dt.date, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.anchor.replace(day=1), []).append(row)
    days = [calendar.today]
    days += [day for row in rows for day in (row.start, row.end)]
    days += [event.start for row in rows for event in row.marks]
    # A date years away (a typo such as 2062) would stretch the picture to nothing: the range
    # stays within a window around today, and the dates beyond it are counted, not drawn.
    today = calendar.today
    earliest = dt.date(today.year - _YEARS_BEFORE, today.month, 1)
    latest = _next_month(dt.date(today.year + _YEARS_AFTER, today.month, 1))
    first = max(earliest, (min(days) - dt.timedelta(days=3)).replace(day=1))
    last = min(latest, _next_month(max(days) + dt.timedelta(days=3)))
    dates = [e.start for row in rows for e in (row.release, row.announce, *row.marks) if e]
    return Plan(
        tuple((month, tuple(group)) for month, group in groups.items()),
        first,
        last,
        calendar.today,
        tuple(f for f in freezes if f.start < last and f.end >= first),
        _holidays(calendar.config.calendar.holidays, first, last, today),
        tuple(sorted(undated, key=lambda launch: (launch.manifest.id, launch.file))),
        sum(1 for day in dates if not first <= day < last),
    )


def _row(launch: Launch, events: list[Event], today: dt.date) -> Row:
    release = next((e for e in events if e.kind == "release"), None)
    announce = next((e for e in events if e.kind == "announce"), None)
    marks = tuple(e for e in events if e.kind in ("collateral", "waiver"))
    due = [e.start for e in marks if e.kind == "collateral"]
    milestones = [e.start for e in (release, announce) if e is not None]
    if not milestones and not due:  # only waivers: a bar over their days
        due = [e.start for e in marks]
    start = min(due) if due else milestones[0]
    end = milestones[-1] if milestones else max(due)
    start, end = min(start, end), max(start, end)
    anchor = milestones[-1] if milestones else end
    overdue = sum(1 for e in marks if e.overdue(today))
    return Row(launch, start, end, anchor, release, announce, marks, overdue)


def _holidays(
    countries: list[str], first: dt.date, last: dt.date, today: dt.date
) -> tuple[tuple[dt.date, dt.date, str], ...]:
    """The configured countries' holidays in the range, consecutive days as one run."""
    if not countries:
        return ()
    from launchgate.workdays import Workdays

    workdays = Workdays(countries)
    runs: list[tuple[dt.date, dt.date, str]] = []
    day = first
    while day < last:
        name = workdays.holiday(day)
        if name is not None:
            if runs and runs[-1][1] == day - dt.timedelta(days=1):
                start, _, names = runs[-1]
                runs[-1] = (start, day, f"{names}; {_day(day, today)}: {name}")
            else:
                runs.append((day, day, f"{_day(day, today)}: {name}"))
        day += dt.timedelta(days=1)
    return tuple(runs)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


# --- text -----------------------------------------------------------------------------------


def xml_text(text: str) -> str:
    """Text as XML character data or an attribute value: shown, never markup."""
    flat = " ".join(_NOT_XML.sub("\ufffd", text).split())
    return _SPECIAL.sub(lambda m: _ESCAPES[m.group(0)], flat)


def _bidi(text: str) -> str:
    """Manifest text on one line, its control characters shown as escapes (as in a terminal:
    a right-to-left override shows as `\\u202e` instead of turning `gnp.exe` into `exe.png`),
    in a bidirectional isolate, so a right-to-left name cannot reorder the words around it."""
    return f"{_FSI}{terminal_text(' '.join(text.split()))}{_PDI}"


def _isolated(text: str) -> str:
    return xml_text(_bidi(text))


def _shortened(text: str, limit: int) -> str:
    import regex  # type: ignore[import-untyped, unused-ignore]  # ships no type information

    # grapheme clusters: an emoji or an accent is never cut in half

    graphemes = regex.findall(r"\X", " ".join(text.split()))
    if len(graphemes) <= limit:
        return "".join(graphemes)
    return "".join(graphemes[: limit - 1]).rstrip() + "…"


def _name(launch: Launch) -> str:
    return launch.manifest.title or launch.manifest.id


def _n(value: float) -> str:
    """A coordinate, one decimal at most: the same input writes the same bytes."""
    return f"{value:.1f}".removesuffix(".0")


def _mark_text(event: Event, today: dt.date) -> str:
    """What a deliverable's or waiver's mark is, for its tooltip and the table."""
    late = " · overdue" if event.overdue(today) else ""
    if event.waiver is not None:
        return f"waiver of {_bidi(named(event.waiver))} ends {_day(event.start, today)}{late}"
    what = _bidi(event.item)
    if event.label not in ("", event.item):
        what += f" ({_bidi(event.label)})"
    owner = f" · {_bidi(event.owner)}" if event.owner else ""
    state = f" · {_bidi(event.status)}" if event.status else ""
    return f"{what} due {_day(event.start, today)}{owner}{state}{late}"


def _milestone_text(event: Event, today: dt.date) -> str:
    if event.kind == "release":
        version = f" {_bidi(event.label)}" if event.label else ""
        return f"release{version} {_day(event.start, today)}"
    return f"announcement {_day(event.start, today)}"


def _row_text(row: Row, today: dt.date) -> str:
    """The row in words: the link's label, so a screen reader hears what the bar shows."""
    parts = [_milestone_text(e, today) for e in (row.release, row.announce) if e is not None]
    due = [e for e in row.marks if e.kind == "collateral"]
    if due:
        parts.append(f"first deliverable due {_day(row.start, today)}")
        parts.append(f"{len(due)} deliverable{'s' if len(due) != 1 else ''}")
    if row.overdue:
        parts.append(f"{row.overdue} overdue")
    return f"{_bidi(_name(row.launch))}: " + ", ".join(parts)


# --- the picture ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scale:
    first: dt.date
    left: float  # x of the first day's left edge
    day: float  # pixels per day

    def x(self, day: dt.date) -> float:
        return self.left + (day - self.first).days * self.day

    def mid(self, day: dt.date) -> float:
        return self.x(day) + self.day / 2


def timeline_svg(source: Calendar | Plan) -> str:
    """The timeline of the calendar's launches: one `<svg>` element, to put inline in a page.

    Give it the `plan` when the table is made too, so the layout is worked out once."""
    layout = source if isinstance(source, Plan) else plan(source)
    days = (layout.last - layout.first).days
    day = max(_MIN_DAY, _MIN_CHART / days)
    scale = _Scale(layout.first, _MARGIN + _LABEL, day)
    width = scale.left + days * day + _RIGHT
    legend, legend_height = _legend(width)
    top = legend_height + 68  # legend, today's and the freezes' labels, years, months
    body: list[str] = []
    y = top
    odd = False
    for month, rows in layout.groups:
        body += _group_heading(month, len(rows), y, scale, width)
        y += _HEAD
        for row in rows:
            body += _launch_row(row, y, scale, (width, odd), layout)
            y += _ROW
            odd = not odd
    bottom = y + 6
    height = bottom + 28
    note = []
    if layout.outside:
        note.append(
            f'<text class="lg-outside-note" x="{_MARGIN}" y="{_n(height)}">'
            f"{_outside_text(layout)}</text>"
        )
        height += 12
    band = (top - 4, bottom)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lg-timeline" role="group" '
        f'aria-labelledby="{TITLE_ID}" aria-describedby="{DESC_ID}" '
        f'width="{_n(width)}" height="{_n(height)}" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" '
        f'font-size="{_FONT}" fill="currentColor">',
        f'<title id="{TITLE_ID}">Launch timeline</title>',
        f'<desc id="{DESC_ID}">{xml_text(_description(layout))}</desc>',
        '<defs><pattern id="lg-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#2f7ed8" '
        'fill-opacity="0.1"/><rect width="2" height="6" fill="#2f7ed8" fill-opacity="0.45"/>'
        "</pattern></defs>",
        *legend,
        *_shading(layout, scale, band, legend_height),
        *_months(layout, scale, band, legend_height),
        *_today(layout.today, scale, band, legend_height),
        *body,
        *note,
        "</svg>",
    ]
    return "\n".join(out) + "\n"


def _description(layout: Plan) -> str:
    count = sum(len(rows) for _, rows in layout.groups)
    overdue = sum(row.overdue for _, rows in layout.groups for row in rows)
    text = (
        f"{count} launch{'es' if count != 1 else ''} as bars from the first deliverable to "
        f"the announcement, grouped by the month of the announcement, from "
        f"{with_year(layout.first)} to {with_year(layout.last - dt.timedelta(days=1))}. "
        f"Today is {with_year(layout.today)}; {overdue} item{'s' if overdue != 1 else ''} "
        "overdue."
    )
    if layout.freezes:
        spans = "; ".join(_freeze_text(f) for f in layout.freezes)
        text += f" Freeze windows: {spans}."
    undated = len(layout.undated)
    if undated:
        text += f" {undated} launch{'es have' if undated != 1 else ' has'} no date yet: not drawn."
    if layout.outside:
        text += f" {_outside_text(layout)}"
    return text


def _outside_text(layout: Plan) -> str:
    many = layout.outside != 1
    return (
        f"{layout.outside} date{'s' if many else ''} more than {_YEARS_BEFORE} year before or "
        f"{_YEARS_AFTER} years after today {'are' if many else 'is'} not drawn: "
        "the table lists every date."
    )


def _freeze_text(freeze: Event) -> str:
    reason = f"{_bidi(freeze.label)}: " if freeze.label else ""
    return f"{reason}{with_year(freeze.start)} to {with_year(freeze.end)}"


def _legend(width: float) -> tuple[list[str], float]:
    """A key to every shape, wrapped onto as many lines as the width needs."""
    entries = [
        ("bar", "launch: first deliverable to announcement"),
        ("release", "release"),
        ("announce", "announcement"),
        ("due", "deliverable due"),
        ("done", "deliverable done"),
        ("overdue", "overdue"),
        ("waiver", "waiver ends"),
        ("freeze", "freeze window"),
        ("holiday", "holiday"),
        ("today", "today"),
    ]
    out = ['<g class="lg-legend" aria-hidden="true">']
    x, y = float(_MARGIN), 18.0
    for kind, label in entries:
        size = 22 + len(label) * _CHAR + 18
        if x + size > width - _MARGIN and x > _MARGIN:
            x, y = _MARGIN, y + 20
        out.append(_legend_swatch(kind, x + 8, y - 4))
        out.append(f'<text x="{_n(x + 22)}" y="{_n(y)}">{label}</text>')
        x += size
    out.append("</g>")
    return out, y + 10


def _legend_swatch(kind: str, x: float, y: float) -> str:
    if kind == "bar":
        where = f'x="{_n(x - 8)}" y="{_n(y - 4)}" width="16" height="8" rx="2"'
        return f'<rect class="lg-bar" fill="{_BLUE}" {where}/>'
    if kind in ("freeze", "holiday"):
        shade = (
            'fill="url(#lg-hatch)"' if kind == "freeze" else f'fill="{_AMBER}" fill-opacity="0.22"'
        )
        where = f'x="{_n(x - 6)}" y="{_n(y - 8)}" width="12" height="16"'
        return f'<rect class="lg-{kind}" {where} {shade}/>'
    if kind == "today":
        return (
            f'<line class="lg-today" x1="{_n(x)}" y1="{_n(y - 8)}" x2="{_n(x)}" y2="{_n(y + 8)}" '
            f'stroke="{_MAGENTA}" stroke-width="2" stroke-dasharray="4 3"/>'
        )
    return _shape(kind, x, y) + "/>"


def _shape(kind: str, x: float, y: float) -> str:
    """One mark, centred on (x, y); its shape alone tells its kind."""
    if kind == "release":  # a diamond
        return (
            f'<path class="lg-milestone-release" fill="{_PURPLE}" '
            f'd="M{_n(x)} {_n(y - 6)}l6 6-6 6-6-6z"'
        )
    if kind == "announce":  # a circle
        return (
            f'<circle class="lg-milestone-announce" fill="{_GREEN}" cx="{_n(x)}" cy="{_n(y)}" r="5"'
        )
    if kind == "overdue":  # a warning triangle with a notch for the "!"
        return (
            f'<path class="lg-overdue" fill="{_RED}" fill-rule="evenodd" '
            f'd="M{_n(x)} {_n(y - 7)}l7 12h-14z M{_n(x - 1)} {_n(y - 3)}h2v4h-2z"'
        )
    if kind == "waiver":  # an hourglass
        return (
            f'<path class="lg-waiver" fill="currentColor" fill-opacity="0.8" '
            f'd="M{_n(x - 4)} {_n(y - 6)}h8l-8 12h8z"'
        )
    done = kind == "done"
    return (  # a deliverable: a tick, faint when done
        f'<rect class="lg-due{" lg-done" if done else ""}" fill="currentColor" '
        f'fill-opacity="{"0.35" if done else "0.8"}" '
        f'x="{_n(x - 1.5)}" y="{_n(y - 6)}" width="3" height="12"'
    )


def _shading(layout: Plan, scale: _Scale, band: tuple[float, float], legend: float) -> list[str]:
    """Holidays and freeze windows as full-height shading, freezes labelled above the chart."""
    top, bottom = band
    out = []
    for first, last, names in layout.holidays:
        x = scale.x(first)
        wide = max(2.0, ((last - first).days + 1) * scale.day)
        out.append(
            f'<rect class="lg-holiday" fill="{_AMBER}" fill-opacity="0.22" x="{_n(x)}" '
            f'y="{_n(top)}" width="{_n(wide)}" height="{_n(bottom - top)}">'
            f"<title>Holiday: {xml_text(names)}</title></rect>"
        )
    for freeze in layout.freezes:
        start = max(freeze.start, layout.first)
        end = min(freeze.end, layout.last - dt.timedelta(days=1))
        x = scale.x(start)
        wide = max(2.0, ((end - start).days + 1) * scale.day)
        label = freeze.label or "Freeze"
        # The hatch starts below the year and month headings, so it covers no text; its
        # label sits above them, over a bracket as wide as the window.
        out.append(
            f'<rect class="lg-freeze" fill="url(#lg-hatch)" x="{_n(x)}" y="{_n(top)}" '
            f'width="{_n(wide)}" height="{_n(bottom - top)}">'
            f"<title>Freeze window: {xml_text(_freeze_text(freeze))}</title></rect>"
        )
        out.append(
            f'<path class="lg-freeze-span" fill="none" stroke="{_BLUE}" stroke-opacity="0.7" '
            'stroke-width="2" '
            f'd="M{_n(x + 1)} {_n(legend + 32)}v-3h{_n(max(0.0, wide - 2))}v3"/>'
        )
        out.append(
            f'<text class="lg-freeze-label" x="{_n(x + 3)}" y="{_n(legend + 26)}" '
            f'font-size="11">❄ {_isolated(_shortened(label, 28))}</text>'
        )
    return out


def _months(layout: Plan, scale: _Scale, band: tuple[float, float], legend: float) -> list[str]:
    """A gridline at each month's first day, labelled at the top and the bottom; years above."""
    top, bottom = band
    out = ['<g class="lg-axis" aria-hidden="true">']
    month = layout.first
    while month < layout.last:
        x = scale.x(month)
        name = f"{month:%b}"
        out.append(
            f'<line class="lg-grid" x1="{_n(x)}" y1="{_n(legend + 34)}" x2="{_n(x)}" '
            f'y2="{_n(bottom)}" stroke="currentColor" stroke-opacity="0.18"/>'
        )
        if month.month == 1 or month == layout.first:
            out.append(
                f'<text x="{_n(x + 3)}" y="{_n(legend + 45)}" font-weight="bold">'
                f"{month.year}</text>"
            )
        out.append(f'<text x="{_n(x + 3)}" y="{_n(top - 4)}">{name}</text>')
        out.append(f'<text x="{_n(x + 3)}" y="{_n(bottom + 16)}">{name}</text>')
        month = _next_month(month)
    out.append("</g>")
    return out


def _today(today: dt.date, scale: _Scale, band: tuple[float, float], legend: float) -> list[str]:
    x = scale.mid(today)
    return [
        f'<line class="lg-today" x1="{_n(x)}" y1="{_n(legend + 2)}" x2="{_n(x)}" '
        f'y2="{_n(band[1])}" stroke="{_MAGENTA}" stroke-width="2" stroke-dasharray="4 3"/>',
        f'<text class="lg-today-label" x="{_n(x + 4)}" y="{_n(legend + 12)}" font-size="11" '
        f'font-weight="bold">Today {_day(today, today)}</text>',
    ]


def _group_heading(month: dt.date, count: int, y: float, scale: _Scale, width: float) -> list[str]:
    """The month's heading, and its span on the axis: where these announcements fall."""
    x = scale.x(month)
    wide = scale.x(_next_month(month)) - x
    launches = f"{count} launch{'es' if count != 1 else ''}"
    return [
        f'<rect class="lg-group-span" fill="currentColor" fill-opacity="0.08" x="{_n(x)}" '
        f'y="{_n(y + 6)}" width="{_n(wide)}" height="{_HEAD - 8}"/>',
        f'<line class="lg-grid" x1="{_MARGIN}" y1="{_n(y + 4)}" x2="{_n(width - _MARGIN)}" '
        f'y2="{_n(y + 4)}" stroke="currentColor" stroke-opacity="0.18"/>',
        f'<text class="lg-group" id="{month_id(month)}" x="{_MARGIN}" y="{_n(y + 20)}" '
        'font-size="13">'
        f'<tspan font-weight="bold">{month:%B %Y}</tspan> · {launches}</text>',
    ]


def _launch_row(
    row: Row, y: float, scale: _Scale, band: tuple[float, bool], layout: Plan
) -> list[str]:
    """A launch's link: its name, its bar, its marks and milestones, and what is overdue."""
    width, odd = band
    mid = y + _ROW / 2
    launch, today = row.launch, layout.today
    name = _shortened(_name(launch), _NAME_LIMIT)
    label = xml_text(_row_text(row, today))
    out = [
        f'<a class="lg-launch" href="{xml_text(launch_href(launch.manifest.id))}" '
        f'aria-label="{label}"><title>{label}</title>',
        f'<rect class="lg-row{" lg-odd" if odd else ""}" fill="currentColor" '
        f'fill-opacity="{"0.04" if odd else "0"}" x="{_MARGIN - 4}" y="{_n(y)}" '
        f'width="{_n(width - 2 * _MARGIN + 8)}" height="{_ROW}"/>',
        f'<text class="lg-label" x="{_MARGIN}" y="{_n(mid + 4)}">{_isolated(name)}</text>',
    ]
    start, end = max(row.start, layout.first), min(row.end, layout.last - dt.timedelta(days=1))
    if start <= end:  # else the bar is wholly beyond the window: said in words below
        left = scale.x(start) if start > row.start else scale.mid(start)
        right = scale.x(layout.last) if end < row.end else scale.mid(end)
        past = " lg-past" if row.end < today else ""
        out.append(
            f'<rect class="lg-bar{past}" fill="{_BLUE}" x="{_n(left)}" y="{_n(mid - _BAR / 2)}" '
            f'width="{_n(max(2.0, right - left))}" height="{_BAR}" rx="2"/>'
        )
    for event in row.marks:
        if not layout.shows(event.start):
            continue
        kind = "overdue" if event.overdue(today) else "waiver" if event.waiver else "due"
        kind = "done" if kind == "due" and event.finished else kind
        extra = f" lg-{'waiver' if event.waiver else 'due'}" if kind == "overdue" else ""
        shape = _shape(kind, scale.mid(event.start), mid).replace(
            'class="lg-overdue"', f'class="lg-overdue{extra}"'
        )
        out.append(f"{shape}><title>{xml_text(_mark_text(event, today))}</title></{_tag(shape)}>")
    shown = [m for m in (row.release, row.announce) if m is not None and layout.shows(m.start)]
    # A release and an announcement closer than a mark's width would cover each other:
    # the diamond goes up a little and the circle down, so both stay in sight.
    apart = len(shown) < 2 or abs(scale.x(shown[1].start) - scale.x(shown[0].start)) >= _MARK
    for milestone in shown:
        nudge = 0 if apart else -4 if milestone.kind == "release" else 4
        shape = _shape(milestone.kind, scale.mid(milestone.start), mid + nudge)
        what = xml_text(_milestone_text(milestone, today))
        out.append(f"{shape}><title>{what}</title></{_tag(shape)}>")
    out.append("</a>")
    # Beside the link and hidden from screen readers: the link's label says all this already,
    # and a link's visible text must be a part of its label, in order (WCAG 2.5.3).
    late = f"{row.overdue} overdue" if row.overdue else ""
    if start > end:
        earlier = row.end < layout.first
        where = f"earlier: {with_year(row.end)}" if earlier else f"later: {with_year(row.start)}"
        words = " · ".join(part for part in (where, late) if part)
        x = scale.left + 4 if earlier else scale.x(layout.last) - 4
        out.append(
            f'<text class="lg-outside" aria-hidden="true" x="{_n(x)}" y="{_n(mid + 4)}" '
            f'text-anchor="{"start" if earlier else "end"}">'
            f"{'◀ ' if earlier else ''}{words}{'' if earlier else ' ▶'}</text>"
        )
    elif late:
        last = max(day for day in [row.end, *(e.start for e in row.marks)] if layout.shows(day))
        out.append(
            f'<text class="lg-late" aria-hidden="true" x="{_n(scale.mid(last) + 10)}" '
            f'y="{_n(mid + 4)}" font-weight="bold">{late}</text>'
        )
    return out


def _tag(element: str) -> str:
    return element[1 : element.index(" ")]


# --- the same, as a table -------------------------------------------------------------------


def timeline_table(source: Calendar | Plan) -> str:
    """The timeline's rows as an HTML table (and the freezes and holidays as a list): the
    text alternative of the picture, with the same groups, order and links."""
    layout = source if isinstance(source, Plan) else plan(source)
    out = [
        '<table class="lg-timeline-table">',
        f"<caption>Launch timeline as a table, by month of announcement "
        f"(today is {with_year(layout.today)})</caption>",
        '<thead><tr><th scope="col">Launch</th><th scope="col">First deliverable</th>'
        '<th scope="col">Release</th><th scope="col">Announcement</th>'
        '<th scope="col">Deliverables and waivers</th></tr></thead>',
    ]
    for month, rows in layout.groups:
        out.append(f'<tbody><tr><th scope="rowgroup" colspan="5">{month:%B %Y}</th></tr>')
        out += [_table_row(row, layout.today) for row in rows]
        out.append("</tbody>")
    out.append("</table>")
    notes = [f"Freeze window: {xml_text(_freeze_text(f))}" for f in layout.freezes]
    notes += [f"Holiday: {xml_text(names)}" for _, _, names in layout.holidays]
    notes += [f"No date yet: {_launch_link(launch)}" for launch in layout.undated]
    if notes:
        out.append('<ul class="lg-timeline-notes">')
        out += [f"<li>{note}</li>" for note in notes]
        out.append("</ul>")
    return "\n".join(out) + "\n"


def _launch_link(launch: Launch) -> str:
    return f'<a href="{xml_text(launch_href(launch.manifest.id))}">{_isolated(_name(launch))}</a>'


def _table_row(row: Row, today: dt.date) -> str:
    launch = row.launch
    link = _launch_link(launch)
    due = [e for e in row.marks if e.kind == "collateral"]
    first = _day(min(e.start for e in due), today) if due else "—"
    release = _milestone_text(row.release, today) if row.release else "—"
    announce = _day(row.announce.start, today) if row.announce else "—"
    items = "".join(
        f'<li class="lg-overdue">⚠ {xml_text(_mark_text(e, today))}</li>'
        if e.overdue(today)
        else f"<li>{xml_text(_mark_text(e, today))}</li>"
        for e in row.marks
    )
    marks = f"<ul>{items}</ul>" if items else "—"
    return (
        f'<tr><th scope="row">{link}</th><td>{first}</td><td>{xml_text(release)}</td>'
        f"<td>{announce}</td><td>{marks}</td></tr>"
    )
