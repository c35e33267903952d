"""The accountability digest: per owner, what is overdue and what falls due soon.

"Someone should…" work slips because nobody sees it coming. The digest lists,
for each owner, the dated work that needs them:

- collateral that is not finished (`done` and `published` are finished), by
  its `owner` and `due` date: overdue when due before today, due soon when due
  from today through `today + days` (both ends included);
- a launch's release and announcement dates within the window, for each of
  the launch's `owners` (a milestone has no status, so it is never overdue:
  once its day has passed it is history, not work);
- waivers that end within the window (`expires`, their last day), for each
  member of the approving role as the config's `roles:` names them: its users,
  and its teams by name (`@acme/marketing`: the digest calls no API to list a
  team). A waiver past its last day is overdue until it is renewed or removed:
  its findings count again. A waiver the config refuses is left out (it never
  applied; `launchgate check` reports it).

Metric targets have owners but no dates, so they are not in the digest.
Work nobody owns goes into a group of its own ("no owner"): it is exactly
the work that slips.

Pure: launches, today and a window in, a `Digest` out; sorted, so the same
input renders byte for byte the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from launchgate.config import DIGEST_MAX_DAYS as MAX_DAYS
from launchgate.config import Config, Role
from launchgate.dated_work import ANNOUNCE, COLLATERAL, RELEASE, dated_work
from launchgate.launch import Launch
from launchgate.models import Waiver
from launchgate.repository import LoadProblem, problem_order
from launchgate.waivers import standing

SCHEMA = "launchgate.digest/v1"
WAIVER = "waiver"
# Work that stays in the digest after its day, until someone acts on it.
LINGERING = (COLLATERAL, WAIVER)


@dataclass(frozen=True)
class Item:
    """One piece of dated work for one owner."""

    kind: str  # "collateral", "release", "announce" or "waiver"
    due: dt.date
    launch: str  # the launch's id
    launch_name: str
    file: str
    line: int
    owner: str | None  # as written in the manifest, e.g. "@david"; None: nobody
    id: str | None = None  # the collateral's id
    type: str | None = None  # the collateral's type
    status: str | None = None  # the collateral's status
    roles: tuple[str, ...] = ()  # a milestone: the owner's roles in the launch; a waiver: its role
    version: str | None = None  # a release: its version
    waiver: Waiver | None = None  # a waiver: `due` is its last day

    def days_from(self, today: dt.date) -> int:
        """Days until due: negative when overdue."""
        return (self.due - today).days

    @property
    def order(self) -> tuple[dt.date, str, str, int, str]:
        return (self.due, self.launch, self.file, self.line, self.kind)


@dataclass(frozen=True)
class OwnerWork:
    owner: str | None  # None: the "no owner" group
    overdue: tuple[Item, ...]
    due: tuple[Item, ...]


@dataclass(frozen=True)
class Digest:
    today: dt.date
    days: int
    owners: tuple[OwnerWork, ...]  # "no owner" first, then owners by handle
    launches: int
    skipped: tuple[LoadProblem, ...] = ()  # manifests that could not be read

    @property
    def until(self) -> dt.date:
        return self.today + dt.timedelta(days=self.days)

    @property
    def overdue(self) -> int:
        return sum(len(work.overdue) for work in self.owners)

    @property
    def due(self) -> int:
        return sum(len(work.due) for work in self.owners)

    @property
    def empty(self) -> bool:
        return not self.owners


def owner_key(owner: str | None) -> str:
    """GitHub handles ignore case and the @: `@David` and `david` are one person."""
    return (owner or "").strip().removeprefix("@").casefold()


def build(
    launches: list[Launch],
    today: dt.date,
    days: int,
    skipped: list[LoadProblem] | None = None,
    config: Config | None = None,
) -> Digest:
    """The digest as of `today`; `config` names the roles that approve waivers (without one,
    no role exists, so every waiver is refused and none is listed)."""
    if not 0 <= days <= MAX_DAYS:
        raise ValueError(f"days must be 0 to {MAX_DAYS}, not {days}")
    until = today + dt.timedelta(days=days)
    settings = config or Config()
    items = [
        item
        for launch in launches
        for item in [*_work(launch), *_waivers(launch, settings, today)]
        if item.due <= until and (item.due >= today or item.kind in LINGERING)
    ]
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(owner_key(item.owner), []).append(item)
    owners = []
    for key in sorted(groups):  # "" (no owner) sorts first
        found = sorted(groups[key], key=lambda item: item.order)
        # One spelling per person, the same whichever manifest was read first.
        shown = min((i.owner for i in found if i.owner), default=None) if key else None
        owners.append(
            OwnerWork(
                shown,
                tuple(i for i in found if i.due < today),
                tuple(i for i in found if i.due >= today),
            )
        )
    return Digest(
        today, days, tuple(owners), len(launches), tuple(sorted(skipped or [], key=problem_order))
    )


def _work(launch: Launch) -> list[Item]:
    manifest = launch.manifest
    name = manifest.title
    # A milestone belongs to every owner of the launch, once per person.
    roles: dict[str, tuple[str, list[str]]] = {}
    for role, owner in sorted(manifest.owners.items()):
        if owner_key(owner):
            roles.setdefault(owner_key(owner), (str(owner), []))[1].append(role)
    people: list[tuple[str | None, tuple[str, ...]]] = [
        (owner, tuple(names)) for owner, names in roles.values()
    ] or [(None, ())]
    version = manifest.release.version if manifest.release else None
    items = []
    for work in dated_work(launch):
        entry = work.item
        if work.kind == COLLATERAL and entry is not None and not entry.finished:
            # The line of the deliverable, not of its date: the digest points at the work.
            line = launch.locate(work.path[:-1])[0]
            items.append(
                Item(
                    work.kind,
                    work.date,
                    manifest.id,
                    name,
                    launch.file,
                    line,
                    entry.owner or None,
                    id=entry.id,
                    type=entry.type,
                    status=entry.status,
                )
            )
        elif work.kind in (RELEASE, ANNOUNCE):
            line = launch.locate(work.path)[0]
            items += [
                Item(
                    work.kind,
                    work.date,
                    manifest.id,
                    name,
                    launch.file,
                    line,
                    owner,
                    roles=who,
                    version=version if work.kind == RELEASE else None,
                )
                for owner, who in people
            ]
    return items


def _waivers(launch: Launch, config: Config, today: dt.date) -> list[Item]:
    """Each waiver that applies or has expired, once for every member of its role."""
    manifest = launch.manifest
    items = []
    for index, waiver in enumerate(manifest.waivers or ()):  # None: a launch across launches
        if standing(waiver, config, today, "").state == "refused":
            continue
        line = launch.locate(("waivers", index))[0]
        members: list[str | None] = [*_members(config.roles[waiver.approved_by])] or [None]
        items += [
            Item(
                WAIVER,
                waiver.expires,
                manifest.id,
                manifest.title,
                launch.file,
                line,
                member,
                roles=(waiver.approved_by,),
                waiver=waiver,
            )
            for member in members
        ]
    return items


def _members(role: Role) -> list[str]:
    """The role's users and teams as handles (`@ann`, `@acme/marketing`), each person once."""
    seen: dict[str, str] = {}
    for name in [*role.users, *role.teams]:
        seen.setdefault(owner_key(name), f"@{name.removeprefix('@')}")
    return list(seen.values())
