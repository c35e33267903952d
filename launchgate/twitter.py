"""X's weighted length (twitter-text v3), counted without importing twitter-text.

twitter-text-parser compiles every regular expression it has when it is imported: its emoji
regex, and each of the pieces its URL regex is assembled from, about 0.25 s in all. A large
check runs in several processes, and each one would pay that. So `twitter_text.json`,
generated and committed, holds what the count needs: the weights, the emoji sequences, and
the URL patterns as twitter-text assembles them, compiled here on first use. The code below
follows twitter-text's `parse_tweet` and `extract_urls_with_indices` step by step; its
conformance cases and a property test against `parse_tweet` hold it to them, and a test fails
when the committed file drifts from what the installed packages generate. Regenerate with
`python -m launchgate.twitter`.

X counts every emoji as 2, whatever its sequence. twitter-text-parser 3.0.0 knows only
Emoji 12.0, so a newer sequence would count code point by code point (a phoenix, U+1F426
U+200D U+1F525 of Emoji 15.1, as 5). The emoji list is therefore twitter-text's own united
with current Unicode emoji data from the `emoji` package (`emoji.EMOJI_DATA`, which gives
each emoji its status in Unicode's emoji-test.txt), taken the way twitter-text took
emoji-test.txt 12.0: every emoji in any qualification (fully qualified, as RGI lists them,
and the minimally qualified and unqualified forms some keyboards send, such as a heart on
fire without its U+FE0F), components left out (a skin tone alone is no emoji). The union
keeps every sequence twitter-text 3.0.0 knew, so nothing it counted as one emoji counts
differently, unless Unicode made it part of a longer sequence. Both packages are needed only
to generate the file: counting reads the json.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
import sys
import types
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).with_name("twitter_text.json")


def weighted_length(text: str) -> int:
    """`twitter_text.parse_tweet(text).weightedLength`, with twitter-text's default options."""
    text = _LINE_END.sub("\n", unicodedata.normalize("NFC", text))
    table = _table()
    urls = {start: len(url) for start, url in _urls(text)}
    emoji = {start: len(e) for start, e in _emoji(text)}
    # parse_tweet walks the text: a URL starting here counts as a t.co link, else an emoji
    # starting here as one character, else the character by its weight; whatever a URL or an
    # emoji covers is skipped, even where another one starts inside it.
    total, position = 0, 0
    for start in sorted(urls.keys() | emoji.keys()):
        if start < position:
            continue
        total += table.chars(text[position:start])
        if start in urls:
            total += table.url_weight
            position = start + urls[start]
        else:
            total += table.emoji_weight
            position = start + emoji[start]
    total += table.chars(text[position:])
    return int(total / table.scale)


_LINE_END = re.compile(r"\r\n|\r|\n")  # parse_tweet counts a CR LF or a CR as one newline


@dataclass(frozen=True)
class _Table:
    scale: int
    url_weight: int
    emoji_weight: int
    emoji_parsing: bool  # False: emoji count character by character
    weight: Callable[[str], int]  # of one character
    ascii_weight: int | None  # the weight of every ASCII character, when they share one
    emoji_starts: frozenset[str]  # every code point an emoji starts with, for a quick no
    emoji_single: frozenset[str]
    emoji_sequences: dict[str, tuple[str, ...]]  # first code point -> sequences, longest first

    def chars(self, text: str) -> int:
        if self.ascii_weight is not None and text.isascii():
            return len(text) * self.ascii_weight
        return sum(map(self.weight, text))


@functools.cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


