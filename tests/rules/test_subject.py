"""What a finding is about (its Subject), read off the rule's key path or given by the rule.

Waivers will match on the subject, never on message text, so each kind of item a
finding can be about must name it: a copy item's channel and locale, a collateral
item's id, a feature's id, a role.
"""

from __future__ import annotations

from pathlib import Path

from launchgate.config import load_config
from launchgate.engine import Supplied, check_loaded
from launchgate.findings import Subject
from launchgate.release_target import ReleaseTarget
from launchgate.repository import load_repository
from launchgate.signoff_state import LaunchRoles, RoleState
from tests.rules.conftest import HEADER, TODAY, CheckRepo, fired, write_repo

CONFIG = ".launchgate.yml"


def test_a_copy_finding_names_the_channel_and_locale_the_primary_one_when_none_is_written(
    check_repo: CheckRepo,
) -> None:
    manifest = HEADER + (
        "locales: [en-US, de-DE]\n"
        "copy:\n"
        "  - {channel: app_store.subtitle, text: 'Know how your content performs today'}\n"
        "  - {channel: app_store.subtitle, locale: de-DE, text: 'Wissen, was Inhalte leisten'}\n"
    )
    report = check_repo({"launches/demo.yaml": manifest})
    (finding,) = fired(report, "copy-length")
    assert finding.subject == Subject(channel="app_store.subtitle", locale="en-US")


def test_a_missing_locale_names_the_channel_and_the_missing_locale(
    check_repo: CheckRepo,
) -> None:
    # The locale that is missing, not the locale of the item the finding points at (en-US).
    manifest = HEADER + (
        "locales: [en-US, de-DE]\ncopy:\n  - {channel: web.title, locale: en-US, text: 'Demo'}\n"
    )
    report = check_repo({"launches/demo.yaml": manifest})
    (finding,) = fired(report, "copy-locale-missing")
    assert finding.subject == Subject(channel="web.title", locale="de-DE")


def test_a_collateral_finding_names_the_item_and_an_owner_finding_the_role(
    check_repo: CheckRepo,
) -> None:
    manifest = (
        "id: demo\n"
        "owners: {product: '@ann', marketing: nobody}\n"
        "release: {version: '1.0.0', date: 2026-12-01}\n"
        "announce: {date: 2026-12-02}\n"
        "collateral:\n"
        "  - {id: deck, type: sales_deck, owner: '@david', due: 2026-11-20}\n"
    )
    report = check_repo({"launches/demo.yaml": manifest})
    (overdue,) = fired(report, "date-overdue")
    assert overdue.subject == Subject(collateral="deck")
    (owner,) = fired(report, "owner-unknown")
    assert owner.subject == Subject(role="marketing")


def test_a_finding_about_the_whole_launch_has_an_empty_subject(check_repo: CheckRepo) -> None:
    report = check_repo({"launches/demo.yaml": HEADER.replace("2026-12-02", "2026-11-28")})
    (finding,) = fired(report, "date-order")
    assert finding.subject == Subject()
    assert finding.launch == "demo"


def test_a_release_finding_names_the_feature_and_a_signoff_finding_the_role(
    tmp_path: Path,
) -> None:
    manifest = HEADER.replace('"1.0.0"', '"2.0.0"') + (
        "signoffs: [legal]\nfeatures:\n  - {id: smart, flag: smart_reports}\n"
    )
    files = {
        "launches/demo.yaml": manifest,
        CONFIG: "release: {features: 'flags.json#flags'}\n",
        "flags.json": '{"flags": {"smart_reports": false}}',
    }
    root = write_repo(tmp_path, files)
    config, name = load_config(root)
    repo = load_repository(root, config, name)
    roles = [RoleState("legal", "missing", message="legal has not signed off")]
    supplied = Supplied(ReleaseTarget("2.0.0"), [LaunchRoles(repo.launches[0], roles, (7, "dana"))])
    report = check_loaded(repo, TODAY, supplied=supplied)
    (flag,) = fired(report, "release-mismatch")
    assert flag.subject == Subject(feature="smart")
    (signoff,) = fired(report, "signoff-missing")
    assert signoff.subject == Subject(role="legal")
    assert signoff.message == "pull request #7: legal has not signed off"
    assert (signoff.line, signoff.column) == (5, 11)
    assert fired(report, "signoff-unverified") == []  # a run with sign-offs verifies them


def test_copy_a_checklist_requires_names_its_channel(check_repo: CheckRepo) -> None:
    manifest = HEADER.replace("id: demo\n", "id: demo\nchecklist: minor\n")
    report = check_repo({"launches/demo.yaml": manifest})
    copy = [f for f in fired(report, "checklist-incomplete") if "copy" in f.message]
    assert [f.subject for f in copy] == [Subject(channel="email.subject")]
    collateral = [f for f in fired(report, "checklist-incomplete") if "collateral" in f.message]
    assert collateral and all(f.subject == Subject() for f in collateral)
