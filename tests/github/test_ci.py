"""`launchgate ci` end to end: a real event payload, the Actions environment, the CLI, and
the local GitHub (tests/github/fake.py) answering as GitHub's OpenAPI says.

The CLI runs in this process (`launchgate.cli.main`), with the environment, working
folder and output streams of a run swapped in: a separate process costs 0.65 s of
imports per run. A few tests (`separate_process=True`) still start
`python -m launchgate ci`, so the real entry point stays covered.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, main_in_process
from tests.github.fake import (
    FakeGitHub,
    Reply,
    primary_rate_limit,
    secondary_rate_limit,
    too_many_requests,
)
from tests.github.model import Pull, Repo, Review
from tests.github.payloads import event, workflow_run

TODAY = "2026-11-23"
MARKER = "<!-- launchgate:pull-request-comment -->"
CONFIG = """\
roles:
  product: {users: [ann]}
  marketing: {teams: [acme/marketing]}
  legal: {users: [lee]}
"""
CHECKLIST = """\
signoffs: [product, marketing]
"""
GLOSSARY = """\
metrics:
  weekly_active_teams: Teams with a weekly active member
"""


def manifest(launch_id: str, extra: str = "", day: int = 1) -> str:
    return (
        f"id: {launch_id}\n"
        f"name: {launch_id.replace('-', ' ').title()}\n"
        "checklist: standard\n"
        'owners: {product: "@ann", marketing: "@mo"}\n'
        f'release: {{version: "4.2.0", date: 2026-12-{day:02d}}}\n'
        f"announce: {{date: 2026-12-{day + 1:02d}}}\n"
        "metrics: {north_star: weekly_active_teams}\n"
        f"{extra}"
    )


BASE = {
    ".launchgate.yml": CONFIG,
    "checklists/standard.yaml": CHECKLIST,
    "glossary.yaml": GLOSSARY,
    "launches/smart-reports.yaml": manifest("smart-reports"),
    "launches/data-export.yaml": manifest("data-export", day=8),
    "launches/team-goals.yaml": manifest("team-goals", day=15),
}


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    summary: str
    outputs: dict[str, str]
    secrets: tuple[str, ...]

    @property
    def everything(self) -> str:
        return self.stdout + self.stderr + self.summary + json.dumps(self.outputs)


@dataclass
class Scenario:
    github: FakeGitHub
    repo: Repo
    pull: Pull
    root: Path

    def workspace(self) -> Path:
        """The pull request's head checked out, as actions/checkout leaves it."""
        return checkout(self.repo, self.pull.head_sha, self.root)

    def run(
        self,
        *args: str,
        name: str = "pull_request",
        action: str = "opened",
        review: Review | None = None,
        token: str = "ghs_actions",
        env: Mapping[str, str] | None = None,
        api_url: str | None = None,
        separate_process: bool = False,
    ) -> Run:
        url = api_url or self.github.url
        payload = event(self.github, url, self.pull, name, action, review=review)
        return run_ci(
            self.repo,
            self.workspace(),
            self.root,
            payload,
            name,
            token,
            url,
            args,
            env,
            separate_process=separate_process,
        )

    def comments(self) -> list[str]:
        return [c.body for c in self.pull.comments]

    def status(self) -> tuple[str, str, str]:
        last = self.repo.statuses[self.pull.head_sha][-1]
        return last.context, last.state, last.description or ""


def checkout(repo: Repo, sha: str, root: Path) -> Path:
    """A commit checked out, as actions/checkout leaves it."""
    folder = root / f"workspace-{sha[:7]}"
    if not folder.exists():
        for path, data in repo.commits[sha].tree.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return folder


def run_ci(
    repo: Repo,
    workspace: Path,
    root: Path,
    payload: dict[str, Any],
    name: str,
    token: str,
    url: str,
    args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    *,
    separate_process: bool = False,
) -> Run:
    """`launchgate ci` in the Actions environment of an event: in this process, or (with
    `separate_process`) as `python -m launchgate ci`."""
    runner = Path(tempfile.mkdtemp(prefix="runner-", dir=root))
    (runner / "event.json").write_text(json.dumps(payload), encoding="utf-8")
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "NO_COLOR": "1",
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": name,
        "GITHUB_EVENT_PATH": str(runner / "event.json"),
        "GITHUB_REPOSITORY": repo.full_name,
        "GITHUB_API_URL": url,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_RUN_ID": "4242",
        "GITHUB_TOKEN": token,
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_STEP_SUMMARY": str(runner / "summary.md"),
        "GITHUB_OUTPUT": str(runner / "output"),
        "RUNNER_TEMP": str(runner),
        "LAUNCHGATE_RETRY_BACKOFF": "0.01",
        **(env or {}),
    }
    argv = ["ci", "--today", TODAY, *args]
    if separate_process:
        code, stdout, stderr = _in_subprocess(argv, environment)
    else:
        code, stdout, stderr = main_in_process(argv, environment, ROOT)
    assert "Traceback" not in stderr, stderr
    summary = runner / "summary.md"
    output = runner / "output"
    return Run(
        code,
        stdout,
        stderr,
        summary.read_text(encoding="utf-8") if summary.exists() else "",
        _outputs(output.read_text(encoding="utf-8")) if output.exists() else {},
        (token, environment.get("LAUNCHGATE_TEAM_TOKEN", token)),
    )


