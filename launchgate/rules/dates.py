"""Rules about dates: order, lead times, overdue work, freezes, working days, conflicts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from launchgate.dated_work import ANNOUNCE, RELEASE, in_zone, milestones
from launchgate.days import with_year
from launchgate.findings import Severity
from launchgate.launch import Launch
from launchgate.loader import PathKey
from launchgate.rules.base import Context, Rule, Violation
from launchgate.workdays import describe_lead_time

_NAMES = {RELEASE: "release", ANNOUNCE: "announcement"}


def _key_dates(launch: Launch) -> Iterator[tuple[str, dt.date, PathKey]]:
    for work in milestones(launch):
        yield _NAMES[work.kind], work.date, work.path


def check_order(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """Dates must not contradict each other.

    The announcement comes on or after the release (unless
    `announce.pre_announce: true` says an earlier announcement is planned);
    an embargo lifts no later than the announcement day; every collateral item
    is due no later than the announcement (or the release, when there is no
    announcement date). An embargo without an offset is read in the launch's
    time zone (`timezone:`, else the config's).

    Fails:

        release: {version: "4.2.0", date: 2026-12-01}
        announce: {date: 2026-11-30}

    Passes:

        release: {version: "4.2.0", date: 2026-12-01}
        announce: {date: 2026-12-02}
    """
    manifest = launch.manifest
    release = manifest.release.date if manifest.release else None
    announce = manifest.announce
    early = release and announce and announce.date and announce.date < release
    if early and announce and not announce.pre_announce:
        yield Violation(
            ("announce", "date"),
            f"the announcement ({announce.date}) comes before the release ({release}); "
            "set announce.pre_announce: true if that is the plan",
        )
    if announce and announce.date and announce.embargo_until:
        lifts = in_zone(announce.embargo_until, manifest.timezone or ctx.config.timezone).date()
        if lifts > announce.date:
            yield Violation(
                ("announce", "embargo_until"),
                f"the embargo lifts on {lifts}, after the announcement on {announce.date}",
            )
    deadline = launch.deadline
    if deadline is None:
        return
    what = "announcement" if announce and announce.date else "release"
    for index, item in enumerate(manifest.collateral):
        if item.due and item.due > deadline:
            yield Violation(
                ("collateral", index, "due"),
                f"{item.id} is due {item.due}, after the {what} on {deadline}",
            )


def check_lead_time(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """Deliverables are due early enough for the checklist's lead time.

    A checklist gives each collateral type a `lead_time`: `5bd` (business
    days, skipping weekends and the configured holidays), `10d` (calendar
    days) or `2w` (weeks), counted back from the announcement (or the
    release). Work due later than that leaves no time to review it.

    Fails (the checklist says `{type: blog_post, lead_time: 5bd}`):

        announce: {date: 2026-12-02}
        collateral:
          - {id: blog-post, type: blog_post, owner: "@david", due: 2026-11-30, status: draft}

    Passes:

        announce: {date: 2026-12-02}
        collateral:
          - {id: blog-post, type: blog_post, owner: "@david", due: 2026-11-24, status: draft}
    """
    deadline = launch.deadline
    if launch.checklist is None or deadline is None:
        return
    lead_times = {c.type: c.lead_time for c in launch.checklist.collateral if c.lead_time}
    for index, item in enumerate(launch.manifest.collateral):
        lead = lead_times.get(item.type)
        if lead is None or item.due is None or item.due > deadline:
            continue  # collateral due after the deadline is date-order's finding
        latest = ctx.workdays.latest_due(deadline, lead)
        if item.due > latest:
            yield Violation(
                ("collateral", index, "due"),
                f"{item.id} is due {item.due}; the {launch.checklist_name} checklist wants a "
                f"{item.type} {describe_lead_time(lead)} ahead, by {latest}",
            )


def check_overdue(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """Work past its due date that is not finished.

    Collateral whose `due` date has passed (as of `--today`, by default today
    in the configured time zone) and whose `status` is not `done` or
    `published` needs its owner's attention.

    Fails (checked as of 2026-11-23):

        collateral:
          - {id: sales-deck, type: sales_deck, owner: "@david", due: 2026-11-20, status: draft}

    Passes:

        collateral:
          - {id: sales-deck, type: sales_deck, owner: "@david", due: 2026-11-20, status: done}
    """
    for index, item in enumerate(launch.manifest.collateral):
        if item.due and item.due < ctx.today and not item.finished:
            owner = f" ({item.owner})" if item.owner else ""
            yield Violation(
                ("collateral", index, "due"),
                f"{item.id}{owner} was due {with_year(item.due)} and is {item.status}",
            )


def check_freeze(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """No release or announcement inside a freeze window.

    The config's `calendar.freeze` lists windows (inclusive) in which nothing
    ships, such as a year-end freeze.

    Fails (config: `freeze: [{from: 2026-12-21, to: 2027-01-04}]`):

        release: {version: "4.3.0", date: 2026-12-22}

    Passes:

        release: {version: "4.3.0", date: 2027-01-05}
    """
    for what, date, path in _key_dates(launch):
        for window in ctx.config.calendar.freeze:
            if window.start <= date <= window.end:
                reason = f" ({window.reason})" if window.reason else ""
                yield Violation(
                    path,
                    f"the {what} on {with_year(date)} falls in the freeze "
                    f"{window.start} to {window.end}{reason}",
                )


def check_non_working_day(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """Releases and announcements land on working days.

    A weekend or a public holiday of the configured countries
    (`calendar.holidays`) is a poor day to ship or announce: fewer people to
    fix what breaks, fewer people reading.

    Fails:

        announce: {date: 2026-12-05}

    Passes:

        announce: {date: 2026-12-02}
    """
    for what, date, path in _key_dates(launch):
        reason = ctx.workdays.why_not_working(date)
        if reason:
            yield Violation(path, f"the {what} is on {with_year(date)}, {reason}")


def check_conflict(launches: list[Launch], ctx: Context) -> Iterator[tuple[Launch, Violation]]:
    """Launches whose checklist says `conflicts: same-day` do not share a day.

    Two major launches released or announced on the same day compete for the
    same attention and the same people. Each launch on a shared day gets a
    finding naming the others.

    Fails (both use a checklist with `conflicts: same-day`):

        # launches/a.yaml
        release: {version: "4.2.0", date: 2026-12-01}
        # launches/b.yaml
        release: {version: "4.2.0", date: 2026-12-01}

    Passes:

        # launches/a.yaml
        release: {version: "4.2.0", date: 2026-12-01}
        # launches/b.yaml
        release: {version: "4.3.0", date: 2026-12-08}
    """
    by_day: dict[dt.date, list[tuple[Launch, str, PathKey]]] = {}
    for launch in launches:
        if launch.checklist is None or launch.checklist.conflicts != "same-day":
            continue
        for what, date, path in _key_dates(launch):
            by_day.setdefault(date, []).append((launch, what, path))
    for date, entries in sorted(by_day.items()):
        ids = sorted({launch.manifest.id for launch, _, _ in entries})
        if len(ids) < 2:
            continue
        for launch, what, path in entries:
            # Name three of the others, count the rest: linear however many share the day.
            named = [other for other in ids[:4] if other != launch.manifest.id][:3]
            more = len(ids) - 1 - len(named)
            shown = ", ".join(named) + (f" and {more} more" if more else "")
            yield (
                launch,
                Violation(path, f"the {what} on {with_year(date)} shares the day with {shown}"),
            )


ORDER = Rule("date-order", Severity.ERROR, check_order, reads={"release", "announce", "timezone"})
LEAD_TIME = Rule(
    "date-lead-time",
    Severity.WARNING,
    check_lead_time,
    reads={"checklist", "release", "announce"},
)
OVERDUE = Rule("date-overdue", Severity.WARNING, check_overdue, reads=())
FREEZE = Rule("date-freeze", Severity.ERROR, check_freeze, reads=())
NON_WORKING_DAY = Rule("date-non-working-day", Severity.WARNING, check_non_working_day, reads=())
CONFLICT = Rule("date-conflict", Severity.WARNING, check_across=check_conflict, reads={"checklist"})
