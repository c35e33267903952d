"""Channel presets and the units copy is counted in.

Each platform counts length its own way, so each channel names a unit:

- ``utf16``: UTF-16 code units. Stores and most web fields count these (or say
  nothing), and they never undercount.
- ``graphemes``: user-perceived characters, for push notifications and in-app
  text, where an emoji with modifiers is one.
- ``x_weighted``: X's weighted count (twitter-text v3): CJK and emoji 2, URLs 23.
- ``threads``: Threads counts an emoji as its UTF-8 byte length.
- ``wide2``: Google Ads counts East Asian wide characters twice.
- ``sms``: billed segments, GSM-7 or UCS-2 depending on the characters used.
- ``bytes``: UTF-8 bytes, for fields a platform limits by storage (App Store keywords).

Every unit counts NFC-normalised text, so composed and decomposed "é" are equal.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Source:
    """Where a preset's number comes from, so a reader can check it."""

    title: str  # the document's title
    url: str
    quote: str  # the sentence that gives the number ("" when no official number exists)
    read: str  # ISO date the document was read
    secondary: bool = False  # not the platform's own documentation


@dataclass(frozen=True)
class Channel:
    name: str
    max: int  # the limit, in `unit` (for sms: the number of segments allowed, default 1)
    unit: str  # a key of UNIT_LABELS
    hard: bool  # True: platform hard limit (error); False: recommendation (warning)
    source: Source | None = None  # None: a repository's own channel
    truncates: bool = False  # the platform cuts longer text off rather than rejecting it
    merge_tags: bool = False  # the platform fills in personalisation ({{first_name}})
    note: str = ""  # what else a writer should know ("configurable per server")


UNIT_LABELS: dict[str, str] = {
    "utf16": "characters",
    "graphemes": "graphemes",
    "x_weighted": "weighted characters",
    "threads": "characters",
    "wide2": "characters",
    "sms": "segments",
    "bytes": "bytes",
}


def _presets(unit: str, hard: bool, limits: dict[str, int]) -> dict[str, Channel]:
    return {
        name: Channel(
            name,
            limit,
            unit,
            hard,
            truncates=name.startswith(_TRUNCATING),
            merge_tags=name.startswith(_PERSONALISED),
        )
        for name, limit in limits.items()
    }


# Where longer text is cut off for the reader rather than refused: notifications, search
# results and link previews, inbox lines.
_TRUNCATING = ("push.", "web.", "og.", "email.")
# Where the sending platform fills in each reader's name and the like ({{first_name}}).
_PERSONALISED = ("push.", "email.", "sms")


PRESETS: dict[str, Channel] = {
    **_presets(
        "utf16",
        True,
        {
            "app_store.name": 30,
            "app_store.subtitle": 30,
            "app_store.promotional_text": 170,
            "app_store.description": 4000,
            "app_store.whats_new": 4000,
            "app_store.keywords": 100,
            "google_play.title": 30,
            "google_play.short_description": 80,
            "google_play.full_description": 4000,
            "google_play.release_notes": 500,
            "linkedin.post": 3000,
            "instagram.caption": 2200,
        },
    ),
    **_presets("x_weighted", True, {"x.post": 280}),
    **_presets("threads", True, {"threads.post": 500}),
    **_presets(
        "utf16",
        False,
        {
            "web.title": 60,
            "web.meta_description": 160,
            "og.title": 60,
            "og.description": 200,
            "email.subject": 78,
            "email.preheader": 100,
        },
    ),
    **_presets("sms", True, {"sms": 1}),
    **_presets(
        "graphemes",
        False,
        {
            "push.ios.title": 30,
            "push.ios.body": 140,
            "push.android.title": 65,
            "push.android.body": 240,
        },
    ),
    **_presets(
        "wide2",
        True,
        {"google_ads.headline": 30, "google_ads.description": 90, "google_ads.path": 15},
    ),
    # max=0: there is no platform limit, so each in_app copy item must give its own max:.
    **_presets("graphemes", True, {"in_app": 0}),
}