def _in_subprocess(argv: Sequence[str], environment: Mapping[str, str]) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "launchgate", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=dict(environment),
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def _outputs(text: str) -> dict[str, str]:
    blocks = re.findall(r"^(\w+)<<(\S+)\n(.*?)\n\2$", text, re.M | re.S)
    return {name: value for name, _, value in blocks}


def scenario(
    github: FakeGitHub,
    tmp_path: Path,
    changes: Mapping[str, str | None],
    *,
    base: Mapping[str, str] | None = None,
    author: str = "dana",
    fork: bool = False,
) -> Scenario:
    repo = github.add_repo("acme/app")
    github.team("acme", "marketing", {"mo": "active", "pia": "pending"})
    base_sha = repo.commit(dict(base or BASE), message="Base policy and launches")
    head_sha = repo.commit(dict(changes), parent=base_sha, branch="feature", author=author)
    pull = repo.add_pull(
        7, author, base_sha, head_sha, "feature", head_repo="dana/app" if fork else None
    )
    return Scenario(github, repo, pull, tmp_path)


TEAM = {"LAUNCHGATE_TEAM_TOKEN": "ghp_maintainer"}


def sign_off(s: Scenario) -> None:
    """Approvals from product (ann, a listed user) and marketing (mo, a team member)."""
    s.pull.review("ann", "APPROVED")
    s.pull.review("mo", "APPROVED")


SMART = "launches/smart-reports.yaml"


# ---- sign-offs ---------------------------------------------------------------------------


def test_a_signed_off_launch_passes_with_one_comment_and_a_success_status(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    sign_off(s)
    run = s.run(env=TEAM, separate_process=True)  # the real entry point: exit 0
    assert run.code == 0, run.stdout + run.stderr
    (body,) = s.comments()
    assert body.startswith("### ✅ launchgate: 3 launches ready")
    assert "| ✅ ann | ✅ mo |" in body
    assert body.endswith(MARKER + "\n")
    assert s.status()[:2] == ("launchgate", "success")
    assert run.outputs["status"] == "pass" and run.outputs["errors"] == "0"
    report = json.loads(Path(run.outputs["report"]).read_text(encoding="utf-8"))
    assert report["schema"] == "launchgate.report/v1" and report["status"] == "pass"
    assert run.summary.startswith("### ✅ launchgate") and MARKER not in run.summary
    # The timeline charts the launch the pull request changes, not the two it leaves alone.
    for text in (body, run.summary):
        chart = text[text.index("```mermaid") :]
        assert chart.count("  section ") == 1 and "  section Smart Reports\n" in chart


def test_a_missing_role_fails_and_says_who_may_sign(github: FakeGitHub, tmp_path: Path) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    s.pull.review("ann", "APPROVED")
    run = s.run(env=TEAM, separate_process=True)  # the real entry point: exit 1
    assert run.code == 1
    (body,) = s.comments()
    assert "| ✅ ann | ⏳ not yet |" in body
    assert "marketing: approve this pull request to sign off *Smart Reports*" in body
    assert "(any member of acme/marketing)" in body
    assert s.status()[1] == "failure"
    assert "::error file=launches/smart-reports.yaml,line=3," in run.stdout
    assert "signoff-missing" in run.stdout
    assert run.outputs["status"] == "fail" and run.outputs["errors"] == "1"


def test_the_author_never_signs_off(github: FakeGitHub, tmp_path: Path) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)}, author="ann")
    sign_off(s)
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "the approval by the author ann was ignored" in run.stdout


