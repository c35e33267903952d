"""Golden files: every output format of a check of examples/, and of its digest, so a
change in output is a diff.

The calendar of examples/ too, in the formats that do not embed the installed
tzdata (the ICS is parsed back in tests/test_calendar.py instead).

Regenerate after an intended change with: LAUNCHGATE_UPDATE_GOLDEN=1 pytest tests/test_golden.py
(the digest's too: `launchgate digest` of examples/, digest.md and digest.json)
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
    _matches(GOLDEN / f"examples.{'md' if fmt == 'markdown' else fmt}", result.stdout)


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_examples_digest_matches_golden(fmt: str) -> None:
    # Ten days: the window then holds a release, an announcement and its last day's work.
    args = ("digest", "examples", "--today", TODAY, "--days", "10", "--format", fmt)
    result = run_cli(*args, cwd=EXAMPLES.parent)
    assert result.returncode == 0, result.stderr
    _matches(GOLDEN / f"digest.{'md' if fmt == 'markdown' else fmt}", result.stdout)


def _matches(golden: Path, output: str) -> None:
    if os.environ.get("LAUNCHGATE_UPDATE_GOLDEN"):
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(("fmt", "name"), [("markdown", "calendar.md"), ("mermaid", "gantt.mmd")])
def test_examples_calendar_matches_golden(fmt: str, name: str) -> None:
    result = run_cli("calendar", "examples", "--today", TODAY, "--format", fmt, cwd=EXAMPLES.parent)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    _matches(GOLDEN / f"examples.{name}", result.stdout)
