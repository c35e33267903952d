"""timeline.html: the launches on a time line, drawn by launchgate.board.timeline_svg."""

from __future__ import annotations

from launchgate.board.html import page
from launchgate.board.site import Board
from launchgate.board.timeline_svg import timeline_svg, timeline_table
from launchgate.calendar_view import Calendar


def render(board: Board, calendar: Calendar) -> str:
    body = (
        "<p>Each launch from its first deliverable to its announcement, with releases, "
        "deliverables, freeze windows and holidays; today is the dashed line. Also as a "
        '<a href="calendar.ics">calendar to subscribe to (ICS)</a>.</p>\n'
        f'<div class="timeline-picture" id="timeline">{timeline_svg(calendar)}</div>\n'
        '<section id="timeline-as-table" aria-labelledby="timeline-table-title">'
        '<h2 id="timeline-table-title">The same, as a table</h2>\n'
        f'<div class="table-wrap">{timeline_table(calendar)}</div></section>\n'
    )
    return page("Timeline", "timeline.html", body)