def test_a_pull_request_that_drops_a_role_is_held_to_the_base_policy(
    github: FakeGitHub, tmp_path: Path
) -> None:
    changes = {
        ".launchgate.yml": CONFIG.replace("  marketing: {teams: [acme/marketing]}\n", ""),
        "checklists/standard.yaml": "signoffs: [product]\n",
        SMART: manifest("smart-reports", day=3),
    }
    s = scenario(github, tmp_path, changes)
    s.pull.review("ann", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 1
    (body,) = s.comments()
    assert "marketing: approve this pull request" in body
    assert "**Policy change:** this pull request changes `.launchgate.yml`, " in body
    assert "`checklists/standard.yaml`" in body and "takes effect after the merge" in body
    # The workspace's policy files were never read: the base commit's came from the API.
    assert github.count("GET", r"/contents/\.launchgate\.yml$") == 1
    (config_read,) = github.calls("GET", r"/contents/\.launchgate\.yml$")
    assert config_read.query["ref"] == s.pull.base_sha


def test_removing_signoffs_from_the_manifest_keeps_the_base_roles(
    github: FakeGitHub, tmp_path: Path
) -> None:
    base = {**BASE, SMART: manifest("smart-reports", "signoffs: [legal]\n")}
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)}, base=base)
    sign_off(s)
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "legal has not signed off: lee must approve" in run.stdout
    s.pull.review("lee", "APPROVED")
    assert s.run(env=TEAM).code == 0


def test_a_stale_approval_after_a_push_is_signoff_stale(github: FakeGitHub, tmp_path: Path) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    sign_off(s)
    reviewed = s.pull.head_sha
    s.pull.push({"README.md": "unrelated\n"})  # does not touch the launch: still signed
    assert s.run(env=TEAM).code == 0
    s.pull.push({SMART: manifest("smart-reports", day=4)})
    run = s.run(env=TEAM, action="synchronize")
    assert run.code == 1
    assert f"the approval by ann was given on {reviewed[:7]}" in run.stdout
    assert "ann must approve again" in run.stdout
    assert "♻️ ann: approve again" in s.comments()[0]


def test_changes_requested_then_dismissed(github: FakeGitHub, tmp_path: Path) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    sign_off(s)
    objection = s.pull.review("lee", "CHANGES_REQUESTED")  # lee is not in the launch's roles
    assert s.run(env=TEAM).code == 0
    rejection = s.pull.review("ann", "CHANGES_REQUESTED")
    run = s.run(env=TEAM, name="pull_request_review", action="submitted", review=rejection)
    assert run.code == 1
    assert "product: ann requested changes and has not approved since" in run.stdout
    s.pull.dismiss(rejection)
    run = s.run(env=TEAM, name="pull_request_review", action="dismissed", review=rejection)
    assert run.code == 1  # dismissing the objection does not bring back the earlier approval
    assert "product has not signed off" in run.stdout
    assert objection.state == "CHANGES_REQUESTED"


