"""The GitHub Actions side of a run: its environment, its outputs and its job summary.

The workflow commands (annotations) are a report format: launchgate/reporters/github.py.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from launchgate.errors import UsageError

SUMMARY_LIMIT = 1024 * 1024  # GitHub refuses a step summary over 1 MiB


@dataclass(frozen=True)
class ActionsEnv:
    event_name: str
    event: dict[str, Any]
    repository: str
    api_url: str
    server_url: str
    token: str
    team_token: str | None
    workspace: Path
    summary: Path | None
    output: Path | None
    run_url: str | None
    temp: Path
    comment_author: str = "github-actions[bot]"
    prefix: str = ""  # where the checked folder sits in the repository: "" or "sub/dir/"
    sha: str | None = None  # the commit the workflow runs on (GITHUB_SHA)

    @classmethod
    def read(cls, environ: Mapping[str, str], need_event: bool = True) -> ActionsEnv:
        import tempfile

        needed = ("GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH") if need_event else ()
        missing = [name for name in (*needed, "GITHUB_REPOSITORY") if not environ.get(name)]
        if missing:
            raise UsageError(
                f"launchgate ci runs inside GitHub Actions: {', '.join(missing)} not set "
                "(use `launchgate check` elsewhere)"
            )
        token = environ.get("GITHUB_TOKEN") or environ.get("INPUT_TOKEN") or ""
        if not token:
            raise UsageError("launchgate ci needs a token: set GITHUB_TOKEN (the action does)")
        event = _payload(environ.get("GITHUB_EVENT_PATH"))
        server = environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
        repository = environ["GITHUB_REPOSITORY"]
        run_id = environ.get("GITHUB_RUN_ID")
        return cls(
            event_name=environ.get("GITHUB_EVENT_NAME", ""),
            event=event,
            repository=repository,
            api_url=environ.get("GITHUB_API_URL", "https://api.github.com"),
            server_url=server,
            token=token,
            team_token=environ.get("LAUNCHGATE_TEAM_TOKEN") or None,
            workspace=Path(environ.get("GITHUB_WORKSPACE") or "."),
            summary=_optional_path(environ.get("GITHUB_STEP_SUMMARY")),
            output=_optional_path(environ.get("GITHUB_OUTPUT")),
            run_url=f"{server}/{repository}/actions/runs/{run_id}" if run_id else None,
            temp=Path(environ.get("RUNNER_TEMP") or tempfile.gettempdir()),
            comment_author=environ.get("LAUNCHGATE_COMMENT_AUTHOR") or "github-actions[bot]",
            sha=environ.get("GITHUB_SHA") or None,
        )


def _payload(path: str | None) -> dict[str, Any]:
    if not path:
        return {}
    try:
        event = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UsageError(f"cannot read the event payload {path}: {error}") from None
    if not isinstance(event, dict):
        raise UsageError(f"the event payload {path} is not a JSON object")
    return event


def _optional_path(value: str | None) -> Path | None:
    return Path(value) if value else None


def write_outputs(path: Path | None, values: dict[str, str]) -> None:
    """Step outputs, each in a heredoc whose delimiter no value can contain."""
    if path is None:
        return
    import secrets  # here: `launchgate check --format github` need not load it

    with path.open("a", encoding="utf-8") as out:
        for name, value in values.items():
            delimiter = f"ghadelimiter_{secrets.token_hex(16)}"
            while delimiter in value:  # pragma: no cover - 128 random bits
                delimiter = f"ghadelimiter_{secrets.token_hex(16)}"
            out.write(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")


def write_summary(path: Path | None, markdown: str) -> None:
    if path is None:
        return
    data = markdown.encode("utf-8")
    if len(data) > SUMMARY_LIMIT:
        note = "\n\n…cut at GitHub's 1 MiB summary limit; the JSON report has every finding.\n"
        keep = SUMMARY_LIMIT - len(note.encode("utf-8"))
        markdown = data[:keep].decode("utf-8", errors="ignore") + note
    with path.open("a", encoding="utf-8") as out:
        out.write(markdown)