@functools.cache
def _table() -> _Table:
    data = _data()
    options = data["options"]
    ranges = [(r["start"], r["end"], r["weight"]) for r in options["ranges"]]
    default = options["default_weight"]

    @functools.cache
    def weight(char: str) -> int:
        code = ord(char)
        return next((w for start, end, w in ranges if start <= code <= end), default)

    ascii_weights = {weight(chr(code)) for code in range(128)}
    single = frozenset(
        chr(code) for start, end in data["emoji"]["single_ranges"] for code in range(start, end + 1)
    )
    # The file lists the sequences longest first, the order twitter-text's emoji regex tries
    # them in, so each first code point's list keeps that order without sorting it again.
    sequences: dict[str, list[str]] = {}
    for sequence in data["emoji"]["sequences"]:
        sequences.setdefault(sequence[0], []).append(sequence)
    return _Table(
        scale=options["scale"],
        url_weight=options["transformed_url_length"] * options["scale"],
        emoji_weight=default,
        emoji_parsing=options["emoji_parsing_enabled"],
        weight=weight,
        ascii_weight=ascii_weights.pop() if len(ascii_weights) == 1 else None,
        emoji_starts=single.union(sequences),
        emoji_single=single,
        emoji_sequences={first: tuple(found) for first, found in sequences.items()},
    )


def _emoji(text: str) -> list[tuple[int, str]]:
    """(start, emoji) as twitter-text's emoji regex finds them, in order."""
    table = _table()
    if not table.emoji_parsing or table.emoji_starts.isdisjoint(text):
        return []
    found: list[tuple[int, str]] = []
    position = 0
    while position < len(text):
        char = text[position]
        match = next(
            (s for s in table.emoji_sequences.get(char, ()) if text.startswith(s, position)),
            char if char in table.emoji_single else "",
        )
        if match:
            found.append((position, match))
            position += len(match)
        else:
            position += 1
    return found


@functools.cache
def _pattern(name: str) -> re.Pattern[str]:
    pattern, flags = _data()["patterns"][name]
    return re.compile(pattern, flags)


def _urls(text: str) -> list[tuple[int, str]]:
    """(start, url) as twitter-text's extract_urls_with_indices finds them, in order.

    Its URL pattern tries every position of the text, and is most of what counting a
    post costs. No URL holds a space, and every URL has a dot in its domain (twitter-text's
    own shortcut for a whole text), so only the space-separated words with a dot are
    searched (a third less time on the benchmark's posts). A word is searched with the
    space before it: the pattern's match may start there, taking the space for the
    character before the URL. Without it the match would take the word's first
    character for that, and "sur école.fr" would hold the URL "cole.fr".
    tests/test_twitter.py holds this to twitter-text.
    """
    if "." not in text:
        return []
    found: list[tuple[int, str]] = []
    offset = 0
    for word in text.split(" "):
        if "." in word:
            if offset:  # from the space before it, at offset - 1
                found += [(offset - 1 + at, url) for at, url in _urls_in(" " + word)]
            else:
                found += _urls_in(word)
        offset += len(word) + 1
    return found


def _urls_in(text: str) -> list[tuple[int, str]]:
    """`_urls` of a text, searched whole."""
    limits = _data()["urls"]
    urls: list[list[Any]] = []  # [start, url], as twitter-text edits its entities in place
    for match in _pattern("extract_url").finditer(text):
        _, before, url, protocol, domain, _, path, _ = match.groups()
        end = match.end()
        start = end - len(url)
        if not _valid_url(url, protocol or limits["default_protocol"], domain):
            continue
        if protocol is None:
            if _pattern("invalid_url_without_protocol_preceding_chars").match(before):
                continue
            last: list[Any] | None = None
            for ascii_domain in _pattern("valid_ascii_domain").finditer(domain):
                last = [start + ascii_domain.start(), ascii_domain.group(0)]
                urls.append(last)
            if last is None:
                continue
            if path:
                last[1] = url.replace(domain, last[1])
        else:
            tco = _pattern("valid_tco_url").search(url)
            if tco:
                slug = tco.group(1)
                if slug and len(slug) > limits["max_tco_slug_length"]:
                    continue
                url = tco.group(0)
            urls.append([start, url])
    return [(start, url) for start, url in urls]


def _valid_url(url: str, protocol: str, domain: str) -> bool:
    try:
        punycode = domain.encode("idna").decode("ascii")
    except Exception:  # twitter-text's own catch: an invalid domain is no URL
        return False
    if not punycode:
        return False
    url_length = len(url) + len(punycode) - len(domain)
    return len(protocol) + url_length <= _data()["urls"]["max_url_length"]


