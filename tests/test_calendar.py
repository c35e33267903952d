"""`launchgate calendar`: the ICS read back with icalendar, the Markdown table, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import icalendar

from tests.conftest import EXAMPLES, TODAY, run_cli, write_tree

CONFIG = """\
timezone: America/New_York
calendar:
  freeze:
    - {from: 2026-12-21, to: 2027-01-04, reason: Year-end freeze}
"""
MANIFEST = """\
id: smart-reports
name: NAME
owners: {product: "@ann", marketing: "@mia"}
release: {version: "4.2.0", date: RELEASE}
announce: {date: 2026-12-02, embargo_until: EMBARGO}
TIMEZONE
collateral:
  - {id: blog-post, type: blog_post, owner: "@david", due: DUE, status: in_review}
"""


def manifest(
    name: str = "Smart Reports",
    release: str = "2026-12-01",
    due: str = "2026-11-25",
    embargo: str = "2026-12-02T09:00:00",
    timezone: str | None = "Europe/Berlin",
) -> str:
    values = {
        "NAME": json.dumps(name),  # a JSON string is a YAML one
        "RELEASE": release,
        "DUE": due,
        "EMBARGO": f'"{embargo}"',
        "TIMEZONE": f"timezone: {timezone}" if timezone else "",
    }
    text = MANIFEST
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def ics(root: Path, *args: str) -> tuple[bytes, icalendar.Calendar]:
    """The calendar as a file holds it: run_cli's text mode would turn CRLF into LF."""
    target = root.parent / f"{root.name}.out"
    result = run_cli(
        "calendar", str(root), "--format", "ics", "--today", TODAY, "--output", str(target), *args
    )
    assert result.returncode == 0, result.stderr
    data = target.read_bytes()
    return data, icalendar.Calendar.from_ical(data)


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Component]:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_examples_import_as_one_event_per_date_with_stable_uids() -> None:
    data, calendar = ics(EXAMPLES)
    assert str(calendar["prodid"]) == "-//launchgate//launchgate calendar//EN"
    assert str(calendar["version"]) == "2.0"
    found = events(calendar)
    # 3 launches x (release, embargo, announcement) + 16 deliverables + 1 freeze window
    assert len(found) == len(calendar.walk("VEVENT")) == 26
    blog = found["team-insights/collateral/launch-blog-post@launchgate"]
    assert blog.decoded("dtstart") == dt.date(2026, 12, 7)
    assert blog.decoded("dtend") == dt.date(2026, 12, 8)  # exclusive: an all-day event
    assert str(blog["summary"]) == "Team Insights: launch-blog-post due (blog_post)"
    assert "Owner: @mia" in str(blog["description"])
    assert "launches/team-insights.yaml:106" in str(blog["description"])
    freeze = found["/freeze/1@launchgate"]
    assert (freeze.decoded("dtstart"), freeze.decoded("dtend")) == (
        dt.date(2026, 12, 21),
        dt.date(2027, 1, 5),
    )
    for event in found.values():
        assert event.decoded("dtstamp") == dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc)
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert ics(EXAMPLES)[0] == data  # byte-identical


def test_the_embargo_is_a_moment_in_the_launchs_time_zone(tmp_path: Path) -> None:
    write_tree(tmp_path, {".launchgate.yml": CONFIG, "launches/a.yaml": manifest()})
    data, calendar = ics(tmp_path)
    embargo = events(calendar)["smart-reports/embargo@launchgate"]
    start = embargo.decoded("dtstart")
    assert isinstance(start, dt.datetime)
    assert str(start.tzinfo) == "Europe/Berlin"  # naive: the launch's zone, not the config's
    assert start.astimezone(dt.timezone.utc) == dt.datetime(2026, 12, 2, 8, tzinfo=dt.timezone.utc)
    assert b"DTSTART;TZID=Europe/Berlin:20261202T090000\r\n" in data
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_an_embargo_with_an_offset_and_no_launch_zone_is_shown_in_the_configs(
    tmp_path: Path,
) -> None:
    text = manifest(embargo="2026-12-02T09:00:00+01:00", timezone=None)
    write_tree(tmp_path, {".launchgate.yml": CONFIG, "launches/a.yaml": text})
    _, calendar = ics(tmp_path)
    start = events(calendar)["smart-reports/embargo@launchgate"].decoded("dtstart")
    assert str(start.tzinfo) == "America/New_York"
    assert (start.hour, start.minute) == (3, 0)  # the same moment, 08:00 UTC


