"""Regenerate docs/board.png, the README's picture of the board built from examples/.

    python benchmarks/board_screenshot.py [--output docs/board.png]

What it does: builds the board of examples/ as of 2026-11-23 (the day examples/README.md
describes) into a temporary folder, opens its index.html in Debian's chromium (driven by
Playwright, as the browser tests do: tests/board/chromium.py) at 1280x800 in the light
colour scheme, and saves the top of the page, from the navigation to the end of the launch
table and the note under it, as a PNG. Run it after the board's look changes, and commit
the picture.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.board.chromium import chromium, why_no_browser  # noqa: E402

TODAY = "2026-11-23"
WIDTH = 1280


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "board.png")
    args = parser.parse_args(argv)
    reason = why_no_browser()
    if reason is not None:
        raise SystemExit(f"cannot take the picture: {reason}")
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        command = [sys.executable, "-m", "launchgate", "board", str(ROOT / "examples")]
        subprocess.run([*command, "--output", str(site), "--today", TODAY], cwd=ROOT, check=True)
        with chromium() as browser:
            context = browser.new_context(viewport={"width": WIDTH, "height": 800})
            page = context.new_page()
            page.emulate_media(color_scheme="light")
            page.goto((site / "index.html").as_uri())
            table = page.get_by_role("table", name="Every launch, by date").bounding_box()
            assert table is not None, "the index has no launch table"
            bottom = int(table["y"] + table["height"]) + 16
            note = page.locator("#signoff-note")  # said once under the table, offline
            if note.count():
                below = note.bounding_box()
                assert below is not None
                bottom = int(below["y"] + below["height"]) + 16
            page.screenshot(
                path=str(args.output),
                full_page=True,
                clip={"x": 0, "y": 0, "width": WIDTH, "height": bottom},
            )
            context.close()
    print(f"wrote {args.output} ({args.output.stat().st_size / 1e3:.0f} kB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
