"""Sign-off rules. Offline, launchgate can only say which roles must approve;
`launchgate ci` checks the approvals on the pull request."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from launchgate.days import with_year
from launchgate.findings import Severity, Subject
from launchgate.launch import Launch
from launchgate.loader import PathKey
from launchgate.rules.base import Context, Rule, Violation
from launchgate.signoff_records import describe
from launchgate.signoff_state import LaunchRoles, RoleState, State
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
        if role not in configured
        or not (configured[role].users or configured[role].teams or configured[role].recorded_by)
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


def check_record_invalid(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """A recorded sign-off names a role that may be recorded, and a day that has come.

    `signoff_records:` holds sign-offs given outside GitHub (by e-mail, in a
    ticket). Each names a role of the config's `roles` whose `recorded_by`
    lists the roles that may record it, and a day that is not after today.
    (`role`, `by`, `on` and `evidence` are required: a record missing one is
    `manifest-invalid`.)

    Fails (dated after today, with `recorded_by` set for legal):

        signoff_records:
          - {role: legal, by: Lena Weber, on: 2026-12-20, evidence: LEGAL-123}

    Passes (`roles: {legal: {recorded_by: [legal-ops]}, legal-ops: {users: [olga]}}`):

        signoff_records:
          - {role: legal, by: Lena Weber, on: 2026-11-20, evidence: LEGAL-123}
    """
    roles = ctx.config.roles
    for index, record in enumerate(launch.manifest.signoff_records):
        path: PathKey = ("signoff_records", index)
        subject = Subject(role=record.role)
        setting = roles.get(record.role)
        if setting is None:
            hint = did_you_mean(record.role, sorted(roles)) or (
                f"known: {', '.join(sorted(roles))}" if roles else "none is defined"
            )
            message = (
                f"a sign-off is recorded for unknown role {record.role!r} ({hint}); "
                f"roles are defined under roles: in {ctx.config_file}"
            )
            yield Violation((*path, "role"), message, subject=subject)
        elif not setting.recorded_by:
            message = (
                f"{record.role} sign-offs can't be recorded in the manifest: add recorded_by "
                f"to roles.{record.role} in {ctx.config_file}"
            )
            yield Violation((*path, "role"), message, subject=subject)
        if record.on > ctx.today:
            message = (
                f"the sign-off by {record.by} is dated {with_year(record.on)}, after today "
                f"({with_year(ctx.today)}): record a sign-off once it is given"
            )
            yield Violation((*path, "on"), message, subject=subject)


def check_recorded(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """A sign-off recorded in the manifest, and whether it counts.

    A record counts for its role only when a member of a role in the config's
    `recorded_by` for it approves the pull request that adds or changes it,
    under the usual rules (the author and the contributors never record; the
    approval goes stale by `signoffs.stale`). A record the base branch already
    holds signed off the launch as it was then, not a later change. Offline,
    each record is listed and not counted; `launchgate ci` says, for each
    launch the pull request changes, whether it counted and whose approval
    recorded it.

    Fails (a notice, offline: the record is not counted):

        signoff_records:
          - {role: legal, by: Lena Weber, on: 2026-11-20, evidence: LEGAL-123}

    Passes (nothing recorded):

        signoff_records: []
    """
    records = launch.manifest.signoff_records
    if not records:
        return
    entry = _entry(launch, ctx.signoffs) if ctx.signoffs is not None else None
    if ctx.signoffs is not None and entry is None:
        return  # a launch this pull request does not change: its records are not in question
    roles = ctx.config.roles
    for index, record in enumerate(records):
        setting = roles.get(record.role)
        if setting is None or not setting.recorded_by:
            continue  # signoff-record-invalid says why it can never count
        said = f"{record.role}: sign-off by {describe(record)} recorded here"
        if entry is None:
            recorders = " or ".join(setting.recorded_by)
            message = (
                f"{said}, not counted offline: it counts once a member of {recorders} "
                "approves the pull request that adds it"
            )
        else:
            state = next((s for s in entry.roles if s.role == record.role), None)
            message = _record_outcome(said, record.role, state, record)
        yield Violation(("signoff_records", index), message, subject=Subject(role=record.role))


def _entry(launch: Launch, entries: Sequence[LaunchRoles]) -> LaunchRoles | None:
    return next((entry for entry in entries if entry.launch.file == launch.file), None)


def _record_outcome(said: str, role: str, state: RoleState | None, record: object) -> str:
    """What became of a record on the pull request, given its role's state there."""
    if state is None:
        return f"{said}; this launch does not need {role}, so it counts for nothing"
    note = state.record
    if note is not None and note.record == record:
        if note.recorder:
            return f"{role}: signed off by {describe(note.record)}, recorded by {note.recorder}"
        return f"{said} does not count: {note.why_not}"
    if state.state == "signed":
        return f"{said}; {role} is signed off by {', '.join(state.who)} on the pull request"
    return f"{said}; another record of {role} is the one in question"


ROLE_UNKNOWN = Rule(
    "role-unknown", Severity.ERROR, check_across=check_role_unknown, reads={"checklist"}
)
UNVERIFIED = Rule(
    "signoff-unverified", Severity.NOTICE, check_unverified, reads={"checklist", "signoffs"}
)
RECORD_INVALID = Rule(
    "signoff-record-invalid", Severity.ERROR, check_record_invalid, reads={"signoff_records"}
)
RECORDED = Rule("signoff-recorded", Severity.NOTICE, check_recorded, reads={"signoff_records"})

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
