"""The holiday cache: the same business days as `holidays`, without importing it again."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from launchgate.workdays import HolidayCache, _calendar_for
from tests.conftest import ROOT, TODAY, run_cli, write_tree

CONFIG = "calendar: {holidays: [US, DE-BY]}\n"
LAUNCH = """\
id: a
owners: {product: "@ann"}
release: {version: "1.0.0", date: 2026-12-25}
"""


def test_a_cached_year_is_what_holidays_says(tmp_path: Path) -> None:
    cache = HolidayCache(tmp_path / "holidays.json")
    fresh = cache.year("DE-BY", 2026)
    assert fresh == dict(_calendar_for("DE-BY", [2026]).items())
    again = HolidayCache(tmp_path / "holidays.json")
    assert again.data["years"]  # read back from the file
    assert again.year("DE-BY", 2026) == fresh
    assert dt.date(2026, 1, 6) in fresh  # Epiphany, a Bavarian holiday


def test_a_warm_cache_checks_without_importing_holidays(tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "repo", {".launchgate.yml": CONFIG, "launches/a.yaml": LAUNCH})
    env = {"LAUNCHGATE_CACHE_DIR": str(tmp_path / "cache")}
    cold = run_cli("check", str(repo), "--today", TODAY, env=env)
    assert "Christmas Day (US)" in cold.stdout
    script = (
        "import sys, launchgate.cli as cli; code = cli.main(sys.argv[1:]); "
        "sys.stderr.write(str('holidays' in sys.modules)); sys.exit(code)"
    )
    warm = subprocess.run(
        [sys.executable, "-c", script, "check", str(repo), "--today", TODAY],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1", **env},
        check=False,
    )
    assert warm.stdout == cold.stdout
    assert warm.stderr == "False"


@pytest.mark.parametrize("content", ["{not json", '{"key": "another version", "years": {}}', "[]"])
def test_a_broken_or_stale_cache_is_rebuilt(tmp_path: Path, content: str) -> None:
    path = tmp_path / "holidays.json"
    path.write_text(content, encoding="utf-8")
    cache = HolidayCache(path)
    assert cache.year("US", 2026)[dt.date(2026, 7, 3)].startswith("Independence Day")
    assert json.loads(path.read_text(encoding="utf-8"))["key"] == cache.key


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    repo = write_tree(tmp_path / "repo", {".launchgate.yml": CONFIG, "launches/a.yaml": LAUNCH})
    result = run_cli(
        "check", str(repo), "--today", TODAY, env={"LAUNCHGATE_CACHE_DIR": str(blocker / "x")}
    )
    assert "Christmas Day (US)" in result.stdout and result.stderr == ""


def test_an_unknown_country_stays_an_error_when_cached(tmp_path: Path) -> None:
    repo = write_tree(tmp_path / "repo", {".launchgate.yml": "calendar: {holidays: [XX]}\n"})
    env = {"LAUNCHGATE_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):
        result = run_cli("check", str(repo), env=env)
        assert result.returncode == 2
        assert "no holiday calendar for 'XX'" in result.stderr
