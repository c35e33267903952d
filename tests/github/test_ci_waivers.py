"""`launchgate ci` on a pull request: a waiver applies once its role approves it there.

A waiver the pull request adds or changes needs its `approved_by` role's sign-off
on the pull request, under the rules of every sign-off (the author and contributors
never count, approvals go stale); one the base branch already holds counts as it is.
The checklist here requires only product, so marketing is the waiver's role alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.github.fake import FakeGitHub
from tests.github.test_ci import BASE, SMART, TEAM, Run, Scenario, manifest, scenario
from tests.github.test_release_ci import History

WAIVER = (
    "  - {rule: copy-locale-missing, where: {channel: x.post}, reason: English only on X, "
    "approved_by: marketing, expires: EXPIRES}\n"
)


def waived(expires: str = "2026-12-31", *, above: str = "") -> str:
    """Copy in en-US only, where de-DE is required, and a waiver of that (line 12)."""
    return (
        "locales: [en-US, de-DE]\n"
        "copy:\n"
        '  - {channel: x.post, text: "Smart Reports are here"}\n'
        "waivers:\n" + above + WAIVER.replace("EXPIRES", expires)
    )


PRODUCT_ONLY = {**BASE, "checklists/standard.yaml": "signoffs: [product]\n"}


def waiver_pull(
    github: FakeGitHub,
    tmp_path: Path,
    head: str,
    *,
    on_base: str | None = None,
    author: str = "dana",
) -> Scenario:
    """A pull request that brings smart-reports with HEAD (ON_BASE: what the base held)."""
    base = dict(PRODUCT_ONLY)
    if on_base is not None:
        base[SMART] = manifest("smart-reports", on_base)
    changes = {SMART: manifest("smart-reports", head, day=3)}
    return scenario(github, tmp_path, changes, base=base, author=author)


def findings(run: Run) -> list[dict[str, Any]]:
    report = json.loads(Path(run.outputs["report"]).read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = report["findings"]
    return found


def of(run: Run, rule: str) -> list[dict[str, Any]]:
    return [finding for finding in findings(run) if finding["rule"] == rule]


def test_a_waiver_added_without_its_roles_approval_fails_and_covers_nothing(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = waiver_pull(github, tmp_path, waived())
    s.pull.review("ann", "APPROVED")  # product signs off the launch; marketing has not
    run = s.run(env=TEAM)
    assert run.code == 1
    (unapproved,) = of(run, "waiver-unapproved")
    assert (unapproved["line"], unapproved["severity"]) == (12, "error")
    assert unapproved["message"] == (
        "waiver of copy-locale-missing not applied: this pull request adds or changes it, "
        "so it needs marketing's approval here; any member of acme/marketing must approve"
    )
    (missing,) = of(run, "copy-locale-missing")  # what it would cover counts again
    assert missing["severity"] == "error" and missing.get("waiver") is None
    assert of(run, "waiver-unverified") == [] and of(run, "waiver-unused") == []
    body = s.comments()[0]
    assert body.startswith("### 🚦 launchgate:")
    assert (
        "- marketing: approve this pull request to sign off the waiver of "
        "`copy-locale-missing` in *Smart Reports* (any member of acme/marketing)." in body
    )
    assert s.status()[1] == "failure"


def test_a_waiver_a_member_of_its_role_approved_applies(github: FakeGitHub, tmp_path: Path) -> None:
    s = waiver_pull(github, tmp_path, waived())
    s.pull.review("ann", "APPROVED")
    s.pull.review("mo", "APPROVED")  # a member of acme/marketing
    run = s.run(env=TEAM)
    assert run.code == 0, run.everything
    (body,) = s.comments()
    assert body.startswith("### ✅ launchgate: 3 launches ready — 1 waived")
    assert "<details><summary>Waived (1)</summary>" in body
    assert "English only on X — approved by marketing, until Thu 31 Dec" in body
    assert "**Needs you**" not in body
    assert (
        "::notice file=launches/smart-reports.yaml,line=10,col=5,"
        "title=launchgate copy-locale-missing (waived)::" in run.stdout
    )
    assert "::error" not in run.stdout
    assert [f["rule"] for f in findings(run) if f["rule"].startswith("waiver-")] == []
    (covered,) = of(run, "copy-locale-missing")
    assert covered["waiver"]["line"] == 12
    assert s.status()[1] == "success"


def test_the_authors_own_approval_of_a_waiver_does_not_count(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = waiver_pull(github, tmp_path, waived(), author="mo")  # mo is in acme/marketing
    s.pull.review("ann", "APPROVED")
    s.pull.review("mo", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 1
    (unapproved,) = of(run, "waiver-unapproved")
    assert unapproved["message"].endswith(
        "any member of acme/marketing must approve; the approval by the author mo was ignored"
    )


def test_a_contributors_approval_of_a_waiver_does_not_count(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = waiver_pull(github, tmp_path, waived())
    s.pull.push({"docs/notes.md": "why English only\n"}, author="mo")
    s.pull.review("ann", "APPROVED")
    s.pull.review("mo", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 1
    (unapproved,) = of(run, "waiver-unapproved")
    assert "the approval by mo does not count" in unapproved["message"]


def test_an_approval_of_a_waiver_goes_stale_when_the_launch_changes(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = waiver_pull(github, tmp_path, waived())
    s.pull.review("mo", "APPROVED")
    reviewed = s.pull.head_sha
    s.pull.push({"docs/notes.md": "unrelated\n"})  # not the launch: still approved
    s.pull.review("ann", "APPROVED")
    assert s.run(env=TEAM).code == 0
    s.pull.push({SMART: manifest("smart-reports", waived(), day=4)})
    s.pull.review("ann", "APPROVED")  # product approves again; marketing has not
    run = s.run(env=TEAM, action="synchronize")
    assert run.code == 1
    (unapproved,) = of(run, "waiver-unapproved")
    assert unapproved["message"].endswith(
        f"so it needs marketing's approval here; the approval by mo was given on {reviewed[:7]}; "
        "the launch changed since, so mo must approve again"
    )
    assert of(run, "signoff-stale") == []
    body = s.comments()[0]
    assert (
        "- mo: changed since your approval; approve the waiver of `copy-locale-missing` in "
        "*Smart Reports* again (marketing)." in body
    )


def test_a_waiver_the_base_branch_holds_needs_no_new_approval(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = waiver_pull(github, tmp_path, waived(), on_base=waived())  # only the dates change
    s.pull.review("ann", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 0, run.everything
    assert of(run, "waiver-unapproved") == [] and of(run, "waiver-unverified") == []
    (covered,) = of(run, "copy-locale-missing")
    assert covered["waiver"]["approved_by"] == "marketing"


def test_changing_a_waivers_expiry_needs_its_roles_approval_again(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = waiver_pull(github, tmp_path, waived("2026-12-20"), on_base=waived("2026-12-31"))
    s.pull.review("ann", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 1
    assert [f["line"] for f in of(run, "waiver-unapproved")] == [12]
    s.pull.review("mo", "APPROVED")
    assert s.run(env=TEAM).code == 0


def test_a_waiver_inserted_above_another_leaves_the_other_approved(
    github: FakeGitHub, tmp_path: Path
) -> None:
    linkedin = (
        "  - {rule: copy-locale-missing, where: {channel: linkedin.post}, reason: Later, "
        "approved_by: marketing, expires: 2026-12-31}\n"
    )
    s = waiver_pull(github, tmp_path, waived(above=linkedin), on_base=waived())
    s.pull.review("ann", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 1
    # The new waiver (line 12) waits for marketing, and is not called unused meanwhile;
    # the one the base held (now line 13) still covers the x.post finding.
    assert [f["line"] for f in of(run, "waiver-unapproved")] == [12]
    assert of(run, "waiver-unused") == []
    (covered,) = of(run, "copy-locale-missing")
    assert covered["waiver"]["line"] == 13


def test_a_refused_waiver_asks_for_no_approval(github: FakeGitHub, tmp_path: Path) -> None:
    s = waiver_pull(github, tmp_path, waived("2027-06-30"))  # past waivers.max_days
    s.pull.review("ann", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 1
    assert [f["line"] for f in of(run, "waiver-refused")] == [12]
    assert of(run, "waiver-unapproved") == []
    assert "**Needs you**" not in s.comments()[0]


# ---- release pull requests ----------------------------------------------------------------

LEGAL_WAIVER = waived().replace("approved_by: marketing", "approved_by: legal")


def test_a_released_waiver_keeps_the_approval_of_the_pull_request_that_added_it(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    history.merged(
        {SMART: manifest("smart-reports", LEGAL_WAIVER, day=3)}, "dana", "ann", "mo", "lee"
    )
    # A later pull request leaves the waiver as its base held it: legal need not approve it.
    history.merged({SMART: manifest("smart-reports", LEGAL_WAIVER, day=4)}, "dana", "ann", "mo")
    run = history.release().run(env=TEAM)
    assert run.code == 0, run.everything
    # One file read: the manifest at the base of #102, the last pull request to change it.
    assert github.count("GET", r"/contents/launches/smart-reports\.yaml") == 1
    assert of(run, "waiver-unapproved") == []
    assert of(run, "copy-locale-missing")[0]["waiver"]["approved_by"] == "legal"


def test_a_released_waiver_its_pull_request_added_without_approval_needs_it_on_the_release(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    history.merged({SMART: manifest("smart-reports", LEGAL_WAIVER, day=3)}, "dana", "ann", "mo")
    s = history.release()
    run = s.run(env=TEAM)
    assert run.code == 1
    (unapproved,) = of(run, "waiver-unapproved")
    assert unapproved["message"] == (
        "waiver of copy-locale-missing not applied: #101 added or changed it, so it needs "
        "legal's approval here; lee must approve"
    )
    s.pull.review("lee", "APPROVED")  # approving the release applies it as it ships
    run = s.run(env=TEAM)
    assert run.code == 0, run.everything
    assert of(run, "copy-locale-missing")[0]["waiver"]["approved_by"] == "legal"


def test_a_released_waiver_no_pull_request_brought_needs_approval_on_the_release(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    history.merged({SMART: manifest("smart-reports", day=3)}, "dana", "ann", "mo")
    history.push({SMART: manifest("smart-reports", LEGAL_WAIVER, day=3)})  # straight to main
    s = history.release()
    s.pull.review("ann", "APPROVED")
    s.pull.review("mo", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 1
    (unapproved,) = of(run, "waiver-unapproved")
    assert unapproved["message"].startswith(
        "waiver of copy-locale-missing not applied: no approved pull request brought it to "
        "main, so it needs legal's approval here; lee must approve"
    )
    s.pull.review("lee", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 0, run.everything
    assert of(run, "copy-locale-missing")[0]["waiver"]["approved_by"] == "legal"


def test_a_request_for_changes_on_the_release_holds_a_waiver_approved_earlier(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    history.merged(
        {SMART: manifest("smart-reports", LEGAL_WAIVER, day=3)}, "dana", "ann", "mo", "lee"
    )
    s = history.release()
    s.pull.review("lee", "CHANGES_REQUESTED")
    run = s.run(env=TEAM)
    assert run.code == 1
    (unapproved,) = of(run, "waiver-unapproved")
    assert unapproved["message"].endswith(
        "#101 added or changed it, so it needs legal's approval here; "
        "lee requested changes and has not approved since"
    )
    assert "- lee: changes requested on the waiver of `copy-locale-missing`" in s.comments()[0]


def test_one_approval_signs_off_the_launch_and_its_waiver_when_the_roles_agree(
    github: FakeGitHub, tmp_path: Path
) -> None:
    # The standard checklist requires marketing too: one line asks for both, one review gives both.
    changes = {SMART: manifest("smart-reports", waived(), day=3)}
    s = scenario(github, tmp_path, changes)
    s.pull.review("ann", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 1
    assert (
        "- marketing: approve this pull request to sign off *Smart Reports* and the waiver of "
        "`copy-locale-missing` in *Smart Reports* (any member of acme/marketing)."
        in s.comments()[0]
    )
    s.pull.review("mo", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 0, run.everything