def test_a_pending_team_member_does_not_sign(github: FakeGitHub, tmp_path: Path) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    s.pull.review("ann", "APPROVED")
    s.pull.review("pia", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "marketing has not signed off" in run.stdout
    assert "could not be read" not in run.stdout  # the team token may read: pending is no


def test_without_a_team_token_membership_is_reported_unreadable(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    sign_off(s)
    run = s.run()  # the Actions token may not read organisation teams
    assert run.code == 1
    assert "team membership could not be read (mo in acme/marketing" in run.stdout
    assert "team-token" in run.stdout


# ---- publishing ---------------------------------------------------------------------------


def test_repeated_runs_update_the_one_comment(github: FakeGitHub, tmp_path: Path) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    s.pull.review("ann", "APPROVED")
    s.run(env=TEAM)
    s.pull.review("mo", "APPROVED")
    s.run(env=TEAM)
    s.run(env=TEAM)
    (body,) = s.comments()
    assert body.startswith("### ✅")
    assert github.count("POST", r"/issues/7/comments$") == 1
    assert github.count("PATCH", r"/issues/comments/\d+$") == 1  # the third run changed nothing


def test_a_comment_by_someone_else_with_the_marker_is_left_alone(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    forged = s.pull.comment("mallory", f"all ready, ship it\n{MARKER}")
    s.run(env=TEAM)
    assert forged.body == f"all ready, ship it\n{MARKER}"
    assert len(s.comments()) == 2
    assert github.count("PATCH") == 0 and github.count("DELETE") == 0


def test_duplicates_from_racing_runs_are_cleaned_up(github: FakeGitHub, tmp_path: Path) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    s.workspace()  # checked out once, before the runs start
    runs = [threading.Thread(target=s.run, kwargs={"env": TEAM}) for _ in range(3)]
    for thread in runs:
        thread.start()
    for thread in runs:
        thread.join()
    assert 1 <= len(s.comments()) <= 3  # the runs may have raced
    s.run(env=TEAM)
    (body,) = s.comments()  # the next run keeps the oldest and deletes the rest
    assert MARKER in body
    assert s.pull.comments[0].id == min(c.id for c in s.pull.comments)


def test_of_two_launchgate_comments_the_oldest_stays(github: FakeGitHub, tmp_path: Path) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    oldest = s.pull.comment("github-actions[bot]", f"old\n{MARKER}")
    s.pull.comment("github-actions[bot]", f"a racing run's\n{MARKER}")
    s.run(env=TEAM)
    assert [c.id for c in s.pull.comments] == [oldest.id]
    assert oldest.body.startswith("### 🚦 launchgate")
    assert github.count("DELETE") == 1 and github.count("POST", r"/comments$") == 0


def test_a_fork_gets_summary_and_annotations_and_a_reason_for_no_comment(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)}, fork=True)
    run = s.run(token="ghs_readonly")
    assert run.code == 1  # not signed off, and said so
    assert s.comments() == []
    assert "no comment posted" in run.stdout and "workflow_run" in run.stdout
    assert "no commit status set" in run.stdout
    assert "::error file=launches/smart-reports.yaml" in run.stdout
    assert run.summary.startswith("### 🚦 launchgate")
    assert run.outputs["status"] == "fail"


def test_a_pull_request_number_that_does_not_match_the_head_is_refused(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    sign_off(s)
    workflow_run = {**TEAM, "GITHUB_EVENT_NAME": "workflow_run"}
    run = s.run("--pull-request", "7", "--head", "0" * 40, env=workflow_run)
    assert run.code == 2
    assert "pull request #7 is at" in run.stderr and "not 0000000" in run.stderr
    assert s.comments() == []
    run = s.run("--pull-request", "7", "--head", s.pull.head_sha, env=workflow_run)
    assert run.code == 0
    assert len(s.comments()) == 1


def _after_run(s: Scenario, run_event: str, env: Mapping[str, str] = TEAM) -> Run:
    """`launchgate ci` in a workflow_run job, after the launchgate workflow's RUN_EVENT run."""
    payload = workflow_run(s.github, s.github.url, s.pull, run_event)
    workspace = s.workspace()
    return run_ci(
        s.repo, workspace, s.root, payload, "workflow_run", "ghs_actions", s.github.url, (), env
    )


@pytest.mark.parametrize("fork", [True, False])
def test_a_workflow_run_job_checks_the_pull_request_of_the_run_it_follows(
    github: FakeGitHub, tmp_path: Path, fork: bool
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)}, fork=fork)
    sign_off(s)
    run = _after_run(s, "pull_request_review")
    assert run.code == 0, run.stdout + run.stderr
    assert s.status()[1] == "success"
    assert len(s.comments()) == 1


def test_a_workflow_run_job_for_a_pull_request_pushed_to_since_checks_nothing(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)}, fork=True)
    payload = workflow_run(github, github.url, s.pull, "pull_request")
    workspace = s.workspace()
    s.pull.push({"notes.md": "more"})
    run = run_ci(s.repo, workspace, s.root, payload, "workflow_run", "ghs_actions", github.url)
    assert run.code == 0, run.stdout + run.stderr
    assert "no open pull request from dana:feature is at" in run.stdout
    assert "nothing to check" in run.summary
    assert s.comments() == [] and s.repo.statuses == {}


@pytest.mark.parametrize("branch", ["feature", "feature-copy"])
def test_a_workflow_run_job_never_takes_another_pull_request_at_the_same_commit(
    github: FakeGitHub, tmp_path: Path, branch: str
) -> None:
    """A fork opens a second pull request at the same commit (from the same BRANCH or
    another) into another base, and gets that one approved: no run may set the commit's
    status (shared by both) to success."""
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)}, fork=True)
    s.repo.commit(dict(BASE), parent=None, branch="legacy", message="Legacy line")
    other = s.repo.add_pull(
        8, "dana", None, s.pull.head_sha, branch, "legacy", head_repo="dana/app"
    )
    other.review("ann", "APPROVED")
    other.review("mo", "APPROVED")
    for pull in (s.pull, other):  # the jobs after #7's run, and after #8's
        payload = workflow_run(github, github.url, pull, "pull_request_review")
        workspace = s.workspace()
        run = run_ci(
            s.repo, workspace, s.root, payload, "workflow_run", "ghs_actions", github.url, (), TEAM
        )
        assert run.code in (1, 2), run.stdout + run.stderr
        states = [status.state for status in s.repo.statuses.get(s.pull.head_sha, [])]
        assert "success" not in states
    assert run.code == 2 and "#7" in run.stderr and "#8" in run.stderr


