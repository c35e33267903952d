"""The names people use for channels are suggestions for the unknown-channel message, never ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.channel_names import ALIASES, suggest_channel
from launchgate.channels import PRESETS
from tests.conftest import run_cli
from tests.rules.conftest import ERROR, HEADER, TODAY, assert_findings, check_files, write_repo

KNOWN = sorted(PRESETS)


def _exists(target: str) -> bool:
    if target.endswith("."):
        return any(name.startswith(target) for name in PRESETS)
    return target in PRESETS


def test_every_alias_points_at_a_channel_that_exists() -> None:
    targets = {target for ids in ALIASES.values() for target in ids}
    assert {target for target in targets if not _exists(target)} == set()


def test_no_alias_is_a_channel_id() -> None:
    """An alias that were an id would be accepted by one path and suggested by another."""
    assert not set(ALIASES) & set(PRESETS)


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("twitter", ["x.post"]),
        ("Tweet", ["x.post"]),
        ("X", ["x.post"]),
        ("x.com", ["x.post"]),
        ("twitter.post", ["x.post"]),
        ("facebook", ["meta_ads.description", "meta_ads.headline", "meta_ads.primary_text"]),
        ("Meta", ["meta_ads.description", "meta_ads.headline", "meta_ads.primary_text"]),
        (
            "play store",
            [
                "google_play.full_description",
                "google_play.release_notes",
                "google_play.short_description",
                "google_play.title",
            ],
        ),
        ("Google-Play", ["google_play.full_description", "google_play.title"]),
        ("play store title", ["google_play.title"]),
        ("App Store", ["app_store.name", "app_store.subtitle", "app_store.keywords"]),
        ("ios", ["app_store.name"]),
        ("instagram", ["instagram.caption"]),
        ("LinkedIn", ["linkedin.post"]),
        ("push", ["push.ios.title", "push.android.body"]),
        ("email", ["email.subject"]),
        ("subject line", ["email.subject"]),
        ("youtube", ["youtube.title", "youtube.description"]),
        ("TikTok", ["tiktok.caption"]),
        ("bluesky", ["bluesky.post"]),
        ("mastodon", ["mastodon.post"]),
        ("pinterest", ["pinterest.title", "pinterest.description"]),
        ("App Store Subtitle", ["app_store.subtitle"]),
        ("APP_STORE.SUBTITLE", ["app_store.subtitle"]),
        ("app_store.subtitel", ["app_store.subtitle"]),
        ("in-app", ["in_app"]),
        ("Threads", ["threads.post"]),
        ("keywords", ["app_store.keywords"]),
        ("release notes", ["app_store.whats_new", "google_play.release_notes"]),
        ("ios push title", ["push.ios.title"]),
        ("android push", ["push.android.title", "push.android.body"]),
        ("play store short description", ["google_play.short_description"]),
        ("seo title", ["web.title"]),
        ("What\u2019s new", ["app_store.whats_new"]),
        ("og:title", ["og.title"]),
    ],
)
def test_names_people_use_suggest_the_channels_meant(name: str, suggested: list[str]) -> None:
    hint = suggest_channel(name, KNOWN)
    assert hint.startswith("did you mean")
    for channel in suggested:
        assert repr(channel) in hint


@pytest.mark.parametrize(
    ("name", "not_suggested"),
    [
        ("ios push title", "app_store.name"),
        ("play store short description", "app_store.event_short_description"),
        ("seo title", "og.title"),
    ],
)
def test_a_name_suggests_only_the_channels_it_names(name: str, not_suggested: str) -> None:
    assert repr(not_suggested) not in suggest_channel(name, KNOWN)


def test_one_suggestion_or_a_list() -> None:
    assert suggest_channel("twitter", KNOWN) == "did you mean 'x.post'?"
    assert suggest_channel("SEO", ["web.meta_description", "web.title"]) == (
        "did you mean one of 'web.meta_description' or 'web.title'?"
    )
    assert suggest_channel(
        "play store", ["a", "google_play.b", "google_play.c", "google_play.d"]
    ) == ("did you mean one of 'google_play.b', 'google_play.c' or 'google_play.d'?")


@pytest.mark.parametrize("name", ["carrier_pigeon", "xyz", "banner", "pushy"])
def test_nothing_close_suggests_nothing(name: str) -> None:
    assert suggest_channel(name, KNOWN) == ""


def test_a_platform_without_channels_suggests_nothing_rather_than_a_guess() -> None:
    known = [name for name in KNOWN if not name.startswith("meta_ads.")]
    assert suggest_channel("facebook", known) == ""
    # "meta" is close to no id; "metadescription" is an alias of its own.
    assert suggest_channel("meta description", known) == "did you mean 'web.meta_description'?"


def test_a_platform_name_counts_only_as_whole_words() -> None:
    assert suggest_channel("pinboard", KNOWN) == ""  # not pinterest: "pin" is not a word here
    assert suggest_channel("xylophone", KNOWN) == ""


def test_a_repository_channel_is_suggested_too() -> None:
    assert suggest_channel("Web Hero", [*KNOWN, "web.hero"]) == "did you mean 'web.hero'?"


TWITTER = HEADER + 'copy:\n  - {channel: twitter, text: "Hello"}\n'


def test_twitter_is_an_unknown_channel_that_suggests_x_post(tmp_path: Path) -> None:
    report = check_files(tmp_path, {"launches/demo.yaml": TWITTER})
    assert_findings(
        report, "copy-length", [(6, ERROR, "unknown channel 'twitter' (did you mean 'x.post'?)")]
    )


def test_launchgate_check_refuses_twitter_and_names_x_post(tmp_path: Path) -> None:
    write_repo(tmp_path, {".launchgate.yml": "timezone: UTC\n", "launches/demo.yaml": TWITTER})
    result = run_cli("check", str(tmp_path), "--today", TODAY.isoformat())
    assert result.returncode == 1
    assert "unknown channel 'twitter'" in result.stdout and "'x.post'" in result.stdout
