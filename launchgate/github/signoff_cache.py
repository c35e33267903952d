"""What an earlier board build learnt about sign-offs, kept between builds.

The board's workflow restores a folder with `actions/cache` before the build and
saves it after. In it, one JSON file: the commit the build read, and per manifest
the commit that last changed it, the policy it was judged under (a hash of the
config file) and the board's text per role. A manifest whose last commit and
policy are unchanged keeps its texts: the pull request that brought that commit
was merged, and reviews given after a merge never count, so nothing GitHub could
answer again would differ.

A file that is missing, unreadable, of another format or of another repository
or branch is an empty cache: the build asks GitHub, as the first build does.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = "launchgate.board-signoffs/v1"
FILE_NAME = "board-signoffs.json"


@dataclass(frozen=True)
class Entry:
    """One manifest's sign-off texts, and what they were decided from."""

    commit: str  # the commit that last changed the manifest on the branch
    policy: str  # `policy_hash` of the config they were judged under
    roles: dict[str, str]  # role -> the board's text


@dataclass
class SignoffCache:
    """The cache of one repository's branch: its entries by manifest path in the repository."""

    repository: str
    branch: str
    head: str = ""  # the commit the build that wrote it read; "" for an empty cache
    entries: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path, repository: str, branch: str) -> SignoffCache:
        """The cache in FOLDER, or an empty one when there is none that fits."""
        empty = cls(repository, branch)
        try:
            data = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return empty
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return empty
        if data.get("repository") != repository or data.get("branch") != branch:
            return empty
        entries = {}
        listed = data.get("entries")
        for path, item in (listed if isinstance(listed, dict) else {}).items():
            entry = _entry(item)
            if entry is not None:
                entries[str(path)] = entry
        return cls(repository, branch, str(data.get("head") or ""), entries)

    def save(self, folder: Path) -> None:
        """Write the cache to FOLDER (made when missing), sorted: equal caches, equal bytes."""
        folder.mkdir(parents=True, exist_ok=True)
        data = {
            "format": FORMAT,
            "repository": self.repository,
            "branch": self.branch,
            "head": self.head,
            "entries": {
                path: {"commit": e.commit, "policy": e.policy, "roles": e.roles}
                for path, e in sorted(self.entries.items())
            },
        }
        text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        (folder / FILE_NAME).write_text(text, encoding="utf-8")


def policy_hash(config_file: Path | None) -> str:
    """The config's bytes as a hash: a changed policy (roles, who may sign) is judged anew."""
    try:
        data = config_file.read_bytes() if config_file is not None else b""
    except OSError:
        data = b""
    return hashlib.sha256(data).hexdigest()


def _entry(item: Any) -> Entry | None:
    if not isinstance(item, dict):
        return None
    commit, policy, roles = item.get("commit"), item.get("policy"), item.get("roles")
    if not isinstance(commit, str) or not isinstance(policy, str) or not isinstance(roles, dict):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in roles.items()):
        return None
    return Entry(commit, policy, dict(roles))
