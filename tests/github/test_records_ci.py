"""Sign-offs recorded outside GitHub (issue 14, section 3), end to end on the local GitHub.

Legal signs off by e-mail or in a ticket; the base branch's config lets legal-ops
record it (`roles.legal.recorded_by`), and a manifest records it under
`signoff_records`. The record counts only when a member of legal-ops approves the
pull request that adds it, under the usual rules.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.github.fake import FakeGitHub
from tests.github.test_ci import BASE, SMART, TEAM, manifest, scenario, sign_off
from tests.github.test_release_ci import History

CONFIG = """\
roles:
  product: {users: [ann]}
  marketing: {teams: [acme/marketing]}
  legal: {teams: [acme/legal], recorded_by: [legal-ops]}
  legal-ops: {teams: [acme/legal-ops]}
"""
LENA = (
    "signoffs: [legal]\n"
    "signoff_records:\n"
    '  - {role: legal, by: "Lena Weber", on: 2026-11-20, '
    'evidence: "https://tickets.example.com/LEGAL-123"}\n'
)
RECORDED = manifest("smart-reports", LENA, day=3)
POLICY = {**BASE, ".launchgate.yml": CONFIG}
CELL = (
    "✅ signed off by Lena Weber on Fri 20 Nov "
    "([LEGAL-123](https://tickets.example.com/LEGAL-123)), recorded by @&#8203;olga"
)


def teams(github: FakeGitHub) -> None:
    github.team("acme", "legal-ops", {"olga": "active", "dana": "active"})
    github.team("acme", "legal", {"lee": "active"})


def test_a_legal_signoff_recorded_by_legal_ops_counts(github: FakeGitHub, tmp_path: Path) -> None:
    s = scenario(github, tmp_path, {SMART: RECORDED}, base=POLICY)
    teams(github)
    sign_off(s)
    s.pull.review("olga", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 0, run.everything
    body = s.comments()[0]
    assert "| product | marketing | legal |" in body
    assert CELL in body, body
    assert s.status()[1] == "success"
    # Every format says so: the notice on the record's line, in the log and the JSON.
    said = "legal: signed off by Lena Weber on Fri 20 Nov 2026 (LEGAL-123), recorded by olga"
    assert "::notice file=launches/smart-reports.yaml,line=10" in run.stdout
    report = json.loads(Path(run.outputs["report"]).read_text(encoding="utf-8"))
    (notice,) = [f for f in report["findings"] if f["rule"] == "signoff-recorded"]
    assert (notice["message"], notice["line"], notice["severity"]) == (said, 10, "notice")
    assert notice["subject"] == {"launch": "smart-reports", "role": "legal"}


def test_the_same_record_approved_by_anyone_else_does_not_count(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: RECORDED}, base=POLICY)
    teams(github)
    sign_off(s)  # ann (product) and mo (marketing) approve: neither is in legal-ops
    run = s.run(env=TEAM)
    assert run.code == 1
    body = s.comments()[0]
    assert (
        "⏳ not yet; sign-off by Lena Weber recorded, not approved by a member of legal-ops" in body
    ), body
    assert "record legal's sign-off under `signoff_records` in the manifest" in body
    assert (
        "signoff-missing::legal has not signed off: any member of acme/legal must approve; "
        "the sign-off by Lena Weber on Fri 20 Nov 2026 (LEGAL-123) recorded in the manifest "
        "does not count: any member of acme/legal-ops must approve" in run.stdout
    ), run.stdout
    assert "does not count: not approved by a member of legal-ops" in run.stdout


def test_the_author_in_legal_ops_does_not_record_their_own_pull_request(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: RECORDED}, base=POLICY)  # dana opens it
    teams(github)
    sign_off(s)
    s.pull.review("dana", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "the approval by the author dana was ignored" in run.stdout


def test_a_recording_approval_goes_stale_when_the_launch_changes(
    github: FakeGitHub, tmp_path: Path
) -> None:
    s = scenario(github, tmp_path, {SMART: RECORDED}, base=POLICY)
    teams(github)
    sign_off(s)
    s.pull.review("olga", "APPROVED")
    s.pull.push({SMART: RECORDED + "locales: [en-US]\n"})
    s.pull.review("ann", "APPROVED")
    s.pull.review("mo", "APPROVED")
    run = s.run(env=TEAM, action="synchronize")
    assert run.code == 1
    assert "signoff-stale::legal: the sign-off by Lena Weber" in run.stdout
    assert "so olga must approve again" in run.stdout
    body = s.comments()[0]
    assert (
        "♻️ olga: approve again; sign-off by Lena Weber recorded, approved before a change" in body
    )
    s.pull.review("olga", "APPROVED")
    assert s.run(env=TEAM).code == 0


def test_a_record_already_on_the_base_does_not_sign_off_a_change(
    github: FakeGitHub, tmp_path: Path
) -> None:
    base = {**POLICY, SMART: manifest("smart-reports", LENA)}
    s = scenario(github, tmp_path, {SMART: RECORDED}, base=base)  # only the dates change
    teams(github)
    sign_off(s)
    s.pull.review("olga", "APPROVED")
    run = s.run(env=TEAM)
    assert run.code == 1
    assert "was recorded before this pull request changed the launch" in run.stdout
    assert "sign-off by Lena Weber recorded, recorded before this change" in s.comments()[0]
    # Legal signs off this version: a new record (another day, another ticket).
    newer = RECORDED.replace("2026-11-20", "2026-11-22").replace("LEGAL-123", "LEGAL-130")
    s.pull.push({SMART: newer})
    s.pull.review("ann", "APPROVED")
    s.pull.review("mo", "APPROVED")
    s.pull.review("olga", "APPROVED")
    assert s.run(env=TEAM).code == 0


def test_a_base_record_reformatted_is_still_the_same_record(
    github: FakeGitHub, tmp_path: Path
) -> None:
    base = {**POLICY, SMART: manifest("smart-reports", LENA)}
    requoted = LENA.replace('"Lena Weber"', "'Lena Weber'")
    s = scenario(github, tmp_path, {SMART: manifest("smart-reports", requoted, day=3)}, base=base)
    teams(github)
    sign_off(s)
    s.pull.review("olga", "APPROVED")
    assert s.run(env=TEAM).code == 1


def test_offline_the_record_is_listed_not_counted(github: FakeGitHub, tmp_path: Path) -> None:
    from tests.conftest import ROOT, main_in_process
    from tests.github.test_ci import checkout

    s = scenario(github, tmp_path, {SMART: RECORDED}, base=POLICY)
    workspace = checkout(s.repo, s.pull.head_sha, tmp_path)
    code, stdout, _ = main_in_process(
        ["check", str(workspace), "--today", "2026-11-23", "--format", "json"], {}, ROOT
    )
    assert code == 0
    report = json.loads(stdout)
    (listed,) = [f for f in report["findings"] if f["rule"] == "signoff-recorded"]
    assert listed["message"].endswith(
        "recorded here, not counted offline: it counts once a member of legal-ops approves "
        "the pull request that adds it"
    )


# ---- release pull requests: a record is the approval it stands for ---------------------------


def released(github: FakeGitHub, tmp_path: Path, *approvers: str) -> History:
    history = History(github, tmp_path)
    teams(github)
    history.push({".launchgate.yml": CONFIG})
    history.merged({SMART: RECORDED}, "dana", *approvers)
    return history


def test_a_release_keeps_a_record_approved_by_legal_ops_where_it_was_added(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = released(github, tmp_path, "ann", "mo", "olga")
    s = history.release()
    run = s.run(env=TEAM)
    assert run.code == 0, run.everything
    body = s.comments()[0]
    assert f"{CELL} in #101" in body
    assert "signed off by ann, mo and Lena Weber (recorded by olga) in #101" in body


def test_a_release_does_not_count_a_record_nobody_in_legal_ops_approved(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = released(github, tmp_path, "ann", "mo")
    run = history.release().run(env=TEAM)
    assert run.code == 1
    assert "in #101, the last pull request to change launches/smart-reports.yaml" in run.stdout
    assert "recorded in the manifest does not count" in run.stdout


def test_a_release_does_not_count_a_record_a_later_pull_request_only_carried(
    github: FakeGitHub, tmp_path: Path
) -> None:
    history = released(github, tmp_path, "ann", "mo", "olga")
    later = RECORDED.replace("metrics:", "locales: [en-US]\nmetrics:")
    history.merged({SMART: later}, "erin", "ann", "mo", "olga")  # #103 keeps the record
    run = history.release().run(env=TEAM)
    assert run.code == 1
    assert "was recorded before this pull request changed the launch" in run.stdout
