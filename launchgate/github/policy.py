"""The policy at the base commit: config, checklists and glossary, read through the API.

A pull request can edit `.launchgate.yml` or a checklist, so the files in the
workspace are never the policy: a pull request that drops a required role is
still held to the role. Only the files the check needs are fetched (the
config, the glossary, and each checklist a launch names), and read from the
bytes GitHub sends, as the usual loaders read them from disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from launchgate.config import CONFIG_NAMES, Config, parse_config
from launchgate.errors import ConfigError
from launchgate.github.client import ChangedFile, GitHubClient
from launchgate.loader import parse_document
from launchgate.models import Checklist
from launchgate.repository import (
    LoadProblem,
    PolicyFiles,
    builtin_checklists,
    checklist_from,
    glossary_from,
    read_checklist,
    relative_path,
)

_CHECKLIST_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


@dataclass
class BasePolicy:
    """The policy a pull request is held to: the base commit's, never its own."""

    config: Config
    config_file: str | None
    commit: str
    checklists: RemoteChecklists
    files: PolicyFiles  # the checklists, and the glossary with its problems


def fetch_policy(client: GitHubClient, commit: str, prefix: str = "") -> BasePolicy:
    """The config and glossary at `commit`; checklists are fetched when a launch names one.

    `prefix` is where the checked folder sits in the repository ("" at its root).
    """
    config, config_file = Config(), None
    for name in CONFIG_NAMES:
        data = client.file_at(prefix + name, commit)
        if data is not None:
            try:
                config, config_file = parse_config(data, name), name
            except ConfigError as error:
                raise ConfigError(f"the base branch's config at {commit[:7]}: {error}") from None
            break
    problems: list[LoadProblem] = []
    glossary = None
    shown = relative_path(config.glossary)
    if shown is not None:  # the config is trusted, but still: nothing outside the repository
        data = client.file_at(prefix + config.glossary, commit)
        if data is not None:
            document = parse_document(data, shown, config.max_file_size)
            glossary = glossary_from(document, problems)
    shelf = RemoteChecklists(client, commit, config, prefix)
    files = PolicyFiles(shelf, glossary, tuple(problems))
    return BasePolicy(config, config_file, commit, shelf, files)


@dataclass
class RemoteChecklists:
    """Checklists at the base commit, fetched once each; built-in ones when the base has none."""

    client: GitHubClient
    commit: str
    config: Config
    prefix: str = ""
    problems: list[LoadProblem] = field(default_factory=list)
    _cache: dict[str, Checklist | None] = field(default_factory=dict)
    _listed: list[str] | None = None

    def get(self, name: str) -> Checklist | None:
        if name not in self._cache:
            self._cache[name] = self._fetch(name)
        return self._cache[name]

    def names(self) -> list[str]:
        """Every checklist name there is: asked of GitHub only to explain an unknown name."""
        if self._listed is None:
            folder = self.config.checklists.strip("/")
            listed = self.client.folder_at(self.prefix + folder, self.commit) if folder else []
            stems = {PurePosixPath(n).stem for n in listed if n.endswith((".yaml", ".yml"))}
            self._listed = sorted(stems | set(builtin_checklists()))
        return self._listed

    def _fetch(self, name: str) -> Checklist | None:
        if not _CHECKLIST_NAME.fullmatch(name):
            return None  # not a file name: no checklist can have it
        folder = self.config.checklists.strip("/")
        max_bytes = self.config.max_file_size
        for suffix in (".yaml", ".yml"):
            shown = f"{folder}/{name}{suffix}" if folder else f"{name}{suffix}"
            if relative_path(shown) is None:  # the config is trusted, but still
                return None
            data = self.client.file_at(self.prefix + shown, self.commit)
            if data is not None:
                document = parse_document(data, shown, max_bytes)
                return checklist_from(document, self.problems, self.config)
        builtin = builtin_checklists().get(name)
        if builtin is None:
            return None
        shown = f"(built-in) checklists/{builtin.name}"
        return read_checklist(builtin, shown, self.config, self.problems)


def policy_changes(config: Config, config_file: str | None, files: list[ChangedFile]) -> list[str]:
    """The policy files a pull request changes: they take effect only once it merges."""
    policy = {config_file, *CONFIG_NAMES, config.glossary}
    folder = config.checklists.strip("/") + "/"
    changed = []
    for change in files:
        for path in (change.path, change.previous):
            if path and (path in policy or path.startswith(folder)) and path not in changed:
                changed.append(path)
    return sorted(changed)
