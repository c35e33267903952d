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
    # Zero-width spaces and a soft hyphen, as pasted from a web page: nothing shows.
    launch += '  - {channel: push.ios.title, locale: en-US, text: "\\u200b \\u00ad\\u2060"}\n'
    write_tree(tmp_path, {"launches/tiny.yaml": launch})
    code, report = check(tmp_path, ".")
    assert code == 1
    lines = [(file, line) for file, line, _ in findings(report, "copy-empty")]
    assert lines == [
        ("launches/tiny.yaml", 7),
        ("launches/tiny.yaml", 8),
        ("launches/tiny.yaml", 9),
    ]


def test_copy_a_hashtag_cut_short_is_an_error_and_the_launch_is_still_checked(
    tmp_path: Path,
) -> None:
    """`text: Launch day! #SmartReports` is read as "Launch day!": YAML takes " #" for a
    comment. The hashtag must not vanish without a word; quoted text keeps its comment."""
    launch = LAUNCH + (
        "  - channel: x.post\n"
        "    locale: en-US\n"
        "    text: Café 🎉 launch day! #SmartReports\n"
        "  - channel: web.title\n"
        "    id: quoted\n"
        "    locale: en-US\n"
        '    text: "Tiny #1"   # a note, not copy\n'
        "  - channel: app_store.subtitle\n"
        "    locale: en-US\n"
        "    text: Far too long for the App Store subtitle field, really\n"
    )
    write_tree(tmp_path, {".launchgate.yml": CONFIG, "launches/tiny.yaml": launch})
    code, report = check(tmp_path, ".")
    assert code == 1
    ((file, line, message),) = findings(report, "manifest-invalid")
    assert (file, line) == ("launches/tiny.yaml", 9)
    (finding,) = [f for f in report["findings"] if f["rule"] == "manifest-invalid"]
    assert finding["column"] == len("    text: Café 🎉 launch day! #")
    assert "#SmartReports" in message and "'Café 🎉 launch day!'" in message
    assert 'text: "Café 🎉 launch day! #SmartReports"' in message
    # The rest of the launch is checked as ever.
    assert [line for _, line, _ in findings(report, "copy-length")] == [16]


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


def test_a_misspelt_locale_is_told_the_locale_it_was_meant_to_be(tmp_path: Path) -> None:
    launch = LAUNCH + (
        '  - {channel: web.title, locale: en-UK, text: "Tiny launch"}\n'  # line 7
        '  - {channel: web.title, locale: dk-DK, text: "Tiny launch"}\n'  # line 8
        "locales: [en-US, en-GB, de-DE, da-DK]\n"
    )
    write_tree(tmp_path, {"launches/tiny.yaml": launch})
    code, report = check(tmp_path, ".")
    assert code == 1
    said = {line: message for _, line, message in findings(report, "copy-locale-unknown")}
    assert "did you mean 'en-GB'?" in said[7]
    assert "did you mean 'da-DK'?" in said[8]


# 3. Manifests no pattern matches


def test_init_config_and_the_defaults_both_check_yml_manifests(tmp_path: Path) -> None:
    from launchgate.config import Config

    assert run_cli("init", str(tmp_path)).returncode == 0
    config = yaml.safe_load((tmp_path / ".launchgate.yml").read_text(encoding="utf-8"))
    assert config["manifests"] == Config().manifests
    write_tree(tmp_path, {"launches/x.yml": LAUNCH.replace("Tiny launch", "TBD")})
    code, report = check(tmp_path, ".")
    assert code == 1
    assert [(file, line) for file, line, _ in findings(report, "copy-placeholder")] == [
        ("launches/x.yml", 6)
    ]


def test_a_launch_no_pattern_matches_is_named_in_a_notice(tmp_path: Path) -> None:
    files = {
        ".launchgate.yml": 'manifests: ["launches/*.yaml"]\n',
        "launches/tiny.yaml": LAUNCH,
        "launches/old.yml": LAUNCH.replace("tiny", "old"),
        "launches/2027/next.yaml": LAUNCH.replace("tiny", "next"),
        "marketing/launch.yaml": LAUNCH.replace("tiny", "stray"),
        "ci/build.yaml": "id: build\nsteps: []\n",  # YAML, but not a launch
    }
    write_tree(tmp_path, files)
    code, report = check(tmp_path, ".")
    assert code == 0
    named = {(file, f["severity"]) for file, f in _by_file(report, "manifest-unmatched")}
    assert named == {
        ("launches/2027/next.yaml", "notice"),
        ("launches/old.yml", "notice"),
        ("marketing/launch.yaml", "notice"),
    }
    regraded = {
        **files,
        ".launchgate.yml": files[".launchgate.yml"] + "rules:\n  manifest-unmatched: error\n",
    }
    write_tree(tmp_path, regraded)
    assert check(tmp_path, ".")[0] == 1


