"""Owner rules: owner-missing and owner-unknown."""

from __future__ import annotations

import pytest

from tests.rules.conftest import (
    ERROR,
    HEADER,
    WARNING,
    CheckRepo,
    Expected,
    Files,
    assert_findings,
    fired,
)

TAIL = 'release: {version: "1.0.0", date: 2026-12-01}\nannounce: {date: 2026-12-02}\n'
TARGETS = (  # lines 5-8: the target is on line 8
    "metrics:\n  north_star: weekly_engaged_teams\n  targets:\n"
    '    - {metric: upgrade_conversion, target: "+2pp"}\n'
)

# --- owner-missing --------------------------------------------------------------------------

MISSING_CASES = [
    pytest.param(HEADER, [], id="launch-with-owner"),
    pytest.param(
        "id: demo\nowners: {}\n" + TAIL,
        [(2, ERROR, 'the launch has no owners (e.g. owners: {product: "@ann"})')],
        id="empty-owners",
    ),
    pytest.param(
        "id: demo\nowners: {product: null}\n" + TAIL,
        [(2, ERROR, "the launch's product owner is empty")],
        id="null-owner",
    ),
    pytest.param(
        'id: demo\nowners: {product: ""}\n' + TAIL,
        [(2, ERROR, "the launch's product owner is empty")],
        id="empty-string-owner",
    ),
    pytest.param("id: demo\n" + TAIL, [(1, ERROR, "the launch has no owners")], id="no-owners-key"),
    pytest.param(
        HEADER + "collateral:\n  - {id: post, type: blog_post, due: 2026-11-25}\n",
        [(6, ERROR, "post has no owner")],
        id="collateral-without-owner",
    ),
    pytest.param(
        HEADER + 'collateral:\n  - {id: post, type: blog_post, owner: "@ann", due: 2026-11-25}\n',
        [],
        id="collateral-with-owner",
    ),
    pytest.param(
        HEADER + TARGETS,
        [(8, ERROR, "the upgrade_conversion target has no owner")],
        id="target-without-owner",
    ),
    pytest.param(
        HEADER + TARGETS.replace('target: "+2pp"', 'owner: "@david", target: "+2pp"'),
        [],
        id="target-with-owner",
    ),
]


@pytest.mark.parametrize(("manifest", "expected"), MISSING_CASES)
def test_owner_missing(check_repo: CheckRepo, manifest: str, expected: list[Expected]) -> None:
    assert_findings(check_repo({"launches/demo.yaml": manifest}), "owner-missing", expected)


# --- owner-unknown --------------------------------------------------------------------------

USERS = "roles:\n  product: {users: [ann, pat]}\n  marketing: {users: ['@david']}\n"
TEAMS = "roles:\n  product: {users: [ann]}\n  marketing: {teams: [acme/marketing]}\n"
NOT_A_HANDLE = "not a GitHub handle like @ann"
IN_NO_ROLE = "is in none of the roles in .launchgate.yml"


def collateral_owner(owner: str) -> str:
    """HEADER, then a blog post owned by `owner` on line 6."""
    return HEADER + (
        "collateral:\n"
        f'  - {{id: post, type: blog_post, owner: "{owner}", due: 2026-12-01, status: done}}\n'
    )


