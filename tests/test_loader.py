"""Every way a YAML file can be bad becomes a Problem with a line, never an exception."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from launchgate.loader import MAX_DEPTH, _could_alias, _long_lead, parse_document, parse_text
from launchgate.models import Manifest
from launchgate.validate import validate
from tests.conftest import EXAMPLES

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]
"""


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("id: x\nbase: &base {a: 1}\n", 2, "anchors (&name) are not allowed"),
        ("id: x\n- nope\n", 2, "invalid YAML"),
        (BILLION_LAUGHS, 1, "anchors"),
        ("id: x\nname: a\nid: y\n", 3, "duplicate key 'id'"),
        ("id: x\nbad: !!python/object:os.system ls\n", 2, "explicit tags"),
        ("id: x\nbad: !custom value\n", 2, "explicit tags"),
        ("id: x\n!!python/object:os.system k: v\n", 2, "remove !!python/object:os.system"),
        ("id: x\na: {!x: 1}\n", 2, "explicit tags"),
        ("id: x\na:\n  !custom k: v\n", 3, "explicit tags"),
        ("id: x\nname: a\nid: y\n", 3, "first written on line 1"),
        ("id: x\n---\nid: y\n", 2, "invalid YAML"),
        ("id: x\n[a, b]: c\n", 2, "keys must be plain text"),
        ("id: x\nname: 'unterminated\n", 2, "never closed"),
        ('id: x\ntext: "\\ud83c\\udf89 new"\n', 2, "write the emoji itself"),
        ('id: x\ntext: "C:\\Users\\ann"\n', 2, "single quotes"),
        ('id: x\ntext: "a \\q b"\n', 2, "backslash"),
        ("id: x\n\tname: tab\n", 2, "invalid YAML"),
    ],
)
def test_bad_yaml_is_a_problem_with_its_line(text: str, line: int, fragment: str) -> None:
    document = parse_text(text, "launches/x.yaml")
    assert not document.ok
    assert document.data is None
    problem = document.problems[0]
    assert fragment in problem.message
    assert problem.line == line


def test_alias_without_anchor_text_is_refused_before_expansion() -> None:
    document = parse_text("a: [1]\nb: *a\n", "x.yaml")
    assert not document.ok  # undefined alias: libyaml's own error, still no exception


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 10_000, 200_000])
def test_deep_nesting_is_refused_without_crashing(depth: int) -> None:
    # Refused in launchgate's own words, at the bracket that goes too deep, whichever
    # libyaml build refuses it first (newer ones stop deep flow nesting themselves).
    document = parse_text("a:\r\n  b: " + "[" * depth + "]" * depth, "x.yaml")
    assert not document.ok
    problem = document.problems[0]
    assert f"nested deeper than {MAX_DEPTH}" in problem.message
    assert problem.line == 2
    assert 6 + MAX_DEPTH - 10 <= problem.column <= 6 + MAX_DEPTH  # the brackets start at 6


def test_deep_block_nesting_is_refused() -> None:
    document = parse_text("- " * 100_000 + "x\n", "x.yaml")
    assert not document.ok
    assert "nested deeper" in document.problems[0].message


def test_ordinary_nesting_passes_the_depth_check() -> None:
    text = "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 30)) + "  " * 30 + "v\n"
    assert parse_text(text, "x.yaml").ok


@pytest.mark.parametrize(
    ("raw", "line", "fragment"),
    [
        (b"id: x\nname: \x00\n", 2, "binary file"),
        (b"id: x\nname: caf\xe9\n", 2, "not UTF-8"),
        (b"id: x\nname: \x93Smart\x94\n", 2, "save it as UTF-8"),  # Windows' curly quotes
        (b"id: " + b"x" * 2000 + b"\n", 1, "over the 1,000 limit"),
    ],
)
def test_bad_bytes_are_problems(raw: bytes, line: int, fragment: str) -> None:
    document = parse_document(raw, "x.yaml", max_bytes=1000)
    assert not document.ok
    assert fragment in document.problems[0].message
    assert document.problems[0].line == line


