"""action.yml's own steps, run the way a runner runs a composite action.

The `setup-python` step is GitHub's; every `run:` step is executed here with
bash, its `${{ }}` expressions filled in as the runner fills them, against the
local GitHub. The action is installed once for this module (its pinned
dependencies come from PyPI), from a workspace a hostile fork filled: started as
soon as the tests are collected, beside them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, Background, early_folder, start
from tests.github.fake import FakeGitHub
from tests.github.payloads import event, workflow_run
from tests.github.test_ci import BASE, SMART, checkout, manifest

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))

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


@dataclass
class Runner:
    temp: Path  # RUNNER_TEMP, where the action's venv is
    marks: Path  # where hostile code would leave its marks


def _expand(text: str, value: Callable[[str], str]) -> str:
    return re.sub(r"\$\{\{\s*([\w.\-]+)\s*\}\}", lambda m: value(m.group(1)), text)


def _plant(workspace: Path, marks: Path) -> None:
    for name in HOSTILE:
        path = workspace / name
        path.parent.mkdir(parents=True, exist_ok=True)
        mark = marks / name.replace("/", "-")
        path.write_text(f"open({str(mark)!r}, 'w').close()\n", encoding="utf-8")


def _step(
    name: str, runner: Runner, workspace: Path, env: Mapping[str, str], inputs: Mapping[str, str]
) -> tuple[list[str], dict[str, str]]:
    """The command and environment of one `run:` step of action.yml, as the runner runs it."""
    (step,) = (s for s in ACTION["runs"]["steps"] if s.get("name") == name)
    values = {
        f"inputs.{key}": str(spec.get("default", "")) for key, spec in ACTION["inputs"].items()
    }
    values |= {f"inputs.{key}": value for key, value in inputs.items()}
    values["steps.python.outputs.python-path"] = sys.executable
    base = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(runner.temp.parent),
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_WORKSPACE": str(workspace),
        "RUNNER_TEMP": str(runner.temp),
        "LAUNCHGATE_RETRY_BACKOFF": "0.01",
        # What a workflow might have set; an isolated Python ignores it all.
        "PYTHONPATH": str(workspace),
        "PYTHONSTARTUP": str(workspace / "startup.py"),
        "PYTHONUSERBASE": str(workspace),
        **env,
    }
    step_env = {k: _expand(str(v), values.__getitem__) for k, v in step["env"].items()}
    return ["bash", "-e", "-c", step["run"]], {**base, **step_env}


def _assert_nothing_ran(name: str, runner: Runner) -> None:
    ran = sorted(path.name for path in runner.marks.iterdir())
    assert ran == [], f"{name} ran the workspace's {ran}"


def _run_step(
    name: str, runner: Runner, workspace: Path, env: Mapping[str, str], inputs: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    """One `run:` step of action.yml, in WORKSPACE, as the runner runs it."""
    command, step_env = _step(name, runner, workspace, env, inputs)
    done = subprocess.run(
        command,
        cwd=workspace,
        env=step_env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    _assert_nothing_ran(name, runner)
    return done


_install: list[tuple[Runner, Background]] = []


def start_early() -> None:
    """The action's install step (pip, from PyPI), started beside the other tests."""
    root = early_folder("action")
    made = Runner(root / "runner", root / "marks")
    made.temp.mkdir()
    made.marks.mkdir()
    workspace = root / "workspace"
    _plant(workspace, made.marks)
    command, env = _step("Install launchgate", made, workspace, {}, {})
    _install.append((made, start(command, workspace, env)))


@pytest.fixture(scope="module")
def runner() -> Runner:
    """The action installed once, by its own step, from a hostile workspace."""
    if not _install:  # not started early
        start_early()
    made, started = _install[0]
    done = started.result()
    _assert_nothing_ran("Install launchgate", made)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (made.temp / "launchgate-venv" / "bin" / "launchgate").exists()
    return made


