"""timeline.html: the launches on a time line, drawn by launchgate.board.timeline_svg."""

from __future__ import annotations

from launchgate.board.html import page, text
from launchgate.board.site import Board
from launchgate.calendar_view import Calendar
from launchgate.days import iso_with_weekday


def render(board: Board, calendar: Calendar) -> str:
    body = (
        "<p>Releases, announcements, collateral due dates and freeze windows. "
        'Also as a <a href="calendar.ics">calendar to subscribe to (ICS)</a>.</p>\n'
        f'<div class="timeline-picture" id="timeline">{picture(calendar)}</div>\n'
    )
    return page("Timeline", "timeline.html", body)


def picture(calendar: Calendar) -> str:
    """The dated events as a list, until the drawn timeline (timeline_svg) replaces it."""
    items = []
    for event in calendar.events():
        name = event.launch.manifest.title if event.launch else event.label
        end = f" to {iso_with_weekday(event.end)}" if event.end and event.end != event.start else ""
        what = event.kind if event.kind != "collateral" else f"{event.item} due"
        items.append(
            f'<li><time datetime="{event.start.isoformat()}">{text(iso_with_weekday(event.start))}'
            f"</time>{text(end)}: {text(name)}, {text(what)}</li>"
        )
    if not items:
        return "<p>No launch has a date yet.</p>"
    return f'<ol class="events">{"".join(items)}</ol>'
