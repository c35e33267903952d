"""Time `launchgate check` against check-jsonschema and a YAML-composing floor, side by side.

    python benchmarks/run.py [--n 2000] [--repeat 5] [--out benchmarks/out] [--seed 0] [--scaling]

What it does, in one run:

1. Generates a repository of N launches (`benchmarks/generate.py`) in OUT/repo-N, once,
   and writes the manifest schema that `launchgate schema` prints to OUT/manifest.schema.json.
2. Checks that the comparison is honest before timing anything: check-jsonschema must read
   every manifest and reject exactly the few that the generator misspelt a key in on purpose,
   and launchgate must report `manifest-invalid` for exactly those files too. A validator that
   rejected every file (or none) would be fast for the wrong reason, so the run stops.
3. Runs each tool once untimed (warm page cache, compiled bytecode: PYTHONDONTWRITEBYTECODE
   is unset for the tools, so the warm-up writes the .pyc files a user's machine would have;
   with it set, every run recompiled launchgate's edited modules), then `--repeat` rounds.
   Each round runs every tool once, as a separate process, in an order that rotates from round
   to round, so machine noise falls on all of them alike:

   - launchgate:       `launchgate check REPO --format json --today 2026-11-23`
                       (exit 1 is expected: the generated launches have findings)
   - check-jsonschema: `check-jsonschema --schemafile SCHEMA <every manifest>` (exit 1: the
                       misspelt ones)
   - floor:            `python -c ...` that finds the manifests (the same glob as launchgate's
                       config) and, for each, reads the file and `yaml.compose(text,
                       Loader=yaml.CSafeLoader)`: parsing with libyaml and nothing else, the
                       least any YAML-reading checker must do
   - version:          `launchgate --version`
   - pass:             `python -c pass`, the interpreter's own start-up

   launchgate and check-jsonschema are taken from the directory of `sys.executable` (so the
   script works in any venv); the floor and `pass` run on the interpreter named in
   launchgate's `#!` line, the one launchgate itself runs on.
4. Prints a Markdown table (median, min, max wall seconds; median CPU seconds; median peak
   RSS) and the ratios with their targets, and writes the same to OUT/results.json.

Choices, and why:

- check-jsonschema options: none beyond `--schemafile`. Its YAML loader (ruamel, YAML 1.2)
  already loads timestamps as strings (check_jsonschema/parsers/yaml.py maps the timestamp tag
  to the str constructor), so `due: 2026-11-25` meets `{"type": "string", "format": "date"}`
  as the schema means; no `--default-filetype` is needed (the files end in .yaml), and format
  checks stay on (`--disable-formats` would make it do less work than launchgate, which parses
  every date). The generator quotes versions ("4.2.0") and other text YAML 1.2 would type, as
  the README's examples do, so every well-formed manifest is valid for both tools; step 2
  verifies exactly that.
- Wall time is measured around `subprocess.Popen` ... `os.wait4`; peak memory is `ru_maxrss`
  from that `wait4` (KiB on Linux), the child's own. On Linux it is the maximum over the
  child and the descendants it waited for, not their sum: launchgate forks worker processes
  for large repositories, whose pages are mostly shared with the parent (copy-on-write).
  So that the sum is not hidden, one more untimed launchgate run samples the whole process
  tree's proportional set size (PSS, which splits shared pages fairly) every 10 ms and
  reports its peak next to the table (informational: sampling can miss a short peak).
- CPU time (user + system, from the same rusage, workers included) is reported beside wall
  time: launchgate may use more than one core, the floor uses one.
- Ratios are ratios of medians; each also shows the range of the per-round ratios (the tools
  ran back to back in a round, so a round's ratio shares its noise).
- `--scaling` times `launchgate check` at N/4, N/2 and N (interleaved the same way) and prints
  milliseconds per launch: flat means linear. Whole-run time is dominated by per-launch work, so
  it also times the cross-launch rules (the ones that see every launch at once) in this
  process, on the realistic repository and on a worst case where every launch shares one day.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import Generated, generate  # a sibling script, not a package

TODAY = "2026-11-23"
BIN = Path(sys.executable).parent
LAUNCHGATE = BIN / "launchgate"
CHECK_JSONSCHEMA = BIN / "check-jsonschema"

# The floor: find the manifests as launchgate's config says, then read and compose each.
FLOOR = """\
import sys
from pathlib import Path
import yaml
root = Path(sys.argv[1])
for path in sorted(p for p in root.glob("launches/**/*.yaml") if p.is_file()):
    yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""

