"""The rule registry: every rule by name, in the order `launchgate rules` lists them.

No discovery: a rule exists when it is listed here.
"""

from __future__ import annotations

from launchgate.launch import Launch
from launchgate.rule_names import RULE_NAMES
from launchgate.rules import (
    checklist,
    copy,
    dates,
    files,
    ids,
    owners,
    release,
    signoffs,
    waivers,
)
from launchgate.rules.base import Context, Rule, Violation

ALL: tuple[Rule, ...] = (
    files.MANIFEST_INVALID,
    files.MANIFEST_UNMATCHED,
    ids.DUPLICATE_ID,
    signoffs.MISSING,
    signoffs.STALE,
    signoffs.REJECTED,
    signoffs.UNVERIFIED,
    signoffs.ROLE_UNKNOWN,
    copy.LENGTH,
    copy.EMPTY,
    copy.EXPANSION,
    copy.PLACEHOLDER,
    copy.TERM,
    copy.LOCALE_MISSING,
    copy.LOCALE_UNKNOWN,
    copy.DRIFT,
    dates.ORDER,
    dates.LEAD_TIME,
    dates.OVERDUE,
    dates.FREEZE,
    dates.NON_WORKING_DAY,
    dates.CONFLICT,
    owners.MISSING,
    owners.UNKNOWN,
    checklist.INCOMPLETE,
    checklist.METRIC_MISSING,
    checklist.METRIC_UNKNOWN,
    release.MISMATCH,
    waivers.EXPIRED,
    waivers.UNUSED,
    waivers.REFUSED,
    waivers.UNVERIFIED,
    signoffs.RECORD_INVALID,
    signoffs.RECORDED,
    waivers.UNAPPROVED,
)

RULES: dict[str, Rule] = {r.name: r for r in ALL}

if tuple(RULES) != RULE_NAMES:  # the config checks names against that list
    raise ImportError("launchgate/rule_names.py does not list the rules of launchgate.rules.ALL")

__all__ = ["ALL", "RULES", "Context", "Launch", "Rule", "Violation"]
