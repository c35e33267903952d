"""Make text from a manifest safe inside Markdown that GitHub renders.

Manifests come from pull requests, so their text must not inject HTML, break a
table, forge the comment's hidden marker, or @mention anyone.
"""

from __future__ import annotations

import re

# Characters that start Markdown or HTML anywhere in a line. With [ and ] escaped no link
# can form, so ( ) need nothing; # is escaped so "#12" does not link an issue.
_SPECIAL = re.compile(r"[\\`*_\[\]#|~<>&]")
# Renovate's trick: a zero-width space after @ keeps the text, loses the mention.
_MENTION = "@&#8203;"
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?")
_TEAM = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9][A-Za-z0-9._-]*")


# C0 and C1 controls, DEL, and the bidirectional overrides and isolates.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_text(text: str) -> str:
    """Text for a terminal: a control character shows as its escape and does nothing.

    Manifest text could otherwise move the cursor, clear the screen, rewrite the
    verdict line or reorder what is shown (bidirectional overrides).
    """
    return _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def md_text(text: str) -> str:
    """Plain text for a table cell or a line of prose: every Markdown meaning escaped."""
    flat = terminal_text(" ".join(text.split()))  # newlines would end a table row
    escaped = _SPECIAL.sub(lambda m: _ENTITIES.get(m.group(0), "\\" + m.group(0)), flat)
    return escaped.replace("@", _MENTION)


def md_code(text: str) -> str:
    """A code span that holds any text: the fence is longer than any run of backticks inside.

    Nothing is interpreted inside a code span (no HTML, no mentions); only `|`
    needs escaping there, because GitHub splits table cells before parsing code.
    """
    flat = " ".join(text.split()).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def md_mention(name: str) -> str:
    """@name for a GitHub login or org/team (`ann`, `@acme/legal`): a mention that pings.

    Anything else is shown as text and pings nobody. Use it only where the
    policy asks for mentions; everywhere else a name goes through `md_text`.
    """
    bare = name.removeprefix("@")
    if _LOGIN.fullmatch(bare) or _TEAM.fullmatch(bare):
        return f"@{bare}"
    return md_text(name)
