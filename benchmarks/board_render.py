"""Time how fast the board's pages render in headless chromium.

    python benchmarks/board_render.py [--n 200] [--repeat 9] [--out benchmarks/out]

What it does: generates a repository of N launches (`benchmarks/generate.py`, seed 0) in
OUT/repo-N, builds the board of it (`launchgate board REPO --output OUT/board-N --today
2026-11-23`), then opens index.html and timeline.html, each `--repeat` times after one
untimed load, in Debian's chromium driven by Playwright (the browser the tests use:
tests/board/chromium.py). Each load is a new browser context, so nothing is cached from
the last one, and each is timed by the page itself (the Navigation and Paint Timing
APIs): from navigation start to the first paint, to DOMContentLoaded and to the load
event. It prints the medians, with the fastest and slowest run, and writes them to
OUT/board_render.json.

The issue's bar: the page for 200 launches renders in under 1 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402  (a sibling script, not a package)

from tests.board.chromium import chromium, why_no_browser  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser

TODAY = "2026-11-23"
PAGES = ("index.html", "timeline.html")
# Milliseconds from navigation start, as the page measured them.
TIMING = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByType("paint").find(p => p.name === "first-paint");
  return {dom_content_loaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
          first_paint: paint.startTime};
}"""


def build(n: int, out: Path) -> Path:
    """The board of N generated launches; its folder."""
    repo = generate(out / f"repo-{n}", n).root
    site = out / f"board-{n}"
    started = time.perf_counter()
    command = [sys.executable, "-m", "launchgate", "board", str(repo)]
    done = subprocess.run(
        [*command, "--output", str(site), "--today", TODAY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1) or not (site / "index.html").is_file():
        raise SystemExit(f"launchgate board failed ({done.returncode}):\n{done.stderr}")
    print(f"built the board of {n} launches in {time.perf_counter() - started:.2f} s: {site}")
    return site


def load(browser: Browser, url: str) -> dict[str, float]:
    """One load of `url` in a fresh context: the page's own timings, in ms."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        # The load event's end is recorded just after the event, and the first paint can
        # come after it: wait until both are there.
        page.wait_for_function(
            "() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0"
            " && performance.getEntriesByType('paint').some(p => p.name === 'first-paint')"
        )
        timings: dict[str, float] = page.evaluate(TIMING)
    finally:
        context.close()
    return timings


def measure(site: Path, repeat: int) -> dict[str, dict[str, dict[str, float]]]:
    """Per page and timing: median, fastest and slowest of `repeat` loads, in ms."""
    results: dict[str, dict[str, dict[str, float]]] = {}
    with chromium() as browser:
        for name in PAGES:
            url = (site / name).as_uri()
            load(browser, url)  # untimed: the file cache, chromium's first layout
            runs = [load(browser, url) for _ in range(repeat)]
            results[name] = {
                key: {
                    "median": statistics.median(run[key] for run in runs),
                    "min": min(run[key] for run in runs),
                    "max": max(run[key] for run in runs),
                }
                for key in runs[0]
            }
            size = (site / name).stat().st_size
            results[name]["bytes"] = {"median": size, "min": size, "max": size}
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=200, help="launches to generate (default 200)")
    parser.add_argument("--repeat", type=int, default=9, help="timed loads per page (default 9)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    args = parser.parse_args(argv)
    reason = why_no_browser()
    if reason is not None:
        raise SystemExit(f"cannot time the board in a browser: {reason}")
    site = build(args.n, args.out)
    results = measure(site, args.repeat)
    print(
        f"{args.n} launches, median of {args.repeat} loads (fastest-slowest), ms from navigation:"
    )
    for name, timings in results.items():
        shown = ", ".join(
            f"{key.replace('_', ' ')} {t['median']:.0f} ({t['min']:.0f}-{t['max']:.0f})"
            for key, t in timings.items()
            if key != "bytes"
        )
        print(f"  {name} ({timings['bytes']['median'] / 1e3:.0f} kB): {shown}")
    (args.out / "board_render.json").write_text(
        json.dumps({"n": args.n, "repeat": args.repeat, "pages": results}, indent=2) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