@pytest.mark.parametrize(
    ("branch", "closed"), [("feature", False), ("feature-copy", False), ("feature-copy", True)]
)
def test_a_pull_request_run_never_decides_for_another_pull_request_at_the_same_commit(
    github: FakeGitHub, tmp_path: Path, branch: str, closed: bool
) -> None:
    """The status belongs to the commit, which #7 (into main, nobody approved) and #8 (the
    same commit, from BRANCH into another base, approved) share: #8's run (or, CLOSED, a
    re-run of its job once it was closed) must not make #7 green."""
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    s.repo.commit(dict(BASE), parent=None, branch="legacy", message="Legacy line")
    other = s.repo.add_pull(8, "dana", None, s.pull.head_sha, branch, "legacy")
    other.review("ann", "APPROVED")
    other.review("mo", "APPROVED")
    payload = event(github, github.url, other, "pull_request", "opened")
    if closed:
        other.close()
    run = run_ci(
        s.repo, s.workspace(), s.root, payload, "pull_request", "ghs_actions", github.url, (), TEAM
    )
    assert run.code == 2, run.stdout + run.stderr
    assert "#7" in run.stderr and "#8" in run.stderr
    assert [status.state for status in s.repo.statuses[s.pull.head_sha]] == ["pending", "error"]


@pytest.mark.parametrize("lookup", [r"/pulls$", r"/pulls/7$"])
def test_a_workflow_run_job_that_cannot_find_its_pull_request_leaves_no_old_success(
    github: FakeGitHub, tmp_path: Path, lookup: str
) -> None:
    """Approved and green; then marketing asks for changes, and the run that follows
    cannot read which pull request it is about: the old success must not stay."""
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)}, fork=True)
    sign_off(s)
    assert _after_run(s, "pull_request_review").code == 0
    assert s.status()[1] == "success"
    s.pull.review("mo", "CHANGES_REQUESTED")
    github.fail("GET", lookup, [502], times=10)
    run = _after_run(s, "pull_request_review")
    assert run.code == 2, run.stdout + run.stderr
    assert s.status()[1] == "error"


def test_a_workflow_run_job_for_a_deleted_fork_leaves_no_old_success(
    github: FakeGitHub, tmp_path: Path
) -> None:
    """Approved and green; then marketing asks for changes and the fork is deleted:
    GitHub names no head repository, so the pull request cannot be found by its branch.
    The run cannot decide, and says so on the commit instead of leaving it green."""
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)}, fork=True)
    sign_off(s)
    assert _after_run(s, "pull_request_review").code == 0
    assert s.status()[1] == "success"
    s.pull.review("mo", "CHANGES_REQUESTED")
    payload = workflow_run(github, github.url, s.pull, "pull_request_review")
    payload["workflow_run"]["head_repository"] = None
    run = run_ci(
        s.repo, s.workspace(), s.root, payload, "workflow_run", "ghs_actions", github.url, (), TEAM
    )
    assert run.code == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert s.status()[1] == "error"


