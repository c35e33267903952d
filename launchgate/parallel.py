"""Spread independent work over the machine's cores, for large repositories.

Workers are plain `os.fork()` children: they start at once with everything
already imported and loaded, and send back only their results, pickled,
through a pipe. No executor, no threads: a pool's result thread in this
process would take turns with the main thread for the GIL while it works
(measured: a 2,000-manifest check took a quarter longer).

The work is cut into chunks that every process, this one included, takes one
at a time from a shared pipe until none are left. A process that runs slower
(a busy core, a heavier chunk) takes fewer, so all finish close together. A
worker sends each chunk's results as soon as it has them, and this process
reads them between its own chunks: at the end only the last chunk is left to
wait for. Where forking is not safe (macOS, Windows) or the work is small,
everything runs in this process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, NoReturn, TypeVar

T = TypeVar("T")

# True while a split runs (here, and inherited by its workers): no splits within splits.
_splitting = False

CHUNKS_PER_PROCESS = 16  # enough to even out, few enough that each chunk's overhead is noise
_MAX_CHUNKS = 255  # a chunk's number is one byte in the queue
_PIPE_SIZE = 1 << 20  # Linux's default limit for a pipe's buffer


def spare_cores() -> int:
    """Cores beyond this process's own, where forking is safe (Linux), at most three."""
    if not sys.platform.startswith("linux"):
        return 0
    return min(len(os.sched_getaffinity(0)), 4) - 1


def split_map(task: Callable[[int, int], list[T]], count: int, minimum: int) -> list[T]:
    """`task(start, stop)` over the items 0..count, concatenated in order.

    With `minimum` items or more and a spare core, chunks of the range run in
    this process and in forked workers; the result is the same either way. A
    chunk a worker did not send back (it failed in any way) runs here again, so
    an error is raised here, with its traceback, as if there were no workers.
    """
    global _splitting
    workers = spare_cores() if count >= minimum and count > 0 and not _splitting else 0
    if workers <= 0:
        return task(0, count)
    number = min(_MAX_CHUNKS, (workers + 1) * CHUNKS_PER_PROCESS, count)
    size = -(-count // number)  # ceiling
    chunks = [(start, min(start + size, count)) for start in range(0, count, size)]
    _splitting = True
    children: list[_Worker] = []
    queue = -1
    try:
        # An interrupt (Ctrl-C reaches every process of the group) waits until the queue
        # and every worker are in the lists the `finally` cleans up: it cannot leave a pipe
        # open or a child unreaped, nor raise in a child before it has set up to leave.
        with _signals_held() as mask:
            with contextlib.suppress(OSError):  # no pipe to be had (out of descriptors)
                queue = _chunk_queue(len(chunks))
            work = _Work(task, chunks, queue)
            if queue >= 0:
                for _ in range(workers):
                    children.append(_Worker.fork(work, mask))
        if queue < 0:
            return task(0, count)  # alone, as when forking fails
        done: dict[int, list[T]] = {}
        for index, result in _take_chunks(work):
            done[index] = result
            for child in children:
                done.update(child.receive(wait=False))
        for child in children:
            done.update(child.receive(wait=True))
        results: list[T] = []
        for index, (start, stop) in enumerate(chunks):
            results += done[index] if index in done else task(start, stop)
        return results
    finally:
        _splitting = False
        if queue >= 0:
            os.close(queue)
        for child in children:
            child.close()


@contextlib.contextmanager
def _signals_held() -> Iterator[Iterable[int]]:
    """Signals held back from this thread for the block; yields the mask to restore.

    The mask is read before anything is held, so that a signal whose handler runs
    between the two calls leaves nothing held.
    """
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, ())
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
        yield mask
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _chunk_queue(count: int) -> int:
    """A pipe holding the chunk numbers 0..count-1, a byte each; its read end.

    Every process reads one byte at a time: a read from a pipe is atomic, so
    each chunk goes to exactly one process, and an empty pipe (its write end
    closed) says the work is all taken.
    """
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, bytes(range(count)))  # under PIPE_BUF: written whole
    finally:
        os.close(write_end)
    return read_end


