"""The roles a pull request must have signed off: the head manifest's and the base's.

A pull request cannot drop a role by editing, renaming or deleting a manifest:
the base version's roles (its checklist's at the base, then its own) are
required as well. Base manifests are read through the API as data: they need
not validate any more.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from launchgate.config import Config
from launchgate.errors import LaunchgateError
from launchgate.github.client import ChangedFile, GitHubClient
from launchgate.github.policy import BasePolicy
from launchgate.launch import Launch
from launchgate.loader import parse_document
from launchgate.manifest_files import pattern_regex
from launchgate.repository import ChecklistShelf
from launchgate.signoff_records import Recorded, marked, records_in


class RolePolicy:
    """The roles each changed or removed manifest requires, against the base commit."""

    def __init__(self, client: GitHubClient, policy: BasePolicy, prefix: str) -> None:
        self.client = client
        self.policy = policy
        self.prefix = prefix  # where the checked folder sits in the repository
        self._base: dict[str, dict[str, Any]] = {}  # base manifests, read once each

    def required(self, launch: Launch, previous: str | None) -> list[str]:
        """The head manifest's roles, then the base manifest's (at `previous`, its base path)."""
        roles = list(launch.required_roles)
        if previous is None:
            return roles
        base = self.base_manifest(previous)
        return roles + [r for r in roles_of(base, self.policy.checklists) if r not in roles]

    def records(self, launch: Launch, previous: str | None) -> list[Recorded]:
        """The head manifest's sign-off records, each marked new unless the base manifest
        (at `previous`) holds it unchanged. No request for a launch without records."""
        head = launch.manifest.signoff_records
        if not head:
            return []
        base = records_in(self.base_manifest(previous)) if previous is not None else []
        return marked(head, base)

    def removed(self, files: list[ChangedFile], patterns: list[str]) -> dict[str, list[str]]:
        """Launch id -> the roles of the manifests the pull request removes.

        Deleting a manifest and adding one with the same id elsewhere is no rename to
        GitHub, and must not drop the roles the old one asked for.
        """
        matchers = [pattern_regex(pattern) for pattern in patterns]
        roles: dict[str, list[str]] = {}
        for change in files:
            if change.status != "removed" or not any(m.fullmatch(change.path) for m in matchers):
                continue
            base = self.base_manifest(change.path)
            launch_id = base.get("id")
            if isinstance(launch_id, str):
                known = roles.setdefault(launch_id, [])
                listed = roles_of(base, self.policy.checklists)
                known += [role for role in listed if role not in known]
        return roles

    def base_manifest(self, path: str) -> dict[str, Any]:
        """The manifest at `path` in the base commit, as data; empty when there is none."""
        if path not in self._base:
            data = self.client.file_at(self.prefix + path, self.policy.commit)
            self._base[path] = {} if data is None else base_data(data, path, self.policy.config)
        return self._base[path]


def base_data(data: bytes, path: str, config: Config) -> dict[str, Any]:
    """A base branch's manifest as data: empty when it does not parse to a mapping."""
    document = parse_document(data, path, config.max_file_size)
    return document.data if document.ok and isinstance(document.data, dict) else {}


def roles_of(base: dict[str, Any], checklists: ChecklistShelf) -> list[str]:
    """The roles a manifest (read as data) requires: its checklist's, then its own."""
    roles: list[str] = []
    checklist = base.get("checklist")
    if isinstance(checklist, str):
        listed = checklists.get(checklist)
        roles += list(listed.signoffs) if listed else []
    own = base.get("signoffs")
    if isinstance(own, list):
        roles += [role for role in own if isinstance(role, str) and role not in roles]
    return roles


def manifest_patterns(config: Config, root: Path) -> list[str]:
    """The base config's manifest patterns, then any the workspace's config adds: a pull
    request that adds a pattern still has the launches it brings in checked."""
    from launchgate.config import load_config

    try:
        head, _ = load_config(root)
    except LaunchgateError:
        return config.manifests  # a broken config in the pull request adds nothing
    return config.manifests + [p for p in head.manifests if p not in config.manifests]
