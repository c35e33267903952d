"""Copy rules: copy-length, copy-expansion, copy-placeholder, copy-term, copy-locale-missing,
copy-drift. Each table row is a repository; HEADER takes lines 1-4, so `copy:` is line 5 and
the first copy item line 6."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from launchgate.config import load_config
from launchgate.engine import check_loaded
from launchgate.findings import CopyFit, Report, Subject
from launchgate.repository import load_repository
from tests.rules.conftest import (
    ERROR,
    HEADER,
    NOTICE,
    TODAY,
    WARNING,
    CheckRepo,
    Expected,
    Files,
    assert_findings,
    check_files,
    fired,
    run_cli_json,
    write_repo,
)

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 👨‍👩‍👧‍👦: 7 code points
GRIN = "\U0001f600"  # 😀: two UTF-16 units
URL = "https://example.com/" + "p" * 60  # 80 characters, weighs 23 on X
# Keyword lists App Store Connect refuses: 99 characters but 106 bytes; 47 characters, 121 bytes.
KEYWORDS_DE = (
    "Bücher,Hörbücher,Roman,Krimi,Sachbücher,Kinderbücher,Lesen,Saga,Fantasy,Bibliothek,"
    "Märchen,Hörspiel"
)
KEYWORDS_JA = "電子書籍,読書,小説,漫画,オーディオブック,ライトノベル,図書館,本棚,文庫本,新刊,書店街"
# Requires en-US and de-DE: lines 1-5, so `copy:` is line 6 and the first item line 7.
BILINGUAL = HEADER + "locales: [en-US, de-DE]\n"


def copy_of(*items: str, header: str = HEADER) -> str:
    """A manifest whose copy items are the given flow mappings, one a line."""
    return header + "copy:\n" + "".join(f"  - {item}\n" for item in items)


def text_item(channel: str, text: str, extra: str = "") -> str:
    return f'{{channel: {channel}, {extra}text: "{text}"}}'


# --- copy-length ----------------------------------------------------------------------------

LENGTH_CASES = [
    pytest.param(
        text_item("app_store.subtitle", "Know how your content performs", "locale: en-US, "),
        [],
        id="subtitle-30-of-30",
    ),
    pytest.param(
        text_item("app_store.subtitle", "Know how your content performs!", "locale: en-US, "),
        [(6, ERROR, "app_store.subtitle (en-US) is 31 of 30 characters: cut at least 1 character")],
        id="subtitle-31-of-30",
    ),
    pytest.param(
        text_item("app_store.subtitle", "Know how your content perfor" + GRIN),
        [],
        id="subtitle-emoji-2-units-makes-30",
    ),
    pytest.param(
        text_item("app_store.subtitle", "Know how your content perform" + GRIN),
        [
            (
                6,
                ERROR,
                "app_store.subtitle is 31 of 30 characters: cut at least 1 character (😀 counts 2)",
            )
        ],
        id="subtitle-emoji-2-units-makes-31",
    ),
    pytest.param(
        text_item("push.ios.title", "Family night is here for you " + FAMILY),
        [],
        id="push-zwj-family-is-1-grapheme",
    ),
    pytest.param(
        text_item("push.ios.title", "Family night is here for you! " + FAMILY),
        [(6, WARNING, "push.ios.title is 31 of 30 graphemes: cut at least 1 grapheme")],
        id="push-31-graphemes-is-a-warning",
    ),
    pytest.param(text_item("x.post", "a" * 256 + " " + URL), [], id="x-url-counts-23-makes-280"),
    pytest.param(
        text_item("x.post", "a" * 257 + " " + URL),
        [
            (
                6,
                ERROR,
                "x.post is 281 of 280 weighted characters: cut at least 1 weighted character "
                "(on X: a link counts 23, however long it is)",
            )
        ],
        id="x-url-counts-23-makes-281",
    ),
    pytest.param(text_item("sms", "a" * 160), [], id="sms-gsm-160-septets"),
    pytest.param(
        text_item("sms", "a" * 161),
        [
            (
                6,
                ERROR,
                "sms is 2 of 1 segments (GSM-7, 161 septets): "
                "cut at least 1 character to fit 1 segment",
            )
        ],
        id="sms-gsm-161-septets",
    ),
    pytest.param(text_item("sms", "a" * 158 + "€"), [], id="sms-gsm-extension-makes-160"),
    pytest.param(
        text_item("sms", "a" * 157 + "€€"),
        [
            (
                6,
                ERROR,
                "sms is 2 of 1 segments (GSM-7, 161 septets): "
                "cut at least 1 character to fit 1 segment (€ counts 2)",
            )
        ],
        id="sms-gsm-extension-counts-2",
    ),
    pytest.param(text_item("sms", "ł" * 70), [], id="sms-ucs2-70-units"),
    pytest.param(
        text_item("sms", "ł" * 71),
        [
            (
                6,
                ERROR,
                "sms is 2 of 1 segments (UCS-2, 71 units): "
                "cut at least 1 character to fit 1 segment "
                "(ł makes it UCS-2: 70 characters per segment, not 160)",
            )
        ],
        id="sms-ucs2-71-units",
    ),
    pytest.param(text_item("google_ads.headline", "報" * 15), [], id="ads-cjk-15-counts-30"),
    pytest.param(
        text_item("google_ads.headline", "報" * 16),
        [
            (
                6,
                ERROR,
                "google_ads.headline is 32 of 30 characters: "
                "cut at least 2 characters (報 counts 2)",
            )
        ],
        id="ads-cjk-16-counts-32",
    ),
    pytest.param(
        text_item("in_app", "See what works"),
        [(6, ERROR, "in_app needs a max: (the channel has no fixed limit)")],
        id="in-app-without-max",
    ),
    pytest.param(text_item("in_app", "Hi " + FAMILY, "max: 4, "), [], id="in-app-max-graphemes"),
    pytest.param(
        text_item("in_app", "Hello", "max: 4, "),
        [(6, ERROR, "in_app is 5 of 4 graphemes: cut at least 1 grapheme")],
        id="in-app-over-its-max",
    ),
    pytest.param(
        text_item("web.title", "Hello world!", "max: 10, "),
        [(6, ERROR, "web.title is 12 of 10 characters: cut at least 2 characters")],
        id="item-max-is-a-hard-limit-of-its-own",
    ),
    pytest.param(text_item("web.title", "a" * 60), [], id="web-title-60"),
    pytest.param(
        text_item("web.title", "a" * 61),
        [(6, WARNING, "web.title is 61 of 60 characters: cut at least 1 character")],
        id="web-title-61-is-a-recommendation",
    ),
    pytest.param(text_item("email.subject", "a" * 50), [], id="email-subject-50"),
    pytest.param(
        text_item("email.subject", "a" * 51),
        [(6, WARNING, "email.subject is 51 of 50 characters: cut at least 1 character")],
        id="email-subject-51-is-a-recommendation",
    ),
    # App Store Connect counts keywords in bytes ("up to 100 bytes of content").
    pytest.param(
        text_item("app_store.keywords", KEYWORDS_DE, "locale: de-DE, "),
        [
            (
                6,
                ERROR,
                "app_store.keywords (de-DE) is 106 of 100 bytes: "
                "cut at least 6 bytes (ü, ö, ä take 2 bytes each)",
            )
        ],
        id="keywords-99-characters-106-bytes",
    ),
    pytest.param(
        text_item("app_store.keywords", KEYWORDS_JA, "locale: ja-JP, "),
        [
            (
                6,
                ERROR,
                "app_store.keywords (ja-JP) is 121 of 100 bytes: "
                "cut at least 21 bytes (Japanese characters take 3 bytes each)",
            )
        ],
        id="keywords-47-japanese-characters-121-bytes",
    ),
    pytest.param(text_item("app_store.keywords", "k," * 50), [], id="keywords-100-ascii-bytes"),
    pytest.param(
        text_item("youtube.description", "ä" * 2501),
        [
            (
                6,
                ERROR,
                "youtube.description is 5002 of 5000 bytes: cut at least 2 bytes (ä takes 2 bytes)",
            )
        ],
        id="youtube-description-counts-bytes",
    ),
    pytest.param(text_item("bluesky.post", "a" * 299 + FAMILY), [], id="bluesky-300-graphemes"),
    pytest.param(
        text_item("meta_ads.primary_text", "a" * 126),
        [(6, WARNING, "meta_ads.primary_text is 126 of 125 characters: cut at least 1 character")],
        id="meta-ads-text-is-guidance",
    ),
    pytest.param(
        text_item("app_store.subtitel", "Hello"),
        [(6, ERROR, "unknown channel 'app_store.subtitel' (did you mean 'app_store.subtitle'?)")],
        id="unknown-channel-did-you-mean",
    ),
    pytest.param(
        text_item("carrier_pigeon", "Hello"),
        [
            (
                6,
                ERROR,
                "unknown channel 'carrier_pigeon' (add it under channels: in .launchgate.yml)",
            )
        ],
        id="unknown-channel-no-close-match",
    ),
]


@pytest.mark.parametrize(("item", "expected"), LENGTH_CASES)
def test_copy_length(check_repo: CheckRepo, item: str, expected: list[Expected]) -> None:
    report = check_repo({"launches/demo.yaml": copy_of(item)})
    assert_findings(report, "copy-length", expected)


def test_copy_length_points_at_the_text_line_of_a_block_item(check_repo: CheckRepo) -> None:
    manifest = HEADER + (
        "copy:\n"
        "  - channel: app_store.subtitle\n"
        "    locale: en-US\n"
        '    text: "See how each of your reports performs"\n'
    )
    report = check_repo({"launches/demo.yaml": manifest})
    assert_findings(
        report, "copy-length", [(8, ERROR, "is 37 of 30 characters: cut at least 7 characters")]
    )
    assert fired(report, "copy-length")[0].column == 11


def test_copy_length_findings_of_several_items_are_each_on_their_line(
    check_repo: CheckRepo,
) -> None:
    manifest = copy_of(
        text_item("web.title", "a" * 61),
        text_item("app_store.name", "Fine"),
        text_item("app_store.name", "b" * 31),
    )
    report = check_repo({"launches/demo.yaml": manifest})
    assert_findings(
        report,
        "copy-length",
        [(6, WARNING, "web.title is 61 of 60"), (8, ERROR, "app_store.name is 31 of 30")],
    )


def test_item_max_cannot_raise_a_hard_platform_limit(check_repo: CheckRepo) -> None:
    manifest = copy_of(text_item("app_store.subtitle", "x" * 35, "max: 40, "))
    report = check_repo({"launches/demo.yaml": manifest})
    assert_findings(
        report, "copy-length", [(6, ERROR, "is 35 of 30 characters: cut at least 5 characters")]
    )


CHANNEL_CONFIG_CASES = [
    pytest.param(
        "channels:\n  in_app.banner: {max: 24, unit: graphemes}\n",
        text_item("in_app.banner", "x" * 24),
        [],
        id="new-channel-at-its-max",
    ),
    pytest.param(
        "channels:\n  in_app.banner: {max: 24, unit: graphemes}\n",
        text_item("in_app.banner", "x" * 23 + FAMILY),
        [],
        id="new-channel-counts-graphemes",
    ),
    pytest.param(
        "channels:\n  in_app.banner: {max: 24, unit: graphemes}\n",
        text_item("in_app.banner", "x" * 25),
        [(6, ERROR, "in_app.banner is 25 of 24 graphemes: cut at least 1 grapheme")],
        id="new-channel-over-its-max",
    ),
    pytest.param(
        "timezone: UTC\n",
        text_item("in_app.banner", "x" * 25),
        [(6, ERROR, "in_app.banner needs a max:")],
        id="without-config-the-family-in-app-needs-max",
    ),
    pytest.param(
        "channels:\n  app_store.subtitle: {max: 35}\n",
        text_item("app_store.subtitle", "x" * 35),
        [],
        id="override-raises-preset-max",
    ),
    pytest.param(
        "channels:\n  app_store.subtitle: {max: 35}\n",
        text_item("app_store.subtitle", "x" * 36),
        [(6, ERROR, "app_store.subtitle is 36 of 35 characters: cut at least 1 character")],
        id="override-keeps-unit-and-hardness",
    ),
    pytest.param(
        "channels:\n  app_store.subtitle: {kind: recommendation}\n",
        text_item("app_store.subtitle", "x" * 31),
        [(6, WARNING, "app_store.subtitle is 31 of 30 characters: cut at least 1 character")],
        id="override-kind-makes-a-warning",
    ),
    pytest.param(
        "channels:\n  sms: {max_segments: 2}\n",
        text_item("sms", "x" * 306),
        [],
        id="sms-two-segments-allowed",
    ),
    pytest.param(
        "channels:\n  sms: {max_segments: 2}\n",
        text_item("sms", "x" * 307),
        [
            (
                6,
                ERROR,
                "sms is 3 of 2 segments (GSM-7, 307 septets): "
                "cut at least 1 character to fit 2 segments",
            )
        ],
        id="sms-three-segments",
    ),
    pytest.param(
        "channels:\n  carrier_pigeon: {max: 10}\n",
        text_item("carrier_pigeo", "x"),
        [(6, ERROR, "unknown channel 'carrier_pigeo' (did you mean 'carrier_pigeon'?)")],
        id="did-you-mean-knows-config-channels",
    ),
    pytest.param(
        "channels:\n  carrier_pigeon: {max: 10, kind: recommendation}\n",
        text_item("carrier_pigeon", "x" * 11),
        [(6, WARNING, "carrier_pigeon is 11 of 10 characters: cut at least 1 character")],
        id="new-recommendation-channel",
    ),
]


@pytest.mark.parametrize(("config", "item", "expected"), CHANNEL_CONFIG_CASES)
def test_copy_length_with_config_channels(
    check_repo: CheckRepo, config: str, item: str, expected: list[Expected]
) -> None:
    report = check_repo({".launchgate.yml": config, "launches/demo.yaml": copy_of(item)})
    assert_findings(report, "copy-length", expected)


# The cases of issue 13: each finding says how much to cut, why, and where the limit falls.
JAPANESE = "新しいレポートで、あなたのコンテンツがどのように読まれているかを毎週確認できます。"
KEYWORDS = (  # 99 characters, 106 bytes: App Store Connect rejects it
    "Bücher,Hörbücher,Märchen,Kinderbücher,Krimi,Romane,Thriller,Sachbücher,Ratgeber,Fantasy,"
    "Küche,Comic"
)


def the_fit(report: Report) -> tuple[str, CopyFit | None]:
    (finding,) = fired(report, "copy-length")
    return finding.message, finding.fit


def test_japanese_on_x_counts_2_each(check_repo: CheckRepo) -> None:
    text = JAPANESE * 3 + JAPANESE[:26]  # 149 characters, weighing 298
    item = text_item("x.post", text, "locale: ja-JP, ")
    message, fit = the_fit(check_repo({"launches/demo.yaml": copy_of(item)}))
    assert message == (
        "x.post (ja-JP) is 298 of 280 weighted characters: cut at least 18 weighted "
        "characters (on X: Japanese characters count 2 each)"
    )
    assert fit == CopyFit(140, 18, text[:140], text[140:])


def test_one_emoji_makes_an_sms_two_segments(check_repo: CheckRepo) -> None:
    text = "Your order has shipped! Track it in the app and have a great weekend, Anna 🎉"
    message, fit = the_fit(check_repo({"launches/demo.yaml": copy_of(text_item("sms", text))}))
    assert message == (
        "sms is 2 of 1 segments (UCS-2, 77 units): '🎉' switched this SMS to UCS-2 "
        "(70 characters per segment, not 160); without it, 1 segment"
    )
    assert fit == CopyFit(75, 1, text[:75], "🎉")  # the text fits one segment without it


def test_keywords_limited_in_bytes_name_the_umlauts(check_repo: CheckRepo) -> None:
    files = {
        ".launchgate.yml": "channels:\n  store.keywords: {max: 100, unit: bytes}\n",
        "launches/demo.yaml": copy_of(text_item("store.keywords", KEYWORDS, "locale: de-DE, ")),
    }
    message, fit = the_fit(check_repo(files))
    assert message == (
        "store.keywords (de-DE) is 106 of 100 bytes: cut at least 6 bytes "
        "(ü, ö, ä take 2 bytes each)"
    )
    assert fit is not None
    assert (fit.limit_at, fit.over, fit.fits + fit.overflow) == (93, 6, KEYWORDS)
    assert fit.overflow == ",Comic"  # 93 characters with 7 umlauts are exactly 100 bytes


def test_a_push_title_shows_what_readers_see(check_repo: CheckRepo) -> None:
    item = text_item("push.ios.title", "Know how your content performs today")
    message, fit = the_fit(check_repo({"launches/demo.yaml": copy_of(item)}))
    assert message == "push.ios.title is 36 of 30 graphemes: cut at least 6 graphemes"
    assert fit == CopyFit(
        30, 6, "Know how your content performs", " today", "Know how your content perform…"
    )


def test_a_store_field_shows_no_readers_see(check_repo: CheckRepo) -> None:
    item = text_item("app_store.subtitle", "Know how your content performs today")
    _, fit = the_fit(check_repo({"launches/demo.yaml": copy_of(item)}))
    assert fit == CopyFit(30, 6, "Know how your content performs", " today")  # it is refused


def test_in_app_over_its_own_max_says_where(check_repo: CheckRepo) -> None:
    item = text_item("in_app", "Hi " + FAMILY + " welcome!", "max: 6, ")
    message, fit = the_fit(check_repo({"launches/demo.yaml": copy_of(item)}))
    assert message == "in_app is 13 of 6 graphemes: cut at least 7 graphemes"
    assert fit == CopyFit(12, 7, "Hi " + FAMILY + " w", "elcome!")  # the family is one


def test_unknown_channel_hint_names_the_config_file_in_use(check_repo: CheckRepo) -> None:
    files = {
        ".launchgate.yaml": "timezone: UTC\n",
        "launches/demo.yaml": copy_of(text_item("carrier_pigeon", "Hello")),
    }
    report = check_repo(files)
    assert_findings(
        report, "copy-length", [(6, ERROR, "add it under channels: in .launchgate.yaml")]
    )


def test_copy_length_through_the_cli(tmp_path: Path) -> None:
    item = text_item(
        "app_store.subtitle", "See how each of your reports performs", "locale: en-US, "
    )
    write_repo(tmp_path, {"launches/demo.yaml": copy_of(item)})
    code, report, _ = run_cli_json(tmp_path)
    assert code == 1
    assert report is not None
    assert report["status"] == "fail"
    assert report["findings"] == [
        {
            "rule": "copy-length",
            "severity": "error",
            "launch": "demo",
            "file": "launches/demo.yaml",
            "line": 6,
            "column": 56,  # the opening quote of the text
            "message": "app_store.subtitle (en-US) is 37 of 30 characters: "
            "cut at least 7 characters",
            "subject": {"launch": "demo", "channel": "app_store.subtitle", "locale": "en-US"},
            "limit_at": 30,
            "over": 7,
        }
    ]


# --- copy-expansion -------------------------------------------------------------------------

EXPANSION_CASES = [
    pytest.param(
        BILINGUAL,
        [text_item("app_store.subtitle", "Reports that explain", "locale: en-US, ")],
        [
            (
                7,
                NOTICE,
                "app_store.subtitle (en-US) uses 20 of 30 characters; translations of text "
                "this long typically run 1.8x longer and de-DE has none yet",
            )
        ],
        id="20-of-30-untranslated",
    ),
    pytest.param(
        BILINGUAL,
        [text_item("app_store.subtitle", "Reports that explain")],
        [(7, NOTICE, "app_store.subtitle uses 20 of 30")],
        id="item-without-locale-is-english",
    ),
    pytest.param(
        BILINGUAL,
        [text_item("app_store.subtitle", "Clear reports", "locale: en-US, ")],
        [],
        id="short-enough-to-expand",
    ),
    pytest.param(
        BILINGUAL,
        [
            text_item("app_store.subtitle", "Reports that explain", "locale: en-US, "),
            text_item("app_store.subtitle", "Berichte, die erklären", "locale: de-DE, "),
        ],
        [],
        id="translation-exists",
    ),
    pytest.param(
        HEADER,
        [text_item("app_store.subtitle", "Reports that explain", "locale: en-US, ")],
        [],
        id="no-other-locale-required",
    ),
    pytest.param(
        BILINGUAL,
        [text_item("app_store.subtitle", "Des rapports clairs", "locale: fr-FR, ")],
        [],
        id="not-english",
    ),
    pytest.param(
        BILINGUAL,
        [text_item("app_store.subtitle", "x" * 31, "locale: en-US, ")],
        [],
        id="already-too-long-is-copy-length-only",
    ),
    pytest.param(
        BILINGUAL,
        [text_item("app_store.keywords", "k" * 80, "locale: en-US, ")],
        [
            (
                7,
                NOTICE,
                "uses 80 of 100 bytes; translations of text this long typically run 1.3x",
            )
        ],
        id="long-text-expands-1.3x",
    ),
    pytest.param(
        BILINGUAL,
        [text_item("app_store.keywords", "k" * 76, "locale: en-US, ")],
        [],
        id="long-text-fits-at-1.3x",
    ),
    pytest.param(
        BILINGUAL,
        [text_item("sms", "k" * 150, "locale: en-US, ")],
        [],
        id="sms-is-not-estimated",
    ),
]


@pytest.mark.parametrize(("header", "items", "expected"), EXPANSION_CASES)
def test_copy_expansion(
    check_repo: CheckRepo, header: str, items: list[str], expected: list[Expected]
) -> None:
    report = check_repo({"launches/demo.yaml": copy_of(*items, header=header)})
    assert_findings(report, "copy-expansion", expected)


# --- copy-placeholder -----------------------------------------------------------------------

PLACEHOLDER_CASES = [
    pytest.param("Smart Reports: TBD", "'TBD'", id="TBD"),
    pytest.param("TODO: write this", "'TODO'", id="TODO"),
    pytest.param("Ship it (TBC)", "'TBC'", id="TBC"),
    pytest.param("FIXME.", "'FIXME'", id="FIXME"),
    pytest.param("See XXXX for details", "'XXXX'", id="XXX-and-more"),
    pytest.param("Lorem ipsum dolor sit amet", "'Lorem ipsum'", id="lorem-ipsum"),
    pytest.param("LOREM IPSUM", "'LOREM IPSUM'", id="lorem-ipsum-any-case"),
    pytest.param("Hi {{}}, welcome", "'{{}}'", id="empty-template-slot"),
    pytest.param("Hi {{insert name}}, welcome", "'{{insert name}}'", id="template-slot-prompt"),
    pytest.param("As they say: [insert quote]", "'[insert quote]'", id="bracketed-insert"),
    pytest.param("Hello <placeholder>", "'<placeholder>'", id="angle-placeholder"),
    pytest.param("a-TODO-b", "'TODO'", id="TODO-between-hyphens"),
    pytest.param("Your todo list, sorted", None, id="lower-case-todo-is-a-word"),
    pytest.param("No more TBDs", None, id="TBDs-is-not-TBD"),
    pytest.param("Hi {name}", None, id="single-braces"),
    pytest.param("XX marks the spot", None, id="two-Xs"),
    pytest.param("Insert your card", None, id="insert-without-brackets"),
    pytest.param("Smart Reports: see what works", None, id="clean"),
]


@pytest.mark.parametrize(("text", "placeholder"), PLACEHOLDER_CASES)
def test_copy_placeholder(check_repo: CheckRepo, text: str, placeholder: str | None) -> None:
    report = check_repo({"launches/demo.yaml": copy_of(text_item("web.title", text))})
    expected = (
        [(6, ERROR, f"web.title still holds a placeholder: {placeholder}")] if placeholder else []
    )
    assert_findings(report, "copy-placeholder", expected)


def test_copy_placeholder_is_reported_on_the_item_that_holds_it(check_repo: CheckRepo) -> None:
    manifest = copy_of(
        text_item("web.title", "Clean title"),
        text_item("email.subject", "New: TBD", "locale: en-US, "),
        text_item("web.meta_description", "Also clean"),
    )
    report = check_repo({"launches/demo.yaml": manifest})
    assert_findings(
        report, "copy-placeholder", [(7, ERROR, "email.subject (en-US) still holds a placeholder")]
    )


# --- copy-term ------------------------------------------------------------------------------

GLOSSARY = """\
terms:
  - {use: sign in, instead_of: [login, log in]}
  - {ban: [revolutionary, world-class]}
  - {ban: [großartig], locales: [de]}
