"""The JSON Schema of a launch manifest, generated from the pydantic model.

The generated file is committed (`launchgate schema` prints it without
importing pydantic) and a test fails when it drifts from the model.
Regenerate with `python -m launchgate.schema`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_FILE = Path(__file__).with_name("manifest.schema.json")


def generate() -> dict[str, Any]:
    from launchgate.models import Manifest

    schema = Manifest.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "launchgate launch manifest",
    }


def render() -> str:
    return json.dumps(generate(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
