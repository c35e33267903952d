"""The JSON report's lines are put together by hand; they must be what json.dumps writes."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from launchgate.findings import CopyFit, Finding, LaunchSummary, Report, Severity, Subject, Waived
from launchgate.reporters import json_report

TEXT = st.text()  # any code point: quotes, backslashes, controls, lone surrogates, emoji
MAYBE = st.none() | TEXT


@given(
    st.builds(
        Finding,
        file=TEXT,
        line=st.integers(1, 10**9),
        column=st.integers(1, 10**6),
        rule=TEXT,
        severity=st.sampled_from(Severity),
        message=TEXT,
        launch=MAYBE,
        subject=st.builds(
            Subject, channel=MAYBE, locale=MAYBE, collateral=MAYBE, feature=MAYBE, role=MAYBE
        ),
        fit=st.none()
        | st.builds(
            CopyFit,
            limit_at=st.integers(0, 10**6),
            over=st.integers(1, 10**6),
            fits=TEXT,
            overflow=TEXT,
            readers_see=MAYBE,
        ),
        waiver=st.none()
        | st.builds(
            Waived,
            reason=TEXT,
            approved_by=TEXT,
            expires=TEXT,
            file=TEXT,
            line=st.integers(1, 10**9),
        ),
    )
)
def test_a_finding_line_is_what_json_dumps_writes(finding: Finding) -> None:
    expected: dict[str, object] = {
        "rule": finding.rule,
        "severity": finding.severity.label,
        "launch": finding.launch,
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "message": finding.message,
        "subject": {
            key: value
            for key, value in [("launch", finding.launch), *finding.subject._asdict().items()]
            if value is not None
        },
    }
    if finding.fit is not None:  # only a copy-length finding over its limit has these
        expected |= {"limit_at": finding.fit.limit_at, "over": finding.fit.over}
    if finding.waiver is not None:  # only a waived finding has the key
        expected["waiver"] = finding.waiver._asdict()
    assert json_report._finding_line(finding) == json.dumps(expected, ensure_ascii=False)


@given(
    st.builds(LaunchSummary, id=TEXT, file=TEXT, name=MAYBE, release=MAYBE, announce=MAYBE),
    st.sampled_from(["pass", "fail"]),
)
def test_a_launch_line_is_what_json_dumps_writes(launch: LaunchSummary, status: str) -> None:
    expected = {
        "id": launch.id,
        "file": launch.file,
        "status": status,
        "name": launch.name,
        "release": launch.release,
        "announce": launch.announce,
    }
    assert json_report._launch_line(launch, status) == json.dumps(expected, ensure_ascii=False)


def test_the_report_parses_back_to_what_it_holds() -> None:
    finding = Finding(
        'a "quoted"\\path.yaml', 3, 7, "copy-length", Severity.ERROR, "é\n\t\x00", "x"
    )
    launch = LaunchSummary("x", 'a "quoted"\\path.yaml', name=None, release="2026-12-01")
    report = Report(launches=[launch], findings=[finding], today="2026-11-23")
    parsed = json.loads(json_report.render(report))
    assert parsed["launches"] == [
        {
            "id": "x",
            "file": 'a "quoted"\\path.yaml',
            "status": "fail",
            "name": None,
            "release": "2026-12-01",
            "announce": None,
        }
    ]
    assert parsed["findings"][0]["message"] == "é\n\t\x00"
    assert parsed["findings"][0]["line"] == 3
