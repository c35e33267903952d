"""The channel catalogue as people read it: `launchgate channels` and docs/channels.md.

One list, three forms: text for a terminal, Markdown (the committed
docs/channels.md is this, for the built-in channels), and JSON. Channels are
grouped by platform in a fixed order, each platform's in the catalogue's order,
then the repository's own new channels by id.

JSON: a list with one object per channel, in that order, with these keys:

- `id`: the channel id a copy item names (`app_store.subtitle`)
- `platform`: the heading it is listed under ("App Store"; "Your channels")
- `limit`: the number, in `unit`; null where each item gives its own `max:` (`in_app`)
- `unit`: how text is counted (`utf16`, `graphemes`, `x_weighted`, `threads`, `wide2`,
  `sms`, `bytes`), and `unit_words`: the same in words
- `kind`: "hard" (the platform rejects or cuts longer text) or "guidance"
- `severity`: copy-length's default severity over the limit: "error" or "warning"
- `truncates`: the platform cuts longer text off rather than refusing it
- `merge_tags`: the platform fills in personalisation such as `{{first_name}}`
- `origin`: "built-in", or "config" for a channel the repository's config sets
  (a new one, or one over a built-in: then `overrides` is true)
- `source`: null, or {`title`, `url`, `quote`, `read` (ISO date), `secondary`}
- `note`: what else a writer should know, or ""
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from launchgate.channels import PRESETS, Channel

# Platforms in listing order: id prefix -> heading.
PLATFORMS: dict[str, str] = {
    "app_store": "App Store",
    "google_play": "Google Play",
    "x": "X",
    "threads": "Threads",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "pinterest": "Pinterest",
    "google_ads": "Google Ads",
    "meta_ads": "Meta ads",
    "web": "Web pages",
    "og": "Link previews (Open Graph)",
    "email": "Email",
    "push": "Push notifications",
    "sms": "SMS",
    "in_app": "In-app",
}
OWN = "Your channels"

UNIT_WORDS: dict[str, str] = {
    "utf16": "characters (UTF-16 units)",
    "graphemes": "graphemes (an emoji is one)",
    "x_weighted": "X weighted characters",
    "threads": "characters (emoji: UTF-8 bytes)",
    "wide2": "characters (CJK count 2)",
    "sms": "SMS segments",
    "bytes": "bytes (UTF-8)",
}
NO_SOURCE = "no source recorded"
FORMATS = ("text", "markdown", "json")


@dataclass(frozen=True)
class Entry:
    """One channel as listed: where it is listed, and whether the repository set it."""

    channel: Channel
    platform: str
    own: bool  # set in the repository's config
    overrides: bool  # set in the config over a built-in channel of that id

    @property
    def kind(self) -> str:
        return "hard" if self.channel.hard else "guidance"

    @property
    def severity(self) -> str:
        return "error" if self.channel.hard else "warning"

    @property
    def limit(self) -> str:
        """The limit in words: "30 characters (UTF-16 units)", "1 SMS segment"."""
        channel = self.channel
        if not channel.max:
            return "set per copy item (max:)"
        words = UNIT_WORDS.get(channel.unit, channel.unit)
        if channel.max == 1:
            words = words.replace("segments", "segment")
        return f"{channel.max:,} {words}"

    @property
    def flags(self) -> list[str]:
        return [
            flag
            for flag, on in (
                ("cut off when longer", self.channel.truncates),
                ("takes merge tags", self.channel.merge_tags),
            )
            if on
        ]


def entries(channels: Mapping[str, Channel], own: Collection[str] = ()) -> list[Entry]:
    """Every channel in listing order; `own`: the ids the repository's config sets."""
    order = list(PRESETS)
    platforms = list(PLATFORMS)

    def key(name: str) -> tuple[int, str, int, str]:
        if name not in PRESETS:
            return (len(platforms) + 1, "", 0, name)
        prefix = _prefix(name)
        rank = platforms.index(prefix) if prefix in PLATFORMS else len(platforms)
        return (rank, prefix, order.index(name), name)

    listed = []
    for name in sorted(channels, key=key):
        platform = PLATFORMS.get(_prefix(name), _prefix(name)) if name in PRESETS else OWN
        listed.append(Entry(channels[name], platform, name in own, name in own and name in PRESETS))
    return listed


def _prefix(name: str) -> str:
    return name.split(".", 1)[0]


# --- text -----------------------------------------------------------------------------------

_WIDTH = 96  # wraps quotes and notes for a terminal of the usual size


def render_text(listed: Sequence[Entry], config_file: str) -> str:
    """A heading per platform; a line per channel (id, limit, kind), its source below it."""
    width = max((len(entry.channel.name) for entry in listed), default=0)
    out: list[str] = [
        "Channels: the limit, what it counts, and hard (error over it) or guidance (warning).",
        "docs/channels.md has the same list.",
    ]
    platform = None
    for entry in listed:
        if entry.platform != platform:
            platform = entry.platform
            out += ["", platform]
        out.append(
            f"  {entry.channel.name:<{width}}  {entry.limit}, {entry.kind} ({entry.severity})"
        )
        details = [", ".join(entry.flags).capitalize(), *_source_lines(entry, config_file)]
        out += [f"      {line}" for line in details if line]
    return "\n".join(out) + "\n"


def _source_lines(entry: Entry, config_file: str) -> list[str]:
    source = entry.channel.source
    lines: list[str] = [_own(entry, config_file)] if entry.own else []
    if source is not None:
        lines += _wrapped(_cited(source.title, source.read, source.secondary))
        if source.url != source.title:  # a config's `source:` that is a URL is both
            lines.append(source.url)  # "" for a config's source in words: dropped below
        if source.quote:
            lines += _wrapped(f"\u201c{source.quote}\u201d")
    elif not entry.own:
        lines.append(NO_SOURCE)
    if entry.channel.note:
        lines += _wrapped(f"Note: {entry.channel.note}")
    return [line for line in lines if line]


