"""What the board shows, gathered once, and the files it writes.

A `Board` holds the inputs (the loaded launches, the check's Report, the
config, the day the site is built for, and optionally sign-offs from CI and
the repository's web address); `build_pages` turns it into every file of the
site, path -> text, and `write_site` writes them. Everything is sorted and
nothing reads the clock, so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from launchgate.channels import Channel, channel_lookup
from launchgate.config import Config
from launchgate.findings import Finding, LaunchSummary, Report
from launchgate.launch import Launch
from launchgate.models import Glossary
from launchgate.repository import LoadProblem
from launchgate.waiver_list import Listed
from launchgate.workdays import Workdays

if TYPE_CHECKING:
    from launchgate.calendar_view import Calendar

# Per launch and role, who signed off and where, as CI's provenance tells it: "ann in #118".
Signoffs = Mapping[str, Mapping[str, str]]

_SAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True)
class FileLinks:
    """Where a manifest's lines are on the web: the repository's address and the commit.

    The address comes from the command line or CI's environment, never from a
    manifest; only http(s) is accepted.
    """

    repository: str  # e.g. https://github.com/acme/launches
    ref: str = "HEAD"
    folder: str = ""  # where the checked folder is in the repository, e.g. "examples/"

    def __post_init__(self) -> None:
        if not re.match(r"https?://[^\s\"'<>]+$", self.repository):
            raise ValueError(f"{self.repository!r} is not an http(s) address")

    def url(self, file: str, line: int) -> str:
        from urllib.parse import quote

        path = quote(f"{self.folder}{file}")  # a file name may hold `#`, `?` or spaces
        return f"{self.repository.rstrip('/')}/blob/{quote(self.ref)}/{path}#L{line}"


@dataclass
class Board:
    """Everything the pages show. `signoffs` None: offline, nothing verified."""

    launches: list[Launch]
    report: Report
    config: Config
    today: dt.date
    config_file: str | None = None
    skipped: list[LoadProblem] = field(default_factory=list)
    signoffs: Signoffs | None = None
    links: FileLinks | None = None
    glossary: Glossary | None = None

    @functools.cached_property
    def ordered(self) -> list[Launch]:
        """The launches by date (the earlier of release and announcement), undated last."""
        return sorted(self.launches, key=_date_order)

    @functools.cached_property
    def _summaries(self) -> dict[tuple[str, str], LaunchSummary]:
        return {(s.file, s.id): s for s in self.report.launches}

    def findings(self, launch: Launch) -> list[Finding]:
        summary = self._summaries.get((launch.file, launch.manifest.id))
        return self.report.findings_for(summary) if summary else []

    def blockers(self, launch: Launch) -> list[Finding]:
        """What makes the launch not ready: the worst first, then in file order."""
        found = [f for f in self.findings(launch) if self.report.blocks(f)]
        return sorted(found, key=lambda f: (-f.severity, f.line, f.column, f.rule))

    def ready(self, launch: Launch) -> bool:
        return not self.blockers(launch)

    @functools.cached_property
    def page_names(self) -> dict[tuple[str, str], str]:
        """Each launch's page under launches/: `page_file(id)`; a second launch with the same
        id (a `duplicate-id` finding), or one a case-insensitive disk would confuse with
        another, gets a short hash of its file too, so no launch drops off the board."""
        names: dict[tuple[str, str], str] = {}
        taken: set[str] = set()
        for launch in sorted(self.launches, key=lambda each: (each.file, each.manifest.id)):
            key = (launch.file, launch.manifest.id)
            name = page_file(launch.manifest.id)
            if name.casefold() in taken:
                name = f"{name.removesuffix('.html')}-{_tag(chr(0).join(key))}.html"
            taken.add(name.casefold())
            names[key] = name
        return names

    def page_of(self, launch: Launch) -> str:
        """The launch's page, relative to the site's root."""
        return "launches/" + self.page_names[(launch.file, launch.manifest.id)]

    @functools.cached_property
    def channels(self) -> Callable[[str], Channel | None]:
        return channel_lookup(self.config)

    @functools.cached_property
    def calendar(self) -> Calendar:
        from launchgate.calendar_view import Calendar

        return Calendar(self.launches, self.today, self.config, self.config_file)

    @functools.cached_property
    def glossary_metrics(self) -> dict[str, str]:
        return dict(self.glossary.metrics) if self.glossary else {}

    @functools.cached_property
    def _waivers(self) -> dict[str, list[Listed]]:
        from launchgate.waiver_list import list_waivers

        days = self.config.digest.days
        listed = list_waivers(self.launches, self.report, self.config, self.config_file, days)
        by_file: dict[str, list[Listed]] = {}
        for item in listed.waivers:
            by_file.setdefault(item.file, []).append(item)
        return by_file

    def waivers_of(self, launch: Launch) -> list[Listed]:
        return [w for w in self._waivers.get(launch.file, []) if w.launch == launch.manifest.id]

    @functools.cached_property
    def days(self) -> BusinessDays:
        return BusinessDays(Workdays(self.config.calendar.holidays), self.today)


def page_file(launch_id: str) -> str:
    """A launch's page file: its id when that is a safe file name, else a safe form of it
    with a short hash (ids come from manifests: `../x` or `<img>` must not become a path)."""
    name = _SAFE_NAME.sub("-", launch_id).strip("-")[:60] or "launch"
    return f"{name}.html" if name == launch_id else f"{name}-{_tag(launch_id)}.html"


def _tag(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _date_order(launch: Launch) -> tuple[int, dt.date, str, str]:
    manifest = launch.manifest
    dates = [
        day
        for day in (
            manifest.release.date if manifest.release else None,
            manifest.announce.date if manifest.announce else None,
        )
        if day is not None
    ]
    if not dates:
        return (1, dt.date.max, manifest.id, launch.file)
    return (0, min(dates), manifest.id, launch.file)


class BusinessDays:
    """How far a day is from today in business days, as people say it: "in 5 business days"."""

    def __init__(self, workdays: Workdays, today: dt.date) -> None:
        self.workdays = workdays
        self.today = today
        # Business days from today to a day, filled outwards as far as asked, so each day of
        # the calendar is looked at once however many launches share it.
        self._ahead = [0]
        self._behind = [0]

    def between(self, day: dt.date) -> int:
        """Business days after today up to `day` (negative: before today)."""
        gap = (day - self.today).days
        steps, sign, direction = (self._ahead, 1, 1) if gap >= 0 else (self._behind, -1, -1)
        while len(steps) <= abs(gap):
            at = self.today + dt.timedelta(days=direction * len(steps))
            steps.append(steps[-1] + self.workdays.is_working_day(at))
        return sign * steps[abs(gap)]

    def phrase(self, day: dt.date) -> str:
        if day == self.today:
            return "today"
        count = self.between(day)
        unit = "business day" if abs(count) == 1 else "business days"
        return f"in {count} {unit}" if day > self.today else f"{-count} {unit} ago"


def build_pages(board: Board) -> dict[str, str]:
    """Every file of the site, by its path relative to the site's root."""
    from launchgate.board import copy_grid, launch_page

    files: dict[str, str] = {}
    for job in _SHARED:
        files.update(job(board))
    tallies = []
    for launch in board.ordered:
        grid, tally = copy_grid.grid(board, launch)
        files[board.page_of(launch)] = launch_page.render(board, launch, grid)
        tallies.append(tally)
    files["copy.html"] = copy_grid.render(board, tallies)
    return files


