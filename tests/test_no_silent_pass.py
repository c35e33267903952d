"""Offline, nothing passes without a word: each case once reported "ready" on main.

Every test runs the CLI on real files, the way a user does, and asserts the
finding (rule, file, line), the exit code, and that no traceback escapes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import TODAY, run_cli, write_tree

CONFIG = """\
roles:
  product: {users: [ann]}
  marketing: {users: [david]}
  legal: {users: [lee]}
"""
# A launch with nothing wrong in it; tests append or replace lines.
LAUNCH = """\
id: tiny
owners: {product: "@ann", marketing: "@david"}
release: {version: "1.0.0", date: 2026-12-01}
announce: {date: 2026-12-02}
copy:
  - {channel: web.title, locale: en-US, text: "Tiny launch"}
"""


def check(root: Path, *args: str, cwd: Path | None = None) -> tuple[int, dict[str, Any]]:
    result = run_cli("check", *args, "--today", TODAY, "--format", "json", cwd=cwd or root)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout) if result.stdout else {}


def findings(report: dict[str, Any], rule: str) -> list[tuple[str, int, str]]:
    return [(f["file"], f["line"], f["message"]) for f in report["findings"] if f["rule"] == rule]


# 1. Role names


def test_a_misspelt_sign_off_role_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    write_tree(
        tmp_path, {".launchgate.yml": CONFIG, "launches/tiny.yaml": LAUNCH + "signoffs: [legl]\n"}
    )
    code, report = check(tmp_path, ".")
    assert code == 1
    [(file, line, message)] = findings(report, "role-unknown")
    assert (file, line) == ("launches/tiny.yaml", 7)
    assert "'legl'" in message and "did you mean 'legal'?" in message


def test_a_misspelt_owner_role_is_an_error_at_its_key(tmp_path: Path) -> None:
    launch = LAUNCH.replace("marketing: ", "marketting: ")
    write_tree(tmp_path, {".launchgate.yml": CONFIG, "launches/tiny.yaml": launch})
    code, report = check(tmp_path, ".")
    assert code == 1
    [(file, line, message)] = findings(report, "role-unknown")
    assert (file, line) == ("launches/tiny.yaml", 2)
    assert "did you mean 'marketing'?" in message


def test_a_role_a_checklist_in_use_requires_is_known_without_a_config(tmp_path: Path) -> None:
    # No config maps anybody to brand, but a checklist in use requires it: not a typo.
    files = {
        "checklists/brand.yaml": "signoffs: [brand]\n",
        "launches/big.yaml": LAUNCH.replace("id: tiny", "id: big\nchecklist: brand"),
        "launches/tiny.yaml": LAUNCH + "signoffs: [brand, legal]\n",
    }
    write_tree(tmp_path, files)
    code, report = check(tmp_path, ".")
    assert code == 0
    assert findings(report, "role-unknown") == []
    unverified = findings(report, "signoff-unverified")
    assert any("brand" in message for file, _, message in unverified if file.endswith("tiny.yaml"))


def test_init_defines_every_role_the_built_in_checklists_require(tmp_path: Path) -> None:
    assert run_cli("init", str(tmp_path)).returncode == 0
    config = yaml.safe_load((tmp_path / ".launchgate.yml").read_text(encoding="utf-8"))
    checklists = Path(__file__).resolve().parent.parent / "checklists"
    required = {
        role
        for path in checklists.glob("*.yaml")
        for role in yaml.safe_load(path.read_text(encoding="utf-8")).get("signoffs", [])
    }
    assert required <= set(config["roles"]), required - set(config["roles"])
    for role in required:
        assert config["roles"][role].get("users") or config["roles"][role].get("teams"), role
    code, report = check(tmp_path, ".")
    assert code == 0
    assert {f["rule"] for f in report["findings"]} == {"signoff-unverified"}


# 2. Empty copy


def test_empty_or_blank_copy_is_an_error(tmp_path: Path) -> None:
    launch = LAUNCH + '  - {channel: email.subject, locale: en-US, text: ""}\n'
    launch += '  - {channel: web.meta_description, locale: en-US, text: "  "}\n'
    write_tree(tmp_path, {"launches/tiny.yaml": launch})
    code, report = check(tmp_path, ".")
    assert code == 1
    lines = [(file, line) for file, line, _ in findings(report, "copy-empty")]
    assert lines == [("launches/tiny.yaml", 7), ("launches/tiny.yaml", 8)]


# 6. Locales


def test_a_stray_locale_is_named_on_its_own_line_with_a_suggestion(tmp_path: Path) -> None:
    launch = LAUNCH + (
        '  - {channel: web.title, locale: jp-JP, text: "小さなローンチ"}\nlocales: [en-US, ja-JP]\n'
    )
    write_tree(tmp_path, {"launches/tiny.yaml": launch})
    code, report = check(tmp_path, ".")
    assert code == 1
    [(file, line, message)] = findings(report, "copy-locale-unknown")
    assert (file, line) == ("launches/tiny.yaml", 7)
    assert "did you mean 'ja-JP'?" in message


def test_a_locale_no_launch_lists_is_a_warning_and_a_malformed_one_an_error(
    tmp_path: Path,
) -> None:
    launch = LAUNCH + (
        '  - {channel: web.title, locale: en-UK, text: "Tiny launch"}\n'
        "locales: [en-US, en-GB, english]\n"
    )
    write_tree(tmp_path, {"launches/tiny.yaml": launch})
    code, report = check(tmp_path, ".")
    assert code == 1
    stray = [
        (f["line"], f["severity"]) for f in report["findings"] if f["rule"] == "copy-locale-unknown"
    ]
    assert sorted(stray) == [(7, "warning"), (8, "error")]
