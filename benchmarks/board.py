"""The launch board against the check alone, on the same repository: how much does the site cost?

    python benchmarks/board.py [--n 2000] [--rounds 5] [--out benchmarks/out/board]

Generates N launches (benchmarks/generate.py, seed 0), then each round runs, in
alternating order so the machine's noise falls on both alike:

    launchgate check REPO --format json --today 2026-11-23
    launchgate board REPO --output SITE --today 2026-11-23

and prints the median wall and CPU (user + system, children included) time of
each and the ratio of the medians. The issue's bar: the board, its check
included, at most 2x the check alone.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402  # beside this script, not a package

TODAY = "2026-11-23"


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run (CPU: the process and the workers it forked)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=2000, help="launches (default 2000)")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds (default 5)")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "board")
    args = parser.parse_args(argv)

    repo, site = args.out / "repo", args.out / "site"
    generate(repo, args.n)
    launchgate = [sys.executable, "-m", "launchgate"]
    commands = {
        "check": [*launchgate, "check", str(repo), "--format", "json", "--today", TODAY],
        "board": [*launchgate, "board", str(repo), "--output", "SITE", "--today", TODAY],
    }
    os.environ.setdefault("PYTHONPATH", str(HERE.parent))
    timed(commands["check"])  # warm the file cache and the holiday cache
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    shutil.rmtree(site, ignore_errors=True)
    for round_ in range(args.rounds):
        order = list(commands) if round_ % 2 == 0 else list(reversed(commands))
        for name in order:
            # Each board into a folder of its own, as CI builds it: deleting the last one
            # just before would leave the file system busy with that during the run.
            output = str(site / f"round-{round_}")
            runs[name].append(timed([output if a == "SITE" else a for a in commands[name]]))
    shutil.rmtree(site, ignore_errors=True)
    medians = {
        name: (statistics.median(w for w, _ in done), statistics.median(c for _, c in done))
        for name, done in runs.items()
    }
    for name, (wall, cpu) in medians.items():
        print(f"{name:<6} median wall {wall:6.2f} s   CPU {cpu:6.2f} s   ({args.rounds} rounds)")
    ratio = medians["board"][0] / medians["check"][0]
    print(f"board / check (wall): {ratio:.2f}x   (bar: 2x)   {args.n} launches")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
