"""Rules over what the run supplies: the sign-offs GitHub gave, and the files that did not load.

They go through the engine like every rule: graded by the config, placed by key
path (or at their own place), and skipped when the run does not supply their input.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.config import Config, load_config
from launchgate.engine import Supplied, check_loaded
from launchgate.findings import Finding, Report, Severity, Subject
from launchgate.repository import Repository, load_repository
from launchgate.rules.base import Context
from launchgate.signoff_state import LaunchRoles, RoleState
from launchgate.workdays import Workdays
from tests.rules.conftest import HEADER, TODAY, fired, write_repo

OWN = HEADER + "signoffs: [legal]\n"  # line 5: signoffs
CHECKLIST = HEADER.replace("id: demo\n", "id: demo\nchecklist: patch\n")  # line 2: checklist
NEITHER = HEADER  # line 1: id

STATES = [
    RoleState("product", "signed", ("ann",)),
    RoleState("marketing", "missing", message="marketing has not signed off"),
    RoleState("legal", "stale", ("lee",), "legal: lee approved 1234567, before a change"),
    RoleState("brand", "rejected", ("bo",), "brand: bo requested changes"),
]


def _repo(tmp_path: Path, manifest: str, config: str = "") -> Repository:
    root = write_repo(tmp_path, {"launches/demo.yaml": manifest, ".launchgate.yml": config})
    settings, name = load_config(root)
    return load_repository(root, settings, name)


def _signoff_report(repo: Repository, group_pull: tuple[int, str] | None = None) -> Report:
    entry = LaunchRoles(repo.launches[0], list(STATES), group_pull)
    return check_loaded(repo, TODAY, supplied=Supplied(signoffs=[entry]))


def _signoff_findings(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.rule.startswith("signoff-")]


def test_each_state_but_signed_is_a_finding_of_its_own_rule(tmp_path: Path) -> None:
    report = _signoff_report(_repo(tmp_path, OWN))
    found = {(f.rule, f.message, f.severity, f.subject) for f in _signoff_findings(report)}
    assert found == {
        (
            "signoff-missing",
            "marketing has not signed off",
            Severity.ERROR,
            Subject(role="marketing"),
        ),
        ("signoff-stale", STATES[2].message, Severity.ERROR, Subject(role="legal")),
        ("signoff-rejected", STATES[3].message, Severity.ERROR, Subject(role="brand")),
    }
    assert all(f.launch == "demo" and f.file == "launches/demo.yaml" for f in report.findings)


@pytest.mark.parametrize(
    ("manifest", "where"),
    [(OWN, (5, 11)), (CHECKLIST, (2, 12)), (NEITHER, (1, 5))],
    ids=["own signoffs", "checklist", "neither"],
)
def test_a_signoff_finding_points_at_where_the_roles_come_from(
    tmp_path: Path, manifest: str, where: tuple[int, int]
) -> None:
    findings = _signoff_findings(_signoff_report(_repo(tmp_path, manifest)))
    assert len(findings) == 3
    assert {(f.line, f.column) for f in findings} == {where}


def test_in_a_merge_group_each_finding_names_its_pull_request(tmp_path: Path) -> None:
    findings = _signoff_findings(_signoff_report(_repo(tmp_path, OWN), (12, "dana")))
    assert sorted(f.message for f in findings) == sorted(
        f"pull request #12: {state.message}" for state in STATES[1:]
    )


def test_the_config_grades_or_turns_off_a_signoff_rule(tmp_path: Path) -> None:
    config = "rules: {signoff-missing: warning, signoff-stale: 'off'}\n"
    findings = _signoff_findings(_signoff_report(_repo(tmp_path, OWN, config)))
    assert {(f.rule, f.severity) for f in findings} == {
        ("signoff-missing", Severity.WARNING),
        ("signoff-rejected", Severity.ERROR),
    }


def test_offline_the_roles_are_not_verified_and_with_signoffs_they_are(tmp_path: Path) -> None:
    repo = _repo(tmp_path, OWN)
    offline = check_loaded(repo, TODAY)
    (notice,) = fired(offline, "signoff-unverified")
    assert notice.message.startswith("sign-offs not verified offline: legal must approve")
    assert _signoff_findings(offline) == [notice]
    # A pull request that changes no launch supplies no states, and still verified them.
    verified = check_loaded(repo, TODAY, supplied=Supplied(signoffs=[]))
    assert _signoff_findings(verified) == []


def _context(supplied: Supplied) -> Context:
    return Context(
        config=Config(),
        today=TODAY,
        workdays=Workdays([]),
        channels=lambda name: None,
        signoffs=supplied.signoffs,
        release=None,
    )


def test_a_rule_runs_only_when_the_run_supplies_its_input() -> None:
    from launchgate.release_target import ReleaseInput, ReleaseTarget

    bare = _context(Supplied())
    assert bare.supplies(None)
    assert not bare.supplies("pull-request")
    assert not bare.supplies("release")
    reviewed = _context(Supplied(signoffs=[]))
    assert reviewed.supplies("pull-request")
    assert not reviewed.supplies("release")
    released = Context(**{**bare.__dict__, "release": ReleaseInput(ReleaseTarget("1.0.0"))})
    assert released.supplies("release")
    assert not released.supplies("pull-request")
    assert released.supplies(None)


def test_a_file_that_did_not_load_is_a_finding_at_its_own_place(tmp_path: Path) -> None:
    root = write_repo(
        tmp_path,
        {
            "launches/demo.yaml": HEADER + "colateral: []\n",  # line 5: the unknown key
            "launches/other.YAML": "name: Other\n",  # a launch no pattern reads
        },
    )
    config, name = load_config(root)
    report = check_loaded(load_repository(root, config, name), TODAY)
    (invalid,) = fired(report, "manifest-invalid")
    assert (invalid.file, invalid.line, invalid.column) == ("launches/demo.yaml", 5, 1)
    assert (invalid.severity, invalid.launch, invalid.subject) == (
        Severity.ERROR,
        "demo",
        Subject(),
    )
    assert "colateral" in invalid.message and "collateral" in invalid.message
    (unmatched,) = fired(report, "manifest-unmatched")
    assert (unmatched.file, unmatched.line, unmatched.column) == ("launches/other.YAML", 1, 1)
    assert (unmatched.severity, unmatched.launch) == (Severity.NOTICE, None)


def test_the_config_grades_or_turns_off_the_file_rules(tmp_path: Path) -> None:
    files = {
        "launches/demo.yaml": HEADER + "colateral: []\n",
        "launches/other.YAML": "name: Other\n",
        ".launchgate.yml": "rules: {manifest-invalid: warning, manifest-unmatched: 'off'}\n",
    }
    root = write_repo(tmp_path, files)
    config, name = load_config(root)
    report = check_loaded(load_repository(root, config, name), TODAY)
    assert [(f.rule, f.severity) for f in fired(report, "manifest-invalid")] == [
        ("manifest-invalid", Severity.WARNING)
    ]
    assert fired(report, "manifest-unmatched") == []
