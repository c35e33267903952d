"""copy-placeholder's merge tags and copy-term's locale scopes (issue 13, section 3).

Each table row is a repository; HEADER takes lines 1-4 (BILINGUAL 1-5), so the first copy
item is on line 6 (7).
"""

from __future__ import annotations

import pytest

from launchgate.rules import copy
from tests.rules.conftest import (
    ERROR,
    HEADER,
    WARNING,
    CheckRepo,
    Expected,
    assert_findings,
    fired,
)
from tests.rules.test_copy import copy_of, text_item

LEFTOVER = "still holds a placeholder"
UNFILLED = "can't fill in"


def en(channel: str, text: str) -> str:
    return text_item(channel, text, "locale: en-US, ")


# --- merge tags -----------------------------------------------------------------------------

MERGE_TAG_CASES = [
    # Where the channel takes merge tags, each common syntax is personalisation.
    pytest.param(en("email.subject", "Hi {{first_name}}, see your reports"), [], id="handlebars"),
    pytest.param(en("email.subject", "Hi {{ contact.firstname }}"), [], id="hubspot-spaced"),
    pytest.param(en("email.subject", "Hi {{{first_name}}}"), [], id="triple-stash"),
    pytest.param(
        en("email.preheader", "Hi {{first_name | default: 'there'}}"), [], id="liquid-filter"
    ),
    pytest.param(en("email.subject", "Hi {{- first_name -}}!"), [], id="liquid-whitespace"),
    pytest.param(en("push.ios.title", "{{${first_name}}}, look"), [], id="braze"),
    pytest.param(
        en("email.subject", "{{#if first_name}}Hi {{first_name}}{{/if}}"), [], id="block-helper"
    ),
    pytest.param(en("sms", "*|FNAME|*, your report is ready"), [], id="mailchimp-sms"),
    pytest.param(en("email.subject", "*|MC:SUBJECT|*"), [], id="mailchimp-with-colon"),
    pytest.param(en("email.subject", "%recipient.name%, your report"), [], id="mailgun"),
    pytest.param(en("push.android.body", "Hi {first_name}"), [], id="single-braces"),
    pytest.param(en("email.subject", "Save 20% now, 30% later"), [], id="percent-signs"),
    pytest.param(en("email.subject", "Hi {{todos_count}} todos"), [], id="todo-inside-a-name"),
    # Elsewhere a merge tag is shown as written.
    pytest.param(
        en("app_store.subtitle", "Reports for {{first_name}}"),
        [(6, ERROR, "app_store.subtitle (en-US) can't fill in '{{first_name}}': readers")],
        id="app-store-handlebars",
    ),
    pytest.param(
        en("web.title", "Hi *|FNAME|*"),
        [(6, ERROR, "web.title (en-US) can't fill in '*|FNAME|*'")],
        id="web-mailchimp",
    ),
    pytest.param(
        en("x.post", "Hi %recipient.name%!"),
        [(6, ERROR, "x.post (en-US) can't fill in '%recipient.name%'")],
        id="x-mailgun",
    ),
    pytest.param(
        text_item("in_app", "Hi {{first_name}}", "locale: en-US, max: 40, "),
        [(6, ERROR, "add in_app: {merge_tags: true} under channels: in .launchgate.yml")],
        id="how-to-allow-it",
    ),
    # An app's own placeholder ({count}) is the app's to fill in.
    pytest.param(en("app_store.subtitle", "{count} reports"), [], id="app-placeholder"),
    pytest.param(en("web.title", "50%off%"), [], id="percent-after-a-digit"),
    # A leftover is a leftover everywhere, and inside or next to a merge tag.
    pytest.param(en("email.subject", "Hi {{TBD}}"), [(6, ERROR, "'{{TBD}}'")], id="TBD-slot"),
    pytest.param(en("email.subject", "Hi {{ tbd }}"), [(6, ERROR, "'{{ tbd }}'")], id="tbd-slot"),
    pytest.param(en("email.subject", "Hi {{}}"), [(6, ERROR, "'{{}}'")], id="empty-slot"),
    pytest.param(
        en("email.subject", "Hi {{insert name}}"), [(6, ERROR, "'{{insert name}}'")], id="prompt"
    ),
    pytest.param(
        en("email.subject", "Hi {{insert_name}}"), [(6, ERROR, "'{{insert_name}}'")], id="insert_"
    ),
    pytest.param(en("email.subject", "Hi {{TODOS}}"), [], id="TODO-inside-a-name"),
    pytest.param(en("sms", "Hi *|todo|*"), [(6, ERROR, "'*|todo|*'")], id="mailchimp-todo"),
    pytest.param(
        en("email.subject", "Hi %FIXME%"), [(6, ERROR, f"{LEFTOVER}: '%FIXME%'")], id="mailgun"
    ),
    pytest.param(
        en("email.subject", "Hi {{first_name | default: 'TBD'}}"),
        [(6, ERROR, f"{LEFTOVER}: 'TBD'")],
        id="leftover-in-a-filter",
    ),
    pytest.param(
        en("email.subject", "Hi {{first_name}}TODO"),
        [(6, ERROR, f"{LEFTOVER}: 'TODO'")],
        id="leftover-next-to-a-tag",
    ),
    pytest.param(
        en("email.subject", "TODO: Hi {{first_name}}"),
        [(6, ERROR, f"{LEFTOVER}: 'TODO'")],
        id="leftover-before-a-tag",
    ),
    pytest.param(
        en("email.subject", "Hi {{first_name}}, {{}} and {{TBD}}"),
        [(6, ERROR, "email.subject (en-US) still holds a placeholder: '{{}}'")],
        id="first-problem-after-a-good-tag",
    ),
    pytest.param(
        en("app_store.subtitle", "{count} TBD"),
        [(6, ERROR, f"{LEFTOVER}: 'TBD'")],
        id="leftover-after-an-app-placeholder",
    ),
    pytest.param(en("email.subject", "TODO"), [(6, ERROR, f"{LEFTOVER}: 'TODO'")], id="TODO"),
    # An unknown channel is copy-length's finding; only leftovers are reported on it.
    pytest.param(en("emial.subject", "Hi {{first_name}}"), [], id="unknown-channel-tag"),
    pytest.param(
        en("emial.subject", "Hi {{TBD}}"), [(6, ERROR, LEFTOVER)], id="unknown-channel-leftover"
    ),
]


