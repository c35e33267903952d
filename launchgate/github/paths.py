"""Paths in a pull-request run: the folder checked, links refused, the files a launch covers.

In a pull request a path is what the sign-off check goes by, so `launchgate ci`
follows no symbolic link: a link can make one file look like another.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path, PurePosixPath

from launchgate.data_keys import split_ref
from launchgate.errors import UsageError
from launchgate.launch import Launch
from launchgate.loader import Problem
from launchgate.repository import LoadProblem, Repository


def scope(workspace: Path, path: str | None) -> tuple[Path, str]:
    """The folder to check, and where it sits in the repository ("" or "sub/dir/")."""
    if not path:
        return workspace, ""
    root = (workspace / path).resolve()
    if not root.is_dir():
        raise UsageError(f"{path}: no such directory")
    link = None if Path(path).is_absolute() else first_link(workspace, Path(path).as_posix())
    if link is not None:
        raise UsageError(f"{path} goes through a symbolic link ({link}); name the folder itself")
    try:
        relative = root.relative_to(workspace.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{path} is outside the workspace {workspace}") from None
    return root, "" if relative == "." else relative + "/"


def refuse_links(repo: Repository) -> None:
    """A manifest reached through a symbolic link is a problem, not a launch.

    GitHub lists the link and its target as different paths, and the sign-off
    check goes by path. So no link is followed, inside the repository or not.
    """
    kept = []
    for path, shown in repo.files:
        link = first_link(repo.root, shown)
        if link is None:
            kept.append((path, shown))
        else:
            message = (
                f"is reached through a symbolic link ({link}); launchgate ci follows no "
                "links in a pull request"
            )
            repo.problems.append(LoadProblem(shown, Problem(1, 1, message)))
    repo.files = kept


def first_link(root: Path, relative: str) -> str | None:
    """The first part of `relative` (under `root`) that is a symbolic link, if any."""
    parts = PurePosixPath(relative).parts
    for end in range(1, len(parts) + 1):
        if root.joinpath(*parts[:end]).is_symlink():
            return "/".join(parts[:end])
    return None


def launch_files(launch: Launch, previous: str | None, root: Path) -> set[str]:
    """The files whose change makes an approval of the launch stale: manifest and sources.

    A source is named as written and as the file it resolves to, so neither
    `./app/en.json` nor a link to it hides a change.
    """
    files = {launch.file}
    if previous:
        files.add(previous)
    for item in launch.manifest.copy_items:
        if item.source:
            written = posixpath.normpath(split_ref(item.source)[0])
            files.add(written)
            real = os.path.realpath(root / written)
            inside = os.path.relpath(real, os.path.realpath(root))
            if not inside.startswith(".."):
                files.add(PurePosixPath(Path(inside)).as_posix())
    return files