UNKNOWN_CASES = [
    pytest.param("David", "", [(6, WARNING, f"post is 'David', {NOT_A_HANDLE}")], id="a-name"),
    pytest.param("ann", "", [(6, WARNING, f"post is 'ann', {NOT_A_HANDLE}")], id="without-at"),
    pytest.param("@-bad", "", [(6, WARNING, NOT_A_HANDLE)], id="leading-hyphen"),
    pytest.param("@a--b", "", [(6, WARNING, NOT_A_HANDLE)], id="double-hyphen"),
    pytest.param("@ann smith", "", [(6, WARNING, NOT_A_HANDLE)], id="with-a-space"),
    pytest.param("@" + "a" * 40, "", [(6, WARNING, NOT_A_HANDLE)], id="40-characters"),
    pytest.param("@" + "a" * 39, "", [], id="39-characters"),
    pytest.param("@david", "", [], id="handle-no-roles"),
    pytest.param("@acme/marketing", "", [], id="team-handle-no-roles"),
    pytest.param("@zed", USERS, [(6, WARNING, f"post @zed {IN_NO_ROLE}")], id="user-in-no-role"),
    pytest.param("@Ann", USERS, [], id="user-in-a-role-any-case"),
    pytest.param("@david", USERS, [], id="config-user-written-with-at"),
    pytest.param("David", USERS, [(6, WARNING, NOT_A_HANDLE)], id="a-name-with-roles"),
    pytest.param("@zed", TEAMS, [], id="teams-configured-only-form-checked"),
    pytest.param("David", TEAMS, [(6, WARNING, NOT_A_HANDLE)], id="teams-configured-bad-form"),
]


@pytest.mark.parametrize(("owner", "config", "expected"), UNKNOWN_CASES)
def test_owner_unknown(
    check_repo: CheckRepo, owner: str, config: str, expected: list[Expected]
) -> None:
    files: Files = {"launches/demo.yaml": collateral_owner(owner)}
    if config:
        files = {**files, ".launchgate.yml": config}
    assert_findings(check_repo(files), "owner-unknown", expected)


def test_owner_unknown_checks_launch_owners_and_targets(check_repo: CheckRepo) -> None:
    manifest = (
        'id: demo\nowners: {product: "ann", marketing: "@zed"}\n'
        + TAIL
        + TARGETS.replace('target: "+2pp"', 'owner: "@zed", target: "+2pp"')
    )
    report = check_repo({".launchgate.yml": USERS, "launches/demo.yaml": manifest})
    # Findings sort by line, then column: product's value comes before marketing's.
    assert_findings(
        report,
        "owner-unknown",
        [
            (2, WARNING, f"the launch's product owner is 'ann', {NOT_A_HANDLE}"),
            (2, WARNING, f"the launch's marketing owner @zed {IN_NO_ROLE}"),
            (8, WARNING, f"the upgrade_conversion target @zed {IN_NO_ROLE}"),
        ],
    )


# --- where the findings point (pinned by mutation testing) ----------------------------------


def test_owner_findings_point_at_the_owner_not_at_its_item(check_repo: CheckRepo) -> None:
    manifest = (
        "id: demo\nowners: {product: ann}\n"
        + TAIL
        + 'collateral:\n  - {id: post, type: blog_post, owner: "@nobody", due: 2026-11-25}\n'
        + 'metrics:\n  targets:\n    - {metric: upgrade_conversion, owner: david, target: "+2pp"}\n'
    )
    files: Files = {
        ".launchgate.yml": "roles:\n  product: {users: [ann]}\n",
        "launches/demo.yaml": manifest,
    }
    report = check_repo(files)
    assert [(f.line, f.column, f.message) for f in fired(report, "owner-unknown")] == [
        (2, 19, "the launch's product owner is 'ann', not a GitHub handle like @ann"),
        (6, 40, "post @nobody is in none of the roles in .launchgate.yml"),
        (9, 43, "the upgrade_conversion target is 'david', not a GitHub handle like @ann"),
    ]


def test_an_empty_owner_is_pointed_at(check_repo: CheckRepo) -> None:
    manifest = HEADER + 'collateral:\n  - {id: post, type: blog_post, owner: "", due: 2026-11-25}\n'
    report = check_repo({"launches/demo.yaml": manifest})
    assert [(f.line, f.column, f.message) for f in fired(report, "owner-missing")] == [
        (6, 40, "post has no owner")
    ]


def test_no_owners_at_all_is_said_with_an_example(check_repo: CheckRepo) -> None:
    report = check_repo({"launches/demo.yaml": "id: demo\nowners: {}\n" + TAIL})
    assert [(f.line, f.column, f.message) for f in fired(report, "owner-missing")] == [
        (2, 9, 'the launch has no owners (e.g. owners: {product: "@ann"})')
    ]
