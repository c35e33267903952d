"""Text from manifests stays text on every page: no element, attribute or link comes from it.

The manifests hold the suite's hostile strings (tests/test_timeline.py): HTML and
script tags, `javascript:` links, Markdown and Mermaid syntax, bidirectional
overrides and control characters, in every field the board shows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.board.pages import parse
from tests.conftest import TODAY, run_cli, write_tree
from tests.test_timeline import HOSTILE

# Every element the board writes itself; anything else would have come from a manifest.
OWN_TAGS = {
    "#document", "html", "head", "meta", "title", "style", "body", "a", "header", "p", "nav",
    "ul", "li", "main", "h1", "h2", "section", "table", "caption", "thead", "tbody", "tr",
    "th", "td", "span", "time", "code", "div", "form", "label", "input", "select", "option",
    "meter", "progress", "ol", "script",
    # the timeline's picture (launchgate.board.timeline_svg)
    "svg", "defs", "pattern", "desc", "g", "rect", "line", "path", "circle", "text", "tspan",
}  # fmt: skip
CONFIG = "roles:\n  marketing: {users: [david]}\n  legal: {users: [lee]}\n"


def manifest(bad: str) -> str:
    s = json.dumps(bad)  # a JSON string is a YAML one
    return f"""\
id: {s}
name: {s}
checklist: {s}
owners: {{product: {s}, {s}: "@ann"}}
release: {{version: {s}, date: 2026-12-01}}
announce: {{date: 2026-12-02}}
signoffs: [legal]
features:
  - {{id: {s}, name: {s}, flag: {s}}}
copy:
  - {{channel: app_store.subtitle, locale: en-US, text: {s}}}
  - {{channel: {s}, locale: en-US, text: {s}}}
  - {{channel: in_app, id: {s}, max: 5, locale: en-US, text: {s}}}
collateral:
  - {{id: {s}, type: {s}, name: {s}, owner: {s}, due: 2026-11-20, link: {s}}}
metrics:
  north_star: {s}
  targets: [{{metric: {s}, owner: {s}, target: {s}}}]
signoff_records:
  - {{role: legal, by: {s}, on: 2026-11-20, evidence: {s}}}
waivers:
  - {{rule: copy-length, reason: {s}, approved_by: marketing, expires: 2026-12-31}}
"""


def pages(root: Path, bad: str, tmp_path: Path) -> dict[str, str]:
    write_tree(root, {".launchgate.yml": CONFIG, "launches/a.yaml": manifest(bad)})
    out = tmp_path / "site"
    result = run_cli("board", str(root), "--output", str(out), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    return {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.html")
    }


@pytest.mark.parametrize("bad", HOSTILE)
def test_hostile_text_adds_no_element_attribute_or_link(tmp_path: Path, bad: str) -> None:
    found = pages(tmp_path / "repo", bad, tmp_path)
    assert len(found) == 5  # four pages and the launch's own: it loaded
    (launch_page,) = [name for name in found if name.startswith("launches/")]
    assert launch_page.count("/") == 1 and ".." not in launch_page
    for name, source in found.items():
        assert "\u202e" not in source and "\x00" not in source, name
        page = parse(source)
        elements = page.walk()
        assert {e.tag for e in elements} <= OWN_TAGS, name
        assert len(page.find("script")) == 1, name
        for element in elements:
            assert not any(attr.startswith("on") for attr in element.attrs), name
            href = element.attrs.get("href", "")
            assert ":" not in href, (name, href)  # relative: no scheme at all
            assert "src" not in element.attrs


def test_the_text_is_still_there_for_people_to_read(tmp_path: Path) -> None:
    bad = "<img src=x onerror=alert(1)>"
    found = pages(tmp_path / "repo", bad, tmp_path)
    index = parse(found["index.html"])
    row = index.one("tr", class_="launch-row")
    assert row.one("a").text == bad  # shown, as text
    assert "&lt;img src=x onerror=alert(1)&gt;" in found["index.html"]
