"""X's weighted length without twitter-text: the committed tables, and every step against it.

twitter-text itself is the reference here (tests import it; launchgate does not). Its own
conformance cases run in tests/test_channels.py.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from launchgate import twitter
from launchgate.twitter import DATA_FILE, render, weighted_length


@pytest.fixture(scope="module")
def twitter_text() -> Any:
    return twitter._import_twitter_text()


def test_committed_tables_match_the_installed_twitter_text() -> None:
    assert DATA_FILE.read_text(encoding="utf-8") == render(), (
        "launchgate/twitter_text.json drifted from the installed twitter-text: "
        "run `python -m launchgate.twitter` and commit the result"
    )


def test_counting_imports_no_twitter_text() -> None:
    # Each worker process would pay twitter-text's ~0.25 s import: the count must not need it.
    code = (
        "import sys; from launchgate.channels import count; "
        "assert count('Grüße 👍🏽 https://example.com t.co', 'x_weighted') == 56; "
        "print(sorted(m for m in ('twitter_text', 'pkg_resources') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_import_shim_leaves_pkg_resources_alone(twitter_text: Any) -> None:
    assert "pkg_resources" not in sys.modules


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
]

texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=24).map("".join),
    st.text(max_size=40),
)

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(texts)
def test_weighted_length_is_parse_tweets(text: str) -> None:
    parse_tweet = twitter._import_twitter_text().parse_tweet
    assert weighted_length(text) == parse_tweet(text).weightedLength


@FUZZ
@given(texts)
def test_emoji_are_twitter_texts(text: str) -> None:
    twitter._import_twitter_text()  # first: it imports the package the way it needs
    from twitter_text.regexp.emoji import emoji

    expected = [(match.start(), match.group(0)) for match in emoji.finditer(text)]
    assert twitter._emoji(text) == expected


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
