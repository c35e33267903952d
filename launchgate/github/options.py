"""How `launchgate ci` was asked to run: the command line's choices, in one value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from launchgate.findings import Severity


@dataclass(frozen=True)
class CiOptions:
    """The settings of one `launchgate ci` run.

    `pull_number` names the pull request instead of the event (a `workflow_run`
    job commenting on a fork's pull request); `head` must then be its head
    commit, so a forged number cannot redirect the run.
    """

    today: dt.date | None = None  # None: today in the policy's timezone
    fail_on: Severity = Severity.ERROR
    comment: bool = True  # the sticky pull-request comment
    path: str | None = None  # the folder to check; None: the workspace
    pull_number: int | None = None
    head: str | None = None
