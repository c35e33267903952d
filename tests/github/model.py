"""The fake GitHub's in-memory state: users, repositories as commit graphs, pull requests,
reviews, issues, comments, commit statuses and teams, with the arranging API tests use.

Nothing here speaks HTTP (``fake.py`` does) or JSON (``render.py`` does). Times come
from a fake clock (``World.now``, one second further at every event) so that runs are
reproducible; pass explicit ``datetime``s where a test cares.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import ClassVar, Literal

UTC = timezone.utc
CLOCK_START = datetime(2026, 11, 2, 9, 0, 0, tzinfo=UTC)
REVIEW_STATES = ("APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING")
BOT_IDS = {"github-actions[bot]": 41898282, "dependabot[bot]": 49699333}

Files = Mapping[str, "str | bytes | None"]


class Unset:
    """Marks an argument that was not given (None means something)."""


UNSET = Unset()


def blob_sha(data: bytes) -> str:
    """Git's object id of a blob with this content."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def node_id(kind: str, number: int) -> str:
    """A node id in GitHub's legacy format ("MDQ6VXNlcjE=" is "04:User1")."""
    return base64.b64encode(f"{len(kind):02d}:{kind}{number}".encode()).decode()


def as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


@dataclass
class User:
    login: str
    id: int
    type: str = "User"  # "User", "Bot" or "Organization"
    site_admin: bool = False
    name: str | None = None

    @property
    def is_bot(self) -> bool:
        return self.type == "Bot"


@dataclass
class Commit:
    sha: str
    parents: tuple[str, ...]
    tree: dict[str, bytes]  # the whole snapshot: path -> content
    message: str
    author: User | None  # the GitHub account the commit is attributed to
    date: datetime
    # Made by GitHub itself (a merge button, the web editor): committed by web-flow, signed.
    by_github: bool = False
    # The account GitHub links as committer: web-flow for GitHub's own commits, else
    # whoever made the commit object (who rebased it, say), or None for an unknown e-mail.
    committer: User | None = None


@dataclass
class Label:
    id: int
    name: str
    color: str = "ededed"
    # GitHub sends null for a label without one, but its description of pull requests
    # (pull-request-simple) says string: "" keeps within the contract.
    description: str = ""


@dataclass
class Comment:
    id: int
    repo: Repo = field(repr=False)
    issue_number: int
    user: User
    body: str
    created_at: datetime
    updated_at: datetime


@dataclass
class Status:
    id: int
    sha: str
    state: str
    context: str
    description: str | None
    target_url: str | None
    creator: User
    created_at: datetime
    updated_at: datetime


@dataclass
class Review:
    id: int
    user: User
    state: str
    commit_id: str | None
    submitted_at: datetime | None
    body: str = ""


@dataclass
class Team:
    id: int
    org: User
    slug: str
    name: str
    # login -> "active", "pending" or "maintainer" (an active maintainer)
    members: dict[str, str] = field(default_factory=dict)


@dataclass
class FileChange:
    filename: str
    status: str  # added, removed, modified, renamed
    old: bytes | None
    new: bytes | None
    previous_filename: str | None = None
    additions: int = 0
    deletions: int = 0
    patch: str | None = None

    @property
    def changes(self) -> int:
        return self.additions + self.deletions

    @property
    def sha(self) -> str:
        content = self.new if self.new is not None else self.old
        return blob_sha(content or b"")


@dataclass
class Milestone:
    id: int
    number: int
    title: str
    creator: User
    created_at: datetime
    due_on: datetime | None = None


