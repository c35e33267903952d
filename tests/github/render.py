"""JSON bodies as GitHub's REST API writes them, built from the fake's model.

One ``Render`` per request: ``api`` is the API root the client used (with ``/api/v3``
when it came through the GitHub Enterprise prefix) so that every ``url`` the client may
follow leads back to the fake; ``web`` is where ``html_url``s point. Every object carries
the fields ``openapi/subset.json`` marks required (the fake validates each response).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote

from tests.github.model import (
    Comment,
    Commit,
    Comparison,
    FileChange,
    Issue,
    Label,
    Milestone,
    Pull,
    Repo,
    Review,
    Status,
    Team,
    User,
    World,
    blob_sha,
    node_id,
)

Json = dict[str, Any]
# GitHub sends file contents base64-encoded in lines of 60 characters.
BASE64_LINE = 60
# Over 1 MB the contents API sends no content (encoding "none").
CONTENT_LIMIT = 1024 * 1024


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def github_base64(data: bytes) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    lines = [encoded[i : i + BASE64_LINE] for i in range(0, len(encoded), BASE64_LINE)]
    return "".join(line + "\n" for line in lines)


def association(world: World, repo: Repo, user: User) -> str:
    if user.login == repo.owner.login:
        return "OWNER"
    if world.is_org_member(repo.owner.login, user.login):
        return "MEMBER"
    return "CONTRIBUTOR"


class Render:
    def __init__(self, world: World, api: str, web: str) -> None:
        self.world = world
        self.api = api.rstrip("/")
        self.web = web.rstrip("/")

    # ---- people --------------------------------------------------------------------------

    def user(self, user: User) -> Json:
        api = f"{self.api}/users/{quote(user.login)}"
        if user.is_bot:
            html = f"{self.web}/apps/{quote(user.login.removesuffix('[bot]'))}"
        else:
            html = f"{self.web}/{quote(user.login)}"
        return {
            "login": user.login,
            "id": user.id,
            "node_id": node_id("Bot" if user.is_bot else "User", user.id),
            "avatar_url": f"https://avatars.githubusercontent.com/u/{user.id}?v=4",
            "gravatar_id": "",
            "url": api,
            "html_url": html,
            "followers_url": f"{api}/followers",
            "following_url": f"{api}/following{{/other_user}}",
            "gists_url": f"{api}/gists{{/gist_id}}",
            "starred_url": f"{api}/starred{{/owner}}{{/repo}}",
            "subscriptions_url": f"{api}/subscriptions",
            "organizations_url": f"{api}/orgs",
            "repos_url": f"{api}/repos",
            "events_url": f"{api}/events{{/privacy}}",
            "received_events_url": f"{api}/received_events",
            "type": user.type,
            "user_view_type": "public",
            "site_admin": user.site_admin,
        }

    def public_user(self, user: User) -> Json:
        """``GET /user`` (the public view: the private one matches both of the
        description's oneOf branches, which GitHub's own schema then rejects)."""
        return {
            **self.user(user),
            "name": user.name,
            "company": None,
            "blog": "",
            "location": None,
            "email": None,
            "hireable": None,
            "bio": None,
            "twitter_username": None,
            "public_repos": sum(r.owner is user for r in self.world.repos.values()),
            "public_gists": 0,
            "followers": 0,
            "following": 0,
            "created_at": "2020-01-01T00:00:00Z",
            "updated_at": iso(self.world.now),
        }

    def team_membership(self, team: Team, login: str) -> Json:
        state = team.members[login]
        return {
            "url": f"{self.api}/organizations/{team.org.id}/team/{team.id}/memberships/{login}",
            "role": "maintainer" if state == "maintainer" else "member",
            "state": "pending" if state == "pending" else "active",
        }

    def team(self, team: Team) -> Json:
        """``GET /orgs/{org}/teams/{team_slug}`` (team-full)."""
        org = team.org
        org_api = f"{self.api}/orgs/{quote(org.login)}"
        api = f"{self.api}/organizations/{org.id}/team/{team.id}"
        created = "2020-01-01T00:00:00Z"
        return {
            "id": team.id,
            "node_id": node_id("Team", team.id),
            "url": api,
            "html_url": f"{self.web}/orgs/{quote(org.login)}/teams/{quote(team.slug)}",
            "name": team.name,
            "slug": team.slug,
            "description": None,
            "privacy": "closed",
            "notification_setting": "notifications_enabled",
            "permission": "pull",
            "members_url": f"{api}/members{{/member}}",
            "repositories_url": f"{api}/repos",
            "parent": None,
            "members_count": len(team.members),
            "repos_count": 0,
            "created_at": created,
            "updated_at": created,
            "type": "organization",
            "organization_id": org.id,
            "organization": {
                "login": org.login,
                "id": org.id,
                "node_id": node_id("Organization", org.id),
                "url": org_api,
                "repos_url": f"{org_api}/repos",
                "events_url": f"{org_api}/events",
                "hooks_url": f"{org_api}/hooks",
                "issues_url": f"{org_api}/issues",
                "members_url": f"{org_api}/members{{/member}}",
                "public_members_url": f"{org_api}/public_members{{/member}}",
                "avatar_url": f"https://avatars.githubusercontent.com/u/{org.id}?v=4",
                "description": None,
                "html_url": f"{self.web}/{quote(org.login)}",
                "has_organization_projects": True,
                "has_repository_projects": True,
                "public_repos": 0,
                "public_gists": 0,
                "followers": 0,
                "following": 0,
                "created_at": created,
                "updated_at": created,
                "archived_at": None,
                "type": "Organization",
            },
        }

    # ---- repositories --------------------------------------------------------------------

    def repo(self, repo: Repo, *, full: bool = False) -> Json:
        api = f"{self.api}/repos/{repo.full_name}"
        html = f"{self.web}/{repo.full_name}"
        host = self.web.split("://", 1)[-1]
        pushed = max((c.date for c in repo.commits.values()), default=repo.created_at)
        body: Json = {
            "id": repo.id,
            "node_id": node_id("Repository", repo.id),
            "name": repo.name,
            "full_name": repo.full_name,
            "private": repo.private,
            "owner": self.user(repo.owner),
            "html_url": html,
            "description": None,
            "fork": repo.fork_of is not None,
            "url": api,
            "forks_url": f"{api}/forks",
            "keys_url": f"{api}/keys{{/key_id}}",
            "collaborators_url": f"{api}/collaborators{{/collaborator}}",
            "teams_url": f"{api}/teams",
            "hooks_url": f"{api}/hooks",
            "issue_events_url": f"{api}/issues/events{{/number}}",
            "events_url": f"{api}/events",
            "assignees_url": f"{api}/assignees{{/user}}",
            "branches_url": f"{api}/branches{{/branch}}",
            "tags_url": f"{api}/tags",
            "blobs_url": f"{api}/git/blobs{{/sha}}",
            "git_tags_url": f"{api}/git/tags{{/sha}}",
            "git_refs_url": f"{api}/git/refs{{/sha}}",
            "trees_url": f"{api}/git/trees{{/sha}}",
            "statuses_url": f"{api}/statuses/{{sha}}",
            "languages_url": f"{api}/languages",
            "stargazers_url": f"{api}/stargazers",
            "contributors_url": f"{api}/contributors",
            "subscribers_url": f"{api}/subscribers",
            "subscription_url": f"{api}/subscription",
            "commits_url": f"{api}/commits{{/sha}}",
            "git_commits_url": f"{api}/git/commits{{/sha}}",
            "comments_url": f"{api}/comments{{/number}}",
            "issue_comment_url": f"{api}/issues/comments{{/number}}",
            "contents_url": f"{api}/contents/{{+path}}",
            "compare_url": f"{api}/compare/{{base}}...{{head}}",
            "merges_url": f"{api}/merges",
            "archive_url": f"{api}/{{archive_format}}{{/ref}}",
            "downloads_url": f"{api}/downloads",
            "issues_url": f"{api}/issues{{/number}}",
            "pulls_url": f"{api}/pulls{{/number}}",
            "milestones_url": f"{api}/milestones{{/number}}",
            "notifications_url": f"{api}/notifications{{?since,all,participating}}",
            "labels_url": f"{api}/labels{{/name}}",
            "releases_url": f"{api}/releases{{/id}}",
            "deployments_url": f"{api}/deployments",
            "created_at": iso(repo.created_at),
            "updated_at": iso(pushed),
            "pushed_at": iso(pushed),
            "git_url": f"git://{host}/{repo.full_name}.git",
            "ssh_url": f"git@{host}:{repo.full_name}.git",
            "clone_url": f"{html}.git",
            "svn_url": html,
            "homepage": None,
            "size": sum(len(data) for data in repo.files_at_default().values()) // 1024,
            "stargazers_count": 0,
            "watchers_count": 0,
            "language": None,
            "has_issues": True,
            "has_projects": True,
            "has_downloads": True,
            "has_wiki": True,
            "has_pages": False,
            "has_discussions": False,
            "forks_count": 0,
            "mirror_url": None,
            "archived": False,
            "disabled": False,
            "open_issues_count": sum(i.state == "open" for i in repo.issues.values()),
            "license": None,
            "allow_forking": True,
            "is_template": False,
            "web_commit_signoff_required": False,
            "topics": [],
            "visibility": "private" if repo.private else "public",
            "forks": 0,
            "open_issues": sum(i.state == "open" for i in repo.issues.values()),
            "watchers": 0,
            "default_branch": repo.default_branch,
        }
        if full:
            body |= {
                "network_count": 0,
                "subscribers_count": 0,
                "temp_clone_token": None,
                "allow_squash_merge": True,
                "allow_merge_commit": True,
                "allow_rebase_merge": True,
                "allow_auto_merge": False,
                "delete_branch_on_merge": False,
            }
            if repo.fork_of is not None:
                body["parent"] = self.repo(repo.fork_of)
                body["source"] = self.repo(repo.fork_of)
        return body

    # ---- contents ------------------------------------------------------------------------

    def _content_links(self, repo: Repo, kind: str, path: str, ref: str, sha: str) -> Json:
        api = f"{self.api}/repos/{repo.full_name}"
        web_kind = "tree" if kind == "dir" else "blob"
        git_kind = "trees" if kind == "dir" else "blobs"
        self_url = f"{api}/contents/{quote(path)}?ref={quote(ref, safe='')}"
        html = f"{self.web}/{repo.full_name}/{web_kind}/{quote(ref)}/{quote(path)}"
        git = f"{api}/git/{git_kind}/{sha}"
        return {
            "url": self_url,
            "html_url": html,
            "git_url": git,
            "_links": {"self": self_url, "git": git, "html": html},
        }

    def content_entry(self, repo: Repo, tree: dict[str, bytes], path: str, ref: str) -> Json:
        """An entry of a directory listing (no content)."""
        if path in tree:
            kind, sha, size = "file", blob_sha(tree[path]), len(tree[path])
        else:
            kind, sha, size = "dir", tree_sha(tree, path), 0
        links = self._content_links(repo, kind, path, ref, sha)
        download = None
        if kind == "file":
            download = self._raw_url(repo, ref, path)
        return {
            "name": path.rsplit("/", 1)[-1],
            "path": path,
            "sha": sha,
            "size": size,
            "url": links["url"],
            "html_url": links["html_url"],
            "git_url": links["git_url"],
            "download_url": download,
            "type": kind,
            "_links": links["_links"],
        }

    def _raw_url(self, repo: Repo, ref: str, path: str) -> str:
        return f"https://raw.githubusercontent.com/{repo.full_name}/{quote(ref)}/{quote(path)}"

    def content_file(self, repo: Repo, tree: dict[str, bytes], path: str, ref: str) -> Json:
        data = tree[path]
        entry = self.content_entry(repo, tree, path, ref)
        if len(data) > CONTENT_LIMIT:
            return {**entry, "content": "", "encoding": "none"}
        return {**entry, "content": github_base64(data), "encoding": "base64"}

    # ---- commits -------------------------------------------------------------------------

    def commit(
        self, repo: Repo, commit: Commit, *, files: Sequence[FileChange] | None = None
    ) -> Json:
        api = f"{self.api}/repos/{repo.full_name}"
        who = commit.author
        git_user = self._git_user(commit.author, commit)
        if commit.by_github:
            git_committer = {**git_user, "name": "GitHub", "email": "noreply@github.com"}
        else:
            git_committer = self._git_user(commit.committer, commit)
        tree = tree_sha(commit.tree, "")
        body: Json = {
            "url": f"{api}/commits/{commit.sha}",
            "sha": commit.sha,
            "node_id": node_id("Commit", int(commit.sha[:7], 16)),
            "html_url": f"{self.web}/{repo.full_name}/commit/{commit.sha}",
            "comments_url": f"{api}/commits/{commit.sha}/comments",
            "commit": {
                "url": f"{api}/git/commits/{commit.sha}",
                "author": git_user,
                "committer": git_committer,
                "message": commit.message,
                "tree": {"sha": tree, "url": f"{api}/git/trees/{tree}"},
                "comment_count": 0,
                "verification": _verification(commit),
            },
            "author": self.user(who) if who else None,
            "committer": self.user(commit.committer) if commit.committer else None,
            "parents": [
                {
                    "sha": parent,
                    "url": f"{api}/commits/{parent}",
                    "html_url": f"{self.web}/{repo.full_name}/commit/{parent}",
                }
                for parent in commit.parents
            ],
        }
        if files is not None:
            body["stats"] = {
                "additions": sum(f.additions for f in files),
                "deletions": sum(f.deletions for f in files),
                "total": sum(f.changes for f in files),
            }
            body["files"] = [self.diff_entry(repo, commit.sha, f) for f in files]
        return body

    def _git_user(self, who: User | None, commit: Commit) -> Json:
        """A commit's git author or committer: a linked account's no-reply e-mail, else an
        address GitHub links to nobody."""
        return {
            "name": who.name or who.login if who else "Someone",
            "email": f"{who.id}+{who.login}@users.noreply.github.com"
            if who
            else "someone@example.com",
            "date": iso(commit.date),
        }

    def diff_entry(self, repo: Repo, head: str, change: FileChange) -> Json:
        api = f"{self.api}/repos/{repo.full_name}"
        path = quote(change.filename)
        entry: Json = {
            "sha": change.sha,
            "filename": change.filename,
            "status": change.status,
            "additions": change.additions,
            "deletions": change.deletions,
            "changes": change.changes,
            "blob_url": f"{self.web}/{repo.full_name}/blob/{head}/{path}",
            "raw_url": f"{self.web}/{repo.full_name}/raw/{head}/{path}",
            "contents_url": f"{api}/contents/{path}?ref={head}",
        }
        if change.patch is not None:
            entry["patch"] = change.patch
        if change.previous_filename is not None:
            entry["previous_filename"] = change.previous_filename
        return entry

    def comparison(
        self, repo: Repo, comparison: Comparison, commits: Sequence[Commit], with_files: bool
    ) -> Json:
        base_commit = repo.commits[comparison.base]
        merge_base = repo.commits[comparison.merge_base] if comparison.merge_base else base_commit
        basehead = f"{comparison.base}...{comparison.head}"
        web = f"{self.web}/{repo.full_name}/compare/{basehead}"
        body: Json = {
            "url": f"{self.api}/repos/{repo.full_name}/compare/{basehead}",
            "html_url": web,
            "permalink_url": f"{self.web}/{repo.full_name}/compare/{repo.owner.login}:{basehead}",
            "diff_url": f"{web}.diff",
            "patch_url": f"{web}.patch",
            "base_commit": self.commit(repo, base_commit),
            "merge_base_commit": self.commit(repo, merge_base),
            "status": comparison.status,
            "ahead_by": len(comparison.commits),
            "behind_by": comparison.behind_by,
            "total_commits": len(comparison.commits),
            "commits": [self.commit(repo, commit) for commit in commits],
        }
        if with_files:
            body["files"] = [
                self.diff_entry(repo, comparison.head, f) for f in comparison.files[:300]
            ]
        return body

    def status(self, repo: Repo, status: Status) -> Json:
        return {
            "url": f"{self.api}/repos/{repo.full_name}/statuses/{status.sha}",
            "avatar_url": f"https://avatars.githubusercontent.com/u/{status.creator.id}?v=4",
            "id": status.id,
            "node_id": node_id("StatusContext", status.id),
            "state": status.state,
            "description": status.description,
            "target_url": status.target_url,
            "context": status.context,
            "created_at": iso(status.created_at),
            "updated_at": iso(status.updated_at),
            "creator": self.user(status.creator),
        }

    # ---- issues, pull requests -----------------------------------------------------------

    def label(self, repo: Repo, label: Label) -> Json:
        return {
            "id": label.id,
            "node_id": node_id("Label", label.id),
            "url": f"{self.api}/repos/{repo.full_name}/labels/{quote(label.name)}",
            "name": label.name,
            "description": label.description,
            "color": label.color,
            "default": False,
        }

    def milestone(self, repo: Repo, milestone: Milestone | None) -> Json | None:
        if milestone is None:
            return None
        url = f"{self.api}/repos/{repo.full_name}/milestones/{milestone.number}"
        issues = [i for i in repo.issues.values() if i.milestone is milestone]
        return {
            "url": url,
            "html_url": f"{self.web}/{repo.full_name}/milestone/{milestone.number}",
            "labels_url": f"{url}/labels",
            "id": milestone.id,
            "node_id": node_id("Milestone", milestone.id),
            "number": milestone.number,
            "state": "open",
            "title": milestone.title,
            "description": None,
            "creator": self.user(milestone.creator),
            "open_issues": sum(1 for i in issues if i.state == "open"),
            "closed_issues": sum(1 for i in issues if i.state == "closed"),
            "created_at": iso(milestone.created_at),
            "updated_at": iso(milestone.created_at),
            "closed_at": None,
            "due_on": iso(milestone.due_on),
        }

    def issue(self, issue: Issue) -> Json:
        repo = issue.repo
        api = f"{self.api}/repos/{repo.full_name}/issues/{issue.number}"
        kind = "pull" if isinstance(issue, Pull) else "issues"
        html = f"{self.web}/{repo.full_name}/{kind}/{issue.number}"
        body: Json = {
            "url": api,
            "repository_url": f"{self.api}/repos/{repo.full_name}",
            "labels_url": f"{api}/labels{{/name}}",
            "comments_url": f"{api}/comments",
            "events_url": f"{api}/events",
            "html_url": html,
            "id": issue.id,
            "node_id": node_id("Issue", issue.id),
            "number": issue.number,
            "title": issue.title,
            "user": self.user(issue.user),
            "labels": [self.label(repo, repo.labels[name]) for name in issue.labels],
            "state": issue.state,
            "locked": issue.locked,
            "assignee": self.user(self.world.user(issue.assignees[0])) if issue.assignees else None,
            "assignees": [self.user(self.world.user(login)) for login in issue.assignees],
            "milestone": self.milestone(repo, issue.milestone),
            "comments": len(issue.comments),
            "created_at": iso(issue.created_at),
            "updated_at": iso(issue.updated_at),
            "closed_at": iso(issue.closed_at),
            "author_association": association(self.world, repo, issue.user),
            "active_lock_reason": None,
            "body": issue.body,
            "closed_by": None,
            "reactions": self.reactions(f"{api}/reactions"),
            "timeline_url": f"{api}/timeline",
            "performed_via_github_app": None,
            "state_reason": issue.state_reason,
        }
        if isinstance(issue, Pull):
            pulls = f"{self.api}/repos/{repo.full_name}/pulls/{issue.number}"
            body["draft"] = issue.draft
            body["pull_request"] = {
                "url": pulls,
                "html_url": html,
                "diff_url": f"{html}.diff",
                "patch_url": f"{html}.patch",
                "merged_at": iso(issue.merged_at),
            }
        return body

    def reactions(self, url: str) -> Json:
        counts = ["+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"]
        return {"url": url, "total_count": 0, **dict.fromkeys(counts, 0)}

    def comment(self, comment: Comment) -> Json:
        repo = comment.repo
        issue = repo.issues[comment.issue_number]
        kind = "pull" if isinstance(issue, Pull) else "issues"
        api = f"{self.api}/repos/{repo.full_name}/issues"
        html = f"{self.web}/{repo.full_name}/{kind}/{issue.number}"
        return {
            "id": comment.id,
            "node_id": node_id("IssueComment", comment.id),
            "url": f"{api}/comments/{comment.id}",
            "html_url": f"{html}#issuecomment-{comment.id}",
            "body": comment.body,
            "user": self.user(comment.user),
            "created_at": iso(comment.created_at),
            "updated_at": iso(comment.updated_at),
            "issue_url": f"{api}/{issue.number}",
            "author_association": association(self.world, repo, comment.user),
            "performed_via_github_app": None,
            "reactions": self.reactions(f"{api}/comments/{comment.id}/reactions"),
        }

    def _branch(self, pull: Pull, ref: str, sha: str, repo: Repo) -> Json:
        return {
            "label": f"{repo.owner.login}:{ref}",
            "ref": ref,
            "sha": sha,
            "user": self.user(repo.owner),
            "repo": self.repo(repo),
        }

    def git_ref(self, repo: Repo, ref: str, sha: str) -> Json:
        api = f"{self.api}/repos/{repo.full_name}/git"
        return {
            "ref": ref,
            "node_id": node_id("Ref", hash(ref) & 0xFFFFFF),
            "url": f"{api}/{quote(ref)}",
            "object": {"type": "commit", "sha": sha, "url": f"{api}/commits/{sha}"},
        }

    def pull(self, pull: Pull, *, simple: bool = False) -> Json:
        repo = pull.repo
        api = f"{self.api}/repos/{repo.full_name}"
        url = f"{api}/pulls/{pull.number}"
        html = f"{self.web}/{repo.full_name}/pull/{pull.number}"
        issue = f"{api}/issues/{pull.number}"
        body: Json = {
            "url": url,
            "id": pull.id,
            "node_id": node_id("PullRequest", pull.id),
            "html_url": html,
            "diff_url": f"{html}.diff",
            "patch_url": f"{html}.patch",
            "issue_url": issue,
            "commits_url": f"{url}/commits",
            "review_comments_url": f"{url}/comments",
            "review_comment_url": f"{api}/pulls/comments{{/number}}",
            "comments_url": f"{issue}/comments",
            "statuses_url": f"{api}/statuses/{pull.head_sha}",
            "number": pull.number,
            "state": pull.state,
            "locked": pull.locked,
            "title": pull.title,
            "user": self.user(pull.user),
            "body": pull.body,
            "labels": [self.label(repo, repo.labels[name]) for name in pull.labels],
            "milestone": self.milestone(repo, pull.milestone),
            "active_lock_reason": None,
            "created_at": iso(pull.created_at),
            "updated_at": iso(pull.updated_at),
            "closed_at": iso(pull.closed_at),
            "merged_at": iso(pull.merged_at),
            "merge_commit_sha": pull.merge_commit_sha,
            "assignee": None,
            "assignees": [],
            "requested_reviewers": [],
            "requested_teams": [],
            "head": self._branch(pull, pull.head_ref, pull.head_sha, pull.head_repo or repo),
            "base": self._branch(pull, pull.base_ref, pull.base_sha, repo),
            "_links": {
                "self": {"href": url},
                "html": {"href": html},
                "issue": {"href": issue},
                "comments": {"href": f"{issue}/comments"},
                "review_comments": {"href": f"{url}/comments"},
                "review_comment": {"href": f"{api}/pulls/comments{{/number}}"},
                "commits": {"href": f"{url}/commits"},
                "statuses": {"href": f"{api}/statuses/{pull.head_sha}"},
            },
            "author_association": association(self.world, repo, pull.user),
            "auto_merge": None,
            "draft": pull.draft,
        }
        if simple:
            return body
        files = pull.files()
        open_ = pull.state == "open"
        return body | {
            "merged": pull.merged,
            "mergeable": True if open_ else None,
            "rebaseable": True if open_ else None,
            "mergeable_state": "clean" if open_ else "unknown",
            "merged_by": self.user(pull.merged_by) if pull.merged_by else None,
            "comments": len(pull.comments),
            "review_comments": 0,
            "maintainer_can_modify": pull.head_repo is not None,
            "commits": len(pull.commits()),
            "additions": sum(f.additions for f in files),
            "deletions": sum(f.deletions for f in files),
            "changed_files": len(files),
        }

    def review(self, pull: Pull, review: Review) -> Json:
        repo = pull.repo
        html = f"{self.web}/{repo.full_name}/pull/{pull.number}#pullrequestreview-{review.id}"
        url = f"{self.api}/repos/{repo.full_name}/pulls/{pull.number}"
        body: Json = {
            "id": review.id,
            "node_id": node_id("PullRequestReview", review.id),
            "user": self.user(review.user),
            "body": review.body,
            "state": review.state,
            "html_url": html,
            "pull_request_url": url,
            "author_association": association(self.world, repo, review.user),
            "_links": {"html": {"href": html}, "pull_request": {"href": url}},
            "commit_id": review.commit_id,
        }
        if review.submitted_at is not None:
            body["submitted_at"] = iso(review.submitted_at)
        return body


def tree_sha(tree: dict[str, bytes], path: str) -> str:
    """A stand-in for a directory's tree sha: changes whenever anything under it does."""
    prefix = f"{path}/" if path else ""
    entries = sorted(
        (name, blob_sha(data)) for name, data in tree.items() if name.startswith(prefix)
    )
    return blob_sha(repr(entries).encode())


def _verification(commit: Commit) -> Json:
    """GitHub signs the commits it makes itself (merge button, web editor), no others here."""
    if not commit.by_github:
        return {
            "verified": False,
            "reason": "unsigned",
            "signature": None,
            "payload": None,
            "verified_at": None,
        }
    return {
        "verified": True,
        "reason": "valid",
        "signature": "-----BEGIN PGP SIGNATURE-----\n\nfake\n-----END PGP SIGNATURE-----\n",
        "payload": f"tree {commit.sha}\n",
        "verified_at": iso(commit.date),
    }
