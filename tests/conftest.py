"""Shared helpers: run the CLI the way a user does, in this process or in a subprocess."""

from __future__ import annotations

import contextlib
import gc
import importlib
import io
import os
import pkgutil
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from unittest import mock

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
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    separate_process: bool = False,
) -> subprocess.CompletedProcess[str]:
    """`launchgate ARGS`, with colour forced off unless env says: in this process, or
    (`separate_process`, for what only the real entry point shows) as `python -m launchgate`.
    """
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    if not separate_process:
        code, stdout, stderr = main_in_process(args, environment, cwd or ROOT)
        return subprocess.CompletedProcess(["launchgate", *args], code, stdout, stderr)
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


def main_in_process(
    argv: Sequence[str], environment: Mapping[str, str], cwd: Path
) -> tuple[int, str, str]:
    """`launchgate.cli.main(argv)` as its process would run it: only `environment` in
    os.environ, `cwd` as the working folder, stdout and stderr captured. Exit code, stdout,
    stderr. A process costs 0.65 s of imports; a bug that escapes `main` fails the test
    here, as a traceback on stderr would."""
    from launchgate.cli import main
    from launchgate.workdays import holiday_cache

    # The one cache a process keeps that depends on its environment (LAUNCHGATE_CACHE_DIR):
    # a new process starts without it.
    holiday_cache.cache_clear()
    out, err = io.StringIO(), io.StringIO()
    with (
        mock.patch.dict(os.environ, environment, clear=True),
        _working_folder(cwd),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = main(argv)
    # The loader freezes what it loaded for the garbage collector, right for one run per
    # process; here hundreds run in one, so thaw it again.
    gc.unfreeze()
    stdout, stderr = out.getvalue(), err.getvalue()
    # A real stdout takes UTF-8 only: a lone surrogate would have failed the write.
    stdout.encode("utf-8")
    stderr.encode("utf-8")
    return code, stdout, stderr


@contextlib.contextmanager
def _working_folder(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


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
