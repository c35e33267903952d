"""Which files are launches: the repository a path is in, the manifests a command names,
and the files that look like launches but that no `manifests` pattern matches.

Reads folder listings and, to tell a stray launch from other YAML, the first few
kilobytes of a handful of files; never a whole manifest (the loader does that).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from launchgate.config import CONFIG_NAMES, Config
from launchgate.errors import UsageError

if TYPE_CHECKING:  # this module is imported by the repository itself
    from launchgate.findings import Report
    from launchgate.repository import Repository

_GLOB = re.compile(r"[*?\[]")
_YAML = (".yaml", ".yml")
# Top-level keys that only a launch has together: `id:` and `checklist:` or `release:`.
_ID = re.compile(rb"^id\s*:", re.MULTILINE)
_LAUNCH_KEY = re.compile(rb"^(?:checklist|release)\s*:", re.MULTILINE)
_SNIFF_BYTES = 4096


def find_root(path: Path, default_patterns: list[str]) -> Path:
    """The repository `path` is in: the nearest folder up with a launchgate config, else
    the nearest with `.git` (as git and pre-commit find theirs).

    Outside any repository, the nearest folder whose `launches/` (the default
    patterns' folder) holds `path`, else `path`'s own folder.
    """
    start = Path(os.path.abspath(path))
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if any((candidate / name).is_file() for name in CONFIG_NAMES):
            return candidate
        if (candidate / ".git").exists():  # a folder, or a file in a worktree or submodule
            return candidate
    for candidate in (folder, *folder.parents):
        if any(_starts(start, candidate / prefix) for prefix in _prefixes(default_patterns)):
            return candidate
    return folder


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """A manifests pattern (`launches/**/*.yaml`) as a regex over repository paths, for
    files that are not on disk (a pull request's, the base commit's, a mapping's)."""
    parts = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            parts.append(".*")
            index += 2
        else:
            char = pattern[index]
            parts.append("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char))
            index += 1
    return re.compile("".join(parts))


def _starts(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _prefixes(patterns: list[str]) -> list[str]:
    """The folder each pattern starts from (`launches` for `launches/**/*.yaml`); none for
    a pattern that starts with a wildcard."""
    found = []
    for pattern in patterns:
        parts = []
        for part in pattern.split("/")[:-1]:
            if _GLOB.search(part) or part in ("", ".", ".."):
                break
            parts.append(part)
        if parts:
            found.append("/".join(parts))
    return sorted(set(found))


@dataclass(frozen=True)
class Selection:
    """What a `launchgate check PATH...` asked for: all launches, or these files and folders."""

    root: Path
    paths: tuple[Path, ...] = ()  # absolute; empty: the whole repository

    def wants(self, shown: str) -> bool:
        if not self.paths:
            return True
        path = self.root / shown
        return any(_starts(path, wanted) for wanted in self.paths)


def select(paths: list[str], default_patterns: list[str]) -> Selection:
    """The repository the named paths are in, and what of it they name.

    Named no path, the whole repository around the current folder, as git and
    pre-commit do: `launchgate check` from `src/` checks every launch."""
    if not paths:
        return Selection(find_root(Path("."), default_patterns))
    for path in paths:
        if not os.path.exists(path):
            raise UsageError(f"{path}: no such file or directory")
    roots = {find_root(Path(path), default_patterns) for path in paths}
    if len(roots) > 1:
        shown = ", ".join(str(root) for root in sorted(roots))
        raise UsageError(f"the paths are in different repositories ({shown}): check each alone")
    (root,) = roots
    named = tuple(Path(os.path.abspath(path)) for path in paths)
    if any(path == root for path in named):
        return Selection(root)
    return Selection(root, named)


def unmatched(root: Path, config: Config, matched: list[Path]) -> list[tuple[str, str]]:
    """(file as shown, the patterns) for each launch-looking file no pattern matched."""
    taken = {os.path.normpath(path) for path in matched}
    policy = {*CONFIG_NAMES, config.glossary.strip("/")}
    checklists = config.checklists.strip("/")
    prefixes = _prefixes(config.manifests)
    found: set[str] = set()
    for prefix in prefixes:
        for walked, dirs, files in os.walk(root / prefix):
            dirs[:] = [name for name in dirs if not name.startswith(".")]
            found.update(
                os.path.normpath(os.path.join(walked, name))
                for name in files
                if name.lower().endswith(_YAML)
            )
    # Elsewhere, a launch is told apart from other YAML (CI configs, say) by its keys.
    for sniffed in (root, *_subfolders(root, {checklists, *prefixes})):
        for entry in _entries(sniffed):
            if entry.name.lower().endswith(_YAML) and _looks_like_launch(entry):
                found.add(os.path.normpath(entry.path))
    patterns = ", ".join(config.manifests)
    stray = []
    for path in sorted(found - taken):
        shown = Path(os.path.relpath(path, root)).as_posix()
        if shown not in policy and not shown.startswith(checklists + "/"):
            stray.append((shown, patterns))
    return stray


def _subfolders(root: Path, skip: set[str]) -> list[Path]:
    return [
        Path(entry.path)
        for entry in _entries(root)
        if entry.is_dir(follow_symlinks=False)
        and not entry.name.startswith(".")
        and entry.name not in skip
    ]


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError:
        return []


def _looks_like_launch(entry: os.DirEntry[str]) -> bool:
    try:
        if not entry.is_file(follow_symlinks=False):  # a link may lead out of the repository
            return False
        with open(entry.path, "rb") as file:
            head = file.read(_SNIFF_BYTES)
    except OSError:
        return False
    return bool(_ID.search(head) and _LAUNCH_KEY.search(head))


def check_something(repo: Repository, selection: Selection, release: bool) -> Selection:
    """What a check reports on; a check of nothing is a usage error, never "ready".

    A named checklist, glossary or config reports on every launch: they change
    what each launch needs. A release's flags are something to check even with
    no launch at all (every flag that is on ships unannounced).
    """
    config = repo.config
    patterns = ", ".join(config.manifests)
    if repo.files_checked == 0 and not release:
        stray = [p.file for p in repo.problems if p.rule == "manifest-unmatched"]
        also = (
            f"; these look like launches but match no pattern: {', '.join(stray)}" if stray else ""
        )
        raise UsageError(
            f"no launches found in {selection.root}: no file matches manifests ({patterns}){also}"
        )
    if not selection.paths:
        return selection
    shown = [_shown(selection.root, path) for path in selection.paths]
    checklists = config.checklists.strip("/") + "/"
    policy = {*CONFIG_NAMES, config.glossary.strip("/")}
    if any(name in policy or name.startswith(checklists) for name in shown):
        return Selection(selection.root)
    # A manifest that could not be opened (a link out of the repository) is one too.
    manifests = [name for _, name in repo.files]
    manifests += [p.file for p in repo.problems if p.rule == "manifest-invalid"]
    for path, name in zip(selection.paths, shown, strict=True):
        if not any(_starts(selection.root / manifest, path) for manifest in manifests):
            what = "is not a launch manifest" if path.is_file() else "holds no launch manifest"
            raise UsageError(
                f"{name} {what} of {selection.root}: no pattern in manifests ({patterns}) "
                "matches it"
            )
    return selection


def _shown(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix() if path != root else "."


def narrowed(report: Report, repo: Repository, selection: Selection) -> Report:
    """The report on the named manifests. Findings about files that are not launches (a
    broken checklist or glossary, a launch no pattern matches) stay: they concern all."""
    if not selection.paths:
        return report
    manifests = {name for _, name in repo.files}
    return replace(
        report,
        launches=[launch for launch in report.launches if selection.wants(launch.file)],
        findings=[
            finding
            for finding in report.findings
            if finding.file not in manifests or selection.wants(finding.file)
        ],
        files_checked=sum(1 for name in manifests if selection.wants(name)),
    )
