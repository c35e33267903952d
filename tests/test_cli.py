"""The CLI as a user types it: exit codes, messages, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from launchgate import __version__
from tests.conftest import EXAMPLES, ROOT, TODAY, run_cli, write_tree

GOOD_MANIFEST = """\
id: tiny
owners: {product: "@ann"}
release: {version: "1.0.0", date: 2026-12-01}
announce: {date: 2026-12-02}
copy:
  - {channel: web.title, locale: en-US, text: "Tiny launch"}
"""


def test_version() -> None:
    result = run_cli("--version", separate_process=True)  # the real entry point: exit 0
    assert result.returncode == 0
    assert result.stdout.strip() == f"launchgate {__version__}"


def test_rules_lists_every_rule_with_its_severity() -> None:
    from launchgate.rules import ALL

    result = run_cli("rules")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(ALL)
    assert lines[0].split()[:2] == ["manifest-invalid", "error"]
    assert any(line.split()[:2] == ["copy-term", "warning"] for line in lines)


def test_explain_prints_the_rule_docstring() -> None:
    result = run_cli("explain", "copy-length")
    assert result.returncode == 0
    assert result.stdout.startswith("copy-length (default: error)")
    assert "Fails:" in result.stdout
    assert "Passes:" in result.stdout


def test_explain_unknown_rule_suggests_one() -> None:
    result = run_cli("explain", "copy-lenght")
    assert result.returncode == 2
    assert "did you mean 'copy-length'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_prints_the_committed_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "launchgate launch manifest"
    assert "copy" in schema["properties"]


def test_check_ready_repository_exits_0(repo: Path) -> None:
    write_tree(repo, {"launches/tiny.yaml": GOOD_MANIFEST})
    result = run_cli("check", str(repo), "--today", TODAY)
    assert result.returncode == 0, result.stdout
    assert result.stdout.rstrip().endswith(f"✓ 1 launch ready — no findings (as of {TODAY})")


def test_check_examples_is_not_ready_and_exits_1() -> None:
    result = run_cli("check", str(EXAMPLES), "--today", TODAY, separate_process=True)
    assert result.returncode == 1
    assert "copy-length" in result.stdout
    assert "2 of 3 launches not ready — 2 errors, 6 warnings, 3 notices" in result.stdout


def test_fail_on_warning_turns_warnings_into_blockers(repo: Path) -> None:
    manifest = GOOD_MANIFEST.replace("2026-12-02", "2026-12-05")  # a Saturday
    write_tree(repo, {"launches/tiny.yaml": manifest})
    assert run_cli("check", str(repo), "--today", TODAY).returncode == 0
    result = run_cli("check", str(repo), "--today", TODAY, "--fail-on", "warning")
    assert result.returncode == 1
    assert "date-non-working-day" in result.stdout


def test_output_is_byte_identical_across_runs() -> None:
    first = run_cli("check", str(EXAMPLES), "--today", TODAY, "--format", "json")
    second = run_cli("check", str(EXAMPLES), "--today", TODAY, "--format", "json")
    assert first.stdout == second.stdout
    assert json.loads(first.stdout)["schema"] == "launchgate.report/v1"


def test_a_broken_manifest_does_not_stop_the_others(repo: Path) -> None:
    write_tree(
        repo,
        {
            "launches/tiny.yaml": GOOD_MANIFEST,
            "launches/broken.yaml": "id: broken\ncopy: [\n",
            "launches/binary.yaml": b"\x00\x01\x02",
        },
    )
    result = run_cli("check", str(repo), "--today", TODAY, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert [launch["id"] for launch in report["launches"]] == ["tiny"]
    invalid = {f["file"]: f for f in report["findings"] if f["rule"] == "manifest-invalid"}
    assert set(invalid) == {"launches/broken.yaml", "launches/binary.yaml"}
    assert invalid["launches/broken.yaml"]["launch"] is None
    assert invalid["launches/broken.yaml"]["line"] == 3
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("config", "fragment"),
    [
        ("rules: {copy-lenght: off}\n", ".launchgate.yml:1:9: invalid config: unknown rule"),
        ("timezone: Mars/Base\n", ".launchgate.yml:1:11: timezone: unknown time zone"),
        ("roles: {product: {userz: [ann]}}\n", "unknown key 'userz' (did you mean 'users'?)"),
        ("calendar: {holidays: [XX]}\n", "no holiday calendar for 'XX'"),
        ("manifests: [\n", ".launchgate.yml:2:1: invalid YAML"),
        ("- a list\n", "expected a mapping"),
    ],
)
def test_bad_config_exits_2_with_file_and_line(repo: Path, config: str, fragment: str) -> None:
    write_tree(repo, {".launchgate.yml": config, "launches/tiny.yaml": GOOD_MANIFEST})
    result = run_cli("check", str(repo), "--today", TODAY)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["check", "/no/such/dir"], "no such file or directory"),
        (["check", ".", "--today", "2026-02-30"], "is not a date"),
        (["check", ".", "--format", "xml"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
        ([], "required"),
    ],
)
def test_usage_errors_exit_2(args: list[str], fragment: str) -> None:
    result = run_cli(*args, separate_process=args == [])  # the real entry point: exit 2
    assert result.returncode == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_colour_only_when_asked_or_on_a_terminal(repo: Path) -> None:
    write_tree(repo, {"launches/tiny.yaml": GOOD_MANIFEST.replace("Tiny launch", "TBD")})
    plain = run_cli("check", str(repo), "--today", TODAY)
    assert "\033[" not in plain.stdout  # a pipe is not a terminal
    forced = run_cli("check", str(repo), "--today", TODAY, "--color", "always")
    assert "\033[31merror\033[0m" in forced.stdout


def test_no_launches_found_is_said_plainly(repo: Path) -> None:
    # A check of nothing is not "ready": it says where it looked, and exits 2.
    result = run_cli("check", str(repo), "--today", TODAY)
    assert result.returncode == 2
    assert f"no launches found in {repo}" in result.stderr
    assert "launches/**/*.yaml, launches/**/*.yml" in result.stderr


def test_init_writes_a_starter_that_checks_ready(repo: Path) -> None:
    result = run_cli("init", str(repo))
    assert result.returncode == 0
    for name in (
        ".launchgate.yml",
        "checklists/standard.yaml",
        "glossary.yaml",
        "launches/first-launch.yaml",
        ".github/workflows/launchgate.yml",
        ".github/workflows/launchgate-digest.yml",
        ".github/workflows/launchgate-board.yml",
        "launches/manifest.schema.json",
    ):
        assert (repo / name).is_file(), name
    manifest = (repo / "launches/first-launch.yaml").read_text(encoding="utf-8")
    assert manifest.startswith("# yaml-language-server: $schema=manifest.schema.json")
    check = run_cli("check", str(repo), "--format", "json")
    assert check.returncode == 0, check.stdout
    rules = {f["rule"] for f in json.loads(check.stdout)["findings"]}
    assert rules == {"signoff-unverified"}
    again = run_cli("init", str(repo))
    assert "kept" in again.stdout  # never overwrites without --force


def test_cli_import_stays_light() -> None:
    """`launchgate --version` must not pay for pydantic, PyYAML, the rules or icalendar."""
    import subprocess
    import sys

    code = (
        "import sys, launchgate.cli; "
        "print(sorted(m for m in ('pydantic', 'yaml', 'launchgate.rules', 'regex', 'icalendar') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_json_report_without_findings_is_valid_json(repo: Path) -> None:
    write_tree(repo, {"launches/tiny.yaml": GOOD_MANIFEST})
    result = run_cli("check", str(repo), "--today", TODAY, "--format", "json")
    report = json.loads(result.stdout)
    assert report["findings"] == []
    assert report["status"] == "pass"
    assert report["summary"] == {"launches": 1, "errors": 0, "warnings": 0, "notices": 0}


def test_every_format_the_cli_offers_has_a_reporter() -> None:
    from launchgate.cli import FORMATS
    from launchgate.reporters import MODULES, reporter

    assert set(FORMATS) == set(MODULES)
    for name in FORMATS:
        assert callable(reporter(name))


def _check_examples(
    stdout: int | None = None,
    env: dict[str, str] | None = None,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m launchgate check examples`: the console script's `run()`, in a process."""
    return subprocess.run(
        [sys.executable, "-m", "launchgate", "check", "examples", "--today", "2026-11-23"],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
        preexec_fn=preexec_fn,
        check=False,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_output_that_cannot_be_written_is_a_message_not_a_traceback() -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = _check_examples(stdout=full.fileno())
    assert done.returncode == 2
    assert done.stderr.startswith("launchgate: ") and "No space left on device" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_a_reader_that_has_gone_is_exit_2_without_a_traceback(unbuffered: str) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # `| head` once head has exited
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    try:
        done = _check_examples(stdout=write_end, env=env)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (2, "")


@pytest.mark.skipif(sys.platform == "win32", reason="preexec_fn is POSIX only")
def test_no_stdout_at_all_is_exit_2_without_a_traceback() -> None:
    # Started with descriptor 1 closed, Python sets sys.stdout to None.
    done = _check_examples(preexec_fn=lambda: os.close(1))
    assert done.returncode == 2
    assert done.stderr.startswith("launchgate: ") and "Traceback" not in done.stderr