# --- generating twitter_text.json from the installed twitter-text ----------------------------


def generate() -> dict[str, Any]:
    twitter_text = _import_twitter_text()
    from twitter_text.regexp import emoji

    extract_urls = sys.modules["twitter_text.extract_urls"]  # the package exports a function
    options = twitter_text.parse_tweet.__defaults__[0]
    # The patterns extract_urls_with_indices uses, each the like-named one of its module.
    patterns = {
        name: getattr(importlib.import_module(f"twitter_text.regexp.{name}"), name)
        for name in (
            "extract_url",
            "invalid_url_without_protocol_preceding_chars",
            "valid_ascii_domain",
            "valid_tco_url",
        )
    }
    # What twitter-text's emoji regex is made of, each multi-code-point sequence tried before
    # the class of single code points, from its list united with current Unicode data.
    sequences, singles = _unicode_emoji()
    sequences.update(
        "".join(chr(int(code, 16)) for code in item.codepoint.split())
        for item in emoji.emoji_list
        if len(item.codepoint.split()) > 1
    )
    for start, end in emoji.single_codepoint_emoji_ranges:
        singles.update(chr(code) for code in range(start, end + 1))
    return {
        "source": (
            f"twitter-text-parser {_version('twitter-text-parser')} and emoji "
            f"{_version('emoji')}, generated by `python -m launchgate.twitter`"
        ),
        "options": {
            key: options[key]
            for key in (
                "scale",
                "default_weight",
                "transformed_url_length",
                "emoji_parsing_enabled",
                "ranges",
            )
        },
        "urls": {
            "default_protocol": extract_urls.default_protocol,
            "max_url_length": extract_urls.max_url_length,
            "max_tco_slug_length": extract_urls.max_tco_slug_length,
        },
        "patterns": {name: [p.pattern, int(p.flags)] for name, p in patterns.items()},
        "emoji": {
            # Longest first, as the regex tries them; then by code point, for a stable file.
            "sequences": sorted(sequences, key=lambda s: (-len(s), s)),
            "single_ranges": _ranges(sorted(map(ord, singles))),
        },
    }


def _unicode_emoji() -> tuple[set[str], set[str]]:
    """(sequences, single code points): every emoji Unicode lists, in any qualification.

    Like twitter-text's own list (every line of Unicode's emoji-test.txt, components left
    out): a skin tone or a hair style alone is no emoji, and counts by its weight.
    """
    import emoji

    found = [
        text
        for text, about in emoji.EMOJI_DATA.items()
        if about["status"] != emoji.STATUS["component"]
    ]
    return {text for text in found if len(text) > 1}, {text for text in found if len(text) == 1}


def _ranges(codes: list[int]) -> list[list[int]]:
    """Sorted code points as [first, last] runs of consecutive ones."""
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return runs


def render() -> str:
    return json.dumps(generate(), indent=1) + "\n"


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def _import_twitter_text() -> Any:
    # twitter-text-parser reads one data file through pkg_resources, which is slow to import,
    # deprecated, and gone from setuptools 81 on. A stand-in answers that one call during the
    # import; whatever pkg_resources was before is put back afterwards.
    saved = sys.modules.get("pkg_resources")
    sys.modules["pkg_resources"] = _PkgResourcesShim()
    try:
        import twitter_text
    finally:
        if saved is None:
            del sys.modules["pkg_resources"]
        else:
            sys.modules["pkg_resources"] = saved
    return twitter_text


class _PkgResourcesShim(types.ModuleType):
    """The one pkg_resources call twitter-text-parser makes, on importlib.resources."""

    def __init__(self) -> None:
        super().__init__("pkg_resources")

    @staticmethod
    def resource_string(package: str, name: str) -> bytes:
        from importlib.resources import files

        try:
            folder = files(package)
        except TypeError:  # a module, not a package: pkg_resources looks beside it
            folder = files(package.rpartition(".")[0])
        return folder.joinpath(name).read_bytes()


if __name__ == "__main__":
    DATA_FILE.write_text(render(), encoding="utf-8")
    print(f"wrote {DATA_FILE}")
