"""Inputs the fuzzing (tests/test_fuzz.py) found crashing `launchgate check`, one test each.

Each is the shrunk example, checked the way a user's run does (`launchgate check`,
in this process), so it must end in a report with exit 0 or 1 and nothing on stderr.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from launchgate.loader import parse_text
from tests.conftest import TODAY, run_cli, write_tree


def check_json(repo: Path, files: Mapping[str, str | bytes], *args: str) -> Any:
    write_tree(repo, files)
    result = run_cli("check", str(repo), "--today", TODAY, "--format", "json", *args)
    assert result.stderr == ""
    assert result.returncode in (0, 1)
    return json.loads(result.stdout)


def messages(report: Any, rule: str) -> list[str]:
    return [f["message"] for f in report["findings"] if f["rule"] == rule]


def test_blank_glossary_word_is_invalid_not_a_crash(repo: Path) -> None:
    """IndexError: a banned word of only spaces had no first word to hint with."""
    report = check_json(
        repo, {"launches/a.yaml": "id: a\n", "glossary.yaml": "terms:\n- ban: ['', ' ']\n"}
    )
    invalid = messages(report, "manifest-invalid")
    assert invalid == [
        "terms item 1, ban item 1: a glossary word cannot be blank",
        "terms item 1, ban item 2: a glossary word cannot be blank",
    ]


def test_term_matched_by_case_folding_that_casefold_disagrees_with(repo: Path) -> None:
    """KeyError: a ban on "İ" matches "i" (regex case folding), which casefold() keeps apart.

    Found while writing the fuzzing's strategies (its awkward strings hold "İ"), and
    confirmed by hand.
    """
    manifest = 'id: a\ncopy: [{channel: web.title, text: "i\\u0307 x"}]\n'
    report = check_json(
        repo, {"launches/a.yaml": manifest, "glossary.yaml": "terms:\n- ban: [İ]\n"}
    )
    assert messages(report, "copy-term") == ["web.title uses 'i': the glossary bans it"]


def test_unknown_key_named_like_a_pydantic_union_branch(repo: Path) -> None:
    """IndexError: unknown keys "int" or "[insert quote]" were taken for union branch tags."""
    manifest = "id: a\nint: 1\n'[insert quote]': null\n"
    report = check_json(repo, {"launches/a.yaml": manifest})
    invalid = messages(report, "manifest-invalid")
    assert invalid == ["unknown key 'int'", "unknown key '[insert quote]'"]
    assert [f["line"] for f in report["findings"] if f["rule"] == "manifest-invalid"] == [2, 3]


def test_a_finding_on_each_of_20000_items_is_placed_in_linear_time(repo: Path) -> None:
    """Timed out: each finding's line was found by walking the list from its start."""
    items = "".join(f"  - {{id: c{i}, type: x, due: 3000-01-01}}\n" for i in range(20_000))
    start = time.perf_counter()
    report = check_json(repo, {"launches/a.yaml": f"id: a\ncollateral:\n{items}"})
    elapsed = time.perf_counter() - start
    lines = [f["line"] for f in report["findings"] if f["rule"] == "manifest-invalid"]
    assert lines == list(range(3, 20_003))
    assert elapsed < 5, f"{elapsed:.1f} s (it was 10 s before, 0.8 s after the fix)"


def test_locate_far_into_long_lists_and_wide_mappings() -> None:
    items = "".join(f"- {{text: t{i}}}\n" for i in range(5000))  # lines 2 to 5001
    keys = "".join(f"  k{i}: {i}\n" for i in range(5000))  # lines 5003 to 10002
    document = parse_text(f"copy:\n{items}wide:\n{keys}", "x")
    assert document.locate(("copy", 4999, "text")) == (5001, 10)
    assert document.locate(("copy", 5000, "text")) == (2, 1)  # no such item: the list
    assert document.locate(("wide", "k4999")) == (10002, 10)
    assert document.locate(("wide", "k4999"), key=True) == (10002, 3)
    assert document.locate(("wide", "nope")) == (5003, 3)  # no such key: the mapping


def test_absolute_manifest_pattern_matches_nothing(repo: Path) -> None:
    """NotImplementedError: pathlib refuses an absolute glob that way, not with ValueError."""
    files = {
        ".launchgate.yml": "manifests: [/abs/*, launches/*.yaml]\n",
        "launches/a.yaml": "id: a\n",
    }
    report = check_json(repo, files)
    assert report["summary"]["launches"] == 1


def test_source_file_nested_deeper_than_python_recurses(repo: Path) -> None:
    """RecursionError: json.loads on a `source:` file of 100,000 opening brackets."""
    manifest = 'id: a\ncopy: [{channel: web.title, text: Hi, source: "en.json#a"}]\n'
    report = check_json(repo, {"launches/a.yaml": manifest, "en.json": "[" * 100_000})
    assert messages(report, "copy-drift") == [
        "source en.json#a: en.json is nested too deeply to read"
    ]


def test_source_path_with_a_nul_character(repo: Path) -> None:
    """ValueError (embedded null byte) from realpath, on `source: "app\\0/en.json#a"`."""
    manifest = 'id: a\ncopy: [{channel: web.title, text: Hi, source: "app\\0/en.json#a"}]\n'
    report = check_json(repo, {"launches/a.yaml": manifest})
    assert messages(report, "copy-drift") == [
        "source app\0/en.json#a: 'app\\x00/en.json' is not a file name"
    ]
