"""Reporters: pure functions from a Report to text, by format name."""

from __future__ import annotations

from collections.abc import Callable

from launchgate.findings import Report
from launchgate.reporters import github, json_report, markdown, sarif, text

Reporter = Callable[[Report, bool], str]  # (report, colour) -> text

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "markdown": markdown.render,
    "github": github.render,
    "sarif": sarif.render,
}
