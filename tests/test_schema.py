"""The published manifest schema: generated from the models, committed, and true to the files."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from launchgate.schema import SCHEMA_FILE, render
from tests.conftest import EXAMPLES, ROOT, run_cli


def test_committed_schema_matches_the_models() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render(), (
        "the manifest schema drifted from launchgate/models.py: "
        "run `python -m launchgate.schema` and commit the result"
    )


def test_schema_accepts_the_sample_and_the_brief(tmp_path: Path) -> None:
    """Editors validate with this schema: what launchgate accepts, they must accept too."""
    schema = tmp_path / "schema.json"
    schema.write_text(run_cli("schema").stdout, encoding="utf-8")
    manifests = sorted(EXAMPLES.glob("launches/*.yaml"))
    manifests += sorted((ROOT / "tests/data/brief/launches").glob("*.yaml"))
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert tool, "check-jsonschema is a dev dependency"
    import subprocess

    result = subprocess.run(
        [tool, "--schemafile", str(schema), *map(str, manifests)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    import jsonschema

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid({"id": "x", "copy": [{"channel": "web.title", "text": "Hi"}]})
    assert not validator.is_valid({"id": "x", "colateral": []})  # unknown keys are refused
    assert not validator.is_valid({"name": "no id"})
