"""X's weighted length without twitter-text: the committed tables, and every step against it.

twitter-text itself is the reference here (tests import it; launchgate does not). Its own
conformance cases run in tests/test_channels.py. twitter-text-parser 3.0.0 knows Emoji 12.0
only, and the committed emoji list adds current Unicode emoji to it: where a text may hold a
newer emoji, the reference is twitter-text with its emoji regex built its own way from the
committed list (`_reference_emoji`, held to twitter-text's own regex below).
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from launchgate import twitter
from launchgate.channels import count
from launchgate.twitter import DATA_FILE, render, weighted_length


@pytest.fixture(scope="module")
def twitter_text() -> Any:
    return twitter._import_twitter_text()


def test_committed_tables_match_the_installed_twitter_text() -> None:
    assert DATA_FILE.read_text(encoding="utf-8") == render(), (
        "launchgate/twitter_text.json drifted from the installed twitter-text and emoji: "
        "run `python -m launchgate.twitter` and commit the result"
    )


def test_counting_imports_no_twitter_text() -> None:
    # Each worker process would pay twitter-text's ~0.25 s import: the count must not need it,
    # nor the emoji package the list is generated from.
    code = (
        "import sys; from launchgate.channels import count; "
        "assert count('Grüße 👍🏽 https://example.com t.co 🐦\u200d🔥', 'x_weighted') == 59; "
        "print(sorted(m for m in ('twitter_text', 'pkg_resources', 'emoji') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_import_shim_leaves_pkg_resources_alone(twitter_text: Any) -> None:
    assert "pkg_resources" not in sys.modules


PHOENIX = "\U0001f426\u200d\U0001f525"  # Emoji 15.1
HANDSHAKE = "\U0001faf1\U0001f3fb\u200d\U0001faf2\U0001f3ff"  # light and dark skin tone, 14.0

# Pieces that make URLs, almost-URLs, emoji sequences and their parts, and text around them.
PIECES = [
    "https://",
    "http://",
    "HTTPS://",
    "www.",
    "example",
    "EXAMPLE",
    ".com",
    ".co",
    ".uk",
    ".dev",
    ".app",
    ".ලංකා",
    ".ไทย",
    ".中国",
    ".xn--p1ai",
    "t.co/",
    "abc123",
    "a" * 41,
    "/path",
    "?q=1",
    "#frag",
    ":8080",
    "@",
    "-",
    "_",
    ".",
    ",",
    "(",
    ")",
    "日本",
    "münchen",
    "é",
    "e\u0301",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\u200d",
    "\ufe0f",
    "\u20e3",
    "#",
    "1",
    "\U0001f44d",
    "\U0001f3fd",
    "\U0001f468",
    "\U0001f469",
    "\U0001f1e9",
    "\U0001f1ea",
    "\U0001f3f4",
    "\U000e0067",
    "\U000e007f",
    "\u00a9",
    "\u263a",
    "\u2013",
    "\u2026",
    "\U0001d401",
    "\u202e",
    # Emoji newer than twitter-text's 12.0, whole and in parts: phoenix, handshake with skin
    # tones, heart on fire, people holding hands' parts, Sark's flag, moose, face with bags.
    PHOENIX,
    HANDSHAKE,
    "\U0001f426",
    "\U0001f525",
    "\u2764",
    "\U0001faf1",
    "\U0001faf2",
    "\U0001f3fb",
    "\U0001f3ff",
    "\U0001f9d1",
    "\U0001f91d",
    "\U0001f1e8",
    "\U0001f1f6",
    "\U0001face",
    "\U0001fae9",
]

texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=24).map("".join),
    st.text(max_size=40),
)

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _emoji_pattern(emoji: Iterable[str], single_ranges: Iterable[Sequence[int]]) -> str:
    """The emoji regex twitter-text builds (twitter_text/regexp/emoji.py) from these emoji."""
    multi = ["".join(f"\\U{ord(char):08X}" for char in text) for text in emoji if len(text) > 1]
    single = "".join(
        f"\\U{start:08x}" if start == end else f"\\U{start:08x}-\\U{end:08x}"
        for start, end in single_ranges
    )
    return "|".join(sorted(multi, key=len, reverse=True)) + f"|[{single}]"


@functools.cache
def _reference_emoji() -> re.Pattern[str]:
    """twitter-text's emoji regex, built its own way from the committed emoji list."""
    emoji = twitter._data()["emoji"]
    return re.compile(_emoji_pattern(emoji["sequences"], emoji["single_ranges"]))


