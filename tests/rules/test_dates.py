"""Date rules: date-order, date-lead-time, date-overdue, date-freeze, date-non-working-day,
date-conflict. The checks run as of TODAY, Monday 2026-11-23."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.findings import Report
from tests.rules.conftest import (
    ERROR,
    HEADER,
    TODAY,
    WARNING,
    CheckRepo,
    Expected,
    Files,
    assert_findings,
    check_files,
    fired,
)

US_HOLIDAYS = "calendar:\n  holidays: [US]\n"
FREEZE = "calendar:\n  freeze:\n    - {from: 2026-12-21, to: 2027-01-04, reason: Year-end freeze}\n"


def dated(release: str, announce: str, rest: str = "") -> str:
    """A launch with its release on line 3 and its announcement on line 4."""
    return (
        'id: demo\nowners: {product: "@ann"}\n'
        f'release: {{version: "1.0.0", date: {release}}}\n'
        f"announce: {{{announce}}}\n" + rest
    )


def one_collateral(due: str, status: str = "draft") -> str:
    """Lines 5-6: a collateral item due on `due`."""
    return (
        "collateral:\n"
        f'  - {{id: post, type: blog_post, owner: "@ann", due: {due}, status: {status}}}\n'
    )


# --- date-order -----------------------------------------------------------------------------

ORDER_CASES = [
    pytest.param(dated("2026-12-01", "date: 2026-12-02"), "", [], id="announce-after-release"),
    pytest.param(dated("2026-12-01", "date: 2026-12-01"), "", [], id="same-day"),
    pytest.param(
        dated("2026-12-01", "date: 2026-11-30"),
        "",
        [
            (
                4,
                ERROR,
                "the announcement (2026-11-30) comes before the release (2026-12-01); "
                "set announce.pre_announce: true",
            )
        ],
        id="announce-before-release",
    ),
    pytest.param(
        dated("2026-12-01", "date: 2026-11-30, pre_announce: true"),
        "",
        [],
        id="pre-announce-allowed",
    ),
    pytest.param(
        dated("2026-12-01", 'date: 2026-12-02, embargo_until: "2026-12-02T09:00:00+01:00"'),
        "",
        [],
        id="embargo-lifts-on-the-day",
    ),
    pytest.param(
        dated("2026-12-01", 'date: 2026-12-02, embargo_until: "2026-12-03T00:30:00+01:00"'),
        "",
        [],
        id="embargo-next-day-in-berlin-is-the-day-in-utc",
    ),
    pytest.param(
        dated("2026-12-01", 'date: 2026-12-02, embargo_until: "2026-12-03T00:30:00+01:00"'),
        "timezone: Europe/Berlin\n",
        [(4, ERROR, "the embargo lifts on 2026-12-03, after the announcement on 2026-12-02")],
        id="embargo-in-the-config-time-zone",
    ),
    pytest.param(
        dated("2026-12-01", 'date: 2026-12-02, embargo_until: "2026-12-02T23:30:00-05:00"'),
        "",
        [(4, ERROR, "the embargo lifts on 2026-12-03")],
        id="embargo-late-in-new-york-is-next-day-in-utc",
    ),
    pytest.param(
        dated("2026-12-01", 'date: 2026-12-02, embargo_until: "2026-12-03T08:00:00"'),
        "",
        [(4, ERROR, "the embargo lifts on 2026-12-03")],
        id="embargo-without-offset",
    ),
    pytest.param(
        dated("2026-12-01", "date: 2026-12-02", one_collateral("2026-12-02")),
        "",
        [],
        id="collateral-due-on-announcement",
    ),
    pytest.param(
        dated("2026-12-01", "date: 2026-12-02", one_collateral("2026-12-03")),
        "",
        [(6, ERROR, "post is due 2026-12-03, after the announcement on 2026-12-02")],
        id="collateral-due-after-announcement",
    ),
    pytest.param(
        dated("2026-12-01", "pre_announce: false", one_collateral("2026-12-02")),
        "",
        [(6, ERROR, "post is due 2026-12-02, after the release on 2026-12-01")],
        id="collateral-due-after-release-without-announce-date",
    ),
]


@pytest.mark.parametrize(("manifest", "config", "expected"), ORDER_CASES)
def test_date_order(
    check_repo: CheckRepo, manifest: str, config: str, expected: list[Expected]
) -> None:
    files: Files = {"launches/demo.yaml": manifest}
    if config:
        files = {**files, ".launchgate.yml": config}
    assert_findings(check_repo(files), "date-order", expected)


def test_embargo_uses_the_launch_time_zone_over_the_config(check_repo: CheckRepo) -> None:
    manifest = dated(
        "2026-12-01", 'date: 2026-12-02, embargo_until: "2026-12-02T23:30:00-05:00"'
    ).replace("id: demo\n", "id: demo\ntimezone: America/New_York\n")
    files: Files = {".launchgate.yml": "timezone: Europe/Berlin\n", "launches/demo.yaml": manifest}
    assert_findings(check_repo(files), "date-order", [])


# --- date-lead-time -------------------------------------------------------------------------

LEAD_CHECKLIST = """\
collateral:
  - {type: blog_post, lead_time: 5bd}
  - {type: sales_deck, lead_time: 10d}
  - {type: press_release, lead_time: 2w}
