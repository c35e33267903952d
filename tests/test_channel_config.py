"""Channels of a repository's own, and presets changed, under `channels:` in .launchgate.yml.

A usable setting becomes a Channel (engine.channel_lookup); a wrong one stops the
run with the file, the line and what to write, before any launch is checked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.channels import PRESETS, Channel, Source
from launchgate.config import Config, parse_config
from launchgate.engine import channel_lookup
from launchgate.errors import ConfigError
from tests.rules.conftest import run_cli_json, write_repo

ROOT = Path(__file__).resolve().parent.parent


def config_of(text: str) -> Config:
    return parse_config(text.encode("utf-8"), ".launchgate.yml")


def problem(text: str) -> str:
    with pytest.raises(ConfigError) as raised:
        config_of(text)
    return str(raised.value)


WRONG = [
    pytest.param(
        "channels:\n  changelog.title: {unit: utf16}\n",
        ".launchgate.yml:2:3: invalid config: channels.changelog.title: a new channel needs "
        "its limit, e.g. {max: 60, unit: utf16}",
        id="new-channel-without-max",
    ),
    pytest.param(
        "channels:\n  app_store.subtitel: {kind: recommendation}\n",
        ".launchgate.yml:2:3: invalid config: channels.app_store.subtitel: not a built-in "
        "channel (did you mean 'app_store.subtitle'?); a new channel needs its limit, "
        "e.g. {max: 60, unit: utf16}",
        id="misspelt-preset-is-new-and-has-no-max",
    ),
    pytest.param(
        "timezone: UTC\nchannels:\n  web.title: {max_segments: 2}\n",
        ".launchgate.yml:3:15: invalid config: channels.web.title: max_segments is for SMS, "
        "which counts segments; this channel counts characters: write max: 2",
        id="max-segments-on-a-preset-that-counts-characters",
    ),
    pytest.param(
        "channels:\n  in_app.banner: {max_segments: 3}\n",
        ".launchgate.yml:2:19: invalid config: channels.in_app.banner: max_segments is for "
        "SMS, which counts segments; this channel counts graphemes: write max: 3",
        id="max-segments-on-in-app",
    ),
    pytest.param(
        "channels:\n  pager: {max_segments: 1}\n",
        ".launchgate.yml:2:11: invalid config: channels.pager: max_segments is for SMS, "
        "which counts segments; this channel counts characters: write max: 1",
        id="max-segments-on-a-new-utf16-channel",
    ),
    pytest.param(
        "channels:\n  sms: {max: 160}\n",
        ".launchgate.yml:2:9: invalid config: channels.sms: SMS counts segments (160 GSM-7 "
        "characters each), not characters: write max_segments: with how many may be sent "
        "(max: 160 would allow 160 segments)",
        id="max-on-sms",
    ),
    pytest.param(
        "channels:\n  pager: {unit: sms, max: 2}\n",
        ".launchgate.yml:2:22: invalid config: channels.pager: SMS counts segments (160 GSM-7 "
        "characters each), not characters: write max_segments: with how many may be sent "
        "(max: 2 would allow 2 segments)",
        id="max-on-a-new-sms-channel",
    ),
    pytest.param(
        "channels:\n  Email.Subject: {max: 30}\n",
        ".launchgate.yml:2:3: invalid config: channels.Email.Subject: the built-in channel is "
        "'email.subject': write its id as it is to change it, or give a channel of your own "
        "a name of its own",
        id="preset-in-other-case-is-not-a-new-channel",
    ),
    pytest.param(
        "channels:\n  push ios title: {max: 40}\n",
        ".launchgate.yml:2:3: invalid config: channels.push ios title: the built-in channel is "
        "'push.ios.title': write its id as it is to change it, or give a channel of your own "
        "a name of its own",
        id="preset-with-other-separators-is-not-a-new-channel",
    ),
    pytest.param(
        "channels:\n  web|hero`x: {max: 40}\n",
        ".launchgate.yml:2:3: invalid config: channels.web|hero`x: 'web|hero`x' is not a "
        "channel id: use letters, digits, dots, underscores and hyphens, like web.hero_title",
        id="a-channel-id-with-signs-that-break-tables",
    ),
    pytest.param(
        "channels:\n  web hero: {max: 40}\n",
        ".launchgate.yml:2:3: invalid config: channels.web hero: 'web hero' is not a "
        "channel id: use letters, digits, dots, underscores and hyphens, like web.hero_title",
        id="a-channel-id-with-a-space",
    ),
]


@pytest.mark.parametrize(("config", "message"), WRONG)
def test_a_wrong_channel_is_a_config_error_in_words(config: str, message: str) -> None:
    assert problem(config) == message


@pytest.mark.parametrize(
    ("config", "words"),
    [
        (
            "channels:\n  app_store.keywords: {unit: byts}\n",
            ".launchgate.yml:2:30: channels.app_store.keywords.unit: 'byts' is not one of the "
            "choices: utf16, graphemes, x_weighted, threads, wide2, sms, bytes "
            "(did you mean 'bytes'?)",
        ),
        (
            "channels:\n  changelog.title: {max: 70, kind: recomendation}\n",
            ".launchgate.yml:2:36: channels.changelog.title.kind: 'recomendation' is not one of "
            "the choices: hard, recommendation (did you mean 'recommendation'?)",
        ),
        (
            "channels:\n  changelog.title: {max: 70, kind: soft}\n",
            "channels.changelog.title.kind: 'soft' is not one of the choices: hard, "
            "recommendation\n",
        ),
        (
            'channels:\n  changelog.title: {max: 70, source: ""}\n',
            ".launchgate.yml:2:38: channels.changelog.title.source: cannot be empty",
        ),
        (
            "channels:\n  changelog.title: {max: 70, truncates: sometimes}\n",
            "channels.changelog.title.truncates: expected true or false, found 'sometimes'",
        ),
    ],
)
def test_a_misspelt_value_names_the_choices_and_the_closest(config: str, words: str) -> None:
    assert words in problem(config) + "\n"


@pytest.mark.parametrize(
    "config",
    [
        "channels:\n  sms: {max_segments: 2}\n",
        "channels:\n  pager: {unit: sms, max_segments: 2}\n",
        "channels:\n  in_app.banner: {unit: utf16}\n",  # each item gives its own max:
        "channels:\n  mastodon.post: {max: 1000}\n",
        "channels:\n  email.subject: {note: Our inbox tests show 45 characters.}\n",
    ],
)
def test_a_usable_channel_setting_loads(config: str) -> None:
    assert config_of(config).channels


def readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n### Channels\n", 1)[1]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_readme_example_is_a_working_config() -> None:
    example = readme_example()
    changelog = channel(example, "changelog.title")
    assert (changelog.max, changelog.unit, changelog.hard) == (70, "utf16", False)
    assert changelog.source == Source(
        "https://design.example.com/changelog", "https://design.example.com/changelog", "", ""
    )
    assert changelog.note.startswith("Longer titles wrap")
    assert (changelog.truncates, changelog.merge_tags) == (True, False)
    assert [channel(example, name).max for name in ("mastodon.post", "sms", "in_app.banner")] == [
        1000,
        2,
        24,
    ]


# --- what a config channel becomes ---------------------------------------------------------


def channel(config: str, name: str) -> Channel:
    found = channel_lookup(config_of(config))(name)
    assert found is not None
    return found


def test_a_preset_changed_only_in_its_note_keeps_its_source() -> None:
    got = channel("channels:\n  email.subject: {note: Our tests show 45.}\n", "email.subject")
    assert got.source == PRESETS["email.subject"].source
    assert got.note == "Our tests show 45."
    assert (got.truncates, got.merge_tags) == (True, True)


@pytest.mark.parametrize(
    "setting",
    ["{max: 1000}", "{kind: recommendation}", "{unit: utf16}"],
)
def test_a_preset_whose_number_changes_is_the_repositorys_own(setting: str) -> None:
    got = channel(f"channels:\n  mastodon.post: {setting}\n", "mastodon.post")
    assert got.source is None
    assert got.note == PRESETS["mastodon.post"].note  # what the platform does still holds


def test_a_preset_given_the_same_number_keeps_its_source() -> None:
    got = channel("channels:\n  app_store.keywords: {max: 100, kind: hard}\n", "app_store.keywords")
    assert got.source == PRESETS["app_store.keywords"].source


def test_a_changed_preset_can_give_its_own_source_in_words() -> None:
    config = "channels:\n  mastodon.post: {max: 1000, source: our server's about page}\n"
    got = channel(config, "mastodon.post")
    assert got.source == Source("our server's about page", "", "", "")


def test_flags_can_be_turned_off_as_well_as_on() -> None:
    config = "channels:\n  email.subject: {truncates: false, merge_tags: false}\n"
    got = channel(config, "email.subject")
    assert (got.truncates, got.merge_tags) == (False, False)
    got = channel("channels:\n  x.post: {merge_tags: true}\n", "x.post")
    assert (got.truncates, got.merge_tags) == (False, True)


def test_an_in_app_channel_does_not_take_in_app_s_own_note() -> None:
    got = channel("channels:\n  in_app.banner: {max: 24}\n", "in_app.banner")
    assert (got.max, got.unit, got.hard, got.source, got.note) == (24, "graphemes", True, None, "")


def test_a_new_channel_counts_utf16_as_a_hard_limit_by_default() -> None:
    got = channel("channels:\n  changelog.title: {max: 70}\n", "changelog.title")
    assert (got.max, got.unit, got.hard, got.truncates, got.merge_tags) == (
        70,
        "utf16",
        True,
        False,
        False,
    )


def test_cli_wrong_channel_exits_2_with_file_and_line(tmp_path: Path) -> None:
    write_repo(tmp_path, {".launchgate.yml": "channels:\n  changelog.title: {unit: utf16}\n"})
    code, report, stderr = run_cli_json(tmp_path)
    assert (code, report) == (2, None)
    assert stderr.strip() == (
        "launchgate: .launchgate.yml:2:3: invalid config: channels.changelog.title: a new "
        "channel needs its limit, e.g. {max: 60, unit: utf16}"
    )
