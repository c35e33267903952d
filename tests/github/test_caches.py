"""The GitHub caches of a pull-request run: each question asked once, and 404s read right.

A small client stands in for GitHub: it answers from dicts and counts what it was
asked, so each test says how many requests a run would make.
"""

from __future__ import annotations

from collections import Counter
from typing import cast

import pytest

from launchgate.github.caches import ChangesSince, TeamMemberships, within
from launchgate.github.client import (
    COMPARE_FILES,
    ChangedFile,
    Forbidden,
    GitHubClient,
    NotFound,
)

HEAD = "h" * 40


class Client:
    """The three questions the caches ask, answered from dicts; every call is counted."""

    def __init__(
        self,
        memberships: dict[tuple[str, str, str], str | None] | None = None,
        visible: dict[tuple[str, str], bool | None] | None = None,
        compares: dict[str, tuple[str, list[ChangedFile]]] | None = None,
    ) -> None:
        self.memberships = memberships or {}
        self.visible = visible or {}
        self.compares = compares or {}
        self.calls: Counter[tuple[str, ...]] = Counter()

    def team_membership(self, org: str, team: str, login: str) -> str | None:
        self.calls["membership", org, team, login] += 1
        answer = self.memberships.get((org, team, login))
        if answer == "forbidden":
            raise Forbidden("may not read memberships")
        return answer

    def team_visible(self, org: str, team: str) -> bool:
        self.calls["visible", org, team] += 1
        answer = self.visible.get((org, team), True)
        if answer is None:
            raise Forbidden("may not read teams")
        return answer

    def compare(self, base: str, head: str) -> tuple[str, list[ChangedFile]]:
        self.calls["compare", base, head] += 1
        if base not in self.compares:
            raise NotFound(f"no commit {base}")
        return self.compares[base]

    def asked(self, kind: str) -> int:
        return sum(n for call, n in self.calls.items() if call[0] == kind)


def memberships(client: Client, *, team_token: bool) -> TeamMemberships:
    return TeamMemberships(cast(GitHubClient, client), trusted_404=team_token)


# --- TeamMemberships ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "expected"), [("active", True), ("pending", False), ("unknown", None)]
)
def test_membership_is_true_only_when_active(state: str, expected: bool | None) -> None:
    client = Client({("acme", "legal", "lee"): state})
    assert memberships(client, team_token=True)("lee", "acme/legal") is expected


def test_membership_is_asked_once_per_login_and_team_whatever_the_case() -> None:
    client = Client({("acme", "legal", "lee"): "active"})
    lookup = memberships(client, team_token=True)
    assert lookup("lee", "acme/legal") is True
    assert lookup("LEE", "Acme/Legal") is True
    assert lookup("Lee", "acme/LEGAL") is True
    assert client.calls == Counter({("membership", "acme", "legal", "lee"): 1})


def test_other_logins_and_teams_are_asked_each() -> None:
    client = Client({("acme", "legal", "lee"): "active", ("acme", "brand", "lee"): "active"})
    lookup = memberships(client, team_token=True)
    assert lookup("lee", "acme/legal") is True
    assert lookup("lee", "acme/brand") is True
    assert lookup("ann", "acme/legal") is False
    assert client.asked("membership") == 3


def test_a_forbidden_membership_is_unknown_and_asked_once() -> None:
    client = Client({("acme", "legal", "lee"): "forbidden"})
    lookup = memberships(client, team_token=True)
    assert lookup("lee", "acme/legal") is None
    assert lookup("lee", "acme/legal") is None
    assert client.calls == Counter({("membership", "acme", "legal", "lee"): 1})
    assert lookup.unseen == set()


def test_a_404_from_the_workflow_token_is_unknown_not_a_no() -> None:
    client = Client(visible={("acme", "legal"): False})
    lookup = memberships(client, team_token=False)
    assert lookup("lee", "acme/legal") is None
    # The workflow token cannot see teams at all: asking whether one exists tells nothing.
    assert client.asked("visible") == 0
    assert lookup.unseen == set()


def test_a_404_from_a_team_token_is_not_a_member() -> None:
    client = Client()
    lookup = memberships(client, team_token=True)
    assert lookup("mallory", "acme/legal") is False
    assert client.calls["visible", "acme", "legal"] == 1
    assert lookup.unseen == set()


def test_a_team_the_team_token_cannot_see_is_recorded_as_unseen() -> None:
    client = Client(visible={("acme", "Legl"): False})
    lookup = memberships(client, team_token=True)
    assert lookup("lee", "acme/Legl") is False
    assert lookup("ann", "acme/Legl") is False
    assert lookup.unseen == {"acme/legl"}


def test_team_visibility_is_asked_once_per_team() -> None:
    client = Client(visible={("acme", "legl"): False})
    lookup = memberships(client, team_token=True)
    for login in ("lee", "ann", "Bob"):
        assert lookup(login, "acme/legl") is False
        assert lookup(login, "acme/brand") is False
    assert client.asked("membership") == 6
    assert client.calls["visible", "acme", "legl"] == 1
    assert client.calls["visible", "acme", "brand"] == 1
    assert lookup.unseen == {"acme/legl"}


def test_a_team_whose_visibility_may_not_be_asked_is_not_called_unseen() -> None:
    client = Client(visible={("acme", "legal"): None})  # None: Forbidden
    lookup = memberships(client, team_token=True)
    assert lookup("lee", "acme/legal") is False
    assert lookup("ann", "acme/legal") is False
    assert client.asked("visible") == 1
    assert lookup.unseen == set()


