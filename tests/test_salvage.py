"""One invalid value no longer hides every other finding of its launch (launchgate.salvage).

The invalid value is a `manifest-invalid` finding; every rule that does not
read it still reports; no rule reports what only its absence would mean.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import TODAY, run_cli, write_tree

LONG = "s" * 31  # over app_store.subtitle's 30
BASE = (
    "id: smart\n"
    'owners: {product: "@ann", marketing: "@david"}\n'
    'release: {version: "4.2.0", date: 2026-12-01}\n'
)


def check(repo: Path, files: dict[str, str]) -> list[dict[str, Any]]:
    write_tree(repo, files)
    result = run_cli("check", str(repo), "--today", TODAY, "--format", "json")
    assert result.returncode == 1
    assert result.stderr == ""
    findings: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return findings


def rules_by_line(findings: list[dict[str, Any]]) -> set[tuple[str, int]]:
    return {(f["rule"], f["line"]) for f in findings}


def test_a_bad_due_date_keeps_the_copy_findings_and_invents_none_about_the_date(
    tmp_path: Path,
) -> None:
    manifest = BASE + (
        "announce: {date: 2026-12-02}\n"
        "copy:\n"
        f'  - {{channel: app_store.subtitle, text: "{LONG}"}}\n'  # line 6
        "collateral:\n"
        '  - {id: post, type: blog_post, owner: "@david", due: 2026-02-30, status: draft}\n'
        "  - {id: deck, type: sales_deck, owner: [david], due: 2026-11-20, status: done}\n"
    )
    findings = check(tmp_path, {"launches/a.yaml": manifest})
    assert rules_by_line(findings) == {
        ("copy-length", 6),
        ("manifest-invalid", 8),  # the impossible date
        ("manifest-invalid", 9),  # an owner that is a list
    }
    (date,) = [f for f in findings if f["line"] == 8]
    assert "30 February 2026 does not exist" in date["message"]
    assert all(f["launch"] == "smart" for f in findings)


def test_a_rule_that_reads_a_key_with_a_bad_value_sits_out(tmp_path: Path) -> None:
    """With the announcement date left out, the deadline would fall back to the release."""
    manifest = BASE + (
        "announce: {date: 2026-13-02}\n"  # line 4
        "collateral:\n"
        '  - {id: post, type: blog_post, owner: "@david", due: 2026-12-02, status: draft}\n'
    )
    findings = check(tmp_path, {"launches/a.yaml": manifest})
    assert rules_by_line(findings) == {("manifest-invalid", 4)}  # no date-order about the post


def test_a_list_item_left_out_keeps_the_lines_of_the_items_after_it(tmp_path: Path) -> None:
    manifest = BASE + (
        "copy:\n"
        "  - {channel: app_store.subtitle, text: {a: b}}\n"  # line 5: text is not text
        f'  - {{channel: app_store.subtitle, locale: de-DE, text: "{LONG}"}}\n'  # line 6
        f'  - {{channel: app_store.subtitle, locale: fr-FR, text: "{LONG}"}}\n'  # line 7
    )
    findings = check(tmp_path, {"launches/a.yaml": manifest})
    assert rules_by_line(findings) == {
        ("manifest-invalid", 5),
        ("copy-length", 6),
        ("copy-length", 7),
    }


def test_a_misspelt_key_is_taken_for_the_key_it_was_meant_to_be(tmp_path: Path) -> None:
    """`colateral:` is not read as "no collateral": the checklist's needs are not reported."""
    files = {
        "checklists/major.yaml": "collateral:\n  - {type: blog_post}\n",
        "launches/a.yaml": BASE
        + "checklist: major\n"
        + f'copy:\n  - {{channel: app_store.subtitle, text: "{LONG}"}}\n'  # line 6
        + "colateral:\n"  # line 7
        + '  - {id: post, type: blog_post, owner: "@david", due: 2026-11-20}\n',
    }
    findings = check(tmp_path, files)
    assert rules_by_line(findings) == {("copy-length", 6), ("manifest-invalid", 7)}


def test_an_invalid_id_still_leaves_no_launch(tmp_path: Path) -> None:
    manifest = f'id: [a]\ncopy:\n  - {{channel: app_store.subtitle, text: "{LONG}"}}\n'
    findings = check(tmp_path, {"launches/a.yaml": manifest})
    assert rules_by_line(findings) == {("manifest-invalid", 1)}


def test_gaps_map_paths_back_to_the_file_and_drop_what_meets_a_gap() -> None:
    from launchgate.salvage import Gaps  # here, so that the other tests run on older code too

    gaps = Gaps(
        frozenset({("copy", 0), ("collateral", 2, "due")}),
        ((("copy",), (1, 2)),),
    )
    assert gaps.place(("copy", 0, "text")) == ("copy", 1, "text")  # the model's first item
    assert gaps.place(("collateral", 2, "due")) is None  # the value left out
    assert gaps.place(("collateral", 2)) is None  # around it
    assert gaps.place(("collateral",)) is None
    assert gaps.place(("collateral", 1, "due")) == ("collateral", 1, "due")
    assert gaps.touches(frozenset({"copy"}))
    assert not gaps.touches(frozenset({"release"}))
    assert gaps.touches(None)


