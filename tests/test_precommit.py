"""The pre-commit hook in .pre-commit-hooks.yaml, installed and run by the real pre-commit.

pre-commit installs the hook from a git repository: here, a copy of this
working tree (uncommitted changes and new files included) committed into a
repository of its own, so the test checks the hook as it stands. A config names
that repository at its commit, as a user's .pre-commit-config.yaml does, and
`pre-commit run` runs the hook in sample repositories made here. pre-commit
builds the hook's environment (`pip install .`, with the dependencies from
PyPI) once for the module, in a PRE_COMMIT_HOME of its own (`pre-commit
try-repo` would build it again for every run, in a throwaway store), and starts
building it as soon as the tests are collected, beside them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from subprocess import CompletedProcess

import pytest
import yaml

from tests.conftest import ROOT, Background, early_folder, start, write_tree

# Nothing from the machine's git config (signing, hooks, templates) gets in the way.
GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "launchgate tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "launchgate tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}
FLAGS = ("--all-files", "--verbose")
READY = """\
id: tiny
owners: {product: "@ann"}
release: {version: "1.0.0", date: 2026-12-01}
announce: {date: 2026-12-02}
copy:
  - {channel: web.title, locale: en-US, text: "Tiny launch"}
"""


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, check=True, capture_output=True
    )


def working_tree_files() -> list[str]:
    """Tracked and untracked files, less what .gitignore leaves out."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    names = [name for name in listed.stdout.decode("utf-8").split("\0") if name]
    return [name for name in names if (ROOT / name).is_file()]  # not deleted ones


@dataclass(frozen=True)
class Hook:
    """The hook repository at its commit, and the pre-commit store that keeps its environment."""

    config: Path  # a .pre-commit-config.yaml naming the repository and commit
    home: Path  # PRE_COMMIT_HOME
    installed: Background  # `pre-commit install-hooks`: the environment built


_hooks: list[Hook] = []


def start_early() -> None:
    """The hook repository made now, and its environment built beside the other tests."""
    root = early_folder("pre-commit")
    copy = root / "hook-repo"
    for name in working_tree_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    git("init", "-q", cwd=copy)
    git("add", "-A", cwd=copy)
    git("commit", "-q", "-m", "launchgate as it stands", cwd=copy)
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=copy, capture_output=True, text=True, check=True
    ).stdout.strip()
    config = root / ".pre-commit-config.yaml"
    repos = [{"repo": str(copy), "rev": rev, "hooks": [{"id": "launchgate"}]}]
    config.write_text(yaml.safe_dump({"repos": repos}), encoding="utf-8")
    home = root / "home"
    command = [sys.executable, "-m", "pre_commit", "install-hooks", "--config", str(config)]
    installed = start(command, copy, {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home)})
    _hooks.append(Hook(config, home, installed))


@pytest.fixture(scope="module")
def hook() -> Hook:
    if not _hooks:  # not started early
        start_early()
    made = _hooks[0]
    done = made.installed.result()
    assert done.returncode == 0, done.stdout + done.stderr
    return made


def run_hook(hook: Hook, sample: Path, files: dict[str, str | bytes]) -> CompletedProcess[str]:
    write_tree(sample, files)
    git("init", "-q", cwd=sample)
    git("add", "-A", cwd=sample)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--config", str(hook.config), *FLAGS],
        cwd=sample,
        env={**os.environ, **GIT_ENV, "NO_COLOR": "1", "PRE_COMMIT_HOME": str(hook.home)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "launchgate"
    assert hook["entry"] == "launchgate check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert hook["always_run"] is False
    files = re.compile(hook["files"])
    runs_on = [".launchgate.yml", "glossary.yaml", "launches/a.yaml", "launches/q4/b.yml"]
    runs_on += ["checklists/major.yaml", ".launchgate.yaml"]
    for name in runs_on:
        assert files.search(name), name
    for name in ["README.md", "app/launches/a.yaml", "launches/a.json", "src/glossary.yaml"]:
        assert not files.search(name), name


def test_hook_fails_on_a_launch_that_is_not_ready(hook: Hook, tmp_path: Path) -> None:
    manifest = READY.replace("Tiny launch", "Tiny launch TBD")
    result = run_hook(hook, tmp_path, {"launches/tiny.yaml": manifest})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "launchgate" in result.stdout and "Failed" in result.stdout
    assert "launches/tiny.yaml:6:47 error copy-placeholder" in result.stdout
    assert "1 of 1 launch not ready" in result.stdout


def test_hook_passes_on_a_ready_launch(hook: Hook, tmp_path: Path) -> None:
    result = run_hook(hook, tmp_path, {"launches/tiny.yaml": READY})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
    assert "1 launch ready" in result.stdout
