"""Rules that hold a launch to its checklist: required collateral, copy and metrics."""

from __future__ import annotations

from collections.abc import Iterator

from launchgate.channel_names import suggest_channel
from launchgate.channels import PRESETS
from launchgate.findings import Severity, Subject
from launchgate.launch import Launch
from launchgate.loader import PathKey
from launchgate.rules.base import Context, Rule, Violation
from launchgate.wording import did_you_mean


def check_incomplete(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """The launch has everything its checklist requires.

    A checklist (`checklist: major`, from the repository's `checklists/` or
    the built-in ones) lists the collateral types and copy channels a launch
    of its tier must have. Each one missing is a finding.

    Fails (the checklist requires a sales_deck and web.meta_description copy):

        collateral:
          - {id: blog-post, type: blog_post, owner: "@david", due: 2026-11-25}

    Passes:

        collateral:
          - {id: blog-post, type: blog_post, owner: "@david", due: 2026-11-25}
          - {id: deck, type: sales_deck, owner: "@david", due: 2026-11-18}
        copy:
          - {channel: web.meta_description, locale: en-US, text: "Reports that explain themselves."}
    """
    checklist = launch.checklist
    if checklist is None:
        return
    manifest = launch.manifest
    # Point at the list that lacks the item, or at `checklist:` when there is no list at all.
    collateral_at = ("collateral",) if manifest.collateral else ("checklist",)
    has_types = {item.type for item in manifest.collateral}
    for needed in checklist.collateral:
        if needed.type not in has_types:
            yield Violation(
                collateral_at,
                f"the {launch.checklist_name} checklist requires {needed.type} collateral "
                "and the launch has none",
            )
    copy_at = ("copy",) if manifest.copy_items else ("checklist",)
    has_channels = {item.channel for item in manifest.copy_items}
    for channel in checklist.copy_rules.channels:
        if channel not in has_channels:
            yield Violation(
                copy_at,
                f"the {launch.checklist_name} checklist requires {channel} copy "
                f"and the launch has none{_not_a_channel(channel, ctx)}",
                subject=Subject(channel=channel),
            )


def _not_a_channel(channel: str, ctx: Context) -> str:
    """What to add when the checklist asks for a channel that does not exist: copy for it
    could only be an unknown-channel error, so the checklist is what to fix."""
    if ctx.channels(channel) is not None:
        return ""
    hint = suggest_channel(channel, sorted(set(PRESETS) | set(ctx.config.channels)))
    return f"; {channel} is not a channel{f' ({hint})' if hint else ''}: correct the checklist"


def check_metric_missing(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """The launch names the north-star metric both teams share.

    Product and marketing aim at one shared metric and own targets that roll
    up to it. A checklist with `metrics: {north_star: required}` makes
    `metrics.north_star` mandatory.

    Fails (checklist: `metrics: {north_star: required}`):

        metrics:
          targets:
            - {metric: upgrade_conversion, owner: "@david", target: "+2pp"}

    Passes:

        metrics:
          north_star: weekly_engaged_teams
    """
    checklist = launch.checklist
    if checklist is None or checklist.metrics.north_star != "required":
        return
    metrics = launch.manifest.metrics
    if metrics is None or not metrics.north_star:
        yield Violation(
            ("metrics",) if metrics else ("checklist",),
            f"the {launch.checklist_name} checklist requires a north-star metric "
            "(metrics.north_star)",
        )


def check_metric_unknown(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """Metrics are ones the glossary defines.

    "Engaged user" means one thing to everyone only if it is written down:
    every metric a launch names (its north star and its targets) must be a key
    of the glossary's `metrics`. Checked when a glossary defines any metric.

    Fails (glossary defines `weekly_engaged_teams`):

        metrics: {north_star: weekly_active_teams}

    Passes:

        metrics: {north_star: weekly_engaged_teams}
    """
    glossary = ctx.glossary
    metrics = launch.manifest.metrics
    if glossary is None or not glossary.metrics or metrics is None:
        return
    named: list[tuple[str, PathKey]] = []
    if metrics.north_star:
        named.append((metrics.north_star, ("metrics", "north_star")))
    named += [
        (t.metric, ("metrics", "targets", i, "metric")) for i, t in enumerate(metrics.targets)
    ]
    for metric, path in named:
        if metric not in glossary.metrics:
            close = did_you_mean(metric, glossary.metrics)
            hint = f" ({close})" if close else ""
            yield Violation(path, f"metric {metric!r} is not defined in the glossary{hint}")


INCOMPLETE = Rule(
    "checklist-incomplete",
    Severity.ERROR,
    check_incomplete,
    reads={"checklist", "collateral", "copy"},
)
METRIC_MISSING = Rule(
    "metric-missing", Severity.ERROR, check_metric_missing, reads={"checklist", "metrics"}
)
METRIC_UNKNOWN = Rule("metric-unknown", Severity.WARNING, check_metric_unknown, reads=())
