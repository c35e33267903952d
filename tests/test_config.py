"""The config's file name, as messages give it whether or not the repository has one."""

from __future__ import annotations

from pathlib import Path

from launchgate.config import CONFIG_NAMES, DEFAULT_CONFIG_NAME, config_name, load_config
from launchgate.rules.base import Context


def test_messages_name_the_config_read_else_the_one_to_create(tmp_path: Path) -> None:
    assert load_config(tmp_path)[1] is None
    assert config_name(None) == DEFAULT_CONFIG_NAME == ".launchgate.yml" == CONFIG_NAMES[0]
    (tmp_path / ".launchgate.yaml").write_text("timezone: UTC\n", encoding="utf-8")
    assert config_name(load_config(tmp_path)[1]) == ".launchgate.yaml"
    assert Context.__dataclass_fields__["config_file"].default == DEFAULT_CONFIG_NAME