def test_uids_survive_a_change_of_dates(tmp_path: Path) -> None:
    write_tree(tmp_path, {".launchgate.yml": CONFIG, "launches/a.yaml": manifest()})
    _, before = ics(tmp_path)
    moved = manifest(release="2026-12-03", due="2026-11-27", embargo="2026-12-04T10:00:00")
    write_tree(tmp_path, {"launches/a.yaml": moved})
    _, after = ics(tmp_path)
    assert (
        set(events(before))
        == set(events(after))
        == {
            "smart-reports/release@launchgate",
            "smart-reports/announce@launchgate",
            "smart-reports/embargo@launchgate",
            "smart-reports/collateral/blog-post@launchgate",
            "/freeze/1@launchgate",
        }
    )
    release = "smart-reports/release@launchgate"
    assert events(before)[release].decoded("dtstart") != events(after)[release].decoded("dtstart")


def test_ids_that_look_like_separators_still_give_distinct_uids(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "launches/a.yaml": "id: a/collateral\nrelease: {date: 2026-12-01}\n",
            "launches/b.yaml": (
                "id: a\ncollateral:\n  - {id: collateral/release, type: x, due: 2026-12-01}\n"
                "  - {id: collateral/release, type: x, due: 2026-12-02}\n"
            ),
        },
    )
    _, calendar = ics(tmp_path)
    uids = [str(event["uid"]) for event in calendar.walk("VEVENT")]
    assert len(set(uids)) == len(uids) == 3
    assert all(uid.count("@") == 1 and uid.endswith("@launchgate") for uid in uids)


def test_hostile_text_cannot_add_properties_or_events(tmp_path: Path) -> None:
    hostile = "X\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:owned; a,b\\n\u0007"
    write_tree(tmp_path, {"launches/a.yaml": manifest(name=hostile)})
    _, calendar = ics(tmp_path)
    found = events(calendar)
    assert len(found) == 4 and "evil" not in found
    release = found["smart-reports/release@launchgate"]
    # Text round-trips (a carriage return and the bell dropped), as text, never as syntax.
    assert str(release["summary"]) == (
        "X\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil\nSUMMARY:owned; a,b\\n: release 4.2.0"
    )


def test_markdown_is_a_chronological_table_with_escaped_text(tmp_path: Path) -> None:
    name = "<img src=x onerror=alert(1)> @everyone | [x](y)"
    write_tree(tmp_path, {".launchgate.yml": CONFIG, "launches/a.yaml": manifest(name=name)})
    result = run_cli("calendar", str(tmp_path), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    body = result.stdout
    assert "<img" not in body and "@everyone" not in body and "[x](y)" not in body
    rows = [line for line in body.splitlines() if line.startswith("| ") and "---" not in line]
    assert [len(re.split(r"(?<!\\)\|", row)) - 2 for row in rows] == [5] * 5 + [3] * 2
    dates = [row.split(" | ")[0] for row in rows[1:5]]
    assert dates == ["| Wed 2026-11-25", "| Tue 2026-12-01", "| Wed 2026-12-02", "| Wed 2026-12-02"]
    assert "embargo lifts 09:00 Europe/Berlin" in body
    assert "| Mon 2026-12-21 | Mon 2027-01-04 | Year-end freeze |" in body


def test_overdue_deliverables_are_marked_as_of_today(tmp_path: Path) -> None:
    write_tree(tmp_path, {"launches/a.yaml": manifest(due="2026-11-20")})
    late = run_cli("calendar", str(tmp_path), "--today", TODAY).stdout
    early = run_cli("calendar", str(tmp_path), "--today", "2026-11-19").stdout
    assert "⏰ overdue" in late and "⏰ overdue" not in early


def test_broken_manifests_are_skipped_and_counted_on_stderr(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "launches/a.yaml": manifest(),
            "launches/broken.yaml": "id: broken\ncopy: [\n",
            "launches/wrong.yaml": "id: wrong\nrelase: {date: 2026-12-01}\n",
        },
    )
    result = run_cli("calendar", str(tmp_path), "--today", TODAY, "--format", "mermaid")
    assert result.returncode == 0
    assert result.stderr.count("launchgate: ") == 2
    assert "skipped launches/broken.yaml:3:" in result.stderr
    # wrong.yaml is a launch without its misspelt release: listed, with the value it lacks
    assert "left out a value of launches/wrong.yaml:2:1: unknown key 'relase'" in result.stderr
    assert "section Smart Reports" in result.stdout and "Traceback" not in result.stderr


