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

What this decides goes to the engine (`Supplied.waiver_approvals`: the waivers
it may apply; `LaunchRoles.waivers`: where each new one's role stands), whose
`waiver-unapproved` rule reports the ones still waiting.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pydantic import ValidationError

from launchgate.github.approvals import SignoffCheck
from launchgate.launch import Launch
from launchgate.models import Waiver
from launchgate.signoff_state import LaunchRoles, WaiverSignoff
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
        new = added_or_changed(launch.manifest.waivers or [], base)
        return self._signoffs(launch, new, covered, "this pull request adds or changes it")

    def released(self, launch: Launch, covered: set[str], base_ref: str) -> list[WaiverSignoff]:
        """Every waiver of a launch a release ships that no approved pull request brought."""
        count = len(launch.manifest.waivers or ())
        why = f"no approved pull request brought it to {base_ref}"
        return self._signoffs(launch, range(count), covered, why)

    def _signoffs(
        self, launch: Launch, indices: Iterable[int], covered: set[str], why: str
    ) -> list[WaiverSignoff]:
        checker = self.checker
        waivers = launch.manifest.waivers or []
        found = []
        for index in indices:
            waiver = waivers[index]
            if standing(waiver, checker.config, self.today, checker.config_file).state != "active":
                continue
            role = waiver.approved_by
            state = checker.role_state(role, covered)
            if state.state != "signed":
                # The role is named once: "marketing has not signed off: ..." says it again.
                detail = state.message.removeprefix(f"{role} has not signed off: ")
                detail = detail.removeprefix(f"{role}: ")
                state = replace(
                    state, message=f"{why}, so it needs {role}'s approval here; {detail}"
                )
            found.append(WaiverSignoff(index, state))
        return found


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