"""
REPLACE = "the glossary says 'sign in' instead"
BANNED = "the glossary bans it"

TERM_CASES = [
    pytest.param("Login now", [f"uses 'Login': {REPLACE}"], id="capitalised"),
    pytest.param("LOGIN NOW", [f"uses 'LOGIN': {REPLACE}"], id="upper-case"),
    pytest.param("Log in today", [f"uses 'Log in': {REPLACE}"], id="multi-word"),
    pytest.param("Log   in today", [f"uses 'Log   in': {REPLACE}"], id="multi-word-spaces"),
    pytest.param("Open the login-page", [f"uses 'login': {REPLACE}"], id="hyphen-is-a-boundary"),
    pytest.param("A revolutionary app", [f"uses 'revolutionary': {BANNED}"], id="banned"),
    pytest.param("World-class reports", [f"uses 'World-class': {BANNED}"], id="banned-hyphenated"),
    pytest.param(
        "Revolutionary: login, then login again",
        [f"uses 'Revolutionary': {BANNED}", f"uses 'login': {REPLACE}"],
        id="each-term-once-per-item",
    ),
    pytest.param("Track logins in one place", [], id="logins-is-not-login"),
    pytest.param("The blogin theme", [], id="inside-a-word"),
    pytest.param("See the log inside", [], id="log-inside-is-not-log-in"),
    pytest.param("Sign in to see your reports", [], id="preferred-term"),
]


@pytest.mark.parametrize(("text", "fragments"), TERM_CASES)
def test_copy_term(check_repo: CheckRepo, text: str, fragments: list[str]) -> None:
    files: Files = {
        "glossary.yaml": GLOSSARY,
        "launches/demo.yaml": copy_of(text_item("web.title", text)),
    }
    report = check_repo(files)
    assert_findings(report, "copy-term", [(6, WARNING, fragment) for fragment in fragments])


def test_copy_term_without_a_glossary_checks_nothing(check_repo: CheckRepo) -> None:
    report = check_repo({"launches/demo.yaml": copy_of(text_item("web.title", "Login now"))})
    assert_findings(report, "copy-term", [])


def test_copy_term_matches_a_banned_word_with_sharp_s(check_repo: CheckRepo) -> None:
    files: Files = {
        "glossary.yaml": GLOSSARY,
        "launches/demo.yaml": copy_of(text_item("web.title", "Großartig!", "locale: de-DE, ")),
    }
    report = check_repo(files)
    assert_findings(report, "copy-term", [(6, WARNING, f"uses 'Großartig': {BANNED}")])


# --- copy-locale-missing --------------------------------------------------------------------

EN = text_item("web.title", "Hi", "locale: en-US, ")
DE = text_item("web.title", "Hallo", "locale: de-DE, ")
REQUIRED = "(required: en-US, de-DE)"

LOCALE_CASES = [
    pytest.param(
        BILINGUAL,
        [EN],
        {},
        [(7, ERROR, f"web.title has no copy in de-DE {REQUIRED}")],
        id="de-missing",
    ),
    pytest.param(BILINGUAL, [EN, DE], {}, [], id="both"),
    pytest.param(
        BILINGUAL, [text_item("web.title", "Hi"), DE], {}, [], id="no-locale-is-the-first-locale"
    ),
    pytest.param(
        BILINGUAL,
        [DE],
        {},
        [(7, ERROR, f"web.title has no copy in en-US {REQUIRED}")],
        id="en-missing",
    ),
    pytest.param(
        BILINGUAL,
        [EN, text_item("web.title", "Hi", "id: b, locale: en-US, "), DE],
        {},
        [(8, ERROR, f"web.title#b has no copy in de-DE {REQUIRED}")],
        id="items-grouped-by-id",
    ),
    pytest.param(HEADER, [EN], {}, [], id="nothing-required"),
    pytest.param(
        HEADER.replace("id: demo\n", "id: demo\nchecklist: loc\n"),
        [EN],
        {"checklists/loc.yaml": "locales: [en-US, fr-FR]\n"},
        [(7, ERROR, "web.title has no copy in fr-FR (required: en-US, fr-FR)")],
        id="checklist-locales",
    ),
    pytest.param(
        HEADER.replace("id: demo\n", "id: demo\nchecklist: loc\n") + "locales: [de-DE]\n",
        [EN, DE],
        {"checklists/loc.yaml": "locales: [en-US, fr-FR]\n"},
        [(8, ERROR, "web.title has no copy in fr-FR (required: en-US, fr-FR, de-DE)")],
        id="checklist-and-manifest-locales-add-up",
    ),
]


@pytest.mark.parametrize(("header", "items", "extra", "expected"), LOCALE_CASES)
def test_copy_locale_missing(
    check_repo: CheckRepo,
    header: str,
    items: list[str],
    extra: dict[str, str],
    expected: list[Expected],
) -> None:
    report = check_repo({**extra, "launches/demo.yaml": copy_of(*items, header=header)})
    assert_findings(report, "copy-locale-missing", expected)


# --- copy-drift -----------------------------------------------------------------------------

LOCALE_JSON = """\
{
  "onboarding": {"title": "See what works", "cafe": "Caf\\u00e9"},
  "settings.title": "Settings",
  "a.b": {"c": "Deep"},
  "menu": {"open": 5, "items": {"x": "y"}, "none": null}
}
"""
SOURCE_FILES: Files = {
    "app/locales/en.json": LOCALE_JSON,
    "app/strings.yaml": "home:\n  title: Welcome home\n",
    "app/strings.txt": "title=Welcome\n",
    "app/broken.json": "{nope",
}


def drift_manifest(source: str, text: str) -> str:
    # The item's source is on line 8 and its text on line 9.
    return HEADER + (
        f'copy:\n  - channel: in_app\n    max: 40\n    source: "{source}"\n    text: "{text}"\n'
    )


DRIFT_CASES = [
    pytest.param("app/locales/en.json#onboarding.title", "See what works", [], id="match"),
    pytest.param(
        "app/locales/en.json#onboarding.title",
        "See what changed",
        [
            (
                9,
                ERROR,
                "in_app differs from the product's string at app/locales/en.json#onboarding.title:"
                " 'See what works' in the product, 'See what changed' here",
            )
        ],
        id="differs",
    ),
    pytest.param(
        "app/locales/fr.json#onboarding.title",
        "x",
        [
            (
                8,
                ERROR,
                "source app/locales/fr.json#onboarding.title: app/locales/fr.json does not exist",
            )
        ],
        id="missing-file",
    ),
    pytest.param(
        "app/locales/en.json#onboarding.subtitle",
        "x",
        [(8, ERROR, "no key 'onboarding.subtitle'")],
        id="missing-key",
    ),
    pytest.param("app/locales/en.json#settings.title", "Settings", [], id="key-with-a-dot"),
    pytest.param("app/locales/en.json#a.b.c", "Deep", [], id="dotted-key-into-dotted-key"),
    pytest.param("app/locales/en.json#onboarding.cafe", "Cafe\u0301", [], id="nfd-equals-nfc"),
    pytest.param(
        "app/locales/en.json#menu.items",
        "y",
        [(8, ERROR, "'menu.items' is not a string")],
        id="mapping-is-not-a-string",
    ),
    pytest.param(
        "app/locales/en.json#menu.none",
        "y",
        [(8, ERROR, "'menu.none' is not a string")],
        id="null-is-not-a-string",
    ),
    pytest.param(
        "../../etc/passwd#root",
        "x",
        [(8, ERROR, "source ../../etc/passwd#root: points outside the repository")],
        id="relative-path-escapes",
    ),
    pytest.param(
        "/etc/passwd#root",
        "x",
        [(8, ERROR, "points outside the repository")],
        id="absolute-path",
    ),
    pytest.param(
        "app/locales/en.json",
        "x",
        [(8, ERROR, "expected path#dotted.key")],
        id="no-key",
    ),
    pytest.param("app/strings.yaml#home.title", "Welcome home", [], id="yaml-match"),
    pytest.param(
        "app/strings.yaml#home.title",
        "Welcome",
        [(9, ERROR, "'Welcome home' in the product, 'Welcome' here")],
        id="yaml-differs",
    ),
    pytest.param(
        "app/strings.txt#title",
        "Welcome",
        [(8, ERROR, "app/strings.txt is neither JSON nor YAML")],
        id="not-json-or-yaml",
    ),
    pytest.param(
        "app/broken.json#title",
        "Welcome",
        [(8, ERROR, "app/broken.json is not valid JSON")],
        id="invalid-json",
    ),
]


@pytest.mark.parametrize(("source", "text", "expected"), DRIFT_CASES)
def test_copy_drift(
    check_repo: CheckRepo, source: str, text: str, expected: list[Expected]
) -> None:
    report = check_repo({**SOURCE_FILES, "launches/demo.yaml": drift_manifest(source, text)})
    assert_findings(report, "copy-drift", expected)


def test_copy_drift_does_not_follow_a_symlink_out_of_the_repository(tmp_path: Path) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text('{"title": "secret"}', encoding="utf-8")
    root = tmp_path / "repo"
    (root / "app").mkdir(parents=True)
    (root / "app" / "en.json").symlink_to(outside)
    report = check_files(
        root, {"launches/demo.yaml": drift_manifest("app/en.json#title", "secret")}
    )
    assert_findings(report, "copy-drift", [(8, ERROR, "points outside the repository")])


# --- found by the first round of these tests ------------------------------------------------


def test_a_typo_below_a_known_channel_is_unknown(check_repo: CheckRepo) -> None:
    report = check_repo({"launches/demo.yaml": copy_of(text_item("web.title.hom", "Hi"))})
    assert_findings(report, "copy-length", [(6, ERROR, "unknown channel 'web.title.hom'")])


def test_in_app_is_a_family_of_channels(check_repo: CheckRepo) -> None:
    items = text_item("in_app.tooltip", "x" * 12, "max: 10, ")
    report = check_repo({"launches/demo.yaml": copy_of(items)})
    assert_findings(
        report, "copy-length", [(6, ERROR, "is 12 of 10 graphemes: cut at least 2 graphemes")]
    )


def test_locale_tags_ignore_case(check_repo: CheckRepo) -> None:
    manifest = copy_of(
        text_item("web.title", "Hello", "locale: en-us, "),
        text_item("web.title", "Hallo", "locale: DE_de, "),
        header=BILINGUAL,
    )
    report = check_repo({"launches/demo.yaml": manifest})
    assert_findings(report, "copy-locale-missing", [])
    assert_findings(report, "duplicate-id", [])


def test_lorem_ipsum_is_a_whole_word(check_repo: CheckRepo) -> None:
    report = check_repo({"launches/demo.yaml": copy_of(text_item("web.title", "dolorem ipsum"))})
    assert_findings(report, "copy-placeholder", [])


def test_quoted_spaces_are_kept_and_counted(check_repo: CheckRepo) -> None:
    report = check_repo(
        {"launches/demo.yaml": copy_of(text_item("app_store.subtitle", " " * 2 + "x" * 29))}
    )
    assert_findings(
        report, "copy-length", [(6, ERROR, "is 31 of 30 characters: cut at least 1 character")]
    )


# --- pinned by mutation testing (mutmut): order, limits met exactly, exact wording ----------


def found(report: Report, rule: str) -> list[tuple[int, int, str]]:
    """Line, column and whole message of each finding of `rule`."""
    assert fired(report, "manifest-invalid") == [], "a test manifest did not load"
    return [(f.line, f.column, f.message) for f in fired(report, rule)]


def test_copy_length_message_is_exact_and_points_at_the_text(check_repo: CheckRepo) -> None:
    item = text_item("app_store.subtitle", "Know how your content performs!", "locale: en-US, ")
    report = check_repo({"launches/demo.yaml": copy_of(item)})
    assert found(report, "copy-length") == [
        (6, 56, "app_store.subtitle (en-US) is 31 of 30 characters: cut at least 1 character")
    ]


def test_copy_length_names_an_item_by_channel_and_id(check_repo: CheckRepo) -> None:
    item = text_item("web.title", "x" * 61, "id: hero, locale: en-US, ")
    report = check_repo({"launches/demo.yaml": copy_of(item)})
    assert found(report, "copy-length") == [
        (6, 57, "web.title#hero (en-US) is 61 of 60 characters: cut at least 1 character")
    ]


def test_an_unknown_channel_first_does_not_stop_the_items_after_it(check_repo: CheckRepo) -> None:
    manifest = copy_of(
        text_item("web.titel", "Hi"),
        text_item("in_app", "Hi"),  # no max: for a channel without a limit
        text_item("app_store.subtitle", "x" * 31),
    )
    report = check_repo({"launches/demo.yaml": manifest})
    assert found(report, "copy-length") == [
        (6, 15, "unknown channel 'web.titel' (did you mean 'web.title'?)"),
        (7, 5, "in_app needs a max: (the channel has no fixed limit)"),
        (8, 41, "app_store.subtitle is 31 of 30 characters: cut at least 1 character"),
    ]
    assert [f.severity for f in fired(report, "copy-length")] == [ERROR, ERROR, ERROR]


def test_an_unknown_channel_is_close_to_a_known_one_only_from_seven_tenths(
    check_repo: CheckRepo,
) -> None:
    # "push.io" is 0.7 like "push.ios.body"; "emails" 0.63 like "email.subject": no hint.
    manifest = copy_of(text_item("push.io", "Hi"), text_item("emails", "Hi"))
    report = check_repo({"launches/demo.yaml": manifest})
    assert [message for _, _, message in found(report, "copy-length")] == [
        "unknown channel 'push.io' (did you mean 'push.ios.body'?)",
        "unknown channel 'emails' (add it under channels: in .launchgate.yml)",
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("   ", id="spaces"),
        pytest.param("\\u200b\\u2060", id="invisible-only"),
    ],
)
def test_copy_empty(check_repo: CheckRepo, text: str) -> None:
    item = text_item("web.title", text, "locale: en-US, ")
    report = check_repo({"launches/demo.yaml": copy_of(item)})
    assert found(report, "copy-empty") == [
        (6, 47, "web.title (en-US) has no text: write the copy, or remove the item until it is")
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Hi", id="words"),
        pytest.param("\\u200bHi", id="invisible-then-words"),
        pytest.param("\\u00a0Hi\\u200d", id="no-break-space-and-words"),
    ],
)
def test_copy_with_words_is_not_empty(check_repo: CheckRepo, text: str) -> None:
    report = check_repo({"launches/demo.yaml": copy_of(text_item("web.title", text))})
    assert found(report, "copy-empty") == []


TRILINGUAL = HEADER + "locales: [en-US, de-DE, fr-FR]\n"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        pytest.param(
            [text_item("app_store.subtitle", "x" * 30, "locale: en-US, ")],
            [
                (
                    7,
                    56,
                    "app_store.subtitle (en-US) uses 30 of 30 characters; translations of "
                    "text this long typically run 1.6x longer and de-DE, fr-FR has none yet",
                )
            ],
            id="exactly-at-the-limit",
        ),
        pytest.param(
            [text_item("app_store.subtitle", "x" * 10, "max: 20, locale: en-US, ")],
            [],
            id="expands-to-exactly-the-limit",
        ),
        pytest.param(
            [text_item("app_store.subtitle", "x" * 11, "max: 19, locale: en-US, ")],
            [
                (
                    7,
                    65,
                    "app_store.subtitle (en-US) uses 11 of 19 characters; translations of "
                    "text this long typically run 1.8x longer and de-DE, fr-FR has none yet",
                )
            ],
            id="expands-past-the-limit",
        ),
    ],
)
def test_copy_expansion_at_the_limit(
    check_repo: CheckRepo, items: list[str], expected: list[tuple[int, int, str]]
) -> None:
    report = check_repo({"launches/demo.yaml": copy_of(*items, header=TRILINGUAL)})
    assert found(report, "copy-expansion") == expected


def test_copy_expansion_goes_on_past_items_it_skips(check_repo: CheckRepo) -> None:
    manifest = copy_of(
        text_item("web.title", "Berichte, die erklären", "locale: de-DE, "),  # not English
        text_item("web.titel", "Reports that explain", "locale: en-US, "),  # unknown channel
        text_item("google_play.title", "Short", "locale: en-US, "),  # fits once translated
        text_item("app_store.subtitle", "Reports that explain", "locale: en-US, "),
        header=BILINGUAL,
    )
    report = check_repo({"launches/demo.yaml": manifest})
    assert found(report, "copy-expansion") == [
        (
            10,
            56,
            "app_store.subtitle (en-US) uses 20 of 30 characters; translations of "
            "text this long typically run 1.8x longer and de-DE has none yet",
        )
    ]


def test_copy_placeholder_points_at_the_text(check_repo: CheckRepo) -> None:
    report = check_repo({"launches/demo.yaml": copy_of(text_item("web.title", "TBD"))})
    assert found(report, "copy-placeholder") == [
        (6, 32, "web.title still holds a placeholder: 'TBD'")
    ]


def test_copy_locale_missing_says_each_missing_locale_apart(check_repo: CheckRepo) -> None:
    # One finding per locale, each with its own subject: a waiver can accept one of them.
    report = check_repo({"launches/demo.yaml": copy_of(EN, header=TRILINGUAL)})
    assert found(report, "copy-locale-missing") == [
        (7, 5, "web.title has no copy in de-DE (required: en-US, de-DE, fr-FR)"),
        (7, 5, "web.title has no copy in fr-FR (required: en-US, de-DE, fr-FR)"),
    ]
    assert [f.subject for f in fired(report, "copy-locale-missing")] == [
        Subject(channel="web.title", locale="de-DE"),
        Subject(channel="web.title", locale="fr-FR"),
    ]


def test_the_longest_glossary_term_wins_whatever_its_case(check_repo: CheckRepo) -> None:
    glossary = "terms:\n  - {use: sign in, instead_of: [Log in]}\n  - {ban: [log]}\n"
    manifest = copy_of(text_item("web.title", "Log in, then read the log"))
    report = check_repo({"glossary.yaml": glossary, "launches/demo.yaml": manifest})
    assert found(report, "copy-term") == [
        (6, 32, "web.title uses 'Log in': the glossary says 'sign in' instead"),
        (6, 32, "web.title uses 'log': the glossary bans it"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Çok iyi",
            (6, 47, "web.title (tr-TR) uses 'iyi': the glossary says 'harika' instead"),
            id="lower-case",
        ),
        pytest.param(
            "ÇOK İYİ",
            (6, 47, "web.title (tr-TR) uses 'İYİ': the glossary says 'harika' instead"),
            id="upper-case",
        ),
    ],
)
def test_a_term_whose_case_fold_differs_still_gets_its_advice(
    check_repo: CheckRepo, text: str, expected: tuple[int, int, str]
) -> None:
    # Turkish dotted İ: IGNORECASE matches "i", but "İ".casefold() is "i" + a combining dot.
    glossary = "locale: tr\nterms:\n  - {use: harika, instead_of: [İyi]}\n  - {ban: [süper]}\n"
    manifest = copy_of(text_item("web.title", text, "locale: tr-TR, "))
    report = check_repo({"glossary.yaml": glossary, "launches/demo.yaml": manifest})
    assert found(report, "copy-term") == [expected]


def test_a_term_written_like_the_copy_gives_its_own_advice(check_repo: CheckRepo) -> None:
    # "iyi" is both "İyi" (to replace) and banned as written: the copy says "iyi".
    glossary = "locale: tr\nterms:\n  - {use: harika, instead_of: [İyi]}\n  - {ban: [iyi]}\n"
    manifest = copy_of(text_item("web.title", "Çok iyi", "locale: tr-TR, "))
    report = check_repo({"glossary.yaml": glossary, "launches/demo.yaml": manifest})
    assert found(report, "copy-term") == [
        (6, 47, "web.title (tr-TR) uses 'iyi': the glossary bans it")
    ]


def test_copy_drift_goes_on_past_items_without_a_source_or_with_a_bad_one(
    check_repo: CheckRepo,
) -> None:
    manifest = HEADER + (
        "copy:\n"
        '  - {channel: web.title, text: "No source"}\n'
        '  - {channel: in_app, max: 40, source: "app/locales/fr.json#x", text: "x"}\n'
        '  - {channel: in_app, max: 40, source: "app/strings.yaml#home.title", text: "Hi"}\n'
    )
    report = check_repo({**SOURCE_FILES, "launches/demo.yaml": manifest})
    assert found(report, "copy-drift") == [
        (7, 40, "source app/locales/fr.json#x: app/locales/fr.json does not exist"),
        (
            8,
            77,
            "in_app differs from the product's string at app/strings.yaml#home.title: "
            "'Welcome home' in the product, 'Hi' here",
        ),
    ]


@pytest.mark.parametrize(
    ("product", "shown"),
    [
        pytest.param("p" * 60, "p" * 60, id="60-shown-whole"),
        pytest.param("p" * 61, "p" * 59 + "…", id="61-clipped-to-60"),
    ],
)
def test_copy_drift_clips_long_strings_to_sixty_characters(
    check_repo: CheckRepo, product: str, shown: str
) -> None:
    files: Files = {
        "app/en.json": f'{{"t": "{product}"}}',
        "launches/demo.yaml": drift_manifest("app/en.json#t", "short"),
    }
    report = check_repo(files)
    assert [message for _, _, message in found(report, "copy-drift")] == [
        f"in_app differs from the product's string at app/en.json#t: {shown!r} in the product, "
        "'short' here"
    ]


def test_a_source_the_run_did_not_read_is_a_finding_not_a_pass(tmp_path: Path) -> None:
    manifest = drift_manifest("app/strings.yaml#home.title", "Welcome home")
    write_repo(tmp_path, {**SOURCE_FILES, "launches/demo.yaml": manifest})
    config, config_file = load_config(tmp_path)
    repo = load_repository(tmp_path, config, config_file)
    report = check_loaded(replace(repo, sources={}), today=TODAY)
    assert found(report, "copy-drift") == [
        (8, 13, "source app/strings.yaml#home.title: was not read")
    ]


# --- copy-locale-unknown --------------------------------------------------------------------

NO_JP = "names no language: 'jp' is not an ISO 639 language code"
NOT_ASKED = "the launch does not ask for"
FIX = "add it to locales: or fix the tag"

LOCALE_UNKNOWN_CASES = [
    pytest.param(
        "locales: [en-US, de-DE]\n",
        [EN, DE],
        [],
        id="all-asked-for",
    ),
    pytest.param(
        "locales: [en-US, jp-JP]\n",
        [EN],
        [(5, 18, f"locale 'jp-JP' {NO_JP}")],
        id="listed-locale-names-no-language",
    ),
    pytest.param(
        "locales: [en-US, ja-JP, jp-JP]\n",
        [EN],
        [(5, 25, f"locale 'jp-JP' {NO_JP} (did you mean 'ja-JP'?)")],
        id="listed-locale-meant-another-listed",
    ),
    pytest.param(
        "locales: [en-US, ja-JP]\n",
        [EN, text_item("web.title", "Hi", "locale: jp-JP, ")],
        [(8, 34, f"web.title (jp-JP): locale 'jp-JP' {NO_JP} (did you mean 'ja-JP'?)")],
        id="copy-locale-names-no-language",
    ),
    pytest.param(
        "locales: [en-US, da]\n",
        [EN, text_item("web.title", "Hej", "locale: dk, ")],
        [
            (
                8,
                34,
                "web.title (dk): locale 'dk' names no language: 'dk' is not an ISO 639 "
                "language code (did you mean 'da'?)",
            )
        ],
        id="a-country-code-for-a-language",
    ),
    pytest.param(
        "locales: [en-US, en-GB]\n",
        [EN, text_item("web.title", "Hi", "locale: en-UK, ")],
        [
            (
                8,
                34,
                f"web.title (en-UK): {NOT_ASKED} en-UK (its locales: en-US, en-GB) "
                f"(did you mean 'en-GB'?); {FIX}",
            )
        ],
        id="en-UK-means-en-GB-not-the-closer-spelt-en-US",
    ),
    pytest.param(
        "locales: [en-US, pt-BR]\n",
        [EN, text_item("web.title", "Oi", "locale: pt-BT, ")],
        [
            (
                8,
                34,
                f"web.title (pt-BT): {NOT_ASKED} pt-BT (its locales: en-US, pt-BR) "
                f"(did you mean 'pt-BR'?); {FIX}",
            )
        ],
        id="a-close-spelling",
    ),
    pytest.param(
        "locales: [en-US, de-DE]\n",
        [text_item("web.title", "Salut", "locale: fr-CA, "), EN],
        [(7, 34, f"web.title (fr-CA): {NOT_ASKED} fr-CA (its locales: en-US, de-DE); {FIX}")],
        id="nothing-close",
    ),
    pytest.param(
        "",
        [text_item("web.title", "Salut", "locale: fr-CA, ")],
        [],
        id="a-launch-that-asks-for-no-locale-takes-any",
    ),
]


@pytest.mark.parametrize(("locales", "items", "expected"), LOCALE_UNKNOWN_CASES)
def test_copy_locale_unknown(
    check_repo: CheckRepo, locales: str, items: list[str], expected: list[tuple[int, int, str]]
) -> None:
    report = check_repo({"launches/demo.yaml": copy_of(*items, header=HEADER + locales)})
    assert found(report, "copy-locale-unknown") == expected
    severities = [f.severity for f in fired(report, "copy-locale-unknown")]
    assert severities == [WARNING if NOT_ASKED in e[2] else ERROR for e in expected]
