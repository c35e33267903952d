"""action.yml's own steps, run the way a runner runs a composite action.

The `setup-python` step is GitHub's; every `run:` step is executed here with
bash, its `${{ }}` expressions filled in as the runner fills them, against the
local GitHub. This installs the action's pinned dependencies from PyPI.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT
from tests.github.fake import FakeGitHub
from tests.github.payloads import event
from tests.github.test_ci import BASE, SMART, manifest


def _expand(text: str, values: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return re.sub(r"\$\{\{\s*([\w.\-]+)\s*\}\}", value, text)


# What a fork could add to its checkout to run code in the privileged job: modules that
# `python -m venv`, `-m pip` or `-m launchgate` would import from the current folder or
# from PYTHONPATH, and the hooks `site` imports at start-up. Each leaves a mark if run.
HOSTILE = (
    "venv.py",
    "ensurepip.py",
    "pip/__init__.py",
    "pip/__main__.py",
    "launchgate/__init__.py",
    "launchgate/__main__.py",
    "site.py",
    "sitecustomize.py",
    "usercustomize.py",
    "runpy.py",
    "yaml/__init__.py",
    "github/__init__.py",
    "pydantic/__init__.py",
    "requests/__init__.py",
    "urllib3/__init__.py",
    "setuptools/__init__.py",
    "hatchling/__init__.py",
    "startup.py",
)


def _plant(workspace: Path, marks: Path) -> None:
    for name in HOSTILE:
        path = workspace / name
        path.parent.mkdir(parents=True, exist_ok=True)
        mark = marks / name.replace("/", "-")
        path.write_text(f"open({str(mark)!r}, 'w').close()\n", encoding="utf-8")


def test_the_composite_action_installs_and_checks_a_pull_request_without_running_the_workspace(
    github: FakeGitHub, tmp_path: Path
) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    repo = github.add_repo("acme/app")
    github.team("acme", "marketing", {"mo": "active"})
    base = repo.commit(dict(BASE))
    head = repo.commit({SMART: manifest("smart-reports", day=3)}, parent=base, branch="feature")
    pull = repo.add_pull(7, "dana", base, head, "feature")
    pull.review("ann", "APPROVED")
    workspace = tmp_path / "workspace"
    for path, data in repo.commits[head].tree.items():
        (workspace / path).parent.mkdir(parents=True, exist_ok=True)
        (workspace / path).write_bytes(data)
    marks = tmp_path / "marks"
    marks.mkdir()
    _plant(workspace, marks)
    payload = event(github, github.url, pull, "pull_request", "opened")
    (tmp_path / "event.json").write_text(json.dumps(payload), encoding="utf-8")
    runner = tmp_path / "runner"
    runner.mkdir()
    values = {
        f"inputs.{name}": str(spec.get("default", "")) for name, spec in action["inputs"].items()
    }
    values |= {
        "inputs.token": "ghs_actions",
        "inputs.team-token": "ghp_maintainer",
        "steps.python.outputs.python-path": sys.executable,
    }
    base_env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(tmp_path / "event.json"),
        "GITHUB_REPOSITORY": "acme/app",
        "GITHUB_API_URL": github.url,
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_STEP_SUMMARY": str(runner / "summary.md"),
        "GITHUB_OUTPUT": str(runner / "output"),
        "RUNNER_TEMP": str(runner),
        "LAUNCHGATE_RETRY_BACKOFF": "0.01",
        # What a workflow might have set; an isolated Python ignores it all.
        "PYTHONPATH": str(workspace),
        "PYTHONSTARTUP": str(workspace / "startup.py"),
        "PYTHONUSERBASE": str(workspace),
    }
    results = []
    for step in action["runs"]["steps"]:
        if "run" not in step:
            assert step["uses"].startswith("actions/setup-python@")
            continue
        env = {**base_env, **{k: _expand(str(v), values) for k, v in step["env"].items()}}
        done = subprocess.run(
            ["bash", "-e", "-c", step["run"]],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        results.append(done)
        ran = sorted(path.name for path in marks.iterdir())
        assert ran == [], f"{step['name']} ran the workspace's {ran}"
        if step["name"] == "Install launchgate":
            assert done.returncode == 0, done.stdout + done.stderr
    check = results[-1]
    assert check.returncode == 1, check.stdout + check.stderr  # marketing has not signed off
    assert "signoff-missing" in check.stdout
    outputs = (runner / "output").read_text(encoding="utf-8")
    assert re.search(r"^status<<(\S+)\nfail\n\1$", outputs, re.M)
    (comment,) = pull.comments
    assert "marketing: approve this pull request" in comment.body
    assert repo.statuses[head][-1].state == "failure"
    installed = runner / "launchgate-venv" / "bin" / "launchgate"
    assert installed.exists()
