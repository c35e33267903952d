"""Which required roles a pull request's reviews sign off, and why the others are not.

Pure logic: GitHub is reached through the two callables a `SignoffCheck` is
given (team membership, and the files changed since a commit), so every rule
of the brief is testable here without a server:

- only a reviewer's latest APPROVED / CHANGES_REQUESTED / DISMISSED review counts
  (a comment changes nothing; a dismissed review counts as nothing);
- the author never signs off, even when GitHub lists an approval of theirs;
- nor does anyone who contributed commits (github/contributors.py), unless
  `signoffs.allow_contributors`;
- a member's CHANGES_REQUESTED holds the role until they approve again;
- an approval goes stale by the `signoffs.stale` policy;
- a membership the token cannot read is said to be unknown, never guessed;
- a sign-off recorded in the manifest counts for a role whose `recorded_by`
  lists a role of the approver, on the pull request that adds the record.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from launchgate.config import Config, Role
from launchgate.github.client import Review
from launchgate.github.contributors import LISTED_AT_MOST, Contributors
from launchgate.signoff_records import Recorded, RecordNote, describe
from launchgate.signoff_state import RoleState

# login, "org/team" -> True (active member), False (not one), None (cannot tell)
MembershipLookup = Callable[[str, str], bool | None]
# commit -> the paths changed between it and the head, or None when that cannot be known
ChangesSince = Callable[[str], set[str] | None]
# the pull request's contributors, read when first needed (it costs a request)
ContributorsLookup = Callable[[], Contributors]
# commit -> why the changes since it cannot be known (None: no reason to give)
UnknownWhy = Callable[[str], str | None]


class ChangeLookup(Protocol):
    """A `ChangesSince` that can also say why it does not know."""

    def __call__(self, commit: str) -> set[str] | None: ...

    def why_unknown(self, commit: str) -> str | None: ...


_COUNTED = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")
# Of the recording roles' states, the one that says the most: a request for changes,
# then an approval gone stale.
_WORST_FIRST = ("rejected", "stale", "missing")


@dataclass
class SignoffCheck:
    """The sign-off decision for one pull request: its reviews, author and policy, and how
    to ask GitHub about teams and changes. `role_state` decides each required role."""

    config: Config
    config_file: str
    author: str
    head_sha: str
    reviews: list[Review]
    membership: MembershipLookup
    changes_since: ChangesSince
    # Required, so that no caller (a merge queue's pull requests, say) forgets it.
    contributors: ContributorsLookup
    unknown_why: UnknownWhy = lambda commit: None
    # Teams ("org/slug", lower case) that do not exist for the token that reads them;
    # filled in as memberships are looked up.
    unseen_teams: Collection[str] = ()
    _latest: dict[str, Review] = field(init=False)

    def __post_init__(self) -> None:
        self._latest = {}
        for review in self.reviews:  # oldest first: later ones replace earlier ones
            if review.state in _COUNTED and review.login:
                self._latest[review.login.lower()] = review

    def role_state(
        self, role: str, launch_files: set[str], records: Sequence[Recorded] = ()
    ) -> RoleState:
        """Where ROLE stands for a launch whose approval goes stale when LAUNCH_FILES change.

        Rejected while a member's latest review requests changes; else signed by a
        member whose latest review approves and is still valid (the role's listed
        users are asked first: each team lookup costs a request); stale when the
        only such approvals predate a change; else missing, with whose approvals
        did not count and why. A role the config lets other roles record
        (`recorded_by`) is also signed off by a sign-off RECORDS holds for it, when
        a member of a recording role approves (`_by_record`).
        """
        held = self._approval_state(role, launch_files)
        setting = self.config.roles.get(role)
        if held.state in ("signed", "rejected") or setting is None or not setting.recorded_by:
            return held
        mine = [recorded for recorded in records if recorded.record.role == role]
        hint = (
            "record a sign-off given outside GitHub under signoff_records: in the manifest, "
            f"approved by a member of {_names(setting.recorded_by, 'or')}"
        )
        if not (setting.users or setting.teams):  # recorded sign-offs are the only way
            held = replace(
                held, message=f"{role} has not signed off" + ("" if mine else f": {hint}")
            )
        elif not mine:
            held = replace(held, message=f"{held.message}; or {hint}")
        return self._by_record(role, held, mine, launch_files) if mine else held

    def _by_record(
        self, role: str, held: RoleState, mine: list[Recorded], launch_files: set[str]
    ) -> RoleState:
        """ROLE signed off by a record this pull request adds, which a member of a recording
        role approved under the usual rules; else where it stands, and why the record does
        not count.

        A record the base branch already holds signed off the launch as it was then. It
        does not sign off this pull request's change, just as an approval given on an
        earlier pull request does not.
        """
        setting = self.config.roles[role]
        new = [recorded.record for recorded in mine if recorded.new]
        if not new:
            record = max((recorded.record for recorded in mine), key=lambda r: r.on)
            why = "recorded before this change"
            note = (
                f"the sign-off by {describe(record)} was recorded before this pull request "
                f"changed the launch: record {role}'s sign-off of this version"
            )
            return replace(
                held, message=f"{held.message}; {note}", record=RecordNote(record, why_not=why)
            )
        record = max(new, key=lambda r: r.on)
        states = [self._approval_state(name, launch_files) for name in setting.recorded_by]
        signed = next((state for state in states if state.state == "signed"), None)
        if signed is not None:
            return RoleState(role, "signed", signed.who, record=RecordNote(record, signed.who[0]))
        worst = min(states, key=lambda state: _WORST_FIRST.index(state.state))
        recorders = _names(setting.recorded_by, "or")
        why = {
            "rejected": "held by a request for changes",
            "stale": "approved before a change",
            "missing": f"not approved by a member of {recorders}",
        }[worst.state]
        said = worst.message.removeprefix(f"{worst.role} has not signed off: ")
        note = f"the sign-off by {describe(record)} recorded in the manifest does not count: {said}"
        if held.state == "stale" or worst.state == "missing":
            return replace(
                held, message=f"{held.message}; {note}", record=RecordNote(record, why_not=why)
            )
        return RoleState(
            role, worst.state, worst.who, f"{role}: {note}", record=RecordNote(record, why_not=why)
        )

    def _approval_state(self, role: str, launch_files: set[str]) -> RoleState:
        """Where ROLE stands by its own members' reviews on this pull request."""
        setting = self.config.roles.get(role)
        if setting is None or not (setting.users or setting.teams):
            return RoleState(
                role,
                "missing",
                message=f"{role} must sign off, but {self.config_file} on the base branch "
                "maps it to no users or teams, so nobody can",
            )
        membership = _Membership(setting, self.membership)
        reviews = [
            review
            for login, review in self._latest.items()
            if review.state != "DISMISSED" and login != self.author.lower()
        ]
        rejecting = [
            r.login for r in reviews if r.state == "CHANGES_REQUESTED" and membership.of(r)
        ]
        if rejecting:
            return RoleState(
                role,
                "rejected",
                tuple(rejecting),
                f"{role}: {_names(rejecting)} requested changes and has not approved since",
            )
        # Team lookups cost a request each: the role's listed users are asked first, and
        # people listed in other roles last, so the first valid approval usually ends it.
        others = {
            u.lower() for name, r in self.config.roles.items() if name != role for u in r.users
        }
        approvals = sorted(
            (r for r in reviews if r.state == "APPROVED"),
            key=lambda r: (not membership.listed(r), r.login.lower() in others),
        )
        ignored: list[str] = []  # why a member's approval does not count
        for review in approvals:
            if not membership.of(review):
                continue
            why = self._not_theirs_to_sign(review.login)
            if why:
                ignored.append(why)
            elif self._still_valid(review, launch_files):
                return RoleState(role, "signed", (review.login,))
        stale = [r for r in approvals if membership.of(r) and not self._not_theirs_to_sign(r.login)]
        if stale:
            names = [r.login for r in stale]
            commits = ", ".join(sorted({r.commit[:7] for r in stale}))
            return RoleState(
                role,
                "stale",
                tuple(names),
                f"{role}: the approval by {_names(names)} was given on {commits}; "
                f"{self._what_changed(stale)}, so {_names(names)} must approve again"
                + "".join(f"; {why}" for why in ignored),
            )
        message = self._missing(role, setting, membership.unknown)
        return RoleState(role, "missing", message=message + "".join(f"; {w}" for w in ignored))

    def _not_theirs_to_sign(self, login: str) -> str:
        """Why LOGIN's approval does not count, for a contributor; "" when it counts."""
        if self.config.signoffs.allow_contributors:
            return ""
        found = self.contributors()
        contribution = found.of(login)
        if contribution is not None:
            return (
                f"the approval by {login} does not count: {contribution.reason(login)}, "
                "and nobody signs off their own work"
            )
        if not found.complete:
            return (
                f"the approval by {login} does not count: GitHub lists only the first "
                f"{LISTED_AT_MOST} commits of this pull request, so launchgate cannot tell "
                "whether they contributed (split the pull request)"
            )
        return ""

    def _still_valid(self, review: Review, launch_files: set[str]) -> bool:
        mode = self.config.signoffs.stale
        if mode == "never" or review.commit == self.head_sha:
            return True
        if mode == "any-commit" or not review.commit:
            return False
        changed = self.changes_since(review.commit)
        return changed is not None and not (changed & launch_files)

    def _what_changed(self, stale: list[Review]) -> str:
        if self.config.signoffs.stale == "any-commit":
            return "new commits were pushed since"
        reasons = [self.unknown_why(review.commit) for review in stale]
        known = sorted({reason for reason in reasons if reason is not None})
        if len(known) == len(reasons) > 0:  # no change seen, only one that cannot be ruled out
            return f"launchgate could not tell what changed since ({'; '.join(known)})"
        return "the launch changed since"

    def _missing(self, role: str, setting: Role, unknown: list[tuple[str, str]]) -> str:
        message = f"{role} has not signed off: {who_may_sign(setting, self.author)} must approve"
        author_review = self._latest.get(self.author.lower())
        if author_review is not None and author_review.state == "APPROVED":
            message += f"; the approval by the author {self.author} was ignored"
        elif self.author.lower() in {user.lower() for user in setting.users}:
            message += f" ({self.author} opened this pull request and cannot sign it off)"
        unseen = [team for team in setting.teams if team.lower() in self.unseen_teams]
        if unseen:
            message += (
                f"; {_names(unseen)} {'does' if len(unseen) == 1 else 'do'} not exist or the "
                "team-token cannot see "
                f"{'it' if len(unseen) == 1 else 'them'}: check the slug in {self.config_file} "
                "and that the token's owner is in that organisation"
            )
        if unknown:
            pairs = ", ".join(f"{login} in {team}" for login, team in unknown)
            message += (
                f"; approved by someone whose team membership could not be read ({pairs}): "
                "give the action a team-token that may read organisation members"
            )
        return message


