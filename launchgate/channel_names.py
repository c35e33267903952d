"""The names people use for channels ("twitter", "play store"): suggestions, never ids.

A manifest names a channel by its id (`x.post`). These names never resolve to a
channel, so a slip cannot quietly land on some other limit; they only make the
unknown-channel message point at the ids meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from launchgate.wording import did_you_mean, you_mean

# A name as people write it, compacted (see _compact) -> the ids it suggests; an id ending
# in "." stands for every channel of that platform. Only ids that exist are suggested, so
# an entry for a platform without channels yet suggests nothing.
ALIASES: dict[str, tuple[str, ...]] = {
    "twitter": ("x.post",),
    "tweet": ("x.post",),
    "x": ("x.post",),
    "facebook": ("meta_ads.",),
    "fb": ("meta_ads.",),
    "meta": ("meta_ads.",),
    "playstore": ("google_play.",),
    "googleplay": ("google_play.",),
    "appstore": ("app_store.",),
    "ios": ("app_store.",),
    "apple": ("app_store.",),
    "instagram": ("instagram.caption",),
    "insta": ("instagram.caption",),
    "ig": ("instagram.caption",),
    "linkedin": ("linkedin.post",),
    "threads": ("threads.post",),
    "keywords": ("app_store.keywords",),
    "whatsnew": ("app_store.whats_new",),
    "releasenotes": ("app_store.whats_new", "google_play.release_notes"),
    "push": ("push.",),
    "pushnotification": ("push.",),
    "notification": ("push.",),
    "email": ("email.subject",),
    "mail": ("email.subject",),
    "subject": ("email.subject",),
    "subjectline": ("email.subject",),
    "emailsubject": ("email.subject",),
    "preheader": ("email.preheader",),
    "previewtext": ("email.preheader",),
    "sender": ("email.from_name",),
    "fromname": ("email.from_name",),
    "youtube": ("youtube.",),
    "yt": ("youtube.",),
    "tiktok": ("tiktok.caption",),
    "bluesky": ("bluesky.post",),
    "bsky": ("bluesky.post",),
    "mastodon": ("mastodon.post",),
    "toot": ("mastodon.post",),
    "pinterest": ("pinterest.",),
    "pin": ("pinterest.",),
    "textmessage": ("sms",),
    "googleads": ("google_ads.",),
    "adwords": ("google_ads.",),
    "inapp": ("in_app",),
    "seo": ("web.title", "web.meta_description"),
    "metatitle": ("web.title",),
    "pagetitle": ("web.title",),
    "metadescription": ("web.meta_description",),
    "opengraph": ("og.",),
}
_WORDS = re.compile(r"[\s._'\u2019:-]+")  # an apostrophe, straight or curly, too


def _compact(name: str) -> str:
    """ "Play-Store", "play_store", "PlayStore", "x.com" -> "playstore", "x"."""
    text = name.casefold().strip().removesuffix(".com")
    return _WORDS.sub("", text)


def suggest_channel(name: str, known: Sequence[str]) -> str:
    """What to say about an unknown channel `name`: "did you mean 'x.post'?", or "".

    In order: a known id written with other case or separators ("App Store Subtitle"),
    a name people use ("twitter"), the words of ids in another order ("ios push title"),
    a longer name whose first words name a platform and whose last an id of it ("play
    store short description"), a close spelling ("app_store.subtitel"), then every id of
    the platform that the first words name ("twitter post"). `known` gives the ids that
    exist, in the order to list them.
    """
    compact = _compact(name)
    same = same_channel(name, known)
    if same:
        return you_mean(same)
    alias = ALIASES.get(compact)
    if alias is not None:  # a platform without channels yet gets no spelling guess
        return _one_of(_existing(alias, known))
    words = {word for word in _WORDS.split(name.casefold().strip()) if word}
    reordered = [c for c in known if len(words) > 1 and words <= set(_WORDS.split(c))]
    if reordered:
        return _one_of(reordered)
    found, ending = _platform(name, known)
    if ending:
        return _one_of(ending)
    close = did_you_mean(name, known, cutoff=0.7)
    if close:
        return close
    return _one_of(found)


def same_channel(name: str, known: Iterable[str]) -> str:
    """The id of `known` that `name` writes with other case or separators
    ("App Store Subtitle" for app_store.subtitle), or ""."""
    compact = _compact(name)
    return next((channel for channel in known if _compact(channel) == compact), "")


def _platform(name: str, known: Sequence[str]) -> tuple[list[str], list[str]]:
    """The ids of the platform that the first words of `name` name ("play store title"),
    and those of them that end with the words after it (google_play.title)."""
    words = _WORDS.split(name.casefold().strip())
    for length in range(len(words) - 1, 0, -1):
        alias = "".join(words[:length])
        if alias in ALIASES:
            found = _existing(ALIASES[alias], known)
            rest = "".join(words[length:])
            return found, [channel for channel in found if _compact(channel).endswith(rest)]
    return [], []


def _existing(ids: Sequence[str], known: Sequence[str]) -> list[str]:
    return [
        channel
        for channel in known
        if any(channel == id_ or (id_.endswith(".") and channel.startswith(id_)) for id_ in ids)
    ]


def _one_of(ids: Sequence[str]) -> str:
    if not ids:
        return ""
    if len(ids) == 1:
        return you_mean(ids[0])
    quoted = [repr(channel) for channel in ids]
    return f"did you mean one of {', '.join(quoted[:-1])} or {quoted[-1]}?"
