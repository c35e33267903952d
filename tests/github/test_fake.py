"""The fake GitHub answers PyGithub as GitHub does, and holds itself to GitHub's contract."""

from __future__ import annotations

import base64
import json
import threading
import urllib.error
import urllib.request
from typing import Any

import pytest
from github import (
    BadCredentialsException,
    GithubException,
    GithubRetry,
    RateLimitExceededException,
    UnknownObjectException,
)

from tests.github import payloads
from tests.github.conftest import PyGithubFactory
from tests.github.contract import Contract
from tests.github.fake import (
    FakeGitHub,
    Reply,
    primary_rate_limit,
    secondary_rate_limit,
    server_error,
    too_many_requests,
)
from tests.github.openapi import extract

LAUNCH = "id: smart-reports\nname: Smart Reports\n"


def fetch(
    url: str,
    *,
    method: str = "GET",
    token: str | None = "ghs_actions",
    body: Any = None,
    accept: str | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """A bare HTTP request: (status, lower-cased headers, body), errors included."""
    headers = {"Authorization": f"token {token}"} if token else {}
    if accept:
        headers["Accept"] = accept
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, _lower(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, _lower(error.headers.items()), error.read()


def _lower(items: Any) -> dict[str, str]:
    return {name.lower(): value for name, value in items}


def scenario(github: FakeGitHub) -> tuple[str, str]:
    """acme/app with a base commit on main and a feature branch on top: (base, head)."""
    repo = github.add_repo("acme/app")
    base = repo.commit(
        {
            ".launchgate.yml": "signoffs:\n  legal: '@acme/legal'\n",
            "launches/old.yaml": "id: old\n",
            "launches/gone.yaml": "id: gone\n",
            "docs/logo.png": b"\x89PNG\r\n\x1a\n\0\0",
        }
    )
    head = repo.commit(
        {
            "launches/smart-reports.yaml": LAUNCH,
            "launches/old.yaml": "id: old\nname: Old\n",
            "launches/gone.yaml": None,
            "docs/logo.png": None,
            "docs/brand/logo.png": b"\x89PNG\r\n\x1a\n\0\0",
        },
        parent=base,
        branch="feature",
    )
    return base, head


# ---- contents ---------------------------------------------------------------------------------


def test_contents_at_a_ref_a_directory_and_not_found(
    github: FakeGitHub, pygithub: PyGithubFactory
) -> None:
    base, head = scenario(github)
    repo = pygithub().get_repo("acme/app")

    on_feature = repo.get_contents("launches/smart-reports.yaml", ref="feature")
    assert not isinstance(on_feature, list)
    assert on_feature.decoded_content.decode() == LAUNCH
    assert on_feature.encoding == "base64"
    at_base = repo.get_contents(".launchgate.yml", ref=base)
    assert not isinstance(at_base, list)
    assert b"legal" in at_base.decoded_content

    listing = repo.get_contents("launches", ref=head)
    assert isinstance(listing, list)
    assert [(c.name, c.type) for c in listing] == [
        ("old.yaml", "file"),
        ("smart-reports.yaml", "file"),
    ]
    root = repo.get_contents("", ref=base)
    assert isinstance(root, list)
    assert [(c.path, c.type) for c in root] == [
        (".launchgate.yml", "file"),
        ("docs", "dir"),
        ("launches", "dir"),
    ]

    with pytest.raises(UnknownObjectException) as missing:
        repo.get_contents("launches/smart-reports.yaml", ref=base)
    assert missing.value.data["message"] == "Not Found"
    assert str(missing.value.data["documentation_url"]).startswith("https://docs.github.com/")
    with pytest.raises(GithubException) as no_ref:  # a 404, but not UnknownObjectException
        repo.get_contents(".launchgate.yml", ref="no-such-branch")
    assert no_ref.value.status == 404
    assert no_ref.value.data["message"] == "No commit found for the ref no-such-branch"
    # The default ref is the default branch.
    with pytest.raises(UnknownObjectException):
        repo.get_contents("launches/smart-reports.yaml")
    assert github.calls("GET", "/contents/")[0].query == {"ref": "feature"}


def test_contents_raw_and_object_media_types(github: FakeGitHub) -> None:
    base, _ = scenario(github)
    url = f"{github.url}/repos/acme/app/contents/.launchgate.yml?ref={base}"
    status, headers, body = fetch(url, accept="application/vnd.github.raw+json")
    assert status == 200
    assert headers["content-type"].startswith("application/vnd.github.raw")
    assert body == b"signoffs:\n  legal: '@acme/legal'\n"

    status, _, body = fetch(url)
    file = json.loads(body)
    assert file["type"] == "file" and file["encoding"] == "base64"
    assert all(len(line) <= 60 for line in file["content"].splitlines())  # as GitHub wraps it
    assert base64.b64decode(file["content"]) == b"signoffs:\n  legal: '@acme/legal'\n"

    folder = f"{github.url}/repos/acme/app/contents/launches?ref={base}"
    status, _, body = fetch(folder, accept="application/vnd.github.object")
    tree = json.loads(body)
    assert status == 200 and tree["type"] == "dir"
    assert [entry["name"] for entry in tree["entries"]] == ["gone.yaml", "old.yaml"]


# ---- pull requests ----------------------------------------------------------------------------


def test_pull_request_and_its_files(github: FakeGitHub, pygithub: PyGithubFactory) -> None:
    base, head = scenario(github)
    github.repo("acme/app").add_pull(
        7, "ann", base, head, "feature", labels=["launch"], title="Smart Reports"
    )
    pull = pygithub().get_repo("acme/app").get_pull(7)
    assert (pull.number, pull.title, pull.user.login) == (7, "Smart Reports", "ann")
    assert (pull.base.sha, pull.head.sha, pull.head.ref, pull.base.ref) == (
        base,
        head,
        "feature",
        "main",
    )
    assert [label.name for label in pull.labels] == ["launch"]
    assert pull.changed_files == 4

    files = {f.filename: f for f in pull.get_files()}
    assert {name: f.status for name, f in files.items()} == {
        "docs/brand/logo.png": "renamed",
        "launches/gone.yaml": "removed",
        "launches/old.yaml": "modified",
        "launches/smart-reports.yaml": "added",
    }
    assert files["docs/brand/logo.png"].previous_filename == "docs/logo.png"
    old = files["launches/old.yaml"]
    assert (old.additions, old.deletions, old.changes) == (1, 0, 1)
    assert old.patch == "@@ -1 +1,2 @@\n id: old\n+name: Old"
    added = files["launches/smart-reports.yaml"]
    assert (added.additions, added.deletions) == (2, 0)


def test_reviews_paginate_like_github(github: FakeGitHub, pygithub: PyGithubFactory) -> None:
    base, head = scenario(github)
    pr = github.repo("acme/app").add_pull(7, "ann", base, head, "feature")
    for number in range(130):
        pr.review(f"reviewer{number}", "COMMENTED")
    pr.review("bob", "APPROVED", commit_id=base)
    dismissed = pr.review("eve", "CHANGES_REQUESTED")
    pr.dismiss(dismissed)
    pr.review("ann", "PENDING")  # visible to ann only

    reviews = list(pygithub().get_repo("acme/app").get_pull(7).get_reviews())
    assert len(reviews) == 132
    assert [(r.user.login, r.state, r.commit_id) for r in reviews[-2:]] == [
        ("bob", "APPROVED", base),
        ("eve", "DISMISSED", head),
    ]
    pages = github.calls("GET", r"/pulls/7/reviews$")
    assert [p.query for p in pages] == [{"per_page": "100"}, {"per_page": "100", "page": "2"}]

    link = github.log[-2].response_headers["link"]
    assert link == (
        f'<{github.url}/repos/acme/app/pulls/7/reviews?per_page=100&page=2>; rel="next", '
        f'<{github.url}/repos/acme/app/pulls/7/reviews?per_page=100&page=2>; rel="last"'
    )
    assert 'rel="prev"' in github.log[-1].response_headers["link"]


def test_pagination_defaults_and_caps(github: FakeGitHub) -> None:
    base, _ = scenario(github)
    repo = github.repo("acme/app")
    pr = repo.add_pull(7, "ann", base, base, "empty")
    for number in range(250):
        pr.comment("ann", f"comment {number}")
    url = f"{github.url}/repos/acme/app/issues/7/comments"
    _, headers, body = fetch(url)
    assert len(json.loads(body)) == 30  # per_page defaults to 30
    assert headers["link"].endswith(f'<{url}?page=9>; rel="last"')
    _, headers, body = fetch(url + "?per_page=500&page=3")
    assert len(json.loads(body)) == 50  # capped at 100: 200..249
    assert 'rel="next"' not in headers["link"]
    assert json.loads(body)[0]["body"] == "comment 200"


def test_compare_follows_the_commit_graph(github: FakeGitHub, pygithub: PyGithubFactory) -> None:
    base, head = scenario(github)
    repo = github.repo("acme/app")
    client_repo = pygithub().get_repo("acme/app")

    ahead = client_repo.compare(base, head)
    assert (ahead.status, ahead.ahead_by, ahead.behind_by) == ("ahead", 1, 0)
    assert [c.sha for c in ahead.commits] == [head]
    assert ahead.merge_base_commit.sha == base
    assert len(ahead.files) == 4

    assert client_repo.compare(head, base).status == "behind"
    assert client_repo.compare("main", "main").status == "identical"
    main = repo.commit({"CHANGELOG.md": "main moved on\n"})
    diverged = client_repo.compare("main", "feature")
    assert (diverged.status, diverged.ahead_by, diverged.behind_by) == ("diverged", 1, 1)
    assert diverged.base_commit.sha == main
    assert "CHANGELOG.md" not in {f.filename for f in diverged.files}  # three-dot diff


def test_pull_requests_listed_by_state_and_head_branch_forks_included(
    github: FakeGitHub, pygithub: PyGithubFactory
) -> None:
    base, head = scenario(github)
    app = github.repos["acme/app"]
    ours = app.add_pull(7, "ann", base, head, "feature")
    fork = app.add_pull(8, "dana", base, head, "feature", head_repo="dana/app")
    closed = app.add_pull(9, "ann", base, head, "feature")
    closed.state = "closed"
    repo = pygithub().get_repo("acme/app")

    assert [p.number for p in repo.get_pulls()] == [8, 7]  # open, newest first
    assert [p.number for p in repo.get_pulls(state="all", head="acme:feature")] == [9, 7]
    (found,) = repo.get_pulls(head="dana:feature")  # a fork's branch: its owner's name
    assert found.number == fork.number and found.head.repo.full_name == "dana/app"
    assert found.head.sha == head
    assert list(repo.get_pulls(head="dana:other")) == []
    assert ours.number == 7


# ---- teams ------------------------------------------------------------------------------------


def test_team_membership_and_tokens_that_cannot_read_teams(
    github: FakeGitHub, pygithub: PyGithubFactory
) -> None:
    github.team("acme", "legal", {"bob": "active", "eve": "pending", "lea": "maintainer"})
    team = pygithub("ghp_maintainer").get_organization("acme").get_team_by_slug("legal")
    assert team.get_team_membership("bob").state == "active"
    assert team.get_team_membership("eve").state == "pending"
    lea = team.get_team_membership("lea")
    assert (lea.state, lea.role) == ("active", "maintainer")
    with pytest.raises(UnknownObjectException):
        team.get_team_membership("mallory")  # not a member: 404

    actions = pygithub().get_organization("acme").get_team_by_slug("legal")
    with pytest.raises(GithubException) as forbidden:
        actions.get_team_membership("bob")
    assert forbidden.value.status == 403
    assert forbidden.value.data["message"] == "Resource not accessible by integration"

    github.tokens["ghp_noorg"] = {"login": "ann", "teams": "not_found"}
    hidden = pygithub("ghp_noorg").get_organization("acme").get_team_by_slug("legal")
    with pytest.raises(UnknownObjectException):
        hidden.get_team_membership("bob")
    # Lazy PyGithub goes straight to the membership (eager, it first GETs /orgs/acme, which
    # is not in the subset).
    assert {r.path for r in github.requests} == {
        f"/orgs/acme/teams/legal/memberships/{login}" for login in ("bob", "eve", "lea", "mallory")
    }


def test_a_team_is_visible_only_to_a_token_that_may_read_teams(
    github: FakeGitHub, pygithub: PyGithubFactory
) -> None:
    github.team("acme", "legal", {"bob": "active"})
    team = pygithub("ghp_maintainer").get_organization("acme").get_team_by_slug("legal")
    assert (team.slug, team.members_count) == ("legal", 1)  # read in full: GET the team
    from launchgate.github.client import GitHubClient

    maintainer = GitHubClient(github.url, "acme/app", "ghp_maintainer")
    assert maintainer.team_visible("acme", "legal") and maintainer.team_visible("ACME", "legal")
    assert not maintainer.team_visible("acme", "legl")  # no such team: 404
    github.tokens["ghp_noorg"] = {"login": "ann", "teams": "not_found"}
    assert not GitHubClient(github.url, "acme/app", "ghp_noorg").team_visible("acme", "legal")


def test_matching_refs_list_branches_by_prefix(github: FakeGitHub) -> None:
    from launchgate.github.client import GitHubClient

    base, head = scenario(github)
    repo = github.repo("acme/app")
    branch = f"gh-readonly-queue/main/pr-7-{base}"
    queued = repo.commit({"a.txt": "1\n"}, parent=head, branch=branch)
    client = GitHubClient(github.url, "acme/app", github.token)
    assert client.matching_refs("heads/gh-readonly") == [(f"refs/heads/{branch}", queued)]
    assert client.matching_refs("heads/nothing") == []


# ---- comments, statuses, tokens ---------------------------------------------------------------


def test_comments_are_created_edited_and_deleted_as_the_token(
    github: FakeGitHub, pygithub: PyGithubFactory
) -> None:
    base, head = scenario(github)
    pr = github.repo("acme/app").add_pull(7, "ann", base, head, "feature")
    pr.comment("ann", "Looks good")
    pull = pygithub().get_repo("acme/app").get_pull(7)

    created = pull.create_issue_comment("<!-- launchgate -->\nnot ready")
    assert (created.user.login, created.user.type) == ("github-actions[bot]", "Bot")
    created.edit("<!-- launchgate -->\nready")
    listed = list(pull.get_issue_comments())
    assert [(c.user.login, c.body) for c in listed] == [
        ("ann", "Looks good"),
        ("github-actions[bot]", "<!-- launchgate -->\nready"),
    ]
    assert listed[1].updated_at > listed[1].created_at
    created.delete()
    assert [c.body for c in pr.comments] == ["Looks good"]
    assert github.count("POST", r"/issues/7/comments$") == 1
    assert github.calls("POST")[0].body == {"body": "<!-- launchgate -->\nnot ready"}


def test_writes_need_a_token_that_may_write(github: FakeGitHub, pygithub: PyGithubFactory) -> None:
    base, head = scenario(github)
    github.repo("acme/app").add_pull(7, "fork-author", base, head, "feature", head_repo="fork/app")
    pull = pygithub("ghs_readonly").get_repo("acme/app").get_pull(7)
    assert pull.head.repo.full_name == "fork/app"
    assert pull.head.label == "fork:feature"
    with pytest.raises(GithubException) as denied:
        pull.create_issue_comment("hello")
    assert denied.value.status == 403
    assert denied.value.data["message"] == "Resource not accessible by integration"
    with pytest.raises(BadCredentialsException):
        pygithub("ghp_wrong", lazy=False).get_repo("acme/app")
    assert github.repo("acme/app").comments == {}


def test_commit_statuses(github: FakeGitHub, pygithub: PyGithubFactory) -> None:
    _, head = scenario(github)
    commit = pygithub().get_repo("acme/app").get_commit(head)
    status = commit.create_status(
        "failure",
        target_url="https://example.com/run/1",
        description="2 errors",
        context="launchgate",
    )
    assert (status.state, status.context, status.creator.login) == (
        "failure",
        "launchgate",
        "github-actions[bot]",
    )
    stored = github.repo("acme/app").statuses[head]
    assert [(s.state, s.description) for s in stored] == [("failure", "2 errors")]
    with pytest.raises(GithubException) as too_long:
        commit.create_status("success", description="x" * 141, context="launchgate")
    assert too_long.value.status == 422
    assert github.count("POST", "/statuses/") == 2


# ---- GitHub Enterprise ------------------------------------------------------------------------


def test_enterprise_base_url_with_a_path_prefix(
    github: FakeGitHub, pygithub: PyGithubFactory
) -> None:
    base, head = scenario(github)
    pr = github.repo("acme/app").add_pull(7, "ann", base, head, "feature")
    for number in range(3):
        pr.review(f"reviewer{number}", "APPROVED")
    pull = pygithub(ghes=True, per_page=2, lazy=False).get_repo("acme/app").get_pull(7)
    assert pull.url == f"{github.url}/api/v3/repos/acme/app/pulls/7"
    assert pull.base.repo.url == f"{github.url}/api/v3/repos/acme/app"
    assert len(list(pull.get_reviews())) == 3
    assert (
        github.log[-2]
        .response_headers["link"]
        .startswith(f"<{github.url}/api/v3/repos/acme/app/pulls/7/reviews?per_page=2&page=2>")
    )
    assert {exchange.prefix for exchange in github.log} == {"/api/v3"}
    assert github.requests[0].path == "/repos/acme/app"  # logged without the prefix


# ---- the contract -----------------------------------------------------------------------------


def test_a_response_outside_the_contract_is_an_error(
    github: FakeGitHub, pygithub: PyGithubFactory
) -> None:
    base, head = scenario(github)
    github.repo("acme/app").add_pull(7, "ann", base, head, "feature")

    def drop_number(body: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in body.items() if key != "number"}

    github.fail("GET", r"/pulls/7$", [Reply(transform=drop_number)])
    assert pygithub().get_repo("acme/app").get_pull(7).title  # lazy: the title fetches it
    assert len(github.errors) == 1
    assert "GET /repos/{owner}/{repo}/pulls/{pull_number} 200" in github.errors[0]
    assert "'number' is a required property" in github.errors[0]
    github.errors.clear()

    github.fail("GET", r"/pulls/7$", [Reply(200, {"number": "seven"})])
    fetch(f"{github.url}/repos/acme/app/pulls/7")
    assert any("'seven' is not of type 'integer'" in e for e in github.errors)
    github.errors.clear()


def test_requests_outside_the_contract_are_errors(github: FakeGitHub) -> None:
    base, head = scenario(github)
    github.repo("acme/app").add_pull(7, "ann", base, head, "feature")
    comments = f"{github.url}/repos/acme/app/issues/7/comments"

    status, _, _ = fetch(f"{github.url}/repos/acme/app/branches/main")
    assert status == 404
    assert "GET /repos/acme/app/branches/main: not in the fake's GitHub subset" in github.errors[0]
    github.errors.clear()

    status, _, body = fetch(comments, method="POST", body={"text": "hi"})
    assert status == 422
    assert json.loads(body)["message"].startswith("Invalid request.")
    assert "'body' is a required property" in github.errors[0]
    assert "unknown field 'text'" in github.errors[1]
    github.errors.clear()

    fetch(comments + "?per_page=100&sort=created")
    assert github.errors == [
        "GET /repos/acme/app/issues/7/comments: GET /repos/{owner}/{repo}/issues/"
        "{issue_number}/comments: unknown query parameter 'sort'"
    ]
    github.errors.clear()


def test_the_subset_is_what_extract_writes() -> None:
    contract = Contract.load()
    assert contract.source["package"] == "@octokit/openapi"
    assert contract.source["version"] == extract.PINNED_VERSION
    served = {op.key for op in contract.operations}
    assert served == {f"{method.upper()} {path}" for method, path in extract.OPERATIONS}


# ---- faults -----------------------------------------------------------------------------------


def test_server_errors_then_normal(github: FakeGitHub, pygithub: PyGithubFactory) -> None:
    base, head = scenario(github)
    github.repo("acme/app").add_pull(7, "ann", base, head, "feature")
    github.fail("GET", r"/pulls/7$", [502, 503])
    repo = pygithub().get_repo("acme/app")
    for expected in (502, 503):
        with pytest.raises(GithubException) as failed:
            repo.get_pull(7).title  # noqa: B018 (lazy: reading an attribute fetches)
        assert failed.value.status == expected
    assert repo.get_pull(7).title == "Pull request from feature"
    assert [e.status for e in github.log] == [502, 503, 200]
    assert github.log[0].response_headers["content-type"].startswith("text/html")


def test_rate_limits(github: FakeGitHub, pygithub: PyGithubFactory) -> None:
    scenario(github)
    url = f"{github.url}/repos/acme/app"
    status, headers, _ = fetch(url)
    assert status == 200
    assert headers["x-ratelimit-limit"] == "5000"
    assert headers["x-ratelimit-remaining"] == "4999"
    assert int(headers["x-ratelimit-reset"]) > 0
    assert fetch(url)[1]["x-ratelimit-remaining"] == "4998"

    github.fail("GET", "^/repos/acme/app$", [primary_rate_limit(reset_in=30)])
    with pytest.raises(RateLimitExceededException) as primary:
        pygithub(lazy=False).get_repo("acme/app")
    assert primary.value.status == 403
    assert primary.value.headers is not None
    assert primary.value.headers["x-ratelimit-remaining"] == "0"
    assert int(primary.value.headers["x-ratelimit-reset"]) > 0
    assert primary.value.data["message"].startswith("API rate limit exceeded for")

    github.fail("*", "", [secondary_rate_limit(retry_after=7)])
    status, headers, body = fetch(url)
    assert (status, headers["retry-after"]) == (403, "7")
    assert "secondary rate limit" in json.loads(body)["message"]
    assert headers["x-ratelimit-remaining"] != "0"

    github.fail("GET", "", [too_many_requests(retry_after=2)], times=2)
    assert [fetch(url)[0] for _ in range(3)] == [429, 429, 200]
    assert github.log[-2].response_headers["retry-after"] == "2"


def test_outage(github: FakeGitHub) -> None:
    scenario(github)
    github.outage = True
    statuses = [fetch(f"{github.url}/repos/acme/app")[0] for _ in range(4)]
    assert statuses == [502, 503, 502, 503]
    github.outage = 504
    assert fetch(f"{github.url}/repos/acme/app")[0] == 504
    github.outage = False
    assert fetch(f"{github.url}/repos/acme/app")[0] == 200


def test_server_error_replies_carry_githubs_bodies() -> None:
    assert server_error(502).content_type.startswith("text/html")
    assert server_error(503).body["message"].startswith("No server is currently available")


# ---- history, tracking issue (later issues) ---------------------------------------------------


def test_commits_by_path_and_the_pull_requests_of_a_commit(
    github: FakeGitHub, pygithub: PyGithubFactory
) -> None:
    base, head = scenario(github)
    repo = github.repo("acme/app")
    first = repo.add_pull(7, "ann", base, head, "feature")
    merged = first.merge(by="maintainer")
    later = repo.commit({"launches/smart-reports.yaml": LAUNCH + "tier: major\n"}, branch="next")
    second = repo.add_pull(8, "ann", merged, later, "next")
    repo.commit({"README.md": "unrelated\n"})

    client = pygithub().get_repo("acme/app")
    history = [c.sha for c in client.get_commits(path="launches/smart-reports.yaml")]
    assert history == [head]  # the merge takes the file from the head: not listed
    on_next = client.get_commits(sha="next", path="launches/smart-reports.yaml")
    assert [c.sha for c in on_next] == [later, head]
    assert repo.commits_by_path("launches/smart-reports.yaml", "next") == [later, head]
    assert [p.number for p in client.get_commit(head).get_pulls()] == [7]
    assert [p.number for p in client.get_commit(later).get_pulls()] == [8]
    assert second.state == "open" and first.merged


def test_a_pull_requests_commits_name_authors_committers_and_github_itself(
    github: FakeGitHub, pygithub: PyGithubFactory
) -> None:
    base, head = scenario(github)
    repo = github.repo("acme/app")
    pull = repo.add_pull(7, "ann", base, head, "feature")
    pushed = pull.push(
        {"a.txt": "1\n"},
        author="ann",
        committer="mo",
        message="Fix\n\nCo-authored-by: Lee <lee@example.com>",
    )
    repo.commit({"main.txt": "new\n"})  # the base moves on
    merged = pull.update_branch(by="pat")
    client = pygithub().get_repo("acme/app")
    listed = list(client.get_pull(7).get_commits())
    assert [c.sha for c in listed] == [head, pushed, merged]
    assert [(c.author.login, c.committer.login) for c in listed] == [
        ("octocat", "octocat"),
        ("ann", "mo"),
        ("pat", "web-flow"),  # GitHub made the merge the button asked for
    ]
    assert listed[1].commit.message.endswith("Co-authored-by: Lee <lee@example.com>")
    assert listed[2].commit.committer.email == "noreply@github.com"
    assert len(listed[2].parents) == 2
    rebased = pull.rebase(by="mo")
    after = list(client.get_pull(7).get_commits())
    assert after[-1].sha == rebased and {c.committer.login for c in after} == {"mo"}
    assert [c.author.login for c in after] == ["octocat", "ann"]  # the merge is gone
    assert repo.files_at(rebased)["main.txt"] == b"new\n"


def test_tracking_issue(github: FakeGitHub, pygithub: PyGithubFactory) -> None:
    base, head = scenario(github)
    github.repo("acme/app").add_pull(7, "ann", base, head, "feature")
    repo = pygithub().get_repo("acme/app")
    issue = repo.create_issue("Launch calendar", body="…", labels=["launchgate"])
    assert (issue.number, issue.user.login) == (8, "github-actions[bot]")
    found = list(repo.get_issues(state="open", labels=["launchgate"]))
    assert [i.number for i in found] == [8]
    # GitHub lists pull requests among issues, marked with pull_request.
    everything = list(repo.get_issues(state="all"))
    assert [(i.number, "pull_request" in i.raw_data) for i in everything] == [
        (8, False),
        (7, True),
    ]
    # PyGithub fetches an attribute a listed object lacks: issue 8 is fetched here.
    assert everything[0].pull_request is None
    assert github.count("GET", r"/issues/8$") == 1
    issue.edit(body="updated", state="closed", state_reason="completed")
    assert github.repo("acme/app").issues[8].state == "closed"
    assert [i.number for i in repo.get_issues(state="open")] == [7]


# ---- concurrency ------------------------------------------------------------------------------


def test_two_clients_at_once(github: FakeGitHub, pygithub: PyGithubFactory) -> None:
    base, head = scenario(github)
    github.repo("acme/app").add_pull(7, "ann", base, head, "feature")
    clients = [pygithub().get_repo("acme/app") for _ in range(2)]
    barrier = threading.Barrier(2)
    ids: list[int] = []

    def post(index: int) -> None:
        pull = clients[index].get_pull(7)
        barrier.wait(timeout=5)
        ids.append(pull.create_issue_comment(f"from {index}").id)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(set(ids)) == 2
    assert github.count("POST", r"/issues/7/comments$") == 2


# ---- payloads ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "action"),
    [
        ("pull_request", "opened"),
        ("pull_request", "synchronize"),
        ("pull_request_review", "submitted"),
        ("pull_request_review", "dismissed"),
    ],
)
def test_webhook_payloads(event: str, action: str) -> None:
    payload = payloads.load(event, action)
    assert payload["action"] == action
    assert payload["pull_request"]["head"]["sha"]
    assert payload["repository"]["full_name"]
    if event == "pull_request_review":
        assert payload["review"]["state"] == ("dismissed" if action == "dismissed" else "commented")


def test_a_merge_group_payload_and_a_review_payload_without_changed_files() -> None:
    group = payloads.load("merge_group", "checks_requested")["merge_group"]
    assert group["head_ref"].startswith("refs/heads/gh-readonly-queue/")
    assert group["head_sha"] and group["base_sha"] and group["base_ref"]
    # GitHub's review payload carries a pull request without the file count.
    review = payloads.load("pull_request_review", "submitted")
    assert "changed_files" not in review["pull_request"]


def test_a_payload_fitted_to_the_scenario(github: FakeGitHub) -> None:
    base, head = scenario(github)
    pr = github.repo("acme/app").add_pull(7, "ann", base, head, "feature")
    review = pr.review("bob", "APPROVED")
    payload = payloads.event(
        github, github.url_ghes, pr, "pull_request_review", "submitted", review=review
    )
    assert payload["action"] == "submitted"
    assert (payload["review"]["state"], payload["review"]["user"]["login"]) == ("approved", "bob")
    assert payload["pull_request"]["head"]["sha"] == head
    assert payload["pull_request"]["base"]["sha"] == base
    assert payload["repository"]["full_name"] == "acme/app"
    assert payload["pull_request"]["url"] == f"{github.url}/api/v3/repos/acme/app/pulls/7"
    assert payload["sender"]["login"] == "bob"

    pushed = pr.push({"launches/smart-reports.yaml": LAUNCH + "tier: minor\n"})
    sync = payloads.event(github, github.url, pr, "pull_request", "synchronize")
    assert (sync["before"], sync["after"], sync["number"]) == (head, pushed, 7)


def test_pygithubs_own_retry_recognises_the_faults(
    github: FakeGitHub, pygithub: PyGithubFactory
) -> None:
    scenario(github)
    github.fail("GET", "^/repos/acme/app$", [secondary_rate_limit(retry_after=0), 502])
    retry = GithubRetry(total=3, backoff_factor=0, secondary_rate_wait=0)
    assert pygithub(lazy=False, retry=retry).get_repo("acme/app").full_name == "acme/app"
    assert [e.status for e in github.log] == [403, 502, 200]

    github.fail("GET", "^/repos/acme/app$", [primary_rate_limit(reset_in=3600)])
    impatient = GithubRetry(total=3, backoff_factor=0, max_rate_limit_wait=1)
    with pytest.raises(RateLimitExceededException):
        pygithub(lazy=False, retry=impatient).get_repo("acme/app")
