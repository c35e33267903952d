"""The GitHub answers a pull-request run asks many times, each asked once.

Team membership per (login, team), and the files changed since a reviewed
commit: a launch with three roles and a release with ten launches ask the
same questions again, and each answer costs a request.
"""

from __future__ import annotations

from launchgate.github.client import COMPARE_FILES, ChangedFile, Forbidden, GitHubClient, NotFound


class TeamMemberships:
    """Team membership, asked once per (login, team); None when the token cannot read it.

    GitHub answers 404 both for "not a member" and for a team the token may not
    see. A team token is given to see teams, so its 404 means not a member, once
    the team itself answers (asked once per team: a typo in the slug or a token of
    another organisation is said, not read as "nobody is a member"). From the
    workflow's own token (which cannot read organisation teams) a 404 means
    nothing, and the finding says the membership could not be read.
    """

    def __init__(self, client: GitHubClient, trusted_404: bool) -> None:
        self.client = client
        self.trusted_404 = trusted_404
        self.cache: dict[tuple[str, str], bool | None] = {}
        self.visible: dict[str, bool] = {}
        self.unseen: set[str] = set()  # teams ("org/slug", lower case) the token cannot see

    def __call__(self, login: str, team: str) -> bool | None:
        key = (login.lower(), team.lower())
        if key not in self.cache:
            org, _, slug = team.partition("/")
            if not org or not slug:
                self.cache[key] = False  # not an org/team slug: nobody is a member
            else:
                try:
                    state = self.client.team_membership(org, slug, login)
                except Forbidden:
                    state = "unknown"
                if state is None and not self.trusted_404:
                    state = "unknown"
                elif state is None and not self._visible(org, slug):
                    self.unseen.add(team.lower())
                self.cache[key] = None if state == "unknown" else state == "active"
        return self.cache[key]

    def _visible(self, org: str, slug: str) -> bool:
        key = f"{org}/{slug}".lower()
        if key not in self.visible:
            try:
                self.visible[key] = self.client.team_visible(org, slug)
            except Forbidden:
                self.visible[key] = True  # may not ask: nothing to add to "not a member"
        return self.visible[key]


class ChangesSince:
    """Files changed between a reviewed commit and the head, one compare per commit."""

    def __init__(self, client: GitHubClient, head: str, prefix: str) -> None:
        self.client = client
        self.head = head
        self.prefix = prefix
        self.cache: dict[str, set[str] | None] = {}
        self.cut_short: set[str] = set()

    def why_unknown(self, commit: str) -> str | None:
        """Why the changes since `commit` are unknown, when it is not a change seen."""
        if commit in self.cut_short:
            return f"GitHub lists at most {COMPARE_FILES} changed files of a comparison"
        return None

    def __call__(self, commit: str) -> set[str] | None:
        if commit not in self.cache:
            try:
                status, everywhere = self.client.compare(commit, self.head)
            except NotFound:  # a commit GitHub no longer has (force-pushed away)
                self.cache[commit] = None
                return None
            files = within(everywhere, self.prefix)
            if len(everywhere) >= COMPARE_FILES:  # cut short: what changed is unknown
                self.cut_short.add(commit)
                self.cache[commit] = None
            elif status not in ("ahead", "identical"):  # a force-push (diverged)
                self.cache[commit] = None
            else:
                paths = {f.path for f in files} | {f.previous for f in files if f.previous}
                self.cache[commit] = paths
        return self.cache[commit]


def within(files: list[ChangedFile], prefix: str) -> list[ChangedFile]:
    """Changed files inside the checked folder, with paths relative to it."""
    if not prefix:
        return files
    inside = []
    for change in files:
        previous = change.previous
        if previous is not None:
            previous = previous.removeprefix(prefix) if previous.startswith(prefix) else None
        if change.path.startswith(prefix):
            inside.append(ChangedFile(change.path.removeprefix(prefix), change.status, previous))
    return inside