def test_utf8_bom_is_accepted() -> None:
    document = parse_document("\ufeffid: x\n".encode(), "x.yaml")
    assert document.ok
    assert document.data == {"id": "x"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("NO", "NO"),  # YAML 1.1 would say False: the Norway problem
        ("off", "off"),
        ("4.10", "4.10"),  # a version, not the float 4.1
        ("2026-12-01", "2026-12-01"),
        ("0o17", "0o17"),
        ("'quoted'", "quoted"),
        ("~", None),
        ("null", None),
        ("", None),
        ("'null'", "null"),  # quoted: the user meant the word
    ],
)
def test_scalars_stay_text(value: str, expected: str | None) -> None:
    document = parse_text(f"key: {value}\n", "x.yaml")
    assert document.ok
    assert document.data == {"key": expected}


def test_locate_points_at_the_node() -> None:
    text = (
        "id: x\ncopy:\n  - {channel: web.title, text: hi}\n"
        "  - channel: email.subject\n    text: yo\n"
    )
    document = parse_text(text, "x.yaml")
    assert document.locate(("copy", 0, "text")) == (3, 32)
    assert document.locate(("copy", 1, "text")) == (5, 11)
    assert document.locate(("copy", 1, "text"), key=True) == (5, 5)
    assert document.locate(("copy", 7, "text")) == (3, 3)  # nearest ancestor that exists
    assert document.locate(("nope",)) == (1, 1)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_an_empty_file_has_no_data_and_no_problem(text: str) -> None:
    document = parse_text(text, "x.yaml")
    assert document.ok
    assert document.data is None
    manifest, problems = validate(document, Manifest)
    assert manifest is None
    assert [p.message for p in problems] == ["the file is empty"]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("id: x\ncolateral: []\n", 2, "unknown key 'colateral' (did you mean 'collateral'?)"),
        ("id: x\ncopy:\n  - {chanel: web.title, text: hi}\n", 3, "did you mean 'channel'?"),
        ("id: x\nrelease: {version: '1', date: 2026-02-30}\n", 2, "release.date"),
        ("id: x\nrelease: {date: 2026-13-01}\n", 2, "release.date"),
        ("id: x\nrelease: {date: 0001-01-01}\n", 2, "not a plausible launch date"),
        ("id: x\nannounce: {embargo_until: '9999-12-31T23:59:59-12:00'}\n", 2, "plausible"),
        (
            "id: x\ncollateral:\n  - {id: a, type: b, status: shipped}\n",
            3,
            "collateral item 1 (a), status",
        ),
        (
            "id: x\ncopy:\n  - {channel: in_app, text: hi, max: -3}\n",
            3,
            "copy item 1, max: must be more than 0",
        ),
        ("id: x\nfeatures: {a: 1}\n", 2, "features: expected a list"),
        ("name: no id\n", 1, "missing required key 'id'"),
        ("id: x\ntimezone: Mars/Olympus\n", 2, "unknown time zone 'Mars/Olympus'"),
        ("- just\n- a list\n", 1, "expected a mapping"),
    ],
)
def test_schema_problems_point_at_the_line(text: str, line: int, fragment: str) -> None:
    document = parse_text(text, "x.yaml")
    assert document.ok
    manifest, problems = validate(document, Manifest)
    assert manifest is None
    assert any(fragment in p.message for p in problems), problems
    assert problems[0].line == line