def _by_file(report: dict[str, Any], rule: str) -> list[tuple[str, dict[str, Any]]]:
    return [(f["file"], f) for f in report["findings"] if f["rule"] == rule]


# 4. Where the repository is, and a check of nothing


def test_check_with_no_path_from_any_folder_checks_the_whole_repository(tmp_path: Path) -> None:
    """Like git and pre-commit: `launchgate check` run in src/ checks every launch, while
    `launchgate check src/` reports on what src/ holds (nothing, said with exit 2)."""
    files = {".launchgate.yml": CONFIG, "launches/tiny.yaml": LAUNCH.replace("Tiny", "TBD")}
    write_tree(tmp_path, {**files, "src/app.py": "print('app')\n"})
    result = run_cli("check", "--today", TODAY, "--format", "json", cwd=tmp_path / "src")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [launch["file"] for launch in report["launches"]] == ["launches/tiny.yaml"]
    assert findings(report, "copy-placeholder")[0][:2] == ("launches/tiny.yaml", 6)
    assert check(tmp_path, ".", cwd=tmp_path / "src")[0] == 2


def test_check_of_a_subfolder_finds_the_repository_above_it(tmp_path: Path) -> None:
    files = {
        ".launchgate.yml": CONFIG,
        "launches/tiny.yaml": LAUNCH.replace("Tiny launch", "TBD"),
        "launches/other.yaml": LAUNCH.replace("tiny", "other"),
    }
    write_tree(tmp_path, files)
    code, report = check(tmp_path, "launches/")
    assert code == 1
    assert findings(report, "copy-placeholder")[0][:2] == ("launches/tiny.yaml", 6)
    inside = check(tmp_path, ".", cwd=tmp_path / "launches")
    assert inside[0] == 1
    assert {launch["file"] for launch in inside[1]["launches"]} == {
        "launches/tiny.yaml",
        "launches/other.yaml",
    }


def test_calendar_and_digest_in_a_subfolder_read_the_repository_above_it(tmp_path: Path) -> None:
    """Run from launches/, they said "no launch has a date yet" and "nothing overdue"."""
    write_tree(tmp_path, {".launchgate.yml": CONFIG, "launches/tiny.yaml": LAUNCH})
    calendar = run_cli("calendar", "--today", TODAY, cwd=tmp_path / "launches")
    assert calendar.returncode == 0, calendar.stderr
    assert "launches/tiny.yaml:3" in calendar.stdout  # the release
    digest = run_cli("digest", "--today", TODAY, "--format", "json", cwd=tmp_path / "launches")
    assert digest.returncode == 0, digest.stderr
    assert json.loads(digest.stdout)["summary"]["launches"] == 1


def test_calendar_and_digest_of_no_launch_say_where_they_looked(tmp_path: Path) -> None:
    write_tree(tmp_path, {".launchgate.yml": CONFIG, "plans/tiny.yaml": LAUNCH})
    for command in ("calendar", "digest"):
        result = run_cli(command, "--today", TODAY, cwd=tmp_path)
        assert result.returncode == 0, result.stderr  # reports, not gates
        assert "no launches found in" in result.stderr
        assert "launches/**/*.yaml" in result.stderr