@dataclass
class Issue:
    repo: Repo = field(repr=False)
    number: int
    id: int
    title: str
    user: User
    body: str | None
    labels: list[str]
    created_at: datetime
    updated_at: datetime
    state: str = "open"
    state_reason: str | None = None
    closed_at: datetime | None = None
    assignees: list[str] = field(default_factory=list)
    locked: bool = False
    milestone: Milestone | None = None

    @property
    def comments(self) -> list[Comment]:
        """This issue's (or pull request's) comments, oldest first."""
        return sorted(
            (c for c in self.repo.comments.values() if c.issue_number == self.number),
            key=lambda c: c.id,
        )

    def comment(self, user: str, body: str, *, created_at: datetime | None = None) -> Comment:
        """Add a comment as USER (a login; "name[bot]" makes a Bot)."""
        world = self.repo.world
        when = created_at or world.tick()
        comment = Comment(
            world.next_id("comment"), self.repo, self.number, world.user(user), body, when, when
        )
        self.repo.comments[comment.id] = comment
        self.updated_at = max(self.updated_at, when)
        return comment

    def close(self, reason: str = "completed") -> None:
        self.state, self.state_reason = "closed", reason
        self.closed_at = self.updated_at = self.repo.world.tick()


@dataclass
class Pull(Issue):
    base_sha: str = ""
    head_sha: str = ""
    head_ref: str = ""
    base_ref: str = "main"
    head_repo: Repo | None = field(default=None, repr=False)  # None: the same repository
    draft: bool = False
    reviews: list[Review] = field(default_factory=list)
    merged_at: datetime | None = None
    merged_by: User | None = None
    merge_commit_sha: str | None = None

    @property
    def merged(self) -> bool:
        return self.merged_at is not None

    def review(
        self,
        user: str,
        state: str,
        commit_id: str | None = None,
        *,
        submitted_at: datetime | None = None,
        body: str = "",
    ) -> Review:
        """A review by USER in STATE on COMMIT_ID (default: the current head)."""
        state = state.upper()
        assert state in REVIEW_STATES, f"review state {state!r} is not one of {REVIEW_STATES}"
        world = self.repo.world
        when = None if state == "PENDING" else (submitted_at or world.tick())
        review = Review(
            world.next_id("review"),
            world.user(user),
            state,
            commit_id or self.head_sha,
            when,
            body,
        )
        self.reviews.append(review)
        return review

    def dismiss(self, review: Review) -> None:
        review.state = "DISMISSED"

    def push(
        self,
        files: Files,
        *,
        message: str | None = None,
        author: str | None = None,
        committer: str | Unset | None = UNSET,
    ) -> str:
        """Commit FILES on top of the head (as a push to the head branch does); the new sha."""
        source = self.head_repo or self.repo
        sha = source.commit(
            files,
            parent=self.head_sha,
            message=message or "Update",
            author=author or self.user.login,
            committer=committer,
        )
        self._move_head(sha)
        return sha

    def update_branch(self, by: str) -> str:
        """GitHub's "Update branch" button (merge): BY authors a merge of the base branch
        into the head that GitHub commits (web-flow) and signs; the new head."""
        source = self.head_repo or self.repo
        base = self.repo.branches[self.base_ref]
        # What the base changed since the branches parted, on top of the head (no conflicts).
        fork_point = self.repo.merge_base(self.head_sha, base)
        before = self.repo.commits[fork_point].tree if fork_point else {}
        changes = _changes(before, self.repo.commits[base].tree)
        sha = source.commit(
            changes,
            parent=[self.head_sha, base],
            message=f"Merge branch '{self.base_ref}' into {self.head_ref}",
            author=by,
            by_github=True,
        )
        self.base_sha = base
        self._move_head(sha)
        return sha

    def rebase(self, by: str) -> str:
        """BY rebases the pull request's commits onto the base branch and force-pushes:
        each keeps its author and message, and BY is the committer of them all (merges are
        dropped, as git rebase drops them)."""
        source = self.head_repo or self.repo
        base = self.repo.branches[self.base_ref]
        tip = base
        for commit in self.commits():
            if len(commit.parents) > 1:
                continue
            parent_tree = self.repo.commits[commit.parents[0]].tree if commit.parents else {}
            tip = source.commit(
                _changes(parent_tree, commit.tree),
                parent=tip,
                message=commit.message,
                author=commit.author.login if commit.author else None,
                committer=by,
            )
        self.base_sha = base
        self._move_head(tip)
        return tip

    def _move_head(self, sha: str) -> None:
        source = self.head_repo or self.repo
        if source.branches.get(self.head_ref) == self.head_sha:
            source.branches[self.head_ref] = sha
        self.head_sha = sha
        self.updated_at = self.repo.world.tick()

    @property
    def merge_base(self) -> str | None:
        return self.repo.merge_base(self.base_sha, self.head_sha)

    def files(self) -> list[FileChange]:
        """What the pull request changes: from the merge base to the head."""
        base = self.merge_base
        old = self.repo.commits[base].tree if base else {}
        return diff_trees(old, self.repo.commits[self.head_sha].tree)

    def commits(self) -> list[Commit]:
        """The pull request's commits, oldest first."""
        return self.repo.commits_between(self.base_sha, self.head_sha)

    def merge(self, *, method: str = "merge", by: str | None = None) -> str:
        """Merge into the base branch (method "merge" or "squash"); the merge commit's sha."""
        assert self.state == "open" and not self.merged, "only an open pull request merges"
        repo = self.repo
        target = repo.branches[self.base_ref]
        changes = {
            change.filename: change.new for change in self.files() if change.status != "renamed"
        }
        for change in self.files():
            if change.status == "renamed":
                assert change.previous_filename is not None
                changes[change.previous_filename] = None
                changes[change.filename] = change.new
        parents: list[str] = [target, self.head_sha] if method == "merge" else [target]
        message = f"{self.title} (#{self.number})"
        sha = repo.commit(
            changes,
            parent=parents,
            message=message,
            author=by or self.user.login,
            by_github=True,  # the merge button: GitHub commits and signs it
        )
        repo.branches[self.base_ref] = sha
        world = repo.world
        self.merge_commit_sha = sha
        self.merged_by = world.user(by or repo.owner.login)
        self.merged_at = self.closed_at = self.updated_at = world.tick()
        self.state = "closed"
        return sha


