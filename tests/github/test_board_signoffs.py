"""The board's sign-offs in CI: from provenance on the default branch, cached between builds.

Each test grows the main branch of the local GitHub pull request by pull request
(tests/github/test_release_ci.py's `History`), checks it out as the board's
workflow does, and reads the sign-offs as `launchgate board` does in Actions.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

from launchgate.config import load_config
from launchgate.github.board_signoffs import CACHE_VARIABLE, signoffs_in_actions
from launchgate.github.signoff_cache import FILE_NAME
from launchgate.repository import load_repository
from tests.conftest import main_in_process
from tests.github.fake import FakeGitHub, primary_rate_limit
from tests.github.test_ci import BASE, SMART, TEAM, checkout, manifest
from tests.github.test_records_ci import LENA, teams
from tests.github.test_release_ci import History

SMART_CHANGED = manifest("smart-reports", day=3)
EXPORT = "launches/data-export.yaml"
RECORDING = """\
roles:
  product: {users: [ann]}
  marketing: {teams: [acme/marketing]}
  legal: {teams: [acme/legal], recorded_by: [legal-ops]}
  legal-ops: {teams: [acme/legal-ops]}
"""


@dataclass
class Build:
    roles: dict[str, dict[str, str]] | None
    log: str
    requests: int


def actions_env(history: History, workspace: Path) -> dict[str, str]:
    """The board workflow's environment, at main's head."""
    return {
        "GITHUB_ACTIONS": "true",
        "GITHUB_TOKEN": "ghs_actions",
        "GITHUB_REPOSITORY": history.repo.full_name,
        "GITHUB_API_URL": history.github.url,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_SHA": history.repo.branches["main"],
        "GITHUB_REF": "refs/heads/main",
        "GITHUB_WORKSPACE": str(workspace),
        "LAUNCHGATE_RETRY_BACKOFF": "0.01",
        **TEAM,
    }


def build(history: History, cache: Path | None = None, **env: str) -> Build:
    """The board's sign-offs at main's head, as its workflow reads them."""
    workspace = checkout(history.repo, history.repo.branches["main"], history.tmp_path)
    environ = {
        **actions_env(history, workspace),
        **({CACHE_VARIABLE: str(cache)} if cache else {}),
        **env,
    }
    config, config_file = load_config(workspace)
    launches = load_repository(workspace, config, config_file)
    log = io.StringIO()
    before = history.github.count()
    roles = signoffs_in_actions(environ, launches, log)
    assert "Traceback" not in log.getvalue()
    return Build(roles, log.getvalue(), history.github.count() - before)


def test_each_launch_shows_who_signed_it_off_in_the_pull_request_that_last_changed_it(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    history.merged({SMART: SMART_CHANGED}, "dana", "ann", "mo")
    board = build(history)
    assert board.roles is not None
    assert board.roles["smart-reports"] == {"product": "ann in #101", "marketing": "mo in #101"}
    # The other two reached main in a commit no pull request brought.
    pushed = history.repo.commits_by_path(EXPORT)[0][:7]
    why = f"not signed off: last changed by {pushed} without a pull request"
    assert board.roles["data-export"] == {"product": why, "marketing": why}
    # Cold: per launch its last commit and that commit's pull requests; for the one with
    # a pull request, its reviews, its commits (contributors) and mo's team membership.
    assert github.count("GET", r"/app/commits$") == 3
    assert github.count("GET", r"/commits/[0-9a-f]+/pulls$") == 2  # one commit holds two
    assert github.count("GET", r"/pulls/101/reviews$") == 1
    assert github.count("GET", r"/pulls/101/commits$") == 1
    assert github.count("GET", r"/compare/") == 0  # main is its own base: nothing to compare
    assert board.requests == 3 + 2 + 1 + 1 + 1
    assert "sign-offs of 3 launches: 8 GitHub API requests, 0 from the cache" in board.log


def test_a_later_pull_request_without_approval_takes_the_signoffs_away(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    history.merged({SMART: SMART_CHANGED}, "dana", "ann", "mo")
    history.merged({SMART: manifest("smart-reports", day=4)}, "dana", after="ann")
    board = build(history)
    assert board.roles is not None
    assert board.roles["smart-reports"] == {
        "product": "not signed off: no approval from product in #102",
        "marketing": "not signed off: no approval from marketing in #102",
    }


def test_a_request_for_changes_and_an_approval_of_an_earlier_version_are_said(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    pull = history.merged({SMART: SMART_CHANGED}, "dana", "ann", "mo")
    pull.review("mo", "CHANGES_REQUESTED", submitted_at=pull.merged_at)
    board = build(history)
    assert board.roles is not None
    assert board.roles["smart-reports"]["product"] == "ann in #101"
    assert board.roles["smart-reports"]["marketing"] == (
        "not signed off: mo requested changes in #101"
    )


def test_a_recorded_signoff_shows_who_signed_where_and_who_recorded_it(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    teams(github)
    history.push({".launchgate.yml": RECORDING})
    history.merged({SMART: manifest("smart-reports", LENA, day=3)}, "dana", "ann", "mo", "olga")
    board = build(history)
    assert board.roles is not None
    assert board.roles["smart-reports"] == {
        "product": "ann in #101",
        "marketing": "mo in #101",
        "legal": ("recorded: Lena Weber on Fri 20 Nov 2026 (LEGAL-123), recorded by olga in #101"),
    }
    # A record already on main does not sign off the next pull request's change.
    history.merged({SMART: manifest("smart-reports", LENA, day=4)}, "dana", "ann", "mo")
    again = build(history)
    assert again.roles is not None
    assert again.roles["smart-reports"]["legal"] == (
        "not signed off: the sign-off recorded for Lena Weber does not count in #102 "
        "(recorded before this change)"
    )


def test_a_second_build_reuses_what_the_first_learnt(github: FakeGitHub, tmp_path: Path) -> None:
    history = History(github, tmp_path)
    history.merged({SMART: SMART_CHANGED}, "dana", "ann", "mo")
    cache = tmp_path / "cache"
    cold = build(history, cache)
    assert cold.requests == 8
    saved = json.loads((cache / FILE_NAME).read_text(encoding="utf-8"))
    assert saved["head"] == history.repo.branches["main"]
    assert set(saved["entries"]) == {SMART, EXPORT, "launches/team-goals.yaml"}

    # Nothing changed (the daily build): no request at all, the same texts.
    warm = build(history, cache)
    assert warm.requests == 0
    assert warm.roles == cold.roles
    assert "0 GitHub API requests, 3 from the cache" in warm.log

    # One manifest changed: one compare finds it, and only it is read again.
    history.merged({EXPORT: manifest("data-export", day=9)}, "dana", "ann", "mo")
    changed = build(history, cache)
    assert changed.roles is not None
    assert changed.roles["data-export"] == {"product": "ann in #102", "marketing": "mo in #102"}
    assert changed.roles["smart-reports"] == cold.roles["smart-reports"]  # type: ignore[index]
    assert github.count("GET", r"/compare/") == 1
    # the compare, then the changed launch's commit, pull request, reviews, commits, team
    assert changed.requests == 1 + 5
    assert "6 GitHub API requests, 2 from the cache" in changed.log


def test_a_changed_policy_or_a_rewritten_branch_reads_everything_again(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    history.merged({SMART: SMART_CHANGED}, "dana", "ann", "mo")
    cache = tmp_path / "cache"
    build(history, cache)
    history.push({".launchgate.yml": BASE[".launchgate.yml"] + "  design: {users: [dee]}\n"})
    policy = build(history, cache)
    assert policy.requests == 1 + 8  # the compare; then every launch, judged anew
    assert "0 from the cache" in policy.log

    # The cache's commit is gone (a force-push): GitHub cannot compare, so it is cold.
    saved = json.loads((cache / FILE_NAME).read_text(encoding="utf-8"))
    saved["head"] = "0" * 40
    (cache / FILE_NAME).write_text(json.dumps(saved), encoding="utf-8")
    gone = build(history, cache)
    assert gone.roles == policy.roles
    assert "0 from the cache" in gone.log


def test_a_cache_of_another_repository_or_that_cannot_be_read_is_no_cache(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / FILE_NAME).write_text("{not json", encoding="utf-8")
    first = build(history, cache)
    assert "0 from the cache" in first.log
    saved = json.loads((cache / FILE_NAME).read_text(encoding="utf-8"))
    saved["repository"] = "acme/other"
    (cache / FILE_NAME).write_text(json.dumps(saved), encoding="utf-8")
    assert "0 from the cache" in build(history, cache).log


def test_github_failing_leaves_the_launches_unverified_with_a_note(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    history.merged({SMART: SMART_CHANGED}, "dana", "ann", "mo")
    # A 404 for one launch: that launch alone is not verified.
    github.fail("GET", r"/pulls/101/reviews$", [404])
    board = build(history)
    assert board.roles is not None
    assert board.roles["smart-reports"] == {
        "product": "not verified: GitHub could not say",
        "marketing": "not verified: GitHub could not say",
    }
    assert board.roles["data-export"]["product"].startswith("not signed off: last changed by")
    assert "launches/smart-reports.yaml: sign-offs not verified: GET /repos/acme/app/pulls/101" in (
        board.log
    )
    assert "ghs_actions" not in board.log and "ghp_maintainer" not in board.log

    # The hourly quota spent: no more requests, every launch from there on unverified,
    # and the cache kept as the last whole build left it.
    cache = tmp_path / "cache"
    github.fail("GET", r"/app/commits$", [primary_rate_limit(reset_in=3600)])
    limited = build(history, cache, LAUNCHGATE_RETRY_BUDGET="2")
    assert limited.roles is not None
    assert set(limited.roles) == {"smart-reports", "data-export", "team-goals"}
    for roles in limited.roles.values():
        assert set(roles.values()) == {"not verified: GitHub did not answer"}
    assert limited.requests == 1
    assert "sign-offs not verified from launches/" in limited.log
    assert "0 from the cache" in limited.log


def test_outside_actions_or_without_a_token_the_board_stays_offline(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    assert build(history, GITHUB_ACTIONS="").roles is None
    assert build(history, GITHUB_TOKEN="").roles is None
    tag = build(history, GITHUB_REF="refs/tags/v1")
    assert tag.roles is None and "the board reads them on a branch" in tag.log
    assert github.count() == 0


def test_the_cost_per_launch_cold_and_warm(github: FakeGitHub, tmp_path: Path) -> None:
    """Twelve launches, each from a pull request of its own (the costliest history)."""
    history = History(github, tmp_path)
    files = [SMART, EXPORT, "launches/team-goals.yaml"]
    files += [f"launches/launch-{n}.yaml" for n in range(9)]
    for file in files:
        launch_id = file.removeprefix("launches/").removesuffix(".yaml")
        history.merged({file: manifest(launch_id, day=10)}, "dana", "ann", "mo")
    cache = tmp_path / "cache"
    cold = build(history, cache)
    # four per launch (last commit, its pull request, reviews, commits); mo's team once
    assert cold.requests == 4 * len(files) + 1
    assert build(history, cache).requests == 0  # the daily build, nothing pushed
    history.push({"README.md": "launches\n"})
    assert build(history, cache).requests == 1  # a push that changed no launch: the compare
    history.merged({EXPORT: manifest("data-export", day=11)}, "dana", "ann", "mo")
    assert build(history, cache).requests == 1 + 4 + 1  # the compare, the launch, mo's team


def test_the_board_command_in_actions_shows_who_signed_off_and_who_has_not(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = History(github, tmp_path)
    history.merged({SMART: SMART_CHANGED}, "dana", "ann", "mo")
    history.merged({EXPORT: manifest("data-export", day=9)}, "dana", "ann")
    workspace = checkout(history.repo, history.repo.branches["main"], tmp_path)
    cache = tmp_path / "signoff-cache"
    environment = {**actions_env(history, workspace), CACHE_VARIABLE: str(cache)}
    site = tmp_path / "site"
    argv = ["board", str(workspace), "--output", str(site), "--today", "2026-11-23"]
    code, stdout, stderr = main_in_process(argv, environment, workspace)
    assert code == 0, stdout + stderr
    assert "sign-offs of 3 launches: " in stdout and "0 from the cache" in stdout
    page = (site / "index.html").read_text(encoding="utf-8")
    assert '<li class="signed">✓ product: ann in #101</li>' in page
    assert '<li class="signed">✓ marketing: mo in #101</li>' in page
    assert '<li class="signed">✓ product: ann in #102</li>' in page
    assert (
        '<li class="not-signed">✗ marketing: not signed off: no approval from marketing '
        "in #102</li>"
    ) in page
    assert "not verified" not in page
    assert (cache / FILE_NAME).is_file()  # for the next build, through actions/cache

    # Offline (no token): the roles that must approve, not verified; GitHub not asked.
    before = github.count()
    offline = {**environment, "GITHUB_TOKEN": ""}
    code, stdout, stderr = main_in_process(argv, offline, workspace)
    assert code == 0, stdout + stderr
    page = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="signed"' not in page and "must approve (not verified)" in page
    assert github.count() == before

    # GitHub failing for one launch: its roles show as not verified, the others as read.
    github.fail("GET", r"/pulls/101/reviews$", [404])
    failing = {**environment, CACHE_VARIABLE: str(tmp_path / "fresh-cache")}
    code, stdout, stderr = main_in_process(argv, failing, workspace)
    assert code == 0, stdout + stderr
    assert "launches/smart-reports.yaml: sign-offs not verified" in stdout
    page = (site / "index.html").read_text(encoding="utf-8")
    assert '<li class="unverified">○ product: not verified: GitHub could not say</li>' in page
    assert '<li class="signed">✓ product: ann in #102</li>' in page
