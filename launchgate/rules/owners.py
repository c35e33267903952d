"""Rules about ownership: every deliverable, target and launch has a known owner."""

from __future__ import annotations

import re
from collections.abc import Iterator

from launchgate.findings import Severity
from launchgate.launch import Launch
from launchgate.loader import PathKey
from launchgate.rules.base import Context, Rule, Violation

# A GitHub user (@ann) or team (@acme/marketing).
HANDLE = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:/[A-Za-z0-9._-]+)?$")


def _owned(launch: Launch) -> Iterator[tuple[str | None, PathKey]]:
    """(owner, path) for everything in a launch that needs an owner; `_what` names it."""
    manifest = launch.manifest
    for role, owner in sorted(manifest.owners.items()):
        yield owner, ("owners", role)
    for index, item in enumerate(manifest.collateral):
        yield item.owner, ("collateral", index, "owner")
    if manifest.metrics:
        for index, target in enumerate(manifest.metrics.targets):
            yield target.owner, ("metrics", "targets", index, "owner")


def _what(launch: Launch, path: PathKey) -> str:
    """How a message names what `_owned` gave this path for (only built for a finding)."""
    manifest = launch.manifest
    if path[0] == "owners":
        return f"the launch's {path[1]} owner"
    index = path[1] if path[0] == "collateral" else path[2]
    assert isinstance(index, int)
    if path[0] == "collateral":
        return manifest.collateral[index].id
    assert manifest.metrics is not None
    return f"the {manifest.metrics.targets[index].metric} target"


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
    for owner, path in _owned(launch):
        if not owner:
            what = _what(launch, path)
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
    verdicts = ctx.memo.get("owner-unknown")
    if verdicts is None:  # owner -> what is wrong with it, for the handful a repository uses
        verdicts = ctx.memo["owner-unknown"] = _Verdicts(ctx)
    for owner, path in _owned(launch):
        if owner:
            wrong = verdicts.of(owner)
            if wrong is not None:
                yield Violation(path, f"{_what(launch, path)} {wrong}")


class _Verdicts:
    """What, if anything, is wrong with an owner: worked out once per owner and run."""

    def __init__(self, ctx: Context) -> None:
        roles = ctx.config.roles.values()
        self.users = {user.casefold() for role in roles for user in role.users}
        self.teams = {team.casefold() for role in roles for team in role.teams}
        self.config_file = ctx.config_file
        self.known: dict[str, str | None] = {}

    def of(self, owner: str) -> str | None:
        if owner not in self.known:
            self.known[owner] = self._judge(owner)
        return self.known[owner]

    def _judge(self, owner: str) -> str | None:
        if not HANDLE.match(owner):
            return f"is {owner!r}, not a GitHub handle like @ann"
        if self.users and not self.teams and owner[1:].casefold() not in self.users:
            return f"{owner} is in none of the roles in {self.config_file}"
        return None


MISSING = Rule("owner-missing", Severity.ERROR, check_missing, reads=())
UNKNOWN = Rule("owner-unknown", Severity.WARNING, check_unknown, reads=())
