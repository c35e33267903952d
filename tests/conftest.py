"""Shared helpers: run the CLI the way a user does, in this process or in a subprocess; start
slow outside work (a type check, installs) early, to run beside the tests."""

from __future__ import annotations

import contextlib
import gc
import importlib
import io
import logging
import os
import pkgutil
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
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
        _log_warnings_to(err),
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
def _log_warnings_to(stream: io.StringIO) -> Iterator[None]:
    """Log records of WARNING and up (a library's retries, say) go to the run's stderr, as
    Python's last-resort handler writes them in a process that configured no logging.
    pytest's own handler would otherwise take them out of sight."""
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    logging.getLogger().addHandler(handler)
    try:
        yield
    finally:
        logging.getLogger().removeHandler(handler)


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


# ---- slow outside work, started before the tests run -----------------------------------------
#
# Installs, mypy and the benchmark are other processes: a test that waited for them would
# leave this process idle. Their modules define `start_early()`, which queues them (`start`)
# as soon as the tests are collected, and run last; the queue runs one process at a time, on
# the machine's second core, while this one runs the other tests.


@dataclass
class Background:
    """A command that runs beside the tests (`start`); `result()` waits for it."""

    command: list[str]
    cwd: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None
    # Files, not pipes: a process whose output filled a pipe nobody reads would never end.
    logs: Path | None = None
    done: subprocess.CompletedProcess[str] | None = None

    def begin(self) -> None:
        self.logs = early_folder("output")
        with (
            open(self.logs / "stdout", "wb") as stdout,
            open(self.logs / "stderr", "wb") as stderr,
        ):  # the process has its own copies
            self.process = subprocess.Popen(
                self.command, cwd=self.cwd, env=self.env, stdout=stdout, stderr=stderr
            )

    def running(self) -> bool:
        return self.process is not None and self.done is None and self.process.poll() is None

    def result(self) -> subprocess.CompletedProcess[str]:
        if self.done is None:
            if self.process is None:
                self.begin()
            # While the tests wait for this one, their core can run the next one.
            _start_next(at_once=2)
            assert self.process is not None and self.logs is not None
            code = self.process.wait(timeout=600)
            stdout, stderr = (
                (self.logs / name).read_text(encoding="utf-8", errors="replace")
                for name in ("stdout", "stderr")
            )
            self.done = subprocess.CompletedProcess(self.command, code, stdout, stderr)
        return self.done


_QUEUE: list[Background] = []
_FOLDERS: list[Path] = []


def start(command: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None) -> Background:
    """`command`, queued to run in a process of its own beside the tests. Its folder and
    environment are fixed now: in-process runs swap the working folder and os.environ."""
    job = Background(list(command), cwd, dict(os.environ if env is None else env))
    _QUEUE.append(job)
    _start_next()
    return job


def _start_next(at_once: int = 1) -> None:
    running = sum(job.running() for job in _QUEUE)
    waiting = [job for job in _QUEUE if job.process is None]
    for job in waiting[: max(0, at_once - running)]:
        job.begin()


def finish_background() -> None:
    """Wait for the commands running beside the tests, for a test that counts this
    process's children; the queue goes on after it."""
    for job in _QUEUE:
        if job.running() and job.process is not None:
            job.process.wait(timeout=600)


def early_folder(prefix: str) -> Path:
    """A temporary folder for work started early, removed when the session ends."""
    folder = Path(tempfile.mkdtemp(prefix=f"launchgate-{prefix}-"))
    _FOLDERS.append(folder)
    return folder


def _starts_early(item: pytest.Item) -> bool:
    return callable(getattr(getattr(item, "module", None), "start_early", None))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Last, so that what they wait for has the rest of the suite's time to finish.
    items.sort(key=_starts_early)


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.option.collectonly:
        return
    modules: list[Any] = []
    for item in session.items:
        module = getattr(item, "module", None)
        if _starts_early(item) and module not in modules:
            modules.append(module)
    for module in modules:
        # A failure here (no git, say) is the module's tests' to report: their fixture
        # calls start_early() again when nothing was started.
        with contextlib.suppress(Exception):
            module.start_early()


def pytest_runtest_logfinish() -> None:
    _start_next()


def pytest_sessionfinish() -> None:
    for job in _QUEUE:
        # Work a stopped session (-x, Ctrl-C) never waited for.
        if job.running() and job.process is not None:
            job.process.kill()
            job.process.wait()
    for folder in _FOLDERS:
        shutil.rmtree(folder, ignore_errors=True)
