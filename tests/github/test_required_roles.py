"""github/required_roles.py: a pull request cannot drop a role by editing, renaming or
deleting a manifest; the base commit's version is read through the API as data."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.config import Config
from launchgate.github.client import ChangedFile, GitHubClient, Limits
from launchgate.github.policy import fetch_policy
from launchgate.github.required_roles import RolePolicy, manifest_patterns, roles_of
from launchgate.launch import Launch
from launchgate.repository import load_files
from tests.conftest import write_tree
from tests.github.fake import FakeGitHub
from tests.github.test_ci import BASE, manifest

SMART = "launches/smart-reports.yaml"


def _roles(github: FakeGitHub, base: dict[str, str], prefix: str = "") -> RolePolicy:
    repo = github.add_repo("acme/app")
    sha = repo.commit(base)
    client = GitHubClient(github.url, "acme/app", github.token, Limits(tries=1))
    return RolePolicy(client, fetch_policy(client, sha, prefix), prefix)


def _launch(text: str, tmp_path: Path) -> Launch:
    (launch,) = load_files({SMART: text.encode()}, tmp_path).launches
    return launch


def test_the_base_manifests_roles_are_added_to_the_heads(
    github: FakeGitHub, tmp_path: Path
) -> None:
    roles = _roles(github, {**BASE, SMART: manifest("smart-reports", "signoffs: [legal]\n")})
    head = _launch(manifest("smart-reports", day=3), tmp_path)  # the pull request drops legal
    assert head.required_roles == []  # no checklist on this side: load_files has none
    assert roles.required(head, SMART) == ["product", "marketing", "legal"]
    assert roles.required(head, None) == []  # a new manifest: nothing at the base


def test_a_renamed_manifest_is_read_at_its_old_path(github: FakeGitHub, tmp_path: Path) -> None:
    old = "launches/old-name.yaml"
    roles = _roles(github, {**BASE, old: manifest("smart-reports", "signoffs: [legal]\n")})
    head = _launch(manifest("smart-reports", "signoffs: [product]\n"), tmp_path)
    assert roles.required(head, old) == ["product", "marketing", "legal"]
    assert github.count("GET", f"/contents/{old}") == 1


@pytest.mark.parametrize(
    "base_text",
    ["id: [broken\n", "- just\n- a list\n", "signoffs: [legal]\n# " + "x" * 700 + "\n"],
    ids=["broken", "not a mapping", "over the size limit"],
)
def test_a_base_manifest_that_does_not_read_adds_nothing(
    github: FakeGitHub, tmp_path: Path, base_text: str
) -> None:
    config = BASE[".launchgate.yml"] + "max_file_size: 600\n"
    roles = _roles(github, {**BASE, ".launchgate.yml": config, SMART: base_text})
    head = _launch(manifest("smart-reports", "signoffs: [security]\n"), tmp_path)
    assert roles.required(head, SMART) == ["security"]


def test_a_removed_manifest_keeps_its_roles_for_a_launch_of_the_same_id(
    github: FakeGitHub,
) -> None:
    gone = "launches/gone.yaml"
    base = {**BASE, gone: manifest("smart-reports", "signoffs: [legal]\n")}
    base["notes/other.yaml"] = manifest("notes", "signoffs: [legal]\n")
    roles = _roles(github, base)
    files = [
        ChangedFile(gone, "removed"),
        ChangedFile("notes/other.yaml", "removed"),  # no manifests pattern matches it
        ChangedFile("launches/data-export.yaml", "modified"),  # not removed
    ]
    removed = roles.removed(files, ["launches/**/*.yaml"])
    assert removed == {"smart-reports": ["product", "marketing", "legal"]}
    assert github.count("GET", "/contents/notes") == 0


def test_base_manifests_are_read_under_the_checked_folder(
    github: FakeGitHub, tmp_path: Path
) -> None:
    base = {f"web/{path}": text for path, text in BASE.items()}
    base[f"web/{SMART}"] = manifest("smart-reports", "signoffs: [legal]\n")
    roles = _roles(github, base, prefix="web/")
    head = _launch(manifest("smart-reports"), tmp_path)
    assert roles.required(head, SMART) == ["product", "marketing", "legal"]


def test_roles_of_a_manifest_read_as_data() -> None:
    shelf = load_files({"checklists/web.yaml": b"signoffs: [product, legal]\n"}, Path())
    assert shelf.checklists is not None
    base = {"checklist": "web", "signoffs": ["legal", "security", 7]}
    assert roles_of(base, shelf.checklists) == ["product", "legal", "security"]
    assert roles_of({"checklist": "unknown", "signoffs": "legal"}, shelf.checklists) == []
    assert roles_of({"checklist": ["web"]}, shelf.checklists) == []


def test_the_workspace_config_can_add_manifest_patterns_but_not_take_any_away(
    tmp_path: Path,
) -> None:
    base = Config(manifests=["launches/**/*.yaml"])
    write_tree(tmp_path, {".launchgate.yml": 'manifests: ["more/*.yaml"]\n'})
    assert manifest_patterns(base, tmp_path) == ["launches/**/*.yaml", "more/*.yaml"]
    write_tree(tmp_path, {".launchgate.yml": "manifests: [\n"})  # broken: adds nothing
    assert manifest_patterns(base, tmp_path) == ["launches/**/*.yaml"]