def test_a_calendar_says_which_value_it_left_out(tmp_path: Path) -> None:
    """Not a silent pass: the launch is listed, and stderr names the value it lacks."""
    manifest = BASE + "announce: {date: 2026-02-30}\n"
    write_tree(tmp_path, {"launches/a.yaml": manifest})
    result = run_cli("calendar", str(tmp_path), "--today", TODAY)
    assert result.returncode == 0
    assert "2026-12-01" in result.stdout  # the release date, still on the calendar
    assert "launches/a.yaml:4:" in result.stderr
    assert "30 February 2026 does not exist" in result.stderr
    assert "skipped" not in result.stderr  # the launch is on the calendar, without that date


def test_an_item_split_by_curly_quotes_is_left_out_whole(tmp_path: Path) -> None:
    """The comma inside curly quotes cut the text short: its length means nothing."""
    text = "\u201cKnow how your content performs on every channel, at a glance\u201d"
    manifest = BASE + f"copy:\n  - {{channel: app_store.subtitle, text: {text}}}\n"
    findings = check(tmp_path, {"launches/a.yaml": manifest})
    assert rules_by_line(findings) == {("manifest-invalid", 5)}
    assert "curly quotes" in findings[0]["message"]


def test_a_duplicate_after_a_left_out_item_names_the_first_by_its_own_number_and_line(
    tmp_path: Path,
) -> None:
    manifest = BASE + (
        "copy:\n"
        "  - {channel: web.title, text: [a, b]}\n"  # line 5: item 1, left out
        '  - {channel: email.subject, text: "One"}\n'  # line 6: item 2
        '  - {channel: email.subject, text: "Two"}\n'  # line 7: item 3
    )
    findings = check(tmp_path, {"launches/a.yaml": manifest})
    (duplicate,) = [f for f in findings if f["rule"] == "duplicate-id"]
    assert duplicate["line"] == 7
    assert "first as copy item 2, line 6" in duplicate["message"]


def test_an_invalid_status_is_not_read_as_planned(tmp_path: Path) -> None:
    """`status: Done` is invalid; left out alone, it would be the default `planned`: overdue."""
    manifest = BASE + (
        "collateral:\n"
        '  - {id: post, type: blog_post, owner: "@david", due: 2026-11-20, status: Done}\n'
    )
    findings = check(tmp_path, {"launches/a.yaml": manifest})
    assert rules_by_line(findings) == {("manifest-invalid", 5)}


def test_the_digest_lists_no_item_with_an_invalid_status_as_planned(tmp_path: Path) -> None:
    manifest = BASE + (
        "collateral:\n"
        '  - {id: post, type: blog_post, owner: "@david", due: 2026-11-20, status: Done}\n'
    )
    write_tree(tmp_path, {"launches/a.yaml": manifest})
    result = run_cli("digest", str(tmp_path), "--today", TODAY, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    digest = json.loads(result.stdout)
    assert "post" not in json.dumps(digest.get("owners", []))
    assert "a.yaml" in json.dumps(digest)  # named as not read in full


def test_the_digest_and_calendar_give_the_line_of_an_item_after_a_left_out_one(
    tmp_path: Path,
) -> None:
    manifest = BASE + (
        "collateral:\n"
        '  - {id: post, type: blog_post, owner: "@david", due: 2026-11-24, status: Done}\n'
        '  - {id: deck, type: sales_deck, owner: "@david", due: 2026-11-25}\n'  # line 6
    )
    write_tree(tmp_path, {"launches/a.yaml": manifest})
    result = run_cli("digest", str(tmp_path), "--today", TODAY, "--format", "json")
    assert result.returncode == 0, result.stderr
    (owner,) = json.loads(result.stdout)["owners"]
    assert [(item["id"], item["line"]) for item in owner["due"]] == [("deck", 6)]
    calendar = run_cli("calendar", str(tmp_path), "--today", TODAY)
    assert calendar.returncode == 0, calendar.stderr
    (row,) = [line for line in calendar.stdout.splitlines() if "deck" in line]
    assert "launches/a.yaml:6" in row


def test_a_bad_date_keeps_the_notice_of_the_sign_offs_to_get(tmp_path: Path) -> None:
    """signoff-unverified reads the checklist and the sign-offs, not the collateral."""
    manifest = BASE + (
        "signoffs: [legal]\n"
        "collateral:\n"
        '  - {id: post, type: blog_post, owner: "@david", due: 2026-02-30}\n'
    )
    findings = check(tmp_path, {"launches/a.yaml": manifest})
    assert ("signoff-unverified", 4) in rules_by_line(findings)
