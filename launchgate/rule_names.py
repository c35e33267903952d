"""Every rule's name, in the order `launchgate rules` lists them.

The config checks the names under `rules:` against this list without importing
the rules themselves (which import the config): the dependency runs one way.
launchgate/rules/__init__.py refuses to load if its registry and this list differ.
"""

from __future__ import annotations

RULE_NAMES = (
    "manifest-invalid",
    "manifest-unmatched",
    "duplicate-id",
    "signoff-missing",
    "signoff-stale",
    "signoff-rejected",
    "signoff-unverified",
    "role-unknown",
    "copy-length",
    "copy-empty",
    "copy-expansion",
    "copy-placeholder",
    "copy-term",
    "copy-locale-missing",
    "copy-locale-unknown",
    "copy-drift",
    "date-order",
    "date-lead-time",
    "date-overdue",
    "date-freeze",
    "date-non-working-day",
    "date-conflict",
    "owner-missing",
    "owner-unknown",
    "checklist-incomplete",
    "metric-missing",
    "metric-unknown",
    "release-mismatch",
    "waiver-expired",
    "waiver-unused",
    "waiver-refused",
    "waiver-unverified",
    "signoff-record-invalid",
    "signoff-recorded",
    "waiver-unapproved",
)