class _Membership:
    """Is a reviewer in the role? Listed users need no lookup; teams are looked up once."""

    def __init__(self, setting: Role, lookup: MembershipLookup) -> None:
        self.users = {user.lower() for user in setting.users}
        self.teams = setting.teams
        self.lookup = lookup
        self.unknown: list[tuple[str, str]] = []
        self._known: dict[str, bool] = {}

    def listed(self, review: Review) -> bool:
        return review.login.lower() in self.users

    def of(self, review: Review) -> bool:
        login = review.login
        if login.lower() not in self._known:
            self._known[login.lower()] = self.listed(review) or self._in_a_team(login)
        return self._known[login.lower()]

    def _in_a_team(self, login: str) -> bool:
        for team in self.teams:
            answer = self.lookup(login, team)
            if answer:
                return True
            if answer is None:
                self.unknown.append((login, team))
        return False


def who_may_sign(setting: Role, author: str = "") -> str:
    """`ann, bob or any member of acme/marketing` (the author left out)."""
    people = [user for user in setting.users if user.lower() != author.lower()]
    choices = people + [f"any member of {team}" for team in setting.teams]
    return _names(choices, "or") if choices else "nobody but the author"


def _names(names: list[str] | tuple[str, ...], last: str = "and") -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {last} {names[-1]}"