def test_a_workflow_run_job_after_a_push_run_is_about_no_pull_request(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    run = _after_run(s, "push")
    assert "a workflow_run event is about no pull request" in run.stdout
    assert github.count() == 0


def test_github_enterprise_base_urls_work(github: FakeGitHub, tmp_path: Path) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    sign_off(s)
    run = s.run(env=TEAM, api_url=github.url_ghes)
    assert run.code == 0, run.stdout + run.stderr
    assert len(s.comments()) == 1


def test_a_subfolder_is_checked_with_paths_from_the_repository_root(
    github: FakeGitHub, tmp_path: Path
) -> None:
    base = {f"product/{path}": text for path, text in BASE.items()}
    s = scenario(
        github, tmp_path, {f"product/{SMART}": manifest("smart-reports", day=3)}, base=base
    )
    s.pull.review("ann", "APPROVED")
    run = s.run("product", env=TEAM)
    assert run.code == 1
    assert "::error file=product/launches/smart-reports.yaml" in run.stdout
    assert f"/blob/{s.pull.head_sha}/product/launches/smart-reports.yaml#L" in s.comments()[0]


# ---- the network -------------------------------------------------------------------------


def test_the_api_budget_for_three_launches(github: FakeGitHub, tmp_path: Path) -> None:
    changes = {
        SMART: manifest("smart-reports", day=3),
        "launches/data-export.yaml": manifest("data-export", day=9),
        "launches/team-goals.yaml": manifest("team-goals", day=16),
    }
    s = scenario(github, tmp_path, changes)
    sign_off(s)
    s.pull.comment("bob", "looks good")
    run = s.run(env=TEAM)
    assert run.code == 0, run.stdout
    calls = [f"{r.method} {r.path}" for r in github.requests]
    # the pending status, config, checklist, glossary, files, 3 base manifests, reviews,
    # the commits (who contributed), 1 team membership, comments, the comment, the status;
    # and, before a success, the open pull requests and the merge queue's branches at the
    # commit (one status for them all)
    assert len(calls) <= 16, "\n".join(calls)
    assert github.count("GET", r"/pulls/7/commits$") == 1
    assert f"launchgate: {len(calls)} GitHub API requests" in run.stdout


def test_a_502_then_success_is_retried(github: FakeGitHub, tmp_path: Path) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    sign_off(s)
    github.fail("GET", r"/pulls/7/reviews$", [502])
    assert s.run(env=TEAM).code == 0
    assert github.count("GET", r"/pulls/7/reviews$") == 2


def test_a_rate_limit_waits_for_the_reset(github: FakeGitHub, tmp_path: Path) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    sign_off(s)
    github.fail("GET", r"/pulls/7/files$", [primary_rate_limit(reset_in=1)])
    github.fail("POST", r"/statuses/", [too_many_requests(retry_after=1)])
    run = s.run(env=TEAM)
    assert run.code == 0, run.stdout + run.stderr
    assert github.count("GET", r"/pulls/7/files$") == 2
    # The pending status is refused once and sent again (refused, not done: safe to send
    # again), then the decision.
    assert github.count("POST", r"/statuses/") == 3
    assert s.status()[1] == "success"


def test_a_write_that_may_have_happened_is_never_sent_twice(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    github.fail("POST", r"/issues/7/comments$", [502])
    run = s.run(env=TEAM)
    assert run.code == 2
    assert github.count("POST", r"/issues/7/comments$") == 1
    assert "GitHub answered 502 to POST /repos/acme/app/issues/7/comments" in run.stderr
    assert "checked, but the result could not be posted to GitHub" in run.stderr
    assert "could not check" not in run.summary and run.outputs["status"] == "fail"


def test_a_persistent_outage_fails_with_exit_2_and_never_passes(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    github.outage = True
    # The real entry point: exit 2, said plainly.
    run = s.run(env={**TEAM, "LAUNCHGATE_RETRY_BUDGET": "2"}, separate_process=True)
    assert run.code == 2
    assert "to every try" in run.stderr or "gave up" in run.stderr
    assert run.outputs["status"] == "fail"
    assert run.summary.startswith("### ⛔ launchgate could not check")
    # Bounded: five tries of the first request at most, and the pending and error
    # statuses, each sent once (a write after a 5xx is never sent again).
    assert github.count() <= 5 + 2
    assert github.count("POST", r"/statuses/") == 2


def test_the_token_is_never_printed(github: FakeGitHub, tmp_path: Path) -> None:
    secret = "ghs_" + "S3cr3t" * 6
    github.tokens[secret] = dict(github.tokens["ghs_actions"])
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    github.fail("GET", r"/pulls/7/reviews$", [502])
    run = s.run(token=secret)
    assert run.code == 1
    bad = s.run(token="ghs_" + "Wr0ng" * 6)
    assert bad.code == 2 and "refused the token" in bad.stderr
    for result in (run, bad):
        for token in result.secrets:
            assert token not in result.everything
    assert all(secret not in body for body in s.comments())


def test_a_manifest_full_of_hostile_text_cannot_deface_the_comment(
    github: FakeGitHub, tmp_path: Path
) -> None:
    hostile = (
        '"<script>alert(1)</script> @acme/legal | ] (x) ![i](http://e/x.png) '
        f'{MARKER} </details> \\u202e"'
    )
    text = manifest("smart-reports", day=3).replace("name: Smart Reports", f"name: {hostile}")
    text += f"copy:\n  - {{channel: app_store.subtitle, locale: en-US, text: {hostile}}}\n"
    s = scenario(github, tmp_path, {SMART: text})
    run = s.run(env=TEAM)
    assert run.code == 1
    (body,) = s.comments()
    for bad in ("<script", "@acme/legal", "![i]", "</details> \u202e"):
        assert bad not in body, bad
    assert body.count(MARKER) == 1 and body.endswith(MARKER + "\n")
    assert body.count("<details") == body.count("</details>")
    assert "<script" not in run.summary
    for line in run.stdout.splitlines():
        assert line.startswith(("::error ", "::warning ", "::notice ", "launchgate: ")), line


def test_an_event_about_no_pull_request_checks_the_workspace_only(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    run = s.run(env={"GITHUB_EVENT_NAME": "push"})
    assert run.code == 0, run.stdout + run.stderr
    assert "a push event is about no pull request" in run.stdout
    assert github.count() == 0
    assert run.outputs["status"] == "pass" and run.summary.startswith("### ✅")


def test_outside_github_actions_ci_says_to_use_check(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "launchgate", "ci"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        # PYTHONPATH: this checkout's launchgate, whichever one the venv has installed.
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 2
    assert "launchgate ci runs inside GitHub Actions" in done.stderr
    assert "launchgate check" in done.stderr


def test_comment_false_posts_no_comment_but_sets_the_status(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    run = s.run("--comment", "false", env=TEAM)
    assert run.code == 1
    assert s.comments() == [] and github.count("GET", r"/comments$") == 0
    assert s.status()[1] == "failure"


def test_a_rate_limit_resetting_past_the_budget_fails_at_once(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    github.fail("GET", r"/pulls/7/files$", [primary_rate_limit(reset_in=3600)])
    run = s.run(env=TEAM)
    assert run.code == 2
    assert "rate limit" in run.stderr.lower()
    assert github.count("GET", r"/pulls/7/files$") == 1  # no waiting an hour, no hammering


def _without_retry_after(reply: Reply) -> Reply:
    """The same refusal, naming no time to wait (GitHub does not always)."""
    return Reply(reply.status, reply.body)


def _comment_to_edit(github: FakeGitHub, tmp_path: Path) -> Scenario:
    """A pull request whose launchgate comment the next run edits (PATCH)."""
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    s.pull.review("ann", "APPROVED")
    assert s.run(env=TEAM).code == 1
    s.pull.review("mo", "APPROVED")
    return s


FAST_SECONDARY = {**TEAM, "LAUNCHGATE_RETRY_SECONDARY_WAIT": "0.05"}


def test_a_rate_limited_comment_edit_is_sent_again(github: FakeGitHub, tmp_path: Path) -> None:
    s = _comment_to_edit(github, tmp_path)
    refusals = [
        secondary_rate_limit(retry_after=0),
        _without_retry_after(secondary_rate_limit()),
        too_many_requests(retry_after=0),
        _without_retry_after(too_many_requests()),
    ]
    github.fail("PATCH", r"/issues/comments/\d+$", refusals)
    run = s.run(env=FAST_SECONDARY)
    assert run.code == 0, run.stdout + run.stderr
    assert github.count("PATCH", r"/issues/comments/\d+$") == 5  # refused 4 times, then done
    (body,) = s.comments()
    assert body.startswith("### ✅")
    assert s.status()[1] == "success"


@pytest.mark.parametrize(
    ("method", "path"), [("GET", r"/pulls/7/reviews$"), ("POST", r"/statuses/")]
)
def test_a_429_naming_no_wait_is_retried_after_the_secondary_wait(
    github: FakeGitHub, tmp_path: Path, method: str, path: str
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    sign_off(s)
    github.fail(method, path, [_without_retry_after(too_many_requests())])
    run = s.run(env=FAST_SECONDARY)
    assert run.code == 0, run.stdout + run.stderr
    # Refused once, then sent again; a status is set twice (pending, then the decision).
    assert github.count(method, path) == (3 if method == "POST" else 2)
    assert s.status()[1] == "success"


def test_a_refusal_naming_no_wait_waits_a_minute_or_gives_up_within_the_budget(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = _comment_to_edit(github, tmp_path)
    for refusal in (too_many_requests(), secondary_rate_limit()):
        github.fail("PATCH", r"/issues/comments/\d+$", [_without_retry_after(refusal)])
        before = github.count("PATCH")
        run = s.run(env={**TEAM, "LAUNCHGATE_RETRY_BUDGET": "5"})  # less than GitHub's minute
        assert run.code == 2, run.stdout + run.stderr
        assert github.count("PATCH") - before == 1  # not sent again at once: no hammering
        assert "past the retry budget" in run.stderr
        assert run.stderr.startswith("launchgate: checked, but the result could not be posted")


def test_a_502_on_a_comment_edit_is_not_sent_again(github: FakeGitHub, tmp_path: Path) -> None:
    s = _comment_to_edit(github, tmp_path)
    github.fail("PATCH", r"/issues/comments/\d+$", [502])
    run = s.run(env=TEAM)
    assert run.code == 2
    assert github.count("PATCH") == 1  # it may have happened
    assert "could not be posted" in run.stderr


# ---- found by a second read: each was a way through ---------------------------------------


def _link(workspace: Path, link: str, target: str) -> None:
    """Make `link` a symbolic link to `target`, as a checkout of a committed link does."""
    path = workspace / link
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def test_launches_moved_behind_a_folder_link_are_refused(
    github: FakeGitHub, tmp_path: Path
) -> None:
    changes: dict[str, str | None] = {p: None for p in BASE if p.startswith("launches/")}
    changes |= {"stash/" + p.split("/", 1)[1]: t for p, t in BASE.items() if p in changes}
    changes["stash/smart-reports.yaml"] = manifest("smart-reports", day=3)
    changes["launches"] = "stash"  # git stores a link as a blob holding its target
    s = scenario(github, tmp_path, changes)
    _link(s.workspace(), "launches", "stash")
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "reached through a symbolic link (launches)" in run.stdout
    assert s.status()[1] == "failure"


def test_a_manifest_that_is_a_link_is_refused(github: FakeGitHub, tmp_path: Path) -> None:
    changes = {
        "launches/new.yaml": "../drafts/new.yaml",
        "drafts/new.yaml": manifest("new-thing", day=3),
    }
    s = scenario(github, tmp_path, changes)
    _link(s.workspace(), "launches/new.yaml", "../drafts/new.yaml")
    sign_off(s)
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "launches/new.yaml" in run.stdout and "symbolic link" in run.stdout


def test_deleting_and_re_adding_a_manifest_keeps_the_base_roles(
    github: FakeGitHub, tmp_path: Path
) -> None:
    base = {**BASE, SMART: manifest("smart-reports", "signoffs: [legal]\n")}
    changes = {SMART: None, "launches/smart-reports-v2.yaml": manifest("smart-reports", day=3)}
    s = scenario(github, tmp_path, changes, base=base)
    sign_off(s)
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "legal has not signed off: lee must approve" in run.stdout


def test_launches_a_pull_request_brings_in_by_a_new_pattern_are_checked(
    github: FakeGitHub, tmp_path: Path
) -> None:
    changes = {
        ".launchgate.yml": 'manifests: ["launches/**/*.yaml", "plans/*.yaml"]\n' + CONFIG,
        "plans/big.yaml": manifest("big-launch", "signoffs: [legal]\n", day=3),
    }
    s = scenario(github, tmp_path, changes)
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "plans/big.yaml" in run.stdout and "legal has not signed off" in run.stdout


def test_a_pull_request_too_big_to_list_is_not_judged(github: FakeGitHub, tmp_path: Path) -> None:
    changes: dict[str, str | None] = {f"assets/{i:04d}.txt": f"{i}\n" for i in range(3000)}
    changes[SMART] = manifest("smart-reports", day=3)
    s = scenario(github, tmp_path, changes)
    run = s.run(env=TEAM)
    assert run.code == 2
    assert "changes 3001 files and GitHub lists only 3000" in run.stderr


def test_pull_request_needs_head_and_pull_request_target_is_refused(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    run = s.run("--pull-request", "7", "--head", "", env={"GITHUB_EVENT_NAME": "workflow_run"})
    assert run.code == 2 and "--pull-request needs --head" in run.stderr
    run = s.run(env={"GITHUB_EVENT_NAME": "pull_request_target"})
    assert run.code == 2 and "does not run on pull_request_target" in run.stderr
    assert s.comments() == []


def test_an_approval_of_a_commit_github_no_longer_has_is_stale(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    s.pull.review("ann", "APPROVED", commit_id="d" * 40)  # force-pushed away
    s.pull.review("mo", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "ann must approve again" in run.stdout
    github.errors.clear()  # the fake notes the 404 for an unknown commit as unusual


def test_a_token_that_comments_as_someone_else_is_told_how_to_fix_it(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)})
    run = s.run(token="ghp_maintainer", env=TEAM)
    assert "set the action's comment-author to maintainer" in run.stdout
    s.run(token="ghp_maintainer", env={**TEAM, "LAUNCHGATE_COMMENT_AUTHOR": "maintainer"})
    assert len(s.comments()) == 1


def test_a_working_directory_through_a_link_is_refused(github: FakeGitHub, tmp_path: Path) -> None:
    base = {f"product/{path}": text for path, text in BASE.items()}
    s = scenario(
        github, tmp_path, {f"product/{SMART}": manifest("smart-reports", day=3)}, base=base
    )
    _link(s.workspace(), "shortcut", "product")
    run = s.run("shortcut", env=TEAM)
    assert run.code == 2 and "goes through a symbolic link (shortcut)" in run.stderr


def test_a_broken_checklist_only_the_base_manifest_names_is_reported(
    github: FakeGitHub, tmp_path: Path
) -> None:
    base = {
        **BASE,
        "checklists/legacy.yaml": "signoffs: [legal\n",  # not YAML
        SMART: manifest("smart-reports").replace("checklist: standard", "checklist: legacy"),
    }
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", day=3)}, base=base)
    sign_off(s)
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "file=checklists/legacy.yaml" in run.stdout and "manifest-invalid" in run.stdout
