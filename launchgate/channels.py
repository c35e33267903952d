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
- ``bytes``: UTF-8 bytes, for fields a platform limits by storage (App Store keywords,
  YouTube descriptions).

Every unit counts NFC-normalised text, so composed and decomposed "é" are equal.
The presets themselves, with where each number comes from, are data in
channel_catalogue.py.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from launchgate.config import ChannelSetting, Config

# How a channel's `note` begins when nobody who runs the platform gives a number.
NO_OFFICIAL_NUMBER = "no official number: "


@dataclass(frozen=True)
class Source:
    """Where a preset's number comes from, so a reader can check it.

    `quote` is the sentence that gives the number, copied as written (in the
    page's own language; the channel's `note` translates it). `secondary` is
    True when the words are not the platform's own: a vendor, a tool, a news
    report, used where the platform's page could not be found.

    Guidance that no platform publishes a number for (web titles, push, e-mail)
    is said so in the channel's `note`, which then begins with
    NO_OFFICIAL_NUMBER and names what the platform actually does; the source is
    then whoever gives the number (an e-mail vendor, an SEO tool), marked
    secondary, or `quote` is "" when nobody does.

    A repository's own `source:` in the config becomes a Source with that text
    as its title (and as its URL when it is one), no quote and no date.
    """

    title: str  # the document's title
    url: str
    quote: str  # the sentence that gives the number ("" when no one gives it)
    read: str  # ISO date the document was read
    secondary: bool = False  # not the platform's own words


@dataclass(frozen=True)
class Channel:
    """A place copy goes, with its limit in its unit, and where that limit comes from.

    `hard`: the platform refuses (or cuts) longer text, an error; otherwise the
    limit is guidance (`kind: recommendation` in the config), a warning.
    """

    name: str
    max: int  # the limit, in `unit` (for sms: the number of segments allowed, default 1)
    unit: str  # a key of UNIT_LABELS
    hard: bool  # True: platform hard limit (error); False: recommendation (warning)
    source: Source | None = None  # None: a repository's own channel, or in_app
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


# The presets are data, in a module of their own; it builds them with the classes above.
from launchgate.channel_catalogue import presets  # noqa: E402  # needs the classes above

PRESETS: dict[str, Channel] = presets()


def base_channel(name: str, table: Mapping[str, Channel] = PRESETS) -> Channel | None:
    """The channel that a config channel of this name refines: its own entry in `table`,
    or `in_app` for `in_app.NAME` (the product's own text); None for a new channel."""
    return table.get(name) or (table["in_app"] if name.startswith("in_app.") else None)


def resolve(settings: Mapping[str, ChannelSetting]) -> dict[str, Channel]:
    """Every channel of a repository by id: the presets, with its config's `channels:` over
    them. What checks copy (`channel_lookup`) and what lists channels (`launchgate
    channels`, `launchgate schema PATH`) read this one table."""
    table = dict(PRESETS)
    for name, setting in sorted(settings.items()):
        table[name] = _configured(name, setting, base_channel(name, table))
    return table


def channel_lookup(config: Config) -> Callable[[str], Channel | None]:
    """Channel by name: the config's channels over the presets.

    Only `in_app` is a family: `in_app.banner` is in-app copy with its own `max:`.
    Any other unknown name (`web.title.hom`) is a typo to report, not a channel.
    """
    table = resolve(config.channels)

    def lookup(name: str) -> Channel | None:
        return base_channel(name, table)

    return lookup


def _configured(name: str, setting: ChannelSetting, base: Channel | None) -> Channel:
    """A config channel: what it sets, over the preset (or in_app) it refines, if any.

    A preset keeps its note, and its source while its number stands: a changed
    limit, unit or kind is the repository's own, sourced by the config's
    `source:` or by nothing.
    """
    limit = setting.max or setting.max_segments or (base.max if base else 0)
    unit = setting.unit or (base.unit if base else "utf16")
    hard = setting.kind == "hard" if setting.kind else (base.hard if base else True)
    same = base if base is not None and base.name == name else None  # not in_app for in_app.x
    unchanged = same is not None and (limit, unit, hard) == (same.max, same.unit, same.hard)
    source = same.source if same and unchanged else None
    if setting.source:
        url = setting.source if setting.source.startswith(("https://", "http://")) else ""
        source = Source(title=setting.source, url=url, quote="", read="")
    return Channel(
        name=name,
        max=limit,
        unit=unit,
        hard=hard,
        source=source,
        truncates=_either(setting.truncates, base.truncates if base else False),
        merge_tags=_either(setting.merge_tags, base.merge_tags if base else False),
        note=setting.note or (same.note if same else ""),
    )


def _either(setting: bool | None, default: bool) -> bool:
    return default if setting is None else setting


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