def _actions_env(tmp_path: Path, event_name: str, payload: dict[str, Any]) -> dict[str, str]:
    (tmp_path / "event.json").write_text(json.dumps(payload), encoding="utf-8")
    return {
        "GITHUB_EVENT_NAME": event_name,
        "GITHUB_EVENT_PATH": str(tmp_path / "event.json"),
        "GITHUB_REPOSITORY": "acme/app",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
    }


def test_the_composite_action_installs_and_checks_a_pull_request_without_running_the_workspace(
    github: FakeGitHub, runner: Runner, tmp_path: Path
) -> None:
    repo = github.add_repo("acme/app")
    github.team("acme", "marketing", {"mo": "active"})
    base = repo.commit(dict(BASE))
    head = repo.commit({SMART: manifest("smart-reports", day=3)}, parent=base, branch="feature")
    pull = repo.add_pull(7, "dana", base, head, "feature")
    pull.review("ann", "APPROVED")
    workspace = checkout(repo, head, tmp_path)
    _plant(workspace, runner.marks)
    payload = event(github, github.url, pull, "pull_request", "opened")
    env = {**_actions_env(tmp_path, "pull_request", payload), "GITHUB_API_URL": github.url}
    inputs = {"token": "ghs_actions", "team-token": "ghp_maintainer"}

    check = _run_step("Check launches", runner, workspace, env, inputs)

    assert check.returncode == 1, check.stdout + check.stderr  # marketing has not signed off
    assert "signoff-missing" in check.stdout
    outputs = (tmp_path / "output").read_text(encoding="utf-8")
    assert re.search(r"^status<<(\S+)\nfail\n\1$", outputs, re.M)
    (comment,) = pull.comments
    assert "marketing: approve this pull request" in comment.body
    assert repo.statuses[head][-1].state == "failure"


# ---- the README's workflow_run job for forks, end to end --------------------------------------


def _fork_workflow() -> dict[Any, Any]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = (b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "workflow_run" in b)
    workflow: dict[Any, Any] = yaml.safe_load(block)
    return workflow


def _context(path: str, context: Mapping[str, Any]) -> Any:
    value: Any = context
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _evaluate(expression: str, context: Mapping[str, Any]) -> bool:
    """GitHub's expression language, as much of it as the README uses: context paths,
    'strings', == and != (case-insensitive for strings, as on GitHub), && and ||."""
    tokens = re.findall(r"'(?:[^']|'')*'|==|!=|&&|\|\||[\w.\-]+|\S", expression)

    def operand(token: str) -> Any:
        if token.startswith("'"):
            return token[1:-1].replace("''", "'")
        assert re.fullmatch(r"[a-z_][\w\-]*(\.[\w\-]+)*", token), f"not supported: {token}"
        return _context(token, context)

    def equal(left: Any, right: Any) -> bool:
        if isinstance(left, str) and isinstance(right, str):
            return left.lower() == right.lower()
        return bool(left == right)

    def comparison(items: list[str]) -> bool:
        if len(items) == 1:
            return bool(operand(items[0]))
        assert len(items) == 3 and items[1] in ("==", "!="), f"not supported: {items}"
        same = equal(operand(items[0]), operand(items[2]))
        return same if items[1] == "==" else not same

    def split(items: list[str], operator: str) -> list[list[str]]:
        parts: list[list[str]] = [[]]
        for token in items:
            if token == operator:
                parts.append([])
            else:
                parts[-1].append(token)
        return parts

    return any(
        all(comparison(part) for part in split(alternative, "&&"))
        for alternative in split(tokens, "||")
    )


