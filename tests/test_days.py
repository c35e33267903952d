"""The forms a day is written in for people, each in one place."""

from __future__ import annotations

import datetime as dt

from launchgate.days import iso_with_weekday, with_year, without_year
from launchgate.reporters.markdown import short_date

SATURDAY = dt.date(2026, 12, 5)


def test_each_form_names_the_weekday() -> None:
    assert with_year(SATURDAY) == "Sat 5 Dec 2026"
    assert without_year(SATURDAY) == "Sat 5 Dec"
    assert iso_with_weekday(SATURDAY) == "Sat 2026-12-05"


def test_days_are_not_zero_padded_but_iso_dates_are() -> None:
    day = dt.date(2027, 1, 4)
    assert (with_year(day), without_year(day), iso_with_weekday(day)) == (
        "Mon 4 Jan 2027",
        "Mon 4 Jan",
        "Mon 2027-01-04",
    )


def test_a_report_day_in_a_table_cell_is_short_or_a_dash() -> None:
    assert short_date("2026-12-05") == "Sat 5 Dec"
    assert short_date(None) == short_date("") == "—"
