"""Shared helpers: run the CLI the way a user does, in a subprocess."""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

import launchgate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TODAY = "2026-11-23"


def _import_every_module() -> None:
    """Every launchgate module, imported before any test runs.

    Hypothesis draws some values from the constants of the project's modules that are
    imported at the time; with all of them imported up front, what a property test
    generates (and how long it takes) does not depend on which tests ran before it.
    """
    for module in pkgutil.walk_packages(launchgate.__path__, "launchgate."):
        if module.name != "launchgate.__main__":  # it would run the CLI
            importlib.import_module(module.name)


_import_every_module()


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`launchgate ARGS` as a separate process, with colour forced off unless env says."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "launchgate", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd or ROOT,
        env=environment,
        timeout=120,
        check=False,
    )


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return tmp_path
