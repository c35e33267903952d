"""Sign-offs recorded in a manifest, counted by a recording role's approval: each rule of
issue 14 section 3 without a server (the end-to-end runs are in test_records_ci.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest

from launchgate.config import Config
from launchgate.github.approvals import SignoffCheck
from launchgate.github.client import Review
from launchgate.github.contributors import NOBODY, Contribution, Contributors
from launchgate.models import SignoffRecord
from launchgate.signoff_records import (
    Recorded,
    RecordNote,
    describe,
    evidence_label,
    evidence_url,
    marked,
    records_in,
)
from launchgate.signoff_state import RoleState

HEAD = "h" * 40
OLD = "o" * 40
MANIFEST = "launches/smart-reports.yaml"
LENA = SignoffRecord(
    role="legal", by="Lena Weber", on=dt.date(2026, 11, 20), evidence="https://t.example/LEGAL-1"
)
SAID = "the sign-off by Lena Weber on Fri 20 Nov 2026 (LEGAL-1)"


def config(stale: str = "launch", legal: Mapping[str, object] | None = None) -> Config:
    return Config.model_validate(
        {
            "roles": {
                "legal": legal if legal is not None else {"users": ["lee"], "recorded_by": ["ops"]},
                "ops": {"users": ["olga"], "teams": ["acme/legal-ops"]},
                "audit": {"users": ["aude"]},
                "product": {"users": ["ann"]},
            },
            "signoffs": {"stale": stale},
        }
    )


def state(
    reviews: list[tuple[str, str, str]],
    records: list[Recorded],
    *,
    author: str = "dana",
    stale: str = "launch",
    legal: Mapping[str, object] | None = None,
    contributors: Contributors = NOBODY,
) -> RoleState:
    check = SignoffCheck(
        config=config(stale, legal),
        config_file=".launchgate.yml",
        author=author,
        head_sha=HEAD,
        reviews=[Review(login, kind, commit, "") for login, kind, commit in reviews],
        membership=lambda login, team: (login, team) == ("omar", "acme/legal-ops"),
        changes_since=lambda commit: {MANIFEST},
        contributors=lambda: contributors,
    )
    result = check.role_state("legal", {MANIFEST}, records)
    assert result.role == "legal"
    return result


NEW = [Recorded(LENA, 0)]
ON_BASE = [Recorded(LENA, 0, new=False)]


def test_a_record_approved_by_a_recording_member_signs_the_role_off() -> None:
    result = state([("olga", "APPROVED", HEAD)], NEW)
    assert (result.state, result.who) == ("signed", ("olga",))
    assert result.record == RecordNote(LENA, "olga")
    assert result.message == ""


def test_a_recording_team_member_records_too() -> None:
    result = state([("omar", "APPROVED", HEAD)], NEW)
    assert result.record == RecordNote(LENA, "omar")


def test_a_record_approved_by_anyone_else_does_not_count() -> None:
    result = state([("ann", "APPROVED", HEAD), ("aude", "APPROVED", HEAD)], NEW)
    assert (result.state, result.who) == ("missing", ())
    assert result.record == RecordNote(LENA, why_not="not approved by a member of ops")
    assert result.message == (
        "legal has not signed off: lee must approve; "
        f"{SAID} recorded in the manifest does not count: "
        "olga or any member of acme/legal-ops must approve"
    )


def test_the_author_in_the_recording_role_does_not_record() -> None:
    result = state([("olga", "APPROVED", HEAD)], NEW, author="olga")
    assert result.state == "missing"
    assert "the approval by the author olga was ignored" in result.message


def test_a_contributor_in_the_recording_role_does_not_record() -> None:
    found = Contributors({"olga": Contribution("wrote", "c" * 40)})
    result = state([("olga", "APPROVED", HEAD)], NEW, contributors=found)
    assert result.state == "missing"
    assert "the approval by olga does not count: olga wrote ccccccc" in result.message


def test_a_recording_approval_goes_stale_when_the_launch_changes() -> None:
    result = state([("olga", "APPROVED", OLD)], NEW)
    assert (result.state, result.who) == ("stale", ("olga",))
    assert result.record == RecordNote(LENA, why_not="approved before a change")
    assert result.message == (
        f"legal: {SAID} recorded in the manifest does not count: ops: the approval by olga was "
        "given on ooooooo; the launch changed since, so olga must approve again"
    )


@pytest.mark.parametrize(("mode", "expected"), [("never", "signed"), ("any-commit", "stale")])
def test_a_recording_approval_follows_the_stale_policy(mode: str, expected: str) -> None:
    assert state([("olga", "APPROVED", OLD)], NEW, stale=mode).state == expected


def test_a_recorders_request_for_changes_holds_the_record() -> None:
    result = state([("olga", "CHANGES_REQUESTED", HEAD), ("omar", "APPROVED", HEAD)], NEW)
    assert (result.state, result.who) == ("rejected", ("olga",))
    assert result.record == RecordNote(LENA, why_not="held by a request for changes")
    assert result.message.startswith(f"legal: {SAID} recorded in the manifest does not count: ")


@pytest.mark.parametrize("mode", ["launch", "any-commit", "never"])
def test_a_record_the_base_holds_does_not_sign_off_a_change(mode: str) -> None:
    result = state([("olga", "APPROVED", HEAD)], ON_BASE, stale=mode)
    assert result.state == "missing"
    assert result.record == RecordNote(LENA, why_not="recorded before this change")
    assert result.message.endswith(
        "; the sign-off by Lena Weber on Fri 20 Nov 2026 (LEGAL-1) was recorded before this "
        "pull request changed the launch: record legal's sign-off of this version"
    )


def test_the_newest_record_on_the_base_is_the_one_named() -> None:
    newer = LENA.model_copy(update={"on": dt.date(2026, 11, 22), "by": "Leo"})
    for records in ([LENA, newer], [newer, LENA]):
        on_base = [Recorded(record, index, new=False) for index, record in enumerate(records)]
        assert state([], on_base).record == RecordNote(newer, why_not="recorded before this change")


TWO = {"users": ["lee"], "recorded_by": ["ops", "audit"]}


@pytest.mark.parametrize(
    ("reviews", "expected"),
    [
        # ops stale, audit rejected: the request for changes says the most
        ([("olga", "APPROVED", OLD), ("aude", "CHANGES_REQUESTED", HEAD)], ("rejected", "aude")),
        ([("aude", "CHANGES_REQUESTED", HEAD), ("olga", "APPROVED", OLD)], ("rejected", "aude")),
        # ops missing, audit stale: the stale approval
        ([("aude", "APPROVED", OLD)], ("stale", "aude")),
        ([("olga", "APPROVED", OLD)], ("stale", "olga")),
    ],
)
def test_of_two_recording_roles_the_state_that_says_most_is_given(
    reviews: list[tuple[str, str, str]], expected: tuple[str, str]
) -> None:
    result = state(reviews, NEW, legal=TWO)
    assert (result.state, result.who) == (expected[0], (expected[1],))


def test_two_recording_roles_are_named_with_or() -> None:
    result = state([], NEW, legal=TWO)
    assert result.record == RecordNote(LENA, why_not="not approved by a member of ops or audit")


def test_a_members_stale_approval_is_kept_over_a_stale_recording() -> None:
    result = state([("lee", "APPROVED", OLD), ("olga", "APPROVED", OLD)], NEW)
    assert (result.state, result.who) == ("stale", ("lee",))
    assert result.record == RecordNote(LENA, why_not="approved before a change")
    assert result.message.startswith("legal: the approval by lee was given on ooooooo")


def test_a_members_own_approval_still_signs_off_and_comes_first() -> None:
    result = state([("lee", "APPROVED", HEAD), ("olga", "APPROVED", HEAD)], NEW)
    assert (result.state, result.who, result.record) == ("signed", ("lee",), None)


def test_a_members_request_for_changes_holds_the_role_over_a_record() -> None:
    result = state([("lee", "CHANGES_REQUESTED", HEAD), ("olga", "APPROVED", HEAD)], NEW)
    assert (result.state, result.who, result.record) == ("rejected", ("lee",), None)


def test_a_members_stale_approval_stays_stale_and_says_why_the_record_does_not_count() -> None:
    result = state([("lee", "APPROVED", OLD)], NEW)
    assert (result.state, result.who) == ("stale", ("lee",))
    assert result.record == RecordNote(LENA, why_not="not approved by a member of ops")
    assert f"; {SAID} recorded in the manifest does not count: olga or" in result.message


def test_the_newest_record_of_the_role_is_the_one_counted() -> None:
    older = LENA.model_copy(update={"on": dt.date(2026, 11, 2), "by": "Leo"})
    other = LENA.model_copy(update={"role": "product"})
    records = [Recorded(older, 0), Recorded(LENA, 1), Recorded(other, 2)]
    assert state([("olga", "APPROVED", HEAD)], records).record == RecordNote(LENA, "olga")


def test_a_new_record_counts_beside_one_the_base_holds() -> None:
    older = LENA.model_copy(update={"on": dt.date(2026, 11, 25)})
    records = [Recorded(older, 0, new=False), Recorded(LENA, 1)]
    assert state([("olga", "APPROVED", HEAD)], records).record == RecordNote(LENA, "olga")


def test_without_a_record_the_role_says_it_may_be_recorded() -> None:
    result = state([], [])
    assert result.message == (
        "legal has not signed off: lee must approve; or record a "
        "sign-off given outside GitHub under signoff_records: in the manifest, approved by "
        "a member of ops"
    )


def test_a_role_only_recorded_asks_for_a_record() -> None:
    result = state([], [], legal={"recorded_by": ["ops", "audit"]})
    assert result.message == (
        "legal has not signed off: record a sign-off given outside GitHub under "
        "signoff_records: in the manifest, approved by a member of ops or audit"
    )
    recorded = state([("aude", "APPROVED", HEAD)], NEW, legal={"recorded_by": ["ops", "audit"]})
    assert recorded.record == RecordNote(LENA, "aude")


def test_a_role_only_recorded_says_why_its_record_does_not_count() -> None:
    result = state([], NEW, legal={"recorded_by": ["ops"]})
    assert result.message == (
        f"legal has not signed off; {SAID} recorded in the manifest does not count: "
        "olga or any member of acme/legal-ops must approve"
    )


def test_a_role_not_recorded_ignores_records() -> None:
    result = state([("olga", "APPROVED", HEAD)], NEW, legal={"users": ["lee"]})
    assert (result.state, result.record) == ("missing", None)
    assert result.message == "legal has not signed off: lee must approve"


# ---- reading records ----------------------------------------------------------------------


def test_records_are_new_unless_the_base_holds_them_unchanged() -> None:
    moved = LENA.model_copy(update={"evidence": "LEGAL-2"})
    assert marked([moved, LENA], [LENA]) == [Recorded(moved, 0), Recorded(LENA, 1, new=False)]


def test_the_base_records_are_read_as_data_and_invalid_ones_skipped() -> None:
    data = {
        "signoff_records": [
            {"role": "legal", "by": "Lena Weber", "on": "2026-11-20", "evidence": LENA.evidence},
            {"role": "legal", "by": "Lena Weber"},
            "nonsense",
        ]
    }
    assert records_in(data) == [LENA]
    assert records_in({"signoff_records": "x"}) == [] == records_in(None)


@pytest.mark.parametrize(
    ("evidence", "url", "label"),
    [
        ("https://t.example/browse/LEGAL-123", "https://t.example/browse/LEGAL-123", "LEGAL-123"),
        ("HTTP://t.example/a/b/", "HTTP://t.example/a/b/", "b"),
        ("https://t.example", "https://t.example", "t.example"),
        (
            "https://t.example/Mail%20of%2020%20Nov",
            "https://t.example/Mail%20of%2020%20Nov",
            "Mail of 20 Nov",
        ),
        ("e-mail of  20 Nov\nto legal", None, "e-mail of 20 Nov to legal"),
        ("javascript:alert(1)", None, "javascript:alert(1)"),
        ("ftp://t.example/x", None, "ftp://t.example/x"),
        ("https:///no-host", None, "https:///no-host"),
        ("http://[::1", None, "http://[::1"),
        ("https://t.example/a b", None, "https://t.example/a b"),
    ],
)
def test_evidence_reads_as_a_short_label(evidence: str, url: str | None, label: str) -> None:
    assert evidence_url(evidence) == url
    assert evidence_label(evidence) == label


def test_a_record_is_described_with_its_day_and_evidence() -> None:
    assert describe(LENA) == "Lena Weber on Fri 20 Nov 2026 (LEGAL-1)"


# ---- the comment's cell: manifest text escaped, evidence a link only when it is a web address --


@pytest.mark.parametrize(
    ("evidence", "shown"),
    [
        ("https://t.example/LEGAL-1", "([LEGAL-1](https://t.example/LEGAL-1))"),
        # Nothing in the address ends the link or the table cell.
        (
            "https://t.example/a)](javascript:x)|<b>",
            r"([a)\](javascript:x)\|&lt;b&gt;](https://t.example/a%29%5D%28javascript:x%29%7C%3Cb%3E))",
        ),
        ("javascript:alert(1)", "(`javascript:alert(1)`)"),
        ("mail from `Lena` | 20 Nov", "(``mail from `Lena` \\| 20 Nov``)"),
        ("x" * 60, f"(`{'x' * 39}…`)"),
    ],
)
def test_a_recorded_signoff_in_the_comment_is_escaped(evidence: str, shown: str) -> None:
    from launchgate.github.comment import recorded_signoff

    record = LENA.model_copy(update={"evidence": evidence, "by": "@lena <i>W</i>"})
    assert recorded_signoff(RecordNote(record, "olga")) == (
        f"signed off by @&#8203;lena &lt;i&gt;W&lt;/i&gt; on Fri 20 Nov {shown}, "
        "recorded by @&#8203;olga"
    )
