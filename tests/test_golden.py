"""Golden files: every output format of a check of examples/, so a change in output is a diff.

The calendar of examples/ too, in the formats that do not embed the installed
tzdata (the ICS is parsed back in tests/test_calendar.py instead).

Regenerate after an intended change with: LAUNCHGATE_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, TODAY, run_cli

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif"])
def test_examples_output_matches_golden(fmt: str) -> None:
    result = run_cli("check", "examples", "--today", TODAY, "--format", fmt, cwd=EXAMPLES.parent)
    assert result.returncode == 1
    golden = GOLDEN / f"examples.{'md' if fmt == 'markdown' else fmt}"
    if os.environ.get("LAUNCHGATE_UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(("fmt", "name"), [("markdown", "calendar.md"), ("mermaid", "gantt.mmd")])
def test_examples_calendar_matches_golden(fmt: str, name: str) -> None:
    result = run_cli("calendar", "examples", "--today", TODAY, "--format", fmt, cwd=EXAMPLES.parent)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    golden = GOLDEN / f"examples.{name}"
    if os.environ.get("LAUNCHGATE_UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