def test_a_config_that_cannot_be_read_exits_2(tmp_path: Path) -> None:
    write_tree(tmp_path, {".launchgate.yml": "timezone: Mars/Base\n", "launches/a.yaml": "id: a\n"})
    result = run_cli("calendar", str(tmp_path))
    assert result.returncode == 2
    assert "unknown time zone" in result.stderr and result.stdout == ""


def test_output_file_picks_its_format_from_the_suffix(tmp_path: Path) -> None:
    write_tree(tmp_path, {"launches/a.yaml": manifest()})
    target = tmp_path / "launches.ics"
    result = run_cli("calendar", str(tmp_path), "--today", TODAY, "--output", str(target))
    assert result.returncode == 0 and result.stdout == ""
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert data == ics(tmp_path)[0]
    chart = tmp_path / "timeline.mmd"
    run_cli("calendar", str(tmp_path), "--today", TODAY, "--output", str(chart))
    assert chart.read_text(encoding="utf-8").startswith("gantt\n")
    missing = run_cli("calendar", str(tmp_path), "--output", str(tmp_path / "no/such/x.ics"))
    assert missing.returncode == 2 and "cannot write" in missing.stderr


# ---- waivers -----------------------------------------------------------------------------

ROLES = "roles: {marketing: {users: [mia]}, legal: {users: [lee]}}\n"
LOCALES = """\
  - rule: copy-locale-missing
    where: {channel: [x.post, linkedin.post, sms]}
    reason: REASON
    approved_by: marketing
    expires: ENDS
"""
LENGTH = """\
  - {rule: copy-length, where: {channel: sms}, reason: Carrier splits it, approved_by: legal,
     expires: 2026-12-10}
"""
LOCALES_UID = "smart-reports/waiver/copy-locale-missing/channel=linkedin.post+sms+x.post@launchgate"
LENGTH_UID = "smart-reports/waiver/copy-length/channel=sms@launchgate"


def waivers(*entries: str, reason: str = "English only", ends: str = "2026-12-31") -> str:
    text = "waivers:\n" + "".join(entries)
    return text.replace("REASON", json.dumps(reason)).replace("ENDS", ends)


def test_a_waivers_last_day_is_an_all_day_event_saying_what_ends(tmp_path: Path) -> None:
    files = {".launchgate.yml": ROLES, "launches/a.yaml": manifest() + waivers(LOCALES)}
    write_tree(tmp_path, files)
    data, calendar = ics(tmp_path)
    ends = events(calendar)[LOCALES_UID]
    assert (ends.decoded("dtstart"), ends.decoded("dtend")) == (
        dt.date(2026, 12, 31),
        dt.date(2027, 1, 1),
    )
    assert str(ends["summary"]) == (
        "Waiver ends: copy-locale-missing for x.post, linkedin.post, sms (Smart Reports), "
        "approved by marketing"
    )
    text = str(ends["description"])
    assert "from 2027-01-01 its findings count again" in text
    assert "Reason: English only" in text and "launches/a.yaml:10" in text
    assert b"CATEGORIES:waiver\r\n" in data
    assert ics(tmp_path)[0] == data  # byte-identical


def test_a_waivers_uid_is_its_launch_rule_and_where_whatever_moves_around_it(
    tmp_path: Path,
) -> None:
    files = {".launchgate.yml": ROLES, "launches/a.yaml": manifest() + waivers(LOCALES, LENGTH)}
    write_tree(tmp_path, files)
    before = events(ics(tmp_path)[1])
    assert {LOCALES_UID, LENGTH_UID} <= set(before)
    # Renewed, reordered, its channels listed in another order, another launch added:
    # the same events, moved where a date moved.
    renewed = waivers(
        LENGTH,
        LOCALES.replace("x.post, linkedin.post, sms", "sms, x.post, linkedin.post"),
        ends="2027-01-15",
    )
    other = "id: other\nwaivers:\n" + LENGTH.replace("2026-12-10", "2026-12-11")
    write_tree(tmp_path, {"launches/a.yaml": manifest() + renewed, "launches/0-other.yaml": other})
    after = events(ics(tmp_path)[1])
    assert set(before) <= set(after)
    assert set(after) - set(before) == {"other/waiver/copy-length/channel=sms@launchgate"}
    assert after[LOCALES_UID].decoded("dtstart") == dt.date(2027, 1, 15)
    assert after[LENGTH_UID].decoded("dtstart") == dt.date(2026, 12, 10)
    # Narrowed to other channels, it is another waiver: another event.
    narrowed = waivers(LOCALES.replace("x.post, linkedin.post, sms", "x.post"))
    write_tree(tmp_path, {"launches/a.yaml": manifest() + narrowed})
    assert "smart-reports/waiver/copy-locale-missing/channel=x.post@launchgate" in events(
        ics(tmp_path)[1]
    )


