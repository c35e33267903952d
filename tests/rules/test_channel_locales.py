"""Per-channel locales (`channel_locales:` in a checklist or a manifest) and the rules that
follow them: copy-locale-missing, copy-locale-unknown, copy-expansion; and what is said of a
key that names no channel or a locale that is no tag, in either file.

The launch needs en-US, de-DE and ja-JP; its X post is in English only. LAUNCH takes lines
1-6 and CHECKLIST_HEADER line 1, so a manifest's `channel_locales:` is line 7 (or the
`copy:` is) and a checklist's is line 2.
"""

from __future__ import annotations

import pytest

from launchgate.findings import Subject
from tests.rules.conftest import (
    ERROR,
    HEADER,
    NOTICE,
    WARNING,
    CheckRepo,
    Expected,
    assert_findings,
    fired,
)

LAUNCH = HEADER.replace("id: demo\n", "id: demo\nchecklist: loc\n") + "locales: [de-DE, ja-JP]\n"
CHECKLIST_HEADER = "locales: [en-US]\n"
REQUIRED = "(required: en-US, de-DE, ja-JP)"
WEB = (
    "  - {channel: web.title, locale: en-US, text: Hi}\n"
    "  - {channel: web.title, locale: de-DE, text: Hallo}\n"
    "  - {channel: web.title, locale: ja-JP, text: Konnichiwa}\n"
)


def manifest(scope: str = "", items: str = "  - {channel: x.post, text: Hi}\n") -> str:
    """The launch: its `channel_locales:` line (if any), then web.title in every locale and
    the given items (an X post in the first locale, en-US, by default)."""
    return LAUNCH + scope + "copy:\n" + WEB + items


def repo(scope: str = "", checklist_scope: str = "", items: str | None = None) -> dict[str, str]:
    launch = manifest(scope) if items is None else manifest(scope, items)
    return {
        "checklists/loc.yaml": CHECKLIST_HEADER + checklist_scope,
        "launches/demo.yaml": launch,
    }


MISSING_CASES = [
    pytest.param(
        repo(),
        [
            (11, ERROR, f"x.post has no copy in de-DE {REQUIRED}"),
            (11, ERROR, f"x.post has no copy in ja-JP {REQUIRED}"),
        ],
        id="unscoped-needs-every-locale",
    ),
    pytest.param(repo(checklist_scope="channel_locales: {x.post: [en-US]}\n"), [], id="checklist"),
    pytest.param(repo("channel_locales: {x.post: [en-US]}\n"), [], id="manifest"),
    pytest.param(
        repo("channel_locales: {x.post: [en-US, de-DE]}\n", "channel_locales: {x.post: [en-US]}\n"),
        [(12, ERROR, "x.post has no copy in de-DE (required: en-US, de-DE)")],
        id="manifest-over-checklist-wider",
    ),
    pytest.param(
        repo("channel_locales: {x.post: [en-US]}\n", "channel_locales: {x.post: [de-DE]}\n"),
        [],
        id="manifest-over-checklist-narrower",
    ),
    pytest.param(
        repo("channel_locales: {web.title: [en-US]}\n", "channel_locales: {x.post: [en-US]}\n"),
        [],
        id="manifest-and-checklist-entries-for-other-channels-both-apply",
    ),
    pytest.param(
        repo(items="  - {channel: push.ios.title, text: Hi}\n"),
        [
            (11, ERROR, f"push.ios.title has no copy in de-DE {REQUIRED}"),
            (11, ERROR, f"push.ios.title has no copy in ja-JP {REQUIRED}"),
        ],
        id="push-unscoped",
    ),
    pytest.param(
        repo(
            "channel_locales: {push.*: [en-US]}\n",
            items="  - {channel: push.ios.title, text: Hi}\n",
        ),
        [],
        id="family",
    ),
    pytest.param(
        repo(
            "channel_locales: {push.*: [en-US], push.ios.title: [en-US, ja-JP]}\n",
            items="  - {channel: push.ios.title, text: Hi}\n",
        ),
        [(12, ERROR, "push.ios.title has no copy in ja-JP (required: en-US, ja-JP)")],
        id="the-channel-over-its-family",
    ),
    pytest.param(
        repo(
            "channel_locales: {push.ios.*: [en-US], push.*: [en-US, de-DE]}\n",
            items=(
                "  - {channel: push.ios.title, text: Hi}\n"
                "  - {channel: push.android.title, text: Hi}\n"
            ),
        ),
        [(13, ERROR, "push.android.title has no copy in de-DE (required: en-US, de-DE)")],
        id="the-longer-family-over-the-shorter",
    ),
    pytest.param(
        repo(
            "channel_locales: {push.*: [en-US]}\n",
            "channel_locales: {push.ios.title: [en-US, de-DE]}\n",
            items="  - {channel: push.ios.title, text: Hi}\n",
        ),
        [],
        id="a-manifest-family-over-a-checklist-channel",
    ),
    pytest.param(
        repo("channel_locales: {x.*: [en-US]}\n", items="  - {channel: xx.post, text: Hi}\n"),
        [
            (12, ERROR, f"xx.post has no copy in de-DE {REQUIRED}"),
            (12, ERROR, f"xx.post has no copy in ja-JP {REQUIRED}"),
        ],
        id="a-family-is-a-whole-first-part",
    ),
    pytest.param(
        repo("channel_locales: {x.post.*: [en-US]}\n"),
        [
            (7, ERROR, "channel_locales: no channel id starts with 'x.post.'"),
            (12, ERROR, f"x.post has no copy in de-DE {REQUIRED}"),
            (12, ERROR, f"x.post has no copy in ja-JP {REQUIRED}"),
        ],
        id="a-family-holds-no-channel-of-its-own-name",
    ),
    pytest.param(
        repo("channel_locales: {sms: [fr-FR]}\n", items="  - {channel: sms, text: Hi}\n"),
        [(12, ERROR, "sms has no copy in fr-FR (required: fr-FR)")],
        id="a-locale-the-launch-does-not-require",
    ),
    pytest.param(
        repo("channel_locales: {sms: []}\n", items="  - {channel: sms, text: Hi}\n"),
        [],
        id="an-empty-list-requires-no-locale",
    ),
]


