"""github/paths.py: the folder a run checks, manifests reached through links, and the
files whose change makes an approval stale."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from launchgate.config import Config
from launchgate.errors import UsageError
from launchgate.github.paths import first_link, launch_files, refuse_links, scope
from launchgate.repository import load_files, open_repository
from tests.conftest import write_tree

MANIFEST = """\
id: smart-reports
name: Smart Reports
owners: {product: "@ann"}
release: {version: "4.2.0", date: 2026-12-03}
announce: {date: 2026-12-04}
signoffs: [product]
"""


def test_no_path_is_the_whole_workspace(tmp_path: Path) -> None:
    assert scope(tmp_path, None) == (tmp_path, "")
    assert scope(tmp_path, "") == (tmp_path, "")
    assert scope(tmp_path, ".") == (tmp_path.resolve(), "")


def test_a_folder_is_checked_with_its_place_in_the_repository(tmp_path: Path) -> None:
    (tmp_path / "apps" / "web").mkdir(parents=True)
    assert scope(tmp_path, "apps/web") == ((tmp_path / "apps/web").resolve(), "apps/web/")


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("missing", "missing: no such directory"),
        ("linked", "linked goes through a symbolic link (linked); name the folder itself"),
        ("linked/inner", "goes through a symbolic link (linked)"),
        ("..", "is outside the workspace"),
    ],
)
def test_a_folder_that_is_not_one_of_the_workspace_is_refused(
    tmp_path: Path, path: str, says: str
) -> None:
    workspace = tmp_path / "workspace"
    (workspace / "real" / "inner").mkdir(parents=True)
    (workspace / "linked").symlink_to(workspace / "real")
    with pytest.raises(UsageError, match=says.replace("(", r"\(").replace(")", r"\)")):
        scope(workspace, path)


def test_the_first_link_on_the_way_is_named(tmp_path: Path) -> None:
    (tmp_path / "real" / "deeper").mkdir(parents=True)
    (tmp_path / "via").symlink_to(tmp_path / "real")
    assert first_link(tmp_path, "via/deeper/x.yaml") == "via"
    assert first_link(tmp_path, "real/deeper/x.yaml") is None
    (tmp_path / "real" / "deeper" / "x.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    assert first_link(tmp_path, "real/deeper/x.yaml") == "real/deeper/x.yaml"


def test_a_manifest_reached_through_a_link_is_a_problem_not_a_launch(tmp_path: Path) -> None:
    write_tree(tmp_path, {"launches/real.yaml": MANIFEST, "shared/other.yaml": MANIFEST})
    (tmp_path / "launches" / "linked.yaml").symlink_to(tmp_path / "shared" / "other.yaml")
    repo = open_repository(tmp_path, Config(), None)
    refuse_links(repo)
    assert [shown for _, shown in repo.files] == ["launches/real.yaml"]
    (problem,) = [p for p in repo.problems if p.file == "launches/linked.yaml"]
    assert problem.problem.message == (
        "is reached through a symbolic link (launches/linked.yaml); launchgate ci follows "
        "no links in a pull request"
    )


def test_a_launch_covers_its_manifest_its_old_name_and_its_sources(tmp_path: Path) -> None:
    copy = (
        "copy:\n"
        "  - {channel: in_app, text: Title, source: ./app/en.json#title}\n"
        "  - {channel: in_app, text: Body, source: app/strings.json#body}\n"
        "  - {channel: in_app, text: Plain text}\n"
    )
    files = {"launches/smart.yaml": (MANIFEST + copy).encode()}
    (launch,) = load_files(files, tmp_path).launches
    write_tree(tmp_path, {"app/en.json": "{}", "shared/strings.json": "{}"})
    os.symlink(tmp_path / "shared" / "strings.json", tmp_path / "app" / "strings.json")
    assert launch_files(launch, None, tmp_path) == {
        "launches/smart.yaml",
        "app/en.json",  # "./app/en.json" as the file it is
        "app/strings.json",
        "shared/strings.json",  # and the file a link leads to
    }
    renamed = launch_files(launch, "launches/old-name.yaml", tmp_path)
    assert "launches/old-name.yaml" in renamed


def test_a_source_outside_the_repository_is_named_only_as_written(tmp_path: Path) -> None:
    copy = "copy:\n  - {channel: in_app, text: T, source: ../x.json#a}\n"
    files = {"launches/smart.yaml": (MANIFEST + copy).encode()}
    (launch,) = load_files(files, tmp_path / "repo").launches
    assert launch_files(launch, None, tmp_path / "repo") == {"launches/smart.yaml", "../x.json"}
