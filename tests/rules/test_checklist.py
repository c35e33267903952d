"""Checklist rules: checklist-incomplete, metric-missing, metric-unknown; and how a launch
finds its checklist (the repository's own, else a built-in one)."""

from __future__ import annotations

import pytest

from tests.rules.conftest import (
    ERROR,
    HEADER,
    NOTICE,
    WARNING,
    CheckRepo,
    Expected,
    Files,
    assert_findings,
    fired,
)

CHECKLIST = """\
collateral:
  - {type: blog_post}
  - {type: sales_deck}
copy:
  channels: [web.meta_description]
"""
BLOG = '  - {id: post, type: blog_post, owner: "@ann", due: 2026-11-25, status: done}\n'
DECK = '  - {id: deck, type: sales_deck, owner: "@ann", due: 2026-11-18, status: done}\n'
META = '  - {channel: web.meta_description, locale: en-US, text: "Reports that explain."}\n'
TITLE = '  - {channel: web.title, locale: en-US, text: "Smart Reports"}\n'


def with_checklist(name: str, body: str = "") -> str:
    """HEADER with `checklist: NAME` on line 2, so what follows starts on line 6."""
    return HEADER.replace("id: demo\n", f"id: demo\nchecklist: {name}\n") + body


# --- checklist-incomplete -------------------------------------------------------------------

INCOMPLETE_CASES = [
    pytest.param("collateral:\n" + BLOG + DECK + "copy:\n" + META, [], id="everything-required"),
    pytest.param(
        "collateral:\n" + BLOG + "copy:\n" + META,
        [(7, ERROR, "the t checklist requires sales_deck collateral and the launch has none")],
        id="missing-collateral-type",
    ),
    pytest.param(
        "copy:\n" + META,
        [
            (2, ERROR, "requires blog_post collateral and the launch has none"),
            (2, ERROR, "requires sales_deck collateral and the launch has none"),
        ],
        id="no-collateral-at-all",
    ),
    pytest.param(
        "collateral:\n" + BLOG + DECK + "copy:\n" + TITLE,
        [(10, ERROR, "the t checklist requires web.meta_description copy and the launch has none")],
        id="missing-copy-channel",
    ),
    pytest.param(
        "collateral:\n" + BLOG + DECK + "copy:\n" + META.replace("en-US", "de-DE"),
        [],
        id="copy-channel-in-any-locale",
    ),
]


@pytest.mark.parametrize(("body", "expected"), INCOMPLETE_CASES)
def test_checklist_incomplete(check_repo: CheckRepo, body: str, expected: list[Expected]) -> None:
    files: Files = {"checklists/t.yaml": CHECKLIST, "launches/demo.yaml": with_checklist("t", body)}
    assert_findings(check_repo(files), "checklist-incomplete", expected)


@pytest.mark.parametrize(
    ("channel", "said"),
    [
        ("twitter", "; twitter is not a channel (did you mean 'x.post'?): correct the checklist"),
        ("carrier_pigeon", "; carrier_pigeon is not a channel: correct the checklist"),
        (
            "changelog.titel",
            "; changelog.titel is not a channel (did you mean 'changelog.title'?): "
            "correct the checklist",
        ),
        ("in_app.banner", ""),  # the in_app family
        ("changelog.title", ""),  # the repository's own
    ],
)
def test_a_checklist_that_asks_for_no_channel_says_so(
    check_repo: CheckRepo, channel: str, said: str
) -> None:
    files: Files = {
        ".launchgate.yml": "channels: {changelog.title: {max: 70}}\n",
        "checklists/t.yaml": f"copy: {{channels: [{channel}]}}\n",
        "launches/demo.yaml": with_checklist("t"),
    }
    message = f"the t checklist requires {channel} copy and the launch has none{said}"
    findings = fired(check_repo(files), "checklist-incomplete")
    assert [finding.message for finding in findings] == [message]


def test_no_checklist_requires_nothing(check_repo: CheckRepo) -> None:
    report = check_repo({"checklists/t.yaml": CHECKLIST, "launches/demo.yaml": HEADER})
    assert_findings(report, "checklist-incomplete", [])


