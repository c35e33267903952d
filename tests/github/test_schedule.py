"""`launchgate ci` on a schedule: the digest in the job summary and one tracking issue,
end to end against the fake GitHub (tests/github/fake.py).

GitHub sends no webhook for `schedule`, so @octokit/webhooks-examples has no example
of its payload: `schedule_payload` builds the few keys a scheduled run's event file
holds. `workflow_dispatch` uses GitHub's own example.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from launchgate.github.schedule import ISSUE_LIMIT, MARKER, _fit
from tests.github.fake import FakeGitHub, Reply, secondary_rate_limit, too_many_requests
from tests.github.model import Issue, Repo
from tests.github.payloads import load
from tests.github.render import Render
from tests.github.test_ci import CHECKLIST, CONFIG, GLOSSARY, Run, checkout, manifest, run_ci

DIGEST_MARKER = MARKER
ISSUE_CONFIG = CONFIG + "digest: {issue: true, labels: [launch-digest]}\n"
BLOG = '  - {id: blog-post, type: blog_post, owner: "@mo", due: 2026-11-25, status: draft}\n'
DECK = '  - {id: sales-deck, type: sales_deck, owner: "@ann", due: 2026-11-20, status: draft}\n'
SMART = "launches/smart-reports.yaml"


def smart(*collateral: str) -> str:
    return manifest("smart-reports", "collateral:\n" + "".join(collateral) if collateral else "")


@dataclass
class Scheduled:
    github: FakeGitHub
    repo: Repo
    root: Path

    def push(self, files: Mapping[str, str | None]) -> str:
        return self.repo.commit(dict(files), message="Update launches")

    def run(
        self,
        *args: str,
        name: str = "schedule",
        token: str = "ghs_actions",
        env: Mapping[str, str] | None = None,
        separate_process: bool = False,
    ) -> Run:
        sha = self.repo.branches["main"]
        url = self.github.url
        payload = schedule_payload(self.github, self.repo) if name == "schedule" else None
        if payload is None:
            payload = load(name)
            payload["repository"] = Render(self.github, url, "https://github.com").repo(self.repo)
            payload["ref"] = "refs/heads/main"
        workspace = checkout(self.repo, sha, self.root)
        environment = {"GITHUB_SHA": sha, **(env or {})}
        return run_ci(
            self.repo,
            workspace,
            self.root,
            payload,
            name,
            token,
            url,
            args,
            environment,
            separate_process=separate_process,
        )

    def issues(self) -> list[Issue]:
        return sorted(self.repo.issues.values(), key=lambda issue: issue.number)


def schedule_payload(github: FakeGitHub, repo: Repo) -> dict[str, Any]:
    render = Render(github, github.url, "https://github.com")
    return {
        "schedule": "0 8 * * 1-5",
        "repository": render.repo(repo),
        "workflow": ".github/workflows/launchgate-digest.yml",
    }


def scheduled(github: FakeGitHub, tmp_path: Path, config: str = ISSUE_CONFIG) -> Scheduled:
    repo = github.add_repo("acme/app")
    repo.commit(
        {
            ".launchgate.yml": config,
            "checklists/standard.yaml": CHECKLIST,
            "glossary.yaml": GLOSSARY,
            SMART: smart(BLOG, DECK),
            "launches/data-export.yaml": manifest("data-export", day=8),
        },
        message="Launches",
    )
    return Scheduled(github, repo, tmp_path)


def test_first_run_opens_the_issue_then_edits_it_only_when_the_digest_changes(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scheduled(github, tmp_path)
    first = s.run(separate_process=True)  # the real entry point, on a schedule
    assert first.code == 0, first.stdout + first.stderr
    (issue,) = s.issues()
    assert issue.user.login == "github-actions[bot]"
    assert issue.labels == ["launch-digest"]
    assert issue.body is not None and issue.body.rstrip().endswith(DIGEST_MARKER)
    assert "1 overdue, 1 due by Mon 30 Nov 2026" in issue.body
    assert "#### `@mo`" in issue.body and "@mo" not in re.sub(r"`[^`]*`", "", issue.body)
    sha = s.repo.branches["main"]
    assert f"(https://github.com/acme/app/blob/{sha}/launches/smart-reports.yaml#L" in issue.body
    assert "launchgate digest: 1 overdue" in first.summary and DIGEST_MARKER not in first.summary
    assert f"Tracking issue: #{issue.number} (created)" in first.summary
    assert first.outputs["overdue"] == "1" and first.outputs["due"] == "1"
    assert Path(first.outputs["report"]).read_text(encoding="utf-8").startswith("{")
    assert github.count() == 2  # list, create

    before = github.count()
    again = s.run()
    assert "(unchanged)" in again.summary
    assert github.count() - before == 1  # the listing only: an unchanged body is not re-sent
    assert github.count("PATCH") == 0

    s.push({SMART: smart(BLOG.replace("2026-11-25", "2026-11-27"), DECK)})
    changed = s.run()
    assert changed.code == 0
    (issue,) = s.issues()  # still one issue
    assert "Fri 27 Nov" in (issue.body or "") and "(updated)" in changed.summary
    assert github.count("PATCH") == 1
    assert github.count("POST") == 1


def test_nothing_due_closes_it_and_due_work_reopens_it(github: FakeGitHub, tmp_path: Path) -> None:
    s = scheduled(github, tmp_path)
    s.run()
    (issue,) = s.issues()
    s.push({SMART: smart(BLOG.replace("draft", "done"), DECK.replace("draft", "published"))})
    closed = s.run()
    assert closed.code == 0
    assert issue.state == "closed" and issue.state_reason == "completed"
    assert "nothing overdue or due" in (issue.body or "")
    assert "closed: nothing is due" in closed.summary

    before = github.count("PATCH")
    s.run()  # still nothing due: a closed issue is left as it is
    assert github.count("PATCH") == before

    s.push({SMART: smart(BLOG)})
    reopened = s.run()
    assert issue.state == "open" and "(reopened)" in reopened.summary
    assert "0 overdue, 1 due" in (issue.body or "")
    assert len(s.issues()) == 1


def test_nothing_due_and_no_issue_opens_none(github: FakeGitHub, tmp_path: Path) -> None:
    s = scheduled(github, tmp_path)
    s.push({SMART: smart()})
    run = s.run()
    assert run.code == 0 and s.issues() == []
    assert "nothing overdue or due by" in run.summary
    assert github.count("POST") == 0


def test_a_waiver_ending_soon_opens_the_issue_under_its_roles_team(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scheduled(github, tmp_path)
    waiver = (
        "waivers:\n  - {rule: copy-locale-missing, reason: English only, approved_by: marketing,"
        " expires: 2026-11-26}\n"
    )
    s.push({SMART: smart() + waiver})
    run = s.run()
    assert run.code == 0
    (issue,) = s.issues()
    body = issue.body or ""
    assert "#### `@acme/marketing` — 1 due" in body  # the config's team, by name
    assert "waiver of `copy-locale-missing` ends (approved by marketing)" in body
    report = json.loads(Path(run.outputs["report"]).read_text(encoding="utf-8"))
    (team,) = report["owners"]
    assert team["due"][0]["waiver"]["approved_by"] == "marketing"


def test_an_issue_with_the_marker_by_someone_else_is_left_alone(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scheduled(github, tmp_path)
    forged = s.repo.add_issue("Digest", f"not ours\n{DIGEST_MARKER}\n", author="mallory")
    run = s.run()
    assert run.code == 0
    assert forged.body == f"not ours\n{DIGEST_MARKER}\n" and forged.state == "open"
    assert len(s.issues()) == 2
    assert github.count("PATCH") == 0
    (listing,) = github.calls("GET", r"/repos/acme/app/issues$")
    assert listing.query["creator"] == "github-actions[bot]"


def test_duplicates_from_racing_runs_are_closed_and_the_oldest_kept(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scheduled(github, tmp_path)
    bot = "github-actions[bot]"
    oldest = s.repo.add_issue("Digest", f"old\n{DIGEST_MARKER}\n", author=bot)
    newer = s.repo.add_issue("Digest", f"old\n{DIGEST_MARKER}\n", author=bot)
    s.run()
    assert oldest.state == "open" and "launchgate digest" in (oldest.body or "")
    assert newer.state == "closed" and newer.state_reason == "duplicate"


def test_issue_off_writes_the_summary_and_touches_no_issue(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scheduled(github, tmp_path, config=CONFIG)
    run = s.run()
    assert run.code == 0 and "launchgate digest: 1 overdue" in run.summary
    assert "digest.issue is off" in run.stdout
    assert github.count() == 0 and s.issues() == []


def test_a_read_only_token_gets_the_summary_and_the_reason(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scheduled(github, tmp_path)
    run = s.run(token="ghs_readonly")
    assert run.code == 0
    assert "launchgate digest: 1 overdue" in run.summary
    assert "No tracking issue updated: the token may not write issues" in run.summary
    assert "issues: write" in run.stdout
    assert s.issues() == []


def test_a_502_on_create_is_exit_2_and_sent_once(github: FakeGitHub, tmp_path: Path) -> None:
    s = scheduled(github, tmp_path)
    github.fail("POST", r"/repos/acme/app/issues$", [502])
    run = s.run()
    assert run.code == 2
    assert "launchgate digest: 1 overdue" in run.summary  # written before the issue
    assert "the tracking issue was not updated" in run.summary
    assert run.outputs["status"] == "fail"
    assert github.count("POST", r"/issues$") == 1


def test_a_rate_limited_issue_edit_is_sent_again(github: FakeGitHub, tmp_path: Path) -> None:
    s = scheduled(github, tmp_path)
    assert s.run().code == 0
    s.push({SMART: smart(BLOG.replace("2026-11-25", "2026-11-27"), DECK)})
    refusals = [secondary_rate_limit(retry_after=0), Reply(429, too_many_requests().body)]
    github.fail("PATCH", r"/repos/acme/app/issues/\d+$", refusals)
    run = s.run(env={"LAUNCHGATE_RETRY_SECONDARY_WAIT": "0.05"})
    assert run.code == 0, run.stdout + run.stderr
    assert github.count("PATCH") == 3  # refused twice (nothing written), then done
    (issue,) = s.issues()
    assert "Fri 27 Nov" in (issue.body or "") and "(updated)" in run.summary


def test_a_502_on_an_issue_edit_is_exit_2_and_sent_once(github: FakeGitHub, tmp_path: Path) -> None:
    s = scheduled(github, tmp_path)
    assert s.run().code == 0
    s.push({SMART: smart(BLOG.replace("2026-11-25", "2026-11-27"), DECK)})
    github.fail("PATCH", r"/repos/acme/app/issues/\d+$", [502])
    run = s.run()
    assert run.code == 2
    assert "the tracking issue was not updated" in run.summary
    assert github.count("PATCH") == 1  # it may have happened


def test_workflow_dispatch_runs_the_digest_too(github: FakeGitHub, tmp_path: Path) -> None:
    s = scheduled(github, tmp_path)
    run = s.run(name="workflow_dispatch")
    assert run.code == 0 and len(s.issues()) == 1


def test_a_broken_manifest_is_skipped_with_a_warning(github: FakeGitHub, tmp_path: Path) -> None:
    s = scheduled(github, tmp_path)
    s.push({"launches/broken.yaml": "id: [unclosed\n"})
    run = s.run()
    assert run.code == 0
    assert "::warning file=launches/broken.yaml,line=" in run.stdout
    assert "Not in this digest" in run.summary and "broken.yaml" in run.summary


def test_a_config_that_cannot_be_read_is_exit_2(github: FakeGitHub, tmp_path: Path) -> None:
    s = scheduled(github, tmp_path)
    s.push({".launchgate.yml": "digest: {days: -1}\n"})
    run = s.run()
    assert run.code == 2
    assert "could not check" in run.summary and "digest" in run.summary
    assert github.count() == 0


def test_a_digest_too_long_for_an_issue_is_cut_at_a_line_and_points_at_the_summary() -> None:
    row = "| ⏰ 3 days overdue | Fri 20 Nov | `sales-deck` sales\\_deck, draft | Smart Reports |\n"
    body = _fit(row * 2000, "https://github.com/acme/app/actions/runs/1")
    assert len(f"{body}\n{MARKER}\n") <= ISSUE_LIMIT
    kept, note = body.rsplit("\n\n", 1)
    assert kept.endswith("|")
    assert "[job summary](https://github.com/acme/app/actions/runs/1)" in note
    assert _fit(row, None) == row
