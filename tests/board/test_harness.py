"""The browser harness itself, on small pages of its own: what the board tests rely on
(a leak, an error, a dialog or an accessibility fault would be noticed) is shown to
notice each on purpose."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tests.board.conftest import DESKTOP, Axe, watched_context

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# The board's policy: nothing from elsewhere, no inline script.
CSP = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "style-src 'unsafe-inline'; img-src 'self' data:\">"
)
GOOD = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">{CSP}
<title>Launches</title></head><body><main><h1>Launches</h1>
<label for="q">Search</label><input id="q" type="search">
<table><caption>All launches</caption><tr><th scope="col">Name</th></tr>
<tr><td>Team Insights</td></tr></table></main></body></html>"""


def write(tmp_path: Path, body: str, name: str = "page.html") -> str:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path.as_uri()


def test_a_clean_local_page_passes_the_page_fixture(page: Page, tmp_path: Path) -> None:
    page.goto(write(tmp_path, GOOD))
    assert page.get_by_role("cell", name="Team Insights").is_visible()


def test_requests_that_leave_the_page_are_blocked_and_recorded(
    browser: Browser, tmp_path: Path
) -> None:
    leaky = (
        '<!doctype html><html lang="en"><title>x</title><img alt="" src="https://cdn.example/a.png">'
        '<link rel="stylesheet" href="http://cdn.example/s.css"><script>'
        'fetch("https://api.example/x").catch(() => { document.title = "refused" })</script></html>'
    )
    context, watch = watched_context(browser, viewport=DESKTOP)
    try:
        opened = context.new_page()
        opened.goto(write(tmp_path, leaky))
        opened.wait_for_function("document.title === 'refused'")  # the fetch was aborted
    finally:
        context.close()
    assert sorted(watch.outside_requests) == [
        "http://cdn.example/s.css",
        "https://api.example/x",
        "https://cdn.example/a.png",
    ]


def test_console_errors_page_errors_and_dialogs_are_recorded(
    browser: Browser, tmp_path: Path
) -> None:
    noisy = (
        '<!doctype html><html lang="en"><title>x</title><script>'
        'console.error("oops"); alert("hi"); throw new Error("boom")</script></html>'
    )
    context, watch = watched_context(browser, viewport=DESKTOP)
    try:
        context.new_page().goto(write(tmp_path, noisy))
    finally:
        context.close()
    assert watch.console_errors == ["oops"]
    assert watch.dialogs == ["alert: hi"]
    assert len(watch.page_errors) == 1 and "boom" in watch.page_errors[0]


def test_a_script_the_policy_forbids_is_a_console_error(browser: Browser, tmp_path: Path) -> None:
    inline = GOOD.replace("</body>", "<script>document.title = 'changed'</script></body>")
    context, watch = watched_context(browser, viewport=DESKTOP)
    try:
        opened = context.new_page()
        opened.goto(write(tmp_path, inline))
        title = opened.title()
    finally:
        context.close()
    assert title == "Launches"
    assert len(watch.console_errors) == 1


def test_axe_runs_despite_the_policy_and_finds_serious_faults(axe: Axe, tmp_path: Path) -> None:
    assert axe.check(write(tmp_path, GOOD)) == {"light": [], "dark": []}
    # No label on the search box; grey on grey in light, and only in dark for the caption.
    faulty = (
        GOOD.replace('<label for="q">Search</label>', "")
        .replace("<h1>", '<h1 style="color:#777;background:#888">')
        .replace(
            "</head>",
            "<style>@media (prefers-color-scheme: dark) "
            "{caption {color: #333; background: #222}}</style></head>",
        )
    )
    found = axe.check(write(tmp_path, faulty, "bad.html"))
    assert {v["id"] for v in found["light"]} == {"label", "color-contrast"}
    assert [v["id"] for v in found["dark"]] == ["color-contrast"]
    (contrast,) = found["dark"]
    assert {n["target"][0] for n in contrast["nodes"]} == {"h1", "caption"}