def _cited(title: str, read: str, secondary: bool) -> str:
    parts = [title]
    if read:
        parts.append(f"read {read}")
    if secondary:
        parts.append("secondary source")
    return ", ".join(parts)


def _own(entry: Entry, config_file: str) -> str:
    what = "over the built-in channel" if entry.overrides else "a channel of your own"
    return f"your config ({config_file}): {what}"


def _wrapped(text: str, width: int = _WIDTH - 6) -> list[str]:
    """Lines of at most `width` columns, broken at spaces; a wide (CJK) character takes two
    columns, as a terminal shows it. A word longer than a line keeps a line of its own."""
    lines: list[str] = []
    for word in text.split():
        if lines and display_width(lines[-1]) + 1 + display_width(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [text]


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: East Asian wide and full-width characters take two."""
    eaw = unicodedata.east_asian_width
    return sum(2 if eaw(char) in "WF" else 1 for char in text)


# --- Markdown -------------------------------------------------------------------------------


def render_markdown(listed: Sequence[Entry], config_file: str) -> str:
    """The page: what the columns mean, then per platform a table and its sources."""
    out = [
        "<!-- Generated from launchgate/channels.py by `python -m launchgate.docs`: "
        "do not edit. -->",
        "",
        "# Channels",
        "",
        "Every channel `copy-length` knows: its limit, the unit the platform counts in, and",
        "where the number comes from. `launchgate channels` prints the same list, with the",
        f"repository's own channels (`channels:` in `{config_file}`) added;",
        "`launchgate channels --format json` gives it as data.",
        "",
        "- **kind**: *hard*, the platform rejects longer text or cuts it off; *guidance*, a",
        "  recommendation (the platform takes longer text, readers may not see it all).",
        "- **severity**: copy-length's default for text over the limit: *error* for a hard",
        "  limit, *warning* for guidance. `rules: {copy-length: ...}` in the config re-grades",
        "  every copy-length finding; `kind:` on a channel there changes one channel.",
        "- **cut off**: the platform shows the start of longer text rather than refusing it.",
        "- **merge tags**: the platform fills in personalisation such as `{{first_name}}`.",
        "- A manifest names a channel by its id: names such as `twitter` or `play store` are",
        "  not channels, and the error for one suggests the id meant (`x.post`).",
    ]
    groups: dict[str, list[Entry]] = {}
    for entry in listed:
        groups.setdefault(entry.platform, []).append(entry)
    for platform, group in groups.items():
        out += [
            "",
            f"## {platform}",
            "",
            "| channel | limit | kind | severity | cut off | merge tags |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for entry in group:
            channel = entry.channel
            cells = [
                f"`{channel.name}`",
                entry.limit,
                entry.kind,
                entry.severity,
                "yes" if channel.truncates else "",
                "yes" if channel.merge_tags else "",
            ]
            out.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
        out += ["", "Sources:", ""]
        out += [
            f"- `{entry.channel.name}`: {_source_markdown(entry, config_file)}" for entry in group
        ]
    return "\n".join(out) + "\n"


def _source_markdown(entry: Entry, config_file: str) -> str:
    source = entry.channel.source
    parts = [_own(entry, f"`{config_file}`")] if entry.own else []
    if source is not None:
        title = f"[{_inline(source.title)}]({source.url})" if source.url else _inline(source.title)
        cited = _cited(title, source.read, source.secondary)
        if source.quote:
            cited += f": \u201c{_inline(source.quote)}\u201d"
        parts.append(cited)
    elif not entry.own:
        parts.append(NO_SOURCE)
    if entry.channel.note:
        parts.append(f"Note: {_inline(entry.channel.note)}")
    return _sentences(parts)


def _sentences(parts: list[str]) -> str:
    """Parts joined into sentences, with no second full stop after a quote that has one."""
    text = ""
    for part in parts:
        if text:
            text += " " if text.rstrip("\u201d").endswith((".", "\u3002", "!", "?")) else ". "
        text += part
    return text


def _inline(text: str) -> str:
    # One line of a list item: a line break would end it.
    return " ".join(text.split())


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")


# --- JSON -----------------------------------------------------------------------------------


def render_json(listed: Sequence[Entry]) -> str:
    """The list as data; the keys are documented at the top of this module."""
    items = []
    for entry in listed:
        channel = entry.channel
        source = channel.source
        items.append(
            {
                "id": channel.name,
                "platform": entry.platform,
                "limit": channel.max or None,
                "unit": channel.unit,
                "unit_words": UNIT_WORDS.get(channel.unit, channel.unit),
                "kind": entry.kind,
                "severity": entry.severity,
                "truncates": channel.truncates,
                "merge_tags": channel.merge_tags,
                "origin": "config" if entry.own else "built-in",
                "overrides": entry.overrides,
                "source": None
                if source is None
                else {
                    "title": source.title,
                    "url": source.url,
                    "quote": source.quote,
                    "read": source.read,
                    "secondary": source.secondary,
                },
                "note": channel.note,
            }
        )
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def builtin_page() -> str:
    """docs/channels.md: the built-in channels, as `launchgate channels --format markdown`
    lists them for a repository without channels of its own."""
    from launchgate.config import DEFAULT_CONFIG_NAME

    return render_markdown(entries(PRESETS), DEFAULT_CONFIG_NAME)


def render(listed: Sequence[Entry], fmt: str, config_file: str) -> str:
    if fmt == "json":
        return render_json(listed)
    if fmt == "markdown":
        return render_markdown(listed, config_file)
    return render_text(listed, config_file)
