"""Business days: weekends and the configured countries' public holidays.

Holiday tables come from the `holidays` package (hundreds of countries and
their subdivisions, kept up to date), imported only when a config names one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

LEAD_TIME = re.compile(r"^(\d+)\s*(bd|d|w)$")
_MAX_LEAD_DAYS = 3660  # ten years: beyond that a lead time is a typo, and loops stay bounded


def _calendar_for(code: str, years: Iterable[int] = ()) -> Any:
    import holidays  # about 0.1 s, and as much again for a first country: see HolidayCache

    country, _, subdivision = code.partition("-")
    return holidays.country_holidays(country.upper(), subdiv=subdivision or None, years=years)


def unknown_countries(codes: list[str]) -> Iterator[tuple[int, str]]:
    cache = holiday_cache()
    for index, code in enumerate(codes):
        known = cache.known(code)
        if known is None:
            try:
                _calendar_for(code)
                known = True
            except (NotImplementedError, KeyError, ValueError):
                known = False
            cache.remember_known(code, known)
        if not known:
            yield index, code


class HolidayCache:
    """Holiday tables kept on disk, so that a repeat run does not import `holidays`.

    Importing it and building a first country's table costs about 0.2 s, in every
    run that names a country: most of what a small check takes. The tables only
    change with the package, so the file is keyed by where the installed package
    is and when it was written; another version starts a fresh file. Any problem
    reading or writing it just means working without it.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.key = _package_key() if path else None
        self.data: dict[str, Any] = {"key": self.key, "known": {}, "years": {}}
        if path is not None and self.key is not None:
            with contextlib.suppress(OSError, ValueError):
                loaded = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(loaded, dict) and loaded.get("key") == self.key:
                    self.data = loaded

    def known(self, code: str) -> bool | None:
        value = self.data["known"].get(code)
        return value if isinstance(value, bool) else None

    def remember_known(self, code: str, known: bool) -> None:
        self.data["known"][code] = known
        self._save()

    def year(self, code: str, year: int) -> dict[dt.date, str]:
        """The country's holidays in `year`: from the file, else from `holidays` (and saved)."""
        entry = f"{code}:{year}"
        stored = self.data["years"].get(entry)
        if isinstance(stored, list):
            with contextlib.suppress(ValueError, TypeError):
                return {dt.date.fromisoformat(day): str(name) for day, name in stored}
        table = dict(_calendar_for(code, [year]).items())
        self.data["years"][entry] = [[day.isoformat(), name] for day, name in sorted(table.items())]
        self._save()
        return table

    def _save(self) -> None:
        if self.path is None or self.key is None:
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Another process may write at the same time: each writes a whole file and
            # renames it into place, so a reader sees one version or the other.
            temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps(self.data, sort_keys=True), encoding="utf-8")
            os.replace(temporary, self.path)


@functools.cache
def holiday_cache() -> HolidayCache:
    """The cache in LAUNCHGATE_CACHE_DIR, else the user's cache folder; set it empty for none."""
    folder = os.environ.get("LAUNCHGATE_CACHE_DIR")
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "launchgate")
    return HolidayCache(Path(folder) / "holidays.json" if folder else None)


def _package_key() -> str | None:
    """Where the installed `holidays` is and when it was written, without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return None
    try:
        return f"{spec.origin}:{os.stat(spec.origin).st_mtime_ns}"
    except OSError:
        return None


class Workdays:
    """Answers "is this a working day" and counts business days for one project."""

    def __init__(self, countries: list[str]) -> None:
        self._countries = countries
        self._holidays: dict[dt.date, str] = {}
        self._years: set[int] = set()
        # (deadline, lead time) -> latest due: launches share deadlines and checklists.
        self._latest_due: dict[tuple[dt.date, str], dt.date] = {}

    def holiday(self, day: dt.date) -> str | None:
        if not self._countries:
            return None
        if day.year not in self._years:
            self._years.add(day.year)
            for code in self._countries:
                for date, name in holiday_cache().year(code, day.year).items():
                    self._holidays.setdefault(date, f"{name} ({code})")
        return self._holidays.get(day)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and self.holiday(day) is None

    def why_not_working(self, day: dt.date) -> str | None:
        if day.weekday() >= 5:
            return "a weekend"
        return self.holiday(day)

    def business_days_before(self, day: dt.date, count: int) -> dt.date:
        """The working day `count` business days before `day`."""
        current = day
        for _ in range(min(count, _MAX_LEAD_DAYS)):
            current -= dt.timedelta(days=1)
            while not self.is_working_day(current):
                current -= dt.timedelta(days=1)
        return current

    def latest_due(self, deadline: dt.date, lead_time: str) -> dt.date:
        """The last allowed due date for work `lead_time` ("5bd", "10d", "2w") before `deadline`."""
        latest = self._latest_due.get((deadline, lead_time))
        if latest is None:
            amount, unit = parse_lead_time(lead_time)
            if unit == "bd":
                latest = self.business_days_before(deadline, amount)
            else:
                days = amount * 7 if unit == "w" else amount
                latest = deadline - dt.timedelta(days=min(days, _MAX_LEAD_DAYS))
            self._latest_due[(deadline, lead_time)] = latest
        return latest


def parse_lead_time(text: str) -> tuple[int, str]:
    match = LEAD_TIME.match(text.strip())
    if match is None:
        raise ValueError(f"lead time {text!r} is not like 5bd, 10d or 2w")
    return int(match.group(1)), match.group(2)


def describe_lead_time(text: str) -> str:
    amount, unit = parse_lead_time(text)
    noun = {"bd": "business day", "d": "day", "w": "week"}[unit]
    return f"{amount} {noun}{'' if amount == 1 else 's'}"