class Repo:
    def __init__(
        self,
        world: World,
        full_name: str,
        *,
        default_branch: str = "main",
        private: bool = False,
        owner_type: str = "Organization",
        fork_of: Repo | None = None,
    ) -> None:
        owner, _, name = full_name.partition("/")
        assert owner and name and "/" not in name, f"{full_name!r} is not owner/name"
        self.world = world
        self.owner = world.user(owner, type=owner_type)
        self.name = name
        self.id = world.next_id("repo")
        self.default_branch = default_branch
        self.private = private
        self.fork_of = fork_of
        self.created_at = world.tick()
        # A fork shares its parent's objects, as forks on GitHub do.
        self.commits: dict[str, Commit] = fork_of.commits if fork_of else {}
        self.branches: dict[str, str] = {}
        self.tags: dict[str, str] = {}
        self.issues: dict[int, Issue] = {}
        self.comments: dict[int, Comment] = {}
        self.statuses: dict[str, list[Status]] = {}
        self.labels: dict[str, Label] = {}
        self.milestones: dict[int, Milestone] = {}
        self._serial = itertools.count(1)

    def __repr__(self) -> str:
        return f"Repo({self.full_name!r})"

    @property
    def full_name(self) -> str:
        return f"{self.owner.login}/{self.name}"

    @property
    def pulls(self) -> dict[int, Pull]:
        return {n: issue for n, issue in self.issues.items() if isinstance(issue, Pull)}

    # ---- commits -------------------------------------------------------------------------

    def commit(
        self,
        sha_or_files: str | Files | None = None,
        files: Files | None = None,
        *,
        parent: str | Sequence[str] | Unset | None = UNSET,
        branch: str | None = None,
        message: str | None = None,
        author: str | None = "octocat",
        date: datetime | None = None,
        by_github: bool = False,
        committer: str | Unset | None = UNSET,
    ) -> str:
        """Record a commit; returns its sha.

        ``repo.commit({"a.txt": "x", "old.txt": None})`` or ``repo.commit(SHA, {...})``:
        FILES change the parent's snapshot (``None`` deletes a path). Without ``parent``
        the commit goes on top of ``branch`` (default: the default branch; a new branch
        starts from the default branch), which then moves to it; with ``parent`` (a sha,
        a list of shas for a merge, or None for a root commit) no branch moves unless
        ``branch`` is given too. COMMITTER defaults to the author (web-flow when
        BY_GITHUB); None is a committer e-mail GitHub links to no account.
        """
        if isinstance(sha_or_files, str):
            sha: str | None = sha_or_files
        else:
            sha, files = None, sha_or_files if sha_or_files is not None else files
        if isinstance(parent, Unset):
            on = branch or self.default_branch
            start = self.branches.get(on) or self.branches.get(self.default_branch)
            parents: tuple[str, ...] = (start,) if start else ()
            branch = on
        elif parent is None:
            parents = ()
        elif isinstance(parent, str):
            parents = (self.resolve_required(parent),)
        else:
            parents = tuple(self.resolve_required(p) for p in parent)
        tree = dict(self.commits[parents[0]].tree) if parents else {}
        for path, content in (files or {}).items():
            path = path.strip("/")
            if content is None:
                tree.pop(path, None)
            else:
                tree[path] = as_bytes(content)
        serial = next(self._serial)
        text = message or f"Commit {serial}"
        if sha is None:
            seed = repr((self.full_name, parents, sorted(tree.items()), text, serial))
            sha = hashlib.sha1(seed.encode()).hexdigest()
        assert len(sha) == 40 and all(c in "0123456789abcdef" for c in sha), (
            f"a commit sha is 40 lowercase hex digits, not {sha!r}"
        )
        assert sha not in self.commits, f"commit {sha} exists"
        when = date or self.world.tick()
        who = self.world.user(author) if author else None
        if by_github:
            made_by: User | None = self.world.user("web-flow")
        elif isinstance(committer, Unset):
            made_by = who
        else:
            made_by = self.world.user(committer) if committer else None
        self.commits[sha] = Commit(sha, parents, tree, text, who, when, by_github, made_by)
        if branch is not None:
            self.branches[branch] = sha
        return sha

    def resolve(self, ref: str) -> str | None:
        """The sha a ref names: branch, tag, full or abbreviated (7+) sha; None if none."""
        for prefix in ("refs/heads/", "heads/"):
            if ref.startswith(prefix) and ref.removeprefix(prefix) in self.branches:
                return self.branches[ref.removeprefix(prefix)]
        if ref in self.branches:
            return self.branches[ref]
        tag = ref.removeprefix("refs/tags/").removeprefix("tags/")
        if tag in self.tags:
            return self.tags[tag]
        if ref in self.commits:
            return ref
        if len(ref) >= 7:
            found = [sha for sha in self.commits if sha.startswith(ref.lower())]
            if len(found) == 1:
                return found[0]
        return None

    def resolve_required(self, ref: str) -> str:
        sha = self.resolve(ref)
        assert sha is not None, f"{self.full_name} has no commit or branch {ref!r}"
        return sha

    def files_at_default(self) -> dict[str, bytes]:
        """The default branch's snapshot ({} while the repository is empty)."""
        sha = self.branches.get(self.default_branch)
        return self.commits[sha].tree if sha else {}

    def files_at(self, ref: str | None = None) -> dict[str, bytes]:
        return self.commits[self.resolve_required(ref or self.default_branch)].tree

    def ancestors(self, sha: str) -> set[str]:
        """SHA and every commit reachable from it."""
        seen: set[str] = set()
        todo = [sha]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self.commits[current].parents)
        return seen

    def merge_base(self, a: str, b: str) -> str | None:
        common = self.ancestors(a) & self.ancestors(b)
        best = [
            sha
            for sha in common
            if not any(sha in self.ancestors(other) - {other} for other in common)
        ]
        if not best:
            return None
        return max(best, key=lambda sha: (self.commits[sha].date, sha))

    def commits_between(self, base: str, head: str) -> list[Commit]:
        """Commits reachable from HEAD and not from BASE, oldest first."""
        excluded = self.ancestors(base)
        found = [self.commits[sha] for sha in self.ancestors(head) - excluded]
        return sorted(found, key=lambda c: (c.date, c.sha))

    def log(self, start: str, path: str | None = None) -> list[Commit]:
        """``git log START [-- PATH]``, newest first, with git's default history
        simplification: a merge that takes PATH unchanged from a parent follows only that
        parent and is not listed itself."""
        path = path.strip("/") if path else None
        listed: list[Commit] = []
        seen: set[str] = set()
        todo = [start]
        while todo:
            todo.sort(key=lambda sha: (self.commits[sha].date, sha))
            sha = todo.pop()
            if sha in seen:
                continue
            seen.add(sha)
            commit = self.commits[sha]
            parents = list(commit.parents)
            if path is None:
                listed.append(commit)
                todo.extend(parents)
                continue
            mine = _path_state(commit.tree, path)
            same = [p for p in parents if _path_state(self.commits[p].tree, path) == mine]
            if same:
                todo.append(same[0])  # TREESAME to a parent: not listed, follow that one
                continue
            if mine or parents:
                listed.append(commit)
            todo.extend(parents)
        return listed

    def commits_by_path(self, path: str, ref: str | None = None) -> list[str]:
        """The shas ``GET /commits?path=PATH&sha=REF`` lists, newest first."""
        return [c.sha for c in self.log(self.resolve_required(ref or self.default_branch), path)]

    # ---- pull requests, issues -----------------------------------------------------------

    def _number(self, number: int | None) -> int:
        if number is None:
            return max(self.issues, default=0) + 1
        assert number not in self.issues, f"#{number} exists in {self.full_name}"
        return number

    def milestone(self, title: str, due_on: datetime | None = None) -> Milestone:
        """A milestone (a release's target day, say) to set on issues and pull requests."""
        world = self.world
        number = len(self.milestones) + 1
        found = Milestone(
            world.next_id("milestone"), number, title, self.owner, world.tick(), due_on
        )
        self.milestones[number] = found
        return found

    def label(self, name: str, *, color: str = "ededed", description: str = "") -> Label:
        if name not in self.labels:
            self.labels[name] = Label(self.world.next_id("label"), name, color, description)
        return self.labels[name]

    def add_issue(
        self,
        title: str,
        body: str | None = None,
        *,
        author: str = "octocat",
        labels: Iterable[str] = (),
        number: int | None = None,
        state: str = "open",
    ) -> Issue:
        world = self.world
        when = world.tick()
        issue = Issue(
            self,
            self._number(number),
            world.next_id("issue"),
            title,
            world.user(author),
            body,
            [self.label(name).name for name in labels],
            when,
            when,
        )
        self.issues[issue.number] = issue
        if state == "closed":
            issue.close()
        return issue

    def add_pull(
        self,
        number: int | None = None,
        author: str = "octocat",
        base_sha: str | None = None,
        head_sha: str | None = None,
        head_ref: str = "feature",
        base_ref: str | None = None,
        *,
        labels: Iterable[str] = (),
        title: str | None = None,
        body: str | None = None,
        draft: bool = False,
        head_repo: Repo | str | None = None,
    ) -> Pull:
        """An open pull request HEAD_REF -> BASE_REF.

        BASE_SHA defaults to BASE_REF's head and HEAD_SHA to HEAD_REF's; HEAD_REF is set
        to HEAD_SHA when the branch does not exist. HEAD_REPO ("someone/app") makes it a
        pull request from a fork (created on first use, sharing this repository's commits).
        """
        world = self.world
        base_ref = base_ref or self.default_branch
        source = self
        if isinstance(head_repo, str):
            source = world.repos.get(head_repo) or world.add_repo(
                head_repo, fork_of=self, owner_type="User"
            )
        elif head_repo is not None:
            source = head_repo
        base = self.resolve_required(base_sha or base_ref)
        head = source.resolve_required(head_sha or head_ref)
        source.branches.setdefault(head_ref, head)
        when = world.tick()
        pull = Pull(
            self,
            self._number(number),
            world.next_id("pull"),
            title or f"Pull request from {head_ref}",
            world.user(author),
            body,
            [self.label(name).name for name in labels],
            when,
            when,
            base_sha=base,
            head_sha=head,
            head_ref=head_ref,
            base_ref=base_ref,
            head_repo=None if source is self else source,
            draft=draft,
        )
        self.issues[pull.number] = pull
        return pull

    def pulls_for_commit(self, sha: str) -> list[Pull]:
        """What ``GET /commits/{sha}/pulls`` lists: the merged pull requests that brought
        SHA into the default branch, or, when SHA is not there, the open ones holding it."""
        on_default = self.default_branch in self.branches and sha in self.ancestors(
            self.branches[self.default_branch]
        )
        found = []
        for pull in self.pulls.values():
            holds = sha == pull.merge_commit_sha or any(c.sha == sha for c in pull.commits())
            if holds and (pull.merged if on_default else pull.state == "open"):
                found.append(pull)
        return sorted(found, key=lambda p: p.number, reverse=True)

    def compare(self, base: str, head: str) -> Comparison:
        merge_base = self.merge_base(base, head)
        ahead = self.commits_between(base, head)
        behind = self.commits_between(head, base)
        if not ahead and not behind:
            status = "identical"
        elif not behind:
            status = "ahead"
        elif not ahead:
            status = "behind"
        else:
            status = "diverged"
        old = self.commits[merge_base].tree if merge_base else {}
        files = diff_trees(old, self.commits[head].tree)
        return Comparison(base, head, merge_base, status, ahead, len(behind), files)


