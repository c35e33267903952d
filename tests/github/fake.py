"""A fake GitHub REST API on loopback, held to GitHub's published contract.

Standard library only (``http.server`` in a background thread) plus ``jsonschema`` for
the contract. Tests arrange a scenario through the model's API, point a client at
``fake.url`` (or ``fake.url_ghes``, the same server under GitHub Enterprise's
``/api/v3`` prefix) and then look at what the client did::

    repo = github.add_repo("acme/app")
    base = repo.commit({".launchgate.yml": "signoffs: {}\\n"})           # on main
    head = repo.commit({"launches/x.yaml": "id: x\\n"}, branch="feature", parent=base)
    pr = repo.add_pull(7, "ann", base, head, "feature", labels=["launch"])
    pr.review("bob", "APPROVED")                                      # on the head
    github.team("acme", "legal", {"bob": "active", "eve": "pending"})
    github.fail("GET", r"/pulls/7/files$", [502])                    # once, then normal
    ...
    assert github.count("POST", r"/issues/7/comments$") == 1

What it serves is the operations in ``openapi/subset.json``. Every response it sends is
validated against that operation's schema for the status sent (undocumented error
statuses against ``basic-error``), every request's query and body against the
operation's parameters and request body, and each mismatch is appended to
``fake.errors``: the ``github`` fixture fails a test whose ``errors`` is not empty at
teardown. A request for anything outside the subset is answered 404, like GitHub answers
an unknown route, and is an error too.

The server handles each request under ``fake.lock``; a test that changes the scenario
while clients are running (to provoke a race) does it in ``with github.lock:``.

Authentication is by token (``Authorization: token X`` or ``Bearer X``); ``fake.tokens``
maps each token to who it is and what it may do (see ``DEFAULT_TOKENS``): an unknown
token gets 401 "Bad credentials", a write without ``write`` 403 "Resource not accessible
by integration", a team read 403 or 404 depending on ``teams``.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple, TypeVar
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from tests.github.contract import Contract, Match, Operation
from tests.github.model import (
    Comment,
    Issue,
    Pull,
    Repo,
    Status,
    User,
    World,
)
from tests.github.render import Render

T = TypeVar("T")
GHES_PREFIX = "/api/v3"
API_VERSION = "2022-11-28"
DOCS = "https://docs.github.com/rest"

# Who each token is. "write": may create and edit comments, statuses, issues;
# "teams": what reading a team membership gets: "read", "forbidden" (403, as a GitHub
# Actions token gets) or "not_found" (404, as a token without read:org gets);
# "repos": the repositories it may see (default: all).
DEFAULT_TOKENS: dict[str, dict[str, Any]] = {
    # GITHUB_TOKEN in a workflow on a pull request from the same repository
    "ghs_actions": {"login": "github-actions[bot]", "type": "Bot", "write": True},
    # GITHUB_TOKEN on a pull request from a fork: read-only
    "ghs_readonly": {"login": "github-actions[bot]", "type": "Bot", "write": False},
    # a maintainer's token that can read the organisation's teams
    "ghp_maintainer": {"login": "maintainer", "type": "User", "write": True, "teams": "read"},
}


# ---- canned replies ------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """A response to serve instead of the normal one (see ``FakeGitHub.fail``).

    ``status=None`` keeps the normal status; ``transform`` gets the normal JSON body and
    returns the one to send (to make a response GitHub would never send, for example).
    ``body`` may be JSON data or a ``str`` sent as ``content_type``.
    """

    status: int | None = None
    body: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)
    transform: Callable[[Any], Any] | None = None
    content_type: str = "application/json; charset=utf-8"


_SERVER_ERRORS: dict[int, tuple[str, Any]] = {
    500: ("application/json; charset=utf-8", {"message": "Server Error"}),
    502: (
        "text/html; charset=utf-8",
        "<html><body><h1>Unicorn!</h1><p>This page is taking too long to load.</p>"
        "<p>Sorry about that. Please try refreshing and contact us if the problem "
        "persists.</p></body></html>\n",
    ),
    503: (
        "application/json; charset=utf-8",
        {
            "message": "No server is currently available to service your request. Sorry "
            "about that. Please try resubmitting your request and contact us if the "
            "problem persists."
        },
    ),
    504: (
        "application/json; charset=utf-8",
        {
            "message": "We couldn't respond to your request in time. Sorry about that. "
            "Please try resubmitting your request and contact us if the problem persists."
        },
    ),
}


def server_error(status: int = 502) -> Reply:
    """What GitHub's front end sends when it fails: 500, 502 (an HTML page), 503, 504."""
    content_type, body = _SERVER_ERRORS[status]
    return Reply(status, body, content_type=content_type)


