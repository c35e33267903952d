"""The sign-off rules of the brief, one case each, without a server."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from launchgate.config import Config
from launchgate.github.approvals import SignoffCheck, who_may_sign
from launchgate.github.client import Review
from launchgate.github.contributors import NOBODY

HEAD = "h" * 40
OLD = "o" * 40
MANIFEST = "launches/smart-reports.yaml"


def config(stale: str = "launch") -> Config:
    return Config.model_validate(
        {
            "roles": {
                "product": {"users": ["ann", "@pat"]},
                "marketing": {"teams": ["acme/marketing"]},
                "legal": {"users": ["lee"], "teams": ["acme/legal"]},
                "empty": {},
            },
            "signoffs": {"stale": stale},
        }
    )


def state(
    role: str,
    reviews: list[tuple[str, str, str]],
    *,
    stale: str = "launch",
    teams: Mapping[tuple[str, str], bool | None] | None = None,
    changed: set[str] | None = None,
    author: str = "dana",
) -> tuple[str, tuple[str, ...], str]:
    asked: list[str] = []

    def changes_since(commit: str) -> set[str] | None:
        asked.append(commit)
        return changed

    check = SignoffCheck(
        config=config(stale),
        config_file=".launchgate.yml",
        author=author,
        head_sha=HEAD,
        reviews=[Review(login, kind, commit, "") for login, kind, commit in reviews],
        membership=lambda login, team: (teams or {}).get((login, team), False),
        changes_since=changes_since,
        contributors=lambda: NOBODY,
    )
    result = check.role_state(role, {MANIFEST})
    return result.state, result.who, result.message


def test_a_member_approving_the_head_signs_off() -> None:
    assert state("product", [("ann", "APPROVED", HEAD)])[:2] == ("signed", ("ann",))


def test_users_are_matched_without_at_and_without_case() -> None:
    assert state("product", [("Pat", "APPROVED", HEAD)])[:2] == ("signed", ("Pat",))


def test_someone_outside_the_role_does_not_sign_off() -> None:
    result, _, message = state("product", [("mallory", "APPROVED", HEAD)])
    assert result == "missing"
    assert "ann or pat must approve" in message


def test_the_author_never_signs_off_and_is_told_so() -> None:
    result, _, message = state("product", [("ann", "APPROVED", HEAD)], author="ann")
    assert result == "missing"
    assert "the approval by the author ann was ignored" in message
    assert "pat must approve" in message and "ann or" not in message


def test_only_the_latest_review_counts() -> None:
    approved_then_rejected = [("ann", "APPROVED", OLD), ("ann", "CHANGES_REQUESTED", HEAD)]
    assert state("product", approved_then_rejected)[0] == "rejected"
    rejected_then_approved = [("ann", "CHANGES_REQUESTED", OLD), ("ann", "APPROVED", HEAD)]
    assert state("product", rejected_then_approved)[0] == "signed"


def test_a_comment_after_an_approval_changes_nothing() -> None:
    reviews = [("ann", "APPROVED", HEAD), ("ann", "COMMENTED", HEAD)]
    assert state("product", reviews)[0] == "signed"


def test_a_dismissed_review_counts_as_nothing() -> None:
    reviews = [("ann", "APPROVED", HEAD), ("ann", "DISMISSED", HEAD)]
    assert state("product", reviews)[0] == "missing"


def test_changes_requested_by_a_member_holds_the_role_over_another_approval() -> None:
    reviews = [("ann", "APPROVED", HEAD), ("pat", "CHANGES_REQUESTED", HEAD)]
    result, who, message = state("product", reviews)
    assert (result, who) == ("rejected", ("pat",))
    assert "pat requested changes and has not approved since" in message


def test_changes_requested_by_an_outsider_does_not_reject() -> None:
    reviews = [("ann", "APPROVED", HEAD), ("mallory", "CHANGES_REQUESTED", HEAD)]
    assert state("product", reviews)[0] == "signed"


@pytest.mark.parametrize(
    ("mode", "changed", "expected"),
    [
        ("launch", {MANIFEST}, "stale"),  # the launch changed after the review
        ("launch", {"README.md"}, "signed"),  # something else changed
        ("launch", None, "stale"),  # a force-push: what changed is unknown
        ("any-commit", set(), "stale"),
        ("never", {MANIFEST}, "signed"),
    ],
)
def test_staleness_follows_the_policy(mode: str, changed: set[str] | None, expected: str) -> None:
    result, who, message = state("product", [("ann", "APPROVED", OLD)], stale=mode, changed=changed)
    assert result == expected
    if expected == "stale":
        assert who == ("ann",)
        assert "ooooooo" in message and "ann must approve again" in message


def test_an_approval_of_the_head_is_never_stale() -> None:
    result = state("product", [("ann", "APPROVED", HEAD)], stale="any-commit", changed={MANIFEST})
    assert result[0] == "signed"


def test_an_active_team_member_signs_off() -> None:
    teams = {("mo", "acme/marketing"): True}
    assert state("marketing", [("mo", "APPROVED", HEAD)], teams=teams)[:2] == ("signed", ("mo",))


def test_a_pending_or_former_member_does_not() -> None:
    teams = {("mo", "acme/marketing"): False}
    result, _, message = state("marketing", [("mo", "APPROVED", HEAD)], teams=teams)
    assert result == "missing"
    assert "any member of acme/marketing must approve" in message


def test_unreadable_membership_is_said_plainly_not_guessed() -> None:
    teams: dict[tuple[str, str], bool | None] = {("mo", "acme/marketing"): None}
    result, _, message = state("marketing", [("mo", "APPROVED", HEAD)], teams=teams)
    assert result == "missing"
    assert "mo in acme/marketing" in message and "team-token" in message


def test_a_role_with_nobody_in_the_base_policy_cannot_be_signed() -> None:
    for role in ("empty", "finance"):
        result, _, message = state(role, [("ann", "APPROVED", HEAD)])
        assert result == "missing"
        assert "maps it to no users or teams" in message


def test_who_may_sign_leaves_the_author_out() -> None:
    legal = config().roles["legal"]
    assert who_may_sign(legal) == "lee or any member of acme/legal"
    assert who_may_sign(legal, author="LEE") == "any member of acme/legal"
