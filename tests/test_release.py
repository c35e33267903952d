"""Releases offline: `launchgate check --release`, and the pieces `launchgate ci` reuses."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from launchgate.config import Config, ReleaseConfig
from launchgate.errors import Unusable
from launchgate.release_target import (
    ReleaseTarget,
    release_reason,
    same_version,
    target_for,
    version_in,
)
from tests.conftest import EXAMPLES, TODAY, run_cli, write_tree

CONFIG = """\
release:
  features: "config/flags.json#flags"
  dates: {"4.2.0": 2026-12-01}
"""


def launch(name: str, version: str, date: str, *flags: str) -> str:
    features = "".join(f"  - {{id: f{i}, flag: {flag}}}\n" for i, flag in enumerate(flags))
    head = f"id: {name}\nrelease: {{version: '{version}', date: {date}}}\n"
    return head + (f"features:\n{features}" if features else "")


def flags_json(**flags: bool) -> str:
    return json.dumps({"flags": {k.replace("_", "."): v for k, v in flags.items()}}, indent=2)


def check_release(root: Path, *args: str) -> tuple[int, list[dict[str, object]], dict[str, object]]:
    result = run_cli("check", str(root), "--today", TODAY, "--format", "json", *args)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    found = [f for f in report["findings"] if f["rule"] == "release-mismatch"]
    return result.returncode, found, report


def test_a_flag_no_launch_declares_ships_unannounced(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".launchgate.yml": CONFIG,
            "config/flags.json": flags_json(a_on=True, secret_thing=True, old_off=False),
            "launches/a.yaml": launch("a", "4.2.0", "2026-12-01", "a.on"),
        },
    )
    code, found, report = check_release(tmp_path, "--release", "4.2.0")
    assert code == 1
    assert [(f["file"], f["line"], f["launch"]) for f in found] == [("config/flags.json", 4, None)]
    assert "secret.thing is on in 4.2.0, but no launch declares it" in str(found[0]["message"])
    assert report["release"] == {"version": "4.2.0", "date": "2026-12-01", "launches": ["a"]}


def test_flags_of_earlier_releases_are_announced_and_later_ones_are_early(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".launchgate.yml": CONFIG,
            "config/flags.json": flags_json(old=True, now=True, later=True),
            "launches/old.yaml": launch("old", "v4.1.9", "2026-11-01", "old"),
            "launches/now.yaml": launch("now", "v4.2", "2026-12-01", "now"),
            "launches/later.yaml": launch("later", "4.10.0", "2027-02-01", "later"),
        },
    )
    _, found, report = check_release(tmp_path, "--release", "4.2.0")
    assert [f["message"] for f in found] == [
        "later is on in 4.2.0, but only launches outside this release declare it: "
        "later (4.10.0); it ships before it is announced"
    ]
    assert report["release"]["launches"] == ["now"]  # type: ignore[index]


def test_a_launch_whose_flag_is_off_or_missing_does_not_ship(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".launchgate.yml": CONFIG,
            "config/flags.json": flags_json(off=False),
            "launches/a.yaml": launch("a", "4.2.0", "2026-12-01", "off", "absent"),
        },
    )
    _, found, _ = check_release(tmp_path, "--release", "4.2.0")
    assert [(f["file"], f["line"], f["launch"], f["message"]) for f in found] == [
        (
            "launches/a.yaml",
            4,
            "a",
            "off is off config/flags.json, so f0 is announced for 4.2.0 but does not ship in it",
        ),
        (
            "launches/a.yaml",
            5,
            "a",
            "absent is not in config/flags.json, so f1 is announced for 4.2.0 "
            "but does not ship in it",
        ),
    ]


def test_a_launch_dated_after_the_release_slipped(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".launchgate.yml": "release: {dates: {'4.2.0': 2026-12-01}}\n",
            "launches/late.yaml": launch("late", "4.2.0", "2026-12-08"),
            "launches/on-time.yaml": launch("on-time", "4.2.0", "2026-12-01"),
        },
    )
    _, found, _ = check_release(tmp_path, "--release", "4.2.0")
    assert [(f["launch"], f["line"]) for f in found] == [("late", 2)]
    assert "dated 2026-12-08, after the 4.2.0 release on 2026-12-01" in str(found[0]["message"])
    # --release-date wins over the config; with no date known, nothing slips.
    _, found, _ = check_release(tmp_path, "--release", "4.2.0", "--release-date", "2026-12-10")
    assert found == []
    _, found, _ = check_release(tmp_path, "--release", "4.3.0")
    assert found == []


def test_flags_in_yaml_are_located_and_ignore_flags_is_honoured(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".launchgate.yml": "release:\n  features: flags.yaml#product.flags\n"
            "  ignore_flags: ['ops.*']\n",
            "flags.yaml": "product:\n  flags:\n    ops.kill_switch: on\n    new.thing: true\n"
            "    shy: {enabled: false}\n",
            "launches/a.yaml": launch("a", "1.0.0", "2026-12-01"),
        },
    )
    _, found, _ = check_release(tmp_path, "--release", "1.0.0")
    assert [(f["file"], f["line"], f["column"]) for f in found] == [("flags.yaml", 4, 5)]
    assert str(found[0]["message"]).startswith("new.thing is on in 1.0.0")


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        ({}, "flags.json does not exist"),
        ({"flags.json": "{not json"}, "flags.json is not valid JSON"),
        ({"flags.json": '{"flags": []}'}, "is not a mapping of flag -> enabled"),
        ({"flags.json": '{"other": {}}'}, "flags.json has no key 'flags'"),
        ({"flags.json": '{"flags": {"x": "maybe"}}'}, "x is 'maybe', neither on nor off"),
    ],
)
def test_unreadable_flags_are_a_finding_on_the_config(
    tmp_path: Path, files: dict[str, str], problem: str
) -> None:
    write_tree(
        tmp_path,
        {
            ".launchgate.yml": "release: {features: 'flags.json#flags'}\n",
            "launches/a.yaml": launch("a", "1.0.0", "2026-12-01", "x"),
            **files,
        },
    )
    code, found, _ = check_release(tmp_path, "--release", "1.0.0")
    assert code == 1
    assert [f["file"] for f in found] == [".launchgate.yml"]
    assert problem in str(found[0]["message"])


def test_a_dotted_key_names_a_flat_key_as_it_does_for_source(tmp_path: Path) -> None:
    # `path#key` is followed one way everywhere: `release.flags` finds a key of that name,
    # as `source:` does, where splitting at every dot said the file had no such key.
    from launchgate.release_target import read_flags

    flags = '{\n  "release.flags": {\n    "x": true\n  },\n  "release": {"y": true}\n}\n'
    (tmp_path / "flags.json").write_text(flags, encoding="utf-8")
    read = read_flags(tmp_path, Config(release=ReleaseConfig(features="flags.json#release.flags")))
    assert read is not None and read.problem is None
    assert (read.enabled, read.lines) == ({"x": True}, {"x": (3, 5)})


def test_flags_outside_the_repository_are_refused(tmp_path: Path) -> None:
    write_tree(tmp_path / "outside", {"flags.json": '{"flags": {"x": true}}'})
    repo = write_tree(
        tmp_path / "repo",
        {
            ".launchgate.yml": "release: {features: '../outside/flags.json#flags'}\n",
            "launches/a.yaml": launch("a", "1.0.0", "2026-12-01", "x"),
        },
    )
    _, found, _ = check_release(repo, "--release", "1.0.0")
    assert "points outside the repository" in str(found[0]["message"])


def test_the_rule_can_be_regraded_or_turned_off(tmp_path: Path) -> None:
    files = {
        "flags.json": '{"flags": {"x": true}}',
        "launches/a.yaml": launch("a", "1", "2026-12-01"),
    }
    write_tree(tmp_path, {".launchgate.yml": config_with("warning"), **files})
    _, found, _ = check_release(tmp_path, "--release", "1")
    assert [f["severity"] for f in found] == ["warning"]
    write_tree(tmp_path, {".launchgate.yml": config_with("off")})
    _, found, _ = check_release(tmp_path, "--release", "1")
    assert found == []


def config_with(setting: str) -> str:
    return f"release: {{features: 'flags.json#flags'}}\nrules: {{release-mismatch: {setting}}}\n"


def test_without_release_the_rule_does_not_run(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".launchgate.yml": CONFIG,
            "config/flags.json": flags_json(x=True),  # on, and no launch declares it
            "launches/a.yaml": launch("a", "4.2.0", "2026-12-01"),
        },
    )
    result = run_cli("check", str(tmp_path), "--today", TODAY, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert "release" not in report
    assert [f for f in report["findings"] if f["rule"] == "release-mismatch"] == []


def test_release_date_needs_release() -> None:
    result = run_cli("check", str(EXAMPLES), "--release-date", "2026-12-01")
    assert result.returncode == 2
    assert "--release-date needs --release" in result.stderr


def test_the_examples_show_a_launch_shipping_early() -> None:
    result = run_cli("check", str(EXAMPLES), "--today", TODAY, "--release", "4.8.0")
    assert result.returncode == 1
    assert "Release 4.8.0 (--release 4.8.0): 1 launch: team-insights" in result.stdout
    assert (
        "config/flags.json:6:5 error release-mismatch goals.mobile is on in 4.8.0, but only "
        "launches outside this release declare it: mobile-goals (5.0.0)" in result.stdout
    )


@pytest.mark.parametrize(
    ("texts", "pattern", "version"),
    [
        (["release/4.2.0", ""], None, "4.2.0"),
        (["release/v4.2", ""], None, "4.2"),
        (["rel-next", "Release 4.2.0-rc.1 to production"], None, "4.2.0-rc.1"),
        (["release/next", "Ship it"], None, None),
        (["release/2026-12", ""], r"release/(\d{4}-\d{2})", "2026-12"),
        (["train-42", ""], r"train-\d+", "train-42"),
        (["release/x", "y"], r"v?", None),
        (["release/7", ""], r"(\d+)?/", "/"),
    ],
)
def test_the_version_comes_from_the_branch_then_the_title(
    texts: list[str], pattern: str | None, version: str | None
) -> None:
    release = ReleaseConfig(version_pattern=pattern) if pattern else ReleaseConfig()
    assert version_in(texts, Config(release=release)) == version


def test_a_version_pattern_with_two_groups_is_refused(tmp_path: Path) -> None:
    write_tree(tmp_path, {".launchgate.yml": "release: {version_pattern: '(a)(b)'}\n"})
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 2
    assert "at most one group" in result.stderr


def test_release_pull_requests_by_branch_or_label() -> None:
    config = Config()
    assert release_reason("release/4.2.0", (), config) == "branch release/4.2.0"
    assert release_reason("feature/x", ("bug", "Release"), config) == "label Release"
    assert release_reason("feature/release", (), config) is None


def test_versions_compare_as_versions() -> None:
    assert same_version("v4.2", "4.2.0")
    assert not same_version("4.2.1", "4.2.0")
    assert same_version("2026.11-blue", "2026.11-blue")  # not a version: exact text
    config = Config(release=ReleaseConfig(dates={"v4.2": "2026-12-01"}))
    assert str(target_for("4.2.0", config, "test").date) == "2026-12-01"


def test_a_pull_request_is_a_release_of_a_version_or_says_why_it_cannot_be_checked() -> None:
    from launchgate.errors import Unusable
    from launchgate.release_target import ReleaseTarget, pull_request_release

    config = Config(release=ReleaseConfig(branches=["release/*"], labels=["release"]))
    assert pull_request_release("feature/x", "Add x", (), None, config) is None
    found = pull_request_release("release/4.2.0", "Ship", (), "2026-12-01", config)
    assert found == ReleaseTarget("4.2.0", dt.date(2026, 12, 1), "branch release/4.2.0")
    assert pull_request_release("main", "Ship it", ("Release",), None, config) == Unusable(
        "this is a release pull request (label Release), but neither its branch nor its title "
        "names a version that release.version_pattern finds"
    )


def test_a_flags_file_of_many_flags_is_read_in_linear_time(tmp_path: Path) -> None:
    # A release PR controls its flags file: 65,000 flags in under the 1 MB limit, each
    # located for its finding. Searched for one by one from the top, that took ~40 s.
    import time

    from launchgate.release_target import read_flags

    flags = ",\n".join(f'"f{i}":true' for i in range(65_000))
    (tmp_path / "flags.json").write_text('{"flags": {\n' + flags + "\n}}\n", encoding="utf-8")
    config = Config(release=ReleaseConfig(features="flags.json#flags"))
    started = time.monotonic()
    read = read_flags(tmp_path, config)
    assert read is not None and read.problem is None and len(read.enabled) == 65_000
    assert read.lines["f64999"] == (65_001, 1)
    assert time.monotonic() - started < 10  # linear: well under a second


# --- release-mismatch as the engine runs it: every message, place and boundary --------------

FLAGS_YAML = """\
flags:
  smart: true
  old: true
  later: true
  stray: true
  beta_x: true
  off_one: false
