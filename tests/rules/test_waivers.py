"""Waivers: a finding a waiver covers no longer fails the check, and every waiver is seen.

Run as a user's check runs (files -> config -> repository -> Report). The
issue's own case: a launch that needs German and Japanese copy sends its
social posts and SMS in English only, with marketing's approval, until the
end of the year.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

import pytest

from launchgate.config import load_config
from launchgate.engine import Supplied, check_loaded
from launchgate.errors import ConfigError
from launchgate.findings import Finding, Report, Severity, Subject, Waived
from launchgate.models import Waiver
from launchgate.repository import load_repository
from launchgate.signoff_state import LaunchRoles, RoleState, WaiverSignoff
from launchgate.waivers import covers
from tests.rules.conftest import TODAY, Files, assert_findings, check_files, fired, write_repo

ERROR, WARNING, NOTICE = Severity.ERROR, Severity.WARNING, Severity.NOTICE
CONFIG = """\
roles:
  marketing: {users: [david]}
  product: {users: [ann]}
"""
CHECKLIST = "locales: [en-US, de-DE, ja-JP]\n"
LAUNCH = """\
id: insights
checklist: intl
owners: {product: "@ann"}
release: {version: "1.0.0", date: 2026-12-01}
copy:
  - {channel: x.post, text: "Team Insights is here"}
  - {channel: linkedin.post, text: "Team Insights is here"}
  - {channel: sms, text: "Team Insights is here"}
  - {channel: web.title, locale: en-US, text: "Team Insights"}
  - {channel: web.title, locale: de-DE, text: "Team-Einblicke"}
  - {channel: web.title, locale: ja-JP, text: "Teaminsights"}
"""
WAIVER_LINE = 13  # the first key of the first item under `waivers:`, appended to LAUNCH
SOCIAL = """\
waivers:
  - rule: copy-locale-missing
    where: {channel: [x.post, linkedin.post, sms]}
    reason: Social and SMS go out in English only for this launch
    approved_by: marketing
    expires: 2026-12-31