@pytest.mark.parametrize(("files", "expected"), MISSING_CASES)
def test_copy_locale_missing_follows_channel_locales(
    check_repo: CheckRepo, files: dict[str, str], expected: list[Expected]
) -> None:
    report = check_repo(files)
    assert_findings(report, "copy-locale-missing", expected)


def test_each_missing_locale_of_a_scoped_channel_has_its_subject(check_repo: CheckRepo) -> None:
    report = check_repo(repo("channel_locales: {x.post: [en-US, de-DE, fr-FR]}\n"))
    assert [f.subject for f in fired(report, "copy-locale-missing")] == [
        Subject(channel="x.post", locale="de-DE"),
        Subject(channel="x.post", locale="fr-FR"),
    ]


def test_a_launch_without_locales_still_needs_what_a_channel_is_scoped_to(
    check_repo: CheckRepo,
) -> None:
    launch = HEADER + "channel_locales: {sms: [de-DE]}\ncopy:\n  - {channel: sms, text: Hi}\n"
    report = check_repo({"launches/demo.yaml": launch})
    assert_findings(
        report, "copy-locale-missing", [(7, ERROR, "sms has no copy in de-DE (required: de-DE)")]
    )


# --- what a `channel_locales:` key or locale that means nothing gets -------------------------

NEITHER = "is neither a channel id (x.post) nor a family of channels (push.*)"
KEY_CASES = [
    pytest.param(
        "x.posts", "channel_locales: unknown channel 'x.posts' (did you mean 'x.post'?)", id="typo"
    ),
    pytest.param(
        "sms.body",  # close to push.ios.body by did_you_mean's usual cutoff, not a channel's
        "channel_locales: unknown channel 'sms.body' (add it under channels: in .launchgate.yml)",
        id="nothing-close",
    ),
    pytest.param(
        "pusj.*",
        "channel_locales: no channel id starts with 'pusj.' (did you mean 'push.*'?)",
        id="family-typo",
    ),
    pytest.param("zz.*", "channel_locales: no channel id starts with 'zz.'", id="no-such-family"),
    pytest.param("'*.post'", f"channel_locales: '*.post' {NEITHER}", id="star-first"),
    pytest.param("'x*'", f"channel_locales: 'x*' {NEITHER}", id="star-last"),
    pytest.param("'x.*.*'", f"channel_locales: 'x.*.*' {NEITHER}", id="two-stars"),
    pytest.param("in_app.banner", None, id="in_app-family-member"),
    pytest.param("in_app.*", None, id="in_app-family"),
    pytest.param("push.ios.*", None, id="a-family-two-deep"),
    pytest.param("line.message", None, id="a-channel-of-the-config"),
    pytest.param("line.*", None, id="a-family-of-the-config"),
]
CONFIG = "channels: {line.message: {max: 500}}\n"


