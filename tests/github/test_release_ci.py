"""Release pull requests end to end: provenance of sign-offs, release-mismatch, the comment.

A release pull request ships every launch of its version. A launch whose manifest it
does not change keeps the sign-offs of the pull request that last changed it on the
base branch; these tests build that history in the local GitHub and run `launchgate ci`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import cast

from launchgate.github.client import GitHubClient, Review
from launchgate.github.provenance import Provenance, ProvenanceFinder
from tests.github.fake import FakeGitHub
from tests.github.model import Pull, Repo
from tests.github.test_ci import BASE, SMART, TEAM, Scenario, manifest

RELEASE_BASE = {
    **BASE,
    # Only smart-reports ships in 4.2.0; the other two wait for 4.3.0.
    "launches/data-export.yaml": manifest("data-export", day=8).replace("4.2.0", "4.3.0"),
    "launches/team-goals.yaml": manifest("team-goals", day=15).replace("4.2.0", "4.3.0"),
}


class History:
    """A repository whose main branch the tests grow pull request by pull request."""

    def __init__(self, github: FakeGitHub, tmp_path: Path) -> None:
        self.github = github
        self.tmp_path = tmp_path
        self.repo: Repo = github.add_repo("acme/app")
        github.team("acme", "marketing", {"mo": "active"})
        self.repo.commit(dict(RELEASE_BASE), message="Launches, pushed before launchgate")
        self.number = 100

    def merged(
        self, changes: Mapping[str, str | None], author: str, *approvers: str, after: str = ""
    ) -> Pull:
        """A pull request into main with CHANGES, approved by APPROVERS, merged."""
        self.number += 1
        branch = f"change-{self.number}"
        head = self.repo.commit(changes, parent=self.repo.branches["main"], branch=branch)
        pull = self.repo.add_pull(self.number, author, None, head, branch)
        for login in approvers:
            pull.review(login, "APPROVED")
        pull.merge()
        for login in after.split():
            pull.review(login, "APPROVED")  # after the merge: too late to count
        return pull

    def approved(self, changes: Mapping[str, str | None], base: str = "main") -> Pull:
        """Pull request #150 from `work` into BASE, by dana, approved by ann and mo; open."""
        head = self.repo.commit(changes, parent=self.repo.branches[base], branch="work")
        pull = self.repo.add_pull(150, "dana", None, head, "work", base_ref=base)
        pull.review("ann", "APPROVED")
        pull.review("mo", "APPROVED")
        return pull

    def push(self, changes: dict[str, str | None]) -> str:
        """A commit straight onto main, with no pull request."""
        sha = self.repo.commit(changes, parent=self.repo.branches["main"], branch="main")
        self.repo.branches["main"] = sha
        return sha

    def release(
        self,
        changes: dict[str, str | None] | None = None,
        *,
        branch: str = "release/4.2.0",
        title: str | None = None,
        labels: tuple[str, ...] = (),
        due: str | None = None,
        cut_from: str | None = None,
    ) -> Scenario:
        """The release pull request into main; its branch cut from CUT_FROM (default: main)."""
        base = self.repo.branches["main"]
        head = self.repo.commit(
            changes or {"CHANGELOG.md": "## 4.2.0\n"}, parent=cut_from or base, branch=branch
        )
        pull = self.repo.add_pull(
            200, "rel", base, head, branch, labels=labels, title=title or "Release"
        )
        if due:
            day = datetime.fromisoformat(due).replace(hour=7, tzinfo=timezone.utc)
            pull.milestone = self.repo.milestone("4.2.0", day)
        return Scenario(self.github, self.repo, pull, self.tmp_path)


SMART_CHANGED = manifest("smart-reports", day=3)


