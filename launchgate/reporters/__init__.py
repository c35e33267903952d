"""Reporters: pure functions from a Report to text, by format name."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from launchgate.findings import Report

Reporter = Callable[[Report, bool], str]  # (report, colour) -> text

# Format -> the module whose `render` writes it; imported only when that format is asked for
# (a check runs once per process, and pays for the one reporter it uses).
MODULES: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "markdown": "markdown",
    "github": "github",
    "sarif": "sarif",
}


def reporter(name: str) -> Reporter:
    """The render function of a format named in MODULES."""
    render: Reporter = importlib.import_module(f"launchgate.reporters.{MODULES[name]}").render
    return render
