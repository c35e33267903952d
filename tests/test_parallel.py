"""A large repository is checked on several cores; the report must not change."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from launchgate import parallel
from launchgate.config import load_config
from launchgate.engine import Supplied, check_loaded, load_and_check
from launchgate.loader import PARALLEL_FROM
from launchgate.release_target import target_for
from launchgate.reporters import reporter
from launchgate.repository import load_repository, open_repository
from tests.conftest import finish_background, write_tree

MANIFEST = """\
# launch {n}: the comment moves every line down one, so positions are not all alike
id: launch-{id}
checklist: {tier}
owners: {{product: "@ann"}}
features:
  - {{id: f-{n}, name: Feature {n}, flag: f.{n}}}
release: {{version: "{version}", date: 2026-12-{day:02d}}}
announce: {{date: 2026-12-{day:02d}}}
copy:
  - {{channel: app_store.subtitle, locale: en-US, text: "{subtitle}"}}
  - {{channel: email.subject, locale: en-US, text: "Launch {n} is here"}}
collateral:
  - {{id: post, type: blog_post, owner: "@ann", due: 2026-11-{due:02d}, status: draft}}
waivers:
  - {{rule: copy-length, reason: Shortened, approved_by: marketing, expires: 2026-12-31}}
"""


def _report(root: Path, fused: bool) -> str:
    config, name = load_config(root)
    today = dt.date(2026, 11, 23)
    release = target_for("1.0.0", config, "--release 1.0.0", dt.date(2026, 12, 5))
    if fused:  # what the CLI runs: each shard loaded and checked where it is
        report = load_and_check(
            open_repository(root, config, name), today, supplied=Supplied(release)
        )
    else:
        report = check_loaded(
            load_repository(root, config, name), today, supplied=Supplied(release)
        )
    return reporter("json")(report, False)


@pytest.mark.skipif(parallel.spare_cores() < 1, reason="needs a second core (Linux)")
@pytest.mark.parametrize("fused", [True, False], ids=["load_and_check", "load-then-check"])
def test_parallel_and_serial_reports_are_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fused: bool
) -> None:
    files: dict[str, str | bytes] = {
        f"launches/launch-{n:03d}.yaml": MANIFEST.format(
            n=n,
            id=n if n % 50 else 0,  # a few ids used twice, across the shards
            tier="major" if n % 7 == 0 else "minor",  # majors on one day conflict
            version="1.0.0" if n % 30 == 0 else f"1.{n}.0",  # some in the release, some slipped
            day=1 + n % 28,
            due=1 + n % 29,
            subtitle="x" * (25 + n % 10),  # some over the 30-character limit
        )
        for n in range(PARALLEL_FROM + 17)
    }
    files["launches/broken.yaml"] = "id: [\n"
    files[".launchgate.yml"] = "roles: {marketing: {users: [david]}, product: {users: [ann]}}\n"
    write_tree(tmp_path, files)
    parallel_output = _report(tmp_path, fused)
    monkeypatch.setattr(parallel, "spare_cores", lambda: 0)
    serial_output = _report(tmp_path, fused)
    assert parallel_output == serial_output
    too_long = sum(1 for n in range(PARALLEL_FROM + 17) if 25 + n % 10 > 30)
    assert parallel_output.count('"rule": "copy-length"') == too_long  # both halves are there
    # Waivers apply once every shard's findings are in: each launch's to its own findings.
    assert parallel_output.count('"waiver": {') == too_long
    unused = PARALLEL_FROM + 17 - too_long
    assert parallel_output.count('"rule": "waiver-unused"') == unused
    # The rules across launches, and the release, found what they should, where they should.
    assert serial_output.count('"rule": "manifest-invalid"') == 1
    assert '"rule": "date-conflict"' in serial_output
    shared = sum(1 for n in range(PARALLEL_FROM + 17) if n % 50 == 0)  # every file with id 0
    assert serial_output.count('"rule": "duplicate-id"') == shared
    assert '"rule": "release-mismatch"' in serial_output


def _squares(start: int, stop: int) -> list[int]:
    return [n * n for n in range(start, stop)]


@pytest.mark.skipif(parallel.spare_cores() < 1, reason="needs a second core (Linux)")
def test_workers_are_forked_and_their_results_come_back_in_order() -> None:
    parent = os.getpid()

    def where(start: int, stop: int) -> list[tuple[int, bool]]:
        time.sleep(0.02)  # long enough that every process gets a chunk
        return [(n, os.getpid() == parent) for n in range(start, stop)]

    results = parallel.split_map(where, 100, minimum=2)
    assert [n for n, _ in results] == list(range(100))
    here = sum(1 for _, in_parent in results if in_parent)
    assert 0 < here < 100  # chunks ran in this process and in a worker


@pytest.mark.skipif(parallel.spare_cores() < 1, reason="needs a second core (Linux)")
def test_a_slow_worker_takes_fewer_chunks() -> None:
    parent = os.getpid()

    def slow_in_workers(start: int, stop: int) -> list[bool]:
        in_parent = os.getpid() == parent
        time.sleep(0.005 if in_parent else 0.1)  # a worker on a busy core, say
        return [in_parent] * (stop - start)

    results = parallel.split_map(slow_in_workers, 160, minimum=2)
    assert len(results) == 160
    assert sum(results) > 120  # this process took the chunks the slow worker could not


@pytest.mark.skipif(parallel.spare_cores() < 1, reason="needs a second core (Linux)")
def test_a_worker_that_dies_has_its_share_run_here() -> None:
    parent = os.getpid()

    def dies_in_workers(start: int, stop: int) -> list[int]:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return _squares(start, stop)

    assert parallel.split_map(dies_in_workers, 10, minimum=2) == _squares(0, 10)


@pytest.mark.skipif(parallel.spare_cores() < 1, reason="needs a second core (Linux)")
def test_what_a_worker_sent_before_it_died_is_kept(tmp_path: Path) -> None:
    parent = os.getpid()
    ran = tmp_path / "ran"  # every chunk a process finished, across processes

    def dies_at_its_third_chunk(start: int, stop: int) -> list[int]:
        time.sleep(0.01)
        if os.getpid() != parent:
            taken = ran.with_suffix(f".{os.getpid()}")
            with taken.open("a") as log:
                log.write("x")
            if taken.read_text() == "xxx":
                os.kill(os.getpid(), signal.SIGKILL)
        with ran.open("a") as log:
            log.write(f"{os.getpid() == parent}\n")
        return _squares(start, stop)

    assert parallel.split_map(dies_at_its_third_chunk, 64, minimum=2) == _squares(0, 64)
    finished = ran.read_text().split()
    assert finished.count("False") == 2  # the worker finished two chunks, then died
    chunks = min(64, (parallel.spare_cores() + 1) * parallel.CHUNKS_PER_PROCESS)
    assert len(finished) == chunks  # its two were used, not run again; its third ran here


@pytest.mark.skipif(parallel.spare_cores() < 1, reason="needs a second core (Linux)")
def test_an_error_in_a_worker_is_raised_here_with_its_own_traceback() -> None:
    def fails_past_five(start: int, stop: int) -> list[int]:
        if stop > 5:
            raise ValueError(f"share {start}..{stop}")
        return _squares(start, stop)

    with pytest.raises(ValueError, match=r"share \d+\.\.\d+"):
        parallel.split_map(fails_past_five, 10, minimum=2)


def test_no_fork_to_be_had_runs_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(parallel, "spare_cores", lambda: 1)
    monkeypatch.setattr(os, "fork", no_fork)
    assert parallel.split_map(_squares, 10, minimum=2) == _squares(0, 10)


@pytest.mark.skipif(parallel.spare_cores() < 1, reason="needs a second core (Linux)")
def test_splits_do_not_nest_and_leave_no_children_behind() -> None:
    def nested(start: int, stop: int) -> list[int]:
        inner = parallel.split_map(_squares, 10, minimum=2)  # runs in place
        assert inner == _squares(0, 10)
        return _squares(start, stop)

    finish_background()  # the suite's own (tests/conftest.py), not split_map's
    assert parallel.split_map(nested, 10, minimum=2) == _squares(0, 10)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # every worker was reaped


@pytest.mark.skipif(parallel.spare_cores() < 1, reason="needs a second core (Linux)")
def test_output_pending_before_the_fork_is_written_once(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from launchgate import parallel\n"
        "sys.stdout.write('pending ')\n"  # still in the buffer when the workers fork
        "print(sum(parallel.split_map(lambda a, b: list(range(a, b)), 1000, 2)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert done.stdout == "pending 499500\n"


# Ctrl-C reaches every process of the group, at any moment: here, just as a worker forks.
_INTERRUPTED_FORK = """\
import os, signal, sys
from launchgate import parallel

