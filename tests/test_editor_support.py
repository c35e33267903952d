"""Editors validate manifests with the schema: what `launchgate init` sets up for that."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT, run_cli


def test_init_points_the_starter_launch_at_the_schema_beside_it(repo: Path) -> None:
    assert run_cli("init", str(repo)).returncode == 0
    first_line = (repo / "launches/first-launch.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=manifest.schema.json"
    schema = (repo / "launches/manifest.schema.json").read_text(encoding="utf-8")
    assert schema == run_cli("schema").stdout  # what the README's `launchgate schema >` writes


def test_readme_shows_both_ways_to_attach_the_schema() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "launchgate schema > launches/manifest.schema.json" in readme
    assert "# yaml-language-server: $schema=./manifest.schema.json" in readme
    assert '"./launches/manifest.schema.json": "launches/**/*.yaml"' in readme