def _parse_tweet(text: str) -> int:
    """twitter-text's weighted length, its emoji regex swapped for `_reference_emoji`."""
    parse_tweet = twitter._import_twitter_text().parse_tweet
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys.modules["twitter_text.extract_emojis"], "emoji", _reference_emoji())
        length: int = parse_tweet(text).weightedLength
    return length


def test_the_reference_emoji_regex_is_built_as_twitter_text_builds_its_own(
    twitter_text: Any,
) -> None:
    from twitter_text.regexp import emoji

    own = ["".join(chr(int(c, 16)) for c in item.codepoint.split()) for item in emoji.emoji_list]
    assert _emoji_pattern(own, emoji.single_codepoint_emoji_ranges) == emoji.emoji.pattern


def test_the_emoji_list_is_twitter_texts_and_unicodes(twitter_text: Any) -> None:
    import emoji
    from twitter_text.regexp.emoji import emoji_list, single_codepoint_emoji_ranges

    listed = twitter._data()["emoji"]
    sequences = set(listed["sequences"])
    singles = {chr(c) for start, end in listed["single_ranges"] for c in range(start, end + 1)}
    own = {"".join(chr(int(c, 16)) for c in item.codepoint.split()) for item in emoji_list}
    assert {text for text in own if len(text) > 1} <= sequences
    assert {chr(c) for s, e in single_codepoint_emoji_ranges for c in range(s, e + 1)} <= singles
    by_status = {
        status: {text for text, about in emoji.EMOJI_DATA.items() if about["status"] == code}
        for status, code in emoji.STATUS.items()
    }
    for status in ("fully_qualified", "minimally_qualified", "unqualified"):
        assert by_status[status] <= sequences | singles, status
    assert by_status["component"].isdisjoint(singles)  # a skin tone alone is no emoji


@FUZZ
@given(texts)
def test_weighted_length_is_parse_tweets(text: str) -> None:
    assert weighted_length(text) == _parse_tweet(text)


@FUZZ
@given(texts)
def test_emoji_are_twitter_texts(text: str) -> None:
    expected = [(match.start(), match.group(0)) for match in _reference_emoji().finditer(text)]
    assert twitter._emoji(text) == expected


@FUZZ
@given(texts)
def test_only_a_newer_emoji_counts_other_than_twitter_text_3(text: str) -> None:
    parse_tweet = twitter._import_twitter_text().parse_tweet
    from twitter_text.regexp.emoji import emoji

    found = twitter._emoji(text)
    if found == [(match.start(), match.group(0)) for match in emoji.finditer(text)]:
        assert weighted_length(text) == parse_tweet(text).weightedLength
    else:  # one emoji at least that twitter-text 3.0.0 does not know
        assert any(emoji.fullmatch(found_emoji) is None for _, found_emoji in found)


@pytest.mark.parametrize(
    ("text", "twitter_text_3", "expected"),
    [
        (PHOENIX, 5, 2),
        (HANDSHAKE, 9, 2),
        (f"Phoenix rising {PHOENIX} and a deal {HANDSHAKE}", 41, 31),
        ("\U0001f44d\U0001f3fd\U0001f426\u200d\U0001f525", 7, 4),  # after an Emoji 12.0 one
        ("\u2764\ufe0f\u200d\U0001f525", 5, 2),  # heart on fire, Emoji 13.1
        ("\u2764\u200d\U0001f525", 5, 2),  # ... minimally qualified, as some keyboards send it
        ("\U0001f3f3\ufe0f\u200d\u26a7\ufe0f", 7, 2),  # transgender flag, Emoji 13.0
        ("\U0001f9d1\u200d\U0001f9d1\u200d\U0001f9d2", 8, 2),  # family: adult, adult, child, 15.1
        ("\U0001f1e8\U0001f1f6", 4, 2),  # flag: Sark, Emoji 16.0
        # One code point: 2 before too, by its weight (outside the ranges that weigh 1).
        ("\U0001face", 2, 2),  # moose, Emoji 15.0
        ("\U0001fae9", 2, 2),  # face with bags under eyes, Emoji 16.0
    ],
)
def test_newer_emoji_count_2_each(
    twitter_text: Any, text: str, twitter_text_3: int, expected: int
) -> None:
    assert twitter_text.parse_tweet(text).weightedLength == twitter_text_3
    assert count(text, "x_weighted") == expected == _parse_tweet(text)


