"""Release rules: need the release pull request, so they run in `launchgate ci`."""

from __future__ import annotations

from launchgate.findings import Severity
from launchgate.rules.base import rule

MISMATCH = rule(
    "release-mismatch",
    Severity.ERROR,
    needs_github=True,
    doc="""A release ships a version or features that its launches disagree with.

    On a release pull request, every feature flag the release enables must be
    declared by a launch of that version (`features[].flag`), every launch of
    that version must have its flag enabled, and no launch of that version may
    be dated after the release. Checked by `launchgate ci`.""",
)
