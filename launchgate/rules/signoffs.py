"""Sign-off rules. Offline, launchgate can only say which roles must approve;
`launchgate ci` checks the approvals on the pull request."""

from __future__ import annotations

from collections.abc import Iterator

from launchgate.findings import Severity, Subject
from launchgate.launch import Launch
from launchgate.loader import PathKey
from launchgate.rules.base import Context, Rule, Violation
from launchgate.signoff_state import State
from launchgate.wording import did_you_mean


def check_unverified(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """Sign-offs were not verified: this run had no pull request to read them from.

    A launch's required roles (its checklist's `signoffs` plus its own) are
    signed off by approving reviews on the pull request, which only
    `launchgate ci` can read. `launchgate check` lists the roles instead, and
    never counts them as given. A role that the config's `roles` does not map
    to any user or team could never be signed off, and the notice says so.

    Fails (offline, the checklist requires product and marketing):

        signoffs: [legal]

    Passes (a launch with no checklist that requires no sign-off):

        checklist: null
        signoffs: []
    """
    roles = launch.required_roles
    if not roles or ctx.signoffs is not None:  # a pull request's run verifies them
        return
    message = f"sign-offs not verified offline: {', '.join(roles)} must approve the pull request"
    configured = ctx.config.roles
    unmapped = [
        role
        for role in roles
        if role not in configured or not (configured[role].users or configured[role].teams)
    ]
    if unmapped:
        verb = "has" if len(unmapped) == 1 else "have"
        message += f"; {', '.join(unmapped)} {verb} no users or teams in {ctx.config_file} roles"
    yield Violation(("signoffs",) if launch.manifest.signoffs else ("id",), message)


def check_role_unknown(launches: list[Launch], ctx: Context) -> Iterator[tuple[Launch, Violation]]:
    """A role the manifest names exists: in the config's `roles`, or required by a checklist.

    `signoffs:` and the keys of `owners:` name roles. A name that neither the
    config's `roles`, nor any checklist in use, nor a built-in checklist knows
    is a typo (`legl` for `legal`): a sign-off nobody can give, or an owner
    nobody will look for. A role that a checklist requires but the config maps
    to nobody is known: it is reported as not verified offline, and as missing
    on a pull request.

    Fails:

        signoffs: [legl]

    Passes:

        signoffs: [legal]
    """
    known = set(ctx.config.roles) | ctx.builtin_roles
    for launch in launches:
        known.update(launch.checklist.signoffs if launch.checklist else [])
    candidates = sorted(known)
    for launch in launches:
        manifest = launch.manifest
        named: list[tuple[str, PathKey, bool]] = [
            (role, ("signoffs", index), False) for index, role in enumerate(manifest.signoffs)
        ]
        named += [(role, ("owners", role), True) for role in manifest.owners]
        for role, path, at_key in named:
            if role in known:
                continue
            hint = did_you_mean(role, candidates) or (
                f"known: {', '.join(candidates)}" if candidates else "none is defined"
            )
            message = (
                f"unknown role {role!r} ({hint}); roles are defined under roles: in "
                f"{ctx.config_file} or required by a checklist"
            )
            yield launch, Violation(path, message, at_key=at_key)


def check_missing(launches: list[Launch], ctx: Context) -> Iterator[tuple[Launch, Violation]]:
    return _in_state("missing", ctx)


def check_stale(launches: list[Launch], ctx: Context) -> Iterator[tuple[Launch, Violation]]:
    return _in_state("stale", ctx)


def check_rejected(launches: list[Launch], ctx: Context) -> Iterator[tuple[Launch, Violation]]:
    return _in_state("rejected", ctx)


def _in_state(state: State, ctx: Context) -> Iterator[tuple[Launch, Violation]]:
    """Each required role in `state`, from the sign-offs the run read from GitHub."""
    for entry in ctx.signoffs or ():
        launch = entry.launch
        manifest = launch.manifest
        # The roles come from the manifest's own `signoffs`, else from its checklist.
        where = (
            ("signoffs",)
            if manifest.signoffs
            else ("checklist",)
            if manifest.checklist
            else ("id",)
        )
        # In a merge group, each pull request's reviewers sign off on its own change.
        pull = f"pull request #{entry.group_pull[0]}: " if entry.group_pull else ""
        for role in entry.roles:
            if role.state == state:
                subject = Subject(role=role.role)
                yield launch, Violation(where, pull + role.message, subject=subject)


ROLE_UNKNOWN = Rule(
    "role-unknown", Severity.ERROR, check_across=check_role_unknown, reads={"checklist"}
)
UNVERIFIED = Rule(
    "signoff-unverified", Severity.NOTICE, check_unverified, reads={"checklist", "signoffs"}
)

MISSING = Rule(
    "signoff-missing",
    Severity.ERROR,
    check_across=check_missing,
    only="pull-request",
    doc="""A required role has no valid approval on the pull request.

    Roles map to GitHub users and teams in the config's `roles`. A role is
    signed off when one of its members has an APPROVED review that is still
    valid: only each reviewer's latest review counts, a dismissed review does
    not, and the pull request's author never signs off their own launch. Nor
    does anyone who wrote, committed or co-authored one of its commits, unless
    `signoffs: {allow_contributors: true}`: the message says whose approval did
    not count and why. Checked by `launchgate ci`.""",
)
STALE = Rule(
    "signoff-stale",
    Severity.ERROR,
    check_across=check_stale,
    only="pull-request",
    doc="""The only approval of a role predates a change to what it approved.

    With `signoffs: {stale: launch}` (the default) an approval goes stale when
    the launch's manifest, or a `source:` file it points at, changes after the
    reviewed commit; with `any-commit`, on any new commit; with `never`, not at
    all. Checked by `launchgate ci`.""",
)
REJECTED = Rule(
    "signoff-rejected",
    Severity.ERROR,
    check_across=check_rejected,
    only="pull-request",
    doc="""A member of a required role requested changes and has not approved since.

    Checked by `launchgate ci`.""",
)