# --- helpers -------------------------------------------------------------------------------


def _nfc(text: str) -> str:
    # CPython's normalize() quick-checks first and returns already-NFC text unchanged.
    return unicodedata.normalize("NFC", text)


def _utf16_len(text: str) -> int:
    # surrogatepass: a lone surrogate (possible from JSON input) counts as one unit, not a crash.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@functools.cache
def _regex() -> Any:
    # `regex` costs ~25 ms to import (start-up time is measured); load it on first use.
    import regex  # type: ignore[import-untyped, unused-ignore]  # ships no type information

    return regex


@functools.cache
def _grapheme_re() -> Any:
    return _regex().compile(r"\X")


@functools.cache
def _emoji_char_re() -> Any:
    # Marks a grapheme as an emoji for Threads. Any regional indicator and the keycap mark
    # count too: both render as emoji, and counting their bytes can only overcount.
    return _regex().compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20E3]")


def _segments(costs: Iterable[int], per_segment: int) -> int:
    """Segments needed when no item (a 2-septet escape, a surrogate pair) may be split."""
    segments, used = 1, 0
    for cost in costs:
        if used + cost > per_segment:
            segments += 1
            used = 0
        used += cost
    return segments


# --- units ---------------------------------------------------------------------------------


def _count_utf16(text: str) -> int:
    return len(text) if text.isascii() else _utf16_len(_nfc(text))


# Code points whose Grapheme_Cluster_Break is Other, Control, CR or LF: Latin-1, the Latin
# extensions and IPA, general punctuation (typographic quotes, dashes; not ZWNJ or ZWJ) and
# currency signs. Text made of these alone is a grapheme per code point, but for CR LF.
# tests/test_channels.py checks every one of them against `regex`'s own property tables.
NEVER_JOINING = ((0x0000, 0x02FF), (0x2000, 0x200B), (0x200E, 0x206F), (0x20A0, 0x20CF))
_MAY_JOIN = re.compile("[^" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in NEVER_JOINING) + "]")


def _count_graphemes(text: str) -> int:
    if text.isascii():
        return len(text) - text.count("\r\n")  # CR LF is the only multi-char ASCII grapheme
    text = _nfc(text)
    if _MAY_JOIN.search(text) is None:  # "Größe, klar": no need to cluster
        return len(text) - text.count("\r\n")
    return len(_grapheme_re().findall(text))


def _count_threads(text: str) -> int:
    if text.isascii():
        return len(text)
    text = _nfc(text)
    total = _utf16_len(text)
    emoji = _emoji_char_re()
    if emoji.search(text) is None:
        return total
    for grapheme in _grapheme_re().findall(text):
        if emoji.search(grapheme):
            total += len(grapheme.encode("utf-8", "surrogatepass")) - _utf16_len(grapheme)
    return total


def _count_x_weighted(text: str) -> int:
    from launchgate.twitter import weighted_length  # its tables load on first use

    return weighted_length(text)


_WIDE = frozenset("WF")


def _count_wide2(text: str) -> int:
    if text.isascii():
        return len(text)
    eaw = unicodedata.east_asian_width
    return sum(2 if eaw(ch) in _WIDE else 1 for ch in _nfc(text))


# GSM 03.38 default alphabet (ESC, 0x1B, left out: it is not a character) and the
# characters reached through ESC, which cost two septets.
GSM7_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = "\f^{}\\[]~|€"


@functools.cache
def _not_gsm_re() -> re.Pattern[str]:
    return re.compile(f"[^{re.escape(GSM7_BASIC + GSM7_EXTENSION)}]")


@functools.cache
def _gsm_extension_re() -> re.Pattern[str]:
    return re.compile(f"[{re.escape(GSM7_EXTENSION)}]")


