"""Where a copy limit falls, as each report shows it: text, Markdown (the PR comment's rows),
JSON and SARIF. Manifest text stays escaped wherever it is shown."""

from __future__ import annotations

import json

from launchgate.findings import CopyFit, Finding, LaunchSummary, Report, Severity
from launchgate.reporters import json_report, markdown, sarif, text
from launchgate.reporters.summary import SHOWN_AROUND_LIMIT, fit_parts

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"


def report_of(fit: CopyFit | None, message: str = "web.title is 36 of 30 characters") -> Report:
    finding = Finding(
        "launches/demo.yaml", 6, 11, "copy-length", Severity.WARNING, message, "demo", fit=fit
    )
    return Report([LaunchSummary("demo", "launches/demo.yaml")], [finding], today="2026-11-23")


SUBTITLE = CopyFit(30, 6, "Know how your content performs", " today")
PUSH = SUBTITLE._replace(readers_see="Know how your content perform…")


def test_text_shows_what_fits_and_what_is_over() -> None:
    lines = text.render(report_of(SUBTITLE)).splitlines()
    assert lines[2] == '      fits: "Know how your content performs"  over: " today"'
    assert "readers see" not in text.render(report_of(SUBTITLE))


def test_text_in_colour_paints_the_overflow_red() -> None:
    out = text.render(report_of(SUBTITLE), colour=True)
    assert 'over: "\033[31m today\033[0m"' in out


def test_text_shows_what_readers_see_where_the_platform_cuts() -> None:
    lines = text.render(report_of(PUSH)).splitlines()
    assert lines[3] == '      readers see: "Know how your content perform…"'


def test_text_without_a_fit_is_one_line() -> None:
    assert len(text.render(report_of(None)).splitlines()) == 4  # title, finding, blank, verdict


def test_text_escapes_control_characters_of_the_copy() -> None:
    fit = CopyFit(3, 2, "ab\x1b", "[2J")
    assert 'fits: "ab\\x1b"  over: "[2J"' in text.render(report_of(fit))


def test_markdown_shows_what_fits_and_the_overflow_struck_through() -> None:
    out = markdown.render(report_of(PUSH))
    assert (
        'web.title is 36 of 30 characters<br>fits: "Know how your content performs" '
        'over: ~~"today"~~<br>readers see: "Know how your content perform…" |'
    ) in out


def test_markdown_escapes_hostile_copy_as_it_escapes_messages() -> None:
    fit = CopyFit(12, 9, "@team <b>|`x", "~~ | <!-- x")
    cell = markdown.fit_cell(fit)
    assert cell == ('<br>fits: "@&#8203;team &lt;b&gt;\\|\\`x" over: ~~"\\~\\~ \\| &lt;!-- x"~~')


def test_markdown_says_nothing_fits_rather_than_empty_quotes() -> None:
    cell = markdown.fit_cell(CopyFit(0, 5, "  ", FAMILY))
    assert cell == f'<br>fits: (nothing) over: ~~"{FAMILY}"~~'


def test_long_copy_is_shown_near_its_limit_only() -> None:
    fits = "x" * 100 + FAMILY + "y" * (SHOWN_AROUND_LIMIT - 2)
    over = "z" * (SHOWN_AROUND_LIMIT - 1) + FAMILY + "w" * 100
    shown_fits, shown_over = fit_parts(CopyFit(len(fits), 200, fits, over))
    # Never inside the family: the clip moves to the next (or previous) grapheme boundary.
    assert shown_fits == "…" + "y" * (SHOWN_AROUND_LIMIT - 2)
    assert shown_over == "z" * (SHOWN_AROUND_LIMIT - 1) + "…"
    exact = "x" * SHOWN_AROUND_LIMIT
    assert fit_parts(CopyFit(SHOWN_AROUND_LIMIT, 1, exact, exact)) == (exact, exact)


def test_json_adds_limit_at_and_over_after_the_subject() -> None:
    (finding,) = json.loads(json_report.render(report_of(PUSH)))["findings"]
    assert list(finding)[-3:] == ["subject", "limit_at", "over"]
    assert (finding["limit_at"], finding["over"]) == (30, 6)
    (plain,) = json.loads(json_report.render(report_of(None)))["findings"]
    assert "limit_at" not in plain and "over" not in plain


def test_sarif_carries_the_fit_in_its_properties() -> None:
    (result,) = json.loads(sarif.render(report_of(PUSH)))["runs"][0]["results"]
    assert result["properties"] == {"launch": "demo", "limitAt": 30, "over": 6}
    (plain,) = json.loads(sarif.render(report_of(None)))["runs"][0]["results"]
    assert plain["properties"] == {"launch": "demo"}
