"""Waivers: where each one stands on the day of a check, and which findings it covers.

One place decides both. The engine applies the waivers that stand, the
`waiver-*` rules say why one does not, and `launchgate waivers` lists them,
so the three cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from launchgate.config import Config
from launchgate.findings import Finding
from launchgate.models import Waiver

State = Literal["active", "expired", "refused"]
WHERE_KEYS = ("channel", "locale", "collateral", "feature")


@dataclass(frozen=True)
class Standing:
    """Where a waiver stands on a day: applied (active), past its last day, or refused, and why."""

    state: State
    why: str = ""


def standing(waiver: Waiver, config: Config, today: dt.date, config_file: str) -> Standing:
    """Active, expired or refused: what the config allows, on the day of the run.

    The horizon counts from the run's day, so a waiver only gets shorter once it
    is added: one written for longer than `waivers.max_days` is refused until
    the day it fits.
    """
    policy = config.waivers
    if not policy.waivable(waiver.rule):
        if waiver.rule.startswith("signoff-"):
            why = "a sign-off can never be waived: a waiver cannot replace an approval"
        elif waiver.rule.startswith("waiver-"):
            why = "the waiver rules can never be waived: fix or remove the waiver"
        else:
            why = f"{config_file} lists it under waivers.never: fix what it reports instead"
        return Standing("refused", why)
    if waiver.approved_by not in config.roles:
        from launchgate.wording import did_you_mean

        known = sorted(config.roles)
        hint = did_you_mean(waiver.approved_by, known) or (
            f"known: {', '.join(known)}" if known else "none is defined"
        )
        return Standing(
            "refused",
            f"approved_by {waiver.approved_by!r} is not a role under roles: in {config_file} "
            f"({hint})",
        )
    if today > waiver.expires:
        return Standing("expired", f"expired after {waiver.expires.isoformat()}, its last day")
    days = (waiver.expires - today).days
    if days > policy.max_days:
        latest = today + dt.timedelta(days=policy.max_days)
        return Standing(
            "refused",
            f"expires {waiver.expires.isoformat()}, {days} days from {today.isoformat()}: more "
            f"than the {policy.max_days} days waivers.max_days allows in {config_file}; "
            f"set expires to {latest.isoformat()} or earlier",
        )
    return Standing("active")


def where_parts(waiver: Waiver) -> dict[str, list[str]]:
    """The parts of `where` the waiver names, in WHERE_KEYS order: {"channel": ["x.post"]}."""
    where = waiver.where
    if where is None:
        return {}
    return {key: list(getattr(where, key)) for key in WHERE_KEYS if getattr(where, key) is not None}


def scope(waiver: Waiver) -> str:
    """What the waiver is narrowed to, as the digest and the calendar say it: `x.post, sms`
    ("" when it has no `where`). Raw text: each format escapes it its own way."""
    return ", ".join(name for names in where_parts(waiver).values() for name in names)


def named(waiver: Waiver) -> str:
    """The rule and its scope: `copy-locale-missing for x.post, linkedin.post, sms`."""
    narrowed = scope(waiver)
    return f"{waiver.rule} for {narrowed}" if narrowed else waiver.rule


def covers(waiver: Waiver, finding: Finding) -> bool:
    """Is the finding one of those the waiver names: its rule, narrowed by `where` against the
    finding's subject (never its message). A `where` part the subject lacks matches nothing."""
    if finding.rule != waiver.rule:
        return False
    where = waiver.where
    if where is None:
        return True
    subject = finding.subject
    for key in WHERE_KEYS:
        wanted = getattr(where, key)
        if wanted is not None and getattr(subject, key) not in wanted:
            return False
    return True