def test_the_repository_root_is_where_git_is_without_a_config(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write_tree(tmp_path, {"launches/2027/tiny.yaml": LAUNCH.replace("Tiny launch", "TBD")})
    code, report = check(tmp_path, "2027", cwd=tmp_path / "launches")
    assert code == 1
    assert findings(report, "copy-placeholder")[0][:2] == ("launches/2027/tiny.yaml", 6)


def test_a_check_of_nothing_says_where_it_looked_and_exits_2(tmp_path: Path) -> None:
    write_tree(tmp_path, {"notes/readme.txt": "no launches here\n", "launch.YAML": LAUNCH})
    result = run_cli("check", "--today", TODAY, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "no launches found in" in result.stderr
    assert "launches/**/*.yaml" in result.stderr
    assert "launch.YAML" in result.stderr  # the file that looked like one is named


# 5. Checking the manifests named


def test_check_of_one_manifest_reports_that_launch_with_the_whole_repository(
    tmp_path: Path,
) -> None:
    duplicate = LAUNCH.replace("Tiny launch", "TBD")
    files = {
        ".launchgate.yml": CONFIG,
        "launches/tiny.yaml": LAUNCH,
        "launches/twin.yaml": duplicate,  # the same id: only the whole repository shows it
        "launches/other.yaml": LAUNCH.replace("id: tiny", "id: other").replace(
            "Tiny launch", "TBD"
        ),
    }
    write_tree(tmp_path, files)
    code, report = check(tmp_path, "launches/twin.yaml")
    assert code == 1
    assert {f["file"] for f in report["findings"]} == {"launches/twin.yaml"}
    assert {f["rule"] for f in report["findings"]} >= {"duplicate-id", "copy-placeholder"}
    assert [launch["file"] for launch in report["launches"]] == ["launches/twin.yaml"]
    both = check(tmp_path, "launches/tiny.yaml", "launches/other.yaml")[1]
    assert {launch["file"] for launch in both["launches"]} == {
        "launches/tiny.yaml",
        "launches/other.yaml",
    }


def test_check_of_a_copied_manifest_that_kept_its_id_is_not_ready(tmp_path: Path) -> None:
    """A new launch copied from another keeps its id; the copy sorts first ("a-..." < "tiny")."""
    files = {
        ".launchgate.yml": CONFIG,
        "launches/tiny.yaml": LAUNCH,
        "launches/a-copy.yaml": LAUNCH,
    }
    write_tree(tmp_path, files)
    for named, other in [("a-copy.yaml", "tiny.yaml"), ("tiny.yaml", "a-copy.yaml")]:
        code, report = check(tmp_path, f"launches/{named}")
        assert code == 1, named
        assert findings(report, "duplicate-id") == [
            (f"launches/{named}", 1, f"launch id 'tiny' is also used by launches/{other}")
        ]


def test_a_named_file_that_is_no_manifest_is_a_usage_error(tmp_path: Path) -> None:
    config = 'manifests: ["campaigns/*.yaml"]\n'
    write_tree(
        tmp_path, {".launchgate.yml": config, "campaigns/tiny.yaml": LAUNCH, "notes.txt": ""}
    )
    (tmp_path / "launches").mkdir()
    for name, why in [
        ("notes.txt", "no pattern in manifests"),
        ("launches", "no pattern in manifests"),  # a folder of no launch
        ("launches/missing.yaml", "no such file or directory"),
    ]:
        result = run_cli("check", name, "--today", TODAY, cwd=tmp_path)
        assert result.returncode == 2, name
        assert name in result.stderr and why in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_a_named_manifest_that_links_outside_the_repository_says_so(tmp_path: Path) -> None:
    outside = write_tree(tmp_path / "outside", {"secret.yaml": LAUNCH})
    repo = write_tree(tmp_path / "repo", {".launchgate.yml": CONFIG, "launches/tiny.yaml": LAUNCH})
    (repo / "launches" / "linked.yaml").symlink_to(outside / "secret.yaml")
    result = run_cli("check", "launches/linked.yaml", "--today", TODAY, cwd=repo)
    assert result.returncode == 1, result.stderr  # not "no pattern matches it" (exit 2)
    assert "launches/linked.yaml:1:1" in result.stdout
    assert "manifest-invalid" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_named_checklist_reports_every_launch(tmp_path: Path) -> None:
    files = {
        ".launchgate.yml": CONFIG,
        "checklists/brand.yaml": "signoffs: [product]\n",
        "launches/tiny.yaml": LAUNCH.replace("Tiny launch", "TBD"),
    }
    write_tree(tmp_path, files)
    code, report = check(tmp_path, "checklists/brand.yaml")
    assert code == 1
    assert [launch["file"] for launch in report["launches"]] == ["launches/tiny.yaml"]


def test_looking_for_stray_launches_never_reads_through_a_symlink(tmp_path: Path) -> None:
    outside = write_tree(tmp_path / "outside", {"secret.yaml": LAUNCH})
    repo = write_tree(tmp_path / "repo", {".launchgate.yml": CONFIG, "launches/tiny.yaml": LAUNCH})
    (repo / "linked.yaml").symlink_to(outside / "secret.yaml")
    (repo / "linked").symlink_to(outside, target_is_directory=True)
    write_tree(repo, {"plans/real.yaml": LAUNCH.replace("tiny", "real")})
    code, report = check(repo, ".")
    assert code == 0
    assert [file for file, _ in _by_file(report, "manifest-unmatched")] == ["plans/real.yaml"]