@dataclass
class Comparison:
    base: str
    head: str
    merge_base: str | None
    status: Literal["ahead", "behind", "diverged", "identical"] | str
    commits: list[Commit]  # ahead of base, oldest first
    behind_by: int
    files: list[FileChange]


class World:
    """Everything the fake knows; ``FakeGitHub`` serves it."""

    def __init__(self) -> None:
        self.now = CLOCK_START
        self.users: dict[str, User] = {}
        self.repos: dict[str, Repo] = {}
        self.teams: dict[tuple[str, str], Team] = {}
        self._ids: dict[str, itertools.count[int]] = {}

    _ID_BASES: ClassVar[dict[str, int]] = {
        "user": 1000,
        "repo": 700_000_000,
        "issue": 2_100_000_000,
        "pull": 1_800_000_000,
        "review": 2_300_000_000,
        "comment": 2_500_000_000,
        "status": 30_000_000_000,
        "team": 9_000_000,
        "label": 6_000_000_000,
    }

    def next_id(self, kind: str) -> int:
        if kind not in self._ids:
            self._ids[kind] = itertools.count(self._ID_BASES.get(kind, 1) + 1)
        return next(self._ids[kind])

    def tick(self, seconds: float = 1) -> datetime:
        """The fake clock's time, which then moves on by SECONDS."""
        current = self.now
        self.now = current + timedelta(seconds=seconds)
        return current

    def user(self, login: str, *, type: str | None = None) -> User:
        """The user LOGIN, created on first mention ("x[bot]" is a Bot)."""
        if login not in self.users:
            kind = type or ("Bot" if login.endswith("[bot]") else "User")
            number = BOT_IDS.get(login) or self.next_id("user")
            self.users[login] = User(login, number, kind)
        return self.users[login]

    def add_repo(
        self,
        full_name: str,
        *,
        default_branch: str = "main",
        private: bool = False,
        owner_type: str = "Organization",
        fork_of: Repo | None = None,
    ) -> Repo:
        assert full_name not in self.repos, f"{full_name} exists"
        repo = Repo(
            self,
            full_name,
            default_branch=default_branch,
            private=private,
            owner_type=owner_type,
            fork_of=fork_of,
        )
        self.repos[full_name] = repo
        return repo

    def repo(self, full_name: str) -> Repo:
        return self.repos[full_name]

    def team(
        self,
        org: str,
        slug: str,
        members: Mapping[str, str] | Iterable[str] = (),
        *,
        name: str | None = None,
    ) -> Team:
        """The team ORG/SLUG with MEMBERS ({login: "active"|"pending"|"maintainer"} or
        logins, all active); calling it again adds members."""
        key = (org, slug)
        if key not in self.teams:
            owner = self.user(org, type="Organization")
            self.teams[key] = Team(self.next_id("team"), owner, slug, name or slug)
        team = self.teams[key]
        given = members if isinstance(members, Mapping) else dict.fromkeys(members, "active")
        for login, state in given.items():
            assert state in ("active", "pending", "maintainer"), state
            self.user(login)
            team.members[login] = state
        return team

    def is_org_member(self, org: str, login: str) -> bool:
        return any(
            team.org.login == org and team.members.get(login) in ("active", "maintainer")
            for team in self.teams.values()
        )