def _paths(data: object, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every path into loaded data, containers included."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def test_only_some_top_level_keys_still_locate_as_before() -> None:
    text = (EXAMPLES / "launches" / "team-insights.yaml").read_text(encoding="utf-8")
    document = parse_text(text, "team-insights.yaml")
    kept = frozenset({"id", "release", "features", "owners"})
    part = document.only(kept)
    assert part.data is None and len(part.keys) < len(document.keys) / 2
    paths = _paths(document.data)
    assert sum(1 for path in paths if path[:1] and path[0] in kept) > 10
    for path in paths:
        if path[:1] and path[0] in kept:
            assert part.locate(path) == document.locate(path), path
            assert part.locate(path, key=True) == document.locate(path, key=True), path
        elif path:
            assert part.locate(path) == document.locate(())  # left out: the root, as a miss
    assert part.locate(("copy", 0, "text")) == document.locate(())


def test_only_on_a_document_that_is_not_a_mapping() -> None:
    document = parse_text("- a\n- b\n", "list.yaml")
    assert document.only(frozenset({"id"})).locate((1,)) == document.locate((1,)) == (2, 3)


# The plain statement of where an anchor or alias can start, that the loader's quick look
# (several patterns, for speed) must agree with.
ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[{,:?\ufeff-])[&*][^\s\[\]{},]", re.MULTILINE)
# A line starts the text or follows a line break, and may begin with a BOM (libyaml skips
# it); a BOM anywhere else is taken for a line start too, which only costs a slower look.
LONG_LEAD = re.compile(rf"(?:^|[\r\n\x85\u2028\u2029\ufeff]\ufeff?)[ \t?-]{{{MAX_DEPTH // 2}}}")


@given(st.text(alphabet="&* \n\r\t[]{},:-?ax\ufeff\u2028", max_size=30))
def test_the_quick_look_for_anchors_agrees_with_the_plain_pattern(text: str) -> None:
    assert _could_alias(text) == (ANCHOR_OR_ALIAS.search(text) is not None)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(" \t?-"),
            st.integers(0, 120),
            st.sampled_from(["\n", "\r", "x", "", "\x85", "\u2028", "\u2029", "\ufeff", "é"]),
        ),
        max_size=8,
    )
)
def test_the_quick_look_for_long_leads_agrees_with_the_plain_pattern(
    runs: list[tuple[str, int, str]],
) -> None:
    text = "".join(char * length + after for char, length, after in runs)
    assert _long_lead(text) == (LONG_LEAD.search(text) is not None)


@pytest.mark.parametrize(
    "line_break", ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029", "\n\ufeff", "\u2028\ufeff"]
)
def test_deep_block_nesting_is_refused_whatever_the_line_breaks(line_break: str) -> None:
    # A lone CR, NEL, LS and PS are line breaks to libyaml too, and a BOM that starts a line
    # is skipped: indentation after them must not slip past the depth check into a
    # recursion that would fail with an internal error.
    depth = 1200
    lines = [" " * level + "k:" for level in range(depth)] + [" " * depth + "v"]
    document = parse_text(line_break.join(lines) + line_break, "x.yaml")
    assert "nested deeper" in document.problems[0].message


@pytest.mark.parametrize(
    "text",
    [
        # libyaml skips a BOM at the start of a line: in a flow collection an anchor or
        # alias may follow it, and an alias bomb then expanded unchecked (a 410-byte file
        # to 342,391 entries at six levels, exponentially more with each).
        "[\n"
        + "".join(
            f"\ufeff&a{n} [" + ",".join(["x" if n == 0 else f"*a{n - 1}"] * 8) + "],\n"
            for n in range(6)
        )
        + "]\n",
        "\ufeff\ufeff&a x\n",  # a second BOM at the start (the first is the encoding's)
        "[\n\ufeff*a]\n",
        # In a flow collection "?" is a key indicator even with no space after it.
        "a: [?&a b, ?*a]\n",
    ],
)
def test_anchors_and_aliases_after_a_bom_or_a_flow_key_are_refused(text: str) -> None:
    document = parse_text(text, "x.yaml")
    assert not document.ok
    assert document.problems[0].message in {
        "anchors (&name) are not allowed",
        "aliases (*name) are not allowed",
    }
