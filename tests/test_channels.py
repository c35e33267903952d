"""Counting vectors for every unit, the channel presets, and X's conformance cases."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from launchgate import channels
from launchgate.channels import (
    GSM7_BASIC,
    GSM7_EXTENSION,
    NEVER_JOINING,
    NO_OFFICIAL_NUMBER,
    PRESETS,
    UNIT_LABELS,
    Channel,
    base_channel,
    count,
    sms_detail,
)

DATA = Path(__file__).parent / "data" / "channels"

E_COMPOSED = "\u00e9"
E_DECOMPOSED = "e\u0301"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 7 code points
THUMBS_MEDIUM = "\U0001f44d\U0001f3fd"  # thumbs up + skin tone modifier
FLAG_DE = "\U0001f1e9\U0001f1ea"
FLAG_FR = "\U0001f1eb\U0001f1f7"
FLAG_ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
KEYCAP_1 = "1\ufe0f\u20e3"
GRIN = "\U0001f600"
HANGUL = "\uac01"  # 각
HANGUL_JAMO = "\u1100\u1161\u11a8"  # 각 as three conjoining jamo; NFC composes it
CJK = "\u65e5\u672c\u8a9e"  # 日本語
KOREAN = "\ud55c\uad6d\uc5b4"  # 한국어
CYRILLIC_ZHE = "\u0436"  # not in GSM-7, one UTF-16 unit

# (text, expected) per unit. Emoji sequences come out very differently per unit, on purpose.
VECTORS: dict[str, list[tuple[str, int]]] = {
    "utf16": [
        ("hello", 5),
        (E_COMPOSED, 1),
        (E_DECOMPOSED, 1),
        (GRIN, 2),
        (THUMBS_MEDIUM, 4),
        (FAMILY, 11),
        (FLAG_DE, 4),
        (CJK, 3),
        (KOREAN, 3),
        (HANGUL_JAMO, 1),
        ("a\r\nb", 4),
    ],
    "graphemes": [
        ("hello", 5),
        (E_DECOMPOSED, 1),
        (THUMBS_MEDIUM, 1),
        (FAMILY, 1),
        (FLAG_DE, 1),
        (FLAG_DE + FLAG_FR, 2),
        (FLAG_ENGLAND, 1),
        (KEYCAP_1, 1),
        (CJK, 3),
        (HANGUL_JAMO, 1),
        ("\r\n", 1),
        ("a\r\nb", 3),
        ("\n\r", 2),  # LF CR is two line breaks
        ("caf" + E_DECOMPOSED + " \r\n", 6),  # non-ASCII path must also join CR LF
    ],
    "x_weighted": [
        ("hello", 5),
        ("caf" + E_DECOMPOSED, 4),
        (CJK, 6),
        (KOREAN, 6),
        (GRIN, 2),
        (THUMBS_MEDIUM, 2),
        (FAMILY, 2),
        (FLAG_DE, 2),
        ("https://example.com", 23),
        ("example.com", 23),
        ("see https://example.com/a/much/longer/path?q=1", 27),
        ("v1.2 ships", 10),  # has a dot, is no URL
        ("a\r\nb", 3),  # twitter-text folds CR LF into one newline
        ("no url here, just words", 23),
    ],
    "threads": [
        ("hello", 5),
        (E_COMPOSED, 1),
        (E_DECOMPOSED, 1),
        (CJK, 3),
        ("Hi " + GRIN, 7),
        (THUMBS_MEDIUM, 8),
        (FAMILY, 25),
        (FLAG_DE, 8),
        (FLAG_ENGLAND, 28),
        (KEYCAP_1, 7),
        ("\u00a9", 2),  # © is Extended_Pictographic, so it counts its 2 UTF-8 bytes
        ("a\r\nb", 4),
        ("\u00f1o " + GRIN + " " + CJK, 3 + 4 + 1 + 3),
    ],
    "wide2": [
        ("hello", 5),
        (E_COMPOSED, 1),
        (E_DECOMPOSED, 1),
        (CJK, 6),
        (KOREAN, 6),
        (HANGUL_JAMO, 2),  # would be 4 unnormalised: U+1100 is wide, the vowel and final not
        ("\uff21", 2),  # fullwidth A: East Asian Width F
        ("\uff71", 1),  # halfwidth katakana A: East Asian Width H
        (GRIN, 2),
        ("Caf\u00e9 \u6771\u4eac", 9),  # Café 東京
    ],
    "bytes": [
        ("hello", 5),
        (E_COMPOSED, 2),
        (E_DECOMPOSED, 2),  # NFC first: one é, 2 bytes
        (CJK, 9),
        (GRIN, 4),
        ("B\u00fccher,H\u00f6rb\u00fccher", 19),  # Bücher,Hörbücher: 16 letters, ü ö ü 2 each
    ],
    "sms": [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("\u20ac" * 80, 1),  # € is an extension character: 160 septets
        ("\u20ac" * 81, 2),
        ("[" * 80, 1),
        ("]" * 81, 2),
        ("{}^~|\\\f", 1),
        ("\r\n" * 80, 1),
        (E_COMPOSED * 160, 1),  # é is in the GSM-7 basic set
        (E_DECOMPOSED * 160, 1),  # ... after NFC; unnormalised it would be 5 UCS-2 segments
        # An escape's two septets never straddle segments: 152 + (2 + 152) does not fit 2 x 153.
        ("a" * 152 + "\u20ac" + "a" * 152, 3),
        ("a" * 151 + "\u20ac" + "a" * 151, 2),
        ("a" * 159 + "`", 3),  # backtick is not GSM-7: UCS-2, 160 units
        ("a" * 69 + "`", 1),
        ("a" * 70 + "`", 2),
        ("\u00e7", 1),  # ç (lower case) is not GSM-7; only Ç is
        (CYRILLIC_ZHE * 70, 1),
        (CYRILLIC_ZHE * 71, 2),
        (CYRILLIC_ZHE * 134, 2),
        (CYRILLIC_ZHE * 135, 3),
        (GRIN * 35, 1),  # 70 units
        (GRIN * 36, 2),  # 72 units; 33 pairs fit in 67
        (GRIN * 67, 3),  # 134 units, but a pair is never split: 33 + 33 + 1
        (CYRILLIC_ZHE * 66 + GRIN + CYRILLIC_ZHE * 66, 3),
        (CYRILLIC_ZHE * 65 + GRIN + CYRILLIC_ZHE * 67, 2),
    ],
}

UNITS = sorted(UNIT_LABELS)


@pytest.mark.parametrize(
    ("unit", "text", "expected"),
    [(unit, text, expected) for unit, cases in VECTORS.items() for text, expected in cases],
    ids=[f"{unit}-{i}" for unit, cases in VECTORS.items() for i in range(len(cases))],
)
def test_count(unit: str, text: str, expected: int) -> None:
    assert count(text, unit) == expected


def test_every_unit_has_vectors() -> None:
    assert set(VECTORS) == set(UNIT_LABELS)


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize(
    ("composed", "decomposed"),
    [
        (E_COMPOSED, E_DECOMPOSED),
        (
            "Caf" + E_COMPOSED + " cr" + E_COMPOSED + "me",
            "Caf" + E_DECOMPOSED + " cr" + E_DECOMPOSED + "me",
        ),
        (HANGUL, HANGUL_JAMO),
        ("\u00c5ngstr\u00f6m", "\u212bngstro\u0308m"),  # Å via ANGSTROM SIGN, ö decomposed
        ("\u00e9" * 100, E_DECOMPOSED * 100),
    ],
)
def test_composed_and_decomposed_count_the_same(unit: str, composed: str, decomposed: str) -> None:
    assert composed != decomposed
    assert count(composed, unit) == count(decomposed, unit)


@pytest.mark.parametrize("unit", UNITS)
def test_empty_text_is_zero(unit: str) -> None:
    assert count("", unit) == 0


def test_unknown_unit() -> None:
    with pytest.raises(ValueError, match="unknown unit 'furlongs'"):
        count("x", "furlongs")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ("GSM-7", 0)),
        ("Hello", ("GSM-7", 5)),
        ("\u20ac[]", ("GSM-7", 6)),
        ("\u20ac" * 81, ("GSM-7", 162)),
        (E_DECOMPOSED, ("GSM-7", 1)),
        (THUMBS_MEDIUM, ("UCS-2", 4)),
        ("a" * 70 + "`", ("UCS-2", 71)),
    ],
)
def test_sms_detail(text: str, expected: tuple[str, int]) -> None:
    assert sms_detail(text) == expected


def test_gsm7_tables() -> None:
    # 128 code points minus ESC; the extension set is the 10 of GSM 03.38's default table.
    assert len(GSM7_BASIC) == len(set(GSM7_BASIC)) == 127
    assert "\x1b" not in GSM7_BASIC
    assert set(GSM7_EXTENSION) == set("\f^{}\\[]~|\u20ac")
    for ch in GSM7_BASIC:
        assert sms_detail(ch) == ("GSM-7", 1), repr(ch)
    for ch in GSM7_EXTENSION:
        assert sms_detail(ch) == ("GSM-7", 2), repr(ch)


# --- X: twitter-text's own conformance cases -----------------------------------------------


def _twitter_cases() -> list[dict[str, Any]]:
    data = yaml.safe_load((DATA / "twitter_weighted.yaml").read_text(encoding="utf-8"))
    cases: list[dict[str, Any]] = data["cases"]
    return cases


@pytest.mark.parametrize(
    "case", _twitter_cases(), ids=[c["description"][:60] for c in _twitter_cases()]
)
def test_x_weighted_conformance(case: dict[str, Any]) -> None:
    assert count(case["text"], "x_weighted") == case["weighted_length"]


@pytest.mark.parametrize(
    "text",
    [
        "plain words",
        "a\r\nb\rc\nd",
        "#launch @team 100% ready! 0123456789 *#",
        "localhost:8080/x",
        "~`^{}|",
        "v1.2 is out. Read https://example.com/v1.2?x=1 and docs.example.org\r\nthen t.co/abc",
        "Two:\r\nhttp://a.io\r\nhttps://b.co/c.d e.f",
        "mail me@example.com or see example.com/path.",
    ],
)
def test_x_weighted_ascii_fast_path_agrees_with_twitter_text(text: str) -> None:
    from launchgate.twitter import _import_twitter_text

    assert count(text, "x_weighted") == _import_twitter_text().parse_tweet(text).weightedLength


def test_never_joining_code_points_never_join() -> None:
    # The grapheme shortcut's table, against regex's own Grapheme_Cluster_Break tables: none of
    # these code points may extend, join or prepend (a newer Unicode could change one).
    import regex  # type: ignore[import-untyped, unused-ignore]

    kinds = ("Extend", "ZWJ", "SpacingMark", "Prepend", "Regional_Indicator", "L", "V", "T")
    joins = regex.compile(
        "["
        + "".join(rf"\p{{Grapheme_Cluster_Break={kind}}}" for kind in (*kinds, "LV", "LVT"))
        + "]"
    )
    joining = [
        f"U+{code:04X}"
        for start, end in NEVER_JOINING
        for code in range(start, end + 1)
        if joins.match(chr(code))
    ]
    assert joining == []
    assert joins.match("\u0301") and joins.match("\u200d")  # the pattern does find joiners


@given(
    st.text(
        st.characters(codec="utf-8")
        | st.sampled_from("éßÄ\u2013\u2014\u201e\u201c\u2019€\r\n\u0301\u200d\u200c👍🏽🇩🇪한क्"),
        max_size=40,
    )
)
def test_graphemes_are_what_regex_clusters(text: str) -> None:
    import regex

    assert count(text, "graphemes") == len(regex.findall(r"\X", unicodedata.normalize("NFC", text)))


def test_heavy_imports_are_lazy() -> None:
    # Start-up time is measured: importing the module must not import regex or twitter_text.
    code = (
        "import sys, launchgate.channels; "
        "print(sorted(m for m in ('regex', 'twitter_text') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# --- presets -------------------------------------------------------------------------------

# The channel catalogue (README's channel table): (limit, unit, hard).
EXPECTED_PRESETS: dict[str, tuple[int, str, bool]] = {
    "app_store.name": (30, "utf16", True),
    "app_store.subtitle": (30, "utf16", True),
    "app_store.promotional_text": (170, "utf16", True),
    "app_store.description": (4000, "utf16", True),
    "app_store.whats_new": (4000, "utf16", True),
    "app_store.keywords": (100, "bytes", True),
    "app_store.event_name": (30, "utf16", True),
    "app_store.event_short_description": (50, "utf16", True),
    "app_store.event_long_description": (120, "utf16", True),
    "google_play.title": (30, "utf16", True),
    "google_play.short_description": (80, "utf16", True),
    "google_play.full_description": (4000, "utf16", True),
    "google_play.release_notes": (500, "utf16", True),
    "x.post": (280, "x_weighted", True),
    "threads.post": (500, "threads", True),
    "linkedin.post": (3000, "utf16", True),
    "instagram.caption": (2200, "utf16", True),
    "bluesky.post": (300, "graphemes", True),
    "mastodon.post": (500, "graphemes", True),
    "tiktok.caption": (2200, "utf16", True),
    "pinterest.title": (100, "utf16", True),
    "pinterest.description": (500, "utf16", False),
    "youtube.title": (100, "utf16", True),
    "youtube.description": (5000, "bytes", True),
    "google_ads.headline": (30, "wide2", True),
    "google_ads.long_headline": (90, "wide2", True),
    "google_ads.description": (90, "wide2", True),
    "google_ads.path": (15, "wide2", True),
    "google_ads.business_name": (25, "wide2", True),
    "google_ads.sitelink": (25, "wide2", True),
    "google_ads.callout": (25, "wide2", True),
    "meta_ads.primary_text": (125, "utf16", False),
    "meta_ads.headline": (40, "utf16", False),
    "meta_ads.description": (30, "utf16", False),
    "web.title": (60, "utf16", False),
    "web.meta_description": (160, "utf16", False),
    "og.title": (60, "utf16", False),
    "og.description": (200, "utf16", False),
    "email.subject": (50, "utf16", False),
    "email.preheader": (100, "utf16", False),
    "email.from_name": (25, "utf16", False),
    "sms": (1, "sms", True),
    "push.ios.title": (30, "graphemes", False),
    "push.ios.body": (140, "graphemes", False),
    "push.android.title": (65, "graphemes", False),
    "push.android.body": (240, "graphemes", False),
    "in_app": (0, "graphemes", True),
}


def test_presets_are_exactly_the_catalogue_table() -> None:
    assert sorted(PRESETS) == sorted(EXPECTED_PRESETS)


@pytest.mark.parametrize("name", sorted(EXPECTED_PRESETS))
def test_preset(name: str) -> None:
    limit, unit, hard = EXPECTED_PRESETS[name]
    assert PRESETS[name].name == name
    assert PRESETS[name].max == limit
    assert (PRESETS[name].unit, PRESETS[name].hard) == (unit, hard)
    assert PRESETS[name].unit in UNIT_LABELS


@pytest.mark.parametrize("name", sorted(set(EXPECTED_PRESETS) - {"in_app"}))
def test_every_preset_says_where_its_number_comes_from(name: str) -> None:
    channel = PRESETS[name]
    source = channel.source
    assert source is not None
    assert source.title.strip()
    assert source.url.startswith("https://") and " " not in source.url
    assert dt.date.fromisoformat(source.read) == dt.date(2026, 12, 2)
    unofficial = channel.note.startswith(NO_OFFICIAL_NUMBER)
    assert source.quote.strip() or unofficial
    if channel.hard:  # a platform's own limit is always someone's written sentence
        assert source.quote.strip() and not unofficial
    if unofficial:  # guidance: say what the platform does instead
        assert channel.note.removeprefix(NO_OFFICIAL_NUMBER).strip()
        assert not channel.hard


def test_the_limit_appears_in_its_quote_unless_guidance_says_why_not() -> None:
    # A quote that does not give the number would source nothing; "4000" or "3,000" both do.
    missing = [
        name
        for name, channel in PRESETS.items()
        if channel.source
        and channel.unit != "sms"
        and str(channel.max) not in channel.source.quote.replace(",", "")
        and not channel.note.startswith(NO_OFFICIAL_NUMBER)
    ]
    assert missing == []


def test_guidance_without_an_official_number_says_so_in_words() -> None:
    assert PRESETS["web.title"].note.startswith("no official number: Google sets no limit")
    assert PRESETS["email.subject"].note.startswith("no official number: ")


def test_in_app_alone_has_no_source_and_says_why() -> None:
    assert [name for name, channel in PRESETS.items() if channel.source is None] == ["in_app"]
    assert PRESETS["in_app"].note.startswith(NO_OFFICIAL_NUMBER)


SECONDARY = {
    "app_store.whats_new",
    "google_play.title",
    "google_play.release_notes",
    "linkedin.post",
    "meta_ads.description",
    "email.subject",
    "email.preheader",
    "email.from_name",
    "sms",
    "push.ios.title",
    "push.ios.body",
    "push.android.title",
    "push.android.body",
    "web.title",
    "web.meta_description",
    "og.title",
    "og.description",
}


def test_secondary_sources_are_marked() -> None:
    marked = {name for name, c in PRESETS.items() if c.source and c.source.secondary}
    assert marked == SECONDARY


def test_mastodon_says_how_to_set_a_servers_own_limit() -> None:
    assert "channels: {mastodon.post: {max: N}}" in PRESETS["mastodon.post"].note


def test_readme_lists_every_preset_with_its_limit_unit_and_kind() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n### Channels\n", 1)[1].split("\n#", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`") and cells[0].endswith("`"):
            rows[cells[0].strip("`")] = tuple(cells[1:])
    expected = {
        name: (
            f"{channel.max:,}" if channel.max else "each item's `max:`",
            f"{UNIT_LABELS[channel.unit]} (`{channel.unit}`)",
            "hard" if channel.hard else "guidance",
        )
        for name, channel in PRESETS.items()
    }
    assert rows == expected


def test_unit_labels() -> None:
    assert UNIT_LABELS == {
        "utf16": "characters",
        "graphemes": "graphemes",
        "x_weighted": "weighted characters",
        "threads": "characters",
        "wide2": "characters",
        "sms": "segments",
        "bytes": "bytes",
    }


def test_channel_is_frozen() -> None:
    channel = PRESETS["x.post"]
    with pytest.raises(AttributeError):
        channel.max = 1000  # type: ignore[misc]


def test_x_weighted_fast_path_agrees_with_parse_tweet() -> None:
    """launchgate counts X posts without twitter-text (launchgate/twitter.py): same counts."""
    import random

    from launchgate.twitter import _import_twitter_text

    parse_tweet = _import_twitter_text().parse_tweet
    pieces = [
        "Grüße",
        "café",
        "naïve",
        "日本語",
        "한국어",
        "Привет",
        "\u2013",
        "…",
        "\u2018quoted\u2019",
        " ",
        "\r\n",
        "\r",
        "https://example.com/a?b=c",
        "launchgate.dev",
        "x.co",
        "\U0001d401old",
        "©",
        "1️⃣",
        "👍🏽",
        "🇩🇪",
        "e\u0301",
        "plain words",
    ]
    rng = random.Random(7)
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        assert count(text, "x_weighted") == parse_tweet(text).weightedLength, repr(text)


# --- pinned by mutation testing (mutmut) ----------------------------------------------------


def test_an_unknown_unit_names_the_known_ones() -> None:
    with pytest.raises(ValueError) as raised:
        count("x", "furlongs")
    assert str(raised.value) == (
        "unknown unit 'furlongs'; known: utf16, graphemes, x_weighted, threads, wide2, sms, bytes"
    )


def test_ucs2_segments_count_u_ffff_as_one_unit() -> None:
    # The last code point of the BMP is one UTF-16 unit; only those above it take two.
    text = GRIN + "\uffff" * 133
    assert sms_detail(text) == ("UCS-2", 135)
    assert count(text, "sms") == 3


@pytest.mark.parametrize(
    ("name", "truncates", "merge_tags"),
    [
        ("push.ios.title", True, True),
        ("email.subject", True, True),
        ("web.meta_description", True, False),
        ("og.title", True, False),
        ("sms", False, True),
        ("app_store.subtitle", False, False),
        ("x.post", False, False),
        ("youtube.title", False, False),
        ("youtube.description", False, False),
        ("meta_ads.primary_text", True, False),
        ("meta_ads.headline", True, False),
        ("meta_ads.description", True, False),
        ("email.from_name", True, True),
        ("email.preheader", True, True),
        ("push.android.body", True, True),
        ("google_ads.headline", False, False),
        ("bluesky.post", False, False),
        ("in_app", False, False),
    ],
)
def test_which_presets_truncate_and_take_merge_tags(
    name: str, truncates: bool, merge_tags: bool
) -> None:
    assert (PRESETS[name].truncates, PRESETS[name].merge_tags) == (truncates, merge_tags)


def test_no_hard_limit_shows_what_readers_see() -> None:
    # A platform that refuses longer text shows none of it: "readers see" is for guidance.
    assert [name for name, channel in PRESETS.items() if channel.hard and channel.truncates] == []


def test_only_email_push_and_sms_take_merge_tags() -> None:
    personalised = {name for name, channel in PRESETS.items() if channel.merge_tags}
    assert personalised == {
        "email.subject",
        "email.preheader",
        "email.from_name",
        "sms",
        "push.ios.title",
        "push.ios.body",
        "push.android.title",
        "push.android.body",
    }


# --- the platforms' own cases --------------------------------------------------------------

# App Store Connect refuses both: 100 bytes, not 100 characters ("up to 100 bytes").
KEYWORDS_DE = (
    "Bücher,Hörbücher,Roman,Krimi,Sachbücher,Kinderbücher,Lesen,Saga,Fantasy,Bibliothek,"
    "Märchen,Hörspiel"
)
KEYWORDS_JA = "電子書籍,読書,小説,漫画,オーディオブック,ライトノベル,図書館,本棚,文庫本,新刊,書店街"


def fits(text: str, name: str) -> bool:
    return count(text, PRESETS[name].unit) <= PRESETS[name].max


def test_german_keywords_of_99_characters_are_106_bytes_and_do_not_fit() -> None:
    assert (len(KEYWORDS_DE), count(KEYWORDS_DE, "utf16")) == (99, 99)
    assert count(KEYWORDS_DE, "bytes") == 106
    assert not fits(KEYWORDS_DE, "app_store.keywords")


def test_japanese_keywords_of_47_characters_are_121_bytes_and_do_not_fit() -> None:
    assert (len(KEYWORDS_JA), count(KEYWORDS_JA, "bytes")) == (47, 121)
    assert not fits(KEYWORDS_JA, "app_store.keywords")


def test_ascii_keywords_of_100_bytes_fit_and_101_do_not() -> None:
    keywords = ",".join(["reports", "dashboard", "analytics", "team", "goals"] * 3)[:100]
    assert count(keywords, "bytes") == 100
    assert fits(keywords, "app_store.keywords")
    assert not fits(keywords + "s", "app_store.keywords")


def test_a_decomposed_umlaut_counts_as_the_two_bytes_apple_stores() -> None:
    # NFC first: "u" + combining diaeresis is "ü", 2 bytes, not 3.
    assert count("Bu\u0308cher", "bytes") == count("Bücher", "bytes") == 7


def test_youtube_description_is_5000_bytes() -> None:
    at_limit = "ä" * 2500  # 2,500 characters, 5,000 bytes
    assert fits(at_limit, "youtube.description")
    assert not fits(at_limit + "a", "youtube.description")
    assert fits("a" * 5000, "youtube.description")
    assert not fits("日本" * 834, "youtube.description")  # 1,668 characters, 5,004 bytes


def test_bluesky_counts_300_graphemes() -> None:
    family_post = "Family night " + FAMILY * 287  # 300 graphemes, 2,042 code units
    assert count(family_post, "graphemes") == 300
    assert fits(family_post, "bluesky.post")
    assert not fits(family_post + FLAG_DE, "bluesky.post")
    assert not fits("a" * 301, "bluesky.post")


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("app_store.keywords", "app_store.keywords"),
        ("in_app", "in_app"),
        ("in_app.banner", "in_app"),
        ("in_app.banner.title", "in_app"),
        ("in_appx", None),
        ("changelog.title", None),
        ("app_store.keywords.de", None),
    ],
)
def test_base_channel_is_the_preset_or_in_app_for_its_family(name: str, base: str | None) -> None:
    found = base_channel(name)
    assert (found.name if found else None) == base


def test_base_channel_looks_in_the_table_it_is_given() -> None:
    own = Channel("in_app", 0, "utf16", False)
    assert base_channel("in_app.banner", {"in_app": own}) is own
    assert base_channel("app_store.name", {"in_app": own}) is None


# --- a repository's channels: the config's `channels:` over the presets ---------------------


def _settings(**channels: dict[str, Any]) -> dict[str, Any]:
    from launchgate.config import ChannelSetting

    return {name.replace("__", "."): ChannelSetting(**v) for name, v in channels.items()}


def test_resolve_without_settings_is_the_presets() -> None:
    assert channels.resolve({}) == PRESETS


def test_an_override_changes_only_what_it_gives_and_keeps_what_the_platform_does() -> None:
    table = channels.resolve(_settings(email__subject={"max": 45, "note": "our ESP's advice"}))
    subject = table["email.subject"]
    base = PRESETS["email.subject"]
    assert (subject.max, subject.unit, subject.hard) == (45, base.unit, base.hard)
    assert (subject.truncates, subject.merge_tags) == (True, True)
    assert subject.source is None  # the number is the team's now, not the platform's
    assert subject.note == "our ESP's advice"


def test_an_override_of_kind_and_unit() -> None:
    table = channels.resolve(_settings(x__post={"kind": "recommendation", "unit": "graphemes"}))
    assert (table["x.post"].max, table["x.post"].unit, table["x.post"].hard) == (
        280,
        "graphemes",
        False,
    )
    hard = channels.resolve(_settings(web__title={"kind": "hard"}))["web.title"]
    assert (hard.max, hard.hard) == (60, True)


def test_sms_segments_setting_is_its_limit() -> None:
    assert channels.resolve(_settings(sms={"max_segments": 3}))["sms"].max == 3


def test_a_new_channel_defaults_to_a_hard_utf16_limit_that_keeps_text_as_is() -> None:
    new = channels.resolve(_settings(changelog__title={"max": 70}))["changelog.title"]
    assert new == Channel("changelog.title", 70, "utf16", True)


def test_a_new_channel_without_max_has_none() -> None:
    assert (
        channels.resolve(_settings(changelog__title={"unit": "bytes"}))["changelog.title"].max == 0
    )


def test_an_in_app_channel_takes_the_in_app_family_defaults() -> None:
    banner = channels.resolve(_settings(in_app__banner={"max": 24}))["in_app.banner"]
    assert (banner.max, banner.unit, banner.hard) == (24, "graphemes", True)
    # Only `in_app.` starts the family: `in_apple` is a channel of its own.
    other = channels.resolve(_settings(in_apple={"max": 24}))["in_apple"]
    assert other.unit == "utf16"


def test_lookup_finds_presets_the_config_and_the_in_app_family_only() -> None:
    from launchgate.config import Config

    lookup = channels.channel_lookup(Config(channels=_settings(web__hero={"max": 60})))
    assert lookup("web.title") == PRESETS["web.title"]
    assert lookup("web.hero") == Channel("web.hero", 60, "utf16", True)
    assert lookup("in_app.toast") == PRESETS["in_app"]
    assert lookup("in_app") == PRESETS["in_app"]
    assert lookup("web.title.hom") is None
    assert lookup("in_apple") is None


def test_an_in_app_channel_takes_the_config_s_in_app_whatever_the_order() -> None:
    settings = _settings(in_app__banner={"max": 24}, in_app={"unit": "utf16"})
    assert list(settings) == ["in_app.banner", "in_app"]
    assert channels.resolve(settings)["in_app.banner"].unit == "utf16"


# --- where a limit falls ---------------------------------------------------------------------

# Pieces whose counts differ by unit: wide, emoji, joined, decomposed, GSM-7 escapes, links.
FIT_PIECES = st.sampled_from(
    [
        "a",
        " ",
        "é",
        E_DECOMPOSED,
        "ä",
        "€",
        "[",
        "\r\n",
        "日本",
        "。",
        "ł",
        GRIN,
        FAMILY,
        THUMBS_MEDIUM,
        FLAG_DE,
        KEYCAP_1,
        HANGUL_JAMO,
        " example.com",
        " https://example.co",
        "m/x",
        "\u2019",
    ]
)
FIT_TEXT = st.lists(FIT_PIECES, max_size=60).map("".join) | st.text(max_size=60)


@given(FIT_TEXT, st.sampled_from(sorted(UNIT_LABELS)), st.integers(0, 90))
def test_the_limit_falls_where_the_next_cut_goes_over(text: str, unit: str, limit: int) -> None:
    if unit == "sms":
        limit %= 3  # segments
    at = channels.fit_at(text, unit, limit)
    if count(text, unit) <= limit:
        assert at == len(text)
        return
    places = channels.cuts(text, unit)
    assert at in places
    assert count(text[:at], unit) <= limit < count(text[: places[places.index(at) + 1]], unit)


@pytest.mark.parametrize(
    ("text", "unit", "limit", "fits"),
    [
        pytest.param("Know how your content performs today", "utf16", 30, 30, id="plain"),
        pytest.param("Know how your content perfo" + GRIN * 2, "utf16", 30, 28, id="emoji-2"),
        pytest.param("Hi " + FAMILY + "!", "graphemes", 4, 10, id="family-is-one"),
        pytest.param("Hi " + FAMILY + "!", "graphemes", 3, 3, id="family-is-never-split"),
        pytest.param("Cafe\u0301 au lait", "utf16", 4, 5, id="decomposed-e-counts-1"),
        pytest.param("Cafe\u0301 au lait", "utf16", 3, 3, id="decomposed-kept-whole"),
        pytest.param("Bücher,Hörbücher", "bytes", 10, 8, id="umlauts-take-2"),
        pytest.param("日本語のテキスト", "x_weighted", 5, 2, id="x-cjk-2"),
        pytest.param("日本語のテキスト", "wide2", 7, 3, id="wide-2"),
        pytest.param("Hi 🎉 there", "threads", 6, 3, id="threads-emoji-bytes"),
        pytest.param("a" * 161, "sms", 1, 160, id="sms-gsm-first-segment"),
        pytest.param("a" * 400, "sms", 2, 306, id="sms-gsm-two-segments"),
        pytest.param("a" * 100 + "🎉", "sms", 1, 100, id="sms-emoji-makes-ucs2"),
        pytest.param("ł" * 71, "sms", 1, 70, id="sms-ucs2-first-segment"),
        pytest.param("ab\r\ncd", "graphemes", 2, 2, id="crlf-kept-whole"),
        pytest.param("ab\r\ncd", "graphemes", 3, 4, id="crlf-is-one"),
        pytest.param("abc", "utf16", 0, 0, id="limit-0-fits-nothing"),
    ],
)
def test_fit_at(text: str, unit: str, limit: int, fits: int) -> None:
    assert channels.fit_at(text, unit, limit) == fits


def test_fit_at_never_cuts_a_link_on_x() -> None:
    text = "a" * 257 + " https://example.com/" + "p" * 60  # 257 + 1 + 23 = 281
    assert channels.fit_at(text, "x_weighted", 280) == 258  # before the link, not inside it
    # Cut inside, the link would be letters again: "https://example.c" counts 17.
    assert channels.fit_at(text, "utf16", 275) == 275


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("", [0]),
        ("ab", [0, 1, 2]),
        ("a\r\nb", [0, 1, 3, 4]),
        ("\r\n", [0, 2]),
        ("e\u0301x", [0, 2, 3]),
        (FLAG_DE + FLAG_FR, [0, 2, 4]),
        ("Größe", [0, 1, 2, 3, 4, 5]),
    ],
)
def test_grapheme_bounds(text: str, bounds: list[int]) -> None:
    assert list(channels.grapheme_bounds(text)) == bounds


@pytest.mark.parametrize(
    ("text", "links"),
    [("no links here", 0), ("see example.com now", 1), ("a.co and https://b.org/x", 2)],
)
def test_x_links(text: str, links: int) -> None:
    assert channels.x_links(text) == links


def test_cuts_on_x_skip_only_the_inside_of_links() -> None:
    text = "go example.com!"
    assert channels.cuts(text, "x_weighted") == [0, 1, 2, 3, 14, 15]
    assert list(channels.cuts(text, "utf16")) == list(range(16))
    decomposed = "Cafe\u0301 example.com"  # not NFC: a link's place is not known, cut anywhere
    assert channels.cuts(decomposed, "x_weighted") == channels.grapheme_bounds(decomposed)
    assert channels.cuts("x\r\nexample.com", "x_weighted") == channels.grapheme_bounds(
        "x\r\nexample.com"
    )
