"""How a day is written for people: the few forms launchgate uses, each in one place.

A weekday beside the date lets a reader place it in the week at a glance
(a release on a Saturday shows itself). Machine formats (JSON, ICS, Mermaid)
write ISO dates and do not come here.
"""

from __future__ import annotations

import datetime as dt
import functools


@functools.lru_cache(maxsize=4096)  # a few hundred days fill thousands of messages
def with_year(date: dt.date) -> str:
    """`Sat 5 Dec 2026`: findings, and the digest's headings."""
    return f"{date:%a} {date.day} {date:%b %Y}"


def without_year(date: dt.date) -> str:
    """`Sat 5 Dec`: table cells, where the year is plain from the rest."""
    return f"{date:%a} {date.day} {date:%b}"


def iso_with_weekday(date: dt.date) -> str:
    """`Sat 2026-12-05`: the calendar, which people copy into other tools."""
    return f"{date:%a} {date.isoformat()}"