parallel.spare_cores = lambda: 2
real_fork, parent = os.fork, os.getpid()


def fork():
    pid = real_fork()
    if (pid == 0) == (sys.argv[1] == "child"):
        os.kill(os.getpid(), signal.SIGINT)  # before the fork is back in split_map
    return pid


def squares(start, stop):
    return [n * n for n in range(start, stop)]


os.fork = fork
fds = sorted(os.listdir("/proc/self/fd"))
try:
    print(parallel.split_map(squares, 50, 2) == squares(0, 50))
except KeyboardInterrupt:
    print("interrupted")
if os.getpid() != parent:
    print("a worker ran on in the caller's code")
    os._exit(0)
try:
    os.waitpid(-1, os.WNOHANG)
    print("a worker was left unreaped")
except ChildProcessError:
    pass
if sorted(os.listdir("/proc/self/fd")) != fds:
    print("a pipe was left open")
"""


@pytest.mark.skipif(parallel.spare_cores() < 1, reason="needs a second core (Linux)")
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("child", "True\n"),  # the worker leaves; its chunks run in the other processes
        ("parent", "interrupted\n"),  # once every worker is known, so all are reaped
    ],
)
def test_an_interrupt_as_a_worker_forks_is_handled_cleanly(
    tmp_path: Path, who: str, expected: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED_FORK, who],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        timeout=60,
    )
    assert (done.stdout, done.stderr) == (expected, "")


def test_nothing_to_split_with_no_minimum() -> None:
    assert parallel.split_map(_squares, 0, minimum=0) == []
