"""Business days: weekends and the configured countries' public holidays.

Holiday tables come from the `holidays` package (hundreds of countries and
their subdivisions, kept up to date), imported only when a config names one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

LEAD_TIME = re.compile(r"^(\d+)\s*(bd|d|w)$")
_MAX_LEAD_DAYS = 3660  # ten years: beyond that a lead time is a typo, and loops stay bounded


def _calendar_for(code: str, years: Iterable[int] = ()) -> Any:
    import holidays  # about 70 ms: paid only by configs that name a country

    country, _, subdivision = code.partition("-")
    return holidays.country_holidays(country.upper(), subdiv=subdivision or None, years=years)


def unknown_countries(codes: list[str]) -> Iterator[tuple[int, str]]:
    for index, code in enumerate(codes):
        try:
            _calendar_for(code)
        except (NotImplementedError, KeyError, ValueError):
            yield index, code


class Workdays:
    """Answers "is this a working day" and counts business days for one project."""

    def __init__(self, countries: list[str]) -> None:
        self._countries = countries
        self._holidays: dict[dt.date, str] = {}
        self._years: set[int] = set()

    def holiday(self, day: dt.date) -> str | None:
        if not self._countries:
            return None
        if day.year not in self._years:
            self._years.add(day.year)
            for code in self._countries:
                for date, name in _calendar_for(code, [day.year]).items():
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
        amount, unit = parse_lead_time(lead_time)
        if unit == "bd":
            return self.business_days_before(deadline, amount)
        days = amount * 7 if unit == "w" else amount
        return deadline - dt.timedelta(days=min(days, _MAX_LEAD_DAYS))


def parse_lead_time(text: str) -> tuple[int, str]:
    match = LEAD_TIME.match(text.strip())
    if match is None:
        raise ValueError(f"lead time {text!r} is not like 5bd, 10d or 2w")
    return int(match.group(1)), match.group(2)


def describe_lead_time(text: str) -> str:
    amount, unit = parse_lead_time(text)
    noun = {"bd": "business day", "d": "day", "w": "week"}[unit]
    return f"{amount} {noun}{'' if amount == 1 else 's'}"
