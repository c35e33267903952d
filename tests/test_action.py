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
BOARD_WORKFLOW = ROOT / "launchgate" / "starter" / "board-workflow.yml"


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


def test_starter_board_workflow_builds_on_push_and_daily_and_deploys_to_pages() -> None:
    from launchgate.github.board_signoffs import CACHE_VARIABLE

    _validate("vendor.github-workflows", BOARD_WORKFLOW)
    workflow = yaml.safe_load(BOARD_WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"push", "schedule", "workflow_dispatch"}
    assert triggers["push"] == {"branches": ["main"]}
    assert len(triggers["schedule"]) == 1
    # Each job gets only what it needs: the build reads (provenance reads pull requests),
    # the deployment writes Pages and proves where it comes from; nothing else anywhere.
    assert workflow["permissions"] == {}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pull-requests": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    uses = [step["uses"] for job in (build, deploy) for step in job["steps"] if "uses" in step]
    assert uses == [
        "actions/checkout@v7",
        "actions/setup-python@v7",
        "actions/cache@v5",
        "actions/upload-pages-artifact@v5",
        "actions/deploy-pages@v5",
    ]
    steps = {step.get("uses", step.get("name")): step for step in build["steps"]}
    cache = steps["actions/cache@v5"]["with"]
    # A key per run, restored by its prefix: each build starts from the latest cache.
    assert cache["key"].startswith(cache["restore-keys"]) and "github.run_id" in cache["key"]
    board = steps["Build the board"]
    assert board["env"][CACHE_VARIABLE] == cache["path"]
    assert board["run"] == "launchgate board . --output site"
    assert steps["actions/upload-pages-artifact@v5"]["with"]["path"] == "site"
    for step in build["steps"]:
        assert "${{" not in step.get("run", ""), step


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


def test_the_readme_shows_the_board_workflow_init_writes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    starter = BOARD_WORKFLOW.read_text(encoding="utf-8").split("\n", 2)[2]  # comments off
    assert f"```yaml\n# .github/workflows/launchgate-board.yml\n{starter}" in readme
    assert "Settings → Pages" in readme


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