@pytest.mark.parametrize("text", ["\U0001face", "\U0001fae9"])
def test_a_newer_single_code_point_is_an_emoji(twitter_text: Any, text: str) -> None:
    from twitter_text.regexp.emoji import emoji

    assert emoji.search(text) is None
    assert twitter._emoji(text) == [(0, text)]


@FUZZ
@given(texts)
def test_urls_are_twitter_texts(text: str) -> None:
    extract = twitter._import_twitter_text().extract_urls_with_indices
    expected = [(url["indices"][0], url["url"]) for url in extract(text)]
    assert twitter._urls(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a.com b.com",  # two URLs a space apart
        "see -a.com _b.com /c.com .d.com",  # characters that make a URL without protocol none
        "x. y.com  z.com ",  # a sentence's dot, double and trailing spaces
        "https://a.com/x?q=1 https://t.co/abc.",
        "\u3000a.com\u00a0b.com\tc.com\nd.com",  # other spaces do not split words
        "a.com\u202eb.com",
        # A word's first character is no "character before the URL" when a space precedes
        # it: twitter-text's match starts at the space. An earlier version searched each
        # word alone and found "cole.fr" here (one more to the weighted length) ...
        "Plus d'infos sur école.fr",
        "éa.com éa.com",
        # ... and URLs where twitter-text, taking the first character into the domain,
        # finds none: an empty IDNA label, a right-to-left letter before a Latin one.
        "x 。a.com",
        "ראו שexample.com",
    ],
)
def test_urls_around_spaces_are_twitter_texts(twitter_text: Any, text: str) -> None:
    expected = [
        (url["indices"][0], url["url"]) for url in twitter_text.extract_urls_with_indices(text)
    ]
    assert twitter._urls(text) == expected
    assert weighted_length(text) == twitter_text.parse_tweet(text).weightedLength


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A top-level domain whose second character is a combining mark: an earlier shortcut
        # (a dot and two letters) took these for no URL and counted 12.
        ("example.ලංකා", 23),
        ("see https://example.ලංකා/x", 27),
        # A keycap (# U+20E3) that starts inside a URL: the URL covers "#", U+20E3 counts 2.
        ("t.co/#\u20e3", 25),
        ("https://\U0001f469.co", 23),  # an emoji inside a URL counts as part of it
        ("https://t.co/" + "a" * 41, 54),  # a t.co slug over 40 characters: no URL at all
        ("t.co/" + "a" * 41, 23),  # ... which holds only with a protocol
    ],
)
def test_weighted_length_cases(twitter_text: Any, text: str, expected: int) -> None:
    assert weighted_length(text) == expected == twitter_text.parse_tweet(text).weightedLength


@pytest.mark.parametrize(
    "first", ["é", "ß", "\u0301", "。", "\uff0e", "ש", "ع", "👉", "(", "x", "_", "\u00a0"]
)
@pytest.mark.parametrize("url", ["example.com", "https://example.com/a", "t.co/abc"])
def test_a_url_glued_to_a_character_after_a_space_is_twitter_texts(
    twitter_text: Any, first: str, url: str
) -> None:
    for text in (f"{first}{url} {first}{url}", f"see {first}{url}.", f"a  {first}{url}"):
        expected = [
            (found["indices"][0], found["url"])
            for found in twitter_text.extract_urls_with_indices(text)
        ]
        assert twitter._urls(text) == expected, text
        assert weighted_length(text) == twitter_text.parse_tweet(text).weightedLength, text
