"""`launchgate checklists [NAME]`: what each checklist requires, and where it comes from."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, run_cli, write_tree

OWN = (
    "name: Social launch\n"
    "signoffs: [product, legal]\n"
    "locales: [en-US, fr-FR]\n"
    "collateral:\n"
    "  - {type: blog_post, lead_time: 5bd}\n"
    "  - {type: video}\n"
    "copy: {channels: [x.post, twitter, in_app.banner]}\n"
    "metrics: {north_star: required}\n"
    "conflicts: same-day\n"
)


def _repo(root: Path, files: dict[str, str]) -> Path:
    return write_tree(root, {".launchgate.yml": "timezone: UTC\n", **files})


def test_the_list_gives_each_checklist_its_title_file_and_summary() -> None:
    result = run_cli("checklists", "--path", str(EXAMPLES))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    major = lines.index(next(line for line in lines if line.startswith("major ")))
    assert "Major launch" in lines[major]
    assert "checklists/major.yaml (in place of the built-in one)" in lines[major]
    summary = lines[major + 1]
    for part in ("product, marketing", "3 collateral items", "5 copy channels", "en-US, de-DE"):
        assert part in summary
    patch = next(line for line in lines if line.startswith("patch "))
    assert "(built-in) checklists/patch.yaml" in patch


def test_the_package_s_own_checklists_are_built_in_not_replaced() -> None:
    lines = run_cli("checklists", "--path", str(ROOT)).stdout.splitlines()
    assert all("in place of" not in line for line in lines)


def test_one_checklist_in_full(tmp_path: Path) -> None:
    _repo(tmp_path, {"checklists/social.yaml": OWN})
    result = run_cli("checklists", "social", "--path", str(tmp_path))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("social: Social launch\nfrom checklists/social.yaml\n")
    assert "sign-offs   product, legal\n" in text
    assert "locales     en-US, fr-FR" in text
    assert "blog_post  due 5 business days before the announcement" in text
    assert "video      no lead time" in text
    assert "x.post: 280 X weighted characters, hard" in text
    assert "twitter: not a channel (did you mean 'x.post'?)" in text
    assert "in_app.banner: set per copy item (max:), hard" in text
    assert "north-star metric is required" in text
    assert "conflicts   same-day" in text


def test_a_repository_channel_in_a_checklist_shows_its_own_limit(tmp_path: Path) -> None:
    _repo(
        tmp_path,
        {
            ".launchgate.yml": "channels: {changelog.title: {max: 70}}\n",
            "checklists/notes.yaml": "copy: {channels: [changelog.title]}\n",
        },
    )
    text = run_cli("checklists", "notes", "--path", str(tmp_path)).stdout
    assert "changelog.title: 70 characters (UTF-16 units), hard" in text


def test_a_built_in_checklist_from_a_repository_without_checklists(tmp_path: Path) -> None:
    result = run_cli("checklists", "patch", "--path", str(_repo(tmp_path, {})))
    assert result.returncode == 0
    assert "from launchgate's built-in checklists/patch.yaml" in result.stdout
    assert "release_notes  due 1 business day" in result.stdout


@pytest.mark.parametrize(("name", "hint"), [("majr", "'major'"), ("zzz", "major, minor, patch")])
def test_an_unknown_name_is_a_usage_error_with_did_you_mean(
    tmp_path: Path, name: str, hint: str
) -> None:
    result = run_cli("checklists", name, "--path", str(_repo(tmp_path, {})))
    assert result.returncode == 2
    assert name in result.stderr and hint in result.stderr
    assert result.stdout == ""


def test_a_folder_given_as_the_name_points_to_path(tmp_path: Path) -> None:
    # `launchgate channels FOLDER` takes the repository as it is; checklists takes a NAME.
    result = run_cli("checklists", str(EXAMPLES), "--path", str(_repo(tmp_path, {})))
    assert result.returncode == 2
    assert f"launchgate checklists --path {EXAMPLES}" in result.stderr


def test_a_checklist_that_cannot_be_read_is_named_with_its_line(tmp_path: Path) -> None:
    _repo(tmp_path, {"checklists/tw.yaml": "signoffs: product\n"})
    listed = run_cli("checklists", "--path", str(tmp_path))
    assert listed.returncode == 2
    assert "major" in listed.stdout  # the others are still listed
    assert "checklists/tw.yaml:1:11" in listed.stdout and "checklists/tw.yaml:1:11" in listed.stderr
    one = run_cli("checklists", "tw", "--path", str(tmp_path))
    assert one.returncode == 2
    assert "checklists/tw.yaml:1:11" in one.stderr and "Traceback" not in one.stderr


def test_a_missing_folder_or_broken_config_is_a_usage_error(tmp_path: Path) -> None:
    assert run_cli("checklists", "--path", str(tmp_path / "nowhere")).returncode == 2
    _repo(tmp_path, {".launchgate.yml": "checklists: [a]\n"})
    broken = run_cli("checklists", "--path", str(tmp_path))
    assert broken.returncode == 2 and ".launchgate.yml:1:" in broken.stderr


def test_the_readme_and_the_cli_docstring_name_every_command() -> None:
    import argparse

    from launchgate import cli

    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Commands\n\n", 1)[1].split("\n\n", 1)[0]
    for name in commands.choices:
        assert f"| `launchgate {name}" in table, name
        assert name in (cli.__doc__ or "").split("\n\n", 1)[0], name