# name -> (target, what the target limits)
TARGETS: dict[str, tuple[float, str]] = {
    "launchgate / check-jsonschema": (0.05, "ratio of median wall times, at most"),
    "launchgate / floor": (1.5, "ratio of median wall times, at most"),
    "launchgate peak RSS (MB)": (200.0, "median ru_maxrss, at most"),
    "--version - pass (ms)": (150.0, "difference of median wall times, at most"),
}


@dataclasses.dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds, reaped descendants included
    rss_kib: int  # ru_maxrss
    code: int


@dataclasses.dataclass(frozen=True)
class Tool:
    name: str
    command: list[str]
    ok_codes: frozenset[int]


class BenchmarkError(Exception):
    pass


def interpreter_of(script: Path) -> str:
    """The Python a console script runs on (its `#!` line), else this one."""
    try:
        with script.open("rb") as handle:
            first = handle.readline().decode("utf-8", "replace").strip()
    except OSError:
        return sys.executable
    if first.startswith("#!"):
        parts = first[2:].split()
        if len(parts) == 1 and "python" in Path(parts[0]).name and Path(parts[0]).exists():
            return parts[0]
    return sys.executable


def run_once(tool: Tool, *, stdout: int | None = subprocess.DEVNULL) -> Sample:
    """One run of `tool` as a child process: wall time, and the child's own rusage."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(tool.command, stdout=stdout, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        process.returncode = code  # reaped here: Popen must not wait for it again
        if code not in tool.ok_codes:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace")[-2000:]
            raise BenchmarkError(f"{tool.name} exited with {code}:\n{tail}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code)


def round_robin(
    tools: Sequence[Tool], repeat: int, log: Callable[[str], None]
) -> dict[str, list[Sample]]:
    """One untimed warm-up run of each tool, then `repeat` rounds in a rotating order."""
    for tool in tools:
        run_once(tool)
    samples: dict[str, list[Sample]] = {tool.name: [] for tool in tools}
    for round_ in range(repeat):
        order = [tools[(round_ + i) % len(tools)] for i in range(len(tools))]
        for tool in order:
            samples[tool.name].append(run_once(tool))
        shown = ", ".join(f"{t.name} {samples[t.name][-1].wall:.3f}s" for t in tools)
        log(f"round {round_ + 1}/{repeat}: {shown}")
    return samples


# --- honesty checks -------------------------------------------------------------------------


def check_validators(made: Generated, schema: Path, python: str) -> dict[str, Any]:
    """Both tools must read every manifest and reject exactly the broken ones."""
    expected = sorted(path.resolve() for path in made.broken)
    cj = subprocess.run(
        [str(CHECK_JSONSCHEMA), "-o", "json", "--schemafile", str(schema)]
        + [str(path) for path in made.manifests],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(cj.stdout)
    except ValueError:
        raise BenchmarkError(
            f"check-jsonschema gave no JSON report:\n{cj.stderr[-2000:]}"
        ) from None
    if report.get("parse_errors"):
        raise BenchmarkError(f"check-jsonschema could not parse: {report['parse_errors'][:3]}")
    rejected = sorted({Path(error["filename"]).resolve() for error in report.get("errors", [])})
    if rejected != expected:
        extra = [str(p) for p in rejected if p not in expected][:5]
        missed = [str(p) for p in expected if p not in rejected][:5]
        sample = report.get("errors", [])[:3]
        raise BenchmarkError(
            f"check-jsonschema rejected {len(rejected)} manifests, expected {len(expected)} "
            f"(unexpected: {extra}, missed: {missed}); first errors: {sample}"
        )

    lg = subprocess.run(
        [str(LAUNCHGATE), "check", str(made.root), "--format", "json", "--today", TODAY],
        capture_output=True,
        text=True,
        check=False,
    )
    if lg.returncode not in (0, 1):
        raise BenchmarkError(f"launchgate check exited with {lg.returncode}:\n{lg.stderr[-2000:]}")
    findings = json.loads(lg.stdout)
    invalid = sorted(
        {
            (made.root / f["file"]).resolve()
            for f in findings["findings"]
            if f["rule"] == "manifest-invalid"
        }
    )
    if invalid != expected:
        raise BenchmarkError(
            f"launchgate found {len(invalid)} invalid manifests, expected {len(expected)}: "
            f"{[str(p) for p in invalid if p not in expected][:5]}"
        )
    launches = findings["summary"]["launches"]
    # A misspelt key is left out and the rest of its launch still checked (launchgate.salvage).
    if launches != len(made.manifests):
        raise BenchmarkError(f"launchgate checked {launches} launches of {len(made.manifests)}")

    floor = subprocess.run([python, "-c", FLOOR, str(made.root)], capture_output=True, check=False)
    if floor.returncode != 0:
        raise BenchmarkError(f"the floor failed:\n{floor.stderr.decode()[-2000:]}")
    by_rule: dict[str, int] = {}
    for finding in findings["findings"]:
        by_rule[finding["rule"]] = by_rule.get(finding["rule"], 0) + 1
    return {
        "manifests": len(made.manifests),
        "broken_on_purpose": len(expected),
        "check_jsonschema_rejected": len(rejected),
        "launchgate_manifest_invalid": len(invalid),
        "launchgate_launches": launches,
        "launchgate_summary": findings["summary"],
        "launchgate_findings_by_rule": dict(sorted(by_rule.items(), key=lambda kv: -kv[1])),
    }


# --- memory of the whole process tree -------------------------------------------------------


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    stack = [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack += [int(child) for child in handle.read().split()]
    return found


def _pss_kib(pid: int) -> int:
    with contextlib.suppress(OSError), open(f"/proc/{pid}/smaps_rollup") as handle:
        for line in handle:
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


def tree_peak_pss(tool: Tool, interval: float = 0.01) -> float | None:
    """Peak summed PSS (MB) of `tool`'s process tree, sampled; None where /proc cannot say."""
    if not Path("/proc/self/smaps_rollup").exists():
        return None
    process = subprocess.Popen(tool.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_pss_kib(pid) for pid in _descendants(process.pid)))
            time.sleep(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    process.wait()
    done.set()
    sampler.join()
    return peak / 1024 if peak else None


# --- reporting ------------------------------------------------------------------------------


def summarise(samples: list[Sample]) -> dict[str, float]:
    walls = [s.wall for s in samples]
    return {
        "median_s": statistics.median(walls),
        "min_s": min(walls),
        "max_s": max(walls),
        "median_cpu_s": statistics.median(s.cpu for s in samples),
        "median_peak_rss_mb": statistics.median(s.rss_kib for s in samples) / 1024,
    }


def ratios(samples: dict[str, list[Sample]]) -> dict[str, dict[str, Any]]:
    med = {name: statistics.median(s.wall for s in runs) for name, runs in samples.items()}

    def per_round(a: str, b: str, combine: Callable[[float, float], float]) -> list[float]:
        return [combine(x.wall, y.wall) for x, y in zip(samples[a], samples[b], strict=True)]

    rss = [s.rss_kib / 1024 for s in samples["launchgate"]]
    values: dict[str, tuple[float, list[float]]] = {
        "launchgate / check-jsonschema": (
            med["launchgate"] / med["check-jsonschema"],
            per_round("launchgate", "check-jsonschema", lambda a, b: a / b),
        ),
        "launchgate / floor": (
            med["launchgate"] / med["floor"],
            per_round("launchgate", "floor", lambda a, b: a / b),
        ),
        "launchgate peak RSS (MB)": (statistics.median(rss), rss),
        "--version - pass (ms)": (
            (med["version"] - med["pass"]) * 1000,
            per_round("version", "pass", lambda a, b: (a - b) * 1000),
        ),
    }
    out: dict[str, dict[str, Any]] = {}
    for name, (value, rounds) in values.items():
        target, meaning = TARGETS[name]
        out[name] = {
            "value": value,
            "rounds_min": min(rounds),
            "rounds_max": max(rounds),
            "target": target,
            "meaning": meaning,
            "pass": value <= target,
        }
    return out


def _fmt(value: float) -> str:
    return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"


def markdown(summary: dict[str, dict[str, float]], checks: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| tool | median s | min s | max s | median CPU s | median peak RSS MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in summary.items():
        lines.append(
            f"| {name} | {row['median_s']:.3f} | {row['min_s']:.3f} | {row['max_s']:.3f} "
            f"| {row['median_cpu_s']:.3f} | {row['median_peak_rss_mb']:.1f} |"
        )
    lines += [
        "",
        "| measure | value | per-round range | target | result |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for name, check in checks.items():
        lines.append(
            f"| {name} | {_fmt(check['value'])} | {_fmt(check['rounds_min'])} to "
            f"{_fmt(check['rounds_max'])} | ≤ {check['target']:g} "
            f"| {'PASS' if check['pass'] else 'MISS'} |"
        )
    return "\n".join(lines)


# --- scaling --------------------------------------------------------------------------------


def scaling(n: int, repeat: int, out: Path, seed: int, made: Generated) -> dict[str, Any]:
    """`launchgate check` at N/4, N/2 and N, interleaved; plus the cross-launch rules alone."""
    sizes = sorted({max(1, n // 4), max(1, n // 2), n})
    repos = {
        size: made if size == n else generate(out / f"repo-{size}", size, seed) for size in sizes
    }
    tools = [
        Tool(
            f"N={size}",
            [str(LAUNCHGATE), "check", str(repos[size].root), "--format", "json", "--today", TODAY],
            frozenset({0, 1}),
        )
        for size in sizes
    ]
    samples = round_robin(tools, repeat, lambda line: print(f"  scaling {line}", file=sys.stderr))
    whole: list[dict[str, Any]] = []
    previous: tuple[int, float] | None = None
    for size, tool in zip(sizes, tools, strict=True):
        median = statistics.median(s.wall for s in samples[tool.name])
        row: dict[str, Any] = {"n": size, "median_s": median, "ms_per_launch": median / size * 1e3}
        # What each launch beyond the previous size adds: start-up cancels out, so this
        # stays flat when the work is linear and grows with N when it is quadratic.
        if previous is not None and size > previous[0]:
            row["marginal_ms_per_launch"] = (median - previous[1]) / (size - previous[0]) * 1e3
        whole.append(row)
        previous = (size, median)
    try:
        rules = cross_launch_rules({size: repos[size].root for size in sizes}, repeat)
    except Exception as error:  # launchgate's internals moved: say so, keep the rest
        rules = {"error": f"{type(error).__name__}: {error}"}
    return {"whole_run": whole, "cross_launch_rules": rules}


def cross_launch_rules(roots: dict[int, Path], repeat: int) -> dict[str, Any]:
    """Time each rule that sees all launches at once (`check_across`), in this process.

    Uses launchgate's internals the way `launchgate.engine.check_loaded` does. Besides the
    generated repository it tries a worst case for date-conflict: every launch released
    and announced on one day.
    """
    from launchgate.config import load_config
    from launchgate.engine import channel_lookup
    from launchgate.models import Announce, Release
    from launchgate.repository import load_repository
    from launchgate.rules import ALL
    from launchgate.rules.base import Context
    from launchgate.workdays import Workdays

    today = dt.date.fromisoformat(TODAY)
    results: dict[str, Any] = {}
    for size, root in sorted(roots.items()):
        config, config_file = load_config(root)
        repo = load_repository(root, config, config_file)
        ctx = Context(
            config=config,
            today=today,
            workdays=Workdays(config.calendar.holidays),
            channels=channel_lookup(config),
            glossary=repo.glossary,
            sources=repo.sources,
        )
        one_day = dt.date(2027, 3, 3)
        crowded = [
            dataclasses.replace(
                launch,
                manifest=launch.manifest.model_copy(
                    update={
                        "release": Release(version="1.0.0", date=one_day),
                        "announce": Announce(date=one_day),
                    }
                ),
            )
            for launch in repo.launches
        ]
        for rule in ALL:
            if rule.check_across is None or rule.needs_github:
                continue
            check_across = rule.check_across
            for case, launches in (("generated", repo.launches), ("all on one day", crowded)):
                times = []
                for _ in range(repeat):
                    start = time.perf_counter()
                    found = sum(1 for _ in check_across(launches, ctx))
                    times.append(time.perf_counter() - start)
                median = statistics.median(times)
                results.setdefault(f"{rule.name} ({case})", []).append(
                    {
                        "n": size,
                        "launches": len(launches),
                        "findings": found,
                        "median_ms": median * 1000,
                        "us_per_launch": median / max(1, len(launches)) * 1e6,
                    }
                )
    return results


def print_scaling(result: dict[str, Any]) -> None:
    print("\n### Scaling: `launchgate check`, whole run\n")
    print("| N | median s | ms per launch | ms per added launch (from the size above) |")
    print("| ---: | ---: | ---: | ---: |")
    for row in result["whole_run"]:
        marginal = row.get("marginal_ms_per_launch")
        shown = f"{marginal:.3f}" if marginal is not None else "-"
        print(f"| {row['n']} | {row['median_s']:.3f} | {row['ms_per_launch']:.3f} | {shown} |")
    rules = result["cross_launch_rules"]
    if "error" in rules:
        print(f"\n(cross-launch rules not timed: {rules['error']})")
        return
    print("\n### Scaling: cross-launch rules alone (in process)\n")
    print("| rule (case) | N | findings | median ms | µs per launch |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, rows in rules.items():
        for row in rows:
            print(
                f"| {name} | {row['n']} | {row['findings']} | {row['median_ms']:.2f} "
                f"| {row['us_per_launch']:.2f} |"
            )


# --- main -----------------------------------------------------------------------------------


@contextlib.contextmanager
def timed(what: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    print(f"{what}: {time.perf_counter() - start:.1f}s", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=2000, help="launches to generate (default 2000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds (default 5)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scaling", action="store_true", help="also time N/4, N/2 and N")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.n < 1:
        parser.error("--n and --repeat must be at least 1")
    for executable in (LAUNCHGATE, CHECK_JSONSCHEMA):
        if not executable.exists():
            parser.error(f"{executable} is missing: pip install -e '.[dev]' in this venv")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # every tool runs with compiled bytecode

    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    python = interpreter_of(LAUNCHGATE)
    with timed(f"generated {args.n} launches"):
        made = generate(out / f"repo-{args.n}", args.n, args.seed)
    schema = out / "manifest.schema.json"
    with schema.open("wb") as handle:
        subprocess.run([str(LAUNCHGATE), "schema"], stdout=handle, check=True)

    try:
        with timed("checked that both validators agree on the broken manifests"):
            sanity = check_validators(made, schema, python)
        tools = [
            Tool(
                "launchgate",
                [str(LAUNCHGATE), "check", str(made.root), "--format", "json", "--today", TODAY],
                frozenset({0, 1}),
            ),
            Tool(
                "check-jsonschema",
                [str(CHECK_JSONSCHEMA), "--schemafile", str(schema)]
                + [str(path) for path in made.manifests],
                frozenset({0, 1}),
            ),
            Tool("floor", [python, "-c", FLOOR, str(made.root)], frozenset({0})),
            Tool("version", [str(LAUNCHGATE), "--version"], frozenset({0})),
            Tool("pass", [python, "-c", "pass"], frozenset({0})),
        ]
        with timed(f"{args.repeat} rounds"):
            samples = round_robin(tools, args.repeat, lambda line: print(line, file=sys.stderr))
        tree_pss = tree_peak_pss(tools[0])
        scaled = scaling(args.n, args.repeat, out, args.seed, made) if args.scaling else None
    except BenchmarkError as error:
        print(f"benchmark stopped: {error}", file=sys.stderr)
        return 1

    summary = {name: summarise(runs) for name, runs in samples.items()}
    checks = ratios(samples)
    size_mb = sum(path.stat().st_size for path in made.manifests) / 1e6
    print(
        f"\n## launchgate benchmark: N={args.n} manifests ({size_mb:.1f} MB), "
        f"{args.repeat} rounds, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}\n"
    )
    print(markdown(summary, checks))
    print(
        "\nPeak RSS is each run's ru_maxrss from wait4: the largest of the process and the "
        "workers it forked, not their sum."
    )
    if tree_pss is not None:
        print(f"launchgate process tree (workers included), peak summed PSS: {tree_pss:.1f} MB")
    print(
        f"\nChecked first: check-jsonschema rejected {sanity['check_jsonschema_rejected']} and "
        f"launchgate reported manifest-invalid for {sanity['launchgate_manifest_invalid']} of "
        f"{sanity['manifests']} manifests, the {sanity['broken_on_purpose']} broken on purpose."
    )
    if scaled is not None:
        print_scaling(scaled)

    result = {
        "n": args.n,
        "repeat": args.repeat,
        "seed": args.seed,
        "cpus": os.cpu_count(),
        "python": python,
        "manifest_mb": size_mb,
        "commands": {tool.name: _shorten(tool.command) for tool in tools},
        "samples": {name: [dataclasses.asdict(s) for s in runs] for name, runs in samples.items()},
        "summary": summary,
        "checks": checks,
        "launchgate_tree_peak_pss_mb": tree_pss,
        "sanity": sanity,
        "scaling": scaled,
    }
    (out / "results.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {out / 'results.json'}", file=sys.stderr)
    return 0


def _shorten(command: list[str]) -> list[str]:
    """A command for the record: the manifest list as a count, not 2,000 paths."""
    if len(command) <= 8:
        return command
    return [*command[:4], f"... {len(command) - 4} more arguments"]


if __name__ == "__main__":
    raise SystemExit(main())