def _calendar_pages(board: Board) -> dict[str, str]:
    """The ICS to subscribe to, written beside the pages, and the timeline: one job, so the
    calendar's events are worked out in one process only."""
    from launchgate.board import timeline_page
    from launchgate.calendar_view import RENDERERS

    return {
        "calendar.ics": RENDERERS["ics"](board.calendar),
        "timeline.html": timeline_page.render(board, board.calendar),
    }


def _report_file(board: Board) -> dict[str, str]:
    """The JSON report, written beside the pages."""
    from launchgate.reporters import reporter

    return {"report.json": reporter("json")(board.report, False)}


def _index_page(board: Board) -> dict[str, str]:
    from launchgate.board import overview

    return {"index.html": overview.render(board)}


def _people_page(board: Board) -> dict[str, str]:
    from launchgate.board import people

    return {"people.html": people.render(board)}


# The files made from all launches at once, the costliest first (measured at 2,000 launches:
# the ICS and the timeline 0.55 s, the rest under 0.1 s each), so that the processes that
# share the work take them first and even out on the launches' pages.
_SHARED: tuple[Callable[[Board], dict[str, str]], ...] = (
    _calendar_pages,
    _index_page,
    _people_page,
    _report_file,
)
_BATCHES = 24  # of launches: with the files above, one chunk each for `split_map`


def write_board(board: Board, output: Path) -> None:
    """Build the site and write it: what `build_pages` gives, made on several cores for a
    large repository (each file made from all launches is a job, and so is each batch of
    launches' pages, with their copy grids), so that the board costs little more than its check."""
    from launchgate.board import copy_grid, launch_page
    from launchgate.loader import PARALLEL_FROM
    from launchgate.parallel import split_map

    launches = board.ordered
    size = max(1, -(-len(launches) // _BATCHES))
    batches = [launches[start : start + size] for start in range(0, len(launches), size)]
    (output / "launches").mkdir(parents=True, exist_ok=True)  # fails here, not in a worker

    def work(start: int, stop: int) -> list[copy_grid.Tally]:
        """Write the jobs' pages; give back the launches' copy in numbers for the copy page."""
        tallies = []
        for job in range(start, stop):
            if job < len(_SHARED):
                write_site(_SHARED[job](board), output)
                continue
            pages = {}
            for launch in batches[job - len(_SHARED)]:
                grid, tally = copy_grid.grid(board, launch)
                pages[board.page_of(launch)] = launch_page.render(board, launch, grid)
                tallies.append(tally)
            write_site(pages, output)
        return tallies

    # Each job is a chunk of its own (fewer jobs than chunks), so one process cannot end up
    # with the costly files bunched together.
    large = len(launches) >= PARALLEL_FROM
    tallies = split_map(work, len(_SHARED) + len(batches), 1 if large else len(launches) + 99)
    write_site({"copy.html": copy_grid.render(board, tallies)}, output)
    _remove_gone(board, output)


def _remove_gone(board: Board, output: Path) -> None:
    """Remove the launch pages of an earlier build whose launch is gone: left, they would
    still say it is (not) ready. Only launches/*.html, the board's own; nothing else."""
    kept = {board.page_of(launch) for launch in board.launches}
    for old in sorted((output / "launches").glob("*.html")):
        if old.is_file() and f"launches/{old.name}" not in kept:
            old.unlink()


def write_site(files: Mapping[str, str], output: Path) -> None:
    """Write the files under `output`, creating folders; other files there are left alone."""
    (output / "launches").mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        # newline="": the ICS lines end in CRLF as RFC 5545 says, on every platform
        with open(output / name, "w", encoding="utf-8", newline="") as target:
            target.write(content)
