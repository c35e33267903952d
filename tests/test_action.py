"""action.yml and the workflow `launchgate init` writes: valid, pinned, injection-free."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"
WORKFLOW = ROOT / "launchgate" / "starter" / "workflow.yml"
DIGEST_WORKFLOW = ROOT / "launchgate" / "starter" / "digest-workflow.yml"


def _validate(schema: str, path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_action_is_a_valid_action() -> None:
    _validate("vendor.github-actions", ACTION)


def test_starter_workflow_is_a_valid_workflow() -> None:
    _validate("vendor.github-workflows", WORKFLOW)


def test_starter_digest_workflow_is_valid_runs_on_weekdays_and_may_write_issues() -> None:
    _validate("vendor.github-workflows", DIGEST_WORKFLOW)
    workflow = yaml.safe_load(DIGEST_WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert triggers["schedule"] == [{"cron": "0 7 * * 1-5"}]
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}


def test_inputs_reach_scripts_only_through_the_environment() -> None:
    # `${{ inputs.x }}` inside `run:` is pasted into the script before bash sees it.
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]


def test_action_installs_exact_versions_of_every_runtime_dependency() -> None:
    pins = {}
    for line in (ROOT / "action-requirements.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"{line!r} is not pinned with =="
            pins[_canonical(name)] = version
    for requirement in importlib.metadata.requires("launchgate") or []:
        name = re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0]
        if "extra ==" in requirement or "win32" in requirement:
            continue  # test tools; and the action runs on Linux and macOS runners
        assert _canonical(name) in pins, f"{name} is not pinned in action-requirements.txt"


def test_workflow_triggers_permissions_and_concurrency() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"pull_request", "pull_request_review", "merge_group"}
    assert triggers["pull_request_review"]["types"] == ["submitted", "dismissed"]
    assert triggers["merge_group"]["types"] == ["checks_requested"]
    assert workflow["permissions"] == {
        "contents": "read",
        "pull-requests": "write",
        "statuses": "write",
    }
    # Merge groups have no pull request number: without their own key they would share
    # one concurrency group, and each would cancel the one before it.
    group = workflow["concurrency"]["group"]
    assert "pull_request.number" in group and "merge_group.head_ref" in group


def test_the_readme_shows_the_workflow_init_writes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    starter = WORKFLOW.read_text(encoding="utf-8").split("\n", 1)[1]  # its comment line off
    assert f"```yaml\n{starter}" in readme


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_workflows_in_the_readme_are_valid(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "jobs:" in b]
    assert len(blocks) >= 2, "the README shows the workflow and the fork pattern"
    for index, block in enumerate(blocks):
        path = tmp_path / f"workflow-{index}.yml"
        path.write_text(block, encoding="utf-8")
        _validate("vendor.github-workflows", path)
