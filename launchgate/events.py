"""Launches and freeze windows -> dated events: what `launchgate calendar` and the timeline show.

A waiver's last day (`expires`) is an event too: after it, the findings it
covered count again, so its role has to renew it or let it go in time.

One list of events feeds every calendar format (ICS, Markdown, Mermaid), so they
never disagree about what happens when, who owns it, or where it is declared.
Event text comes from manifests untouched; each format escapes it its own way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from launchgate.config import Freeze
from launchgate.dated_work import RELEASE, dated_work
from launchgate.launch import Launch
from launchgate.models import FINISHED_STATUSES, Waiver

# The order of the kinds on one day: the release before its announcement, etc.
KINDS = ("freeze", "collateral", "release", "embargo", "announce", "waiver")


@dataclass(frozen=True)
class Event:
    """One dated thing: a launch's release, announcement, embargo, deliverable or a waiver's
    last day, or a freeze."""

    kind: str  # one of KINDS
    start: dt.date
    end: dt.date  # the last day, inclusive (a freeze spans days; the rest end where they start)
    launch: Launch | None = None  # None for a freeze window
    item: str = ""  # the collateral id, the waiver's rule, the freeze's number (1-based)
    label: str = ""  # the version, the deliverable's name, the freeze's reason
    owner: str | None = None  # a waiver: its approving role
    status: str | None = None  # a deliverable's status
    moment: dt.datetime | None = None  # the embargo, in its launch's time zone
    file: str | None = None
    line: int | None = None
    waiver: Waiver | None = None

    @property
    def finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    def overdue(self, today: dt.date | None) -> bool:
        """A deliverable past its due day and not finished, or a waiver past its last day."""
        if today is None or self.start >= today:
            return False
        return self.kind == "waiver" or (self.kind == "collateral" and not self.finished)

    @property
    def where(self) -> str | None:
        if self.file is None:
            return None
        return f"{self.file}:{self.line}" if self.line else self.file

    def sort_key(self) -> tuple[dt.date, str, str, int, str]:
        launch = self.launch.manifest.id if self.launch else ""
        file = self.launch.file if self.launch else ""
        return (self.start, launch, file, KINDS.index(self.kind), self.item)


def launch_events(launch: Launch, timezone: str = "UTC") -> list[Event]:
    """A launch's dated events in the order the manifest declares them.

    The release belongs to the product owner, the announcement and embargo to
    the marketing owner, a deliverable to its own owner. `timezone` is the
    config's, for an embargo without a zone of its own and a launch without one.
    """
    manifest = launch.manifest
    owners = manifest.owners or {}
    version = (manifest.release.version if manifest.release else None) or ""
    events: list[Event] = []
    for work in dated_work(launch, timezone):
        line = launch.locate(work.path)[0]
        if work.item is not None:
            item = work.item
            event = Event(
                work.kind,
                work.date,
                work.date,
                launch,
                item=item.id,
                label=item.name or item.type,
                owner=item.owner,
                status=item.status,
                file=launch.file,
                line=line,
            )
        else:
            event = Event(
                work.kind,
                work.date,
                work.date,
                launch,
                label=version if work.kind == RELEASE else "",
                owner=owners.get("product" if work.kind == RELEASE else "marketing"),
                moment=work.moment,
                file=launch.file,
                line=line,
            )
        events.append(event)
    return events


def waiver_events(launch: Launch) -> list[Event]:
    """A launch's waivers, each on its last day, in the order the manifest declares them.

    Every waiver is shown, whatever the check makes of it: the calendar lists the
    dates manifests set, and `launchgate check` says which waivers it refuses.
    """
    manifest = launch.manifest
    return [
        Event(
            "waiver",
            waiver.expires,
            waiver.expires,
            launch,
            item=waiver.rule,
            owner=waiver.approved_by,
            file=launch.file,
            line=launch.locate(("waivers", index))[0],
            waiver=waiver,
        )
        for index, waiver in enumerate(manifest.waivers or ())
    ]


def freeze_events(freezes: Sequence[Freeze], config_file: str | None = None) -> list[Event]:
    """Freeze windows, numbered in the config's order (a number names one across runs)."""
    return [
        Event("freeze", f.start, f.end, item=str(n), label=f.reason or "", file=config_file)
        for n, f in enumerate(freezes, 1)
    ]


def schedule(
    launches: Iterable[Launch],
    freezes: Sequence[Freeze] = (),
    timezone: str = "UTC",
    config_file: str | None = None,
) -> list[Event]:
    """Every event of the launches and the freeze windows, in date order."""
    events = freeze_events(freezes, config_file)
    for launch in launches:
        events += launch_events(launch, timezone) + waiver_events(launch)
    return sorted(events, key=Event.sort_key)