@pytest.mark.parametrize("team", ["legal", "acme/", "/legal", ""])
def test_a_team_without_org_and_slug_has_no_members_and_costs_nothing(team: str) -> None:
    client = Client()
    lookup = memberships(client, team_token=True)
    assert lookup("lee", team) is False
    assert lookup("lee", team) is False
    assert client.calls == Counter()
    assert lookup.unseen == set()


def test_a_slug_is_split_at_its_first_slash() -> None:
    client = Client({("acme", "legal/eu", "lee"): "active"})
    assert memberships(client, team_token=True)("lee", "acme/legal/eu") is True


# --- ChangesSince ---------------------------------------------------------------------------


def changes(client: Client, prefix: str = "") -> ChangesSince:
    return ChangesSince(cast(GitHubClient, client), HEAD, prefix)


def test_changes_since_a_commit_are_its_paths_with_renamed_ones_old_and_new() -> None:
    files = [
        ChangedFile("launches/a.yaml", "modified"),
        ChangedFile("launches/b.yaml", "renamed", "launches/old-b.yaml"),
    ]
    client = Client(compares={"c1": ("ahead", files)})
    since = changes(client)
    assert since("c1") == {"launches/a.yaml", "launches/b.yaml", "launches/old-b.yaml"}
    assert since.why_unknown("c1") is None


def test_nothing_changed_since_an_identical_commit() -> None:
    client = Client(compares={"c1": ("identical", [])})
    assert changes(client)("c1") == set()


def test_each_commit_is_compared_once() -> None:
    client = Client(
        compares={"c1": ("ahead", [ChangedFile("a.yaml", "added")]), "c2": ("ahead", [])}
    )
    since = changes(client)
    assert since("c1") == {"a.yaml"}
    assert since("c1") == {"a.yaml"}
    assert since("c2") == set()
    assert since("c2") == set()
    assert client.calls == Counter({("compare", "c1", HEAD): 1, ("compare", "c2", HEAD): 1})


@pytest.mark.parametrize("status", ["diverged", "behind", ""])
def test_a_head_not_ahead_of_the_commit_means_unknown(status: str) -> None:
    client = Client(compares={"c1": (status, [ChangedFile("README.md", "modified")])})
    since = changes(client)
    assert since("c1") is None
    assert since("c1") is None
    assert client.asked("compare") == 1
    assert since.why_unknown("c1") is None  # no reason to give beyond "it changed"


def test_a_commit_github_no_longer_has_means_unknown_and_is_asked_once() -> None:
    client = Client()
    since = changes(client)
    assert since("gone") is None
    assert since("gone") is None
    assert client.asked("compare") == 1
    assert since.why_unknown("gone") is None


def test_a_comparison_cut_short_means_unknown_and_says_why() -> None:
    listed = [ChangedFile(f"docs/{n}.md", "modified") for n in range(COMPARE_FILES)]
    client = Client(compares={"c1": ("ahead", listed), "c2": ("ahead", listed[:-1])})
    since = changes(client)
    assert since("c1") is None
    assert since("c1") is None
    assert client.asked("compare") == 1
    why = since.why_unknown("c1")
    assert why is not None and f"at most {COMPARE_FILES} changed files" in why
    # One file fewer is the whole list: known, and nothing to explain.
    assert since("c2") == {f"docs/{n}.md" for n in range(COMPARE_FILES - 1)}
    assert since.why_unknown("c2") is None


def test_a_comparison_cut_short_counts_every_file_not_only_those_in_the_folder() -> None:
    listed = [ChangedFile("README.md", "modified")] * (COMPARE_FILES - 1)
    listed.append(ChangedFile("site/launches/a.yaml", "modified"))
    client = Client(compares={"c1": ("ahead", listed)})
    since = changes(client, prefix="site/")
    assert since("c1") is None
    assert since.why_unknown("c1") is not None


def test_changes_are_relative_to_the_checked_folder() -> None:
    files = [
        ChangedFile("site/launches/a.yaml", "modified"),
        ChangedFile("README.md", "modified"),
        ChangedFile("site/launches/b.yaml", "renamed", "launches/b.yaml"),
    ]
    client = Client(compares={"c1": ("ahead", files)})
    assert changes(client, prefix="site/")("c1") == {"launches/a.yaml", "launches/b.yaml"}


# --- within ---------------------------------------------------------------------------------


def test_within_no_folder_is_everything_unchanged() -> None:
    files = [ChangedFile("a.yaml", "added"), ChangedFile("b/c.yaml", "renamed", "c.yaml")]
    assert within(files, "") is files


def test_within_a_folder_keeps_its_files_relative_and_drops_the_rest() -> None:
    files = [
        ChangedFile("site/a.yaml", "added"),
        ChangedFile("other/site/b.yaml", "added"),
        ChangedFile("site/c.yaml", "renamed", "site/old-c.yaml"),
        ChangedFile("site/d.yaml", "renamed", "elsewhere/d.yaml"),
        ChangedFile("moved-out.yaml", "renamed", "site/moved-out.yaml"),
    ]
    assert within(files, "site/") == [
        ChangedFile("a.yaml", "added"),
        ChangedFile("c.yaml", "renamed", "old-c.yaml"),
        ChangedFile("d.yaml", "renamed", None),  # came from outside: no earlier path inside
    ]