@pytest.mark.parametrize(("key", "expected"), KEY_CASES)
def test_a_manifest_key_that_names_no_channel_is_an_error_on_its_line(
    check_repo: CheckRepo, key: str, expected: str | None
) -> None:
    files = repo(f"channel_locales: {{{key}: [en-US]}}\n")
    report = check_repo({**files, ".launchgate.yml": CONFIG})
    assert fired(report, "manifest-invalid") == []
    found = [f for f in fired(report, "copy-locale-missing") if "channel_locales" in f.message]
    assert [(f.line, f.column, f.severity, f.message) for f in found] == (
        [] if expected is None else [(7, 19, ERROR, expected)]
    )


def test_a_malformed_locale_in_a_manifest_scope_is_worded_as_copy_locale_unknown_words_it(
    check_repo: CheckRepo,
) -> None:
    files = repo("channel_locales:\n  x.post: [en-US, jp-JP]\n")
    report = check_repo(files)
    assert [
        (f.line, f.column, f.severity, f.message) for f in fired(report, "copy-locale-unknown")
    ] == [
        (
            8,
            19,
            ERROR,
            "channel_locales, x.post: locale 'jp-JP' names no language: 'jp' is not an ISO 639 "
            "language code (did you mean 'ja-JP'?)",
        )
    ]


def test_a_malformed_locale_suggests_one_of_its_own_entry(check_repo: CheckRepo) -> None:
    launch = HEADER + "channel_locales: {line.message: [da-DK, dk-DK]}\n"
    report = check_repo({".launchgate.yml": CONFIG, "launches/demo.yaml": launch})
    (finding,) = fired(report, "copy-locale-unknown")
    assert finding.message.endswith("(did you mean 'da-DK'?)")


CHECKLIST_CASES = [
    pytest.param(
        "channel_locales:\n  x.posts: [en-US]\n",
        (3, 3, "channel_locales: unknown channel 'x.posts' (did you mean 'x.post'?)"),
        id="unknown-channel",
    ),
    pytest.param(
        "channel_locales:\n  carrier_pigeon.post: [en-US]\n",
        (3, 3, "unknown channel 'carrier_pigeon.post' (add it under channels: in the config)"),
        id="unknown-channel-nothing-close",
    ),
    pytest.param(
        "channel_locales:\n  x.post: [en-US, jp-JP]\n",
        (
            3,
            19,
            "channel_locales, x.post: locale 'jp-JP' names no language: 'jp' is not an ISO 639 "
            "language code",
        ),
        id="malformed-locale",
    ),
]


@pytest.mark.parametrize(("scope", "expected"), CHECKLIST_CASES)
def test_a_checklist_scope_that_means_nothing_is_said_once_on_the_checklists_line(
    check_repo: CheckRepo, scope: str, expected: tuple[int, int, str]
) -> None:
    files = repo(checklist_scope=scope)
    second = files["launches/demo.yaml"].replace("id: demo", "id: other")
    report = check_repo({**files, "launches/other.yaml": second})
    (finding,) = fired(report, "manifest-invalid")
    assert (finding.file, finding.line, finding.column) == ("checklists/loc.yaml", *expected[:2])
    assert expected[2] in finding.message


def test_a_malformed_locale_in_a_checklist_suggests_one_of_its_locales(
    check_repo: CheckRepo,
) -> None:
    files = repo()
    files["checklists/loc.yaml"] = "locales: [en-US, ja-JP]\nchannel_locales:\n  x.post: [jp-JP]\n"
    report = check_repo(files)
    (finding,) = fired(report, "manifest-invalid")
    assert (finding.line, finding.column) == (3, 12)
    assert finding.message.endswith("(did you mean 'ja-JP'?)")


def test_a_checklist_scope_of_a_config_channel_is_fine(check_repo: CheckRepo) -> None:
    files = repo(checklist_scope="channel_locales: {line.message: [ja-JP], line.*: [ja-JP]}\n")
    report = check_repo({**files, ".launchgate.yml": CONFIG})
    assert fired(report, "manifest-invalid") == []


def test_a_valid_checklist_scope_applies_though_a_key_of_it_names_no_channel(
    check_repo: CheckRepo,
) -> None:
    files = repo(checklist_scope="channel_locales: {x.post: [en-US], x.posts: [en-US]}\n")
    report = check_repo(files)
    assert len(fired(report, "manifest-invalid")) == 1
    assert fired(report, "copy-locale-missing") == []


# --- copy-locale-unknown and copy-expansion follow the scope ---------------------------------

