"""One error model: every exception launchgate defines shares one root, so one handler speaks."""

from __future__ import annotations

import json
import subprocess
import sys

from launchgate.errors import ExitCode, LaunchgateError, Unusable
from tests.conftest import ROOT

# Run apart: importing every module here would change what later tests see imported.
_WALK = """
import importlib, inspect, json, pkgutil
import launchgate
from launchgate.errors import LaunchgateError
found = {}
for info in pkgutil.walk_packages(launchgate.__path__, "launchgate."):
    if info.name == "launchgate.__main__":  # runs the command line when imported
        continue
    module = importlib.import_module(info.name)
    for _, value in inspect.getmembers(module, inspect.isclass):
        if issubclass(value, BaseException) and value.__module__ == module.__name__:
            found[f"{value.__module__}.{value.__qualname__}"] = issubclass(value, LaunchgateError)
print(json.dumps(found))
"""


def test_every_exception_of_ours_is_a_launchgate_error() -> None:
    # cli.main turns a LaunchgateError into a message and an exit code; anything
    # else reaching it is reported as an internal error, never as the user's mistake.
    result = subprocess.run(
        [sys.executable, "-c", _WALK], capture_output=True, text=True, cwd=ROOT, check=True
    )
    found: dict[str, bool] = json.loads(result.stdout)
    assert found["launchgate.github.sticky.CommentAuthorMismatch"]  # the walk saw github/
    assert [name for name, rooted in found.items() if not rooted] == []


def test_a_launchgate_error_is_a_usage_exit_unless_it_says_otherwise() -> None:
    assert LaunchgateError.exit_code is ExitCode.USAGE


def test_what_cannot_be_had_is_a_value_with_its_reason() -> None:
    why = Unusable("flags.json does not exist")
    assert why == Unusable("flags.json does not exist") and why.message.endswith("exist")