def test_where_names_that_look_like_separators_still_give_distinct_uids(tmp_path: Path) -> None:
    entries = [
        "  - {rule: copy-length, where: {channel: [a, b]}, reason: r, approved_by: legal, "
        "expires: 2026-12-10}\n",
        '  - {rule: copy-length, where: {channel: ["a+b"]}, reason: r, approved_by: legal, '
        "expires: 2026-12-10}\n",
        '  - {rule: copy-length, where: {channel: ["a/locale=b"]}, reason: r, '
        "approved_by: legal, expires: 2026-12-10}\n",
        "  - {rule: copy-length, where: {channel: a, locale: b}, reason: r, approved_by: legal, "
        "expires: 2026-12-10}\n",
        "  - {rule: copy-length, reason: r, approved_by: legal, expires: 2026-12-10}\n",
    ]
    write_tree(tmp_path, {"launches/a.yaml": "id: a\n" + waivers(*entries)})
    uids = [str(event["uid"]) for event in ics(tmp_path)[1].walk("VEVENT")]
    assert len(set(uids)) == len(uids) == 5
    assert "a/waiver/copy-length@launchgate" in uids
    assert "a/waiver/copy-length/channel=a/locale=b@launchgate" in uids


def test_hostile_waiver_text_stays_text_in_the_ics(tmp_path: Path) -> None:
    hostile = "X\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:owned; a,b\u0007"
    entry = LOCALES.replace("[x.post, linkedin.post, sms]", json.dumps([hostile]))
    files = {
        ".launchgate.yml": ROLES,
        "launches/a.yaml": manifest() + waivers(entry, reason=hostile),
    }
    write_tree(tmp_path, files)
    found = events(ics(tmp_path)[1])
    assert "evil" not in found and len(found) == 5
    (ends,) = [event for uid, event in found.items() if "/waiver/" in uid]
    assert str(ends["summary"]).startswith(
        "Waiver ends: copy-locale-missing for X\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil\n"
    )
    assert "Reason: X\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil\nSUMMARY:owned; a,b\n" in str(
        ends["description"]
    )


def test_markdown_and_mermaid_show_when_each_waiver_ends_and_which_have_ended(
    tmp_path: Path,
) -> None:
    reason = "<img src=x> @everyone | [x](y)"
    entry = LOCALES.replace("x.post, linkedin.post, sms", '"x.post", "<b>|`sms`"')
    files = {
        ".launchgate.yml": ROLES,
        "launches/a.yaml": manifest() + waivers(entry, LENGTH, reason=reason, ends="2026-11-20"),
    }
    write_tree(tmp_path, files)
    body = run_cli("calendar", str(tmp_path), "--today", TODAY).stdout
    rows = [line for line in body.splitlines() if "waiver of" in line]
    assert rows == [
        "| Fri 2026-11-20 | Smart Reports | waiver of `copy-locale-missing` for x.post, "
        "&lt;b&gt;\\|\\`sms\\` ends ⌛ expired: its findings count again | marketing | "
        "`launches/a.yaml:10` |",
        "| Thu 2026-12-10 | Smart Reports | waiver of `copy-length` for sms ends | legal | "
        "`launches/a.yaml:15` |",
    ]
    assert "<img" not in body and "@everyone" not in body
    chart = run_cli("calendar", str(tmp_path), "--today", TODAY, "--format", "mermaid").stdout
    assert (
        "  ⌛ Waiver ends copy-locale-missing for x.post, b sms · marketing :crit, 2026-11-20, 1d"
        in chart
    )
    assert "  ⌛ Waiver ends copy-length for sms · legal :2026-12-10, 1d" in chart