UNKNOWN_CASES = [
    pytest.param(
        "channel_locales: {sms: [fr-FR]}\n",
        "  - {channel: sms, locale: fr-FR, text: Salut}\n",
        [],
        id="a-locale-its-channel-asks-for",
    ),
    pytest.param(
        "channel_locales: {sms: [fr-FR]}\n",
        "  - {channel: x.post, locale: fr-FR, text: Salut}\n",
        [
            (
                12,
                WARNING,
                "x.post (fr-FR): the launch does not ask for fr-FR "
                "(its locales: en-US, de-DE, ja-JP)",
            )
        ],
        id="a-locale-only-another-channel-asks-for",
    ),
    pytest.param(
        "channel_locales: {sms: [en-US, fr-CA]}\n",
        "  - {channel: sms, locale: fr-FR, text: Salut}\n",
        [
            (
                12,
                WARNING,
                "sms (fr-FR): the launch does not ask for fr-FR "
                "(its locales: en-US, de-DE, ja-JP, fr-CA) (did you mean 'fr-CA'?)",
            )
        ],
        id="a-locale-close-to-its-channels",
    ),
    pytest.param(
        "channel_locales: {sms: [ja-JP]}\n",
        "  - {channel: sms, locale: jp-JP, text: Konnichiwa}\n",
        [(12, ERROR, "sms (jp-JP): locale 'jp-JP' names no language")],
        id="malformed-item-locale",
    ),
]


@pytest.mark.parametrize(("scope", "items", "expected"), UNKNOWN_CASES)
def test_copy_locale_unknown_takes_a_locale_its_channel_asks_for(
    check_repo: CheckRepo, scope: str, items: str, expected: list[Expected]
) -> None:
    report = check_repo(repo(scope, items=items))
    assert_findings(report, "copy-locale-unknown", expected)


EXPANSION_ITEM = '  - {channel: app_store.subtitle, locale: en-US, text: "Reports that explain"}\n'
EXPANSION_CASES = [
    pytest.param(
        "",
        [(11, NOTICE, "typically run 1.8x longer and de-DE, ja-JP has none yet")],
        id="unscoped",
    ),
    pytest.param("channel_locales: {app_store.subtitle: [en-US]}\n", [], id="english-only"),
    pytest.param(
        "channel_locales: {app_store.*: [en-US, ja-JP]}\n",
        [(12, NOTICE, "typically run 1.8x longer and ja-JP has none yet")],
        id="scoped-to-one-translation",
    ),
    pytest.param(
        "channel_locales: {app_store.subtitle: [en-US, en-GB]}\n",
        [],
        id="english-variants-are-no-translation",
    ),
]


@pytest.mark.parametrize(("scope", "expected"), EXPANSION_CASES)
def test_copy_expansion_counts_the_translations_its_channel_needs(
    check_repo: CheckRepo, scope: str, expected: list[Expected]
) -> None:
    report = check_repo(repo(scope, items=EXPANSION_ITEM))
    assert_findings(report, "copy-expansion", expected)


def test_a_launch_without_locales_takes_only_what_a_scope_asks_for_of_its_channel(
    check_repo: CheckRepo,
) -> None:
    launch = HEADER + (
        "channel_locales: {sms: [de-DE]}\n"
        "copy:\n"
        "  - {channel: sms, locale: de-DE, text: Hallo}\n"
        "  - {channel: sms, locale: fr-FR, text: Salut}\n"
        "  - {channel: web.title, locale: fr-FR, text: Salut}\n"
    )
    report = check_repo({"launches/demo.yaml": launch})
    assert_findings(
        report,
        "copy-locale-unknown",
        [(8, WARNING, "sms (fr-FR): the launch does not ask for fr-FR (its locales: de-DE);")],
    )


def test_copy_expansion_of_a_launch_without_locales_follows_a_scope(
    check_repo: CheckRepo,
) -> None:
    launch = (
        HEADER + "channel_locales: {app_store.subtitle: [en-US, de-DE]}\ncopy:\n" + EXPANSION_ITEM
    )
    report = check_repo({"launches/demo.yaml": launch})
    assert_findings(report, "copy-expansion", [(7, NOTICE, "de-DE has none yet")])


def test_a_scope_that_is_not_a_list_is_invalid_and_the_rules_that_read_it_sit_out(
    check_repo: CheckRepo,
) -> None:
    report = check_repo(repo("channel_locales: {x.post: en-US}\n"))
    (invalid,) = fired(report, "manifest-invalid")
    assert (invalid.line, invalid.column) == (7, 27)
    assert fired(report, "copy-locale-missing") == []  # not "x.post has no copy in de-DE"
