"""A launch's dated work, read from its manifest once: what the date rules, the calendar and
the digest each see.

The release and the announcement (milestones), the embargo, and each
deliverable with a due date, in the order a manifest declares them, each with
the key path of its date so every view points at the same line. What each view
makes of them (who owns a milestone, whether finished work counts) is its own
business.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from launchgate.launch import Launch
from launchgate.loader import PathKey
from launchgate.models import Collateral

RELEASE, ANNOUNCE, EMBARGO, COLLATERAL = "release", "announce", "embargo", "collateral"


class DatedWork(NamedTuple):
    """One dated thing of a launch: its release, announcement, embargo or a deliverable.

    A NamedTuple: the date rules make two for every launch, and a frozen
    dataclass costs several times more to build.
    """

    kind: str  # RELEASE, ANNOUNCE, EMBARGO or COLLATERAL
    date: dt.date  # an embargo's: the day it lifts in the launch's time zone
    path: PathKey  # where the date is written: ("collateral", 2, "due")
    item: Collateral | None = None  # a deliverable: its id, owner and status
    moment: dt.datetime | None = None  # the embargo, in the launch's time zone


def milestones(launch: Launch) -> Iterator[DatedWork]:
    """The release and announcement days a launch sets.

    Reads only what a rule across launches is given (Launch.for_rules_across).
    """
    manifest = launch.manifest
    if manifest.release and manifest.release.date:
        yield DatedWork(RELEASE, manifest.release.date, ("release", "date"))
    if manifest.announce and manifest.announce.date:
        yield DatedWork(ANNOUNCE, manifest.announce.date, ("announce", "date"))


def dated_work(launch: Launch, timezone: str = "UTC") -> Iterator[DatedWork]:
    """Every dated thing of a launch: release, embargo, announcement, then deliverables due.

    `timezone` is the config's, for an embargo without an offset in a launch without
    a `timezone:` of its own.
    """
    manifest = launch.manifest
    days = {work.kind: work for work in milestones(launch)}
    if RELEASE in days:
        yield days[RELEASE]
    if manifest.announce and manifest.announce.embargo_until:
        moment = in_zone(manifest.announce.embargo_until, manifest.timezone or timezone)
        yield DatedWork(EMBARGO, moment.date(), ("announce", "embargo_until"), moment=moment)
    if ANNOUNCE in days:
        yield days[ANNOUNCE]
    for index, item in enumerate(manifest.collateral or []):  # None: a launch across launches
        if item.due:
            yield DatedWork(COLLATERAL, item.due, ("collateral", index, "due"), item=item)


def in_zone(moment: dt.datetime, timezone: str) -> dt.datetime:
    """A date-time in the named zone: a naive one is taken to be that zone's wall time."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(timezone)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)
