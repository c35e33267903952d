"""Per-channel locales: the locales a channel's copy must be in, when a plan narrows them.

`channel_locales:` in a checklist or a manifest maps a channel (`x.post`) or a
family of channels (`push.*`: every channel whose id starts with `push.`) to
the locales its copy needs, so "our social posts are English only" is a plan,
not an exception:

    channel_locales: {x.post: [en-US], linkedin.post: [en-US], push.*: [en-US, de-DE]}

- The manifest's entry for a channel wins over the checklist's.
- Within one file, a channel's own id wins over a family, a longer family over
  a shorter one (`push.ios.*` over `push.*`).
- A channel no entry names needs every locale the launch requires.
- An entry names exactly what its channel needs: its locales need not be the
  launch's (a LINE message in Japanese only, in an English and German launch),
  and an empty list asks for no locale at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from launchgate.config import Config

Scope = Mapping[str, Sequence[str]]
FAMILY = ".*"


def scoped_locales(channel: str, scopes: Iterable[Scope]) -> list[str] | None:
    """The locales the first scope naming `channel` gives it, or None when none names it."""
    parts = channel.split(".")
    for scope in scopes:
        if channel in scope:
            return list(scope[channel])
        for end in range(len(parts) - 1, 0, -1):  # push.ios.title: push.ios.*, then push.*
            family = ".".join(parts[:end]) + FAMILY
            if family in scope:
                return list(scope[family])
    return None


def key_problems(
    scope: Scope, config: Config, config_file: str = "the config"
) -> Iterator[tuple[str, str]]:
    """Each key of `scope` that names no channel of this config (nor a family of them),
    with what is wrong in words: a typo would leave its channel needing every locale."""
    from launchgate.channels import PRESETS, channel_lookup

    lookup = channel_lookup(config)  # the names copy-length knows: one rule for both

    def is_channel(name: str) -> bool:
        return lookup(name) is not None

    known = sorted({*PRESETS, *config.channels})
    for key in scope:
        problem = _key_problem(key, is_channel, known, config_file)
        if problem is not None:
            yield key, f"channel_locales: {problem}"


def _key_problem(
    key: str, is_channel: Callable[[str], bool], known: list[str], config_file: str
) -> str | None:
    from launchgate.wording import did_you_mean  # only for a key that names no channel

    if key.endswith(FAMILY) and "*" not in key[: -len(FAMILY)]:
        prefix = key[:-1]
        if is_channel(key) or any(name.startswith(prefix) for name in known):
            return None
        families = {name[: i + 1] + "*" for name in known for i, c in enumerate(name) if c == "."}
        close = did_you_mean(key, sorted(families))
        return f"no channel id starts with {prefix!r}" + (f" ({close})" if close else "")
    if "*" in key:
        return f"{key!r} is neither a channel id (x.post) nor a family of channels (push.*)"
    if is_channel(key):
        return None
    from launchgate.channel_names import suggest_channel  # "twitter" suggests x.post here too

    hint = suggest_channel(key, known) or f"add it under channels: in {config_file}"
    return f"unknown channel {key!r} ({hint})"


def tag_problems(scope: Scope, wanted: Sequence[str]) -> Iterator[tuple[str, int, str]]:
    """Each locale of `scope` that is no real tag: its channel key, its index, and what is wrong,
    worded as copy-locale-unknown words it, with the tag it was likely meant as."""
    from launchgate.locales import locale_problem, nearest

    for key, tags in scope.items():
        for index, tag in enumerate(tags):
            problem = locale_problem(tag)
            if problem is not None:
                candidates = [*wanted, *(other for other in tags if other not in wanted)]
                message = f"locale {tag!r} {problem}{nearest(tag, candidates)}"
                yield key, index, f"channel_locales, {key}: {message}"
