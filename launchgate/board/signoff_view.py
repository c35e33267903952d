"""Where each role a launch needs stands, as the board shows it in a few words.

Offline (no sign-offs given) the board cannot know who approved: it lists the
roles that must, "not verified". In CI the Pages workflow passes who signed
each launch off, from the pull request that last changed its manifest.
Sign-offs recorded in the manifest (`signoff_records:`) are shown beside them;
only CI can tell whether one counts.
"""

from __future__ import annotations

from typing import NamedTuple

from launchgate.board.site import Board
from launchgate.launch import Launch
from launchgate.signoff_records import describe

# How CI's texts begin when a role is not signed off, or GitHub could not say (else who did).
NOT_SIGNED = "not signed off"
NOT_VERIFIED = "not verified"


class RoleView(NamedTuple):
    """One line of a launch's sign-off state: a class for its look, an icon, the words,
    and the few words the all-launches table has room for (shorter only offline, where
    every line says the same "not verified", which the table then says once)."""

    css: str
    icon: str
    line: str
    short: str


def role_states(board: Board, launch: Launch) -> list[RoleView]:
    given = None if board.signoffs is None else board.signoffs.get(launch.manifest.id, {})
    found = []
    for role in launch.required_roles:
        said = given.get(role, NOT_SIGNED) if given is not None else None
        if said is None:
            found.append(
                RoleView(
                    "unverified",
                    "○",
                    f"{role}: must approve (not verified)",
                    f"{role} · {NOT_VERIFIED}",
                )
            )
        elif said.startswith(NOT_VERIFIED):
            found.append(RoleView("unverified", "○", f"{role}: {said}", f"{role}: {said}"))
        elif said.startswith(NOT_SIGNED):  # not signed off, and why
            found.append(RoleView("not-signed", "✗", f"{role}: {said}", f"{role}: {said}"))
        else:
            found.append(RoleView("signed", "✓", f"{role}: {said}", f"{role}: {said}"))
    for record in launch.manifest.signoff_records:
        counted = "" if given is not None else " (not verified)"
        line = f"{record.role}: recorded, {describe(record)}{counted}"
        short = f"{record.role} · recorded" if given is None else line
        found.append(RoleView("recorded", "✎", line, short))
    return found
