"""The sign-off rules of the brief, one case each, without a server."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from launchgate.config import Config
from launchgate.github.approvals import RoleState, SignoffCheck, who_may_sign
from launchgate.github.client import Review
from launchgate.github.contributors import NOBODY, Contribution, Contributors

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


# --- the wording of each state, and what is asked of GitHub (pinned by mutation testing) ----

OTHER = "b" * 40
TEAM_CONFIG = {
    "roles": {
        "product": {"users": ["ann", "pat", "kim"]},
        "marketing": {"teams": ["acme/marketing", "Acme/Brand"]},
        "legal": {"users": ["lee"], "teams": ["acme/legal"]},
        "solo": {"users": ["Dana"]},
    }
}


class Run:
    """A SignoffCheck over TEAM_CONFIG that records what it asks of GitHub."""

    def __init__(
        self,
        *,
        teams: Mapping[tuple[str, str], bool | None] | None = None,
        changed: Mapping[str, set[str] | None] | None = None,
        why: Mapping[str, str] | None = None,
        contributors: Contributors = NOBODY,
        unseen: frozenset[str] = frozenset(),
        signoffs: Mapping[str, object] | None = None,
    ) -> None:
        self.teams = teams or {}
        self.changed = changed or {}
        self.why = why or {}
        self.found = contributors
        self.unseen = unseen
        self.config = Config.model_validate({**TEAM_CONFIG, "signoffs": signoffs or {}})
        self.lookups: list[tuple[str, str]] = []
        self.compared: list[str] = []
        self.explained: list[str] = []

    def membership(self, login: str, team: str) -> bool | None:
        self.lookups.append((login, team))
        return self.teams.get((login, team), False)

    def changes_since(self, commit: str) -> set[str] | None:
        self.compared.append(commit)
        return self.changed.get(commit, {MANIFEST})

    def unknown_why(self, commit: str) -> str | None:
        self.explained.append(commit)
        return self.why.get(commit)

    def state(
        self, role: str, reviews: list[tuple[str, str, str]], author: str = "dana"
    ) -> RoleState:
        check = SignoffCheck(
            config=self.config,
            config_file=".launchgate.yml",
            author=author,
            head_sha=HEAD,
            reviews=[Review(login, kind, commit, "") for login, kind, commit in reviews],
            membership=self.membership,
            changes_since=self.changes_since,
            contributors=lambda: self.found,
            unknown_why=self.unknown_why,
            unseen_teams=self.unseen,
        )
        result = check.role_state(role, {MANIFEST})
        assert result.role == role
        return result


def test_a_role_mapped_to_nobody_says_so_in_full() -> None:
    result = Run().state("finance", [("ann", "APPROVED", HEAD)])
    assert (result.state, result.who) == ("missing", ())
    assert result.message == (
        "finance must sign off, but .launchgate.yml on the base branch maps it to no users "
        "or teams, so nobody can"
    )


def test_changes_requested_by_two_members_names_both() -> None:
    reviews = [("ann", "CHANGES_REQUESTED", HEAD), ("kim", "CHANGES_REQUESTED", HEAD)]
    result = Run().state("product", reviews)
    assert (result.state, result.who) == ("rejected", ("ann", "kim"))
    assert result.message == "product: ann and kim requested changes and has not approved since"


def test_listed_users_are_asked_before_any_team_lookup() -> None:
    run = Run(teams={("tm", "acme/legal"): True})
    result = run.state("legal", [("tm", "APPROVED", HEAD), ("lee", "APPROVED", HEAD)])
    assert (result.state, result.who, result.message) == ("signed", ("lee",), "")
    assert run.lookups == []


def test_people_listed_in_other_roles_are_looked_up_last() -> None:
    run = Run(teams={("mo", "acme/marketing"): True})
    result = run.state("marketing", [("Ann", "APPROVED", HEAD), ("mo", "APPROVED", HEAD)])
    assert (result.state, result.who) == ("signed", ("mo",))
    assert run.lookups == [("mo", "acme/marketing")]


def test_an_approval_by_an_outsider_first_does_not_hide_a_members() -> None:
    run = Run(teams={("mo", "acme/marketing"): True})
    result = run.state("marketing", [("mallory", "APPROVED", HEAD), ("mo", "APPROVED", HEAD)])
    assert (result.state, result.who) == ("signed", ("mo",))


def test_a_membership_is_looked_up_once_per_role_check() -> None:
    run = Run(teams={("Mo", "acme/marketing"): True})
    result = run.state("marketing", [("Mo", "APPROVED", OLD)])
    assert (result.state, result.who) == ("stale", ("Mo",))
    assert run.lookups == [("Mo", "acme/marketing")]


def test_stale_approvals_name_every_commit_and_person() -> None:
    run = Run()
    reviews = [("ann", "APPROVED", OLD), ("pat", "APPROVED", OTHER), ("kim", "APPROVED", OLD)]
    result = run.state("product", reviews)
    assert (result.state, result.who) == ("stale", ("ann", "pat", "kim"))
    assert result.message == (
        "product: the approval by ann, pat and kim was given on bbbbbbb, ooooooo; the launch "
        "changed since, so ann, pat and kim must approve again"
    )
    assert sorted(run.compared) == [OTHER, OLD, OLD]
    assert sorted(run.explained) == [OTHER, OLD, OLD]


def test_a_stale_approval_says_when_what_changed_cannot_be_known() -> None:
    run = Run(changed={OLD: None}, why={OLD: "GitHub lists at most 300 changed files"})
    result = run.state("product", [("ann", "APPROVED", OLD)])
    assert result.message == (
        "product: the approval by ann was given on ooooooo; launchgate could not tell what "
        "changed since (GitHub lists at most 300 changed files), so ann must approve again"
    )


def test_every_reason_why_the_changes_are_unknown_is_given() -> None:
    run = Run(changed={OLD: None, OTHER: None}, why={OLD: "one reason", OTHER: "another"})
    result = run.state("product", [("ann", "APPROVED", OLD), ("pat", "APPROVED", OTHER)])
    assert "launchgate could not tell what changed since (another; one reason)" in result.message


def test_one_change_seen_is_a_change_even_when_another_is_unknown() -> None:
    run = Run(changed={OLD: None}, why={OLD: "one reason"})
    result = run.state("product", [("ann", "APPROVED", OLD), ("pat", "APPROVED", OTHER)])
    assert "; the launch changed since, so ann and pat must approve again" in result.message


def test_with_any_commit_a_stale_approval_says_new_commits_were_pushed() -> None:
    run = Run(changed={OLD: set()}, signoffs={"stale": "any-commit"})
    result = run.state("product", [("ann", "APPROVED", OLD)])
    assert result.message == (
        "product: the approval by ann was given on ooooooo; new commits were pushed since, "
        "so ann must approve again"
    )
    assert run.compared == []


def test_the_author_as_the_only_listed_approver() -> None:
    result = Run().state("solo", [], author="dana")
    assert result.message == (
        "solo has not signed off: nobody but the author must approve "
        "(dana opened this pull request and cannot sign it off)"
    )


def test_a_role_lists_who_may_sign_with_or() -> None:
    result = Run().state("product", [])
    assert result.message == "product has not signed off: ann, pat or kim must approve"


def test_a_contributors_approval_does_not_count_and_says_why() -> None:
    found = Contributors({"ann": Contribution("committed", OLD), "kim": Contribution("wrote", OLD)})
    result = Run(contributors=found).state(
        "product", [("ann", "APPROVED", HEAD), ("kim", "APPROVED", HEAD)]
    )
    assert (result.state, result.who) == ("missing", ())
    assert result.message == (
        "product has not signed off: ann, pat or kim must approve; "
        "the approval by ann does not count: ann committed ooooooo to this pull request, "
        "and nobody signs off their own work; "
        "the approval by kim does not count: kim wrote ooooooo, a commit of this pull request, "
        "and nobody signs off their own work"
    )


def test_a_contributors_approval_beside_a_stale_one_is_explained_too() -> None:
    found = Contributors({"kim": Contribution("wrote", HEAD), "pat": Contribution("wrote", HEAD)})
    reviews = [("ann", "APPROVED", OLD), ("kim", "APPROVED", HEAD), ("pat", "APPROVED", HEAD)]
    result = Run(contributors=found).state("product", reviews)
    assert (result.state, result.who) == ("stale", ("ann",))
    assert result.message.endswith(
        "so ann must approve again; "
        "the approval by kim does not count: kim wrote hhhhhhh, a commit of this pull request, "
        "and nobody signs off their own work; "
        "the approval by pat does not count: pat wrote hhhhhhh, a commit of this pull request, "
        "and nobody signs off their own work"
    )


def test_contributors_may_sign_when_the_policy_allows_it() -> None:
    found = Contributors({"ann": Contribution("wrote", HEAD)})
    run = Run(contributors=found, signoffs={"allow_contributors": True})
    result = run.state("product", [("ann", "APPROVED", HEAD)])
    assert (result.state, result.who) == ("signed", ("ann",))


def test_an_approval_with_the_commit_list_cut_short_does_not_count() -> None:
    run = Run(contributors=Contributors(complete=False))
    result = run.state("product", [("ann", "APPROVED", HEAD)])
    assert result.message == (
        "product has not signed off: ann, pat or kim must approve; the approval by ann does "
        "not count: GitHub lists only the first 250 commits of this pull request, so "
        "launchgate cannot tell whether they contributed (split the pull request)"
    )


def test_a_team_the_token_cannot_see_is_named() -> None:
    result = Run(unseen=frozenset({"acme/brand"})).state("marketing", [])
    assert result.message == (
        "marketing has not signed off: any member of acme/marketing or any member of "
        "Acme/Brand must approve; Acme/Brand does not exist or the team-token cannot see it: "
        "check the slug in .launchgate.yml and that the token's owner is in that organisation"
    )


def test_two_teams_the_token_cannot_see_are_named_together() -> None:
    result = Run(unseen=frozenset({"acme/brand", "acme/marketing"})).state("marketing", [])
    assert result.message.endswith(
        "; acme/marketing and Acme/Brand do not exist or the team-token cannot see them: "
        "check the slug in .launchgate.yml and that the token's owner is in that organisation"
    )


def test_every_unreadable_membership_is_listed() -> None:
    run = Run(teams={("mo", "acme/marketing"): None, ("kim", "acme/marketing"): None})
    result = run.state("marketing", [("mo", "APPROVED", HEAD), ("kim", "APPROVED", HEAD)])
    assert result.message == (
        "marketing has not signed off: any member of acme/marketing or any member of "
        "Acme/Brand must approve; approved by someone whose team membership could not be "
        "read (mo in acme/marketing, kim in acme/marketing): give the action a team-token "
        "that may read organisation members"
    )


def test_who_may_sign_when_only_the_author_is_listed() -> None:
    solo = TEAM_CONFIG_ROLES["solo"]
    assert who_may_sign(solo, author="DANA") == "nobody but the author"
    assert who_may_sign(solo) == "Dana"


TEAM_CONFIG_ROLES = Config.model_validate(TEAM_CONFIG).roles
