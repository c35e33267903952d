"""signoff-unverified: offline, required sign-offs are listed as a notice, never as given."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.findings import Report
from tests.rules.conftest import (
    HEADER,
    NOTICE,
    CheckRepo,
    Files,
    fired,
    run_cli_json,
    write_repo,
)

ALL_ROLES = """\
roles:
  product: {users: [ann]}
  marketing: {teams: [acme/marketing]}
  legal: {users: [lee]}
"""
PRODUCT_ONLY = "roles:\n  product: {users: [ann]}\n"
NOT_VERIFIED = "sign-offs not verified offline: "


def with_signoffs(roles: str, checklist: str = "") -> str:
    """HEADER (plus `checklist:` on line 2 when given), then `signoffs:` on the next line."""
    header = (
        HEADER.replace("id: demo\n", f"id: demo\nchecklist: {checklist}\n") if checklist else HEADER
    )
    return header + (f"signoffs: [{roles}]\n" if roles else "")


SIGNOFF_CASES = [
    pytest.param(with_signoffs(""), ALL_ROLES, {}, [], id="nothing-required"),
    pytest.param(
        with_signoffs("product, legal"),
        ALL_ROLES,
        {},
        [(5, f"{NOT_VERIFIED}product, legal must approve the pull request")],
        id="roles-configured",
    ),
    pytest.param(
        with_signoffs("product, legal"),
        PRODUCT_ONLY,
        {},
        [
            (
                5,
                f"{NOT_VERIFIED}product, legal must approve the pull request; "
                "legal has no users or teams in .launchgate.yml roles",
            )
        ],
        id="role-not-configured",
    ),
    pytest.param(
        with_signoffs("product, legal"),
        PRODUCT_ONLY + "  legal: {users: [], teams: []}\n",
        {},
        [
            (
                5,
                f"{NOT_VERIFIED}product, legal must approve the pull request; "
                "legal has no users or teams in .launchgate.yml roles",
            )
        ],
        id="role-with-nobody-in-it",
    ),
    pytest.param(
        with_signoffs("", checklist="t"),
        ALL_ROLES,
        {"checklists/t.yaml": "signoffs: [product, marketing]\n"},
        [(1, f"{NOT_VERIFIED}product, marketing must approve the pull request")],
        id="checklist-roles-point-at-the-id",
    ),
    pytest.param(
        with_signoffs("legal, product", checklist="t"),
        ALL_ROLES,
        {"checklists/t.yaml": "signoffs: [product, marketing]\n"},
        [(6, f"{NOT_VERIFIED}product, marketing, legal must approve the pull request")],
        id="checklist-then-manifest-roles-once-each",
    ),
]


@pytest.mark.parametrize(("manifest", "config", "extra", "expected"), SIGNOFF_CASES)
def test_signoff_unverified(
    check_repo: CheckRepo,
    manifest: str,
    config: str,
    extra: dict[str, str],
    expected: list[tuple[int, str]],
) -> None:
    report = check_repo({**extra, ".launchgate.yml": config, "launches/demo.yaml": manifest})
    assert fired(report, "manifest-invalid") == []
    found = fired(report, "signoff-unverified")
    assert [(f.line, f.message) for f in found] == expected
    assert all(f.severity == NOTICE for f in found)


def test_signoff_unverified_names_the_config_file_in_use(check_repo: CheckRepo) -> None:
    files: Files = {
        ".launchgate.yaml": PRODUCT_ONLY,
        "launches/demo.yaml": with_signoffs("legal"),
    }
    (finding,) = fired(check_repo(files), "signoff-unverified")
    assert finding.message.endswith("legal has no users or teams in .launchgate.yaml roles")


def test_offline_check_never_reports_signoffs_as_missing_or_given(check_repo: CheckRepo) -> None:
    report = check_repo(
        {".launchgate.yml": ALL_ROLES, "launches/demo.yaml": with_signoffs("legal")}
    )
    assert [f.rule for f in report.findings] == ["signoff-unverified"]


def test_signoffs_are_never_a_pass_at_fail_on_notice(tmp_path: Path) -> None:
    write_repo(
        tmp_path, {".launchgate.yml": ALL_ROLES, "launches/demo.yaml": with_signoffs("legal")}
    )
    code, report, _ = run_cli_json(tmp_path)
    assert code == 0
    assert report is not None
    assert report["status"] == "pass"
    assert report["summary"]["notices"] == 1

    code, report, _ = run_cli_json(tmp_path, "--fail-on", "notice")
    assert code == 1
    assert report is not None
    assert report["status"] == "fail"
    assert [f["rule"] for f in report["findings"]] == ["signoff-unverified"]


# --- wording and where the findings point (pinned by mutation testing) ----------------------


def test_two_roles_without_anyone_are_listed_together(check_repo: CheckRepo) -> None:
    files: Files = {
        ".launchgate.yml": PRODUCT_ONLY,
        "launches/demo.yaml": with_signoffs("product, legal, brand"),
        "checklists/brand.yaml": "signoffs: [brand]\n",
    }
    report = check_repo(files)
    assert [(f.line, f.column, f.message) for f in fired(report, "signoff-unverified")] == [
        (
            5,
            11,
            f"{NOT_VERIFIED}product, legal, brand must approve the pull request; "
            "legal, brand have no users or teams in .launchgate.yml roles",
        )
    ]


def test_a_launch_without_signoffs_is_told_at_its_id(check_repo: CheckRepo) -> None:
    files: Files = {
        ".launchgate.yml": ALL_ROLES,
        "checklists/t.yaml": "signoffs: [legal]\n",
        "launches/demo.yaml": "id: demo\nchecklist: t\n" + HEADER.split("\n", 1)[1],
    }
    report = check_repo(files)
    assert [(f.line, f.column) for f in fired(report, "signoff-unverified")] == [(1, 5)]


def unknown_roles(report: Report) -> list[tuple[int, int, str]]:
    assert fired(report, "manifest-invalid") == []
    return [(f.line, f.column, f.message) for f in fired(report, "role-unknown")]


DEFINED = "roles are defined under roles: in .launchgate.yml or required by a checklist"


def test_role_unknown_points_at_the_listed_role_and_at_the_owners_key(
    check_repo: CheckRepo,
) -> None:
    manifest = (
        'id: demo\nowners: {product: "@ann", legl: "@lee"}\n'
        'release: {version: "1.0.0", date: 2026-12-01}\n'
        "signoffs: [product, legl, brand]\n"
    )
    files: Files = {
        ".launchgate.yml": ALL_ROLES,
        "checklists/t.yaml": "signoffs: [brand]\n",
        "launches/other.yaml": "id: other\nchecklist: t\n",
        "launches/demo.yaml": manifest,
    }
    report = check_repo(files)
    assert unknown_roles(report) == [
        (2, 27, f"unknown role 'legl' (did you mean 'legal'?); {DEFINED}"),
        (4, 21, f"unknown role 'legl' (did you mean 'legal'?); {DEFINED}"),
    ]


def test_role_unknown_without_a_close_one_lists_the_known(check_repo: CheckRepo) -> None:
    files: Files = {
        ".launchgate.yml": ALL_ROLES,
        "launches/demo.yaml": HEADER + "signoffs: [finance]\n",
    }
    (line, column, message) = unknown_roles(check_repo(files))[0]
    assert (line, column) == (5, 12)
    assert message.startswith("unknown role 'finance' (known: ")
    assert "legal, marketing, product" in message and message.endswith(f"); {DEFINED}")
