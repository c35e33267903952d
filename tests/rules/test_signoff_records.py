"""signoff-record-invalid and signoff-recorded: sign-offs recorded in a manifest, offline.

Offline a record is listed and never counted; a record that can never count (its role
unknown, or not one the config lets anyone record), or dated after today, is an error
at its line. How `launchgate ci` counts records: tests/github/test_records_ci.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from launchgate.config import load_config, parse_config
from launchgate.engine import Supplied, check_loaded
from launchgate.errors import ConfigError
from launchgate.findings import Subject
from launchgate.models import SignoffRecord
from launchgate.repository import load_repository
from launchgate.rules.signoffs import _record_outcome
from launchgate.signoff_records import RecordNote
from launchgate.signoff_state import LaunchRoles, RoleState
from tests.rules.conftest import (
    ERROR,
    HEADER,
    NOTICE,
    TODAY,
    CheckRepo,
    Files,
    assert_findings,
    fired,
    write_repo,
)

CONFIG = """\
roles:
  product: {users: [ann]}
  legal: {users: [lee], recorded_by: [legal-ops, audit]}
  legal-ops: {teams: [acme/legal-ops]}
  audit: {users: [aude]}
"""
# HEADER is four lines: `signoffs:` is line 5, the records start on line 7.
MANIFEST = HEADER + "signoffs: [legal]\nsignoff_records:\n"
LENA = (
    '  - {role: legal, by: Lena Weber, on: 2026-11-20, evidence: "https://t.example/LEGAL-123"}\n'
)


def check(check_repo: CheckRepo, records: str, config: str = CONFIG) -> Files:
    files: Files = {".launchgate.yml": config, "launches/demo.yaml": MANIFEST + records}
    return files


def test_offline_a_record_is_listed_and_not_counted(check_repo: CheckRepo) -> None:
    report = check_repo(check(check_repo, LENA))
    (listed,) = fired(report, "signoff-recorded")
    assert (listed.line, listed.column, listed.severity) == (7, 5, NOTICE)
    assert listed.message == (
        "legal: sign-off by Lena Weber on Fri 20 Nov 2026 (LEGAL-123) recorded here, not "
        "counted offline: it counts once a member of legal-ops or audit approves the pull "
        "request that adds it"
    )
    assert listed.subject == Subject(role="legal")
    (unverified,) = fired(report, "signoff-unverified")  # legal still must sign off
    assert "legal must approve the pull request" in unverified.message
    assert fired(report, "signoff-record-invalid") == []
    assert not report.failed


def test_each_record_is_listed_at_its_own_line(check_repo: CheckRepo) -> None:
    second = "  - {role: legal, by: Leo Park, on: 2026-11-21, evidence: e-mail of 21 Nov}\n"
    report = check_repo(check(check_repo, LENA + second))
    listed = fired(report, "signoff-recorded")
    assert [f.line for f in listed] == [7, 8]
    assert "Leo Park on Sat 21 Nov 2026 (e-mail of 21 Nov) recorded here" in listed[1].message


def test_a_record_for_an_unknown_role_is_an_error_at_its_role(check_repo: CheckRepo) -> None:
    report = check_repo(check(check_repo, LENA.replace("role: legal", "role: legl")))
    (found,) = fired(report, "signoff-record-invalid")
    assert (found.line, found.column, found.severity) == (7, 12, ERROR)
    assert found.message == (
        "a sign-off is recorded for unknown role 'legl' (did you mean 'legal'?); roles are "
        "defined under roles: in .launchgate.yml"
    )
    assert found.subject == Subject(role="legl")
    assert fired(report, "signoff-recorded") == []  # it can never count: one finding says so


def test_a_record_after_one_that_can_never_count_is_still_listed(check_repo: CheckRepo) -> None:
    report = check_repo(check(check_repo, LENA.replace("role: legal", "role: legl") + LENA))
    assert [f.line for f in fired(report, "signoff-recorded")] == [8]


def test_an_unknown_role_far_from_any_lists_the_known(check_repo: CheckRepo) -> None:
    report = check_repo(check(check_repo, LENA.replace("role: legal", "role: finance")))
    (found,) = fired(report, "signoff-record-invalid")
    assert "unknown role 'finance' (known: audit, legal, legal-ops, product)" in found.message


def test_an_unknown_role_without_any_config_says_none_is_defined(check_repo: CheckRepo) -> None:
    report = check_repo(check(check_repo, LENA, config=""))
    found = fired(report, "signoff-record-invalid")
    assert [f.message.split(";")[0] for f in found] == [
        "a sign-off is recorded for unknown role 'legal' (none is defined)"
    ]


def test_a_role_without_recorded_by_cannot_be_recorded(check_repo: CheckRepo) -> None:
    config = "roles:\n  legal: {users: [lee]}\n"
    report = check_repo(check(check_repo, LENA, config=config))
    (found,) = fired(report, "signoff-record-invalid")
    assert (found.line, found.column) == (7, 12)
    assert found.message == (
        "legal sign-offs can't be recorded in the manifest: add recorded_by to roles.legal "
        "in .launchgate.yml"
    )
    assert found.subject == Subject(role="legal")
    assert fired(report, "signoff-recorded") == []


@pytest.mark.parametrize(("day", "fires"), [("2026-11-24", True), ("2026-11-23", False)])
def test_a_record_dated_after_today_is_an_error_at_its_day(
    check_repo: CheckRepo, day: str, fires: bool
) -> None:
    report = check_repo(check(check_repo, LENA.replace("2026-11-20", day)))
    expected = [(7, ERROR, "is dated Tue 24 Nov 2026, after today (Mon 23 Nov 2026)")]
    assert_findings(report, "signoff-record-invalid", expected if fires else [])
    if fires:
        (found,) = fired(report, "signoff-record-invalid")
        assert (found.column, found.subject) == (39, Subject(role="legal"))
        assert found.message.startswith("the sign-off by Lena Weber is dated")
        assert found.message.endswith("record a sign-off once it is given")


def test_an_unknown_role_dated_later_gets_both_findings(check_repo: CheckRepo) -> None:
    record = LENA.replace("role: legal", "role: legl").replace("2026-11-20", "2026-12-20")
    report = check_repo(check(check_repo, record))
    assert [f.column for f in fired(report, "signoff-record-invalid")] == [12, 38]


@pytest.mark.parametrize(
    ("record", "fragment"),
    [
        ("  - {role: legal, on: 2026-11-20, evidence: x}\n", "missing required key 'by'"),
        ("  - {role: legal, by: Lena, evidence: x}\n", "missing required key 'on'"),
        ("  - {role: legal, by: Lena, on: 2026-11-20}\n", "missing required key 'evidence'"),
        ("  - {role: legal, by: ' ', on: 2026-11-20, evidence: x}\n", "cannot be blank"),
        ("  - {role: legal, by: Lena, on: 20 Nov, evidence: x}\n", "signoff_records"),
    ],
)
def test_a_record_missing_who_when_or_evidence_is_invalid_at_its_line(
    check_repo: CheckRepo, record: str, fragment: str
) -> None:
    report = check_repo(check(check_repo, record))
    (found,) = fired(report, "manifest-invalid")
    assert found.line == 7
    assert fragment in found.message


def test_a_role_only_recorded_is_not_said_to_have_nobody(check_repo: CheckRepo) -> None:
    config = "roles:\n  legal: {recorded_by: [ops]}\n  ops: {users: [olga]}\n"
    report = check_repo(check(check_repo, LENA, config=config))
    (unverified,) = fired(report, "signoff-unverified")
    assert "no users or teams" not in unverified.message
    empty = "roles:\n  legal: {}\n"
    (unverified,) = fired(check_repo(check(check_repo, "", config=empty)), "signoff-unverified")
    assert unverified.message.endswith("legal has no users or teams in .launchgate.yml roles")


# ---- on a pull request: what became of each record of a launch it changes ------------------

RECORD = SignoffRecord(role="legal", by="Lena Weber", on=dt.date(2026, 11, 20), evidence="L-1")
SAID = "legal: sign-off by Lena Weber on Fri 20 Nov 2026 (L-1) recorded here"


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (None, f"{SAID}; this launch does not need legal, so it counts for nothing"),
        (
            RoleState("legal", "signed", ("olga",), record=RecordNote(RECORD, "olga")),
            "legal: signed off by Lena Weber on Fri 20 Nov 2026 (L-1), recorded by olga",
        ),
        (
            RoleState("legal", "missing", record=RecordNote(RECORD, why_not="not approved")),
            f"{SAID} does not count: not approved",
        ),
        (
            RoleState("legal", "signed", ("lee", "lou")),
            f"{SAID}; legal is signed off by lee, lou on the pull request",
        ),
        (RoleState("legal", "missing"), f"{SAID}; another record of legal is the one in question"),
        (
            RoleState(
                "legal",
                "missing",
                record=RecordNote(RECORD.model_copy(update={"by": "Leo"}), why_not="x"),
            ),
            f"{SAID}; another record of legal is the one in question",
        ),
    ],
)
def test_what_became_of_a_record_on_a_pull_request(state: RoleState | None, expected: str) -> None:
    assert _record_outcome(SAID, "legal", state, RECORD) == expected


def test_on_a_pull_request_only_the_launches_it_changes_list_their_records(
    tmp_path: Path,
) -> None:
    other = MANIFEST.replace("id: demo", "id: other") + LENA
    files: Files = {
        ".launchgate.yml": CONFIG,
        "launches/demo.yaml": MANIFEST + LENA,
        "launches/other.yaml": other,
    }
    write_repo(tmp_path, files)
    config, name = load_config(tmp_path)
    repo = load_repository(tmp_path, config, name)
    assert len(fired(check_loaded(repo, TODAY), "signoff-recorded")) == 2  # offline: both
    demo = next(launch for launch in repo.launches if launch.manifest.id == "demo")
    note = RecordNote(demo.manifest.signoff_records[0], "olga")
    signed = RoleState("legal", "signed", ("olga",), record=note)
    supplied = Supplied(signoffs=[LaunchRoles(demo, [signed])])
    found = fired(check_loaded(repo, TODAY, supplied=supplied), "signoff-recorded")
    assert [(f.file, f.line, f.message, f.subject) for f in found] == [
        (
            "launches/demo.yaml",
            7,
            "legal: signed off by Lena Weber on Fri 20 Nov 2026 (LEGAL-123), recorded by olga",
            Subject(role="legal"),
        )
    ]
    unneeded = Supplied(signoffs=[LaunchRoles(demo, [])])  # legal is not a role it needs
    (alone,) = fired(check_loaded(repo, TODAY, supplied=unneeded), "signoff-recorded")
    assert alone.message == (
        "legal: sign-off by Lena Weber on Fri 20 Nov 2026 (LEGAL-123) recorded here; this "
        "launch does not need legal, so it counts for nothing"
    )


# ---- the config: recorded_by names other roles ------------------------------------------------


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            "roles:\n  legal: {recorded_by: [legal-opps]}\n  legal-ops: {users: [olga]}\n",
            ".launchgate.yml:2:25: invalid config: roles.legal.recorded_by: 'legal-opps' is not "
            "a role under roles: (did you mean 'legal-ops'?); name the roles whose members "
            "record legal's sign-offs",
        ),
        (
            "roles:\n  legal: {recorded_by: [ops, zz]}\n  ops: {users: [olga]}\n",
            ".launchgate.yml:2:30: invalid config: roles.legal.recorded_by: 'zz' is not a role "
            "under roles:; name the roles whose members record legal's sign-offs",
        ),
        (
            "roles:\n  legal: {users: [lee], recorded_by: [legal]}\n",
            ".launchgate.yml:2:39: invalid config: roles.legal.recorded_by: a role cannot "
            "record its own sign-off; name the roles whose members record legal's sign-offs",
        ),
    ],
)
def test_recorded_by_must_name_another_role(config: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(config.encode(), ".launchgate.yml")
    assert str(raised.value) == message


def test_recorded_by_naming_roles_loads() -> None:
    config = parse_config(CONFIG.encode(), ".launchgate.yml")
    assert config.roles["legal"].recorded_by == ["legal-ops", "audit"]
    assert config.roles["audit"].recorded_by == []