"""
FILE = "launches/insights.yaml"


def files(manifest: str, config: str = CONFIG) -> Files:
    return {".launchgate.yml": config, "checklists/intl.yaml": CHECKLIST, FILE: manifest}


def waiver(rule: str, expires: str = "2026-12-31", extra: str = "", role: str = "marketing") -> str:
    """A `waivers:` list of one waiver, starting on WAIVER_LINE when appended to LAUNCH."""
    return (
        f"waivers:\n  - rule: {rule}\n{extra}    reason: Agreed in the launch review\n"
        f"    approved_by: {role}\n    expires: {expires}\n"
    )


class Check(Protocol):
    def __call__(
        self, repository: Files, today: dt.date = ..., supplied: Supplied | None = ...
    ) -> Report: ...


@pytest.fixture
def check(tmp_path: Path) -> Check:
    """Check a repository of these files (in its own folder each call) on a day."""
    calls = 0

    def run(repository: Files, today: dt.date = TODAY, supplied: Supplied | None = None) -> Report:
        nonlocal calls
        calls += 1
        root = write_repo(tmp_path / f"repo{calls}", repository)
        if supplied is None:
            return check_files(root, repository, today)
        config, config_file = load_config(root)
        repo = load_repository(root, config, config_file)
        return check_loaded(repo, today, supplied=supplied)

    return run


def test_without_a_waiver_the_english_only_posts_fail(check: Check) -> None:
    report = check(files(LAUNCH))
    assert [f.line for f in fired(report, "copy-locale-missing")] == [
        6,
        6,
        7,
        7,
        8,
        8,
    ]  # de-DE and ja-JP each
    assert report.failed


def test_the_english_only_posts_pass_with_marketings_waiver_through_its_last_day(
    check: Check,
) -> None:
    for today in (TODAY, dt.date(2026, 12, 31)):
        report = check(files(LAUNCH + SOCIAL), today)
        missing = fired(report, "copy-locale-missing")
        assert [f.line for f in missing] == [6, 6, 7, 7, 8, 8]  # de-DE and ja-JP each
        expected = Waived(
            "Social and SMS go out in English only for this launch",
            "marketing",
            "2026-12-31",
            FILE,
            WAIVER_LINE,
        )
        assert {f.waiver for f in missing} == {expected}
        assert [f.severity for f in missing] == [ERROR] * 6  # still an error, and waived
        assert not report.failed
        assert not report.launch_failed(report.launches[0])
        assert report.count(ERROR) == 0
        assert len(report.waived) == 6
        assert fired(report, "waiver-expired") == []


def test_the_day_after_it_expires_they_fail_again_with_a_finding_on_the_waivers_line(
    check: Check,
) -> None:
    report = check(files(LAUNCH + SOCIAL), dt.date(2027, 1, 1))
    missing = fired(report, "copy-locale-missing")
    assert [(f.line, f.severity, f.waiver) for f in missing] == [
        (6, ERROR, None),
        (6, ERROR, None),
        (7, ERROR, None),
        (7, ERROR, None),
        (8, ERROR, None),
        (8, ERROR, None),
    ]
    assert report.failed
    assert_findings(report, "waiver-expired", [(WAIVER_LINE, WARNING, "expired after 2026-12-31")])
    (expired,) = fired(report, "waiver-expired")
    assert "renew expires (approved by marketing) or remove the waiver" in expired.message
    assert fired(report, "waiver-unused") == []  # expired says it; unused would repeat it


def test_where_narrows_by_channel(check: Check) -> None:
    narrowed = waiver("copy-locale-missing", extra="    where: {channel: x.post}\n")
    report = check(files(LAUNCH + narrowed))
    missing = fired(report, "copy-locale-missing")
    assert [(f.line, f.waiver is not None) for f in missing] == [
        (6, True),
        (6, True),
        (7, False),
        (7, False),
        (8, False),
        (8, False),
    ]
    assert report.failed


def test_without_where_a_waiver_covers_every_finding_of_its_rule_in_its_launch(
    check: Check,
) -> None:
    other = LAUNCH.replace("id: insights", "id: other")
    repository = {**files(LAUNCH + waiver("copy-locale-missing")), "launches/other.yaml": other}
    report = check(repository)
    waived = [f.file for f in fired(report, "copy-locale-missing") if f.waiver is not None]
    kept = [f.file for f in fired(report, "copy-locale-missing") if f.waiver is None]
    assert waived == [FILE] * 6
    assert kept == ["launches/other.yaml"] * 6  # another launch's findings stay
    assert report.launch_failed(report.launches[1])
    assert not report.launch_failed(report.launches[0])


def test_where_narrows_by_locale_and_a_locale_is_compared_in_one_form(
    check: Check,
) -> None:
    long_copy = LAUNCH.replace('"Team Insights"', '"' + "T" * 80 + '"').replace(
        '"Team-Einblicke"', '"' + "E" * 80 + '"'
    )
    narrowed = waiver(
        "copy-length", extra="    where: {channel: web.title, locale: [de-de, fr-FR]}\n"
    )
    report = check(files(long_copy + narrowed))
    lengths = fired(report, "copy-length")
    assert [(f.subject.locale, f.waiver is not None) for f in lengths] == [
        ("en-US", False),
        ("de-DE", True),
    ]
    assert report.failed


def test_a_where_part_a_finding_does_not_have_matches_nothing() -> None:
    rule = Waiver.model_validate(
        {
            "rule": "date-overdue",
            "where": {"collateral": "deck"},
            "reason": "r",
            "approved_by": "marketing",
            "expires": "2026-12-31",
        }
    )
    assert covers(rule, _finding("date-overdue", Subject(collateral="deck")))
    assert not covers(rule, _finding("date-overdue", Subject(collateral="post")))
    assert not covers(rule, _finding("date-overdue", Subject()))
    assert not covers(rule, _finding("date-order", Subject(collateral="deck")))


@pytest.mark.parametrize("key", ["channel", "locale", "collateral", "feature"])
def test_each_where_part_is_matched_on_the_subject_never_the_message(key: str) -> None:
    value = "de-DE" if key == "locale" else "x.post"
    rule = Waiver.model_validate(
        {
            "rule": "copy-term",
            "where": {key: [value]},
            "reason": "r",
            "approved_by": "marketing",
            "expires": "2026-12-31",
        }
    )
    named = _finding("copy-term", Subject(**{key: value}), message="nothing about it")
    mentioned = _finding("copy-term", Subject(**{key: "other"}), message=f"{value} {key}")
    assert covers(rule, named)
    assert not covers(rule, mentioned)


def _finding(rule: str, subject: Subject, message: str = "m") -> Finding:
    return Finding(FILE, 1, 1, rule, ERROR, message, "insights", subject)


def test_a_waiver_applies_to_a_rule_across_launches(check: Check) -> None:
    manifest = LAUNCH.replace('owners: {product: "@ann"}', 'owners: {product: "@ann", legl: x}')
    report = check(files(manifest + waiver("role-unknown")))
    (unknown,) = fired(report, "role-unknown")
    assert unknown.waiver is not None
    assert fired(report, "waiver-unused") == []


def test_a_waiver_that_covers_nothing_is_unused(check: Check) -> None:
    report = check(files(LAUNCH + SOCIAL + waiver("copy-term").replace("waivers:\n", "")))
    assert_findings(report, "waiver-unused", [(18, WARNING, "waiver of copy-term covers no")])
    (unused,) = fired(report, "waiver-unused")
    assert unused.message.endswith("covers no finding: remove it")
    assert not report.failed  # a warning


def test_a_waiver_whose_where_names_nothing_reported_is_unused(
    check: Check,
) -> None:
    narrowed = waiver("copy-locale-missing", extra="    where: {channel: email.subject}\n")
    report = check(files(LAUNCH + narrowed))
    assert_findings(
        report, "waiver-unused", [(WAIVER_LINE, WARNING, "covers no finding where it says")]
    )


def test_a_launch_with_a_value_left_out_is_not_checked_for_unused_waivers(
    check: Check,
) -> None:
    broken = LAUNCH.replace(
        "release: {", "collateral: [{id: d, type: deck, due: soon}]\nrelease: {"
    )
    report = check(files(broken + waiver("copy-term")))
    assert fired(report, "manifest-invalid")
    assert report.launches  # loaded, without the invalid item
    # ...and the next launch is still checked for them.
    other = LAUNCH.replace("id: insights", "id: other") + waiver("copy-term")
    both = check({**files(broken + waiver("copy-term")), "launches/other.yaml": other})
    assert [f.file for f in fired(both, "waiver-unused")] == ["launches/other.yaml"]
    assert fired(report, "waiver-unused") == []


@pytest.mark.parametrize(("days", "refused"), [(90, False), (91, True)], ids=["90-days", "91-days"])
def test_a_waiver_longer_than_max_days_from_the_run_is_refused(
    check: Check,
    days: int,
    refused: bool,
) -> None:
    expires = (TODAY + dt.timedelta(days=days)).isoformat()
    report = check(files(LAUNCH + waiver("copy-locale-missing", expires)))
    refusals = fired(report, "waiver-refused")
    waived = [f for f in fired(report, "copy-locale-missing") if f.waiver is not None]
    if refused:
        assert_findings(report, "waiver-refused", [(WAIVER_LINE, ERROR, f"{days} days from")])
        assert "more than the 90 days waivers.max_days allows in .launchgate.yml" in (
            refusals[0].message
        )
        assert "set expires to 2027-02-21 or earlier" in refusals[0].message
        assert waived == []
        assert report.failed
    else:
        assert refusals == []
        assert len(waived) == 6
        assert not report.failed


def test_the_horizon_counts_from_the_run_so_a_refused_waiver_fits_later(
    check: Check,
) -> None:
    config = CONFIG + "waivers: {max_days: 10}\n"
    repository = files(LAUNCH + waiver("copy-locale-missing", "2026-12-10"), config)
    assert fired(check(repository), "waiver-refused")  # 17 days ahead
    later = check(repository, dt.date(2026, 11, 30))  # 10 days ahead
    assert fired(later, "waiver-refused") == []
    assert not later.failed


SIGNOFF = "a sign-off can never be waived: a waiver cannot replace an approval"
NEVER = ".launchgate.yml lists it under waivers.never: fix what it reports instead"


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ("signoff-missing", SIGNOFF),
        ("signoff-unverified", SIGNOFF),
        ("waiver-unused", "the waiver rules can never be waived: fix or remove the waiver"),
        ("waiver-unapproved", "the waiver rules can never be waived: fix or remove the waiver"),
        ("manifest-invalid", NEVER),
        ("duplicate-id", NEVER),
    ],
)
def test_a_rule_that_may_never_be_waived_is_refused(
    check: Check,
    rule: str,
    why: str,
) -> None:
    report = check(files(LAUNCH + waiver(rule)))
    assert_findings(report, "waiver-refused", [(WAIVER_LINE, ERROR, f"waiver of {rule} refused")])
    assert fired(report, "waiver-refused")[0].message == f"waiver of {rule} refused: {why}"
    assert fired(report, "waiver-unused") == []  # refused says it


def test_a_config_sets_the_never_list_but_sign_offs_stay_unwaivable(
    check: Check,
) -> None:
    config = CONFIG + "waivers: {never: [copy-*]}\n"
    refused = check(files(LAUNCH + waiver("copy-locale-missing"), config))
    assert "lists it under waivers.never" in fired(refused, "waiver-refused")[0].message
    allowed = check(files(LAUNCH + waiver("duplicate-id"), config))  # no longer in the list
    assert fired(allowed, "waiver-refused") == []
    assert fired(allowed, "waiver-unused")  # allowed, and nothing to cover
    signoff = check(files(LAUNCH + waiver("signoff-stale"), config))
    assert fired(signoff, "waiver-refused")


def test_an_approver_that_is_no_role_of_the_config_is_refused(
    check: Check,
) -> None:
    report = check(files(LAUNCH + waiver("copy-locale-missing", role="markting")))
    assert_findings(
        report, "waiver-refused", [(WAIVER_LINE, ERROR, "approved_by 'markting' is not a role")]
    )
    assert "did you mean 'marketing'?" in fired(report, "waiver-refused")[0].message
    assert report.failed
    far = check(files(LAUNCH + waiver("copy-locale-missing", role="zzz")))
    assert fired(far, "waiver-refused")[0].message.endswith(
        "approved_by 'zzz' is not a role under roles: in .launchgate.yml "
        "(known: marketing, product)"
    )
    none = check(files(LAUNCH + waiver("copy-locale-missing"), "timezone: UTC\n"))
    assert "(none is defined)" in fired(none, "waiver-refused")[0].message


def test_an_unknown_never_rule_is_a_config_error_with_a_suggestion(tmp_path: Path) -> None:
    write_repo(tmp_path, {".launchgate.yml": CONFIG + "waivers:\n  never: [copy-lenght]\n"})
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert ".launchgate.yml:5:" in str(raised.value)
    assert "did you mean 'copy-length'?" in str(raised.value)


@pytest.mark.parametrize(
    ("item", "line", "fragment"),
    [
        ("  - rule: copy-lenght\n", WAIVER_LINE, "unknown rule 'copy-lenght' (did you mean"),
        ("  - rule: copy-length\n    where: {channl: x.post}\n", 14, "unknown key 'channl'"),
    ],
)
def test_an_invalid_waiver_is_a_manifest_error_on_its_line(
    check: Check,
    item: str,
    line: int,
    fragment: str,
) -> None:
    rest = "    reason: r\n    approved_by: marketing\n    expires: 2026-12-31\n"
    report = check(files(LAUNCH + "waivers:\n" + item + rest))
    assert_findings(report, "manifest-invalid", [(line, ERROR, fragment)])


@pytest.mark.parametrize("key", ["reason", "approved_by", "expires"])
def test_reason_approver_and_expiry_are_required(
    check: Check,
    key: str,
) -> None:
    item = waiver("copy-locale-missing")
    without = "\n".join(line for line in item.splitlines() if f" {key}:" not in line) + "\n"
    report = check(files(LAUNCH + without))
    assert_findings(
        report, "manifest-invalid", [(WAIVER_LINE, ERROR, f"missing required key '{key}'")]
    )
    assert [f for f in fired(report, "copy-locale-missing") if f.waiver] == []


def test_a_blank_reason_is_refused_by_validation(check: Check) -> None:
    blank = waiver("copy-term").replace("Agreed in the launch review", '"  "')
    report = check(files(LAUNCH + blank))
    assert_findings(report, "manifest-invalid", [(WAIVER_LINE + 1, ERROR, "cannot be blank")])


def test_offline_each_applied_waiver_says_its_approval_is_not_verified(
    check: Check,
) -> None:
    unused = waiver("copy-term").replace("waivers:\n", "")
    report = check(files(LAUNCH + SOCIAL + unused))
    assert_findings(
        report,
        "waiver-unverified",
        [(WAIVER_LINE, NOTICE, "marketing must approve the pull request")],
    )


@pytest.mark.parametrize(
    ("members", "nobody"),
    [("{users: [david]}", False), ("{teams: [acme/marketing]}", False), ("{}", True)],
)
def test_the_notice_says_when_the_approving_role_has_nobody_to_approve(
    check: Check, members: str, nobody: bool
) -> None:
    config = f"roles:\n  marketing: {members}\n  product: {{users: [ann]}}\n"
    report = check(files(LAUNCH + SOCIAL, config))
    (notice,) = fired(report, "waiver-unverified")
    suffix = "; marketing has no users or teams in .launchgate.yml roles"
    assert notice.message.endswith(suffix) is nobody
    assert notice.message.startswith(
        "waiver of copy-locale-missing applied, its approval not verified: marketing must "
        "approve the pull request that adds or changes it"
    )


def test_a_run_that_verified_approvals_applies_only_the_approved_waivers(
    check: Check,
) -> None:
    repository = files(LAUNCH + SOCIAL)
    approved = check(repository, supplied=Supplied(waiver_approvals={(FILE, 0)}))
    assert fired(approved, "waiver-unverified") == []
    assert len(approved.waived) == 6
    assert not approved.failed
    unapproved = check(repository, supplied=Supplied(waiver_approvals=set()))
    assert unapproved.waived == []
    assert unapproved.failed


def test_a_waived_warning_is_not_counted_and_does_not_fail_at_fail_on_warning(
    check: Check,
) -> None:
    copy = LAUNCH.replace('"Team Insights"', '"A revolutionary way to plan"')
    glossary = "terms:\n  - {ban: [revolutionary]}\n"
    report = check({**files(copy + SOCIAL), "glossary.yaml": glossary})
    assert fired(report, "copy-term")[0].waiver is None
    covered = {**files(copy + SOCIAL + waiver("copy-term").replace("waivers:\n", ""))}
    waived = check({**covered, "glossary.yaml": glossary})
    (term,) = fired(waived, "copy-term")
    assert term.waiver is not None
    assert waived.count(WARNING) == 0
    waived.fail_on = WARNING
    assert not waived.blocks(term)


# ---- on a pull request: waiver-unapproved ------------------------------------------------

TWO_WAIVERS = SOCIAL + (
    "  - {rule: copy-term, reason: Campaign wording, approved_by: marketing, expires: 2026-12-31}\n"
)  # the second waiver is on line 18


def pull_request_check(
    tmp_path: Path, signoffs: list[WaiverSignoff], group_pull: tuple[int, str] | None = None
) -> Report:
    """The launch checked as `launchgate ci` hands it over: the pull request adds the
    waivers `signoffs` name (their roles in those states); the others are unchanged."""
    root = write_repo(tmp_path, files(LAUNCH + TWO_WAIVERS))
    config, config_file = load_config(root)
    repo = load_repository(root, config, config_file)
    (launch,) = repo.launches
    entry = LaunchRoles(launch, [], group_pull, signoffs)
    waiting = {(FILE, s.index) for s in signoffs if s.state.state != "signed"}
    approved = {(FILE, 0), (FILE, 1)} - waiting
    return check_loaded(repo, TODAY, supplied=Supplied(signoffs=[entry], waiver_approvals=approved))


MISSING = RoleState("marketing", "missing", message="why it waits")
SIGNED = RoleState("marketing", "signed", ("david",))


def test_a_waiver_waiting_for_its_role_is_an_error_on_its_line_and_not_called_unused(
    tmp_path: Path,
) -> None:
    report = pull_request_check(tmp_path, [WaiverSignoff(1, MISSING)])
    assert_findings(
        report,
        "waiver-unapproved",
        [(18, ERROR, "waiver of copy-term not applied: why it waits")],
    )
    assert fired(report, "waiver-unapproved")[0].message == (
        "waiver of copy-term not applied: why it waits"
    )
    assert fired(report, "waiver-unused") == []  # its own error says what it waits for
    assert report.failed


def test_each_waiting_waiver_is_reported_and_the_others_still_checked(tmp_path: Path) -> None:
    # The first waiver (x.post and more) waits; the second, approved, covers nothing.
    report = pull_request_check(tmp_path, [WaiverSignoff(0, MISSING), WaiverSignoff(1, SIGNED)])
    assert [f.line for f in fired(report, "waiver-unapproved")] == [WAIVER_LINE]
    assert [f.line for f in fired(report, "waiver-unused")] == [18]
    approved_first = pull_request_check(
        tmp_path / "again", [WaiverSignoff(0, SIGNED), WaiverSignoff(1, MISSING)]
    )
    assert [f.line for f in fired(approved_first, "waiver-unapproved")] == [18]


def test_in_a_merge_group_it_names_the_pull_request_that_adds_the_waiver(
    tmp_path: Path,
) -> None:
    report = pull_request_check(tmp_path, [WaiverSignoff(1, MISSING)], group_pull=(12, "dana"))
    (finding,) = fired(report, "waiver-unapproved")
    assert finding.message == "pull request #12: waiver of copy-term not applied: why it waits"


def test_an_approved_waiver_has_no_unapproved_finding_and_is_unused_when_it_covers_nothing(
    tmp_path: Path,
) -> None:
    report = pull_request_check(tmp_path, [WaiverSignoff(1, SIGNED)])
    assert fired(report, "waiver-unapproved") == []
    assert [f.line for f in fired(report, "waiver-unused")] == [18]