"""


def _mismatches(
    root: Path, release: ReleaseTarget | Unusable
) -> list[tuple[str, int, int, str, str | None]]:
    from launchgate.config import load_config
    from launchgate.engine import Supplied, check_loaded
    from launchgate.repository import load_repository

    config, name = load_config(root)
    repo = load_repository(root, config, name)
    report = check_loaded(repo, dt.date(2026, 11, 23), supplied=Supplied(release))
    return [
        (f.file, f.line, f.column, f.message, f.launch)
        for f in report.findings
        if f.rule == "release-mismatch"
    ]


def test_each_mismatch_says_what_and_where_exactly(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".launchgate.yml": (
                'release: {features: "flags.yaml#flags", ignore_flags: ["beta_*"]}\n'
            ),
            "flags.yaml": FLAGS_YAML,
            # this release's launches: one slipped, one on the release's day exactly
            "launches/b.yaml": launch("b", "2.0.0", "2026-12-10", "smart", "missing", "off_one"),
            "launches/e.yaml": launch("e", "2.0.0", "2026-12-05"),
            # `old` came with an earlier release; `later` is announced later, or never dated
            "launches/a.yaml": launch("a", "1.0.0", "2026-11-01", "old"),
            "launches/c.yaml": launch("c", "3.0.0", "2027-01-10", "later"),
            "launches/d.yaml": "id: d\nfeatures:\n  - {id: f0, flag: later}\n",
        },
    )
    found = _mismatches(tmp_path, ReleaseTarget("2.0.0", dt.date(2026, 12, 5)))
    assert found == [
        (
            "flags.yaml",
            4,
            3,
            "later is on in 2.0.0, but only launches outside this release declare it: "
            "c (3.0.0), d (no version); it ships before it is announced",
            None,
        ),
        (
            "flags.yaml",
            5,
            3,
            "stray is on in 2.0.0, but no launch declares it (features[].flag): it ships "
            "unannounced. Add it to a launch, or to release.ignore_flags in .launchgate.yml "
            "if it needs none",
            None,
        ),
        (
            "launches/b.yaml",
            2,
            35,
            "b is dated 2026-12-10, after the 2.0.0 release on 2026-12-05: the launch slipped; "
            "move it to a later version or bring its date back",
            "b",
        ),
        (
            "launches/b.yaml",
            5,
            20,
            "missing is not in flags.yaml, so f1 is announced for 2.0.0 but does not ship in it",
            "b",
        ),
        (
            "launches/b.yaml",
            6,
            20,
            "off_one is off flags.yaml, so f2 is announced for 2.0.0 but does not ship in it",
            "b",
        ),
    ]


def test_a_release_pull_request_without_a_version_is_one_finding_on_the_config(
    tmp_path: Path,
) -> None:
    from launchgate.errors import Unusable

    write_tree(
        tmp_path,
        {
            ".launchgate.yml": "timezone: UTC\n",
            "launches/b.yaml": launch("b", "2.0.0", "2026-12-10", "x"),
        },
    )
    problem = Unusable("this is a release pull request (label release), but no version")
    assert _mismatches(tmp_path, problem) == [(".launchgate.yml", 1, 1, problem.message, None)]
