"""The JSON Schema of a launch manifest, generated from the pydantic model.

The generated file is committed (`launchgate schema` prints it without
importing pydantic) and a test fails when it drifts from the model.
Regenerate with `python -m launchgate.schema`.

A copy item's `channel` lists the channel ids, with what each one counts, so
editors complete them. The committed schema lists the built-in ones and takes
any other id too (a repository may add its own); `launchgate schema PATH`
knows that repository's channels, so it lists them all and marks any other id
as wrong (but `in_app.NAME`, a family).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from launchgate.config import ChannelSetting

SCHEMA_FILE = Path(__file__).with_name("manifest.schema.json")


def generate(own: Mapping[str, ChannelSetting] | None = None) -> dict[str, Any]:
    """The schema; with `own` (a config's `channels:`), that repository's own schema."""
    from launchgate.models import Manifest

    schema = Manifest.model_json_schema(by_alias=True)
    channel = schema["$defs"]["CopyItem"]["properties"]["channel"]
    channel.update(_channel_ids(own))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "launchgate launch manifest",
    }


def _channel_ids(own: Mapping[str, ChannelSetting] | None) -> dict[str, Any]:
    from launchgate.channel_docs import entries
    from launchgate.channels import resolve

    listed = entries(resolve(own or {}), own or ())
    ids = {
        "enum": [entry.channel.name for entry in listed],
        # What yaml-language-server (VS Code's YAML extension) shows beside each completion.
        "enumDescriptions": [f"{entry.limit}, {entry.kind}" for entry in listed],
    }
    # Without a repository, any id may be one of its own; with one, only the in_app family
    # is open (`in_app.banner` is in-app copy with its own max:).
    other = {"type": "string"} if own is None else {"type": "string", "pattern": r"^in_app\."}
    return {"anyOf": [ids, other]}


def render(own: Mapping[str, ChannelSetting] | None = None) -> str:
    return json.dumps(generate(own), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
