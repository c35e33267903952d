"""Debian's chromium, started by Playwright: for the board's tests and its benchmarks.

Playwright's own browser download does not exist here, so it drives the system browser
through `executable_path` (LAUNCHGATE_CHROMIUM, default /usr/bin/chromium).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = Path(os.environ.get("LAUNCHGATE_CHROMIUM", "/usr/bin/chromium"))
# The network here is closed: without these, chromium's own background connections
# (updates, sync, Google's hosts) fail many at a time at every start. --headless comes
# from Playwright.
FLAGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_flags() -> list[str]:
    """FLAGS, and --no-sandbox as root (chromium refuses to start sandboxed as root)."""
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    return [*FLAGS, "--no-sandbox"] if root else list(FLAGS)


def why_no_browser() -> str | None:
    """Why the browser cannot start here, in a sentence with the fix, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -c constraints.txt -e '.[dev]')"
    if not CHROMIUM.is_file():
        return (
            f"no chromium at {CHROMIUM} (apt-get install chromium, or set LAUNCHGATE_CHROMIUM "
            "to another Chromium)"
        )
    return None


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """A headless chromium for the length of the `with` block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=chromium_flags())
        try:
            yield browser
        finally:
            browser.close()
