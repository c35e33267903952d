"""ruff and mypy run as part of the tests, so CI holds the line on style and types.

They start as soon as the tests are collected (`start_early`) and run beside them: mypy
without its cache takes as long as a fifth of the suite.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, Background, start

BIN = Path(sys.executable).parent
COMMANDS = {
    "ruff-check": ["ruff", "check", "."],
    "ruff-format": ["ruff", "format", "--check", "."],
    "mypy": ["mypy"],
}
_runs: dict[str, Background] = {}


def start_early() -> None:
    for name, command in COMMANDS.items():
        if (BIN / command[0]).exists():
            _runs[name] = start([str(BIN / command[0]), *command[1:]], ROOT)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_tool_is_clean(name: str) -> None:
    command = COMMANDS[name]
    executable = BIN / command[0]
    assert executable.exists(), f"{command[0]} is a dev dependency: pip install -e '.[dev]'"
    if name not in _runs:  # not started early
        _runs[name] = start([str(executable), *command[1:]], ROOT)
    result = _runs[name].result()
    assert result.returncode == 0, result.stdout + result.stderr