def test_a_launch_keeps_the_signoffs_of_the_pull_request_that_last_changed_it(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    history.merged({SMART: SMART_CHANGED}, "dana", "ann", "mo")
    s = history.release()
    before = github.count()
    run = s.run(env=TEAM)
    assert run.code == 0, run.everything
    body = s.comments()[0]
    assert "**Release 4.2.0** (branch release/4.2.0)" in body
    assert "- *Smart Reports*: signed off by ann and mo in #101" in body
    assert "✅ ann in #101" in body and "(released, not changed here)" in body
    assert s.status()[1] == "success"
    # Provenance costs four requests for the launch: its last commit, that commit's
    # pull request, that pull request's reviews and its commits (who contributed);
    # and one compare for the release (what the base changed since the branch was cut).
    assert github.count("GET", r"/app/commits$") == 1
    assert github.count("GET", r"/commits/[0-9a-f]+/pulls$") == 1
    assert github.count("GET", r"/pulls/101/reviews$") == 1
    assert github.count("GET", r"/pulls/101/commits$") == 1
    assert github.count("GET", r"/compare/") == 1
    # fixed (the pending status among them), the compare, provenance, a team, and before
    # a success the open pull requests and the merge queue's branches at the commit
    assert github.count() - before <= 9 + 1 + 4 + 1 + 2


def test_the_author_approving_their_own_launch_signs_nothing_off(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    history.merged({SMART: SMART_CHANGED}, "ann", "ann")
    s = history.release()
    run = s.run(env=TEAM)
    assert run.code == 1
    assert (
        "product has not signed off: nobody but the author must approve"
        in run.stdout + (s.comments()[0])
        or "signoff-missing" in s.comments()[0]
    )
    assert "- *Smart Reports*: last changed in #101, which no role signed off" in s.comments()[0]


def test_a_later_unapproved_pull_request_takes_the_signoffs_away(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    history.merged({SMART: SMART_CHANGED}, "dana", "ann", "mo")
    history.merged({SMART: manifest("smart-reports", day=4)}, "dana")
    s = history.release()
    run = s.run(env=TEAM)
    assert run.code == 1
    body = s.comments()[0]
    assert "last changed in #102, which no role signed off" in body
    assert (
        "in \\#102, the last pull request to change launches/smart-reports.yaml, product " in body
    )


def test_a_manifest_pushed_without_a_pull_request_has_no_signoffs(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    history.merged({SMART: SMART_CHANGED}, "dana", "ann", "mo")
    pushed = history.push({SMART: manifest("smart-reports", day=5)})
    s = history.release()
    run = s.run(env=TEAM)
    assert run.code == 1
    body = s.comments()[0]
    assert (
        f"launches/smart-reports.yaml was last changed on main by {pushed[:7]}, "
        "which no merged pull request brought" in body
    )
    assert "signoff-missing" in body
    # Approving the release pull request signs the launch off as it is now.
    s.pull.review("ann", "APPROVED")
    s.pull.review("mo", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 0, run.everything
    assert "✅ ann |" in s.comments()[0]


def test_approvals_after_the_merge_do_not_count(github: FakeGitHub, tmp_path: Path) -> None:
    history = History(github, tmp_path)
    history.merged({SMART: SMART_CHANGED}, "dana", after="ann mo")
    run = history.release().run(env=TEAM)
    assert run.code == 1


def test_an_approval_before_a_later_change_to_the_launch_is_stale(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    pull = history.approved({SMART: SMART_CHANGED})
    first = pull.head_sha
    pull.push({"docs/notes.md": "unrelated\n"})  # mo's approval still holds after this
    pull.review("mo", "APPROVED", commit_id=first)
    pull.push({SMART: manifest("smart-reports", day=6)})  # ...but not after this
    pull.merge()
    s = history.release()
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "signoff-stale" in s.comments()[0]


def test_an_approval_before_an_unrelated_push_still_counts(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    pull = history.approved({SMART: SMART_CHANGED})
    pull.push({"docs/notes.md": "unrelated\n"})
    pull.merge()
    run = history.release().run(env=TEAM)
    assert run.code == 0, run.everything


def test_a_launch_the_release_changes_needs_approval_on_the_release(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    history.merged({SMART: SMART_CHANGED}, "dana", "ann", "mo")
    s = history.release({SMART: manifest("smart-reports", day=2)})
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "(released, not changed here)" not in s.comments()[0]
    assert github.count("GET", r"/app/commits$") == 0  # no provenance for a changed launch


def test_a_labelled_release_slips_past_its_milestone(github: FakeGitHub, tmp_path: Path) -> None:
    history = History(github, tmp_path)
    history.merged({SMART: SMART_CHANGED}, "dana", "ann", "mo")  # dated 2026-12-03
    s = history.release(
        branch="ship-it", title="Release 4.2.0", labels=("release",), due="2026-12-01"
    )
    run = s.run(env=TEAM)
    assert run.code == 1
    body = s.comments()[0]
    assert "**Release 4.2.0** (label release), ships Tue 1 Dec" in body
    assert "smart-reports is dated 2026-12-03, after the 4.2.0 release on 2026-12-01" in body


def test_a_release_without_a_version_is_a_finding(github: FakeGitHub, tmp_path: Path) -> None:
    history = History(github, tmp_path)
    s = history.release(branch="release/next", title="Ship the next one")
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "neither its branch nor its title names a version" in s.comments()[0]
    assert "<summary>Release — 1 error</summary>" in s.comments()[0]


def test_release_flags_are_read_from_the_release_head(github: FakeGitHub, tmp_path: Path) -> None:
    history = History(github, tmp_path)
    config = RELEASE_BASE[".launchgate.yml"] + "release: {features: 'flags.json#flags'}\n"
    history.merged({".launchgate.yml": config, "flags.json": '{"flags": {}}'}, "dana", "ann", "mo")
    s = history.release({"flags.json": '{\n  "flags": {"reports.secret": true}\n}\n'})
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "reports.secret is on in 4.2.0, but no launch declares it" in s.comments()[0]
    assert "flags.json:2" in s.comments()[0]
    assert "<summary>Release 4.2.0 — 1 error</summary>" in s.comments()[0]


def test_a_pull_request_merged_into_another_branch_lends_no_signoffs(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    repo = history.repo
    repo.branches["develop"] = repo.branches["main"]
    pull = history.approved({SMART: SMART_CHANGED}, base="develop")
    merged = pull.merge()
    repo.branches["main"] = merged  # develop pushed onto main: no pull request into main
    s = history.release()
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "which no merged pull request brought" in s.comments()[0]


def test_provenance_costs_at_most_four_requests_a_launch(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    launches = ["smart-reports", "data-export", "team-goals"]
    for day, name in enumerate(launches, start=2):  # one pull request each, all in 4.2.0
        history.merged({f"launches/{name}.yaml": manifest(name, day=day)}, "dana", "ann", "mo")
    s = history.release()
    run = s.run(env=TEAM)
    assert run.code == 0, run.everything
    provenance = (
        github.count("GET", r"/app/commits$")
        + github.count("GET", r"/commits/[0-9a-f]+/pulls$")
        + github.count("GET", r"/pulls/10[1-3]/reviews$")
        + github.count("GET", r"/pulls/10[1-3]/commits$")  # its contributors
    )
    assert provenance == 4 * len(launches)
    # Launches one pull request brought share its lookups: 3 commits, then 1 + 1.
    with FakeGitHub() as shared:
        history = History(shared, tmp_path / "shared")
        together = {f"launches/{n}.yaml": manifest(n, day=d) for d, n in enumerate(launches, 2)}
        history.merged(together, "dana", "ann", "mo")
        run = history.release().run(env=TEAM)
        assert run.code == 0, run.everything
        assert shared.count("GET", r"/app/commits$") == 3
        assert shared.count("GET", r"/commits/[0-9a-f]+/pulls$") == 1
        assert shared.count("GET", r"/pulls/101/reviews$") == 1
        assert shared.count("GET", r"/pulls/101/commits$") == 1


def test_a_request_for_changes_on_the_release_holds_the_role(
    github: FakeGitHub, tmp_path: Path
) -> None:
    # On any pull request a member's "request changes" holds the role until they approve;
    # the approval given in the earlier pull request does not outvote it on the release.
    history = History(github, tmp_path)
    history.merged({SMART: SMART_CHANGED}, "dana", "ann", "mo")
    s = history.release()
    s.pull.review("ann", "CHANGES_REQUESTED")
    run = s.run(env=TEAM)
    assert run.code == 1, run.everything
    assert "signoff-rejected" in s.comments()[0]
    assert "changes requested by ann" in s.comments()[0]


def test_a_stale_approval_on_the_release_is_reported_as_stale(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    config = RELEASE_BASE[".launchgate.yml"] + "signoffs: {stale: any-commit}\n"
    history.push({".launchgate.yml": config})  # smart-reports: no pull request ever
    s = history.release()
    s.pull.review("ann", "APPROVED")
    s.pull.push({"CHANGELOG.md": "## 4.2.0\n- more\n"})
    run = s.run(env=TEAM)
    assert run.code == 1
    body = s.comments()[0]
    assert "signoff-stale" in body and "ann: approve again" in body, body


def test_launches_one_pull_request_brought_share_its_compares(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    launches = ["smart-reports", "data-export", "team-goals"]
    together = {f"launches/{n}.yaml": manifest(n, day=d) for d, n in enumerate(launches, 2)}
    pull = history.approved(together)
    pull.push({"docs/notes.md": "unrelated\n"})  # the approvals are on an earlier commit
    pull.merge()
    run = history.release().run(env=TEAM)
    assert run.code == 0, run.everything
    # The release's own compare, then one per reviewed commit, not one per launch.
    assert github.count("GET", r"/compare/") == 1 + 1


def test_release_findings_are_not_filed_under_files_that_could_not_be_checked(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    config = RELEASE_BASE[".launchgate.yml"] + "release: {features: 'flags.json#flags'}\n"
    history.merged({".launchgate.yml": config, "flags.json": '{"flags": {}}'}, "dana", "ann", "mo")
    s = history.release({"flags.json": '{"flags": {"reports.secret": true}}'})
    s.run(env=TEAM)
    body = s.comments()[0]
    assert "Release 4.2.0 — 1 error" in body
    assert "Files that could not be checked" not in body


def test_a_release_branch_behind_main_does_not_borrow_newer_signoffs(
    github: FakeGitHub, tmp_path: Path
) -> None:
    # The branch was cut while smart-reports was as first pushed (no pull request, no
    # sign-off); main has since approved a new version. The release's checkout holds the
    # old one: the approvals of the new one do not cover it.
    history = History(github, tmp_path)
    cut = history.repo.branches["main"]
    history.merged({SMART: SMART_CHANGED}, "dana", "ann", "mo")
    s = history.release(cut_from=cut)
    run = s.run(env=TEAM)
    assert run.code == 1, run.everything
    body = s.comments()[0]
    assert "changed on main since" in body, body


def test_reviews_count_up_to_the_merge_as_instants_not_as_text() -> None:
    # 09:30Z is after a merge at 10:00+01:00 (09:00Z), though it sorts before it as text.
    class Client:
        def reviews(self, number: int) -> list[Review]:
            return [
                Review("ann", "APPROVED", "a" * 40, "", "2026-11-02T08:59:59Z"),
                Review("mo", "APPROVED", "a" * 40, "", "2026-11-02T09:30:00Z"),
                Review("lee", "APPROVED", "a" * 40, "", "2026-11-02T09:00:00.500Z"),
                Review("pia", "APPROVED", "a" * 40, "", ""),
            ]

    finder = ProvenanceFinder(cast(GitHubClient, Client()), "b" * 40, "main", "c" * 40)
    provenance = Provenance("d" * 40, 7, "dana", "a" * 40, "2026-11-02T10:00:00+01:00")
    assert [review.login for review in finder.reviews(provenance)] == ["ann"]


def test_a_merge_commit_that_changes_the_manifest_again_is_not_what_was_approved(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    repo = history.repo
    pull = history.approved({SMART: SMART_CHANGED})
    head = pull.head_sha
    # Merged by hand and pushed: the merge commit changes the manifest once more, and
    # GitHub marks the pull request merged by it.
    evil = manifest("smart-reports", day=9)
    merge = repo.commit({SMART: evil}, parent=[repo.branches["main"], head], branch="main")
    pull.merge_commit_sha, pull.merged_at, pull.state = merge, repo.world.tick(), "closed"
    s = history.release()
    run = s.run(env=TEAM)
    assert run.code == 1, run.everything
    assert "which merged \\#150 but holds a version of it that \\#150 never had" in s.comments()[0]
    assert github.count("GET", r"/contents/launches/smart-reports.yaml$") == 1


def test_a_merge_pushed_by_hand_that_keeps_the_manifest_keeps_the_approvals(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    repo = history.repo
    pull = history.approved({SMART: SMART_CHANGED})
    head = pull.head_sha
    # A clean merge made locally: it carries the pull request's manifest and nothing more.
    clean = {SMART: SMART_CHANGED, "docs/x.md": "x"}
    merge = repo.commit(clean, parent=[repo.branches["main"], head], branch="main")
    pull.merge_commit_sha, pull.merged_at, pull.state = merge, repo.world.tick(), "closed"
    run = history.release().run(env=TEAM)
    assert run.code == 0, run.everything
    assert github.count("GET", r"/contents/launches/smart-reports.yaml$") <= 1