# --- metric-missing -------------------------------------------------------------------------

REQUIRED = "metrics: {north_star: required}\n"
TARGET_ONLY = 'metrics:\n  targets:\n    - {metric: upgrade_conversion, owner: "@ann"}\n'

METRIC_MISSING_CASES = [
    pytest.param(
        REQUIRED,
        "",
        [(2, ERROR, "the t checklist requires a north-star metric (metrics.north_star)")],
        id="required-no-metrics",
    ),
    pytest.param(
        REQUIRED,
        TARGET_ONLY,
        [(7, ERROR, "requires a north-star metric")],
        id="required-targets-only",
    ),
    pytest.param(
        REQUIRED, "metrics: {north_star: weekly_engaged_teams}\n", [], id="required-given"
    ),
    pytest.param("metrics: {north_star: optional}\n", "", [], id="optional"),
    pytest.param("name: Quiet\n", "", [], id="default-is-optional"),
]


@pytest.mark.parametrize(("checklist", "body", "expected"), METRIC_MISSING_CASES)
def test_metric_missing(
    check_repo: CheckRepo, checklist: str, body: str, expected: list[Expected]
) -> None:
    files: Files = {"checklists/t.yaml": checklist, "launches/demo.yaml": with_checklist("t", body)}
    assert_findings(check_repo(files), "metric-missing", expected)


# --- metric-unknown -------------------------------------------------------------------------

GLOSSARY = """\
metrics:
  weekly_engaged_teams: Teams with three or more members active in the last seven days
  upgrade_conversion: Share of trials that upgrade
"""


def metrics(north_star: str, target: str = "upgrade_conversion") -> str:
    """HEADER, then the north star on line 6 and one target on line 8."""
    return HEADER + (
        f"metrics:\n  north_star: {north_star}\n  targets:\n"
        f'    - {{metric: {target}, owner: "@ann"}}\n'
    )


METRIC_UNKNOWN_CASES = [
    pytest.param(GLOSSARY, metrics("weekly_engaged_teams"), [], id="defined"),
    pytest.param(
        GLOSSARY,
        metrics("weekly_active_teams"),
        [
            (
                6,
                WARNING,
                "metric 'weekly_active_teams' is not defined in the glossary "
                "(did you mean 'weekly_engaged_teams'?)",
            )
        ],
        id="north-star-did-you-mean",
    ),
    pytest.param(
        GLOSSARY,
        metrics("weekly_engaged_teams", target="churn"),
        [(8, WARNING, "metric 'churn' is not defined in the glossary")],
        id="target-unknown",
    ),
    pytest.param(
        "terms:\n  - {ban: [synergy]}\n", metrics("anything"), [], id="glossary-defines-no-metric"
    ),
    pytest.param(None, metrics("anything"), [], id="no-glossary"),
]


@pytest.mark.parametrize(("glossary", "manifest", "expected"), METRIC_UNKNOWN_CASES)
def test_metric_unknown(
    check_repo: CheckRepo, glossary: str | None, manifest: str, expected: list[Expected]
) -> None:
    files: Files = {"launches/demo.yaml": manifest}
    if glossary is not None:
        files = {**files, "glossary.yaml": glossary}
    assert_findings(check_repo(files), "metric-unknown", expected)


def test_metric_unknown_without_a_close_match_gives_no_hint(check_repo: CheckRepo) -> None:
    files: Files = {
        "glossary.yaml": GLOSSARY,
        "launches/demo.yaml": metrics("weekly_engaged_teams", target="churn"),
    }
    (finding,) = fired(check_repo(files), "metric-unknown")
    assert "did you mean" not in finding.message


# --- which checklist ------------------------------------------------------------------------