def _sms(text: str) -> tuple[str, int, int]:
    """(encoding, length in septets or UTF-16 units, segments) of NFC text."""
    if _not_gsm_re().search(text) is None:
        extension = len(_gsm_extension_re().findall(text))
        septets = len(text) + extension
        if septets <= 160:
            segments = 1 if text else 0
        elif extension == 0:
            segments = -(-septets // 153)
        else:
            segments = _segments((2 if ch in GSM7_EXTENSION else 1 for ch in text), 153)
        return "GSM-7", septets, segments
    units = _utf16_len(text)
    if units <= 70:
        segments = 1
    elif units == len(text):
        segments = -(-units // 67)
    else:
        segments = _segments((2 if ch > "\uffff" else 1 for ch in text), 67)
    return "UCS-2", units, segments


def _count_sms(text: str) -> int:
    return _sms(_nfc(text))[2]


def _count_bytes(text: str) -> int:
    return len(text) if text.isascii() else len(_nfc(text).encode("utf-8", "surrogatepass"))


_COUNTERS: dict[str, Callable[[str], int]] = {
    "utf16": _count_utf16,
    "graphemes": _count_graphemes,
    "x_weighted": _count_x_weighted,
    "threads": _count_threads,
    "wide2": _count_wide2,
    "sms": _count_sms,
    "bytes": _count_bytes,
}


def count(text: str, unit: str) -> int:
    """Length of `text` in `unit` (a key of UNIT_LABELS); empty text is 0 in every unit."""
    try:
        counter = _COUNTERS[unit]
    except KeyError:
        raise ValueError(f"unknown unit {unit!r}; known: {', '.join(UNIT_LABELS)}") from None
    return counter(text) if text else 0


def sms_detail(text: str) -> tuple[str, int]:
    """("GSM-7", septets) or ("UCS-2", UTF-16 units), to explain an sms count in messages."""
    encoding, length, _ = _sms(_nfc(text))
    return encoding, length


# --- where a limit falls -------------------------------------------------------------------


def grapheme_bounds(text: str) -> Sequence[int]:
    """Every index of `text` (in code points, as written) between two graphemes, 0 and
    len(text) included: the places copy can be cut without splitting a character."""
    if _MAY_JOIN.search(text) is None:  # one grapheme a code point, but for CR LF
        if "\r\n" not in text:
            return range(len(text) + 1)
        inside = {match.start() + 1 for match in re.finditer("\r\n", text)}
        return [i for i in range(len(text) + 1) if i not in inside]
    return [0, *(match.end() for match in _grapheme_re().finditer(text))]


def cuts(text: str, unit: str) -> Sequence[int]:
    """Where `text` may be cut for a writer to see what fits: between graphemes, and on X
    not inside a link (X counts a whole link as 23, a cut one as its letters)."""
    bounds = grapheme_bounds(text)
    if unit != "x_weighted" or "." not in text or "\r" in text or _nfc(text) != text:
        return bounds  # a link's place is known in NFC text only, which most text is
    from launchgate.twitter import _urls

    inside = {i for start, url in _urls(text) for i in range(start + 1, start + len(url))}
    return [b for b in bounds if b not in inside]


def fit_at(text: str, unit: str, limit: int) -> int:
    """Where `limit` falls in `text`: the index (in code points, as written, never inside
    a grapheme, at one of `cuts`) that ends a start of the text counting at most `limit`.

    The starts are counted as they are, so NFC and what only the whole text is (a link
    on X, an SMS that a late emoji turns UCS-2) change nothing. Counts grow with the
    text nearly everywhere, but not quite ("example.co" is a link on X, "example.coz"
    is not): the search keeps one side fitting and the other not, so it always ends
    between two neighbouring cuts that way, and for SMS at the end of the last allowed
    segment.
    """
    if count(text, unit) <= limit:
        return len(text)
    places = cuts(text, unit)
    fits, over = 0, len(places) - 1  # count("") is 0: a limit below 0 fits nothing
    while over - fits > 1:
        middle = (fits + over) // 2
        if count(text[: places[middle]], unit) <= limit:
            fits = middle
        else:
            over = middle
    return places[fits]


def x_links(text: str) -> int:
    """How many links X finds in `text`: each counts 23, however long it is."""
    from launchgate.twitter import _urls  # the very search weighted_length makes

    return len(_urls(_nfc(text)))
