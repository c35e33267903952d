"""How much to cut, and why: copy-length's advice in every unit, and where the limit falls."""

from __future__ import annotations

import pytest

from launchgate.channels import PRESETS, Channel, count, grapheme_bounds
from launchgate.findings import CopyFit
from launchgate.rules.copy_fit import advice, copy_fit

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 11 UTF-16 units
PARTY = "🎉"


@pytest.mark.parametrize(
    ("text", "unit", "limit", "locale", "expected"),
    [
        pytest.param("abcd", "utf16", 3, None, "cut at least 1 character", id="plain"),
        pytest.param("abcde", "utf16", 3, None, "cut at least 2 characters", id="plural"),
        pytest.param(
            "ab" + PARTY, "utf16", 3, None, "cut at least 1 character (🎉 counts 2)", id="emoji"
        ),
        pytest.param(
            "a😀" + PARTY + PARTY,
            "utf16",
            5,
            None,
            "cut at least 2 characters (😀, 🎉 count 2 each)",
            id="emoji-deduped",
        ),
        pytest.param(
            PARTY + FAMILY,
            "utf16",
            10,
            None,
            f"cut at least 3 characters (🎉 counts 2; {FAMILY} counts 11)",
            id="grouped-by-weight",
        ),
        pytest.param("日本語のテキ", "utf16", 5, "ja-JP", "cut at least 1 character", id="cjk-1"),
        pytest.param(
            "Bücher", "bytes", 5, None, "cut at least 2 bytes (ü takes 2 bytes)", id="one-umlaut"
        ),
        pytest.param(
            "äöüäöü€",
            "bytes",
            10,
            "de-DE",
            "cut at least 5 bytes (ä, ö, ü take 2 bytes each; € takes 3 bytes)",
            id="umlauts-and-euro",
        ),
        pytest.param(
            "日本語です",
            "bytes",
            10,
            "ja-JP",
            "cut at least 5 bytes (Japanese characters take 3 bytes each)",
            id="japanese-bytes",
        ),
        pytest.param(
            "日本語です" + PARTY,
            "x_weighted",
            10,
            "JA-jp",
            "cut at least 2 weighted characters "
            "(on X: Japanese characters count 2 each; 🎉 counts 2)",
            id="x-language-any-case",
        ),
        pytest.param(
            "日本ＡＢ",
            "x_weighted",
            6,
            "ja-JP",
            "cut at least 2 weighted characters (on X: Japanese characters count 2 each)",
            id="x-fullwidth-letters-are-japanese-too",
        ),
        pytest.param(
            "한국어",
            "x_weighted",
            5,
            "ko-KR",
            "cut at least 1 weighted character (on X: Korean characters count 2 each)",
            id="x-korean",
        ),
        pytest.param(
            "中文字",
            "wide2",
            5,
            "zh-Hans",
            "cut at least 1 character (Chinese characters count 2 each)",
            id="wide-chinese",
        ),
        pytest.param(
            "日本語",
            "x_weighted",
            5,
            None,
            "cut at least 1 weighted character (on X: 日, 本, 語 count 2 each)",
            id="x-three-named",
        ),
        pytest.param(
            "日本語です",
            "x_weighted",
            9,
            "en-US",
            "cut at least 1 weighted character (on X: 日, 本, 語… count 2 each)",
            id="x-more-than-three",
        ),
        pytest.param(
            "see example.com",
            "x_weighted",
            20,
            None,
            "cut at least 7 weighted characters (on X: a link counts 23, however long it is)",
            id="x-one-link",
        ),
        pytest.param(
            "a.co b.co",
            "x_weighted",
            40,
            None,
            "cut at least 7 weighted characters "
            "(on X: links count 23 each (2 here), however long they are)",
            id="x-two-links",
        ),
        pytest.param(
            "Hi " + PARTY,
            "threads",
            5,
            None,
            "cut at least 2 characters (on Threads an emoji counts its UTF-8 bytes: 🎉 counts 4)",
            id="threads",
        ),
        pytest.param("Hi " + FAMILY, "graphemes", 3, None, "cut at least 1 grapheme", id="plain"),
        pytest.param(
            "Hi there", "x_weighted", 5, None, "cut at least 3 weighted characters", id="x-plain"
        ),
        pytest.param("Grüße", "threads", 4, None, "cut at least 1 character", id="threads-plain"),
    ],
)
def test_advice(text: str, unit: str, limit: int, locale: str | None, expected: str) -> None:
    assert count(text, unit) > limit
    assert advice(text, unit, limit, locale) == expected