def primary_rate_limit(reset_in: int = 60, *, who: str = "installation ID 1") -> Reply:
    """403 with ``x-ratelimit-remaining: 0`` and the reset time, as GitHub sends when the
    hourly quota is spent (``who``: "installation ID 1", "user ID 1"…)."""
    reset = int(time.time()) + reset_in
    return Reply(
        403,
        {
            "message": f"API rate limit exceeded for {who}. If you reach out to GitHub "
            "Support for help, please include the request ID 0000:FAKE.",
            "documentation_url": f"{DOCS}/overview/rate-limits-for-the-rest-api",
        },
        {
            "x-ratelimit-limit": "5000",
            "x-ratelimit-remaining": "0",
            "x-ratelimit-used": "5000",
            "x-ratelimit-reset": str(reset),
            "x-ratelimit-resource": "core",
        },
    )


def secondary_rate_limit(retry_after: int = 60) -> Reply:
    """403 with ``retry-after``, as GitHub sends on too many requests at once."""
    return Reply(
        403,
        {
            "message": "You have exceeded a secondary rate limit. Please wait a few minutes "
            "before you try again. If you reach out to GitHub Support for help, please "
            "include the request ID 0000:FAKE.",
            "documentation_url": f"{DOCS}/overview/rate-limits-for-the-rest-api"
            "#about-secondary-rate-limits",
        },
        {"retry-after": str(retry_after)},
    )


def too_many_requests(retry_after: int = 1) -> Reply:
    """429 with ``retry-after``."""
    return Reply(
        429,
        {
            "message": "You have exceeded a secondary rate limit. Please wait a few minutes "
            "before you try again.",
            "documentation_url": f"{DOCS}/overview/rate-limits-for-the-rest-api"
            "#about-secondary-rate-limits",
        },
        {"retry-after": str(retry_after)},
    )


def _as_reply(reply: Reply | int) -> Reply:
    if isinstance(reply, Reply):
        return reply
    if reply in _SERVER_ERRORS:
        return server_error(reply)
    if reply == 429:
        return too_many_requests()
    return Reply(reply, {"message": HTTPStatus(reply).phrase, "documentation_url": DOCS})


# ---- the log ---------------------------------------------------------------------------------


class Request(NamedTuple):
    """One request as the fake understood it; ``path`` has no ``/api/v3`` prefix and is
    percent-decoded, ``query`` holds the last value of each parameter, ``body`` is the
    parsed JSON body or None."""

    method: str
    path: str
    query: dict[str, str]
    body: Any


@dataclass
class Exchange:
    """A request and the response it got, with headers (``fake.log``)."""

    request: Request
    headers: dict[str, str]  # request headers, lower-cased names
    prefix: str
    token: str | None
    status: int = 0
    response_headers: dict[str, str] = field(default_factory=dict)
    response: Any = None