@pytest.mark.parametrize(("item", "expected"), MERGE_TAG_CASES)
def test_merge_tags(check_repo: CheckRepo, item: str, expected: list[Expected]) -> None:
    report = check_repo({"launches/demo.yaml": copy_of(item)})
    assert_findings(report, "copy-placeholder", expected)


HANDLEBARS_ONLY = "copy: {merge_tags: [handlebars]}\n"
NONE = "copy: {merge_tags: []}\n"

MERGE_TAG_CONFIG_CASES = [
    pytest.param(HANDLEBARS_ONLY, en("email.subject", "Hi {{first_name}}"), [], id="listed"),
    pytest.param(
        HANDLEBARS_ONLY,
        en("email.subject", "Hi *|FNAME|*"),
        [
            (
                6,
                ERROR,
                "email.subject (en-US) holds '*|FNAME|*', a Mailchimp merge tag the sending "
                "platform does not fill in (merge_tags: under copy: in .launchgate.yml lists "
                "handlebars {{first_name}}); write it in a listed syntax, or add mailchimp to "
                "that list",
            )
        ],
        id="mailchimp-unlisted",
    ),
    pytest.param(
        "copy: {merge_tags: [mailchimp, braces]}\n",
        en("sms", "Hi %recipient.name%"),
        [
            (
                6,
                ERROR,
                "a Mailgun merge tag the sending platform does not fill in (merge_tags: under "
                "copy: in .launchgate.yml lists mailchimp *|FNAME|*, braces {first_name}); ",
            )
        ],
        id="mailgun-unlisted-names-both-listed",
    ),
    pytest.param(
        "copy: {merge_tags: [mailgun]}\n",
        en("email.subject", "Hi {first_name}"),
        [(6, ERROR, "a single-brace merge tag")],
        id="braces-unlisted",
    ),
    pytest.param(
        "copy: {merge_tags: [mailgun]}\n",
        en("email.subject", "Hi {{first_name}}"),
        [
            (
                6,
                ERROR,
                "lists mailgun %recipient.first_name%); write it in a listed syntax, "
                "or add handlebars",
            )
        ],
        id="handlebars-unlisted",
    ),
    pytest.param(
        NONE, en("push.ios.body", "Hi {{first_name}}"), [(6, ERROR, "lists none)")], id="[]"
    ),
    pytest.param(NONE, en("app_store.subtitle", "{count} new"), [], id="app-placeholder-still"),
    pytest.param(
        HANDLEBARS_ONLY,
        en("email.subject", "Hi {{TBD}}"),
        [(6, ERROR, f"{LEFTOVER}: '{{{{TBD}}}}'")],
        id="leftover-is-a-leftover-first",
    ),
    # Channels that take merge tags, set per channel.
    pytest.param(
        "channels:\n  in_app.banner: {max: 40, merge_tags: true}\n",
        en("in_app.banner", "Hi {{first_name}}"),
        [],
        id="in-app-banner-takes-them",
    ),
    pytest.param(
        "channels:\n  in_app.banner: {max: 40, merge_tags: true}\n",
        en("in_app.banner", "Hi *|FNAME|*"),
        [],
        id="in-app-banner-any-listed-syntax",
    ),
    pytest.param(
        "channels:\n  changelog.title: {max: 70}\n",
        en("changelog.title", "Hi {{first_name}}"),
        [(6, ERROR, f"changelog.title (en-US) {UNFILLED}")],
        id="a-new-channel-takes-none",
    ),
    pytest.param(
        "channels:\n  changelog.title: {max: 70, merge_tags: true}\n",
        en("changelog.title", "Hi {{first_name}}"),
        [],
        id="a-new-channel-that-takes-them",
    ),
    pytest.param(
        "channels:\n  email.subject: {max: 50}\n",
        en("email.subject", "Hi {{first_name}}"),
        [],
        id="an-override-keeps-the-presets-merge-tags",
    ),
    pytest.param(
        "channels:\n  email.subject: {merge_tags: false}\n",
        en("email.subject", "Hi {{first_name}}"),
        [(6, ERROR, f"email.subject (en-US) {UNFILLED}")],
        id="turned-off-for-a-preset",
    ),
    pytest.param(
        "channels:\n  in_app.banner: {max: 40, merge_tags: true}\n",
        text_item("in_app", "Hi {{first_name}}", "locale: en-US, max: 40, "),
        [(6, ERROR, f"in_app (en-US) {UNFILLED}")],
        id="only-the-channel-named",
    ),
]