GSM = "a" * 80


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        pytest.param("a" * 165, 1, "cut at least 5 characters to fit 1 segment", id="gsm"),
        pytest.param("a" * 310, 2, "cut at least 4 characters to fit 2 segments", id="gsm-2"),
        pytest.param(
            "a" * 159 + "€", 1, "cut at least 1 character to fit 1 segment (€ counts 2)", id="esc"
        ),
        pytest.param(
            "a" * 157 + "€[",
            1,
            "cut at least 1 character to fit 1 segment (€, [ count 2 each)",
            id="two-escapes",
        ),
        pytest.param(
            "a" * 156 + "€[]",
            1,
            "cut at least 1 character to fit 1 segment (€, [, ] count 2 each)",
            id="escapes",
        ),
        # No 2-septet character is split: 152 + (2 + 151) + 1 is 306 septets in 3 segments.
        pytest.param(
            "a" * 152 + "€" + "a" * 152,
            2,
            "cut at least 1 character to fit 2 segments (€ counts 2)",
            id="gsm-packing",
        ),
        pytest.param(
            GSM + PARTY,
            1,
            "'🎉' switched this SMS to UCS-2 (70 characters per segment, not 160); "
            "without it, 1 segment",
            id="emoji",
        ),
        pytest.param(
            GSM + "\u2019" + PARTY + "\u2019",
            1,
            "'\u2019', '🎉' switched this SMS to UCS-2 (70 characters per segment, not 160); "
            "without them, 1 segment",
            id="two-switchers",
        ),
        pytest.param(
            GSM + "ąćę",
            1,
            "'ą', 'ć', 'ę' switched this SMS to UCS-2 (70 characters per segment, not 160); "
            "without them, 1 segment",
            id="three-switchers",
        ),
        pytest.param(
            "a" * 200 + PARTY,
            1,
            "'🎉' switched this SMS to UCS-2 (70 characters per segment, not 160); "
            "without it, 2 segments; or cut at least 41 characters to fit 1 segment",
            id="still-over-without",
        ),
        pytest.param(
            "a" * 140 + PARTY,
            2,
            "'🎉' switched this SMS to UCS-2 (67 characters per segment when split, not 153); "
            "without it, 1 segment",
            id="two-allowed",
        ),
        pytest.param(
            "ł" * 71,
            1,
            "cut at least 1 character to fit 1 segment "
            "(ł makes it UCS-2: 70 characters per segment, not 160)",
            id="ucs2-by-nature",
        ),
        pytest.param(
            "łó" * 36,
            1,
            "cut at least 2 characters to fit 1 segment "
            "(ł, ó make it UCS-2: 70 characters per segment, not 160)",
            id="ucs2-two",
        ),
        pytest.param(
            "a" * 150 + "ąćęł",
            1,
            "cut at least 4 characters to fit 1 segment "
            "(ą, ć, ę… make it UCS-2: 70 characters per segment, not 160)",
            id="four-switchers",
        ),
        pytest.param(
            "ł" * 140,
            2,
            "cut at least 6 characters to fit 2 segments "
            "(ł makes it UCS-2: 67 characters per segment when split, not 153)",
            id="ucs2-67-each",
        ),
    ],
)
def test_sms_advice(text: str, limit: int, expected: str) -> None:
    assert count(text, "sms") > limit
    assert advice(text, "sms", limit, None) == expected


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        pytest.param("x" * 150 + "€" * 10, 1, id="escapes-at-the-end"),
        pytest.param("a" * 150 + "ąćęł", 1, id="ucs2-switchers-at-the-end"),
        pytest.param("日本語" * 30 + PARTY * 5, 1, id="ucs2-emoji-at-the-end"),
        pytest.param("ł" * 140 + PARTY * 3, 2, id="ucs2-emoji-two-segments"),
        pytest.param("x" * 300 + "€" * 9, 2, id="escapes-two-segments"),
    ],
)
def test_sms_cut_is_what_cutting_off_the_end_takes(text: str, limit: int) -> None:
    # Cutting that many characters off the end fits, one fewer does not: a count of
    # septets or UTF-16 units overstates it where one character takes two.
    cut = int(advice(text, "sms", limit, None).split("cut at least ")[1].split()[0])
    graphemes = list(grapheme_bounds(text))
    assert count(text[: graphemes[-1 - cut]], "sms") <= limit
    assert count(text[: graphemes[-cut]], "sms") > limit


