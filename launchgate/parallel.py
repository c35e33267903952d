"""Spread independent work over the machine's cores, for large repositories.

Forked workers start at once with everything already imported and loaded,
so only the results cross back (pickled). Where forking is not safe (macOS,
Windows) or the work is small, everything runs in this process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# The work a forked worker runs: set just before the workers fork, so they inherit it.
_TASK: Callable[[int, int], list[Any]] | None = None


def spare_cores() -> int:
    """Cores beyond this process's own, where forking is safe (Linux), at most three."""
    if not sys.platform.startswith("linux"):
        return 0
    return min(len(os.sched_getaffinity(0)), 4) - 1


def split_map(task: Callable[[int, int], list[T]], count: int, minimum: int) -> list[T]:
    """`task(start, stop)` over the items 0..count, concatenated in order.

    With `minimum` items or more and a spare core, the range is split between
    this process and forked workers; the result is the same either way.
    """
    global _TASK
    # Inside a split (here or in a worker) work stays where it is: no pools within pools.
    workers = spare_cores() if count >= minimum and _TASK is None else 0
    if workers <= 0:
        return task(0, count)
    import concurrent.futures
    import multiprocessing

    share = -(-count // (workers + 1))  # ceiling: this process takes the first share
    _TASK = task
    try:
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
            futures = [
                pool.submit(_run_task, start, min(start + share, count))
                for start in range(share, count, share)
            ]
            results = task(0, share)
            for future in futures:
                results += future.result()
        return results
    except (OSError, concurrent.futures.process.BrokenProcessPool):
        return task(0, count)  # no processes to be had here: do it alone
    finally:
        _TASK = None


def _run_task(start: int, stop: int) -> list[Any]:
    assert _TASK is not None, "workers are forked after the task is set"
    return _TASK(start, stop)
