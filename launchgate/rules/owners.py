"""Rules about ownership: every deliverable, target and launch has a known owner."""

from __future__ import annotations

import re
from collections.abc import Iterator

from launchgate.findings import Severity
from launchgate.loader import PathKey
from launchgate.rules.base import Context, Launch, Violation, rule

# A GitHub user (@ann) or team (@acme/marketing).
HANDLE = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:/[A-Za-z0-9._-]+)?$")


def _owned(launch: Launch) -> Iterator[tuple[str, str | None, PathKey]]:
    """(what, owner, path) for everything in a launch that needs an owner."""
    manifest = launch.manifest
    for role, owner in sorted(manifest.owners.items()):
        yield f"the launch's {role} owner", owner, ("owners", role)
    for index, item in enumerate(manifest.collateral):
        yield item.id, item.owner, ("collateral", index, "owner")
    if manifest.metrics:
        for index, target in enumerate(manifest.metrics.targets):
            path = ("metrics", "targets", index, "owner")
            yield f"the {target.metric} target", target.owner, path


def check_missing(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """Every deliverable, metric target and launch has an owner.

    "Someone should…" is how work slips: a collateral item or a metric target
    without `owner:`, or a launch without `owners:`, has nobody to chase it.

    Fails:

        collateral:
          - {id: blog-post, type: blog_post, due: 2026-11-25}

    Passes:

        collateral:
          - {id: blog-post, type: blog_post, owner: "@david", due: 2026-11-25}
    """
    if not launch.manifest.owners:
        yield Violation(("owners",), 'the launch has no owners (e.g. owners: {product: "@ann"})')
    for what, owner, path in _owned(launch):
        if not owner:
            yield Violation(
                path, f"{what} is empty" if path[0] == "owners" else f"{what} has no owner"
            )


def check_unknown(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """Owners are GitHub handles that the config knows.

    An owner must look like `@user` or `@org/team`. When the config's `roles`
    list users and no teams, an owner who is in none of them is probably a
    typo. (Team membership cannot be read offline, so with teams configured
    only the handle's form is checked.)

    Fails:

        collateral:
          - {id: blog-post, type: blog_post, owner: "David", due: 2026-11-25}

    Passes:

        collateral:
          - {id: blog-post, type: blog_post, owner: "@david", due: 2026-11-25}
    """
    roles = ctx.config.roles.values()
    users = {user.casefold() for role in roles for user in role.users}
    teams = {team.casefold() for role in roles for team in role.teams}
    for what, owner, path in _owned(launch):
        if not owner:
            continue
        if not HANDLE.match(owner):
            yield Violation(path, f"{what} is {owner!r}, not a GitHub handle like @ann")
            continue
        name = owner[1:].casefold()
        if users and not teams and name not in users:
            yield Violation(path, f"{what} {owner} is in none of the roles in {ctx.config_file}")


MISSING = rule("owner-missing", Severity.ERROR, check_missing)
UNKNOWN = rule("owner-unknown", Severity.WARNING, check_unknown)
