"""Contributors do not sign off their own work: on the local GitHub, and the rules alone.

A role member who pushed commits to someone else's pull request, rebased it,
or is named as its co-author has approved their own copy; GitHub's own
"Update branch" merge makes nobody a contributor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.config import Config
from launchgate.github.approvals import SignoffCheck
from launchgate.github.client import PullCommit, Review
from launchgate.github.contributors import LISTED_AT_MOST, NOBODY, Contributors, contributors
from tests.github.fake import FakeGitHub
from tests.github.test_ci import BASE, CONFIG, SMART, TEAM, manifest, scenario, sign_off
from tests.github.test_release_ci import History

CHANGED = {SMART: manifest("smart-reports", day=3)}


def test_a_member_who_pushed_a_commit_does_not_sign_off(github: FakeGitHub, tmp_path: Path) -> None:
    s = scenario(github, tmp_path, CHANGED)
    pushed = s.pull.push({SMART: manifest("smart-reports", day=4)}, author="mo")
    sign_off(s)
    run = s.run(env=TEAM)
    assert run.code == 1, run.everything
    assert "signoff-missing" in run.stdout
    assert f"the approval by mo does not count: mo wrote {pushed[:7]}" in run.stdout
    assert s.status()[1] == "failure"
    assert "| ✅ ann | ⏳ not yet |" in s.comments()[0]


def test_an_update_branch_merge_does_not_make_the_member_who_clicked_it_a_contributor(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, CHANGED)
    s.repo.commit({"README.md": "moved on\n"})  # main moves on
    s.pull.update_branch(by="mo")  # GitHub commits the merge (web-flow)
    sign_off(s)
    run = s.run(env=TEAM)
    assert run.code == 0, run.everything
    assert s.status()[1] == "success"


def test_a_member_who_rebased_and_force_pushed_is_a_contributor(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, CHANGED)
    s.repo.commit({"README.md": "moved on\n"})
    rebased = s.pull.rebase(by="mo")  # dana's commit, with mo as its committer
    sign_off(s)
    run = s.run(env=TEAM)
    assert run.code == 1, run.everything
    assert f"the approval by mo does not count: mo committed {rebased[:7]}" in run.stdout


def test_a_co_author_named_by_a_no_reply_address_is_a_contributor(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, CHANGED)
    mo = github.user("mo")
    message = f"Shorter subtitle\n\nCo-authored-by: Mo <{mo.id}+mo@users.noreply.github.com>\n"
    pushed = s.pull.push({SMART: manifest("smart-reports", day=4)}, message=message)
    sign_off(s)
    run = s.run(env=TEAM)
    assert run.code == 1, run.everything
    assert f"mo is named as co-author of {pushed[:7]}" in run.stdout


def test_allow_contributors_counts_their_approval_and_asks_github_nothing_more(
    github: FakeGitHub, tmp_path: Path
) -> None:
    policy = {**BASE, ".launchgate.yml": CONFIG + "signoffs: {allow_contributors: true}\n"}
    s = scenario(github, tmp_path, CHANGED, base=policy)
    s.pull.push({SMART: manifest("smart-reports", day=4)}, author="mo")
    sign_off(s)
    run = s.run(env=TEAM)
    assert run.code == 0, run.everything
    assert github.count("GET", r"/pulls/7/commits$") == 0


def test_a_contributor_to_the_provenance_pull_request_does_not_sign_the_release_off(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    repo = history.repo
    head = repo.commit(CHANGED, parent=repo.branches["main"], branch="change", author="dana")
    pull = repo.add_pull(101, "dana", None, head, "change")
    pushed = pull.push({SMART: manifest("smart-reports", day=4)}, author="mo")
    pull.review("ann", "APPROVED")
    pull.review("mo", "APPROVED")  # mo pushed to dana's pull request, then approved it
    pull.merge()
    s = history.release()
    run = s.run(env=TEAM)
    assert run.code == 1, run.everything
    assert f"the approval by mo does not count: mo wrote {pushed[:7]}" in run.stdout
    assert "in #101, the last pull request to change" in run.stdout
    # An approval on the release pull request by someone who did not contribute signs it off.
    s.pull.review("mo", "APPROVED")
    again = s.run(env=TEAM)
    assert again.code == 0, again.everything


# ---- the rules alone ------------------------------------------------------------------------


def commit(
    sha: str,
    author: str,
    committer: str | None = None,
    message: str = "Change",
    *,
    merge: bool = False,
) -> PullCommit:
    return PullCommit(sha * 40, author, author if committer is None else committer, message, merge)


def test_authors_and_committers_contribute_and_github_itself_does_not() -> None:
    found = contributors(
        [
            commit("a", "dana"),
            commit("b", "ann", "web-flow"),  # written in GitHub's web editor: ann wrote it
            commit("c", "mo", "web-flow", merge=True),  # the Update branch button
            commit("d", "", "lee"),  # an author e-mail no account claims, committed by lee
        ]
    )
    assert {login: c.how for login, c in found.found.items()} == {
        "dana": "wrote",
        "ann": "wrote",
        "lee": "committed",
    }
    assert found.complete


@pytest.mark.parametrize(
    ("email", "login"),
    [
        ("123+Mo@users.noreply.github.com", "mo"),
        ("mo@users.noreply.github.com", "mo"),  # the older no-reply form
        ("dependabot[bot]@users.noreply.github.com", "dependabot[bot]"),
        ("lee@example.com", None),  # whose it is, the REST API does not say: nobody
        ("lee+x@users.noreply.github.com.evil.example", None),
    ],
)
def test_co_authors_count_when_a_no_reply_address_names_them(email: str, login: str | None) -> None:
    message = f"Copy\n\nCo-authored-by: Someone <{email}>\n"
    found = contributors(
        [
            commit("a", "dana", message=message),
        ]
    )
    co_authors = {name for name, c in found.found.items() if c.how == "co-authored"}
    assert co_authors == ({login} if login else set())


def test_a_pull_request_github_cannot_list_whole_counts_no_approval() -> None:
    many = [commit("a", "dana") for _ in range(LISTED_AT_MOST)]
    assert not contributors(many).complete
    assert contributors(many[:-1]).complete


def test_when_github_cannot_list_every_commit_no_approval_counts_and_the_finding_says_why() -> None:
    check = SignoffCheck(
        config=Config.model_validate({"roles": {"product": {"users": ["ann"]}}}),
        config_file=".launchgate.yml",
        author="dana",
        head_sha="h" * 40,
        reviews=[Review("ann", "APPROVED", "h" * 40, "")],
        membership=lambda login, team: False,
        changes_since=lambda commit: set(),
        contributors=lambda: Contributors({}, complete=False),
    )
    state = check.role_state("product", {"launches/x.yaml"})
    assert state.state == "missing"
    assert "the approval by ann does not count: GitHub lists only the first 250" in state.message


def product_check(
    approvers: list[str], found: Contributors, asked: list[int], allow: bool = False
) -> SignoffCheck:
    def lookup() -> Contributors:
        asked.append(1)
        return found

    policy = {
        "roles": {"product": {"users": ["ann", "pat"]}},
        "signoffs": {"allow_contributors": allow},
    }
    return SignoffCheck(
        config=Config.model_validate(policy),
        config_file=".launchgate.yml",
        author="dana",
        head_sha="h" * 40,
        reviews=[Review(login, "APPROVED", "h" * 40, "") for login in approvers],
        membership=lambda login, team: False,
        changes_since=lambda commit: set(),
        contributors=lookup,
    )


def test_another_member_signs_off_where_a_contributor_cannot() -> None:
    pat_wrote = contributors([commit("a", "pat")])
    asked: list[int] = []
    state = product_check(["pat", "ann"], pat_wrote, asked).role_state("product", {"x.yaml"})
    assert (state.state, state.who) == ("signed", ("ann",))
    alone = product_check(["pat"], pat_wrote, asked).role_state("product", {"x.yaml"})
    assert alone.state == "missing"
    assert "the approval by pat does not count: pat wrote aaaaaaa" in alone.message


def test_contributors_are_asked_for_only_when_a_member_approved_and_the_policy_cares() -> None:
    asked: list[int] = []
    product_check(["bob"], NOBODY, asked).role_state("product", {"x.yaml"})  # not a member
    product_check(["ann"], NOBODY, asked, allow=True).role_state("product", {"x.yaml"})
    assert asked == []
    product_check(["ann"], NOBODY, asked).role_state("product", {"x.yaml"})
    assert asked == [1]
