"""Two versions of launchgate on the same repository, run by run: same output? how much slower?

    git worktree add /tmp/lg-base <commit>
    python benchmarks/generate.py /tmp/bench --n 2000
    python benchmarks/ab.py /tmp/lg-base . --repo /tmp/bench [--rounds 11] [--format json]
        [--release VERSION] [--drop-key subject]

For a change that must not change behaviour (a refactor) or must not cost speed.
Each round runs `launchgate check REPO --format FORMAT --today 2026-11-23` once
with each tree's code (PYTHONPATH, from a neutral folder so neither tree is on
the path by accident), in alternating order, so the machine's noise falls on
both alike. It prints the median CPU (user + system, the process and its
workers) and wall time of each, the ratio of the medians and each round's, and
whether the two reports are byte-identical. `--drop-key` removes a key the new
version adds to every JSON finding (one line each) before comparing, so a
deliberate addition does not hide a change anywhere else.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(tree: Path, command: list[str], folder: str) -> tuple[float, float, bytes]:
    """One check with TREE's code: CPU seconds, wall seconds and the report."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree)
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, env=env, stdout=out, cwd=folder)
        _, _, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        return usage.ru_utime + usage.ru_stime, wall, out.read()


def without_key(report: bytes, key: str) -> bytes:
    """The JSON report with `"KEY": {...}` taken off the end of each finding's line."""
    pattern = re.compile(rb', "' + re.escape(key.encode()) + rb'": \{[^{}\n]*\}(?=\}(,?)$)', re.M)
    return pattern.sub(b"", report)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("base", type=Path, help="the tree of the version before")
    parser.add_argument("new", type=Path, help="the tree of the version after")
    parser.add_argument("--repo", required=True, help="the repository to check")
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--format", default="json")
    parser.add_argument("--release", help="check this release too (--release VERSION)")
    parser.add_argument("--drop-key", help="a key the new version adds to each JSON finding")
    args = parser.parse_args()
    command = [sys.executable, "-m", "launchgate", "check", str(Path(args.repo).resolve())]
    command += ["--format", args.format, "--today", "2026-11-23"]
    command += ["--release", args.release] if args.release else []
    trees = {"base": args.base.resolve(), "new": args.new.resolve()}
    cpu: dict[str, list[float]] = {name: [] for name in trees}
    wall: dict[str, list[float]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as folder:
        reports = {name: run(tree, command, folder)[2] for name, tree in trees.items()}  # warm
        for round_ in range(args.rounds):
            order = list(trees.items()) if round_ % 2 == 0 else list(reversed(trees.items()))
            for name, tree in order:
                seconds, elapsed, _ = run(tree, command, folder)
                cpu[name].append(seconds)
                wall[name].append(elapsed)
    for name in trees:
        print(
            f"{name}: CPU median {statistics.median(cpu[name]):.3f} s, "
            f"wall median {statistics.median(wall[name]):.3f} s"
        )
    for label, times in (("CPU", cpu), ("wall", wall)):
        ratio = statistics.median(times["new"]) / statistics.median(times["base"])
        rounds = " ".join(f"{n / b:.2f}" for n, b in zip(times["new"], times["base"], strict=True))
        print(f"new/base {label}: {ratio:.3f} (per round {rounds})")
    new = reports["new"]
    if args.drop_key:
        new = without_key(new, args.drop_key)
    same = new == reports["base"]
    print(f"reports byte-identical{' without ' + args.drop_key if args.drop_key else ''}: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