@pytest.mark.parametrize(("config", "item", "expected"), MERGE_TAG_CONFIG_CASES)
def test_merge_tags_as_configured(
    check_repo: CheckRepo, config: str, item: str, expected: list[Expected]
) -> None:
    report = check_repo({".launchgate.yml": config, "launches/demo.yaml": copy_of(item)})
    assert_findings(report, "copy-placeholder", expected)


def test_an_unknown_merge_tag_syntax_is_a_config_error(check_repo: CheckRepo) -> None:
    from launchgate.errors import ConfigError

    with pytest.raises(ConfigError) as raised:
        check_repo({".launchgate.yml": "copy: {merge_tags: [liquid]}\n", "launches/a.yaml": HEADER})
    assert ".launchgate.yml:1:" in str(raised.value)
    assert "handlebars" in str(raised.value)


def test_one_finding_per_item_each_on_its_line(check_repo: CheckRepo) -> None:
    manifest = copy_of(
        en("email.subject", "Hi {{first_name}}"),
        en("app_store.subtitle", "For {{first_name}}: TBD"),
        en("sms", "*|FNAME|*: TODO"),
    )
    report = check_repo({"launches/demo.yaml": manifest})
    assert_findings(
        report,
        "copy-placeholder",
        [(7, ERROR, f"{UNFILLED} '{{{{first_name}}}}'"), (8, ERROR, f"{LEFTOVER}: 'TODO'")],
    )


