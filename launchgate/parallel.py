"""Spread independent work over the machine's cores, for large repositories.

Workers are plain `os.fork()` children: they start at once with everything
already imported and loaded, run their share, and send back only its result,
pickled, through a pipe. No executor, no threads: a pool's result thread in
this process would take turns with the main thread for the GIL while it works
(measured: a 2,000-manifest check took a quarter longer). Where forking is not
safe (macOS, Windows) or the work is small, everything runs in this process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn, TypeVar

T = TypeVar("T")

# True while a split runs (here, and inherited by its workers): no splits within splits.
_splitting = False


def spare_cores() -> int:
    """Cores beyond this process's own, where forking is safe (Linux), at most three."""
    if not sys.platform.startswith("linux"):
        return 0
    return min(len(os.sched_getaffinity(0)), 4) - 1


def split_map(task: Callable[[int, int], list[T]], count: int, minimum: int) -> list[T]:
    """`task(start, stop)` over the items 0..count, concatenated in order.

    With `minimum` items or more and a spare core, the range is split between
    this process (the first share) and forked workers; the result is the same
    either way. A worker that fails in any way has its share run here again, so
    an error is raised here, with its traceback, as if there were no workers.
    """
    global _splitting
    workers = spare_cores() if count >= minimum and not _splitting else 0
    if workers <= 0:
        return task(0, count)
    share = -(-count // (workers + 1))  # ceiling
    _splitting = True
    children: list[_Worker] = []
    try:
        for start in range(share, count, share):
            children.append(_Worker.fork(task, start, min(start + share, count)))
        results = task(0, share)
        for child in children:
            results += child.result(task)
        return results
    finally:
        _splitting = False
        for child in children:
            child.close()


@dataclass
class _Worker:
    """A forked child running `task(start, stop)`; pid 0 when it could not be forked."""

    pid: int
    pipe: int  # the read end of the child's result, or -1
    start: int
    stop: int

    @classmethod
    def fork(cls, task: Callable[[int, int], list[T]], start: int, stop: int) -> _Worker:
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return cls(0, -1, start, stop)
        try:
            pid = os.fork()
        except OSError:  # no processes to be had here: the share runs in this process
            os.close(read_end)
            os.close(write_end)
            return cls(0, -1, start, stop)
        if pid == 0:
            _run_child(task, start, stop, read_end, write_end)  # never returns
        os.close(write_end)
        return cls(pid, read_end, start, stop)

    def result(self, task: Callable[[int, int], list[T]]) -> list[T]:
        """The child's result, or the share run here when the child gave none."""
        payload = b""
        if self.pipe >= 0:
            with os.fdopen(self.pipe, "rb") as pipe:
                self.pipe = -1
                payload = pipe.read()
        if self.pid and _exit_code(self._reap()) == 0 and payload:
            loaded: list[T] = pickle.loads(payload)
            return loaded
        return task(self.start, self.stop)

    def close(self) -> None:
        """Close the pipe, and end and reap a child still running (after an interrupt)."""
        if self.pipe >= 0:
            os.close(self.pipe)
            self.pipe = -1
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap()

    def _reap(self) -> int:
        pid, self.pid = self.pid, 0
        try:
            return os.waitpid(pid, 0)[1]
        except ChildProcessError:
            return -1


def _run_child(
    task: Callable[[int, int], list[T]], start: int, stop: int, read_end: int, write_end: int
) -> NoReturn:
    """In the forked child: run the share, send the result, and leave at once.

    `os._exit` skips atexit handlers and the flushing of buffers copied from
    the parent, which would otherwise print the parent's pending output twice.
    Any error, an interrupt included, is exit code 1 with nothing sent.
    """
    code = 1
    try:
        os.close(read_end)
        payload = pickle.dumps(task(start, stop), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        code = 0
    finally:
        os._exit(code)


def _exit_code(status: int) -> int:
    return os.waitstatus_to_exitcode(status) if status >= 0 else -1