@dataclass(frozen=True)
class _Work(Generic[T]):
    """What every process shares: the task, its chunks, and the queue handing them out."""

    task: Callable[[int, int], list[T]]
    chunks: list[tuple[int, int]]
    queue: int  # the read end of `_chunk_queue`'s pipe


def _take_chunks(work: _Work[T]) -> Iterator[tuple[int, list[T]]]:
    """Run chunks taken from the queue until it is empty: (chunk number, its results)."""
    while taken := os.read(work.queue, 1):
        index = taken[0]
        yield index, work.task(*work.chunks[index])


@dataclass
class _Worker:
    """A forked child taking chunks from the queue; pid 0 when it could not be forked.

    It sends each chunk as a frame: 8 bytes of length, then the pickled
    (chunk number, results).
    """

    pid: int
    pipe: int  # the read end of the child's results, or -1
    received: bytearray = field(default_factory=bytearray)

    @classmethod
    def fork(cls, work: _Work[T], mask: Iterable[int]) -> _Worker:
        """With signals held (`_signals_held`); the child sets `mask` once it is ready."""
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return cls(0, -1)
        with contextlib.suppress(ImportError, OSError, AttributeError):
            import fcntl  # Linux, where workers run: room in the pipe for several chunks

            fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
        try:
            pid = os.fork()
        except OSError:  # no processes to be had here: this process takes every chunk
            os.close(read_end)
            os.close(write_end)
            return cls(0, -1)
        if pid == 0:
            _run_child(work, read_end, write_end, mask)  # never returns
        os.close(write_end)
        os.set_blocking(read_end, False)
        return cls(pid, read_end)

    def receive(self, wait: bool) -> dict[int, list[Any]]:
        """The chunks the child has sent so far; with `wait`, all it will send (it is done).

        A frame cut short (the child died while sending it) is dropped: that chunk,
        like any the child took and did not send, is run again by the caller.
        """
        if self.pipe < 0:
            return {}
        if wait:
            os.set_blocking(self.pipe, True)
        while True:
            try:
                data = os.read(self.pipe, _PIPE_SIZE)
            except BlockingIOError:
                break  # nothing more for now
            if not data:  # the child closed its end: it is done, or gone
                self._close_pipe()
                self._reap()
                break
            self.received += data
        return self._frames()

    def _frames(self) -> dict[int, list[Any]]:
        """Unpickle the complete frames received, and keep what is left of a partial one."""
        done: dict[int, list[Any]] = {}
        start, buffer = 0, self.received
        with memoryview(buffer) as view:
            while len(view) - start >= 8:
                size = int.from_bytes(view[start : start + 8], "little")
                if len(view) - start - 8 < size:
                    break
                index, result = pickle.loads(view[start + 8 : start + 8 + size])
                done[index] = result
                start += 8 + size
        del buffer[:start]
        return done

    def close(self) -> None:
        """Close the pipe, and end and reap a child still running (after an interrupt)."""
        self._close_pipe()
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap()

    # Each of these forgets its descriptor or child exactly when it is gone, so that after
    # an interrupt at any point, `close` neither closes a descriptor twice (by then it may
    # be another file's) nor leaves a child unreaped.

    def _close_pipe(self) -> None:
        pipe, self.pipe = self.pipe, -1
        if pipe >= 0:
            os.close(pipe)

    def _reap(self) -> None:
        if self.pid:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = 0


def _run_child(work: _Work[T], read_end: int, write_end: int, mask: Iterable[int]) -> NoReturn:
    """In the forked child: take chunks, send each one's results, and leave at once.

    `os._exit` skips atexit handlers and the flushing of buffers copied from
    the parent, which would otherwise print the parent's pending output twice.
    Any error, an interrupt included, ends the child: the chunk it was running
    is run again by the parent. Signals are held until this `try` has begun.
    """
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(read_end)
        with os.fdopen(write_end, "wb") as pipe:
            for index, result in _take_chunks(work):
                frame = pickle.dumps((index, result), pickle.HIGHEST_PROTOCOL)
                pipe.write(len(frame).to_bytes(8, "little"))
                pipe.write(frame)
                pipe.flush()  # now, so this process can read it between its own chunks
    finally:
        os._exit(0)
