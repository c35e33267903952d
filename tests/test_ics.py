"""launchgate.ics writes all-day events itself: byte for byte what icalendar writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from launchgate import ics
from launchgate.events import Event
from tests.conftest import TODAY, run_cli, write_tree

STAMP = dt.date(2026, 11, 23)
TEXTS = [
    "Plain",
    "a; b, c \\ d \\N e\r\nf\rg\nh",
    *("x" * n + "\\;" + "y" * 160 for n in range(50, 62)),  # an escape at the fold: together
    "z" * 300,
    "^" * 200,
    "ä" * 40 + "🚀" * 30 + "語" * 30,  # multi-byte characters never split
    "<img src=x> \u202e\x07 END:VEVENT",
]


def icalendar_writes(event: Event, key: str) -> bytes:
    """The event as icalendar itself writes it, as launchgate did before."""
    item = icalendar.Event()
    item.add("uid", key)
    item.add("dtstamp", dt.datetime.combine(STAMP, dt.time(), dt.timezone.utc))
    item.add("dtstart", event.start)
    item.add("dtend", event.end + dt.timedelta(days=1))
    item.add("summary", ics._clean(ics.summary(event)))
    text = ics.description(event)
    if text:
        item.add("description", ics._clean(text))
    item.add("categories", [ics._category(event)])
    item.add("transp", "TRANSPARENT")
    return item.to_ical()


@pytest.mark.parametrize("text", TEXTS)
def test_an_all_day_event_is_written_as_icalendar_writes_it(text: str) -> None:
    start = dt.date(2026, 12, 21)
    event = Event("freeze", start, start + dt.timedelta(days=3), label=text)
    key = ics.uid(event)
    assert ics._all_day(event, key, "20261123T000000Z") == icalendar_writes(event, key)


def test_time_zones_are_written_in_order_of_their_name(tmp_path: Path) -> None:
    zones = ["Europe/Paris", "America/New_York", "Europe/Berlin", "Asia/Tokyo"]
    write_tree(
        tmp_path,
        {
            f"launches/l{n}.yaml": f"id: l{n}\nrelease: {{date: 2026-12-01}}\n"
            f"announce: {{date: 2026-12-02, embargo_until: '2026-12-02T09:00:00'}}\n"
            f"timezone: {zone}\n"
            for n, zone in enumerate(zones)
        },
    )
    out = tmp_path / "c.ics"
    result = run_cli("calendar", str(tmp_path), "--output", str(out), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    found = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
    assert found == sorted(zones)
    assert len(calendar.walk("VEVENT")) == 12
