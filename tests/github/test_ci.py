"""`launchgate ci` end to end: a real event payload, the Actions environment, the CLI in a
subprocess, and the local GitHub (tests/github/fake.py) answering as GitHub's OpenAPI says.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT
from tests.github.fake import FakeGitHub, Reply
from tests.github.model import Pull, Repo
from tests.github.payloads import event

TODAY = "2026-11-23"
MARKER = "<!-- launchgate:pull-request-comment -->"
CONFIG = """\
roles:
  product: {users: [ann]}
  marketing: {teams: [acme/marketing]}
  legal: {users: [lee]}
"""
CHECKLIST = """\
signoffs: [product, marketing]
"""
GLOSSARY = """\
metrics:
  weekly_active_teams: {definition: Teams with a weekly active member}
"""


def manifest(launch_id: str, extra: str = "", day: int = 1) -> str:
    return (
        f"id: {launch_id}\n"
        f"name: {launch_id.replace('-', ' ').title()}\n"
        "checklist: standard\n"
        'owners: {product: "@ann", marketing: "@mo"}\n'
        f'release: {{version: "4.2.0", date: 2026-12-{day:02d}}}\n'
        f"announce: {{date: 2026-12-{day + 1:02d}}}\n"
        "metrics: {north_star: weekly_active_teams}\n"
        f"{extra}"
    )


BASE = {
    ".launchgate.yml": CONFIG,
    "checklists/standard.yaml": CHECKLIST,
    "glossary.yaml": GLOSSARY,
    "launches/smart-reports.yaml": manifest("smart-reports"),
    "launches/data-export.yaml": manifest("data-export", day=8),
    "launches/team-goals.yaml": manifest("team-goals", day=15),
}


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    summary: str
    outputs: dict[str, str]
    env: dict[str, str]


@dataclass
class Scenario:
    github: FakeGitHub
    repo: Repo
    pull: Pull
    root: Path

    def workspace(self) -> Path:
        """The pull request's head checked out, as actions/checkout leaves it."""
        folder = self.root / f"workspace-{self.pull.head_sha[:7]}"
        if not folder.exists():
            for path, data in self.repo.commits[self.pull.head_sha].tree.items():
                target = folder / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        return folder

    def run(
        self,
        *args: str,
        name: str = "pull_request",
        action: str = "opened",
        token: str = "ghs_actions",
        env: Mapping[str, str] | None = None,
        review_payload: object = None,
    ) -> Run:
        payload = event(
            self.github.repo_world if hasattr(self.github, "repo_world") else self.github,
            self.github.url,
            self.pull,
            name,
            action,
            review=review_payload,  # type: ignore[arg-type]
        )
        runner = self.root / f"runner-{len(list(self.root.glob('runner-*')))}"
        runner.mkdir()
        (runner / "event.json").write_text(json.dumps(payload), encoding="utf-8")
        environment = {
            "PATH": os.environ.get("PATH", ""),
            "SYSTEMROOT": os.environ.get("SYSTEMROOT", ""),
            "NO_COLOR": "1",
            "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_NAME": name,
            "GITHUB_EVENT_PATH": str(runner / "event.json"),
            "GITHUB_REPOSITORY": self.repo.full_name,
            "GITHUB_API_URL": self.github.url,
            "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_RUN_ID": "4242",
            "GITHUB_TOKEN": token,
            "GITHUB_WORKSPACE": str(self.workspace()),
            "GITHUB_STEP_SUMMARY": str(runner / "summary.md"),
            "GITHUB_OUTPUT": str(runner / "output"),
            "RUNNER_TEMP": str(runner),
            "LAUNCHGATE_RETRY_BACKOFF": "0.01",
            **(env or {}),
        }
        done = subprocess.run(
            [sys.executable, "-m", "launchgate", "ci", "--today", TODAY, *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=ROOT,
            env=environment,
            timeout=120,
            check=False,
        )
        assert "Traceback" not in done.stderr, done.stderr
        summary = runner / "summary.md"
        output = runner / "output"
        return Run(
            done.returncode,
            done.stdout,
            done.stderr,
            summary.read_text(encoding="utf-8") if summary.exists() else "",
            _outputs(output.read_text(encoding="utf-8")) if output.exists() else {},
            environment,
        )

    def comments(self) -> list[str]:
        return [c.body for c in self.pull.comments]


def _outputs(text: str) -> dict[str, str]:
    return dict(
        (name, value)
        for name, value in re.findall(r"^(\w+)<<(\S+)\n(.*?)\n\2$", text, re.M | re.S)
        for name, value in [(name, value)]
    ) if False else {
        match[0]: match[2] for match in re.findall(r"^(\w+)<<(\S+)\n(.*?)\n\2$", text, re.M | re.S)
    }
