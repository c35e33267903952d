"""Dated events -> an iCalendar (RFC 5545) file that calendar apps import or subscribe to.

- Every event's UID comes from what it is, never from when: the launch id, the
  kind and the deliverable's id (a freeze window: its number in the config; a
  waiver: its rule and what its `where` names, so renewing it moves the event
  and reordering the waivers changes nothing).
  Importing the file again after a date moved updates the event in place.
- Days are all-day events (`VALUE=DATE`, DTEND the day after, exclusive); a
  freeze window spans its days. The embargo is a moment, in its launch's time
  zone, with the VTIMEZONE apps need to place it.
- DTSTAMP is midnight UTC of the day the calendar is made for (`--today`), so
  the same input gives the same bytes.
- Text from manifests goes through icalendar's escaping; control characters
  are dropped first, so no text can start a property or a component.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from urllib.parse import quote

from launchgate.events import Event
from launchgate.models import Waiver
from launchgate.waivers import named, where_parts

PRODID = "-//launchgate//launchgate calendar//EN"
UID_DOMAIN = "launchgate"
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WHAT = {
    "release": "release",
    "announce": "announcement",
    "embargo": "embargo lifts",
    "collateral": "due",
    "freeze": "freeze",
    "waiver": "waiver",
}


def uid(event: Event) -> str:
    """`launch/kind[/item]@launchgate`, each part percent-encoded so no two events share one.

    A waiver's: `launch/waiver/rule[/channel=a+b][/locale=…]…@launchgate`, its place.
    """
    parts = [event.launch.manifest.id if event.launch else "", event.kind]
    if event.item:
        parts.append(event.item)
    place = _place(event.waiver) if event.waiver else []
    return "/".join([*(quote(part, safe="") for part in parts), *place]) + "@" + UID_DOMAIN


def _place(waiver: Waiver) -> list[str]:
    """What a waiver's `where` names, as UID parts: `channel=sms+x.post`.

    Names are sorted and each is percent-encoded (so none holds `/`, `=` or `+`):
    the order of a list does not matter, and two different `where`s never meet.
    """
    return [
        f"{key}={'+'.join(quote(name, safe='') for name in sorted(set(names)))}"
        for key, names in where_parts(waiver).items()
    ]


def summary(event: Event) -> str:
    if event.kind == "freeze":
        return f"Freeze: {event.label}" if event.label else "Freeze"
    assert event.launch is not None, "every other kind belongs to a launch"
    title = event.launch.manifest.title
    if event.kind == "release":
        return f"{title}: release{' ' + event.label if event.label else ''}"
    if event.kind == "collateral":
        return f"{title}: {event.item} due ({event.label})"
    if event.waiver is not None:
        return f"Waiver ends: {named(event.waiver)} ({title}), approved by {event.owner}"
    return f"{title}: {_WHAT[event.kind]}"


def description(event: Event) -> str:
    lines = []
    if event.waiver is not None:
        back = event.start + dt.timedelta(days=1)
        lines += [
            f"The waiver's last day: from {back.isoformat()} its findings count again. "
            f"Renewing it takes a later expires, approved by {event.owner}.",
            f"Reason: {event.waiver.reason}",
        ]
    elif event.owner:
        lines.append(f"Owner: {event.owner}")
    if event.status:
        lines.append(f"Status: {event.status}")
    if event.moment:
        lines.append(f"Embargo until {event.moment.isoformat()}")
    if event.where:
        lines.append(f"Declared in {event.where}")
    return "\n".join(lines)


def render(events: Sequence[Event], stamp: dt.date, name: str = "Launches") -> bytes:
    """The calendar file; `stamp` is the day it is made for (its DTSTAMP).

    icalendar writes the calendar, its time zones and the events at a moment (the
    embargoes); the all-day events, nearly all of them, are written here as icalendar
    writes them (same escaping, order and folding), ten times faster: a board of 2,000
    launches has 12,000 of them.
    """
    import icalendar  # only `launchgate calendar --format ics` pays for it

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _clean(name))
    dtstamp = dt.datetime.combine(stamp, dt.time(), dt.timezone.utc)
    seen: dict[str, int] = {}
    blocks: list[bytes] = []
    for event in events:
        key = uid(event)
        seen[key] = seen.get(key, 0) + 1
        # Two items with one id are a `duplicate-id` finding; each still gets an event.
        key = key if seen[key] == 1 else key.replace("@", f"/{seen[key]}@", 1)
        if event.moment is None:
            blocks.append(_all_day(event, key, f"{stamp:%Y%m%d}T000000Z"))
            continue
        item = icalendar.Event()
        item.add("uid", key)
        item.add("dtstamp", dtstamp)
        item.add("dtstart", event.moment)
        item.add("dtend", event.moment)
        item.add("summary", _clean(summary(event)))
        text = description(event)
        if text:
            item.add("description", _clean(text))
        item.add("categories", [_category(event)])
        item.add("transp", "TRANSPARENT")  # a launch date is not a meeting: nobody is busy
        calendar.add_component(item)
        blocks.append(item.to_ical())
    if any(event.moment for event in events):
        years = [event.start.year for event in events]
        calendar.add_missing_timezones(
            dt.date(min(years) - 1, 1, 1), dt.date(max(years) + 1, 12, 31)
        )
    # The time zones first, by name: icalendar adds them from a set, in an order that changes
    # from one process to the next. The events follow in order.
    zones = [c for c in calendar.subcomponents if c.name == "VTIMEZONE"]
    calendar.subcomponents = sorted(zones, key=lambda zone: str(zone["TZID"]))
    head = calendar.to_ical().removesuffix(b"END:VCALENDAR\r\n")
    return head + b"".join(blocks) + b"END:VCALENDAR\r\n"


def _category(event: Event) -> str:
    return _WHAT[event.kind] if event.kind != "collateral" else "deliverable"


def _all_day(event: Event, key: str, dtstamp: str) -> bytes:
    """One all-day event as icalendar writes it: canonical properties, then the rest by name."""
    lines = [
        "BEGIN:VEVENT",
        "SUMMARY:" + _text(summary(event)),
        f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{event.end + dt.timedelta(days=1):%Y%m%d}",
        "DTSTAMP:" + dtstamp,
        "UID:" + _text(key),
        "CATEGORIES:" + _text(_category(event)),
    ]
    text = description(event)
    if text:
        lines.append("DESCRIPTION:" + _text(text))
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT", ""]
    return "\r\n".join(_fold(line) for line in lines).encode("utf-8")


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping, in icalendar's order (controls dropped first)."""
    return (
        _clean(value)
        .replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _fold(line: str, limit: int = 75) -> str:
    """Lines of 75 octets or more folded as icalendar folds them (never inside a character,
    and an escape's backslash kept with what it escapes)."""
    if line.isascii():  # one byte a character: cut every limit - 1 characters
        if len(line) < limit:
            return line
        parts, start = [], 0
        while len(line) - start >= limit:
            end = start + limit - 1
            if line[end - 1] in "\\^" and end - 1 > start:
                end -= 1  # the escape's backslash starts the next line
            parts.append(line[start:end])
            start = end
        return "\r\n ".join([*parts, line[start:]])
    if len(line.encode("utf-8")) < limit:
        return line
    folded: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if current and size + width >= limit:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                folded.append("".join(current))
                current, size = [carried], len(carried.encode("utf-8"))
            else:
                folded.append("".join(current))
                current, size = [], 0
        current.append(char)
        size += width
    if current:
        folded.append("".join(current))
    return "\r\n ".join(folded)


def _clean(text: str) -> str:
    return _CONTROLS.sub("", text)