def test_the_readme_fork_workflow_decides_one_pull_request_branch_at_a_time() -> None:
    """The jobs after a pull request's runs (opened, approved, changes requested) each read
    the reviews of their moment; run side by side, an older one held up by a rate limit
    could set its success after the newer failure. One at a time per fork branch, the
    newest cancelling the one in progress, the last status is the newest decision."""
    workflow = _fork_workflow()
    (job,) = workflow["jobs"].values()
    concurrency = job.get("concurrency") or workflow.get("concurrency")
    assert isinstance(concurrency, dict) and concurrency.get("cancel-in-progress") is True

    def group(owner: str, branch: str, run_event: str) -> str:
        run = {
            "event": run_event,
            "head_branch": branch,
            "head_repository": {"full_name": f"{owner}/app", "owner": {"login": owner}},
        }
        context = {"github": {"event": {"workflow_run": run}}}
        return _expand(str(concurrency["group"]), lambda p: str(_context(p, context)))

    same = group("dana", "feature", "pull_request")
    assert group("dana", "feature", "pull_request_review") == same
    assert group("eve", "feature", "pull_request") != same
    assert group("dana", "other", "pull_request") != same


def test_the_readme_fork_workflow_runs_on_every_pull_request_run_and_not_on_others() -> None:
    workflow = _fork_workflow()
    starter = (ROOT / "launchgate" / "starter" / "workflow.yml").read_text(encoding="utf-8")
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["workflow_run"]["workflows"] == [yaml.safe_load(starter)["name"]]
    (job,) = workflow["jobs"].values()
    for run_event, wanted in [
        ("pull_request", True),
        ("pull_request_review", True),
        ("push", False),
        ("pull_request_target", False),
        ("workflow_dispatch", False),
    ]:
        context = {"github": {"event": {"workflow_run": {"event": run_event}}}}
        assert _evaluate(job["if"], context) is wanted, run_event


def test_the_readme_fork_workflow_turns_green_when_a_fork_pull_request_is_approved(
    github: FakeGitHub, runner: Runner, tmp_path: Path
) -> None:
    repo = github.add_repo("acme/app")
    github.team("acme", "marketing", {"mo": "active"})
    base = repo.commit(dict(BASE))
    head = repo.commit({SMART: manifest("smart-reports", day=3)}, parent=base, branch="feature")
    pull = repo.add_pull(7, "dana", base, head, "feature", head_repo="dana/app")
    # A branch of the same name in another fork (at another commit: a commit that two
    # open pull requests share is refused, test_ci.py says why).
    other = repo.commit({SMART: manifest("smart-reports", day=4)}, parent=base)
    repo.add_pull(8, "eve", base, other, "feature", head_repo="eve/app")
    pull.review("ann", "APPROVED")
    (job,) = _fork_workflow()["jobs"].values()

    def run_job(run_event: str, folder: Path) -> subprocess.CompletedProcess[str]:
        folder.mkdir()
        payload = workflow_run(github, github.url, pull, run_event)
        assert _evaluate(job["if"], {"github": {"event": payload}})
        context = {"github": {"event": payload, "token": "ghs_actions"}}
        workspace = None
        done = None
        for step in job["steps"]:
            inputs = {
                k: _expand(str(v), lambda p: _context(p, context))
                for k, v in (step.get("with") or {}).items()
            }
            assert "run" not in step, "the documented job runs no script of its own"
            if step["uses"].startswith("actions/checkout@"):
                assert inputs["repository"] == "dana/app" and inputs["ref"] == head
                workspace = checkout(repo, inputs["ref"], folder)
                _plant(workspace, runner.marks)
            else:
                assert step["uses"].startswith("launchgate/launchgate@") and workspace
                env = {
                    **_actions_env(folder, "workflow_run", payload),
                    "GITHUB_API_URL": github.url,
                }
                inputs = {"token": "ghs_actions", "team-token": "ghp_maintainer", **inputs}
                done = _run_step("Check launches", runner, workspace, env, inputs)
        assert done is not None
        return done

    first = run_job("pull_request", tmp_path / "opened")
    assert first.returncode == 1, first.stdout + first.stderr  # marketing has not signed off
    assert repo.statuses[head][-1].state == "failure"

    pull.review("mo", "APPROVED")
    approved = run_job("pull_request_review", tmp_path / "approved")
    assert approved.returncode == 0, approved.stdout + approved.stderr
    assert repo.statuses[head][-1].state == "success"
    (comment,) = pull.comments
    assert comment.body.startswith("### ✅")
    assert repo.pulls[8].comments == []
