"""timeline.html: the launches on a time line, drawn by launchgate.board.timeline_svg."""

from __future__ import annotations

from launchgate.board.html import page
from launchgate.board.site import Board
from launchgate.board.timeline_svg import plan, timeline_svg, timeline_table
from launchgate.calendar_view import Calendar


def render(board: Board, calendar: Calendar) -> str:
    layout = plan(calendar)  # once, for the picture and its table
    body = (
        "<p>Each launch from its first deliverable to its announcement, with releases, "
        "deliverables, freeze windows and holidays; today is the dashed line. Also as a "
        '<a href="calendar.ics">calendar to subscribe to (ICS)</a>.</p>\n'
        f'<div class="timeline-picture" id="timeline">{timeline_svg(layout)}</div>\n'
        '<section id="timeline-as-table" aria-labelledby="timeline-table-title">'
        '<h2 id="timeline-table-title">The same, as a table</h2>\n'
        f'<div class="table-wrap">{timeline_table(layout)}</div></section>\n'
    )
    return page("Timeline", "timeline.html", body)
