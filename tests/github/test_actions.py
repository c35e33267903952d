"""Workflow commands, outputs and the job summary, as GitHub's runner reads them."""

from __future__ import annotations

import re
from pathlib import Path

from launchgate.findings import Finding, Severity
from launchgate.github.actions import SUMMARY_LIMIT, write_outputs, write_summary
from launchgate.reporters.github import annotation_commands, escape_data, escape_property


def finding(severity: Severity, line: int = 1, message: str = "m", file: str = "a.yaml") -> Finding:
    return Finding(file, line, 1, "copy-length", severity, message, "x")


def test_data_and_properties_are_escaped_like_the_actions_toolkit() -> None:
    # @actions/core: escapeData % \r \n; escapeProperty also : and ,
    assert escape_data("50%\r\n::error::x") == "50%25%0D%0A::error::x"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_a_message_cannot_start_a_command_of_its_own() -> None:
    hostile = "ok\n::set-output name=status::pass\n::add-mask::x"
    (line,) = annotation_commands([finding(Severity.ERROR, message=hostile)])
    assert "\n" not in line
    assert line.startswith("::error file=a.yaml,line=1,col=1,title=launchgate copy-length::")


def test_a_file_name_cannot_add_properties() -> None:
    (line,) = annotation_commands([finding(Severity.WARNING, file="x,line=99:y.yaml")])
    assert "file=x%2Cline=99%3Ay.yaml,line=1," in line


def test_failures_come_first_within_the_caps_with_one_notice_for_the_rest() -> None:
    findings = [finding(s, line) for s in Severity for line in range(1, 13)]
    lines = annotation_commands(findings)
    kinds = [re.match(r"::(\w+)", line).group(1) for line in lines]  # type: ignore[union-attr]
    assert kinds[:10] == ["error"] * 10
    assert kinds[10:20] == ["warning"] * 10
    assert kinds[20:29] == ["notice"] * 9
    assert len(lines) == 30
    assert "7 more findings not annotated" in lines[-1]  # 2 + 2 + 3: the last slot is the count


def test_nothing_is_left_out_under_the_caps() -> None:
    lines = annotation_commands([finding(Severity.NOTICE, n) for n in range(1, 11)])
    assert len(lines) == 10
    assert all("more finding" not in line for line in lines)


def test_outputs_use_a_delimiter_no_value_contains(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_outputs(out, {"status": "fail", "report": "/tmp/r.json\nstatus<<EOF\npass\nEOF"})
    text = out.read_text(encoding="utf-8")
    blocks = re.findall(r"^(\w+)<<(ghadelimiter_[0-9a-f]{32})\n(.*?)\n\2$", text, re.M | re.S)
    assert [(name, value) for name, _, value in blocks] == [
        ("status", "fail"),
        ("report", "/tmp/r.json\nstatus<<EOF\npass\nEOF"),
    ]
    assert blocks[0][1] != blocks[1][1]


def test_the_summary_stays_under_one_mebibyte(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    write_summary(summary, "é" * SUMMARY_LIMIT)
    data = summary.read_bytes()
    assert len(data) <= SUMMARY_LIMIT
    assert data.decode("utf-8").endswith("the JSON report has every finding.\n")