def _path_state(tree: Mapping[str, bytes], path: str) -> tuple[tuple[str, bytes], ...]:
    """What a snapshot holds at PATH (a file or everything under a directory)."""
    prefix = path + "/"
    return tuple(
        sorted(
            (name, data) for name, data in tree.items() if name == path or name.startswith(prefix)
        )
    )


def is_text(data: bytes) -> bool:
    if b"\0" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _line_diff(old: bytes, new: bytes) -> tuple[int, int, str | None]:
    if not (is_text(old) and is_text(new)):
        return 0, 0, None
    before = old.decode("utf-8").splitlines()
    after = new.decode("utf-8").splitlines()
    lines = list(difflib.unified_diff(before, after, n=3, lineterm=""))[2:]
    additions = sum(1 for line in lines if line.startswith("+"))
    deletions = sum(1 for line in lines if line.startswith("-"))
    return additions, deletions, "\n".join(lines) if lines else None


def _changes(old: Mapping[str, bytes], new: Mapping[str, bytes]) -> dict[str, bytes | None]:
    """The FILES argument of a commit that turns snapshot OLD into NEW."""
    changes: dict[str, bytes | None] = {path: None for path in old.keys() - new.keys()}
    changes |= {path: data for path, data in new.items() if old.get(path) != data}
    return changes


