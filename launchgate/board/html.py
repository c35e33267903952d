"""The one escape helper and the page shell every page of the board shares.

Everything a manifest says reaches a page through `text()`: HTML-escaped
(quotes too, so it is safe in attribute values) and with control characters
and bidirectional overrides shown as their escapes, so no text can add markup
or reorder what a reader sees. Links point only inside the site, or at the
repository's address from the command line or CI's environment, never at an
address a manifest gives.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import re
from importlib import resources

# C0 controls (but tab and newline: copy may be written on several lines), DEL, C1 controls,
# and the bidirectional embeddings, overrides and isolates.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# The site's pages, in the order the navigation lists them: (file, label).
NAV = (
    ("index.html", "All launches"),
    ("timeline.html", "Timeline"),
    ("copy.html", "Copy grid"),
    ("people.html", "People"),
)


def text(value: object) -> str:
    """Any value as HTML text or attribute value: escaped, controls made visible."""
    shown = _UNSAFE.sub(_visible, str(value))
    return html.escape(shown, quote=True)


def _visible(match: re.Match[str]) -> str:
    return match.group(0).encode("unicode_escape").decode("ascii")


@functools.cache
def asset(name: str) -> str:
    """A file shipped beside this module (board.css, board.js)."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@functools.cache
def _digest(name: str) -> str:
    digest = hashlib.sha256(asset(name).encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


@functools.cache
def content_policy() -> str:
    """No external load of any kind; only the board's own inline style and script, by hash.

    Hashes rather than 'self': pages opened from file:// have no origin that
    'self' reliably matches, and inline assets make each page stand alone.
    """
    return (
        f"default-src 'none'; style-src '{_digest('board.css')}'; "
        f"script-src '{_digest('board.js')}'; img-src 'self' data:; "
        "base-uri 'none'; form-action 'none'"
    )


def page(title: str, current: str, body: str, depth: int = 0) -> str:
    """A whole page: head with the policy, a skip link, the navigation, then `body` in <main>.

    `current` is the navigation entry this page is (its file name); `depth` is how many
    folders below the site's root the page is, so links stay relative (file:// works).
    """
    up = "../" * depth
    here = ' aria-current="page"'
    links = "".join(
        f'<li><a href="{up}{file}"{here if file == current else ""}>{label}</a></li>'
        for file, label in NAV
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{content_policy()}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{text(title)} · launch board</title>\n"
        f"<style>{asset('board.css')}</style>\n"
        "</head>\n<body>\n"
        '<a class="skip-link" href="#main">Skip to content</a>\n'
        '<header class="site-header"><p class="site-name">Launch board</p>\n'
        f'<nav id="site-nav" aria-label="Board pages"><ul>{links}</ul></nav></header>\n'
        f'<main id="main" tabindex="-1">\n<h1>{text(title)}</h1>\n{body}</main>\n'
        f"<script>{asset('board.js')}</script>\n"
        "</body>\n</html>\n"
    )