"""


def lead_manifest(kind: str, due: str, announce: str = "announce: {date: 2026-12-02}\n") -> str:
    """Checklist `t`; release Tue 2026-12-01; the collateral item is on line 7."""
    return (
        'id: demo\nchecklist: t\nowners: {product: "@ann"}\n'
        'release: {version: "1.0.0", date: 2026-12-01}\n'
        + announce
        + "collateral:\n"
        + f'  - {{id: item, type: {kind}, owner: "@ann", due: {due}, status: done}}\n'
    )


LEAD_CASES = [
    pytest.param(lead_manifest("blog_post", "2026-11-25"), "", [], id="5bd-on-the-day"),
    pytest.param(
        lead_manifest("blog_post", "2026-11-26"),
        "",
        [
            (
                7,
                WARNING,
                "item is due 2026-11-26; the t checklist wants a blog_post "
                "5 business days ahead, by 2026-11-25",
            )
        ],
        id="5bd-one-day-late",
    ),
    pytest.param(
        lead_manifest("blog_post", "2026-11-25"),
        US_HOLIDAYS,
        [(7, WARNING, "5 business days ahead, by 2026-11-24")],
        id="5bd-skips-thanksgiving",
    ),
    pytest.param(lead_manifest("blog_post", "2026-11-24"), US_HOLIDAYS, [], id="5bd-us-on-the-day"),
    pytest.param(lead_manifest("sales_deck", "2026-11-22"), "", [], id="10d-on-the-day"),
    pytest.param(
        lead_manifest("sales_deck", "2026-11-23"),
        "",
        [(7, WARNING, "wants a sales_deck 10 days ahead, by 2026-11-22")],
        id="10d-one-day-late",
    ),
    pytest.param(lead_manifest("press_release", "2026-11-18"), "", [], id="2w-on-the-day"),
    pytest.param(
        lead_manifest("press_release", "2026-11-19"),
        "",
        [(7, WARNING, "wants a press_release 2 weeks ahead, by 2026-11-18")],
        id="2w-one-day-late",
    ),
    pytest.param(
        lead_manifest("blog_post", "2026-11-25", announce=""),
        "",
        [(6, WARNING, "5 business days ahead, by 2026-11-24")],
        id="counted-from-release-without-announcement",
    ),
    pytest.param(lead_manifest("help_article", "2026-12-02"), "", [], id="type-without-lead-time"),
    pytest.param(
        lead_manifest("blog_post", "2026-12-03"), "", [], id="after-the-deadline-is-date-order"
    ),
]


@pytest.mark.parametrize(("manifest", "config", "expected"), LEAD_CASES)
def test_date_lead_time(
    check_repo: CheckRepo, manifest: str, config: str, expected: list[Expected]
) -> None:
    files: Files = {"checklists/t.yaml": LEAD_CHECKLIST, "launches/demo.yaml": manifest}
    if config:
        files = {**files, ".launchgate.yml": config}
    assert_findings(check_repo(files), "date-lead-time", expected)


def test_date_lead_time_needs_a_checklist(check_repo: CheckRepo) -> None:
    manifest = lead_manifest("blog_post", "2026-12-01").replace("checklist: t\n", "")
    report = check_repo({"checklists/t.yaml": LEAD_CHECKLIST, "launches/demo.yaml": manifest})
    assert_findings(report, "date-lead-time", [])


# --- date-overdue ---------------------------------------------------------------------------


def deck(fields: str) -> str:
    """HEADER, then a sales deck on line 6."""
    return HEADER + f"collateral:\n  - {{id: deck, type: sales_deck, {fields}}}\n"


OVERDUE_CASES = [
    pytest.param(
        'owner: "@david", due: 2026-11-20, status: draft',
        [(6, WARNING, "deck (@david) was due Fri 20 Nov 2026 and is draft")],
        id="draft-past-due",
    ),
    pytest.param('owner: "@david", due: 2026-11-20, status: done', [], id="done"),
    pytest.param('owner: "@david", due: 2026-11-20, status: published', [], id="published"),
    pytest.param(
        'owner: "@david", due: 2026-11-20, status: approved',
        [(6, WARNING, "and is approved")],
        id="approved-is-not-finished",
    ),
    pytest.param('owner: "@david", due: 2026-11-23, status: draft', [], id="due-today"),
    pytest.param(
        'owner: "@david", due: 2026-11-22',
        [(6, WARNING, "deck (@david) was due Sun 22 Nov 2026 and is planned")],
        id="default-status-is-planned",
    ),
    pytest.param(
        "due: 2026-11-20, status: draft",
        [(6, WARNING, "deck was due Fri 20 Nov 2026 and is draft")],
        id="without-owner",
    ),
    pytest.param('owner: "@david", status: draft', [], id="without-due-date"),
]


@pytest.mark.parametrize(("fields", "expected"), OVERDUE_CASES)
def test_date_overdue(check_repo: CheckRepo, fields: str, expected: list[Expected]) -> None:
    assert_findings(check_repo({"launches/demo.yaml": deck(fields)}), "date-overdue", expected)


def test_date_overdue_is_as_of_the_day_checked(tmp_path: Path) -> None:
    files: Files = {"launches/demo.yaml": deck('owner: "@david", due: 2026-11-20, status: draft')}
    before = check_files(tmp_path / "before", files, today=TODAY.replace(day=20))
    after = check_files(tmp_path / "after", files, today=TODAY.replace(day=21))
    assert fired(before, "date-overdue") == []
    assert len(fired(after, "date-overdue")) == 1


# --- date-freeze ----------------------------------------------------------------------------

FREEZE_NOTE = "falls in the freeze 2026-12-21 to 2027-01-04 (Year-end freeze)"

FREEZE_CASES = [
    pytest.param(
        "2026-12-21",
        "2026-12-22",
        FREEZE,
        [
            (3, ERROR, f"the release on Mon 21 Dec 2026 {FREEZE_NOTE}"),
            (4, ERROR, f"the announcement on Tue 22 Dec 2026 {FREEZE_NOTE}"),
        ],
        id="first-day-inclusive",
    ),
    pytest.param(
        "2027-01-04",
        "2027-01-05",
        FREEZE,
        [(3, ERROR, f"the release on Mon 4 Jan 2027 {FREEZE_NOTE}")],
        id="last-day-inclusive",
    ),
    pytest.param("2027-01-05", "2027-01-06", FREEZE, [], id="after-the-freeze"),
    pytest.param(
        "2026-12-18",
        "2026-12-21",
        FREEZE,
        [(4, ERROR, "the announcement on Mon 21 Dec 2026 falls in the freeze")],
        id="announcement-only",
    ),
    pytest.param("2026-12-22", "2026-12-23", "timezone: UTC\n", [], id="no-freeze-configured"),
]


@pytest.mark.parametrize(("release", "announce", "config", "expected"), FREEZE_CASES)
def test_date_freeze(
    check_repo: CheckRepo, release: str, announce: str, config: str, expected: list[Expected]
) -> None:
    files: Files = {
        ".launchgate.yml": config,
        "launches/demo.yaml": dated(release, f"date: {announce}"),
    }
    assert_findings(check_repo(files), "date-freeze", expected)


# --- date-non-working-day -------------------------------------------------------------------

NON_WORKING_CASES = [
    pytest.param("2026-12-01", "2026-12-02", "", [], id="tuesday-and-wednesday"),
    pytest.param(
        "2026-12-05",
        "2026-12-07",
        "",
        [(3, WARNING, "the release is on Sat 5 Dec 2026, a weekend")],
        id="saturday-release",
    ),
    pytest.param(
        "2026-12-04",
        "2026-12-06",
        "",
        [(4, WARNING, "the announcement is on Sun 6 Dec 2026, a weekend")],
        id="sunday-announcement",
    ),
    pytest.param(
        "2026-11-26",
        "2026-11-27",
        US_HOLIDAYS,
        [(3, WARNING, "the release is on Thu 26 Nov 2026, Thanksgiving")],
        id="us-thanksgiving",
    ),
    pytest.param(
        "2026-12-25",
        "2026-12-28",
        US_HOLIDAYS,
        [(3, WARNING, "the release is on Fri 25 Dec 2026, Christmas")],
        id="us-christmas",
    ),
    pytest.param("2026-11-26", "2026-11-27", "", [], id="thanksgiving-without-a-calendar"),
]


@pytest.mark.parametrize(("release", "announce", "config", "expected"), NON_WORKING_CASES)
def test_date_non_working_day(
    check_repo: CheckRepo, release: str, announce: str, config: str, expected: list[Expected]
) -> None:
    files: Files = {"launches/demo.yaml": dated(release, f"date: {announce}")}
    if config:
        files = {**files, ".launchgate.yml": config}
    assert_findings(check_repo(files), "date-non-working-day", expected)


def test_holiday_message_names_the_country(check_repo: CheckRepo) -> None:
    files: Files = {
        ".launchgate.yml": US_HOLIDAYS,
        "launches/demo.yaml": dated("2026-11-26", "date: 2026-11-30"),
    }
    (finding,) = fired(check_repo(files), "date-non-working-day")
    assert finding.message.endswith("(US)")


# --- date-conflict --------------------------------------------------------------------------

CHECKLISTS: Files = {
    "checklists/big.yaml": "conflicts: same-day\n",
    "checklists/small.yaml": "conflicts: none\n",
}


def planned(launch: str, checklist: str, release: str, announce: str) -> tuple[str, str]:
    """launches/ID.yaml with its release on line 4 and its announcement on line 5."""
    manifest = (
        f'id: {launch}\nchecklist: {checklist}\nowners: {{product: "@ann"}}\n'
        f'release: {{version: "1.0.0", date: {release}}}\n'
        f"announce: {{date: {announce}}}\n"
    )
    return f"launches/{launch}.yaml", manifest


CONFLICT_CASES = [
    pytest.param(
        [
            planned("a", "big", "2026-12-01", "2026-12-02"),
            planned("b", "big", "2026-12-01", "2026-12-03"),
        ],
        [
            ("a", 4, "the release on Tue 1 Dec 2026 shares the day with b"),
            ("b", 4, "the release on Tue 1 Dec 2026 shares the day with a"),
        ],
        id="two-same-day-releases",
    ),
    pytest.param(
        [
            planned("a", "big", "2026-12-01", "2026-12-02"),
            planned("b", "big", "2026-12-08", "2026-12-09"),
        ],
        [],
        id="different-days",
    ),
    pytest.param(
        [
            planned("a", "big", "2026-12-01", "2026-12-02"),
            planned("b", "small", "2026-12-01", "2026-12-02"),
        ],
        [],
        id="other-checklist-allows-same-day",
    ),
    pytest.param(
        [
            planned("a", "big", "2026-12-01", "2026-12-02"),
            planned("b", "big", "2026-11-30", "2026-12-01"),
        ],
        [
            ("a", 4, "the release on Tue 1 Dec 2026 shares the day with b"),
            ("b", 5, "the announcement on Tue 1 Dec 2026 shares the day with a"),
        ],
        id="release-and-announcement-share-a-day",
    ),
    pytest.param(
        [
            planned("a", "big", "2026-12-01", "2026-12-02"),
            planned("b", "big", "2026-12-01", "2026-12-03"),
            planned("c", "big", "2026-12-01", "2026-12-04"),
        ],
        [
            ("a", 4, "the release on Tue 1 Dec 2026 shares the day with b, c"),
            ("b", 4, "the release on Tue 1 Dec 2026 shares the day with a, c"),
            ("c", 4, "the release on Tue 1 Dec 2026 shares the day with a, b"),
        ],
        id="three-launches",
    ),
    pytest.param(
        [planned("a", "big", "2026-12-01", "2026-12-01")],
        [],
        id="release-and-announcement-of-one-launch",
    ),
]


@pytest.mark.parametrize(("launches", "expected"), CONFLICT_CASES)
def test_date_conflict(
    check_repo: CheckRepo,
    launches: list[tuple[str, str]],
    expected: list[tuple[str, int, str]],
) -> None:
    report = check_repo({**CHECKLISTS, **dict(launches)})
    assert fired(report, "manifest-invalid") == []
    found = fired(report, "date-conflict")
    assert [(f.launch, f.line, f.message) for f in found] == expected
    assert all(f.severity == WARNING for f in found)
    assert all(f.file == f"launches/{f.launch}.yaml" for f in found)


def test_date_conflict_names_three_and_counts_the_rest(check_repo: CheckRepo) -> None:
    launches = dict(
        planned(name, "big", "2026-12-01", f"2026-12-0{day}")
        for name, day in zip("abcde", range(2, 7), strict=True)
    )
    report = check_repo({**CHECKLISTS, **launches})
    messages = {(f.launch, f.message) for f in fired(report, "date-conflict")}
    assert len(messages) == 5
    assert ("a", "the release on Tue 1 Dec 2026 shares the day with b, c, d and 1 more") in messages
    assert ("e", "the release on Tue 1 Dec 2026 shares the day with a, b, c and 1 more") in messages


# --- pinned by mutation testing (mutmut): the deadline day, order, where findings point -----


def found(report: Report, rule: str) -> list[tuple[int, int, str]]:
    """Line, column and whole message of each finding of `rule`."""
    assert fired(report, "manifest-invalid") == [], "a test manifest did not load"
    return [(f.line, f.column, f.message) for f in fired(report, rule)]


def test_collateral_due_on_the_deadline_day_is_held_to_its_lead_time(
    check_repo: CheckRepo,
) -> None:
    manifest = lead_manifest("blog_post", "2026-12-02")  # the announcement's day
    report = check_repo({"checklists/t.yaml": LEAD_CHECKLIST, "launches/demo.yaml": manifest})
    assert found(report, "date-lead-time") == [
        (
            7,
            53,
            "item is due 2026-12-02; the t checklist wants a blog_post 5 business days ahead, "
            "by 2026-11-25",
        )
    ]
    assert found(report, "date-order") == []


def test_date_lead_time_goes_on_past_items_without_a_lead_time(check_repo: CheckRepo) -> None:
    manifest = lead_manifest("help_article", "2026-12-02") + (
        '  - {id: late, type: blog_post, owner: "@ann", due: 2026-11-30, status: done}\n'
        '  - {id: after, type: blog_post, owner: "@ann", due: 2026-12-03, status: done}\n'
        '  - {id: undated, type: blog_post, owner: "@ann", status: done}\n'
        '  - {id: later, type: sales_deck, owner: "@ann", due: 2026-11-30, status: done}\n'
    )
    report = check_repo({"checklists/t.yaml": LEAD_CHECKLIST, "launches/demo.yaml": manifest})
    assert [
        (line, message.split(";")[0]) for line, _, message in found(report, "date-lead-time")
    ] == [
        (8, "late is due 2026-11-30"),
        (11, "later is due 2026-11-30"),
    ]


def test_date_order_points_at_each_date_it_questions(check_repo: CheckRepo) -> None:
    manifest = dated(
        "2026-12-01",
        'date: 2026-11-30, embargo_until: "2026-12-01T08:00:00"',
        one_collateral("2026-12-03"),
    )
    report = check_repo({"launches/demo.yaml": manifest})
    assert found(report, "date-order") == [
        (
            4,
            18,
            "the announcement (2026-11-30) comes before the release (2026-12-01); "
            "set announce.pre_announce: true if that is the plan",
        ),
        (4, 45, "the embargo lifts on 2026-12-01, after the announcement on 2026-11-30"),
        (6, 53, "post is due 2026-12-03, after the announcement on 2026-11-30"),
    ]


def test_date_overdue_points_at_the_due_date(check_repo: CheckRepo) -> None:
    report = check_repo(
        {"launches/demo.yaml": deck('owner: "@david", due: 2026-11-20, status: draft')}
    )
    assert found(report, "date-overdue") == [
        (6, 56, "deck (@david) was due Fri 20 Nov 2026 and is draft")
    ]


def test_a_freeze_without_a_reason_gives_none(check_repo: CheckRepo) -> None:
    files: Files = {
        ".launchgate.yml": "calendar:\n  freeze:\n    - {from: 2026-12-21, to: 2027-01-04}\n",
        "launches/demo.yaml": dated("2026-12-22", "date: 2027-01-05"),
    }
    assert found(check_repo(files), "date-freeze") == [
        (3, 35, "the release on Tue 22 Dec 2026 falls in the freeze 2026-12-21 to 2027-01-04")
    ]


def test_date_non_working_day_points_at_the_date(check_repo: CheckRepo) -> None:
    files: Files = {"launches/demo.yaml": dated("2026-12-05", "date: 2026-12-06")}
    assert found(check_repo(files), "date-non-working-day") == [
        (3, 35, "the release is on Sat 5 Dec 2026, a weekend"),
        (4, 18, "the announcement is on Sun 6 Dec 2026, a weekend"),
    ]


def test_a_launch_without_conflicts_first_does_not_hide_the_others(check_repo: CheckRepo) -> None:
    launches = dict(
        [
            planned("a", "small", "2026-12-01", "2026-12-02"),
            planned("b", "big", "2026-12-01", "2026-12-03"),
            planned("c", "big", "2026-12-01", "2026-12-04"),
        ]
    )
    report = check_repo({**CHECKLISTS, **launches})
    assert [(f.launch, f.line, f.column, f.message) for f in fired(report, "date-conflict")] == [
        ("b", 4, 35, "the release on Tue 1 Dec 2026 shares the day with c"),
        ("c", 4, 35, "the release on Tue 1 Dec 2026 shares the day with b"),
    ]
