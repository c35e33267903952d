"""Help for copy over its limit: how much to cut, why it counts more than it looks, and
where the limit falls.

A writer counts letters; platforms count UTF-16 units, bytes, weights or SMS segments.
So the advice names the characters that count more than one each, in the unit that
counts ("ä, ö, ü take 2 bytes each"), and `copy_fit` says where in the text the limit
falls, for the reporters to show.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable

from launchgate.channels import (
    GSM7_BASIC,
    GSM7_EXTENSION,
    UNIT_LABELS,
    Channel,
    count,
    fit_at,
    grapheme_bounds,
    sms_detail,
    x_links,
)
from launchgate.findings import CopyFit
from launchgate.wording import ODD_SPACES

ELLIPSIS = "…"
# Languages whose characters all count alike in the units that weigh wide characters.
_LANGUAGES = {"ja": "Japanese", "zh": "Chinese", "ko": "Korean"}
# Where a unit's weights come from, said before them: "on X: 🎉 counts 2".
_WHERE = {"x_weighted": "on X: ", "threads": "on Threads an emoji counts its UTF-8 bytes: "}
_NAMED = 3  # heavy characters named before "…"


def copy_fit(text: str, channel: Channel, limit: int) -> CopyFit:
    """Where `limit` falls in `text`, and what readers see if `channel` cuts it off."""
    unit = channel.unit
    at = fit_at(text, unit, limit)
    readers_see = None
    if channel.truncates:  # room for the "…" the platform puts where it cuts
        room = max(0, limit - count(ELLIPSIS, unit))
        readers_see = text[: fit_at(text, unit, room)].rstrip() + ELLIPSIS
    return CopyFit(at, count(text, unit) - limit, text[:at], text[at:], readers_see)


def advice(text: str, unit: str, limit: int, locale: str | None) -> str:
    """What to do about `text` over `limit`: how much to cut, and which characters weigh more."""
    if unit == "sms":
        return _sms_advice(text, limit)
    over = count(text, unit) - limit
    cut = f"cut at least {_amount(over, UNIT_LABELS[unit])}"
    why = _heavy(text, unit, locale)
    return f"{cut} ({why})" if why else cut


def _heavy(text: str, unit: str, locale: str | None) -> str:
    """The characters that count more than one each in `unit`, grouped by what they count."""
    weights: dict[str, int] = {}
    if not text.isascii():
        for grapheme in _distinct_graphemes(_nfc(text)):
            # An ASCII character counts one in every unit; a control character (a line
            # break) is no character a writer would know by name.
            if not grapheme.isascii() and unicodedata.category(grapheme[0]) != "Cc":
                weights[grapheme] = count(grapheme, unit)
    groups: dict[int, list[str]] = {}
    for grapheme, weight in weights.items():
        if weight > 1:
            groups.setdefault(weight, []).append(grapheme)
    language = _LANGUAGES.get(locale.split("-")[0].lower()) if locale else None
    parts = []
    for weight, graphemes in sorted(groups.items()):
        script = [g for g in graphemes if _wide_letter(g)] if language else []
        if script:  # "Japanese counts 2 each" says more than three of its characters
            parts.append(f"{language} characters {_counts(weight, unit == 'bytes', many=True)}")
            graphemes = [g for g in graphemes if g not in script]
        if graphemes:
            many = len(graphemes) > 1
            parts.append(f"{_names(graphemes)} {_counts(weight, unit == 'bytes', many)}")
    if unit == "x_weighted":
        parts += _links(text)
    return _WHERE.get(unit, "") + "; ".join(parts) if parts else ""


def _counts(weight: int, in_bytes: bool, many: bool) -> str:
    if in_bytes:
        return f"take {weight} bytes each" if many else f"takes {weight} bytes"
    return f"count {weight} each" if many else f"counts {weight}"


def _wide_letter(grapheme: str) -> bool:
    """A character of a CJK script (a letter or its punctuation), not an emoji."""
    char = grapheme[0]
    return unicodedata.east_asian_width(char) in ("W", "F") and unicodedata.category(char)[0] != "S"


def _links(text: str) -> list[str]:
    links = x_links(text)
    if not links:
        return []
    if links == 1:
        return ["a link counts 23, however long it is"]
    return [f"links count 23 each ({links} here), however long they are"]


def _sms_advice(text: str, limit: int) -> str:
    """Cut this much to fit `limit` segments; or, where a few characters made the SMS
    UCS-2, which ones, and what it would be without them."""
    encoding, _ = sms_detail(text)
    # Characters to cut off the end: a count of septets or UTF-16 units would overstate
    # it wherever a character takes two (€, an emoji), or a cut turns the SMS GSM-7.
    cut = _cut(len(_graphemes(text[fit_at(text, "sms", limit) :])), limit)
    if encoding == "GSM-7":
        escaped = sorted({char for char in text if char in GSM7_EXTENSION}, key=text.index)
        counts = "count 2 each" if len(escaped) > 1 else "counts 2"
        why = f" ({_names(escaped)} {counts})" if escaped else ""
        return f"{cut}{why}"
    graphemes = _graphemes(_nfc(text))
    switchers = list(dict.fromkeys(g for g in graphemes if not _gsm(g)))
    # A few characters among many: say which, and what the SMS would be without them.
    rare = sum(1 for g in graphemes if not _gsm(g)) * 10 <= len(graphemes)
    if len(switchers) > _NAMED or not rare:  # the text is UCS-2 by nature: cut it
        makes = "make" if len(switchers) > 1 else "makes"
        return f"{cut} ({_names(switchers)} {makes} it UCS-2: {_ucs2_segment(limit)})"
    quoted = ", ".join(_named(g) or f"'{g}'" for g in switchers)
    without = count("".join(g for g in graphemes if _gsm(g)), "sms")
    them = "them" if len(switchers) > 1 else "it"
    return (
        f"{quoted} switched this SMS to UCS-2 ({_ucs2_segment(limit)}); "
        f"without {them}, {_amount(without, 'segments')}"
        + ("" if without <= limit else f"; or {cut}")
    )


def _ucs2_segment(limit: int) -> str:
    # One segment holds 70 UCS-2 units (160 GSM-7); a longer SMS is split into parts of
    # 67 (153), the rest of each part naming its place in the message.
    if limit == 1:
        return "70 characters per segment, not 160"
    return "67 characters per segment when split, not 153"


def _gsm(grapheme: str) -> bool:
    return all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in grapheme)


def _cut(graphemes: int, limit: int) -> str:
    return f"cut at least {_amount(graphemes, 'characters')} to fit {_amount(limit, 'segments')}"


def _amount(number: int, label: str) -> str:
    """`1 byte`, `2 bytes`: a number with its unit's label."""
    return f"{number} {label if number != 1 else label.removesuffix('s')}"


def _names(graphemes: list[str]) -> str:
    shown = ", ".join(_named(g) or g for g in graphemes[:_NAMED])
    return shown + ("…" if len(graphemes) > _NAMED else "")


def _named(grapheme: str) -> str:
    """A character a writer cannot see, in words ("a non-breaking space"); else ""."""
    if grapheme in ODD_SPACES:
        return ODD_SPACES[grapheme]
    if grapheme == "\t":
        return "a tab"
    if len(grapheme) == 1 and not grapheme.isprintable():  # an emoji's ZWJ is not alone
        return f"the invisible character U+{ord(grapheme):04X}"
    return ""


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _distinct_graphemes(text: str) -> Iterable[str]:
    bounds = grapheme_bounds(text)
    if isinstance(bounds, range):  # a grapheme a character: no need to cut them out
        return dict.fromkeys(text)
    return dict.fromkeys(_graphemes(text))


def _graphemes(text: str) -> list[str]:
    bounds = grapheme_bounds(text)
    return [text[start:end] for start, end in itertools.pairwise(bounds)]
