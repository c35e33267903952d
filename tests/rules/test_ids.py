"""duplicate-id: launches across files, and features, collateral and copy within a launch."""

from __future__ import annotations

import pytest

from tests.rules.conftest import (
    ERROR,
    HEADER,
    CheckRepo,
    Expected,
    assert_findings,
    fired,
)


def item(kind: str, fields: str) -> str:
    if kind == "collateral":
        return f'  - {{{fields}, type: blog_post, owner: "@ann", due: 2026-11-25, status: done}}\n'
    return f"  - {{{fields}}}\n"


ITEM_CASES = [
    pytest.param(
        "features",
        ["id: f1", "id: f2", "id: f1, name: Again"],
        [(8, ERROR, "feature 'f1' appears twice (first as features item 1, line 6)")],
        id="feature",
    ),
    pytest.param("features", ["id: f1", "id: f2"], [], id="features-distinct"),
    pytest.param(
        "collateral",
        ["id: post", "id: post"],
        [(7, ERROR, "collateral 'post' appears twice (first as collateral item 1, line 6)")],
        id="collateral",
    ),
    pytest.param("collateral", ["id: post", "id: follow-up"], [], id="collateral-distinct"),
    pytest.param(
        "copy",
        [
            'channel: web.title, locale: en-US, text: "A"',
            'channel: web.title, locale: en-US, text: "B"',
        ],
        [
            (
                7,
                ERROR,
                "copy for web.title in that locale appears twice (first as copy item 1, line 6)",
            )
        ],
        id="copy-same-channel-and-locale",
    ),
    pytest.param(
        "copy",
        ['channel: web.title, locale: en-US, text: "A"', 'channel: web.title, text: "B"'],
        [(7, ERROR, "copy for web.title in that locale appears twice")],
        id="copy-no-locale-is-the-first-locale",
    ),
    pytest.param(
        "copy",
        [
            'channel: in_app, id: hero, max: 20, text: "A"',
            'channel: in_app, id: footer, max: 20, text: "B"',
            'channel: in_app, id: hero, max: 20, text: "C"',
        ],
        [
            (
                8,
                ERROR,
                "copy for in_app#hero in that locale appears twice (first as copy item 1, line 6)",
            )
        ],
        id="copy-same-id",
    ),
    pytest.param(
        "copy",
        [
            'channel: web.title, locale: en-US, text: "A"',
            'channel: web.title, locale: de-DE, text: "B"',
        ],
        [],
        id="copy-other-locale",
    ),
    pytest.param(
        "copy",
        [
            'channel: web.title, locale: en-US, text: "A"',
            'channel: og.title, locale: en-US, text: "B"',
        ],
        [],
        id="copy-other-channel",
    ),
]


@pytest.mark.parametrize(("section", "items", "expected"), ITEM_CASES)
def test_duplicate_item_ids(
    check_repo: CheckRepo, section: str, items: list[str], expected: list[Expected]
) -> None:
    manifest = HEADER + f"{section}:\n" + "".join(item(section, fields) for fields in items)
    assert_findings(check_repo({"launches/demo.yaml": manifest}), "duplicate-id", expected)


def test_one_id_in_two_sections_is_not_a_duplicate(check_repo: CheckRepo) -> None:
    manifest = HEADER + "features:\n  - {id: post}\ncollateral:\n" + item("collateral", "id: post")
    assert_findings(check_repo({"launches/demo.yaml": manifest}), "duplicate-id", [])


LAUNCH_CASES = [
    pytest.param(["demo", "other"], [], id="distinct"),
    pytest.param(
        ["demo", "demo"],
        [
            ("launches/a.yaml", "launch id 'demo' is also used by launches/b.yaml"),
            ("launches/b.yaml", "launch id 'demo' is also used by launches/a.yaml"),
        ],
        id="two-files",
    ),
    pytest.param(
        ["demo", "other", "demo"],
        [
            ("launches/a.yaml", "launch id 'demo' is also used by launches/c.yaml"),
            ("launches/c.yaml", "launch id 'demo' is also used by launches/a.yaml"),
        ],
        id="first-one-named",
    ),
    pytest.param(
        ["demo", "demo", "demo"],
        [
            ("launches/a.yaml", "launch id 'demo' is also used by launches/b.yaml"),
            ("launches/b.yaml", "launch id 'demo' is also used by launches/a.yaml"),
            ("launches/c.yaml", "launch id 'demo' is also used by launches/a.yaml"),
        ],
        id="three-files",
    ),
]


@pytest.mark.parametrize(("ids", "expected"), LAUNCH_CASES)
def test_duplicate_launch_ids(
    check_repo: CheckRepo, ids: list[str], expected: list[tuple[str, str]]
) -> None:
    files = {
        f"launches/{name}.yaml": HEADER.replace("id: demo", f"id: {launch_id}")
        for name, launch_id in zip("abc", ids, strict=False)
    }
    report = check_repo(files)
    assert fired(report, "manifest-invalid") == []
    found = fired(report, "duplicate-id")
    assert [(f.file, f.message) for f in found] == expected
    assert all((f.line, f.column, f.severity) == (1, 5, ERROR) for f in found)


def test_duplicate_launch_ids_in_subfolders(check_repo: CheckRepo) -> None:
    report = check_repo({"launches/a.yaml": HEADER, "launches/2026/q4/b.yaml": HEADER})
    found = fired(report, "duplicate-id")
    assert [(f.file, f.message) for f in found] == [
        ("launches/2026/q4/b.yaml", "launch id 'demo' is also used by launches/a.yaml"),
        ("launches/a.yaml", "launch id 'demo' is also used by launches/2026/q4/b.yaml"),
    ]


def test_a_duplicate_after_an_item_left_out_counts_items_as_the_file_does(
    check_repo: CheckRepo,
) -> None:
    # The first item has an impossible date and is left out of the checked launch: the
    # earlier "post" is still the file's second item, on line 7.
    manifest = (
        HEADER
        + "collateral:\n"
        + item("collateral", "id: bad").replace("2026-11-25", "2026-11-31")
        + item("collateral", "id: post")
        + item("collateral", "id: post")
    )
    report = check_repo({"launches/demo.yaml": manifest})
    assert [(f.line, f.column, f.message) for f in fired(report, "duplicate-id")] == [
        (8, 5, "collateral 'post' appears twice (first as collateral item 2, line 7)")
    ]
