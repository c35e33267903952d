"""The benchmark (benchmarks/run.py) runs in every test run, small, as a printout.

At N = 50 start-up dominates every tool, so the ratios say nothing about the
targets and nothing here asserts a time: the test keeps the script working
(its honesty checks included) and prints its table into the test log. The
figures in the README come from `python benchmarks/run.py --n 2000 --repeat 5`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, Background, early_folder, start

_run: list[tuple[Background, Path]] = []


def start_early() -> None:
    """The benchmark is other processes only: it runs beside the other tests."""
    out = early_folder("benchmark")
    command = [sys.executable, str(ROOT / "benchmarks/run.py"), "--n", "50", "--repeat", "1"]
    _run.append((start([*command, "--out", str(out)], ROOT), out))


def test_benchmark_runs_and_prints_its_table(capsys: pytest.CaptureFixture[str]) -> None:
    if not _run:  # not started early
        start_early()
    started, out = _run[0]
    result = started.result()
    assert result.returncode == 0, result.stdout + result.stderr
    table = result.stdout
    assert "## launchgate benchmark: N=50 manifests" in table
    assert "| tool | median s | min s | max s | median CPU s | median peak RSS MB |" in table
    for tool in ("launchgate", "check-jsonschema", "floor", "version", "pass"):
        assert f"\n| {tool} | " in table, tool
    assert "| launchgate / check-jsonschema |" in table
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert results["n"] == 50
    assert (
        results["sanity"]["launchgate_manifest_invalid"] == results["sanity"]["broken_on_purpose"]
    )
    with capsys.disabled():
        print(f"\n{table}")


def test_the_ab_comparison_drops_only_the_key_it_is_told_to() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import ab
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    new = (
        b'  "findings": [\n'
        b'    {"rule": "a", "message": "x {y}", "subject": {"launch": "l", "channel": "c"}},\n'
        b'    {"rule": "b", "message": "z", "subject": {}}\n'
        b"  ]\n"
    )
    base = (
        b'  "findings": [\n'
        b'    {"rule": "a", "message": "x {y}"},\n'
        b'    {"rule": "b", "message": "z"}\n'
        b"  ]\n"
    )
    assert ab.without_key(new, "subject") == base
    assert ab.without_key(new, "other") == new