# --- glossary locales -----------------------------------------------------------------------

BILINGUAL = HEADER + "locales: [en-US, de-DE]\n"
SIGN_IN = "{use: sign in, instead_of: [login]}"
ANMELDEN = "{use: anmelden, instead_of: [einloggen]"


def item(locale: str | None, text: str) -> str:
    return text_item("web.title", text, f"locale: {locale}, " if locale else "")


TERM_SCOPE_CASES = [
    # An English glossary leaves German copy alone.
    pytest.param(f"locale: en\nterms: [{SIGN_IN}]\n", item("de-DE", "Login"), 0, id="en-de"),
    pytest.param(f"locale: en\nterms: [{SIGN_IN}]\n", item("en-US", "Login"), 1, id="en-us"),
    pytest.param(f"locale: en\nterms: [{SIGN_IN}]\n", item("en-GB", "Login"), 1, id="en-gb"),
    pytest.param(f"locale: en-US\nterms: [{SIGN_IN}]\n", item("en-GB", "Login"), 0, id="us-gb"),
    pytest.param(f"locale: en-us\nterms: [{SIGN_IN}]\n", item("en-US", "Login"), 1, id="case"),
    pytest.param(f"locale: en\nterms: [{SIGN_IN}]\n", item(None, "Login"), 1, id="en-primary"),
    # Without locale:, the glossary is in the launch's first locale (en-US here).
    pytest.param(f"terms: [{SIGN_IN}]\n", item("en-US", "Login"), 1, id="default-en"),
    pytest.param(f"terms: [{SIGN_IN}]\n", item("de-DE", "Login"), 0, id="default-not-de"),
    pytest.param(f"terms: [{SIGN_IN}]\n", item(None, "Login"), 1, id="default-no-locale"),
    # A term's own locales.
    pytest.param(
        f"terms: [{ANMELDEN}, locales: [de-DE]}}]\n", item("de-DE", "Einloggen"), 1, id="de-de"
    ),
    pytest.param(
        f"terms: [{ANMELDEN}, locales: [de-DE]}}]\n", item("en-US", "einloggen"), 0, id="not-en"
    ),
    pytest.param(
        f"terms: [{ANMELDEN}, locales: [de-DE]}}]\n", item("de-AT", "einloggen"), 0, id="not-at"
    ),
    pytest.param(
        f"terms: [{ANMELDEN}, locales: [de-DE]}}]\n", item(None, "einloggen"), 0, id="not-primary"
    ),
    pytest.param(f"terms: [{ANMELDEN}, locales: [de]}}]\n", item("de-AT", "einloggen"), 1, id="at"),
    pytest.param(f"terms: [{ANMELDEN}, locales: [de]}}]\n", item("de", "einloggen"), 1, id="de"),
    pytest.param(
        f"terms: [{ANMELDEN}, locales: [de]}}]\n", item("den-CA", "einloggen"), 0, id="not-den"
    ),
    pytest.param(
        f"terms: [{ANMELDEN}, locales: [de-AT, de-CH]}}]\n",
        item("de-CH", "einloggen"),
        1,
        id="second-of-two",
    ),
    pytest.param(
        f"locale: en\nterms: [{ANMELDEN}, locales: [de-DE]}}]\n",
        item("de-DE", "einloggen"),
        1,
        id="term-over-glossary",
    ),
    pytest.param(
        f"locale: en\nterms: [{ANMELDEN}, locales: [de-DE]}}]\n",
        item("en-US", "einloggen"),
        0,
        id="term-over-glossary-not-en",
    ),
]