UNKNOWN_CHECKLIST_CASES = [
    pytest.param("majro", {}, "unknown checklist 'majro' (did you mean 'major'?)", id="typo"),
    pytest.param(
        "zzzz", {}, "unknown checklist 'zzzz' (known: major, minor, patch)", id="no-close-match"
    ),
    pytest.param(
        "launch-teir",
        {"checklists/launch-tier.yaml": "name: Tier\n"},
        "(did you mean 'launch-tier'?)",
        id="did-you-mean-a-repository-checklist",
    ),
]


@pytest.mark.parametrize(("name", "extra", "fragment"), UNKNOWN_CHECKLIST_CASES)
def test_unknown_checklist_is_manifest_invalid(
    check_repo: CheckRepo, name: str, extra: dict[str, str], fragment: str
) -> None:
    report = check_repo({**extra, "launches/demo.yaml": with_checklist(name)})
    assert_findings(report, "manifest-invalid", [(2, ERROR, fragment)])
    assert [launch.id for launch in report.launches] == ["demo"]  # still checked


def test_builtin_major_without_a_checklists_folder(check_repo: CheckRepo) -> None:
    report = check_repo({"launches/demo.yaml": with_checklist("major")})
    assert_findings(
        report,
        "checklist-incomplete",
        [
            # all at the `checklist:` line, so in the order of their messages
            (2, ERROR, "the major checklist requires blog_post collateral"),
            (2, ERROR, "the major checklist requires email.subject copy"),
            (2, ERROR, "the major checklist requires help_article collateral"),
            (2, ERROR, "the major checklist requires press_release collateral"),
            (2, ERROR, "the major checklist requires sales_deck collateral"),
            (2, ERROR, "the major checklist requires web.meta_description copy"),
            (2, ERROR, "the major checklist requires web.title copy"),
        ],
    )
    assert_findings(report, "metric-missing", [(2, ERROR, "the major checklist requires")])
    assert_findings(
        report, "signoff-unverified", [(1, NOTICE, "product, marketing, legal must approve")]
    )


def test_builtin_minor_complete_launch(check_repo: CheckRepo) -> None:
    body = (
        "collateral:\n"
        + BLOG
        + '  - {id: help, type: help_article, owner: "@ann", due: 2026-11-25, status: done}\n'
        + 'copy:\n  - {channel: email.subject, locale: en-US, text: "New: Smart Reports"}\n'
        + "metrics: {north_star: weekly_engaged_teams}\n"
    )
    report = check_repo({"launches/demo.yaml": with_checklist("minor", body)})
    assert_findings(report, "checklist-incomplete", [])
    assert_findings(report, "metric-missing", [])
    assert_findings(report, "signoff-unverified", [(1, NOTICE, "product, marketing must approve")])


def test_builtin_patch(check_repo: CheckRepo) -> None:
    report = check_repo({"launches/demo.yaml": with_checklist("patch")})
    assert_findings(
        report,
        "checklist-incomplete",
        [(2, ERROR, "the patch checklist requires release_notes collateral")],
    )
    assert_findings(report, "metric-missing", [])


def test_repository_checklist_overrides_the_builtin_of_that_name(check_repo: CheckRepo) -> None:
    files: Files = {
        "checklists/major.yaml": "name: Our major\ncollateral:\n  - {type: video}\n",
        "launches/demo.yaml": with_checklist("major"),
    }
    report = check_repo(files)
    assert_findings(
        report,
        "checklist-incomplete",
        [(2, ERROR, "the major checklist requires video collateral and the launch has none")],
    )
    assert_findings(report, "metric-missing", [])  # the built-in major requires one
    assert_findings(report, "signoff-unverified", [])  # and sign-offs


def test_metric_unknown_points_at_each_metric_and_says_no_more(check_repo: CheckRepo) -> None:
    files: Files = {
        "glossary.yaml": GLOSSARY,
        "launches/demo.yaml": metrics("churn", target="churn"),
    }
    report = check_repo(files)
    assert [(f.line, f.column, f.message) for f in fired(report, "metric-unknown")] == [
        (6, 15, "metric 'churn' is not defined in the glossary"),
        (8, 16, "metric 'churn' is not defined in the glossary"),
    ]
