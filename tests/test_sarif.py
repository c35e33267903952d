"""`--format sarif`: valid SARIF 2.1.0, rules described from the registry, stable bytes.

The schema in tests/data/sarif/ is the OASIS one; fetch_schema.py beside it
shows where it came from.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from launchgate.docs import rule_markdown
from launchgate.rules import ALL
from tests.conftest import EXAMPLES, TODAY, run_cli, write_tree

SCHEMA = Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "notice": "note"}


def sarif_errors(log: Any) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(log)
    ]


def check_sarif(path: Path) -> Any:
    result = run_cli("check", str(path), "--today", TODAY, "--format", "sarif")
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def examples_log() -> Any:
    return check_sarif(EXAMPLES)


def test_schema_is_the_oasis_sarif_2_1_0_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$id"].endswith("/sarif-schema-2.1.0.json")
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


def test_examples_log_is_valid_sarif_2_1_0(examples_log: Any) -> None:
    assert sarif_errors(examples_log) == []
    assert examples_log["version"] == "2.1.0"


def test_schema_validation_catches_a_broken_log(examples_log: Any) -> None:
    """The check above can fail: a log the schema refuses is refused."""
    broken = json.loads(json.dumps(examples_log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    broken["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"
    ] = "launches/a b.yaml"  # a space is not allowed in a URI reference
    assert len(sarif_errors(broken)) == 2


def test_driver_describes_every_rule_from_the_registry(examples_log: Any) -> None:
    driver = examples_log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "launchgate"
    assert driver["version"]
    assert driver["informationUri"].startswith("https://")
    assert [d["id"] for d in driver["rules"]] == [rule.name for rule in ALL]
    for descriptor, rule in zip(driver["rules"], ALL, strict=True):
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"].startswith(rule.summary)
        assert descriptor["help"]["text"] == rule.doc  # what `launchgate explain` prints
        assert descriptor["help"]["markdown"] == rule_markdown(rule)
        assert descriptor["defaultConfiguration"]["level"] == LEVELS[rule.severity.label]
    names = {d["id"]: d["name"] for d in driver["rules"]}
    assert names["copy-length"] == "CopyLength"


def test_results_match_the_json_report(examples_log: Any) -> None:
    report = json.loads(
        run_cli("check", str(EXAMPLES), "--today", TODAY, "--format", "json").stdout
    )
    run = examples_log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == len(report["findings"]) == 11
    for result, finding in zip(results, report["findings"], strict=True):
        assert result["ruleId"] == finding["rule"] == rules[result["ruleIndex"]]["id"]
        assert result["level"] == LEVELS[finding["severity"]]
        assert result["message"]["text"] == finding["message"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": finding["file"], "uriBaseId": "%SRCROOT%"}
        assert physical["region"] == {
            "startLine": finding["line"],
            "startColumn": finding["column"],
        }
        fit = {"limitAt": finding["limit_at"], "over": finding["over"]} if "over" in finding else {}
        assert result["properties"] == {"launch": finding["launch"], **fit}
    assert run["properties"] == {"today": TODAY, "failOn": "error", "status": "fail"}


def test_output_is_byte_identical_wherever_the_repository_is(tmp_path: Path) -> None:
    first = shutil.copytree(EXAMPLES, tmp_path / "one")
    second = shutil.copytree(EXAMPLES, tmp_path / "elsewhere" / "two")
    outputs = {
        run_cli("check", str(path), "--today", TODAY, "--format", "sarif").stdout
        for path in (EXAMPLES, first, second, first)
    }
    assert len(outputs) == 1


def test_regraded_rules_and_awkward_paths(repo: Path) -> None:
    """A config's grade is the result's level; file names become escaped URI references."""
    write_tree(
        repo,
        {
            ".launchgate.yml": "rules: {copy-placeholder: notice}\n",
            "launches/ä b#1%.yaml": (
                'id: odd\nowners: {product: "@ann"}\n'
                "copy: [{channel: web.title, locale: en-US, text: TBD}]\n"
            ),
            "launches/broken.yaml": "id: [unclosed\n",
        },
    )
    log = check_sarif(repo)
    assert sarif_errors(log) == []
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    placeholder = results["copy-placeholder"]
    assert placeholder["level"] == "note"
    location = placeholder["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "launches/%C3%A4%20b%231%25.yaml"
    invalid = results["manifest-invalid"]
    assert invalid["level"] == "error"
    assert "properties" not in invalid  # the broken file belongs to no launch
    assert log["runs"][0]["properties"]["status"] == "fail"


def test_a_clean_repository_has_no_results(repo: Path) -> None:
    clean = (
        'id: tiny\nowners: {product: "@ann"}\n'
        'release: {version: "1.0.0", date: 2026-12-01}\nannounce: {date: 2026-12-02}\n'
    )
    write_tree(
        repo,
        {".launchgate.yml": "rules: {signoff-unverified: off}\n", "launches/tiny.yaml": clean},
    )
    log = check_sarif(repo)
    assert sarif_errors(log) == []
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["properties"]["status"] == "pass"
