"""`launchgate init`: a starter config, checklist, glossary, launch and workflows (the
pull-request check, the digest, and the board on GitHub Pages).

The starter launch is dated a few weeks ahead of today, so that a fresh
`launchgate check` finds it ready and shows what a clean run looks like.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from launchgate.errors import UsageError

STARTER = Path(__file__).with_name("starter")
# starter file -> where it goes in the user's repository
FILES = {
    "launchgate.yml": ".launchgate.yml",
    "standard.yaml": "checklists/standard.yaml",
    "glossary.yaml": "glossary.yaml",
    "launch.yaml": "launches/first-launch.yaml",
    "workflow.yml": ".github/workflows/launchgate.yml",
    "digest-workflow.yml": ".github/workflows/launchgate-digest.yml",
    "board-workflow.yml": ".github/workflows/launchgate-board.yml",
}


def starter_dates(today: dt.date) -> dict[str, str]:
    """A Tuesday release four to five weeks out, announced the next day."""
    release = today + dt.timedelta(days=28)
    release += dt.timedelta(days=(1 - release.weekday()) % 7)
    announce = release + dt.timedelta(days=1)
    blog_due = announce - dt.timedelta(days=9)  # the Monday of the week before
    return {
        "{release}": release.isoformat(),
        "{announce}": announce.isoformat(),
        "{blog_due}": blog_due.isoformat(),
    }


def write_starter(root: Path, force: bool = False, today: dt.date | None = None) -> Iterator[str]:
    if not root.is_dir():
        raise UsageError(f"{root}: no such directory")
    dates = starter_dates(today or dt.date.today())
    for source, target in FILES.items():
        text = (STARTER / source).read_text(encoding="utf-8")
        for slot, value in dates.items():
            text = text.replace(slot, value)
        yield _write(root / target, text, force)
    from launchgate.schema import SCHEMA_FILE

    schema = SCHEMA_FILE.read_text(encoding="utf-8")
    yield _write(root / "launches" / "manifest.schema.json", schema, force)


def _write(path: Path, text: str, force: bool) -> str:
    if path.exists() and not force:
        return f"kept    {path} (exists; --force overwrites)"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return f"wrote   {path}"
