"""Rule tests run the way a user's check does: files on disk -> config -> repository -> Report.

`check_repo(files)` writes a small repository into a fresh folder and checks it as of
TODAY; `fired(report, rule)` picks one rule's findings. Manifests in the tests are
written out in full so that each offending node's line number is known.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from launchgate.config import load_config
from launchgate.engine import check_loaded
from launchgate.findings import Finding, Report, Severity
from launchgate.repository import load_repository
from tests.conftest import write_tree

TODAY = dt.date(2026, 11, 23)  # a Monday
Files = Mapping[str, str | bytes]
CheckRepo = Callable[[Files], Report]
# What a test expects of one finding: its line, its severity and a key fragment of its message.
Expected = tuple[int, Severity, str]
ERROR, WARNING, NOTICE = Severity.ERROR, Severity.WARNING, Severity.NOTICE

# A launch with nothing wrong in it (no checklist, Tuesday release, Wednesday announcement).
# Four lines, so a `copy:` or `collateral:` appended to it starts on line 5.
HEADER = """\
id: demo
owners: {product: "@ann"}
release: {version: "1.0.0", date: 2026-12-01}
announce: {date: 2026-12-02}
"""


def write_repo(root: Path, files: Files) -> Path:
    """Write `files` (repository-relative path -> content) under `root`."""
    return write_tree(root, files)


def check_files(root: Path, files: Files, today: dt.date = TODAY) -> Report:
    """Write the repository, then load and check it through the public API."""
    write_repo(root, files)
    config, config_file = load_config(root)
    repo = load_repository(root, config, config_file)
    return check_loaded(repo, today=today)


@pytest.fixture
def check_repo(tmp_path: Path) -> CheckRepo:
    """Check a repository made of the given files, in its own folder each call."""
    calls = 0

    def run(files: Files) -> Report:
        nonlocal calls
        calls += 1
        return check_files(tmp_path / f"repo{calls}", files)

    return run


def fired(report: Report, rule: str) -> list[Finding]:
    """The report's findings of one rule, in report order."""
    return [finding for finding in report.findings if finding.rule == rule]


def assert_findings(report: Report, rule: str, expected: Sequence[Expected]) -> None:
    """`rule` fired exactly as `expected` says (in report order), and every launch loaded.

    A launch that failed to load would have no findings of any rule, so a passing case
    proves nothing unless the manifests are valid: that is checked first.
    """
    if rule != "manifest-invalid":
        assert fired(report, "manifest-invalid") == [], "a test manifest did not load"
        assert report.launches, "no launch was loaded"
    found = fired(report, rule)
    assert len(found) == len(expected), found
    for finding, (line, severity, fragment) in zip(found, expected, strict=True):
        assert (finding.line, finding.severity) == (line, severity), finding
        assert fragment in finding.message, finding


def run_cli_json(root: Path, *extra: str) -> tuple[int, dict[str, Any] | None, str]:
    """`launchgate check ROOT --format json --today TODAY` in a subprocess.

    Returns the exit code, the parsed JSON (None when stdout is empty) and stderr.
    """
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "launchgate",
            "check",
            str(root),
            "--format",
            "json",
            "--today",
            TODAY.isoformat(),
            *extra,
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
        check=False,
    )
    data = json.loads(result.stdout) if result.stdout.strip() else None
    return result.returncode, data, result.stderr
