"""`launchgate waivers`: every waiver in the repository, and where it stands today.

Each waiver's state comes from the same places a check takes it from:
launchgate.waivers says whether it stands (active, expired, refused), and the
check's report says which findings it covered (none: unused). An active one
that ends within the window is `expiring`, so it can be renewed or let go in
time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from launchgate.config import Config, config_name
from launchgate.findings import Report
from launchgate.launch import Launch
from launchgate.waivers import standing, where_parts

SCHEMA = "launchgate.waivers/v1"
ListedState = Literal["active", "expiring", "expired", "unused", "refused"]
STATES: tuple[ListedState, ...] = ("refused", "expired", "unused", "expiring", "active")


@dataclass(frozen=True)
class Listed:
    """One waiver as `launchgate waivers` shows it."""

    launch: str  # the launch's id
    launch_name: str
    file: str
    line: int
    rule: str
    where: dict[str, list[str]]  # only the parts it names
    reason: str
    approved_by: str
    expires: dt.date
    state: ListedState
    why: str  # why refused or expired; empty otherwise
    covers: int  # the findings it covered in today's check


@dataclass(frozen=True)
class WaiverList:
    today: dt.date
    days: int
    waivers: list[Listed]

    @property
    def until(self) -> dt.date:
        return self.today + dt.timedelta(days=self.days)

    def tally(self) -> dict[str, int]:
        counted = Counter(item.state for item in self.waivers)
        return {state: counted[state] for state in STATES}


def list_waivers(
    launches: list[Launch], report: Report, config: Config, config_file: str | None, days: int
) -> WaiverList:
    """Every waiver of the launches, in file and line order, with its state on the report's day.

    `report` is the check of these launches on that day: it says what each waiver covered.
    """
    today = dt.date.fromisoformat(report.today)
    covered = Counter((f.waiver.file, f.waiver.line) for f in report.waived if f.waiver)
    name = config_name(config_file)
    listed = []
    for launch in launches:
        manifest = launch.manifest
        for index, waiver in enumerate(manifest.waivers or ()):
            line, _ = launch.locate(("waivers", index))
            found = standing(waiver, config, today, name)
            count = covered[(launch.file, line)]
            state: ListedState = found.state
            if state == "active" and count == 0 and launch.gaps is None:
                state = "unused"
            elif state == "active" and (waiver.expires - today).days <= days:
                state = "expiring"
            listed.append(
                Listed(
                    launch=manifest.id,
                    launch_name=manifest.title,
                    file=launch.file,
                    line=line,
                    rule=waiver.rule,
                    where=where_parts(waiver),
                    reason=waiver.reason,
                    approved_by=waiver.approved_by,
                    expires=waiver.expires,
                    state=state,
                    why=found.why,
                    covers=count,
                )
            )
    listed.sort(key=lambda item: (item.file, item.line))
    return WaiverList(today, days, listed)