def test_the_switcher_must_be_rare_to_offer_without_it() -> None:
    # Eight in eighty graphemes are rare enough; eight in seventy-nine are not.
    assert advice("a" * 72 + "ł" * 8, "sms", 1, None).startswith("'ł' switched")
    assert advice("a" * 71 + "ł" * 8, "sms", 1, None).startswith("cut at least")


def test_copy_fit_of_a_refusing_channel_has_no_readers_see() -> None:
    fit = copy_fit("Know how your content performs today", PRESETS["app_store.subtitle"], 30)
    assert fit == CopyFit(30, 6, "Know how your content performs", " today", None)


def test_readers_see_the_text_cut_with_room_for_the_ellipsis() -> None:
    title = PRESETS["web.title"]
    assert copy_fit("Hello world", title, 7).readers_see == "Hello…"  # no space before "…"
    assert copy_fit("Hello world", title, 9).readers_see == "Hello wo…"


def test_readers_see_an_ellipsis_alone_when_even_it_does_not_fit() -> None:
    tiny = Channel("tiny", 2, "bytes", False, truncates=True)
    assert copy_fit("äöü", tiny, 2) == CopyFit(1, 4, "ä", "öü", "…")  # "…" takes 3 bytes
    assert copy_fit("abcdef", tiny, 2) == CopyFit(2, 4, "ab", "cdef", "…")


def test_a_line_break_is_never_named_as_a_heavy_character() -> None:
    # CR LF is one grapheme of 2 bytes, but no writer would know it by name.
    assert advice("a\r\n" + PARTY, "bytes", 5, None) == "cut at least 2 bytes (🎉 takes 4 bytes)"
    assert advice("é\r\nü", "bytes", 4, None) == "cut at least 2 bytes (é, ü take 2 bytes each)"
    # NEL, a line break from old documents, takes 2 bytes but is no character to name.
    assert advice("a\x85ü", "bytes", 3, None) == "cut at least 2 bytes (ü takes 2 bytes)"


@pytest.mark.parametrize(
    ("text", "unit", "limit", "expected"),
    [
        pytest.param(
            "a" * 80 + "\u00a0Reply STOP",
            "sms",
            1,
            "a non-breaking space switched this SMS to UCS-2 (70 characters per segment, "
            "not 160); without it, 1 segment",
            id="sms-non-breaking-space",
        ),
        pytest.param(
            "a" * 80 + "\tReply STOP",
            "sms",
            1,
            "a tab switched this SMS to UCS-2 (70 characters per segment, not 160); "
            "without it, 1 segment",
            id="sms-tab",
        ),
        pytest.param(
            "a" * 158 + "\f€",
            "sms",
            1,
            "cut at least 1 character to fit 1 segment "
            "(the invisible character U+000C, € count 2 each)",
            id="sms-form-feed",
        ),
        pytest.param(
            "Bücher\u00a0" * 20,
            "bytes",
            100,
            "cut at least 80 bytes (ü, a non-breaking space take 2 bytes each)",
            id="bytes-non-breaking-space",
        ),
    ],
)
def test_a_character_nobody_can_see_is_named_in_words(
    text: str, unit: str, limit: int, expected: str
) -> None:
    assert advice(text, unit, limit, None) == expected
