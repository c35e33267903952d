"""Waivers on a pull request: which ones it adds or changes, and whether their roles approved.

A waiver is an exception a role accepts, so a pull request that adds or changes
one needs that role's sign-off, under the rules of any sign-off of its launch
(github/approvals.py: the author and contributors never count, an approval
goes stale by `signoffs.stale`). A waiver the base commit already holds was
approved on the pull request that added it, and counts as it is.

A waiver is known by its content, never by its place in the list: its rule,
`where`, reason, role and expiry, as validated (so `channel: sms` and
`channel: [sms]`, or `de-de` and `de-DE`, are the same waiver). Inserting a
waiver above another changes nothing about the other; changing any part of
one (a later or earlier expiry, a wider `where`, another reason) makes it a
new waiver that its role approves again. Each base waiver stands for one head
waiver at most: a copy of an approved waiver is a new one.

A release pull request holds the launches it ships unchanged to the same rule
through provenance (github/provenance.py): the pull request that last changed
a manifest must have had the approval of each waiver it added or changed
against its own base, as its check compared them; the release's own approval
stands in for a missing one.

What this decides goes to the engine (`Supplied.waiver_approvals`: the waivers
it may apply; `LaunchRoles.waivers`: where each new one's role stands), whose
`waiver-unapproved` rule reports the ones still waiting.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pydantic import ValidationError

from launchgate.github.approvals import SignoffCheck
from launchgate.github.provenance import Origin, origin_check
from launchgate.launch import Launch
from launchgate.models import Waiver
from launchgate.signoff_state import LaunchRoles, RoleState, WaiverSignoff
from launchgate.waivers import standing


def added_or_changed(head: Sequence[Waiver], base: dict[str, Any] | None) -> list[int]:
    """The indices of the head's waivers that no waiver of the base manifest matches.

    `base` is the base manifest read as data (None: the pull request adds the
    manifest). A base waiver that does not validate matches nothing.
    """
    remaining = Counter(_identity(waiver) for waiver in base_waivers(base))
    indices = []
    for index, waiver in enumerate(head):
        key = _identity(waiver)
        if remaining[key]:
            remaining[key] -= 1
        else:
            indices.append(index)
    return indices


def base_waivers(base: dict[str, Any] | None) -> list[Waiver]:
    """The waivers of a manifest read as data: those that validate, in order."""
    listed = (base or {}).get("waivers")
    found = []
    for item in listed if isinstance(listed, list) else ():
        try:
            found.append(Waiver.model_validate(item))
        except ValidationError:
            continue  # not a waiver the base could have applied
    return found


@dataclass(frozen=True)
class WaiverApprovals:
    """Where the role of each waiver a pull request must approve stands on it.

    Only waivers in force today need it: an expired or refused one covers
    nothing whoever approves it, and its own finding says why.
    """

    checker: SignoffCheck  # the pull request's reviews, under the base branch's policy
    today: dt.date

    def changed(
        self, launch: Launch, base: dict[str, Any] | None, covered: set[str]
    ) -> list[WaiverSignoff]:
        """The waivers the pull request adds or changes in a launch whose base manifest is
        `base` (None: added here); `covered`: the files whose change makes an approval of
        the launch stale."""
        found = []
        for index, role in self._in_force(launch, added_or_changed(self._of(launch), base)):
            state = self.checker.role_state(role, covered)
            found.append(_waiting(index, state, "this pull request adds or changes it"))
        return found

    def released(
        self,
        launch: Launch,
        covered: set[str],
        origin: Origin,
        base: dict[str, Any] | None,
        base_ref: str,
    ) -> list[WaiverSignoff]:
        """The waivers of a launch a release ships unchanged, as the pull request it came
        from (`origin`) left them: those it added or changed against its own base (`base`,
        the manifest there) count with their roles' approval there, or here. All of them
        need it when no approved pull request brought the manifest.
        """
        before = origin_check(origin, self.checker)
        number = origin.provenance.pull
        if before is None:
            indices: Iterable[int] = range(len(self._of(launch)))
            why = f"no approved pull request brought it to {base_ref}"
        else:
            indices = added_or_changed(self._of(launch), base)
            why = f"#{number} added or changed it"
        found = []
        for index, role in self._in_force(launch, indices):
            now = self.checker.role_state(role, covered)
            earlier = before.role_state(role, covered) if before is not None else None
            if now.state not in ("signed", "rejected") and earlier and earlier.state == "signed":
                now = replace(earlier, pull=number)  # approved where it was added
            found.append(_waiting(index, now, why))
        return found

    def _in_force(self, launch: Launch, indices: Iterable[int]) -> Iterator[tuple[int, str]]:
        """(index, approving role) of each of those waivers that stands today."""
        checker, waivers = self.checker, self._of(launch)
        for index in indices:
            waiver = waivers[index]
            if standing(waiver, checker.config, self.today, checker.config_file).state == "active":
                yield index, waiver.approved_by

    @staticmethod
    def _of(launch: Launch) -> list[Waiver]:
        return launch.manifest.waivers or []


def _waiting(index: int, state: RoleState, why: str) -> WaiverSignoff:
    """The waiver's sign-off; one not given says why it is needed here, and by whom."""
    if state.state != "signed":
        role = state.role
        # The role is named once: "marketing has not signed off: ..." would say it again.
        detail = state.message.removeprefix(f"{role} has not signed off: ")
        detail = detail.removeprefix(f"{role}: ")
        state = replace(state, message=f"{why}, so it needs {role}'s approval here; {detail}")
    return WaiverSignoff(index, state)


def approved_waivers(
    launches: Iterable[Launch], entries: Iterable[LaunchRoles]
) -> frozenset[tuple[str, int]]:
    """(file, index) of every waiver the engine may apply: all but those a pull request adds
    or changes whose role has not signed off on it."""
    waiting = {
        (entry.launch.file, waiver.index)
        for entry in entries
        for waiver in entry.waivers
        if waiver.state.state != "signed"
    }
    return frozenset(
        (launch.file, index)
        for launch in launches
        for index in range(len(launch.manifest.waivers or ()))
        if (launch.file, index) not in waiting
    )


def _identity(waiver: Waiver) -> str:
    return json.dumps(waiver.model_dump(mode="json"), sort_keys=True)
