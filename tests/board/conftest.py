"""The board in a real browser: Debian's chromium, driven by Playwright for Python.

One browser for the tests of this folder (starting it costs half a second); each test
gets a fresh page (`page`) in a fresh context whose every request that is not a local
file is blocked and recorded, and whose console errors, uncaught page errors and dialogs
are recorded too: a test fails at teardown when any happened. The sites are built once
per session with `launchgate board`: from examples/ (`examples_site`) and from examples/
with hostile text in its manifests (`hostile_site`).

Without chromium or Playwright the tests skip with the reason; with
LAUNCHGATE_REQUIRE_BROWSER=1 (`.ci/run` sets it) they fail instead, so CI cannot pass
by skipping them.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.board.chromium import chromium, why_no_browser
from tests.conftest import EXAMPLES, TODAY, run_cli

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        ConsoleMessage,
        Dialog,
        Page,
        Request,
        Route,
        ViewportSize,
    )

REQUIRED = os.environ.get("LAUNCHGATE_REQUIRE_BROWSER") == "1"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}
# What a page may load: its own files. Anything else would leave the reader's machine.
LOCAL = ("file://", "data:", "blob:", "about:")


# Package scope: the browser (and Playwright's driver, a child process of this one) ends
# with the last test of tests/board/, before tests that count this process's children.
@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    reason = why_no_browser()
    if reason is not None:
        if REQUIRED:
            pytest.fail(f"LAUNCHGATE_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    with chromium() as started:
        yield started


@dataclass
class Watch:
    """What happened on a page that a reader would call broken or a leak."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> dict[str, list[str]]:
        return {name: found for name, found in vars(self).items() if found}


def watched_context(browser: Browser, **options: Any) -> tuple[BrowserContext, Watch]:
    """A new context whose pages are watched: requests that are not local are aborted
    and recorded, console errors, page errors and dialogs recorded (dialogs dismissed)."""
    context = browser.new_context(**options)
    # Every page is a local file: what has not appeared in 10 s will not (default: 30 s).
    context.set_default_timeout(10_000)
    watch = Watch()

    def on_request(request: Request) -> None:
        # A WebSocket does not pass through route(): the request log sees it.
        if not request.url.startswith(LOCAL) and request.url not in watch.outside_requests:
            watch.outside_requests.append(request.url)

    def guard(route: Route, request: Request) -> None:
        if request.url.startswith(LOCAL):
            route.continue_()
        else:
            on_request(request)
            route.abort()

    def on_dialog(dialog: Dialog) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watch.console_errors.append(message.text)

    def on_page(page: Page) -> None:
        page.on("console", on_console)
        page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
        page.on("dialog", on_dialog)

    context.route("**/*", guard)
    context.on("request", on_request)
    context.on("page", on_page)
    return context, watch


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A desktop-sized page; the test fails if the page logged an error, threw, opened a
    dialog or tried to load anything that is not a local file."""
    context, watch = watched_context(browser, viewport=DESKTOP)
    opened = context.new_page()
    yield opened
    context.close()
    assert not watch.problems(), watch.problems()


def build_board(source: Path, output: Path) -> Path:
    """`launchgate board SOURCE --output OUTPUT --today TODAY`; the site folder."""
    result = run_cli("board", str(source), "--output", str(output), "--today", TODAY)
    assert result.returncode == 0, result.stderr  # a report, not a gate: 0 once written
    assert (output / "index.html").is_file(), result.stdout + result.stderr
    return output


@pytest.fixture(scope="session")
def examples_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_board(EXAMPLES, tmp_path_factory.mktemp("examples-site"))


# Every way text has broken out of a page: markup, a script, an event handler, a
# `javascript:` link, a bidi override that turns the text around.
HOSTILE = (
    '<img src=x onerror=alert(1)><script>alert(2)</script></td></tr><b id="injected">'
    "bold</b> \"'><svg onload=alert(3)> \u202eevil\u202c"
)
HOSTILE_LINK = "javascript:alert(4)"
# An id is a file name on the board: this one would climb out of launches/.
HOSTILE_ID = "../index <b>x</b>?#"


def hostile_examples(into: Path) -> Path:
    """examples/, with HOSTILE as a launch's name, a feature's name, a metric's target, a
    copy text and a deliverable's name, HOSTILE_LINK as that deliverable's link, and
    HOSTILE_ID as the launch's id."""
    repo = Path(shutil.copytree(EXAMPLES, into))
    path = repo / "launches" / "team-insights.yaml"
    text = path.read_text(encoding="utf-8")
    quoted = json.dumps(HOSTILE)  # JSON's escapes are YAML's too
    for before, after in (
        ("name: Team Insights\n", f"name: {quoted}\n"),
        ("id: team-insights\n", f"id: {json.dumps(HOSTILE_ID)}\n"),
        ("name: Monday insights e-mail,", f"name: {quoted},"),
        ('target: "+3pp in December trials"', f"target: {quoted}"),
        ('text: "Team insights at a glance"', f"text: {quoted}"),
        (
            'owner: "@mia", due: 2026-12-07, status: draft}',
            f'owner: "@mia", due: 2026-12-07, status: draft, name: {quoted}, '
            f"link: {json.dumps(HOSTILE_LINK)}}}",
        ),
    ):
        assert before in text, before
        text = text.replace(before, after)
    path.write_text(text, encoding="utf-8")
    return repo


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = hostile_examples(tmp_path_factory.mktemp("hostile") / "repo")
    return build_board(repo, tmp_path_factory.mktemp("hostile-site"))


class Axe:
    """axe-core in a page of its own, for the session: `check(url)` lists the serious and
    critical violations on the page at `url`, in the light colour scheme and the dark one.

    axe is injected as a script, which the board's Content-Security-Policy forbids (it
    allows only the board's own script, by hash): so this context, and only this one,
    bypasses the CSP. The tests that judge the page itself run with the CSP on. Only the
    colours change with the scheme, so the dark run asks axe about contrast alone. One
    page for every check: axe's first run in a page costs more than the rest together.
    """

    def __init__(self, browser: Browser, viewport: ViewportSize = DESKTOP) -> None:
        self.context = browser.new_context(bypass_csp=True, viewport=viewport)
        self.context.add_init_script(path=str(AXE))  # before each page's own script
        self.page = self.context.new_page()

    def check(self, url: str) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        self.page.emulate_media(color_scheme="light")
        self.page.goto(url)
        for scheme, options in (
            ("light", "{resultTypes: ['violations']}"),
            ("dark", "{resultTypes: ['violations'], runOnly: ['color-contrast']}"),
        ):
            self.page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
            results = self.page.evaluate(f"async () => await axe.run(document, {options})")
            found[scheme] = [
                v for v in results["violations"] if v["impact"] in ("serious", "critical")
            ]
        return found

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="package")
def axe(browser: Browser) -> Iterator[Axe]:
    checker = Axe(browser)
    yield checker
    checker.close()


@pytest.fixture(scope="package")
def phone_axe(browser: Browser) -> Iterator[Axe]:
    """axe at a phone's width, where the tables are laid out as cards."""
    checker = Axe(browser, PHONE)
    yield checker
    checker.close()


def url(site: Path, name: str = "index.html") -> str:
    return (site / name).as_uri()
