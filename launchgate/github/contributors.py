"""Who contributed to a pull request, so that nobody signs off their own work.

A contributor is a GitHub login that GitHub links to one of the pull
request's commits, read from one listing of them (`GET /pulls/{n}/commits`):

- its author, and its committer: whoever rebased and force-pushed the commits
  is their committer;
- not GitHub itself: `web-flow` commits what the web does (the merge button,
  the web editor) and is nobody; a merge it committed ("Update branch") brings
  in the base's commits, so the person who clicked the button is nobody too;
- people named in a `Co-authored-by:` line by a GitHub no-reply address
  (`123+mo@users.noreply.github.com`, or the older `mo@users.noreply.github.com`),
  which names the login itself. Any other e-mail links to nobody here: the
  REST API does not say whose it is, and its user search finds only public
  e-mails, at one request each (and 30 a minute), so it is not asked. (A
  co-author whose e-mail GitHub linked on another commit of the pull request
  is a contributor already, as that commit's author or committer.)

A commit whose author GitHub links to no login (an e-mail no account claims)
makes nobody a contributor. Naming someone as co-author only ever takes their
approval away, so a made-up trailer cannot sign anything off.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from launchgate.github.client import GitHubClient, PullCommit

GITHUB_ITSELF = "web-flow"
LISTED_AT_MOST = 250  # GitHub lists no more of a pull request's commits
_CO_AUTHOR = re.compile(r"^[ \t]*co-authored-by:[^<\n]*<([^>\n]+)>", re.I | re.M)
_NO_REPLY = re.compile(
    r"(?:\d+\+)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\[bot\])?)@users\.noreply\.github\.com", re.I
)


@dataclass(frozen=True)
class Contribution:
    how: str  # "wrote", "committed" or "co-authored"
    commit: str

    def reason(self, login: str) -> str:
        """`mo committed abc1234 to this pull request`."""
        short = self.commit[:7]
        if self.how == "co-authored":
            return f"{login} is named as co-author of {short}, a commit of this pull request"
        if self.how == "committed":
            return f"{login} committed {short} to this pull request"
        return f"{login} wrote {short}, a commit of this pull request"


@dataclass(frozen=True)
class Contributors:
    found: Mapping[str, Contribution] = field(default_factory=dict)  # by lower-case login
    complete: bool = True  # False: GitHub listed only the first 250 commits

    def of(self, login: str) -> Contribution | None:
        return self.found.get(login.lower())


NOBODY = Contributors()


def contributors(commits: list[PullCommit]) -> Contributors:
    """The contributors of a pull request whose commits (oldest first) are COMMITS."""
    found: dict[str, Contribution] = {}
    for commit in commits:
        by_github = commit.committer == GITHUB_ITSELF
        people = [] if by_github and commit.merge else [("wrote", commit.author)]
        if not by_github:
            people.append(("committed", commit.committer))
        for how, login in people:
            if login:
                found.setdefault(login.lower(), Contribution(how, commit.sha))
    for commit in commits:
        for email in _CO_AUTHOR.findall(commit.message):
            no_reply = _NO_REPLY.fullmatch(email.strip())
            if no_reply:
                found.setdefault(no_reply.group(1).lower(), Contribution("co-authored", commit.sha))
    return Contributors(found, complete=len(commits) < LISTED_AT_MOST)


class PullContributors:
    """A pull request's contributors, read on first use: one listing of its commits."""

    def __init__(self, client: GitHubClient, number: int) -> None:
        self.client = client
        self.number = number
        self._found: Contributors | None = None

    def __call__(self) -> Contributors:
        if self._found is None:
            self._found = contributors(self.client.pull_commits(self.number))
        return self._found
