"""A repository held in memory (path -> bytes) loads as the same files do from disk.

`load_files` is the in-memory entry point (yamllint's `linter.run(buffer, conf)`):
the tests build repositories from dicts, and `launchgate ci` reads the base
commit's policy and manifests from the bytes GitHub sends, without a temporary
folder.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from launchgate.config import load_config, parse_config
from launchgate.engine import check_loaded
from launchgate.errors import ConfigError
from launchgate.loader import parse_documents, read_documents
from launchgate.reporters import json_report
from launchgate.repository import load_files, load_repository
from tests.conftest import EXAMPLES, TODAY, write_tree

DAY = dt.date.fromisoformat(TODAY)
MANIFEST = b"""\
id: smart-reports
name: Smart Reports
checklist: web
owners: {product: "@ann"}
release: {version: "4.2.0", date: 2026-12-03}
announce: {date: 2026-12-04}
"""
CHECKLIST = b"signoffs: [product]\n"
CONFIG = b"roles:\n  product: {users: [ann]}\n"


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_the_examples_report_is_the_same_from_memory_as_from_disk() -> None:
    config, config_file = load_config(EXAMPLES)
    from_disk = check_loaded(load_repository(EXAMPLES, config, config_file), DAY)
    in_memory = check_loaded(load_files(_tree(EXAMPLES), EXAMPLES), DAY)
    assert json_report.render(in_memory) == json_report.render(from_disk)
    assert in_memory.files_checked == from_disk.files_checked == 3


def test_a_repository_built_from_a_dict_of_bytes_is_checked_without_files(
    tmp_path: Path,
) -> None:
    files = {
        ".launchgate.yml": CONFIG,
        "checklists/web.yaml": CHECKLIST,
        "launches/smart-reports.yaml": MANIFEST,
        "launches/broken.yaml": b"id: [\n",
        "notes/not-a-launch.yaml": b"id: elsewhere\n",  # no pattern matches it
    }
    repo = load_files(files, tmp_path)
    assert [launch.file for launch in repo.launches] == ["launches/smart-reports.yaml"]
    assert repo.launches[0].required_roles == ["product"]
    assert repo.config.roles["product"].users == ["ann"]
    assert repo.files_checked == 2
    assert [(p.file, p.problem.line) for p in repo.problems] == [("launches/broken.yaml", 2)]
    assert list(tmp_path.iterdir()) == []  # nothing was written, nothing read


def test_checklists_and_the_glossary_come_from_the_mapping_before_the_built_in_ones(
    tmp_path: Path,
) -> None:
    files = {
        "launches/a.yaml": MANIFEST.replace(b"checklist: web", b"checklist: major"),
        "checklists/major.yml": b"signoffs: [legal]\n",
        "checklists/major.yaml": b"signoffs: [product]\n",  # .yaml before .yml, as on disk
        "checklists/bad.yaml": b"signoffs: nobody\n",
        "checklists/old/retired.yaml": b"signoffs: [legal]\n",  # not in the folder itself
        "glossary.yaml": b"metrics: [not, a, mapping]\n",
    }
    repo = load_files(files, tmp_path)
    assert repo.launches[0].required_roles == ["product"]
    assert repo.checklists is not None
    assert repo.checklists.names() == ["bad", "major", "minor", "patch"]  # and the built-in
    assert {p.file for p in repo.problems} == {"checklists/bad.yaml", "glossary.yaml"}
    assert repo.glossary is None


def test_a_file_over_the_size_limit_is_a_problem_from_memory_as_from_disk(
    tmp_path: Path,
) -> None:
    big = b"id: big\nname: " + b"x" * 200 + b"\n"
    files = {".launchgate.yml": b"max_file_size: 100\n", "launches/big.yaml": big}
    in_memory = load_files(files, tmp_path / "none").problems
    write_tree(tmp_path, files)
    config, config_file = load_config(tmp_path)
    from_disk = load_repository(tmp_path, config, config_file).problems
    assert in_memory == from_disk
    (refused,) = [p.problem.message for p in in_memory if p.file == "launches/big.yaml"]
    assert refused == "file is 215 bytes, over the 100 limit"


def test_parse_documents_is_read_documents_without_the_disk(tmp_path: Path) -> None:
    files = {"a.yaml": b"id: a\n", "b.yaml": b"\xff\xfe", "c.yaml": b"- [\n"}
    write_tree(tmp_path, files)
    on_disk = read_documents([(tmp_path / name, name) for name in files], 1000)
    assert parse_documents(files, 1000) == on_disk


def test_a_config_from_bytes_is_refused_as_the_same_file_on_disk(tmp_path: Path) -> None:
    raw = b"rules:\n  copy-lenght: error\n"
    with pytest.raises(ConfigError) as from_bytes:
        parse_config(raw, ".launchgate.yml")
    write_tree(tmp_path, {".launchgate.yml": raw})
    with pytest.raises(ConfigError) as from_disk:
        load_config(tmp_path)
    assert str(from_bytes.value) == str(from_disk.value)
    assert "unknown rule 'copy-lenght' (did you mean 'copy-length'?)" in str(from_bytes.value)
    assert parse_config(b"# nothing set\n", ".launchgate.yml").manifests == [
        "launches/**/*.yaml",
        "launches/**/*.yml",
    ]


def test_a_checklists_channel_locales_are_checked_against_the_configs_channels() -> None:
    checklist = b"channel_locales:\n  line.message: [ja-JP]\n  x.posts: [en-US]\n"
    files = {
        ".launchgate.yml": CONFIG + b"channels: {line.message: {max: 500}}\n",
        "checklists/web.yaml": checklist,
        "launches/smart-reports.yaml": MANIFEST,
    }
    repo = load_files(files, Path("."))
    (problem,) = repo.problems
    assert (problem.file, problem.problem.line, problem.problem.column) == (
        "checklists/web.yaml",
        3,
        3,
    )
    assert "unknown channel 'x.posts' (did you mean 'x.post'?)" in problem.problem.message
    (launch,) = repo.launches
    assert launch.checklist is not None
    assert launch.locales_for("line.message") == ["ja-JP"]