def diff_trees(old: Mapping[str, bytes], new: Mapping[str, bytes]) -> list[FileChange]:
    """The files that differ between two snapshots, by name, as GitHub lists them
    (exact renames detected)."""
    removed = {path: old[path] for path in old.keys() - new.keys()}
    added = {path: new[path] for path in new.keys() - old.keys()}
    changes: list[FileChange] = []
    for path in sorted(added):
        source = next((p for p in sorted(removed) if removed[p] == added[path]), None)
        if source is not None:
            del removed[source]
            changes.append(
                FileChange(path, "renamed", old[source], new[path], previous_filename=source)
            )
            continue
        additions, deletions, patch = _line_diff(b"", new[path])
        changes.append(
            FileChange(path, "added", None, new[path], None, additions, deletions, patch)
        )
    for path in removed:
        additions, deletions, patch = _line_diff(old[path], b"")
        changes.append(
            FileChange(path, "removed", old[path], None, None, additions, deletions, patch)
        )
    for path in sorted(old.keys() & new.keys()):
        if old[path] != new[path]:
            additions, deletions, patch = _line_diff(old[path], new[path])
            changes.append(
                FileChange(
                    path, "modified", old[path], new[path], None, additions, deletions, patch
                )
            )
    return sorted(changes, key=lambda change: change.filename)
