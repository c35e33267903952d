"""`launchgate channels`, docs/channels.md, `explain copy-length`'s pointer to them, and
`launchgate schema [PATH]` completing the channel ids."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from launchgate import channel_docs
from launchgate.channel_docs import (
    UNIT_WORDS,
    builtin_page,
    display_width,
    entries,
    render_json,
    render_text,
)
from launchgate.channels import PRESETS, UNIT_LABELS, Source
from launchgate.docs import CHANNELS_FILE
from launchgate.schema import SCHEMA_FILE
from tests.conftest import EXAMPLES, ROOT, run_cli, write_tree

OWN_CONFIG = (
    "channels:\n"
    "  web.hero: {max: 60, note: the hero slot of our landing pages}\n"
    "  email.subject: {max: 45}\n"
)
KEYWORDS_SOURCE = Source(
    title="App Store Connect Help: App information",
    url="https://developer.apple.com/help/app-store-connect/",
    quote="Keywords are limited to 100 bytes.",
    read="2026-12-01",
)


def _repo(root: Path, config: str = OWN_CONFIG) -> Path:
    return write_tree(root, {".launchgate.yml": config})


# --- launchgate channels ----------------------------------------------------------------------


def test_every_built_in_channel_is_listed_once_in_each_format() -> None:
    text = run_cli("channels", str(EXAMPLES))
    assert text.returncode == 0, text.stderr
    for name in PRESETS:
        assert f"  {name} " in text.stdout
    listed = json.loads(run_cli("channels", "--format", "json").stdout)
    assert [item["id"] for item in listed if item["origin"] == "built-in"] == [
        entry.channel.name for entry in entries(PRESETS)
    ]
    assert sorted(item["id"] for item in listed) == sorted(PRESETS)


def test_text_gives_limit_unit_kind_and_severity_per_channel() -> None:
    lines = run_cli("channels").stdout.splitlines()
    subtitle = next(line for line in lines if line.startswith("  app_store.subtitle "))
    assert subtitle.split() == [
        "app_store.subtitle",
        "30",
        "characters",
        "(UTF-16",
        "units),",
        "hard",
        "(error)",
    ]
    title = next(line for line in lines if line.startswith("  web.title "))
    assert title.endswith("guidance (warning)")
    x_post = next(line for line in lines if line.startswith("  x.post "))
    assert "280 X weighted characters" in x_post
    # Readable in a terminal: only a URL, which cannot be broken, may be longer.
    assert max(display_width(line) for line in lines if "://" not in line) <= 96


def test_groups_follow_the_platforms_then_the_repository_s_own(tmp_path: Path) -> None:
    result = run_cli("channels", str(_repo(tmp_path)), "--format", "json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    platforms = list(dict.fromkeys(item["platform"] for item in listed))
    assert platforms[:2] == ["App Store", "Google Play"]
    assert platforms[-1] == "Your channels"
    assert [item["id"] for item in listed if item["platform"] == "Your channels"] == ["web.hero"]


def test_the_repository_s_channels_say_they_come_from_its_config(tmp_path: Path) -> None:
    result = run_cli("channels", str(_repo(tmp_path)), "--format", "json")
    by_id = {item["id"]: item for item in json.loads(result.stdout)}
    hero = by_id["web.hero"]
    assert (hero["limit"], hero["unit"], hero["kind"], hero["severity"]) == (
        60,
        "utf16",
        "hard",
        "error",
    )
    assert (hero["origin"], hero["overrides"], hero["source"]) == ("config", False, None)
    assert hero["note"] == "the hero slot of our landing pages"
    subject = by_id["email.subject"]
    assert (subject["limit"], subject["origin"], subject["overrides"]) == (45, "config", True)
    assert (subject["truncates"], subject["merge_tags"]) == (True, True)
    assert by_id["web.title"]["origin"] == "built-in"
    text = run_cli("channels", str(tmp_path)).stdout
    hero_at = text.index("  web.hero ")
    assert "your config (.launchgate.yml)" in text[hero_at:]
    assert "the hero slot of our landing pages" in text[hero_at:]


def test_json_has_the_documented_keys_for_every_channel() -> None:
    listed = json.loads(run_cli("channels", "--format", "json").stdout)
    keys = {
        "id",
        "platform",
        "limit",
        "unit",
        "unit_words",
        "kind",
        "severity",
        "truncates",
        "merge_tags",
        "origin",
        "overrides",
        "source",
        "note",
    }
    for item in listed:
        assert set(item) == keys
    for key in keys:
        assert f"`{key}`" in (channel_docs.__doc__ or "")
    in_app = next(item for item in listed if item["id"] == "in_app")
    assert in_app["limit"] is None  # each in_app item gives its own max:


def test_a_source_is_shown_with_title_url_quote_date_and_secondary_mark() -> None:
    keywords = dataclasses.replace(PRESETS["app_store.keywords"], source=KEYWORDS_SOURCE)
    secondary = dataclasses.replace(
        PRESETS["email.subject"],
        source=dataclasses.replace(KEYWORDS_SOURCE, title="A vendor's guide", secondary=True),
        note="mobile clients show about 35",
    )
    listed = entries({"app_store.keywords": keywords, "email.subject": secondary})
    text = render_text(listed, ".launchgate.yml")
    for part in (KEYWORDS_SOURCE.title, KEYWORDS_SOURCE.url, KEYWORDS_SOURCE.quote, "2026-12-01"):
        assert part in text
    assert "secondary source" in text.split("email.subject", 1)[1]
    assert "secondary source" not in text.split("email.subject", 1)[0]
    assert "mobile clients show about 35" in text
    data = json.loads(render_json(listed))
    assert data[0]["source"] == {
        "title": KEYWORDS_SOURCE.title,
        "url": KEYWORDS_SOURCE.url,
        "quote": KEYWORDS_SOURCE.quote,
        "read": "2026-12-01",
        "secondary": False,
    }
    page = channel_docs.render_markdown(listed, ".launchgate.yml")
    assert f"[{KEYWORDS_SOURCE.title}]({KEYWORDS_SOURCE.url})" in page


def test_a_preset_without_a_source_says_so() -> None:
    bare = dataclasses.replace(PRESETS["web.title"], source=None)
    assert channel_docs.NO_SOURCE in render_text(entries({"web.title": bare}), ".launchgate.yml")


def test_every_unit_has_words() -> None:
    assert set(UNIT_WORDS) == set(UNIT_LABELS)


def test_markdown_is_a_table_per_platform_with_sources(tmp_path: Path) -> None:
    page = run_cli("channels", str(_repo(tmp_path)), "--format", "markdown").stdout
    assert "## App Store\n\n| channel | limit | kind | severity | cut off | merge tags |" in page
    assert "| `web.title` | 60 characters (UTF-16 units) | guidance | warning | yes |  |" in page
    assert "## Your channels" in page
    assert "- `web.hero`: your config (`.launchgate.yml`)" in page


@pytest.mark.parametrize("config", ["channels: [web.title]\n", "channels:\n  web.hero: {max: 0}\n"])
def test_a_broken_config_is_a_usage_error_with_its_line(tmp_path: Path, config: str) -> None:
    result = run_cli("channels", str(_repo(tmp_path, config)))
    assert result.returncode == 2
    assert ".launchgate.yml:" in result.stderr and "Traceback" not in result.stderr


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("channels", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "nowhere" in result.stderr


def test_without_a_config_the_built_in_channels(tmp_path: Path) -> None:
    assert run_cli("channels", str(tmp_path)).stdout == run_cli("channels").stdout


# --- docs/channels.md and explain -------------------------------------------------------------


def test_committed_channel_docs_match_the_catalogue() -> None:
    committed = (ROOT / CHANNELS_FILE).read_text(encoding="utf-8")
    assert committed == builtin_page(), (
        "docs/channels.md differs from launchgate/channels.py: run `python -m launchgate.docs` "
        "from the repository root and commit the result"
    )


def test_the_page_is_what_the_command_prints_without_channels_of_its_own(tmp_path: Path) -> None:
    assert run_cli("channels", str(tmp_path), "--format", "markdown").stdout == builtin_page()


def test_explain_copy_length_points_to_the_channel_list() -> None:
    result = run_cli("explain", "copy-length")
    assert result.returncode == 0
    last = result.stdout.rstrip("\n").splitlines()[-1]
    assert "launchgate channels" in last and "docs/channels.md" in last
    assert "launchgate channels" not in run_cli("explain", "copy-empty").stdout
    rules_page = (ROOT / "docs/rules.md").read_text(encoding="utf-8")
    section = rules_page.split("\n## copy-length\n", 1)[1].split("\n## ", 1)[0]
    assert "[docs/channels.md](channels.md)" in section


def test_python_m_launchgate_docs_writes_both_pages(tmp_path: Path) -> None:
    from launchgate.docs import main, render

    assert main([str(tmp_path)]) == 0
    assert (tmp_path / "rules.md").read_text(encoding="utf-8") == render()
    assert (tmp_path / "channels.md").read_text(encoding="utf-8") == builtin_page()


# --- launchgate schema [PATH] -----------------------------------------------------------------


def _copy(channel: str | None) -> dict[str, object]:
    return {"id": "x", "copy": [{"channel": channel, "text": "Hi"}]}


def _channel_schema(schema: dict[str, Any]) -> dict[str, Any]:
    channel: dict[str, Any] = schema["$defs"]["CopyItem"]["properties"]["channel"]
    return channel


def test_the_static_schema_completes_every_built_in_id_and_accepts_others() -> None:
    result = run_cli("schema")
    assert result.stdout == SCHEMA_FILE.read_text(encoding="utf-8")
    schema = json.loads(result.stdout)
    ids, other = _channel_schema(schema)["anyOf"]
    assert other == {"type": "string"}
    assert ids["enum"] == [entry.channel.name for entry in entries(PRESETS)]
    assert len(ids["enumDescriptions"]) == len(ids["enum"])
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid(_copy("app_store.subtitle"))
    assert validator.is_valid(_copy("changelog.title"))  # a repository's own
    assert not validator.is_valid(_copy(None))


def test_the_schema_of_a_repository_knows_its_channels_and_no_others(tmp_path: Path) -> None:
    result = run_cli("schema", str(EXAMPLES))
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    ids = _channel_schema(schema)["anyOf"][0]["enum"]
    assert "changelog.title" in ids and "app_store.subtitle" in ids
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid(_copy("changelog.title"))
    assert validator.is_valid(_copy("in_app.banner"))  # the in_app family stays open
    assert not validator.is_valid(_copy("twitter"))
    assert not validator.is_valid(_copy("web.titel"))
    bare = json.loads(run_cli("schema", str(tmp_path)).stdout)
    assert not jsonschema.Draft202012Validator(bare).is_valid(_copy("changelog.title"))


def test_the_schema_of_a_repository_with_a_broken_config_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("schema", str(_repo(tmp_path, "channels: {web.hero: {max: many}}\n")))
    assert result.returncode == 2
    assert ".launchgate.yml:" in result.stderr


def test_a_config_channel_with_a_source_shows_both_the_config_and_the_source(
    tmp_path: Path,
) -> None:
    config = (
        "channels:\n"
        "  mastodon.post: {max: 1000, source: our server's about page}\n"
        "  changelog.title: {max: 70, source: 'https://design.example.com/changelog'}\n"
    )
    text = run_cli("channels", str(_repo(tmp_path, config))).stdout
    mastodon = text.split("  mastodon.post ", 1)[1].split("\n\n", 1)[0]  # its platform's group
    assert "your config (.launchgate.yml): over the built-in channel" in mastodon
    assert "our server's about page" in mastodon
    changelog = text.split("  changelog.title ", 1)[1]
    assert changelog.count("https://design.example.com/changelog") == 1  # not as title and URL
    page = run_cli("channels", str(tmp_path), "--format", "markdown").stdout
    assert (
        "- `mastodon.post`: your config (`.launchgate.yml`): over the built-in channel. "
        "our server's about page" in page
    )