class GitHubError(Exception):
    """Raised by a route to answer with an error, as GitHub would."""

    def __init__(
        self, status: int, message: str, *, errors: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors


@dataclass
class Identity:
    token: str
    user: User
    write: bool
    teams: str
    repos: list[str] | None


@dataclass
class Result:
    status: int
    body: Any  # JSON data, bytes (raw), or None
    headers: dict[str, str] = field(default_factory=dict)
    media_type: str = "application/json"


@dataclass
class Context:
    method: str
    path: str  # raw path without prefix, no query
    query: dict[str, str]
    body: Any
    headers: dict[str, str]
    prefix: str
    operation: Operation
    params: dict[str, str]
    identity: Identity | None
    render: Render
    link_base: str  # scheme://host:port + prefix


# ---- the server ------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeGitHub


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    timeout = 10  # idle keep-alive connections close after this
    # Headers and body go out in two writes: with Nagle's algorithm the body waits for the
    # client's delayed ACK of the headers, 40 ms on every request of a keep-alive connection.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self.server.fake._serve(self)

    do_POST = do_PATCH = do_PUT = do_DELETE = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        pass


class FakeGitHub(World):
    """The fake GitHub: the model (``World``) served over HTTP. Start it with ``start()``
    or use it as a context manager; the ``github`` fixture does both."""

    def __init__(self, contract: Contract | None = None) -> None:
        super().__init__()
        self.contract = contract or Contract.load()
        self.lock = threading.RLock()
        self.tokens: dict[str, dict[str, Any]] = {k: dict(v) for k, v in DEFAULT_TOKENS.items()}
        self.token = "ghs_actions"
        self.requests: list[Request] = []
        self.log: list[Exchange] = []
        self.errors: list[str] = []
        self.outage: bool | int = False
        self.ratelimit_limit = 5000
        self.ratelimit_remaining = 5000
        self.ratelimit_reset = int(time.time()) + 3600
        self._faults: list[tuple[str, re.Pattern[str], deque[Reply]]] = []
        self._outage_count = 0
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    # ---- lifecycle -----------------------------------------------------------------------

    def start(self, host: str = "127.0.0.1", port: int = 0) -> FakeGitHub:
        server = _Server((host, port), _Handler)
        server.fake = self
        self._server = server
        self.url = f"http://{host}:{server.server_address[1]}"
        # A short poll interval: stop() (shutdown) waits up to one interval.
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.01}, name="fake-github"
        )
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeGitHub:
        return self.start() if self._server is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url_ghes(self) -> str:
        """The same API under GitHub Enterprise Server's prefix."""
        return self.url + GHES_PREFIX

    # ---- arranging faults, reading the log -----------------------------------------------

    def fail(
        self,
        method: str,
        path: str,
        responses: Sequence[Reply | int] = (502,),
        times: int = 1,
    ) -> None:
        """Answer the next matching requests with RESPONSES (in order, the whole list
        TIMES over), then normally again. METHOD is "GET", "POST"… or "*"; PATH is a
        regular expression searched in the request's path (no prefix, no query). An int
        stands for GitHub's usual body with that status (``server_error`` for 5xx)."""
        replies = deque(_as_reply(reply) for reply in list(responses) * times)
        with self.lock:
            self._faults.append((method.upper(), re.compile(path), replies))

    def calls(self, method: str | None = None, path: str | None = None) -> list[Request]:
        """The requests so far with this METHOD and a path matching the PATH regex."""
        with self.lock:
            return [
                r
                for r in self.requests
                if (method is None or r.method == method.upper())
                and (path is None or re.search(path, r.path))
            ]

    def count(self, method: str | None = None, path: str | None = None) -> int:
        return len(self.calls(method, path))

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)

    # ---- serving -------------------------------------------------------------------------

    def _serve(self, handler: _Handler) -> None:
        split = urlsplit(handler.path)
        raw_path = split.path
        prefix = ""
        if raw_path == GHES_PREFIX or raw_path.startswith(GHES_PREFIX + "/"):
            prefix, raw_path = GHES_PREFIX, raw_path[len(GHES_PREFIX) :] or "/"
        query = dict(parse_qsl(split.query, keep_blank_values=True))
        headers = {name.lower(): value for name, value in handler.headers.items()}
        length = int(headers.get("content-length") or 0)
        payload = handler.rfile.read(length) if length else b""
        method = handler.command
        label = f"{method} {prefix}{raw_path}"
        if "chunked" in headers.get("transfer-encoding", ""):
            self.error(f"{label}: a chunked body (the fake reads Content-Length bodies only)")

        body: Any = None
        bad_json = False
        if payload:
            try:
                body = json.loads(payload)
            except ValueError:
                bad_json = True

        token = _token(headers.get("authorization", ""))
        request = Request(method, unquote(raw_path), query, body)
        exchange = Exchange(request, headers, prefix, token)
        with self.lock:
            self.requests.append(request)
            self.log.append(exchange)
            self.ratelimit_remaining = max(0, self.ratelimit_remaining - 1)
            if bad_json:
                self.errors.append(f"{label}: the body is not JSON: {payload[:100]!r}")
                result = _error(400, "Problems parsing JSON", DOCS)
            else:
                try:
                    result = self._respond(method, raw_path, query, body, headers, prefix, label)
                except Exception:  # a bug in the fake: say so, and answer like GitHub would
                    self.errors.append(f"{label}: the fake failed:\n{traceback.format_exc()}")
                    result = _error(500, "Server Error", DOCS)
            response_headers = self._headers(result)
            # Logged before sending: a client may look at the log as soon as it has read.
            exchange.status = result.status
            exchange.response_headers = response_headers
            exchange.response = result.body
        self._send(handler, result, response_headers)

    def _headers(self, result: Result) -> dict[str, str]:
        used = self.ratelimit_limit - self.ratelimit_remaining
        headers = {
            "x-github-api-version-selected": API_VERSION,
            "x-github-media-type": "github.v3; format=json",
            "x-github-request-id": f"FAKE:{len(self.requests):06X}",
            "x-ratelimit-limit": str(self.ratelimit_limit),
            "x-ratelimit-remaining": str(self.ratelimit_remaining),
            "x-ratelimit-reset": str(self.ratelimit_reset),
            "x-ratelimit-used": str(used),
            "x-ratelimit-resource": "core",
        }
        if result.body is not None:
            headers["content-type"] = "application/json; charset=utf-8"
        headers.update(result.headers)
        return headers

    def _send(self, handler: _Handler, result: Result, headers: dict[str, str]) -> None:
        data: bytes
        if result.body is None:
            data = b""
        elif isinstance(result.body, bytes):
            data = result.body
        elif isinstance(result.body, str) and "json" not in headers.get("content-type", "json"):
            data = result.body.encode("utf-8")
        else:
            data = json.dumps(result.body, ensure_ascii=False).encode("utf-8")
        handler.send_response(result.status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("content-length", str(len(data)))
        handler.end_headers()
        if data and handler.command != "HEAD":
            handler.wfile.write(data)

    def _respond(
        self,
        method: str,
        raw_path: str,
        query: dict[str, str],
        body: Any,
        headers: dict[str, str],
        prefix: str,
        label: str,
    ) -> Result:
        match = self.contract.match(method, raw_path)
        if self.outage:
            self._outage_count += 1
            status = self.outage if not isinstance(self.outage, bool) else 502
            if self.outage is True and self._outage_count % 2 == 0:
                status = 503
            return self._canned(_as_reply(status), None, label, match)
        path = unquote(raw_path)
        for index, (verb, pattern, replies) in enumerate(self._faults):
            if verb in ("*", method) and pattern.search(path) and replies:
                reply = replies.popleft()
                if not replies:
                    del self._faults[index]
                if reply.status is None or reply.transform is not None:
                    normal = self._normal(method, raw_path, query, body, headers, prefix, label)
                    return self._canned(reply, normal, label, match)
                return self._canned(reply, None, label, match)
        return self._normal(method, raw_path, query, body, headers, prefix, label)

    def _canned(
        self, reply: Reply, normal: Result | None, label: str, match: Match | None
    ) -> Result:
        status = reply.status if reply.status is not None else (normal.status if normal else 200)
        response: Any = reply.body
        if reply.transform is not None:
            response = reply.transform(json.loads(json.dumps(normal.body)) if normal else None)
        headers = {"content-type": reply.content_type, **reply.headers}
        if normal is not None and reply.status is None:
            headers = {**normal.headers, **reply.headers}
        result = Result(status, response, headers)
        if match is not None and "json" in headers.get("content-type", "json"):
            self._check_response(match.operation, result, label)
        return result

    def _normal(
        self,
        method: str,
        raw_path: str,
        query: dict[str, str],
        body: Any,
        headers: dict[str, str],
        prefix: str,
        label: str,
    ) -> Result:
        match = self.contract.match(method, raw_path)
        if match is None:
            known = self.contract.has_path(raw_path)
            what = "method" if known else "route"
            self.errors.append(
                f"{label}: not in the fake's GitHub subset (unknown {what}); GitHub's "
                "description is in tests/github/openapi/, the routes in fake.py"
            )
            return _error(404, "Not Found", DOCS)
        operation = match.operation
        docs = operation.spec.get("externalDocs", {}).get("url", DOCS)
        web = "https://github.com" if not prefix else self.url
        render = Render(self, self.url + prefix, web)
        for problem in self.contract.check_query(operation, query):
            self.errors.append(f"{label}: {problem}")
        identity: Identity | None = None
        token = _token(headers.get("authorization", ""))
        if token is not None:
            found = self._identity(token)
            if found is None:
                return self._finish(operation, _error(401, "Bad credentials", DOCS), label)
            identity = found
        body_problems = self.contract.check_request_body(operation, body)
        for problem in body_problems:
            self.errors.append(f"{label}: {problem}")
        blocking = [p for p in body_problems if "GitHub would ignore it" not in p]
        if blocking:
            detail = blocking[0].split(": ", 1)[-1]
            return self._finish(
                operation, _error(422, f"Invalid request.\n\n{detail}", docs), label
            )
        context = Context(
            method,
            raw_path,
            query,
            body,
            headers,
            prefix,
            operation,
            match.params,
            identity,
            render,
            self.url + prefix,
        )
        route = ROUTES.get(operation.operation_id)
        if route is None:
            self.errors.append(f"{label}: {operation.key} is in the subset but not served")
            return _error(404, "Not Found", docs)
        try:
            result = route(self, context)
        except GitHubError as failure:
            result = _error(failure.status, failure.message, docs, failure.errors)
        return self._finish(operation, result, label)

    def _finish(self, operation: Operation, result: Result, label: str) -> Result:
        self._check_response(operation, result, label)
        return result

    def _check_response(self, operation: Operation, result: Result, label: str) -> None:
        if isinstance(result.body, bytes):
            return  # a raw media type: no JSON to check
        for problem in self.contract.check_response(
            operation, result.status, result.media_type, result.body
        ):
            self.errors.append(f"{label}: response: {problem}")

    def _identity(self, token: str) -> Identity | None:
        config = self.tokens.get(token)
        if config is None:
            return None
        kind = config.get("type", "Bot" if str(config["login"]).endswith("[bot]") else "User")
        user = self.user(config["login"], type=kind)
        teams = config.get("teams", "forbidden" if user.is_bot else "read")
        assert teams in ("read", "forbidden", "not_found"), teams
        return Identity(token, user, bool(config.get("write", False)), teams, config.get("repos"))

    # ---- helpers for routes --------------------------------------------------------------

    def _repo(self, ctx: Context) -> Repo:
        name = f"{ctx.params['owner']}/{ctx.params['repo']}"
        repo = self.repos.get(name)
        if repo is None:
            # GitHub matches owner and repository names without regard to case.
            repo = next((r for n, r in self.repos.items() if n.lower() == name.lower()), None)
        if repo is None:
            raise GitHubError(404, "Not Found")
        if ctx.identity is None:
            visible = not repo.private
        else:
            visible = ctx.identity.repos is None or repo.full_name in ctx.identity.repos
        if not visible:  # GitHub does not tell a hidden repository from a missing one
            raise GitHubError(404, "Not Found")
        return repo

    def _write(self, ctx: Context) -> Identity:
        if ctx.identity is None:
            raise GitHubError(401, "Requires authentication")
        if not ctx.identity.write:
            raise GitHubError(403, "Resource not accessible by integration")
        return ctx.identity

    def _issue(self, ctx: Context, repo: Repo) -> Issue:
        issue = repo.issues.get(int(ctx.params["issue_number"]))
        if issue is None:
            raise GitHubError(404, "Not Found")
        return issue

    def _pull(self, ctx: Context, repo: Repo) -> Pull:
        pull = repo.pulls.get(int(ctx.params["pull_number"]))
        if pull is None:
            raise GitHubError(404, "Not Found")
        return pull

    def _paginate(
        self, ctx: Context, items: Sequence[T], *, default: int = 30, maximum: int = 100
    ) -> tuple[list[T], dict[str, str]]:
        """GitHub's pagination: ``per_page`` (capped), ``page``, and a Link header."""
        per_page = _int(ctx.query.get("per_page"), default)
        per_page = default if per_page < 1 else min(per_page, maximum)
        page = max(_int(ctx.query.get("page"), 1), 1)
        last = max(1, math.ceil(len(items) / per_page))
        chunk = list(items[(page - 1) * per_page : page * per_page])
        links = []
        if page > 1:
            links.append((min(page - 1, last), "prev"))
        if page < last:
            links += [(page + 1, "next"), (last, "last")]
        if page > 1:
            links.append((1, "first"))
        if not links:
            return chunk, {}
        url = ctx.link_base + ctx.path

        def at(number: int) -> str:
            query = {k: v for k, v in ctx.query.items() if k != "page"}
            query["page"] = str(number)
            return f"<{url}?{urlencode(query)}>"

        return chunk, {"link": ", ".join(f'{at(n)}; rel="{rel}"' for n, rel in links)}


def _token(authorization: str) -> str | None:
    scheme, _, value = authorization.strip().partition(" ")
    if scheme.lower() in ("token", "bearer") and value.strip():
        return value.strip()
    return None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _error(
    status: int, message: str, docs: str, errors: list[dict[str, Any]] | None = None
) -> Result:
    body: dict[str, Any] = {"message": message, "documentation_url": docs, "status": str(status)}
    if errors is not None:
        body["errors"] = errors
    return Result(status, body)


def _validation_failed(resource: str, field_name: str, message: str) -> GitHubError:
    error = {"resource": resource, "code": "custom", "field": field_name, "message": message}
    return GitHubError(422, "Validation Failed", errors=[error])


def _since(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise GitHubError(422, "Invalid value for `since`") from None


# ---- routes, one per operation ---------------------------------------------------------------

Route = Callable[[FakeGitHub, Context], Result]
ROUTES: dict[str, Route] = {}


def route(operation_id: str) -> Callable[[Route], Route]:
    def register(function: Route) -> Route:
        ROUTES[operation_id] = function
        return function

    return register


@route("users/get-authenticated")
def get_authenticated_user(fake: FakeGitHub, ctx: Context) -> Result:
    if ctx.identity is None:
        raise GitHubError(401, "Requires authentication")
    if ctx.identity.user.is_bot:
        # An installation token (GITHUB_TOKEN) is not a user.
        raise GitHubError(403, "Resource not accessible by integration")
    return Result(200, ctx.render.public_user(ctx.identity.user))


@route("repos/get")
def get_repo(fake: FakeGitHub, ctx: Context) -> Result:
    return Result(200, ctx.render.repo(fake._repo(ctx), full=True))


RAW_TYPES = ("application/vnd.github.raw", "application/vnd.github.v3.raw")
OBJECT_TYPES = ("application/vnd.github.object", "application/vnd.github.v3.object")


@route("repos/get-content")
def get_content(fake: FakeGitHub, ctx: Context) -> Result:
    repo = fake._repo(ctx)
    ref = ctx.query.get("ref") or repo.default_branch
    sha = repo.resolve(ref)
    if sha is None:
        if not repo.commits:
            raise GitHubError(404, "This repository is empty.")
        raise GitHubError(404, f"No commit found for the ref {ref}")
    tree = repo.commits[sha].tree
    path = ctx.params["path"].strip("/")
    accept = ctx.headers.get("accept", "").lower()
    if path in tree:
        if any(kind in accept for kind in RAW_TYPES):
            media = "application/vnd.github.raw; charset=utf-8"
            return Result(200, tree[path], {"content-type": media}, media_type="raw")
        body = ctx.render.content_file(repo, tree, path, ref)
        if any(kind in accept for kind in OBJECT_TYPES):
            return Result(200, body, media_type="application/vnd.github.object")
        return Result(200, body)
    prefix = f"{path}/" if path else ""
    children = sorted(
        {name[len(prefix) :].split("/", 1)[0] for name in tree if name.startswith(prefix)}
    )
    if not children:
        raise GitHubError(404, "Not Found")
    entries = [ctx.render.content_entry(repo, tree, prefix + child, ref) for child in children]
    if any(kind in accept for kind in OBJECT_TYPES):
        body = {**ctx.render.content_entry(repo, tree, path, ref), "entries": entries}
        if not path:
            body |= {"name": "", "path": ""}
        return Result(200, body, media_type="application/vnd.github.object")
    return Result(200, entries)


@route("pulls/list")
def list_pulls(fake: FakeGitHub, ctx: Context) -> Result:
    """Newest first; ``state`` (open, closed, all), ``head`` ("owner:branch": a fork's
    branch is named by the fork's owner) and ``base`` filter as on GitHub."""
    repo = fake._repo(ctx)
    state = ctx.query.get("state", "open")
    if state not in ("open", "closed", "all"):
        raise _validation_failed("PullRequest", "state", f"{state} is not a valid state")
    pulls = [p for p in repo.pulls.values() if state == "all" or p.state == state]
    head = ctx.query.get("head")
    if head:
        owner, _, branch = head.rpartition(":")
        pulls = [
            p
            for p in pulls
            if p.head_ref == branch
            and (p.head_repo or repo).owner.login.lower() == (owner or repo.owner.login).lower()
        ]
    if ctx.query.get("base"):
        pulls = [p for p in pulls if p.base_ref == ctx.query["base"]]
    pulls.sort(key=lambda p: p.number, reverse=True)
    chunk, headers = fake._paginate(ctx, pulls)
    return Result(200, [ctx.render.pull(p, simple=True) for p in chunk], headers)


@route("pulls/get")
def get_pull(fake: FakeGitHub, ctx: Context) -> Result:
    return Result(200, ctx.render.pull(fake._pull(ctx, fake._repo(ctx))))


@route("pulls/list-files")
def list_pull_files(fake: FakeGitHub, ctx: Context) -> Result:
    repo = fake._repo(ctx)
    pull = fake._pull(ctx, repo)
    files = pull.files()[:3000]  # GitHub lists at most 3000 files
    chunk, headers = fake._paginate(ctx, files)
    return Result(200, [ctx.render.diff_entry(repo, pull.head_sha, f) for f in chunk], headers)


@route("pulls/list-commits")
def list_pull_commits(fake: FakeGitHub, ctx: Context) -> Result:
    repo = fake._repo(ctx)
    pull = fake._pull(ctx, repo)
    commits = pull.commits()[:250]  # GitHub lists at most 250 commits
    chunk, headers = fake._paginate(ctx, commits)
    return Result(200, [ctx.render.commit(repo, c) for c in chunk], headers)


@route("pulls/list-reviews")
def list_reviews(fake: FakeGitHub, ctx: Context) -> Result:
    repo = fake._repo(ctx)
    pull = fake._pull(ctx, repo)
    me = ctx.identity.user if ctx.identity else None
    # A pending review is visible to its author only.
    reviews = [r for r in pull.reviews if r.state != "PENDING" or r.user is me]
    chunk, headers = fake._paginate(ctx, reviews)
    return Result(200, [ctx.render.review(pull, r) for r in chunk], headers)


def _compare_side(fake: FakeGitHub, repo: Repo, side: str) -> str:
    target = repo
    if ":" in side:
        owner, _, side = side.partition(":")
        network = [r for r in fake.repos.values() if r.commits is repo.commits]
        found = next((r for r in network if r.owner.login.lower() == owner.lower()), None)
        if found is None:
            raise GitHubError(404, "Not Found")
        target = found
    sha = target.resolve(side)
    if sha is None:
        raise GitHubError(404, "Not Found")
    return sha


@route("repos/compare-commits-with-basehead")
def compare(fake: FakeGitHub, ctx: Context) -> Result:
    repo = fake._repo(ctx)
    base, dots, head = ctx.params["basehead"].partition("...")
    if not dots:
        raise GitHubError(404, "Not Found")
    comparison = repo.compare(_compare_side(fake, repo, base), _compare_side(fake, repo, head))
    if "page" in ctx.query or "per_page" in ctx.query:
        # Pages of commits; files come with the first page only.
        commits, headers = fake._paginate(ctx, comparison.commits, default=250, maximum=1000)
        first = _int(ctx.query.get("page"), 1) <= 1
    else:
        commits, headers, first = comparison.commits[:250], {}, True
    return Result(200, ctx.render.comparison(repo, comparison, commits, first), headers)


@route("teams/get-membership-for-user-in-org")
def team_membership(fake: FakeGitHub, ctx: Context) -> Result:
    if ctx.identity is None:
        raise GitHubError(404, "Not Found")
    if ctx.identity.teams == "forbidden":
        raise GitHubError(403, "Resource not accessible by integration")
    if ctx.identity.teams == "not_found":
        raise GitHubError(404, "Not Found")
    team = next(
        (
            t
            for (org, slug), t in fake.teams.items()
            if org.lower() == ctx.params["org"].lower() and slug == ctx.params["team_slug"]
        ),
        None,
    )
    login = next(
        (m for m in (team.members if team else {}) if m.lower() == ctx.params["username"].lower()),
        None,
    )
    if team is None or login is None:
        raise GitHubError(404, "Not Found")
    return Result(200, ctx.render.team_membership(team, login))


@route("teams/get-by-name")
def get_team(fake: FakeGitHub, ctx: Context) -> Result:
    if ctx.identity is None or ctx.identity.teams == "not_found":
        raise GitHubError(404, "Not Found")
    if ctx.identity.teams == "forbidden":
        raise GitHubError(403, "Resource not accessible by integration")
    org, slug = ctx.params["org"].lower(), ctx.params["team_slug"]
    team = next((t for (o, s), t in fake.teams.items() if o.lower() == org and s == slug), None)
    if team is None:
        raise GitHubError(404, "Not Found")
    return Result(200, ctx.render.team(team))


@route("git/list-matching-refs")
def matching_refs(fake: FakeGitHub, ctx: Context) -> Result:
    repo = fake._repo(ctx)
    prefix = "refs/" + ctx.params["ref"]
    refs = sorted(
        (f"refs/heads/{name}", sha)
        for name, sha in repo.branches.items()
        if f"refs/heads/{name}".startswith(prefix)
    )
    return Result(200, [ctx.render.git_ref(repo, ref, sha) for ref, sha in refs])


@route("issues/list-comments")
def list_comments(fake: FakeGitHub, ctx: Context) -> Result:
    issue = fake._issue(ctx, fake._repo(ctx))
    since = _since(ctx.query.get("since"))
    comments = [c for c in issue.comments if since is None or c.updated_at >= since]
    chunk, headers = fake._paginate(ctx, comments)
    return Result(200, [ctx.render.comment(c) for c in chunk], headers)


COMMENT_LIMIT = 65536


@route("issues/create-comment")
def create_comment(fake: FakeGitHub, ctx: Context) -> Result:
    repo = fake._repo(ctx)
    issue = fake._issue(ctx, repo)
    identity = fake._write(ctx)
    text = ctx.body["body"]
    if len(text) > COMMENT_LIMIT:
        raise _validation_failed(
            "IssueComment", "data", f"Body is too long (maximum is {COMMENT_LIMIT} characters)"
        )
    when = fake.tick()
    comment = Comment(fake.next_id("comment"), repo, issue.number, identity.user, text, when, when)
    repo.comments[comment.id] = comment
    body = ctx.render.comment(comment)
    return Result(201, body, {"location": body["url"]})


def _comment(fake: FakeGitHub, ctx: Context) -> tuple[Repo, Comment]:
    repo = fake._repo(ctx)
    comment = repo.comments.get(int(ctx.params["comment_id"]))
    if comment is None:
        raise GitHubError(404, "Not Found")
    return repo, comment


@route("issues/update-comment")
def update_comment(fake: FakeGitHub, ctx: Context) -> Result:
    _, comment = _comment(fake, ctx)
    fake._write(ctx)
    text = ctx.body["body"]
    if len(text) > COMMENT_LIMIT:
        raise _validation_failed(
            "IssueComment", "data", f"Body is too long (maximum is {COMMENT_LIMIT} characters)"
        )
    comment.body = text
    comment.updated_at = fake.tick()
    return Result(200, ctx.render.comment(comment))


@route("issues/delete-comment")
def delete_comment(fake: FakeGitHub, ctx: Context) -> Result:
    repo, comment = _comment(fake, ctx)
    fake._write(ctx)
    del repo.comments[comment.id]
    return Result(204, None)


STATUS_DESCRIPTION_LIMIT = 140
STATUSES_PER_CONTEXT = 1000


@route("repos/create-commit-status")
def create_status(fake: FakeGitHub, ctx: Context) -> Result:
    repo = fake._repo(ctx)
    identity = fake._write(ctx)
    sha = repo.resolve(ctx.params["sha"])
    if sha is None:
        raise GitHubError(422, f"No commit found for SHA: {ctx.params['sha']}")
    description = ctx.body.get("description")
    if description is not None and len(description) > STATUS_DESCRIPTION_LIMIT:
        raise _validation_failed(
            "Status",
            "description",
            f"description is too long (maximum is {STATUS_DESCRIPTION_LIMIT} characters)",
        )
    context_name = ctx.body.get("context") or "default"
    existing = [s for s in repo.statuses.get(sha, []) if s.context == context_name]
    if len(existing) >= STATUSES_PER_CONTEXT:
        raise GitHubError(422, "This SHA and context has reached the maximum number of statuses.")
    when = fake.tick()
    status = Status(
        fake.next_id("status"),
        sha,
        ctx.body["state"],
        context_name,
        description,
        ctx.body.get("target_url"),
        identity.user,
        when,
        when,
    )
    repo.statuses.setdefault(sha, []).append(status)
    body = ctx.render.status(repo, status)
    return Result(201, body, {"location": body["url"]})


@route("repos/list-commits")
def list_commits(fake: FakeGitHub, ctx: Context) -> Result:
    repo = fake._repo(ctx)
    if not repo.commits:
        raise GitHubError(409, "Git Repository is empty.")
    start = ctx.query.get("sha") or repo.default_branch
    sha = repo.resolve(start)
    if sha is None:
        raise GitHubError(404, "Not Found")
    commits = repo.log(sha, ctx.query.get("path") or None)
    author = ctx.query.get("author")
    if author:
        commits = [c for c in commits if c.author and c.author.login.lower() == author.lower()]
    since, until = _since(ctx.query.get("since")), _since(ctx.query.get("until"))
    commits = [
        c
        for c in commits
        if (since is None or c.date >= since) and (until is None or c.date <= until)
    ]
    chunk, headers = fake._paginate(ctx, commits)
    return Result(200, [ctx.render.commit(repo, c) for c in chunk], headers)


@route("repos/list-pull-requests-associated-with-commit")
def pulls_for_commit(fake: FakeGitHub, ctx: Context) -> Result:
    repo = fake._repo(ctx)
    sha = repo.resolve(ctx.params["commit_sha"])
    if sha is None:
        raise GitHubError(422, f"No commit found for SHA: {ctx.params['commit_sha']}")
    chunk, headers = fake._paginate(ctx, repo.pulls_for_commit(sha))
    return Result(200, [ctx.render.pull(p, simple=True) for p in chunk], headers)


@route("issues/list-for-repo")
def list_issues(fake: FakeGitHub, ctx: Context) -> Result:
    repo = fake._repo(ctx)
    query = ctx.query
    state = query.get("state", "open")
    issues: Iterable[Issue] = repo.issues.values()
    if state != "all":
        issues = [i for i in issues if i.state == state]
    if query.get("labels"):
        wanted = {name.strip() for name in query["labels"].split(",") if name.strip()}
        issues = [i for i in issues if wanted <= set(i.labels)]
    if query.get("creator"):
        issues = [i for i in issues if i.user.login.lower() == query["creator"].lower()]
    if query.get("assignee") not in (None, "*", "none"):
        issues = [i for i in issues if query["assignee"] in i.assignees]
    elif query.get("assignee") == "none":
        issues = [i for i in issues if not i.assignees]
    elif query.get("assignee") == "*":
        issues = [i for i in issues if i.assignees]
    since = _since(query.get("since"))
    if since is not None:
        issues = [i for i in issues if i.updated_at >= since]
    sort = query.get("sort", "created")
    keys: dict[str, Callable[[Issue], Any]] = {
        "created": lambda i: (i.created_at, i.number),
        "updated": lambda i: (i.updated_at, i.number),
        "comments": lambda i: (len(i.comments), i.number),
    }
    ordered = sorted(issues, key=keys.get(sort, keys["created"]))
    if query.get("direction", "desc") == "desc":
        ordered.reverse()
    chunk, headers = fake._paginate(ctx, ordered)
    return Result(200, [ctx.render.issue(i) for i in chunk], headers)


@route("issues/get")
def get_issue(fake: FakeGitHub, ctx: Context) -> Result:
    return Result(200, ctx.render.issue(fake._issue(ctx, fake._repo(ctx))))


def _labels(repo: Repo, given: Iterable[Any]) -> list[str]:
    names = [item["name"] if isinstance(item, dict) else str(item) for item in given]
    return [repo.label(name).name for name in dict.fromkeys(names)]


def _assignees(fake: FakeGitHub, given: Iterable[Any]) -> list[str]:
    logins = [item["login"] if isinstance(item, dict) else str(item) for item in given]
    return [fake.user(login).login for login in dict.fromkeys(logins)]


@route("issues/create")
def create_issue(fake: FakeGitHub, ctx: Context) -> Result:
    repo = fake._repo(ctx)
    identity = fake._write(ctx)
    data = ctx.body
    issue = repo.add_issue(
        str(data["title"]),
        data.get("body"),
        author=identity.user.login,
        labels=_labels(repo, data.get("labels") or []),
    )
    issue.assignees = _assignees(fake, data.get("assignees") or [])
    if data.get("assignee"):
        issue.assignees = _assignees(fake, [data["assignee"], *issue.assignees])
    body = ctx.render.issue(issue)
    return Result(201, body, {"location": body["url"]})


@route("issues/update")
def update_issue(fake: FakeGitHub, ctx: Context) -> Result:
    repo = fake._repo(ctx)
    issue = fake._issue(ctx, repo)
    fake._write(ctx)
    data = ctx.body or {}
    if data.get("title") is not None:
        issue.title = str(data["title"])
    if "body" in data:
        issue.body = data["body"]
    if data.get("labels") is not None:
        issue.labels = _labels(repo, data["labels"])
    if data.get("assignees") is not None:
        issue.assignees = _assignees(fake, data["assignees"])
    state = data.get("state")
    if state == "closed" and issue.state != "closed":
        issue.close(data.get("state_reason") or "completed")
    elif state == "open" and issue.state != "open":
        issue.state, issue.closed_at = "open", None
        issue.state_reason = "reopened"
    issue.updated_at = fake.tick()
    return Result(200, ctx.render.issue(issue))


__all__ = [
    "DEFAULT_TOKENS",
    "Exchange",
    "FakeGitHub",
    "GitHubError",
    "Reply",
    "Request",
    "primary_rate_limit",
    "secondary_rate_limit",
    "server_error",
    "too_many_requests",
]
