"""A launch's dated work, read once for the date rules, the calendar and the digest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from launchgate.config import load_config
from launchgate.dated_work import dated_work, in_zone, milestones
from launchgate.launch import Launch
from launchgate.repository import load_repository
from tests.conftest import write_tree

MANIFEST = """\
id: smart-reports
timezone: Europe/Berlin
release: {version: "4.2.0", date: 2026-12-01}
announce: {date: 2026-12-02, embargo_until: "2026-12-02T09:00:00"}
collateral:
  - {id: blog-post, type: blog_post, owner: "@david", due: 2026-11-20, status: draft}
  - {id: deck, type: sales_deck, status: done}
  - {id: notes, type: release_notes, due: 2026-11-30, status: done}
"""


def load(root: Path, text: str) -> Launch:
    write_tree(root, {"launches/one.yaml": text})
    config, config_file = load_config(root)
    repo = load_repository(root, config, config_file)
    assert not repo.problems, repo.problems
    return repo.launches[0]


def test_every_dated_thing_in_manifest_order_with_the_path_of_its_date(tmp_path: Path) -> None:
    launch = load(tmp_path, MANIFEST)
    found = [(w.kind, w.date.isoformat(), w.path) for w in dated_work(launch)]
    assert found == [
        ("release", "2026-12-01", ("release", "date")),
        ("embargo", "2026-12-02", ("announce", "embargo_until")),
        ("announce", "2026-12-02", ("announce", "date")),
        ("collateral", "2026-11-20", ("collateral", 0, "due")),  # the deck has no date
        ("collateral", "2026-11-30", ("collateral", 2, "due")),  # finished work is dated too
    ]
    items = [w.item.id for w in dated_work(launch) if w.item is not None]
    assert items == ["blog-post", "notes"]
    assert [launch.locate(w.path)[0] for w in dated_work(launch)] == [3, 4, 4, 6, 8]


def test_the_embargo_is_a_moment_in_the_launchs_own_zone_else_the_configs(tmp_path: Path) -> None:
    launch = load(tmp_path / "own", MANIFEST)
    embargo = next(w for w in dated_work(launch, "Asia/Tokyo") if w.kind == "embargo")
    assert embargo.moment == dt.datetime(2026, 12, 2, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    offset = MANIFEST.replace("timezone: Europe/Berlin\n", "").replace(
        "T09:00:00", "T20:00:00+00:00"
    )
    launch = load(tmp_path / "config", offset)
    embargo = next(w for w in dated_work(launch, "Asia/Tokyo") if w.kind == "embargo")
    # 20:00 UTC is the next morning in Tokyo: the day it lifts there.
    assert (embargo.date, embargo.moment) == (
        dt.date(2026, 12, 3),
        dt.datetime(2026, 12, 3, 5, tzinfo=ZoneInfo("Asia/Tokyo")),
    )


def test_milestones_are_the_release_and_announcement_days_only(tmp_path: Path) -> None:
    launch = load(tmp_path, MANIFEST)
    assert [(w.kind, w.path) for w in milestones(launch)] == [
        ("release", ("release", "date")),
        ("announce", ("announce", "date")),
    ]
    # What a rule across launches is given (no collateral at all) has the same milestones.
    across = launch.for_rules_across()
    assert list(milestones(across)) == list(milestones(launch))
    assert [w.kind for w in dated_work(across)] == ["release", "embargo", "announce"]


def test_a_launch_without_dates_has_no_dated_work(tmp_path: Path) -> None:
    launch = load(tmp_path, "id: quiet\ncollateral:\n  - {id: a, type: blog_post}\n")
    assert list(dated_work(launch)) == []


def test_a_naive_moment_is_wall_time_in_the_zone_and_an_aware_one_is_converted() -> None:
    naive = dt.datetime(2026, 12, 2, 9)
    assert in_zone(naive, "Europe/Berlin") == naive.replace(tzinfo=ZoneInfo("Europe/Berlin"))
    aware = dt.datetime(2026, 12, 2, 23, tzinfo=dt.timezone.utc)
    assert in_zone(aware, "Europe/Berlin").date() == dt.date(2026, 12, 3)
