"""The config's `rules:` re-grades or turns off rules; unknown names are a config error."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.config import Config, load_config
from launchgate.errors import ConfigError
from launchgate.findings import Report, Severity
from tests.rules.conftest import (
    ERROR,
    NOTICE,
    WARNING,
    CheckRepo,
    Files,
    run_cli_json,
    write_repo,
)

# One launch with a finding of several rules, and one manifest with a misspelt key.
REPO: Files = {
    "glossary.yaml": "terms:\n  - {use: sign in, instead_of: [login]}\n",
    "launches/demo.yaml": (
        'id: demo\nowners: {product: "@ann"}\n'
        'release: {version: "1.0.0", date: 2026-12-05}\n'  # a Saturday
        "announce: {date: 2026-12-07}\n"
        "copy:\n"
        '  - {channel: email.subject, text: "Login now"}\n'
        f'  - {{channel: app_store.subtitle, text: "{"s" * 31}"}}\n'
        f'  - {{channel: web.title, text: "{"t" * 61}"}}\n'
    ),
    "launches/broken.yaml": 'id: broken\nowners: {product: "@ann"}\ncolateral: []\n',
}
DEFAULTS = {
    ("copy-term", WARNING),
    ("copy-length", ERROR),
    ("copy-length", WARNING),
    ("date-non-working-day", WARNING),
    ("manifest-invalid", ERROR),
}


def graded(report: Report) -> set[tuple[str, Severity]]:
    return {(f.rule, f.severity) for f in report.findings}


OVERRIDE_CASES = [
    pytest.param("timezone: UTC\n", DEFAULTS, id="defaults"),
    pytest.param(
        "rules:\n  copy-term: error\n",
        DEFAULTS - {("copy-term", WARNING)} | {("copy-term", ERROR)},
        id="copy-term-error",
    ),
    pytest.param(
        "rules:\n  copy-term: notice\n",
        DEFAULTS - {("copy-term", WARNING)} | {("copy-term", NOTICE)},
        id="copy-term-notice",
    ),
    pytest.param(
        "rules:\n  date-non-working-day: off\n",
        DEFAULTS - {("date-non-working-day", WARNING)},
        id="unquoted-off",
    ),
    pytest.param(
        'rules:\n  date-non-working-day: "off"\n',
        DEFAULTS - {("date-non-working-day", WARNING)},
        id="quoted-off",
    ),
    pytest.param(
        "rules:\n  copy-term: error\n  date-non-working-day: off\n",
        DEFAULTS - {("copy-term", WARNING), ("date-non-working-day", WARNING)}
        | {("copy-term", ERROR)},
        id="both-as-in-the-brief",
    ),
    pytest.param(
        "rules:\n  copy-length: warning\n",
        DEFAULTS - {("copy-length", ERROR)},
        id="hard-limits-regraded-too",
    ),
    pytest.param(
        "rules:\n  copy-length: error\n",
        DEFAULTS - {("copy-length", WARNING)},
        id="recommendations-regraded-too",
    ),
    pytest.param(
        "rules:\n  manifest-invalid: warning\n",
        DEFAULTS - {("manifest-invalid", ERROR)} | {("manifest-invalid", WARNING)},
        id="manifest-invalid-regraded",
    ),
    pytest.param(
        "rules:\n  manifest-invalid: off\n",
        DEFAULTS - {("manifest-invalid", ERROR)},
        id="manifest-invalid-off",
    ),
]


@pytest.mark.parametrize(("config", "expected"), OVERRIDE_CASES)
def test_rules_setting(
    check_repo: CheckRepo, config: str, expected: set[tuple[str, Severity]]
) -> None:
    report = check_repo({**REPO, ".launchgate.yml": config})
    assert graded(report) == expected


def test_regraded_finding_keeps_its_place_and_message(check_repo: CheckRepo) -> None:
    report = check_repo({**REPO, ".launchgate.yml": "rules:\n  copy-term: error\n"})
    (finding,) = [f for f in report.findings if f.rule == "copy-term"]
    assert (finding.file, finding.line, finding.severity) == ("launches/demo.yaml", 6, ERROR)
    assert finding.message == "email.subject uses 'Login': the glossary says 'sign in' instead"


def test_yaml_off_stays_the_string_off(tmp_path: Path) -> None:
    write_repo(tmp_path, {".launchgate.yml": "rules:\n  date-non-working-day: off\n"})
    config, name = load_config(tmp_path)
    assert name == ".launchgate.yml"
    assert config.rules == {"date-non-working-day": "off"}


UNKNOWN_RULE_CASES = [
    pytest.param(
        "rules:\n  copy-term: error\n  copy-trem: off\n",
        ".launchgate.yml:3:3: invalid config: unknown rule 'copy-trem' "
        "(did you mean 'copy-term'?); `launchgate rules` lists them",
        id="typo",
    ),
    pytest.param(
        "timezone: UTC\nrules:\n  date-freez: error\n",
        ".launchgate.yml:3:3: invalid config: unknown rule 'date-freez' "
        "(did you mean 'date-freeze'?); `launchgate rules` lists them",
        id="typo-on-another-line",
    ),
    pytest.param(
        "rules:\n  no-such-thing: off\n",
        ".launchgate.yml:2:3: invalid config: unknown rule 'no-such-thing'; "
        "`launchgate rules` lists them",
        id="no-close-match",
    ),
]


@pytest.mark.parametrize(("config", "message"), UNKNOWN_RULE_CASES)
def test_unknown_rule_is_a_config_error(tmp_path: Path, config: str, message: str) -> None:
    write_repo(tmp_path, {".launchgate.yml": config})
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert str(raised.value) == message


@pytest.mark.parametrize("setting", ["OFF", "no", "false", "warn", "fatal"])
def test_setting_must_be_off_error_warning_or_notice(tmp_path: Path, setting: str) -> None:
    write_repo(tmp_path, {".launchgate.yml": f"rules:\n  copy-term: {setting}\n"})
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    message = (
        f".launchgate.yml:2:14: rules.copy-term: '{setting}' is not one of the choices: off, error"
    )
    assert message in str(raised.value)


def test_config_file_with_only_comments_means_the_defaults(tmp_path: Path) -> None:
    write_repo(tmp_path, {".launchgate.yml": "# every key is optional; nothing set yet\n"})
    config, name = load_config(tmp_path)
    assert (config, name) == (Config(), ".launchgate.yml")


# --- through the command line ---------------------------------------------------------------


def test_cli_unknown_rule_exits_2_naming_file_line_and_a_suggestion(tmp_path: Path) -> None:
    write_repo(
        tmp_path, {**REPO, ".launchgate.yml": "rules:\n  copy-term: error\n  copy-trem: off\n"}
    )
    code, report, stderr = run_cli_json(tmp_path)
    assert code == 2
    assert report is None  # nothing on stdout
    assert stderr.strip() == (
        "launchgate: .launchgate.yml:3:3: invalid config: unknown rule 'copy-trem' "
        "(did you mean 'copy-term'?); `launchgate rules` lists them"
    )


def test_cli_exit_code_follows_the_regraded_severity(tmp_path: Path) -> None:
    launch = (
        'id: demo\nowners: {product: "@ann"}\n'
        'release: {version: "1.0.0", date: 2026-12-01}\nannounce: {date: 2026-12-02}\n'
        'copy:\n  - {channel: email.subject, text: "Login now"}\n'
    )
    files: Files = {"glossary.yaml": REPO["glossary.yaml"], "launches/demo.yaml": launch}

    default = write_repo(tmp_path / "default", files)
    code, report, _ = run_cli_json(default)
    assert code == 0
    assert report is not None
    assert report["status"] == "pass"
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("copy-term", "warning")]

    regraded = write_repo(
        tmp_path / "regraded", {**files, ".launchgate.yml": "rules:\n  copy-term: error\n"}
    )
    code, report, _ = run_cli_json(regraded)
    assert code == 1
    assert report is not None
    assert report["status"] == "fail"
    assert report["summary"]["errors"] == 1
    assert [(f["rule"], f["severity"], f["line"]) for f in report["findings"]] == [
        ("copy-term", "error", 6)
    ]


def test_cli_turning_a_rule_off_makes_the_launch_ready(tmp_path: Path) -> None:
    launch = (
        'id: demo\nowners: {product: "@ann"}\n'
        'release: {version: "1.0.0", date: 2026-12-05}\nannounce: {date: 2026-12-07}\n'
    )
    write_repo(tmp_path, {"launches/demo.yaml": launch})
    code, report, _ = run_cli_json(tmp_path, "--fail-on", "warning")
    assert code == 1
    assert report is not None
    assert [f["rule"] for f in report["findings"]] == ["date-non-working-day"]

    write_repo(tmp_path, {".launchgate.yml": "rules:\n  date-non-working-day: off\n"})
    code, report, _ = run_cli_json(tmp_path, "--fail-on", "warning")
    assert code == 0
    assert report is not None
    assert report["findings"] == []
    assert report["launches"][0]["status"] == "pass"
