"""Waiver rules: a waiver that no longer applies, covers nothing, is refused, unverified or
unapproved.

The engine applies the waivers (launchgate.waivers decides which stand); these
rules make sure none of them goes unnoticed: every exception is visible, has
an end, and is cleaned up.
"""

from __future__ import annotations

from collections.abc import Iterator

from launchgate.findings import Severity
from launchgate.launch import Launch
from launchgate.rules.base import Context, Rule, Violation
from launchgate.waivers import standing


def check_expired(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """A waiver is past its `expires` day.

    A waiver applies up to and including its `expires` day. From the day
    after, the findings it covered count again at their own severity, and
    this finding on the waiver's line says why: renew it (with its approving
    role's sign-off) or remove it. It is a warning, like an unused waiver: the
    findings that come back are what fails the check, so an expired waiver of
    a warning does not fail more than having no waiver would.

    Fails (checked on 2026-11-23):

        waivers:
          - {rule: copy-term, reason: Campaign wording, approved_by: marketing, expires: 2026-11-22}

    Passes (its last day):

        waivers:
          - {rule: copy-term, reason: Campaign wording, approved_by: marketing, expires: 2026-11-23}
    """
    for index, waiver in enumerate(launch.manifest.waivers or ()):
        found = standing(waiver, ctx.config, ctx.today, ctx.config_file)
        if found.state == "expired":
            yield Violation(
                ("waivers", index),
                f"waiver of {waiver.rule} {found.why}: what it covered counts again; "
                "renew expires (approved by "
                f"{waiver.approved_by}) or remove the waiver",
            )


def check_refused(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """A waiver the config does not allow is refused, and covers nothing.

    A waiver names a role under the config's `roles:` as `approved_by`, ends
    within the config's `waivers.max_days` (default 90) of the day of the
    check, and waives a rule that may be waived: never a sign-off (a waiver
    cannot replace an approval), a waiver rule, or a rule under the config's
    `waivers.never` (default: manifest-invalid and duplicate-id).

    Fails (checked on 2026-11-23: more than 90 days ahead):

        waivers:
          - {rule: copy-term, reason: Campaign wording, approved_by: marketing, expires: 2027-06-30}

    Fails (a sign-off cannot be waived):

        waivers:
          - {rule: signoff-missing, reason: Away, approved_by: product, expires: 2026-12-01}

    Passes:

        waivers:
          - {rule: copy-term, reason: Campaign wording, approved_by: marketing, expires: 2026-12-31}
    """
    for index, waiver in enumerate(launch.manifest.waivers or ()):
        found = standing(waiver, ctx.config, ctx.today, ctx.config_file)
        if found.state == "refused":
            yield Violation(("waivers", index), f"waiver of {waiver.rule} refused: {found.why}")


def check_unapproved(launches: list[Launch], ctx: Context) -> Iterator[tuple[Launch, Violation]]:
    """Each waiver in force that the pull request must approve and whose role has not."""
    for entry in ctx.signoffs or ():
        launch = entry.launch
        waivers = launch.manifest.waivers or []
        # In a merge group, each pull request's reviewers approve its own change.
        pull = f"pull request #{entry.group_pull[0]}: " if entry.group_pull else ""
        for signoff in entry.waivers:
            if signoff.state.state == "signed":
                continue
            waiver = waivers[signoff.index]
            message = f"{pull}waiver of {waiver.rule} not applied: {signoff.state.message}"
            yield launch, Violation(("waivers", signoff.index), message)


def check_unused(launches: list[Launch], ctx: Context) -> Iterator[tuple[Launch, Violation]]:
    """A waiver in force covers no finding: remove it.

    Like ESLint's `--report-unused-disable-directives`: once what a waiver
    excused is fixed, or its `where` names nothing that is reported, the
    waiver only hides the next problem of that kind. Waivers that are expired
    or refused have findings of their own instead. A launch with an invalid
    value left out is not checked for this: rules sit out such a launch, so
    its waivers may cover nothing for that reason alone.

    Fails (no copy uses a glossary word):

        waivers:
          - {rule: copy-term, reason: Campaign wording, approved_by: marketing, expires: 2026-12-31}

    Passes (the copy uses a banned word, and the waiver covers it):

        copy:
          - {channel: web.meta_description, text: "A revolutionary way to plan"}
        waivers:
          - {rule: copy-term, reason: Campaign wording, approved_by: marketing, expires: 2026-12-31}
    """
    for launch in launches:
        if launch.gaps is not None:
            continue
        for index, waiver in enumerate(launch.manifest.waivers or ()):
            if (launch.file, index) in ctx.waivers_used:
                continue
            if (
                ctx.waiver_approvals is not None
                and (launch.file, index) not in ctx.waiver_approvals
            ):
                continue  # waiting for its role's approval: waiver-unapproved says so
            if standing(waiver, ctx.config, ctx.today, ctx.config_file).state == "active":
                where = " where it says" if waiver.where is not None else ""
                message = f"waiver of {waiver.rule} covers no finding{where}: remove it"
                yield launch, Violation(("waivers", index), message)


def check_unverified(launches: list[Launch], ctx: Context) -> Iterator[tuple[Launch, Violation]]:
    """A waiver was applied, but its approval was not verified.

    A waiver counts only with its `approved_by` role's sign-off on the pull
    request that adds or changes it, which only a pull request's reviews can
    show. A run that did not verify it (`launchgate check`, offline) applies
    the waiver and says so, once per waiver that covered a finding, and says
    when the role has no users or teams, so nobody could approve it.

    Fails (offline, a waiver that covers a finding):

        copy:
          - {channel: web.meta_description, text: "A revolutionary way to plan"}
        waivers:
          - {rule: copy-term, reason: Campaign wording, approved_by: marketing, expires: 2026-12-31}

    Passes (no waiver):

        copy:
          - {channel: web.meta_description, text: "A revolutionary way to plan"}
    """
    if ctx.waiver_approvals is not None:  # the run verified them
        return
    for launch in launches:
        for index, waiver in enumerate(launch.manifest.waivers or ()):
            if (launch.file, index) in ctx.waivers_used:
                role = waiver.approved_by
                message = (
                    f"waiver of {waiver.rule} applied, its approval not verified: "
                    f"{role} must approve the pull request that adds or changes it"
                )
                members = ctx.config.roles[role]  # a waiver in force names a configured role
                if not (members.users or members.teams):
                    message += f"; {role} has no users or teams in {ctx.config_file} roles"
                yield launch, Violation(("waivers", index), message)


EXPIRED = Rule("waiver-expired", Severity.WARNING, check_expired, reads=())
REFUSED = Rule("waiver-refused", Severity.ERROR, check_refused, reads=())
UNUSED = Rule(
    "waiver-unused", Severity.WARNING, check_across=check_unused, reads=(), after_waivers=True
)
UNVERIFIED = Rule(
    "waiver-unverified",
    Severity.NOTICE,
    check_across=check_unverified,
    reads=(),
    after_waivers=True,
)
UNAPPROVED = Rule(
    "waiver-unapproved",
    Severity.ERROR,
    check_across=check_unapproved,
    reads=(),
    only="pull-request",
    doc="""A pull request adds or changes a waiver, and the waiver's role has not approved it.

    A waiver is an exception its `approved_by` role accepts, so the pull
    request that adds it, or changes any part of it (its rule, `where`,
    reason, role or expiry), needs that role's sign-off, under the rules of
    every sign-off: the author and anyone who contributed commits never
    count (unless `signoffs: {allow_contributors: true}`), and an approval
    goes stale by `signoffs.stale` like any approval of the launch. Until
    then the waiver covers nothing, so what it would cover counts, and this
    error on the waiver's line names who may approve. A waiver the base
    branch already holds was approved when it landed and needs nothing more;
    a waiver is known by its content, not its place in the list. On a
    release pull request, a launch it ships unchanged keeps the approval of
    each waiver from the pull request that last changed its manifest, if
    that one added or changed it, and any waiver no approved pull request
    brought needs its role's approval on the release. Checked by
    `launchgate ci`; offline, `waiver-unverified` says the approval was not
    verified.""",
)