@pytest.mark.parametrize(("glossary", "copy_item", "count"), TERM_SCOPE_CASES)
def test_glossary_locales(check_repo: CheckRepo, glossary: str, copy_item: str, count: int) -> None:
    files = {"glossary.yaml": glossary, "launches/demo.yaml": copy_of(copy_item, header=BILINGUAL)}
    report = check_repo(files)
    assert_findings(report, "copy-term", [(7, WARNING, "the glossary says")] * count)


def test_without_locale_the_glossary_is_in_each_launchs_first_locale(check_repo: CheckRepo) -> None:
    german_first = HEADER.replace("id: demo", "id: de-first") + "locales: [de-DE, en-US]\n"
    files = {
        "glossary.yaml": f"terms: [{ANMELDEN}}}]\n",
        "launches/demo.yaml": copy_of(item("de-DE", "einloggen"), header=BILINGUAL),
        "launches/de-first.yaml": copy_of(item("de-DE", "einloggen"), header=german_first),
    }
    report = check_repo(files)
    assert [f.launch for f in fired(report, "copy-term")] == ["de-first"]


def test_each_item_gets_its_own_locales_terms(check_repo: CheckRepo) -> None:
    glossary = f"locale: en\nterms:\n  - {SIGN_IN}\n  - {ANMELDEN}, locales: [de]}}\n"
    manifest = copy_of(
        item("en-US", "Login or einloggen"),
        item("de-DE", "Login oder einloggen"),
        header=BILINGUAL,
    )
    report = check_repo({"glossary.yaml": glossary, "launches/demo.yaml": manifest})
    assert_findings(
        report,
        "copy-term",
        [
            (7, WARNING, "web.title (en-US) uses 'Login': the glossary says 'sign in' instead"),
            (8, WARNING, "web.title (de-DE) uses 'einloggen': the glossary says 'anmelden'"),
        ],
    )


GLOSSARY_PROBLEM_CASES = [
    pytest.param("locale: jp\nterms: []\n", 1, "locale 'jp' names no language", id="jp"),
    pytest.param(
        "locale: en\nterms:\n  - {ban: [x], locales: [de-DE, english]}\n",
        3,
        "locale 'english' names no language",
        id="a-word",
    ),
    pytest.param(
        "terms:\n  - {ban: [x], locales: [en_US-x]}\n", 2, "is not a locale tag", id="malformed"
    ),
]


@pytest.mark.parametrize(("glossary", "line", "fragment"), GLOSSARY_PROBLEM_CASES)
def test_a_wrong_glossary_locale_is_named_with_its_line(
    check_repo: CheckRepo, glossary: str, line: int, fragment: str
) -> None:
    report = check_repo({"glossary.yaml": glossary, "launches/demo.yaml": HEADER})
    problems = fired(report, "manifest-invalid")
    assert [(p.file, p.line) for p in problems] == [("glossary.yaml", line)], problems
    assert fragment in problems[0].message


def test_the_glossary_pattern_is_compiled_once_per_locale(
    check_repo: CheckRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    original = copy._term_pattern

    def counted(terms: list[copy.Term]) -> copy._Terms:
        calls.append(len(terms))
        return original(terms)

    monkeypatch.setattr(copy, "_term_pattern", counted)
    files = {
        f"launches/l{n}.yaml": copy_of(
            item("en-US", "Login"), item("de-DE", "Login"), header=BILINGUAL
        ).replace("id: demo", f"id: l{n}")
        for n in range(3)
    }
    report = check_repo({**files, "glossary.yaml": f"terms: [{SIGN_IN}]\n"})
    assert len(fired(report, "copy-term")) == 3
    assert sorted(calls) == [0, 1]  # de-DE: no term applies; en-US: one


def test_an_item_no_term_applies_to_does_not_stop_the_items_after_it(
    check_repo: CheckRepo,
) -> None:
    manifest = copy_of(item("de-DE", "Login"), item("en-US", "Login"), header=BILINGUAL)
    report = check_repo({"glossary.yaml": f"terms: [{SIGN_IN}]\n", "launches/demo.yaml": manifest})
    assert_findings(report, "copy-term", [(8, WARNING, "web.title (en-US) uses 'Login'")])
